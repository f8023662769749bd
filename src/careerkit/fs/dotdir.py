"""`.careerkit/`: careerkit's own folder in the notes (the cache of what was read, and the locks).

It is owner-only and holds a `.gitignore` of `*`, so that git never lists it; deleting it is
always safe. Whoever makes a folder in it goes through `make_folder`, so the rules hold for both.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from careerkit.values.paths import DOT_DIR

GITIGNORE = "# careerkit's cache of what it read: safe to delete, never committed.\n*\n"


def make_folder(root: Path, name: str) -> Path:
    """`<root>/.careerkit/<name>/`, made owner-only when missing, with the `.gitignore`; NotADirectoryError
    when a file or a link stands in the place of either folder (nothing is written through a link)."""
    from careerkit.fs.safe import PRIVATE_DIR  # here: careerkit.fs.safe imports tempfile, which a warm run never needs

    state = root / DOT_DIR
    folder = state / name
    for place in (state, folder):
        with contextlib.suppress(FileExistsError):
            os.mkdir(place, PRIVATE_DIR)
        if os.path.islink(place) or not os.path.isdir(place):
            raise NotADirectoryError(20, "not a folder")
    _ignore(state)
    return folder


def _ignore(state: Path) -> None:
    """The `.gitignore` of `*` that keeps `.careerkit/` out of git, unless one is there already."""
    from careerkit.fs.safe import PRIVATE_FILE

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(state / ".gitignore", flags, PRIVATE_FILE)
    except FileExistsError:
        return
    try:
        os.write(handle, GITIGNORE.encode("utf-8"))
    except OSError:
        os.unlink(state / ".gitignore")  # a cut-short one could let git see the folder: the next run tries again
        raise
    finally:
        os.close(handle)
