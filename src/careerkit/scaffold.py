"""New documents: frontmatter written as data, a body from the stage's template.

The frontmatter is built as a dict and dumped with `yaml.safe_dump`; only our
own fixed help comments are added around it, so no value can inject a key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from careerkit import fsutil, slugs, templates
from careerkit.documents import FILENAME, STAGES, Dream, Problem
from careerkit.errors import CareerkitError, UsageError
from careerkit.notes import Notes, PersonNotes, Team

MAX_SAME_DAY = 99
PLAN_SKILLS = 3  # the method asks for 2 to 4; we pre-fill the biggest gaps

FIELD_HELP = {
    "values": "values and motivators behind their turning points, e.g. [autonomy, financial independence]",
    "dreams": ("3 to 5 dreams; for each skill it needs: need and have on a 1-5 scale, e.g.\n"
               "  - dream: Lead a platform team\n"
               "    skills:\n"
               "      - {skill: people management, need: 4, have: 1}"),
    "learns_best": "how they learn best, e.g. [pairing, reading, courses]",
    "skills": "the 2 to 4 skills to work on, in priority order, each with the people and resources to learn from",
    "actions": ("small concrete steps, each with an owner (almost always them) and a date, e.g.\n"
                "  - {id: NEXT_ID, title: Shadow Bob in two hiring loops, owner: PERSON, due: DATE}"),
    "next_checkin": "the date of the next check-in, if not the usual cadence",
}


@dataclass
class Created:
    path: Path
    profile: Path | None  # a profile written alongside, for a new person given --name
    note: str | None  # something the user should know (e.g. a name that matched another)
    problems: list[Problem]  # unreadable files and invalid settings met on the way (defaults were used)


def check_stage(stage: str) -> str:
    if stage not in STAGES:
        raise UsageError(f"unknown stage {stage!r}: use one of {', '.join(STAGES)}")
    return stage


def create(notes: Notes, stage: str, person_text: str, day: date, name: str | None = None,
           text: str | None = None) -> Created:
    """Write the new `stage` document for the person; never overwrites anything.

    With `text`, the body is that text as it is (a quick note: `careerkit note`), not the stage's
    template: what a person typed is data, never a template.
    """
    check_stage(stage)
    if text is not None:
        text = note_text(text)
    slug, note = _choose_slug(notes, person_text, name)
    folder = notes.person_dir(slug)
    if folder.exists():
        team = notes.load([slug])
        person = team.people[0]
    else:
        team = notes.load([])  # the settings, and what is wrong with them
        person = PersonNotes.read(slug)
    display = name or person.profile.name or (person_text if person_text != slug else slug)
    frontmatter, context = _prefill(stage, person, team, day, display)
    body = templates.render(notes.root, stage, context) if text is None else text
    next_id = max((a.id for a in person.actions()), default=0) + 1
    data = (_frontmatter_text(frontmatter, next_id) + body).encode("utf-8")
    fsutil.make_private_dirs(folder)
    profile = _write_profile(folder, slug, name) if name else None
    for number in range(_next_number(folder, day, stage), MAX_SAME_DAY + 1):
        suffix = "" if number == 1 else f"-{number}"
        path = folder / f"{day.isoformat()}-{stage}{suffix}.md"
        if fsutil.create_new(path, data):
            return Created(path, profile, note, team.errors)
    raise CareerkitError(f"already {MAX_SAME_DAY} {stage} documents on {day}; nothing written",
                         path=notes.rel(folder))


def note_text(text: str) -> str:
    """The text of a quick note, ready to be a body: no blank lines around it, one final newline."""
    lines = text.replace("\r\n", "\n").split("\n")
    body = "\n".join(line.rstrip() for line in lines).strip("\n")
    if not body.strip():
        raise UsageError("the note is empty: give its text as an argument or on standard input")
    return body + "\n"


def _next_number(folder: Path, day: date, stage: str) -> int:
    """One more than the highest -N of the stage's documents that day (none: 1), so the new one is the newest."""
    import os
    import re

    taken = [int(match[3] or 1) for name in os.listdir(folder)
             if (match := re.fullmatch(FILENAME, name)) and match[1] == day.isoformat() and match[2] == stage]
    return max(taken, default=0) + 1


