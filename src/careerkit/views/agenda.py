"""What to bring to a person's next conversation, from their findings and documents.

`build` gathers the facts; `to_markdown` writes them as a one-minute read.
`careerkit agenda` prints it and `careerkit new checkin` embeds it. The order
is the person first and the tasks second (docs/contract.md): what they
finished, what they told you, your own promises, what to talk about (how
they feel before the tasks), their actions, their skills, then questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from careerkit.rules.actions import states
from careerkit.rules.findings import (
    Finding,
    away,
    earlier,
    find_for_person,
    later,
    next_checkin,
)
from careerkit.rules.kinds import DREAM_CHANGED, KINDS, NO_PROGRESS, PROMISE_SUGGESTION, age, plural, when
from careerkit.rules.timing import grace_until
from careerkit.values.model import Action, Document, PersonNotes, PlanSkill, Team
from careerkit.values.voice import speaks_to, to_self
from careerkit.views.agenda_questions import questions_for

LISTENING = (
    "It is their time: let them do about 90% of the talking. Ask, wait, and when a silence comes, "
    'say "take your time" instead of filling it. Write your notes straight after.'
)
SELF_LISTENING = (
    "These notes are yours, and the plan serves you. Write down what you noticed while it is fresh, and "
    "bring one question to your manager."
)
_LEAD_INS = ("- At the check-in of", "- How they learn best")  # careerkit's words before their own

# Findings about how the person feels come first: listen (and praise) before any task.
FEELINGS_FIRST = (DREAM_CHANGED, NO_PROGRESS)
LATE = ("overdue", "due today")  # a promise in these states comes first
OPEN_THREAD_DAYS = 90  # a note this recent stays an open thread until it is `used`


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
    planned: Document | None = None  # the earliest planned conversation dated today or later
    prepared: list[Document] = field(default_factory=list)  # planned ones dated before today: prepared, not held
    back_since: date | None = None  # back from a pause on that day, within one cadence of it
    leaving: date | None = None  # the day they leave the team, when it is still ahead
    notes: list[Document] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)  # what they asked of you at the last check-in
    promises: list[OpenAction] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    open_actions: list[OpenAction] = field(default_factory=list)
    folded: bool = False  # their steps are held by a point about how they feel: one line, not a list
    finished: list[Action] = field(default_factory=list)  # their steps done since the newest plan or check-in
    skills: list[PlanSkill] = field(default_factory=list)
    learns_best: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    to_self: bool = False  # their own notes (`self` in careerkit.yaml): careerkit's words are said to them


def build(person: PersonNotes, team: Team, today: date) -> Agenda:
    held = person.as_held(today)  # a prepared document counts for nothing until it is held
    gone = away(person, today)
    last_checkin = held.newest("checkin")
    plan = held.newest("plan")
    back = _back_since(person, team, today)
    agenda = Agenda(
        person,
        today,
        last_checkin,
        _next_checkin(held, team, today),
        away=gone,
        next_conversation=_next_conversation(held),
        back_since=back,
        leaving=person.profile.left if person.profile.left is not None and gone is None else None,
        to_self=speaks_to(team.settings.self_person, person.slug),
    )
    _plan_ahead(agenda, person, today)
    if gone == "left":  # their page to take along and a handover; no next conversation, nothing to chase
        agenda.next_conversation = None
        return agenda
    findings = sorted(find_for_person(person, team, today), key=lambda f: f.sort_key)
    agenda.findings = sorted(findings, key=lambda f: f.kind not in FEELINGS_FIRST)  # stable: else as `due` has it
    agenda.folded = any(KINDS[f.kind].folds for f in agenda.findings)
    agenda.skills = plan.skills if plan else []
    agenda.learns_best = plan.learns_best if plan else []
    _open_items(agenda, team, late=gone is None and back is None)
    agenda.finished = _done_since_last_talk(person, held, team, today)
    agenda.notes = _notes(held, last_checkin, today)
    agenda.asked = list(last_checkin.asked) if last_checkin else []
    agenda.questions = questions_for(agenda)
    return agenda


def _open_items(agenda: Agenda, team: Team, late: bool) -> None:
    """Your open promises (late ones first) and their open steps (by number), each with its own state."""
    person, today = agenda.person, agenda.today
    state_of = states(person, team, today)  # each step's own state, also when a finding holds it
    for action in sorted(person.open_actions(), key=lambda a: (a.due is None, a.due or today, a.id)):
        state = _state(action, state_of[action.id], today, late=late)
        (agenda.promises if team.is_promise(action) else agenda.open_actions).append(state)
    agenda.promises.sort(key=lambda item: item.state not in LATE)  # stable: late first, then by date
    agenda.open_actions.sort(key=lambda item: item.action.id)


def _done_since_last_talk(person: PersonNotes, held: PersonNotes, team: Team, today: date) -> list[Action]:
    """Their steps done after the newest plan or check-in (any, when there is none), up to today."""
    work = held.newest("plan", "checkin")
    return [
        a
        for a in person.actions()
        if not team.is_promise(a)
        and a.status == "done"
        and (closed := a.closed_on) is not None
        and (work is None or closed > work.date)
        and closed <= today
    ]


def _notes(held: PersonNotes, last_checkin: Document | None, today: date) -> list[Document]:
    """What they told you: every note since the last check-in, and every note of the last 90 days not yet used;
    at least the newest note."""
    notes = [d for d in held.documents if d.stage == "note" and d.date <= today]
    recent = earlier(today, OPEN_THREAD_DAYS)
    return [
        d
        for d in notes
        if (last_checkin is not None and d.date > last_checkin.date)
        or (d.used is None and d.date > recent)
        or d is notes[-1]
    ]


def _plan_ahead(agenda: Agenda, person: PersonNotes, today: date) -> None:
    """The conversation prepared for today or later (the earliest), and those prepared before today, not held."""
    planned = person.planned(today)
    agenda.planned = next((doc for doc in planned if doc.date >= today), None)
    agenda.prepared = [doc for doc in planned if doc.date < today]


def _next_checkin(held: PersonNotes, team: Team, today: date) -> date | None:
    """The next check-in; for someone back from a pause, not before their one cadence of grace ends."""
    due = next_checkin(held, team)
    grace = grace_until(held, team, today)
    return max(due, grace) if due is not None and grace is not None else due


def _back_since(person: PersonNotes, team: Team, today: date) -> date | None:
    """The day they came back from a pause, while today is within one cadence of it."""
    back = person.profile.paused_until
    if back is None or back > today or today >= later(back, team.checkin_every_days(person)):
        return None
    return back


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
    (someone away) only its due date, never late."""
    if not late:
        return OpenAction(action, "away", f"due {action.due}" if action.due else "no due date")
    if state == "overdue":
        assert action.due is not None  # only an action with a due date is late
        return OpenAction(action, state, f"its date passed {age((today - action.due).days)} ago")
    if state == "due today":
        return OpenAction(action, state, "due today")
    if state == "stale":
        return OpenAction(action, "stale", f"no progress for {age((today - action.touched).days)}")
    detail = f"on track, due {action.due}" if action.due else "on track, no due date"
    return OpenAction(action, "on track", detail)


