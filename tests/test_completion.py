"""Shell completion through the protocol the shells use: the installed command, with COMP_WORDS and COMP_CWORD."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import action, doc

CAREERKIT = shutil.which("careerkit", path=str(Path(sys.executable).parent)) or "careerkit"


def ask(
    line: str,
    shell: str = "bash",
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    fish_word: str | None = None,
) -> list[str]:
    """What careerkit answers when the shell completes the last word of `line` (after `careerkit `)."""
    words = line.split(" ")
    environment = {k: v for k, v in os.environ.items() if k != "CAREERKIT_ROOT"} | (env or {})
    environment |= {
        "_CAREERKIT_COMPLETE": f"{shell}_complete",
        "COMP_WORDS": "careerkit " + line,
        "COMP_CWORD": fish_word if fish_word is not None else str(len(words)),
    }
    result = subprocess.run([CAREERKIT], capture_output=True, text=True, env=environment, cwd=cwd, check=False)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout.splitlines()


def values(line: str, **kwargs) -> list[str]:
    answer = ask(line, **kwargs)
    assert all(row.startswith("plain,") for row in answer), answer
    return [row.removeprefix("plain,") for row in answer]


@pytest.fixture
def team(notes):
    return notes(
        {
            "people/priya-nair/2026-01-01-plan.md": doc(
                "priya-nair",
                "plan",
                "2026-01-01",
                actions=[
                    action(1, "Shadow Bob"),
                    action(2, "Done", status="done", closed="2026-01-02"),
                    action(12, "Write"),
                ],
            ),
            "people/prince-ali/2026-01-01-story.md": doc("prince-ali", "story", "2026-01-01"),
            "people/pn/profile.md": "---\nname: Bhavna Rao\n---\n",
        }
    )


def test_commands_and_their_subcommands(team):
    assert values(f"--root {team} a") == ["agenda", "action", "add"]
    assert set(values("")) >= {
        "init",
        "new",
        "note",
        "due",
        "agenda",
        "status",
        "log",
        "check",
        "calendar",
        "completion",
        "action",
        "templates",
        "add",
        "leave",
        "pause",
    }
    assert values(f"--root {team} action ") == ["add", "done", "drop", "edit", "keep", "list", "touch"]
    assert values("templates c") == ["copy"]


def test_options_of_the_command_being_typed_and_global_ones(team):
    assert values(f"--root {team} due --w") == ["--within"]
    assert values(f"--root {team} due --json --") == [  # --json is used
        "--fail",
        "--help",
        "--mine",
        "--no-pager",
        "--today",
        "--within",
    ]
    assert values("--r") == ["--root"]
    assert values("calendar --t") == ["--titles", "--today"]


def test_stages(team):
    assert values(f"--root {team} new ") == ["story", "dreams", "plan", "checkin", "note"]
    assert values(f"--root {team} new ch") == ["checkin"]
    assert values("templates copy d") == ["dreams"]


def test_edit_takes_a_person_then_a_stage(team):
    assert values(f"--root {team} edit pri") == ["prince-ali", "priya-nair"]
    assert values(f"--root {team} edit priya-nair ") == ["story", "dreams", "plan", "checkin", "note"]


def test_commands_come_with_their_summaries_in_zsh(team):
    assert ask("ed", shell="zsh") == ["plain", "edit", "Open a person's newest document in your editor."]


def test_people_by_slug_and_by_the_name_in_their_profile(team):
    assert values(f"--root {team} agenda ") == ["pn", "prince-ali", "priya-nair"]
    assert values(f"--root {team} agenda pri") == ["prince-ali", "priya-nair"]
    assert values(f"--root {team} agenda Bha") == ["pn"]  # Bhavna Rao's folder is pn
    assert values(f"--root {team} due priya-nair p") == ["pn", "prince-ali", "priya-nair"]
    assert values(f"--root {team} new note ") == ["pn", "prince-ali", "priya-nair"]
    assert values(f"--root {team} action list --all p") == ["pn", "prince-ali", "priya-nair"]
    assert ask(f"--root {team} log Bh", shell="zsh") == ["plain", "pn", "Bhavna Rao"]


def test_the_notes_repository_is_found_as_the_commands_find_it(team):
    assert values("log p", cwd=team / "people") == ["pn", "prince-ali", "priya-nair"]
    assert values("log pri", env={"CAREERKIT_ROOT": str(team)}) == ["prince-ali", "priya-nair"]
    assert values("--root /no/such/folder log ") == []


@pytest.mark.parametrize("command", ["done", "drop", "touch", "edit"])
def test_open_action_ids_after_action_done_person(team, command):
    assert values(f"--root {team} action {command} priya-nair ") == ["1", "12"]
    assert values(f"--root {team} action {command} priy 1") == ["1", "12"]  # the person by a prefix too
    assert ask(f"--root {team} action {command} priya-nair 1", shell="zsh") == [
        "plain",
        "1",
        "Shadow Bob",
        "plain",
        "12",
        "Write",
    ]
    assert values(f"--root {team} action {command} nobody ") == []


def test_a_title_over_several_lines_is_one_line_of_help(notes):
    root = notes({"people/ann/p.md": doc("ann", "plan", "2026-01-01", actions=[action(3, "Two\nlines\tand a tab")])})
    assert ask(f"--root {root} action done ann ", shell="zsh") == ["plain", "3", "Two lines and a tab"]
    assert ask(f"--root {root} action done ann ", shell="fish", fish_word="") == ["plain,3\tTwo lines and a tab"]


def test_people_come_from_folder_names_even_when_notes_cannot_be_read(team):
    (team / "people/priya-nair/2026-02-01-checkin.md").write_text("---\n: [unclosed\n---\n")
    assert values(f"--root {team} agenda ") == ["pn", "prince-ali", "priya-nair"]


def test_files_and_folders_are_left_to_the_shell(team):
    assert ask(f"--root {team} calendar -o ") == ["file,"]
    assert ask(f"--root {team} check ") == ["file,"]
    assert ask("--root ") == ["dir,"]


def test_fish_passes_the_word_itself(team):
    assert ask(f"--root {team} agenda Bh", shell="fish", fish_word="Bh") == ["plain,pn\tBhavna Rao"]
    assert ask(f"--root {team} new ", shell="fish", fish_word="")[:2] == ["plain,story", "plain,dreams"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_bash_script_completes_in_bash(team):
    script = subprocess.run([CAREERKIT, "completion", "bash"], capture_output=True, text=True, check=True).stdout
    probe = (
        f'{script}\nCOMP_WORDS=(careerkit --root "$ROOT" action done priya-nair "")\nCOMP_CWORD=6\n'
        '_careerkit_complete careerkit\nprintf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "--norc", "-c", probe], capture_output=True, text=True, env=_path_env(team), check=False
    )
    assert result.stdout.splitlines() == ["1", "12"], result.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_each_shells_script(shell):
    result = subprocess.run([CAREERKIT, "completion", shell], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and f"_CAREERKIT_COMPLETE={shell}_complete" in result.stdout
    source = subprocess.run(
        [CAREERKIT],
        capture_output=True,
        text=True,
        check=False,
        env=os.environ | {"_CAREERKIT_COMPLETE": f"{shell}_source"},
    )
    assert source.stdout == result.stdout


def test_an_unknown_shell_is_a_usage_error():
    result = subprocess.run([CAREERKIT, "completion", "tcsh"], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "bash, zsh, fish" in result.stderr


def _path_env(team: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CAREERKIT_ROOT"} | {"ROOT": str(team)}
    env["PATH"] = f"{Path(CAREERKIT).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_the_zsh_script_completes_in_zsh(team):
    """zsh's completion builtins are stood in for by functions that print what they were given."""
    probe = """
compdef() { :; }
_describe() { print -r -- "described"; print -rl -- ${(P)3}; }
compadd() { print -r -- "plain"; print -rl -- ${(P)${@[-1]}}; }
_path_files() { print -r -- "files"; }
source <(careerkit completion zsh)
words=(careerkit --root "$ROOT" action done priya-nair "")
CURRENT=7
_careerkit
words=(careerkit --root "$ROOT" log pri)
CURRENT=5
_careerkit
words=(careerkit --root "$ROOT" calendar -o "")
CURRENT=6
_careerkit
"""
    result = subprocess.run(
        ["zsh", "-f", "-c", probe], capture_output=True, text=True, env=_path_env(team), check=False
    )
    assert result.stdout.splitlines() == [
        "described",
        "1:Shadow Bob",
        "12:Write",
        "plain",
        "prince-ali",
        "priya-nair",
        "files",
    ], result.stderr


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_the_fish_script_completes_in_fish(team):
    """fish's `commandline` is stood in for by a function that gives the line typed so far."""
    probe = """
function commandline
    switch $argv[1]
        case -cp
            echo "careerkit --root $ROOT agenda Bh"
        case "*"
            echo Bh
    end
end
careerkit completion fish | source
__careerkit_complete
"""
    result = subprocess.run(
        ["fish", "--no-config", "-c", probe], capture_output=True, text=True, env=_path_env(team), check=False
    )
    assert result.stdout.splitlines() == ["pn\tBhavna Rao"], result.stderr


def test_help_cannot_drive_the_terminal(notes):
    root = notes({"people/ann/p.md": doc("ann", "plan", "2026-01-01", actions=[action(3, "Red \x1b[31m alert")])})
    assert ask(f"--root {root} action done ann ", shell="zsh") == ["plain", "3", "Red \\x1b[31m alert"]
