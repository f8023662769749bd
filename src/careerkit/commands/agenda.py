"""`careerkit agenda`: a Markdown agenda for one person's next conversation."""

from typing import Annotated

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
    today_option,
)
from careerkit.values.printable import printable, printable_values


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
    _, team = load_team(ctx, [person])
    built = agendas.build(team.people[0], team, day)
    if as_json:  # JSON keeps every value exactly as it was read
        print_json({**agendas.to_json(built), "errors": errors_json(team)})
    else:
        shown = printable_values(team.people[0])  # each value stays on its line, inert
        show(printable(agendas.to_markdown(agendas.build(shown, team, day)), keep_newlines=True), paged=not no_pager)
    finish(team)
