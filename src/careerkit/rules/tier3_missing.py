"""Tier 3, missing: what the conversations have not made yet. Each kind is one rule, registered with
everything about it (careerkit.rules.registry)."""

from collections.abc import Iterator

from careerkit.rules.registry import PERSON, Facts, Finding, register
from careerkit.rules.timing import conversation_review, later
from careerkit.rules.words import age, plural

VALUES_UNCONFIRMED_DAYS = 14  # time to share the values you heard back with them


CONVERSATION_DUE = "conversation-due"


@register(
    CONVERSATION_DUE,
    PERSON,
    3,
    meaning=(
        "The plan's `review_by` date has come, or the last story, dreams or plan is older than "
        "`conversation_every_days`."
    ),
    why=(
        "Goals change with life; every person deserves a real career conversation at least once a year, better twice."
    ),
    suggestion="Book a longer conversation to revisit the dreams and the plan.",
    rule=(
        "has a story, dreams or plan; review = `review_by` of the newest plan if set, else the newest"
        " of those + `conversation_every_days`; review <= today; date = review."
    ),
    question="What has changed for you since we made your plan?",
)
def conversation_due(facts: Facts) -> Iterator[Finding]:
    conversation = facts.person.newest("story", "dreams", "plan")
    review = conversation_review(facts.person, facts.team)
    if conversation is None or review is None:
        return
    plan = facts.plan
    if plan is not None and plan.review_by is not None:
        message = f"career conversation due: the plan of {plan.date} asked for a review by {plan.review_by}"
    else:
        ago = age((facts.today - conversation.date).days)
        message = f"career conversation due: the last one ({conversation.stage}, {conversation.date}) was {ago} ago"
    yield facts.finding(CONVERSATION_DUE, conversation.path, review, message)


NEXT_CONVERSATION = "next-conversation"


@register(
    NEXT_CONVERSATION,
    PERSON,
    3,
    meaning="The sequence stopped half way: a story without dreams, or dreams without a plan.",
    why="The value of the early conversations comes from the plan they lead to.",
    suggestion="Invite them to the next conversation in the sequence.",
    rule=(
        "a story but no dreams, or dreams but no plan; date = the newest story or dreams date; the "
        "message names a prepared document of the next stage and its date, when there is one."
    ),
)
def next_conversation(facts: Facts) -> Iterator[Finding]:
    """`whole`: the person with their planned documents, one of which may be the next conversation."""
    told = facts.person.newest("story", "dreams")
    dreams = facts.person.newest("dreams")
    if told is None or (dreams is not None and facts.plan is not None):
        return
    if dreams is None:
        stage, message = "dreams", "life story told but no dreams yet"
    else:
        stage, message = "plan", "dreams written but no action plan yet"
    prepared = [doc for doc in facts.whole.planned(facts.today) if doc.stage == stage]
    ahead = [doc for doc in prepared if doc.date >= facts.today]
    if ahead:
        message += f"; it is prepared for {ahead[0].date} ({ahead[0].path})"
    elif prepared:
        message += f"; one prepared for {prepared[-1].date} is not held yet ({prepared[-1].path})"
    yield facts.finding(NEXT_CONVERSATION, told.path, told.date, message)


PLAN_WITHOUT_ACTIONS = "plan-without-actions"


@register(
    PLAN_WITHOUT_ACTIONS,
    PERSON,
    3,
    meaning="There is a plan, but no step of the person's own was ever open under it.",
    why="A plan without a first small step tends to stay a document.",
    suggestion=(
        "Agree on one or two small, concrete first steps that carry their name; minutes or hours each, not months."
    ),
    rule=(
        "has a plan, no open step of the person's own, and none of theirs closed on or after the "
        "newest plan's date; date = the newest plan's date."
    ),
    question="What is one small first step for {skill} that you could finish in the next two weeks?",
    old_plan=True,
)
def plan_without_actions(facts: Facts) -> Iterator[Finding]:
    plan = facts.plan
    if plan is None or facts.open_steps:
        return
    if not any((day := step.closed_on) is not None and day >= plan.date for step in facts.steps):
        yield facts.finding(PLAN_WITHOUT_ACTIONS, plan.path, plan.date, "the plan has no step of their own yet")


RESOURCES_MISSING = "resources-missing"


@register(
    RESOURCES_MISSING,
    PERSON,
    3,
    meaning="A skill chosen in the plan has no people or resources to learn from, and no open step of theirs uses it.",
    why="A skill with nobody and nothing to learn from rarely gets learned.",
    suggestion="Add a step for them to research people and resources, share the list with you, and pick one.",
    rule=(
        "skills of the newest plan with skills that list no `resources` (missing, empty or null) and "
        "that no open step of the person's own names as its `skill` (your promises do not count); one "
        "finding naming them all; date = that plan's date."
    ),
    question="Who do you know, inside or outside the team, who is good at {skill}?",
    old_plan=True,
)
def resources_missing(facts: Facts) -> Iterator[Finding]:
    plan = facts.person.skilled_plan()
    if plan is None:
        return
    bare = [skill.skill for skill in plan.skills if not skill.resources]
    if bare:  # (most plans give every skill its resources: then no action needs a look)
        worked_on = {_skill_key(step.skill) for step in facts.open_steps if step.skill}
        bare = [name for name in bare if _skill_key(name) not in worked_on]
    if bare:
        message = f"no people or resources to learn from for {plural(len(bare), 'skill')}: {', '.join(bare)}"
        yield facts.finding(RESOURCES_MISSING, plan.path, plan.date, message)


VALUES_UNCONFIRMED = "values-unconfirmed"


@register(
    VALUES_UNCONFIRMED,
    PERSON,
    3,
    meaning="The values you heard in their life story are still your guess: they have not confirmed them.",
    why=(
        "Values are read from the moments someone changed direction; until the person agrees with the "
        "words, a plan measured against them rests on your reading, not theirs."
    ),
    suggestion=(
        "Share the words back and ask what fits and what they would change; they have the final"
        " say. Then set `values_confirmed`."
    ),
    rule="the newest story has `values` and no `values_confirmed`; date = its date + 14.",
)
def values_unconfirmed(facts: Facts) -> Iterator[Finding]:
    story = facts.person.newest("story")
    if story is not None and story.values and story.values_confirmed is None:
        message = "the values you heard in their life story are not confirmed by them yet"
        yield facts.finding(VALUES_UNCONFIRMED, story.path, later(story.date, VALUES_UNCONFIRMED_DAYS), message)


def _skill_key(name: str) -> str:
    """Skill names compare without case or surrounding spaces (`System design` is `system design`)."""
    return name.strip().casefold()
