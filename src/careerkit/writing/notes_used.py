"""Marking a note as used (`careerkit used`): the day what they said went into feedback or an assignment.

Until then a recent note is an open thread in the agenda. The note is found by its file name or its date,
or is the newest note not yet used; its frontmatter gains `used: DAY`, every other byte as it was.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from careerkit.errors import UsageError
from careerkit.values.model import Document, PersonNotes
from careerkit.values.records import Record

if TYPE_CHECKING:
    from careerkit.repository.loader import Repository


class Used(Record):
    """What `mark` did: the note, the day it holds now, and whether its file changed."""

    path: str
    day: date
    changed: bool
    before: date | None  # the `used` it held before, if any


def mark(notes: Repository, person: str, which: str | None, day: date) -> Used:
    """Set `used: day` on the note `which` names (a file name, a path or a date), or on the newest note not yet
    used; unchanged when it already says that day."""
    from careerkit.writing import edit
    from careerkit.writing.action_changes import editing

    with editing(notes, person, held="the note") as (_, who):
        note = find_note(who, which)
        changed = edit.edit_file(notes.root, notes.root / note.path, lambda text: edit.set_keys(text, {"used": day}))
    return Used(note.path, day, changed, note.used)


def find_note(person: PersonNotes, which: str | None) -> Document:
    """The note `which` names: its file name or path, or its date (YYYY-MM-DD) when one note has that date;
    without `which`, the newest note not yet used."""
    notes = [doc for doc in person.documents if doc.stage == "note"]
    if not notes:
        raise UsageError(f"{person.name} has no notes yet")
    if which is None:
        return _newest_unused(person, notes)
    wanted = which.strip().rstrip("/")
    found = _named(notes, wanted)
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(f"no note of {person.name} is named or dated {which!r} (see `careerkit log {person.slug}`)")
    names = ", ".join(doc.path.rsplit("/", 1)[-1] for doc in found)
    raise UsageError(f"{len(found)} notes are dated {wanted}: name one of them ({names})")


def _newest_unused(person: PersonNotes, notes: list[Document]) -> Document:
    open_notes = [doc for doc in notes if doc.used is None]
    if not open_notes:
        raise UsageError(f"every note of {person.name} is marked used already; name one to change its day")
    return open_notes[-1]


def _named(notes: list[Document], wanted: str) -> list[Document]:
    """The notes whose file name or path is `wanted`; failing that, those dated `wanted`."""
    found = [doc for doc in notes if doc.path == wanted or doc.path.rsplit("/", 1)[-1] in (wanted, wanted + ".md")]
    return found or [doc for doc in notes if doc.date.isoformat() == wanted]
