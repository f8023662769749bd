"""The command line's habits: one way to say a day everywhere, people found or refused alike, and no command
that runs outside a notes repository."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from careerkit.commands import docgen
from careerkit.errors import UsageError
from careerkit.values.dates import parse_cli_date
from helpers import action, doc

FRIDAY = date(2026, 3, 6)
NOT_A_DAY = "expected a day as YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, a weekday (friday, fri) or eom"
REFUSED = (
    "careerkit: no notes repository here (no careerkit.yaml in this folder or above): "
    "run `careerkit init` or pass `--root`\n"
)


def files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def profile(root: Path, slug: str) -> dict:
    return yaml.safe_load((root / "people" / slug / "profile.md").read_text(encoding="utf-8").split("---\n")[1])


# -- a DAY --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("2026-04-01", date(2026, 4, 1)),
        ("today", FRIDAY),
        ("Tomorrow", date(2026, 3, 7)),
        ("yesterday", date(2026, 3, 5)),
        ("+3d", date(2026, 3, 9)),
        ("+2w", date(2026, 3, 20)),
        ("+1m", date(2026, 4, 6)),
        ("friday", date(2026, 3, 13)),  # the next one after today: on a Friday, a week ahead
        ("fri", date(2026, 3, 13)),
        ("saturday", date(2026, 3, 7)),
        ("MON", date(2026, 3, 9)),
        ("thursday", date(2026, 3, 12)),
        ("eom", date(2026, 3, 31)),
    ],
)
def test_a_day_is_said_as_a_date_a_word_or_a_count_from_today(said, day):
    assert parse_cli_date(said, "--due", FRIDAY) == day


def test_a_month_ahead_of_a_longer_month_ends_at_the_shorter_one():
    assert parse_cli_date("+1m", "--due", date(2026, 1, 31)) == date(2026, 2, 28)
    assert parse_cli_date("eom", "--due", date(2028, 2, 3)) == date(2028, 2, 29)


@pytest.mark.parametrize("said", ["next week", "fridays", "+1y", "3d", "2026/04/01", ""])
def test_anything_else_is_refused_naming_the_option(said):
    with pytest.raises(UsageError) as refused:
        parse_cli_date(said, "--until", FRIDAY)
    assert str(refused.value) == f"--until: {NOT_A_DAY}, got {said!r}"


@pytest.fixture
def team(notes):
    return notes(
        {
            "people/alice/profile.md": "---\nname: Alice Smith\n---\n",
            "people/alice/2026-01-01-plan.md": doc("alice", "plan", "2026-01-01", actions=[action(1)]),
            "people/bob/2026-01-01-story.md": doc("bob", "story", "2026-01-01"),
        }
    )


def test_every_day_option_takes_words_counted_from_today(cli, team):
    today = ["--today", "2026-03-06"]  # a Friday
    cli(team, "action", "add", "alice", "Ship it", "--due", "friday", *today)
    plan = (team / "people/alice/2026-01-01-plan.md").read_text(encoding="utf-8")
    assert "due: 2026-03-13" in plan and "updated: 2026-03-06" in plan
    cli(team, "add", "Carol Diaz", "--since", "tomorrow", *today)
    assert profile(team, "carol-diaz")["since"] == date(2026, 3, 7)
    cli(team, "leave", "bob", "--date", "eom", *today)
    assert profile(team, "bob")["left"] == date(2026, 3, 31)
    cli(team, "pause", "alice", "--until", "+2w", *today)
    assert profile(team, "alice")["paused_until"] == date(2026, 3, 20)
    assert cli(team, "note", "alice", "Said it", "--date", "yesterday", *today).stdout == (
        "people/alice/2026-03-05-note.md\n"
    )
    assert json.loads(cli(team, "due", "--today", "2026-03-05", "--json").stdout)["today"] == "2026-03-05"


@pytest.mark.parametrize(
    "args",
    [
        ["action", "add", "alice", "Ship it", "--due", "someday"],
        ["add", "carol", "--since", "someday"],
        ["leave", "bob", "--date", "someday"],
        ["pause", "bob", "--until", "someday"],
        ["new", "note", "alice", "--date", "someday"],
        ["note", "alice", "x", "--date", "someday"],
        ["due", "--today", "someday"],
        ["log", "alice", "--today", "someday"],
        ["check", "--today", "someday"],
        ["templates", "--today", "someday"],
    ],
)
def test_a_bad_day_is_one_line_naming_the_option_and_nothing_is_written(cli, team, args):
    before = files_under(team)
    option = next(arg for arg in args if arg.startswith("--"))
    result = cli(team, *args, expect=2)
    assert result.stderr == f"careerkit: {option}: {NOT_A_DAY}, got 'someday'\n" and result.stdout == ""
    assert files_under(team) == before


def _leaf_commands() -> list[tuple[list[str], object]]:
    """Every command a user runs (not a group that only holds others), with the words that run it."""
    return [
        (words, command)
        for words, command, context in docgen._commands()
        if words and (not hasattr(command, "list_commands") or command.invoke_without_command)
    ]


def test_every_command_takes_today():
    missing = [
        " ".join(words) for words, command in _leaf_commands() if not any("--today" in p.opts for p in command.params)
    ]
    assert missing == []


# -- people -------------------------------------------------------------------------------------------


def test_status_takes_people_and_shows_someone_who_left_when_named(cli, team):
    cli(team, "leave", "bob", "--date", "2026-02-01")
    rows = json.loads(cli(team, "status", "ali", "--json", "--today", "2026-03-01").stdout)
    assert [row["person"] for row in rows] == ["alice"]
    assert [row["person"] for row in json.loads(cli(team, "status", "--json").stdout)] == ["alice"]
    named = json.loads(cli(team, "status", "bob", "alice", "--json").stdout)
    assert [row["person"] for row in named] == ["bob", "alice"]  # in the order named
    assert "did you mean bob?" in cli(team, "status", "bbo", expect=2).stderr


def test_add_records_the_name_as_given_when_there_is_no_name_option(cli, notes):
    root = notes({})
    assert cli(root, "add", "Sam Lee", "--today", "2026-03-01").stdout == "people/sam-lee/profile.md\n"
    assert profile(root, "sam-lee") == {"name": "Sam Lee", "role": None, "since": date(2026, 3, 1)}


@pytest.mark.parametrize(
    ("args", "how"),
    [
        (["new", "story", "alcie"], 'add --name "Their Name" to start someone new'),
        (["new", "note", "ali"], 'add --name "Their Name" to start someone new'),  # a start is not enough
        (["note", "alcie", "Wants to move to Pune"], "start someone new with `careerkit add NAME`"),
        (["note", "alcie", "Wants to move to Pune", "--name", "Alcie"], "start someone new with `careerkit add NAME`"),
    ],
)
def test_writing_for_someone_not_on_the_team_is_refused_with_a_suggestion(cli, team, args, how):
    before = files_under(team)
    result = cli(team, *args, expect=2)
    typed = args[2] if args[0] == "new" else args[1]
    assert result.stderr == (
        f"careerkit: unknown person '{typed}' (did you mean alice?): give their full slug or name, or {how}; "
        "nothing written\n"
    )
    assert files_under(team) == before
    assert sorted(p.name for p in (team / "people").iterdir()) == ["alice", "bob"]  # no folder either


def test_an_action_for_someone_not_on_the_team_is_refused_with_a_suggestion(cli, team):
    before = files_under(team)
    result = cli(team, "action", "add", "alcie", "Ship it", expect=2)
    assert result.stderr == "careerkit: unknown person 'alcie' (did you mean alice?)\n"
    assert files_under(team) == before


def test_new_starts_someone_only_when_given_their_name(cli, team):
    started = cli(team, "new", "story", "Carol Diaz", "--name", "Carol Diaz", "--date", "2026-03-01")
    assert started.stdout.splitlines() == ["people/carol-diaz/profile.md", "people/carol-diaz/2026-03-01-story.md"]
    assert cli(team, "note", "Carol Diaz", "Said it", "--date", "2026-03-02").stdout == (
        "people/carol-diaz/2026-03-02-note.md\n"
    )


def test_a_note_for_someone_unknown_is_refused_before_its_text_is_read(cli, team, monkeypatch):
    class Untouchable(io.BytesIO):
        def read(self, *args: object) -> bytes:
            raise AssertionError("standard input was read")

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(Untouchable()))
    assert "unknown person 'carol'" in cli(team, "note", "carol", expect=2).stderr


# -- outside a notes repository -----------------------------------------------------------------------

ARGUMENTS = {"stage": "note", "ident": "1", "shell": "bash", "title": "Ship it", "text": "Said it"}


def _invocations() -> list[list[str]]:
    """Each command with its arguments filled in (`alice` for a person), as a user might type it."""
    runs = []
    for words, command in _leaf_commands():
        if words[0] in ("init", "completion"):
            continue
        args = [
            ARGUMENTS.get(p.name, "alice") for p in command.params if p.param_type_name == "argument" and p.required
        ]
        runs.append([*words, *args, *(["--end"] if words == ["pause"] else [])])
    return runs


@pytest.mark.parametrize("args", _invocations(), ids=" ".join)
def test_every_command_refuses_to_run_outside_a_notes_repository(cli, tmp_path, monkeypatch, args):
    code = tmp_path / "some-code-repository"
    (code / "src").mkdir(parents=True)
    monkeypatch.chdir(code)
    result = cli(None, *args, expect=2)
    assert result.stderr == REFUSED and result.stdout == ""
    assert files_under(tmp_path) == {}
    refused = cli(code, *args, expect=2)  # a --root that holds neither careerkit.yaml nor people/
    assert refused.stderr.startswith(f"careerkit: --root: {code} is not a notes repository")
    assert files_under(tmp_path) == {}


def test_init_completion_help_and_version_work_anywhere(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "complete" in cli(None, "completion", "bash").stdout
    assert cli(None, "--version").stdout.startswith("careerkit ")
    assert "Usage:" in cli(None, "status", "--help").stdout
    cli(None, "init", "--no-git", "--today", "2026-03-01")
    assert cli(None, "status").stdout == "No people yet: careerkit add NAME\n"