def to_markdown(agenda: Agenda) -> str:
    person, today = agenda.person, agenda.today
    title = "Check-in agenda" if agenda.next_conversation is None and agenda.away != "left" else "Agenda"
    lines = [f"## {title}: {person.name} ({today})", ""]
    lines += _header(agenda)
    lines.append("")
    for section in (_finished, _told, _promises, _points, _steps, _skills, _questions_section):
        part = section(agenda)
        if part:
            lines += [*part, ""]
    if agenda.away != "left":
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


def _finished(agenda: Agenda) -> list[str]:
    if not agenda.finished:
        return []
    lines = ["### Start here: what they finished"]
    lines += [f"- [x] {a.id}. {a.title or '(no title)'} (done on {a.closed_on})" for a in agenda.finished]
    lines.append("- Say what you noticed in each, before anything else.")
    return lines


def _told(agenda: Agenda) -> list[str]:
    if not agenda.notes and not agenda.asked:
        return []
    lines = ["### What they told you"]
    for note in agenda.notes:
        used = f", used on {note.used}" if note.used else ""
        lines.append(f"- {note.date}: {note.summary or '(nothing written yet; see the note)'} ({note.path}{used})")
    if agenda.asked and agenda.last_checkin is not None:
        lines.append(f"- At the check-in of {agenda.last_checkin.date} they asked of you:")
        lines += [f"  - {item}" for item in agenda.asked]
    return lines


def _promises(agenda: Agenda) -> list[str]:
    if not agenda.promises:
        return []
    lines = ["### Your promises"]
    lines += [f"- [ ] {i.action.id}. {i.action.title or '(no title)'} ({i.detail})" for i in agenda.promises]
    return lines


def _points(agenda: Agenda) -> list[str]:
    if not agenda.findings:
        return []
    promised = {item.action.id for item in agenda.promises}
    return ["### What to talk about"] + [_talking_point(f, f.action in promised) for f in agenda.findings]


def _steps(agenda: Agenda) -> list[str]:
    if not agenda.open_actions:
        return []
    if agenda.folded:
        count = len(agenda.open_actions)
        them = "it" if count == 1 else "them"
        return [
            "### Their open steps",
            f"- {plural(count, 'open step')}; look at {them} together only if they want to.",
        ]
    lines = ["### Their open steps"]
    for item in agenda.open_actions:
        action = item.action
        owner = "" if action.owner == agenda.person.slug else f", owner: {action.owner}"
        lines.append(f"- [ ] {action.id}. {action.title or '(no title)'} ({item.detail}{owner})")
    return lines


