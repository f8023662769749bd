"""The words a person wrote in a document's body, apart from what a template wrote around them.

Used when a document is read (careerkit.reading.documents): the summary of a note is
the first of `own_lines`, and a check-in's `asked` are the lines under its
heading about what they asked of you. Imported only when a body is looked at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from careerkit.templating.template_lines import NO_SHAPES, Shapes

# What the shipped templates write around a person's words (this release's and earlier ones): the
# "date · ..." line under the title, the "**Why this ...:**" paragraph, and sections of questions
# and listening tips. None of it is ever a note's summary.
_TEMPLATE_LINE = r"\d{4}-\d{2}-\d{2} · |\*\*Why this (note|talk):\*\*"
_TEMPLATE_SECTIONS = frozenset(
    {
        "questions to have ready",
        "questions worth asking when there is a moment",
        "while you listen",
        "while they talk",
        "the invite",
        "why this talk",
        "if the talk turns to...",
    }
)  # exactly: `## Questions she asked` is theirs
_QUOTE = r"^(?:>\s*)+"  # the marks of a quote (nested or not), before its words
_MARKERS = r"^(?:[-*+]\s+)+"  # of list items, before a person's words
_MAX_ASKED = 5
_RULES = ("---", "***", "===", "```", "~~~")  # a horizontal rule or a code fence: never a person's words


def own_lines(body: str, template: Shapes = NO_SHAPES, templated: bool = True) -> Iterator[str | None]:
    """The lines a person wrote in a body, stripped of list markers; None where a paragraph ends.

    Left out: HTML comments, headings, rules, and unless the body is known to be theirs entirely (not
    `templated`), what the shipped templates write (see above) and the lines that fit a shape of
    `template` where it puts them (careerkit.templating.template_lines). A quote is kept (a note often quotes the
    person), without its `>`.
    """
    in_comment = in_section = in_paragraph = False  # the last two: template text being skipped
    section: int | None = 0  # of `template`: before its first heading
    sections: dict[str, int | None] = {}  # each heading of the note looked up once
    for line in body.splitlines():
        # inside a quote, a heading is still a heading
        stripped, in_comment = _uncommented(re.sub(_QUOTE, "", line.strip()), in_comment)
        if stripped.startswith("#"):
            in_section = templated and stripped.lstrip("#").strip().casefold() in _TEMPLATE_SECTIONS
            section = sections.get(stripped)
            if section is None and stripped not in sections:
                section = sections[stripped] = template.heading(stripped)
            in_paragraph = False
            yield None
            continue
        if not stripped:
            in_paragraph = False
            yield None
            continue
        if templated and re.match(_TEMPLATE_LINE, stripped):
            in_paragraph = stripped.startswith("**")
            yield None
            continue
        if (
            in_section
            or in_paragraph
            or stripped.startswith(_RULES)
            or (templated and template.wrote(stripped, section))
        ):
            yield None
            continue
        yield re.sub(_MARKERS, "", stripped).strip() or None  # a list item: its words


def _uncommented(text: str, in_comment: bool) -> tuple[str, bool]:
    """`text` without its HTML comments (`in_comment`: one is open before it), and whether one is open after."""
    if in_comment:
        in_comment = "-->" not in text
        text = "" if in_comment else text.split("-->", 1)[1].strip()
    while text.startswith("<!--"):
        rest = text[4:]
        in_comment = "-->" not in rest
        text = "" if in_comment else rest.split("-->", 1)[1].strip()
    return text, in_comment


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
