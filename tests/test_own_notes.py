"""`careerkit init --self NAME`: one person's own career notes, where careerkit speaks to them about themself."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import action, doc

TODAY = "2026-11-22"


def own_notes(cli, tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    root = tmp_path / "me"
    cli(None, "init", str(root), "--self", "Zoë O'Brien", "--no-git")
    for rel, text in (files or {}).items():
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_init_self_names_the_person_and_makes_their_profile_and_twice_changes_nothing(cli, tmp_path):
    root = tmp_path / "me"
    out = cli(None, "init", str(root), "--self", "Zoë O'Brien", "--no-git").stdout
    assert "created people/zoe-obrien/profile.md" in out and "Next: careerkit new story zoe-obrien" in out
    assert re.search(r"^self: zoe-obrien$", (root / "careerkit.yaml").read_text(encoding="utf-8"), re.M)
    assert "name: Zoë O'Brien" in (root / "people/zoe-obrien/profile.md").read_text(encoding="utf-8")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    again = cli(None, "init", str(root), "--self", "Zoë O'Brien", "--no-git").stdout
    assert "kept    people/zoe-obrien/profile.md (already there)" in again
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_init_self_into_notes_that_name_nobody_says_which_line_to_add(cli, tmp_path):
    root = tmp_path / "team"
    cli(None, "init", str(root), "--no-git")
    out = cli(None, "init", str(root), "--self", "Ann", "--no-git").stdout
    assert "add `self: ann` to it" in out
    assert "self:" not in (root / "careerkit.yaml").read_text(encoding="utf-8")


def test_init_self_refuses_a_name_without_a_letter_and_writes_nothing(cli, tmp_path):
    root = tmp_path / "me"
    result = cli(None, "init", str(root), "--self", "!!!", "--no-git", expect=2)
    assert "not a usable person name" in result.stderr and not root.exists()


def test_findings_speak_to_the_person_and_keep_their_titles_as_written(cli, tmp_path):
    def plan(day: str, due: str) -> str:
        return doc(
            "zoe-obrien",
            "plan",
            day,
            skills=[{"skill": "hiring", "resources": ["Bob"]}],
            actions=[
                action(1, "Ask them about their team", due=due),
                action(2, "Ask my manager for a mentor", owner="manager", due=due),
            ],
        )

    def messages(root: Path) -> list[str]:
        return [f["message"] for f in json.loads(cli(root, "due", "--today", TODAY, "--json").stdout)["findings"]]

    root = own_notes(cli, tmp_path, {"people/zoe-obrien/2026-11-01-plan.md": plan("2026-11-01", "2026-11-10")})
    said = messages(root)
    assert "step 1 passed its date 12 days ago: Ask them about their team" in said  # their title, as written
    assert "action 2, what you asked of your manager, is 12 days late: Ask my manager for a mentor" in said

    (root / "people/zoe-obrien/2026-11-01-plan.md").unlink()
    (root / "people/zoe-obrien/2026-01-01-plan.md").write_text(plan("2026-01-01", "2026-02-01"), encoding="utf-8")
    assert "your one open step has not moved for 11 months, and it passed its date" in messages(root)


def test_the_same_notes_without_self_speak_to_a_manager(cli, notes, tmp_path):
    plan = doc("alice", "plan", "2026-01-01", skills=[{"skill": "x", "resources": ["y"]}], actions=[action(1)])
    root = notes({"people/alice/2026-01-01-plan.md": plan})
    messages = [f["message"] for f in json.loads(cli(root, "due", "--today", TODAY, "--json").stdout)["findings"]]
    assert any("their one open step has not moved" in m for m in messages)


def test_the_agenda_of_ones_own_notes_speaks_to_them(cli, tmp_path):
    plan = doc(
        "zoe-obrien",
        "plan",
        "2026-11-01",
        skills=[{"skill": "hiring", "resources": ["Bob"]}],
        learns_best=["pairing"],
        actions=[action(1, "Shadow a loop"), action(2, "Find me a mentor", owner="manager")],
    )
    root = own_notes(cli, tmp_path, {"people/zoe-obrien/2026-11-01-plan.md": plan})
    text = cli(root, "agenda", "zoe-obrien", "--today", TODAY).stdout
    assert "### What you asked of your manager" in text and "### Your open steps" in text
    assert "- How you learn best: pairing." in text
    assert "let them do about 90%" not in text and "These notes are yours" in text


def test_a_new_document_opens_with_a_line_for_them_not_an_invite(cli, tmp_path):
    root = own_notes(cli, tmp_path)
    path = cli(root, "new", "story", "zoe-obrien", "--today", TODAY).stdout.strip()
    body = (root / path).read_text(encoding="utf-8")
    assert "## Before you start" in body and "## The invite" not in body


def test_their_own_page_names_what_they_asked_of_their_manager(cli, tmp_path):
    plan = doc("zoe-obrien", "plan", "2026-01-01", actions=[action(1, "Find me a mentor", owner="manager")])
    root = own_notes(cli, tmp_path, {"people/zoe-obrien/2026-01-01-plan.md": plan})
    out = tmp_path / "page.html"
    cli(root, "report", "--today", TODAY, "--for", "zoe-obrien", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert "What you asked of your manager" in page and "What your manager promised you" not in page


def test_to_self_changes_careerkits_words_and_never_a_title():
    from careerkit.values.voice import to_self

    said = to_self("none of their 3 open steps has moved for 5 weeks")
    assert said == "none of your 3 open steps has moved for 5 weeks"
    assert to_self("They finished: their plan", "their plan") == "You finished: their plan"
