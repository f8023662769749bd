"""What a shell user meets with the installed `careerkit` program: help that is not cut, a man page, JSON
for scripts, `action edit`, `edit` with their editor, and commit messages that say what changed."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from careerkit.commands.help_text import SUMMARIES
from helpers import action, doc

PROJECT = Path(__file__).resolve().parents[1]
TODAY = "2026-06-01"
PLAN = "people/alice/2026-05-01-plan.md"
SCRIPT = shutil.which("careerkit", path=str(Path(sys.executable).parent)) or "careerkit"


def run(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.pop("CAREERKIT_ROOT", None)
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, env=environment, timeout=120, **kwargs)


@pytest.fixture
def root(notes):
    return notes(
        {
            PLAN: doc(
                "alice",
                "plan",
                "2026-05-01",
                actions=[action(1, "Shadow Bob", due="2026-05-20"), action(2, "Read DDIA", due="2026-05-25")],
            ),
            "people/alice/profile.md": "---\nname: Alice Smith\n---\n",
        }
    )


@pytest.mark.parametrize("columns", ["80", "200"])
def test_help_lists_every_command_with_its_whole_summary_and_examples(columns):
    result = run("--help", env={"COLUMNS": columns})
    assert result.returncode == 0
    for name in ("init", "new", "edit", "due", "action", "completion"):
        assert f"  {SUMMARIES[name]}\n" in result.stdout
    listing = result.stdout.split("Commands:\n")[1].split("\n\n")[0]
    assert "..." not in listing
    assert "Examples:\n    careerkit init" in result.stdout
    assert "Examples:\n    careerkit action edit zoe-obrien 3 --due +1w\n" in run("action", "edit", "--help").stdout


def test_man_careerkit_finds_the_page_installed_in_the_virtual_environment(tmp_path):
    man = shutil.which("man")
    if man is None:
        pytest.skip("no man program here")
    installed = Path(sys.prefix) / "share/man/man1/careerkit.1"
    assert installed.is_file(), "pip install (-e) . puts the man page there"
    assert installed.read_text(encoding="utf-8").startswith('.\\" Generated from the commands')
    # man finds pages in ../share/man beside each folder of PATH: the virtual environment's bin/ is enough
    env = {"PATH": f"{Path(SCRIPT).parent}{os.pathsep}/usr/bin{os.pathsep}/bin", "HOME": str(tmp_path)}
    found = subprocess.run([man, "-w", "careerkit"], capture_output=True, text=True, env=env, check=False)
    assert Path(found.stdout.strip()).resolve() == installed.resolve()


def test_json_into_a_pipe_is_one_compact_line_and_indented_on_a_terminal(root):
    piped = run("--root", str(root), "due", "--today", TODAY, "--json")
    assert piped.returncode == 0 and piped.stdout.count("\n") == 1
    assert piped.stdout.startswith('{"today":"2026-06-01","findings":[{"person":"alice"')
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        on_terminal = subprocess.run(
            [SCRIPT, "--root", str(root), "due", "--today", TODAY, "--json", "--no-pager"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env={**os.environ, "NO_COLOR": "1", "PAGER": "cat"},
            timeout=120,
            check=False,
        )
        os.close(follower)
        shown = b""
        while chunk := _read(leader):
            shown += chunk
    finally:
        os.close(leader)
    assert on_terminal.returncode == 0
    text = shown.decode().replace("\r\n", "\n")
    assert text.startswith('{\n  "today": "2026-06-01",\n  "findings": [\n')
    assert json.loads(text) == json.loads(piped.stdout)


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # the terminal's other end has closed
        return b""


def test_action_edit_gives_a_step_a_new_date_and_takes_one_away(root):
    result = run("--root", str(root), "action", "edit", "alice", "1", "--due", "+2w", "--today", TODAY)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"action 1 edited: {PLAN}\n", "")
    run("--root", str(root), "action", "edit", "Alice Smith", "2", "--no-due")
    text = (root / PLAN).read_text(encoding="utf-8")
    assert "  due: 2026-06-15\n" in text and "2026-05-25" not in text
    refused = run("--root", str(root), "action", "edit", "alice", "1")
    assert (refused.returncode, refused.stderr) == (
        2,
        "careerkit: nothing to change: give --due, --no-due, --title, --skill or --owner\n",
    )


def test_edit_opens_the_newest_document_in_the_editor_of_visual(root, tmp_path):
    seen = tmp_path / "seen"
    editor = f"{shlex.quote(sys.executable)} {shlex.quote(str(_writer(tmp_path, seen)))}"
    result = run("--root", str(root), "edit", "alice", env={"VISUAL": editor, "EDITOR": "false"})
    assert (result.returncode, result.stdout, result.stderr) == (0, f"edited: {PLAN}\n", "")
    assert seen.read_text(encoding="utf-8") == str(root / PLAN)
    missing = run("--root", str(root), "edit", "alice", "story", env={"VISUAL": editor})
    assert (missing.returncode, missing.stderr) == (
        1,
        "careerkit: alice has no story document: write one with `careerkit new story alice`\n",
    )


def _writer(folder: Path, seen: Path) -> Path:
    script = folder / "editor.py"
    script.write_text(
        f"import sys\nopen({str(seen)!r}, 'w').write(sys.argv[1])\nopen(sys.argv[1], 'a').write('Done.\\n')\n",
        encoding="utf-8",
    )
    return script


@pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")
def test_commit_messages_say_the_verb_and_the_action(root, tmp_path):
    env = {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    (root / "careerkit.yaml").write_text("git: commit\n", encoding="utf-8")
    for args in (["init", "--quiet"], ["add", "-A"], ["commit", "--quiet", "-m", "start"]):
        subprocess.run(["git", *args], cwd=root, env={**os.environ, **env}, check=True)
    run("--root", str(root), "action", "done", "alice", "1", "--today", TODAY, env=env)
    run("--root", str(root), "action", "add", "alice", "Ask Priya about the move", "--today", TODAY, env=env)
    log = subprocess.run(["git", "log", "--format=%s"], cwd=root, capture_output=True, text=True, check=True)
    assert log.stdout.splitlines() == ["careerkit: add action 3 to plan", "careerkit: close action 1 (done)", "start"]
