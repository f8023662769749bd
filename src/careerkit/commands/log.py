"""`careerkit log`: one person's documents in date order."""

from typing import Annotated

import typer

from careerkit.commands.options import (
    JSON_HELP,
    NO_PAGER_HELP,
    TodayNotUsed,
    echo_line,
    errors_json,
    finish,
    load_team,
    print_json,
    show,
    today_option,
)
from careerkit.values.printable import printable


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
    _, team = load_team(ctx, [person])
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
                "errors": errors_json(team),
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
    finish(team)
