"""`careerkit init`: make a notes repository."""

from pathlib import Path
from typing import Annotated

import typer

from careerkit.commands.options import TodayNotUsed, global_options, today_option


def init(
    ctx: typer.Context,
    path: Annotated[
        Path | None, typer.Argument(metavar="[PATH]", help="Where to make it (default: --root, or the current folder).")
    ] = None,
    git: Annotated[
        bool, typer.Option("--git/--no-git", help="Run `git init` when the folder is not in a git repository.")
    ] = True,
    today: TodayNotUsed = None,
) -> None:
    """Make a notes repository: careerkit.yaml, people/, templates/ (and git). Safe to run twice."""
    from careerkit.writing.init import init as make

    today_option(today)

    target = path or Path(global_options(ctx).root or ".")
    result = make(target, use_git=git)
    for name in result.created:
        typer.echo(f"created {name}")
    for name in result.existing:
        typer.echo(f"kept    {name} (already there)")
    typer.echo(result.git)
    typer.echo('Next: careerkit add "Their Name", then careerkit new story PERSON')
