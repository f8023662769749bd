"""`git: commit` in careerkit.yaml: each writing command commits exactly what it wrote, in a real git repository."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from helpers import action, doc, fake_editor

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")
TODAY = "2026-06-01"
PLAN = "people/alice/2026-05-01-plan.md"


@pytest.fixture
def repo(notes, monkeypatch):
    """A notes repository in git with `git: commit`, one person and one commit."""
    for key, value in {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(key, value)
    root = notes(
        {
            "careerkit.yaml": "git: commit\n",
            PLAN: doc("alice", "plan", "2026-05-01", actions=[action(1, "Shadow Bob", status="open")]),
            "people/alice/profile.md": "---\nname: Alice\n---\n",
            "people/bob/profile.md": "---\nname: Bob\n---\n",
        }
    )
    git(root, "init", "--quiet")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "start")
    return root


def git(root, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def last_commit(root) -> tuple[str, list[str]]:
    """The newest commit's message and the files it changed."""
    message = git(root, "log", "-1", "--format=%B").strip()
    files = git(root, "show", "--name-only", "--format=", "HEAD").split()
    return message, files


@pytest.mark.parametrize(
    "args, message, files",
    [
        (["action", "add", "alice", "Read a book about it"], "careerkit: add action 2 to plan", [PLAN]),
        (["action", "done", "alice", "1"], "careerkit: close action 1 (done)", [PLAN]),
        (["action", "drop", "alice", "1"], "careerkit: close action 1 (dropped)", [PLAN]),
        (["action", "touch", "alice", "1"], "careerkit: touch action 1", [PLAN]),
        (["action", "edit", "alice", "1", "--due", "+2w"], "careerkit: edit action 1", [PLAN]),
        (["add", "cyd", "--name", "Cyd Charisse"], "careerkit: add a person", ["people/cyd/profile.md"]),
        (["leave", "bob"], "careerkit: a person left the team", ["people/bob/profile.md"]),
        (["pause", "bob", "--until", "+1m"], "careerkit: pause", ["people/bob/profile.md"]),
        (
            ["new", "checkin", "alice", "--date", TODAY],
            "careerkit: new checkin",
            ["people/alice/2026-06-01-checkin.md"],
        ),
        (
            ["new", "story", "Zoë O'Brien", "--name", "Zoë O'Brien", "--date", TODAY],
            "careerkit: new story",
            ["people/zoe-obrien/2026-06-01-story.md", "people/zoe-obrien/profile.md"],
        ),
        (
            ["note", "alice", "Would like to run the next retro", "--date", TODAY],
            "careerkit: new note",
            ["people/alice/2026-06-01-note.md"],
        ),
    ],
)
def test_each_writing_command_commits_what_it_wrote(cli, repo, args, message, files):
    out = cli(repo, *args, "--today", TODAY) if args[0] not in ("new", "note") else cli(repo, *args)
    assert out.stderr == ""
    got_message, got_files = last_commit(repo)
    assert got_message == message
    assert sorted(got_files) == sorted(files)
    assert git(repo, "status", "--porcelain") == ""


def test_the_message_names_no_person_and_quotes_no_text(cli, repo, tmp_path, monkeypatch):
    cli(repo, "action", "add", "alice", "Ask Bob about the secret project", "--today", TODAY)
    cli(repo, "action", "edit", "alice", "2", "--title", "Ask Bob about the secret merger", "--skill", "diplomacy")
    cli(repo, "new", "story", "Zoë O'Brien", "--name", "Zoë O'Brien", "--date", TODAY)
    cli(repo, "note", "alice", "Worried about the reorg", "--date", TODAY)
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, "Thinking of leaving for Acme.\n"))
    cli(repo, "edit", "alice", "note")
    log = git(repo, "log", "--format=%B")
    for word in ("alice", "Alice", "Bob", "secret", "merger", "diplomacy", "Zo", "obrien", "reorg", "Acme"):
        assert word not in log


