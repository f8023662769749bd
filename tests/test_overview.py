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

from careerkit.commands.docgen import findings_page
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


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (["due", "--today", TODAY], "due.txt"),
        (["due", "--today", TODAY, "--json", "--within", "14"], "due-within-14.json"),
        (["agenda", "dana", "--today", TODAY], "agenda-dana.md"),
        (["agenda", "Zoë O'Brien", "--today", TODAY], "agenda-zoe.md"),
        (["agenda", "farah", "--today", TODAY], "agenda-farah.md"),
        (["agenda", "gus", "--today", TODAY], "agenda-gus.md"),
        (["agenda", "chen", "--today", TODAY], "agenda-chen.md"),
        (["agenda", "amara", "--today", TODAY], "agenda-amara.md"),
        (["agenda", "emil", "--today", TODAY], "agenda-emil.md"),
        (["agenda", "hana", "--today", TODAY], "agenda-hana.md"),
        (["agenda", "ivo", "--today", TODAY], "agenda-ivo.md"),
        (["status", "--today", TODAY], "status.txt"),
        (["status", "--today", TODAY, "--all"], "status-all.txt"),
        (["log", "amara"], "log-amara.txt"),
    ],
)
def test_examples_golden(cli, examples, args, golden):
    text = cli(examples, *args).stdout
    if golden.endswith(".json"):  # compact on one line into a pipe; the file keeps it indented, to read its diffs
        assert text.count("\n") == 1
        text = json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    check_golden(golden, text)


def test_findings_page_matches_the_code():
    page = (Path(__file__).parents[1] / "docs" / "findings.md").read_text(encoding="utf-8")
    assert page == findings_page(), "regenerate: python -m careerkit.commands.docgen"


def test_status_json_has_one_object_per_person(cli, notes):
    root = notes(
        {
            "people/alice/profile.md": "---\nname: Alice Smith\ncheckin_every_days: 14\n---\n",
            "people/alice/s.md": doc("alice", "story", "2026-01-01"),
            "people/alice/p.md": doc(
                "alice",
                "plan",
                "2026-02-01",
                actions=[
                    action(1, due="2026-02-10"),
                    action(2),
                    action(3, status="done", closed="2026-02-05"),
                    action(4, owner="manager", due="2026-02-28"),  # late since yesterday
                    action(5, owner="manager", due="2026-03-01"),  # due today: not late yet
                ],
            ),
            "people/bob/s.md": doc("bob", "story", "2026-01-20"),
            "people/bob/d.md": doc("bob", "dreams", "2026-02-25", held=False),  # prepared, not held
            "people/bob/p.md": doc("bob", "plan", "2026-03-20"),  # ahead
        }
    )
    rows = json.loads(cli(root, "status", "--today", "2026-03-01", "--json").stdout)
    assert rows == [
        {
            "person": "alice",
            "name": "Alice Smith",
            "stages": ["story", "plan"],
            "planned": None,
            "last": "2026-02-01",
            "last_conversation": "2026-02-01",
            "last_checkin": None,
            "next_checkin": "2026-02-15",
            "open": 2,
            "due": 1,
            "stale": 1,
            "promises": 2,
            "promises_late": 1,
            "paused_until": None,
            "left": None,
        },
        {
            "person": "bob",
            "name": "bob",
            "stages": ["story"],
            "planned": {"stage": "plan", "date": "2026-03-20"},
            "last": "2026-01-20",
            "last_conversation": "2026-01-20",
            "last_checkin": None,
            "next_checkin": None,
            "open": 0,
            "due": 0,
            "stale": 0,
            "promises": 0,
            "promises_late": 0,
            "paused_until": None,
            "left": None,
        },
    ]


