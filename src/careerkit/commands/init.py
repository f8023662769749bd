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
    self_name: Annotated[
        str | None,
        typer.Option(
            "--self",
            metavar="NAME",
            help="Notes of your own career: careerkit speaks to NAME (`self` in careerkit.yaml), with their profile.",
        ),
    ] = None,
    today: TodayNotUsed = None,
) -> None:
    """Make a notes repository: careerkit.yaml, people/, templates/ (and git). Safe to run twice.

    With --self NAME, the notes are NAME's own, for planning their own career."""
    from careerkit.writing.init import init as make

    today_option(today)

    target = path or Path(global_options(ctx).root or ".")
    result = make(target, use_git=git, self_name=self_name)
    for name in result.created:
        typer.echo(f"created {name}")
    for name in result.existing:
        typer.echo(f"kept    {name} (already there)")
    typer.echo(result.git)
    if result.self_slug is None:
        typer.echo('Next: careerkit add "Their Name", then careerkit new story PERSON')
        return
    if result.self_unset:
        typer.echo(f"careerkit.yaml was already there: add `self: {result.self_slug}` to it to make them your notes")
    typer.echo(f"Next: careerkit new story {result.self_slug} (the story of your career so far, in your words)")
