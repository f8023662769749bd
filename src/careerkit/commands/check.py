"""`careerkit check`: list every problem in the notes, like a compiler (and as a pre-commit hook)."""

from pathlib import Path
from typing import Optional

import typer

from careerkit.commands.options import echo_line, print_json, repository, today_option, today_param


def check(
    ctx: typer.Context,
    paths: Optional[list[Path]] = typer.Argument(  # noqa: UP045 - typer reads the annotation
        None, metavar="[PATH]...", help="Only these files or folders (default: the whole notes repository)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of {file, line, severity, message}."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    today: Optional[str] = today_param(used=False),  # noqa: UP045
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
