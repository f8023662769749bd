"""`careerkit report`: what the pages hold, what they never hold, and where they may be written.

The pages as a browser renders them are tested in tests/test_report_browser.py.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from careerkit.reading import frontmatter as frontmatter_text
from conftest import EXAMPLES
from helpers import action, doc

TODAY = "2026-11-22"


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("team") / "examples"
    shutil.copytree(EXAMPLES, copy, ignore=shutil.ignore_patterns(".careerkit"))
    return copy


def page_text(page: str) -> str:
    """What a reader sees: the text between the tags, unescaped, with single spaces."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def body_sentences(root: Path, but_theirs: bool = False) -> list[str]:
    """Every sentence of four words or more written in a body: of each document, note and profile; `but_theirs`:
    except in the sections marked as the person's own (`<!-- theirs -->`, the only words their page shows)."""
    from careerkit.reading.sections import theirs

    found = []
    for path in sorted((root / "people").rglob("*.md")):
        body = frontmatter_text.split(frontmatter_text.decode(path.read_bytes())).body
        if but_theirs:
            for section in theirs(body):
                body = body.replace(section.text, "")
        text = " ".join(re.sub(r"^\s*(#+|[-*]|>)\s*", "", line) for line in body.splitlines())
        for sentence in re.split(r"(?<=[.!?;:])\s+", " ".join(text.split())):
            sentence = sentence.strip(" .;:")
            if len(sentence.split()) >= 4:
                found.append(sentence)
    return found


def write(cli, root: Path, out: Path, *args: str, expect: int = 0) -> str:
    cli(root, "report", "--today", TODAY, "-o", str(out), *args, expect=expect)
    return out.read_text(encoding="utf-8")


def test_the_team_page_is_static_private_and_has_every_person(cli, examples, tmp_path):
    out = tmp_path / "team.html"
    result = cli(examples, "report", "--today", TODAY, "-o", str(out))
    assert result.stdout.strip() == str(out)
    page = out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp and "default-src 'none'" in csp.group(1) and "script-src" not in csp.group(1)
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page) and "url(" not in page and "@import" not in page
    rows = re.findall(r'<tr id="row-([a-z0-9-]+)">', page)
    assert rows == ["amara", "ben", "chen", "dana", "emil", "farah", "gus", "hana", "zoe-obrien"]  # not ivo: he left
    text = page_text(page)
    for name in ("Amara Okafor", "Ben Hollis", "Chen Wei", "Dana Kowalski", "Emil Strand", "Zoë O'Brien"):
        assert name in text
    assert "Ivo Petrov" not in text and "@media print" in page and "@media (max-width" in page


def test_the_team_row_counts_are_those_of_status(cli, examples, tmp_path):
    import json

    page = write(cli, examples, tmp_path / "team.html")
    for row in json.loads(cli(examples, "status", "--today", TODAY, "--json").stdout):
        cells = re.search(rf'<tr id="row-{row["person"]}">(.*?)</tr>', page, re.S).group(1)
        numbers = re.findall(r'<td class="num[^"]*" data-label="([\w ]+)">(\d+)', cells)
        assert numbers == [
            ("steps", str(row["open"])),
            ("past date", str(row["due"])),
            ("quiet", str(row["stale"])),
            ("your promises", str(row["promises"])),
        ]
        assert (row["next_checkin"] or "\N{EN DASH}") in cells


def test_people_who_left_are_left_out_unless_named_and_paused_people_are_marked(cli, notes, tmp_path):
    root = notes(
        {
            "people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01"),
            "people/bob/profile.md": "---\nname: Bob Berg\nleft: 2026-02-01\n---\n",
            "people/bob/2026-01-01-story.md": doc("bob", "story", "2026-01-01"),
            "people/cleo/profile.md": "---\nname: Cleo Costa\npaused_until: 2027-01-10\n---\n",
            "people/cleo/2026-01-01-plan.md": doc("cleo", "plan", "2026-01-01", actions=[action(1, due="2026-02-01")]),
        }
    )
    page = write(cli, root, tmp_path / "team.html")
    assert re.findall(r'<tr id="row-([a-z0-9-]+)">', page) == ["alice", "cleo"]
    text = page_text(page)
    assert "Bob Berg" not in text and "paused until 2027-01-10" in text and "Cleo Costa (paused)" in text
    cleo = page_text(re.search(r'<tr id="row-cleo">(.*?)</tr>', page, re.S).group(1))
    assert "overdue" not in cleo and "nothing" in cleo  # a pause is not drift
    named = page_text(write(cli, root, tmp_path / "bob.html", "bob"))
    assert "Bob Berg" in named and "left on 2026-02-01" in named