def _choose_slug(notes: Notes, text: str, name: str | None) -> tuple[str, str | None]:
    """An existing person when the text names one exactly; else a new slug from the text.

    A prefix is not enough here, unlike in the commands that only read or change a person, and
    neither does it start a new person: text that only starts like someone (`pri` for priya-nair) is
    refused unless `--name` says that a new person is meant. A note written into someone else's
    folder, or into a stray new one, would be worse than typing the name again.
    """
    slug = slugs.to_slug(text)
    existing = notes.person_named(text)
    if existing is None:
        similar = notes.people_starting(text)
        if similar and name is None:
            raise UsageError(f"{text!r} is not a person, but {' and '.join(similar)} "
                             f"{'starts' if len(similar) == 1 else 'start'} like it: give the full slug or name, "
                             "or add --name to start a new person")
        return slug, None
    if text != existing:
        from careerkit.settings import load_profile

        profile_name = load_profile(notes.root, existing).value.name
        same_slug = slugs.slugify(profile_name or "") == slugs.slugify(text)
        if profile_name and profile_name != text and same_slug and text != slug:
            return existing, f"{text!r} is written to people/{existing}/, the folder of {profile_name!r}"
    return existing, None


def _write_profile(folder: Path, slug: str, name: str) -> Path | None:
    import yaml

    path = folder / "profile.md"
    text = "---\n" + yaml.safe_dump({"name": name, "role": None}, sort_keys=False, allow_unicode=True)
    text += "# checkin_every_days: 14   # uncomment to use another cadence for this person\n---\n"
    return path if fsutil.create_new(path, text.encode("utf-8")) else None


def _frontmatter_text(data: dict[str, Any], next_id: int) -> str:
    import yaml

    parts = ["---\n"]
    for key, value in data.items():
        help_text = FIELD_HELP.get(key)
        if help_text:
            help_text = (help_text.replace("NEXT_ID", str(next_id)).replace("PERSON", data["person"])
                         .replace("DATE", str(data["date"])))
            parts += [f"# {line}\n" for line in help_text.splitlines()]
        parts.append(yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, default_flow_style=False))
    parts.append("---\n\n")
    return "".join(parts)


def _prefill(stage: str, person: PersonNotes, team: Team, day: date,
             name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The frontmatter data and the template context, from what earlier documents say."""
    frontmatter: dict[str, Any] = {"person": person.slug, "stage": stage, "date": day}
    context: dict[str, Any] = {"person": person.slug, "name": name, "date": day.isoformat(), "stage": stage}
    story = person.newest("story")
    dreams = person.newest("dreams")
    last_checkin = person.newest("checkin")
    if stage == "story":
        frontmatter["values"] = []
    elif stage == "dreams":
        frontmatter["dreams"] = []
        context["values"] = story.values if story else []
        context["story_date"] = story.date.isoformat() if story else None
    elif stage == "plan":
        dream_rows = [{"dream": d.dream, "skills": [{"skill": s.skill, "need": s.need, "have": s.have, "gap": s.gap}
                                                    for s in d.skills]} for d in (dreams.dreams if dreams else [])]
        gaps = _biggest_gaps(dreams.dreams if dreams else [])
        frontmatter["learns_best"] = []
        frontmatter["skills"] = [{"skill": gap["skill"], "resources": []} for gap in gaps[:PLAN_SKILLS]]
        frontmatter["actions"] = []
        context.update(dreams=dream_rows, gaps=gaps, values=story.values if story else [],
                       dreams_date=dreams.date.isoformat() if dreams else None)
    elif stage == "checkin":
        from careerkit import agenda

        plan = person.newest("plan")
        frontmatter["actions"] = []
        context["last_checkin"] = last_checkin.date.isoformat() if last_checkin else None
        context["open_actions"] = [{"id": a.id, "title": a.title, "owner": a.owner,
                                    "due": a.due.isoformat() if a.due else None, "skill": a.skill}
                                   for a in person.open_actions()]
        context["skills"] = [{"skill": s.skill, "resources": s.resources} for s in (plan.skills if plan else [])]
        context["agenda"] = agenda.to_markdown(agenda.build(person, team, day)) if person.documents else ""
    else:
        context["last_checkin"] = last_checkin.date.isoformat() if last_checkin else None
    return frontmatter, context


def _biggest_gaps(dreams: list[Dream]) -> list[dict[str, Any]]:
    """Each skill with a gap (need - have > 0) once, at its biggest gap, biggest first."""
    best: dict[str, dict[str, Any]] = {}
    for dream in dreams:
        for skill in dream.skills:
            if skill.gap > 0 and skill.gap > best.get(skill.skill, {"gap": 0})["gap"]:
                best[skill.skill] = {"skill": skill.skill, "dream": dream.dream, "need": skill.need,
                                     "have": skill.have, "gap": skill.gap}
    return sorted(best.values(), key=lambda gap: -gap["gap"])
