"""`careerkit new`: scaffold the document for a conversation stage."""

from typing import TYPE_CHECKING, Annotated

import typer

from careerkit.commands.options import (
    DAY,
    DAY_FORMS,
    Today,
    committed,
    day_option,
    echo_line,
    report_problems,
    today_option,
    writable_repository,
)

if TYPE_CHECKING:
    import datetime

STAGE_WORDS = {"story": "life story", "dreams": "dreams", "plan": "action plan", "checkin": "check-in", "note": "note"}


def new(
    ctx: typer.Context,
    stage: Annotated[str, typer.Argument(metavar="STAGE", help="story, dreams, plan, checkin or note.")],
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help='Someone on your team: their slug (alice) or name ("Zoë O\'Brien").')
    ],
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar=DAY,
            help=f"The conversation's day (default: today): {DAY_FORMS}. A day ahead prepares it: "
            "it counts once that day has come and it holds what was said.",
        ),
    ] = None,
    today: Today = None,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Their full name, kept in their profile; with it, PERSON may be someone new."),
    ] = None,
    edit: Annotated[bool, typer.Option("--edit", help="Open the new document in $VISUAL or $EDITOR.")] = False,
) -> None:
    """Write a new STAGE document for PERSON, pre-filled from their earlier documents."""
    from careerkit.writing.scaffold import check_stage, create

    check_stage(stage)
    day = _document_day(date, today)
    repo = writable_repository(ctx)
    created = create(repo, stage, person, day, name)
    if created.note:
        echo_line(f"careerkit: note: {created.note}", err=True)
    if created.profile:
        echo_line(repo.rel(created.profile))
    echo_line(repo.rel(created.path))
    report_problems(created.problems)  # written all the same, with defaults where a setting was invalid
    if edit:
        _open_in_editor(str(created.path))  # the document is written: an editor that fails is only a warning
    # after the editor, so that the commit holds what was written in it
    committed(repo.root, [created.path, created.profile], f"new {stage}")
    if created.problems:
        raise typer.Exit(1)


def _document_day(date: str | None, today: str | None) -> "datetime.date":
    """The new document's date: `--date` (from `--today`, when given), else `--today`, else the local date."""
    day = today_option(today)
    return day_option(date, "--date", day) or day


def _open_in_editor(path: str) -> None:
    from pathlib import Path

    from careerkit.writing.editor import run

    problem = run(Path(path))
    if problem is not None:
        echo_line(f"careerkit: warning: --edit: {problem} (the document was written)", err=True)


def note(
    ctx: typer.Context,
    person: Annotated[
        str,
        typer.Argument(
            metavar="PERSON", help="Someone on your team: their full slug or name (start someone new with `add`)."
        ),
    ],
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="[TEXT]", help="What they said. Without it, or with -, the text is read from standard input."
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar=DAY, help=f"The day it was said (default: today): {DAY_FORMS}.")
    ] = None,
    today: Today = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Their full name, kept in a new profile when they have none yet.")
    ] = None,
) -> None:
    """Keep what PERSON said in passing as a new note document, in seconds; prints its path.

    The text becomes the note's first paragraph, exactly as given.
    """
    from careerkit.writing.scaffold import create, require_person

    day = _document_day(date, today)
    repo = writable_repository(ctx)
    require_person(repo, person)  # before the text is read: no one types a note only to have it refused
    created = create(repo, "note", person, day, name, text=_read_text(text), start=False)
    if created.note:
        echo_line(f"careerkit: note: {created.note}", err=True)
    if created.profile:
        echo_line(repo.rel(created.profile))
    echo_line(repo.rel(created.path))
    committed(repo.root, [created.path, created.profile], "new note")
    # The note is written, and exit 1 would say it was not: a problem elsewhere is only a warning.
    report_problems(created.problems)


def used(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help="A slug or a name.")],
    which: Annotated[
        str | None,
        typer.Argument(
            metavar="[NOTE]",
            help="The note: its file name (2026-11-20-note.md) or its date. Default: their newest note not yet used.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar=DAY, help=f"The day you used it (default: today): {DAY_FORMS}."),
    ] = None,
    today: Today = None,
) -> None:
    """Record the day you used what PERSON said in a note (feedback, an assignment): `used: DAY` in its frontmatter.

    Until then a note of the last 90 days stays an open thread in their agenda. Only that line is written.
    """
    from careerkit.writing import notes_used

    day = _document_day(date, today)
    repo = writable_repository(ctx)
    marked = notes_used.mark(repo, person, which, day)
    if marked.changed:
        echo_line(f"note marked used on {marked.day}: {marked.path}")
        committed(repo.root, [repo.root / marked.path], f"mark note used on {marked.day}")
    else:
        echo_line(f"note already marked used on {marked.day}; nothing changed: {marked.path}")


def _read_text(text: str | None) -> str:
    """TEXT, or standard input when it is missing or `-`."""
    import sys

    from careerkit.errors import UsageError

    if text is not None and text != "-":
        return text
    if sys.stdin.isatty():
        echo_line("careerkit: type the note, then Ctrl-D on a line of its own", err=True)
    from careerkit.errors import CareerkitError
    from careerkit.fs.read import MAX_FILE_BYTES

    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)  # no more than a note careerkit would read back
    if len(data) > MAX_FILE_BYTES:
        raise CareerkitError(
            f"standard input holds more than {MAX_FILE_BYTES >> 20} MiB, more than careerkit reads in a note; "
            "nothing written"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError("standard input is not UTF-8 text; nothing written") from None
