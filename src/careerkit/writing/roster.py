"""The team roster: starting a person, and recording in their profile that they left or are paused.

A new profile is written as data (`yaml.safe_dump`), never over an existing
file. An existing profile is changed with careerkit.writing.edit, so only the line of
the key that changes (or one new line) differs afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from careerkit.errors import CareerkitError, UsageError
from careerkit.fs import safe as fsutil
from careerkit.repository.layout import Layout
from careerkit.values.paths import PROFILE

CADENCE_HINT = "# checkin_every_days: 14   # uncomment to use another cadence for this person\n"


@dataclass(frozen=True)
class ProfileChange:
    path: Path
    created: bool  # there was no profile: a new one holds only the keys set
    changed: bool  # False: the profile already said exactly this


def profile_text(fields: dict[str, Any], hint: bool = True) -> str:
    """A new profile's text: the fields as YAML data, then (with `hint`) the cadence key to uncomment."""
    import yaml

    text = "---\n" + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True)
    return text + (CADENCE_HINT if hint else "") + "---\n"


def create_profile(root: Path, folder: Path, fields: dict[str, Any], hint: bool = True) -> Path | None:
    """Write `folder/profile.md` (owner-only, the folder made when missing); None when one exists.

    When it raises, nothing is left: not the profile, nor the folder made for it."""
    path = folder / PROFILE
    data = profile_text(fields, hint).encode("utf-8")
    fsutil.writable(path, root, fsutil.DOCUMENT, data, replacing=False)
    with fsutil.new_folders(folder):
        return path if fsutil.create_new(path, data, root) else None


def refuse_another(notes: Layout, name: str, slug: str) -> None:
    """Refuse to start `slug` for a `name` that already names someone else (their profile's name, or a folder
    that macOS and Windows would take for `slug`): one person, one folder."""
    existing = notes.person_named(name)
    if existing is not None and existing != slug:
        raise UsageError(f"{name!r} is already on your team: people/{existing}; nothing written")


def add_person(notes: Layout, slug: str, name: str, role: str | None, since: date) -> Path:
    """Start `slug`: their folder and a profile with name, role and since. Refuses when a profile exists."""
    folder = notes.person_dir(slug)
    with notes.locked(slug):
        created = create_profile(notes.root, folder, {"name": name, "role": role, "since": since})
    if created is None:
        raise CareerkitError(
            "already exists; not changed (edit it by hand, or use `careerkit leave` or `careerkit pause`)",
            path=notes.rel(folder / PROFILE),
        )
    return created


def set_profile(notes: Layout, slug: str, fields: dict[str, date]) -> ProfileChange:
    """Set these keys in `slug`'s profile, byte-exactly; a person without a profile gets one with only them.

    Under the person's lock (careerkit.fs.locks), like every change to their folder.
    """
    with notes.locked(slug):
        return _set_profile(notes, slug, fields)


def end_pause(notes: Layout, slug: str, today: date) -> ProfileChange | None:
    """Set `paused_until` to `today` when `slug` is paused (until after today); None when they are not.

    The profile is read as `leave` reads it to change it (careerkit.edit): one that cannot be read, or whose
    `paused_until` is not a date, is an error naming the file, never taken to mean "not paused".
    """
    from careerkit.reading.settings import file_present
    from careerkit.writing import edit

    path = notes.person_dir(slug) / PROFILE
    with notes.locked(slug):
        if not file_present(path):
            return None  # no profile: no pause
        changed = edit.edit_file(notes.root, path, lambda text: _pause_ended(text, today))
    return ProfileChange(path, False, True) if changed else None


def _pause_ended(text: str, today: date) -> str:
    """The profile `text` with `paused_until: today`; `text` itself when it records no pause after today."""
    from careerkit.reading import frontmatter as frontmatter_text
    from careerkit.reading import yamlio
    from careerkit.values.dates import value_to_date
    from careerkit.writing import edit

    split = frontmatter_text.split(text)
    data = yamlio.load(split.yaml, split.first_yaml_line)
    if data is not None and not isinstance(data, dict):
        raise CareerkitError("frontmatter is not a mapping of keys; not changed", line=split.first_yaml_line)
    value = data.get("paused_until") if data else None
    if value is None:
        return text
    until = value_to_date(value)
    if until is None:
        line = yamlio.locate(yamlio.compose(split.yaml), ("paused_until",))
        at = None if line is None else split.first_yaml_line + line
        raise CareerkitError("`paused_until` should be a date (YYYY-MM-DD); not changed", line=at)
    return text if until <= today else edit.set_keys(text, {"paused_until": today})


def _set_profile(notes: Layout, slug: str, fields: dict[str, date]) -> ProfileChange:
    """`set_profile`, with the person's lock held."""
    from careerkit.writing import edit

    folder = notes.person_dir(slug)
    path = folder / PROFILE
    if not path.exists() and not path.is_symlink():
        made = create_profile(notes.root, folder, dict(fields), hint=False)
        if made is not None:
            return ProfileChange(made, True, True)
    changed = edit.edit_file(notes.root, path, lambda text: edit.set_keys(text, fields))
    return ProfileChange(path, False, changed)
