"""`careerkit report`: the team, or one person's own page, as a static HTML file."""

from pathlib import Path
from typing import Optional

import typer

from careerkit.commands.options import report_problems, repository, today_option, today_param

DEFAULT_TEAM = "careerkit-report.html"


def report(
    ctx: typer.Context,
    people: Optional[list[str]] = typer.Argument(  # noqa: UP045 - typer reads the annotation
        None, metavar="[PERSON]...", help="Only these people (slug or name); people who left appear only when named."
    ),
    output: Optional[str] = typer.Option(  # noqa: UP045
        None,
        "-o",
        "--output",
        metavar="FILE",
        help=f"Where to write the page (default: {DEFAULT_TEAM}, or careerkit-PERSON.html with --for, in "
        "careerkit's folder of your cache, outside the notes; the path is printed).",
    ),
    for_person: Optional[str] = typer.Option(  # noqa: UP045
        None,
        "--for",
        metavar="PERSON",
        help="Only PERSON's own page, to give them: values, dreams, plan, actions, your promises; no notes.",
    ),
    with_notes: bool = typer.Option(
        False, "--with-notes", help="Also show what notes say (their first lines); never with --for."
    ),
    today: Optional[str] = today_param(),  # noqa: UP045
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
    if output is None:
        from careerkit.fs.exports import default_output

        output = str(default_output(f"careerkit-{slug}.html" if slug else DEFAULT_TEAM, repo.root))
    shown = output
    # Before the page is built: never through a link at that name (a cloned repository may plant one), never a
    # pipe, never under people/ or .git; and an existing file only when it is a page careerkit wrote.
    target = fsutil.writable(Path(shown), repo.root, fsutil.EXPORT)
    if target.exists() and not reports.is_report(target):
        raise CareerkitError(f"{shown}: exists and is not a careerkit report; not overwritten")
    team = repo.load(slugs)
    page = (
        reports.build_own(team.people[0], team, day)
        if slug
        else reports.build_team(team, day, with_notes=with_notes, named=bool(people))
    )
    fsutil.write_private(Path(shown), reports.render(page).encode("utf-8"), repo.root, fsutil.EXPORT)
    typer.echo(shown)
    report_problems(team.errors)
    if team.errors:
        raise typer.Exit(1)
