"""The notes repository: its root, its people and their documents.

Where everything is, and nothing more: nothing here reads a document or writes
the notes. Reading them is careerkit.repository.loader (`Repository.load`), through the cache.
"""

import os
from contextlib import AbstractContextManager
from pathlib import Path

from careerkit.errors import CareerkitError, UsageError
from careerkit.reading.settings import CONFIG_NAME, load_profile
from careerkit.values import codes, slugs
from careerkit.values.model import DocumentFiles, Problem
from careerkit.values.paths import PROFILE, profile_rel

ROOT_ENV = "CAREERKIT_ROOT"


def find_root(option: str | None, cwd: Path | None = None) -> Path:
    """`--root`, else CAREERKIT_ROOT, else the nearest folder upward with careerkit.yaml; else a usage error.

    Every command but `init` and `completion` needs one: outside a notes repository, a reading command would
    report a green nothing (a cron job in the wrong folder) and a writing one would make `people/` there.
    """
    given = option or os.environ.get(ROOT_ENV)
    if given:
        source = "--root" if option else ROOT_ENV
        root = Path(given).expanduser()
        if not root.is_dir():
            raise UsageError(f"{source}: {given} is not a folder")
        if not (root / CONFIG_NAME).is_file() and not (root / "people").is_dir():
            raise UsageError(
                f"{source}: {given} is not a notes repository (no {CONFIG_NAME}, no people/): "
                f"run `careerkit init` there or pass another `--root`"
            )
        return root.resolve()
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise UsageError(NOT_A_REPOSITORY)


NOT_A_REPOSITORY = (
    f"no notes repository here (no {CONFIG_NAME} in this folder or above): run `careerkit init` or pass `--root`"
)


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


def _link_problem(path: Path, root: Path) -> tuple[str, str] | None:
    """Why the link at `path` is not followed (code, message), or None when its target is a file inside `root`."""
    from careerkit.fs.safe import leads_into_git, resolves_inside

    try:
        path.resolve(strict=True)
    except FileNotFoundError:
        return codes.BROKEN_LINK, "broken link (its target does not exist); not read"
    except (OSError, RuntimeError):
        return codes.BROKEN_LINK, "link that cannot be followed (a loop?); not read"
    if not resolves_inside(path, root):
        return codes.OUTSIDE_ROOT, "link to outside the notes root; not read"
    return (codes.INTO_GIT, "link into a .git folder; not read") if leads_into_git(path) else None


def _reason(error: OSError) -> str:
    return (error.strerror or "error").lower()


def _same_when_folded(names: list[str]) -> list[Problem]:
    """A problem for each folder whose name is another's where case and the Unicode form are ignored (macOS and
    Windows): there the two are one folder, and a clone or a copy keeps only one of them."""
    first: dict[str, str] = {}
    problems: list[Problem] = []
    for name in names:
        if not utf8_name(name):
            continue
        other = first.setdefault(slugs.folding_key(name), name)
        if other != name:
            problems.append(
                Problem(
                    f"people/{name}",
                    None,
                    codes.SAME_FOLDER,
                    f"folder name is the same as people/{other} on macOS and Windows, which ignore case and Unicode "
                    "normalisation (a copy there keeps only one of them): merge them into one folder",
                )
            )
    return problems


