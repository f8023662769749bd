"""`careerkit log`: one person's documents in date order."""

from typing import TYPE_CHECKING, Annotated

import typer

from careerkit.commands.options import (
    JSON_HELP,
    NO_PAGER_HELP,
    Today,
    echo_line,
    errors_json,
    finish,
    load_team,
    print_json,
    show,
    today_option,
)
from careerkit.values.printable import printable

if TYPE_CHECKING:
    from datetime import date

    from careerkit.values.model import Document


def log(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help="A slug or a name.")],
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    no_pager: Annotated[bool, typer.Option("--no-pager", help=NO_PAGER_HELP)] = False,
    today: Today = None,
) -> None:
    """PERSON's documents in date order, one line each: the story of their growth so far (a conversation prepared
    and not held yet says so, with its date)."""
    from careerkit.views.history import planned, summarise

    day = today_option(today)
    _, team = load_team(ctx, [person])
    who = team.people[0]
    if as_json:
        print_json(
            {
                "person": who.slug,
                "name": who.name,
                "documents": [
                    {
                        "date": doc.date.isoformat(),
                        "stage": doc.stage,
                        "planned": planned(doc, day),
                        "file": doc.path,
                        "summary": summarise(doc),
                    }
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
                printable(f"{doc.date}  {doc.stage:<8} {_line(doc, day)}  ({doc.path})") + "\n" for doc in who.documents
            ),
            paged=not no_pager,
        )
    finish(team)


def _line(doc: "Document", today: "date") -> str:
    """What the document holds; a conversation not held yet says so first (and nothing more, while empty)."""
    from careerkit.views.history import EMPTY, planned, summarise

    text = summarise(doc)
    if not planned(doc, today):
        return text
    state = f"planned for {doc.date}" if doc.date >= today else "prepared, not held"
    return state if text == EMPTY else f"{state}: {text}"
