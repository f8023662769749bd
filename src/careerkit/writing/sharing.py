"""`careerkit share`: the worksheet for a person's next conversation, from what their notes hold."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from careerkit.errors import UsageError
from careerkit.values.model import PersonNotes
from careerkit.writing import worksheet as ws

if TYPE_CHECKING:
    from careerkit.repository.loader import Repository


def default_stage(person: PersonNotes, today: date) -> str:
    """Their next conversation: dreams, then the plan; a check-in once those were held."""
    held = person.as_held(today)
    for stage in ("dreams", "plan"):
        if not held.has(stage):
            return stage
    return "checkin"


def worksheet_for(notes: Repository, person_text: str, stage: str | None, today: date) -> str:
    from careerkit.writing.scaffold import propose_skills

    if stage is not None and stage not in ws.SHEET_STAGES:
        raise UsageError(f"unknown worksheet stage {stage!r}: use one of {', '.join(ws.SHEET_STAGES)}")
    slug = notes.resolve_person(person_text)
    team = notes.load([slug])
    person = team.people[0]
    chosen = stage or default_stage(person, today)
    dreams = person.newest("dreams")
    candidates = propose_skills(dreams.dreams if dreams else []) if chosen == "plan" else None
    return ws.render(person, chosen, today, team.settings.manager, candidates)
