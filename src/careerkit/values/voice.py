"""Who careerkit speaks to: a manager about the people they support, or one person about their own career.

A notes repository made with `careerkit init --self NAME` sets `self: <slug>` in careerkit.yaml. For that
person, careerkit's own words (findings and the agenda's headings; never anything a person wrote) are said to
them in the second person, and the manager's promises (`owner: manager`) read as what they asked of their
manager. Everything goes through `to_self`: a few whole phrases first, where a word-for-word change would
read oddly, then the pronouns.
"""

from __future__ import annotations

import re

# Whole phrases, before the pronouns are changed.
_PHRASES = (
    ("your own promise", "what you asked of your manager"),
    ("Your promises", "What you asked of your manager"),
    ("a promise you inherited", "a request that came with a handover"),
    ("What they told you", "What you noted"),
    ("they asked of you", "you asked of your manager"),
    ("What to talk about", "What to think about"),
    ("Their open actions", "Your open steps"),
    ("start with what they finished", "take a moment for what you finished"),
    ("choose the next steps together", "choose your next steps"),
    (
        "the values you heard in their life story are not confirmed by them yet",
        "do the values in your life story still fit you? they are not confirmed yet",
    ),
    ("offer them their page to take along", "your own page is yours to take along"),
    ("since they joined on", "since you started on"),
)
_PRONOUNS = {"they": "you", "them": "you", "their": "your", "theirs": "yours", "themselves": "yourself"}
_PRONOUN = re.compile(r"\b(" + "|".join(_PRONOUNS) + r")\b", re.IGNORECASE)


def to_self(text: str, title: str = "") -> str:
    """`text`, written by careerkit about a person, said to that person; an action's `title` at its end (after
    `: `) is their own words, kept as written."""
    kept = f": {title}" if title and text.endswith(f": {title}") else ""
    text = text[: len(text) - len(kept)]
    for said, meant in _PHRASES:
        text = text.replace(said, meant)
    return _PRONOUN.sub(_swap, text) + kept


def _swap(match: re.Match[str]) -> str:
    word = match.group(0)
    swapped = _PRONOUNS[word.casefold()]
    return swapped.capitalize() if word[0].isupper() else swapped


def speaks_to(self_slug: str | None, person: str) -> bool:
    """Whether careerkit speaks to `person` about themself: the notes are their own (`self` names them)."""
    return self_slug is not None and self_slug == person
