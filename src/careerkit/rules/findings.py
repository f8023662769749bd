"""What needs attention: the rules of docs/findings.md, as pure functions of the notes.

`find` takes what was read and a date and returns findings; it knows nothing
of files or the terminal. Each kind has its rule (`RULES`, one small function
each) and its description for people (careerkit.kinds). A rule sees only the
conversations *held* by today (`PersonNotes.as_held`; a planned document counts
only through its actions) and gives each finding its rule's date; `find_for_person`
then applies the grace after a pause, keeps what is due, and folds a person's own
late and quiet steps into `no-progress` or `dream-changed`.
"""

# Records, with their annotations as real types: see the docstring of careerkit.model.

from collections.abc import Callable, Iterator
from datetime import date, timedelta

from careerkit.rules.kinds import KINDS, age, listed, plural, when
from careerkit.values.model import Action, PersonNotes, Team
from careerkit.values.paths import profile_rel
from careerkit.values.records import Record
from careerkit.values.voice import to_self

NEVER_STARTED_DAYS = 30  # a new joiner settles in before their first career conversation is late
LEAVING_DAYS = 30  # how long before someone leaves their page is offered
VALUES_UNCONFIRMED_DAYS = 14  # time to share the values you heard back with them
AHEAD = ("action-due", "checkin-due")  # the kinds `--within` reports before their date
STEP_FOLDERS = ("no-progress", "dream-changed")  # reported, they hold the person's own late and quiet steps
OLD_PLAN = ("no-progress", "out-of-actions", "plan-without-actions", "resources-missing")  # not chased after a change
STEP_KINDS = ("action-due", "action-stale")


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


def _titled(text: str, title: str) -> str:
    """A message about an action, with its title when it has one."""
    return f"{text}: {title}" if title else text


# -- dates the views share ----------------------------------------------------------------------------------


def later(day: date, days: int) -> date:
    """`day` + `days`; the last date there is, for a sum past the year 9999 (a typo, or `--within 10**9`)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max


def earlier(day: date, days: int) -> date:
    """`day` - `days`; the first date there is, for a difference before the year 1."""
    try:
        return day - timedelta(days=days)
    except OverflowError:
        return date.min


def next_checkin(person: PersonNotes, team: Team) -> date | None:
    """When the next check-in is due: `next_checkin` of the newest plan or check-in, else its date + cadence."""
    latest_work = person.newest("plan", "checkin")
    if latest_work is None:
        return None
    return latest_work.next_checkin or later(latest_work.date, team.checkin_every_days(person))


def conversation_review(person: PersonNotes, team: Team) -> date | None:
    """When the next career conversation is due: `review_by` of the newest plan if set, else the newest
    story, dreams or plan + `conversation_every_days`; None before the first of them."""
    conversation = person.newest("story", "dreams", "plan")
    if conversation is None:
        return None
    plan = person.newest("plan")
    review_by = plan.review_by if plan is not None else None
    return review_by or later(conversation.date, team.settings.conversation_every_days)


def has_left(person: PersonNotes, day: date) -> bool:
    """True when the profile's `left` is on or before `day`: from then on nothing is reported for them."""
    return person.profile.left is not None and person.profile.left <= day


def is_paused(person: PersonNotes, day: date) -> bool:
    """True when the profile's `paused_until` is after `day` (on that day itself they are back)."""
    return person.profile.paused_until is not None and person.profile.paused_until > day


def away(person: PersonNotes, day: date) -> str | None:
    """Why nothing is reported for the person on `day`: "left", "paused", or None when they are here."""
    if has_left(person, day):
        return "left"
    if is_paused(person, day):
        return "paused"
    return None


def grace_until(person: PersonNotes, team: Team, today: date) -> date | None:
    """For someone back from a pause (`paused_until` on or before today): the end of their one cadence of grace,
    before which nothing of theirs is late, drifting or missing (but your promises and `leaving`)."""
    back = person.profile.paused_until
    if back is None or back > today:
        return None
    return later(back, team.checkin_every_days(person))


