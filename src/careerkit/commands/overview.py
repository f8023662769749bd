"""`careerkit due`, `agenda`, `status` and `log`: what needs attention, for people and scripts."""

from datetime import date
from typing import TYPE_CHECKING, Any, Optional

import typer

from careerkit.commands.common import (
    NO_PAGER_HELP,
    TODAY_HELP,
    echo_line,
    notes,
    print_json,
    report_problems,
    show,
    style,
    today_option,
    use_colour,
)
from careerkit.printable import printable, printable_values

if TYPE_CHECKING:
    from careerkit.findings import Finding
    from careerkit.loader import Notes
    from careerkit.model import Team

JSON_HELP = "Print JSON for scripts instead of text."


def _load(ctx: typer.Context, people: list[str] | None, condensed: date | None = None) -> tuple["Notes", "Team"]:
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
    people: Optional[list[str]] = typer.Argument(None, metavar="[PERSON]...", help="Only these people (slug or name)."),  # noqa: UP045
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
    within: int = typer.Option(
        0, "--within", min=0, metavar="DAYS", help="Also show actions and check-ins due in the next DAYS days."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    fail: bool = typer.Option(
        False,
        "--fail",
        help="Exit 1 when something is late, drifting or missing (for cron and CI); never for a celebration.",
    ),
    mine: bool = typer.Option(
        False, "--mine", help="Only your own promises (actions whose owner is the `manager` setting), across the team."
    ),
    no_pager: bool = typer.Option(False, "--no-pager", help=NO_PAGER_HELP),
) -> None:
    """What needs attention, by tier: what to celebrate, what is late, what drifts, what is missing."""
    from careerkit.findings import find

    day = today_option(today)
    _, team = _load(ctx, people, condensed=day)
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
    _finish(team, fail and any(f.tier > 0 for f in findings))


def _promises(team: "Team", findings: list["Finding"]) -> list["Finding"]:
    """The findings about the manager's own promises: actions whose owner is the `manager` setting."""
    return [f for f in findings if f.action is not None and f.owner == team.settings.manager]


def _errors_json(team: "Team") -> list[dict[str, Any]]:
    """What could not be read, for `--json`: file, line (1-based, or null) and message."""
    return [{"file": p.path, "line": p.line, "message": p.message} for p in team.errors]


# The terminal colour of each tier's name: red is for what is late, never for a person's own steps (tier 2).
TIER_COLOURS = {0: "green", 1: "red", 2: "yellow", 3: "cyan"}


def _findings_text(team: "Team", findings: list["Finding"]) -> str:
    """Each person in the place of their first finding, with their findings, each named by its tier."""
    from careerkit.kinds import TIERS

    colour = use_colour()
    if not findings:
        return "Nothing needs attention.\n" if team.people else "No people yet: careerkit new story <person>\n"
    names = {person.slug: person.name for person in team.people}
    by_person: dict[str, list[Finding]] = {}  # in the order of each person's most urgent finding
    for finding in findings:
        by_person.setdefault(finding.person, []).append(finding)
    lines: list[str] = []
    for slug, theirs in by_person.items():
        lines += [""] if lines else []
        lines.append(style(printable(names[slug]), "bold", colour=colour))
        width = max(len(TIERS[finding.tier]) for finding in theirs)
        for finding in theirs:
            tier = style(TIERS[finding.tier].ljust(width), TIER_COLOURS[finding.tier], colour=colour)
            # A title with a line break or an escape sequence in it stays on its own line, inert.
            message = printable(finding.message)
            file = style(printable(finding.file), "dim", colour=colour)
            lines.append(f"  {tier}  {message}  {file}")
    return "\n".join(lines) + "\n"  # one write: thousands of echo calls cost more than the findings


def agenda(
    ctx: typer.Context,
    person: str = typer.Argument(..., metavar="PERSON", help="A slug or a name."),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    no_pager: bool = typer.Option(False, "--no-pager", help=NO_PAGER_HELP),
) -> None:
    """A Markdown agenda for PERSON's next conversation: what they told you, your promises, what to talk about."""
    from careerkit import agenda as agendas

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
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    everyone: bool = typer.Option(False, "--all", help="Also the people who have left (their profile's `left`)."),
) -> None:
    """One row per person: stages reached, last and next conversations, action counts; who is paused."""
    from careerkit.status import rows

    day = today_option(today)
    _, team = _load(ctx, None, condensed=day)
    table = rows(team, day, everyone)
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
        typer.echo("No people yet: careerkit new story <person>")
        return
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    colour = use_colour()
    heading = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()
    typer.echo(style(heading, "bold", colour=colour))
    for row in body:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def log(
    ctx: typer.Context,
    person: str = typer.Argument(..., metavar="PERSON", help="A slug or a name."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    no_pager: bool = typer.Option(False, "--no-pager", help=NO_PAGER_HELP),
) -> None:
    """PERSON's documents in date order, one line each: the story of their growth so far."""
    from careerkit.log import summarise

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
