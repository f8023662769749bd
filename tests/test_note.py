"""`careerkit note`: a quick note from the shell, with the guarantees of `new`."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys

import pytest
import yaml

from helpers import doc


def run(root, *args, stdin="", cwd=None, env=None):
    """The installed command, as a shell would run it."""
    environment = {k: v for k, v in os.environ.items() if k != "CAREERKIT_ROOT"} | {"NO_COLOR": "1"} | (env or {})
    argv = [sys.executable, "-m", "careerkit", *(["--root", str(root)] if root else []), *args]
    return subprocess.run(argv, input=stdin.encode(), capture_output=True, cwd=cwd, env=environment, check=False)


def split(path):
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def test_the_text_is_the_first_paragraph_of_a_new_note(notes):
    root = notes({"people/alice/s.md": doc("alice", "story", "2026-01-01")})
    result = run(root, "note", "alice", "Wants to {{ lead }} the offsite; {% raw %} is fine", "--date", "2026-03-04")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "people/alice/2026-03-04-note.md\n"
    front, body = split(root / "people/alice/2026-03-04-note.md")
    # `template: none`: no line of it came from a template, so none is ever taken for the template's
    date = __import__("datetime").date(2026, 3, 4)
    assert front == {"person": "alice", "stage": "note", "date": date, "template": "none"}
    assert body == "\nWants to {{ lead }} the offsite; {% raw %} is fine\n"  # data, never a template


def test_the_note_shows_up_as_the_summary_in_log(notes):
    root = notes({"people/alice/s.md": doc("alice", "story", "2026-01-01")})
    run(root, "note", "alice", "Asked about the platform team", "--date", "2026-03-04")
    log = run(root, "log", "alice").stdout.decode()
    assert "2026-03-04  note     Asked about the platform team" in log


def test_the_text_can_come_from_standard_input(notes):
    root = notes({"people/alice/s.md": doc("alice", "story", "2026-01-01")})
    for args in ((), ("-",)):
        result = run(root, "note", "alice", *args, "--date", "2026-03-04", stdin="\n\nFirst line\r\n\r\nMore.\r\n\n")
        assert result.returncode == 0, result.stderr
    first, second = (root / "people/alice/2026-03-04-note.md"), (root / "people/alice/2026-03-04-note-2.md")
    assert split(first)[1] == split(second)[1] == "\nFirst line\n\nMore.\n"


def test_a_second_note_the_same_day_never_overwrites_and_is_owner_only(notes):
    root = notes({"people/alice/s.md": doc("alice", "story", "2026-01-01")})
    paths = [run(root, "note", "alice", f"note {n}", "--date", "2026-03-04").stdout.decode().strip() for n in (1, 2, 3)]
    assert paths == [
        "people/alice/2026-03-04-note.md",
        "people/alice/2026-03-04-note-2.md",
        "people/alice/2026-03-04-note-3.md",
    ]
    assert [split(root / p)[1] for p in paths] == ["\nnote 1\n", "\nnote 2\n", "\nnote 3\n"]
    for path in paths:
        assert stat.S_IMODE((root / path).stat().st_mode) == 0o600


def test_an_empty_note_is_refused_and_nothing_is_written(notes):
    root = notes({"people/alice/s.md": doc("alice", "story", "2026-01-01")})
    result = run(root, "note", "alice", stdin=" \n\n")
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and "empty" in result.stderr.decode()
    assert sorted(p.name for p in (root / "people/alice").iterdir()) == ["s.md"]


def test_outside_a_notes_repository_it_refuses_in_one_line(tmp_path):
    result = run(None, "note", "alice", "hello", cwd=tmp_path)
    assert result.returncode == 2
    message = result.stderr.decode()
    assert message.count("\n") == 1 and "careerkit init" in message and "--root" in message
    assert list(tmp_path.iterdir()) == []
    # --root or CAREERKIT_ROOT says where the notes are: a folder with careerkit.yaml or people/
    assert run(None, "note", "alice", "hello", cwd=tmp_path, env={"CAREERKIT_ROOT": str(tmp_path)}).returncode == 2
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "people" / "alice").mkdir(parents=True)
    assert run(None, "note", "alice", "hello", cwd=tmp_path, env={"CAREERKIT_ROOT": str(tmp_path)}).returncode == 0


def test_a_note_is_only_for_someone_on_the_team_never_a_typo_or_a_prefix(notes):
    root = notes({"people/priya-nair/s.md": doc("priya-nair", "story", "2026-01-01")})
    for typed in ("pri", "priya-niar"):
        for extra in ([], ["--name", "Pri Shah"]):  # a note never starts a person, --name or not
            refused = run(root, "note", typed, "Wants to move to Pune", *extra)
            assert refused.returncode == 2 and refused.stdout == b""
            assert refused.stderr.decode() == (
                f"careerkit: unknown person '{typed}' (did you mean priya-nair?): give their full slug or name, "
                "or start someone new with `careerkit add NAME`; nothing written\n"
            )
    assert sorted(p.relative_to(root).as_posix() for p in (root / "people").rglob("*")) == [
        "people/priya-nair",
        "people/priya-nair/s.md",
    ]
    assert run(root, "add", "Zoë O'Brien").returncode == 0
    assert run(root, "note", "Zoë O'Brien", "hi", "--date", "2026-03-04").stdout.decode() == (
        "people/zoe-obrien/2026-03-04-note.md\n"
    )


def test_notes_written_at_the_same_moment_each_get_their_own_file(notes):
    root = notes({"people/alice/s.md": doc("alice", "story", "2026-01-01")})
    environment = {k: v for k, v in os.environ.items() if k != "CAREERKIT_ROOT"}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "careerkit",
                "--root",
                str(root),
                "note",
                "alice",
                f"note {n}",
                "--date",
                "2026-03-04",
            ],
            stdout=subprocess.PIPE,
            env=environment,
        )
        for n in range(5)
    ]
    printed = sorted(process.communicate()[0].decode().strip() for process in processes)
    assert all(process.returncode == 0 for process in processes)
    assert len(set(printed)) == 5
    bodies = sorted(split(root / path)[1] for path in printed)
    assert bodies == [f"\nnote {n}\n" for n in range(5)]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")
def test_with_git_commit_the_note_is_committed_and_the_message_names_no_one(notes):
    root = notes({"careerkit.yaml": "git: commit\n", "people/alice/s.md": doc("alice", "story", "2026-01-01")})
    env = {
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    git = [["git", "init", "--quiet"], ["git", "add", "-A"], ["git", "commit", "--quiet", "-m", "start"]]
    for argv in git:
        subprocess.run(argv, cwd=root, env=os.environ | env, check=True)
    result = run(root, "note", "alice", "Secret plans", "--date", "2026-03-04", env=env)
    assert result.returncode == 0 and result.stderr == b""
    show = subprocess.run(
        ["git", "show", "--name-only", "--format=%B", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    assert show == ["careerkit:", "new", "note", "people/alice/2026-03-04-note.md"]


def test_an_unreadable_document_elsewhere_is_a_warning_and_the_written_note_exits_0(notes):
    root = notes(
        {
            "people/alice/s.md": doc("alice", "story", "2026-01-01"),
            "people/alice/broken.md": "---\nperson: alice\nstage: note\ndate: 2026-01-03\nfoo: [open\n---\nx\n",
        }
    )
    result = run(root, "note", "alice", "Asked about the offsite", "--date", "2026-03-04")
    assert result.returncode == 0  # exit 1 would say that nothing was written
    assert (root / "people/alice/2026-03-04-note.md").read_text(encoding="utf-8").endswith("Asked about the offsite\n")
    assert result.stderr.decode().startswith("people/alice/broken.md:5: ")
