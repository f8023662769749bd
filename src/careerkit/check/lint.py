"""`careerkit check`, one file at a time: what the YAML node tree of a file shows.

What the readers find (documents.py, settings.py, layout.py) is reported by
careerkit.check.run in full, including the problems only `check` reports. On
top of that, this module looks at the YAML node tree of each file (for a
document, the one the reader built its values from), to find what the loaded
data can no longer show:

- a key written twice in one mapping (PyYAML silently keeps the last);
- YAML 1.1 surprises: an unquoted `no` read as false, `12:30` read as 750
  (base 60), `0755` read as 493 (octal), a number where text is expected;
- a misspelt known key (`acitons`), as a warning with "did you mean";
- the lines of each action `id`, for the run to find one used twice;
- a merge-conflict marker, and one skill rated two ways in one document.

The node tree is walked iteratively with a set of visited nodes, so aliases
(shared nodes, even a cycle) cost nothing extra, and let go of as soon as the
file is done. A document is walked only where its values, and what the loader
noted while building them, show there may be something to find (most notes:
nothing; see `_nothing_to_walk_for`). What is found in each file is kept in the
cache (careerkit.cache.reads) until it changes. Nothing here prints.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from careerkit.errors import CareerkitError
from careerkit.reading import frontmatter as frontmatter_text
from careerkit.reading.documents import read_bytes
from careerkit.reading.settings import leaves_root
from careerkit.reading.shown import MAX_ID, as_text, key_like, value_like
from careerkit.values import codes, schema
from careerkit.values.model import Problem
from careerkit.values.records import Record
from careerkit.values.schema import CLOSED, NUMBER, TEXT

# What each known key holds (careerkit.values.schema, which the readers use too).
DOCUMENT_KEYS, PROFILE_KEYS, CONFIG_KEYS = schema.DOCUMENT, schema.PROFILE, schema.CONFIG
# A line git writes into a file it could not merge.
_CONFLICT = re.compile(r"^(?:<{7}|>{7})(?:[ \t].*)?$|^={7}[ \t]*$", re.MULTILINE)

_SHOWN = 40  # a token longer than this is cut in messages


class Lint(Record):
    """What `check` finds in one file by itself; the cache keeps it beside the file's read result."""

    problems: list[Problem]
    surprises: list[int]  # lines where a value is not what it looks like (see `_merge`)
    ids: list[int]  # the id and the line of each action of a document, in order: [id, line, id, line, ...]


NOTHING = Lint([], [], [])


def lint_document(rel: str, text: str | None, split: frontmatter_text.Split | None, kept: Any) -> Lint:
    """What we find in a document, from the text and the YAML tree the reader made of it (see Inspection)."""
    markers = _conflict_markers(rel, text)
    if split is None:
        return Lint(markers, [], []) if markers else NOTHING  # the loader has said why it was not read
    if kept is None:  # the reader did not keep it (aliases, merge keys) or the YAML does not parse
        from careerkit.reading import yamlio

        tree = yamlio.compose(split.yaml)
        if tree is None:
            return Lint(markers, [], []) if markers else NOTHING
        lint = _lint_tree(rel, tree, split.first_yaml_line, "document")
    elif _nothing_to_walk_for(kept, split.yaml):
        lint = _unwalked(rel, kept, split.first_yaml_line)
    else:
        lint = _lint_tree(rel, kept.node, split.first_yaml_line, "document")
    return lint._replace(problems=lint.problems + markers) if markers else lint


def lint_file(root: Path, rel: str, path: Path, kind: str) -> Lint | None:
    """What we find in careerkit.yaml or a profile (None when it could not be read: not kept)."""
    from careerkit.reading import yamlio

    if leaves_root(root, path):
        return NOTHING  # not read: the loader says so
    try:
        text = frontmatter_text.decode(read_bytes(path))
    except OSError:
        return None
    except CareerkitError:
        return NOTHING  # the loader has said why
    markers = _conflict_markers(rel, text)
    try:
        if kind == "config":
            yaml_text, first = text.removeprefix(frontmatter_text.BOM), 1
        else:
            split = frontmatter_text.split(text)
            yaml_text, first = split.yaml, split.first_yaml_line
    except CareerkitError:
        return Lint(markers, [], [])  # the loader has said why it was not read
    tree = yamlio.compose(yaml_text)
    lint = NOTHING if tree is None else _lint_tree(rel, tree, first, kind)
    return lint._replace(problems=lint.problems + markers)


