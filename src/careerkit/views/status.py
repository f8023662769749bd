"""One row per person: where they are in the conversations and their actions."""

from __future__ import annotations

from datetime import date

from careerkit.rules.findings import Finding, away, find_for_person, next_checkin
from careerkit.rules.kinds import ACTION_DUE, ACTION_STALE
from careerkit.values.model import PersonNotes, Team
from careerkit.values.records import Record


class StatusRow(Record):
    person: str
    name: str
    stages: str  # e.g. "story, dreams, plan" or "none yet"
    last_conversation: date | None  # newest story, dreams or plan
    last_checkin: date | None
    next_checkin: date | None
    open: int
    due: int
    stale: int
    paused_until: date | None = None  # set while they are paused
    left: date | None = None  # set once they have left

    @property
    def away(self) -> str:
        """ "paused until 2027-01-10", "left on 2026-10-01", or "" when they are here."""
        if self.left is not None:
            return f"left on {self.left}"
        if self.paused_until is not None:
            return f"paused until {self.paused_until}"
        return ""

    def to_json(self) -> dict[str, object]:
        def day(value: date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "person": self.person,
            "name": self.name,
            "stages": self.stages,
            "last_conversation": day(self.last_conversation),
            "last_checkin": day(self.last_checkin),
            "next_checkin": day(self.next_checkin),
            "open": self.open,
            "due": self.due,
            "stale": self.stale,
            "paused_until": day(self.paused_until),
            "left": day(self.left),
        }


def row(person: PersonNotes, team: Team, today: date) -> StatusRow:
    findings: list[Finding] = find_for_person(person, team, today, fold=False)  # every step counts here
    state = away(person, today)
    reached = [stage for stage in ("story", "dreams", "plan") if person.has(stage)]
    conversation = person.newest("story", "dreams", "plan")
    checkin = person.newest("checkin")
    return StatusRow(
        person=person.slug,
        name=person.name,
        stages=", ".join(reached) or "none yet",
        last_conversation=conversation.date if conversation else None,
        last_checkin=checkin.date if checkin else None,
        next_checkin=next_checkin(person, team),
        open=len(person.open_actions()),
        due=sum(1 for f in findings if f.kind == ACTION_DUE),
        stale=sum(1 for f in findings if f.kind == ACTION_STALE),
        paused_until=person.profile.paused_until if state == "paused" else None,
        left=person.profile.left if state == "left" else None,
    )


def rows(team: Team, today: date, everyone: bool = False) -> list[StatusRow]:
    """One row per person; those who have left only with `everyone`."""
    return [row(person, team, today) for person in team.people if everyone or away(person, today) != "left"]
