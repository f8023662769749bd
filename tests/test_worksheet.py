"""`careerkit share` and `careerkit take`: the worksheet out, filled in by a person in any editor, and back."""

from __future__ import annotations

import re
import shutil
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES

TODAY = "2026-11-25"
# Each example copies the example notes and runs the command twice: a third of the profile's budget.
ROUND_TRIPS = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    deadline=None,
    max_examples=max(10, settings.default.max_examples // 3),
)
PEOPLE = sorted(p.name for p in (EXAMPLES / "people").iterdir() if p.is_dir())


def _copy(tmp_path: Path) -> Path:
    """The example team as it stood on TODAY, before Amara finished steps 8 and 9 and before Emil said his dream
    is changing (examples/ shows the days after): worksheets with open steps to tick."""
    root = tmp_path / "notes"
    shutil.copytree(EXAMPLES, root)
    amara = root / "people" / "amara"
    for name in ("2026-10-14-checkin.md", "2026-11-04-checkin.md"):
        text = (amara / name).read_text(encoding="utf-8")
        (amara / name).write_text(re.sub(r"\n    status: done\n    closed: [^\n]*", "", text), encoding="utf-8")
    (amara / "2026-12-03-checkin.md").unlink()
    emil = root / "people" / "emil" / "2026-11-05-checkin.md"
    emil.write_text(re.sub(r"\ndream_shift: [^\n]*", "", emil.read_text(encoding="utf-8")), encoding="utf-8")
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "people").rglob("*")) if p.is_file()}


def _frontmatter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])


def _actions(root: Path, slug: str) -> dict[int, dict]:
    found: dict[int, dict] = {}
    for path in sorted((root / "people" / slug).glob("*-*.md")):
        for action in _frontmatter(path).get("actions") or []:
            found[action["id"]] = action
    return found


def _share(cli: Callable, root: Path, slug: str, *extra: str) -> str:
    return str(cli(root, "share", slug, "--today", TODAY, *extra).stdout)


def _take(cli: Callable, root: Path, slug: str, text: str, tmp_path: Path, expect: int = 0, *extra: str):
    sheet = tmp_path / "sheet.md"
    sheet.write_bytes(text.encode("utf-8"))
    return cli(root, "take", slug, str(sheet), "--today", TODAY, *extra, expect=expect)


@pytest.mark.parametrize("slug", PEOPLE)
@pytest.mark.parametrize("stage", ["dreams", "plan", "checkin"])
def test_a_worksheet_taken_back_unchanged_changes_nothing(cli, tmp_path, slug, stage):
    root = _copy(tmp_path)
    before = _snapshot(root)
    text = _share(cli, root, slug, "--stage", stage)
    result = _take(cli, root, slug, text, tmp_path)
    assert "nothing to change" in result.stdout
    assert _snapshot(root) == before


def test_share_shows_open_steps_as_task_lines_and_nothing_private(cli, tmp_path):
    root = _copy(tmp_path)
    text = _share(cli, root, "amara")
    assert "- [ ] 8 Write a one-page design doc for the export queue and ask Lars to review it (due 2026-12-10)" in text
    assert "---" not in text  # no YAML for the person to keep intact
    notes = root / "people" / "amara" / "2026-11-12-note.md"
    said = [line for line in notes.read_text(encoding="utf-8").split("---", 2)[2].splitlines() if len(line) > 20]
    assert said and not any(line.strip() in text for line in said)


def test_ticks_dates_and_new_steps_come_back_as_the_person_wrote_them(cli, tmp_path):
    root = _copy(tmp_path)
    text = _share(cli, root, "amara")
    text = text.replace("- [ ] 7 Book", "* [X] 7 Book").replace("(due 2026-12-10)", "(due 2026-12-20)")
    text = text.replace("Date: 2026-11-25", "Date: 2026-11-27")
    text = text.replace("- [ ] \n", "- [ ] Ask Lars for \u201cfeedback\u201d on the doc (due 2027-01-10)\n", 1)
    result = _take(cli, root, "amara", text.replace("\n", "\r\n"), tmp_path)
    assert "step 7: done on 2026-11-27" in result.stdout
    actions = _actions(root, "amara")
    assert actions[7]["status"] == "done" and str(actions[7]["closed"]) == "2026-11-27"
    assert str(actions[8]["due"]) == "2026-12-20"
    new = actions[max(actions)]
    assert new["title"] == 'Ask Lars for "feedback" on the doc' and str(new["due"]) == "2027-01-10"
    assert "owner" not in new and new["status"] == "open"
    again = _snapshot(root)
    assert "nothing to change" in _take(cli, root, "amara", text, tmp_path).stdout
    assert _snapshot(root) == again


