"""What needs attention: the rules of docs/findings.md put together, as pure functions of the notes.

`find` takes what was read and a date and returns findings; it knows nothing of files or the terminal. Each
kind is one rule, registered with everything about it (careerkit.rules.registry, careerkit.rules.kinds). A
rule sees only the conversations *held* by today (`PersonNotes.as_held`; a planned document counts only
through its actions) and gives each finding its rule's date; `find_for_person` then applies the grace after
a pause, keeps what is due, and folds a person's own late and quiet steps into the kinds that count them.
"""

from datetime import date

from careerkit.rules.kinds import KINDS
from careerkit.rules.registry import Facts, Finding
from careerkit.rules.timing import (
    away,
    conversation_review,
    earlier,
    grace_until,
    has_left,
    is_paused,
    later,
    next_checkin,
)
from careerkit.values.model import PersonNotes, Team

# What the views read from here besides `find` (the rules' dates, who is away, a finding).
__all__ = [
    "Finding",
    "away",
    "conversation_review",
    "earlier",
    "find",
    "find_for_person",
    "has_left",
    "is_paused",
    "later",
    "next_checkin",
]


def find(team: Team, today: date, within: int = 0, fold: bool = True, graced_ahead: bool = False) -> list[Finding]:
    """Every finding for every person read, sorted by tier, days (largest first), person, kind and action id."""
    found = []
    for person in team.people:
        found += find_for_person(person, team, today, within, fold, graced_ahead)
    return sorted(found, key=lambda finding: finding.sort_key)


def find_for_person(
    person: PersonNotes, team: Team, today: date, within: int = 0, fold: bool = True, graced_ahead: bool = False
) -> list[Finding]:
    """The person's findings (unsorted), or none when they have left or are paused.

    Without `fold`, also the steps that `no-progress` or `dream-changed` hold, and what a dream change stops
    chasing (a view that shows each step's own state needs them). With `graced_ahead`, a finding that the grace
    after a pause moved is kept up to the horizon like any other (a calendar shows it on its new day)."""
    if away(person, today):
        return []
    facts = Facts(person.as_held(today), team, today, within, whole=person)
    found = [finding for kind in KINDS.values() for finding in kind.check(facts)]
    found = _reported(found, facts, grace_until(person, team, today), graced_ahead)
    return _folded(found, team) if fold else found


def _reported(found: list[Finding], facts: Facts, grace: date | None, graced_ahead: bool) -> list[Finding]:
    """The findings whose date has come (for a kind reported `ahead`, within the horizon), each dated after the
    grace.

    A finding the grace moved is never reported ahead of its new date, unless `graced_ahead`."""
    kept = []
    for finding in found:
        if grace is not None and finding.date < grace and _graced(finding, facts.team):
            finding = finding._replace(date=grace, days=(facts.today - grace).days)
            limit = facts.horizon if graced_ahead and KINDS[finding.kind].ahead else facts.today
        else:
            limit = facts.horizon if KINDS[finding.kind].ahead else facts.today
        if finding.date <= limit:
            kept.append(finding)
    return kept


def _graced(finding: Finding, team: Team) -> bool:
    """Whether the grace after a pause moves this finding: tiers 1 to 3 of a `graced` kind, never a promise."""
    promise = finding.action is not None and finding.owner == team.settings.manager
    return finding.tier > 0 and KINDS[finding.kind].graced and not promise


def _folded(found: list[Finding], team: Team) -> list[Finding]:
    """Without what a reported `folds` kind counts (the person's own `folded` steps) and, while a
    `stops_old_plan` kind is reported, without the `old_plan` kinds; promises always stay."""
    reported = [KINDS[kind] for kind in {finding.kind for finding in found}]
    stop_old_plan = any(kind.stops_old_plan for kind in reported)
    fold_steps = any(kind.folds for kind in reported)

    def hidden(finding: Finding) -> bool:
        kind = KINDS[finding.kind]
        step = finding.owner != team.settings.manager
        return (stop_old_plan and kind.old_plan) or (fold_steps and kind.folded and step)

    return [finding for finding in found if not hidden(finding)]
