"""`due` and `status` read each person condensed (`PersonNotes.condensed`, kept whole in the cache).

That is only right if it changes no answer: here, on the example team, the bad-file corpus and a
generated repository with actions in every state, over a year of dates, the findings and the status
rows from condensed people are exactly those from whole people. A condensed person answers for any day
on or after their newest document's date; for an earlier day (which of their documents are held depends
on it) the loader reads them whole.
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
    start = max(doc.date for person in whole.people for doc in person.documents)
    for built in (start - timedelta(days=60), start):  # (60 days before the newest document: some lie ahead)
        condensed = Repository(root).load(condensed=built)
        assert [p.slug for p in condensed.people] == [p.slug for p in whole.people]
        assert condensed.errors == whole.errors
        kept, every = (sum(len(p.documents) for p in team.people) for team in (condensed, whole))
        assert kept < every or (built < start and kept == every)
        for offset in range(0, 200, 7):
            today = built + timedelta(days=offset)
            assert answers(condensed, today) == answers(whole, today), (built, today)
    for offset in range(-200, 0, 28):
        today = start + timedelta(days=offset)
        assert answers(Repository(root).load(condensed=today), today) == answers(whole, today), today


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
    whole = Repository(root).load()
    for offset in range(0, 120, 5):
        today = date(2026, 1, 1) + timedelta(days=offset)
        assert answers(Repository(root).load(condensed=today), today) == answers(whole, today), today
    condensed = Repository(root).load(condensed=date(2026, 4, 1))
    assert [f.date for f in findings.find(condensed, date(2026, 4, 1)) if f.kind == "never-started"] == [
        date(2026, 2, 4)  # 30 days after her earliest document
    ]


def test_condensed_keeps_what_the_0_3_rules_read(notes, monkeypatch):
    """Prepared documents (ahead, as `new` wrote them, `held: false`), the plan with skills that a dream change
    is measured from and the first shift said after it, and every step finished since the newest plan."""
    from helpers import action, doc

    monkeypatch.setenv("CAREERKIT_NO_CACHE", "1")
    skills = [{"skill": "design", "resources": ["Bob"]}]
    root = notes(
        {
            "people/ann/2026-01-05-story.md": doc("ann", "story", "2026-01-05", values=["craft"]),
            "people/ann/2026-02-01-dreams.md": doc("ann", "dreams", "2026-02-01"),
            "people/ann/2026-02-10-plan.md": doc("ann", "plan", "2026-02-10", skills=skills),
            "people/ann/2026-03-01-checkin.md": doc(
                "ann",
                "checkin",
                "2026-03-01",
                actions=[
                    action(1, status="done", closed="2026-03-05"),
                    action(2, status="done", closed="2026-03-06"),
                    action(3, due="2026-03-20"),
                    action(4, status="dropped", closed="2026-03-07"),
                ],
            ),
            "people/ann/2026-03-10-note.md": doc("ann", "note", "2026-03-10", dream_shift="Maybe product"),
            "people/ann/2026-03-12-note.md": doc("ann", "note", "2026-03-12", dream_shift=True),
            "people/ann/2026-03-15-plan.md": doc("ann", "plan", "2026-03-15", body="", skills=[], held=True),
            "people/ann/2026-03-16-checkin.md": doc("ann", "checkin", "2026-03-16", held=False),
            "people/ann/2026-03-20-dreams.md": doc("ann", "dreams", "2026-03-20", body="# Dreams\n"),
            "people/bob/2026-02-01-story.md": doc("bob", "story", "2026-02-01", body="<!-- to fill in -->\n"),
            "people/bob/2026-02-03-story.md": doc("bob", "story", "2026-02-03", held=False),
        }
    )
    whole = Repository(root).load()
    for offset in range(0, 120, 3):
        today = date(2026, 2, 1) + timedelta(days=offset)
        assert answers(Repository(root).load(condensed=today), today) == answers(whole, today), today
    on = date(2026, 3, 11)  # (the 0.3 rules are at work here, not only the older ones)
    assert [(f.person, f.kind) for f in findings.find(Repository(root).load(condensed=on), on)] == [
        ("ann", "steps-finished"),
        ("bob", "never-started"),
        ("ann", "dream-changed"),
        ("ann", "values-unconfirmed"),
    ]


def test_a_person_condensed_for_a_day_is_read_again_only_for_a_day_before_their_last_document_by_then(
    notes, monkeypatch
):
    """Kept in the cache for one day, a condensed person serves every later day, and any earlier day back to
    their newest document dated by then (no file is parsed); before that, they are condensed again."""
    from careerkit.cache import reads as cache
    from careerkit.reading import documents
    from helpers import doc

    monkeypatch.setattr(cache, "RACY_NS", 0)  # the files were just written: cache them anyway
    parsed: list[str] = []
    real = documents.read_document

    def counting(root, path, person, *rest):
        parsed.append(path.name)
        return real(root, path, person, *rest)

    monkeypatch.setattr(documents, "read_document", counting)
    root = notes(
        {
            "people/ann/2026-03-01-story.md": doc("ann", "story", "2026-03-01"),
            "people/ann/2026-04-20-dreams.md": doc("ann", "dreams", "2026-04-20"),  # prepared ahead, with content
        }
    )

    def messages(day: date) -> list[str]:
        parsed.clear()
        return [
            f.message for f in findings.find(Repository(root).load(condensed=day), day) if f.kind != "never-started"
        ]

    told = ["life story told but no dreams yet; it is prepared for 2026-04-20 (people/ann/2026-04-20-dreams.md)"]
    assert messages(date(2026, 4, 1)) == told and parsed
    assert messages(date(2026, 4, 19)) == told and parsed == []  # the same condensed person
    assert messages(date(2026, 4, 20)) == ["dreams written but no action plan yet"] and parsed == []
    assert messages(date(2026, 3, 1)) == told and parsed == []  # back to the story's own day
    assert messages(date(2026, 2, 28)) == []  # before it: condensed again (from each file's cached reading)
