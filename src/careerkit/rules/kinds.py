"""The kinds of finding, described for people (what each means, why it matters, what to do, its rule),
and the words their messages use.

`KINDS` feeds the agenda's suggestions and docs/findings.md (a test keeps the
page in step); the rules themselves are in careerkit.findings.
"""

# Records, with their annotations as real types: see the docstring of careerkit.model.

from careerkit.values.records import Record


class Kind(Record):
    name: str
    level: str  # "action" or "person"
    tier: int  # 0: to celebrate, 1: late, 2: drifting, 3: missing (for an action: the person's own step)
    meaning: str  # what it means, in plain words
    why: str  # why it matters
    suggestion: str  # what to do about it (also said in the agenda)
    rule: str  # the exact rule and the date it carries
    promise_tier: int | None = None  # the tier when the action is the manager's own promise, if it differs


TIERS = {0: "to celebrate", 1: "late", 2: "drifting", 3: "missing"}
# What to do about a late or quiet action that is your own promise (said instead of the kind's suggestion).
PROMISE_SUGGESTION = (
    "It is your promise, and they are waiting on it: keep it before anything else, or tell them plainly when you will."
)

KINDS = {
    kind.name: kind
    for kind in (
        Kind(
            "out-of-actions",
            "person",
            0,
            "They finished every step of their own since the plan was made: nothing of theirs is open.",
            "Finishing is rare and worth saying out loud; without a next step the plan then stops moving.",
            "Praise them first: they own their growth. Then brainstorm two or three small new steps (it takes "
            "minutes), or move on to the next skill of the plan.",
            "has a plan, no open step of the person's own in any document, and some step of theirs was closed "
            "as done on or after the newest plan's date; date = the latest such closed day.",
        ),
        Kind(
            "steps-finished",
            "person",
            0,
            "They finished one or more steps since the last plan or check-in (and some are still open).",
            "Every finished step deserves to be noticed, not only the last one; it is the best way to start.",
            "Start with what they finished: say what you noticed, and ask what it taught them.",
            "not `out-of-actions`; steps of the person's own closed as done after the date of the newest plan or "
            "check-in; date = the latest such closed day; the message says how many and names their ids.",
        ),
        Kind(
            "action-due",
            "action",
            2,
            "An open action has a due date that has come (or, with `--within`, is coming soon). A step of "
            "their own is drifting (tier 2); your own promise is late (tier 1).",
            "A date that slips quietly tells the person their plan does not matter. When the action is your own "
            "promise, it also tells them your word does not.",
            "Ask how it is going, if they want to: finish it, give it a new date, or let it go on purpose.",
            "open, has `due`, and `due` <= today (+ `--within` days); date = `due`. Tier 1 for your promise, 2 for "
            "their step. A step is not reported on its own while `no-progress` or `dream-changed` is (it is "
            "counted there).",
            promise_tier=1,
        ),
        Kind(
            "checkin-due",
            "person",
            1,
            "The next check-in date has come: `next_checkin` of the last plan or check-in, "
            "or its date plus the cadence.",
            "A plan nobody looks at drifts, and people rarely say when they are stuck.",
            "Hold the check-in now, even a short one: how they feel, what moved, the support they need.",
            "has a plan; next = `next_checkin` of the newest plan or check-in if set, else its date + "
            "`checkin_every_days`; reported when next <= today (+ `--within` days); date = next.",
        ),
        Kind(
            "never-started",
            "person",
            1,
            "Someone on your team has had no career conversation yet, 30 days after they joined: no story, "
            "dreams or plan held.",
            "Every person deserves these conversations, not only the high performers or the ones who ask; "
            "the quiet ones are the easiest to forget.",
            "Invite them to the first conversation, their life story, and send the invite a few days ahead.",
            "no story, dreams or plan held; date = the profile's `since` + 30, else the date of their earliest "
            "document (a planned one too) + 30, else today; the message names that day.",
        ),
        Kind(
            "leaving",
            "person",
            1,
            "Their profile says they leave on a day within the next 30 days.",
            "Their plan and what they learned are theirs to take along; after they have gone, it is too late to "
            "give it to them.",
            "Offer them their own page (`careerkit report --for PERSON`), and ask what they want to carry on "
            "working on where they go.",
            "`left` is after today; date = `left` - 30.",
        ),
        Kind(
            "inherited-promise",
            "action",
            1,
            "A promise made by their previous manager came to you in a handover and is still open.",
            "They were counting on it before you arrived; a promise that changes hands silently is a promise broken.",
            "Decide with them: keep it as your own (the mark goes) or let it go, and tell them either way.",
            "an open promise with `inherited`; date = `inherited`. Until the mark is removed it is reported only "
            "as this kind, never as `action-due` or `action-stale`.",
        ),
        Kind(
            "no-progress",
            "person",
            2,
            "They have open steps of their own, but none was touched or closed for `stale_after_days`.",
            "This is the most common situation of all: work got busy and their own growth went last. It often "
            "feels bad to them.",
            "Listen first and let them vent. Remind them the plan serves them, not the other way round; then "
            "suggest one protected hour a week in working time (not in their evenings), and help them "
            "reprioritise or hand work off. Look at the steps only if they want to.",
            "has open steps of the person's own; the latest of (touched of each such open step, closed of any "
            "step of theirs) + `stale_after_days` <= today; date = that sum. Your promises never count here. "
            "While it is reported, their own `action-due` and `action-stale` are counted in its message instead.",
        ),
        Kind(
            "action-stale",
            "action",
            2,
            "An open action has not moved (no `updated` date, no new copy) for `stale_after_days`.",
            "Plans drift when nobody looks at them; a quiet step is usually blocked or no longer wanted. A quiet "
            "promise of yours is worse: it was theirs to count on.",
            "Ask whether it is still the right step, what is in the way, and what would make it smaller.",
            "open, its `due` not within today (+ `--within` days), and touched + `stale_after_days` <= today, "
            "where touched is `updated` or else the date of the document holding it; date = touched + "
            "`stale_after_days`. Tier 1 for your promise, 2 for their step; a step is folded like `action-due`.",
            promise_tier=1,
        ),
        Kind(
            "dream-changed",
            "person",
            2,
            "Their dreams changed after the plan was made: a newer dreams document, or a check-in or note "
            "that says they may be changing direction (`dream_shift`).",
            "A plan built for an old dream spends effort on the wrong skills, and chasing it tells them you "
            "did not listen.",
            "Stop chasing the old plan. Ask what changed and which steps they still want; then revisit the skill "
            "gaps and make the plan again together.",
            "the newest plan with skills (P) is older than the newest dreams, or than a check-in or note on or "
            "before today that sets `dream_shift` (true or some words); date = that dreams date, else the "
            "earliest such check-in or note. It lasts until a newer plan has skills. While it is reported, "
            "`no-progress`, `out-of-actions`, `plan-without-actions`, `resources-missing` and their own "
            "`action-due` and `action-stale` are not.",
        ),
        Kind(
            "conversation-due",
            "person",
            3,
            "The plan's `review_by` date has come, or the last story, dreams or plan is older than "
            "`conversation_every_days`.",
            "Goals change with life; every person deserves a real career conversation at least once a year, better "
            "twice.",
            "Book a longer conversation to revisit the dreams and the plan.",
            "has a story, dreams or plan; review = `review_by` of the newest plan if set, else the newest of those "
            "+ `conversation_every_days`; review <= today; date = review.",
        ),
        Kind(
            "next-conversation",
            "person",
            3,
            "The sequence stopped half way: a story without dreams, or dreams without a plan.",
            "The value of the early conversations comes from the plan they lead to.",
            "Invite them to the next conversation in the sequence.",
            "a story but no dreams, or dreams but no plan; date = the newest story or dreams date; the message "
            "names a prepared document of the next stage and its date, when there is one.",
        ),
        Kind(
            "plan-without-actions",
            "person",
            3,
            "There is a plan, but no step of the person's own was ever open under it.",
            "A plan without a first small step tends to stay a document.",
            "Agree on one or two small, concrete first steps that carry their name; minutes or hours each, not months.",
            "has a plan, no open step of the person's own, and none of theirs closed on or after the newest "
            "plan's date; date = the newest plan's date.",
        ),
        Kind(
            "resources-missing",
            "person",
            3,
            "A skill chosen in the plan has no people or resources to learn from, and no open action works on it.",
            "A skill with nobody and nothing to learn from rarely gets learned.",
            "Add a step for them to research people and resources, share the list with you, and pick one.",
            "skills of the newest plan with skills that list no `resources` (missing, empty or null) and that no "
            "open action names as its `skill`; one finding naming them all; date = that plan's date.",
        ),
        Kind(
            "values-unconfirmed",
            "person",
            3,
            "The values you heard in their life story are still your guess: they have not confirmed them.",
            "Values are read from the moments someone changed direction; until the person agrees with the words, "
            "a plan measured against them rests on your reading, not theirs.",
            "Share the words back and ask what fits and what they would change; they have the final say. Then "
            "set `values_confirmed`.",
            "the newest story has `values` and no `values_confirmed`; date = its date + 14.",
        ),
    )
}


# -- words for people ----------------------------------------------------------------------------------------


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def age(days: int) -> str:
    """How long, as people say it: days up to two weeks, then weeks up to eight, then months."""
    if days <= 14:
        return plural(days, "day")
    if days <= 56:
        return plural(days // 7, "week")
    return plural(round(days / 30.4), "month")


def when(days: int) -> str:
    """'due today', 'due 3 days ago', 'due in 2 weeks': `days` is how long ago the date was (negative: ahead)."""
    if days == 0:
        return "due today"
    if days > 0:
        return f"due {age(days)} ago"
    return f"due in {age(-days)}"


def listed(items: list[str]) -> str:
    """'3', '3 and 5', '3, 5 and 8'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
