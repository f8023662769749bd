"""Tier 1, late: what is past its day (a step of the person's own is only drifting: tier 2). Each kind is one
rule, registered with everything about it (careerkit.rules.registry)."""

from collections.abc import Iterator

from careerkit.rules.registry import ACTION, ACTION_EVENT, CHECKIN_EVENT, PERSON, Facts, Finding, register, titled
from careerkit.rules.timing import earlier, grace_until, later, next_checkin
from careerkit.rules.words import age, when

NEVER_STARTED_DAYS = 30  # a new joiner settles in before their first career conversation is late
LEAVING_DAYS = 30  # how long before someone leaves their page is offered


ACTION_DUE = "action-due"


@register(
    ACTION_DUE,
    ACTION,
    2,
    meaning=(
        "An open action has a due date that has come (or, with `--within`, is coming soon). A step"
        " of their own is drifting (tier 2); your own promise is late (tier 1)."
    ),
    why=(
        "A date that slips quietly tells the person their plan does not matter. When the action is "
        "your own promise, it also tells them your word does not."
    ),
    suggestion="Ask how it is going, if they want to: finish it, give it a new date, or let it go on purpose.",
    rule=(
        "open, has `due`, and `due` <= today (+ `--within` days); date = `due`. Tier 1 for your "
        "promise, 2 for their step. A step is not reported on its own while `no-progress` or "
        "`dream-changed` is (it is counted there)."
    ),
    promise_tier=1,
    calendar=ACTION_EVENT,
    ahead=True,
    folded=True,
)
def action_due(facts: Facts) -> Iterator[Finding]:
    for action in facts.open_actions:
        if action.due is None or facts.inherited(action):
            continue
        days = (facts.today - action.due).days
        if days > 0:
            state = f"is {age(days)} late" if facts.team.is_promise(action) else f"passed its date {age(days)} ago"
        else:
            state = "is " + when(days)
        message = titled(f"{facts.label(action)} {state}", action.title)
        yield facts.finding(ACTION_DUE, action.path, action.due, message, action)


CHECKIN_DUE = "checkin-due"


@register(
    CHECKIN_DUE,
    PERSON,
    1,
    meaning=(
        "The next check-in date has come: `next_checkin` of the last plan or check-in, or its date plus the cadence."
    ),
    why="A plan nobody looks at drifts, and people rarely say when they are stuck.",
    suggestion="Hold the check-in now, even a short one: how they feel, what moved, the support they need.",
    rule=(
        "has a plan; next = `next_checkin` of the newest plan or check-in if set, else its date + "
        "`checkin_every_days`; reported when next <= today (+ `--within` days); date = next."
    ),
    calendar=CHECKIN_EVENT,
    ahead=True,
)
def checkin_due(facts: Facts) -> Iterator[Finding]:
    if facts.plan is None or facts.work is None:
        return
    next_on = next_checkin(facts.person, facts.team)
    assert next_on is not None  # there is a plan
    grace = grace_until(facts.person, facts.team, facts.today)
    # Back from a pause, the check-in is due from the end of the grace (its date moves there), and says so.
    days = (facts.today - (next_on if grace is None else max(next_on, grace))).days
    message = f"check-in was due {age(days)} ago" if days > 0 else f"check-in is {when(days)}"
    yield facts.finding(CHECKIN_DUE, facts.work.path, next_on, message)


NEVER_STARTED = "never-started"


@register(
    NEVER_STARTED,
    PERSON,
    1,
    meaning=(
        "Someone on your team has had no career conversation yet, 30 days after they joined: no "
        "story, dreams or plan held."
    ),
    why=(
        "Every person deserves these conversations, not only the high performers or the ones who ask; "
        "the quiet ones are the easiest to forget."
    ),
    suggestion="Invite them to the first conversation, their life story, and send the invite a few days ahead.",
    rule=(
        "no story, dreams or plan held; date = the profile's `since` + 30, else the date of their "
        "earliest document (a planned one too) + 30, else today; the message names that day."
    ),
)
def never_started(facts: Facts) -> Iterator[Finding]:
    """`whole`: the person with their planned documents, whose earliest date counts too."""
    if facts.person.newest("story", "dreams", "plan") is not None:
        return
    since = facts.person.profile.since
    first = facts.whole.documents[0].date if facts.whole.documents else None
    if since is not None:
        start, message = later(since, NEVER_STARTED_DAYS), f"no career conversation since they joined on {since}"
    elif first is not None:
        start = later(first, NEVER_STARTED_DAYS)
        message = f"no career conversation since {first}, the date of their first document"
    else:
        start, message = facts.today, "no career conversation yet"
    yield facts.finding(NEVER_STARTED, facts.person_file, start, message + ": start with their life story")


LEAVING = "leaving"


@register(
    LEAVING,
    PERSON,
    1,
    meaning="Their profile says they leave on a day within the next 30 days.",
    why=(
        "Their plan and what they learned are theirs to take along; after they have gone, it is too "
        "late to give it to them."
    ),
    suggestion=(
        "Offer them their own page (`careerkit report --for PERSON`), and ask what they want to"
        " carry on working on where they go."
    ),
    rule="`left` is after today; date = `left` - 30.",
    question="What would you like to carry on working on where you go next, and what should I pass on?",
    graced=False,
)
def leaving(facts: Facts) -> Iterator[Finding]:
    left = facts.person.profile.left
    if left is not None and left > facts.today:
        slug = facts.person.slug
        message = f"leaves on {left}: offer them their page to take along (careerkit report --for {slug})"
        yield facts.finding(LEAVING, facts.person_file, earlier(left, LEAVING_DAYS), message)


INHERITED_PROMISE = "inherited-promise"


@register(
    INHERITED_PROMISE,
    ACTION,
    1,
    meaning="A promise made by their previous manager came to you in a handover and is still open.",
    why="They were counting on it before you arrived; a promise that changes hands silently is a promise broken.",
    suggestion="Decide with them: keep it as your own (the mark goes) or let it go, and tell them either way.",
    rule=(
        "an open promise with `inherited`; date = `inherited`. Until the mark is removed it is "
        "reported only as this kind, never as `action-due` or `action-stale`."
    ),
)
def inherited_promise(facts: Facts) -> Iterator[Finding]:
    for action in facts.open_actions:
        if facts.inherited(action):
            assert action.inherited is not None
            text = f"action {action.id}, a promise you inherited on {action.inherited}, is yours to keep or let go"
            yield facts.finding(INHERITED_PROMISE, action.path, action.inherited, titled(text, action.title), action)
