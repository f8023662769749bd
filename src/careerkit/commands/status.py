"""`careerkit status`: one row per person, for people and scripts."""

from datetime import date
from typing import Optional

import typer

from careerkit.commands.options import (
    JSON_HELP,
    TODAY_HELP,
    finish,
    load_team,
    print_json,
    style,
    today_option,
    use_colour,
)
from careerkit.values.printable import printable


def status(
    ctx: typer.Context,
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    everyone: bool = typer.Option(False, "--all", help="Also the people who have left (their profile's `left`)."),
) -> None:
    """One row per person: stages reached, last and next conversations, action counts; who is paused."""
    from careerkit.views.status import rows

    day = today_option(today)
    _, team = load_team(ctx, None, condensed=True)
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
    finish(team)


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