def test_the_managers_promises_are_apart_from_the_persons_actions(cli, notes, tmp_path):
    root = notes(
        {
            "careerkit.yaml": "manager: kim\n",
            "people/alice/2026-01-01-plan.md": doc(
                "alice",
                "plan",
                "2026-01-01",
                actions=[
                    action(1, "Read the book"),
                    action(2, "Introduce Alice to Bob", owner="kim"),
                    action(3, "Ask for the budget", owner="manager"),
                ],
            ),
        }
    )
    page = write(cli, root, tmp_path / "out.html")
    section = re.search(r'<section class="card person".*?</section>', page, re.S).group(0)
    mine, promised = page_text(section).split("Your promises to alice")
    assert "Read the book" in mine and "Ask for the budget" in mine and "Introduce Alice to Bob" not in mine
    assert "Introduce Alice to Bob" in promised
    # Their own page: what was promised to them at the top, their own steps further down.
    text = page_text(write(cli, root, tmp_path / "own.html", "--for", "alice"))
    promised, mine = text.split("What your manager promised you", 1)[1].split("Your steps", 1)
    assert "Introduce Alice to Bob" in promised and "Read the book" not in promised
    assert "Read the book" in mine and "Ask for the budget" in mine and "Introduce Alice to Bob" not in mine


def test_coverage_counts_career_conversations_in_the_last_6_and_12_months(cli, notes, tmp_path):
    root = notes(
        {
            "people/alice/2026-09-01-story.md": doc("alice", "story", "2026-09-01"),
            "people/bob/2026-02-01-plan.md": doc("bob", "plan", "2026-02-01"),
            "people/bob/2026-10-01-checkin.md": doc("bob", "checkin", "2026-10-01"),
            "people/cleo/2025-01-01-dreams.md": doc("cleo", "dreams", "2025-01-01"),
            "people/dev/2026-10-01-note.md": doc("dev", "note", "2026-10-01"),
            "people/dev/profile.md": "---\nname: Dev Patel\n---\n",
        }
    )
    text = page_text(write(cli, root, tmp_path / "team.html"))
    assert "1 of 4 had a career conversation in the last 6 months 25%. Not in 6 months: bob, cleo" in text
    assert "2 of 4 in the last 12 months 50%. Not in 12 months: cleo" in text
    assert "1 not started (no story, dreams or plan held yet) Dev Patel" in text


@pytest.mark.parametrize(
    "prepared",
    [
        doc("eve", "story", "2026-11-23"),  # dated tomorrow
        doc("eve", "story", "2026-11-01", held=False),  # said by hand
        "---\nstage: story\ndate: 2026-11-01\nvalues: []\n---\n\n## Their story\n\n<!-- what they tell -->\n",
    ],
)
def test_coverage_counts_only_conversations_held_never_a_document_prepared(cli, notes, tmp_path, prepared):
    root = notes(
        {
            "people/alice/2026-09-01-story.md": doc("alice", "story", "2026-09-01"),
            "people/eve/2026-11-01-story.md": prepared,
        }
    )
    page = write(cli, root, tmp_path / "team.html")
    text = page_text(page)
    assert "1 of 2 had a career conversation in the last 6 months 50%" in text
    assert "1 not started (no story, dreams or plan held yet) eve (prepared, not held)" in text
    assert "Everyone has started" not in text
    row = re.search(r'<tr id="row-eve">(.*?)</tr>', page, re.S).group(1)
    assert 'class="stage yes"' not in row and "0 conversations" in page_text(row)


