"""`due` and `status` read each person condensed (`PersonNotes.condensed`, kept whole in the cache).

That is only right if it changes no answer: here, on the example team, the bad-file corpus and a
generated repository with actions in every state, over a year of dates, the findings and the status
rows from condensed people are exactly those from whole people.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from careerkit.repository.loader import Repository
from careerkit.rules import findings
from careerkit.views import status
from conftest import EXAMPLES

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "notes"
    subprocess.run(
        [
            sys.executable,
            str(PROJECT / "benchmarks/generate.py"),
            str(root),
            "--people",
            "6",
            "--docs",
            "40",
            "--body-chars",
            "200",
        ],
        check=True,
        capture_output=True,
    )
    return root


def answers(team, today: date) -> tuple[list[dict[str, object]], list[dict[str, object]], list[dict[str, object]]]:
    return (
        [f.to_json() for f in findings.find(team, today)],
        [f.to_json() for f in findings.find(team, today, within=30)],
        [row.to_json() for row in status.rows(team, today)],
    )


@pytest.mark.parametrize("which", ["examples", "corpus", "generated"])
def test_condensed_people_give_the_same_findings_and_status(which, generated, monkeypatch):
    monkeypatch.setenv("CAREERKIT_NO_CACHE", "1")  # both straight from the files
    root = {"examples": EXAMPLES, "corpus": CORPUS, "generated": generated}[which]
    whole = Repository(root).load()
    condensed = Repository(root).load(condensed=True)
    assert [p.slug for p in condensed.people] == [p.slug for p in whole.people]
    assert condensed.errors == whole.errors
    assert sum(len(p.documents) for p in condensed.people) < sum(len(p.documents) for p in whole.people)
    start = max(doc.date for person in whole.people for doc in person.documents)
    for offset in range(-200, 200, 7):
        today = start + timedelta(days=offset)
        assert answers(condensed, today) == answers(whole, today), today


def test_condensed_keeps_what_the_0_2_rules_read(notes, monkeypatch):
    """The earliest document (never-started) and each owner's last closed action (promises are a setting)."""
    from helpers import action, doc

    monkeypatch.setenv("CAREERKIT_NO_CACHE", "1")
    root = notes(
        {
            "careerkit.yaml": "manager: kim\n",
            "people/ann/2026-01-05-note.md": doc("ann", "note", "2026-01-05"),
            "people/ann/2026-02-05-note.md": doc("ann", "note", "2026-02-05"),
            "people/ann/2026-03-05-checkin.md": doc("ann", "checkin", "2026-03-05"),
            "people/bob/2026-01-01-plan.md": doc(
                "bob",
                "plan",
                "2026-01-01",
                actions=[
                    action(1, status="done", closed="2026-01-20"),
                    action(2, owner="kim", status="done", closed="2026-03-01"),
                    action(3, owner="manager", status="dropped"),
                    action(4, owner="kim"),
                ],
            ),
        }
    )
    whole, condensed = Repository(root).load(), Repository(root).load(condensed=True)
    for offset in range(0, 120, 5):
        today = date(2026, 1, 1) + timedelta(days=offset)
        assert answers(condensed, today) == answers(whole, today), today
    assert [f.date for f in findings.find(condensed, date(2026, 4, 1)) if f.kind == "never-started"] == [
        date(2026, 1, 5)
    ]
