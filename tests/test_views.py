"""`agenda --json`, `log --json`, `due --mine`, and long output through the pager on a terminal."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES
from helpers import action, doc

TODAY = "2026-06-01"


def team(notes, manager: str | None = None) -> Path:
    config = f"manager: {manager}\n" if manager else ""
    return notes(
        {
            "careerkit.yaml": config,
            "people/alice/profile.md": "---\nname: Alice Smith\n---\n",
            "people/alice/2026-01-05-story.md": doc("alice", "story", "2026-01-05", values=["autonomy"]),
            "people/alice/2026-03-01-plan.md": doc(
                "alice",
                "plan",
                "2026-03-01",
                learns_best=["pairing"],
                skills=[{"skill": "system design", "resources": ["Book: DDIA"]}],
                actions=[
                    action(1, "Shadow Bob", due="2026-05-20", updated="2026-05-25"),
                    action(2, "Introduce Alice to Bob", owner=manager or "manager", due="2026-05-01"),
                    action(3, "Read chapter 1", status="done", closed="2026-04-20"),
                ],
            ),
            "people/alice/2026-04-10-checkin.md": doc("alice", "checkin", "2026-04-10"),
            "people/alice/2026-05-02-note.md": doc("alice", "note", "2026-05-02", body="She wants to mentor.\n"),
            "people/bob/2026-02-01-plan.md": doc(
                "bob",
                "plan",
                "2026-02-01",
                actions=[
                    action(1, "Find Bob a mentor", owner=manager or "manager", due="2026-05-25"),
                    action(2, "Bob's own step", due="2026-05-01"),
                ],
            ),
        }
    )


AGENDA_KEYS = [
    "person",
    "name",
    "today",
    "away",
    "left",
    "paused_until",
    "last_checkin",
    "next_checkin",
    "next_conversation",
    "planned",
    "prepared",
    "back_since",
    "finished",
    "notes",
    "asked",
    "promises",
    "points",
    "actions",
    "folded",
    "skills",
    "learns_best",
    "questions",
    "errors",
]


def test_agenda_json_holds_the_same_facts_as_the_text(cli, notes):
    root = team(notes)
    data = json.loads(cli(root, "agenda", "alice", "--json", "--today", TODAY).stdout)
    text = cli(root, "agenda", "alice", "--today", TODAY).stdout
    assert list(data) == AGENDA_KEYS
    assert data["person"] == "alice" and data["name"] == "Alice Smith" and data["today"] == TODAY
    assert (data["away"], data["left"], data["paused_until"], data["next_conversation"]) == (None, None, None, None)
    assert data["last_checkin"] == {"date": "2026-04-10", "file": "people/alice/2026-04-10-checkin.md"}
    assert data["next_checkin"] == "2026-05-10"
    assert data["notes"] == [
        {
            "date": "2026-05-02",
            "file": "people/alice/2026-05-02-note.md",
            "summary": "She wants to mentor.",
            "used": None,
        }
    ]
    assert [(a["id"], a["owner"], a["state"]) for a in data["promises"]] == [(2, "manager", "overdue")]
    assert [(a["id"], a["state"], a["due"]) for a in data["actions"]] == [(1, "overdue", "2026-05-20")]
    assert [(a["id"], a["status"], a["closed"]) for a in data["finished"]] == [(3, "done", "2026-04-20")]
    assert data["folded"] is False and data["planned"] is None and data["prepared"] == []
    assert "Read chapter 1" in text
    assert data["skills"] == [{"skill": "system design", "resources": ["Book: DDIA"]}]
    assert data["learns_best"] == ["pairing"]
    assert data["errors"] == []
    points = {(p["kind"], p["action"]): p for p in data["points"]}
    assert points[("action-due", 2)]["promise"] is True and points[("action-due", 1)]["promise"] is False
    assert ("checkin-due", None) in points
    for point in data["points"]:
        assert point["message"][1:] in text and point["suggestion"] in text
        assert set(point) >= {"person", "kind", "file", "action", "title", "owner", "date", "days", "message"}
    assert data["questions"] and all(question in text for question in data["questions"])
    for item in data["promises"] + data["actions"]:
        assert item["title"] in text and item["detail"] in text


def test_agenda_json_of_someone_paused_says_so(cli, notes):
    root = notes(
        {
            "people/bob/profile.md": "---\nname: Bob\npaused_until: 2026-09-01\n---\n",
            "people/bob/2026-01-01-story.md": doc("bob", "story", "2026-01-01"),
        }
    )
    data = json.loads(cli(root, "agenda", "bob", "--json", "--today", TODAY).stdout)
    text = cli(root, "agenda", "bob", "--today", TODAY).stdout
    assert (data["away"], data["paused_until"], data["left"]) == ("paused", "2026-09-01", None)
    assert data["points"] == [] and "2026-09-01" in text


def test_agenda_json_lists_what_could_not_be_read_and_exits_1(cli, notes):
    root = notes(
        {
            "people/alice/2026-01-01-plan.md": "---\ndate: [\n---\n",
            "people/alice/2026-01-02-story.md": doc("alice", "story", "2026-01-02"),
        }
    )
    out = cli(root, "agenda", "alice", "--json", "--today", TODAY, expect=1)
    data = json.loads(out.stdout)
    assert [(e["file"], e["line"]) for e in data["errors"]] == [("people/alice/2026-01-01-plan.md", 3)]
    assert out.stderr.startswith("people/alice/2026-01-01-plan.md:3: ")


def test_log_json_lists_documents_in_date_order(cli, notes):
    root = team(notes)
    data = json.loads(cli(root, "log", "alice", "--json").stdout)
    assert list(data) == ["person", "name", "documents", "errors"]
    assert [(d["date"], d["stage"]) for d in data["documents"]] == [
        ("2026-01-05", "story"),
        ("2026-03-01", "plan"),
        ("2026-04-10", "checkin"),
        ("2026-05-02", "note"),
    ]
    assert data["documents"][0] == {
        "date": "2026-01-05",
        "stage": "story",
        "planned": False,
        "file": "people/alice/2026-01-05-story.md",
        "summary": "values: autonomy",
    }
    assert data["documents"][3]["summary"] == "She wants to mentor."
    assert data["errors"] == []


def test_log_json_of_someone_without_documents(cli, notes):
    root = notes({"people/bob/profile.md": "---\nname: Bob\n---\n"})
    assert json.loads(cli(root, "log", "bob", "--json").stdout) == {
        "person": "bob",
        "name": "Bob",
        "documents": [],
        "errors": [],
    }


@pytest.mark.parametrize("manager", [None, "Sam"])
def test_due_mine_lists_only_the_managers_promises_across_the_team(cli, notes, manager):
    root = team(notes, manager)
    data = json.loads(cli(root, "due", "--mine", "--json", "--today", TODAY).stdout)
    assert [(f["person"], f["kind"], f["action"]) for f in data["findings"]] == [
        ("alice", "action-due", 2),
        ("bob", "action-due", 1),
    ]
    everything = json.loads(cli(root, "due", "--json", "--today", TODAY).stdout)["findings"]
    assert len(everything) > 2
    text = cli(root, "due", "--mine", "--today", TODAY).stdout
    assert "Introduce Alice to Bob" in text and "Shadow Bob" not in text


def test_due_mine_says_so_when_no_promise_needs_attention(cli, notes):
    root = notes({"people/bob/2026-05-01-plan.md": doc("bob", "plan", "2026-05-01", actions=[action(1, "x")])})
    assert cli(root, "due", "--mine", "--today", TODAY).stdout == "No promise of yours needs attention.\n"


# -- the pager: only on a terminal -------------------------------------------------------------------


def run_on_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run the installed command with its stdout on a pseudo-terminal; its exit status and what it printed."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "careerkit", *args],
        stdout=secondary,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(secondary)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    return process.wait(timeout=30), b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def terminal_env(tmp_path, monkeypatch):
    examples = tmp_path / "examples"
    shutil.copytree(EXAMPLES, examples, ignore=shutil.ignore_patterns(".careerkit"))
    env = {key: value for key, value in os.environ.items() if key not in ("LESS", "PAGER", "CAREERKIT_PAGER")}
    env.update(CAREERKIT_ROOT=str(examples), NO_COLOR="1")
    return env, tmp_path / "paged.txt"


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(
    "args", [["agenda", "dana", "--today", "2026-11-22"], ["log", "amara"], ["due", "--today", "2026-11-22"]]
)
def test_long_output_goes_through_the_pager_on_a_terminal(terminal_env, args):
    env, paged = terminal_env
    env["PAGER"] = f'{{ echo "LESS=$LESS"; cat; }} > "{paged}"'
    code, shown = run_on_terminal(args, env)
    assert code == 0
    assert shown == ""
    expected = subprocess.run(
        [sys.executable, "-m", "careerkit", *args], env=env, capture_output=True, text=True
    ).stdout
    assert paged.read_text(encoding="utf-8") == "LESS=FRX\n" + expected


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(
    "setting, extra",
    [
        ({"PAGER": "cat"}, []),
        ({"PAGER": ""}, []),
        ({}, ["--no-pager"]),
        ({}, ["--json"]),
        ({"CAREERKIT_PAGER": "cat"}, []),
    ],
)
def test_no_pager_when_asked_for_none(terminal_env, setting, extra):
    env, paged = terminal_env
    env["PAGER"] = f'cat > "{paged}"'
    env.update(setting)
    code, shown = run_on_terminal(["agenda", "dana", "--today", "2026-11-22", *extra], env)
    assert code == 0
    assert "dana" in shown.lower()
    assert not paged.exists()


def test_never_a_pager_into_a_pipe(terminal_env):
    env, paged = terminal_env
    env["PAGER"] = f'cat > "{paged}"'
    out = subprocess.run(
        [sys.executable, "-m", "careerkit", "agenda", "dana", "--today", "2026-11-22"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and "dana" in out.stdout.lower()
    assert not paged.exists()
