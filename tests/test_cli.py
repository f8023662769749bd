"""What every command shares: the root, colour, and clean failures."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from careerkit.commands.options import style, use_colour
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
    (root / "people/alice/p.md").write_text(
        doc("alice", "plan", "2026-01-01", actions=[action(1, "SECRET-TITLE")]), encoding="utf-8"
    )
    code = (
        "import sys, careerkit.rules.findings as f\n"
        "def boom(*a, **k):\n    secret = 'SECRET-TITLE'\n    raise ValueError(secret)\n"
        "f.find = boom\n"
        f"sys.argv = ['careerkit', '--root', {str(root)!r}, 'due']\n"
        "from careerkit.cli import main\nmain()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "SECRET" not in result.stderr + result.stdout
    assert result.stderr.strip() == (
        "careerkit: internal error (ValueError). Set CAREERKIT_DEBUG=1 to see details, and please report it."
    )


@pytest.mark.parametrize("command", [["due"], ["status"], ["agenda", "alice"], ["log", "alice"]])
def test_an_empty_or_missing_people_folder_is_fine(cli, notes, command):
    root = notes({})
    result = cli(root, *command, expect=None)
    assert result.exit_code == (2 if len(command) > 1 else 0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["due", "--fial"],
            "careerkit: No such option: --fial (Possible options: --fail) (see `careerkit due --help`)",
        ),
        (
            ["due", "--within", "-1"],
            "careerkit: Invalid value for '--within': -1 is not in the range x>=0. (see `careerkit due --help`)",
        ),
        (
            ["due", "--within", "soon"],
            "careerkit: Invalid value for '--within': 'soon' is not a valid int range. (see `careerkit due --help`)",
        ),
        (["retro"], "careerkit: No such command 'retro'. (see `careerkit --help`)"),
        (["agenda"], "careerkit: Missing argument 'PERSON'. (see `careerkit agenda --help`)"),
    ],
)
def test_wrong_usage_is_one_line_and_exit_2(cli, notes, args, message):
    result = cli(notes({}), *args, expect=2)
    assert result.stderr.strip() == message
    assert result.stdout == ""


def test_a_person_folder_whose_name_ends_in_a_newline_is_not_a_person(cli, notes):
    root = notes(
        {
            "people/carl\n/2026-01-01-story.md": doc("carl", "story", "2026-01-01"),
            "people/dana/2026-01-01-story.md": doc("dana", "story", "2026-01-01"),
        }
    )
    result = cli(root, "status", "--json", "--today", "2026-02-01", expect=1)
    assert [row["person"] for row in json.loads(result.stdout)] == ["dana"]
    # the line break in the name is shown, not printed: it cannot start a line of its own
    assert result.stderr.startswith("people/carl\\n: folder name is not a valid person slug (rename it to carl)")
    assert "error: folder name is not a valid person slug" in cli(root, "check", expect=1).stdout
