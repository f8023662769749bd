"""Writing files safely: owner-only, atomic, never overwriting by accident, and only where careerkit may write.

`writable` is the one rule for every file careerkit writes (and every leftover it removes); each writer here
(`create_new`, `replace`, `write_private`, `remove_stale_temps`) applies it before it touches anything.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from careerkit.errors import CareerkitError, UsageError

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700

# What a written file is to the notes, which decides where it may go (see `writable`).
DOCUMENT = "document"  # a conversation document or a profile: only in a person's own folder, people/<person>/
NOTES_FILE = "notes file"  # careerkit.yaml, templates/: inside the notes root (by real path), never in people/
EXPORT = "export"  # a page or a calendar at a name the user gives (or a default one): anywhere but people/
STATE = "state"  # careerkit's own cache, in .careerkit/


def resolves_inside(path: Path, folder: Path) -> bool:
    """True when `path`, its links followed, is inside `folder`; False when it cannot be resolved."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def leads_into_git(path: Path) -> bool:
    """True when `path`, its links followed, is inside a `.git` folder: a token or a remote's address lives there,
    and no link planted in a notes repository may bring it into a note, a page or a message."""
    try:
        return ".git" in path.resolve().parts
    except (OSError, RuntimeError):
        return False


def shown_path(path: Path, root: Path | None, kind: str = DOCUMENT) -> str:
    """`path` as the user knows it: an export's as given; else relative to the notes root when it is under it."""
    if kind != EXPORT and root is not None and path.is_absolute():
        with contextlib.suppress(ValueError):
            return path.relative_to(root).as_posix()
    return str(path)


def writable(path: Path, root: Path | None, kind: str, data: bytes | None = None, replacing: bool = True) -> Path:
    """Where to write `path` (its folder's real path, then its name) when careerkit may write it there; else a
    CareerkitError naming it, before anything is written.

    The one rule for every file careerkit writes, whatever the command:
    - never through a link, and never in place of anything but a regular file (a pipe would block, a
      device never end): with `replacing`; a writer that only creates takes any name in use as taken,
      and careerkit's own state renames its file over whatever is there (never opening it);
    - never inside a `.git` folder (git runs what its hooks and config say), its links followed;
    - in `people/` only notes documents, and those only in a person's own folder; the notes' own files
      only inside the notes root: both by real path, so a cloned repository's links cannot lead elsewhere;
    - a document or notes file no larger than careerkit reads (a file it wrote and then refused to read
      would hide what it holds).
    """
    shown = shown_path(path, root, kind)
    if data is not None and kind in (DOCUMENT, NOTES_FILE):
        refuse_unreadable_size(len(data), shown)
    if path.name in ("", ".", ".."):
        raise _refused(kind, "is a folder; give a file name", shown)
    folder = writable_folder(path.parent, root, kind, shown if kind == EXPORT else None)
    target = folder / path.name
    if replacing and kind != STATE:
        _check_name(target, shown, kind)
    return target


def writable_folder(folder: Path, root: Path | None, kind: str, shown: str | None = None) -> Path:
    """The real path of `folder`, when files of `kind` may be written in it (see `writable`); else a
    CareerkitError naming `shown` (default: the folder). The folder need not exist yet, but for an export."""
    shown = shown or shown_path(folder, root)
    try:
        real = folder.resolve()
    except (OSError, RuntimeError):
        raise _refused(kind, "is a link that cannot be followed (a loop?); nothing written", shown) from None
    if kind == EXPORT and not real.is_dir():
        raise UsageError(f"{shown}: no such folder: {folder}")
    _check_place(real, root, kind, shown)
    return real


def _check_place(real: Path, root: Path | None, kind: str, shown: str) -> None:
    if ".git" in real.parts:
        raise _refused(
            kind, "is in a .git folder (its links followed), where careerkit never writes; nothing written", shown
        )
    if root is None:
        return
    real_root = root.resolve()
    if kind == DOCUMENT:
        if real.parent != real_root / "people":
            raise CareerkitError("is not a person's own folder in people/; nothing written", path=shown)
        return
    people = {real_root / "people", (root / "people").resolve()}
    if any(real.is_relative_to(folder) for folder in people):
        raise _refused(
            kind,
            "is in people/ (its links followed), where careerkit writes only notes documents; nothing written",
            shown,
        )
    if kind == NOTES_FILE and not real.is_relative_to(real_root):
        raise CareerkitError("is a link to outside the notes root; nothing written", path=shown)


