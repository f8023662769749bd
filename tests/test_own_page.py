"""`careerkit report --for PERSON`: the page a person keeps, written to them and in their own words."""

from __future__ import annotations

import html
import re
from pathlib import Path

from helpers import action, doc

TODAY = "2026-11-22"

STORY_BODY = """\
# Life story

## Turning points
<!-- theirs -->
<!-- what turned them, in their words -->
- Left law school to build games.
- Moved to Cork for the sea.

## What I heard (my reading)
She seems to want control over her time.

## Other things they said
Her brother is unwell.
"""

PLAN_BODY = """\
## How they learn best
<!-- theirs -->
By doing it next to someone.

### A subsection nobody marked
Not for the page.
"""


def page_text(page: str) -> str:
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def own_page(cli, root: Path, tmp_path: Path, person: str = "alice", today: str = TODAY) -> str:
    out = tmp_path / f"{person}.html"
    cli(root, "report", "--today", today, "--for", person, "-o", str(out))
    return page_text(out.read_text(encoding="utf-8"))


def test_their_marked_sections_reach_the_page_and_nothing_else_of_a_body(cli, notes, tmp_path):
    root = notes(
        {
            "people/alice/2026-01-05-story.md": doc("alice", "story", "2026-01-05", body=STORY_BODY, values=["craft"]),
            "people/alice/2026-02-01-plan.md": doc("alice", "plan", "2026-02-01", body=PLAN_BODY, skills=[]),
            "people/alice/2026-02-10-note.md": doc(
                "alice", "note", "2026-02-10", body="## Said\n<!-- theirs -->\nA note is never on the page.\n"
            ),
            # prepared for next month: not held, so its marked words say nothing yet
            "people/alice/2026-12-15-checkin.md": doc(
                "alice", "checkin", "2026-12-15", body="## Progress\n<!-- theirs -->\nWritten ahead of time.\n"
            ),
        }
    )
    text = own_page(cli, root, tmp_path)
    assert "In your words" in text
    assert "Left law school to build games." in text and "Moved to Cork for the sea." in text
    assert "By doing it next to someone." in text
    for private in (
        "She seems to want control",
        "Her brother is unwell",
        "Not for the page",
        "A note is never on the page",
        "Written ahead of time",
        "what turned them, in their words",  # a template's prompt inside a marked section
    ):
        assert private not in text


