"""The notes repository: its root, its people and their documents.

Nothing here writes the notes; everything that reads them goes through `load`,
which keeps what it read in `.careerkit/` (careerkit.cache).
"""

# Records, with their annotations as real types: see the docstring of careerkit.documents.

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit import slugs
from careerkit.documents import STAGES, Action, Document, Problem
from careerkit.errors import CareerkitError, UsageError
from careerkit.records import Record
from careerkit.settings import CONFIG_NAME, STALE_GRACE_DAYS, Profile, Settings, load_profile

if TYPE_CHECKING:
    from careerkit.cache import Inspection, Reads

ROOT_ENV = "CAREERKIT_ROOT"
PROFILE = "profile.md"


def find_root(option: str | None, cwd: Path | None = None) -> Path:
    """`--root`, else CAREERKIT_ROOT, else the nearest folder upward with careerkit.yaml, else cwd."""
    return locate_root(option, cwd)[0]


def locate_root(option: str | None, cwd: Path | None = None) -> tuple[Path, bool]:
    """The root as `find_root` finds it, and whether it was chosen (given, or found by its careerkit.yaml)
    rather than taken as the current folder for want of any."""
    given = option or os.environ.get(ROOT_ENV)
    if given:
        root = Path(given).expanduser()
        if not root.is_dir():
            source = "--root" if option else ROOT_ENV
            raise UsageError(f"{source}: {given} is not a folder")
        return root.resolve(), True
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder, True
    return here, False


NOT_A_SLUG = "folder name is not a valid person slug"
NOT_A_REPOSITORY = (f"no notes repository here (no {CONFIG_NAME} in this folder or above): "
                    "run `careerkit init` or pass `--root`")


def writable_root(option: str | None, cwd: Path | None = None) -> Path:
    """The root for a command that writes notes; a usage error outside any notes repository, so that
    `people/` is never made in whatever folder one happens to stand in."""
    root, chosen = locate_root(option, cwd)
    if not chosen:
        raise UsageError(NOT_A_REPOSITORY)
    return root


def utf8_name(name: str) -> bool:
    """False for a file name that is not valid UTF-8 (Python keeps its bytes as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_name(name: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 as `\\xNN`."""
    if utf8_name(name):
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _link_problem(path: Path, root: Path) -> str | None:
    """Why the link at `path` is not followed, or None when its target is a file inside `root`."""
    from careerkit.fsutil import resolves_inside

    try:
        path.resolve(strict=True)
    except FileNotFoundError:
        return "broken link (its target does not exist); not read"
    except (OSError, RuntimeError):
        return "link that cannot be followed (a loop?); not read"
    return None if resolves_inside(path, root) else "link to outside the notes root; not read"


class DocumentFiles(Record):
    """The documents in a person's folder (file names, sorted), and what could not be used there."""

    folder: Path
    names: list[str]
    problems: list[Problem]

    @property
    def paths(self) -> list[Path]:
        return [self.folder / name for name in self.names]


class PersonNotes(Record):
    """Everything read about one person: documents oldest first, and one copy of each action.

    Where an action id repeats, the copy in the newest document is the one that
    counts (`current_actions`, by id). Build it with `PersonNotes.read`.
    """

    slug: str
    profile: Profile
    documents: list[Document]
    current_actions: list[Action]

    @classmethod
    def read(cls, slug: str, profile: Profile | None = None, documents: list[Document] | None = None) -> "PersonNotes":
        """The person from their profile and documents (none yet, when not given)."""
        documents = sorted(documents or [], key=lambda doc: doc.order_key)
        by_id: dict[int, Action] = {}
        for doc in documents:
            for action in doc.actions:
                by_id[action.id] = action
        return cls(slug, profile or Profile(), documents, [by_id[key] for key in sorted(by_id)])

    def condensed(self) -> "PersonNotes":
        """Only what the findings and `status` read: the same answers from far less data.

        The newest document of each stage and the oldest document (without
        their actions), the open actions, and for each owner the action they
        closed last (its date is the last time something moved; who counts as
        the manager is a setting, so every owner keeps theirs). `due` and
        `status` keep this in the cache, so that a warm run does not rebuild
        every document; a test holds it to giving the same findings and status
        as the whole person.
        """
        kept_docs = {doc.path: doc for stage in STAGES if (doc := self.newest(stage)) is not None}
        if self.documents:
            kept_docs.setdefault(self.documents[0].path, self.documents[0])
        newest = sorted(kept_docs.values(), key=lambda doc: doc.order_key)
        kept = [action for action in self.current_actions if action.is_open]
        last_closed: dict[str, Action] = {}
        for action in self.current_actions:
            day = action.closed_on
            best = last_closed.get(action.owner)
            if day is not None and (best is None or day >= (best.closed_on or day)):
                last_closed[action.owner] = action
        kept += last_closed.values()
        kept.sort(key=lambda action: action.id)
        return PersonNotes(self.slug, self.profile, [doc._replace(actions=[]) for doc in newest], kept)

    @property
    def name(self) -> str:
        return self.profile.name or self.slug

    def newest(self, *stages: str) -> Document | None:
        """The newest document of these stages (of any stage when none are named)."""
        for doc in reversed(self.documents):
            if not stages or doc.stage in stages:
                return doc
        return None

    def has(self, stage: str) -> bool:
        return any(doc.stage == stage for doc in self.documents)

    def actions(self) -> list[Action]:
        """Every action by id; where an id repeats, the copy in the newest document."""
        return self.current_actions

    def open_actions(self) -> list[Action]:
        return [action for action in self.current_actions if action.is_open]


