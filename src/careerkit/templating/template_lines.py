"""What the notes' own note template writes on a line, so that such a line is never taken for a note's summary.

Each line of a Jinja template becomes one or more *shapes*: its fixed words in
order, with None where an expression (`{{ ... }}`) may write anything; the
branches of an `{% if %}` on the line give one shape each. A line of a note
fits a shape when it starts with the shape's first words, ends with its last
ones and holds the others in order between them. Reading a template and
fitting a line both take time in proportion to their length, whatever is in
them: no regular expression is made from a template.

A shape must say enough to be trusted: more fixed words than gaps, or a label
(one fixed word at the start followed by punctuation, and one gap: `Mood: {{
mood }}`). A shape that is mostly gaps hides nothing: `{{ a }} to {{ b }} a {{
c }}` would hide every line of a note with " to ... a " in it.

A shape applies only where the template puts it: in the template's section (the
lines under one of its headings, or those before the first) that the note's own
heading above the line fits. A line under a heading of the person's own is never
the template's. (A note written by `careerkit note TEXT` has no template at all:
careerkit.documents does not look for one there.)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

Shape = tuple[str | None, ...]  # fixed words, and None where anything may stand


class Shapes(NamedTuple):
    """The trusted shapes of a template, by section: `sections[0]` those of the lines before its first heading,
    `sections[i + 1]` those under heading i, whose own shapes are `headings[i]`."""

    sections: tuple[tuple[Shape, ...], ...] = ((),)
    headings: tuple[tuple[Shape, ...], ...] = ()

    def heading(self, line: str) -> int | None:
        """The section under the first of the template's headings that `line` (a note's heading) fits; None
        when it fits none: the heading, and what is under it, are the person's own."""
        for index, shapes in enumerate(self.headings):
            if any(fits(line, shape) for shape in shapes):
                return index + 1
        return None

    def wrote(self, line: str, section: int | None) -> bool:
        """True when the template could have written `line` (stripped) in that section of a note."""
        return section is not None and any(fits(line, shape) for shape in self.sections[section])


NO_SHAPES = Shapes()

MAX_BRANCHES = 16  # shapes from one template line (`{% if %}`s multiply them); more: the line gives none
MAX_STATEMENTS = 64  # `{% ... %}` on one template line; more: the line gives no shape
MAX_SHAPES = 2000  # a template is a page or two; shapes past this many are not kept
_OPENER = re.compile(r"\{[{%#]")
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}
_WORD = re.compile(r"\w+")
_kept: dict[str, tuple[tuple[object, ...], Shapes]] = {}  # per path: (identity, shapes), in one run


