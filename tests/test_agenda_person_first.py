"""The agenda's rules at their boundaries: what they finished, open threads, planned and prepared
conversations, a pause ending, leaving and left, late promises first, folded steps."""

from __future__ import annotations

import json

import pytest

from helpers import action, doc

PLAN = "people/alice/2026-03-01-plan.md"


def plan(**fields: object) -> str:
    return doc("alice", "plan", "2026-03-01", learns_best=["pairing"], skills=[{"skill": "hiring"}], **fields)


def agenda(cli, root, today: str) -> str:
    return cli(root, "agenda", "alice", "--today", today).stdout


def sections(text: str) -> list[str]:
    return [line[4:] for line in text.splitlines() if line.startswith("### ")]


@pytest.mark.parametrize(("closed", "shown"), [("2026-03-01", False), ("2026-03-02", True)])
def test_what_they_finished_counts_from_the_day_after_the_newest_plan(cli, notes, closed, shown):
    steps = [
        action(1, "Shadow a hiring loop", status="done", closed=closed),
        action(2, "A dropped one", status="dropped", closed="2026-03-05"),
        action(3, "My intro", owner="manager", status="done", closed="2026-03-05"),
        action(4, "Still open", due="2026-06-01"),
    ]
    root = notes({PLAN: plan(actions=steps)})
    text = agenda(cli, root, "2026-03-10")
    assert ("### Start here: what they finished\n- [x] 1. Shadow a hiring loop" in text) is shown
    assert "A dropped one" not in text and "My intro" not in text
    if shown:
        assert sections(text)[0] == "Start here: what they finished"


@pytest.mark.parametrize(("age", "shown"), [(89, True), (90, False)])
def test_a_note_without_used_stays_an_open_thread_for_90_days(cli, notes, age, shown):
    from datetime import date, timedelta

    today = date(2026, 9, 1)
    old = (today - timedelta(days=age)).isoformat()
    root = notes(
        {
            PLAN: plan(actions=[action(1, due="2026-12-01")]),
            "people/alice/2026-08-01-checkin.md": doc("alice", "checkin", "2026-08-01"),
            f"people/alice/{old}-note.md": doc("alice", "note", old, body="Wants to run the guild.\n"),
            "people/alice/2026-08-20-note.md": doc("alice", "note", "2026-08-20", body="Newest.\n", used="2026-08-21"),
        }
    )
    text = agenda(cli, root, today.isoformat())
    assert ("Wants to run the guild." in text) is shown
    assert "- 2026-08-20: Newest. (people/alice/2026-08-20-note.md, used on 2026-08-21)" in text


def test_a_used_note_before_the_last_checkin_is_left_out_but_the_newest_note_always_shows(cli, notes):
    root = notes(
        {
            PLAN: plan(actions=[action(1, due="2026-12-01")]),
            "people/alice/2026-03-05-note.md": doc("alice", "note", "2026-03-05", body="Older.\n", used="2026-03-06"),
            "people/alice/2026-03-08-note.md": doc("alice", "note", "2026-03-08", body="Newest.\n", used="2026-03-09"),
            "people/alice/2026-03-10-checkin.md": doc("alice", "checkin", "2026-03-10"),
        }
    )
    text = agenda(cli, root, "2026-03-20")
    assert "Newest." in text and "Older." not in text


@pytest.mark.parametrize(("today", "planned"), [("2026-04-09", True), ("2026-04-10", True), ("2026-04-11", False)])
def test_a_checkin_dated_ahead_is_named_as_planned_and_never_counts_as_the_last(cli, notes, today, planned):
    root = notes(
        {
            PLAN: plan(actions=[action(1, due="2026-12-01")]),
            "people/alice/2026-04-10-checkin.md": doc("alice", "checkin", "2026-04-10", held=False),
        }
    )
    text = agenda(cli, root, today)
    assert ("Planned: their check-in on 2026-04-10 (people/alice/2026-04-10-checkin.md)." in text) is planned
    assert ("Prepared, not held: their check-in of 2026-04-10" in text) is not planned
    assert "Last check-in" not in text and "No check-in yet." in text