def test_a_step_whose_number_was_lost_is_known_by_its_words(cli, tmp_path):
    root = _copy(tmp_path)
    text = _share(cli, root, "gus").replace("- [ ] 1 Read", "1. [x] Read").replace("- [ ] 2 Write", "2. [ ] Write")
    _take(cli, root, "gus", text, tmp_path)
    actions = _actions(root, "gus")
    assert actions[1]["status"] == "done" and actions[2].get("status", "open") == "open" and max(actions) == 2
    assert str(actions[2]["due"]) == "2026-09-30"


def test_dry_run_prints_the_changes_and_writes_nothing(cli, tmp_path):
    root = _copy(tmp_path)
    before = _snapshot(root)
    text = _share(cli, root, "gus").replace("- [ ] 1 Read", "- [x] 1 Read")
    result = _take(cli, root, "gus", text, tmp_path, 0, "--dry-run")
    assert "step 1: done" in result.stdout and "nothing written" in result.stdout
    assert _snapshot(root) == before


def test_a_step_changed_on_both_sides_is_a_conflict_named_by_id(cli, tmp_path):
    root = _copy(tmp_path)
    text = _share(cli, root, "emil")
    cli(root, "action", "edit", "emil", "4", "--due", "2026-12-05", "--today", TODAY)
    before = _snapshot(root)
    filled = text.replace("- [ ] 4 Pick", "- [x] 4 Pick").replace("- [ ] 2 Shadow", "- [x] 2 Shadow")
    result = _take(cli, root, "emil", filled, tmp_path, 1)
    assert "step 4" in result.stderr and "step 2" not in result.stderr and "nothing written" in result.stderr
    assert _snapshot(root) == before


def test_a_change_made_on_both_sides_alike_is_no_conflict(cli, tmp_path):
    root = _copy(tmp_path)
    text = _share(cli, root, "emil")
    cli(root, "action", "done", "emil", "4", "--today", TODAY)
    before = _snapshot(root)
    _take(cli, root, "emil", text.replace("- [ ] 4 Pick", "- [x] 4 Pick"), tmp_path)
    assert _snapshot(root) == before


@pytest.mark.parametrize(
    ("line", "said"),
    [("hello there", "cannot place this line"), ("- [?] 4 Pick a topic", "tick it with [x]")],
)
def test_a_line_it_cannot_place_is_named_and_nothing_is_written(cli, tmp_path, line, said):
    root = _copy(tmp_path)
    text = _share(cli, root, "emil").replace("## New steps\n", f"## New steps\n{line}\n")
    before = _snapshot(root)
    result = _take(cli, root, "emil", text, tmp_path, 1)
    assert "sheet.md:" in result.stderr and said in result.stderr and "Traceback" not in result.stderr
    assert _snapshot(root) == before


def test_a_new_step_with_no_plan_to_hold_it_is_refused_before_anything_is_written(cli, tmp_path):
    root = _copy(tmp_path)
    text = _share(cli, root, "ben", "--stage", "checkin").replace("- [ ] \n", "- [ ] Read a book\n", 1)
    before = _snapshot(root)
    result = _take(cli, root, "ben", text, tmp_path, 1)
    assert "no plan yet" in result.stderr and "Traceback" not in result.stderr
    assert _snapshot(root) == before


def test_a_worksheet_for_someone_else_is_refused(cli, tmp_path):
    root = _copy(tmp_path)
    result = _take(cli, root, "gus", _share(cli, root, "emil"), tmp_path, 1)
    assert "for emil" in result.stderr


def test_dreams_come_back_as_a_new_held_document_of_that_day(cli, tmp_path):
    root = _copy(tmp_path)
    text = _share(cli, root, "ben")
    filled = text.replace(
        "### Dream: \n\n- : need _, have _",
        "### Dream: Run the \u2018mobile\u2019 guild\n\n- public speaking: need 4, have 2\n- mentoring: need 3, have _",
        1,
    )
    result = _take(cli, root, "ben", filled, tmp_path)
    assert "written: people/ben/2026-11-25-dreams.md" in result.stdout
    assert "rating: mentoring for \"Run the 'mobile' guild\": need 3, have not rated" in result.stdout
    path = root / "people" / "ben" / "2026-11-25-dreams.md"
    data = _frontmatter(path)
    assert data["dreams"] == [
        {
            "dream": "Run the 'mobile' guild",
            "skills": [{"skill": "public speaking", "need": 4, "have": 2}, {"skill": "mentoring", "need": 3}],
        }
    ]
    assert data["scaffold"] and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "dreams" in cli(root, "log", "ben", "--today", TODAY).stdout
    before = _snapshot(root)
    _take(cli, root, "ben", filled, tmp_path)
    assert _snapshot(root) == before