def _check_name(target: Path, shown: str, kind: str) -> None:
    """Refuses what is at `target` unless it is a regular file (or nothing): never a link, folder, pipe or device."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise _refused(kind, f"cannot be looked at: {_reason(error)}; nothing written", shown, usage=False) from None
    if stat.S_ISLNK(mode):
        raise _refused(kind, "is a link; careerkit never writes through one; nothing written", shown, usage=False)
    if stat.S_ISDIR(mode):
        raise _refused(kind, "is a folder; give a file name", shown)
    if not stat.S_ISREG(mode):
        raise _refused(kind, "is not a regular file (a pipe, socket or device); nothing written", shown, usage=False)


def _refused(kind: str, message: str, shown: str, usage: bool = True) -> CareerkitError:
    """A refusal naming the file: of a name given on the command line, as one line of careerkit's own (wrong
    usage, exit 2, when a better name is the fix); of a file in the notes, as `path: message` (exit 1)."""
    if kind == EXPORT:
        return (UsageError if usage else CareerkitError)(f"{shown}: {message}")
    return CareerkitError(message, path=shown)


def refuse_unreadable_size(size: int, shown: str) -> None:
    """Refuses to write `size` bytes of notes that careerkit would then refuse to read (careerkit.documents)."""
    from careerkit.fs.read import MAX_FILE_BYTES

    if size > MAX_FILE_BYTES:
        raise CareerkitError(
            f"would be larger than {MAX_FILE_BYTES >> 20} MiB, more than careerkit reads; nothing written", path=shown
        )


def holds(path: Path, marker: bytes, within: int = 512) -> bool:
    """True when `path` is a regular file whose first `within` bytes hold `marker` (how careerkit knows a page
    or calendar it wrote). Opened without following a link and without waiting: a pipe never blocks."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        with os.fdopen(os.open(path, flags), "rb") as stream:
            return stat.S_ISREG(os.fstat(stream.fileno()).st_mode) and marker in stream.read(within)
    except OSError:
        return False


def _reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


def _failed(error: OSError, shown: str, kind: str = DOCUMENT) -> CareerkitError:
    """A write that failed (a full disk, a read-only folder), named by the file it was for."""
    return _refused(kind, f"cannot write file: {_reason(error)}", shown, usage=False)


def make_private_dirs(folder: Path) -> list[Path]:
    """Create `folder` and missing parents, each readable by its owner only; the folders made, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    made = []
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=PRIVATE_DIR)
            made.append(path)
    return made


@contextlib.contextmanager
def new_folders(folder: Path) -> Iterator[None]:
    """`folder` made (see `make_private_dirs`) for what is written inside; when that fails, the folders made
    here are removed again, if still empty: a failed write leaves no trace, not even a new person's folder."""
    made = make_private_dirs(folder)
    try:
        yield
    except BaseException:
        for path in reversed(made):
            with contextlib.suppress(OSError):
                path.rmdir()
        raise


TEMP_PREFIX = ".careerkit-"  # hidden, so that no reader takes a half-written file for a note
TEMP_SUFFIX = ".tmp"