def test_an_empty_plan_is_prepared_not_held_and_the_plan_conversation_still_comes_next(cli, notes):
    root = notes(
        {
            "people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01", values=["autonomy"]),
            "people/alice/2026-02-01-dreams.md": doc("alice", "dreams", "2026-02-01"),
            PLAN: "---\nperson: alice\nstage: plan\ndate: 2026-03-01\nskills: []\n---\n# Plan\n",
        }
    )
    text = agenda(cli, root, "2026-03-10")
    assert "Prepared, not held: their action plan of 2026-03-01" in text
    assert "Next conversation: their action plan (`careerkit new plan alice`)." in text
    assert "To open the action plan conversation" in text


@pytest.mark.parametrize(("today", "back"), [("2026-05-31", False), ("2026-06-01", True), ("2026-06-30", True)])
def test_coming_back_from_a_pause_lasts_one_cadence(cli, notes, today, back):
    root = notes(
        {
            "people/alice/profile.md": "---\nname: Alice\npaused_until: 2026-06-01\n---\n",
            PLAN: plan(actions=[action(1, due="2026-04-01")]),
        }
    )
    text = agenda(cli, root, today)
    assert ("Back from a pause since 2026-06-01" in text) is back
    if back:  # the check-in due on 03-31 waits for the end of the grace, one cadence after the return
        assert "Next check-in: 2026-07-01" in text and "its date passed" not in text
    assert ("### Coming back" in text) is (back or today < "2026-06-01")
    after = agenda(cli, root, "2026-07-01")
    assert "Back from a pause" not in after and "### Questions" in after


def test_someone_leaving_is_offered_their_page_and_the_agenda_goes_on(cli, notes):
    root = notes({"people/alice/profile.md": "---\nname: Alice\nleft: 2026-04-01\n---\n", PLAN: plan()})
    text = agenda(cli, root, "2026-03-31")
    assert "Leaving the team on 2026-04-01." in text and "careerkit report --for alice" in text
    assert "### Questions\n1. What would you like to carry on working on where you go next" in text


def test_someone_who_left_gets_only_the_header_and_the_offer(cli, notes):
    root = notes(
        {
            "people/alice/profile.md": "---\nname: Alice\nleft: 2026-04-01\n---\n",
            "people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01", values=["autonomy"]),
            "people/alice/2026-03-01-note.md": doc("alice", "note", "2026-03-01", body="Something.\n"),
        }
    )
    text = agenda(cli, root, "2026-04-01")
    assert sections(text) == []
    assert "Left the team on 2026-04-01" in text and "`careerkit report --for alice`" in text
    assert "handover" in text and "Next conversation" not in text and "dreams" not in text
    data = json.loads(cli(root, "agenda", "alice", "--json", "--today", "2026-04-01").stdout)
    assert data["next_conversation"] is None and data["questions"] == [] and data["notes"] == []


def test_late_promises_come_first(cli, notes):
    promises = [
        action(1, "Book the training", owner="manager", due="2026-05-01"),
        action(2, "Introduce Alice to Bob", owner="manager", due="2026-03-05"),
        action(3, "Ask for a budget", owner="manager"),
    ]
    root = notes({PLAN: plan(actions=promises)})
    text = agenda(cli, root, "2026-03-10")
    lines = text.split("### Your promises\n")[1].split("\n\n")[0].splitlines()
    assert [line[6:7] for line in lines] == ["2", "1", "3"]


@pytest.mark.parametrize(("touched", "folded"), [("2026-03-01", True), ("2026-04-01", False)])
def test_steps_fold_into_one_line_while_no_progress_is_raised(cli, notes, touched, folded):
    steps = [action(1, "Read a book", updated=touched), action(2, "Pair with Bob", updated=touched)]
    root = notes({PLAN: plan(actions=steps)})
    text = agenda(cli, root, "2026-04-08")  # the default cadence 30 + 7: untouched since 03-01 is no progress
    assert ("- 2 open steps; look at them together only if they want to." in text) is folded
    assert ("- [ ] 1. Read a book" in text) is not folded
    if folded:
        points = text.split("### What to talk about\n")[1].splitlines()
        assert points[0].startswith("- **") and "open step" in points[0]
