"""`careerkit calendar`: an iCalendar file that any calendar reads back, matching `careerkit due`."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest

from helpers import action, doc

TODAY = "2026-06-01"
KEY = 'calendar_key: "0123456789abcdef0123456789abcdef"\n'
LONG_TITLE = "Pair with Bob; then write it up, with a \\ and a comma, for the team's wiki " + "x" * 60


def run(root, *args, cwd=None):
    environment = {k: v for k, v in os.environ.items() if k != "CAREERKIT_ROOT"} | {"NO_COLOR": "1"}
    argv = [sys.executable, "-m", "careerkit", "--root", str(root), *args]
    return subprocess.run(argv, capture_output=True, cwd=cwd, env=environment, check=False)


@pytest.fixture
def team(notes):
    return notes(
        {
            "careerkit.yaml": KEY,
            "people/zoe-obrien/profile.md": '---\nname: "O\'Brien, Zoë; the lead"\n---\n',
            "people/zoe-obrien/2026-03-01-story.md": doc("zoe-obrien", "story", "2026-01-10"),
            "people/zoe-obrien/2026-03-01-dreams.md": doc("zoe-obrien", "dreams", "2026-02-10"),
            "people/zoe-obrien/2026-03-02-plan.md": doc(
                "zoe-obrien",
                "plan",
                "2026-05-10",
                actions=[
                    action(1, "Shadow Bob", due="2026-05-20"),  # late
                    action(2, LONG_TITLE, owner="manager", due="2026-06-15"),  # your promise, ahead
                    action(3, "Done already", due="2026-05-01", status="done", closed="2026-05-02"),
                    action(4, "No date at all"),
                ],
            ),
            "people/ben/2026-01-01-story.md": doc("ben", "story", "2026-01-01"),
            "people/old-hand/2025-01-01-story.md": doc("old-hand", "story", "2025-05-31"),
        }
    )


def read_calendar(data: bytes):
    return icalendar.Calendar.from_ical(data)


def events(calendar):
    return list(calendar.walk("VEVENT"))


def test_each_date_is_an_all_day_event_and_what_is_late_sits_on_today(team):
    result = run(team, "calendar", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    calendar = read_calendar(result.stdout)
    found = {(str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in events(calendar)}
    day = date(2026, 6, 1)
    name = "O'Brien, Zoë; the lead"
    assert found == {
        (f"Your promise to {name}: action 2 due", date(2026, 6, 15), date(2026, 6, 16)),
        (f"Check-in with {name}", date(2026, 6, 9), date(2026, 6, 10)),  # the plan's date + 30 days
        (f"Career conversation with {name}: dreams and plan", date(2026, 11, 8), date(2026, 11, 9)),  # a review
        ("Career conversation with ben: dreams", day, day + timedelta(1)),  # part-way: the next one is due now
        ("Career conversation with old-hand: dreams", day, day + timedelta(1)),
    }
    steps = read_calendar(run(team, "calendar", "--today", TODAY, "--steps").stdout)
    more = {(str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in events(steps)} - found
    assert more == {(f"{name}: action 1 due (late since 2026-05-20)", day, day + timedelta(1))}


def test_titles_only_when_asked_and_long_lines_are_folded_and_escaped(team):
    plain = run(team, "calendar", "--today", TODAY).stdout
    assert b"Shadow Bob" not in plain and b"Pair with Bob" not in plain
    data = run(team, "calendar", "--today", TODAY, "--titles").stdout
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)  # RFC 5545: CRLF, 75 octets a line
    assert any(line.startswith(b" ") for line in lines)  # the long title was folded
    assert b"\\;" in data and b"\\," in data and b"\\\\" in data  # escaped as text values are
    summaries = {str(e["SUMMARY"]) for e in events(read_calendar(data))}
    assert f"Your promise to O'Brien, Zoë; the lead: action 2 due: {LONG_TITLE}" in summaries
    data = run(team, "calendar", "--today", TODAY, "--titles", "--steps").stdout
    summaries = {str(e["SUMMARY"]) for e in events(read_calendar(data))}
    assert "O'Brien, Zoë; the lead: action 1 due: Shadow Bob (late since 2026-05-20)" in summaries


def test_dtstamp_is_utc_and_the_calendar_is_well_formed(team):
    before = datetime.now(UTC).replace(microsecond=0)
    calendar = read_calendar(run(team, "calendar", "--today", TODAY).stdout)
    assert str(calendar["VERSION"]) == "2.0" and "careerkit" in str(calendar["PRODID"])
    for event in events(calendar):
        stamp = event.decoded("DTSTAMP")
        assert stamp.utcoffset() == timedelta(0) and before <= stamp <= datetime.now(UTC)
        assert event["DTSTAMP"].to_ical().endswith(b"Z")
        assert event["DTSTART"].params.get("VALUE") == "DATE"


def uids(data: bytes) -> dict[str, str]:
    return {re.sub(r" \(late since .*\)$", "", str(e["SUMMARY"])): str(e["UID"]) for e in events(read_calendar(data))}


def test_uids_are_stable_across_runs_and_days_and_name_no_one(team, tmp_path):
    first = uids(run(team, "calendar", "--today", TODAY).stdout)
    later = uids(run(team, "calendar", "--today", "2026-06-20").stdout)  # action 2 is late now: same event, moved
    assert first == later and len(set(first.values())) == len(first) == 5
    copy = tmp_path / "elsewhere"
    subprocess.run(["cp", "-r", str(team), str(copy)], check=True)  # another clone of the same notes
    assert uids(run(copy, "calendar", "--today", TODAY).stdout) == first
    for uid in first.values():
        assert not re.search(r"zoe|brien|ben|old|checkin|conversation|action", uid, re.IGNORECASE)
    (copy / "careerkit.yaml").write_text('calendar_key: "another team, another key"\n')
    assert set(uids(run(copy, "calendar", "--today", TODAY).stdout).values()).isdisjoint(first.values())


def test_a_file_is_written_owner_only_and_replaced_whole(team, tmp_path):
    target = tmp_path / "team.ics"
    run(team, "calendar", "--today", "2026-01-01", "-o", str(target))
    result = run(team, "calendar", "--today", TODAY, "-o", str(target))
    assert result.returncode == 0 and result.stdout.decode() == f"{target}: 5 events\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(events(read_calendar(target.read_bytes()))) == 5
    stamps = re.compile(rb"DTSTAMP[^:\r\n]*:\d{8}T\d{6}Z")  # icalendar 5 adds ;VALUE=DATE-TIME
    same = run(team, "calendar", "--today", TODAY, "-o", "-").stdout
    assert stamps.sub(b"", same) == stamps.sub(b"", target.read_bytes())  # the file is what stdout shows


def test_a_file_that_is_not_a_calendar_careerkit_wrote_is_never_replaced(team, tmp_path):
    for name, text in (("team.ics", b"BEGIN:VCALENDAR\r\nPRODID:-//someone else//EN\r\n"), ("settings", b"mine\n")):
        target = tmp_path / name
        target.write_bytes(text)
        result = run(team, "calendar", "--today", TODAY, "-o", str(target))
        assert result.returncode == 1 and result.stdout == b""
        assert (
            result.stderr.decode()
            == f"careerkit: {target}: exists and is not a calendar careerkit wrote; not overwritten\n"
        )
        assert target.read_bytes() == text


def test_only_the_people_named(team):
    found = [str(e["SUMMARY"]) for e in events(read_calendar(run(team, "calendar", "be", "--today", TODAY).stdout))]
    assert found == ["Career conversation with ben: dreams"]


def test_the_first_run_adds_a_key_to_careerkit_yaml_and_changes_no_other_byte(notes):
    ours = b"# ours\r\nstale_after_days: 9  # keep\r\n"
    root = notes({"careerkit.yaml": ours, "people/ben/2026-01-01-story.md": doc("ben", "story", "2026-01-01")})
    first = run(root, "calendar", "--today", TODAY)
    assert first.returncode == 0 and len(events(read_calendar(first.stdout))) == 1
    assert first.stderr.decode().count("\n") == 1 and "calendar_key" in first.stderr.decode()
    text = (root / "careerkit.yaml").read_bytes()
    assert text.startswith(ours)
    assert re.fullmatch(rb'\r\n(# [^\r\n]*\r\n)calendar_key: "[0-9a-f]{32}"\r\n', text[len(ours) :])
    second = run(root, "calendar", "--today", TODAY)
    assert second.stderr == b"" and uids(second.stdout) == uids(first.stdout)
    assert run(root, "check").returncode == 0


def unkeyed_uid(person: str, kind: str, action: int | None = None) -> str:
    """What an event's id would be with no key: anyone could work it out from a guessed name."""
    text = "\0".join(("", person, kind, str(action or "")))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40] + "@careerkit"


