"""`careerkit due`, `agenda`, `status` and `log`: what needs attention, for people and scripts."""

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from careerkit.commands.options import (
    NO_PAGER_HELP,
    Today,
    TodayNotUsed,
    echo_line,
    notes,
    print_json,
    report_problems,
    show,
    style,
    today_option,
    use_colour,
)
from careerkit.values.printable import printable, printable_values

if TYPE_CHECKING:
    from careerkit.repository.loader import Notes
    from careerkit.rules.findings import Finding
    from careerkit.values.model import Team

JSON_HELP = "Print JSON for scripts instead of text."


def _load(ctx: typer.Context, people: list[str] | None, condensed: bool = False) -> tuple["Notes", "Team"]:
    """The notes and what was read of them (only `people`, when named; see `Notes.load` for `condensed`)."""
    repo = notes(ctx)
    slugs = None if not people else list(dict.fromkeys(repo.resolve_person(p) for p in people))
    return repo, repo.load(slugs, condensed=condensed)


def _finish(team: "Team", fail: bool = False) -> None:
    report_problems(team.errors)
    if team.errors or fail:
        raise typer.Exit(1)


def due(
    ctx: typer.Context,
    people: Annotated[
        list[str] | None, typer.Argument(metavar="[PERSON]...", help="Only these people (slug or name).")
    ] = None,
    today: Today = None,
    within: Annotated[
        int,
        typer.Option(
            "--within", min=0, metavar="DAYS", help="Also show actions and check-ins due in the next DAYS days."
        ),
    ] = 0,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    fail: Annotated[bool, typer.Option("--fail", help="Exit 1 when anything is due (for cron and CI).")] = False,
    mine: Annotated[
        bool,
        typer.Option(
            "--mine", help="Only your own promises (actions whose owner is the `manager` setting), across the team."
        ),
    ] = False,
    no_pager: Annotated[bool, typer.Option("--no-pager", help=NO_PAGER_HELP)] = False,
) -> None:
    """What needs attention: overdue and stale actions, due check-ins and conversations."""
    from careerkit.rules.findings import find

    day = today_option(today)
    _, team = _load(ctx, people, condensed=True)
    findings = find(team, day, within)
    if mine:
        findings = _promises(team, findings)
    if as_json:
        print_json(
            {"today": day.isoformat(), "findings": [f.to_json() for f in findings], "errors": _errors_json(team)}
        )
    else:
        text = "No promise of yours needs attention.\n" if mine and not findings else _findings_text(team, findings)
        show(text, paged=not no_pager)
    _finish(team, fail and bool(findings))


def _promises(team: "Team", findings: list["Finding"]) -> list["Finding"]:
    """The findings about the manager's own promises: actions whose owner is the `manager` setting."""
    return [f for f in findings if f.action is not None and f.owner == team.settings.manager]


def _errors_json(team: "Team") -> list[dict[str, Any]]:
    """What could not be read, for `--json`: file, line (1-based, or null) and message."""
    return [{"file": p.path, "line": p.line, "message": p.message} for p in team.errors]


def _findings_text(team: "Team", findings: list["Finding"]) -> str:
    colour = use_colour()
    if not findings:
        return "Nothing needs attention.\n" if team.people else "No people yet: careerkit add NAME\n"
    names = {person.slug: person.name for person in team.people}
    by_person: dict[str, list[Finding]] = {}  # in the order of each person's most urgent finding
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
    return "\n".join(lines) + "\n"  # one write: thousands of echo calls cost more than the findings


def agenda(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help="A slug or a name.")],
    today: Today = None,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    no_pager: Annotated[bool, typer.Option("--no-pager", help=NO_PAGER_HELP)] = False,
) -> None:
    """A Markdown agenda for PERSON's next conversation: what they told you, your promises, what to talk about."""
    from careerkit.views import agenda as agendas

    day = today_option(today)
    _, team = _load(ctx, [person])
    built = agendas.build(team.people[0], team, day)
    if as_json:  # JSON keeps every value exactly as it was read
        print_json({**agendas.to_json(built), "errors": _errors_json(team)})
    else:
        shown = printable_values(team.people[0])  # each value stays on its line, inert
        show(printable(agendas.to_markdown(agendas.build(shown, team, day)), keep_newlines=True), paged=not no_pager)
    _finish(team)


def status(
    ctx: typer.Context,
    people: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PERSON]...", help="Only these people (slug or name); someone who left is shown when named."
        ),
    ] = None,
    today: Today = None,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    everyone: Annotated[
        bool, typer.Option("--all", help="Also the people who have left (their profile's `left`).")
    ] = False,
) -> None:
    """One row per person: stages reached, last and next conversations, action counts; who is paused."""
    from careerkit.views.status import rows

    day = today_option(today)
    _, team = _load(ctx, people, condensed=True)
    table = rows(team, day, everyone or bool(people))
    if as_json:
        print_json([row.to_json() for row in table])
    else:
        _print_table(
            ["person", "stages", "last talk", "last check-in", "next check-in", "open", "due", "stale", ""],
            [
                [
                    printable(r.name),
                    r.stages,
                    _day(r.last_conversation),
                    _day(r.last_checkin),
                    _day(r.next_checkin),
                    str(r.open),
                    str(r.due),
                    str(r.stale),
                    r.away,
                ]
                for r in table
            ],
        )
    _finish(team)


def _day(value: date | None) -> str:
    return value.isoformat() if value else "-"


def _print_table(header: list[str], body: list[list[str]]) -> None:
    if not body:
        typer.echo("No people yet: careerkit add NAME")
        return
    widths = [max(_columns(row[i]) for row in [header, *body]) for i in range(len(header))]
    colour = use_colour()
    heading = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()
    typer.echo(style(heading, "bold", colour=colour))
    for row in body:
        cells = (cell + " " * (w - _columns(cell)) for cell, w in zip(row, widths, strict=True))
        typer.echo("  ".join(cells).rstrip())


def _columns(text: str) -> int:
    """How many columns a terminal gives `text`: two for a wide letter (王, 김), none for a combining mark."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(
        0 if unicodedata.category(ch) in ("Mn", "Me", "Cf") else 1 + (unicodedata.east_asian_width(ch) in "WF")
        for ch in text
    )


def log(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help="A slug or a name.")],
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    no_pager: Annotated[bool, typer.Option("--no-pager", help=NO_PAGER_HELP)] = False,
    today: TodayNotUsed = None,
) -> None:
    """PERSON's documents in date order, one line each: the story of their growth so far."""
    from careerkit.views.history import summarise

    today_option(today)
    _, team = _load(ctx, [person])
    who = team.people[0]
    if as_json:
        print_json(
            {
                "person": who.slug,
                "name": who.name,
                "documents": [
                    {"date": doc.date.isoformat(), "stage": doc.stage, "file": doc.path, "summary": summarise(doc)}
                    for doc in who.documents
                ],
                "errors": _errors_json(team),
            }
        )
    elif not who.documents:
        echo_line(f"No documents yet for {who.name}.")
    else:
        show(
            "".join(
                printable(f"{doc.date}  {doc.stage:<8} {summarise(doc)}  ({doc.path})") + "\n" for doc in who.documents
            ),
            paged=not no_pager,
        )
    _finish(team)
