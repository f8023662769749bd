"""What needs attention: the rules of SPEC.md, as pure functions of the notes.

`find` takes what was read and a date and returns findings; it knows nothing
of files or the terminal. `KINDS` describes each kind for people: it feeds
the agenda's suggestions and docs/findings.md (a test keeps the page in step).
"""

# Records, with their annotations as real types: see the docstring of careerkit.documents.

from datetime import date, timedelta

from careerkit.documents import Document
from careerkit.notes import PersonNotes, Team
from careerkit.records import Record


class Kind(Record):
    name: str
    level: str  # "action" or "person"
    meaning: str  # what it means, in plain words
    why: str  # why it matters
    suggestion: str  # what to do about it (also said in the agenda)
    rule: str  # the exact rule and the date it carries


KINDS = {kind.name: kind for kind in (
    Kind("action-due", "action",
         "An open action has a due date that has come (or, with `--within`, is coming soon).",
         "A date that slips quietly tells the person their plan does not matter.",
         "Ask how it is going: finish it, give it a new date, or drop it on purpose.",
         "open, has `due`, and `due` <= today (+ `--within` days); date = `due`."),
    Kind("action-stale", "action",
         "An open action has not moved (no `updated` date, no new copy) for `stale_after_days`.",
         "Plans drift when nobody looks at them; a stale action is usually blocked or no longer wanted.",
         "Go through each stale action: is it still the right step, what is in the way, what would make it smaller?",
         "open, not already `action-due`, and touched + `stale_after_days` <= today, where touched is `updated` "
         "or else the date of the document holding it; date = touched + `stale_after_days`."),
    Kind("checkin-due", "person",
         "The next check-in date has come: `next_checkin` of the last plan or check-in, or its date plus the cadence.",
         "Plans made and then forgotten are the most common way career conversations fail.",
         "Hold the check-in now, even a short one: progress, feelings, the support they need.",
         "has a plan; next = `next_checkin` of the newest plan or check-in if set, else its date + "
         "`checkin_every_days`; reported when next <= today (+ `--within` days); date = next."),
    Kind("conversation-due", "person",
         "The last story, dreams or plan conversation is older than `conversation_every_days`.",
         "Goals change with life; every person deserves a real career conversation at least once a year, better twice.",
         "Book a longer conversation to revisit the dreams and the plan.",
         "has a story, dreams or plan, and the newest of them + `conversation_every_days` <= today; date = that sum."),
    Kind("next-conversation", "person",
         "The sequence stopped half way: a story without dreams, or dreams without a plan.",
         "The value of the early conversations comes from the plan they lead to.",
         "Hold the next conversation in the sequence.",
         "a story but no dreams, or dreams but no plan; date = the newest story or dreams date."),
    Kind("dream-changed", "person",
         "The newest dreams document is newer than the newest plan.",
         "A plan built for an old dream spends effort on the wrong skills.",
         "Revisit the skill gaps and priorities with them, then redo the plan.",
         "has a plan, and the newest dreams is dated after the newest plan; date = that dreams date."),
    Kind("out-of-actions", "person",
         "There is a plan, but no action item is open.",
         "Without a next step the plan stops moving, however good it is.",
         "Brainstorm two or three small, concrete new actions together; it takes minutes, not a meeting.",
         "has a plan, and no action is open in any document; date = the newest plan or check-in date."),
    Kind("resources-missing", "person",
         "A skill chosen in the newest plan has no people or resources to learn from.",
         "A skill with nobody and nothing to learn from rarely gets learned.",
         "Add an action to research people and resources, share the list, and pick one.",
         "one or more skills of the newest plan list no `resources` (missing, empty or null); one finding naming "
         "them all; date = that plan's date."),
    Kind("no-progress", "person",
         "There are open actions, but nothing was touched or closed for `stale_after_days`.",
         "Stalled plans often feel bad; the person may be stuck, overloaded or losing heart.",
         "Listen first; then suggest blocking one hour a week, and help reprioritise or delegate.",
         "has open actions, and the latest of (touched of each open action, `closed` of any action) + "
         "`stale_after_days` <= today; date = that sum."),
)}


