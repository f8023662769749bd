"""How a value from the notes may appear in a message: only what looks like a slip of the keys.

The notes are private, and messages end up in terminals, CI logs and bug reports: a date, a number or one
lowercase word is repeated as written (`status: donee`), anything a person may have written as prose is not.
"""

import re
from datetime import date
from typing import Any

MAX_ID = 10**15 - 1  # action ids are small whole numbers; a larger one is a slip (or an attack on int-to-text)


# Text shown in a message only when it looks like a slip of the keys: a date or number, or one lowercase word.
_SHOWABLE = r"[0-9][0-9:T .+-]{0,24}|[a-z][a-z0-9_-]{0,19}"
# A key named in a message only when it looks like one: a short identifier (`colour`, `due_date`), never a
# sentence someone wrote as a key (`private - going through chemo:`).
_KEY_LIKE = re.compile(r"[^\W\d][\w-]{0,31}")


def key_like(key: object) -> bool:
    """Whether a message may name `key` (see _KEY_LIKE); one that may not is "an unknown key" at its line."""
    return isinstance(key, str) and _KEY_LIKE.fullmatch(key) is not None


def value_like(text: str) -> bool:
    """Whether a message may repeat this value as written: a date or number, or one lowercase word."""
    return re.fullmatch(_SHOWABLE, text) is not None


def as_text(value: Any) -> str:
    """`str(value)`, but a whole number too long for Python to write out (past 4,300 digits) as a phrase."""
    try:
        return str(value)
    except ValueError:
        return "(a number too long to write)"


def shown(value: Any) -> str:
    """` value` to put in an error message after the key it belongs to, or "" to name the key alone.

    Numbers, dates and single lowercase words (`status: donee`, `stage: retro`) are shown, as they
    make the message clear; anything a person may have written as prose is not: the notes are
    private, and error messages end up in terminals, CI logs and bug reports.
    """
    if isinstance(value, list):
        return " (a list)"
    if isinstance(value, dict):
        return " (a mapping)"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ID:
        return " (a number of more than 15 digits)"  # nor could Python write one of over 4,300 digits
    if isinstance(value, (bool, int, float, date)):
        return f" {value}"
    text = getattr(value, "text", value)  # an impossible date keeps what was written
    if isinstance(text, str) and value_like(text):
        return f" {text!r}" if isinstance(value, str) else f" {text}"
    return ""


def ordinal(position: str | int) -> str:
    """A list position as people count (1 for the first)."""
    return str(position + 1) if isinstance(position, int) else str(position)