def test_the_grid_speaks_of_room_to_grow_and_strengths_never_of_gaps(cli, notes, tmp_path):
    dreams = [
        {"dream": "Lead a team", "skills": [{"skill": "hiring", "need": 4, "have": 2}]},
        {"dream": "Write a book", "skills": [{"skill": "writing", "need": 3, "have": 4}]},
    ]
    root = notes({"people/alice/2026-03-01-dreams.md": doc("alice", "dreams", "2026-03-01", dreams=dreams)})
    out = tmp_path / "alice.html"
    cli(root, "report", "--today", TODAY, "--for", "alice", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    text = page_text(page)
    assert "room to grow: 2" in text and "a strength" in text
    assert "gap" not in text.casefold()
    colours = set(re.findall(r"#[0-9a-fA-F]{6}", re.search(r"<style>.*?</style>", page, re.S).group(0)))
    # neutral: greys and one muted blue, nothing warm (a heat map from yellow to red reads as a grade)
    assert all(int(c[1:3], 16) <= int(c[5:7], 16) + 16 for c in colours), colours


def test_steps_are_open_done_or_dropped_never_late_and_promises_come_first(cli, notes, tmp_path):
    root = notes(
        {
            "careerkit.yaml": "checkin_every_days: 30\n",
            "people/alice/2026-01-01-plan.md": doc(
                "alice",
                "plan",
                "2026-01-01",
                skills=[{"skill": "hiring"}],
                actions=[
                    action(1, "Shadow two hiring loops", due="2026-02-01"),
                    action(2, "Read the book", status="dropped", closed="2026-03-01"),
                    action(3, "Introduce Alice to Bob", owner="manager", due="2026-01-15"),
                ],
            ),
            "people/alice/2026-12-01-checkin.md": doc("alice", "checkin", "2026-12-01", body=""),
        }
    )
    text = own_page(cli, root, tmp_path)
    assert "Your next check-in: 2026-12-01" in text  # the one prepared for next week
    top, rest = text.split("Your values", 1)
    assert "What your manager promised you" in top and "Introduce Alice to Bob" in top
    assert "open Shadow two hiring loops" in rest and "dropped Read the book" in rest
    for word in ("late", "overdue", "stale", "past its date", "passed"):
        assert word not in text


def test_a_next_checkin_whose_day_passed_is_not_shown_as_late(cli, notes, tmp_path):
    root = notes({"people/alice/2026-01-01-plan.md": doc("alice", "plan", "2026-01-01", skills=[])})
    text = own_page(cli, root, tmp_path)
    assert "Your next check-in: its date is still to be set together." in text
    assert "2026-01-31" not in text


def test_finished_steps_are_said_and_all_done_is_praised(cli, notes, tmp_path):
    steps = [action(1, "One", status="done", closed="2026-02-10"), action(2, "Two")]
    files = {"people/alice/2026-01-01-plan.md": doc("alice", "plan", "2026-01-01", skills=[], actions=steps)}
    text = own_page(cli, notes(files), tmp_path)
    assert "You finished 1 step since your last conversation." in text and "Every step is done" not in text

    steps[1].update(status="done", closed="2026-03-01")
    files["people/alice/2026-01-01-plan.md"] = doc("alice", "plan", "2026-01-01", skills=[], actions=steps)
    text = own_page(cli, notes(files), tmp_path)
    assert "Every step is done. That is real progress: well done." in text


def test_growth_shows_have_then_and_now_across_held_dreams_documents(cli, notes, tmp_path):
    def dreams(have: int) -> list[dict[str, object]]:
        return [{"dream": "Lead a team", "skills": [{"skill": "hiring", "need": 5, "have": have}]}]

    root = notes(
        {
            "people/alice/2026-03-10-dreams.md": doc("alice", "dreams", "2026-03-10", dreams=dreams(3)),
            "people/alice/2026-09-10-dreams.md": doc("alice", "dreams", "2026-09-10", dreams=dreams(4)),
            # prepared for a revisit next year: not held, so not a rating
            "people/alice/2027-01-10-dreams.md": doc("alice", "dreams", "2027-01-10", dreams=dreams(5)),
        }
    )
    text = own_page(cli, root, tmp_path)
    assert "How you have grown hiring : 3 in March, 4 now" in text


def test_after_a_dream_change_the_old_steps_are_set_aside_and_the_plan_made_again(cli, notes, tmp_path):
    root = notes(
        {
            "people/alice/2026-01-01-plan.md": doc(
                "alice", "plan", "2026-01-01", skills=[{"skill": "hiring"}], actions=[action(1, "Shadow a loop")]
            ),
            "people/alice/2026-06-01-checkin.md": doc(
                "alice", "checkin", "2026-06-01", dream_shift="I think I want product work"
            ),
        }
    )
    text = own_page(cli, root, tmp_path)
    assert "Your dreams changed on 2026-06-01. The plan will be made again together" in text
    assert "Shadow a loop" not in text
    assert "I think I want product work" not in text  # what they said in passing stays in the notes


def test_values_not_confirmed_ask_whether_the_words_fit(cli, notes, tmp_path):
    files = {"people/alice/2026-01-05-story.md": doc("alice", "story", "2026-01-05", values=["craft", "autonomy"])}
    text = own_page(cli, notes(files), tmp_path)
    assert "Do they fit you? You have the final say" in text
    files["people/alice/2026-01-05-story.md"] = doc(
        "alice", "story", "2026-01-05", values=["craft"], values_confirmed="2026-01-20"
    )
    text = own_page(cli, notes(files), tmp_path)
    assert "You confirmed these on 2026-01-20." in text and "Do they fit you" not in text


def test_the_foot_says_it_is_their_plan_and_not_a_review(cli, notes, tmp_path):
    text = own_page(cli, notes({"people/alice/2026-01-05-story.md": doc("alice", "story", "2026-01-05")}), tmp_path)
    assert text.index("This is your development plan") > text.index("Your plan")  # at the foot
    assert "It is not a performance review and not a promotion checklist." in text
