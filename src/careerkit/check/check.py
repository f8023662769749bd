"""`careerkit check`: every problem in the notes, as a compiler would list them.

What the readers find (documents.py, settings.py, notes.py) is reported here
in full, including the problems only `check` reports. On top of that this
module looks at the YAML node tree of each file (for a document, the one the
reader built its values from), to find what the loaded data can no longer show:

- a key written twice in one mapping (PyYAML silently keeps the last);
- YAML 1.1 surprises: an unquoted `no` read as false, `12:30` read as 750
  (base 60), `0755` read as 493 (octal), a number where text is expected;
- a misspelt known key (`acitons`), as a warning with "did you mean";
- an action `id` used twice by one person, naming both places.

The node tree is walked iteratively with a set of visited nodes, so aliases
(shared nodes, even a cycle) cost nothing extra, and let go of as soon as the
file is done. A document is walked only where its values, and what the loader
noted while building them, show there may be something to find (most notes:
nothing; see `_nothing_to_walk_for`). What is found in each file, and in each person's files, is kept
in the cache (careerkit.cache) until one of them changes. Nothing here prints:
the command layer formats the sorted `Problem`s.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import partial
from pathlib import Path
from typing import Any

from careerkit.errors import CareerkitError, UsageError
from careerkit.reading import frontmatter as frontmatter_text
from careerkit.reading.documents import MAX_ID, UNIQUE_IDS, as_text, read_bytes
from careerkit.reading.settings import CONFIG_NAME, file_present, leaves_root
from careerkit.repository.layout import shown_name
from careerkit.repository.loader import Notes
from careerkit.values import schema
from careerkit.values.model import DocumentFiles, PersonNotes, Problem
from careerkit.values.paths import profile_rel
from careerkit.values.records import Record
from careerkit.values.schema import CLOSED, NUMBER, TEXT

# What each known key holds (careerkit.schema, which the readers use too).
DOCUMENT_KEYS, PROFILE_KEYS, CONFIG_KEYS = schema.DOCUMENT, schema.PROFILE, schema.CONFIG
# A line git writes into a file it could not merge.
_CONFLICT = re.compile(r"^(?:<{7}|>{7})(?:[ \t].*)?$|^={7}[ \t]*$", re.MULTILINE)

_SHOWN = 40  # a token longer than this is cut in messages


@dataclass
class Report:
    """What `check` found, sorted by file and line, and how many files it read."""

    problems: list[Problem]
    files: int

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity != "error")

    def summary(self) -> str:
        """One line: `2 errors, 1 warning in 14 files`, or `no problems in 14 files`."""
        files = _count(self.files, "file")
        if not self.problems:
            return f"no problems in {files}"
        return f"{_count(self.errors, 'error')}, {_count(self.warnings, 'warning')} in {files}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def line_text(problem: Problem) -> str:
    """`path:line: severity: message`, like a compiler (no `:line` when there is none)."""
    where = problem.path if problem.line is None else f"{problem.path}:{problem.line}"
    return f"{where}: {problem.severity}: {problem.message}"


def to_json(problem: Problem) -> dict[str, Any]:
    return {"file": problem.path, "line": problem.line, "severity": problem.severity, "message": problem.message}


# -- what to check -----------------------------------------------------------------


@dataclass
class _Scope:
    everything: bool = False
    config: bool = False
    all_people: bool = False
    people: set[str] = field(default_factory=set)  # whole person folders
    files: set[str] = field(default_factory=set)  # single files (relative paths)
    file_people: set[str] = field(default_factory=set)  # the people those files belong to
    ignored: list[Problem] = field(default_factory=list)

    def covers(self, rel: str) -> bool:
        if self.everything:
            return True
        if rel == CONFIG_NAME:
            return self.config
        parts = rel.split("/")
        if parts[0] != "people":
            return False
        if len(parts) == 1 or self.all_people:
            return self.all_people
        if parts[1] in self.people:
            return True
        return rel in self.files or (len(parts) == 2 and parts[1] in self.file_people)


def _scope(notes: Notes, paths: Sequence[Path]) -> _Scope:
    if not paths:
        return _Scope(everything=True)
    scope = _Scope()
    root = notes.root.resolve()
    for given in paths:
        rel = _relative(root, Path(given))
        parts = rel.split("/") if rel else []
        if any(part.startswith(".") for part in parts):
            continue  # ignored everywhere, like .git/ and .careerkit/
        full = root.joinpath(*parts)
        if not parts:
            scope.everything = True
        elif parts == [CONFIG_NAME]:
            scope.config = True
        elif parts == ["people"]:
            scope.all_people = True
        elif parts[0] == "people" and len(parts) == 2 and os.path.isdir(full):
            scope.people.add(parts[1])
        elif parts[0] == "people" and len(parts) == 3 and parts[2].endswith(".md"):
            scope.files.add(rel)
            scope.file_people.add(parts[1])
        else:
            scope.ignored.append(
                Problem(
                    rel, None, "not checked: careerkit reads careerkit.yaml and people/<person>/*.md", "warning", True
                )
            )
    return scope


def _relative(root: Path, given: Path) -> str:
    """`given` (from the command line) relative to the root, with `/`; a usage error when it is not inside."""
    candidates = [Path(os.path.abspath(given))]
    if not given.is_absolute():
        candidates.append(Path(os.path.abspath(root / given)))  # a path written from the notes root
    for candidate in candidates:
        if not os.path.lexists(candidate):
            continue
        # Resolve the folder it is in, not the file itself: a link is checked as the link it is.
        place = Path(os.path.realpath(candidate.parent)) / candidate.name
        try:
            rel = place.relative_to(root).as_posix()
        except ValueError:
            raise UsageError(f"{given}: not inside the notes repository at {root}") from None
        return "" if rel == "." else shown_name(rel)  # a name that is not UTF-8, as the problems show it
    raise UsageError(f"{given}: no such file or folder")


# -- the check -----------------------------------------------------------------------


class Lint(Record):
    """What `check` finds in one file by itself; the cache keeps it beside the file's read result."""

    problems: list[Problem]
    surprises: list[int]  # lines where a value is not what it looks like (see `_merge`)
    ids: list[int]  # the id and the line of each action of a document, in order: [id, line, id, line, ...]


