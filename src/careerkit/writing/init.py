"""Making a new notes repository: `careerkit init`. Running it again changes nothing."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from careerkit.fs import safe as fsutil
from careerkit.reading.settings import CALENDAR_KEY, CALENDAR_KEY_HELP, CONFIG_NAME, MIN_CALENDAR_KEY, SETTING_HELP
from careerkit.values.model import STALE_GRACE_DAYS, Settings


def templates_readme() -> str:
    """The README that `init` puts in the notes' templates/ folder (shipped in careerkit/resources)."""
    from importlib.resources import files

    return (files("careerkit") / "resources" / "templates_readme.md").read_text(encoding="utf-8")


def config_text(self_slug: str | None = None) -> str:
    defaults = Settings()
    lines = ["# careerkit settings for this notes repository. Every key is optional.", ""]
    if self_slug is not None:
        lines += [f"# {SELF_HELP}", f"self: {self_slug}", ""]
    for key, help_text in SETTING_HELP.items():
        lines.append(f"# {help_text}")
        value = getattr(defaults, key)
        if value is None:  # a default worked out per person: shown as an example, left unset
            lines.append(f"# {key}: {defaults.checkin_every_days + STALE_GRACE_DAYS}")
        else:
            lines.append(f"{key}: {value}")
        lines.append("")
    lines.append("# A person's profile (people/<slug>/profile.md) may set its own checkin_every_days.")
    lines.append("")
    lines.append("# commit: each careerkit command that writes commits exactly the files it wrote")
    lines.append("# git: commit")
    return "\n".join(lines) + "\n"


def add_calendar_key(root: Path) -> str:
    """Add a new random `calendar_key` at the end of careerkit.yaml and return it.

    Only bytes are added, atomically, and only when the text reads back as the same settings plus the key.
    When careerkit.yaml cannot take one (there is none, it is a link or read-only, or it already has a
    `calendar_key` that cannot be used), CareerkitError says why and nothing is written: event ids are
    never made without a key, since an unkeyed hash of a guessed name can be tested by anyone.
    """
    import secrets

    from careerkit.errors import CareerkitError
    from careerkit.reading import yamlio

    path = root / CONFIG_NAME
    if path.is_symlink():
        raise _no_key("is a link, so careerkit adds nothing to it")
    if not path.is_file():
        raise _no_key("is missing (`careerkit init` makes one)")
    if not os.stat(path).st_mode & stat.S_IWUSR:
        raise _no_key("is read-only, so careerkit adds nothing to it")
    key = secrets.token_hex(16)
    try:
        old = path.read_bytes()
        new = old + _key_lines(old, key)
        before = yamlio.load(old.decode("utf-8-sig"), 1, "YAML") or {}
        after = yamlio.load(new.decode("utf-8-sig"), 1, "YAML")
    except (OSError, ValueError, CareerkitError):
        raise _no_key("cannot be read") from None
    if isinstance(before, dict) and CALENDAR_KEY in before:
        line = yamlio.locate_key(yamlio.compose(old.decode("utf-8-sig")), (CALENDAR_KEY,))
        raise CareerkitError(
            f"`{CALENDAR_KEY}` should be a random text of {MIN_CALENDAR_KEY} or more characters; remove the line "
            "and careerkit adds a new one; no calendar written",
            path=CONFIG_NAME,
            line=None if line is None else line + 1,
        )
    if not isinstance(before, dict) or after != {**before, CALENDAR_KEY: key}:
        raise _no_key("does not end so that a line can be added")
    fsutil.replace(path, new, root, fsutil.NOTES_FILE)
    return key


def _key_lines(old: bytes, key: str) -> bytes:
    """The lines that add `key` after the bytes `old` of careerkit.yaml: its line endings, a blank line before."""
    newline = b"\r\n" if b"\r\n" in old else b"\n"
    gap = b"" if not old or old.endswith(newline * 2) else newline  # a blank line before ours
    gap = gap if old.endswith(b"\n") or not old else newline + gap
    return gap + f'# {CALENDAR_KEY_HELP}\n{CALENDAR_KEY}: "{key}"\n'.encode().replace(b"\n", newline)


def _no_key(why: str) -> Exception:
    from careerkit.errors import CareerkitError

    return CareerkitError(
        f'{why}; add `{CALENDAR_KEY}: "..."` with {MIN_CALENDAR_KEY * 2} random hex digits (`openssl rand -hex '
        f"{MIN_CALENDAR_KEY}` makes them), which keeps event ids unguessable; no calendar written",
        path=CONFIG_NAME,
    )