def test_the_log_reads_as_a_history_of_what_changed(cli, repo, tmp_path, monkeypatch):
    """`git log` says what each commit did (`git log --stat` names whose folder), not the same line each time."""
    cli(repo, "new", "checkin", "alice", "--date", TODAY)  # prepared, not yet held: new actions go to the plan
    cli(repo, "action", "add", "alice", "Pair on the design review", "--today", TODAY)
    cli(repo, "action", "done", "alice", "1", "--today", TODAY)
    cli(repo, "action", "edit", "alice", "2", "--due", "+3w", "--today", TODAY)
    cli(repo, "action", "drop", "alice", "2", "--today", TODAY)
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, "\nThey chose the design review.\n"))
    cli(repo, "edit", "alice", "checkin")
    assert git(repo, "log", "--format=%s").splitlines() == [
        "careerkit: edit checkin",
        "careerkit: close action 2 (dropped)",
        "careerkit: edit action 2",
        "careerkit: close action 1 (done)",
        "careerkit: add action 2 to plan",
        "careerkit: new checkin",
        "start",
    ]


def test_edit_commits_only_a_document_that_changed(cli, repo, tmp_path, monkeypatch):
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path))  # opens the file and leaves it as it was
    head = git(repo, "rev-parse", "HEAD")
    assert cli(repo, "edit", "alice").stdout == f"not changed: {PLAN}\n"
    assert git(repo, "rev-parse", "HEAD") == head
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, "More notes.\n"))
    assert cli(repo, "edit", "alice").stdout == f"edited: {PLAN}\n"
    assert last_commit(repo) == ("careerkit: edit plan", [PLAN])


def test_only_the_written_files_are_committed_and_the_rest_stays_as_it_was(cli, repo):
    (repo / "people/bob/profile.md").write_text("---\nname: Bob Lee\n---\n")  # changed, not staged
    (repo / "people/alice/profile.md").write_text("---\nname: Alice Smith\n---\n")
    git(repo, "add", "people/alice/profile.md")  # staged by the user
    (repo / "people/alice/draft.txt").write_text("draft")  # untracked
    cli(repo, "action", "done", "alice", "1", "--today", TODAY)
    assert last_commit(repo)[1] == [PLAN]
    assert git(repo, "status", "--porcelain").splitlines() == [
        "M  people/alice/profile.md",
        " M people/bob/profile.md",
        "?? people/alice/draft.txt",
    ]


def test_a_refused_commit_leaves_the_change_and_says_so_exit_0(cli, repo):
    hook = repo / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho 'the hook says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    out = cli(repo, "action", "done", "alice", "1", "--today", TODAY)
    assert out.stdout == f"action 1 done: {PLAN}\n"
    assert "the hook says no" in out.stderr
    assert out.stderr.endswith("careerkit: warning: not committed (`git commit` failed); the change is written\n")
    assert "status: done" in (repo / PLAN).read_text()
    assert last_commit(repo)[0] == "start"


def test_the_users_hooks_run(cli, repo):
    hook = repo / ".git/hooks/commit-msg"
    hook.write_text('#!/bin/sh\necho "Signed-off-by: Test" >> "$1"\n')
    hook.chmod(0o755)
    cli(repo, "leave", "bob", "--today", TODAY)
    assert last_commit(repo)[0].splitlines() == ["careerkit: a person left the team", "Signed-off-by: Test"]


def test_no_commit_without_the_setting(cli, repo):
    (repo / "careerkit.yaml").write_text("# git: commit\n")
    git(repo, "commit", "--quiet", "-am", "no commits")
    cli(repo, "action", "done", "alice", "1", "--today", TODAY)
    assert last_commit(repo)[0] == "no commits"
    assert git(repo, "status", "--porcelain") == f" M {PLAN}\n"


def test_nothing_committed_when_nothing_changed(cli, repo):
    cli(repo, "leave", "bob", "--today", TODAY)
    head = git(repo, "rev-parse", "HEAD")
    out = cli(repo, "leave", "bob", "--today", TODAY)
    assert "nothing changed" in out.stdout and out.stderr == ""
    assert git(repo, "rev-parse", "HEAD") == head


