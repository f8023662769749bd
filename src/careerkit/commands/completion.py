"""`careerkit completion SHELL`: print the shell's completion script."""

from typing import Annotated

import typer

from careerkit.commands.options import TodayNotUsed, today_option


def completion(
    shell: Annotated[str, typer.Argument(metavar="SHELL", help="bash, zsh or fish.")],
    today: TodayNotUsed = None,
) -> None:
    """Print the completion script for SHELL: commands, options, stages, people and action ids complete on Tab.

    Load it from your shell's start-up file, e.g. in ~/.bashrc: eval "$(careerkit completion bash)"
    (the README says where each shell keeps it).
    """
    from careerkit.commands.completion_answers import SHELLS, script
    from careerkit.errors import UsageError

    today_option(today)
    if shell not in SHELLS:
        raise UsageError(f"unknown shell {shell!r}: use one of {', '.join(SHELLS)}")
    typer.echo(script(shell), nl=False)
