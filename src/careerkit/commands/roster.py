"""`careerkit add`, `leave` and `pause`: who is on the team, kept in each person's profile."""

from datetime import date
from typing import TYPE_CHECKING, Optional

import typer

from careerkit.commands.common import (
    TODAY_HELP,
    committed,
    echo_line,
    today_option,
    writable_notes,
)

if TYPE_CHECKING:
    from careerkit.notes import NotesLayout
    from careerkit.roster import ProfileChange

PERSON_HELP = "A slug or a name."


def add(
    ctx: typer.Context,
    person: str = typer.Argument(
        ..., metavar="PERSON", help="Their folder's name: a slug (priya-nair), or a name turned into one."
    ),
    name: str = typer.Option(..., "--name", help="Their full name, as careerkit should show it."),
    role: Optional[str] = typer.Option(None, "--role", help='Their role, e.g. "Backend engineer".'),  # noqa: UP045
    since: Optional[str] = typer.Option(  # noqa: UP045
        None, "--since", metavar="DATE", help="The day they joined your team, YYYY-MM-DD (default: today)."
    ),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
) -> None:
    """Start PERSON on your team: their folder and a profile with name, role and since. Never overwrites one."""
    from careerkit import actions, roster, slugs
    from careerkit.dates import parse_cli_date

    day = today_option(today)
    joined = parse_cli_date(since, "--since") if since is not None else day
    name = actions.one_line(name, "--name")
    role = actions.one_line(role, "--role") if role is not None else None
    repo = writable_notes(ctx)
    slug = person if slugs.is_slug(person) else slugs.to_slug(person)
    path = roster.add_person(repo, slug, name, role, joined)
    echo_line(repo.rel(path))
    committed(repo.root, [path], "add a person")


def leave(
    ctx: typer.Context,
    person: str = typer.Argument(..., metavar="PERSON", help=PERSON_HELP),
    on: Optional[str] = typer.Option(  # noqa: UP045
        None, "--date", metavar="DATE", help="The day they leave or left, YYYY-MM-DD or +2w (default: today)."
    ),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
) -> None:
    """Record that PERSON leaves your team (`left:` in their profile); from then on nothing is reported for them."""
    from careerkit.dates import parse_cli_date

    day = today_option(today)
    left = parse_cli_date(on, "--date", day) if on is not None else day
    from careerkit.handover import offer

    repo = writable_notes(ctx)
    slug = repo.resolve_person(person)
    _set(repo, slug, {"left": left}, "a person left the team")
    echo_line(offer(slug))


def pause(
    ctx: typer.Context,
    person: str = typer.Argument(..., metavar="PERSON", help=PERSON_HELP),
    until: Optional[str] = typer.Option(  # noqa: UP045
        None, "--until", metavar="DATE", help="The day they are back, after today: YYYY-MM-DD, or +3m."
    ),
    end: bool = typer.Option(False, "--end", help="End the pause today (paused_until: today)."),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
) -> None:
    """Pause PERSON until a date (leave, a crisis): nothing is reported for them until then; --end ends it."""
    from careerkit import roster
    from careerkit.dates import parse_cli_date
    from careerkit.errors import UsageError

    day = today_option(today)
    if (until is None) == (not end):
        raise UsageError("pause: give either --until DATE or --end")
    back = parse_cli_date(until, "--until", day) if until is not None else None
    if back is not None and back <= day:
        raise UsageError(f"--until: {back} is not after today ({day}); to end a pause, use --end")
    repo = writable_notes(ctx)
    slug = repo.resolve_person(person)
    if back is not None:
        _set(repo, slug, {"paused_until": back}, "pause")
        return
    change = roster.end_pause(repo, slug, day)
    if change is None:
        echo_line(f"{slug} is not paused; nothing changed")
        return
    _said(repo, change, {"paused_until": day}, "end a pause")


def _set(repo: "NotesLayout", slug: str, fields: dict[str, date], message: str) -> None:
    from careerkit import roster

    _said(repo, roster.set_profile(repo, slug, fields), fields, message)


def _said(repo: "NotesLayout", change: "ProfileChange", fields: dict[str, date], message: str) -> None:
    """What changed (or that nothing did), and the commit of it."""
    rel = repo.rel(change.path)
    said = ", ".join(f"{key}: {value}" for key, value in fields.items())
    if not change.changed:
        echo_line(f"{rel} already says {said}; nothing changed")
        return
    echo_line(f"{said}: {rel}" + (" (a new profile)" if change.created else ""))
    committed(repo.root, [change.path], message)