def _lint_tree(rel: str, tree: Any, first: int, kind: str) -> Lint:
    walk = _Walk(rel, first, kind)
    walk.run(tree, {"config": CONFIG_KEYS, "profile": PROFILE_KEYS}.get(kind, DOCUMENT_KEYS))
    problems, ids = walk.problems, []
    if kind == "document":
        problems += _uneven_haves(rel, (tree, first))
        ids = _action_ids(tree, first)
    return Lint(problems, sorted({line for _, line in walk.surprises if line is not None}), ids)


def _unwalked(rel: str, kept: Any, first: int) -> Lint:
    """What `_lint_tree` finds in a document that `_nothing_to_walk_for` has passed, told from its values
    where they can tell: each key is written once, as text, so each value is the one its key's node holds."""
    value = kept.value
    if type(value) is not dict:
        return NOTHING
    dreams, actions = value.get("dreams"), value.get("actions")
    problems = _uneven_haves(rel, (kept.node, first)) if type(dreams) is list and len(dreams) > 1 else []
    ids: list[int] = []
    if type(actions) is list and actions:  # `_action_ids`, with the ids as built and only their lines from nodes
        for action, node in zip(actions, _node_of(kept.node, "actions").value, strict=True):
            ident = action.get("id") if type(action) is dict else None
            if type(ident) is int and 1 <= ident <= MAX_ID:
                ids += (ident, first + _node_of(node, "id").start_mark.line)
    return Lint(problems, [], ids) if problems or ids else NOTHING


def _node_of(mapping: Any, key: str) -> Any:
    """The value node of `key` in a mapping node known to hold it once."""
    for key_node, value_node in mapping.value:
        if key_node.value == key:
            return value_node
    raise KeyError(key)


def _action_ids(tree: Any, first: int) -> list[int]:
    from careerkit.reading.duplicates import id_lines

    # An id the reader left out as too large is no action: it cannot repeat one (nor be written out).
    return [number for ident, line in id_lines(tree, first) if ident <= MAX_ID for number in (ident, line)]


def _nothing_to_walk_for(kept: Any, yaml_text: str) -> bool:
    """Whether `_Walk` is sure to find nothing in a document's kept tree (careerkit.reading.yamlio.Kept), told
    without visiting its nodes: most notes have nothing for it to find, and the walk would cost a fifth
    of reading them. No key written twice, no number in base 60 or 8, no explicit tag (`!!int 0755`), no
    key a document does not know, no number, yes/no or date where text belongs."""
    return not (kept.repeated_keys or kept.odd_numbers or "!" in yaml_text) and _as_expected(
        kept.value, _DOCUMENT_SHAPE
    )


def _as_expected(value: Any, shape: Any) -> bool:
    """Whether the built `value` has only known keys, and only text (or nothing) where the schema says text,
    down every part of the schema (`shape`, see `_shape`). (Where a value has another shape than expected,
    the walk looks only for keys written twice and numbers in base 60 or 8, which the loader notes.)"""
    if type(value) is not dict:
        return True
    keys, texts, inner = shape
    if not value.keys() <= keys:
        return False
    for key in texts:
        item = value.get(key)
        if item is not None and type(item) is not str:
            return False
    for key, many, want in inner:
        item = value.get(key)
        for part in (item if type(item) is list else ()) if many else (item,):
            if want is None:
                if part is not None and type(part) is not str:
                    return False
            elif not _as_expected(part, want):
                return False
    return True


def _shape(mapping: dict[str, Any]) -> tuple[Any, tuple[str, ...], tuple[tuple[str, bool, Any], ...]]:
    """A schema mapping as `_as_expected` reads it: its keys, those that hold text, and those that hold a
    mapping or a list of text or mappings, as (key, whether a list, None for text or the mapping's shape)."""
    inner = []
    for key, want in mapping.items():
        many = isinstance(want, list)
        part = want[0] if many else want
        if isinstance(part, dict) or (many and part == TEXT):
            inner.append((key, many, _shape(part) if isinstance(part, dict) else None))
    return mapping.keys(), schema.keys_holding(mapping, TEXT), tuple(inner)


_DOCUMENT_SHAPE = _shape(DOCUMENT_KEYS)


