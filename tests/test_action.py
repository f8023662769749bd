"""`careerkit action add|done|drop|touch|edit|list`, through the CLI: exact bytes after every edit, every refusal.

Each edit is checked by comparing the whole file with the text expected: the
input with only the intended lines changed (`swap` says which). Files are
hand-written: comments, both quoting styles, odd indents, blank lines, a body
with a `---` rule and an indented line, and (where a test says so) CRLF.
"""

from __future__ import annotations

import json
import os
import stat
import textwrap
from datetime import date
from pathlib import Path

import pytest

from careerkit.fs import safe as fsutil
from careerkit.writing import edit
from helpers import action, doc

TODAY = "2026-06-01"
PLAN = "people/alice/2026-05-01-plan.md"
SECRET = "SECRET-NOTE-TEXT"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

HAND_PLAN = textwrap.dedent("""\
    ---
    # Alice's plan: written by hand
    person: alice
    stage: plan        # conversation 3
    date: 2026-05-01
    skills:
        - skill: system design
          resources: ["Book: DDIA"]
    actions:
        -   id: 1
            title: "Shadow Bob in two hiring loops"   # with Bob
            due: 2026-06-15
            status: open

        -   id: 2
            title: 'Read DDIA, chapter 1'
            skill: system design
            status: open
            updated: 2026-05-20
    ---
    Notes from our talk.

    ---
        an indented line, and no final newline""")


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def swap(text: str, old: str, new: str) -> str:
    """`text` with `old` (which must occur exactly once) replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def read(root: Path, rel: str = PLAN) -> str:
    return (root / rel).read_bytes().decode("utf-8")


def files(root: Path) -> dict[str, bytes]:
    """Every file under people/, by relative path: to show that nothing changed."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted((root / "people").rglob("*"))
        if path.is_file()
    }


def hand_plan(notes, newline: str = "\n", **more: str | bytes) -> Path:
    text = HAND_PLAN if newline == "\n" else crlf(HAND_PLAN)
    return notes({PLAN: text.encode("utf-8"), **more})


def findings(cli, root, *args: str) -> list[tuple[str, int | None]]:
    report = json.loads(cli(root, "due", "--today", TODAY, "--json", *args).stdout)
    return [(f["kind"], f["action"]) for f in report["findings"]]


# -- add ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_add_appends_after_the_last_action_in_its_style(cli, notes, newline):
    root = hand_plan(notes, newline)
    result = cli(root, "action", "add", "alice", "Write the design doc", "--due", "2026-07-01", "--today", TODAY)
    assert result.stdout == f"action 3 added: {PLAN}\n"
    assert result.stderr == ""
    new_item = (
        "        updated: 2026-05-20\n"
        "    -   id: 3\n"
        "        title: 'Write the design doc'\n"  # quoted as its neighbour's title is
        "        due: 2026-07-01\n"
        "        status: open\n"
        "        updated: 2026-06-01\n"
    )
    expected = swap(HAND_PLAN, "        updated: 2026-05-20\n", new_item)
    assert read(root) == (expected if newline == "\n" else crlf(expected))


def test_add_writes_every_option_in_the_order_of_the_spec(cli, notes):
    plan = "---\nperson: alice\nstage: plan\ndate: 2026-05-01\nactions: [{id: 1, title: Ship it}]  # one so far\n---\n"
    root = notes({PLAN: plan.encode()})
    cli(
        root,
        "action",
        "add",
        "alice",
        "Pair on the RFC",
        "--owner",
        "bob",
        "--skill",
        "system design",
        "--due",
        "2026-07-01",
        "--today",
        TODAY,
    )
    assert read(root) == swap(
        plan,
        "{id: 1, title: Ship it}",
        "{id: 1, title: Ship it}, {id: 2, title: Pair on the RFC, owner: bob, "
        "skill: system design, due: 2026-07-01, status: open, updated: 2026-06-01}",
    )


@pytest.mark.parametrize(
    ("title", "written"),
    [
        ("Read a book", "Read a book"),
        ("Zoë's plan", "Zoë's plan"),
        ("Zoë's #1 goal", "'Zoë''s #1 goal'"),
        ("Lead: the Q3 review", "'Lead: the Q3 review'"),
        ("yes", "'yes'"),
        ("2026-07-01", "'2026-07-01'"),
        ("C# and F#", "C# and F#"),
        ("Ask: #hiring", "'Ask: #hiring'"),
        ("  spaced out  ", "spaced out"),
    ],
)
def test_add_quotes_a_title_only_when_it_must(cli, notes, title, written):
    plan = "---\nstage: plan\ndate: 2026-05-01\nactions:\n  - id: 1\n    title: Ship it\n---\n"
    root = notes({PLAN: plan.encode()})
    cli(root, "action", "add", "alice", title, "--today", TODAY)
    assert read(root) == swap(
        plan,
        "    title: Ship it\n",
        f"    title: Ship it\n  - id: 2\n    title: {written}\n    status: open\n    updated: 2026-06-01\n",
    )
    assert json.loads(cli(root, "action", "list", "alice", "--json").stdout)[1]["title"] == title.strip()