def _write_temp(
    folder: Path, data: bytes, mode: int, owner: tuple[int, int] | None = None, durable: bool = True
) -> Path:
    """A new file in `folder` holding `data`, with its owner and mode set through the open file (and, when
    `durable`, on disk before it is given its name).

    By descriptor, not by name: whoever can write the folder cannot swap in a link
    between the calls and have another file's owner or mode changed.
    """
    handle, name = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if owner is not None and hasattr(os, "fchown"):
                # The group decides who else may read a note (0640): keep it, and the owner, where we may.
                with contextlib.suppress(OSError):
                    os.fchown(stream.fileno(), *owner)
            _fchmod(stream.fileno(), mode)
            if durable:
                os.fsync(stream.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _fchmod(handle: int, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(handle, mode)


UNLOCKED_TEMP_SECONDS = 600  # where no lock is held, a temporary file this old is an orphan


def remove_stale_temps(folder: Path, root: Path | None, kind: str, locked: bool = True) -> None:
    """Remove the temporary files a killed write left in `folder`, when files of `kind` may be written there
    (`writable_folder`: never in a folder that leads out of the notes).

    While holding the folder's lock (careerkit.fs.locks), every one: each writer
    holds it from its temporary file to the rename, so any left now is an
    orphan. Elsewhere (the root, `templates/`), only those older than
    UNLOCKED_TEMP_SECONDS.
    """
    real = writable_folder(folder, root, kind)
    try:
        names = os.listdir(real)
    except OSError:
        return
    import time

    for name in names:
        if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                path = real / name
                if locked or os.lstat(path).st_mtime < time.time() - UNLOCKED_TEMP_SECONDS:
                    os.unlink(path)


def create_new(path: Path, data: bytes, root: Path, kind: str = DOCUMENT) -> bool:
    """Write a new owner-only file where `writable` allows it; False (and nothing written) when `path` exists
    (a link, even a broken one, is a name in use: never written through)."""
    target = writable(path, root, kind, data, replacing=False)
    try:
        temp = _write_temp(target.parent, data, PRIVATE_FILE)
    except OSError as error:
        raise _failed(error, shown_path(path, root)) from None
    try:
        os.link(temp, target)
    except FileExistsError:
        return False
    except OSError:
        # No hard links on this file system: an exclusive create is still never an overwrite.
        return _create_exclusive(target, data, shown_path(path, root))
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    _sync_folder(target.parent)
    return True


def _create_exclusive(path: Path, data: bytes, shown: str) -> bool:
    """Create `path` (0600, never through a link) and write `data` through that descriptor.

    A failure removes what was made, so a document is there whole or not at all.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags, PRIVATE_FILE)
    except FileExistsError:
        return False
    except OSError as error:
        raise _failed(error, shown) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            _fchmod(stream.fileno(), PRIVATE_FILE)  # whatever the umask
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(path)
        if isinstance(error, OSError):
            raise _failed(error, shown) from None
        raise
    _sync_folder(path.parent)
    return True


def replace(path: Path, data: bytes, root: Path, kind: str = DOCUMENT) -> None:
    """Atomically replace an existing file inside `root`, keeping its permissions (and owner and group, where allowed).

    A link is followed only when it stays inside `root`, and then its target is written, by `writable`'s rule.
    """
    target = path.resolve()
    if not resolves_inside(target, root):
        raise CareerkitError("is a link to outside the notes root; not changed", path=path.relative_to(root).as_posix())
    target = writable(target, root, kind, data)
    try:
        status = os.stat(target)
        temp = _write_temp(target.parent, data, status.st_mode & 0o7777, (status.st_uid, status.st_gid))
        _move_into_place(temp, target)
    except OSError as error:
        raise _failed(error, shown_path(target, root)) from None


def write_private(path: Path, data: bytes, root: Path | None, kind: str = EXPORT, *, durable: bool = True) -> None:
    """A file of careerkit's own making (a page, a calendar, a cache file), owner-only, in place of the regular
    file at `path` (if any), in one step, where `writable` allows it. Without `durable` nothing is forced to
    disk: for what careerkit can make again (its cache)."""
    target = writable(path, root, kind, data)
    try:
        _move_into_place(_write_temp(target.parent, data, PRIVATE_FILE, durable=durable), target, durable)
    except OSError as error:
        raise _failed(error, shown_path(path, root, kind), kind) from None


def _move_into_place(temp: Path, target: Path, durable: bool = True) -> None:
    """Rename a written temp file over `target` in one step (a crash leaves the old file or the new one)."""
    try:
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename or a new name in `folder` survive a power cut (where the system allows it)."""
    with contextlib.suppress(OSError, AttributeError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
