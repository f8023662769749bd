"""Action items of one person: where a new one goes, which copy to change, and how each one stands.

Pure functions of what was read (careerkit.repository.loader). Making a change
is careerkit.writing.action_changes; careerkit.commands.action only parses
options and prints.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from careerkit.errors import CareerkitError, UsageError
from careerkit.values import codes
from careerkit.values.model import Action, Document, PersonNotes, Problem, Team
from careerkit.values.paths import profile_rel

if TYPE_CHECKING:
    from careerkit.rules.findings import Finding

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
        if (p.path == folder or p.path.startswith(folder + "/")) and p.path != profile and p.code != codes.DUPLICATE_ID
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
    """The keys of a new action, in the order docs/contract.md lists them."""
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
    from careerkit.rules.findings import find_for_person
    from careerkit.rules.kinds import ACTION_DUE, ACTION_STALE

    found: dict[int, str] = {}
    for finding in find_for_person(person, team, today, fold=False) if findings is None else findings:
        if finding.action is None:
            continue
        if finding.kind == ACTION_DUE:
            found[finding.action] = "overdue" if finding.days > 0 else "due today"
        elif finding.kind == ACTION_STALE:
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


def unplanned_skill(person: PersonNotes, skill: str | None) -> Document | None:
    """The person's plan, when it lists skills and `skill` is not one of them (worth a note, not an error)."""
    plan = person.newest("plan")
    if skill is not None and plan is not None and plan.skills and skill not in {s.skill for s in plan.skills}:
        return plan
    return None
