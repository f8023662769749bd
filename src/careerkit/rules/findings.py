"""What needs attention: the rules of docs/findings.md, as pure functions of the notes.

`find` takes what was read and a date and returns findings; it knows nothing
of files or the terminal. `KINDS` describes each kind for people: it feeds
the agenda's suggestions and docs/findings.md (a test keeps the page in step).
"""

# Records, with their annotations as real types: see the docstring of careerkit.values.model.

from datetime import date, timedelta

from careerkit.values.model import Action, PersonNotes, Team
from careerkit.values.paths import profile_rel
from careerkit.values.records import Record


class Kind(Record):
    name: str
    level: str  # "action" or "person"
    tier: int  # 1: late, 2: drifting, 3: missing
    meaning: str  # what it means, in plain words
    why: str  # why it matters
    suggestion: str  # what to do about it (also said in the agenda)
    rule: str  # the exact rule and the date it carries


TIERS = {1: "late", 2: "drifting", 3: "missing"}
# What to do about an overdue or stale action that is your own promise (said instead of the kind's suggestion).
PROMISE_SUGGESTION = (
    "It is your promise, and they are waiting on it: keep it before anything else, or tell them plainly when you will."
)

KINDS = {
    kind.name: kind
    for kind in (
        Kind(
            "action-due",
            "action",
            1,
            "An open action has a due date that has come (or, with `--within`, is coming soon).",
            "A date that slips quietly tells the person their plan does not matter. When the action is your own "
            "promise, it also tells them your word does not.",
            "Ask how it is going: finish it, give it a new date, or drop it on purpose.",
            "open, has `due`, and `due` <= today (+ `--within` days); date = `due`.",
        ),
        Kind(
            "checkin-due",
            "person",
            1,
            "The next check-in date has come: `next_checkin` of the last plan or check-in, "
            "or its date plus the cadence.",
            "A plan nobody looks at drifts, and people rarely say when they are stuck.",
            "Hold the check-in now, even a short one: progress, feelings, the support they need.",
            "has a plan; next = `next_checkin` of the newest plan or check-in if set, else its date + "
            "`checkin_every_days`; reported when next <= today (+ `--within` days); date = next.",
        ),
        Kind(
            "never-started",
            "person",
            1,
            "Someone on your team has had no career conversation yet: no story, dreams or plan.",
            "Every person deserves these conversations, not only the high performers or the ones who ask; "
            "the quiet ones are the easiest to forget.",
            "Invite them to the first conversation, their life story, and send the invite a few days ahead.",
            "no story, dreams or plan; date = the profile's `since`, else the date of their earliest document, "
            "else today.",
        ),
        Kind(
            "inherited-promise",
            "action",
            1,
            "A promise their previous manager made them came with a handover (`careerkit receive`): it is yours now.",
            "They still count on it; a change of manager is when such promises are quietly lost.",
            "Go through it with them: keep it as your own (`careerkit action keep PERSON ID`), or tell them "
            "plainly that it will not happen and let it go (`careerkit action drop PERSON ID`).",
            "an open promise with `inherited`; date = `inherited`; reported instead of `action-due` and "
            "`action-stale` until the mark is removed (kept) or the promise is dropped.",
        ),
        Kind(
            "no-progress",
            "person",
            2,
            "They have open actions of their own, but none was touched or closed for `stale_after_days`.",
            "This is the most common situation of all: work got busy and their own growth went last. It often "
            "feels bad to them.",
            "Listen first and let them vent. Remind them the plan serves them, not the other way round; then "
            "suggest one protected hour a week in working time (not in their evenings), and help them "
            "reprioritise or hand work off.",
            "has open actions of the person's own; the latest of (touched of each such open action, closed of any "
            "action of the person's own) + `stale_after_days` <= today; date = that sum. Your promises never "
            "count here.",
        ),
        Kind(
            "action-stale",
            "action",
            2,
            "An open action has not moved (no `updated` date, no new copy) for `stale_after_days`.",
            "Plans drift when nobody looks at them; a stale action is usually blocked or no longer wanted. A stale "
            "promise of yours is worse: it was theirs to count on.",
            "Go through each stale action: is it still the right step, what is in the way, what would make it smaller?",
            "open, not already `action-due`, and touched + `stale_after_days` <= today, where touched is `updated` "
            "or else the date of the document holding it; date = touched + `stale_after_days`.",
        ),
        Kind(
            "dream-changed",
            "person",
            2,
            "The newest dreams document is newer than the newest plan.",
            "A plan built for an old dream spends effort on the wrong skills.",
            "Book a follow-up to revisit the skill gaps and priorities with them, then redo the plan.",
            "has a plan, and the newest dreams is dated after the newest plan; date = that dreams date.",
        ),
        Kind(
            "conversation-due",
            "person",
            3,
            "The plan's `review_by` date has come, or the last story, dreams or plan is older than "
            "`conversation_every_days`.",
            "Goals change with life; every person deserves a real career conversation at least once a year, better "
            "twice.",
            "Book a longer conversation to revisit the dreams and the plan.",
            "has a story, dreams or plan; review = `review_by` of the newest plan if set, else the newest of those "
            "+ `conversation_every_days`; review <= today; date = review.",
        ),
        Kind(
            "next-conversation",
            "person",
            3,
            "The sequence stopped half way: a story without dreams, or dreams without a plan.",
            "The value of the early conversations comes from the plan they lead to.",
            "Invite them to the next conversation in the sequence.",
            "a story but no dreams, or dreams but no plan; date = the newest story or dreams date.",
        ),
        Kind(
            "out-of-actions",
            "person",
            3,
            "They finished every action of their own since the plan was made: nothing of theirs is open.",
            "Finishing is rare and worth saying out loud; without a next step the plan then stops moving.",
            "Praise them first: they own their growth. Then brainstorm two or three small new actions (it takes "
            "minutes), or move on to the next skill of the plan.",
            "has a plan, no open action of the person's own in any document, and some action of the person's own "
            "was closed on or after the newest plan's date; date = the latest such closed day.",
        ),
        Kind(
            "plan-without-actions",
            "person",
            3,
            "There is a plan, but no action of the person's own was ever open under it.",
            "A plan without a first small step tends to stay a document.",
            "Agree on one or two small, concrete first actions that carry their name; minutes or hours each, "
            "not months.",
            "has a plan, no open action of the person's own, and none of the person's own closed on or after the "
            "newest plan's date; date = the newest plan's date.",
        ),
        Kind(
            "resources-missing",
            "person",
            3,
            "A skill chosen in the newest plan has no people or resources to learn from, and no open action "
            "works on it.",
            "A skill with nobody and nothing to learn from rarely gets learned.",
            "Add an action for them to research people and resources, share the list with you, and pick one.",
            "skills of the newest plan that list no `resources` (missing, empty or null) and that no open action "
            "names as its `skill`; one finding naming them all; date = that plan's date.",
        ),
    )
}


