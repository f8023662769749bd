"""The registry of finding kinds: each kind is one rule function, registered with everything about it.

A rule is a function of `Facts` (what is known of one person on one day) that yields the person's findings of
its kind, each with its rule's date. `register` puts it in `KINDS` beside its name, level, tier, the words
that explain it to people (meaning, why, suggestion, the exact rule), the question the agenda asks, the event
of the calendar it dates, and how it takes part in the grace after a pause and in folding
(careerkit.rules.findings). The rules themselves live in one module per tier (careerkit.rules.tier0_celebrate,
tier1_late, tier2_drifting, tier3_missing); careerkit.rules.kinds loads them all, in that order, which is the
order of docs/findings.md.
"""

# Records, with their annotations as real types: see the docstring of careerkit.values.records.

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from careerkit.rules.timing import later
from careerkit.values.model import Action, PersonNotes, Team
from careerkit.values.paths import profile_rel
from careerkit.values.records import Record
from careerkit.values.voice import to_self

PERSON, ACTION = "person", "action"  # a kind's level: one finding per person, or per action
CHECKIN_EVENT, ACTION_EVENT = "checkin", "action"  # the events of `careerkit calendar` a finding may date
TIERS = {0: "to celebrate", 1: "late", 2: "drifting", 3: "missing"}
# What to do about a late or quiet action that is your own promise (said instead of the kind's suggestion).
PROMISE_SUGGESTION = (
    "It is your promise, and they are waiting on it: keep it before anything else, or tell them plainly when you will."
)


class Finding(Record):
    person: str
    kind: str
    file: str
    date: date
    days: int
    message: str
    tier: int
    action: int | None = None
    title: str | None = None
    owner: str | None = None

    @property
    def sort_key(self) -> tuple[int, int, str, str, int]:
        return (self.tier, -self.days, self.person, self.kind, self.action or 0)

    def to_json(self) -> dict[str, object]:
        return {
            "person": self.person,
            "kind": self.kind,
            "file": self.file,
            "action": self.action,
            "title": self.title,
            "owner": self.owner,
            "tier": self.tier,
            "date": self.date.isoformat(),
            "days": self.days,
            "message": self.message,
        }


class Facts:
    """What the rules read about one person on one day, worked out once.

    `person` holds the conversations held by today (a planned document counts only through its actions);
    `whole` is the same person with their planned documents too, for the rules that look at those.
    """

    def __init__(self, person: PersonNotes, team: Team, today: date, within: int, whole: PersonNotes):
        self.person, self.team, self.today, self.whole = person, team, today, whole
        self.horizon = later(today, within)
        self.stale = team.stale_after_days(person)
        actions = person.actions()
        self.open_actions = [action for action in actions if action.is_open]
        self.steps = [action for action in actions if not team.is_promise(action)]
        self.open_steps = [action for action in self.steps if action.is_open]
        self.plan = person.newest("plan")
        self.work = person.newest("plan", "checkin")  # the newest plan or check-in
        self.person_file = profile_rel(person.slug) if person.profile.exists else f"people/{person.slug}"

    def finding(self, kind: str, file: str, day: date, message: str, action: Action | None = None) -> Finding:
        described, days = KINDS[kind], (self.today - day).days
        if self.team.settings.self_person == self.person.slug:  # their own notes: said to them
            message = to_self(message, action.title if action is not None else "")
        if action is None:
            return Finding(self.person.slug, kind, file, day, days, message, described.tier)
        tier = described.tier
        if described.promise_tier is not None and self.team.is_promise(action):
            tier = described.promise_tier
        return Finding(self.person.slug, kind, file, day, days, message, tier, action.id, action.title, action.owner)

    def label(self, action: Action) -> str:
        """How a message names an action: a step of theirs, or your own promise."""
        return f"action {action.id}, your own promise," if self.team.is_promise(action) else f"step {action.id}"

    def finished(self, since: date, strictly: bool = False) -> list[Action]:
        """Their steps closed as done on or after `since` (after it, with `strictly`)."""
        return [
            step
            for step in self.steps
            if step.status == "done"
            and (day := step.closed_on) is not None
            and (day > since if strictly else day >= since)
        ]

    def passed(self) -> int:
        """How many of their open steps passed their date."""
        return sum(1 for step in self.open_steps if step.due is not None and step.due < self.today)

    def inherited(self, action: Action) -> bool:
        """Whether `action` is a promise received in a handover and not yet kept (`inherited-promise`)."""
        return action.inherited is not None and self.team.is_promise(action)


Rule = Callable[[Facts], Iterator[Finding]]


class Kind(Record):
    name: str
    level: str  # PERSON or ACTION
    tier: int  # 0: to celebrate, 1: late, 2: drifting, 3: missing (for an action: the person's own step)
    meaning: str  # what it means, in plain words
    why: str  # why it matters
    suggestion: str  # what to do about it (also said in the agenda)
    rule: str  # the exact rule and the date it carries
    check: Rule  # the rule itself: the person's findings of this kind, each with its rule's date
    promise_tier: int | None = None  # the tier when the action is the manager's own promise, if it differs
    question: str | None = None  # what the agenda asks when it is found; {skill} is a skill of their plan
    calendar: str | None = None  # the event of `careerkit calendar` it dates: CHECKIN_EVENT or ACTION_EVENT
    ahead: bool = False  # with `--within`, reported up to that many days before its date
    graced: bool = True  # the grace after a pause moves its date (never a promise's)
    folded: bool = False  # a step of the person's own of this kind is counted by a `folds` kind, not listed
    folds: bool = False  # while it is reported, the person's own `folded` steps are not listed
    old_plan: bool = False  # not reported while a `stops_old_plan` kind is: the old plan is not chased
    stops_old_plan: bool = False  # while it is reported, the `old_plan` kinds are not


KINDS: dict[str, Kind] = {}  # every kind, in the order registered (the order of docs/findings.md)


def register(name: str, level: str, tier: int, **words_and_ways: Any) -> Callable[[Rule], Rule]:
    """Register the decorated rule as kind `name`, with the rest of the kind's fields (see `Kind`)."""

    def add(check: Rule) -> Rule:
        if name in KINDS:
            raise ValueError(f"the finding kind {name} is registered twice")
        KINDS[name] = Kind(name=name, level=level, tier=tier, check=check, **words_and_ways)
        return check

    return add


def titled(text: str, title: str) -> str:
    """A message about an action, with its title when it has one."""
    return f"{text}: {title}" if title else text