@pytest.mark.parametrize(
    ("day", "stages", "planned"),
    [
        ("2026-03-09", ["story"], {"stage": "plan", "date": "2026-03-10"}),  # the day before
        ("2026-03-10", ["story", "plan"], None),  # the day itself: held, with content
        ("2026-03-11", ["story", "plan"], None),
    ],
)
def test_status_counts_a_plan_from_its_day_and_shows_it_planned_before(cli, notes, day, stages, planned):
    root = notes(
        {
            "people/bob/s.md": doc("bob", "story", "2026-01-20"),
            "people/bob/p.md": doc("bob", "plan", "2026-03-10", skills=[{"skill": "design"}]),
        }
    )
    row = json.loads(cli(root, "status", "--today", day, "--json").stdout)[0]
    assert (row["stages"], row["planned"]) == (stages, planned)
    assert row["last"] == ("2026-03-10" if planned is None else "2026-01-20")
    text = cli(root, "status", "--today", day).stdout
    assert ("plan planned for 2026-03-10" in text) is (planned is not None)


@pytest.mark.parametrize(("held", "counted"), [(True, True), (False, False), (None, True)])
def test_status_takes_held_as_written(cli, notes, held, counted):
    extra = {} if held is None else {"held": held}
    root = notes({"people/bob/s.md": doc("bob", "story", "2026-01-20", **extra)})
    row = json.loads(cli(root, "status", "--today", "2026-02-01", "--json").stdout)[0]
    assert row["stages"] == (["story"] if counted else [])
    assert row["last"] == ("2026-01-20" if counted else None)


def test_status_text_keeps_your_promises_apart_from_their_steps(cli, notes):
    root = notes(
        {
            "people/alice/p.md": doc(
                "alice",
                "plan",
                "2026-02-01",
                actions=[action(1, due="2026-02-10"), action(2, owner="manager", due="2026-02-20")],
            ),
        }
    )
    header, line = cli(root, "status", "--today", "2026-03-01").stdout.splitlines()
    assert header.split() == [
        "person", "stages", "last", "talk", "last", "check-in", "next", "check-in",
        "open", "due", "stale", "promises",
    ]  # fmt: skip
    assert line.split()[-6:] == ["1", "1", "0", "1", "(1", "late)"]


def test_agenda_celebrates_what_was_closed_since_the_last_checkin(cli, notes):
    root = notes(
        {
            "people/alice/2026-01-01-plan.md": doc(
                "alice",
                "plan",
                "2026-01-01",
                actions=[
                    action(1, "Before", status="done", closed="2026-01-10"),
                    action(2, "After", status="done", closed="2026-02-10"),
                    action(3, "Open one", due="2026-04-01", updated="2026-02-15"),
                ],
            ),
            "people/alice/2026-02-01-checkin.md": doc("alice", "checkin", "2026-02-01"),
            "people/alice/2026-01-20-note.md": doc(
                "alice", "note", "2026-01-20", body="Old remark.\n", used="2026-01-25"
            ),
            "people/alice/2026-02-15-note.md": doc("alice", "note", "2026-02-15", body="# Note\n\nWants to mentor.\n"),
        }
    )
    text = cli(root, "agenda", "alice", "--today", "2026-02-20").stdout
    assert "Last check-in: 2026-02-01 (19 days ago)." in text
    assert "- [x] 2. After (done on 2026-02-10)" in text and "Before" not in text
    assert "- [ ] 3. Open one (on track, due 2026-04-01)" in text
    assert "2026-02-15: Wants to mentor." in text and "Old remark" not in text
    assert text.count("\n1. ") == 1 and "90%" in text


@pytest.mark.parametrize(
    ("files", "heading", "question"),
    [
        ({}, "To open the life story conversation", "how did you get from there to here?"),
        ({"s.md": ("story", "2026-01-01")}, "To open the dreams conversation", "at its peak?"),
        (
            {"s.md": ("story", "2026-01-01"), "d.md": ("dreams", "2026-01-05")},
            "To open the action plan conversation",
            "learn these skills at work?",
        ),
    ],
)
def test_before_a_plan_the_agenda_opens_the_next_conversation(cli, notes, files, heading, question):
    root = notes(
        {f"people/alice/{name}": doc("alice", stage, day) for name, (stage, day) in files.items()}
        or {"people/alice/profile.md": "---\nname: Alice\n---\n"}
    )
    text = cli(root, "agenda", "alice", "--today", "2026-01-10").stdout
    assert f"### {heading}\n" in text and question in text
    assert "stuck" not in text and "check-in" not in text.lower().split("###")[-1]
    assert "No check-in yet." not in text  # not a check-in's agenda yet