def test_add_starts_a_list_in_the_style_of_the_files_other_lists(cli, notes):
    plan = (
        "---\r\nperson: alice\r\nstage: plan\r\ndate: 2026-05-01\r\nlearns_best:\r\n-   pairing\r\n-   reading\r\n"
        "# no actions yet\r\n---\r\nBody.\r\n"
    )
    root = notes({PLAN: plan.encode()})
    cli(root, "action", "add", "alice", "Read a book", "--today", TODAY)
    assert read(root) == swap(
        plan,
        "-   reading\r\n",
        "-   reading\r\nactions:\r\n-   id: 1\r\n"
        "    title: Read a book\r\n    status: open\r\n    updated: 2026-06-01\r\n",
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("actions:\n", "actions:\n  - id: 1\n    title: Read a book\n    status: open\n    updated: 2026-06-01\n"),
        (
            "actions: []   # none yet\n",
            "actions:   # none yet\n  - id: 1\n    title: Read a book\n    status: open\n    updated: 2026-06-01\n",
        ),
        ("actions: ~\n", "actions:\n  - id: 1\n    title: Read a book\n    status: open\n    updated: 2026-06-01\n"),
    ],
)
def test_add_to_an_empty_actions_list(cli, notes, written, expected):
    plan = f"---\nstage: plan\ndate: 2026-05-01\n{written}---\n"
    root = notes({PLAN: plan.encode()})
    cli(root, "action", "add", "alice", "Read a book", "--today", TODAY)
    assert read(root) == swap(plan, written, expected)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_add_to_a_plan_whose_frontmatter_is_empty(cli, notes, newline):
    plan = "\ufeff---\n...\nThe stage and date come from the file name.\n".replace("\n", newline)
    root = notes({PLAN: plan.encode()})
    cli(root, "action", "add", "alice", "Read a book", "--today", TODAY)
    assert read(root) == (
        "\ufeff---\nactions:\n  - id: 1\n    title: Read a book\n    status: open\n"
        "    updated: 2026-06-01\n...\nThe stage and date come from the file name.\n"
    ).replace("\n", newline)


def test_add_goes_to_the_newest_plan_or_checkin_with_the_next_id_of_any_document(cli, notes):
    root = notes(
        {
            "people/alice/2026-03-01-plan.md": doc("alice", "plan", "2026-03-01", actions=[action(4), action(7)]),
            "people/alice/2026-05-01-checkin.md": "---\nperson: alice\nstage: checkin\ndate: 2026-05-01\n---\nOK.\n",
            "people/alice/2026-05-20-note.md": doc("alice", "note", "2026-05-20", actions=[action(2)]),
        }
    )
    before = files(root)
    result = cli(root, "action", "add", "alice", "Read a book", "--today", TODAY)
    assert result.stdout == "action 8 added: people/alice/2026-05-01-checkin.md\n"
    assert read(root, "people/alice/2026-05-01-checkin.md") == (
        "---\nperson: alice\nstage: checkin\ndate: 2026-05-01\nactions:\n  - id: 8\n    title: Read a book\n"
        "    status: open\n    updated: 2026-06-01\n---\nOK.\n"
    )
    after = files(root)
    del before["people/alice/2026-05-01-checkin.md"], after["people/alice/2026-05-01-checkin.md"]
    assert after == before


@pytest.mark.parametrize(
    ("today", "due", "expected"),
    [
        ("2026-06-01", "+0d", "2026-06-01"),
        ("2026-06-01", "+3d", "2026-06-04"),
        ("2026-06-29", "+3d", "2026-07-02"),
        ("2026-06-01", "+2w", "2026-06-15"),
        ("2026-12-25", "+1w", "2027-01-01"),
        ("2026-06-15", "+1m", "2026-07-15"),
        ("2026-01-31", "+1m", "2026-02-28"),
        ("2024-01-31", "+1m", "2024-02-29"),
        ("2026-03-31", "+1m", "2026-04-30"),
        ("2026-12-31", "+1m", "2027-01-31"),
        ("2024-02-29", "+12m", "2025-02-28"),
        ("2026-06-01", "2026-06-30", "2026-06-30"),
    ],
)
def test_add_due_dates_absolute_and_relative(cli, notes, today, due, expected):
    root = notes({PLAN: doc("alice", "plan", "2026-05-01", actions=[action(1)])})
    cli(root, "action", "add", "alice", "Ship it", "--due", due, "--today", today)
    assert read(root).endswith(
        f"- id: 2\n  title: Ship it\n  due: {expected}\n  status: open\n  updated: {today}\n---\nNotes.\n"
    )


NOT_A_DAY = "expected a day as YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, a weekday (friday, fri) or eom"


@pytest.mark.parametrize(
    ("due", "message"),
    [
        ("2026-02-30", "careerkit: --due: 2026-02-30 is not a real date\n"),
        ("2026-13-01", "careerkit: --due: 2026-13-01 is not a real date\n"),
        ("next week", f"careerkit: --due: {NOT_A_DAY}, got 'next week'\n"),
        ("+3", f"careerkit: --due: {NOT_A_DAY}, got '+3'\n"),
        ("-3d", f"careerkit: --due: {NOT_A_DAY}, got '-3d'\n"),
        ("+9999w", "careerkit: --due: +9999w from 9999-12-15 is past the last date there is\n"),
        ("+1m", "careerkit: --due: +1m from 9999-12-15 is past the last date there is\n"),
    ],
)
def test_add_refuses_a_bad_due_date(cli, notes, due, message):
    root = hand_plan(notes)
    before = files(root)
    today = "9999-12-15" if due.startswith("+") else TODAY
    result = cli(root, "action", "add", "alice", "Ship it", "--due", due, "--today", today, expect=2)
    assert result.stderr == message
    assert files(root) == before