class Finding(Record):
    person: str
    kind: str
    file: str
    date: date
    days: int
    message: str
    action: int | None = None
    title: str | None = None

    @property
    def sort_key(self) -> tuple[int, str, str, int]:
        return (-self.days, self.person, self.kind, self.action or 0)

    def to_json(self) -> dict[str, object]:
        return {
            "person": self.person, "kind": self.kind, "file": self.file,
            "action": self.action, "title": self.title,
            "date": self.date.isoformat(), "days": self.days, "message": self.message,
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


def conversation_review(person: PersonNotes, team: Team) -> tuple[date, Document] | None:
    """When the next career conversation (dreams and plan revisited) is due, and the document it counts from."""
    conversation = person.newest("story", "dreams", "plan")
    if conversation is None:
        return None
    return later(conversation.date, team.settings.conversation_every_days), conversation


def _titled(text: str, title: str) -> str:
    """A message about an action, with its title when it has one."""
    return f"{text}: {title}" if title else text


def find(team: Team, today: date, within: int = 0) -> list[Finding]:
    """Every finding for every person read, sorted as SPEC.md says."""
    found = []
    for person in team.people:
        found += find_for_person(person, team, today, within)
    return sorted(found, key=lambda finding: finding.sort_key)


def find_for_person(person: PersonNotes, team: Team, today: date, within: int = 0) -> list[Finding]:
    settings = team.settings
    stale = settings.stale_after_days
    horizon = later(today, within)
    found: list[Finding] = []

    def add(kind: str, file: str, day: date, message: str, action: int | None = None, title: str | None = None) -> None:
        found.append(Finding(person.slug, kind, file, day, (today - day).days, message, action, title))

    actions = person.actions()
    open_actions = [action for action in actions if action.is_open]
    for action in open_actions:
        if action.due is not None and action.due <= horizon:
            days = (today - action.due).days
            add("action-due", action.path, action.due, _titled(f"action {action.id} is {when(days)}", action.title),
                action.id, action.title)
        elif later(action.touched, stale) <= today:
            quiet = (today - action.touched).days
            add("action-stale", action.path, later(action.touched, stale),
                _titled(f"action {action.id} has not moved for {plural(quiet, 'day')}", action.title),
                action.id, action.title)

    plan = person.newest("plan")
    latest_work = person.newest("plan", "checkin")
    next_on = next_checkin(person, team)
    if plan is not None and latest_work is not None and next_on is not None and next_on <= horizon:
        add("checkin-due", latest_work.path, next_on, f"check-in is {when((today - next_on).days)}")

    review = conversation_review(person, team)
    if review is not None:
        due_on, conversation = review
        if due_on <= today:
            ago = (today - conversation.date).days
            last = f"{conversation.stage}, {conversation.date}"
            add("conversation-due", conversation.path, due_on,
                f"career conversation due: the last one ({last}) was {plural(ago, 'day')} ago")

    dreams = person.newest("dreams")
    story_or_dreams = person.newest("story", "dreams")
    if story_or_dreams is not None and (dreams is None or plan is None):
        missing = "dreams" if dreams is None else "action plan"
        told = "life story told" if dreams is None else "dreams written"
        add("next-conversation", story_or_dreams.path, story_or_dreams.date, f"{told} but no {missing} yet")
    if plan is not None:
        if dreams is not None and dreams.date > plan.date:
            add("dream-changed", dreams.path, dreams.date,
                f"dreams changed on {dreams.date}, after the plan of {plan.date}")
        if not open_actions and latest_work is not None:
            add("out-of-actions", latest_work.path, latest_work.date, "no open action left in the plan")
        bare = [skill.skill for skill in plan.skills if not skill.resources]
        if bare:
            add("resources-missing", plan.path, plan.date,
                f"no people or resources to learn from for {plural(len(bare), 'skill')}: {', '.join(bare)}")

    if open_actions:
        moved = [action.touched for action in open_actions]
        moved += [action.closed for action in actions if action.closed is not None]
        quiet_since = max(moved)
        if later(quiet_since, stale) <= today:
            file = latest_work.path if latest_work else max(open_actions, key=lambda a: a.touched).path
            add("no-progress", file, later(quiet_since, stale),
                f"nothing has moved for {plural((today - quiet_since).days, 'day')}: no action touched or closed")
    ahead_allowed = ("action-due", "checkin-due")
    return [f for f in found if f.date <= (horizon if f.kind in ahead_allowed else today)]