def test_the_grid_prints_need_have_and_gap_in_each_cell_and_colours_the_gap(cli, notes, tmp_path):
    root = notes(
        {
            "people/alice/2026-01-01-dreams.md": doc(
                "alice",
                "dreams",
                "2026-01-01",
                dreams=[
                    {
                        "dream": "Lead a team",
                        "skills": [
                            {"skill": "hiring", "need": 5, "have": 1},
                            {"skill": "writing", "need": 3, "have": 2},
                        ],
                    },
                    {
                        "dream": "Teach",
                        "skills": [{"skill": "writing", "need": 4, "have": 2}, {"skill": "voice", "need": 3}],
                    },
                ],
            )
        }
    )
    page = write(cli, root, tmp_path / "team.html")
    grid = re.search(r'<table class="grid">(.*?)</table>', page, re.S).group(1)
    assert re.findall(r'<th class="dream" scope="col">([^<]*)</th>', grid) == ["Lead a team", "Teach"]
    rows = re.findall(r'<tr><th scope="row">([^<]*).*?</th>(.*?)</tr>', grid, re.S)
    assert [skill for skill, _ in rows] == ["hiring", "writing", "voice"]  # the biggest gap first
    cells = [re.findall(r'<td class="(\w+)"[^>]*>(.*?)</td>', cells, re.S) for _, cells in rows]
    assert [(c, page_text(t)) for c, t in cells[0]] == [("gap4", "gap 4 need 5 · have 1"), ("none", "\N{EN DASH}")]
    assert [(c, page_text(t)) for c, t in cells[1]] == [
        ("gap1", "gap 1 need 3 · have 2"),
        ("gap2", "gap 2 need 4 · have 2"),
    ]
    assert [(c, page_text(t)) for c, t in cells[2]] == [("none", "\N{EN DASH}"), ("unrated", "? need 3 · have ?")]


def test_every_name_and_title_is_escaped(cli, notes, tmp_path):
    root = notes(
        {
            "people/alice/profile.md": '---\nname: "<b>Alice</b> & co"\nrole: "<img src=x onerror=alert(1)>"\n---\n',
            "people/alice/2026-01-01-plan.md": doc(
                "alice",
                "plan",
                "2026-01-01",
                learns_best=["<i>pairing</i>"],
                skills=[{"skill": "<u>x</u>", "resources": ["</td></tr>"]}],
                actions=[action(1, "<script>alert('hi')</script>")],
            ),
            "people/alice/2025-12-31-dreams.md": doc(
                "alice",
                "dreams",
                "2025-12-31",
                dreams=[{"dream": '"><svg onload=alert(1)>', "skills": [{"skill": "<u>x</u>", "need": 4, "have": 1}]}],
            ),
        }
    )
    for args in ([], ["--for", "alice"], ["--with-notes"]):
        page = write(cli, root, tmp_path / "out.html", *args)
        assert "<script" not in page and "<b>" not in page and "<img" not in page and "<i>" not in page
        assert "<svg onload" not in page and "<u>" not in page
        assert "&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt;" in page
        assert "&lt;b&gt;Alice&lt;/b&gt; &amp; co" in page


def test_without_with_notes_no_sentence_of_a_body_is_on_the_team_page(cli, examples, tmp_path):
    text = page_text(write(cli, examples, tmp_path / "team.html"))
    sentences = body_sentences(examples)
    assert len(sentences) > 40
    assert [s for s in sentences if s in text] == []


def test_with_notes_shows_what_the_notes_say(cli, examples, tmp_path):
    text = page_text(write(cli, examples, tmp_path / "team.html", "--with-notes"))
    assert 'Said in our 1:1 that she "feels bad about the plan"' in text
    assert "they asked: Next actions that lean towards writing for people who are not engineers" in text


@pytest.mark.parametrize("person", ["zoe-obrien", "dana", "amara"])
def test_a_persons_own_page_holds_only_their_sections_no_note_no_other_person_nor_finding(
    cli, examples, tmp_path, person
):
    import json

    page = write(cli, examples, tmp_path / f"{person}.html", "--for", person)
    text = page_text(page)
    assert [s for s in body_sentences(examples, but_theirs=True) if s in text] == []
    names = {
        "amara": "Amara Okafor",
        "ben": "Ben Hollis",
        "chen": "Chen Wei",
        "dana": "Dana Kowalski",
        "emil": "Emil Strand",
        "farah": "Farah Haddad",
        "gus": "Gustavo Reis",
        "ivo": "Ivo Petrov",
        "zoe-obrien": "Zoë O'Brien",
    }
    assert names[person] in text
    assert [n for slug, n in names.items() if slug != person and (n in text or n.split()[0] in text)] == []
    assert "people/" not in text and ".md" not in text
    findings = json.loads(cli(examples, "due", "--today", TODAY, "--json").stdout)["findings"]
    assert findings and [f["message"] for f in findings if f["message"] in text] == []
    assert "stale" not in text and "overdue" not in text


