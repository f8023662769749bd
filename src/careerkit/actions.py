"""Action items of one person: where a new one goes, which copy to change, and how each one stands.

`add`, `close` and `touch` make a change under the person's lock and say what
they did; the rest are pure functions of what was read (careerkit.loader). The
byte-level editing is careerkit.edit; careerkit.commands.action only parses
options and prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from careerkit.documents import DUPLICATE_ID
from careerkit.errors import CareerkitError, UsageError
from careerkit.model import Action, Document, PersonNotes, Problem, Team
from careerkit.notes import profile_rel
from careerkit.records import Record

if TYPE_CHECKING:
    from careerkit.findings import Finding
    from careerkit.loader import Notes

Value = str | int | date
_NOT_ONE_LINE = r"[\x00-\x1f\x7f-\x9f\u2028\u2029]"  # compiled by `re` on first use


def blocking_problems(team: Team, slug: str) -> list[Problem]:
    """Errors in the person's documents: while there is one, no action of theirs is changed.

    An unreadable document or an action left out could hold the id to change
    or the highest id, so guessing past it could edit the wrong copy.
    """
    folder = f"people/{slug}"
    profile = profile_rel(slug)
    # A repeated id does not block: the copy in the newest document is the one that counts, and is changed.
    return [
        p
        for p in team.errors
        if (p.path == folder or p.path.startswith(folder + "/"))
        and p.path != profile
        and not p.message.startswith(DUPLICATE_ID)
    ]


def target_for_new(person: PersonNotes, today: date) -> Document:
    """The document a new action goes into: the newest plan or check-in held by `today`, else the newest one.

    (A check-in prepared ahead is not where what was agreed before it belongs; writing there would also make
    it count as held.)"""
    target = person.as_held(today).newest("plan", "checkin") or person.newest("plan", "checkin")
    if target is None or not person.has("plan"):
        raise CareerkitError(
            f"{person.name} has no plan yet: make one with `careerkit new plan {person.slug}`, then add actions"
        )
    return target


def next_id(person: PersonNotes) -> int:
    """One more than the highest action id in any of the person's documents."""
    return max((action.id for action in person.current_actions), default=0) + 1


def find(person: PersonNotes, ident: int) -> Action:
    """The copy of action `ident` that counts (the newest), or a usage error."""
    for action in person.actions():
        if action.id == ident:
            return action
    ids = [action.id for action in person.actions()]
    known = f"their actions are {_ranges(ids)}" if ids else "they have no actions yet"
    raise UsageError(f"{person.name} has no action {ident} ({known}; see careerkit action list {person.slug} --all)")


def _ranges(ids: list[int]) -> str:
    parts: list[str] = []
    start = previous = ids[0]
    for ident in [*ids[1:], None]:
        if ident is not None and ident == previous + 1:
            previous = ident
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if ident is not None:
            start = previous = ident
    return ", ".join(parts)


def one_line(text: str, what: str) -> str:
    """Text for a title, owner or skill: stripped, not empty, a single line."""
    text = text.strip()
    if not text:
        raise UsageError(f"{what}: must not be empty")
    if re.search(_NOT_ONE_LINE, text):
        raise UsageError(f"{what}: must be a single line of text (no line breaks or control characters)")
    return text


def new_fields(
    ident: int, title: str, today: date, due: date | None = None, skill: str | None = None, owner: str | None = None
) -> dict[str, Value]:
    """The keys of a new action, in the order SPEC.md shows them."""
    fields: dict[str, Value] = {"id": ident, "title": title}
    if owner is not None:
        fields["owner"] = owner
    if skill is not None:
        fields["skill"] = skill
    if due is not None:
        fields["due"] = due
    fields["status"] = "open"
    fields["updated"] = today
    return fields


def close_fields(status: str, today: date) -> dict[str, Value]:
    return {"status": status, "closed": today}


def touch_fields(today: date) -> dict[str, Value]:
    return {"updated": today}