class DocumentIds(Record):
    path: str
    ids: list[int]  # [id, line, id, line, ...]


class PersonCheck(Record):
    """What `check` found in one person's files, before it is narrowed to the paths asked for; the cache
    keeps it while none of their files change, so that a warm `check` parses nothing."""

    problems: list[Problem]  # the reader's and ours, merged (the folder listing's are found afresh)
    ids: list[DocumentIds]  # the action ids of each readable document, oldest document first


NOTHING = Lint([], [], [])


def run(notes: Notes, paths: Sequence[Path] = ()) -> Report:
    """Check the whole notes repository, or only the files and folders in `paths`.

    One person at a time, through the cache (careerkit.cache): a person none of whose files changed
    since the last check is not read at all, and a file that did not change is not parsed again.
    """
    from careerkit.cache.parallel import Inspection
    from careerkit.cache.reads import CHECKS_FILE, open_reads

    scope = _scope(notes, paths)
    folders, folder_problems = notes.folders()
    if scope.everything or scope.all_people:
        people = folders
    else:
        people = sorted((scope.people | scope.file_people) & set(folders))
    reads = open_reads(notes.root)
    settings = reads.settings()
    # The settings are part of every key: no rule reads them today, and one that does must not be served stale.
    inspection = Inspection("check", repr(settings.value), Lint, _lint_document)
    problems = [p for p in folder_problems if scope.covers(p.path)] + scope.ignored
    # Every file read, and every document that could not be (a folder, a broken link): counted person by person.
    counted = len({p.path for p in problems if p.path.endswith(".md")})

    config = notes.root / CONFIG_NAME
    config_lint = NOTHING
    if scope.covers(CONFIG_NAME) and file_present(config) and not os.path.isdir(config):
        counted += 1
        config_lint = (
            reads.kept(CONFIG_NAME, config, inspection, partial(_lint_file, notes.root, CONFIG_NAME, config, "config"))
            or NOTHING
        )
    loaded = [p for p in settings.problems if scope.covers(p.path)]
    surprises: set[tuple[str, int | None]] = {(CONFIG_NAME, line) for line in config_lint.surprises}
    problems += _merge(loaded, config_lint.problems, surprises)

    listings: dict[str, DocumentFiles] = {}
    pending: list[tuple[str, list[Path]]] = []
    for slug in people:
        listing = listings[slug] = notes.document_files(slug)
        known = reads.person(CHECKS_FILE, slug, listing, PersonCheck, inspection.context)
        if known is not None:
            counted += _add_person(problems, notes, listings.pop(slug), known, scope)
        else:
            pending.append((slug, listing.paths))
    for slug, person, found, lints in notes.read_people(reads, pending, inspection):
        listing = listings.pop(slug)
        by_path = {f"people/{slug}/{name}": lint for name, lint in zip(listing.names, lints, strict=True)}
        rel = profile_rel(slug)
        profile = notes.root / rel
        if file_present(profile) and not os.path.isdir(profile):
            by_path[rel] = (
                reads.kept(rel, profile, inspection, partial(_lint_file, notes.root, rel, profile, "profile"))
                or NOTHING
            )
        outcome = _person_check(person, found, by_path)
        reads.keep_person(CHECKS_FILE, slug, outcome, found)
        counted += _add_person(problems, notes, listing, outcome, scope)
    reads.save()
    problems = list(dict.fromkeys(problems))
    problems.sort(key=lambda p: (p.path, p.line or 0, p.severity != "error", p.message))
    return Report(problems, counted)


