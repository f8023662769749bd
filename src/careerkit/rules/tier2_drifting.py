"""Tier 2, drifting: what has stopped moving. Each kind is one rule, registered with everything about it
(careerkit.rules.registry)."""

from collections.abc import Iterator

from careerkit.rules.registry import ACTION, PERSON, Facts, Finding, register, titled
from careerkit.rules.timing import later
from careerkit.rules.words import age, plural

NO_PROGRESS = "no-progress"


@register(
    NO_PROGRESS,
    PERSON,
    2,
    meaning="They have open steps of their own, but none was touched or closed for `stale_after_days`.",
    why=(
        "This is the most common situation of all: work got busy and their own growth went last. It "
        "often feels bad to them."
    ),
    suggestion=(
        "Listen first and let them vent. Remind them the plan serves them, not the other way "
        "round; then suggest one protected hour a week in working time (not in their evenings),"
        " and help them reprioritise or hand work off. Look at the steps only if they want to."
    ),
    rule=(
        "has open steps of the person's own; the latest of (touched of each such open step, closed of"
        " any step of theirs) + `stale_after_days` <= today; date = that sum. Your promises never "
        "count here. While it is reported, their own `action-due` and `action-stale` are counted in "
        "its message instead."
    ),
    question="How do you feel about your plan at the moment?",
    folds=True,
    old_plan=True,
)
def no_progress(facts: Facts) -> Iterator[Finding]:
    if not facts.open_steps:
        return
    moved = [step.touched for step in facts.open_steps]
    moved += [day for step in facts.steps if (day := step.closed_on) is not None]
    quiet_since = max(moved)
    quiet = age((facts.today - quiet_since).days)
    count, passed = len(facts.open_steps), facts.passed()
    if count == 1:
        message = f"their one open step has not moved for {quiet}" + (", and it passed its date" if passed else "")
    else:
        message = f"none of their {count} open steps has moved for {quiet}"
        if passed:
            message += f"; {passed} passed {'its' if passed == 1 else 'their'} date"
    file = facts.work.path if facts.work else max(facts.open_steps, key=lambda step: step.touched).path
    yield facts.finding(NO_PROGRESS, file, later(quiet_since, facts.stale), message)


ACTION_STALE = "action-stale"


@register(
    ACTION_STALE,
    ACTION,
    2,
    meaning="An open action has not moved (no `updated` date, no new copy) for `stale_after_days`.",
    why=(
        "Plans drift when nobody looks at them; a quiet step is usually blocked or no longer wanted. A"
        " quiet promise of yours is worse: it was theirs to count on."
    ),
    suggestion="Ask whether it is still the right step, what is in the way, and what would make it smaller.",
    rule=(
        "open, its `due` not within today (+ `--within` days), and touched + `stale_after_days` <= "
        "today, where touched is `updated` or else the date of the document holding it; date = "
        "touched + `stale_after_days`. Tier 1 for your promise, 2 for their step; a step is folded "
        "like `action-due`."
    ),
    promise_tier=1,
    question="Which of your open steps still matter to you, and which would you rather let go?",
    folded=True,
)
def action_stale(facts: Facts) -> Iterator[Finding]:
    for action in facts.open_actions:
        if (action.due is not None and action.due <= facts.horizon) or facts.inherited(action):
            continue
        quiet = age((facts.today - action.touched).days)
        message = titled(f"{facts.label(action)} has not moved for {quiet}", action.title)
        yield facts.finding(ACTION_STALE, action.path, later(action.touched, facts.stale), message, action)


DREAM_CHANGED = "dream-changed"


@register(
    DREAM_CHANGED,
    PERSON,
    2,
    meaning=(
        "Their dreams changed after the plan was made: a newer dreams document, or a check-in or "
        "note that says they may be changing direction (`dream_shift`)."
    ),
    why=(
        "A plan built for an old dream spends effort on the wrong skills, and chasing it tells them you did not listen."
    ),
    suggestion=(
        "Stop chasing the old plan. Ask what changed and which steps they still want; then "
        "revisit the skill gaps and make the plan again together."
    ),
    rule=(
        "the newest plan with skills (P) is older than the newest dreams, or than a check-in or note "
        "on or before today that sets `dream_shift` (true or some words); date = that dreams date, "
        "else the earliest such check-in or note. It lasts until a newer plan has skills. While it is"
        " reported, `no-progress`, `out-of-actions`, `plan-without-actions`, `resources-missing` and "
        "their own `action-due` and `action-stale` are not."
    ),
    question="What has changed in what you want, and what brought it about?",
    folds=True,
    stops_old_plan=True,
)
def dream_changed(facts: Facts) -> Iterator[Finding]:
    changed = facts.person.dream_change(facts.today)
    plan = facts.person.skilled_plan()
    if changed is None or plan is None:
        return
    if changed.stage == "dreams":
        message = f"their dreams changed on {changed.date}, after the plan of {plan.date}"
    else:
        where = "a check-in" if changed.stage == "checkin" else "a note"
        message = f"their dreams may be changing ({where} of {changed.date}), after the plan of {plan.date}"
    if facts.open_steps:
        message += f"; the old plan has {plural(len(facts.open_steps), 'open step')} to keep or let go"
    yield facts.finding(DREAM_CHANGED, changed.path, changed.date, message)