# -- the rules ---------------------------------------------------------------------------------------------


class Facts:
    """What the rules read about one person on one day, worked out once."""

    def __init__(self, person: PersonNotes, team: Team, today: date, within: int):
        self.person, self.team, self.today = person, team, today
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


def _inherited(facts: Facts, action: Action) -> bool:
    return action.inherited is not None and facts.team.is_promise(action)


def out_of_actions(facts: Facts) -> Iterator[Finding]:
    if facts.plan is None or facts.work is None or facts.open_steps:
        return
    finished = facts.finished(facts.plan.date)
    if finished:
        closed = max(step.closed_on or facts.today for step in finished)
        message = "finished every step of their own since the plan: celebrate, then choose the next steps together"
        yield facts.finding("out-of-actions", facts.work.path, closed, message)


def steps_finished(facts: Facts) -> Iterator[Finding]:
    if facts.work is None or next(out_of_actions(facts), None) is not None:
        return
    finished = facts.finished(facts.work.date, strictly=True)
    if finished:
        closed = max(step.closed_on or facts.today for step in finished)
        ids = listed([str(step.id) for step in sorted(finished, key=lambda step: step.id)])
        what = f"step {ids}" if len(finished) == 1 else f"{plural(len(finished), 'step')} ({ids})"
        since = f"the {'plan' if facts.work.stage == 'plan' else 'check-in'} of {facts.work.date}"
        message = f"finished {what} since {since}: start with what they finished"
        yield facts.finding("steps-finished", facts.work.path, closed, message)


def action_due(facts: Facts) -> Iterator[Finding]:
    for action in facts.open_actions:
        if action.due is None or _inherited(facts, action):
            continue
        days = (facts.today - action.due).days
        if days > 0:
            state = f"is {age(days)} late" if facts.team.is_promise(action) else f"passed its date {age(days)} ago"
        else:
            state = "is " + when(days)
        message = _titled(f"{facts.label(action)} {state}", action.title)
        yield facts.finding("action-due", action.path, action.due, message, action)


def checkin_due(facts: Facts) -> Iterator[Finding]:
    if facts.plan is None or facts.work is None:
        return
    next_on = next_checkin(facts.person, facts.team)
    assert next_on is not None  # there is a plan
    days = (facts.today - next_on).days
    message = f"check-in was due {age(days)} ago" if days > 0 else f"check-in is {when(days)}"
    yield facts.finding("checkin-due", facts.work.path, next_on, message)


def never_started(facts: Facts, whole: PersonNotes) -> Iterator[Finding]:
    """`whole`: the person with their planned documents, whose earliest date counts too."""
    if facts.person.newest("story", "dreams", "plan") is not None:
        return
    since = facts.person.profile.since
    first = whole.documents[0].date if whole.documents else None
    if since is not None:
        start, message = later(since, NEVER_STARTED_DAYS), f"no career conversation since they joined on {since}"
    elif first is not None:
        start = later(first, NEVER_STARTED_DAYS)
        message = f"no career conversation since {first}, the date of their first document"
    else:
        start, message = facts.today, "no career conversation yet"
    yield facts.finding("never-started", facts.person_file, start, message + ": start with their life story")


def leaving(facts: Facts) -> Iterator[Finding]:
    left = facts.person.profile.left
    if left is not None and left > facts.today:
        slug = facts.person.slug
        message = f"leaves on {left}: offer them their page to take along (careerkit report --for {slug})"
        yield facts.finding("leaving", facts.person_file, earlier(left, LEAVING_DAYS), message)


def inherited_promise(facts: Facts) -> Iterator[Finding]:
    for action in facts.open_actions:
        if _inherited(facts, action):
            assert action.inherited is not None
            text = f"action {action.id}, a promise you inherited on {action.inherited}, is yours to keep or let go"
            yield facts.finding("inherited-promise", action.path, action.inherited, _titled(text, action.title), action)


