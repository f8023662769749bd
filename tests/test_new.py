"""`careerkit init`, `new` and `templates`: scaffolding documents that never overwrite anything."""

from __future__ import annotations

import os
import re
import stat
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from careerkit.reading.documents import parse_document
from careerkit.values.model import STAGES
from helpers import action, doc


def frontmatter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


ALICE = {"people/alice/.keep": ""}  # alice's folder, and nothing in it: `new` writes only for someone who has one


def files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# -- init ----------------------------------------------------------------------


def test_init_makes_a_commented_notes_repository(cli, tmp_path):
    target = tmp_path / "team"
    result = cli(None, "init", str(target), "--no-git")
    config = (target / "careerkit.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(config) == {"checkin_every_days": 30, "conversation_every_days": 182, "manager": "manager"}
    assert "\n# stale_after_days: 37\n" in config  # unset: the default is each person's cadence + 7
    assert config.count("\n# ") >= 3
    assert (target / "people").is_dir()
    assert "story.md.j2" in (target / "templates" / "README.md").read_text(encoding="utf-8")
    assert "created careerkit.yaml" in result.stdout
    assert not (target / ".git").exists()


def test_init_twice_changes_nothing(cli, tmp_path):
    target = tmp_path / "team"
    cli(None, "init", str(target), "--no-git")
    (target / "careerkit.yaml").write_text("stale_after_days: 7\n", encoding="utf-8")
    before = files_under(target)
    result = cli(None, "init", str(target), "--no-git")
    assert files_under(target) == before
    assert "kept    careerkit.yaml" in result.stdout


@pytest.mark.skipif(os.system("git --version > /dev/null 2>&1") != 0, reason="git is not installed")
def test_init_runs_git_init_only_outside_a_git_repository(cli, tmp_path):
    target = tmp_path / "team"
    assert "initialised" in cli(None, "init", str(target)).stdout
    assert (target / ".git").is_dir()
    inner = target / "sub"
    assert "already in a git repository" in cli(None, "init", str(inner)).stdout
    assert not (inner / ".git").exists()


# -- new: where it writes ----------------------------------------------------------


@pytest.mark.parametrize("stage", STAGES)
def test_new_writes_every_stage_with_valid_frontmatter(cli, notes, stage):
    root = notes(ALICE)
    result = cli(root, "new", stage, "alice", "--date", "2026-03-04")
    path = root / "people" / "alice" / f"2026-03-04-{stage}.md"
    assert result.stdout.strip() == f"people/alice/2026-03-04-{stage}.md"
    read = parse_document(path.read_bytes(), "x.md", "alice")
    assert read.problems == [] and read.document is not None
    assert (read.document.stage, read.document.date.isoformat(), read.document.person) == (stage, "2026-03-04", "alice")
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body.strip() and "{{" not in body and body.endswith("\n")


def test_new_turns_a_name_into_a_slug_and_keeps_the_name_in_the_profile(cli, notes):
    root = notes({})
    result = cli(root, "new", "story", "Zoë O'Brien", "--date", "2026-03-04", "--name", "Zoë O'Brien")
    assert "people/zoe-obrien/2026-03-04-story.md" in result.stdout
    assert frontmatter(root / "people/zoe-obrien/profile.md")["name"] == "Zoë O'Brien"
    assert "Zoë O'Brien" in (root / "people/zoe-obrien/2026-03-04-story.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [("new", "story", "alice"), ("note", "alice", "Said it.")])
def test_today_dates_a_new_document_as_it_dates_the_other_commands(cli, notes, args):
    root = notes(ALICE)
    stage = "story" if args[0] == "new" else "note"
    path = cli(root, *args, "--today", "2026-03-04").stdout.strip()
    assert path == f"people/alice/2026-03-04-{stage}.md"
    assert frontmatter(root / path)["date"] == date(2026, 3, 4)
    bad = cli(root, *args, "--today", "2026-13-01", expect=2)
    assert bad.stderr == "careerkit: --today: 2026-13-01 is not a real date\n"
    # --date counts from --today; a day written out is that day, whatever today is
    ahead = cli(root, *args, "--date", "tomorrow", "--today", "2026-03-06").stdout.strip()
    assert ahead == f"people/alice/2026-03-07-{stage}.md"
    behind = cli(root, *args, "--date", "2026-03-05", "--today", "2026-03-06").stdout.strip()
    assert behind == f"people/alice/2026-03-05-{stage}.md"


def test_a_second_document_on_the_same_day_gets_a_suffix_and_nothing_is_overwritten(cli, notes):
    hand_written = "---\nstage: note\ndate: 2026-03-04\n---\nhand-written, keep me\n"
    root = notes({"people/alice/2026-03-04-note.md": hand_written})
    cli(root, "new", "note", "alice", "--date", "2026-03-04", expect=0)
    cli(root, "new", "note", "alice", "--date", "2026-03-04", expect=0)
    folder = root / "people" / "alice"
    assert (folder / "2026-03-04-note.md").read_text(encoding="utf-8") == hand_written
    assert sorted(p.name for p in folder.iterdir()) == [
        "2026-03-04-note-2.md",
        "2026-03-04-note-3.md",
        "2026-03-04-note.md",
    ]


def test_a_new_document_is_numbered_after_the_highest_so_that_it_is_the_newest(cli, notes):
    story = "---\nstage: story\ndate: 2026-01-01\n---\n"
    root = notes({"people/alice/2026-01-01-story.md": story, "people/alice/2026-01-01-story-3.md": story})
    assert cli(root, "new", "story", "alice", "--date", "2026-01-01").stdout.strip() == (
        "people/alice/2026-01-01-story-4.md"
    )
    assert not (root / "people/alice/2026-01-01-story-2.md").exists()


@pytest.mark.parametrize(
    "files, reported",
    [
        ({"careerkit.yaml": "checkin_every_days: zero\n"}, "careerkit.yaml:1: `checkin_every_days` should be"),
        ({"people/alice/profile.md": "---\ncheckin_every_days: -1\n---\n"}, "people/alice/profile.md:2: "),
        ({"people/alice/junk.md": "junk\n"}, "people/alice/junk.md:1: no frontmatter"),
    ],
)
def test_new_writes_the_document_but_reports_what_it_could_not_use_and_exits_1(cli, notes, files, reported):
    held_plan = "---\nstage: plan\ndate: 2026-01-01\nheld: true\n---\n"
    root = notes({"people/alice/2026-01-01-plan.md": held_plan, **files})
    result = cli(root, "new", "checkin", "alice", "--date", "2026-01-05", expect=1)
    assert result.stdout.strip() == "people/alice/2026-01-05-checkin.md"
    assert result.stderr.startswith(reported) and len(result.stderr.splitlines()) == 1
    assert "Next check-in: 2026-01-31" in (root / "people/alice/2026-01-05-checkin.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [("new", "note", "alice", "--name", "Alice"), ("init", "afile", "--no-git")])
def test_a_file_where_a_folder_should_be_is_one_line_and_exit_1(cli, notes, args, monkeypatch):
    root = notes({"people/alice": "not a folder\n", "afile": "not a folder\n"})
    monkeypatch.chdir(root)
    result = cli(root, *args, expect=1)
    assert result.stderr.startswith("careerkit: ") and len(result.stderr.splitlines()) == 1
    assert "internal error" not in result.stderr and "not a directory" in result.stderr
    assert (root / "people/alice").read_text(encoding="utf-8") == "not a folder\n"


def test_new_finds_the_root_from_a_subfolder_and_from_the_environment(cli, notes, monkeypatch):
    root = notes({"people/alice/.keep": ""})
    monkeypatch.chdir(root / "people" / "alice")
    assert cli(None, "new", "note", "alice", "--date", "2026-01-02").stdout.strip() == "people/alice/2026-01-02-note.md"
    monkeypatch.chdir(root.parent)
    monkeypatch.setenv("CAREERKIT_ROOT", str(root))
    started = cli(None, "new", "note", "bob", "--date", "2026-01-02", "--name", "Bob").stdout.splitlines()
    assert started == ["people/bob/profile.md", "people/bob/2026-01-02-note.md"]


def test_new_files_are_readable_by_their_owner_only(cli, notes):
    root = notes({})
    cli(root, "new", "story", "alice", "--date", "2026-01-02", "--name", "Alice")
    assert stat.S_IMODE((root / "people/alice").stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "people/alice/2026-01-02-story.md").stat().st_mode) == 0o600
    assert stat.S_IMODE((root / "people/alice/profile.md").stat().st_mode) == 0o600


def test_a_name_cannot_inject_frontmatter_keys(cli, notes):
    root = notes({})
    cli(root, "new", "story", "alice", "--date", "2026-01-02", "--name", "Alice\nstage: note\n---")
    assert frontmatter(root / "people/alice/2026-01-02-story.md")["stage"] == "story"
    assert frontmatter(root / "people/alice/profile.md")["name"] == "Alice\nstage: note\n---"


def test_edit_opens_the_new_document_in_the_editor(cli, notes, tmp_path, monkeypatch):
    root = notes(ALICE)
    seen = tmp_path / "seen.txt"
    editor = tmp_path / "editor.py"
    editor.write_text(f"import sys\nopen({str(seen)!r}, 'w').write(sys.argv[1])\n", encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    cli(root, "new", "note", "alice", "--date", "2026-01-02", "--edit")
    assert seen.read_text(encoding="utf-8") == str(root / "people/alice/2026-01-02-note.md")


# -- new: refusals -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["new", "retro", "alice"], "unknown stage 'retro'"),
        (["new", "story", "alice", "--date", "2026-02-30"], "not a real date"),
        (["new", "story", "alice", "--date", "next week"], "--date"),
        (["new", "story", "bob"], "unknown person 'bob'"),
        (["new", "story", "..", "--name", "X"], "not a usable person name"),
        (["new", "story", "/", "--name", "X"], "not a usable person name"),
        (["new", "story", "   ", "--name", "X"], "not a usable person name"),
        (["new", "story", "../../etc", "--name", "X"], None),
    ],
)
def test_bad_input_exits_2_and_writes_nothing_outside_people(cli, notes, args, reason):
    root = notes(ALICE)
    before = files_under(root.parent)
    result = cli(root, *args, expect=None)
    if reason is None:
        # A name with path parts is only a name: it becomes a slug inside people/.
        assert result.exit_code == 0 and result.stdout.strip().startswith("people/etc/")
        return
    assert result.exit_code == 2
    assert reason in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3 and "Traceback" not in result.stderr
    assert files_under(root.parent) == before


# -- new: pre-filled from earlier documents --------------------------------------------


def test_dreams_lists_the_values_from_the_latest_story(cli, notes):
    root = notes(
        {
            "people/alice/2025-01-01-story.md": doc("alice", "story", "2025-01-01", values=["old value"]),
            "people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01", values=["autonomy", "craft"]),
        }
    )
    cli(root, "new", "dreams", "alice", "--date", "2026-02-01")
    text = (root / "people/alice/2026-02-01-dreams.md").read_text(encoding="utf-8")
    assert "autonomy" in text and "craft" in text and "old value" not in text


