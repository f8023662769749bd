"""What to bring to a person's next conversation, from their findings and documents.

`build` gathers the facts; `to_markdown` writes them as a one-minute read.
`careerkit agenda` prints it and `careerkit new checkin` embeds it. The order
is the person first and the tasks second: what they told you, your own
promises, what to talk about (how they feel before the tasks), their actions,
their skills, then questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from careerkit.rules.actions import states
from careerkit.rules.findings import Finding, away, find_for_person, next_checkin
from careerkit.rules.kinds import (
    DREAM_CHANGED,
    KINDS,
    NO_PROGRESS,
    OUT_OF_ACTIONS,
    PROMISE_SUGGESTION,
    STEPS_FINISHED,
    age,
    plural,
    when,
)
from careerkit.values.model import Action, Document, PersonNotes, PlanSkill, Team
from careerkit.values.voice import speaks_to, to_self

LISTENING = (
    "It is their time: let them do about 90% of the talking. Ask, wait, and when a silence comes, "
    'say "take your time" instead of filling it. Write your notes straight after.'
)
SELF_LISTENING = (
    "These notes are yours, and the plan serves you. Write down what you noticed while it is fresh, and "
    "bring one question to your manager."
)
_LEAD_INS = ("- At the check-in of", "- How they learn best")  # careerkit's words before their own

# Questions for a check-in, by the finding that calls for them; {skill} is a skill of their plan.
QUESTIONS = {
    "base": [
        "What went well since we last talked, and what are you proud of?",
        "What has taken most of your time and energy lately?",
        "What would you like from me before we meet again?",
    ],
    # and one for each kind of finding that has a question (careerkit.rules.kinds)
    **{kind.name: kind.question for kind in KINDS.values() if kind.question is not None},
}
# The opening of each conversation, for someone who has not yet had all three.
OPENINGS = {
    "story": [
        "Starting from school, if you like: how did you get from there to here?",
        "Where did you change direction, and what made you choose the way you did?",
        "Which of those choices are you proudest of?",
    ],
    "dreams": [
        "If your career went as well as it possibly could, what would you be doing at its peak?",
        "Whose work, anywhere, makes you a little envious, and which part of it?",
        "If you went much deeper where you are now instead, what would that look like?",
    ],
    "plan": [
        "Which skills come up in more than one of your dreams?",
        "Think of something you learned fast: how did you go about it?",
        "How could your role change so that you learn these skills at work?",
    ],
}
# For someone who is paused: the agenda is for their return, not for what slipped while they were away.
RETURNING = [
    "How are you, and how would you like to ease back in?",
    "Which parts of your plan still matter to you after the time away, and which can wait?",
]
# Findings about how the person feels come first: listen (and praise) before any task.
FEELINGS_FIRST = (STEPS_FINISHED, OUT_OF_ACTIONS, DREAM_CHANGED, NO_PROGRESS)
MAX_QUESTIONS = 5


@dataclass
class OpenAction:
    action: Action
    state: str  # "overdue", "due today", "stale", "on track"; "away" while they are paused or gone
    detail: str


@dataclass
class Agenda:
    person: PersonNotes
    today: date
    last_checkin: Document | None
    next_checkin: date | None
    away: str | None = None  # "left", "paused" or None
    next_conversation: str | None = None  # story, dreams or plan: the conversation they have not had yet
    notes: list[Document] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)  # what they asked of you at the last check-in
    promises: list[OpenAction] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    open_actions: list[OpenAction] = field(default_factory=list)
    closed_since: list[Action] = field(default_factory=list)
    skills: list[PlanSkill] = field(default_factory=list)
    learns_best: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    to_self: bool = False  # their own notes (`self` in careerkit.yaml): careerkit's words are said to them


def build(person: PersonNotes, team: Team, today: date) -> Agenda:
    findings = sorted(find_for_person(person, team, today), key=lambda f: f.sort_key)
    findings.sort(key=lambda f: f.kind not in FEELINGS_FIRST)  # stable: otherwise in the order of `due`
    last_checkin = person.newest("checkin")
    plan = person.newest("plan")
    # "Since the last check-in"; before the first one, since the plan.
    reference = last_checkin or plan
    since = reference.date if reference is not None else None
    state_of = states(person, team, today)  # each step's own state, also when a finding holds it
    agenda = Agenda(
        person,
        today,
        last_checkin,
        next_checkin(person, team),
        away=away(person, today),
        next_conversation=_next_conversation(person),
        findings=findings,
        skills=plan.skills if plan else [],
        learns_best=plan.learns_best if plan else [],
        to_self=speaks_to(team.settings.self_person, person.slug),
    )
    for action in sorted(person.open_actions(), key=lambda a: (a.due is None, a.due or today, a.id)):
        state = _state(action, state_of[action.id], today, late=agenda.away is None)
        (agenda.promises if team.is_promise(action) else agenda.open_actions).append(state)
    agenda.open_actions.sort(key=lambda item: item.action.id)
    agenda.closed_since = [
        a
        for a in person.actions()
        if not team.is_promise(a) and (closed := a.closed_on) and (since is None or closed > since) and closed <= today
    ]
    notes = [d for d in person.documents if d.stage == "note" and d.date <= today]
    agenda.notes = [d for d in notes if since is None or d.date > since] or notes[-1:]
    agenda.asked = list(last_checkin.asked) if last_checkin else []
    agenda.questions = _questions(agenda)
    return agenda


def _next_conversation(person: PersonNotes) -> str | None:
    """The conversation that comes next for someone without a plan (story, dreams or plan); None once there is
    a plan, when check-ins follow."""
    if person.has("plan"):
        return None
    if person.has("dreams"):
        return "plan"
    return "dreams" if person.has("story") else "story"


def _state(action: Action, state: str, today: date, late: bool = True) -> OpenAction:
    """An open action in the agenda: its state (careerkit.rules.actions.states) and what to say of it; without `late`
    (someone away) only its due date, never "overdue"."""
    if not late:
        return OpenAction(action, "away", f"due {action.due}" if action.due else "no due date")
    if state in ("overdue", "due today"):
        assert action.due is not None  # only an action with a due date is late
        return OpenAction(action, state, when((today - action.due).days))
    if state == "stale":
        return OpenAction(action, "stale", f"no progress for {age((today - action.touched).days)}")
    detail = f"on track, due {action.due}" if action.due else "on track, no due date"
    return OpenAction(action, "on track", detail)


def _questions(agenda: Agenda) -> list[str]:
    if agenda.away == "left":
        return []
    if agenda.away == "paused" and agenda.next_conversation is None:
        return list(RETURNING)
    if agenda.next_conversation is not None:
        openings = list(OPENINGS[agenda.next_conversation])
        if agenda.away == "paused":  # back from a break before the three conversations: ease in, then open the next
            openings.insert(0, RETURNING[0])
        story = agenda.person.newest("story")
        if agenda.next_conversation == "dreams" and story is not None and story.values and not story.values_confirmed:
            # Share the values back before the dreams are held up against them; they have the final say.
            openings.insert(
                0, f"What I heard drives you is {', '.join(story.values)}: what fits, and what would you change?"
            )
        return openings
    skill = _skill_to_name(agenda)
    chosen: list[str] = []
    for finding in agenda.findings:
        question = QUESTIONS.get(finding.kind)
        if isinstance(question, str):
            question = question.format(skill=skill)
            if question not in chosen:
                chosen.append(question)
    for question in QUESTIONS["base"]:
        if len(chosen) >= MAX_QUESTIONS:
            break
        if question not in chosen:
            chosen.append(question)
    return chosen[:MAX_QUESTIONS]


def _skill_to_name(agenda: Agenda) -> str:
    """The skill a question is about: the first without resources, else the first of the plan."""
    bare = [s.skill for s in agenda.skills if not s.resources]
    names = bare or [s.skill for s in agenda.skills]
    return names[0] if names else "the skill you care about most"


def to_markdown(agenda: Agenda) -> str:
    person, today = agenda.person, agenda.today
    title = "Check-in agenda" if agenda.next_conversation is None else "Agenda"
    lines = [f"## {title}: {person.name} ({today})", ""]
    lines += _header(agenda)
    lines.append("")

    if agenda.notes or agenda.asked:
        lines.append("### What they told you")
        for note in agenda.notes:
            lines.append(f"- {note.date}: {note.summary or '(nothing written yet; see the note)'} ({note.path})")
        if agenda.asked and agenda.last_checkin is not None:
            lines.append(f"- At the check-in of {agenda.last_checkin.date} they asked of you:")
            lines += [f"  - {item}" for item in agenda.asked]
        lines.append("")

    if agenda.promises:
        lines.append("### Your promises")
        for item in agenda.promises:
            lines.append(f"- [ ] {item.action.id}. {item.action.title or '(no title)'} ({item.detail})")
        lines.append("")

    if agenda.findings:
        lines.append("### What to talk about")
        promised = {item.action.id for item in agenda.promises}
        lines += [_talking_point(finding, finding.action in promised) for finding in agenda.findings]
        lines.append("")

    if agenda.open_actions or agenda.closed_since:
        lines.append("### Their open actions")
        for item in agenda.open_actions:
            action = item.action
            owner = "" if action.owner == person.slug else f", owner: {action.owner}"
            lines.append(f"- [ ] {action.id}. {action.title or '(no title)'} ({item.detail}{owner})")
        for action in agenda.closed_since:
            lines.append(f"- [x] {action.id}. {action.title or '(no title)'} ({action.status} on {action.closed_on})")
        lines.append("")

    if agenda.skills or agenda.learns_best:
        lines.append("### The skills they work on")
        for skill in agenda.skills:
            resources = "; ".join(skill.resources) if skill.resources else "no people or resources yet"
            lines.append(f"- {skill.skill}: {resources}")
        if agenda.learns_best:
            lines.append(f"- How they learn best: {', '.join(agenda.learns_best)}.")
        lines.append("")

    if agenda.questions:
        heading = (
            "Questions"
            if agenda.next_conversation is None
            else f"To open the {_CONVERSATION_NAMES[agenda.next_conversation]} conversation"
        )
        lines.append(f"### {heading}")
        lines += [f"{number}. {question}" for number, question in enumerate(agenda.questions, 1)]
        lines.append("")
    lines += [f"_{SELF_LISTENING if agenda.to_self else LISTENING}_", ""]
    return "\n".join(_said_to_self(lines) if agenda.to_self else lines)


def _said_to_self(lines: list[str]) -> list[str]:
    """The agenda of one's own notes: careerkit's headings and lead-ins said to the person (what follows a
    lead-in's colon, and every other line, is as written)."""
    said = []
    for line in lines:
        if line.startswith("#") or line.startswith(_LEAD_INS):
            lead, colon, rest = line.partition(":") if not line.startswith("#") else (line, "", "")
            line = to_self(lead) + colon + rest
        said.append(line)
    return said


_CONVERSATION_NAMES = {"story": "life story", "dreams": "dreams", "plan": "action plan"}


def _header(agenda: Agenda) -> list[str]:
    person, today = agenda.person, agenda.today
    lines: list[str] = []
    if agenda.away == "left" and person.profile.left is not None:
        lines.append(
            f"Left the team on {person.profile.left}: careerkit reports nothing for them; their notes are kept."
        )
    if person.profile.left is not None:  # leaving, or gone: what they take along
        lines.append(offer(person.slug))
    if agenda.away == "paused" and person.profile.paused_until is not None:
        lines.append(
            f"Paused until {person.profile.paused_until}: nothing is reported for them before then, "
            "and a pause is not drift."
        )
    if agenda.last_checkin is not None:
        ago = (today - agenda.last_checkin.date).days
        lines.append(f"Last check-in: {agenda.last_checkin.date} ({plural(ago, 'day')} ago).")
    elif agenda.next_conversation is None:
        lines.append("No check-in yet.")
    if agenda.next_checkin is not None and agenda.away is None:
        lines.append(f"Next check-in: {agenda.next_checkin} ({when((today - agenda.next_checkin).days)}).")
    if agenda.next_conversation is not None:
        lines.append(
            f"Next conversation: their {_CONVERSATION_NAMES[agenda.next_conversation]} "
            f"(`careerkit new {agenda.next_conversation} {person.slug}`)."
        )
    return lines


def _talking_point(finding: Finding, promise: bool) -> str:
    message = finding.message[0].upper() + finding.message[1:]
    return f"- **{message}.** {PROMISE_SUGGESTION if promise else KINDS[finding.kind].suggestion}"


def to_json(agenda: Agenda) -> dict[str, object]:
    """The agenda for scripts: the facts `to_markdown` writes, its sections in the same order.

    Dates are ISO strings, a missing one null; every list is present (empty
    when the text leaves its section out); a point is a finding as `due --json`
    writes it, with the suggestion the text gives for it.
    """
    from careerkit.rules import actions

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    def open_action(item: OpenAction) -> dict[str, object]:
        return {**actions.to_json(item.action, item.state), "detail": item.detail}

    person, last = agenda.person, agenda.last_checkin
    promised = {item.action.id for item in agenda.promises}
    return {
        "person": person.slug,
        "name": person.name,
        "today": agenda.today.isoformat(),
        "away": agenda.away,
        "left": day(person.profile.left) if agenda.away == "left" else None,
        "paused_until": day(person.profile.paused_until) if agenda.away == "paused" else None,
        "last_checkin": None if last is None else {"date": last.date.isoformat(), "file": last.path},
        "next_checkin": day(agenda.next_checkin) if agenda.away is None else None,
        "next_conversation": agenda.next_conversation,
        "notes": [
            {"date": note.date.isoformat(), "file": note.path, "summary": note.summary or None} for note in agenda.notes
        ],
        "asked": list(agenda.asked) if last is not None else [],
        "promises": [open_action(item) for item in agenda.promises],
        "points": [
            {
                **finding.to_json(),
                "promise": finding.action in promised,
                "suggestion": PROMISE_SUGGESTION if finding.action in promised else KINDS[finding.kind].suggestion,
            }
            for finding in agenda.findings
        ],
        "actions": [open_action(item) for item in agenda.open_actions],
        "closed": [actions.to_json(action, action.status) for action in agenda.closed_since],
        "skills": [{"skill": skill.skill, "resources": list(skill.resources)} for skill in agenda.skills],
        "learns_best": list(agenda.learns_best),
        "questions": list(agenda.questions),
    }


def offer(slug: str) -> str:
    """The line that offers, for someone who leaves, their own page and a handover to their next manager."""
    return (
        f"Their own page to keep: `careerkit report --for {slug}`; their plan and your open promises for "
        f"their next manager: `careerkit handover {slug} --to KEY`."
    )
