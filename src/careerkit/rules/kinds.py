"""Every kind of finding, loaded in the order docs/findings.md lists them.

Views, commands and docs read the kinds here: `KINDS` (each kind's words, tier, question and calendar event:
careerkit.rules.registry) and each kind's name, one constant per kind, so that no kind is named by a bare
string anywhere else. A new kind is one function registered in the module of its tier, with its test
(docs/architecture.md, "Adding a kind of finding").
"""

from careerkit.rules.registry import KINDS, PROMISE_SUGGESTION, TIERS, Kind
from careerkit.rules.tier0_celebrate import OUT_OF_ACTIONS, STEPS_FINISHED
from careerkit.rules.tier1_late import ACTION_DUE, CHECKIN_DUE, INHERITED_PROMISE, LEAVING, NEVER_STARTED
from careerkit.rules.tier2_drifting import ACTION_STALE, DREAM_CHANGED, NO_PROGRESS
from careerkit.rules.tier3_missing import (
    CONVERSATION_DUE,
    NEXT_CONVERSATION,
    PLAN_WITHOUT_ACTIONS,
    RESOURCES_MISSING,
    VALUES_UNCONFIRMED,
)
from careerkit.rules.words import age, listed, plural, when

__all__ = [
    "ACTION_DUE",
    "ACTION_STALE",
    "CHECKIN_DUE",
    "CONVERSATION_DUE",
    "DREAM_CHANGED",
    "INHERITED_PROMISE",
    "KINDS",
    "LEAVING",
    "NEVER_STARTED",
    "NEXT_CONVERSATION",
    "NO_PROGRESS",
    "OUT_OF_ACTIONS",
    "PLAN_WITHOUT_ACTIONS",
    "PROMISE_SUGGESTION",
    "RESOURCES_MISSING",
    "STEPS_FINISHED",
    "TIERS",
    "VALUES_UNCONFIRMED",
    "Kind",
    "age",
    "listed",
    "plural",
    "when",
]
