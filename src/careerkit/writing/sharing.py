"""`careerkit share`: the worksheet for a person's next conversation, from what their notes hold."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from careerkit.errors import UsageError
from careerkit.values.model import Action, PersonNotes
from careerkit.writing import worksheet as ws

if TYPE_CHECKING:
    from careerkit.repository.loader import Repository


def default_stage(person: PersonNotes, today: date) -> str:
    """Their next conversation: dreams, then the plan (again, after their dreams changed); else a check-in."""
    held = person.as_held(today)
    if held.dream_change(today) is not None:
        return "plan"
    for stage in ("dreams", "plan"):
        if not held.has(stage):
            return stage
    return "checkin"


def worksheet_for(notes: Repository, person_text: str, stage: str | None, today: date) -> str:
    from careerkit.writing.proposals import propose_skills

    if stage is not None and stage not in ws.SHEET_STAGES:
        raise UsageError(f"unknown worksheet stage {stage!r}: use one of {', '.join(ws.SHEET_STAGES)}")
    slug = notes.resolve_person(person_text)
    team = notes.load([slug])
    person = team.people[0]
    chosen = stage or default_stage(person, today)
    changed = person.as_held(today).dream_change(today)
    if changed is not None:  # as on their page: the old plan's steps are not theirs to tick any more
        person = person._replace(current_actions=[a for a in person.current_actions if _after(a, changed.date)])
    dreams = person.newest("dreams")
    candidates = propose_skills(dreams.dreams if dreams else []) if chosen == "plan" else None
    return render(person, chosen, today, team.settings.manager, candidates)


def _after(action: Action, day: date) -> bool:
    return action.written is not None and action.written >= day


def person_steps(person: PersonNotes, manager: str) -> list[Action]:
    """The open steps that are the person's own (the manager's promises are not theirs to tick)."""
    return [a for a in person.open_actions() if a.owner != manager]


def render(
    person: PersonNotes, stage: str, day: date, manager: str, candidates: list[dict[str, Any]] | None = None
) -> str:
    """The worksheet for `stage`, shared on `day`: only what their own page would show."""
    base: dict[str, str] = {}
    if stage == "dreams":
        body = _dreams_part(person, base)
    elif stage == "plan":
        body = _plan_part(candidates or [], _learns_best(person))
    else:
        body = _checkin_part(person_steps(person, manager), base)
    prints = ",".join(f"{key}.{value}" for key, value in base.items())
    header = f"<!-- {ws.MARK} person={person.slug} stage={stage} shared={day.isoformat()} base={prints} -->"
    lines = [
        header,
        f"# Worksheet for {_one_line(person.name)}: {ws.STAGE_TITLES[stage]} (keep this line)",
        "",
        f"Date: {day.isoformat()}",
        "",
        "> This is yours to fill in, in any editor, before or after we talk. Change the date above to the day",
        "> you mean. Lines that start with > are only help; leave the first line and the title as they are.",
        "",
        *body,
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _one_line(text: str) -> str:
    """A value of the notes on one line of the worksheet: an escape sequence shown, never sent to a terminal."""
    from careerkit.values.printable import printable

    return printable(" ".join(text.split()))


def _dreams_part(person: PersonNotes, base: dict[str, str]) -> list[str]:
    dreams = person.newest("dreams")
    lines = [
        "## " + ws.SECTIONS["dreams"],
        "",
        "> One line 'Dream: ...' for each dream (three to five), in your words. Under it, a line for each skill",
        "> the dream needs: how much it needs it (need) and how much you have it now (have), each from 1 to 5.",
        "> Change any rating, add dreams and skills, or take out what no longer fits.",
        "",
    ]
    for dream in dreams.dreams if dreams else []:
        lines += [f"### Dream: {_one_line(dream.dream)}", ""]
        for skill in dream.skills:
            base[ws.rating_key(dream.dream, skill.skill)] = ws.rating_print(skill.need, skill.have)
            lines.append(f"- {_one_line(skill.skill)}: need {_number(skill.need)}, have {_number(skill.have)}")
        lines.append("- : need _, have _")
        lines.append("")
    for _ in range(ws.BLANK_LINES["dreams"] if not dreams or not dreams.dreams else 1):
        lines += ["### Dream: ", "", "- : need _, have _", "- : need _, have _", ""]
    return lines


def _number(value: int | None) -> str:
    return "_" if value is None else str(value)


def _learns_best(person: PersonNotes) -> list[str]:
    plan = person.newest("plan")
    return plan.learns_best if plan else []


def _plan_part(candidates: list[dict[str, Any]], learns_best: list[str]) -> list[str]:
    lines = [
        "## " + ws.SECTIONS["choose"],
        "",
        "> Tick two to four skills to work on first ([x]), and put the most important one first.",
        "> A skill that is not here: add it as a line of its own.",
        "",
    ]
    for entry in candidates:
        dreams = "; ".join(_one_line(d) for d in entry["dreams"])
        lines.append(f"- [ ] {_one_line(entry['skill'])}" + (f" - for: {dreams}" if dreams else ""))
    lines += [
        "",
        "## " + ws.SECTIONS["learn"],
        "",
        "> One way a line: pairing, reading, courses, a mentor, building something...",
        "",
        *[f"- {_one_line(item)}" for item in learns_best],
        *["- " for _ in range(ws.BLANK_LINES["plan"])],
        "",
        "## " + ws.SECTIONS["first"],
        "",
        "> Small, concrete steps, one a line after '- [ ]'; add (due YYYY-MM-DD) when it has a date.",
        "",
        *["- [ ] " for _ in range(ws.BLANK_LINES["plan"])],
    ]
    return lines


def _checkin_part(steps: list[Action], base: dict[str, str]) -> list[str]:
    lines = [
        "## " + ws.SECTIONS["steps"],
        "",
        "> Tick a step when it is done ([x]). Change its words or its date when the step changed.",
        "",
    ]
    for action in steps:
        base[str(action.id)] = ws.step_print("open", action.title, action.due)
        due = f" (due {action.due.isoformat()})" if action.due else ""
        lines.append(f"- [ ] {action.id} {_one_line(action.title)}{due}")
    if not steps:
        lines.append("> (no open steps)")
    lines += [
        "",
        "## " + ws.SECTIONS["new"],
        "",
        "> One step a line, after '- [ ]'; add (due YYYY-MM-DD) when it has a date.",
        "",
        *["- [ ] " for _ in range(ws.BLANK_LINES["checkin"])],
        "",
        "## " + ws.SECTIONS["feel"],
        "",
        "> Whatever you want to bring to the check-in. careerkit files nothing from this part: we talk about it.",
        "",
    ]
    return lines