@pytest.mark.parametrize("only", ["2026-05-01-story.md", "2026-05-01-checkin.md"])
def test_add_refuses_without_a_plan_and_says_how_to_make_one(cli, notes, only):
    root = notes({f"people/alice/{only}": doc("alice", only[11:-3], "2026-05-01")})
    before = files(root)
    result = cli(root, "action", "add", "alice", "Read a book", "--today", TODAY, expect=1)
    assert result.stderr == (
        "careerkit: alice has no plan yet: make one with `careerkit new plan alice`, then add actions\n"
    )
    assert result.stdout == ""
    assert files(root) == before


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("   ", "careerkit: TITLE: must not be empty\n"),
        ("two\nlines", "careerkit: TITLE: must be a single line of text (no line breaks or control characters)\n"),
    ],
)
def test_add_refuses_a_title_that_is_not_one_line(cli, notes, title, message):
    root = hand_plan(notes)
    before = files(root)
    assert cli(root, "action", "add", "alice", title, expect=2).stderr == message
    assert files(root) == before


def test_add_without_today_uses_the_local_date(cli, notes):
    root = notes({PLAN: doc("alice", "plan", "2026-05-01", actions=[action(1)])})
    before = date.today().isoformat()
    cli(root, "action", "add", "alice", "Ship it")
    after = date.today().isoformat()
    assert read(root).endswith((f"  updated: {before}\n---\nNotes.\n", f"  updated: {after}\n---\nNotes.\n"))


def test_add_finds_the_person_by_name(cli, notes):
    root = notes(
        {
            PLAN: doc("alice", "plan", "2026-05-01", actions=[action(1)]),
            "people/alice/profile.md": "---\nname: Alice Liddell\n---\n",
        }
    )
    assert (
        cli(root, "action", "add", "Alice Liddell", "Ship it", "--today", TODAY).stdout == f"action 2 added: {PLAN}\n"
    )


def test_add_notes_a_skill_that_the_plan_does_not_name(cli, notes):
    root = hand_plan(notes)
    result = cli(root, "action", "add", "alice", "Ship it", "--skill", "sql", "--today", TODAY)
    assert result.stderr == f"careerkit: note: 'sql' is not one of the skills in {PLAN}\n"
    assert "        skill: sql\n" in read(root)


# -- done and drop -------------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_done_sets_status_and_closed(cli, notes, newline):
    root = hand_plan(notes, newline)
    result = cli(root, "action", "done", "alice", "1", "--today", TODAY)
    assert result.stdout == f"action 1 done: {PLAN}\n"
    expected = swap(HAND_PLAN, "        status: open\n\n", "        status: done\n        closed: 2026-06-01\n\n")
    assert read(root) == (expected if newline == "\n" else crlf(expected))


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_drop_sets_status_and_closed_after_the_last_key(cli, notes, newline):
    root = hand_plan(notes, newline)
    assert cli(root, "action", "drop", "alice", "2", "--today", TODAY).stdout == f"action 2 dropped: {PLAN}\n"
    expected = swap(
        HAND_PLAN,
        "        status: open\n        updated: 2026-05-20\n",
        "        status: dropped\n        updated: 2026-05-20\n        closed: 2026-06-01\n",
    )
    assert read(root) == (expected if newline == "\n" else crlf(expected))


def test_done_fills_an_empty_closed_and_keeps_quotes_and_comments(cli, notes):
    plan = (
        "---\nstage: plan\ndate: 2026-05-01\nactions:\n"
        "- id: 1\n"
        '  status: "open"   # still going\n'
        "  closed:   # the day it ends\n"
        "  title: Ship it\n"
        "---\n"
    )
    root = notes({PLAN: plan.encode()})
    cli(root, "action", "done", "alice", "1", "--today", TODAY)
    assert read(root) == swap(swap(plan, '"open"   #', '"done"   #'), "closed:   #", "closed: 2026-06-01   #")


def test_done_on_a_flow_item(cli, notes):
    plan = "---\nstage: plan\ndate: 2026-05-01\nactions:\n  - { id: 1, title: 'Ship it', status: open }\n---\n"
    root = notes({PLAN: plan.encode()})
    cli(root, "action", "done", "alice", "1", "--today", TODAY)
    assert read(root) == swap(plan, "status: open }", "status: done, closed: 2026-06-01 }")


def test_done_on_an_action_that_is_already_done_changes_nothing(cli, notes):
    root = notes(
        {PLAN: doc("alice", "plan", "2026-05-01", actions=[action(1, status="done", closed="2026-05-02"), action(2)])}
    )
    before = files(root)
    result = cli(root, "action", "done", "alice", "1", "--today", TODAY)
    assert result.stdout == f"action 1 is already done since 2026-05-02; nothing changed: {PLAN}\n"
    assert files(root) == before


