"""People's names as folder names (slugs)."""

from __future__ import annotations

import re

from careerkit.errors import UsageError

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")  # the whole name (fullmatch: `$` would allow a final newline)
# Letters that do not decompose into an ASCII letter plus an accent (\u0131 is the dotless i).
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "\u0131": "i"})


def is_slug(text: str) -> bool:
    return SLUG.fullmatch(text) is not None


def slugify(name: str) -> str:
    """`"Zoë O'Brien"` -> `zoe-obrien`; "" when nothing usable is left."""
    import unicodedata  # only here: this module is on every command's start-up path

    text = unicodedata.normalize("NFKD", name.lower().translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['\u2019`]", "", text)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text


def to_slug(name: str) -> str:
    """A slug for a name given on the command line, or a usage error."""
    slug = slugify(name)
    if not slug:
        raise UsageError(f'{name!r} is not a usable person name: use letters or digits, e.g. alice or "Zoë O\'Brien"')
    return slug