def _person_check(person: PersonNotes, loaded: list[Problem], lints: dict[str, Lint]) -> PersonCheck:
    found = [problem for lint in lints.values() for problem in lint.problems]
    surprises: set[tuple[str, int | None]] = {(rel, line) for rel, lint in lints.items() for line in lint.surprises}
    ids = [
        DocumentIds(doc.path, lints[doc.path].ids)
        for doc in person.documents
        if doc.path in lints and lints[doc.path].ids
    ]
    return PersonCheck(_merge(loaded, found, surprises), ids)


def _add_person(
    problems: list[Problem], notes: Notes, listing: DocumentFiles, outcome: PersonCheck, scope: _Scope
) -> int:
    """Add what was found in a person's files (as far as `scope` covers them); how many files that is."""
    found = [p for p in [*listing.problems, *outcome.problems] if scope.covers(p.path)]
    found += _duplicate_ids(outcome.ids, scope)
    problems += found
    folder = notes.rel(listing.folder)
    files = {f"{folder}/{name}" for name in listing.names if scope.covers(f"{folder}/{name}")}
    profile = profile_rel(listing.folder.name)
    if scope.covers(profile) and file_present(notes.root / profile) and not os.path.isdir(notes.root / profile):
        files.add(profile)
    return len(files | {p.path for p in found if p.path.endswith(".md")})


def _merge(loaded: list[Problem], found: list[Problem], surprises: set[tuple[str, int | None]]) -> list[Problem]:
    """The loader's problems and ours. Where we explain a YAML surprise, our message replaces the
    loader's check-only complaint about the same value (its errors that leave data out stay)."""
    kept = []
    upgraded: set[tuple[str, int | None]] = set()
    for problem in loaded:
        if (problem.path, problem.line) in surprises and problem.check_only:
            if problem.severity == "error":
                upgraded.add((problem.path, problem.line))
            continue
        kept.append(problem)
    for problem in found:
        if (problem.path, problem.line) in upgraded and problem.severity != "error":
            problem = Problem(problem.path, problem.line, problem.message, "error", True)
        kept.append(problem)
    return list(dict.fromkeys(kept))


def _lint_document(rel: str, text: str | None, split: frontmatter_text.Split | None, kept: Any) -> Lint:
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