def test_drop_on_a_done_action_drops_it_today(cli, notes):
    plan = "---\nstage: plan\ndate: 2026-05-01\nactions:\n- id: 1\n  status: done\n  closed: 2026-05-02\n---\n"
    root = notes({PLAN: plan.encode()})
    cli(root, "action", "drop", "alice", "1", "--today", TODAY)
    assert read(root) == swap(
        plan, "  status: done\n  closed: 2026-05-02\n", "  status: dropped\n  closed: 2026-06-01\n"
    )


def test_done_changes_the_newest_copy_of_a_repeated_id(cli, notes):
    root = notes(
        {
            PLAN: doc("alice", "plan", "2026-05-01", actions=[action(1, "Ship it")]),
            "people/alice/2026-05-20-checkin.md": doc("alice", "checkin", "2026-05-20", actions=[action(1, "Ship it")]),
        }
    )
    plan_before = read(root)
    checkin_before = read(root, "people/alice/2026-05-20-checkin.md")
    result = cli(root, "action", "done", "alice", "1", "--today", TODAY)
    assert result.stdout == "action 1 done: people/alice/2026-05-20-checkin.md\n"
    assert read(root) == plan_before
    assert read(root, "people/alice/2026-05-20-checkin.md") == swap(
        checkin_before, "  title: Ship it\n", "  title: Ship it\n  status: done\n  closed: 2026-06-01\n"
    )


@pytest.mark.parametrize("command", [["done"], ["drop"], ["touch"], ["edit", "--no-due"]])
def test_an_unknown_id_changes_nothing(cli, notes, command):
    root = hand_plan(notes)
    before = files(root)
    result = cli(root, "action", command[0], "alice", "9", *command[1:], "--today", TODAY, expect=2)
    assert (
        result.stderr == "careerkit: alice has no action 9 (their actions are 1-2; "
        "see careerkit action list alice --all)\n"
    )
    assert files(root) == before


@pytest.mark.parametrize(
    "args",
    [
        ["add", "bob", "Ship it"],
        ["done", "bob", "1"],
        ["drop", "bob", "1"],
        ["touch", "bob", "1"],
        ["edit", "bob", "1", "--title", "Ship it"],
        ["list", "bob"],
    ],
)
def test_an_unknown_person_is_a_usage_error(cli, notes, args):
    root = hand_plan(notes)
    before = files(root)
    result = cli(root, "action", *args, expect=2)
    assert result.stderr == "careerkit: unknown person 'bob' (no such folder under people/)\n"
    assert files(root) == before


# -- touch ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_touch_replaces_updated_in_place(cli, notes, newline):
    root = hand_plan(notes, newline)
    assert cli(root, "action", "touch", "alice", "2", "--today", TODAY).stdout == f"action 2 touched: {PLAN}\n"
    expected = swap(HAND_PLAN, "updated: 2026-05-20", "updated: 2026-06-01")
    assert read(root) == (expected if newline == "\n" else crlf(expected))


def test_touch_adds_updated_when_there_is_none(cli, notes):
    root = hand_plan(notes)
    cli(root, "action", "touch", "alice", "1", "--today", TODAY)
    assert read(root) == swap(
        HAND_PLAN, "        status: open\n\n", "        status: open\n        updated: 2026-06-01\n\n"
    )


def test_touch_twice_on_one_day_changes_nothing_the_second_time(cli, notes):
    root = hand_plan(notes)
    cli(root, "action", "touch", "alice", "2", "--today", TODAY)
    before = files(root)
    result = cli(root, "action", "touch", "alice", "2", "--today", TODAY)
    assert result.stdout == f"action 2 was already updated 2026-06-01; nothing changed: {PLAN}\n"
    assert files(root) == before


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_touch_refuses_a_closed_action(cli, notes, status):
    root = notes({PLAN: doc("alice", "plan", "2026-05-01", actions=[action(1, status=status, closed="2026-05-02")])})
    before = files(root)
    result = cli(root, "action", "touch", "alice", "1", "--today", TODAY, expect=1)
    assert result.stderr == (
        f"careerkit: action 1 is {status}: touch records progress on open actions "
        f"(to reopen it, set `status: open` in {PLAN})\n"
    )
    assert files(root) == before


# -- edit ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_edit_gives_a_step_a_new_date_in_place(cli, notes, newline):
    root = hand_plan(notes, newline)
    result = cli(root, "action", "edit", "alice", "1", "--due", "+3w", "--today", TODAY)
    assert (result.stdout, result.stderr) == (f"action 1 edited: {PLAN}\n", "")
    expected = swap(HAND_PLAN, "due: 2026-06-15", "due: 2026-06-22")
    assert read(root) == (expected if newline == "\n" else crlf(expected))


def test_edit_adds_a_date_after_the_last_key_and_keeps_a_titles_quotes(cli, notes):
    root = hand_plan(notes)
    cli(root, "action", "edit", "alice", "2", "--due", "2026-07-01", "--title", "Read DDIA, chapter 2")
    expected = swap(HAND_PLAN, "'Read DDIA, chapter 1'", "'Read DDIA, chapter 2'")
    assert read(root) == swap(expected, "updated: 2026-05-20\n", "updated: 2026-05-20\n        due: 2026-07-01\n")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_edit_no_due_takes_out_only_the_due_line(cli, notes, newline):
    root = hand_plan(notes, newline)
    cli(root, "action", "edit", "alice", "1", "--no-due", "--skill", "hiring")
    expected = swap(
        HAND_PLAN, "        due: 2026-06-15\n        status: open\n", "        status: open\n        skill: hiring\n"
    )
    assert read(root) == (expected if newline == "\n" else crlf(expected))