DREAMS = [
    {
        "dream": "Lead a platform team",
        "skills": [
            {"skill": "people management", "need": 4, "have": 1},
            {"skill": "system design", "need": 5, "have": 3},
        ],
    },
    {
        "dream": "Write a book",
        "skills": [
            {"skill": "writing", "need": 5, "have": 1},
            {"skill": "typing", "need": 2, "have": 2},
            {"skill": "editing", "need": 2, "have": 1},
        ],
    },
    {
        "dream": "Architect at a start-up",
        "skills": [{"skill": "System design ", "need": 4, "have": 3}, {"skill": "sales", "need": 5, "have": 1}],
    },
]


def plan_rows(text: str) -> list[list[str]]:
    """The table of skills to choose from: [skill, count, dreams, need, have, gap] per row."""
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| skill ")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def test_plan_proposes_skills_but_leaves_the_choice_to_the_talk(cli, notes):
    root = notes({"people/alice/2026-01-01-dreams.md": doc("alice", "dreams", "2026-01-01", dreams=DREAMS)})
    result = cli(root, "new", "plan", "alice", "--date", "2026-02-01")
    assert result.stderr == ""
    path = root / "people/alice/2026-02-01-plan.md"
    data = frontmatter(path)
    assert data["skills"] == [] and data["actions"] == []
    assert data["review_by"] == date(2026, 8, 2)  # the plan's date + conversation_every_days (182)
    # The first dream's skills first (system design, needed by two dreams, before people management although
    # its gap is smaller), then the second dream's (writing), then the third's (sales); typing (no gap) is left
    # out, and editing (need 2) counts for no dream, so it comes last.
    assert plan_rows(path.read_text(encoding="utf-8")) == [
        ["system design", "2", "Lead a platform team; Architect at a start-up", "5", "3", "2"],
        ["people management", "1", "Lead a platform team", "4", "1", "3"],
        ["writing", "1", "Write a book", "5", "1", "4"],
        ["sales", "1", "Architect at a start-up", "5", "1", "4"],
        ["editing", "0", "Write a book", "2", "1", "1"],
    ]


