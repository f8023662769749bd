"""`careerkit calendar`: the coming check-ins, conversations and your promises as an iCalendar file."""

from typing import TYPE_CHECKING, Annotated

import typer

from careerkit.commands.options import Today, committed, today_option

if TYPE_CHECKING:
    from pathlib import Path


def calendar(
    ctx: typer.Context,
    people: Annotated[
        list[str] | None,
        typer.Argument(metavar="[PERSON]...", help="Only these people (slug, name, or the start of one)."),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write the calendar to FILE (owner-only); - or none: standard output.",
        ),
    ] = None,
    titles: Annotated[
        bool,
        typer.Option(
            "--titles",
            help="Put action titles in the events (left out by default: "
            "a calendar that is subscribed to leaves this machine).",
        ),
    ] = False,
    steps: Annotated[
        bool,
        typer.Option("--steps", help="Also each of the person's own open steps with a date (left out by default)."),
    ] = False,
    today: Today = None,
) -> None:
    """The coming check-ins, career conversations and your promises, as an iCalendar file (.ics).

    An all-day event for each person's next check-in, their next career conversation (for someone part-way
    through the three: due now, or on the day one is prepared for), and each of your own open promises with
    a date, by the rules of `careerkit due`; what is late sits on today. Their own steps only with --steps.
    Nobody who left or is paused. Import the file into a calendar, or subscribe to it. Events name the person
    and the kind of event only, unless --titles is given.
    """
    import sys
    from pathlib import Path

    from careerkit.commands.options import finish, load_team
    from careerkit.views import calendar as calendar_feed

    day = today_option(today)
    _, team = load_team(ctx, people, condensed=day)
    if output is not None and output != "-":
        _check_output(Path(output), team.root)  # before careerkit.yaml gains a key
    key = team.settings.calendar_key
    if key is None:
        from careerkit.reading.settings import CONFIG_NAME
        from careerkit.writing.init import add_calendar_key

        key = add_calendar_key(team.root)  # or one line saying why it cannot, and no calendar
        typer.echo(
            "careerkit: note: added a calendar_key to careerkit.yaml, which keeps the event ids stable "
            "and unguessable: commit it with the notes",
            err=True,
        )
        committed(team.root, [team.root / CONFIG_NAME], "calendar key")
    found = calendar_feed.entries(team, day, steps)
    data = calendar_feed.to_ical(found, key, titles)
    if output is None or output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        from careerkit.fs import safe as fsutil

        fsutil.write_private(Path(output), data, team.root, fsutil.EXPORT)
        typer.echo(f"{output}: {len(found)} {'event' if len(found) == 1 else 'events'}")
    finish(team)


def _check_output(path: "Path", root: "Path") -> None:
    """Refuses an output name where careerkit may not write (careerkit.fsutil.writable), or that holds a file
    other than a calendar careerkit wrote: a calendar replaces only an earlier one."""
    from careerkit.errors import CareerkitError
    from careerkit.fs import safe as fsutil
    from careerkit.views.calendar import is_calendar

    target = fsutil.writable(path, root, fsutil.EXPORT)
    if target.exists() and not is_calendar(target):
        raise CareerkitError(f"{path}: exists and is not a calendar careerkit wrote; not overwritten")