def test_the_agenda_puts_the_person_first_and_the_tasks_second(cli, notes):
    root = notes(
        {
            "people/dana/2026-01-01-story.md": doc("dana", "story", "2026-01-01"),
            "people/dana/2026-01-10-dreams.md": doc("dana", "dreams", "2026-01-10"),
            "people/dana/2026-02-01-plan.md": doc(
                "dana",
                "plan",
                "2026-02-01",
                learns_best=["pairing"],
                skills=[{"skill": "hiring"}],
                actions=[
                    action(1, "Read a book", due="2026-03-01"),
                    action(2, "Introduce Dana to Sam", owner="manager", due="2026-02-20"),
                    action(3, "Ask for a budget", owner="manager"),
                ],
            ),
            "people/dana/2026-03-01-checkin.md": doc(
                "dana", "checkin", "2026-03-01", body="## What they asked of me\n\n- An intro to Sam\n"
            ),
            "people/dana/2026-04-01-dreams.md": doc("dana", "dreams", "2026-04-01"),
            "people/dana/2026-04-05-note.md": doc(
                "dana",
                "note",
                "2026-04-05",
                body="# Note: Dana\n\n<!-- hint -->\n\n## What they said\n\nShe feels bad about the plan.\n",
            ),
        }
    )
    text = cli(root, "agenda", "dana", "--today", "2026-04-20").stdout
    sections = [line[4:] for line in text.splitlines() if line.startswith("### ")]
    assert sections == [
        "What they told you",
        "Your promises",
        "What to talk about",
        "Their open steps",
        "The skills they work on",
        "Questions",
    ]
    assert "- 2026-04-05: She feels bad about the plan. (people/dana/2026-04-05-note.md)" in text
    assert "- At the check-in of 2026-03-01 they asked of you:\n  - An intro to Sam\n" in text
    promises = text.split("### Your promises\n")[1].split("\n\n")[0].splitlines()
    assert promises == [
        "- [ ] 2. Introduce Dana to Sam (its date passed 2 months ago)",
        "- [ ] 3. Ask for a budget (no progress for 3 months)",
    ]
    points = text.split("### What to talk about\n")[1].split("\n\n")[0].splitlines()
    assert points[0].startswith("- **Their dreams changed on 2026-04-01")  # feelings first
    assert "Stop chasing the old plan" in points[0]
    assert not any("step 1" in p for p in points)  # the old plan's step is not chased
    assert "### Their open steps\n- 1 open step; look at it together only if they want to.\n" in text
    assert any("your own promise" in p and "It is your promise" in p for p in points)
    assert "- How they learn best: pairing." in text
    assert "honestly" not in text and "stuck" not in text
    assert text.count("90%") == 1


def test_the_newest_note_is_shown_even_before_the_last_checkin(cli, notes):
    root = notes(
        {
            "people/alice/2026-01-01-plan.md": doc("alice", "plan", "2026-01-01", actions=[action(1)]),
            "people/alice/2026-01-05-note.md": doc(
                "alice", "note", "2026-01-05", body="Old remark.\n", used="2026-01-06"
            ),
            "people/alice/2026-01-10-note.md": doc(
                "alice", "note", "2026-01-10", body="Newer remark.\n", used="2026-01-11"
            ),
            "people/alice/2026-02-01-checkin.md": doc("alice", "checkin", "2026-02-01"),
        }
    )
    text = cli(root, "agenda", "alice", "--today", "2026-02-05").stdout
    assert "Newer remark." in text and "Old remark." not in text


