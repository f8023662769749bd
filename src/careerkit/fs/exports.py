"""Where a file careerkit makes for you (the team page, a handover) goes when you name none.

Never inside the notes repository: a page written there is one `git add -A` away
from a remote. It goes to careerkit's own folder in your cache, as each platform
keeps one, owner-only; the command prints where.
"""

import contextlib
import os
import sys
from pathlib import Path

from careerkit.errors import CareerkitError

APP = "careerkit"


def user_folder() -> Path:
    """careerkit's folder in the user's cache: %LOCALAPPDATA%\\careerkit\\Cache on Windows, ~/Library/Caches/careerkit
    on macOS, $XDG_CACHE_HOME/careerkit (else ~/.cache/careerkit) elsewhere."""
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return (Path(local) if local else Path.home() / "AppData" / "Local") / APP / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"  # the XDG rule: relative is unset
    return base / APP


def default_output(name: str, root: Path) -> Path:
    """`name` in careerkit's cache folder, made owner-only; an error when that folder is unusable or inside the
    notes at `root` (then the command asks for -o)."""
    folder = user_folder()
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        _private_folder(folder)
    except OSError as error:
        raise CareerkitError(f"{folder}: cannot be used ({error.strerror or error}); give -o FILE") from None
    from careerkit.fs.safe import resolves_inside

    if resolves_inside(folder, root):
        raise CareerkitError(f"{folder}: is inside the notes repository; give -o FILE outside it")
    return folder / name


def _private_folder(folder: Path) -> None:
    """Make `folder` owner-only (0700), or tighten it when it is ours; never a link, never someone else's."""
    with contextlib.suppress(FileExistsError):  # ours from an earlier run: checked below
        os.mkdir(folder, 0o700)
    status = os.lstat(folder)
    import stat

    if not stat.S_ISDIR(status.st_mode):
        raise CareerkitError(f"{folder}: is not a folder (a link?); give -o FILE")
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        raise CareerkitError(f"{folder}: belongs to another user; give -o FILE")
    if status.st_mode & 0o077:
        os.chmod(folder, 0o700)
