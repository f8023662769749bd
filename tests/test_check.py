"""`careerkit check`: every rule of SPEC.md, reported like a compiler, and as a pre-commit hook."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from careerkit.check import run
from careerkit.loader import Notes
from helpers import action, doc

PROJECT = Path(__file__).resolve().parents[1]
PLAN = "people/alice/2026-01-05-plan.md"


def plan(*actions_, **fields) -> str:
    return doc("alice", "plan", "2026-01-05", actions=list(actions_), **fields)


def check(cli, root: Path, *args: str, expect: int | None = None):
    return cli(root, "check", *args, expect=expect)


def lines(result) -> list[str]:
    return result.stdout.splitlines()


# -- output ------------------------------------------------------------------------------


def test_a_clean_repository_passes_with_a_summary(cli, notes):
    root = notes({PLAN: plan(action(1, due="2026-02-01")), "people/alice/profile.md": "---\nname: Alice\n---\n"})
    result = check(cli, root, expect=0)
    assert result.stdout == ""
    assert result.stderr == "no problems in 3 files\n"  # careerkit.yaml, the profile and the plan


def test_problems_are_sorted_by_file_and_line_with_their_severity(cli, notes):
    root = notes(
        {
            "people/bob/2026-01-01-note.md": "---\nstage: note\ndate: 2026-01-01\nactions: [{id: 1, title: T}]\n---\n",
            PLAN: "---\nperson: alice\nstage: plan\ndate: 2026-01-05\nactions:\n  - id: 1\n  - id: 2\n    status: no\n"
            "  - id: x\n---\n",
        }
    )
    result = check(cli, root, expect=1)
    assert lines(result) == [
        "people/alice/2026-01-05-plan.md:6: error: action 1 has no `title`",
        "people/alice/2026-01-05-plan.md:8: error: `no` was read as false, not text (YAML 1.1 reads unquoted yes, no, "
        "on and off as true or false); write 'no' in quotes",
        "people/alice/2026-01-05-plan.md:8: error: action 2: status False is not open, done or dropped (YAML read an "
        "unquoted word as false; write open, done or dropped); left out",
        "people/alice/2026-01-05-plan.md:9: error: action id 'x' is not a positive whole number; left out",
        "people/bob/2026-01-01-note.md:4: warning: actions belong in plan and checkin documents, not note "
        "(they still count)",
    ]
    assert result.stderr == "4 errors, 1 warning in 3 files\n"


def test_json_for_tools(cli, notes):
    root = notes({PLAN: "---\nperson: alice\nstage: plan\ndate: 2026-01-05\ndate: 2026-01-06\n---\n"})
    result = check(cli, root, "--json", expect=1)
    assert json.loads(result.stdout) == [
        {
            "file": PLAN,
            "line": 5,
            "severity": "error",
            "message": "duplicate key `date` (first on line 4): YAML keeps only the last one",
        }
    ]
    assert result.stderr == "1 error, 0 warnings in 2 files\n"
    (root / PLAN).unlink()
    assert json.loads(check(cli, root, "--json", expect=0).stdout) == []


def test_warnings_alone_pass_unless_strict(cli, notes):
    root = notes({"people/alice/2026-01-05-story.md": doc("alice", "story", "2026-01-05", actions=[action(1)])})
    result = check(cli, root, expect=0)
    assert lines(result) == [
        "people/alice/2026-01-05-story.md:5: warning: actions belong in plan and checkin "
        "documents, not story (they still count)"
    ]
    assert result.stderr == "0 errors, 1 warning in 2 files\n"
    check(cli, root, "--strict", expect=1)


# -- the rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frontmatter", "expected"),
    [
        ("person: bob\nstage: plan\ndate: 2026-01-05", ":2: error: person 'bob' does not match the folder 'alice'"),
        (
            "person: alice\nstage: retro\ndate: 2026-01-05",
            ":3: error: unknown stage 'retro': use story, dreams, plan, checkin or note",
        ),
        ("person: alice\nstage: plan\ndate: 2026-02-30", ":4: error: date 2026-02-30 is not a real date (YYYY-MM-DD)"),
        (
            "person: alice\nstage: plan\ndate: 2026-01-05\nactions: {id: 1}",
            ":5: error: `actions` should be a list of action items",
        ),
        (
            "person: alice\nstage: plan\ndate: 2026-01-05\nactions: [{id: 0, title: T}]",
            ":5: error: action id 0 is not a positive whole number; left out",
        ),
        (
            "person: alice\nstage: plan\ndate: 2026-01-05\nactions: [{id: 1, title: T, status: finished}]",
            ":5: error: action 1: status 'finished' is not open, done or dropped; left out",
        ),
        (
            "person: alice\nstage: plan\ndate: 2026-01-05\nactions: [{id: 1, title: T, due: 2026-13-01}]",
            ":5: error: action 1: due 2026-13-01 is not a real date (YYYY-MM-DD); left out",
        ),
        (
            "person: alice\nstage: plan\ndate: 2026-01-05\nactions: [{id: 1, title: T, status: done}]",
            ":5: warning: action 1 is done but has no `closed:` date",
        ),
        (
            "person: alice\nstage: dreams\ndate: 2026-01-05\ndreams: [{dream: D, skills: [{skill: S, need: 7}]}]",
            ":5: error: `need` should be a whole number from 1 to 5, not 7; skill 1 of dream 1 is left out",
        ),
        (
            "person: alice\nstage: plan\ndate: 2026-01-05\nskills: [{skill: S, resources: 3}]",
            ":5: error: `resources` should be a list of people or resources",
        ),
        (
            "person: alice\nstage: plan\ndate: 2026-01-05\nacitons: []",
            ":5: warning: unknown key `acitons` (did you mean `actions`?); it is ignored",
        ),
        (
            "person: alice\nstage: plan\ndate: 2026-01-05\nactions:\n  - id: 1\n    titel: T\n    title: T",
            ":7: warning: unknown key `titel` (did you mean `title`?); it is ignored",
        ),
    ],
)
def test_each_rule(cli, notes, frontmatter, expected):
    root = notes({PLAN: f"---\n{frontmatter}\n---\n"})
    assert lines(check(cli, root)) == [PLAN + expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "    status: no",
            "error: `no` was read as false, not text (YAML 1.1 reads unquoted yes, no, on and off as true "
            "or false); write 'no' in quotes",
        ),
        (
            "    title: 12:30",
            "error: `12:30` was read as the number 750 (YAML 1.1 reads digits with colons as base 60); "
            "write '12:30' in quotes",
        ),
        (
            "    title: 0755",
            "error: `0755` was read as the octal number 493 (YAML 1.1 reads a leading 0 as octal); "
            "write '0755' in quotes",
        ),
        (
            "    title: on",
            "error: `on` was read as true, not text (YAML 1.1 reads unquoted yes, no, on and off as true "
            "or false); write 'on' in quotes",
        ),
        ("    title: 1.10", "error: `1.10` was read as the number 1.1; write '1.10' in quotes"),
        ("    title: 2024", "error: `2024` was read as a number, not text; write '2024' in quotes"),
        ("    values: [2024]", "warning: `2024` was read as a number, not text; write '2024' in quotes"),
        (
            "    owner: yes",
            "error: `yes` was read as true, not text (YAML 1.1 reads unquoted yes, no, on and off as true "
            "or false); write 'yes' in quotes",
        ),
        (
            "    meeting: 10:30",
            "warning: `10:30` was read as the number 630 (YAML 1.1 reads digits with colons as base "
            "60); write '10:30' in quotes",
        ),
        ("    meeting: 09:30", None),  # a leading 0: YAML 1.1 keeps it as text
    ],
)
def test_yaml_1_1_surprises_name_the_line_and_the_fix(cli, notes, line, expected):
    """The original token is quoted from the YAML node, with the quoting that fixes it."""
    text = f"---\nperson: alice\nstage: plan\ndate: 2026-01-05\nactions:\n  - id: 1\n    title: T\n{line}\n---\n"
    text = text.replace("    title: T\n    title:", "    title:")
    if "values" in line:
        text = text.replace(f"\n{line}", "").replace("actions:", line.strip() + "\nactions:")
    root = notes({PLAN: text})
    result = check(cli, root)
    where = 7 if "title:" in line else 5 if "values" in line else 8
    shown = [x for x in lines(result) if "left out" not in x and "unknown key `meeting`" not in x]
    assert shown == ([f"{PLAN}:{where}: {expected}"] if expected else [])


def test_an_octal_id_is_an_error_with_the_number_to_write(cli, notes):
    root = notes({PLAN: "---\nperson: alice\nstage: plan\ndate: 2026-01-05\nactions: [{id: 010, title: T}]\n---\n"})
    assert lines(check(cli, root, expect=1)) == [
        f"{PLAN}:5: error: `010` was read as the octal number 8 (YAML 1.1 reads a leading 0 as octal); write 10"
    ]


def test_quoted_values_are_never_surprises(cli, notes):
    text = (
        "---\nperson: alice\nstage: plan\ndate: 2026-01-05\nvalues: ['no', \"12:30\"]\nactions:\n"
        "  - {id: 1, title: '0755', owner: \"yes\", status: open, closed: 2026-01-06}\n---\n"
    )
    assert lines(check(cli, notes({PLAN: text}), expect=0)) == []


def test_duplicate_keys_at_any_depth_name_both_lines(cli, notes):
    text = (
        "---\nperson: alice\nstage: plan\ndate: 2026-01-05\nactions:\n  - id: 1\n    title: T\n"
        "    status: open\n    status: done\n---\n"
    )
    assert lines(check(cli, notes({PLAN: text}), expect=1)) == [
        f"{PLAN}:6: warning: action 1 is done but has no `closed:` date",
        f"{PLAN}:9: error: duplicate key `status` (first on line 8): YAML keeps only the last one",
    ]


def test_duplicate_ids_name_both_places(cli, notes):
    root = notes(
        {
            PLAN: plan(action(1), action(2), action(2)),
            "people/alice/2026-02-01-checkin.md": doc("alice", "checkin", "2026-02-01", actions=[action(1)]),
            "people/bob/2026-01-05-plan.md": plan(action(1)).replace("person: alice", "person: bob"),
        }
    )
    assert lines(check(cli, root, expect=1)) == [
        f"{PLAN}:10: error: duplicate action id 2: also used at line 8; ids are unique per person",
        "people/alice/2026-02-01-checkin.md:6: error: duplicate action id 1: also used at "
        f"{PLAN}:6; ids are unique per person",
    ]


def test_settings_and_profiles(cli, notes):
    root = notes(
        {
            "careerkit.yaml": "checkin_every_days: 14\nstale_afer_days: 7\nconversation_every_days: no\n",
            "people/alice/profile.md": "---\nname: Alice\ncheckin_every_day: 7\nrole: 2024\n---\n",
            PLAN: plan(),
        }
    )
    assert lines(check(cli, root, expect=1)) == [
        "careerkit.yaml:2: warning: unknown setting `stale_afer_days` (did you mean `stale_after_days`?)",
        "careerkit.yaml:3: error: `conversation_every_days` should be a whole number of days (1 or more); "
        "using the default",
        "people/alice/profile.md:3: warning: unknown key `checkin_every_day` (did you mean `checkin_every_days`?); "
        "it is ignored",
        "people/alice/profile.md:4: warning: `2024` was read as a number, not text; write '2024' in quotes",
    ]


def test_a_folder_that_is_not_a_slug_is_an_error(cli, notes):
    root = notes({"people/Alice Smith/2026-01-05-plan.md": plan()})
    assert lines(check(cli, root, expect=1)) == [
        "people/Alice Smith: error: folder name is not a valid person slug (rename it to alice-smith); "
        "this person is not read"
    ]


def test_alias_bombs_and_cycles_are_refused_quickly(cli, notes):
    bomb = "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 9))
    root = notes(
        {
            PLAN: "---\nperson: alice\nstage: plan\ndate: 2026-01-05\na0: &a0 [x]\n" + bomb + "---\n",
            "people/alice/2026-01-06-note.md": "---\nstage: note\ndate: 2026-01-06\nx: &c [*c]\n---\n",
        }
    )
    start = time.perf_counter()
    result = check(cli, root, expect=1)
    assert time.perf_counter() - start < 2
    assert lines(result) == [
        "people/alice/2026-01-05-plan.md:10: error: frontmatter aliases (*name) expand to more than 100,000 values; "
        "not read",
        "people/alice/2026-01-06-note.md:4: error: frontmatter has an alias (*name) inside the value it names; "
        "not read",
    ]


# -- what to check -------------------------------------------------------------------------


@pytest.fixture
def two_people(notes):
    return notes(
        {
            "careerkit.yaml": "stale_afer_days: 7\n",
            PLAN: plan(action(1), action(2)),
            "people/alice/2026-02-01-checkin.md": doc("alice", "checkin", "2026-02-01", actions=[action(2)]),
            "people/alice/profile.md": "---\nname: Alice\nrole: on\n---\n",
            "people/bob/2026-01-01-story.md": "---\nstage: story\ndate: 2026-13-01\n---\n",
            "README.md": "# Our notes\n",
        }
    )


def test_only_the_files_named(cli, two_people):
    checkin = "people/alice/2026-02-01-checkin.md"
    result = check(cli, two_people, str(two_people / checkin), expect=1)
    assert lines(result) == [
        f"{checkin}:6: error: duplicate action id 2: also used at {PLAN}:8; ids are unique per person"
    ]
    assert result.stderr == "1 error, 0 warnings in 1 file\n"
    # The first use of a duplicated id: the error is on it when only that file is named.
    assert lines(check(cli, two_people, str(two_people / PLAN), expect=1)) == [
        f"{PLAN}:8: error: duplicate action id 2: also used at {checkin}:6; ids are unique per person"
    ]


def test_folders_settings_and_other_files(cli, two_people, monkeypatch):
    monkeypatch.chdir(two_people)
    assert [x.split(":")[0] for x in lines(check(cli, two_people, "people/bob", expect=1))] == [
        "people/bob/2026-01-01-story.md"
    ]
    assert lines(check(cli, two_people, "careerkit.yaml", expect=0)) == [
        "careerkit.yaml:1: warning: unknown setting `stale_afer_days` (did you mean `stale_after_days`?)"
    ]
    # The loader's error (every command reports it) and check's explanation of the YAML surprise:
    assert lines(check(cli, two_people, "people/alice/profile.md", expect=1)) == [
        "people/alice/profile.md:3: error: `on` was read as true, not text (YAML 1.1 reads unquoted yes, no, on and "
        "off as true or false); write 'on' in quotes",
        "people/alice/profile.md:3: error: `role` should be text (put it in quotes); not used",
    ]
    assert lines(check(cli, two_people, "README.md", expect=0)) == [
        "README.md: warning: not checked: careerkit reads careerkit.yaml and people/<person>/*.md"
    ]
    everything = check(cli, two_people, ".", expect=1)
    assert everything.stdout == check(cli, two_people, expect=1).stdout
    assert everything.stderr == "4 errors, 1 warning in 5 files\n"


def test_paths_relative_to_the_root_work_from_anywhere(cli, two_people, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert check(cli, two_people, "people/bob/2026-01-01-story.md", expect=1).stderr.startswith("1 error")


def test_a_missing_path_or_one_outside_the_root_is_a_usage_error(cli, two_people, tmp_path):
    result = check(cli, two_people, str(two_people / "people/alice/nope.md"), expect=2)
    assert result.stderr.strip().endswith("people/alice/nope.md: no such file or folder")
    (tmp_path / "elsewhere.md").write_text("x", encoding="utf-8")
    result = check(cli, two_people, str(tmp_path / "elsewhere.md"), expect=2)
    assert "not inside the notes repository" in result.stderr


def test_the_domain_function_returns_sorted_problems(two_people):
    report = run(Notes(two_people))
    assert [(p.path, p.line, p.severity) for p in report.problems] == sorted(
        [(p.path, p.line or 0, p.severity) for p in report.problems], key=lambda t: (t[0], t[1], t[2] != "error")
    )
    assert (report.errors, report.warnings, report.files) == (4, 1, 5)


# -- as a pre-commit hook ----------------------------------------------------------------------


def _tool(name: str) -> str | None:
    return shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)


PRE_COMMIT, GIT = _tool("pre-commit"), shutil.which("git")


def _git(cwd: Path, *args: str) -> None:
    config = [
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.com",
        "-c",
        "init.defaultBranch=main",
        "-c",
        "commit.gpgsign=false",
    ]
    subprocess.run([GIT or "git", *config, *args], cwd=cwd, check=True, capture_output=True)


def test_the_hook_manifest_is_valid():
    if PRE_COMMIT is None:
        pytest.skip("pre-commit is not installed")
    result = subprocess.run(
        [PRE_COMMIT, "validate-manifest", str(PROJECT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    import yaml

    (hook,) = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "careerkit-check",
        "careerkit check",
        "python",
        True,
    )


@pytest.mark.skipif(PRE_COMMIT is None or GIT is None, reason="needs pre-commit and git")
def test_pre_commit_runs_the_hook_on_staged_notes(tmp_path):
    """The real pre-commit, offline: `try-repo` against a local copy of this project's hook manifest.

    pre-commit would build a virtualenv for `language: python` (which needs the network); the copy says
    `language: system` instead and finds the installed `careerkit` on PATH. Everything else (id, entry,
    files, pass_filenames) is the manifest as shipped.
    """
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    manifest = (PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    (hooks / ".pre-commit-hooks.yaml").write_text(
        manifest.replace("language: python", "language: system"), encoding="utf-8"
    )
    _git(hooks, "init", "-q")
    _git(hooks, "add", ".")
    _git(hooks, "commit", "-q", "-m", "hooks")

    repo = tmp_path / "team"
    (repo / "people/alice").mkdir(parents=True)
    (repo / "careerkit.yaml").write_text("stale_after_days: 21\n", encoding="utf-8")
    (repo / PLAN).write_text(plan(action(1, due="2026-02-01")), encoding="utf-8")
    (repo / "README.md").write_text("---\nnot: [a careerkit file\n", encoding="utf-8")  # not matched by `files`
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "NO_COLOR": "1",
    }
    env.pop("CAREERKIT_ROOT", None)

    def try_repo(*args: str) -> subprocess.CompletedProcess[str]:
        command = [PRE_COMMIT or "pre-commit", "try-repo", str(hooks), "careerkit-check", "--color", "never", *args]
        return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=120, check=False)

    passed = try_repo()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "careerkit check" in passed.stdout and "Passed" in passed.stdout

    bad = "people/alice/2026-02-01-checkin.md"
    (repo / bad).write_text(
        "---\nperson: alice\nstage: checkin\ndate: 2026-02-01\nactions:\n  - id: 1\n"
        "    title: T\n    status: no\n---\n",
        encoding="utf-8",
    )
    _git(repo, "add", bad)
    failed = try_repo()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert f"{bad}:8: error: `no` was read as false" in failed.stdout
    assert f"{bad}:6: error: duplicate action id 1: also used at {PLAN}:6" in failed.stdout
    assert "README.md" not in failed.stdout


# -- 0.2 -------------------------------------------------------------------------------------


def test_an_unknown_key_inside_an_action_dream_or_skill_is_a_warning(cli, notes):
    text = (
        "---\nperson: alice\nstage: plan\ndate: 2026-01-05\nmood: fine\n"
        "skills:\n  - {skill: S, resource: [a]}\n"
        "actions:\n  - {id: 1, title: T, deu: 2026-02-01, colour: red}\n---\n"
    )
    dreams = (
        "---\nperson: alice\nstage: dreams\ndate: 2026-01-04\ndreams:\n  - dream: D\n    skils: []\n"
        "  - dream: E\n    skills:\n      - {skill: S, need: 3, hve: 1}\n---\n"
    )
    root = notes({PLAN: text, "people/alice/2026-01-04-dreams.md": dreams})
    result = check(cli, root, expect=0)
    assert lines(result) == [
        "people/alice/2026-01-04-dreams.md:7: warning: unknown key `skils` (did you mean `skills`?); it is ignored",
        "people/alice/2026-01-04-dreams.md:10: warning: unknown key `hve` (did you mean `have`?); it is ignored",
        f"{PLAN}:7: warning: unknown key `resource` (did you mean `resources`?); it is ignored",
        f"{PLAN}:9: warning: unknown key `colour` in an action; it is ignored (careerkit reads id, title, owner, "
        "skill, due, status, updated, closed, inherited)",
        f"{PLAN}:9: warning: unknown key `deu` (did you mean `due`?); it is ignored",
    ]  # `mood` at the top is a note of the user's own: kept and ignored in silence
    check(cli, root, "--strict", expect=1)


def test_one_skill_with_two_different_haves_is_a_warning(cli, notes):
    text = (
        "---\nperson: alice\nstage: dreams\ndate: 2026-01-04\ndreams:\n"
        "  - dream: D\n    skills:\n      - {skill: System design, need: 5, have: 3}\n"
        "  - dream: E\n    skills:\n      - {skill: system design, need: 4, have: 2}\n"
        "      - {skill: sales, need: 4, have: 2}\n"
        "  - dream: F\n    skills:\n      - {skill: sales, need: 2, have: 2}\n---\n"
    )
    root = notes({"people/alice/2026-01-04-dreams.md": text})
    assert lines(check(cli, root, expect=0)) == [
        "people/alice/2026-01-04-dreams.md:11: warning: this skill is rated `have: 2` here but `have: 3` in dream 1 "
        "(line 8); where they stand today is the same whatever the dream"
    ]


@pytest.mark.parametrize(("where", "line"), [("body", 8), ("frontmatter", 3)])
def test_merge_conflict_markers_are_an_error(cli, notes, where, line):
    conflict = "<<<<<<< HEAD\nMine.\n=======\nTheirs.\n>>>>>>> other\n"
    if where == "body":
        text = "---\nperson: alice\nstage: note\ndate: 2026-01-05\n---\n\nBefore.\n" + conflict
    else:
        text = (
            "---\nperson: alice\n"
            + conflict.replace("Mine.", "stage: note").replace("Theirs.", "stage: plan")
            + "date: 2026-01-05\n---\n"
        )
    root = notes({"people/alice/2026-01-05-note.md": text})
    found = [x for x in lines(check(cli, root, expect=1)) if "merge-conflict" in x]
    assert found == [
        f"people/alice/2026-01-05-note.md:{line}: error: merge-conflict marker: this file holds both "
        "sides of a merge; keep the right lines and delete the <<<<<<<, ======= and >>>>>>> lines"
    ]


def test_a_long_heading_underline_is_not_a_conflict_marker(cli, notes):
    text = "---\nperson: alice\nstage: note\ndate: 2026-01-05\n---\n\nTitle\n============\n\nText.\n"
    assert lines(check(cli, notes({"people/alice/2026-01-05-note.md": text}), expect=0)) == []


def test_a_merge_key_is_not_taken_for_a_duplicate_key(cli, notes):
    """PyYAML builds a `<<` merge by rewriting the mapping's nodes; check still sees the keys as written."""
    root = notes(
        {
            "people/alice/2026-01-05-note.md": "---\nstage: note\ndate: 2026-01-05\n<<: {summary: Hello}\n"
            "summary: Again\n---\nText.\n"
        }
    )
    result = check(cli, root, "--json", expect=None)
    assert "duplicate key" not in result.stdout
    again = check(cli, root, "--json", expect=None)
    assert (again.stdout, again.exit_code) == (result.stdout, result.exit_code)
