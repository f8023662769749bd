"""`careerkit check`: list every problem in the notes, like a compiler (and as a pre-commit hook)."""

from pathlib import Path
from typing import Annotated

import typer

from careerkit.commands.options import TodayNotUsed, echo_line, print_json, repository, today_option


def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[PATH]...", help="Only these files or folders (default: the whole notes repository)."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON list of {file, line, severity, code, message}.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    today: TodayNotUsed = None,
) -> None:
    """Find every problem in the notes, like a compiler: `path:line: error|warning: message`.

    Checks the documents, profiles and careerkit.yaml (or only the PATHs named). Exits 1 when there is
    an error (or, with --strict, a warning); a one-line summary goes to standard error.
    """
    from careerkit.check.run import line_text, run, to_json

    today_option(today)
    report = run(repository(ctx), paths or [])
    if as_json:
        print_json([to_json(problem) for problem in report.problems])
    else:
        for problem in report.problems:
            echo_line(line_text(problem))
    typer.echo(report.summary(), err=True)
    if report.errors or (strict and report.warnings):
        raise typer.Exit(1)