class _Walk:
    """One pass over a node tree: duplicate keys, YAML 1.1 surprises, misspelt keys."""

    def __init__(self, rel: str, first: int, kind: str):
        import yaml

        from careerkit.reading.yamlio import OCTAL, SEXAGESIMAL

        self.yaml, self.sexagesimal, self.octal = yaml, SEXAGESIMAL, OCTAL
        self.rel, self.first, self.kind = rel, first, kind
        self.problems: list[Problem] = []
        self.surprises: set[tuple[str, int | None]] = set()  # where a value is not what it looks like

    def add(self, node: Any, code: str, message: str, severity: str = "error", surprise: bool = False) -> None:
        line = self.first + node.start_mark.line
        self.problems.append(Problem(self.rel, line, code, message, severity, True))
        if surprise:
            self.surprises.add((self.rel, line))

    def run(self, root: Any, schema: Any) -> list[Problem]:
        yaml = self.yaml
        seen: set[int] = set()
        stack: list[tuple[Any, Any]] = [(root, schema)]
        while stack:
            node, expected = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, yaml.MappingNode):
                stack += self.mapping(node, expected if isinstance(expected, dict) else None)
            elif isinstance(node, yaml.SequenceNode):
                item = expected[0] if isinstance(expected, list) else None
                stack += [(child, item) for child in node.value]
            elif isinstance(node, yaml.ScalarNode):
                self.scalar(node, expected)
        return self.problems

    def mapping(self, node: Any, expected: dict[str, Any] | None) -> list[tuple[Any, Any]]:
        yaml = self.yaml
        first_line: dict[tuple[str, str], int] = {}
        children: list[tuple[Any, Any]] = []
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if name is None:
                children.append((key_node, None))  # a list or mapping as a key: look inside, nothing more
            else:
                ident = (key_node.tag, name)
                if ident in first_line:
                    shown = f" `{name}`" if expected is not None and name in expected else ""
                    self.add(
                        key_node,
                        codes.DUPLICATE_KEY,
                        f"duplicate key{shown} (first on line {first_line[ident]}): YAML keeps only the last one",
                    )
                else:
                    first_line[ident] = self.first + key_node.start_mark.line
                if expected is not None and name not in expected and self.kind != "config":
                    self.unknown_key(key_node, name, expected)
            child = expected.get(name) if expected is not None and isinstance(name, str) else None
            children.append((value_node, child))
        return children

    def unknown_key(self, node: Any, name: str, expected: dict[str, Any]) -> None:
        """A warning for a key careerkit does not read: always inside an action, dream or skill (whose
        keys are all careerkit's), elsewhere only when it looks like a misspelt one."""
        closed = CLOSED.get(id(expected))
        close = get_close_matches(name, list(expected), n=1, cutoff=0.6 if closed else 0.8)
        # Named only when it looks like a key: a sentence written as a key is private words, never repeated.
        unknown = f"unknown key `{name}`" if key_like(name) else "an unknown key"
        if close:
            self.add(node, codes.UNKNOWN_KEY, f"{unknown} (did you mean `{close[0]}`?); it is ignored", "warning")
        elif closed:
            self.add(
                node,
                codes.UNKNOWN_KEY,
                f"{unknown} in {closed}; it is ignored (careerkit reads {', '.join(expected)})",
                "warning",
            )

    def scalar(self, node: Any, expected: Any) -> None:
        if node.style:  # None (pure-Python loader) or "" (LibYAML) for a plain scalar
            return  # quoted or a block scalar: text, as written
        kind = node.tag.rsplit(":", 1)[-1]
        token = node.value
        shown = token if len(token) <= _SHOWN else token[: _SHOWN - 1] + "…"
        if not self.odd_number(node, kind, shown, expected) and expected == TEXT:
            self.not_text(node, kind, shown)

    def odd_number(self, node: Any, kind: str, shown: str, expected: Any) -> bool:
        """Report a number YAML 1.1 reads in base 60 (`12:30`) or 8 (`0755`); whether it is one."""
        token = node.value
        severity = "error" if expected is not None else "warning"
        if kind in ("int", "float") and self.sexagesimal.match(token):
            value = _construct(node, kind)
            message = (
                f"`{shown}` was read as the number {value} (YAML 1.1 reads digits with colons as base "
                f"60); write '{shown}' in quotes"
            )
            self.add(node, codes.YAML_BASE_60, message, severity, True)
            return True
        if kind == "int" and self.octal.match(token):
            value = as_text(_construct(node, kind))
            fix = f"write {token.lstrip('+-0_') or '0'}" if expected == NUMBER else f"write '{shown}' in quotes"
            message = f"`{shown}` was read as the octal number {value} (YAML 1.1 reads a leading 0 as octal); {fix}"
            self.add(node, codes.YAML_OCTAL, message, severity, True)
            return True
        return False

    def not_text(self, node: Any, kind: str, shown: str) -> None:
        """Report a plain value YAML reads as something else where text belongs (`no`, `3.10`, a date)."""
        quote = f"write '{shown}' in quotes"
        if kind == "bool":
            value = str(_construct(node, kind)).lower()
            message = (
                f"`{shown}` was read as {value}, not text (YAML 1.1 reads unquoted yes, no, on and off "
                f"as true or false); {quote}"
            )
            self.add(node, codes.YAML_BOOLEAN, message, surprise=True)
        elif kind in ("int", "float"):
            value = as_text(_construct(node, kind))
            if value != node.value:
                self.add(node, codes.YAML_NUMBER, f"`{shown}` was read as the number {value}; {quote}", surprise=True)
            else:
                message = f"`{shown}` was read as a number, not text; {quote}"
                self.add(node, codes.YAML_NUMBER, message, "warning", surprise=True)
        elif kind == "timestamp":
            self.add(
                node, codes.YAML_DATE, f"`{shown}` was read as a date, not text; {quote}", "warning", surprise=True
            )