@pytest.mark.parametrize(
    ("body", "summary"),
    [
        (
            "2026-08-20 · since the check-in of 2026-07-17\n\n**Why this note:** keep what they said\nin passing.\n\n"
            "## Questions worth asking when there is a moment\n\n- What gave you energy?\n\n## What they said\n\n"
            "Wants to lead the guild.\n",
            "Wants to lead the guild.",
        ),
        (
            "# Note\n\n<!--\nguidance\n-->\n\n## While you listen\n\n- Ask, then wait.\n\n## What they said\n\n"
            "- Likes pairing.\n",
            "Likes pairing.",
        ),
        ("# Note\n\n<!-- one line --> Said it in passing.\n", "Said it in passing."),
        # What a person wrote, even where it looks like a template's words: a quote, a heading of their own.
        (
            '## What they said\n\n> "I would love to lead the next migration," she said.\n',
            '"I would love to lead the next migration," she said.',
        ),
        (
            "## Questions she asked me\n\nWhether the guild has room for one more.\n",
            "Whether the guild has room for one more.",
        ),
        ("## Why this matters to her\n\n**Why this came up:** the reorg.\n", "**Why this came up:** the reorg."),
    ],
)
def test_a_notes_summary_is_never_what_a_template_wrote(cli, notes, body, summary):
    root = notes({"people/alice/2026-08-20-note.md": doc("alice", "note", "2026-08-20", body=body)})
    assert f"2026-08-20: {summary} (" in cli(root, "agenda", "alice", "--today", "2026-08-21").stdout
    assert f"note     {summary}  (" in cli(root, "log", "alice").stdout


def test_what_the_notes_own_note_template_writes_is_never_the_summary(cli, notes):
    template = (
        "# {{ name }}, {{ date }}\n\nWritten on {{ date }} by the manager.\n"
        "Seen: {% if last_checkin %}since {{ last_checkin }}{% else %}first note{% endif %} (fill in)\n"
    )
    root = notes({"templates/note.md.j2": template, "people/alice/.keep": ""})
    path = cli(root, "new", "note", "alice", "--date", "2026-01-05").stdout.strip()
    text = (root / path).read_text(encoding="utf-8")
    assert "Written on 2026-01-05 by the manager.\nSeen: first note (fill in)" in text
    (root / path).write_text(text + "\nShe wants to mentor juniors.\n", encoding="utf-8")
    assert "2026-01-05: She wants to mentor juniors. (" in cli(root, "agenda", "alice", "--today", "2026-01-06").stdout
    assert "note     She wants to mentor juniors.  (" in cli(root, "log", "alice").stdout


@pytest.mark.parametrize(
    ("template", "written", "theirs"),
    [
        # A whole line under an `if`: whichever branch it wrote is the template's.
        (
            "{% if last_checkin %}Since the check-in of {{ last_checkin }}.{% else %}First note.{% endif %}\n",
            "First note.",
            "She wants to teach.",
        ),
        (
            "{{ date }}: {% if last_checkin %}after {{ last_checkin }}{% else %}no check-in yet{% endif %}, as noted\n",
            "2026-01-05: no check-in yet, as noted",
            "She wants to teach.",
        ),
        ("{% raw %}Use {{ braces }} here{% endraw %}\n", "Use {{ braces }} here", "She wants to teach."),
        # Too few fixed words to tell: a line of theirs with "and" in it, or starting "Note", stays theirs.
        ("{{ name }} and {{ date }}\n", None, "She and I talked about the platform team."),
        ("Note{{ date }}\n", None, "Notebook in hand, she listed three wishes."),
    ],
)
def test_a_line_the_notes_own_template_writes_is_never_the_summary_and_no_line_of_theirs_is_hidden(
    cli, notes, template, written, theirs
):
    root = notes({"templates/note.md.j2": template, "people/alice/.keep": ""})
    if written is None:  # written by hand: the template must not hide it
        (root / "people/alice/2026-01-05-note.md").write_text(
            doc("alice", "note", "2026-01-05", body=theirs + "\n"), encoding="utf-8"
        )
    else:
        path = cli(root, "new", "note", "alice", "--date", "2026-01-05").stdout.strip()
        text = (root / path).read_text(encoding="utf-8")
        assert f"\n{written}\n" in text
        (root / path).write_text(text + "\n" + theirs + "\n", encoding="utf-8")
    assert f"note     {theirs}  (" in cli(root, "log", "alice").stdout


