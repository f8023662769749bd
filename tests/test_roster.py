"""`careerkit add`, `leave`, `pause` and `status --all`: the roster kept in profiles, byte-exactly."""

from __future__ import annotations

import json
import os
import stat
from datetime import date

import pytest
import yaml

from helpers import doc

TODAY = "2026-06-01"


def profile(root, slug: str = "priya-nair") -> dict:
    text = (root / "people" / slug / "profile.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_add_starts_a_person_with_an_owner_only_folder_and_profile(cli, notes):
    root = notes({})
    out = cli(
        root,
        "add",
        "priya-nair",
        "--name",
        "Priya Nair",
        "--role",
        "Backend engineer",
        "--since",
        "2026-05-04",
        "--today",
        TODAY,
    )
    assert out.stdout == "people/priya-nair/profile.md\n"
    assert profile(root) == {"name": "Priya Nair", "role": "Backend engineer", "since": date(2026, 5, 4)}
    assert stat.S_IMODE((root / "people/priya-nair").stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "people/priya-nair/profile.md").stat().st_mode) == 0o600


def test_add_takes_a_name_as_the_person_and_defaults_since_to_today(cli, notes):
    root = notes({})
    cli(root, "add", "Zoë O'Brien", "--name", "Zoë O'Brien", "--today", TODAY)
    assert profile(root, "zoe-obrien") == {"name": "Zoë O'Brien", "role": None, "since": date(2026, 6, 1)}


def test_add_writes_values_as_data_never_as_yaml_text(cli, notes):
    root = notes({})
    cli(root, "add", "eve", "--name", "Eve: admin # not a comment", "--role", "'x', left: 2020-01-01")
    assert profile(root, "eve")["name"] == "Eve: admin # not a comment"
    assert "left" not in profile(root, "eve")


def test_add_never_overwrites_a_profile(cli, notes):
    root = notes({"people/priya-nair/profile.md": "---\nname: Priya\n---\nMy own words.\n"})
    before = (root / "people/priya-nair/profile.md").read_bytes()
    out = cli(root, "add", "priya-nair", "--name", "Someone Else", expect=1)
    assert out.stderr == (
        "people/priya-nair/profile.md: already exists; not changed "
        "(edit it by hand, or use `careerkit leave` or `careerkit pause`)\n"
    )
    assert (root / "people/priya-nair/profile.md").read_bytes() == before


def test_add_gives_a_profile_to_a_folder_that_has_none(cli, notes):
    root = notes({"people/bob/2026-01-01-note.md": doc("bob", "note", "2026-01-01")})
    cli(root, "add", "bob", "--name", "Bob Lee")
    assert profile(root, "bob")["name"] == "Bob Lee"


@pytest.mark.parametrize(
    "args, message",
    [
        (["add", "two\nlines"], "NAME: must be a single line"),
        (["add", "Con"], "people/con, which Windows cannot hold"),
        (["add", "bob", "--since", "someday"], "--since: expected a day as"),
        (["add", "!!!", "--name", "X"], "is not a usable person name"),
        (["add", "bob", "--name", "X", "--since", "2026-02-30"], "--since: 2026-02-30 is not a real date"),
        (["add", "bob", "--name", "two\nlines"], "--name: must be a single line"),
    ],
)
def test_add_refuses_bad_usage_with_one_line(cli, notes, args, message):
    root = notes({})
    out = cli(root, *args, expect=2)
    assert message in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert not (root / "people").exists() or not any((root / "people").iterdir())


