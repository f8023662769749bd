"""What to bring to a person's next check-in, from their findings and documents.

`build` gathers the facts; `to_markdown` writes them as a one-minute read.
`careerkit agenda` prints it and `careerkit new checkin` embeds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from careerkit.documents import Action, Document, PlanSkill
from careerkit.findings import KINDS, Finding, find_for_person, next_checkin, plural, when
from careerkit.notes import PersonNotes, Team

LISTENING = ("Let them talk about 90% of the time: ask, then wait, and say \"take your time\" "
             "when a silence comes. Write your notes right after.")

QUESTIONS = {
    "base": [
        "What went well since we last talked, and what are you proud of?",
        "Where did you get stuck, and what would have helped?",
        "What support do you need from me before we talk again?",
    ],
    "action-stale": "Which of these steps still matters to you, and which should we let go?",
    "no-progress": "How do you feel about the plan right now, honestly?",
    "out-of-actions": "What is one small thing you could try in the next two weeks?",
    "resources-missing": "Who do you know, inside or outside the team, who is good at this?",
    "dream-changed": "What has changed in what you want, and what made it change?",
    "next-conversation": "Is now a good time to continue where we left off?",
    "conversation-due": "Looking at the last year, is your plan still pointing where you want to go?",
}
MAX_QUESTIONS = 5


@dataclass
class OpenAction:
    action: Action
    state: str  # "overdue", "due today", "stale", "on track"
    detail: str


@dataclass
class Agenda:
    person: PersonNotes
    today: date
    last_checkin: Document | None
    next_checkin: date | None
    open_actions: list[OpenAction] = field(default_factory=list)
    closed_since: list[Action] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    skills: list[PlanSkill] = field(default_factory=list)
    notes_since: list[Document] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)


def build(person: PersonNotes, team: Team, today: date) -> Agenda:
    findings = sorted(find_for_person(person, team, today), key=lambda f: f.sort_key)
    last_checkin = person.newest("checkin")
    # "Since the last check-in"; before the first one, since the plan.
    reference = last_checkin or person.newest("plan")
    since = reference.date if reference is not None else None
    stale_ids = {f.action for f in findings if f.kind == "action-stale"}
    plan = person.newest("plan")
    agenda = Agenda(person, today, last_checkin, next_checkin(person, team), findings=findings,
                    skills=plan.skills if plan else [])
    for action in person.open_actions():
        agenda.open_actions.append(_state(action, action.id in stale_ids, today))
    agenda.closed_since = [a for a in person.actions()
                           if not a.is_open and a.closed is not None and (since is None or a.closed > since)]
    agenda.notes_since = [d for d in person.documents
                          if d.stage == "note" and (since is None or d.date > since) and d.date <= today]
    agenda.questions = _questions(findings)
    return agenda


def _state(action: Action, stale: bool, today: date) -> OpenAction:
    if action.due is not None and action.due <= today:
        days = (today - action.due).days
        return OpenAction(action, "overdue" if days else "due today", when(days))
    if stale:
        return OpenAction(action, "stale", f"stale: no progress for {plural((today - action.touched).days, 'day')}")
    detail = f"on track, due {action.due}" if action.due else "on track, no due date"
    return OpenAction(action, "on track", detail)


def _questions(findings: list[Finding]) -> list[str]:
    chosen: list[str] = []
    for finding in findings:
        question = QUESTIONS.get(finding.kind)
        if isinstance(question, str) and question not in chosen:
            chosen.append(question)
    for question in QUESTIONS["base"]:
        if len(chosen) >= MAX_QUESTIONS:
            break
        chosen.append(question)
    return chosen[:MAX_QUESTIONS]


def to_markdown(agenda: Agenda) -> str:
    person, today = agenda.person, agenda.today
    lines = [f"## Check-in agenda: {person.name} ({today})", ""]
    if agenda.last_checkin is not None:
        ago = (today - agenda.last_checkin.date).days
        lines.append(f"Last check-in: {agenda.last_checkin.date} ({plural(ago, 'day')} ago).")
    else:
        lines.append("No check-in yet.")
    if agenda.next_checkin is not None:
        lines.append(f"Next check-in: {agenda.next_checkin} ({when((today - agenda.next_checkin).days)}).")
    lines.append("")

    lines.append("### Open actions")
    if agenda.open_actions:
        for item in agenda.open_actions:
            action = item.action
            owner = "" if action.owner == person.slug else f", owner: {action.owner}"
            lines.append(f"- [ ] {action.id}. {action.title} ({item.detail}{owner})")
    else:
        lines.append("- none open")
    lines.append("")

    if agenda.closed_since:
        lines.append("### Closed since the last check-in")
        for action in agenda.closed_since:
            lines.append(f"- [x] {action.id}. {action.title} ({action.status} on {action.closed})")
        lines.append("")

    lines.append("### What to talk about")
    calm = "- Nothing has drifted: spend the time on how they feel and what is next."
    lines += _talking_points(agenda.findings) or [calm]
    lines.append("")

    if agenda.skills:
        lines.append("### Skills being worked on")
        for skill in agenda.skills:
            resources = "; ".join(skill.resources) if skill.resources else "no people or resources yet"
            lines.append(f"- {skill.skill}: {resources}")
        lines.append("")

    if agenda.notes_since:
        lines.append("### What they told you since")
        for note in agenda.notes_since:
            lines.append(f"- {note.date}: {note.summary or '(see the note)'} ({note.path})")
        lines.append("")

    lines.append("### Questions")
    lines += [f"{number}. {question}" for number, question in enumerate(agenda.questions, 1)]
    lines += ["", f"_{LISTENING}_", ""]
    return "\n".join(lines)


def _talking_points(findings: list[Finding]) -> list[str]:
    """One point per kind: action findings grouped (the actions are listed above), person findings as said."""
    points = []
    for kind in dict.fromkeys(f.kind for f in findings):
        of_kind = [f for f in findings if f.kind == kind]
        suggestion = KINDS[kind].suggestion
        if KINDS[kind].level == "action":
            word = "overdue" if kind == "action-due" else "stale"
            ids = ", ".join(str(f.action) for f in of_kind)
            points.append(f"- **{len(of_kind)} {word} {'action' if len(of_kind) == 1 else 'actions'}** ({ids}): "
                          f"{suggestion}")
        else:
            message = of_kind[0].message
            points.append(f"- **{message[0].upper() + message[1:]}.** {suggestion}")
    return points


def to_json(agenda: Agenda) -> dict[str, object]:
    """The agenda for scripts: the same facts as `to_markdown`, in the order of its sections.

    Dates are ISO strings; every list is present (empty when there is nothing
    to say); a finding is written as `due --json` writes it, plus its suggestion.
    """
    from careerkit import actions

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    last = agenda.last_checkin
    return {
        "person": agenda.person.slug,
        "name": agenda.person.name,
        "today": agenda.today.isoformat(),
        "last_checkin": None if last is None else {"date": last.date.isoformat(), "file": last.path},
        "next_checkin": day(agenda.next_checkin),
        "notes": [{"date": note.date.isoformat(), "file": note.path, "summary": note.summary or None}
                  for note in agenda.notes_since],
        "points": [{**finding.to_json(), "suggestion": KINDS[finding.kind].suggestion} for finding in agenda.findings],
        "actions": [{**actions.to_json(item.action, item.state), "detail": item.detail}
                    for item in agenda.open_actions],
        "closed": [actions.to_json(action, action.status) for action in agenda.closed_since],
        "skills": [{"skill": skill.skill, "resources": list(skill.resources)} for skill in agenda.skills],
        "questions": list(agenda.questions),
    }
