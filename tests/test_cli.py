"""What every command shares: the root, colour, and clean failures."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from careerkit.commands.common import style, use_colour
from helpers import action, doc


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_colour(Terminal()) is True
    assert use_colour(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_colour(Terminal()) is False
    assert style("x", "red", colour=False) == "x"
    assert style("x", "red", colour=True) == "\x1b[31mx\x1b[0m"


def test_a_missing_root_is_a_usage_error(cli, tmp_path):
    result = cli(None, "--root", str(tmp_path / "nowhere"), "due", expect=2)
    assert result.stderr.strip() == f"careerkit: --root: {tmp_path / 'nowhere'} is not a folder"


def test_version(cli):
    assert cli(None, "--version").stdout.startswith("careerkit ")


def test_a_bug_never_prints_a_traceback_or_note_content(tmp_path):
    """An unexpected exception becomes one line naming only its type."""
    root = tmp_path / "notes"
    (root / "people/alice").mkdir(parents=True)
    (root / "people/alice/p.md").write_text(doc("alice", "plan", "2026-01-01", actions=[action(1, "SECRET-TITLE")]),
                                            encoding="utf-8")
    code = (
        "import sys, careerkit.findings as f\n"
        "def boom(*a, **k):\n    secret = 'SECRET-TITLE'\n    raise ValueError(secret)\n"
        "f.find = boom\n"
        f"sys.argv = ['careerkit', '--root', {str(root)!r}, 'due']\n"
        "from careerkit.cli import main\nmain()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "SECRET" not in result.stderr + result.stdout
    assert result.stderr.strip() == ("careerkit: internal error (ValueError). Set CAREERKIT_DEBUG=1 to see details, "
                                     "and please report it.")


@pytest.mark.parametrize("command", [["due"], ["status"], ["agenda", "alice"], ["log", "alice"]])
def test_an_empty_or_missing_people_folder_is_fine(cli, notes, command):
    root = notes({})
    result = cli(root, *command, expect=None)
    assert result.exit_code == (2 if len(command) > 1 else 0)