def _lint_file(root: Path, rel: str, path: Path, kind: str) -> Lint | None:
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
    """Whether `_Walk` is sure to find nothing in a document's kept tree (careerkit.yamlio.Kept), told
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

    def add(self, node: Any, message: str, severity: str = "error", surprise: bool = False) -> None:
        line = self.first + node.start_mark.line
        self.problems.append(Problem(self.rel, line, message, severity, True))
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
        shown = name if len(name) <= _SHOWN else name[: _SHOWN - 1] + "…"
        if close:
            self.add(node, f"unknown key `{shown}` (did you mean `{close[0]}`?); it is ignored", "warning")
        elif closed:
            self.add(
                node,
                f"unknown key `{shown}` in {closed}; it is ignored (careerkit reads {', '.join(expected)})",
                "warning",
            )

    def scalar(self, node: Any, expected: Any) -> None:
        if node.style:  # None (pure-Python loader) or "" (LibYAML) for a plain scalar
            return  # quoted or a block scalar: text, as written
        kind = node.tag.rsplit(":", 1)[-1]
        token = node.value
        shown = token if len(token) <= _SHOWN else token[: _SHOWN - 1] + "…"
        known = expected is not None
        if kind in ("int", "float") and self.sexagesimal.match(token):
            value = _construct(node, kind)
            self.add(
                node,
                f"`{shown}` was read as the number {value} (YAML 1.1 reads digits with colons as base "
                f"60); write '{shown}' in quotes",
                "error" if known else "warning",
                True,
            )
        elif kind == "int" and self.octal.match(token):
            value = as_text(_construct(node, kind))
            fix = f"write {token.lstrip('+-0_') or '0'}" if expected == NUMBER else f"write '{shown}' in quotes"
            self.add(
                node,
                f"`{shown}` was read as the octal number {value} (YAML 1.1 reads a leading 0 as octal); {fix}",
                "error" if known else "warning",
                True,
            )
        elif expected == TEXT and kind == "bool":
            value = str(_construct(node, kind)).lower()
            self.add(
                node,
                f"`{shown}` was read as {value}, not text (YAML 1.1 reads unquoted yes, no, on and off "
                f"as true or false); write '{shown}' in quotes",
                surprise=True,
            )
        elif expected == TEXT and kind in ("int", "float"):
            value = as_text(_construct(node, kind))
            if value != token:
                self.add(node, f"`{shown}` was read as the number {value}; write '{shown}' in quotes", surprise=True)
            else:
                self.add(
                    node,
                    f"`{shown}` was read as a number, not text; write '{shown}' in quotes",
                    "warning",
                    surprise=True,
                )
        elif expected == TEXT and kind == "timestamp":
            self.add(
                node, f"`{shown}` was read as a date, not text; write '{shown}' in quotes", "warning", surprise=True
            )


def _construct(node: Any, kind: str) -> Any:
    """The value PyYAML makes of a plain scalar resolved as `kind` (int, float or bool)."""
    import yaml

    constructor = yaml.constructor.SafeConstructor()
    try:
        return getattr(constructor, f"construct_yaml_{kind}")(node)
    except Exception:
        return "something else"


# -- ids ---------------------------------------------------------------------------------


def _duplicate_ids(documents: list[DocumentIds], scope: _Scope) -> list[Problem]:
    """An error for each action id a person uses again (in the same or a later document)."""
    problems: list[Problem] = []
    first_use: dict[int, tuple[str, int]] = {}
    for doc in documents:  # oldest first
        for ident, line in zip(doc.ids[::2], doc.ids[1::2], strict=True):
            if ident not in first_use:
                first_use[ident] = (doc.path, line)
                continue
            where, at = first_use[ident]
            if scope.covers(doc.path):
                place = f"line {at}" if where == doc.path else f"{where}:{at}"
                # the same problem as the loader's, which every command reports
                problems.append(
                    Problem(doc.path, line, f"duplicate action id {ident}: also used at {place}; {UNIQUE_IDS}")
                )
            elif scope.covers(where):
                problems.append(
                    Problem(
                        where,
                        at,
                        f"duplicate action id {ident}: also used at {doc.path}:{line}; {UNIQUE_IDS}",
                        "error",
                        True,
                    )
                )
    return problems


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
                problems.append(
                    Problem(
                        rel,
                        line,
                        f"this skill is rated `have: {have.value}` here but `have: {was}` "
                        f"in dream {dream_number} (line {at}); where they stand today is "
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