def test_plan_review_by_follows_the_conversation_setting(cli, notes):
    root = notes({"careerkit.yaml": "conversation_every_days: 365\n", **ALICE})
    cli(root, "new", "plan", "alice", "--date", "2026-02-01")
    assert frontmatter(root / "people/alice/2026-02-01-plan.md")["review_by"] == date(2027, 2, 1)


def test_plan_leaves_out_an_invalid_rating_and_says_so(cli, notes):
    dreams = [
        {
            "dream": "Lead",
            "skills": [{"skill": "design", "need": 4, "have": 2}, {"skill": "sales", "need": 6, "have": 1}],
        }
    ]
    root = notes({"people/alice/2026-01-01-dreams.md": doc("alice", "dreams", "2026-01-01", dreams=dreams)})
    result = cli(root, "new", "plan", "alice", "--date", "2026-02-01", expect=1)
    assert result.stdout == "people/alice/2026-02-01-plan.md\n"  # written all the same
    assert result.stderr.splitlines() == [
        "careerkit: note: the skills to choose from leave out a rating that is not a whole number from 1 to 5; "
        "fix people/alice/2026-01-01-dreams.md and make the plan again to see them ranked",
        "people/alice/2026-01-01-dreams.md:12: `need` should be a whole number from 1 to 5, not 6; "
        "skill 2 of dream 1 is left out",
    ]
    text = (root / "people/alice/2026-02-01-plan.md").read_text(encoding="utf-8")
    assert [row[0] for row in plan_rows(text)] == ["design"]
    assert "None" not in text and "not a whole number from 1 to 5" in text


