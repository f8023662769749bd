"""Tier 0, to celebrate: what they finished. Each kind is one rule, registered with everything about it
(careerkit.rules.registry)."""

from collections.abc import Iterator

from careerkit.rules.registry import PERSON, Facts, Finding, register
from careerkit.rules.words import listed, plural

OUT_OF_ACTIONS = "out-of-actions"


@register(
    OUT_OF_ACTIONS,
    PERSON,
    0,
    meaning="They finished every step of their own since the plan was made: nothing of theirs is open.",
    why="Finishing is rare and worth saying out loud; without a next step the plan then stops moving.",
    suggestion=(
        "Praise them first: they own their growth. Then brainstorm two or three small new steps"
        " (it takes minutes), or move on to the next skill of the plan."
    ),
    rule=(
        "has a plan, no open step of the person's own in any document, and some step of theirs was "
        "closed as done on or after the newest plan's date; date = the latest such closed day."
    ),
    question="You finished every step on your list: which one taught you the most?",
    old_plan=True,
)
def out_of_actions(facts: Facts) -> Iterator[Finding]:
    if facts.plan is None or facts.work is None or facts.open_steps:
        return
    finished = facts.finished(facts.plan.date)
    if finished:
        closed = max(step.closed_on or facts.today for step in finished)
        message = "finished every step of their own since the plan: celebrate, then choose the next steps together"
        yield facts.finding(OUT_OF_ACTIONS, facts.work.path, closed, message)


STEPS_FINISHED = "steps-finished"


@register(
    STEPS_FINISHED,
    PERSON,
    0,
    meaning="They finished one or more steps since the last plan or check-in (and some are still open).",
    why="Every finished step deserves to be noticed, not only the last one; it is the best way to start.",
    suggestion="Start with what they finished: say what you noticed, and ask what it taught them.",
    question="You finished some steps since we last talked: which one are you proudest of?",
    rule=(
        "not `out-of-actions`; steps of the person's own closed as done after the date of the newest "
        "plan or check-in; date = the latest such closed day; the message says how many and names "
        "their ids."
    ),
)
def steps_finished(facts: Facts) -> Iterator[Finding]:
    if facts.work is None or next(out_of_actions(facts), None) is not None:
        return
    finished = facts.finished(facts.work.date, strictly=True)
    if finished:
        closed = max(step.closed_on or facts.today for step in finished)
        ids = listed([str(step.id) for step in sorted(finished, key=lambda step: step.id)])
        what = f"step {ids}" if len(finished) == 1 else f"{plural(len(finished), 'step')} ({ids})"
        since = f"the {'plan' if facts.work.stage == 'plan' else 'check-in'} of {facts.work.date}"
        message = f"finished {what} since {since}: start with what they finished"
        yield facts.finding(STEPS_FINISHED, facts.work.path, closed, message)
