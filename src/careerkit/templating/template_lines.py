"""What the notes' own note template writes on a line, so that such a line is never taken for a note's summary.

Each line of a Jinja template becomes one or more *shapes*: its fixed words in
order, with None where an expression (`{{ ... }}`) may write anything; the
branches of an `{% if %}` on the line give one shape each. A line of a note
fits a shape when it starts with the shape's first words, ends with its last
ones and holds the others in order between them. Reading a template and
fitting a line both take time in proportion to their length, whatever is in
them: no regular expression is made from a template.

A shape must say enough to be trusted: two fixed words, or one at the start of
the line followed by punctuation (`Mood: {{ mood }}`); `{{ name }} and {{ x }}`
would hide every line of a note with "and" in it, so it gives no shape.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

Shape = tuple[str | None, ...]  # fixed words, and None where anything may stand

MAX_BRANCHES = 16  # shapes from one template line (`{% if %}`s multiply them); more: the line gives none
MAX_STATEMENTS = 64  # `{% ... %}` on one template line; more: the line gives no shape
MAX_SHAPES = 2000  # a template is a page or two; shapes past this many are not kept
_OPENER = re.compile(r"\{[{%#]")
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}
_WORD = re.compile(r"\w+")
_kept: dict[str, tuple[tuple[object, ...], tuple[Shape, ...]]] = {}  # per path: (identity, shapes), in one run


def own_template_shapes(root: Path) -> tuple[Shape, ...]:
    """The shapes of the notes' own note template (`templates/note.md.j2`); none when the notes use the shipped
    one, or theirs cannot be read (`careerkit new` says why)."""
    from careerkit.errors import CareerkitError
    from careerkit.templating import templates

    path = templates.own_path(root, "note")
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return ()
    identity = (os.path.realpath(path), st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
    kept = _kept.get(str(path))
    if kept is not None and kept[0] == identity:
        return kept[1]
    try:
        found = shapes(templates.read_own(root, path))
    except CareerkitError:
        found = ()
    _kept[str(path)] = (identity, found)
    return found


def shapes(source: str) -> tuple[Shape, ...]:
    """The shapes of the lines of a template that are worth trusting (see the module's docstring)."""
    found: dict[Shape, None] = {}  # in the template's order, each once
    for line in source.splitlines():
        for rendering in _renderings(list(_tokens(line.strip()))):
            shape = _shape(rendering)
            if _trusted(shape):
                found[shape] = None
                if len(found) == MAX_SHAPES:
                    return tuple(found)
    return tuple(found)


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
    if words == 0:
        return False
    if len(shape) == 1 or words >= 2:
        return True
    first = shape[0]
    return first is not None and not first[-1].isalnum()
