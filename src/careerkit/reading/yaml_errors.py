"""What a YAML parser's error means for a person fixing a note: careerkit's words, and the line to fix.

Loaded only when some YAML does not parse (careerkit.reading.yamlio.load).
"""

from __future__ import annotations

import yaml

_UNCLOSED = (
    "while parsing a flow",
    "while scanning a quoted",
    "while scanning a double-quoted",
    "while scanning a single-quoted",
)


def error_line(error: yaml.YAMLError, first_line: int, text: str) -> int:
    """The file's line to fix: where the parser stopped, unless what broke is a `[`, `{` or
    quote left open (or the parser ran off the end): then the line where that opens."""
    problem = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None)
    unclosed = str(getattr(error, "context", "")).startswith(_UNCLOSED)
    mark = problem
    if context is not None and (problem is None or unclosed or problem.index >= len(text.rstrip())):
        mark = context
    return first_line + int(mark.line) if mark is not None else first_line


# What the parser's complaint means for a person fixing a note, in careerkit's words: PyYAML's pure-Python
# parser and LibYAML word the same mistake differently, and their words change between releases. Each
# row: the words to find in the parser's (context, problem), and what careerkit says instead ({depth}: the
# deepest nesting careerkit reads).
_TAB = "a tab where YAML needs spaces; indent with spaces only"
_REASONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("tab",), _TAB),
    (("nesting depth",), "lists or mappings nested more than {depth} levels deep; not read"),
    (
        ("mapping values are not allowed",),
        "a colon followed by a space inside a value; put the whole value in quotes (title: 'Read: a book'), "
        "or give the line above its missing colon",
    ),
    (("flow sequence",), "a list in [ ] is not closed with ], or its items are not separated by commas"),
    (("flow mapping",), "a mapping in { } is not closed with }, or its pairs are not separated by commas"),
    (
        ("escape character",),
        "an unknown backslash escape inside double quotes; write \\\\ for a backslash, or use single quotes",
    ),
    (("quoted scalar", "end of stream"), "a quote that is opened here is never closed; add the closing quote"),
    (("quoted scalar",), "a quoted value that is not closed properly; check its quotes"),
    (("undefined alias",), "an alias (*name) with no anchor (&name) before it; quote a value that starts with *"),
    (("duplicate anchor",), "the same anchor (&name) is given twice; rename one"),
    (("anchor",), "an & must be followed by a name; quote a value that starts with &"),
    (("alias",), "a * must be followed by a name; quote a value that starts with *"),
    (
        ("could not determine a constructor",),
        "a YAML tag that careerkit does not read (such as !!python/...); remove the tag",
    ),
    (("explicit tag",), "a value with an explicit tag (such as !!int) is not valid for that tag"),
    (
        ("simple key",),
        "a line that is neither `key: value` nor a list item; add its colon, or indent it under the key it belongs to",
    ),
    (
        ("block mapping",),
        "this line does not line up with the keys around it (or text follows a closing "
        "quote or bracket); check its indentation and quotes",
    ),
    (("block sequence",), "this list item does not line up with the items around it; check its indentation"),
    (
        ("cannot start any token",),
        "a value that cannot start with this character (such as @, ` or %); put the value in quotes",
    ),
    (("directive",), "a line that starts with % is not allowed here; put the value in quotes"),
    (("another document",), "a second YAML document starts here; remove this --- line"),
)
_NOT_YAML = "this is not valid YAML; check the indentation, quotes and brackets on this line"


def reason(error: yaml.YAMLError, text: str, max_depth: int) -> str:
    """What went wrong, in careerkit's own words (never the parser's, which may quote the text)."""
    if isinstance(error, yaml.reader.ReaderError):
        return "a control character that YAML cannot read; remove it"
    words = f"{getattr(error, 'context', '') or ''} {getattr(error, 'problem', '') or ''}"
    mark = getattr(error, "problem_mark", None)
    if "cannot start any token" in words and mark is not None and "\t" in _line(text, mark.line):
        return _TAB  # LibYAML does not say which character it stopped at: the line does
    for needles, said in _REASONS:
        if all(needle in words for needle in needles):
            return said.replace("{depth}", str(max_depth))
    return _NOT_YAML


def _line(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""
