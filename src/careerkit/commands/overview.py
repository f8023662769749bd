"""`careerkit due`, `agenda`, `status` and `log`: what needs attention, for people and scripts."""

from typing import Any, Optional

import typer

from careerkit.commands.common import (
    TODAY_HELP,
    echo_line,
    notes,
    print_json,
    report_problems,
    reports_errors,
    style,
    today_option,
    use_colour,
)
from careerkit.printable import printable, printable_values

JSON_HELP = "Print JSON for scripts instead of text."


def _load(ctx: typer.Context, people: list[str] | None, condensed: bool = False) -> tuple[Any, Any]:
    """The notes and what was read of them (only `people`, when named; see `Notes.load` for `condensed`)."""
    repo = notes(ctx)
    slugs = None if not people else list(dict.fromkeys(repo.resolve_person(p) for p in people))
    return repo, repo.load(slugs, condensed=condensed)


def _finish(team: Any, fail: bool = False) -> None:
    report_problems(team.errors)
    if team.errors or fail:
        raise typer.Exit(1)


@reports_errors
def due(
    ctx: typer.Context,
    people: Optional[list[str]] = typer.Argument(None, metavar="[PERSON]...", help="Only these people (slug or name)."),  # noqa: UP045
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
    within: int = typer.Option(0, "--within", min=0, metavar="DAYS",
                               help="Also show actions and check-ins due in the next DAYS days."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    fail: bool = typer.Option(False, "--fail", help="Exit 1 when anything is due (for cron and CI)."),
) -> None:
    """What needs attention: overdue and stale actions, due check-ins and conversations."""
    from careerkit.findings import find

    day = today_option(today)
    _, team = _load(ctx, people, condensed=True)
    findings = find(team, day, within)
    if as_json:
        print_json({"today": day.isoformat(), "findings": [f.to_json() for f in findings],
                    "errors": [{"file": p.path, "line": p.line, "message": p.message} for p in team.errors]})
    else:
        _print_findings(team, findings)
    _finish(team, fail and bool(findings))


def _print_findings(team: Any, findings: list[Any]) -> None:
    colour = use_colour()
    if not findings:
        typer.echo("Nothing needs attention." if team.people else "No people yet: careerkit new story <person>")
        return
    names = {person.slug: person.name for person in team.people}
    by_person: dict[str, list[Any]] = {}  # in the order of each person's most urgent finding
    for finding in findings:
        by_person.setdefault(finding.person, []).append(finding)
    lines: list[str] = []
    for slug, theirs in by_person.items():
        lines += [""] if lines else []
        lines.append(style(printable(names[slug]), "bold", colour=colour))
        for finding in theirs:
            tone = "red" if finding.days > 0 else ("yellow" if finding.days == 0 else "cyan")
            # A title with a line break or an escape sequence in it stays on its own line, inert.
            message = style(printable(finding.message), tone, colour=colour)
            file = style(printable(finding.file), "dim", colour=colour)
            lines.append(f"  {message}  {file}")
    typer.echo("\n".join(lines))  # one write: thousands of echo calls cost more than the findings


@reports_errors
def agenda(
    ctx: typer.Context,
    person: str = typer.Argument(..., metavar="PERSON", help="A slug or a name."),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
) -> None:
    """A Markdown agenda for PERSON's next conversation: what they told you, your promises, what to talk about."""
    from careerkit import agenda as agendas

    day = today_option(today)
    _, team = _load(ctx, [person])
    shown = printable_values(team.people[0])  # each value stays on its line, inert
    typer.echo(printable(agendas.to_markdown(agendas.build(shown, team, day)), keep_newlines=True), nl=False)
    _finish(team)


@reports_errors
def status(
    ctx: typer.Context,
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    everyone: bool = typer.Option(False, "--all", help="Also the people who have left (their profile's `left`)."),
) -> None:
    """One row per person: stages reached, last and next conversations, action counts; who is paused."""
    from careerkit.status import rows

    day = today_option(today)
    _, team = _load(ctx, None, condensed=True)
    table = rows(team, day, everyone)
    if as_json:
        print_json([row.to_json() for row in table])
    else:
        _print_table(
            ["person", "stages", "last talk", "last check-in", "next check-in", "open", "due", "stale", ""],
            [[printable(r.name), r.stages, _day(r.last_conversation), _day(r.last_checkin), _day(r.next_checkin),
              str(r.open), str(r.due), str(r.stale), r.away] for r in table],
        )
    _finish(team)


def _day(value: Any) -> str:
    return value.isoformat() if value else "-"


def _print_table(header: list[str], body: list[list[str]]) -> None:
    if not body:
        typer.echo("No people yet: careerkit new story <person>")
        return
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    colour = use_colour()
    heading = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()
    typer.echo(style(heading, "bold", colour=colour))
    for row in body:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


@reports_errors
def log(
    ctx: typer.Context,
    person: str = typer.Argument(..., metavar="PERSON", help="A slug or a name."),
) -> None:
    """PERSON's documents in date order, one line each: the story of their growth so far."""
    from careerkit.history import summarise

    _, team = _load(ctx, [person])
    documents = team.people[0].documents
    if not documents:
        echo_line(f"No documents yet for {team.people[0].name}.")
    for doc in documents:
        echo_line(f"{doc.date}  {doc.stage:<8} {summarise(doc)}  ({doc.path})")
    _finish(team)