class Team(Record):
    root: Path
    settings: Settings
    people: list[PersonNotes]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        """The problems every command reports (unreadable files, actions left out)."""
        return [p for p in self.problems if not p.check_only]

    def checkin_every_days(self, person: PersonNotes) -> int:
        return person.profile.checkin_every_days or self.settings.checkin_every_days

    def stale_after_days(self, person: PersonNotes) -> int:
        """`stale_after_days` when careerkit.yaml sets it, else the person's cadence and a week more."""
        return self.settings.stale_after_days or self.checkin_every_days(person) + STALE_GRACE_DAYS

    def is_promise(self, action: Action) -> bool:
        """True for the manager's own promise: an action whose owner is the `manager` setting."""
        return action.owner == self.settings.manager


class Notes:
    """A notes repository on disk."""

    def __init__(self, root: Path):
        self.root = root
        self.people_dir = root / "people"

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def is_inside(self, path: Path) -> bool:
        from careerkit.fsutil import resolves_inside

        return resolves_inside(path, self.root)

    def person_dir(self, slug: str) -> Path:
        """The folder careerkit writes `slug`'s documents into (it may not exist yet).

        Only a real folder directly inside a real `people/` folder: a link there
        (`people/x -> ..`, `-> ../.git/hooks`, or to another person's folder) is
        refused, so that no write can land anywhere but `people/<person>/`.
        """
        if not slugs.is_slug(slug):
            raise UsageError(f"{slug!r} is not a valid person slug")
        folder = self.people_dir / slug
        for place in (self.people_dir, folder):
            if place.is_symlink():
                raise CareerkitError("is a link; careerkit writes only into real folders (make it a folder, "
                                     "or move the notes into one); nothing written", path=self.rel(place))
        if not self.is_inside(folder):
            raise CareerkitError("folder points outside the notes root; refusing to use it", path=self.rel(folder))
        return folder

    def locked(self, slug: str) -> AbstractContextManager[None]:
        """Hold `slug`'s lock (careerkit.locks) for a change to their documents; refuses a linked folder."""
        from careerkit.locks import person_lock

        self.person_dir(slug)
        return person_lock(self.root, slug)

    def folders(self) -> tuple[list[str], list[Problem]]:
        """The person slugs with a folder, and problems with folders that are skipped."""
        found: list[str] = []
        problems: list[Problem] = []
        if self.people_dir.is_symlink() and not self.is_inside(self.people_dir):
            return [], [Problem("people", None, "folder is a link to outside the notes root; skipped")]
        try:
            entries = sorted(os.scandir(self.people_dir), key=lambda entry: entry.name)
        except FileNotFoundError:
            return [], []
        except OSError as error:
            return [], [Problem("people", None, f"cannot read folder: {(error.strerror or 'error').lower()}")]
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"people/{shown_name(entry.name)}"
            try:
                is_dir = entry.is_dir()
            except OSError:  # a link to itself (`people/x -> x`): say so, and read everyone else
                problems.append(Problem(rel, None, "link that cannot be followed (a loop?); skipped"))
                continue
            if not is_dir:
                continue
            if not slugs.is_slug(entry.name):
                suggestion = slugs.slugify(entry.name)
                rename = f"rename it to {suggestion}" if suggestion else "use lowercase letters, digits and -"
                message = f"{NOT_A_SLUG} ({rename}); this person is not read"
                problems.append(Problem(rel, None, message))
            elif entry.is_symlink() and not self.is_inside(Path(entry.path)):
                problems.append(Problem(rel, None, "folder is a link to outside the notes root; skipped"))
            else:
                found.append(entry.name)
        return found, problems

    def document_files(self, slug: str) -> DocumentFiles:
        """The person's documents: every `*.md` in their folder but the profile and names starting with `.`."""
        folder = self.people_dir / slug
        files = DocumentFiles(folder, [], [])
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            reason = (error.strerror or "error").lower()
            files.problems.append(Problem(f"people/{slug}", None, f"cannot read folder: {reason}"))
            return files
        for entry in entries:
            name = entry.name
            if name.startswith(".") or not name.endswith(".md") or name == PROFILE:
                continue
            rel = f"people/{slug}/{shown_name(name)}"
            link = _link_problem(Path(entry.path), self.root) if entry.is_symlink() else None
            if not utf8_name(name):
                files.problems.append(Problem(rel, None, "file name is not valid UTF-8; not read (rename it)"))
            elif link:
                files.problems.append(Problem(rel, 1, link))
            elif entry.is_dir():
                files.problems.append(Problem(rel, None, "is a folder, not a Markdown document; not read"))
            else:
                files.names.append(name)
        return files

    def resolve_person(self, text: str) -> str:
        """The slug of an existing person named by slug, name or profile name; else a usage error."""
        existing, _ = self.folders()
        slug = slugs.to_slug(text)
        if text in existing:
            return text
        if slug in existing:
            return slug
        for candidate in existing:
            name = load_profile(self.root, candidate).value.name
            if name and (name.casefold() == text.casefold() or slugs.slugify(name) == slug):
                return candidate
        from difflib import get_close_matches

        close = get_close_matches(slug, existing, n=1, cutoff=0.5)
        hint = f" (did you mean {close[0]}?)" if close else " (no such folder under people/)"
        raise UsageError(f"unknown person {text!r}{hint}")

    def load(self, people: list[str] | None = None, *, condensed: bool = False) -> Team:
        """Read settings, profiles and documents (of `people`, or everyone).

        With `condensed`, each person is `PersonNotes.condensed()`: enough for
        the findings and `status`, and kept whole in the cache, so that a person
        whose files did not change costs one `stat` a file and nothing more.
        """
        from careerkit.cache import open_reads

        reads = open_reads(self.root)  # through the cache in .careerkit/ (see careerkit.cache)
        settings = reads.settings()
        problems = list(settings.problems)
        if people is None:
            people, folder_problems = self.folders()
            problems += folder_problems
        else:  # a folder that is not a person is reported by every command, whoever it names
            problems += [p for p in self.folders()[1] if p.message.startswith(NOT_A_SLUG)]
        read: dict[str, PersonNotes] = {}
        pending: list[tuple[str, list[Path]]] = []
        for slug in people:
            files = self.document_files(slug)
            problems += files.problems
            known = reads.condensed(slug, files) if condensed else None
            if known is not None:
                read[slug] = known.person
                problems += known.problems
            else:
                pending.append((slug, files.paths))
        for slug, person, found, _ in self.read_people(reads, pending):
            if condensed:
                person = person.condensed()
                reads.keep_condensed(slug, person, found)
            read[slug] = person
            problems += found
        reads.save()
        problems.sort(key=lambda p: (p.path, p.line or 0))
        return Team(self.root, settings.value, [read[slug] for slug in people], problems)

    def read_people(self, reads: "Reads", pending: list[tuple[str, list[Path]]], inspection: "Inspection | None" = None,
                    ) -> Iterator[tuple[str, PersonNotes, list[Problem], list[Any]]]:
        """Each (slug, document paths) read whole, one person at a time: (slug, person, every problem found in
        their profile and documents, what `inspection` found in each document, in the order of the paths)."""
        from careerkit.ids import duplicate_ids

        for slug, profile, pairs in reads.people(pending, inspection):
            found = profile.problems + [problem for result, _ in pairs for problem in result.problems]
            person = PersonNotes.read(slug, profile.value, [result.document for result, _ in pairs
                                                            if result.document is not None])
            found += duplicate_ids(self.root, person.documents)  # (careerkit.ids)
            yield slug, person, found, [extra for _, extra in pairs]
