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

from careerkit.errors import CareerkitError
from careerkit.fs import safe as fsutil
from careerkit.repository.layout import Layout
from careerkit.values.paths import PROFILE, profile_rel

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


def create_profile(folder: Path, fields: dict[str, Any], hint: bool = True) -> Path | None:
    """Write `folder/profile.md` (owner-only, the folder made when missing); None when one exists."""
    fsutil.make_private_dirs(folder)
    path = folder / PROFILE
    return path if fsutil.create_new(path, profile_text(fields, hint).encode("utf-8")) else None


def add_person(notes: Layout, slug: str, name: str, role: str | None, since: date) -> Path:
    """Start `slug`: their folder and a profile with name, role and since. Refuses when a profile exists."""
    folder = notes.person_dir(slug)
    with notes.locked(slug):
        created = create_profile(folder, {"name": name, "role": role, "since": since})
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
    """Set `paused_until` to `today` when `slug` is paused (until after today); None when they are not."""
    from careerkit.reading.settings import load_profile

    with notes.locked(slug):
        paused_until = load_profile(notes.root, profile_rel(slug)).value.paused_until
        if paused_until is None or paused_until <= today:
            return None
        return _set_profile(notes, slug, {"paused_until": today})


def _set_profile(notes: Layout, slug: str, fields: dict[str, date]) -> ProfileChange:
    """`set_profile`, with the person's lock held."""
    from careerkit.writing import edit

    folder = notes.person_dir(slug)
    path = folder / PROFILE
    if not path.exists() and not path.is_symlink():
        made = create_profile(folder, dict(fields), hint=False)
        if made is not None:
            return ProfileChange(made, True, True)
    changed = edit.edit_file(notes.root, path, lambda text: edit.set_keys(text, fields))
    return ProfileChange(path, False, changed)