@pytest.mark.parametrize(
    ("item", "after"),
    [
        ("{ id: 1, title: 'Ship it', due: 2026-06-15, status: open }", "{ id: 1, title: 'Ship it', status: open }"),
        ("{due: 2026-06-15, id: 1}", "{id: 1}"),
    ],
)
def test_edit_no_due_on_a_flow_item(cli, notes, item, after):
    plan = f"---\nstage: plan\ndate: 2026-05-01\nactions:\n  - {item}   # agreed\n---\n"
    root = notes({PLAN: plan.encode()})
    cli(root, "action", "edit", "alice", "1", "--no-due")
    assert read(root) == swap(plan, item, after)


def test_edit_no_due_on_the_first_key_of_an_item_moves_the_next_key_up(cli, notes):
    plan = (
        "---\nstage: plan\ndate: 2026-05-01\nactions:\n"
        "  - due: 2026-06-15   # soon\n    id: 1\n    title: Ship it\n---\n"
    )
    root = notes({PLAN: plan.encode()})
    cli(root, "action", "edit", "alice", "1", "--no-due")
    assert read(root) == swap(plan, "  - due: 2026-06-15   # soon\n    id: 1\n", "  - id: 1\n")


def test_edit_sets_the_owner_so_a_step_becomes_your_promise(cli, notes):
    root = hand_plan(notes)
    cli(root, "action", "edit", "alice", "1", "--owner", "manager", "--due", "2026-05-30")
    assert "        status: open\n        owner: manager\n\n" in read(root)
    report = json.loads(cli(root, "due", "--today", TODAY, "--json").stdout)
    assert [(f["kind"], f["owner"]) for f in report["findings"] if f["action"] == 1] == [("action-due", "manager")]


def test_a_new_date_ends_the_finding_of_a_step_that_passed_its_date(cli, notes):
    root = hand_plan(notes)
    assert ("action-due", 1) in findings(cli, root, "--within", "30")
    cli(root, "action", "edit", "alice", "1", "--due", "+5w", "--today", TODAY)
    assert ("action-due", 1) not in findings(cli, root, "--within", "30")


def test_edit_changes_the_newest_copy_of_a_repeated_id_even_when_done(cli, notes):
    checkin = "people/alice/2026-05-20-checkin.md"
    root = notes(
        {
            PLAN: doc("alice", "plan", "2026-05-01", actions=[action(1, "Ship it")]),
            checkin: doc("alice", "checkin", "2026-05-20", actions=[action(1, "Ship it", status="done")]),
        }
    )
    plan_before, checkin_before = read(root), read(root, checkin)
    assert cli(root, "action", "edit", "alice", "1", "--title", "Ship v1").stdout == f"action 1 edited: {checkin}\n"
    assert read(root) == plan_before
    assert read(root, checkin) == swap(checkin_before, "title: Ship it", "title: Ship v1")


def test_edit_to_the_values_it_has_changes_nothing(cli, notes):
    root = hand_plan(notes)
    before = files(root)
    result = cli(root, "action", "edit", "alice", "2", "--no-due", "--skill", "system design")
    assert result.stdout == f"action 2 already says so; nothing changed: {PLAN}\n"
    assert files(root) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "nothing to change: give --due, --no-due, --title, --skill or --owner"),
        (["--due", "+1w", "--no-due"], "--due and --no-due: give one of them"),
        (
            ["--due", "soon"],
            "--due: expected a day as YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, a weekday (friday, fri) or eom, "
            "got 'soon'",
        ),
        (["--title", " "], "--title: must not be empty"),
        (["--owner", "a\nb"], "--owner: must be a single line of text (no line breaks or control characters)"),
    ],
)
def test_edit_refuses_wrong_usage_and_writes_nothing(cli, notes, args, message):
    root = hand_plan(notes)
    before = files(root)
    result = cli(root, "action", "edit", "alice", "1", *args, "--today", TODAY, expect=2)
    assert result.stderr == f"careerkit: {message}\n"
    assert files(root) == before


def test_a_due_key_that_cannot_be_taken_out_alone_is_refused(cli, notes):
    plan = "---\nstage: plan\ndate: 2026-05-01\nactions:\n  - {id: 1, # agreed\n     due: 2026-06-15}\n---\n"
    root = notes({PLAN: plan.encode()})
    result = cli(root, "action", "edit", "alice", "1", "--no-due", expect=1)
    assert result.stderr == (
        f"{PLAN}: action 1: `due` is written in a form careerkit does not remove; edit it by hand\n"
    )
    assert read(root) == plan


# -- list ----------------------------------------------------------------------------------------------


