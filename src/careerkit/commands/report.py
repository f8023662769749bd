"""`careerkit report`: the team, or one person's own page, as a static HTML file."""

from pathlib import Path
from typing import Annotated

import typer

from careerkit.commands.options import Today, report_problems, repository, today_option

DEFAULT_TEAM = "careerkit-report.html"


def report(
    ctx: typer.Context,
    people: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PERSON]...", help="Only these people (slug or name); people who left appear only when named."
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help=f"Where to write the page (default: {DEFAULT_TEAM}, or careerkit-PERSON.html with --for).",
        ),
    ] = None,
    for_person: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar="PERSON",
            help="Only PERSON's own page, for them: your promises, their values, dreams, plan, steps and own words.",
        ),
    ] = None,
    with_notes: Annotated[
        bool, typer.Option("--with-notes", help="Also show what notes say (their first lines); never with --for.")
    ] = False,
    today: Today = None,
) -> None:
    """Write the team's career conversations as one HTML page to open in a browser (no network, no script)."""
    from careerkit.errors import CareerkitError, UsageError
    from careerkit.fs import safe as fsutil
    from careerkit.views import report as reports

    if for_person is not None and people:
        raise UsageError("give either PERSON... or --for PERSON, not both")
    if for_person is not None and with_notes:
        raise UsageError("--with-notes cannot be used with --for: a person's own page never shows notes")
    day = today_option(today)
    repo = repository(ctx)
    slug = repo.resolve_person(for_person) if for_person is not None else None
    slugs = [slug] if slug else (list(dict.fromkeys(repo.resolve_person(p) for p in people)) if people else None)
    shown = output or (f"careerkit-{slug}.html" if slug else DEFAULT_TEAM)
    # Before the page is built: never through a link at that name (a cloned repository may plant one), never a
    # pipe, never under people/ or .git; and an existing file only when it is a page careerkit wrote.
    target = fsutil.writable(Path(shown), repo.root, fsutil.EXPORT)
    if target.exists() and not reports.is_report(target):
        raise CareerkitError(f"{shown}: exists and is not a careerkit report; not overwritten")
    team = repo.load(slugs)
    if slug:
        from careerkit.views import own

        html = own.render(own.build(team.people[0], team, day), reports.GENERATOR)
    else:
        html = reports.render(reports.build_team(team, day, with_notes=with_notes, named=bool(people)))
    fsutil.write_private(Path(shown), html.encode("utf-8"), repo.root, fsutil.EXPORT)
    typer.echo(shown)
    report_problems(team.errors)
    if team.errors:
        raise typer.Exit(1)