def test_a_persons_own_page_shows_their_plan_and_the_promises_made_to_them(cli, examples, tmp_path):
    text = page_text(write(cli, examples, tmp_path / "dana.html", "--for", "Dana Kowalski"))
    assert "Your values" in text and "Your dreams and the skills they need" in text and "Your plan" in text
    assert "What your manager promised you" in text
    promises = text.split("What your manager promised you", 1)[1]
    assert "Find out whether there is budget for a management course" in promises


def test_the_report_template_cannot_be_replaced_by_the_notes_repository(cli, notes, tmp_path):
    root = notes(
        {
            "people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01"),
            "templates/report.html.j2": "<script>owned</script>",
            "templates/report.html": "<script>owned</script>",
        }
    )
    page = write(cli, root, tmp_path / "team.html")
    assert "owned" not in page and "Career conversations" in page


@pytest.mark.parametrize("where", ["people/report.html", "people/alice/report.html", "people", "link/report.html"])
def test_a_report_is_never_written_under_people(cli, notes, where):
    root = notes({"people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01")})
    (root / "link").symlink_to(root / "people" / "alice")
    before = sorted(p.name for p in (root / "people").rglob("*"))
    result = cli(root, "report", "-o", str(root / where), expect=2)
    said = "is a folder; give a file name" if where == "people" else "is in people/ (its links followed), where"
    assert result.stderr.startswith(f"careerkit: {root / where}: {said}") and result.stderr.count("\n") == 1
    assert sorted(p.name for p in (root / "people").rglob("*")) == before


def test_a_report_replaces_an_earlier_report_but_no_other_file(cli, notes, tmp_path):
    root = notes({"people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01")})
    out = tmp_path / "team.html"
    write(cli, root, out)
    write(cli, root, out)  # a report again: replaced
    other = tmp_path / "notes.html"
    other.write_text("<p>mine</p>\n", encoding="utf-8")
    result = cli(root, "report", "-o", str(other), expect=1)
    assert result.stderr.strip() == f"careerkit: {other}: exists and is not a careerkit report; not overwritten"
    assert other.read_text(encoding="utf-8") == "<p>mine</p>\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".careerkit-")] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["alice", "--for", "alice"], "give either PERSON... or --for PERSON, not both"),
        (["--for", "alice", "--with-notes"], "--with-notes cannot be used with --for"),
        (["--for", "alicia"], "unknown person 'alicia' (did you mean alice?)"),
        (["-o", "missing/x.html"], "missing/x.html: no such folder: "),
    ],
)
def test_wrong_usage_is_one_line_and_exit_2(cli, notes, tmp_path, args, message):
    root = notes({"people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01")})
    result = cli(root, "report", "-o", str(tmp_path / "x.html"), *args, expect=2)
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "x.html").exists()


def test_an_unreadable_document_is_named_the_page_still_written_and_exit_1(cli, notes, tmp_path):
    root = notes(
        {
            "people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01", values=["craft"]),
            "people/alice/2026-02-01-plan.md": "---\nstage: plan\ndate: 2026-13-45\n---\n",
        }
    )
    out = tmp_path / "team.html"
    result = cli(root, "report", "-o", str(out), expect=1)
    assert result.stderr.strip() == "people/alice/2026-02-01-plan.md:3: date 2026-13-45 is not a real date (YYYY-MM-DD)"
    assert "craft" in out.read_text(encoding="utf-8")


