"""Writing files safely: owner-only, atomic, never overwriting by accident."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from careerkit.errors import CareerkitError

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def resolves_inside(path: Path, folder: Path) -> bool:
    """True when `path`, its links followed, is inside `folder`; False when it cannot be resolved."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def make_private_dirs(folder: Path) -> None:
    """Create `folder` and missing parents, each readable by its owner only."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=PRIVATE_DIR)


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


def remove_stale_temps(folder: Path, locked: bool = True) -> None:
    """Remove the temporary files a killed write left in `folder`.

    While holding the folder's lock (careerkit.fs.locks), every one: each writer
    holds it from its temporary file to the rename, so any left now is an
    orphan. Elsewhere (the root, `templates/`), only those older than
    UNLOCKED_TEMP_SECONDS.
    """
    try:
        names = os.listdir(folder)
    except OSError:
        return
    import time

    for name in names:
        if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                path = folder / name
                if locked or os.lstat(path).st_mtime < time.time() - UNLOCKED_TEMP_SECONDS:
                    os.unlink(path)


def create_new(path: Path, data: bytes) -> bool:
    """Write a new owner-only file; False (and nothing written) when `path` exists."""
    temp = _write_temp(path.parent, data, PRIVATE_FILE)
    try:
        os.link(temp, path)
    except FileExistsError:
        return False
    except OSError:
        # No hard links on this file system: an exclusive create is still never an overwrite.
        return _create_exclusive(path, data)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    _sync_folder(path.parent)
    return True


def _create_exclusive(path: Path, data: bytes) -> bool:
    """Create `path` (0600, never through a link) and write `data` through that descriptor.

    A failure removes what was made, so a document is there whole or not at all.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags, PRIVATE_FILE)
    except FileExistsError:
        return False
    try:
        with os.fdopen(handle, "wb") as stream:
            _fchmod(stream.fileno(), PRIVATE_FILE)  # whatever the umask
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    _sync_folder(path.parent)
    return True


def replace(path: Path, data: bytes, root: Path) -> None:
    """Atomically replace an existing file inside `root`, keeping its permissions (and owner and group, where allowed).

    A link is followed only when it stays inside `root`, and then its target is written.
    """
    target = path.resolve()
    if not resolves_inside(target, root):
        raise CareerkitError("is a link to outside the notes root; not changed", path=path.relative_to(root).as_posix())
    status = os.stat(target)
    _move_into_place(_write_temp(target.parent, data, status.st_mode & 0o7777, (status.st_uid, status.st_gid)), target)


def write_private(path: Path, data: bytes, *, durable: bool = True) -> None:
    """A file of careerkit's own making (a calendar, a cache file), owner-only, in place of whatever was at
    `path`, in one step. A link at `path` is replaced by the file, never written through. Without `durable`
    nothing is forced to disk: for what careerkit can make again (its cache)."""
    _move_into_place(_write_temp(path.parent, data, PRIVATE_FILE, durable=durable), path, durable)


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
