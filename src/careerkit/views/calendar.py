"""What `careerkit calendar` puts in a calendar, and the iCalendar text (RFC 5545) that carries it.

The dates come from the rules of the findings (careerkit.rules.findings), so a
calendar and `careerkit due` never disagree. For each person: their next
check-in (`checkin-due`), their next career conversation, and each of your own
open promises with a date; their own steps only when asked (`steps`), since the
plan is theirs to keep, not yours to chase. Someone part-way through the three
conversations has the next one due now, or on the day it is prepared for;
someone past them, at the plan's review (`conversation-due`). What is already
late sits on today and says since when; one cadence of grace after a pause
moves what it moves in `due`. Nothing for people who have left or are paused.

A calendar file leaves the machine when it is subscribed to, so an event
carries only the person's name and the kind of event (the action's title
only when asked), and its UID is a hash: the same on every run and every
machine that shares the notes (so a new import updates the event instead of
adding a second one), and it names no one. The hash is keyed with
`calendar_key` from careerkit.yaml, so that nobody can test a guessed name
against it, and two teams' `alex` never share an event. Without a usable key,
and none can be added, there is no calendar (careerkit.init_repo.add_calendar_key).
"""

# Records, with their annotations as real types: see the docstring of careerkit.reading.documents.

import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from careerkit.rules.findings import away, conversation_review, find_for_person
from careerkit.rules.kinds import KINDS
from careerkit.rules.registry import ACTION_EVENT, CHECKIN_EVENT
from careerkit.rules.tier1_late import NEVER_STARTED_DAYS
from careerkit.rules.timing import grace_until, later
from careerkit.values.model import PersonNotes, Team
from careerkit.values.printable import printable
from careerkit.values.records import Record

CHECKIN, CONVERSATION, ACTION = CHECKIN_EVENT, "conversation", ACTION_EVENT  # (the first and last: by finding)
# The kinds of finding that date an event: their registered event is CHECKIN or ACTION (careerkit.rules.kinds).
FROM_FINDING = {kind.name: kind.calendar for kind in KINDS.values() if kind.calendar is not None}
PRODID = "-//careerkit//careerkit calendar//EN"
STAGES = ("story", "dreams", "plan")
TOPICS = {"story": "life story", "dreams": "dreams", "plan": "plan"}  # how an event names the conversation
REVIEW = "dreams and plan"  # the conversation that revisits both, once the three were held


class Entry(Record):
    """One all-day event: `day` is when it sits in the calendar, `due` when it is (or was) due."""

    person: str
    name: str
    kind: str  # CHECKIN, CONVERSATION or ACTION
    day: date
    due: date
    action: int | None = None
    title: str | None = None
    promise: bool = False  # the manager's own promise (its owner is the `manager` setting)
    topic: str = REVIEW  # a conversation: which one comes next

    @property
    def late(self) -> bool:
        return self.due < self.day

    def summary(self, titles: bool) -> str:
        if self.kind == CHECKIN:
            text = f"Check-in with {self.name}"
        elif self.kind == CONVERSATION:
            text = f"Career conversation with {self.name}: {self.topic}"
        else:
            whose = f"Your promise to {self.name}" if self.promise else self.name
            text = f"{whose}: action {self.action} due"
            if titles and self.title:
                text += f": {self.title}"
        return f"{text} (late since {self.due.isoformat()})" if self.late else text

    def uid(self, key: str) -> str:
        """Stable for this person, kind and action; a keyed hash, so it names no one."""
        if not key:
            raise ValueError("an event id is never made without a key")
        text = "\0".join((key, self.person, self.kind, str(self.action or "")))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40] + "@careerkit"


def entries(team: Team, today: date, steps: bool = False) -> list[Entry]:
    """Every event for the people read, by day, then person, kind and action; their own steps with `steps`."""
    found: list[Entry] = []
    for person in team.people:
        if not away(person, today):  # left or paused: nothing, as in the findings
            found += _person_entries(person, team, today, steps)
    return sorted(found, key=lambda entry: (entry.day, entry.person, entry.kind, entry.action or 0))


def _person_entries(person: PersonNotes, team: Team, today: date, steps: bool) -> list[Entry]:
    found: list[Entry] = []
    # Everything ahead: action-due and checkin-due are reported up to `within` days ahead.
    for finding in find_for_person(person, team, today, (date.max - today).days, fold=False, graced_ahead=True):
        promise = finding.action is not None and finding.owner == team.settings.manager
        kind = FROM_FINDING.get(finding.kind)
        if kind == CHECKIN or (kind == ACTION and steps and not promise):  # a promise: from the action, below
            day = max(finding.date, today)
            found.append(Entry(person.slug, person.name, kind, day, finding.date, finding.action, finding.title))
    for action in person.open_actions():
        if team.is_promise(action) and action.due is not None:  # a promise keeps its date, pause or not
            found.append(
                Entry(
                    person.slug, person.name, ACTION, max(action.due, today), action.due, action.id, action.title, True
                )
            )
    conversation = next_conversation(person, team, today)
    if conversation is not None:
        due, topic = conversation
        found.append(Entry(person.slug, person.name, CONVERSATION, max(due, today), due, topic=topic))
    return found


def next_conversation(person: PersonNotes, team: Team, today: date) -> tuple[date, str] | None:
    """When the person's next career conversation is due, and which one: for someone part-way through the three,
    on the day it is prepared for, else now (a new joiner: once they settled in); after them, at the review."""
    held = person.as_held(today)
    if held.newest(*STAGES) is None:
        stage, due = "story", _settled(person, today)
    elif held.newest("story", "dreams") is not None and not (held.has("dreams") and held.has("plan")):
        stage, due = ("plan" if held.has("dreams") else "dreams"), today
    else:
        review = conversation_review(held, team)
        return (_graced(review, person, team, today), REVIEW) if review is not None else None
    ahead = [doc.date for doc in person.planned(today) if doc.stage == stage and doc.date >= today]
    return (ahead[0] if ahead else _graced(due, person, team, today)), TOPICS[stage]  # a day agreed stays


def _settled(person: PersonNotes, today: date) -> date:
    """A new joiner's first conversation: once they have settled in (as `never-started` counts it)."""
    since = person.profile.since
    return later(since, NEVER_STARTED_DAYS) if since is not None else today


def _graced(due: date, person: PersonNotes, team: Team, today: date) -> date:
    """`due`, moved to the end of the grace after a pause when it falls before it."""
    grace = grace_until(person, team, today)
    return grace if grace is not None and due < grace else due


def to_ical(found: list[Entry], key: str, titles: bool, stamp: datetime | None = None) -> bytes:
    """The iCalendar file: one all-day event for each entry, stamped with the time it was made (UTC)."""
    import icalendar  # only this command needs it

    stamp = stamp or datetime.now(UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "careerkit")
    for entry in found:
        event = icalendar.Event()
        event.add("uid", entry.uid(key))
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.day)
        if entry.day < date.max:
            event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", printable(entry.summary(titles)))  # RFC 5545 text holds no control characters
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def is_calendar(path: Path) -> bool:
    """True when the file at `path` is a calendar careerkit wrote (so `calendar -o` may replace it); never
    waits on a pipe, nor follows a link."""
    from careerkit.fs.safe import holds

    return holds(path, f"PRODID:{PRODID}".encode())