def test_story_asks_for_values_and_the_day_they_were_confirmed(cli, notes):
    root = notes(ALICE)
    cli(root, "new", "story", "alice", "--date", "2026-02-01")
    text = (root / "people/alice/2026-02-01-story.md").read_text(encoding="utf-8")
    data = frontmatter(root / "people/alice/2026-02-01-story.md")
    assert re.fullmatch("[0-9a-f]{16}", data.pop("scaffold"))  # what was written: planned until it differs
    assert data == {
        "person": "alice",
        "stage": "story",
        "date": date(2026, 2, 1),
        "values": [],
        "values_confirmed": None,
    }
    assert "keywords" not in text and "money" not in text and "nudged" not in text


def test_checkin_without_a_plan_is_written_and_says_which_conversation_is_next(cli, notes):
    root = notes({"people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01")})
    result = cli(root, "new", "checkin", "alice", "--date", "2026-02-01")
    assert result.stdout == "people/alice/2026-02-01-checkin.md\n"
    assert result.stderr == (
        "careerkit: note: alice has no action plan yet; the conversation that comes next is "
        "their dreams: careerkit new dreams alice\n"
    )
    text = (root / "people/alice/2026-02-01-checkin.md").read_text(encoding="utf-8")
    assert "since the plan" not in text and "redo the plan" not in text and "dream changed" not in text
    assert "To open the dreams conversation" in text