@pytest.mark.parametrize(
    ("config", "line"),
    [
        ('calendar_key: ""\n', 1),
        ("checkin_every_days: 14\ncalendar_key:\n", 2),
        ("calendar_key: [0123456789abcdef0123456789abcdef]\n", 1),
        ("calendar_key: ~\n", 1),
        ('manager: me\ncalendar_key: "secret"\n', 2),
    ],
)
def test_a_calendar_key_that_cannot_be_used_gives_no_calendar_and_one_line(notes, tmp_path, config, line):
    root = notes({"careerkit.yaml": config, "people/ben/2026-01-01-story.md": doc("ben", "story", "2026-01-01")})
    result = run(root, "calendar", "--today", TODAY, "-o", str(tmp_path / "team.ics"))
    assert result.returncode == 1 and result.stdout == b""
    message = result.stderr.decode()
    assert (
        message.startswith(f"careerkit.yaml:{line}: `calendar_key` should be a random text")
        and "remove the line" in message
    )
    assert message.count("\n") == 1 and "Traceback" not in message
    assert (root / "careerkit.yaml").read_text() == config and not (tmp_path / "team.ics").exists()


@pytest.mark.parametrize("how", ["missing", "link", "read-only"])
def test_without_a_careerkit_yaml_that_can_take_a_key_there_is_no_calendar_and_one_line(notes, how):
    """Never event ids hashed without a key, which anyone who sees the calendar could test guesses against."""
    root = notes({"people/ben/2026-01-01-story.md": doc("ben", "story", "2026-01-01"), "real.yaml": "manager: me\n"})
    config = root / "careerkit.yaml"
    config.unlink()
    if how == "link":
        config.symlink_to(root / "real.yaml")
    elif how == "read-only":
        config.write_text("manager: me\n")
        config.chmod(0o444)
    result = run(root, "calendar", "--today", TODAY)
    assert result.returncode == 1 and result.stdout == b""
    message = result.stderr.decode()
    assert message.startswith("careerkit.yaml: ") and "add `calendar_key:" in message and "no calendar" in message
    assert message.count("\n") == 1
    assert unkeyed_uid("ben", "conversation") not in message
    assert (root / "real.yaml").read_text() == "manager: me\n"
    if how == "read-only":
        assert config.read_text() == "manager: me\n"
    elif how == "missing":
        assert not config.exists()


