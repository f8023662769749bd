"""Every date careerkit accepts, from 0001-01-01 to 9999-12-31, every reading command can show."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import action, doc

FIRST, LAST = "0001-01-01", "9999-12-31"
PLAN = f"people/alice/{FIRST}-plan.md"


@pytest.fixture
def edges(notes):
    """Notes whose every date is at an end of the calendar, with cadences long enough to step past it."""
    dreams = [{"dream": "Run a team", "skills": [{"skill": "design", "need": 5, "have": 1}]}]
    plan_actions = [
        action(1, "Someday: write a book", due=LAST),
        action(2, "Read the first chapter", due=FIRST, updated=FIRST),
        action(3, "Finished long ago", status="done", closed=FIRST),
        action(4, "Introduce her to Bob", owner="manager", due=LAST),
        action(5, "Find a mentor", owner="manager", due=FIRST),
    ]
    return notes(
        {
            "careerkit.yaml": "stale_after_days: 3000000\nconversation_every_days: 3000000\n",
            "people/alice/profile.md": f"---\nname: Alice\nsince: {FIRST}\n---\n",
            f"people/alice/{FIRST}-story.md": doc("alice", "story", FIRST, values=["craft"]),
            f"people/alice/{FIRST}-dreams.md": doc("alice", "dreams", FIRST, dreams=dreams),
            PLAN: doc("alice", "plan", FIRST, skills=[{"skill": "design"}], review_by=LAST, actions=plan_actions),
            f"people/alice/{LAST}-checkin.md": doc("alice", "checkin", LAST, next_checkin=LAST),
            f"people/alice/{FIRST}-note.md": doc("alice", "note", FIRST, body="She loves maps.\n"),
            f"people/alice/{LAST}-note.md": doc("alice", "note", LAST, body="She still loves maps.\n"),
            "people/bob/profile.md": f"---\nname: Bob\npaused_until: {LAST}\ncheckin_every_days: 3000000\n---\n",
            f"people/bob/{LAST}-plan.md": doc("bob", "plan", LAST, actions=[action(1, due=LAST)]),
            "people/carol/profile.md": f"---\nname: Carol\nsince: {LAST}\nleft: {LAST}\n---\n",
            "people/dan/profile.md": f"---\nname: Dan\nleft: {FIRST}\n---\n",
            f"people/erin/{LAST}-checkin.md": doc("erin", "checkin", LAST),
        }
    )


# Each reading command, and what it must show whatever the day: the last day there is, or the person.
READING = {
    "due": (["due"], "Alice"),
    "due --json": (["due", "--json", "--within", "5000000"], '"person": "alice"'),
    "agenda": (["agenda", "alice"], LAST),
    "agenda paused": (["agenda", "bob"], "Bob"),
    "agenda leaving": (["agenda", "carol"], "Carol"),
    "agenda no plan": (["agenda", "erin"], LAST),
    "status": (["status", "--all"], LAST),
    "status --json": (["status", "--json"], f'"{LAST}"'),  # the next check-in, or the one planned
    "action list": (["action", "list", "alice", "--all", "--json"], f'"due": "{LAST}"'),
    "calendar": (["calendar", "--titles", "--steps"], "Someday: write a book"),
    "calendar promises": (["calendar", "--titles"], "Introduce her to Bob"),
    "report": (["report", "--with-notes", "-o", "{out}/team.html"], "Someday: write a book"),
    "report --for": (["report", "--for", "alice", "-o", "{out}/alice.html"], "Someday: write a book"),
}


@pytest.mark.parametrize("today", [FIRST, "0001-01-02", "0001-06-30", "2026-12-06", "9999-12-30", LAST])
@pytest.mark.parametrize("command", list(READING))
def test_every_reading_command_shows_the_first_and_last_days_there_are(cli, edges, tmp_path, command, today):
    args, expected = READING[command]
    args = [part.format(out=tmp_path) for part in args]
    result = cli(edges, *args, "--today", today)
    shown = result.stdout
    if command.startswith("report"):
        assert result.stdout == args[-1] + "\n"  # where it wrote
        shown = Path(args[-1]).read_text(encoding="utf-8")
        assert LAST in shown
    elif command.startswith("calendar"):
        shown = shown.replace("\r\n ", "")  # long lines are folded
        assert "DTSTART;VALUE=DATE:99991231" in shown  # (what is late sits on today)
    else:
        assert result.stderr == ""
    assert expected in shown or expected.replace(": ", ":") in shown  # JSON is compact into a pipe


def test_log_and_check_show_the_first_and_last_days_there_are(cli, edges):
    log = cli(edges, "log", "alice").stdout
    assert re.search(rf"^{FIRST} +story", log, re.M) and re.search(rf"^{LAST} +checkin", log, re.M)
    assert "She still loves maps." in log
    assert "no problems" in cli(edges, "check").stderr


def test_the_strips_of_the_last_and_first_months_there_are(cli, edges, tmp_path):
    out = tmp_path / "team.html"
    cli(edges, "report", "-o", str(out), "--today", LAST)
    months = re.findall(r'<span class="month-label">(\w+)</span>', out.read_text(encoding="utf-8"))
    assert months[:12] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    cli(edges, "report", "-o", str(out), "--today", FIRST)
    page = out.read_text(encoding="utf-8")
    assert f"from {FIRST} to today" in page
    assert re.findall(r'<span class="month-label">(\w+)</span>', page)[:12] == months[:12]
