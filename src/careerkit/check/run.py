"""`careerkit check`: every problem in the notes, as a compiler would list them.

The run reads one person at a time through the cache, as every command does
(careerkit.repository.loader), and adds what careerkit.check.lint finds in each
file, an action id used twice by one person (naming both places), and only
what lies within the paths asked for. What was found in each person's files is
kept in the cache until one of them changes. Nothing here prints: the command
layer formats the sorted `Problem`s.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.check.lint import NOTHING, Lint, lint_document, lint_file
from careerkit.errors import UsageError
from careerkit.reading.action_items import duplicate_id
from careerkit.reading.settings import CONFIG_NAME, file_present
from careerkit.repository.layout import shown_name
from careerkit.repository.loader import Repository
from careerkit.values import codes
from careerkit.values.model import DocumentFiles, PersonNotes, Problem
from careerkit.values.paths import profile_rel
from careerkit.values.records import Record

if TYPE_CHECKING:
    from careerkit.cache.parallel import Inspection
    from careerkit.cache.reads import Reads


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
    return {
        "file": problem.path,
        "line": problem.line,
        "severity": problem.severity,
        "code": problem.code,
        "message": problem.message,
    }


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


def _scope(notes: Repository, paths: Sequence[Path]) -> _Scope:
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
                    rel,
                    None,
                    codes.NOT_CHECKED,
                    "not checked: careerkit reads careerkit.yaml and people/<person>/*.md",
                    "warning",
                    True,
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


class DocumentIds(Record):
    path: str
    ids: list[int]  # [id, line, id, line, ...]


class PersonCheck(Record):
    """What `check` found in one person's files, before it is narrowed to the paths asked for; the cache
    keeps it while none of their files change, so that a warm `check` parses nothing."""

    problems: list[Problem]  # the reader's and ours, merged (the folder listing's are found afresh)
    ids: list[DocumentIds]  # the action ids of each readable document, oldest document first


def run(notes: Repository, paths: Sequence[Path] = ()) -> Report:
    """Check the whole notes repository, or only the files and folders in `paths`.

    One person at a time, through the cache (careerkit.cache.reads): a person none of whose files changed
    since the last check is not read at all, and a file that did not change is not parsed again.
    """
    from careerkit.cache.parallel import Inspection
    from careerkit.cache.reads import open_reads

    scope = _scope(notes, paths)
    folders, folder_problems = notes.folders()
    if scope.everything or scope.all_people:
        people = folders
    else:
        people = sorted((scope.people | scope.file_people) & set(folders))
    reads = open_reads(notes.root)
    settings = reads.settings()
    # The settings are part of every key: no rule reads them today, and one that does must not be served stale.
    inspection = Inspection("check", repr(settings.value), Lint, lint_document)
    problems = [p for p in folder_problems if scope.covers(p.path)] + scope.ignored
    # Every file read, and every document that could not be (a folder, a broken link): counted person by person.
    counted = len({p.path for p in problems if p.path.endswith(".md")})
    config_problems, config_counted = _check_config(notes, scope, reads, inspection, settings.problems)
    people_problems, people_counted = _check_people(notes, scope, reads, inspection, people)
    reads.save()
    problems = list(dict.fromkeys(problems + config_problems + people_problems))
    problems.sort(key=lambda p: (p.path, p.line or 0, p.severity != "error", p.message))
    return Report(problems, counted + config_counted + people_counted)


def _check_config(
    notes: Repository, scope: _Scope, reads: Reads, inspection: Inspection, loaded: list[Problem]
) -> tuple[list[Problem], int]:
    """What is wrong in careerkit.yaml (as far as `scope` covers it), and how many files that is (0 or 1)."""
    config = notes.root / CONFIG_NAME
    config_lint, counted = NOTHING, 0
    if scope.covers(CONFIG_NAME) and file_present(config) and not os.path.isdir(config):
        counted = 1
        lint = partial(lint_file, notes.root, CONFIG_NAME, config, "config")
        config_lint = reads.kept(CONFIG_NAME, config, inspection, lint) or NOTHING
    surprises: set[tuple[str, int | None]] = {(CONFIG_NAME, line) for line in config_lint.surprises}
    return _merge([p for p in loaded if scope.covers(p.path)], config_lint.problems, surprises), counted


def _check_people(
    notes: Repository, scope: _Scope, reads: Reads, inspection: Inspection, people: list[str]
) -> tuple[list[Problem], int]:
    """What is wrong in these people's files (as far as `scope` covers them), and how many files that is.

    A person whose files did not change is answered from the cache; the others are read, checked and kept.
    """
    from careerkit.cache.reads import CHECKS_FILE

    problems: list[Problem] = []
    counted = 0
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
            lint = partial(lint_file, notes.root, rel, profile, "profile")
            by_path[rel] = reads.kept(rel, profile, inspection, lint) or NOTHING
        outcome = _person_check(person, found, by_path)
        reads.keep_person(CHECKS_FILE, slug, outcome, found)
        counted += _add_person(problems, notes, listing, outcome, scope)
    return problems, counted


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
    problems: list[Problem], notes: Repository, listing: DocumentFiles, outcome: PersonCheck, scope: _Scope
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
            problem = problem._replace(severity="error", check_only=True)
        kept.append(problem)
    return list(dict.fromkeys(kept))


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
                problems.append(duplicate_id(doc.path, line, ident, place))
            elif scope.covers(where):
                problems.append(duplicate_id(where, at, ident, f"{doc.path}:{line}", check_only=True))
    return problems