def test_curly_quotes_and_double_blanks_in_the_notes_survive_an_unchanged_round_trip(cli, notes, tmp_path):
    root = notes(
        {
            "people/lee/2026-10-01-dreams.md": """\
            ---
            person: lee
            stage: dreams
            date: 2026-10-01
            dreams:
              - dream: "Lead the \u2018platform\u2019  team"
                skills:
                  - {skill: "Kafka \u2013 streams", need: 4, have: 2}
            ---
            """
        }
    )
    text = _share(cli, root, "lee", "--stage", "dreams")
    before = _snapshot(root)
    assert "nothing to change" in _take(cli, root, "lee", text, tmp_path).stdout
    changed = text.replace("need 4, have 2", "need 4, have 3")
    _take(cli, root, "lee", changed, tmp_path)
    assert _snapshot(root) != before
    data = _frontmatter(root / "people" / "lee" / "2026-11-25-dreams.md")
    assert data["dreams"] == [
        {
            "dream": "Lead the \u2018platform\u2019  team",
            "skills": [{"skill": "Kafka \u2013 streams", "need": 4, "have": 3}],
        }
    ]


def test_a_rating_out_of_range_is_refused_on_its_line(cli, tmp_path):
    root = _copy(tmp_path)
    text = _share(cli, root, "chen", "--stage", "dreams")
    filled = text.replace("need _, have _", "need 7, have 1", 1)
    result = _take(cli, root, "chen", filled, tmp_path, 1)
    assert "ratings go from 1 to 5" in result.stderr


@pytest.mark.parametrize("pasted", [False, True])
def test_a_plan_worksheet_offers_the_ranked_skills_and_writes_the_choice(cli, notes, tmp_path, pasted):
    root = notes(
        {
            "people/lee/2026-10-01-dreams.md": """\
            ---
            person: lee
            stage: dreams
            date: 2026-10-01
            dreams:
              - dream: Staff engineer
                skills:
                  - {skill: system design, need: 5, have: 2}
                  - {skill: writing, need: 3, have: 3}
              - dream: Tech lead
                skills:
                  - {skill: system design, need: 4, have: 2}
                  - {skill: mentoring, need: 4, have: 1}
            ---
            """
        }
    )
    text = _share(cli, root, "lee")
    assert text.index("- [ ] system design") < text.index("- [ ] mentoring") and "- [ ] writing" not in text
    filled = (
        text.replace("- [ ] mentoring", "- [x] mentoring")
        .replace("- [ ] system design", "- [x] system design")
        .replace("## How you learn best\n\n", "## How you learn best\n\n- pairing\n", 1)
        .replace("## First steps\n\n", "## First steps\n\n- [ ] Pair with Bob on a design review (due 2026-12-01)\n")
    )
    if pasted:  # a chat that keeps no heading marks, and no first line
        filled = "\n".join(line.lstrip("#").strip() for line in filled.splitlines()[1:])
    _take(cli, root, "lee", filled, tmp_path)
    data = _frontmatter(root / "people" / "lee" / "2026-11-25-plan.md")
    assert [s["skill"] for s in data["skills"]] == ["system design", "mentoring"]
    assert data["learns_best"] == ["pairing"]
    assert data["actions"][0]["title"] == "Pair with Bob on a design review"
    before = _snapshot(root)
    assert "nothing to change" in _take(cli, root, "lee", filled, tmp_path).stdout
    assert _snapshot(root) == before
    assert "- pairing" in _share(cli, root, "lee", "--stage", "plan")  # on a revisit, what they said before


def test_a_rating_changed_on_both_sides_is_a_conflict(cli, tmp_path):
    root = _copy(tmp_path)
    text = _share(cli, root, "amara", "--stage", "dreams")
    dreams = root / "people" / "amara" / "2026-03-30-dreams.md"
    line = next(line for line in text.splitlines() if line.startswith("- system design:"))
    need = line.split("need ")[1].split(",")[0]
    dreams.write_text(
        dreams.read_text(encoding="utf-8").replace(f"system design, need: {need}", "system design, need: 1")
    )
    before = _snapshot(root)
    filled = text.replace(line, "- system design: need 2, have 1")
    result = _take(cli, root, "amara", filled, tmp_path, 1)
    assert "the rating of 'system design'" in result.stderr and "nothing written" in result.stderr
    assert _snapshot(root) == before


