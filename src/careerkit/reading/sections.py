"""The sections of a document's body that belong to the person: a heading followed by the line `<!-- theirs -->`.

One rule for everything that leaves the manager's notes: the person's own page (careerkit.views.own) and the
handover bundle (careerkit.handover.contents) carry these sections and nothing else of a body. The shipped
templates mark the sections that hold the person's words (turning points, the dreams in their words, how they
learn best, the skills they chose, first steps, what was promised); the manager's own reading of them and
"other things they said" are never marked.
"""

from __future__ import annotations

import re
from pathlib import Path

from careerkit.values.records import Record

THEIRS = "<!-- theirs -->"
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|\r?$)")
_FENCE = re.compile(r" {0,3}(```|~~~)")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


class Section(Record):
    heading: str  # the heading's words
    text: str  # the heading line, the marker line and the lines that follow, as written

    @property
    def lines(self) -> list[str]:
        """What the section says under its heading and marker, as lines without their ends: HTML comments (a
        template's prompts) and blank lines at either end left out."""
        below = _COMMENT.sub("", "".join(self.text.splitlines(keepends=True)[2:])).splitlines()
        while below and not below[0].strip():
            below.pop(0)
        while below and not below[-1].strip():
            below.pop()
        return below


def theirs(body: str) -> list[Section]:
    """Each section of `body` whose heading line is followed by the line `<!-- theirs -->`.

    A section runs to the next heading of any level: a subsection is a section of its own, marked or not,
    so nothing the person did not mark can travel inside one that they did. Inside a code fence a `#` line
    is no heading.
    """
    lines = body.splitlines(keepends=True)
    found: list[Section] = []
    current: list[str] | None = None
    heading, fence = "", ""
    for index, line in enumerate(lines):
        if not fence and _HEADING.match(line):
            if current is not None:
                found.append(_section(heading, current))
            marked = index + 1 < len(lines) and lines[index + 1].strip() == THEIRS
            current, heading = ([line] if marked else None), line.strip().lstrip("#").strip()
            continue
        opened = _FENCE.match(line)
        if opened and not fence:
            fence = opened.group(1)
        elif opened and opened.group(1) == fence:
            fence = ""
        if current is not None:
            current.append(line)
    if current is not None:
        found.append(_section(heading, current))
    return found


def _section(heading: str, lines: list[str]) -> Section:
    while lines and not lines[-1].strip():
        lines.pop()
    text = "".join(lines)
    return Section(heading, text if text.endswith("\n") else text + "\n")


def body_of(data: bytes) -> str:
    """The body of a document's bytes (one careerkit has read already, so known to parse)."""
    from careerkit.reading import frontmatter

    return frontmatter.split(frontmatter.decode(data)).body


def sections_in(path: Path) -> list[Section]:
    """The person's own sections of the document at `path`; none when it can no longer be read."""
    from careerkit.errors import CareerkitError
    from careerkit.reading.documents import read_bytes

    try:
        return theirs(body_of(read_bytes(path)))
    except (OSError, CareerkitError):
        return []
