"""People's names as folder names (slugs), in any script.

A slug is made of lower-case letters of any script, digits and `-`, starts
with a letter or digit, has at most MAX_LENGTH characters and is in Unicode
NFC: the form that macOS, Windows and git all keep as it is, so that one
name never becomes two folders. Latin letters lose their accents (`zoë` ->
`zoe`), as most such names are typed without them; letters of other scripts
keep every mark, since there a mark is part of the letter (Devanagari vowel
signs, Arabic harakat).
"""

from __future__ import annotations

import re

from careerkit.errors import UsageError

MAX_LENGTH = 64
ASCII_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # the usual slug, checked without unicodedata
# Latin letters that do not decompose into a letter plus an accent (\u0131 is the dotless i); kept as in 0.2.
_SPECIAL = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "\u0131": "i"})
# Apostrophes vanish rather than split a name: O'Brien is obrien, not o-brien.
_APOSTROPHES = frozenset("'\u2018\u2019`\u02bc")
# Device names Windows reserves in any case and with any extension: such a folder cannot be made there.
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)


def is_slug(text: str) -> bool:
    """Whether `text` may name a person's folder (see the module's docstring)."""
    if ASCII_SLUG.fullmatch(text):
        return True
    if not text or len(text) > MAX_LENGTH or text.isascii():
        return False
    import unicodedata  # only here: this module is on every command's start-up path

    if not unicodedata.is_normalized("NFC", text) or _kind(text[0]) not in ("letter", "digit"):
        return False
    marks = False  # whether a mark may come here: only after a letter of a script other than Latin
    for ch in text:
        kind = _kind(ch)
        if (kind == "mark" and not marks) or kind in ("other", "dropped"):
            return False
        if kind != "mark":
            marks = kind == "letter" and not _is_latin(ch)
    return True


def slugify(name: str) -> str:
    """`"Zoë O'Brien"` -> `zoe-obrien`, `"Иван Петров"` -> `иван-петров`; "" when nothing usable is left."""
    import unicodedata  # only here: this module is on every command's start-up path

    # casefold, then lower: casefold maps a few letters (Cherokee) to upper case
    text = unicodedata.normalize("NFC", name).casefold().lower()
    # NFD splits an accent from its letter, so that a Latin letter's accents can go; NFC puts the rest together
    # again (Hangul syllables too, which NFD splits into their letters).
    kept: list[str] = []
    marks = False  # as in is_slug
    for ch in unicodedata.normalize("NFD", text).translate(_SPECIAL):
        kind = _kind(ch)
        if kind == "mark":
            kept += [ch] if marks else []
        elif kind in ("letter", "digit"):
            kept.append(ch)
            marks = kind == "letter" and not _is_latin(ch)
        elif kind != "dropped" and kept and kept[-1] != "-":
            kept.append("-")
            marks = False
    slug = unicodedata.normalize("NFC", "".join(kept))[:MAX_LENGTH]
    return unicodedata.normalize("NFC", slug).strip("-")


def to_slug(name: str) -> str:
    """The slug for a new person's folder, from a name given on the command line; else a usage error."""
    slug = slugify(name)
    if not slug:
        raise UsageError(
            f'{name!r} is not a usable person name: it needs a letter or a digit, e.g. alice or "Zoë O\'Brien"'
        )
    if slug in _WINDOWS_RESERVED:
        raise UsageError(
            f"{name!r} would make the folder people/{slug}, which Windows cannot hold: give a longer name, "
            f'e.g. "{name} Smith"'
        )
    return slug


def folding_key(name: str) -> str:
    """What a file system that ignores case and normalisation (macOS, Windows) sees of a folder name: two folders
    with the same key are one folder there, and one of them is lost in a clone or a copy."""
    import unicodedata

    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def _kind(ch: str) -> str:
    """letter, digit, mark, hyphen, dropped (an apostrophe or an invisible format character) or other."""
    import unicodedata

    if ch == "-":
        return "hyphen"
    if ch in _APOSTROPHES:
        return "dropped"
    category = unicodedata.category(ch)
    if category in ("Ll", "Lo", "Lm"):
        return "letter"
    if category == "Nd":
        return "digit"
    if category[0] == "M":
        return "mark"
    if category == "Cf":  # zero-width joiners and the like: invisible in a folder name, so left out
        return "dropped"
    return "other"  # upper-case letters too: a slug is folded to lower case first


def _is_latin(ch: str) -> bool:
    import unicodedata

    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN ")