def listed(notes):
    return notes(
        {
            PLAN: doc(
                "alice",
                "plan",
                "2026-05-01",
                actions=[
                    action(1, "Ship it", due="2026-05-20"),
                    action(2, "Demo", due=TODAY),
                    action(3, "Read a book", updated="2026-04-25"),  # 37 days ago: the cadence (30) and a week
                    action(4, "Pair on the RFC", due="2026-07-01", updated="2026-05-30", owner="bob", skill="design"),
                    action(5, "Old idea", status="done", closed="2026-05-15"),
                    action(6, "Dead end", status="dropped", closed="2026-05-16", due="2026-05-10"),
                ],
            )
        }
    )


def test_list_shows_open_actions_and_how_each_stands(cli, notes):
    result = cli(listed(notes), "action", "list", "alice", "--today", TODAY)
    assert result.stdout.splitlines() == [
        f"#1  past its date  due 2026-05-20  Ship it  {PLAN}",
        f"#2  due today      due 2026-06-01  Demo  {PLAN}",
        f"#3  stale          no due date     Read a book  {PLAN}",
        f"#4  on track       due 2026-07-01  Pair on the RFC (owner: bob, skill: design)  {PLAN}",
    ]
    assert result.stderr == ""


def test_list_says_late_only_of_your_own_promise_and_never_overdue(cli, notes):
    root = notes(
        {
            PLAN: doc(
                "alice",
                "plan",
                "2026-05-01",
                actions=[action(1, "Ship it", due="2026-05-20"), action(2, "Intro", due="2026-05-20", owner="manager")],
            )
        }
    )
    result = cli(root, "action", "list", "alice", "--today", TODAY)
    assert result.stdout.splitlines() == [
        f"#1  past its date  due 2026-05-20  Ship it  {PLAN}",
        f"#2  late           due 2026-05-20  Intro (owner: manager)  {PLAN}",
    ]
    assert "overdue" not in result.stdout


def test_list_all_adds_closed_actions_in_aligned_columns(cli, notes):
    result = cli(listed(notes), "action", "list", "alice", "--all", "--today", TODAY)
    assert result.stdout.splitlines() == [
        f"#1  past its date  due 2026-05-20     Ship it  {PLAN}",
        f"#2  due today      due 2026-06-01     Demo  {PLAN}",
        f"#3  stale          no due date        Read a book  {PLAN}",
        f"#4  on track       due 2026-07-01     Pair on the RFC (owner: bob, skill: design)  {PLAN}",
        f"#5  done           closed 2026-05-15  Old idea  {PLAN}",
        f"#6  dropped        due 2026-05-10     Dead end  {PLAN}",
    ]


def test_list_json_has_exactly_these_keys(cli, notes):
    rows = json.loads(cli(listed(notes), "action", "list", "alice", "--all", "--json", "--today", TODAY).stdout)
    assert [list(row) for row in rows] == [
        ["id", "title", "status", "state", "owner", "due", "updated", "closed", "skill", "file"]
    ] * 6
    assert rows[3] == {
        "id": 4,
        "title": "Pair on the RFC",
        "status": "open",
        "state": "on track",
        "owner": "bob",
        "due": "2026-07-01",
        "updated": "2026-05-30",
        "closed": None,
        "skill": "design",
        "file": PLAN,
    }
    assert rows[4] == {
        "id": 5,
        "title": "Old idea",
        "status": "done",
        "state": "done",
        "owner": "alice",
        "due": None,
        "updated": None,
        "closed": "2026-05-15",
        "skill": None,
        "file": PLAN,
    }
    assert [(row["id"], row["state"]) for row in rows] == [
        (1, "overdue"),
        (2, "due today"),
        (3, "stale"),
        (4, "on track"),
        (5, "done"),
        (6, "dropped"),
    ]
    opened = json.loads(cli(listed(notes), "action", "list", "alice", "--json", "--today", TODAY).stdout)
    assert [row["id"] for row in opened] == [1, 2, 3, 4]


def test_list_without_actions_says_how_to_add_one(cli, notes):
    root = notes({PLAN: doc("alice", "plan", "2026-05-01", actions=[action(1, status="done", closed=TODAY)])})
    assert (
        cli(root, "action", "list", "alice").stdout
        == 'No open actions for alice. Add one: careerkit action add alice "TITLE" --due +2w\n'
    )
    assert json.loads(cli(root, "action", "list", "alice", "--json").stdout) == []


# -- what `careerkit due` sees afterwards --------------------------------------------------------------


def test_touch_makes_a_stale_action_no_longer_stale(cli, notes):
    root = notes({PLAN: doc("alice", "plan", "2026-04-01", actions=[action(1, "Read a book")])})
    assert ("action-stale", 1) not in findings(cli, root)  # counted in no-progress
    assert ("no-progress", None) in findings(cli, root)
    assert [
        row["state"] for row in json.loads(cli(root, "action", "list", "alice", "--json", "--today", TODAY).stdout)
    ] == ["stale"]
    cli(root, "action", "touch", "alice", "1", "--today", TODAY)
    assert ("action-stale", 1) not in findings(cli, root)
    assert ("no-progress", None) not in findings(cli, root)
    assert [
        row["state"] for row in json.loads(cli(root, "action", "list", "alice", "--json", "--today", TODAY).stdout)
    ] == ["on track"]