def test_a_template_line_and_a_long_note_line_alike_do_not_slow_reading_down(cli, notes):
    """Four expressions on a line, and a line of thousands of names that starts the same way: fitting one to
    the other takes time in proportion to the line (a pattern that backtracks would take hours)."""
    names = "Ann, Bob, " * 2000
    root = notes(
        {
            "templates/note.md.j2": "Present: {{ a }}, {{ b }}, {{ c }}, {{ d }} and me.\n" * 3000,
            "people/alice/2026-01-05-note.md": doc(
                "alice", "note", "2026-01-05", body=f"Present: {names}nobody else\n"
            ),
        }
    )
    assert f"note     Present: {names[:40]}" in cli(root, "log", "alice").stdout


def test_a_template_line_of_blocks_nested_thousands_deep_is_passed_over(cli, notes):
    root = notes(
        {
            "templates/note.md.j2": "{% if a %}" * 5000 + "Deep" + "{% endif %}" * 5000 + "\n",
            "people/alice/2026-01-05-note.md": doc("alice", "note", "2026-01-05", body="Likes depth.\n"),
        }
    )
    assert "note     Likes depth.  (" in cli(root, "log", "alice").stdout


def test_a_heading_a_comment_or_a_rule_inside_a_quote_is_not_the_summary(cli, notes):
    body = "> ## What she said\n> <!-- paste below -->\n> ---\n> I want to lead the guild.\n"
    root = notes({"people/alice/2026-01-05-note.md": doc("alice", "note", "2026-01-05", body=body)})
    assert "note     I want to lead the guild.  (" in cli(root, "log", "alice").stdout


@pytest.mark.parametrize(
    ("profile", "header", "listed"),
    [
        ("paused_until: 2026-03-01", "Paused until 2026-03-01: nothing is reported for them before then", True),
        ("left: 2026-02-01", "Left the team on 2026-02-01", False),
    ],
)
def test_agenda_and_status_say_who_is_paused_or_has_left(cli, notes, profile, header, listed):
    root = notes(
        {
            "people/alice/profile.md": f"---\nname: Alice\n{profile}\n---\n",
            "people/alice/p.md": doc("alice", "plan", "2026-01-01", actions=[action(1, due="2026-01-10")]),
            "people/bob/s.md": doc("bob", "story", "2026-01-20"),
        }
    )
    text = cli(root, "agenda", "alice", "--today", "2026-02-10").stdout
    assert header in text and "### What to talk about" not in text
    rows = cli(root, "status", "--today", "2026-02-10").stdout.splitlines()
    assert any(row.startswith("Alice") for row in rows) is listed
    everyone = cli(root, "status", "--today", "2026-02-10", "--all").stdout
    assert ("paused until 2026-03-01" if listed else "left on 2026-02-01") in everyone
    data = json.loads(cli(root, "status", "--today", "2026-02-10", "--json", "--all").stdout)
    assert data[0]["paused_until" if listed else "left"] == profile.split(": ")[1]


@pytest.mark.parametrize(
    ("documents", "opening"),
    [
        ({}, "life story"),
        ({"people/ida/s.md": doc("ida", "story", "2026-01-02")}, "dreams"),
    ],
)
def test_someone_back_from_a_pause_before_the_three_conversations_gets_the_next_ones_opening(
    cli, notes, documents, opening
):
    root = notes({"people/ida/profile.md": "---\nname: Ida\npaused_until: 2026-01-25\n---\n", **documents})
    text = cli(root, "agenda", "ida", "--today", "2026-01-24").stdout
    questions = text.split(f"### To open the {opening} conversation\n", 1)[1]
    assert "ease back in" in questions  # back from a break: how they are, first
    assert "plan" not in questions.lower()  # they have none: no question may speak of one


