"""What `careerkit calendar` puts in a calendar, and the iCalendar text (RFC 5545) that carries it.

The dates come from the rules of the findings (careerkit.rules.findings), so a
calendar and `careerkit due` never disagree: each person's next check-in
(`checkin-due`), their next career conversation (`conversation-due`), and
every open action with a due date (`action-due`). What is already late sits
on today and says since when. Like the findings, nothing for people who have
left or are paused.

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

from careerkit.rules.findings import away, conversation_review, find
from careerkit.rules.kinds import KINDS
from careerkit.rules.registry import ACTION_EVENT, CHECKIN_EVENT
from careerkit.values.model import Team
from careerkit.values.printable import printable
from careerkit.values.records import Record

CHECKIN, CONVERSATION, ACTION = CHECKIN_EVENT, "conversation", ACTION_EVENT  # (the first and last: by finding)
# The kinds of finding that date an event: their registered event is CHECKIN or ACTION (careerkit.rules.kinds).
FROM_FINDING = {kind.name: kind.calendar for kind in KINDS.values() if kind.calendar is not None}
PRODID = "-//careerkit//careerkit calendar//EN"


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

    @property
    def late(self) -> bool:
        return self.due < self.day

    def summary(self, titles: bool) -> str:
        if self.kind == CHECKIN:
            text = f"Check-in with {self.name}"
        elif self.kind == CONVERSATION:
            text = f"Career conversation with {self.name}: dreams and plan"
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


def entries(team: Team, today: date) -> list[Entry]:
    """Every event for the people read, by day, then person, kind and action."""
    names = {person.slug: person.name for person in team.people}
    found: list[Entry] = []
    # Everything ahead: action-due and checkin-due are reported up to `within` days ahead.
    for finding in find(team, today, within=(date.max - today).days, fold=False, graced_ahead=True):
        kind = FROM_FINDING.get(finding.kind)
        if kind is not None:
            promise = finding.action is not None and finding.owner == team.settings.manager
            found.append(
                Entry(
                    finding.person,
                    names[finding.person],
                    kind,
                    max(finding.date, today),
                    finding.date,
                    finding.action,
                    finding.title,
                    promise,
                )
            )
    for person in team.people:
        if away(person, today):  # left or paused: nothing, as in the findings
            continue
        review = conversation_review(person, team)  # reported by `due` only once it has come: ahead, from its rule
        if review is not None:
            found.append(Entry(person.slug, person.name, CONVERSATION, max(review, today), review))
    return sorted(found, key=lambda entry: (entry.day, entry.person, entry.kind, entry.action or 0))


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