def test_writing_roster_commands_refuse_outside_a_notes_repository(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = cli(None, "add", "bob", "--name", "Bob", expect=2)
    assert "careerkit init" in out.stderr
    assert not (tmp_path / "people").exists()


PROFILE_CRLF = "---\r\nname: 'Priya Nair'   # as she writes it\r\nrole: Backend\r\n\r\n# cadence\r\n---\r\nbody\r\n"


def test_leave_adds_one_line_and_keeps_every_other_byte(cli, notes):
    root = notes({"people/priya-nair/profile.md": PROFILE_CRLF.encode()})
    out = cli(root, "leave", "Priya Nair", "--date", "2026-06-30", "--today", TODAY)
    assert out.stdout.splitlines()[0] == "left: 2026-06-30: people/priya-nair/profile.md"
    assert (root / "people/priya-nair/profile.md").read_bytes() == PROFILE_CRLF.replace(
        "role: Backend\r\n", "role: Backend\r\nleft: 2026-06-30\r\n"
    ).encode()


def test_leave_defaults_to_today_and_replaces_an_earlier_date_in_place(cli, notes):
    text = "---\nname: Bob\nleft: 2020-01-01  # wrong\nrole: x\n---\n"
    root = notes({"people/bob/profile.md": text})
    cli(root, "leave", "bob", "--today", TODAY)
    assert (root / "people/bob/profile.md").read_text() == text.replace("2020-01-01", TODAY)
    again = cli(root, "leave", "bob", "--today", TODAY)
    assert again.stdout.splitlines()[0] == f"people/bob/profile.md already says left: {TODAY}; nothing changed"


def test_leave_without_a_profile_writes_a_minimal_owner_only_one(cli, notes):
    root = notes({"people/bob/2026-01-01-note.md": doc("bob", "note", "2026-01-01")})
    out = cli(root, "leave", "bob", "--today", TODAY)
    assert out.stdout.splitlines()[0] == f"left: {TODAY}: people/bob/profile.md (a new profile)"
    assert (root / "people/bob/profile.md").read_text() == f"---\nleft: {TODAY}\n---\n"
    assert stat.S_IMODE((root / "people/bob/profile.md").stat().st_mode) == 0o600


def test_leave_an_unknown_person_is_a_usage_error(cli, notes):
    root = notes({"people/bob/profile.md": "---\nname: Bob\n---\n"})
    out = cli(root, "leave", "bobby", expect=2)
    assert "unknown person 'bobby'" in out.stderr
    assert not (root / "people/bobby").exists()


def test_leave_refuses_a_profile_it_cannot_edit_byte_exactly(cli, notes):
    text = "---\nname: Bob\nleft: |\n  some day\n---\n"
    root = notes({"people/bob/profile.md": text})
    out = cli(root, "leave", "bob", expect=1)
    assert out.stderr.startswith("people/bob/profile.md: ")
    assert (root / "people/bob/profile.md").read_text() == text


def test_pause_until_a_date_and_end_it(cli, notes):
    text = "---\nname: Bob\n---\n"
    root = notes({"people/bob/profile.md": text})
    cli(root, "pause", "bob", "--until", "+3m", "--today", TODAY)
    assert (root / "people/bob/profile.md").read_text() == "---\nname: Bob\npaused_until: 2026-09-01\n---\n"
    cli(root, "pause", "bob", "--end", "--today", "2026-07-01")
    assert (root / "people/bob/profile.md").read_text() == "---\nname: Bob\npaused_until: 2026-07-01\n---\n"
    out = cli(root, "pause", "bob", "--end", "--today", "2026-07-02")
    assert out.stdout == "bob is not paused; nothing changed\n"


PAUSED = "---\nname: Bob\npaused_until: 2026-09-01\n---\n"


def _odd_profile(root, kind: str) -> None:
    """Put at people/bob/profile.md a profile careerkit cannot read (each records a pause, where it can)."""
    path = root / "people/bob/profile.md"
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "link outside":
        (root.parent / "elsewhere.md").write_text(PAUSED)
        path.symlink_to("../../../elsewhere.md")
    elif kind == "broken link":
        path.symlink_to("nowhere.md")
    else:
        path.write_bytes(
            {
                "bad YAML": PAUSED.replace("---\n", "---\nx: [\n", 1).encode(),
                "not UTF-8": PAUSED.encode() + b"\xff\xfe",
                "not a mapping": b"---\n- Bob\n- paused\n---\n",
                "no frontmatter": b"Bob is paused until 2026-09-01\n",
            }[kind]
        )


@pytest.mark.parametrize(
    "kind",
    ["bad YAML", "not UTF-8", "not a mapping", "no frontmatter", "folder", "pipe", "link outside", "broken link"],
)
def test_ending_a_pause_in_a_profile_that_cannot_be_read_names_the_problem_as_leave_does(cli, notes, kind):
    """Never "not paused; nothing changed" while the profile may record a pause: the same line as `leave`."""
    root = notes({"people/bob/.keep": ""})
    _odd_profile(root, kind)
    before = sorted(path.name for path in (root / "people/bob").iterdir())
    left = cli(root, "leave", "bob", "--today", TODAY, expect=1)
    ended = cli(root, "pause", "bob", "--end", "--today", TODAY, expect=1)
    assert ended.stdout == ""
    assert ended.stderr == left.stderr
    assert ended.stderr.startswith("people/bob/profile.md") and ended.stderr.count("\n") == 1
    assert sorted(path.name for path in (root / "people/bob").iterdir()) == before
    until = cli(root, "pause", "bob", "--until", "2026-07-01", "--today", TODAY, expect=1)
    assert until.stderr == left.stderr
    added = cli(root, "add", "bob", "--name", "Bob", "--today", TODAY, expect=1)
    assert added.stderr.startswith("people/bob/profile.md: already exists; not changed")
    assert sorted(path.name for path in (root / "people/bob").iterdir()) == before


@pytest.mark.parametrize("value", ["soon", "2026-02-30", "[2026-09-01]", "{at: 2026-09-01}"])
def test_ending_a_pause_whose_date_is_not_a_date_names_its_line(cli, notes, value):
    text = f"---\nname: Bob\npaused_until: {value}\n---\n"
    root = notes({"people/bob/profile.md": text})
    out = cli(root, "pause", "bob", "--end", "--today", TODAY, expect=1)
    assert out.stderr == "people/bob/profile.md:3: `paused_until` should be a date (YYYY-MM-DD); not changed\n"
    assert (root / "people/bob/profile.md").read_text() == text


@pytest.mark.parametrize(
    "text",
    [
        "---\nname: Bob\n---\n",
        "---\n---\n",
        "---\nname: Bob\npaused_until: 2026-06-01\n---\n",
        "---\nname: Bob\npaused_until:\n---\n",
    ],
)
def test_ending_a_pause_that_is_not_there_changes_nothing(cli, notes, text):
    root = notes({"people/bob/profile.md": text})
    out = cli(root, "pause", "bob", "--end", "--today", TODAY)
    assert out.stdout == "bob is not paused; nothing changed\n"
    assert (root / "people/bob/profile.md").read_text() == text


def test_ending_a_pause_for_a_person_without_a_profile_writes_none(cli, notes):
    root = notes({"people/bob/2026-05-01-note.md": doc("bob", "note", "2026-05-01")})
    out = cli(root, "pause", "bob", "--end", "--today", TODAY)
    assert out.stdout == "bob is not paused; nothing changed\n"
    assert not (root / "people/bob/profile.md").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["pause", "bob"], "give either --until DAY or --end"),
        (["pause", "bob", "--until", "2026-09-01", "--end"], "give either --until DAY or --end"),
        (
            ["pause", "bob", "--until", TODAY],
            f"--until: {TODAY} is not after today ({TODAY}); to end a pause, use --end",
        ),
        (["pause", "bob", "--until", "2026-01-01"], "is not after today"),
    ],
)
def test_pause_refuses_a_date_that_is_not_ahead(cli, notes, args, message):
    root = notes({"people/bob/profile.md": "---\nname: Bob\n---\n"})
    out = cli(root, *args, "--today", TODAY, expect=2)
    assert message in out.stderr
    assert (root / "people/bob/profile.md").read_text() == "---\nname: Bob\n---\n"


