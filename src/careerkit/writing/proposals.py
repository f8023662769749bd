"""What `careerkit new` proposes from earlier documents: the skills to choose from, and on a revisit the
dreams to rate again, how they learn best, and the open steps and promises to keep, change or let go."""

from __future__ import annotations

from typing import Any

from careerkit.values.model import Action, Document, Dream, PersonNotes, Team

NEEDED = 3  # a skill whose need is at least this counts as needed by its dream


def propose_skills(dreams: list[Dream]) -> list[dict[str, Any]]:
    """The skills of the dream grid worth choosing from, ranked as the docs say.

    First by the order of the dreams (a skill counts for the first dream that needs it with a need of NEEDED or
    more; one no dream needs so comes after them all), then by how many dreams need it so, then the higher
    need, then the bigger gap; each once, with the dreams it serves. A skill rated as good as every dream
    needs is left out.
    """
    found: dict[str, dict[str, Any]] = {}
    for position, dream in enumerate(dreams):
        for skill in dream.skills:
            key = " ".join(skill.skill.split()).casefold()
            entry = found.setdefault(key, _entry(skill.skill, len(dreams)))
            _count(entry, dream, skill, position)
    wanted = [e for e in found.values() if not e["rated"] or (e["gap"] or 0) > 0]
    wanted.sort(key=lambda e: (e["first"], -e["count"], -(e["need"] or 0), -(e["gap"] or 0), e["skill"].casefold()))
    return [{k: v for k, v in e.items() if k not in ("rated", "first")} for e in wanted]


def _entry(name: str, unneeded: int) -> dict[str, Any]:
    return {
        "skill": name,
        "dreams": [],
        "count": 0,
        "need": None,
        "have": None,
        "gap": None,
        "rated": False,
        "first": unneeded,
    }


def _count(entry: dict[str, Any], dream: Dream, skill: Any, position: int) -> None:
    """Add what one dream says of the skill to its entry."""
    if dream.dream not in entry["dreams"]:
        entry["dreams"].append(dream.dream)
    if skill.need is not None and skill.need >= NEEDED:
        entry["count"] += 1
        entry["first"] = min(entry["first"], position)
    if skill.need is not None:
        entry["need"] = max(entry["need"] or 0, skill.need)
    if skill.have is not None:
        entry["have"] = skill.have if entry["have"] is None else min(entry["have"], skill.have)
    if skill.need is not None and skill.have is not None:
        entry["rated"] = True
        entry["gap"] = max(entry["gap"] if entry["gap"] is not None else -5, skill.gap)


def dreams_to_rate_again(earlier: Document) -> list[dict[str, Any]]:
    """The dreams of `earlier` for a revisit: each dream with its skills and `need`, `have` left to rate again."""
    return [
        {"dream": d.dream, "skills": [{"skill": s.skill, "need": s.need, "have": None} for s in d.skills]}
        for d in earlier.dreams
    ]


def last_ratings(earlier: Document) -> list[dict[str, Any]]:
    """Each skill's `have` in `earlier`, once (the first rating met), as a hint for rating it again."""
    seen: dict[str, dict[str, Any]] = {}
    for dream in earlier.dreams:
        for skill in dream.skills:
            key = " ".join(skill.skill.split()).casefold()
            if key not in seen and skill.have is not None:
                seen[key] = {"skill": skill.skill, "have": skill.have}
    return list(seen.values())


def learns_best_before(person: PersonNotes) -> list[str]:
    """`learns_best` of the newest plan that has it, to confirm on a new plan."""
    plan = next((d for d in reversed(person.documents) if d.stage == "plan" and d.learns_best), None)
    return list(plan.learns_best) if plan else []


def open_to_review(person: PersonNotes, team: Team) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The person's open steps and your open promises, for a new plan to keep, change or let go."""
    steps: list[dict[str, Any]] = []
    promises: list[dict[str, Any]] = []
    for action in person.open_actions():
        (promises if team.is_promise(action) else steps).append(_row(action))
    return steps, promises


def _row(action: Action) -> dict[str, Any]:
    return {"id": action.id, "title": action.title, "due": action.due.isoformat() if action.due else None}
