"""`careerkit new`: scaffold the document for a conversation stage."""

from typing import TYPE_CHECKING, Optional

import typer

from careerkit.commands.common import TODAY_HELP, committed, echo_line, report_problems, writable_notes

if TYPE_CHECKING:
    import datetime

SAME_AS_DATE = TODAY_HELP + " Here, also the date when --date is not given."
STAGE_WORDS = {"story": "life story", "dreams": "dreams", "plan": "action plan", "checkin": "check-in", "note": "note"}


def new(
    ctx: typer.Context,
    stage: str = typer.Argument(..., metavar="STAGE", help="story, dreams, plan, checkin or note."),
    person: str = typer.Argument(..., metavar="PERSON", help='A slug (alice) or a name ("Zoë O\'Brien").'),
    date: Optional[str] = typer.Option(  # noqa: UP045
        None,
        "--date",
        help="The conversation's date, YYYY-MM-DD or +3d (default: today). A day ahead prepares it: "
        "it counts once that day has come and it holds what was said.",
    ),
    today: Optional[str] = typer.Option(None, "--today", help=SAME_AS_DATE),  # noqa: UP045
    name: Optional[str] = typer.Option(None, "--name", help="The person's full name, kept in their profile."),  # noqa: UP045
    edit: bool = typer.Option(False, "--edit", help="Open the new document in $VISUAL or $EDITOR."),
) -> None:
    """Write a new STAGE document for PERSON, pre-filled from their earlier documents."""
    from careerkit.scaffold import check_stage, create

    check_stage(stage)
    day = _document_day(date, today)
    repo = writable_notes(ctx)
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
    committed(repo.root, [created.path, created.profile], f"new {STAGE_WORDS.get(stage, stage)}")
    if created.problems:
        raise typer.Exit(1)


def _document_day(date: str | None, today: str | None) -> "datetime.date":
    """The new document's date: `--date` (relative to `--today` when it says +3d), else `--today`, else today.

    A day ahead is fine: the document is then a conversation prepared, not yet held."""
    import datetime

    from careerkit.dates import parse_cli_date

    base = parse_cli_date(today, "--today") if today else datetime.date.today()
    return parse_cli_date(date, "--date", base) if date else base


def _open_in_editor(path: str) -> None:
    import os
    import shlex
    import subprocess

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        echo_line(
            "careerkit: warning: --edit: set $VISUAL or $EDITOR to your editor (the document was written)", err=True
        )
        return
    try:
        subprocess.run([*shlex.split(editor), path], check=False)
    except (OSError, ValueError):
        echo_line(
            "careerkit: warning: --edit: could not start the editor in $VISUAL or $EDITOR (the document was written)",
            err=True,
        )


def note(
    ctx: typer.Context,
    person: str = typer.Argument(
        ..., metavar="PERSON", help="Their full slug or name (a new name starts a new person)."
    ),
    text: Optional[str] = typer.Argument(  # noqa: UP045
        None, metavar="[TEXT]", help="What they said. Without it, or with -, the text is read from standard input."
    ),
    date: Optional[str] = typer.Option(  # noqa: UP045
        None, "--date", help="The day it was said, YYYY-MM-DD (default: today)."
    ),
    today: Optional[str] = typer.Option(None, "--today", help=SAME_AS_DATE),  # noqa: UP045
    name: Optional[str] = typer.Option(  # noqa: UP045
        None, "--name", help="For a new person: their full name, kept in their profile."
    ),
) -> None:
    """Keep what PERSON said in passing as a new note document, in seconds; prints its path.

    The text becomes the note's first paragraph, exactly as given.
    """
    from careerkit.scaffold import create

    day = _document_day(date, today)
    repo = writable_notes(ctx)
    created = create(repo, "note", person, day, name, text=_read_text(text))
    if created.note:
        echo_line(f"careerkit: note: {created.note}", err=True)
    if created.profile:
        echo_line(repo.rel(created.profile))
    echo_line(repo.rel(created.path))
    committed(repo.root, [created.path, created.profile], "new note")
    report_problems(created.problems)
    if created.problems:
        raise typer.Exit(1)


def _read_text(text: str | None) -> str:
    """TEXT, or standard input when it is missing or `-`."""
    import sys

    from careerkit.errors import UsageError

    if text is not None and text != "-":
        return text
    if sys.stdin.isatty():
        echo_line("careerkit: type the note, then Ctrl-D on a line of its own", err=True)
    try:
        return sys.stdin.buffer.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError("standard input is not UTF-8 text; nothing written") from None