def _construct(node: Any, kind: str) -> Any:
    """The value PyYAML makes of a plain scalar resolved as `kind` (int, float or bool)."""
    import yaml

    constructor = yaml.constructor.SafeConstructor()
    try:
        return getattr(constructor, f"construct_yaml_{kind}")(node)
    except Exception:
        return "something else"


# -- what only the whole file shows ----------------------------------------------------------


def _conflict_markers(rel: str, text: str | None) -> list[Problem]:
    """An error at the first line git left from a merge it could not finish (none in a file not read)."""
    if text is None:
        return []  # the loader has said why
    if not (
        ("<" in text and "<<<<<<<" in text)
        or ("=" in text and "=======" in text)
        or (">" in text and ">>>>>>>" in text)
    ):
        return []  # what the expression below needs, found far more quickly (one character first) in most files
    found = _CONFLICT.search(text)
    if found is None:
        return []
    line = text.count("\n", 0, found.start()) + 1
    return [
        Problem(
            rel,
            line,
            codes.MERGE_CONFLICT,
            "merge-conflict marker: this file holds both sides of a merge; keep the right "
            "lines and delete the <<<<<<<, ======= and >>>>>>> lines",
            "error",
            True,
        )
    ]


def _uneven_haves(rel: str, found: tuple[Any, int] | None) -> list[Problem]:
    """A warning where one skill is rated with a different `have` in two dreams of one document: where the
    person stands today does not depend on the dream."""
    import yaml

    if found is None:
        return []
    root, first = found
    problems: list[Problem] = []
    dreams = _items(_value(root, "dreams"))
    if len(dreams) < 2:
        return problems  # (the usual case)
    seen: dict[str, tuple[str, int, int]] = {}  # skill -> (have, line, dream number)
    for number, dream in enumerate(dreams, 1):
        for skill in _items(_value(dream, "skills")):
            name, have = _value(skill, "skill"), _value(skill, "have")
            if not isinstance(name, yaml.ScalarNode) or not isinstance(have, yaml.ScalarNode):
                continue
            key = " ".join(name.value.split()).casefold()
            line = first + have.start_mark.line
            if key not in seen:
                seen[key] = (have.value, line, number)
            elif seen[key][0] != have.value and seen[key][2] != number:
                was, at, dream_number = seen[key]
                ratings = (
                    f"rated `have: {have.value}` here but `have: {was}`"
                    if value_like(have.value) and value_like(was)
                    else "rated with another `have` here than"  # words, not a rating: not repeated
                )
                problems.append(
                    Problem(
                        rel,
                        line,
                        codes.UNEVEN_HAVE,
                        f"this skill is {ratings} in dream {dream_number} (line {at}); where they stand today is "
                        "the same whatever the dream",
                        "warning",
                        True,
                    )
                )
    return problems


def _value(node: Any, key: str) -> Any:
    """The value node of `key` in a mapping node (the last, as YAML keeps it), or None."""
    from careerkit.reading.yamlio import last_pair

    pair = last_pair(node, key)
    return pair[1] if pair is not None else None


def _items(node: Any) -> list[Any]:
    import yaml

    return list(node.value) if isinstance(node, yaml.SequenceNode) else []
