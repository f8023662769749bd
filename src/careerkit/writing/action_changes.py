"""Changing one person's actions: each change under their lock, refused while one of their documents
cannot be read; `add`, `close` and `touch` say what they did (careerkit.rules.actions decides where and
what, careerkit.writing.edit changes the bytes)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from careerkit.errors import CareerkitError
from careerkit.rules.actions import (
    Value,
    blocking_problems,
    close_fields,
    find,
    new_fields,
    next_id,
    target_for_new,
    touch_fields,
)
from careerkit.values.model import Action, PersonNotes, Problem, Team
from careerkit.values.records import Record

if TYPE_CHECKING:
    from careerkit.repository.loader import Repository


class Change(Record):
    """What a change did: the action (its newest copy as read before the change), whether its file changed,
    and the problems that did not stop it (careerkit.yaml, the profile, a repeated id), to report as warnings."""

    ident: int
    path: str
    changed: bool
    action: Action | None  # None for a new action
    person: PersonNotes
    warnings: list[Problem]


@contextmanager
def _editing(notes: Repository, person: str, held: str = "the action or its id") -> Iterator[tuple[Team, PersonNotes]]:
    """What was read of `person`, under their lock (careerkit.fs.locks) until the change is written; refused (with
    the problems that block it) while one of their documents cannot be read."""
    slug = notes.resolve_person(person)
    with notes.locked(slug):
        team = notes.load([slug])
        blocking = blocking_problems(team, slug)
        if blocking:
            raise CareerkitError(
                f"not changed: fix the {'document' if len(blocking) == 1 else 'documents'} above "
                f"first (what cannot be read there may hold {held})",
                problems=blocking,
            )
        yield team, team.people[0]


editing = _editing  # the same guard for a change to one of their notes (careerkit.writing.notes_used)


def _warnings(team: Team, slug: str) -> list[Problem]:
    # They did not stop the change, so they are warnings (exit 1 from a writing command means that
    # nothing was written).
    return [p for p in team.errors if p not in blocking_problems(team, slug)]


def add(
    notes: Repository,
    person: str,
    title: str,
    today: date,
    due: date | None = None,
    skill: str | None = None,
    owner: str | None = None,
) -> Change:
    """Add an action to the person's newest plan or check-in, with the next free id."""
    from careerkit.writing import edit

    with _editing(notes, person) as (team, who):
        target = target_for_new(who, today)
        ident = next_id(who)
        fields = new_fields(ident, title, today, due, skill, owner)
        edit.edit_file(notes.root, notes.root / target.path, lambda text: edit.append_action(text, fields))
    return Change(ident, target.path, True, None, who, _warnings(team, who.slug))


def close(notes: Repository, person: str, ident: int, status: str, today: date) -> Change:
    """Set action `ident` to `status` (done or dropped) with `closed: today`; unchanged when it is already so."""
    from careerkit.writing import edit

    with _editing(notes, person) as (team, who):
        action = find(who, ident)
        changed = action.status != status
        if changed:
            fields = close_fields(status, today)
            edit.edit_file(
                notes.root, notes.root / action.path, lambda text: edit.set_action_fields(text, ident, fields)
            )
    return Change(ident, action.path, changed, action, who, _warnings(team, who.slug))


def touch(notes: Repository, person: str, ident: int, today: date) -> Change:
    """Record progress on open action `ident` (`updated: today`), so that it no longer counts as stale."""
    from careerkit.writing import edit

    with _editing(notes, person) as (team, who):
        action = find(who, ident)
        if not action.is_open:
            raise CareerkitError(
                f"action {ident} is {action.status}: touch records progress on open actions "
                f"(to reopen it, set `status: open` in {action.path})"
            )
        fields = touch_fields(today)
        changed = edit.edit_file(
            notes.root, notes.root / action.path, lambda text: edit.set_action_fields(text, ident, fields)
        )
    return Change(ident, action.path, changed, action, who, _warnings(team, who.slug))


def keep(notes: Repository, person: str, ident: int) -> Change:
    """Keep a promise received in a handover as your own: its `inherited` line goes, every other byte stays;
    unchanged when it carries no such mark."""
    from careerkit.writing import edit

    with _editing(notes, person) as (team, who):
        action = find(who, ident)
        changed = action.inherited is not None
        if changed:
            edit.edit_file(
                notes.root, notes.root / action.path, lambda text: edit.remove_action_field(text, ident, "inherited")
            )
    return Change(ident, action.path, changed, action, who, _warnings(team, who.slug))


def change(
    notes: Repository, person: str, ident: int, fields: dict[str, Value], remove: tuple[str, ...] = ()
) -> Change:
    """Set `fields` on action `ident` and take the keys in `remove` out of it, where its newest copy lives;
    unchanged when it already says so. Open or closed: a finished step's title may want mending too."""
    from careerkit.writing import edit

    with _editing(notes, person) as (team, who):
        action = find(who, ident)
        changed = edit.edit_file(
            notes.root, notes.root / action.path, lambda text: edit.set_action_fields(text, ident, fields, remove)
        )
    return Change(ident, action.path, changed, action, who, _warnings(team, who.slug))