def test_without_o_the_page_goes_to_the_users_cache_outside_the_notes_and_says_where(cli, notes, tmp_path, monkeypatch):
    root = notes({"people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01")})
    monkeypatch.chdir(root)  # run from inside the notes, as most do
    before = sorted(p.relative_to(root) for p in root.rglob("*") if ".careerkit" not in p.parts)
    folder = tmp_path / "user-cache" / "careerkit"
    assert cli(root, "report").stdout.strip() == str(folder / "careerkit-report.html")
    assert cli(root, "report", "--for", "alice").stdout.strip() == str(folder / "careerkit-alice.html")
    assert (folder / "careerkit-report.html").is_file() and (folder / "careerkit-alice.html").is_file()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert os.stat(folder / "careerkit-alice.html").st_mode & 0o077 == 0
    assert sorted(p.relative_to(root) for p in root.rglob("*") if ".careerkit" not in p.parts) == before
    cli(root, "report")  # again: its own earlier page is replaced


def test_a_cache_folder_open_to_others_is_made_owner_only(cli, notes, tmp_path):
    root = notes({"people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01")})
    folder = tmp_path / "user-cache" / "careerkit"
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    cli(root, "report")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.parametrize("cache", ["notes/.cache", "notes/people/alice"])
def test_a_cache_folder_inside_the_notes_is_refused_and_nothing_is_written(cli, notes, tmp_path, monkeypatch, cache):
    root = notes({"people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01")})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / cache))
    result = cli(root, "report", expect=1)
    assert "is inside the notes repository; give -o FILE" in result.stderr and result.stderr.count("\n") == 1
    assert not list(root.rglob("careerkit-report.html"))


def on_a_terminal(root: Path, *args: str) -> str:
    """What careerkit prints when its output is a terminal (a pseudo-terminal here)."""
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CAREERKIT_ROOT")} | {"TERM": "xterm"}
    command = [sys.executable, "-m", "careerkit", "--root", str(root), *args]
    with subprocess.Popen(command, stdout=follower, stderr=subprocess.DEVNULL, env=env) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait()
    os.close(leader)
    return b"".join(chunks).decode().replace("\r\n", "\n")


def test_on_a_terminal_due_colours_each_tier_and_never_a_persons_own_step_red(notes):
    root = notes(
        {
            "people/ann/s.md": doc("ann", "story", "2026-01-01", values=["craft"]),
            "people/ann/d.md": doc("ann", "dreams", "2026-01-02", dreams=[{"dream": "Lead"}]),
            "people/ann/p.md": doc(
                "ann",
                "plan",
                "2026-11-01",
                skills=[{"skill": "design", "resources": ["Bob"]}],
                actions=[
                    action(1, "Theirs", due="2026-11-10"),
                    action(2, "Yours", owner="manager", due="2026-11-10"),
                    action(3, "Finished", status="done", closed="2026-11-20"),
                ],
            ),
        }
    )
    lines = on_a_terminal(root, "due", "ann", "--today", TODAY, "--no-pager").splitlines()
    coloured = {line.split("\x1b[0m")[0].strip(): line for line in lines[1:]}
    assert "\x1b[32mto celebrate" in coloured and "\x1b[33mdrifting" in coloured and "\x1b[36mmissing" in coloured
    assert "step 1 passed its date" in coloured["\x1b[33mdrifting"]  # their own step: drifting, in yellow
    assert "your own promise, is 12 days late" in coloured["\x1b[31mlate"]  # only your promise is red


def test_the_team_page_never_shows_a_persons_own_step_in_red_and_keeps_promises_apart(cli, notes, tmp_path):
    root = notes(
        {
            "people/ann/p.md": doc(
                "ann",
                "plan",
                "2026-10-01",
                actions=[action(1, "Theirs", due="2026-11-01"), action(2, "Yours", owner="manager", due="2026-11-01")],
            ),
        }
    )
    page = write(cli, root, tmp_path / "team.html")
    assert "overdue" not in page_text(page)
    row = re.search(r'<tr id="row-ann">(.*?)</tr>', page, re.S).group(1)
    assert '<td class="num drifting" data-label="past date">1</td>' in row  # theirs: amber
    assert 'data-label="your promises">1 <span class="late">(1 late)</span>' in row  # yours: red
    states = re.findall(r'<span class="state ([\w-]+)">([^<]+)</span>', page)
    assert states == [("past-its-date", "past its date"), ("late", "late")]
    assert "1 past its date" in page_text(page)
