"""What careerkit creates is readable by its owner only, whatever the umask (the cache: test_cache.py)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest


@pytest.fixture
def open_umask():
    """A umask that hides nothing: the modes below must come from careerkit itself."""
    old = os.umask(0)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("open_umask")
def test_init_makes_owner_only_folders_and_files(cli, tmp_path):
    target = tmp_path / "team"
    cli(None, "init", str(target), "--no-git")
    assert {name: oct(mode(target / name)) for name in ("", "people", "templates")} == {
        "": "0o700",
        "people": "0o700",
        "templates": "0o700",
    }
    assert {name: oct(mode(target / name)) for name in ("careerkit.yaml", "templates/README.md")} == {
        "careerkit.yaml": "0o600",
        "templates/README.md": "0o600",
    }


@pytest.mark.usefixtures("open_umask")
def test_new_makes_owner_only_folders_and_files(cli, tmp_path):
    root = tmp_path / "notes"
    root.mkdir()
    (root / "careerkit.yaml").write_text("", encoding="utf-8")
    cli(root, "new", "story", "Zoë O'Brien", "--name", "Zoë O'Brien", "--date", "2026-01-01")
    cli(root, "new", "story", "zoe-obrien", "--date", "2026-01-01")
    folder = root / "people/zoe-obrien"
    assert oct(mode(root / "people")) == "0o700" and oct(mode(folder)) == "0o700"
    assert sorted((p.name, oct(mode(p))) for p in folder.iterdir()) == [
        ("2026-01-01-story-2.md", "0o600"),
        ("2026-01-01-story.md", "0o600"),
        ("profile.md", "0o600"),
    ]


@pytest.mark.parametrize(
    ("frontmatter", "message"),
    [
        ("date: Told me about the divorce", "date is not a real date (YYYY-MM-DD)"),
        ("stage: Worried about her visa", "unknown stage: use story, dreams, plan, checkin or note"),
        ("date: 2026-13-45", "date 2026-13-45 is not a real date (YYYY-MM-DD)"),
        ("stage: retro", "unknown stage 'retro': use story, dreams, plan, checkin or note"),
    ],
)
def test_an_error_repeats_a_value_only_when_it_cannot_be_prose(cli, notes, frontmatter, message):
    """A date or a single lowercase word helps to see the slip; a sentence someone wrote is never echoed."""
    other = "stage: note\n" if frontmatter.startswith("date") else "date: 2026-01-01\n"
    root = notes({"people/alice/x.md": f"---\nperson: alice\n{other}{frontmatter}\n---\n"})
    result = cli(root, "due", "--today", "2026-06-01", expect=1)
    assert result.stderr.split(": ", 1)[1].strip() == message