def no_progress(facts: Facts) -> Iterator[Finding]:
    if not facts.open_steps:
        return
    moved = [step.touched for step in facts.open_steps]
    moved += [day for step in facts.steps if (day := step.closed_on) is not None]
    quiet_since = max(moved)
    quiet = age((facts.today - quiet_since).days)
    count, passed = len(facts.open_steps), facts.passed()
    if count == 1:
        message = f"their one open step has not moved for {quiet}" + (", and it passed its date" if passed else "")
    else:
        message = f"none of their {count} open steps has moved for {quiet}"
        if passed:
            message += f"; {passed} passed {'its' if passed == 1 else 'their'} date"
    file = facts.work.path if facts.work else max(facts.open_steps, key=lambda step: step.touched).path
    yield facts.finding("no-progress", file, later(quiet_since, facts.stale), message)


def action_stale(facts: Facts) -> Iterator[Finding]:
    for action in facts.open_actions:
        if (action.due is not None and action.due <= facts.horizon) or _inherited(facts, action):
            continue
        quiet = age((facts.today - action.touched).days)
        message = _titled(f"{facts.label(action)} has not moved for {quiet}", action.title)
        yield facts.finding("action-stale", action.path, later(action.touched, facts.stale), message, action)


def dream_changed(facts: Facts) -> Iterator[Finding]:
    changed = facts.person.dream_change(facts.today)
    plan = facts.person.skilled_plan()
    if changed is None or plan is None:
        return
    if changed.stage == "dreams":
        message = f"their dreams changed on {changed.date}, after the plan of {plan.date}"
    else:
        where = "a check-in" if changed.stage == "checkin" else "a note"
        message = f"their dreams may be changing ({where} of {changed.date}), after the plan of {plan.date}"
    if facts.open_steps:
        message += f"; the old plan has {plural(len(facts.open_steps), 'open step')} to keep or let go"
    yield facts.finding("dream-changed", changed.path, changed.date, message)


def conversation_due(facts: Facts) -> Iterator[Finding]:
    conversation = facts.person.newest("story", "dreams", "plan")
    review = conversation_review(facts.person, facts.team)
    if conversation is None or review is None:
        return
    plan = facts.plan
    if plan is not None and plan.review_by is not None:
        message = f"career conversation due: the plan of {plan.date} asked for a review by {plan.review_by}"
    else:
        ago = age((facts.today - conversation.date).days)
        message = f"career conversation due: the last one ({conversation.stage}, {conversation.date}) was {ago} ago"
    yield facts.finding("conversation-due", conversation.path, review, message)


def next_conversation(facts: Facts, whole: PersonNotes) -> Iterator[Finding]:
    """`whole`: the person with their planned documents, one of which may be the next conversation."""
    told = facts.person.newest("story", "dreams")
    dreams = facts.person.newest("dreams")
    if told is None or (dreams is not None and facts.plan is not None):
        return
    if dreams is None:
        stage, message = "dreams", "life story told but no dreams yet"
    else:
        stage, message = "plan", "dreams written but no action plan yet"
    prepared = [doc for doc in whole.planned(facts.today) if doc.stage == stage]
    ahead = [doc for doc in prepared if doc.date >= facts.today]
    if ahead:
        message += f"; it is prepared for {ahead[0].date} ({ahead[0].path})"
    elif prepared:
        message += f"; one prepared for {prepared[-1].date} is not held yet ({prepared[-1].path})"
    yield facts.finding("next-conversation", told.path, told.date, message)


def plan_without_actions(facts: Facts) -> Iterator[Finding]:
    plan = facts.plan
    if plan is None or facts.open_steps:
        return
    if not any((day := step.closed_on) is not None and day >= plan.date for step in facts.steps):
        yield facts.finding("plan-without-actions", plan.path, plan.date, "the plan has no step of their own yet")


