"""`careerkit used`: the day a note was used, written as one frontmatter line and nothing else."""

from __future__ import annotations

from helpers import doc

NOTE = "people/alice/2026-03-05-note.md"


def files() -> dict[str, str | bytes]:
    return {
        NOTE: (
            "---\r\nperson: alice\r\nstage: note\r\ndate: 2026-03-05  # in the corridor\r\n---\r\n"
            "\r\nWants to mentor.\r\n"
        ),
        "people/alice/2026-03-08-note.md": doc("alice", "note", "2026-03-08", body="Newer.\n"),
    }


def test_used_writes_only_the_used_line_and_the_agenda_closes_the_thread(cli, notes):
    root = notes(files())
    before = (root / NOTE).read_bytes()
    result = cli(root, "used", "alice", "2026-03-05-note.md", "--today", "2026-03-10")
    assert result.stdout == f"note marked used on 2026-03-10: {NOTE}\n"
    after = (root / NOTE).read_bytes()
    assert after == before.replace(b"corridor\r\n---", b"corridor\r\nused: 2026-03-10\r\n---")
    assert "Wants to mentor." not in cli(root, "agenda", "alice", "--today", "2026-03-10").stdout
    again = cli(root, "used", "alice", "2026-03-05", "--today", "2026-03-10")
    assert "nothing changed" in again.stdout and (root / NOTE).read_bytes() == after


def test_without_a_note_the_newest_open_one_is_marked_on_the_day_given(cli, notes):
    root = notes(files())
    result = cli(root, "used", "alice", "--date", "2026-03-09", "--today", "2026-03-10")
    assert result.stdout == "note marked used on 2026-03-09: people/alice/2026-03-08-note.md\n"
    assert "used: 2026-03-09\n" in (root / "people/alice/2026-03-08-note.md").read_text(encoding="utf-8")


def test_a_note_that_is_not_there_or_a_person_without_notes_is_refused_with_nothing_written(cli, notes):
    root = notes({**files(), "people/bob/2026-01-01-story.md": doc("bob", "story", "2026-01-01")})
    before = (root / NOTE).read_bytes()
    wrong = cli(root, "used", "alice", "2026-03-06", expect=2)
    assert wrong.stderr.count("\n") == 1 and "2026-03-06" in wrong.stderr and "Traceback" not in wrong.stderr
    assert cli(root, "used", "bob", expect=2).stderr == "careerkit: bob has no notes yet\n"
    assert (root / NOTE).read_bytes() == before


def test_an_unreadable_document_of_theirs_refuses_and_says_it_may_hold_the_note(cli, notes):
    root = notes({**files(), "people/alice/2026-03-09-note.md": "---\nperson: alice\nstage: note\nfoo: [open\n---\n"})
    before = (root / NOTE).read_bytes()
    result = cli(root, "used", "alice", "2026-03-05", "--today", "2026-03-10", expect=1)
    assert result.stderr.startswith("people/alice/2026-03-09-note.md:4: ")
    assert result.stderr.endswith("(what cannot be read there may hold the note)\n")
    assert (root / NOTE).read_bytes() == before
