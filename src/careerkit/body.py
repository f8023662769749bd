"""The words a person wrote in a document's body, apart from what a template wrote around them.

Used when a document is read (careerkit.documents): the summary of a note is
the first of `own_lines`, and a check-in's `asked` are the lines under its
heading about what they asked of you. Imported only when a body is looked at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

# What the shipped templates write around a person's words (this release's and earlier ones): the
# "date · ..." line under the title, the "**Why this ...:**" paragraph, and sections of questions
# and listening tips. None of it is ever a note's summary.
_TEMPLATE_LINE = r"\d{4}-\d{2}-\d{2} · |\*\*Why this (note|talk):\*\*"
_TEMPLATE_SECTIONS = frozenset({"questions to have ready", "questions worth asking when there is a moment",
                                "while you listen", "while they talk", "the invite", "why this talk",
                                "if the talk turns to..."})  # exactly: `## Questions she asked` is theirs
_MARKERS = r"^(?:[-*+]\s+|>\s*)+"  # of list items and quotes, before a person's words
_MAX_ASKED = 5


def own_lines(body: str, template: Sequence[re.Pattern[str]] = ()) -> Iterator[str | None]:
    """The lines a person wrote in a body, stripped of list markers; None where a paragraph ends.

    Left out: HTML comments, headings, rules, what the shipped templates write (see above) and the
    lines that `template` (`own_template_lines`) matches. A quote is kept (a note often quotes the
    person), without its `>`.
    """
    in_comment = in_section = in_paragraph = False  # the last two: template text being skipped
    for line in body.splitlines():
        stripped = line.strip()
        if in_comment:
            in_comment = "-->" not in stripped
            stripped = "" if in_comment else stripped.split("-->", 1)[1].strip()
        while stripped.startswith("<!--"):
            rest = stripped[4:]
            in_comment = "-->" not in rest
            stripped = "" if in_comment else rest.split("-->", 1)[1].strip()
        if stripped.startswith("#"):
            in_section = stripped.lstrip("#").strip().casefold() in _TEMPLATE_SECTIONS
            in_paragraph = False
            yield None
            continue
        if not stripped:
            in_paragraph = False
            yield None
            continue
        if re.match(_TEMPLATE_LINE, stripped):
            in_paragraph = stripped.startswith("**")
            yield None
            continue
        if in_section or in_paragraph or stripped.startswith(("---", "***", "===")) or any(
                pattern.fullmatch(stripped) for pattern in template):
            yield None
            continue
        yield re.sub(_MARKERS, "", stripped).strip() or None  # a list item or a quote: its words


# In a template's line: an expression (`{{ name }}`), a statement (`{% if ... %}`, whose first word is kept)
# or a comment.
_TAG = re.compile(r"\{\{.*?\}\}|\{%-?\s*(\w*).*?%\}|\{#.*?#\}")
_cached_template: dict[str, tuple[tuple[int, int, int, int], tuple[re.Pattern[str], ...]]] = {}


def own_template_lines(root: Path) -> tuple[re.Pattern[str], ...]:
    """What the notes' own note template (`templates/note.md.j2`) writes on a line, as patterns that a line of
    a note can be matched against; none when the notes use the shipped template (or theirs cannot be read:
    `careerkit new` says why)."""
    from careerkit import templates
    from careerkit.errors import CareerkitError

    path = templates.own_path(root, "note")
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return ()
    key = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
    kept = _cached_template.get(str(path))
    if kept is not None and kept[0] == key:
        return kept[1]
    try:
        patterns = template_patterns(templates.read_own(root, path))
    except CareerkitError:
        patterns = ()
    _cached_template[str(path)] = (key, patterns)
    return patterns


def template_patterns(source: str) -> tuple[re.Pattern[str], ...]:
    """A pattern for each line of a Jinja template that writes some fixed words: what the line can render as.

    An expression may render as anything; the words between two statements on one line (the branches
    of an `{% if %}`) may be left out; the words before the first statement and after the last are
    always there. A line with no fixed word (`{{ name }}`, a blank line) could be anything a person
    wrote, so it gives no pattern.
    """
    patterns = []
    for line in source.splitlines():
        line = line.strip()
        tags = list(_TAG.finditer(line))
        statements = [index for index, tag in enumerate(tags) if tag.group().startswith("{%")]
        parts, fixed, start = [], "", 0
        for index, tag in enumerate([*tags, None]):
            words = line[start:tag.start() if tag else len(line)]
            optional = bool(statements) and statements[0] < index <= statements[-1]
            if words:
                parts.append(f"(?:{re.escape(words)})?" if optional else re.escape(words))
                fixed += "" if optional else words
            if tag is not None:
                parts.append(".*?" if tag.group().startswith("{{") else "")
                start = tag.end()
        if any(char.isalnum() for char in fixed):
            patterns.append(re.compile("".join(parts), re.DOTALL))
    return tuple(patterns)


def asked(body: str) -> list[str]:
    """What a check-in says they asked of you: the lines under a heading that speaks of what they asked."""
    found: list[str] = []
    inside = False
    in_comment = False
    for line in body.splitlines():
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if stripped.startswith("#"):
            if found:
                break
            inside = "asked" in stripped.lower()
            continue
        text = stripped.lstrip("-*+ ").strip()
        if inside and text:
            found.append(text)
            if len(found) == _MAX_ASKED:
                break
    return found
