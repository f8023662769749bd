"""The questions that close an agenda (careerkit.views.agenda): the opening of the next conversation for
someone who has not had all three, questions about coming back after a pause, else those the findings call for."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from careerkit.rules.findings import Finding
from careerkit.rules.kinds import KINDS
from careerkit.values.model import PersonNotes, PlanSkill


class Agenda(Protocol):
    """What the questions are chosen from: the fields of careerkit.views.agenda.Agenda they read."""

    person: PersonNotes
    today: date
    away: str | None
    back_since: date | None
    next_conversation: str | None
    findings: list[Finding]
    skills: list[PlanSkill]


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
MAX_QUESTIONS = 5


def questions_for(agenda: Agenda) -> list[str]:
    returning = agenda.away == "paused" or agenda.back_since is not None
    if agenda.next_conversation is not None:
        return _openings(agenda, agenda.next_conversation, returning)
    if returning:
        return list(RETURNING)
    return _check_in_questions(agenda)


def _openings(agenda: Agenda, conversation: str, returning: bool) -> list[str]:
    """The opening of the next of the three conversations, eased into after a break, with their values shared
    back first when the dreams come next."""
    openings = list(OPENINGS[conversation])
    if returning:  # back from a break before the three conversations: ease in, then open the next
        openings.insert(0, RETURNING[0])
    story = agenda.person.as_held(agenda.today).newest("story")
    if conversation == "dreams" and story is not None and story.values and not story.values_confirmed:
        # Share the values back before the dreams are held up against them; they have the final say.
        openings.insert(
            0, f"What I heard drives you is {', '.join(story.values)}: what fits, and what would you change?"
        )
    return openings


def _check_in_questions(agenda: Agenda) -> list[str]:
    """Those the findings call for, in their order, then the base questions, at most MAX_QUESTIONS."""
    skill = skill_to_name(agenda)
    chosen: list[str] = []
    for finding in agenda.findings:
        question = QUESTIONS.get(finding.kind)
        if isinstance(question, str) and question.format(skill=skill) not in chosen:
            chosen.append(question.format(skill=skill))
    for question in QUESTIONS["base"]:
        if len(chosen) >= MAX_QUESTIONS:
            break
        if question not in chosen:
            chosen.append(question)
    return chosen[:MAX_QUESTIONS]


def skill_to_name(agenda: Agenda) -> str:
    """The skill a question is about: the first without resources, else the first of the plan."""
    bare = [s.skill for s in agenda.skills if not s.resources]
    names = bare or [s.skill for s in agenda.skills]
    return names[0] if names else "the skill you care about most"
