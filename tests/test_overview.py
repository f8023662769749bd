"""`agenda`, `status`, `log`, and golden runs of `due` and `agenda` on the shipped examples.

The golden files were read line by line against the rules when written; to
accept an intended change, run `UPDATE_GOLDEN=1 pytest tests/test_overview.py`
and review the diff.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from careerkit.reference import findings_page
from conftest import EXAMPLES
from helpers import action, doc

GOLDEN = Path(__file__).parent / "golden"
TODAY = "2026-11-22"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    """A copy of examples/: the runs must not leave a cache in the source tree, nor read one left there."""
    copy = tmp_path_factory.mktemp("team") / "examples"
    shutil.copytree(EXAMPLES, copy, ignore=shutil.ignore_patterns(".careerkit"))
    return copy


@pytest.mark.parametrize(("args", "golden"), [
    (["due", "--today", TODAY], "due.txt"),
    (["due", "--today", TODAY, "--json", "--within", "14"], "due-within-14.json"),
    (["agenda", "dana", "--today", TODAY], "agenda-dana.md"),
    (["agenda", "Zoë O'Brien", "--today", TODAY], "agenda-zoe.md"),
    (["status", "--today", TODAY], "status.txt"),
    (["log", "amara"], "log-amara.txt"),
])
def test_examples_golden(cli, examples, args, golden):
    check_golden(golden, cli(examples, *args).stdout)


def test_findings_page_matches_the_code():
    page = (Path(__file__).parents[1] / "docs" / "findings.md").read_text(encoding="utf-8")
    assert page == findings_page(), "regenerate: python -m careerkit.reference > docs/findings.md"


def test_status_json_has_one_object_per_person(cli, notes):
    root = notes({
        "people/alice/profile.md": "---\nname: Alice Smith\ncheckin_every_days: 14\n---\n",
        "people/alice/s.md": doc("alice", "story", "2026-01-01"),
        "people/alice/p.md": doc("alice", "plan", "2026-02-01", actions=[
            action(1, due="2026-02-10"), action(2), action(3, status="done", closed="2026-02-05")]),
        "people/bob/s.md": doc("bob", "story", "2026-01-20"),
    })
    rows = json.loads(cli(root, "status", "--today", "2026-03-01", "--json").stdout)
    assert rows == [
        {"person": "alice", "name": "Alice Smith", "stages": "story, plan", "last_conversation": "2026-02-01",
         "last_checkin": None, "next_checkin": "2026-02-15", "open": 2, "due": 1, "stale": 1},
        {"person": "bob", "name": "bob", "stages": "story", "last_conversation": "2026-01-20",
         "last_checkin": None, "next_checkin": None, "open": 0, "due": 0, "stale": 0},
    ]


def test_agenda_celebrates_what_was_closed_since_the_last_checkin(cli, notes):
    root = notes({
        "people/alice/2026-01-01-plan.md": doc("alice", "plan", "2026-01-01", actions=[
            action(1, "Before", status="done", closed="2026-01-10"),
            action(2, "After", status="done", closed="2026-02-10"),
            action(3, "Open one", due="2026-04-01", updated="2026-02-15")]),
        "people/alice/2026-02-01-checkin.md": doc("alice", "checkin", "2026-02-01"),
        "people/alice/2026-01-20-note.md": doc("alice", "note", "2026-01-20", body="Old remark.\n"),
        "people/alice/2026-02-15-note.md": doc("alice", "note", "2026-02-15", body="# Note\n\nWants to mentor.\n"),
    })
    text = cli(root, "agenda", "alice", "--today", "2026-02-20").stdout
    assert "Last check-in: 2026-02-01 (19 days ago)." in text
    assert "- [x] 2. After (done on 2026-02-10)" in text and "Before" not in text
    assert "- [ ] 3. Open one (on track, due 2026-04-01)" in text
    assert "2026-02-15: Wants to mentor." in text and "Old remark" not in text
    assert text.count("\n1. ") == 1 and "90%" in text


def test_agenda_of_someone_new_still_reads_well(cli, notes):
    root = notes({"people/alice/s.md": doc("alice", "story", "2026-01-01")})
    text = cli(root, "agenda", "alice", "--today", "2026-01-10").stdout
    assert "No check-in yet." in text and "- none open" in text
    assert "Life story told but no dreams yet." in text


def test_log_lists_documents_in_date_order(cli, notes):
    root = notes({
        "people/alice/b.md": doc("alice", "dreams", "2026-02-01", dreams=[{"dream": "Lead a team"}]),
        "people/alice/a.md": doc("alice", "story", "2026-01-01", values=["autonomy"]),
        "people/alice/c.md": doc("alice", "note", "2026-02-01", body="Likes pairing.\n"),
    })
    lines = cli(root, "log", "alice").stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [["2026-01-01", "story"], ["2026-02-01", "dreams"],
                                                    ["2026-02-01", "note"]]
    assert "values: autonomy" in lines[0] and "1 dream: Lead a team" in lines[1] and "Likes pairing." in lines[2]


@pytest.mark.parametrize("command", ["agenda", "log"])
def test_unknown_person_exits_2(cli, notes, command):
    root = notes({"people/alice/s.md": doc("alice", "story", "2026-01-01")})
    result = cli(root, command, "alicia", expect=2)
    assert "did you mean alice?" in result.stderr


def test_an_unreadable_document_is_named_and_the_rest_still_shown(cli, notes):
    root = notes({
        "people/alice/s.md": doc("alice", "story", "2026-01-01"),
        "people/alice/2026-02-01-dreams.md": "---\nperson: alice\nstage: dreams\ndate: 2026-13-45\n---\n",
    })
    result = cli(root, "status", "--today", "2026-03-01", expect=1)
    assert "alice" in result.stdout
    expected = "people/alice/2026-02-01-dreams.md:4: date 2026-13-45 is not a real date (YYYY-MM-DD)"
    assert result.stderr.strip() == expected


def test_a_careerkit_yaml_that_does_not_parse_is_named_as_yaml_not_frontmatter(cli, notes):
    root = notes({"careerkit.yaml": "checkin_every_days: 14\nstale_after_days: [1\n",
                  "people/alice/2026-01-01-plan.md": "---\nstage: plan\ndate: 2026-01-01\n---\n"})
    result = cli(root, "due", "--today", "2026-01-20", expect=1)
    assert result.stderr.startswith("careerkit.yaml:2: could not parse YAML: ")
    assert "check-in" not in result.stdout  # the defaults are used: 30 days, not 14
