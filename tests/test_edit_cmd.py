"""`careerkit edit PERSON [STAGE]`: the newest document opens in the person's editor, chosen as git chooses it."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import pytest

from helpers import doc, fake_editor

TODAY = "2026-06-01"


@pytest.fixture
def team(notes):
    return notes(
        {
            "people/alice/2026-03-01-plan.md": doc("alice", "plan", "2026-03-01"),
            "people/alice/2026-05-01-checkin.md": doc("alice", "checkin", "2026-05-01"),
            "people/alice/2026-05-01-checkin-2.md": doc("alice", "checkin", "2026-05-01"),
            "people/alice/2026-05-20-note.md": doc("alice", "note", "2026-05-20"),
            "people/alice/2026-05-20-dreams.md": doc("alice", "dreams", "2026-05-20"),
            "people/alice/profile.md": "---\nname: Alice Smith\n---\n",
            "people/bob/profile.md": "---\nname: Bob\n---\n",
        }
    )


def opened(folder: Path) -> list[str]:
    """The files the fake editor was given, in order."""
    log = folder / "editor.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """$VISUAL set to the fake editor (and $EDITOR to one that must not run); the folder it logs to."""
    folder = tmp_path / "visual"
    folder.mkdir()
    monkeypatch.setenv("VISUAL", fake_editor(folder))
    monkeypatch.setenv("EDITOR", "false")
    return folder


@pytest.mark.parametrize(
    ("args", "newest"),
    [
        ([], "2026-05-20-note.md"),  # on one day, the later stage (a note comes after dreams)
        (["checkin"], "2026-05-01-checkin-2.md"),  # then the higher -N
        (["plan"], "2026-03-01-plan.md"),
        (["dreams"], "2026-05-20-dreams.md"),
    ],
)
def test_the_newest_document_of_the_stage_opens(cli, team, editor, args, newest):
    result = cli(team, "edit", "alice", *args, "--today", TODAY)
    assert opened(editor) == [str(team / "people/alice" / newest)]
    assert (result.stdout, result.stderr) == (f"not changed: people/alice/{newest}\n", "")


def test_the_person_by_their_name_and_a_changed_document_is_said_so(cli, team, tmp_path, monkeypatch):
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, "They want to mentor.\n"))
    assert cli(team, "edit", "Alice Smith", "plan").stdout == "edited: people/alice/2026-03-01-plan.md\n"
    assert (team / "people/alice/2026-03-01-plan.md").read_text(encoding="utf-8").endswith("They want to mentor.\n")


def test_the_frontmatter_says_what_a_document_is_not_its_name(cli, notes, editor):
    root = notes(
        {
            "people/alice/2026-03-01-plan.md": doc("alice", "plan", "2026-03-01"),
            "people/alice/renamed.md": doc("alice", "plan", "2026-04-01"),
        }
    )
    cli(root, "edit", "alice", "plan")
    assert opened(editor) == [str(root / "people/alice/renamed.md")]


def test_a_document_that_cannot_be_read_opens_by_its_name_to_be_mended(cli, notes, editor):
    root = notes(
        {
            "people/alice/2026-03-01-plan.md": doc("alice", "plan", "2026-03-01"),
            "people/alice/2026-04-01-plan.md": "---\nstage: plan\ndate: [\n---\n",
        }
    )
    result = cli(root, "edit", "alice", "plan")
    assert opened(editor) == [str(root / "people/alice/2026-04-01-plan.md")]
    assert result.stdout == "not changed: people/alice/2026-04-01-plan.md\n"


# an editor that leaves the frontmatter's date unclosed
BREAK_DATE = (
    "import sys; p = sys.argv[1]; t = open(p, encoding='utf-8').read(); "
    "open(p, 'w', encoding='utf-8').write(t.replace('date: ', 'date: [', 1))"
)


def test_a_document_left_unreadable_is_named_with_its_line_and_exit_1(cli, team, tmp_path, monkeypatch):
    monkeypatch.setenv("VISUAL", f"{shlex.quote(sys.executable)} -c {shlex.quote(BREAK_DATE)}")
    result = cli(team, "edit", "alice", "plan", expect=1)
    assert result.stdout == "edited: people/alice/2026-03-01-plan.md\n"
    assert result.stderr.startswith("people/alice/2026-03-01-plan.md:4: could not parse frontmatter")


def test_editor_is_used_when_visual_is_not_set(cli, team, tmp_path, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path))
    cli(team, "edit", "alice", "plan")
    assert opened(tmp_path) == [str(team / "people/alice/2026-03-01-plan.md")]


@pytest.mark.skipif(os.name != "posix", reason="a `vi` script found on PATH")
def test_vi_when_neither_is_set(cli, team, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    vi = bin_dir / "vi"
    vi.write_text(f'#!/bin/sh\necho "$1" >> {shlex.quote(str(tmp_path / "editor.log"))}\n', encoding="utf-8")
    vi.chmod(0o755)
    monkeypatch.setenv("VISUAL", "")  # empty counts as unset, as it does for git
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    cli(team, "edit", "alice", "plan")
    assert opened(tmp_path) == [str(team / "people/alice/2026-03-01-plan.md")]


@pytest.mark.skipif(os.name != "posix", reason="the editor runs through the shell, as git runs it")
def test_the_file_is_an_argument_never_shell_code(cli, notes, tmp_path, monkeypatch):
    """A notes folder named with quotes and `$(...)` reaches the editor as one argument, and runs nothing."""
    root = tmp_path / "it's $(touch pwned) notes"
    root.mkdir()
    (root / "careerkit.yaml").touch()
    (root / "people/alice").mkdir(parents=True)
    (root / "people/alice/2026-03-01-plan.md").write_text(doc("alice", "plan", "2026-03-01"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path))
    cli(root, "edit", "alice")
    assert opened(tmp_path) == [str(root / "people/alice/2026-03-01-plan.md")]
    assert not (tmp_path / "pwned").exists()


def test_a_colon_editor_opens_nothing(cli, team, monkeypatch):
    monkeypatch.setenv("VISUAL", ":")
    assert cli(team, "edit", "alice").stdout == "not changed: people/alice/2026-05-20-note.md\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["bob"], 1, "careerkit: bob has no document yet: write one with `careerkit new story bob`"),
        (["alice", "story"], 1, "careerkit: alice has no story document: write one with `careerkit new story alice`"),
        (["alice", "retro"], 2, "careerkit: unknown stage 'retro': use one of story, dreams, plan, checkin, note"),
        (["alicia"], 2, "careerkit: unknown person 'alicia' (did you mean alice?)"),
    ],
)
def test_nothing_to_open_says_what_to_run(cli, team, editor, args, code, message):
    result = cli(team, "edit", *args, expect=code)
    assert result.stderr == message + "\n"
    assert opened(editor) == []


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("false", "the editor `false` ended with status 1"),
        ("/no/such/editor", "could not start the editor `/no/such/editor` (set $VISUAL or $EDITOR to yours)"),
    ],
)
def test_an_editor_that_fails_is_one_line_and_exit_1(cli, team, monkeypatch, command, message):
    monkeypatch.setenv("VISUAL", command)
    result = cli(team, "edit", "alice", "plan", expect=1)
    assert result.stderr == f"people/alice/2026-03-01-plan.md: {message}\n"


def test_outside_a_notes_repository_it_is_refused(cli, tmp_path, monkeypatch, editor):
    monkeypatch.chdir(tmp_path)
    result = cli(None, "edit", "alice", expect=2)
    assert "no notes repository here" in result.stderr
    assert opened(editor) == []