def own_template_shapes(root: Path) -> Shapes:
    """The shapes of the notes' own note template (`templates/note.md.j2`); none when the notes use the shipped
    one, or theirs cannot be read (`careerkit new` says why)."""
    from careerkit.errors import CareerkitError
    from careerkit.templating import templates

    path = templates.own_path(root, "note")
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return NO_SHAPES
    identity = (os.path.realpath(path), st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
    kept = _kept.get(str(path))
    if kept is not None and kept[0] == identity:
        return kept[1]
    try:
        found = shapes(templates.read_own(root, path))
    except CareerkitError:
        found = NO_SHAPES
    _kept[str(path)] = (identity, found)
    return found


def shapes(source: str) -> Shapes:
    """The shapes of the lines of a template that are worth trusting, by section (see the module's docstring)."""
    sections: list[dict[Shape, None]] = [{}]  # in the template's order, each once in its section
    headings: list[dict[Shape, None]] = []
    kept = 0
    in_comment = False  # an HTML comment: never a summary, and a `#` line in it is no heading (careerkit.body)
    for line in source.splitlines():
        stripped, in_comment = _uncommented(line.strip(), in_comment)
        if not stripped:
            continue
        heading = stripped.startswith("#")  # (hides nothing itself: a heading is never a summary)
        if heading:
            headings.append({})
            sections.append({})
            kept += 1  # each heading is looked at for each heading of a note: counted even without a shape
        found = headings[-1] if heading else sections[-1]
        for rendering in _renderings(list(_tokens(stripped))):
            shape = _shape(rendering)
            if (heading or _trusted(shape)) and shape not in found:
                found[shape] = None
                kept += 1
        if kept >= MAX_SHAPES:
            break
    return Shapes(tuple(tuple(s) for s in sections), tuple(tuple(h) for h in headings))


def _uncommented(line: str, in_comment: bool) -> tuple[str, bool]:
    """What of a template line is outside HTML comments, read as careerkit.body reads a note's lines; and
    whether a comment is still open after it."""
    if in_comment:
        if "-->" not in line:
            return "", True
        line = line.split("-->", 1)[1].strip()
    while line.startswith("<!--"):
        rest = line[4:]
        if "-->" not in rest:
            return "", True
        line = rest.split("-->", 1)[1].strip()
    return line, False


def fits(line: str, shape: Shape) -> bool:
    """True when `line` (stripped) could have been written by the template line that gave `shape`."""
    first, last = shape[0], shape[-1]
    if len(shape) == 1:
        return line == first
    start, end = 0, len(line)
    if first is not None:
        if not line.startswith(first):
            return False
        start = len(first)
    if last is not None:
        if not line.endswith(last) or end - len(last) < start:
            return False
        end -= len(last)
    for piece in shape[1:-1]:  # fixed words and gaps alternate: the first place each fits is as good as any
        if piece is not None:
            found = line.find(piece, start, end)
            if found < 0:
                return False
            start = found + len(piece)
    return True


def _tokens(line: str) -> Iterator[tuple[str, str]]:
    """("text", words), ("expr", "") or (a statement's first word, "") for each part of a template line.

    An opening `{{`, `{%` or `{#` that is never closed makes the rest of the line plain text (Jinja refuses
    such a template anyway); so every character is looked at a bounded number of times.
    """
    position = 0
    while position < len(line):
        match = _OPENER.search(line, position)
        if match is None:
            yield "text", line[position:]
            return
        start = match.start()
        end = line.find(_CLOSER[match.group()], start + 2)
        if end < 0:
            yield "text", line[position:]
            return
        if start > position:
            yield "text", line[position:start]
        inside = line[start + 2 : end].strip("-+ \t")
        if match.group() == "{{":
            yield "expr", ""
        elif match.group() == "{%":
            yield (inside.split() or [""])[0], ""
        position = end + 2


def _renderings(tokens: list[tuple[str, str]]) -> list[list[str | None]]:
    """What the line can write, as lists of fixed words and None (anything); none when there are too many."""
    if sum(kind not in ("text", "expr") for kind, _ in tokens) > MAX_STATEMENTS:
        return []  # more branches than MAX_BRANCHES anyway (and blocks nested that deep would recurse as deep)
    position = 0

    def sequence(stops: frozenset[str]) -> list[list[str | None]] | None:
        nonlocal position
        alternatives: list[list[str | None]] = [[]]
        while position < len(tokens) and tokens[position][0] not in stops:
            kind, words = tokens[position]
            position += 1
            parts: list[list[str | None]]
            if kind == "text":
                parts = [[words]]
            elif kind in ("expr", "for"):
                if kind == "for":  # written any number of times: anything
                    if sequence(frozenset({"endfor"})) is None:
                        return None
                    position += 1
                parts = [[None]]
            elif kind == "if":
                branches = branches_of_if()
                if branches is None:
                    return None
                parts = branches
            else:  # `set`, `raw`, the end of a block opened on an earlier line: writes nothing to tell
                continue
            alternatives = [done + part for done in alternatives for part in parts]
            if len(alternatives) > MAX_BRANCHES:
                return None
        return alternatives

    def branches_of_if() -> list[list[str | None]] | None:
        """What an `{% if %}` just opened can write: each branch, or nothing when there is no `else`."""
        nonlocal position
        found: list[list[str | None]] = []
        otherwise = False
        while True:
            branch = sequence(frozenset({"elif", "else", "endif"}))
            if branch is None:
                return None
            found += branch
            if position >= len(tokens):  # the block goes on past this line
                break
            kind = tokens[position][0]
            position += 1
            if kind == "endif":
                break
            otherwise = otherwise or kind == "else"
        return found if otherwise else [*found, []]

    return sequence(frozenset()) or []


def _shape(rendering: list[str | None]) -> Shape:
    """Adjacent words joined, adjacent gaps made one, the ends stripped as a note's lines are."""
    shape: list[str | None] = []
    for part in rendering:
        last = shape[-1] if shape else ""
        if part is None and last is not None:
            shape.append(None)
        elif part and shape and last is not None:
            shape[-1] = last + part
        elif part:
            shape.append(part)
    if shape and (first := shape[0]) is not None:
        shape[0] = first.lstrip()
    if shape and (final := shape[-1]) is not None:
        shape[-1] = final.rstrip()
    return tuple(part for part in shape if part != "")


def _trusted(shape: Shape) -> bool:
    words = len(_WORD.findall("".join(part for part in shape if part)))
    gaps = shape.count(None)
    if words == 0:
        return False
    if words > gaps:
        return True
    first = shape[0]
    return gaps == 1 and first is not None and not first[-1].isalnum()  # a label: `Mood: {{ mood }}`
