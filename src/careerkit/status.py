"""One row per person: where they are in the conversations and their actions."""

from __future__ import annotations

from datetime import date

from careerkit.findings import Finding, find_for_person, next_checkin
from careerkit.notes import PersonNotes, Team
from careerkit.records import Record


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
    left: date | None = None  # the day they left the team (or will)

    def to_json(self, with_left: bool = False) -> dict[str, object]:
        """The row for scripts; `with_left` (status --all) adds `left`, so that the rows of 0.1 keep their keys."""
        def day(value: date | None) -> str | None:
            return value.isoformat() if value else None

        row: dict[str, object] = {
            "person": self.person, "name": self.name, "stages": self.stages,
            "last_conversation": day(self.last_conversation), "last_checkin": day(self.last_checkin),
            "next_checkin": day(self.next_checkin), "open": self.open, "due": self.due, "stale": self.stale,
        }
        if with_left:
            row["left"] = day(self.left)
        return row


def row(person: PersonNotes, team: Team, today: date) -> StatusRow:
    findings: list[Finding] = find_for_person(person, team, today)
    reached = [stage for stage in ("story", "dreams", "plan") if person.has(stage)]
    conversation = person.newest("story", "dreams", "plan")
    checkin = person.newest("checkin")
    return StatusRow(
        person=person.slug, name=person.name, stages=", ".join(reached) or "none yet",
        last_conversation=conversation.date if conversation else None,
        last_checkin=checkin.date if checkin else None, next_checkin=next_checkin(person, team),
        open=len(person.open_actions()),
        due=sum(1 for f in findings if f.kind == "action-due"),
        stale=sum(1 for f in findings if f.kind == "action-stale"),
    )


def rows(team: Team, today: date, everyone: bool = False) -> list[StatusRow]:
    """A row for each person on the team; with `everyone`, also for those who have left (`left` <= today)."""
    from careerkit.roster import profile_dates

    table = []
    for person in team.people:
        left, _ = profile_dates(team.root, person.slug)
        if everyone or left is None or left > today:
            table.append(row(person, team, today)._replace(left=left))
    return table