def states(person: PersonNotes, team: Team, today: date, findings: list[Finding] | None = None) -> dict[int, str]:
    """How each action stands today: overdue, due today, stale, on track, done or dropped.

    The one home of that rule, read off the person's findings (`findings`, when the caller has them already):
    nothing is overdue or stale for someone away (careerkit.findings.away). `findings` must be unfolded
    (`find_for_person(..., fold=False)`): a step that `no-progress` holds is still overdue or stale.
    """
    from careerkit.findings import find_for_person

    found: dict[int, str] = {}
    for finding in find_for_person(person, team, today, fold=False) if findings is None else findings:
        if finding.action is None:
            continue
        if finding.kind == "action-due":
            found[finding.action] = "overdue" if finding.days > 0 else "due today"
        elif finding.kind == "action-stale":
            found[finding.action] = "stale"
    return {
        action.id: action.status if not action.is_open else found.get(action.id, "on track")
        for action in person.actions()
    }


def to_json(action: Action, state: str) -> dict[str, Any]:
    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": action.id,
        "title": action.title,
        "status": action.status,
        "state": state,
        "owner": action.owner,
        "due": day(action.due),
        "updated": day(action.updated),
        "closed": day(action.closed),
        "skill": action.skill,
        "file": action.path,
    }


# -- changing actions: each under the person's lock, refused while a document of theirs cannot be read --------


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
def _editing(notes: Notes, person: str) -> Iterator[tuple[Team, PersonNotes]]:
    """What was read of `person`, under their lock (careerkit.locks) until the change is written; refused (with
    the problems that block it) while one of their documents cannot be read."""
    slug = notes.resolve_person(person)
    with notes.locked(slug):
        team = notes.load([slug])
        blocking = blocking_problems(team, slug)
        if blocking:
            raise CareerkitError(
                f"not changed: fix the {'document' if len(blocking) == 1 else 'documents'} above "
                "first (what cannot be read there may hold the action or its id)",
                problems=blocking,
            )
        yield team, team.people[0]


def _warnings(team: Team, slug: str) -> list[Problem]:
    # They did not stop the change, so they are warnings (SPEC.md: exit 1 from a writing command means
    # nothing was written).
    return [p for p in team.errors if p not in blocking_problems(team, slug)]


def add(
    notes: Notes,
    person: str,
    title: str,
    today: date,
    due: date | None = None,
    skill: str | None = None,
    owner: str | None = None,
) -> Change:
    """Add an action to the person's newest plan or check-in, with the next free id."""
    from careerkit import edit

    with _editing(notes, person) as (team, who):
        target = target_for_new(who, today)
        ident = next_id(who)
        fields = new_fields(ident, title, today, due, skill, owner)
        edit.edit_file(notes.root, notes.root / target.path, lambda text: edit.append_action(text, fields))
    return Change(ident, target.path, True, None, who, _warnings(team, who.slug))


def unplanned_skill(person: PersonNotes, skill: str | None) -> Document | None:
    """The person's plan, when it lists skills and `skill` is not one of them (worth a note, not an error)."""
    plan = person.newest("plan")
    if skill is not None and plan is not None and plan.skills and skill not in {s.skill for s in plan.skills}:
        return plan
    return None


def close(notes: Notes, person: str, ident: int, status: str, today: date) -> Change:
    """Set action `ident` to `status` (done or dropped) with `closed: today`; unchanged when it is already so."""
    from careerkit import edit

    with _editing(notes, person) as (team, who):
        action = find(who, ident)
        changed = action.status != status
        if changed:
            fields = close_fields(status, today)
            edit.edit_file(
                notes.root, notes.root / action.path, lambda text: edit.set_action_fields(text, ident, fields)
            )
    return Change(ident, action.path, changed, action, who, _warnings(team, who.slug))


def touch(notes: Notes, person: str, ident: int, today: date) -> Change:
    """Record progress on open action `ident` (`updated: today`), so that it no longer counts as stale."""
    from careerkit import edit

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