def test_a_calendar_key_too_short_to_be_safe_is_reported_by_every_command(notes):
    root = notes({"careerkit.yaml": 'manager: me\ncalendar_key: "team-7"\n'})
    result = run(root, "due")
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "careerkit.yaml:2: `calendar_key` should be a random text of 16 or more characters; not used\n"
    )


def test_no_event_id_is_the_unkeyed_hash_of_its_person(team):
    found = uids(run(team, "calendar", "--today", TODAY).stdout)
    unkeyed = {unkeyed_uid(person, kind) for person in ("ben", "zoe-obrien") for kind in ("checkin", "conversation")}
    unkeyed |= {unkeyed_uid("zoe-obrien", "action", ident) for ident in (1, 2)}
    assert found and unkeyed.isdisjoint(found.values())


@pytest.mark.parametrize("within", [0, 10, 30])
def test_every_event_agrees_with_due_within(team, within):
    """Each event that `due --json --within N` can see is one of its findings, on the same day, and back."""
    data = run(team, "calendar", "--today", TODAY).stdout
    report = json.loads(run(team, "due", "--json", "--today", TODAY, "--within", str(within)).stdout)
    names = {"ben": "ben", "old-hand": "old-hand", "zoe-obrien": "O'Brien, Zoë; the lead"}
    today = date.fromisoformat(TODAY)
    horizon = today + timedelta(days=within)
    expected = set()
    part_way = {finding["person"] for finding in report["findings"] if finding["kind"] == "next-conversation"}
    for finding in report["findings"]:
        if finding["kind"] == "conversation-due" and finding["person"] in part_way:
            continue  # one event: the next of the three
        due_on = date.fromisoformat(finding["date"])
        if finding["kind"] == "next-conversation":  # part-way through the three: the next one is due now
            stage = "dreams" if "no dreams" in finding["message"] else "plan"
            expected.add((f"Career conversation with {names[finding['person']]}: {stage}", today))
            continue
        if finding["kind"] == "action-due" and finding["owner"] == "manager":
            summary = f"Your promise to {names[finding['person']]}: action {finding['action']} due"
        elif finding["kind"] == "checkin-due":
            summary = f"Check-in with {names[finding['person']]}"
        elif finding["kind"] == "conversation-due":
            summary = f"Career conversation with {names[finding['person']]}: dreams and plan"
        else:
            continue
        if due_on < today:
            summary += f" (late since {due_on})"
        expected.add((summary, max(due_on, today)))
    seen = set()
    for event in events(read_calendar(data)):
        summary, day = str(event["SUMMARY"]), event.decoded("DTSTART")
        conversation = summary.startswith("Career conversation")
        if day <= (today if conversation else horizon):  # `due` shows a conversation only once it has come
            seen.add((summary, day))
    assert seen == expected and len(expected) >= 2 + (within >= 10) + (within >= 30)