class Finding(Record):
    person: str
    kind: str
    file: str
    date: date
    days: int
    message: str
    action: int | None = None
    title: str | None = None
    owner: str | None = None

    @property
    def tier(self) -> int:
        return KINDS[self.kind].tier

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
            "date": self.date.isoformat(),
            "days": self.days,
            "message": self.message,
        }


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def when(days: int) -> str:
    """'due today', '3 days overdue', '1 day overdue', 'due in 2 days'."""
    if days == 0:
        return "due today"
    if days > 0:
        return f"{plural(days, 'day')} overdue"
    return f"due in {plural(-days, 'day')}"


def later(day: date, days: int) -> date:
    """`day` + `days`; the last date there is, for a sum past the year 9999 (a typo, or `--within 10**9`)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max


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


def _titled(text: str, title: str) -> str:
    """A message about an action, with its title when it has one."""
    return f"{text}: {title}" if title else text


def find(team: Team, today: date, within: int = 0) -> list[Finding]:
    """Every finding for every person read, sorted as docs/contract.md says."""
    found = []
    for person in team.people:
        found += find_for_person(person, team, today, within)
    return sorted(found, key=lambda finding: finding.sort_key)


def find_for_person(person: PersonNotes, team: Team, today: date, within: int = 0) -> list[Finding]:
    """The person's findings (unsorted), or none when they have left or are paused."""
    if away(person, today):
        return []
    stale = team.stale_after_days(person)
    horizon = later(today, within)
    found: list[Finding] = []

    def add(kind: str, file: str, day: date, message: str, action: Action | None = None) -> None:
        ident, title, owner = (action.id, action.title, action.owner) if action else (None, None, None)
        found.append(Finding(person.slug, kind, file, day, (today - day).days, message, ident, title, owner))

    def label(action: Action) -> str:
        return f"action {action.id}, your own promise," if team.is_promise(action) else f"action {action.id}"

    actions = person.actions()
    open_actions = [action for action in actions if action.is_open]
    own = [action for action in actions if not team.is_promise(action)]
    own_open = [action for action in own if action.is_open]
    for action in open_actions:
        if action.inherited is not None and team.is_promise(action):
            message = f"action {action.id}, a promise you received on {action.inherited}, waits to be kept or let go"
            add("inherited-promise", action.path, action.inherited, _titled(message, action.title), action)
        elif action.due is not None and action.due <= horizon:
            days = (today - action.due).days
            add(
                "action-due", action.path, action.due, _titled(f"{label(action)} is {when(days)}", action.title), action
            )
        elif later(action.touched, stale) <= today:
            quiet = (today - action.touched).days
            add(
                "action-stale",
                action.path,
                later(action.touched, stale),
                _titled(f"{label(action)} has not moved for {plural(quiet, 'day')}", action.title),
                action,
            )

    plan = person.newest("plan")
    latest_work = person.newest("plan", "checkin")
    next_on = next_checkin(person, team)
    if plan is not None and latest_work is not None and next_on is not None and next_on <= horizon:
        add("checkin-due", latest_work.path, next_on, f"check-in is {when((today - next_on).days)}")

    conversation = person.newest("story", "dreams", "plan")
    if conversation is None:
        first = person.documents[0].date if person.documents else today
        since = person.profile.since or first
        where = profile_rel(person.slug) if person.profile.exists else f"people/{person.slug}"
        add("never-started", where, since, "no career conversation yet: start with their life story")
    else:
        review_by = plan.review_by if plan is not None else None
        due_on = conversation_review(person, team)
        if due_on is not None and due_on <= today:
            if plan is not None and review_by is not None:
                message = f"career conversation due: the plan of {plan.date} asked for a review by {review_by}"
            else:
                ago = (today - conversation.date).days
                last = f"{conversation.stage}, {conversation.date}"
                message = f"career conversation due: the last one ({last}) was {plural(ago, 'day')} ago"
            add("conversation-due", conversation.path, due_on, message)

    dreams = person.newest("dreams")
    story_or_dreams = person.newest("story", "dreams")
    if story_or_dreams is not None and (dreams is None or plan is None):
        missing = "dreams" if dreams is None else "action plan"
        told = "life story told" if dreams is None else "dreams written"
        add("next-conversation", story_or_dreams.path, story_or_dreams.date, f"{told} but no {missing} yet")
    if plan is not None and latest_work is not None:
        if dreams is not None and dreams.date > plan.date:
            add(
                "dream-changed",
                dreams.path,
                dreams.date,
                f"dreams changed on {dreams.date}, after the plan of {plan.date}",
            )
        if not own_open:
            finished = [day for action in own if (day := action.closed_on) is not None and day >= plan.date]
            if finished:
                add(
                    "out-of-actions",
                    latest_work.path,
                    max(finished),
                    "finished every action of their own since the plan: celebrate, then choose the next steps",
                )
            else:
                add("plan-without-actions", plan.path, plan.date, "the plan has no action of their own yet")
        bare = [skill.skill for skill in plan.skills if not skill.resources]
        if bare:  # (most plans give every skill its resources: then no action needs a look)
            worked_on = {_skill_key(action.skill) for action in open_actions if action.skill}
            bare = [name for name in bare if _skill_key(name) not in worked_on]
        if bare:
            add(
                "resources-missing",
                plan.path,
                plan.date,
                f"no people or resources to learn from for {plural(len(bare), 'skill')}: {', '.join(bare)}",
            )

    if own_open:
        moved = [action.touched for action in own_open]
        moved += [day for action in own if (day := action.closed_on) is not None]
        quiet_since = max(moved)
        if later(quiet_since, stale) <= today:
            file = latest_work.path if latest_work else max(own_open, key=lambda a: a.touched).path
            add(
                "no-progress",
                file,
                later(quiet_since, stale),
                f"none of their own actions has moved for {plural((today - quiet_since).days, 'day')}",
            )
    ahead_allowed = ("action-due", "checkin-due")
    return [f for f in found if f.date <= (horizon if f.kind in ahead_allowed else today)]


def _skill_key(name: str) -> str:
    """Skill names compare without case or surrounding spaces (`System design` is `system design`)."""
    return name.strip().casefold()