def resources_missing(facts: Facts) -> Iterator[Finding]:
    plan = facts.person.skilled_plan()
    if plan is None:
        return
    bare = [skill.skill for skill in plan.skills if not skill.resources]
    if bare:  # (most plans give every skill its resources: then no action needs a look)
        worked_on = {_skill_key(action.skill) for action in facts.open_actions if action.skill}
        bare = [name for name in bare if _skill_key(name) not in worked_on]
    if bare:
        message = f"no people or resources to learn from for {plural(len(bare), 'skill')}: {', '.join(bare)}"
        yield facts.finding("resources-missing", plan.path, plan.date, message)


def values_unconfirmed(facts: Facts) -> Iterator[Finding]:
    story = facts.person.newest("story")
    if story is not None and story.values and story.values_confirmed is None:
        message = "the values you heard in their life story are not confirmed by them yet"
        yield facts.finding("values-unconfirmed", story.path, later(story.date, VALUES_UNCONFIRMED_DAYS), message)


Rule = Callable[[Facts], Iterator[Finding]]
RULES: dict[str, Rule] = {
    "out-of-actions": out_of_actions,
    "steps-finished": steps_finished,
    "action-due": action_due,
    "checkin-due": checkin_due,
    "leaving": leaving,
    "inherited-promise": inherited_promise,
    "no-progress": no_progress,
    "action-stale": action_stale,
    "dream-changed": dream_changed,
    "conversation-due": conversation_due,
    "plan-without-actions": plan_without_actions,
    "resources-missing": resources_missing,
    "values-unconfirmed": values_unconfirmed,
}
# The rules that also look at the person's planned documents.
WHOLE_RULES: dict[str, Callable[[Facts, PersonNotes], Iterator[Finding]]] = {
    "never-started": never_started,
    "next-conversation": next_conversation,
}


# -- putting them together ------------------------------------------------------------------------------


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
    facts = Facts(person.as_held(today), team, today, within)
    found = [finding for rule in RULES.values() for finding in rule(facts)]
    found += [finding for rule in WHOLE_RULES.values() for finding in rule(facts, person)]
    found = _reported(found, facts, grace_until(person, team, today), graced_ahead)
    return _folded(found, team) if fold else found


def _reported(found: list[Finding], facts: Facts, grace: date | None, graced_ahead: bool) -> list[Finding]:
    """The findings whose date has come (for AHEAD kinds, within the horizon), each dated after the grace.

    A finding the grace moved is never reported ahead of its new date, unless `graced_ahead`."""
    kept = []
    for finding in found:
        if grace is not None and finding.date < grace and _graced(finding, facts.team):
            finding = finding._replace(date=grace, days=(facts.today - grace).days)
            limit = facts.horizon if graced_ahead and finding.kind in AHEAD else facts.today
        else:
            limit = facts.horizon if finding.kind in AHEAD else facts.today
        if finding.date <= limit:
            kept.append(finding)
    return kept


def _graced(finding: Finding, team: Team) -> bool:
    """Whether the grace after a pause moves this finding: tiers 1 to 3, but neither `leaving` nor a promise."""
    promise = finding.action is not None and finding.owner == team.settings.manager
    return finding.tier > 0 and finding.kind != "leaving" and not promise


def _folded(found: list[Finding], team: Team) -> list[Finding]:
    """Without what `no-progress` and `dream-changed` hold (see STEP_FOLDERS and OLD_PLAN); promises stay."""
    kinds = {finding.kind for finding in found}
    hidden: set[str] = set()
    if "dream-changed" in kinds:
        hidden.update(OLD_PLAN)
    folded_steps = bool(kinds & set(STEP_FOLDERS))
    return [
        finding
        for finding in found
        if finding.kind not in hidden
        and not (folded_steps and finding.kind in STEP_KINDS and finding.owner != team.settings.manager)
    ]


def _skill_key(name: str) -> str:
    """Skill names compare without case or surrounding spaces (`System design` is `system design`)."""
    return name.strip().casefold()