def test_outside_a_git_repository_the_change_is_written_with_a_warning(cli, notes, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = notes({"careerkit.yaml": "git: commit\n", "people/bob/profile.md": "---\nname: Bob\n---\n"})
    out = cli(root, "leave", "bob", "--today", TODAY)
    assert out.stderr == (
        "careerkit: warning: not committed (the notes are not in a git repository); the change is written\n"
    )
    assert "left: 2026-06-01" in (root / "people/bob/profile.md").read_text()


@pytest.mark.parametrize("value, problem", [("always", True), ("yes", True), ("off", False), ("commit", False)])
def test_an_invalid_git_setting_is_reported_by_check(cli, notes, value, problem):
    root = notes({"careerkit.yaml": f"git: {value}\n"})
    out = cli(root, "check", expect=1 if problem else 0)
    message = "careerkit.yaml:1: error: `git` should be `commit` (or `off`); not committing"
    assert (message in out.stdout) is problem


def test_a_file_name_with_glob_characters_commits_that_file_alone(cli, repo):
    """The written file's name is a literal path for git: `p*.md` must not also match profile.md or a draft."""
    glob_named = "people/alice/p*.md"
    git(repo, "mv", PLAN, glob_named)
    git(repo, "commit", "--quiet", "-m", "a name of my own")
    (repo / "people/alice/profile.md").write_text("---\nname: Alice Smith\n---\n")  # changed, not staged
    (repo / "people/alice/private-draft.md").write_text(doc("alice", "note", "2026-05-20"))  # untracked
    out = cli(repo, "action", "done", "alice", "1", "--today", TODAY)
    assert out.stderr == ""
    assert last_commit(repo) == ("careerkit: close action 1 (done)", [glob_named])
    assert git(repo, "status", "--porcelain").splitlines() == [
        " M people/alice/profile.md",
        "?? people/alice/private-draft.md",
    ]


@pytest.fixture
def enclosing(tmp_path, monkeypatch):
    """A code or dotfiles repository with the notes (and `git: commit`) in a folder inside it."""
    for key, value in {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(key, value)
    outer = tmp_path / "dotfiles"
    root = outer / "notes"
    (root / "people/bob").mkdir(parents=True)
    (root / "careerkit.yaml").write_text("git: commit\n")
    (root / "people/bob/profile.md").write_text("---\nname: Bob\n---\n")
    (outer / ".bashrc").write_text("# mine\n")
    git(outer, "init", "--quiet")
    git(outer, "add", "-A")
    git(outer, "commit", "--quiet", "-m", "start")
    return outer, root


def test_notes_inside_another_repository_are_never_committed_into_it(cli, enclosing):
    outer, root = enclosing
    out = cli(root, "leave", "bob", "--today", TODAY)
    assert out.stdout.startswith("left: 2026-06-01: people/bob/profile.md\n")
    assert out.stderr == (
        "careerkit: warning: not committed (the notes folder is inside another git repository, "
        "not the top of its own); the change is written\n"
    )
    assert "left: 2026-06-01" in (root / "people/bob/profile.md").read_text()
    assert last_commit(outer)[0] == "start"
    assert git(outer, "status", "--porcelain") == " M notes/people/bob/profile.md\n"  # nothing staged either


def test_a_repository_named_by_git_dir_is_never_used_either(cli, enclosing, monkeypatch):
    """GIT_DIR (a hook's, or a dotfiles alias's export) must not lead the commit into another repository."""
    outer, root = enclosing
    notes = outer.parent / "notes"
    root.rename(notes)
    monkeypatch.setenv("GIT_DIR", str(outer / ".git"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(outer.parent))
    out = cli(notes, "leave", "bob", "--today", TODAY)
    assert "not committed (the notes are not in a git repository)" in out.stderr
    monkeypatch.delenv("GIT_DIR")
    assert last_commit(outer)[0] == "start"


def test_notes_reached_through_a_link_to_their_repository_are_committed(cli, repo, tmp_path):
    link = tmp_path / "link-to-notes"
    link.symlink_to(repo, target_is_directory=True)
    cli(link, "leave", "bob", "--today", TODAY)
    assert last_commit(repo) == ("careerkit: a person left the team", ["people/bob/profile.md"])


def test_what_the_commit_adds_to_git_is_readable_by_its_owner_only(cli, repo):
    """The notes go into .git/objects: even in a repository careerkit did not make owner-only."""
    old = os.umask(0o022)
    try:
        cli(repo, "leave", "bob", "--today", TODAY)
    finally:
        os.umask(old)
    blob = git(repo, "rev-parse", "HEAD:people/bob/profile.md").strip()
    stored = repo / ".git/objects" / blob[:2] / blob[2:]
    assert stored.stat().st_mode & 0o077 == 0
