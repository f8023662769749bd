"""Revisits start from last time: `new dreams` and `new plan` when an earlier one exists, `new checkin`
before any plan, and the sections the shipped templates mark as the person's own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import action, doc

DREAMS = [
    {"dream": "Lead a team", "skills": [{"skill": "hiring", "need": 4, "have": 2}]},
    {"dream": "Write a book", "skills": [{"skill": "writing", "need": 5, "have": 1}]},
]


def frontmatter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_new_dreams_on_a_revisit_keeps_dreams_and_need_and_leaves_have_to_rate_again(cli, notes):
    root = notes({"people/alice/2026-01-01-dreams.md": doc("alice", "dreams", "2026-01-01", dreams=DREAMS)})
    cli(root, "new", "dreams", "alice", "--today", "2026-07-01")
    path = root / "people/alice/2026-07-01-dreams.md"
    data = frontmatter(path)
    assert data["dreams"] == [
        {"dream": "Lead a team", "skills": [{"skill": "hiring", "need": 4, "have": None}]},
        {"dream": "Write a book", "skills": [{"skill": "writing", "need": 5, "have": None}]},
    ]
    text = path.read_text(encoding="utf-8")
    assert "a revisit of their dreams of 2026-01-01" in text and "2 of 3" not in text
    assert "hiring: have 2" in text and "writing: have 1" in text  # last time's ratings, as a hint
    agenda = cli(root, "agenda", "alice", "--today", "2026-07-01").stdout
    assert "Planned: their dreams on 2026-07-01" in agenda  # unchanged, it is prepared, not held
    path.write_text(text.replace("have: null", "have: 3", 1), encoding="utf-8")
    assert "Planned: their dreams" not in cli(root, "agenda", "alice", "--today", "2026-07-01").stdout


def test_new_dreams_without_earlier_dreams_starts_empty(cli, notes):
    root = notes({"people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01", values=["autonomy"])})
    cli(root, "new", "dreams", "alice", "--today", "2026-02-01")
    path = root / "people/alice/2026-02-01-dreams.md"
    assert frontmatter(path)["dreams"] == [] and "2 of 3" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("newest_has_it", [True, False])
def test_new_plan_on_a_revisit_carries_learns_best_and_lists_what_is_open(cli, notes, newest_has_it):
    older = doc("alice", "plan", "2026-01-01", learns_best=["pairing"], skills=[{"skill": "hiring"}])
    newer = doc(
        "alice",
        "plan",
        "2026-03-01",
        learns_best=["reading"] if newest_has_it else [],
        skills=[{"skill": "writing"}],
        actions=[
            action(1, "Shadow a hiring loop", due="2026-04-01"),
            action(2, "Introduce Alice to Bob", owner="manager"),
            action(3, "Finished one", status="done", closed="2026-03-10"),
        ],
    )
    root = notes(
        {
            "people/alice/2026-01-01-plan.md": older,
            "people/alice/2026-03-01-plan.md": newer,
            "people/alice/2026-02-01-dreams.md": doc("alice", "dreams", "2026-02-01", dreams=DREAMS),
        }
    )
    cli(root, "new", "plan", "alice", "--today", "2026-09-01")
    path = root / "people/alice/2026-09-01-plan.md"
    data = frontmatter(path)
    assert data["learns_best"] == (["reading"] if newest_has_it else ["pairing"])
    assert data["skills"] == [] and data["actions"] == [] and str(data["review_by"]) == "2027-03-02"
    text = path.read_text(encoding="utf-8")
    assert "- Their step 1: Shadow a hiring loop (date 2026-04-01): keep, change or let go?" in text
    assert "- Your promise 2: Introduce Alice to Bob: keep, change or let go?" in text
    assert "Finished one" not in text
    assert "Planned: their action plan on 2026-09-01" in cli(root, "agenda", "alice", "--today", "2026-09-01").stdout


def test_a_first_plan_lists_nothing_to_keep_and_no_learns_best(cli, notes):
    root = notes({"people/alice/2026-02-01-dreams.md": doc("alice", "dreams", "2026-02-01", dreams=DREAMS)})
    cli(root, "new", "plan", "alice", "--today", "2026-03-01")
    path = root / "people/alice/2026-03-01-plan.md"
    assert frontmatter(path)["learns_best"] == [] and "Still open from before" not in path.read_text(encoding="utf-8")


def test_new_checkin_without_a_plan_writes_names_the_next_conversation_and_no_plan(cli, notes):
    root = notes({"people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01", values=["autonomy"])})
    result = cli(root, "new", "checkin", "alice", "--today", "2026-02-01")
    assert result.stdout == "people/alice/2026-02-01-checkin.md\n"
    assert "the conversation that comes next is their dreams: careerkit new dreams alice" in result.stderr
    text = (root / "people/alice/2026-02-01-checkin.md").read_text(encoding="utf-8")
    assert "plan of" not in text and "your development plan" not in text and "about their plan" not in text
    assert text.index("## How they feel") < text.index("## What they asked of me")


def test_the_checkin_asks_how_they_feel_before_what_moved(cli, notes):
    plan = doc("alice", "plan", "2026-01-01", skills=[{"skill": "hiring"}], actions=[action(1, "Read a book")])
    root = notes({"people/alice/2026-01-01-plan.md": plan})
    cli(root, "new", "checkin", "alice", "--today", "2026-02-01")
    text = (root / "people/alice/2026-02-01-checkin.md").read_text(encoding="utf-8")
    assert text.index("## How they feel about their plan") < text.index("## What moved") < text.index("#1")
    assert "overdue" not in text


THEIRS = {
    "story": ["Turning points"],
    "dreams": ["The dreams, in their words"],
    "plan": [
        "How they learn best",
        "The skills they chose, and where to learn them",
        "First actions",
        "What I promised",
    ],
    "checkin": [],
}


@pytest.mark.parametrize("stage", sorted(THEIRS))
def test_the_shipped_templates_mark_exactly_the_persons_own_sections(cli, notes, stage):
    root = notes({"people/alice/2026-01-01-dreams.md": doc("alice", "dreams", "2026-01-01", dreams=DREAMS)})
    cli(root, "new", stage, "alice", "--today", "2026-02-01")
    lines = (root / f"people/alice/2026-02-01-{stage}.md").read_text(encoding="utf-8").splitlines()
    marked = [lines[i - 1][3:] for i, line in enumerate(lines) if line == "<!-- theirs -->"]
    assert marked == THEIRS[stage]