def test_status_lists_people_who_left_only_with_all(cli, notes):
    root = notes(
        {
            "people/ann/profile.md": "---\nname: Ann\n---\n",
            "people/bob/profile.md": "---\nname: Bob\nleft: 2026-05-01\n---\n",
            "people/cyd/profile.md": "---\nname: Cyd\nleft: 2026-07-01\n---\n",  # leaves later: still on the team
        }
    )
    rows = json.loads(cli(root, "status", "--json", "--today", TODAY).stdout)
    assert [row["person"] for row in rows] == ["ann", "cyd"]
    everyone = json.loads(cli(root, "status", "--json", "--all", "--today", TODAY).stdout)
    assert [(row["person"], row["left"]) for row in everyone] == [
        ("ann", None),
        ("bob", "2026-05-01"),
        ("cyd", "2026-07-01"),
    ]
    text = cli(root, "status", "--all", "--today", TODAY).stdout
    assert "left on 2026-05-01" in text and "leaves on 2026-07-01" in text
    assert "Bob" not in cli(root, "status", "--today", TODAY).stdout


def test_a_person_added_is_never_started_from_since_and_a_leaver_drops_out(cli, notes):
    root = notes({})
    cli(root, "add", "priya-nair", "--name", "Priya Nair", "--since", "2026-04-04", "--today", TODAY)
    due = json.loads(cli(root, "due", "--json", "--today", TODAY).stdout)
    assert [(f["person"], f["kind"], f["date"]) for f in due["findings"]] == [
        ("priya-nair", "never-started", "2026-05-04")  # 30 days after she joined
    ]
    cli(root, "pause", "priya-nair", "--until", "2026-07-01", "--today", TODAY)
    assert json.loads(cli(root, "due", "--json", "--today", TODAY).stdout)["findings"] == []
    cli(root, "pause", "priya-nair", "--end", "--today", "2026-06-10")
    assert json.loads(cli(root, "due", "--json", "--today", "2026-06-10").stdout)["findings"] == []  # grace
    back = json.loads(cli(root, "due", "--json", "--today", "2026-07-10").stdout)["findings"]
    assert [(f["kind"], f["date"]) for f in back] == [("never-started", "2026-07-10")]  # one cadence after
    cli(root, "leave", "priya-nair", "--today", "2026-06-10")
    assert json.loads(cli(root, "due", "--json", "--today", "2026-06-10").stdout)["findings"] == []
    assert json.loads(cli(root, "status", "--json", "--today", "2026-06-10").stdout) == []