def _skills(agenda: Agenda) -> list[str]:
    if not agenda.skills and not agenda.learns_best:
        return []
    lines = ["### The skills they work on"]
    for skill in agenda.skills:
        resources = "; ".join(skill.resources) if skill.resources else "no people or resources yet"
        lines.append(f"- {skill.skill}: {resources}")
    if agenda.learns_best:
        lines.append(f"- How they learn best: {', '.join(agenda.learns_best)}.")
    return lines


def _questions_section(agenda: Agenda) -> list[str]:
    if not agenda.questions:
        return []
    if agenda.next_conversation is not None:
        heading = f"To open the {CONVERSATION_NAMES[agenda.next_conversation]} conversation"
    elif agenda.away == "paused" or agenda.back_since is not None:
        heading = "Coming back"
    else:
        heading = "Questions"
    return [f"### {heading}"] + [f"{number}. {question}" for number, question in enumerate(agenda.questions, 1)]


CONVERSATION_NAMES = {"story": "life story", "dreams": "dreams", "plan": "action plan", "checkin": "check-in"}


def _header(agenda: Agenda) -> list[str]:
    person, today = agenda.person, agenda.today
    lines = _away_lines(agenda)
    if agenda.last_checkin is not None:
        ago = (today - agenda.last_checkin.date).days
        lines.append(f"Last check-in: {agenda.last_checkin.date} ({plural(ago, 'day')} ago).")
    elif agenda.next_conversation is None and agenda.away != "left":
        lines.append("No check-in yet.")
    if agenda.away == "left":
        return lines
    if agenda.next_checkin is not None and agenda.away is None:
        lines.append(f"Next check-in: {agenda.next_checkin} ({when((today - agenda.next_checkin).days)}).")
    planned = agenda.planned
    if planned is not None:
        lines.append(f"Planned: their {CONVERSATION_NAMES[planned.stage]} on {planned.date} ({planned.path}).")
    for doc in agenda.prepared:
        lines.append(
            f"Prepared, not held: their {CONVERSATION_NAMES[doc.stage]} of {doc.date} ({doc.path}); "
            "once it took place, write what was said or set `held: true`."
        )
    nxt = agenda.next_conversation
    since = person.profile.since
    if nxt == "story" and since is not None and since <= today:
        lines.append(f"Joined the team on {since} ({plural((today - since).days, 'day')} ago).")
    if nxt is not None and not (planned is not None and planned.stage == nxt):
        lines.append(f"Next conversation: their {CONVERSATION_NAMES[nxt]} (`careerkit new {nxt} {person.slug}`).")
    return lines


def _away_lines(agenda: Agenda) -> list[str]:
    """Left, leaving, paused or back from a pause: what the header says first."""
    profile = agenda.person.profile
    if agenda.away == "left" and profile.left is not None:
        return [
            f"Left the team on {profile.left}: careerkit reports nothing for them; their notes are kept.",
            offer(agenda.person.slug),
        ]
    if agenda.leaving is not None:
        return [f"Leaving the team on {agenda.leaving}.", offer(agenda.person.slug)]
    if agenda.away == "paused" and profile.paused_until is not None:
        return [
            f"Paused until {profile.paused_until}: nothing is reported for them before then, and a pause is not drift."
        ]
    if agenda.back_since is not None:
        return [f"Back from a pause since {agenda.back_since}: the first conversation is about coming back."]
    return []


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
        "left": day(person.profile.left),
        "paused_until": day(person.profile.paused_until) if agenda.away == "paused" else None,
        "last_checkin": None if last is None else {"date": last.date.isoformat(), "file": last.path},
        "next_checkin": day(agenda.next_checkin) if agenda.away is None else None,
        "next_conversation": agenda.next_conversation,
        "planned": _document_json(agenda.planned),
        "prepared": [_document_json(doc) for doc in agenda.prepared],
        "back_since": day(agenda.back_since),
        "finished": [actions.to_json(action, action.status) for action in agenda.finished],
        "notes": [
            {"date": note.date.isoformat(), "file": note.path, "summary": note.summary or None, "used": day(note.used)}
            for note in agenda.notes
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
        "folded": agenda.folded,
        "skills": [{"skill": skill.skill, "resources": list(skill.resources)} for skill in agenda.skills],
        "learns_best": list(agenda.learns_best),
        "questions": list(agenda.questions),
    }


def _document_json(doc: Document | None) -> dict[str, str] | None:
    return None if doc is None else {"stage": doc.stage, "date": doc.date.isoformat(), "file": doc.path}


def offer(slug: str) -> str:
    """The line that offers, for someone who leaves, their own page and a handover to their next manager."""
    return (
        f"Their own page to keep: `careerkit report --for {slug}`; their plan and your open promises for "
        f"their next manager: `careerkit handover {slug} --to KEY`."
    )
