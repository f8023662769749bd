"""`careerkit calendar`: the coming check-ins, conversations and due dates as an iCalendar file."""

from typing import Optional

import typer

from careerkit.commands.common import TODAY_HELP, committed, today_option


def calendar(
    ctx: typer.Context,
    people: Optional[list[str]] = typer.Argument(  # noqa: UP045
        None, metavar="[PERSON]...", help="Only these people (slug, name, or the start of one)."
    ),
    output: Optional[str] = typer.Option(  # noqa: UP045
        None,
        "-o",
        "--output",
        metavar="FILE",
        help="Write the calendar to FILE (owner-only); - or none: standard output.",
    ),
    titles: bool = typer.Option(
        False,
        "--titles",
        help="Put action titles in the events (left out by default: "
        "a calendar that is subscribed to leaves this machine).",
    ),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
) -> None:
    """The coming check-ins, career conversations and due dates, as an iCalendar file (.ics).

    An all-day event for each person's next check-in and next career conversation, and for each open
    action's due date, by the rules of `careerkit due`; what is late sits on today. Import the file
    into a calendar, or subscribe to it. Events name the person and the kind of event only, unless
    --titles is given.
    """
    import sys
    from pathlib import Path

    from careerkit import calendar_feed
    from careerkit.commands.overview import _finish, _load

    day = today_option(today)
    _, team = _load(ctx, people, condensed=day)
    key = team.settings.calendar_key
    if key is None:
        from careerkit.init_repo import add_calendar_key

        key = add_calendar_key(team.root)
        if key is not None:
            from careerkit.settings import CONFIG_NAME

            typer.echo(
                "careerkit: note: added a calendar_key to careerkit.yaml, which keeps the event ids stable "
                "and unguessable: commit it with the notes",
                err=True,
            )
            committed(team.root, [team.root / CONFIG_NAME], "calendar key")
    found = calendar_feed.entries(team, day)
    data = calendar_feed.to_ical(found, key or "", titles)
    if output is None or output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        from careerkit.fsutil import write_private

        write_private(Path(output), data)
        typer.echo(f"{output}: {len(found)} {'event' if len(found) == 1 else 'events'}")
    _finish(team)