def test_a_worksheet_pasted_back_without_its_first_lines_is_read_from_standard_input(cli, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from careerkit.cli import app

    monkeypatch.delenv("CAREERKIT_ROOT", raising=False)
    root = _copy(tmp_path)
    text = _share(cli, root, "gus").replace("- [ ] 2 Write", "- [x] 2 Write")
    pasted = "\n".join(text.splitlines()[3:])  # no comment, no title: the chat kept only the rest
    result = CliRunner().invoke(app, ["--root", str(root), "take", "gus", "-", "--today", TODAY], input=pasted)
    assert result.exit_code == 0 and "step 2: done on 2026-11-25" in result.stdout
    assert _actions(root, "gus")[2]["status"] == "done"


def test_share_writes_an_owner_only_file_and_never_through_a_link(cli, tmp_path):
    root = _copy(tmp_path)
    out = tmp_path / "zoe.md"
    cli(root, "share", "amara", "-o", str(out), "--today", TODAY)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    out.write_text("what they filled in", encoding="utf-8")
    refused = cli(root, "share", "amara", "-o", str(out), "--today", TODAY, expect=1)
    assert "not overwritten" in refused.stderr and out.read_text(encoding="utf-8") == "what they filled in"
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    cli(root, "share", "amara", "-o", str(link), "--today", TODAY, expect=None)
    assert not (tmp_path / "elsewhere.md").exists()


# -- what people do to a Markdown file ------------------------------------------------------------

WORDS = st.text(alphabet="abcdefghij ", min_size=1, max_size=12).map(lambda t: " ".join(t.split())).filter(bool)
EDITS = st.fixed_dictionaries(
    {
        "ticks": st.sets(st.sampled_from([6, 7, 8, 9])),
        "retitle": st.sets(st.sampled_from([6, 7, 8, 9])),
        "redate": st.dictionaries(st.sampled_from([6, 7, 8, 9]), st.integers(1, 28)),
        "new": st.lists(st.tuples(WORDS, st.none() | st.integers(1, 28)), max_size=3, unique_by=lambda t: t[0]),
        "bullet": st.sampled_from(["- ", "* ", "+ ", "1. "]),
        "mark": st.sampled_from(["x", "X"]),
        "crlf": st.booleans(),
        "blank_lines": st.booleans(),
        "smart": st.booleans(),
        "no_header": st.booleans(),
        "reflow": st.booleans(),
    }
)
STEP_LINE = re.compile(r"- \[ \] (?P<id>\d+) (?P<title>.*?)(?: \(due (?P<due>[0-9-]+)\))?$")


def _step_line(match: re.Match[str], edits: dict) -> str:
    ident = int(match["id"])
    mark = edits["mark"] if ident in edits["ticks"] else " "
    title = match["title"] + (" together" if ident in edits["retitle"] else "")
    due = f"2027-01-{edits['redate'][ident]:02d}" if ident in edits["redate"] else match["due"]
    line = f"{edits['bullet']}[{mark}] {ident} {title}" + (f" (due {due})" if due else "")
    if edits["smart"]:
        line = line.replace("'", "\u2019")
    if edits["reflow"] and " (due" in line:
        head, tail = line.split(" (due", 1)
        line = f"{head}\n  (due{tail}"
    return line


def _edit(text: str, edits: dict) -> str:
    lines = []
    for line in text.split("\n"):
        if edits["no_header"] and line.startswith("<!--"):
            continue
        if match := STEP_LINE.match(line):
            line = _step_line(match, edits)
        if line == "## New steps":
            news = [f"- [ ] {title}" + (f" (due 2027-02-{due:02d})" if due else "") for title, due in edits["new"]]
            line = "\n".join([line, *news])
        lines.append(line)
        if edits["blank_lines"]:
            lines.append("")
    text = "\n".join(lines)
    return text.replace("\n", "\r\n") if edits["crlf"] else text


def _intended(before: dict[int, dict], edits: dict) -> dict[int, dict]:
    expected = {ident: dict(action) for ident, action in before.items()}
    for ident in edits["ticks"]:
        expected[ident].update(status="done", closed=date.fromisoformat(TODAY))
    for ident in edits["retitle"]:
        expected[ident]["title"] += " together"
    for ident, day in edits["redate"].items():
        expected[ident]["due"] = date(2027, 1, day)
    for offset, (title, due) in enumerate(edits["new"], start=1):
        step = {"id": max(before) + offset, "title": title}
        step.update({"due": date(2027, 2, due)} if due else {})
        expected[step["id"]] = {**step, "status": "open", "updated": date.fromisoformat(TODAY)}
    return expected


@ROUND_TRIPS
@given(edits=EDITS)
def test_the_edits_people_make_give_exactly_the_intended_steps(cli, tmp_path_factory, edits):
    tmp_path = tmp_path_factory.mktemp("sheet")
    root = _copy(tmp_path)
    before = _actions(root, "amara")
    text = _edit(_share(cli, root, "amara"), edits)
    _take(cli, root, "amara", text, tmp_path)
    after = _actions(root, "amara")
    assert after == _intended(before, edits)
    taken = _snapshot(root)
    _take(cli, root, "amara", text, tmp_path)
    assert _snapshot(root) == taken


RATINGS = st.dictionaries(st.integers(0, 20), st.tuples(st.integers(1, 5), st.integers(1, 5)), max_size=4)
RATING_LINE = re.compile(r"^- (?P<skill>[^:]+): need (?P<need>\d|_), have (?P<have>\d|_)$")


@ROUND_TRIPS
@given(changes=RATINGS, crlf=st.booleans())
def test_ratings_changed_on_the_worksheet_are_the_ratings_of_the_new_dreams(cli, tmp_path_factory, changes, crlf):
    tmp_path = tmp_path_factory.mktemp("sheet")
    root = _copy(tmp_path)
    text = _share(cli, root, "amara", "--stage", "dreams")
    lines, index, intended = text.split("\n"), 0, []
    for number, line in enumerate(lines):
        if line.startswith("### Dream: ") and line[11:]:
            intended.append({"dream": line[11:], "skills": []})
        elif (match := RATING_LINE.match(line)) and intended:
            need, have = changes.get(index, (match["need"], match["have"]))
            lines[number] = f"- {match['skill']}: need {need}, have {have}"
            row = {"skill": match["skill"]}
            row.update({"need": int(need)} if str(need) != "_" else {})
            row.update({"have": int(have)} if str(have) != "_" else {})
            intended[-1]["skills"].append(row)
            index += 1
    filled = "\n".join(lines)
    _take(cli, root, "amara", filled.replace("\n", "\r\n") if crlf else filled, tmp_path)
    newest = sorted((root / "people" / "amara").glob("*-dreams*.md"))[-1]
    assert _frontmatter(newest)["dreams"] == intended
    shared = _frontmatter(root / "people" / "amara" / "2026-03-30-dreams.md")["dreams"]
    assert (newest.name == "2026-11-25-dreams.md") == (intended != shared)


def test_the_filled_worksheet_in_the_readme_does_what_the_readme_says(cli, tmp_path):
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Filling in a worksheet", 1)[1]
    sheet = section.split("```markdown\n", 1)[1].split("```", 1)[0]
    root = _copy(tmp_path)
    result = _take(cli, root, "amara", sheet, tmp_path, 0, "--dry-run")
    for said in ("step 7: done on 2026-11-27", "step 8: due\n2026-12-20", "step 11: new: "):
        assert said.split("\n")[0] in result.stdout and said.replace("\n", " ") in section.replace("\n", " ")


@pytest.mark.parametrize(
    ("content", "said"),
    [(None, "cannot read the worksheet"), (b"\xff\xfe\x00bad", "not UTF-8"), (b"just some text\n", "not a careerkit")],
)
def test_a_file_that_is_no_worksheet_is_refused_in_one_line(cli, tmp_path, content, said):
    root = _copy(tmp_path)
    sheet = tmp_path / "sheet.md"
    if content is not None:
        sheet.write_bytes(content)
    result = cli(root, "take", "gus", str(sheet), "--today", TODAY, expect=1)
    assert said in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_nothing_is_taken_while_one_of_their_documents_cannot_be_read(cli, tmp_path):
    root = _copy(tmp_path)
    text = _share(cli, root, "gus").replace("- [ ] 1 Read", "- [x] 1 Read")
    (root / "people" / "gus" / "2026-06-01-checkin.md").write_text("---\nstage: [\n---\n", encoding="utf-8")
    before = _snapshot(root)
    result = _take(cli, root, "gus", text, tmp_path, 1)
    assert "2026-06-01-checkin.md" in result.stderr and "nothing written" in result.stderr
    assert _snapshot(root) == before
