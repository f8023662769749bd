"""The notes' own note template never hides what a person said: its lines are left out of a note's summary
only where that template could have written them into that note."""

from __future__ import annotations

import pytest

from helpers import doc

WORDS = "I want to move to a new team"
INNOCENT = "{{ a }} to {{ b }} a {{ c }}\n{{ a }} to {{ b }} a {{ c }}\n"  # mostly gaps: says nothing


def shown(cli, root, text):
    """True when `text` is the note's summary in both `agenda` and `log`."""
    agenda = cli(root, "agenda", "alice", "--today", "2026-01-06").stdout
    log = cli(root, "log", "alice").stdout
    return f"2026-01-05: {text} (" in agenda and f"note     {text}  (" in log


@pytest.mark.parametrize(
    "template",
    [
        INNOCENT,
        "{{ name }} want to move {{ date }}\n",  # more words than gaps: trusted, yet a quick note is theirs
        "I want to move to a new team\n",
    ],
)
def test_a_quick_note_is_their_words_whatever_the_notes_template_says(cli, notes, template):
    root = notes({"templates/note.md.j2": template, "people/alice/profile.md": "---\nname: Alice\n---\n"})
    cli(root, "note", "alice", WORDS, "--date", "2026-01-05")
    assert shown(cli, root, WORDS)


def test_a_template_line_that_is_mostly_gaps_hides_no_line_written_by_hand(cli, notes):
    root = notes(
        {
            "templates/note.md.j2": INNOCENT,
            "people/alice/2026-01-05-note.md": doc("alice", "note", "2026-01-05", body=WORDS + "\n"),
        }
    )
    assert shown(cli, root, WORDS)


TEMPLATE = "# Note about {{ name }}\n\nThey said: {{ date }}\n\n## In their words\n\n## Next time\n"


@pytest.mark.parametrize("heading", ["## In their words", "## What she told me over lunch"])
def test_a_template_line_hides_only_what_is_where_the_template_puts_it(cli, notes, heading):
    """`They said: {{ date }}` is the template's at the top of the note; under a heading it is theirs."""
    root = notes({"templates/note.md.j2": TEMPLATE, "people/alice/.keep": ""})
    path = root / cli(root, "new", "note", "alice", "--date", "2026-01-05").stdout.strip()
    text = path.read_text(encoding="utf-8")
    assert "\nThey said: 2026-01-05\n" in text
    theirs = "They said: the guild needs someone to run it, and I want to."
    path.write_text(text.replace("## In their words\n", f"{heading}\n\n{theirs}\n"), encoding="utf-8")
    assert shown(cli, root, theirs)


def test_the_templates_own_lines_are_still_never_the_summary(cli, notes):
    root = notes({"templates/note.md.j2": TEMPLATE, "people/alice/.keep": ""})
    path = root / cli(root, "new", "note", "alice", "--date", "2026-01-05").stdout.strip()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Next time\n", "## Next time\n\nAsk about the guild.\n"), encoding="utf-8")
    assert shown(cli, root, "Ask about the guild.")


def test_a_heading_inside_the_templates_comment_starts_no_section(cli, notes):
    template = "<!--\n# How to use this note\n-->\nHeard from {{ name }} on {{ date }} in passing.\n"
    root = notes({"templates/note.md.j2": template, "people/alice/.keep": ""})
    path = root / cli(root, "new", "note", "alice", "--date", "2026-01-05").stdout.strip()
    text = path.read_text(encoding="utf-8")
    assert "\nHeard from alice on 2026-01-05 in passing.\n" in text
    path.write_text(text + "\nShe would like to pair more.\n", encoding="utf-8")
    assert shown(cli, root, "She would like to pair more.")
