"""`careerkit due`: what needs attention, for people and scripts."""

from typing import TYPE_CHECKING, Annotated

import typer

from careerkit.commands.options import (
    JSON_HELP,
    NO_PAGER_HELP,
    Today,
    errors_json,
    finish,
    load_team,
    print_json,
    show,
    style,
    today_option,
    use_colour,
)
from careerkit.values.printable import printable

if TYPE_CHECKING:
    from careerkit.rules.findings import Finding
    from careerkit.values.model import Team


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
    fail: Annotated[
        bool,
        typer.Option(
            "--fail",
            help="Exit 1 when something is late, drifting or missing (for cron and CI); never for a celebration.",
        ),
    ] = False,
    mine: Annotated[
        bool,
        typer.Option(
            "--mine", help="Only your own promises (actions whose owner is the `manager` setting), across the team."
        ),
    ] = False,
    no_pager: Annotated[bool, typer.Option("--no-pager", help=NO_PAGER_HELP)] = False,
) -> None:
    """What needs attention, by tier: what to celebrate, what is late, what drifts, what is missing."""
    from careerkit.rules.findings import find

    day = today_option(today)
    _, team = load_team(ctx, people, condensed=day)
    findings = find(team, day, within)
    if mine:
        findings = _promises(team, findings)
    if as_json:
        print_json({"today": day.isoformat(), "findings": [f.to_json() for f in findings], "errors": errors_json(team)})
    else:
        text = "No promise of yours needs attention.\n" if mine and not findings else _findings_text(team, findings)
        show(text, paged=not no_pager)
    finish(team, fail and any(f.tier > 0 for f in findings))


def _promises(team: "Team", findings: list["Finding"]) -> list["Finding"]:
    """The findings about the manager's own promises: actions whose owner is the `manager` setting."""
    return [f for f in findings if f.action is not None and f.owner == team.settings.manager]


# The terminal colour of each tier's name: red is for what is late, never for a person's own steps (tier 2).
TIER_COLOURS = {0: "green", 1: "red", 2: "yellow", 3: "cyan"}


def _findings_text(team: "Team", findings: list["Finding"]) -> str:
    """Each person in the place of their first finding, with their findings, each named by its tier."""
    from careerkit.rules.kinds import TIERS

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
        width = max(len(TIERS[finding.tier]) for finding in theirs)
        for finding in theirs:
            tier = style(TIERS[finding.tier].ljust(width), TIER_COLOURS[finding.tier], colour=colour)
            # A title with a line break or an escape sequence in it stays on its own line, inert.
            message = printable(finding.message)
            file = style(printable(finding.file), "dim", colour=colour)
            lines.append(f"  {tier}  {message}  {file}")
    return "\n".join(lines) + "\n"  # one write: thousands of echo calls cost more than the findings
