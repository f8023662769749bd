"""`careerkit status`: one row per person, for people and scripts."""

from datetime import date
from typing import Annotated

import typer

from careerkit.commands.options import (
    JSON_HELP,
    Today,
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
    """One row per person: conversations held and planned, check-ins, their steps and your promises; who is away."""
    from careerkit.views.status import rows

    day = today_option(today)
    _, team = load_team(ctx, people, condensed=day)
    table = rows(team, day, everyone or bool(people))
    if as_json:
        print_json([row.to_json() for row in table])
    else:
        _print_table(
            ["person", "stages", "last talk", "last check-in", "next check-in", "open", "due", "stale", "promises", ""],
            [
                [
                    printable(r.name),
                    ", ".join(r.stages) or "none yet",
                    _day(r.last_conversation),
                    _day(r.last_checkin),
                    _day(r.next_checkin),
                    str(r.open),
                    str(r.due),
                    str(r.stale),
                    f"{r.promises} ({r.promises_late} late)" if r.promises_late else str(r.promises),
                    "; ".join(part for part in (str(r.planned) if r.planned else "", r.away) if part),
                ]
                for r in table
            ],
        )
    finish(team)


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
