"""One writer at a time per person: the lock every change to `people/<person>/` holds.

A command that changes a person's documents (`new`, every `action` edit, and
any command added later that writes there) holds the person's lock from
before it reads their documents until after its atomic replace, so runs in
parallel (scripts, cron, an editor plugin) take turns: no update is lost and
every new action id is unique.

The lock is `flock` on `<root>/.careerkit/locks/<person>.lock`, a folder git
ignores (careerkit.fs.dotdir). The kernel releases it when the process ends,
however it ends, so a killed run never leaves a lock that blocks the next
one; the empty lock file itself stays (removing it would race with a waiting
run). Where `flock` does not exist (Windows), writes are not serialised.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from careerkit.errors import CareerkitError
from careerkit.fs import safe as fsutil
from careerkit.fs.dotdir import make_folder
from careerkit.values.paths import DOT_DIR

LOCKS_DIR = "locks"
WAIT_SECONDS = 60.0  # another run holds the lock this long: give up, with nothing written
_POLL_SECONDS = (0.002, 0.05)  # first and longest pause between tries


@contextlib.contextmanager
def person_lock(root: Path, slug: str) -> Iterator[None]:
    """Hold `slug`'s lock (waiting for another run to finish), and clear what a killed writer left."""
    try:
        import fcntl  # noqa: F401 - only to know whether this platform has flock
    except ImportError:
        yield
        return
    try:
        folder = make_folder(root, LOCKS_DIR)
        handle = _open_lock_file(folder / f"{slug}.lock")
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        raise CareerkitError(
            f"cannot make the lock that keeps two edits apart ({reason}); nothing written "
            "(.careerkit/ only holds careerkit's cache and locks: it is safe to delete)",
            path=f"{DOT_DIR}/{LOCKS_DIR}/{slug}.lock",
        ) from None
    try:
        _acquire(handle, slug)
        fsutil.remove_stale_temps(root / "people" / slug, root, fsutil.DOCUMENT)
        yield
    finally:
        os.close(handle)  # releases the lock


def _open_lock_file(path: Path) -> int:
    """The lock file, made when missing; never through a link, never waiting on (or locking) a pipe or device
    planted in its place (fsutil.writable's rule for every file careerkit writes)."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    handle = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), fsutil.PRIVATE_FILE)
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise OSError(errno.EINVAL, "not a regular file")
    return handle


def _acquire(handle: int, slug: str) -> None:
    import fcntl

    deadline = time.monotonic() + WAIT_SECONDS
    pause = _POLL_SECONDS[0]
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError:
            # A file system without flock (some network mounts): go on unlocked, as before locks existed.
            return
        if time.monotonic() >= deadline:
            raise CareerkitError(
                f"another careerkit run has been changing {slug}'s notes for over "
                f"{WAIT_SECONDS:g} seconds; nothing written (try again)",
                path=f"people/{slug}",
            )
        time.sleep(pause)
        pause = min(pause * 2, _POLL_SECONDS[1])