def test_people_who_left_or_are_paused_get_no_events_and_promises_say_so(notes):
    plan = {"actions": [action(1, "Intro to Bob", owner="manager", due="2026-06-10"), action(2, due="2026-06-12")]}
    root = notes(
        {
            "careerkit.yaml": KEY,
            "people/gone/profile.md": "---\nleft: 2026-05-01\n---\n",
            "people/gone/p.md": doc("gone", "plan", "2026-05-01", **plan),
            "people/away/profile.md": "---\npaused_until: 2026-09-01\n---\n",
            "people/away/p.md": doc("away", "plan", "2026-05-01", **plan),
            "people/back/profile.md": "---\npaused_until: 2026-06-01\n---\n",  # back today
            "people/back/p.md": doc("back", "plan", "2026-05-01", review_by="2026-08-01", **plan),
        }
    )
    result = run(root, "calendar", "--today", TODAY, "--titles")
    found = sorted((str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events(read_calendar(result.stdout)))
    assert found == [
        ("Career conversation with back: dreams and plan", date(2026, 8, 1)),  # the plan's review_by
        ("Check-in with back", date(2026, 7, 1)),  # one cadence of grace after the pause: not late
        ("Your promise to back: action 1 due: Intro to Bob", date(2026, 6, 10)),  # a promise keeps its date
    ]
    steps = run(root, "calendar", "--today", TODAY, "--titles", "--steps")
    found = [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events(read_calendar(steps.stdout))]
    assert ("back: action 2 due: Action 2", date(2026, 7, 1)) in found  # their step, after the grace
    assert not [summary for summary, _ in found if "gone" in summary or "away" in summary]


def test_no_control_character_reaches_the_calendar(notes):
    root = notes(
        {
            "careerkit.yaml": KEY,
            "people/ann/profile.md": '---\nname: "Ann \\e[2J"\n---\n',
            "people/ann/s.md": doc("ann", "story", "2026-01-01"),
        }
    )
    data = run(root, "calendar", "--today", TODAY).stdout
    assert b"\x1b" not in data
    assert [str(e["SUMMARY"]) for e in events(read_calendar(data))] == ["Career conversation with Ann \\x1b[2J: dreams"]


def conversations(root, today: str = TODAY) -> list[tuple[str, date]]:
    found = events(read_calendar(run(root, "calendar", "--today", today).stdout))
    return [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in found if "conversation" in str(e["SUMMARY"])]


DREAMS = [{"dream": "Lead"}]


@pytest.mark.parametrize(
    ("prepared", "expected"),
    [
        ({}, ("dreams", date(2026, 6, 1))),  # due now
        ({"people/ann/d.md": doc("ann", "dreams", "2026-06-01", body="")}, ("dreams", date(2026, 6, 1))),
        ({"people/ann/d.md": doc("ann", "dreams", "2026-06-02", body="")}, ("dreams", date(2026, 6, 2))),
        ({"people/ann/d.md": doc("ann", "dreams", "2026-05-31", body="")}, ("dreams", date(2026, 6, 1))),  # not held
        ({"people/ann/d.md": doc("ann", "dreams", "2026-05-31", dreams=DREAMS)}, ("plan", date(2026, 6, 1))),
        (
            {
                "people/ann/d.md": doc("ann", "dreams", "2026-05-20", dreams=DREAMS),
                "people/ann/p.md": doc("ann", "plan", "2026-07-01", held=True),  # ahead: planned, whatever it says
            },
            ("plan", date(2026, 7, 1)),
        ),
    ],
)
def test_someone_part_way_has_the_next_conversation_now_or_on_the_day_it_is_prepared_for(notes, prepared, expected):
    root = notes({"careerkit.yaml": KEY, "people/ann/s.md": doc("ann", "story", "2026-01-01"), **prepared})
    stage, day = expected
    assert conversations(root) == [(f"Career conversation with ann: {stage}", day)]


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        ("2026-05-03", date(2026, 6, 2)),  # 30 days to settle in: tomorrow
        ("2026-05-02", date(2026, 6, 1)),  # today
        ("2026-05-01", date(2026, 6, 1)),  # since yesterday: sits on today
    ],
)
def test_a_new_joiners_first_conversation_comes_once_they_settled_in(notes, since, expected):
    root = notes({"careerkit.yaml": KEY, "people/ann/profile.md": f"---\nsince: {since}\n---\n"})
    assert [day for _, day in conversations(root)] == [expected]


@pytest.mark.parametrize(("back", "expected"), [("2026-06-01", date(2026, 7, 1)), ("2026-06-02", None)])
def test_someone_part_way_back_from_a_pause_has_one_cadence_of_grace(notes, back, expected):
    root = notes(
        {
            "careerkit.yaml": KEY,
            "people/ann/profile.md": f"---\npaused_until: {back}\n---\n",
            "people/ann/s.md": doc("ann", "story", "2026-01-01"),
        }
    )
    assert [day for _, day in conversations(root)] == ([expected] if expected else [])