def test_log_lists_documents_in_date_order(cli, notes):
    root = notes(
        {
            "people/alice/b.md": doc("alice", "dreams", "2026-02-01", dreams=[{"dream": "Lead a team"}]),
            "people/alice/a.md": doc("alice", "story", "2026-01-01", values=["autonomy"]),
            "people/alice/c.md": doc("alice", "note", "2026-02-01", body="Likes pairing.\n"),
        }
    )
    lines = cli(root, "log", "alice").stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [
        ["2026-01-01", "story"],
        ["2026-02-01", "dreams"],
        ["2026-02-01", "note"],
    ]
    assert "values: autonomy" in lines[0] and "1 dream: Lead a team" in lines[1] and "Likes pairing." in lines[2]


@pytest.mark.parametrize("command", ["agenda", "log"])
def test_unknown_person_exits_2(cli, notes, command):
    root = notes({"people/alice/s.md": doc("alice", "story", "2026-01-01")})
    result = cli(root, command, "alicia", expect=2)
    assert "did you mean alice?" in result.stderr


def test_an_unreadable_document_is_named_and_the_rest_still_shown(cli, notes):
    root = notes(
        {
            "people/alice/s.md": doc("alice", "story", "2026-01-01"),
            "people/alice/2026-02-01-dreams.md": "---\nperson: alice\nstage: dreams\ndate: 2026-13-45\n---\n",
        }
    )
    result = cli(root, "status", "--today", "2026-03-01", expect=1)
    assert "alice" in result.stdout
    expected = "people/alice/2026-02-01-dreams.md:4: date 2026-13-45 is not a real date (YYYY-MM-DD)"
    assert result.stderr.strip() == expected


def test_a_careerkit_yaml_that_does_not_parse_is_named_as_yaml_not_frontmatter(cli, notes):
    root = notes(
        {
            "careerkit.yaml": "checkin_every_days: 14\nstale_after_days: [1\n",
            "people/alice/2026-01-01-plan.md": "---\nstage: plan\ndate: 2026-01-01\n---\n",
        }
    )
    result = cli(root, "due", "--today", "2026-01-20", expect=1)
    assert result.stderr.startswith("careerkit.yaml:2: could not parse YAML: ")
    assert "check-in" not in result.stdout  # the defaults are used: 30 days, not 14


@pytest.mark.parametrize(
    ("day", "shown", "flag"),
    [
        ("2026-03-09", "plan     planned for 2026-03-10  (", True),  # the day before
        ("2026-03-10", "plan     planned for 2026-03-10  (", True),  # its day, still empty: not held yet
        ("2026-03-11", "plan     prepared, not held  (", True),
    ],
)
def test_log_shows_a_planned_document_as_planned_with_its_date(cli, notes, day, shown, flag):
    root = notes(
        {
            "people/bob/s.md": doc("bob", "story", "2026-01-20", values=["craft"]),
            "people/bob/p.md": doc("bob", "plan", "2026-03-10", body=""),
        }
    )
    lines = cli(root, "log", "bob", "--today", day, "--no-pager").stdout.splitlines()
    assert lines[0].startswith("2026-01-20  story    values: craft  (") and shown in lines[1]
    data = json.loads(cli(root, "log", "bob", "--today", day, "--json").stdout)
    assert [d["planned"] for d in data["documents"]] == [False, flag]


def test_log_shows_a_held_plan_as_it_is(cli, notes):
    root = notes({"people/bob/p.md": doc("bob", "plan", "2026-03-10", skills=[{"skill": "design"}])})
    line = cli(root, "log", "bob", "--today", "2026-03-10", "--no-pager").stdout
    assert "plan     1 skill: design  (" in line and "planned" not in line