def test_done_clears_an_overdue_action_and_the_last_one_leaves_the_plan_out_of_actions(cli, notes):
    root = notes(
        {PLAN: doc("alice", "plan", "2026-05-25", actions=[action(1, due="2026-05-30"), action(2, due="2026-07-01")])}
    )
    assert findings(cli, root) == [("action-due", 1)]
    cli(root, "action", "done", "alice", "1", "--today", TODAY)
    assert findings(cli, root) == [("steps-finished", None)]  # finished since the plan: to celebrate
    cli(root, "action", "drop", "alice", "2", "--today", TODAY)
    assert findings(cli, root) == [("out-of-actions", None)]


def test_add_ends_out_of_actions_and_its_due_date_is_reported(cli, notes):
    root = notes({PLAN: doc("alice", "plan", "2026-05-25", actions=[action(1, status="done", closed="2026-05-30")])})
    assert findings(cli, root) == [("out-of-actions", None)]
    cli(root, "action", "add", "alice", "Ship it", "--due", "+3d", "--today", TODAY)
    assert findings(cli, root) == [("steps-finished", None)]  # no longer out of actions; still to celebrate
    assert findings(cli, root, "--within", "3") == [("steps-finished", None), ("action-due", 2)]


def test_add_goes_into_the_newest_conversation_held_not_one_prepared_ahead(cli, notes):
    root = notes({PLAN: doc("alice", "plan", "2026-05-01", actions=[action(1, updated=TODAY)])})
    prepared = cli(root, "new", "checkin", "alice", "--date", "+7d", "--today", TODAY).stdout.strip()
    before = (root / prepared).read_bytes()
    cli(root, "action", "add", "alice", "Ship it", "--today", TODAY)
    assert (root / prepared).read_bytes() == before
    assert "Ship it" in (root / PLAN).read_text(encoding="utf-8")


# -- refusals: nothing is written ----------------------------------------------------------------------

EDITS = [
    ["add", "alice", "Ship it"],
    ["done", "alice", "1"],
    ["drop", "alice", "1"],
    ["touch", "alice", "1"],
    ["edit", "alice", "1", "--due", "+1w"],
]


@pytest.mark.parametrize("args", EDITS)
def test_an_unreadable_document_of_that_person_stops_every_edit(cli, notes, args):
    root = hand_plan(notes, **{"people/alice/2026-05-10-note.md": f"---\nstage: note\ndate: [{SECRET}\n---\n"})
    before = files(root)
    result = cli(root, "action", *args, "--today", TODAY, expect=1)
    lines = result.stderr.splitlines()
    assert lines[0].startswith("people/alice/2026-05-10-note.md:3: could not parse frontmatter")
    assert lines[1:] == [
        "careerkit: not changed: fix the document above first (what cannot be read there may hold the action or its id)"
    ]
    assert SECRET not in result.stdout + result.stderr
    assert files(root) == before


@pytest.mark.parametrize("args", EDITS)
def test_an_action_left_out_stops_every_edit(cli, notes, args):
    root = hand_plan(
        notes,
        **{
            "people/alice/2026-05-10-checkin.md": doc(
                "alice", "checkin", "2026-05-10", actions=[action(7, status="finished")]
            )
        },
    )
    before = files(root)
    result = cli(root, "action", *args, "--today", TODAY, expect=1)
    assert "people/alice/2026-05-10-checkin.md:" in result.stderr
    assert "careerkit: not changed: fix the document above first" in result.stderr
    assert files(root) == before


def test_another_persons_unreadable_document_does_not_stop_an_edit(cli, notes):
    root = hand_plan(notes, **{"people/bob/2026-05-10-note.md": "---\ndate: [\n---\n"})
    cli(root, "action", "done", "alice", "1", "--today", TODAY)
    assert "status: done" in read(root)


def test_a_form_careerkit_does_not_change_is_refused_naming_the_file(cli, notes):
    plan = "---\nstage: plan\ndate: 2026-05-01\nactions:\n  - id: 1\n    status: >-\n      open\n---\nBody.\n"
    root = notes({PLAN: plan.encode()})
    before = files(root)
    result = cli(root, "action", "done", "alice", "1", "--today", TODAY, expect=1)
    assert result.stderr == (
        f"{PLAN}: action 1: `status` is written in a form careerkit does not change "
        "(a block scalar, a list or an alias); edit it by hand\n"
    )
    assert files(root) == before