class Layout:
    """A notes repository on disk: where everything is (reading it is careerkit.repository.loader.Repository)."""

    def __init__(self, root: Path):
        self.root = root
        self.people_dir = root / "people"
        self._names: dict[str, str] | None = None

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def is_inside(self, path: Path) -> bool:
        from careerkit.fs.safe import resolves_inside

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
                raise CareerkitError(
                    "is a link; careerkit writes only into real folders (make it a folder, "
                    "or move the notes into one); nothing written",
                    path=self.rel(place),
                )
        if not self.is_inside(folder):
            raise CareerkitError("folder points outside the notes root; refusing to use it", path=self.rel(folder))
        if not folder.exists():
            self._refuse_twin(slug)
        return folder

    def _refuse_twin(self, slug: str) -> None:
        """Refuse a new folder that macOS and Windows would take for an existing one (`strasse` beside `straße`)."""
        try:
            names = os.listdir(self.people_dir)
        except OSError:
            return
        key = slugs.folding_key(slug)
        for name in names:
            if name != slug and utf8_name(name) and slugs.folding_key(name) == key:
                raise UsageError(
                    f"people/{slug} would be the same folder as people/{shown_name(name)} on macOS and Windows, "
                    "which ignore case and Unicode normalisation: use that person, or another name; nothing written"
                )

    def locked(self, slug: str) -> AbstractContextManager[None]:
        """Hold `slug`'s lock (careerkit.fs.locks) for a change to their documents; refuses a linked folder."""
        from careerkit.fs.locks import person_lock

        self.person_dir(slug)
        return person_lock(self.root, slug)

    def folders(self) -> tuple[list[str], list[Problem]]:
        """The person slugs with a folder, and problems with folders that are skipped."""
        found: list[str] = []
        problems: list[Problem] = []
        if self.people_dir.is_symlink() and not self.is_inside(self.people_dir):
            return [], [
                Problem("people", None, codes.OUTSIDE_ROOT, "folder is a link to outside the notes root; skipped")
            ]
        try:
            entries = sorted(os.scandir(self.people_dir), key=lambda entry: entry.name)
        except FileNotFoundError:
            return [], []
        except OSError as error:
            return [], [Problem("people", None, codes.CANNOT_READ, f"cannot read folder: {_reason(error)}")]
        names: list[str] = []  # every folder, a person's or not, for the names that are one folder elsewhere
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"people/{shown_name(entry.name)}"
            try:
                is_dir = entry.is_dir()
            except OSError:  # a link to itself (`people/x -> x`): say so, and read everyone else
                problems.append(
                    Problem(rel, None, codes.BROKEN_LINK, "link that cannot be followed (a loop?); skipped")
                )
                continue
            if not is_dir:
                continue
            names.append(entry.name)
            if not slugs.is_slug(entry.name):
                suggestion = slugs.slugify(entry.name)
                rename = f"rename it to {suggestion}" if suggestion else "use lowercase letters, digits and -"
                message = f"folder name is not a valid person slug ({rename}); this person is not read"
                problems.append(Problem(rel, None, codes.NOT_A_SLUG, message))
            elif entry.is_symlink() and not self.is_inside(Path(entry.path)):
                problems.append(
                    Problem(rel, None, codes.OUTSIDE_ROOT, "folder is a link to outside the notes root; skipped")
                )
            else:
                found.append(entry.name)
        return found, problems + _same_when_folded(names)

    def document_files(self, slug: str) -> DocumentFiles:
        """The person's documents: every `*.md` in their folder but the profile and names starting with `.`."""
        folder = self.people_dir / slug
        files = DocumentFiles(folder, [], [])
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            files.problems.append(
                Problem(f"people/{slug}", None, codes.CANNOT_READ, f"cannot read folder: {_reason(error)}")
            )
            return files
        for entry in entries:
            name = entry.name
            if name.startswith(".") or not name.endswith(".md") or name == PROFILE:
                continue
            if entry.is_file(follow_symlinks=False) and utf8_name(name):  # the usual case (this runs per file)
                files.names.append(name)
                continue
            rel = f"people/{slug}/{shown_name(name)}"
            link = _link_problem(Path(entry.path), self.root) if entry.is_symlink() else None
            if not utf8_name(name):
                files.problems.append(
                    Problem(rel, None, codes.BAD_FILE_NAME, "file name is not valid UTF-8; not read (rename it)")
                )
            elif link:
                files.problems.append(Problem(rel, 1, *link))
            elif entry.is_dir():
                files.problems.append(
                    Problem(rel, None, codes.NOT_A_FILE, "is a folder, not a Markdown document; not read")
                )
            else:
                files.names.append(name)
        return files

    def person_named(self, text: str) -> str | None:
        """The slug of the existing person that `text` names exactly (slug, name or profile name), else None."""
        existing, _ = self.folders()
        if text in existing:
            return text
        slug = slugs.slugify(text)  # in any script, and as a terminal on macOS may pass it (NFD)
        if slug in existing:
            return slug
        key = slugs.folding_key(text)
        for candidate in existing:  # `Straße` for strasse: one folder on macOS and Windows
            if slugs.folding_key(candidate) == key:
                return candidate
        for candidate, name in self.profile_names(existing).items():
            if slugs.folding_key(name) == key or (slug and slugs.slugify(name) == slug):
                return candidate
        return None

    def people_starting(self, text: str) -> list[str]:
        """The existing people whose slug, or profile name made a slug (so its first name), starts like `text`."""
        existing, _ = self.folders()
        start = slugs.slugify(text)
        if not start:
            return []
        names = self.profile_names(existing)
        return [
            slug for slug in existing if slug.startswith(start) or slugs.slugify(names.get(slug, "")).startswith(start)
        ]

    def profile_names(self, existing: list[str]) -> dict[str, str]:
        """slug -> the `name` in their profile, for those of `existing` whose profile has one (read once)."""
        if self._names is None:
            self._names = {}
            for slug in existing:
                name = load_profile(self.root, profile_rel(slug)).value.name
                if name:
                    self._names[slug] = name
        return self._names

    def resolve_person(self, text: str) -> str:
        """The slug of an existing person: named exactly, else by a unique start of a slug or name; else a usage error.

        An exact slug or name always wins over a prefix (`al` is al, even when alice exists too).
        """
        exact = self.person_named(text)
        if exact is not None:
            return exact
        starting = self.people_starting(text)
        if len(starting) == 1:
            return starting[0]
        if starting:
            raise UsageError(f"{text!r} could be more than one person: {', '.join(starting)} (give more of the name)")
        close = self.closest(text)
        hint = f" (did you mean {close}?)" if close else " (no such folder under people/)"
        raise UsageError(f"unknown person {text!r}{hint}")

    def closest(self, text: str) -> str | None:
        """The existing person whose slug looks most like `text` (a typo of it), for a "did you mean"."""
        from difflib import get_close_matches

        existing, _ = self.folders()
        close = get_close_matches(slugs.slugify(text) or text, existing, n=1, cutoff=0.5)
        return close[0] if close else None