@pytest.mark.parametrize(
    "before, after",
    [
        ("\ufeff---\r\nname: Bob\r\n---\r\n", "\ufeff---\r\nname: Bob\r\nleft: 2026-06-01\r\n---\r\n"),
        ("---\n{name: Bob}\n---\nbody\n", "---\n{name: Bob, left: 2026-06-01}\n---\nbody\n"),
        ("---\nleft: '2020-01-01'  # quoted\n---\n", "---\nleft: 2026-06-01  # quoted\n---\n"),
        ("---\nname: Bob\nleft:\nrole: x\n---\n", "---\nname: Bob\nleft: 2026-06-01\nrole: x\n---\n"),
        ("---\n# nothing yet\n---\n", "---\n# nothing yet\nleft: 2026-06-01\n---\n"),
        ("---\nname: Bob\nnotes: |\n  a block\n---\n", "---\nname: Bob\nnotes: |\n  a block\nleft: 2026-06-01\n---\n"),
    ],
)
def test_set_keys_changes_only_the_line_of_the_key(before, after):
    from careerkit.writing import edit

    assert edit.set_keys(before, {"left": date(2026, 6, 1)}) == after


@pytest.mark.parametrize(
    "text",
    [
        "---\n- a list\n---\n",
        "---\n{}\n---\n",
        "---\nleft: &x 2020-01-01\nother: *x\n---\n",
        "---\nleft: [2020-01-01]\n---\n",
    ],
)
def test_set_keys_refuses_what_it_cannot_change_byte_exactly(text):
    from careerkit.writing import edit

    with pytest.raises(edit.EditRefused):
        edit.set_keys(text, {"left": date(2026, 6, 1)})


@pytest.mark.parametrize(
    "command, words",
    [
        ("add", ["--name", "--role", "--since"]),
        ("leave", ["--date"]),
        ("pause", ["--until", "--end"]),
        ("status", ["--all"]),
        ("due", ["--mine", "--no-pager"]),
        ("agenda", ["--json", "--no-pager"]),
        ("log", ["--json", "--no-pager"]),
    ],
)
def test_the_installed_command_explains_each_option(command, words):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "careerkit", command, "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for word in words:
        assert word in out.stdout


def test_leave_and_pause_at_once_both_land(notes):
    """Run side by side (a script and a cron job, say), neither change is lost: each holds the person's lock."""
    import subprocess
    import sys

    root = notes({"people/bob/profile.md": "---\nname: Bob\n---\n"})
    base = [sys.executable, "-m", "careerkit", "--root", str(root)]
    runs = [
        subprocess.Popen([*base, "leave", "bob", "--date", "2026-12-31", "--today", TODAY]),
        subprocess.Popen([*base, "pause", "bob", "--until", "2026-09-01", "--today", TODAY]),
        subprocess.Popen([*base, "add", "cyd", "--name", "Cyd", "--today", TODAY]),
    ]
    assert [run.wait(timeout=60) for run in runs] == [0, 0, 0]
    data = profile(root, "bob")
    assert (data["left"], data["paused_until"]) == (date(2026, 12, 31), date(2026, 9, 1))
