"""What careerkit writes: one rule for where (careerkit.fsutil.writable), only what it reads back, and a
failed write that leaves nothing behind and names its file. (Planted links, command by command, are in
test_planted.py.)"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careerkit.cli import app
from careerkit.errors import CareerkitError, UsageError
from careerkit.fs import safe as fsutil
from careerkit.reading import documents
from helpers import action, doc

TODAY = "2026-06-01"
PLAN = "people/alice/2026-05-01-plan.md"


# -- the rule, on its own ------------------------------------------------------------------------------


@pytest.fixture
def root(tmp_path: Path) -> Path:
    notes = tmp_path / "notes"
    for folder in ("people/alice", "templates", ".git/hooks", "shared"):
        (notes / folder).mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    return notes


PLACES = [
    # (kind, where, allowed)
    (fsutil.DOCUMENT, "people/alice/2026-06-01-note.md", True),
    (fsutil.DOCUMENT, "people/2026-06-01-note.md", False),
    (fsutil.DOCUMENT, "templates/2026-06-01-note.md", False),
    (fsutil.DOCUMENT, "people/alice/sub/2026-06-01-note.md", False),
    (fsutil.NOTES_FILE, "careerkit.yaml", True),
    (fsutil.NOTES_FILE, "templates/note.md.j2", True),
    (fsutil.NOTES_FILE, "people/alice/note.md.j2", False),
    (fsutil.NOTES_FILE, ".git/hooks/note.md.j2", False),
    (fsutil.NOTES_FILE, "../outside/note.md.j2", False),
    (fsutil.EXPORT, "../outside/team.html", True),
    (fsutil.EXPORT, "team.html", True),
    (fsutil.EXPORT, "people/team.html", False),
    (fsutil.EXPORT, ".git/hooks/post-checkout", False),
    (fsutil.EXPORT, "missing/team.html", False),
]


@pytest.mark.parametrize(("kind", "where", "allowed"), PLACES)
def test_where_each_kind_of_file_may_be_written(root, kind, where, allowed):
    path = root / where
    if allowed:
        assert fsutil.writable(path, root, kind) == path.resolve()
    else:
        with pytest.raises(CareerkitError):
            fsutil.writable(path, root, kind)


@pytest.mark.parametrize(
    ("link", "target"),
    [("templates", "../outside"), ("templates", ".git"), ("templates", "people/alice"), ("shared/x", "../people")],
)
def test_a_folder_is_judged_by_its_real_path(root, link, target):
    if (root / link).is_dir():
        (root / link).rmdir()
    (root / link).symlink_to(target)
    with pytest.raises(CareerkitError):
        fsutil.writable(root / link / "note.md.j2", root, fsutil.NOTES_FILE)


def test_a_name_is_replaced_only_when_it_holds_a_regular_file(root, tmp_path):
    (root / "careerkit.yaml").write_text("", encoding="utf-8")
    assert fsutil.writable(root / "careerkit.yaml", root, fsutil.NOTES_FILE) == root.resolve() / "careerkit.yaml"
    (root / "linked.html").symlink_to(tmp_path / "outside/page.html")
    os.mkfifo(root / "pipe.html")
    for name, said in (("linked.html", "is a link"), ("pipe.html", "is not a regular file"), ("shared", "is a folder")):
        with pytest.raises(CareerkitError, match=said) as refused:
            fsutil.writable(root / name, root, fsutil.EXPORT)
        assert isinstance(refused.value, UsageError) == (name == "shared")  # a folder: give another name
    # a writer that only creates takes any name in use as taken: the rule does not refuse it
    assert fsutil.writable(root / "linked.html", root, fsutil.EXPORT, replacing=False).name == "linked.html"


# -- writers accept only what readers read (16 MiB) -----------------------------------------------------


def run(root: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if k != "CAREERKIT_ROOT"} | {"NO_COLOR": "1"}
    argv = [sys.executable, "-m", "careerkit", "--root", str(root), *args]
    return subprocess.run(argv, input=stdin, capture_output=True, env=environment, check=False)


def test_a_note_larger_than_careerkit_reads_is_refused_before_anything_is_written(notes):
    root = notes({PLAN: doc("alice", "plan", "2026-05-01")})
    before = sorted(p.name for p in (root / "people/alice").iterdir())
    result = run(root, "note", "alice", "-", "--date", TODAY, stdin=b"said a lot\n" * (2 << 20))  # 22 MiB
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode() == (
        "careerkit: standard input holds more than 16 MiB, more than careerkit reads in a note; nothing written\n"
    )
    assert sorted(p.name for p in (root / "people/alice").iterdir()) == before
    assert run(root, "due", "--today", TODAY).returncode == 0  # every command still reads the notes


@pytest.fixture
def small_limit(monkeypatch):
    """A 4 KiB limit for reading (and so for writing), so that a test need not write 16 MiB."""
    from careerkit.fs import read

    monkeypatch.setattr(read, "MAX_FILE_BYTES", 4096)
    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 4096)


def invoke(root: Path, *args: str, stdin: str | None = None):
    result = CliRunner().invoke(app, ["--root", str(root), *args], input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.usefixtures("small_limit")
def test_text_that_fits_but_not_with_its_frontmatter_is_refused_and_names_the_file(notes):
    root = notes({PLAN: doc("alice", "plan", "2026-05-01")})
    code, out, err = invoke(root, "note", "alice", "-", "--date", TODAY, stdin="x" * 4090)
    assert (code, out) == (1, "")
    assert err.startswith(f"people/alice/{TODAY}-note.md: would be larger than ") and err.count("\n") == 1
    assert err.endswith(" MiB, more than careerkit reads; nothing written\n")
    assert not (root / f"people/alice/{TODAY}-note.md").exists()


@pytest.mark.usefixtures("small_limit")
def test_an_edit_that_would_make_a_document_too_large_to_read_is_refused(notes):
    root = notes({PLAN: doc("alice", "plan", "2026-05-01", body="x" * 3900 + "\n", actions=[action(1)])})
    before = (root / PLAN).read_bytes()
    code, _, err = invoke(root, "action", "add", "alice", "y" * 300, "--today", TODAY)
    assert code == 1 and err.startswith(f"{PLAN}: would be larger than")
    assert (root / PLAN).read_bytes() == before
    code, _, _ = invoke(root, "action", "add", "alice", "short", "--today", TODAY)
    assert code == 0  # what still fits is written


# -- a failed write leaves nothing behind, and names its file ------------------------------------------


@pytest.fixture
def full_disk(monkeypatch):
    """Every file careerkit forces to disk fails as on a full disk (where a write usually fails first)."""

    def no_space(handle):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", no_space)


@pytest.mark.usefixtures("full_disk")
@pytest.mark.parametrize(
    ("args", "file"),
    [
        (("add", "zoe", "--name", "Zoë"), "people/zoe/profile.md"),
        (("new", "story", "Zoe", "--name", "Zoë", "--date", TODAY), "people/zoe/profile.md"),
        (("note", "alice", "Hello", "--date", TODAY), f"people/alice/{TODAY}-note.md"),
    ],
)
def test_a_failed_write_leaves_no_trace_not_even_a_new_persons_folder(notes, args, file):
    root = notes({PLAN: doc("alice", "plan", "2026-05-01")})
    code, out, err = invoke(root, *args)
    assert (code, out) == (1, "")
    assert err == f"{file}: cannot write file: no space left on device\n"
    assert sorted(p.relative_to(root).as_posix() for p in (root / "people").rglob("*")) == ["people/alice", PLAN]


def test_a_pipe_in_place_of_a_lock_is_refused_and_nothing_is_written(notes):
    root = notes({PLAN: doc("alice", "plan", "2026-05-01", actions=[action(1)])})
    (root / ".careerkit/locks").mkdir(parents=True)
    os.mkfifo(root / ".careerkit/locks/alice.lock")
    before = (root / PLAN).read_bytes()
    code, _, err = invoke(root, "action", "done", "alice", "1", "--today", TODAY)
    assert code == 1 and err.startswith(".careerkit/locks/alice.lock: cannot make the lock that keeps two edits apart")
    assert (root / PLAN).read_bytes() == before