def test_an_edit_that_would_not_read_back_is_refused(notes, monkeypatch):
    """The last line of defence: whatever goes wrong in placing the text, a result that reads differently is never
    written."""
    root = hand_plan(notes)
    before = files(root)
    monkeypatch.setattr(edit, "render", lambda value, flow=False: "[oops]")  # a bug that writes a list
    with pytest.raises(edit.EditRefused) as refused:
        edit.edit_file(root, root / PLAN, lambda text: edit.set_action_fields(text, 1, {"status": "done"}))
    assert (
        str(refused.value) == f"{PLAN}:2: the change would not read back as intended; nothing written (edit it by hand)"
    )
    assert files(root) == before


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_document_linked_from_outside_the_notes_root_is_never_written(cli, notes, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text(doc("alice", "plan", "2026-05-20", actions=[action(1)]), encoding="utf-8")
    root = hand_plan(notes)
    link = root / "people/alice/2026-05-20-plan.md"
    link.symlink_to(outside)
    target_before = outside.read_bytes()
    result = cli(root, "action", "done", "alice", "1", "--today", TODAY, expect=1)
    assert (
        result.stderr.splitlines()[0] == "people/alice/2026-05-20-plan.md:1: link to outside the notes root; not read"
    )
    assert outside.read_bytes() == target_before
    assert read(root) == HAND_PLAN
    # and the edit itself refuses such a link, whatever asked for it
    with pytest.raises(edit.EditRefused) as refused:
        edit.edit_file(root, link, lambda text: edit.set_action_fields(text, 1, {"status": "done"}))
    assert str(refused.value) == (
        "people/alice/2026-05-20-plan.md: is a link to outside this person's folder; not changed"
    )
    assert outside.read_bytes() == target_before
    assert link.is_symlink()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_link_out_of_the_persons_folder_is_read_but_never_written(cli, notes):
    """docs/contract.md: no command writes outside people/<person>/, even through a link that stays in the notes."""
    root = hand_plan(notes, **{"archive/plan.md": doc("alice", "plan", "2026-05-20", actions=[action(3)])})
    link = root / "people/alice/2026-05-20-plan.md"
    link.symlink_to(root / "archive/plan.md")
    before = read(root, "archive/plan.md")
    result = cli(root, "action", "done", "alice", "3", "--today", TODAY, expect=1)
    assert result.stderr == (
        "people/alice/2026-05-20-plan.md: is a link to outside this person's folder; not changed\n"
    )
    assert link.is_symlink() and read(root, "archive/plan.md") == before
    assert "Action 3" in cli(root, "action", "list", "alice", "--today", TODAY).stdout  # it is still read


def test_a_read_only_document_is_not_changed(cli, notes):
    root = hand_plan(notes)
    (root / PLAN).chmod(0o444)
    result = cli(root, "action", "touch", "alice", "2", "--today", TODAY, expect=1)
    message = "is read-only; not changed (make it writable to let careerkit edit it)"
    assert result.stderr == f"{PLAN}: {message}\n"
    assert read(root) == HAND_PLAN


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o604])
def test_an_edit_keeps_the_files_permissions(cli, notes, mode):
    root = hand_plan(notes)
    (root / PLAN).chmod(mode)
    cli(root, "action", "touch", "alice", "2", "--today", TODAY)
    assert stat.S_IMODE((root / PLAN).stat().st_mode) == mode
    assert "updated: 2026-06-01" in read(root)


@pytest.mark.skipif(not IS_ROOT, reason="only root may give a file to another user")
def test_an_edit_keeps_the_files_owner_and_group(cli, notes):
    root = hand_plan(notes)
    os.chown(root / PLAN, 4242, 4343)
    (root / PLAN).chmod(0o640)
    cli(root, "action", "done", "alice", "1", "--today", TODAY)
    written = (root / PLAN).stat()
    assert (written.st_uid, written.st_gid, stat.S_IMODE(written.st_mode)) == (4242, 4343, 0o640)
    assert "status: done" in read(root)


@pytest.mark.parametrize("fails", ["replace", "fsync", "write"])
def test_a_crash_while_writing_leaves_the_old_file_whole(cli, notes, monkeypatch, fails):
    root = hand_plan(notes)
    before = files(root)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if fails == "write":
        real = fsutil.os.fdopen

        def fdopen(*args, **kwargs):
            stream = real(*args, **kwargs)
            stream.write = broken  # type: ignore[method-assign]
            return stream

        monkeypatch.setattr(fsutil.os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(fsutil.os, fails, broken)
    result = cli(root, "action", "done", "alice", "1", "--today", TODAY, expect=1)
    assert result.stderr == f"{PLAN}: cannot write file: no space left on device\n"
    assert files(root) == before  # no temporary file left behind either


def test_a_folder_that_cannot_be_written_is_reported(cli, notes, monkeypatch):
    root = hand_plan(notes)
    before = files(root)

    def read_only_folder(*args, **kwargs):  # what mkstemp meets in a folder without write permission
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fsutil.tempfile, "mkstemp", read_only_folder)
    result = cli(root, "action", "done", "alice", "1", "--today", TODAY, expect=1)
    assert result.stderr == f"{PLAN}: cannot write file: permission denied\n"
    assert files(root) == before


def test_what_blocks_a_change_is_told_by_each_problem_code_never_by_its_wording():
    from careerkit.rules.actions import blocking_problems
    from careerkit.values import codes
    from careerkit.values.model import Problem, Settings, Team

    repeated = Problem("people/alice/2026-02-01-checkin.md", 7, codes.DUPLICATE_ID, "id 1 is used twice (reworded)")
    left_out = Problem("people/alice/2026-02-02-checkin.md", 5, codes.BAD_ACTION_ID, "duplicate action id, or not")
    profile = Problem("people/alice/profile.md", 3, codes.BAD_VALUE, "a bad cadence")
    elsewhere = Problem("people/bob/2026-02-02-checkin.md", 5, codes.BAD_ACTION_ID, "not alice's")
    team = Team(Path("."), Settings(), [], [repeated, left_out, profile, elsewhere])
    assert blocking_problems(team, "alice") == [left_out]
