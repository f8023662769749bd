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

from careerkit import findings, status
from careerkit.notes import Notes
from conftest import EXAMPLES

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "notes"
    subprocess.run([sys.executable, str(PROJECT / "benchmarks/generate.py"), str(root), "--people", "6", "--docs",
                    "40", "--body-chars", "200"], check=True, capture_output=True)
    return root


def answers(team, today: date) -> tuple[list[dict[str, object]], list[dict[str, object]], list[dict[str, object]]]:
    return ([f.to_json() for f in findings.find(team, today)],
            [f.to_json() for f in findings.find(team, today, within=30)],
            [row.to_json() for row in status.rows(team, today)])


@pytest.mark.parametrize("which", ["examples", "corpus", "generated"])
def test_condensed_people_give_the_same_findings_and_status(which, generated, monkeypatch):
    monkeypatch.setenv("CAREERKIT_NO_CACHE", "1")  # both straight from the files
    root = {"examples": EXAMPLES, "corpus": CORPUS, "generated": generated}[which]
    whole = Notes(root).load()
    condensed = Notes(root).load(condensed=True)
    assert [p.slug for p in condensed.people] == [p.slug for p in whole.people]
    assert condensed.errors == whole.errors
    assert sum(len(p.documents) for p in condensed.people) < sum(len(p.documents) for p in whole.people)
    start = max(doc.date for person in whole.people for doc in person.documents)
    for offset in range(-200, 200, 7):
        today = start + timedelta(days=offset)
        assert answers(condensed, today) == answers(whole, today), today
