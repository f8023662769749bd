"""`careerkit add`, `leave` and `pause`: who is on the team, kept in each person's profile."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from careerkit.commands.options import (
    DAY,
    DAY_FORMS,
    Today,
    committed,
    day_option,
    echo_line,
    today_option,
    writable_repository,
)

if TYPE_CHECKING:
    from careerkit.repository.layout import Layout
    from careerkit.writing.roster import ProfileChange

PERSON_HELP = "A slug or a name."


def add(
    ctx: typer.Context,
    person: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help='Their name ("Priya Nair", "Иван Петров"), which makes their folder\'s name (priya-nair), '
            "or that slug.",
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option("--name", help="Their full name, as careerkit should show it (default: NAME as given)."),
    ] = None,
    role: Annotated[str | None, typer.Option("--role", help='Their role, e.g. "Backend engineer".')] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar=DAY, help=f"The day they joined your team (default: today): {DAY_FORMS}."),
    ] = None,
    today: Today = None,
) -> None:
    """Start NAME on your team: their folder and a profile with name, role and since. Never overwrites one."""
    from careerkit.rules import actions
    from careerkit.values import slugs
    from careerkit.writing import roster

    day = today_option(today)
    joined = day_option(since, "--since", day) or day
    name = actions.one_line(name if name is not None else person, "--name" if name is not None else "NAME")
    role = actions.one_line(role, "--role") if role is not None else None
    repo = writable_repository(ctx)
    slug = person if slugs.is_slug(person) else slugs.to_slug(person)
    roster.refuse_another(repo, person, slug)
    path = roster.add_person(repo, slug, name, role, joined)
    echo_line(repo.rel(path))
    committed(repo.root, [path], "add a person")


def leave(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help=PERSON_HELP)],
    on: Annotated[
        str | None,
        typer.Option("--date", metavar=DAY, help=f"The day they leave or left (default: today): {DAY_FORMS}."),
    ] = None,
    today: Today = None,
) -> None:
    """Record that PERSON leaves your team (`left:` in their profile); from then on nothing is reported for them."""
    day = today_option(today)
    left = day_option(on, "--date", day) or day
    from careerkit.views.agenda import offer

    repo = writable_repository(ctx)
    slug = repo.resolve_person(person)
    _set(repo, slug, {"left": left}, "a person left the team")
    echo_line(offer(slug))


def pause(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help=PERSON_HELP)],
    until: Annotated[
        str | None, typer.Option("--until", metavar=DAY, help=f"The day they are back, after today: {DAY_FORMS}.")
    ] = None,
    end: Annotated[bool, typer.Option("--end", help="End the pause today (paused_until: today).")] = False,
    today: Today = None,
) -> None:
    """Pause PERSON until a date (leave, a crisis): nothing is reported for them until then; --end ends it."""
    from careerkit.errors import UsageError
    from careerkit.writing import roster

    day = today_option(today)
    if (until is None) == (not end):
        raise UsageError("pause: give either --until DAY or --end")
    back = day_option(until, "--until", day)
    if back is not None and back <= day:
        raise UsageError(f"--until: {back} is not after today ({day}); to end a pause, use --end")
    repo = writable_repository(ctx)
    slug = repo.resolve_person(person)
    if back is not None:
        _set(repo, slug, {"paused_until": back}, "pause")
        return
    change = roster.end_pause(repo, slug, day)
    if change is None:
        echo_line(f"{slug} is not paused; nothing changed")
        return
    _said(repo, change, {"paused_until": day}, "end a pause")


def _set(repo: "Layout", slug: str, fields: dict[str, date], message: str) -> None:
    from careerkit.writing import roster

    _said(repo, roster.set_profile(repo, slug, fields), fields, message)


def _said(repo: "Layout", change: "ProfileChange", fields: dict[str, date], message: str) -> None:
    """What changed (or that nothing did), and the commit of it."""
    rel = repo.rel(change.path)
    said = ", ".join(f"{key}: {value}" for key, value in fields.items())
    if not change.changed:
        echo_line(f"{rel} already says {said}; nothing changed")
        return
    echo_line(f"{said}: {rel}" + (" (a new profile)" if change.created else ""))
    committed(repo.root, [change.path], message)