SELF_HELP = "your own career notes: careerkit speaks to this person, and `owner: manager` is what you asked of yours"


@dataclass
class InitResult:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    git: str = ""  # what happened about git, in words
    self_slug: str | None = None  # `--self`: the person whose own notes these are
    self_unset: bool = False  # `--self` into an existing careerkit.yaml that does not name them: left as it is


def init(path: Path, use_git: bool = True, self_name: str | None = None) -> InitResult:
    """Make a notes repository at `path` (again: changes nothing); with `self_name`, one person's own notes:
    `self` in careerkit.yaml and their profile."""
    from careerkit.values.slugs import to_slug

    result = InitResult(self_slug=to_slug(self_name) if self_name is not None else None)  # refused before writing
    for place in (path, path / "templates"):  # before anything is written: a `templates` link leading out is refused
        fsutil.writable_folder(place, path, fsutil.NOTES_FILE)
    fsutil.make_private_dirs(path)
    for place in (path, path / "templates"):
        fsutil.remove_stale_temps(place, path, fsutil.NOTES_FILE, locked=False)  # left by a killed init or copy
    for folder in ("people", "templates"):
        target = path / folder
        if target.is_dir():
            result.existing.append(folder + "/")
        else:
            fsutil.make_private_dirs(target)
            result.created.append(folder + "/")
    for name, text in ((CONFIG_NAME, config_text(result.self_slug)), ("templates/README.md", templates_readme())):
        if fsutil.create_new(path / name, text.encode("utf-8"), path, fsutil.NOTES_FILE):
            result.created.append(name)
        else:
            result.existing.append(name)
    if self_name is not None:
        _own_profile(path, self_name, result)
    result.git = _git_init(path) if use_git else "git: skipped (--no-git)"
    return result


def _own_profile(path: Path, name: str, result: InitResult) -> None:
    """The profile of the person whose notes these are; an existing one is kept, and a careerkit.yaml that was
    already there and names nobody (or someone else) is left as it is and said."""
    from careerkit.reading.settings import load_settings
    from careerkit.values.paths import profile_rel
    from careerkit.writing.roster import create_profile

    slug = result.self_slug
    if slug is None:
        return
    rel = profile_rel(slug)
    made = create_profile(path, path / "people" / slug, {"name": name, "role": None})
    (result.created if made is not None else result.existing).append(rel)
    result.self_unset = load_settings(path).value.self_person != slug


def _git_init(path: Path) -> str:
    """`git init` (owner-only) unless the folder is in a repository already; then `.git` made owner-only."""
    git = shutil.which("git")
    if git is None:
        return "git: not installed; the notes are not under version control"
    inside = subprocess.run(
        [git, "rev-parse", "--is-inside-work-tree"], cwd=path, capture_output=True, text=True, check=False
    )
    if inside.returncode == 0 and inside.stdout.strip() == "true":
        said = "git: already in a git repository"
    else:
        old = os.umask(0o077)  # git makes its files by the umask: none of them for other users
        try:
            made = subprocess.run([git, "init", "--quiet"], cwd=path, capture_output=True, text=True, check=False)
        finally:
            os.umask(old)
        if made.returncode != 0:
            return "git: `git init` failed; run it yourself"
        said = "git: initialised a new repository"
    if not _private_git(git, path):
        return said + " (its .git is not in this folder: left as it is)"
    return said + ("; made its .git owner-only" if said.startswith("git: already") else " (owner-only)")


def _private_git(git: str, path: Path) -> bool:
    """Make `path/.git` readable by its owner only, now and for what git adds to it later.

    Every note goes into `.git/objects` at the first commit: a 0600 note in a
    0755 `.git` would be readable by every local user. False when `path` has
    no `.git` folder of its own (the notes are inside a larger repository).
    """
    dot_git = path / ".git"
    if dot_git.is_symlink() or not dot_git.is_dir():
        return False
    subprocess.run([git, "config", "core.sharedRepository", "0600"], cwd=path, capture_output=True, check=False)
    for folder, _subfolders, files in os.walk(dot_git):
        os.chmod(folder, fsutil.PRIVATE_DIR)
        for name in files:
            file = os.path.join(folder, name)
            st = os.lstat(file)
            if stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) & 0o077:
                os.chmod(file, stat.S_IMODE(st.st_mode) & 0o700)  # the owner's bits stay (a hook runs)
    return True