def test_checkin_lists_open_actions_skills_and_embeds_the_agenda(cli, notes):
    root = notes(
        {
            "people/alice/2026-01-01-plan.md": doc(
                "alice",
                "plan",
                "2026-01-01",
                skills=[{"skill": "design", "resources": ["Mentor: Bob"]}],
                actions=[
                    action(1, "Shadow Bob", due="2026-01-20"),
                    action(2, "Old", status="done", closed="2026-01-05"),
                ],
            )
        }
    )
    agenda = cli(root, "agenda", "alice", "--today", "2026-02-01").stdout
    cli(root, "new", "checkin", "alice", "--date", "2026-02-01")
    text = (root / "people/alice/2026-02-01-checkin.md").read_text(encoding="utf-8")
    assert "Shadow Bob" in text and "2026-01-20" in text and "Mentor: Bob" in text
    assert agenda.strip() in text
    assert "# id: 3" in text or "id: 3," in text


def test_note_links_back_to_the_latest_checkin(cli, notes):
    root = notes(
        {
            "people/alice/2026-01-01-plan.md": doc("alice", "plan", "2026-01-01", actions=[action(1)]),
            "people/alice/2026-01-15-checkin.md": doc("alice", "checkin", "2026-01-15"),
        }
    )
    cli(root, "new", "note", "alice", "--date", "2026-02-01")
    assert "2026-01-15" in (root / "people/alice/2026-02-01-note.md").read_text(encoding="utf-8")


# -- templates ---------------------------------------------------------------------------


def test_a_notes_repository_can_override_a_template(cli, notes):
    root = notes({"templates/note.md.j2": "Our own note for {{ name }} on {{ date }}.\n", **ALICE})
    cli(root, "new", "note", "alice", "--date", "2026-01-02")
    text = (root / "people/alice/2026-01-02-note.md").read_text(encoding="utf-8")
    assert text.endswith("---\n\nOur own note for alice on 2026-01-02.\n")
    listing = cli(root, "templates").stdout
    assert "note     templates/note.md.j2" in listing and "story    shipped (story.md.j2)" in listing


def test_a_template_typo_is_a_clear_error_and_writes_nothing(cli, notes):
    root = notes({"templates/note.md.j2": "Hello {{ nmae }}\n", **ALICE})
    result = cli(root, "new", "note", "alice", "--date", "2026-01-02", expect=1)
    assert "nmae" in result.stderr and "note.md.j2" in result.stderr
    assert not (root / "people/alice/2026-01-02-note.md").exists()


def test_templates_copy_copies_once_and_never_overwrites(cli, notes):
    root = notes({})
    assert cli(root, "templates", "copy", "plan").stdout.strip() == "templates/plan.md.j2"
    copied = root / "templates" / "plan.md.j2"
    copied.write_text("mine\n", encoding="utf-8")
    result = cli(root, "templates", "copy", "plan", expect=1)
    assert "already exists" in result.stderr
    assert copied.read_text(encoding="utf-8") == "mine\n"
    cli(root, "templates", "copy", "retro", expect=2)


# -- writing outside a notes repository ---------------------------------------------------------

REFUSED = (
    "careerkit: no notes repository here (no careerkit.yaml in this folder or above): "
    "run `careerkit init` or pass `--root`\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ("new", "story", "alice"),
        ("action", "add", "alice", "Read a book"),
        ("action", "done", "alice", "1"),
        ("action", "touch", "alice", "1"),
    ],
)
def test_writing_commands_refuse_outside_a_notes_repository(cli, tmp_path, monkeypatch, args):
    code = tmp_path / "some-code-repository"
    (code / "people/alice").mkdir(parents=True)
    (code / "people/alice/2026-01-01-plan.md").write_text(
        doc("alice", "plan", "2026-01-01", actions=[action(1)]), encoding="utf-8"
    )
    monkeypatch.chdir(code)
    before = files_under(code)
    result = cli(None, *args, expect=2)
    assert result.stderr == REFUSED and result.stdout == ""
    assert files_under(code) == before


def test_an_explicit_root_is_a_folder_with_careerkit_yaml_or_people(cli, tmp_path, monkeypatch):
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.chdir(plain)
    assert cli(None, "due", "--today", "2026-01-01", expect=2).stderr == REFUSED
    refused = cli(plain, "status", expect=2).stderr
    assert refused == (
        f"careerkit: --root: {plain} is not a notes repository (no careerkit.yaml, no people/): "
        "run `careerkit init` there or pass another `--root`\n"
    )
    monkeypatch.setenv("CAREERKIT_ROOT", str(plain))
    assert cli(None, "due", expect=2).stderr == refused.replace("--root:", "CAREERKIT_ROOT:")
    assert files_under(plain) == {}
    (plain / "people/alice").mkdir(parents=True)  # notes kept without careerkit.yaml: the user chose the folder
    cli(None, "new", "note", "alice", "--date", "2026-01-02")
    monkeypatch.delenv("CAREERKIT_ROOT")
    cli(plain, "new", "story", "alice", "--date", "2026-01-01")
    assert sorted(p.name for p in (plain / "people/alice").iterdir()) == ["2026-01-01-story.md", "2026-01-02-note.md"]


