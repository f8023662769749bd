"""Adding a received person to this notes repository: every write planned first, then all of them or none.

The previous manager's open promises become this manager's (`owner` set to this repository's `manager`)
and carry `inherited: <the day received>` until kept (`careerkit action keep`) or dropped. Nothing that is
here already is ever overwritten: any clash, and nothing is written.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date
from pathlib import Path

from careerkit.errors import CareerkitError, UsageError
from careerkit.fs import safe as fsutil
from careerkit.handover.bundle import Received
from careerkit.reading import frontmatter as frontmatter_text
from careerkit.reading import yamlio
from careerkit.repository.layout import Layout
from careerkit.values import codes, slugs
from careerkit.values.model import Action, Document, PersonNotes, Problem
from careerkit.values.paths import PROFILE
from careerkit.values.records import Record
from careerkit.writing import edit


class Arrival(Record):
    person: str
    written: list[str]  # relative to the notes root
    inherited: list[Action]  # the promises that arrived as this manager's, marked `inherited`
    consent: date | None


def plan(received: Received, slug: str, manager: str, today: date) -> tuple[dict[str, bytes], list[Action]]:
    """The files to write (relative path -> bytes) and the promises marked inherited; refuses a bundle with a
    document careerkit cannot read (nothing is written)."""
    texts = _texts(received, slug)
    person = PersonNotes.read(slug, None, _documents(texts, slug))
    promises = [a for a in person.actions() if a.is_open and a.owner == received.manager]
    for action in promises:
        fields: dict[str, edit.Value] = {"owner": manager, "inherited": today}
        texts[action.path] = edit.set_action_fields(texts[action.path], action.id, fields)
    return {rel: text.encode("utf-8") for rel, text in texts.items()}, promises


def _texts(received: Received, slug: str) -> dict[str, str]:
    """Each file's text by where it goes; with another slug, each document's `person` names it."""
    texts: dict[str, str] = {}
    for path, data in received.files.items():
        rel = f"people/{slug}/{path.rsplit('/', 1)[-1]}"
        try:
            text = frontmatter_text.decode(data)
            texts[rel] = _renamed(text, slug) if slug != received.person and not _is_profile(rel) else text
        except CareerkitError as error:
            raise CareerkitError(f"{error.message}; nothing written", path=rel, line=error.line) from None
    return texts


def _documents(texts: dict[str, str], slug: str) -> list[Document]:
    from careerkit.reading.documents import parse_document

    problems: list[Problem] = []
    documents = []
    for rel, text in texts.items():
        if not _is_profile(rel):
            result = parse_document(text.encode("utf-8"), rel, slug)
            problems += [problem for problem in result.problems if not problem.check_only]
            documents += [result.document] if result.document is not None else []
    if problems:
        raise CareerkitError(
            "not received: the bundle holds what careerkit cannot read; nothing written", problems=problems
        )
    return documents


def _is_profile(rel: str) -> bool:
    return rel.endswith(f"/{PROFILE}")


def _renamed(text: str, slug: str) -> str:
    """`text` with its `person` key (when it has one) naming the folder it goes into."""
    split = frontmatter_text.split(text)
    data = yamlio.load(split.yaml, split.first_yaml_line)
    return edit.set_keys(text, {"person": slug}) if isinstance(data, dict) and "person" in data else text


def clashes(notes: Layout, slug: str, files: dict[str, bytes]) -> list[Problem]:
    """Each file that is here already, or the person's folder when it holds documents under other names (their
    action ids would mix with the ones received)."""
    folder = notes.person_dir(slug)
    found = [Problem(rel, None, codes.CLASH, "already exists") for rel in files if os.path.lexists(notes.root / rel)]
    if os.path.lexists(folder) and not folder.is_dir():
        found.append(Problem(notes.rel(folder), None, codes.CLASH, "already exists and is not a folder"))
    elif not found and folder.is_dir() and any(not name.startswith(".") for name in os.listdir(folder)):
        found.append(Problem(notes.rel(folder), None, codes.CLASH, "already holds this person's notes"))
    return found


def receive(notes: Layout, received: Received, as_slug: str | None, manager: str, today: date) -> Arrival:
    """Add the person of `received` (under `as_slug`, when given): all files or none, never over anything."""
    slug = as_slug or received.person
    if not slugs.is_slug(slug):
        raise UsageError(f"--as: {slug!r} is not a valid person slug (lowercase letters, digits and -)")
    files, promises = plan(received, slug, manager, today)
    with notes.locked(slug):
        found = clashes(notes, slug, files)
        if found:
            raise CareerkitError(
                f"not received: {len(found)} {'clash' if len(found) == 1 else 'clashes'} above; nothing written "
                "(to add them under another name: --as SLUG)",
                problems=found,
            )
        _write_all(notes, slug, files)
    return Arrival(slug, list(files), promises, received.consent)


def _write_all(notes: Layout, slug: str, files: dict[str, bytes]) -> None:
    """Create every file (owner-only, never over one); on any failure remove what this run made, and say so."""
    folder = notes.person_dir(slug)
    made_folder = not os.path.lexists(folder)
    fsutil.make_private_dirs(folder)
    made: list[Path] = []
    try:
        for rel, data in files.items():
            path = notes.root / rel
            if not fsutil.create_new(path, data, notes.root):
                raise CareerkitError("appeared while receiving; nothing written", path=rel)
            made.append(path)
    except BaseException:
        for path in made:
            with contextlib.suppress(OSError):
                path.unlink()
        if made_folder:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
