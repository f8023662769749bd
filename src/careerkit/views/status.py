"""One row per person: the conversations held, the one prepared next, their steps and your promises."""

from __future__ import annotations

from datetime import date

from careerkit.rules.findings import Finding, away, find_for_person, next_checkin
from careerkit.rules.kinds import ACTION_DUE, ACTION_STALE
from careerkit.values.model import PersonNotes, Team
from careerkit.values.records import Record

CONVERSATIONS = ("story", "dreams", "plan")


class Planned(Record):
    """A conversation prepared for a day to come (or today), not held yet."""

    stage: str
    date: date

    def __str__(self) -> str:
        return f"{self.stage} planned for {self.date}"


class StatusRow(Record):
    person: str
    name: str
    stages: list[str]  # the conversations held, in order: story, dreams, plan
    planned: Planned | None  # the earliest document prepared for today or later
    last_conversation: date | None  # the newest story, dreams or plan held
    last_checkin: date | None  # the newest check-in held
    next_checkin: date | None
    open: int  # their own open steps (not your promises)
    due: int  # of those, the ones whose date has come
    stale: int  # of those, the ones untouched for a while
    promises: int  # your open promises to them
    promises_late: int  # of those, the ones past their date
    paused_until: date | None = None  # the profile's date, whenever it is set
    left: date | None = None  # the profile's date, whenever it is set (in the future: they are leaving)
    today: date = date.min

    @property
    def away(self) -> str:
        """ "paused until 2027-01-10", "left on 2026-10-01", "leaves on 2027-02-01", or "" when they are here."""
        if self.left is not None:
            return f"left on {self.left}" if self.left <= self.today else f"leaves on {self.left}"
        if self.paused_until is not None and self.paused_until > self.today:
            return f"paused until {self.paused_until}"
        return ""

    def to_json(self) -> dict[str, object]:
        def day(value: date | None) -> str | None:
            return value.isoformat() if value else None

        planned = {"stage": self.planned.stage, "date": day(self.planned.date)} if self.planned else None
        return {
            "person": self.person,
            "name": self.name,
            "stages": self.stages,
            "planned": planned,
            "last": day(self.last_conversation),
            "last_conversation": day(self.last_conversation),  # the name of 0.2, kept for scripts
            "last_checkin": day(self.last_checkin),
            "next_checkin": day(self.next_checkin),
            "open": self.open,
            "due": self.due,
            "stale": self.stale,
            "promises": self.promises,
            "promises_late": self.promises_late,
            "paused_until": day(self.paused_until),
            "left": day(self.left),
        }


def planned_next(person: PersonNotes, today: date) -> Planned | None:
    """The earliest conversation document prepared for today or a day to come, and not held."""
    ahead = [doc for doc in person.planned(today) if doc.date >= today]
    return Planned(ahead[0].stage, ahead[0].date) if ahead else None


def row(person: PersonNotes, team: Team, today: date) -> StatusRow:
    # Unfolded: a step that `no-progress` holds is still past its date or quiet (the grace after a pause counts).
    findings: list[Finding] = find_for_person(person, team, today, fold=False)
    held = person.as_held(today)
    conversation = held.newest(*CONVERSATIONS)
    checkin = held.newest("checkin")
    promises = [action for action in person.open_actions() if team.is_promise(action)]

    def steps(kind: str) -> int:
        return sum(1 for f in findings if f.kind == kind and f.owner != team.settings.manager)

    return StatusRow(
        person=person.slug,
        name=person.name,
        stages=[stage for stage in CONVERSATIONS if held.has(stage)],
        planned=planned_next(person, today),
        last_conversation=conversation.date if conversation else None,
        last_checkin=checkin.date if checkin else None,
        next_checkin=next_checkin(held, team),
        open=len(person.open_actions()) - len(promises),
        due=steps(ACTION_DUE),
        stale=steps(ACTION_STALE),
        promises=len(promises),
        promises_late=sum(1 for action in promises if action.due is not None and action.due < today),
        paused_until=person.profile.paused_until,
        left=person.profile.left,
        today=today,
    )


def rows(team: Team, today: date, everyone: bool = False) -> list[StatusRow]:
    """One row per person; those who have left only with `everyone`."""
    return [row(person, team, today) for person in team.people if everyone or away(person, today) != "left"]