def test_a_careerkit_yaml_further_up_is_the_notes_repository(cli, notes, monkeypatch):
    root = notes({})
    (root / "people/alice").mkdir(parents=True)
    monkeypatch.chdir(root / "people/alice")
    assert cli(None, "new", "story", "alice", "--date", "2026-01-01").stdout == "people/alice/2026-01-01-story.md\n"


def test_a_new_notes_summary_is_what_the_person_wrote(cli, notes):
    root = notes(
        {
            "people/alice/2026-01-01-plan.md": doc("alice", "plan", "2026-01-01", actions=[action(1)]),
            "people/alice/2026-01-15-checkin.md": doc("alice", "checkin", "2026-01-15"),
        }
    )
    cli(root, "new", "note", "alice", "--date", "2026-01-20")
    path = root / "people/alice/2026-01-20-note.md"
    assert "(nothing written yet" in cli(root, "agenda", "alice", "--today", "2026-01-21").stdout
    text = path.read_text(encoding="utf-8").replace("## What they said\n", "## What they said\n\nWants to mentor.\n")
    path.write_text(text, encoding="utf-8")
    assert (
        "- 2026-01-20: Wants to mentor. (people/alice/2026-01-20-note.md)"
        in cli(root, "agenda", "alice", "--today", "2026-01-21").stdout
    )
    assert "Wants to mentor." in cli(root, "log", "alice").stdout


def test_a_checkin_document_asks_nothing_twice_and_always_has_the_scenarios(cli, notes):
    root = notes(
        {
            "people/alice/2026-01-01-plan.md": doc(
                "alice", "plan", "2026-01-01", skills=[{"skill": "sql"}], actions=[action(1, "Read", due="2026-01-20")]
            )
        }
    )
    cli(root, "new", "checkin", "alice", "--date", "2026-03-01")
    text = (root / "people/alice/2026-03-01-checkin.md").read_text(encoding="utf-8")
    questions = [
        line.split(" ", 1)[1] for line in text.splitlines() if line.rstrip().endswith("?") and line[:1] in "-0123456789"
    ]
    assert questions and len(questions) == len(set(questions))
    assert "## If the talk turns to..." in text and "not in their evenings" in text
    assert "Who do you know, inside or outside the team, who is good at sql?" in text  # the skill, by name
    assert text.count("90%") == 1 and "honestly" not in text.lower() and "stuck" not in text
    assert "## The invite" in text


@pytest.mark.parametrize("stage", ["story", "dreams", "plan", "checkin"])
def test_every_conversation_starts_with_an_invite(cli, notes, stage):
    root = notes(ALICE)
    cli(root, "new", stage, "alice", "--date", "2026-03-01", expect=None)
    text = (root / f"people/alice/2026-03-01-{stage}.md").read_text(encoding="utf-8")
    invite = text.split("## The invite\n", 1)[1].split("\n## ", 1)[0]
    assert "> " in invite and len(invite.split()) < 150


def test_the_dreams_agenda_shares_the_values_back_until_they_are_confirmed(cli, notes):
    root = notes({"people/alice/2026-01-01-story.md": doc("alice", "story", "2026-01-01", values=["craft", "calm"])})
    text = cli(root, "agenda", "alice", "--today", "2026-01-10").stdout
    assert "1. What I heard drives you is craft, calm: what fits, and what would you change?" in text
    confirmed = notes(
        {
            "people/alice/2026-01-01-story.md": doc(
                "alice", "story", "2026-01-01", values=["craft"], values_confirmed="2026-01-05"
            )
        }
    )
    assert "What I heard" not in cli(confirmed, "agenda", "alice", "--today", "2026-01-10").stdout
