"""The cache of read results in <root>/.careerkit/: never stale, never in the way.

Each staleness case is shown through what a user sees (`careerkit due --json`),
and where it says more, through which files were parsed again. A file written
less than two seconds before a run is "racy" and never cached (see
careerkit.cache.reads); most tests therefore use the `trusting` fixture, which
makes every file written before the run old enough to cache.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from careerkit.cache import codec, store
from careerkit.cache import parallel as parallel_reading
from careerkit.cache import reads as cache
from careerkit.reading import documents
from careerkit.values.records import Record
from helpers import WINGS, action, doc

TODAY = "2026-06-01"
OLD = 1_600_000_000  # a time long ago (2020), for os.utime


@pytest.fixture
def trusting(monkeypatch):
    """Cache every file written before the run started (no racy window)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)


@pytest.fixture
def parses(monkeypatch):
    """The relative paths parsed by documents.read_document, in order; clear() between runs."""
    seen: list[str] = []
    real = documents.read_document

    def counting(root, path, person, *rest):
        seen.append(path.relative_to(root).as_posix())
        return real(root, path, person, *rest)

    monkeypatch.setattr(documents, "read_document", counting)
    return seen


def due(cli, root, *args, expect=0):
    """(report, stderr) of `careerkit due --json` on root."""
    result = cli(root, "due", "--today", TODAY, "--json", *args, expect=expect)
    return json.loads(result.stdout), result.stderr


def titles(report):
    """The titles in the findings (the actions here are promises, which are always reported on their own)."""
    return sorted(f["title"] for f in report["findings"] if f["title"])


def cached(root, person):
    """The relative paths held in the cache file of `person` (empty when there is none)."""
    path = root / ".careerkit" / "reads" / f"{person}.json"
    if not path.exists():
        return set()
    _, _, body = path.read_bytes().partition(b"\n")
    return set(json.loads(body))


def age(*paths: Path) -> None:
    """Give files an old mtime (their ctime stays now), so that any later edit changes the mtime."""
    for path in paths:
        os.utime(path, (OLD, OLD))


def plan(title: str, ident: int = 1) -> str:
    return doc(
        "alice",
        "plan",
        "2026-01-01",
        actions=[action(ident, title, due="2026-02-01", owner="manager")],
        skills=[{"skill": "design", "resources": ["Mentor: Bob"]}],
    )


@pytest.fixture
def team(notes):
    """alice with a plan (promise 'Alpha') and a check-in (promise 'Gamma'); bob with a story."""
    return notes(
        {
            "people/alice/2026-01-01-plan.md": plan("Alpha"),
            "people/alice/2026-02-01-checkin.md": doc(
                "alice", "checkin", "2026-02-01", actions=[action(2, "Gamma", due="2026-03-01", owner="manager")]
            ),
            "people/bob/2026-01-10-story.md": doc("bob", "story", "2026-01-10"),
        }
    )


# -- a warm run ----------------------------------------------------------------------


def test_a_warm_run_parses_nothing_and_prints_the_same(cli, team, trusting, parses):
    cold, _ = due(cli, team)
    assert sorted(parses) == [
        "people/alice/2026-01-01-plan.md",
        "people/alice/2026-02-01-checkin.md",
        "people/bob/2026-01-10-story.md",
    ]
    written = (team / ".careerkit/reads/alice.json").stat()
    parses.clear()
    warm, _ = due(cli, team)
    assert parses == []
    assert warm == cold
    assert titles(warm) == ["Alpha", "Gamma"]
    again = (team / ".careerkit/reads/alice.json").stat()
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)  # nothing changed: not written


def test_only_the_changed_file_is_parsed_again(cli, team, trusting, parses):
    age(*team.glob("people/*/*.md"))
    due(cli, team)
    parses.clear()
    (team / "people/alice/2026-01-01-plan.md").write_text(plan("Alpha, and more"), encoding="utf-8")
    report, _ = due(cli, team)
    assert parses == ["people/alice/2026-01-01-plan.md"]
    assert titles(report) == ["Alpha, and more", "Gamma"]
    parses.clear()
    assert titles(due(cli, team)[0]) == ["Alpha, and more", "Gamma"]
    assert parses == []


def test_the_cache_is_not_used_with_careerkit_no_cache(cli, team, trusting, parses, monkeypatch):
    monkeypatch.setenv("CAREERKIT_NO_CACHE", "1")
    first, _ = due(cli, team)
    second, _ = due(cli, team)
    assert first == second and len(parses) == 6
    assert not (team / ".careerkit").exists()


# -- every way a file can change -------------------------------------------------------


def test_changed_content_of_the_same_size(cli, team, trusting):
    path = team / "people/alice/2026-01-01-plan.md"
    age(path)
    assert titles(due(cli, team)[0]) == ["Alpha", "Gamma"]
    path.write_text(plan("Omega"), encoding="utf-8")  # same size, new mtime
    assert titles(due(cli, team)[0]) == ["Gamma", "Omega"]


def test_a_change_within_the_same_mtime_tick_is_caught_by_the_racy_rule(cli, team, parses, monkeypatch):
    """A file changed shortly before a run is read but not cached (~2 s; a minute here, so that a slow
    machine cannot make the file old enough)."""
    assert cache.RACY_NS >= 1_000_000_000
    monkeypatch.setattr(cache, "RACY_NS", 60_000_000_000)
    path = team / "people/alice/2026-01-01-plan.md"
    before = path.stat().st_mtime_ns
    assert titles(due(cli, team)[0]) == ["Alpha", "Gamma"]
    assert "people/alice/2026-01-01-plan.md" not in cached(team, "alice")
    path.write_text(plan("Omega"), encoding="utf-8")
    os.utime(path, ns=(before, before))  # same size, same mtime: only the racy rule can tell
    parses.clear()
    assert titles(due(cli, team)[0]) == ["Gamma", "Omega"]
    assert "people/alice/2026-01-01-plan.md" in parses


def test_a_same_size_same_mtime_edit_in_place_is_caught_by_ctime(cli, team, trusting):
    path = team / "people/alice/2026-01-01-plan.md"
    age(path)
    assert titles(due(cli, team)[0]) == ["Alpha", "Gamma"]
    assert "people/alice/2026-01-01-plan.md" in cached(team, "alice")
    inode, ctime = path.stat().st_ino, path.stat().st_ctime_ns
    for _ in range(100):  # until the file system's clock has ticked: the ctime must differ
        path.write_text(plan("Omega"), encoding="utf-8")
        age(path)  # the mtime back to what was cached
        if path.stat().st_ctime_ns != ctime:
            break
        time.sleep(0.05)
    assert path.stat().st_ino == inode and path.stat().st_ctime_ns != ctime
    assert titles(due(cli, team)[0]) == ["Gamma", "Omega"]


def test_a_same_size_same_mtime_replacement_is_caught_by_the_inode(cli, team, trusting):
    path = team / "people/alice/2026-01-01-plan.md"
    age(path)
    assert titles(due(cli, team)[0]) == ["Alpha", "Gamma"]
    new = path.with_name("new.tmp")
    new.write_text(plan("Omega"), encoding="utf-8")
    age(new)
    os.replace(new, path)  # what an editor's "safe write" does
    assert titles(due(cli, team)[0]) == ["Gamma", "Omega"]


def test_an_added_file(cli, team, trusting):
    due(cli, team)
    (team / "people/alice/2026-03-01-checkin.md").write_text(
        doc("alice", "checkin", "2026-03-01", actions=[action(3, "Delta", due="2026-04-01", owner="manager")]),
        encoding="utf-8",
    )
    assert titles(due(cli, team)[0]) == ["Alpha", "Delta", "Gamma"]


def test_a_removed_file(cli, team, trusting):
    due(cli, team)
    (team / "people/alice/2026-02-01-checkin.md").unlink()
    assert titles(due(cli, team)[0]) == ["Alpha"]
    assert cached(team, "alice") == {"people/alice/2026-01-01-plan.md"}


def test_a_renamed_file(cli, team, trusting):
    due(cli, team)
    old = team / "people/alice/2026-02-01-checkin.md"
    old.rename(team / "people/alice/2026-02-02-checkin.md")
    report, _ = due(cli, team)
    assert [f["file"] for f in report["findings"] if f["title"] == "Gamma"] == ["people/alice/2026-02-02-checkin.md"]
    assert "people/alice/2026-02-01-checkin.md" not in cached(team, "alice")


def test_a_removed_person(cli, team, trusting):
    due(cli, team)
    assert (team / ".careerkit/reads/bob.json").exists()
    shutil.rmtree(team / "people/bob")
    (team / "people/alice/2026-01-01-plan.md").write_text(plan("Omega"), encoding="utf-8")  # so the cache is written
    report, _ = due(cli, team)
    assert {f["person"] for f in report["findings"]} == {"alice"}
    assert not (team / ".careerkit/reads/bob.json").exists()


def test_a_changed_setting_and_profile(cli, notes, trusting):
    root = notes(
        {
            "careerkit.yaml": "stale_after_days: 21\n",
            "people/alice/profile.md": "---\nname: Alice\ncheckin_every_days: 30\n---\n",
            "people/alice/2026-05-01-plan.md": doc(
                "alice", "plan", "2026-05-01", actions=[action(1, "Alpha")], skills=[{"skill": "x", "resources": ["y"]}]
            ),
        }
    )
    age(root / "careerkit.yaml", root / "people/alice/profile.md")

    def kinds():
        return {f["kind"] for f in due(cli, root)[0]["findings"]}

    assert kinds() == {"no-progress", "checkin-due"}  # (the quiet step is counted in no-progress)
    (root / "careerkit.yaml").write_text("stale_after_days: 99\n", encoding="utf-8")  # same size
    assert kinds() == {"checkin-due"}
    (root / "people/alice/profile.md").write_text("---\nname: Alice\ncheckin_every_days: 90\n---\n", encoding="utf-8")
    assert kinds() == set()
    (root / "people/alice/profile.md").write_text("---\nname: Alice\ncheckin_every_days: 14\n---\n", encoding="utf-8")
    assert kinds() == {"checkin-due"}
    (root / "careerkit.yaml").unlink()  # stale_after_days is now her cadence + 7: 21 days
    assert kinds() == {"checkin-due", "no-progress"}


def log_as_uncached(cli, root, monkeypatch):
    """`careerkit log alice`, through the cache; asserted to print what an uncached run prints."""
    cached = cli(root, "log", "alice").stdout
    monkeypatch.setenv("CAREERKIT_NO_CACHE", "1")
    uncached = cli(root, "log", "alice").stdout
    monkeypatch.delenv("CAREERKIT_NO_CACHE")
    assert cached == uncached
    return cached


def test_a_changed_note_template_changes_the_summary_as_an_uncached_run_does(cli, notes, trusting, monkeypatch):
    """A note's summary skips what the notes' own note template writes: its text is part of what a note reads as."""
    note = "people/alice/2026-05-02-note.md"
    root = notes(
        {
            "templates/note.md.j2": "Written on {{ date }} by the manager.\n",
            note: doc("alice", "note", "2026-05-02", body="Written on 2026-05-02 by the manager.\n\nLoves SQL.\n"),
        }
    )
    age(root / "templates/note.md.j2", root / note)

    def summaries():
        return log_as_uncached(cli, root, monkeypatch)

    assert "Loves SQL." in summaries() and "Loves SQL." in summaries()  # cold, then warm
    (root / "templates/note.md.j2").write_text("Taken down on {{ date }}.\n", encoding="utf-8")
    assert "Written on 2026-05-02 by the manager." in summaries()  # now a line of theirs
    (root / "templates/note.md.j2").unlink()
    assert "Written on 2026-05-02 by the manager." in summaries()


def test_a_templates_folder_relinked_reads_as_an_uncached_run_does(cli, notes, trusting, monkeypatch, tmp_path):
    """`templates/` a link to a folder outside the notes, then the same folder moved in: the note template's
    own stat is the same both times, but only the second is used."""
    note = "people/alice/2026-05-02-note.md"
    root = notes({note: doc("alice", "note", "2026-05-02", body="Mood: tired\nExtra line\n")})
    outside = tmp_path / "outside-templates"
    outside.mkdir()
    (outside / "note.md.j2").write_text("Mood: {{ mood }}\n", encoding="utf-8")
    (root / "templates").symlink_to(outside)
    age(outside / "note.md.j2", root / note)

    def summary():
        return log_as_uncached(cli, root, monkeypatch)

    assert "Mood: tired Extra line" in summary()  # the template outside the root is not used
    (root / "templates").unlink()
    outside.rename(root / "templates")
    assert "Mood" not in summary() and "note     Extra line  (" in summary()


def test_unreadable_files_and_bad_settings_are_reported_the_same_when_warm(cli, notes, trusting):
    root = notes(
        {
            "careerkit.yaml": "stale_after_days: soon\n",
            "people/alice/2026-01-01-plan.md": "---\nstage: plan\ndate: [\n---\n",
            "people/alice/2026-02-01-checkin.md": doc("alice", "checkin", "2026-02-01", actions=[{"id": "x"}]),
        }
    )
    cold = cli(root, "due", "--today", TODAY, "--json", expect=1)
    warm = cli(root, "due", "--today", TODAY, "--json", expect=1)
    assert (warm.stdout, warm.stderr) == (cold.stdout, cold.stderr)
    assert "careerkit.yaml:1:" in warm.stderr and "2026-01-01-plan.md:" in warm.stderr
    assert "people/alice/2026-02-01-checkin.md" in cached(root, "alice")


def test_naming_people_reads_and_keeps_only_theirs(cli, team, trusting, parses):
    due(cli, team)
    (team / "people/bob/2026-01-10-story.md").unlink()
    parses.clear()
    due(cli, team, "alice")
    assert parses == []
    assert cached(team, "bob") == {"people/bob/2026-01-10-story.md"}  # only read in a run that lists bob's files


def test_a_change_of_code_invalidates_the_cache(cli, team, trusting, parses, monkeypatch):
    due(cli, team)
    monkeypatch.setattr(store, "_FINGERPRINT", ["careerkit 9.9 format 1 code 00000000"])
    parses.clear()
    due(cli, team)
    assert len(parses) == 3
    parses.clear()
    due(cli, team)
    assert parses == []


def test_the_fingerprint_changes_with_the_fields_of_the_cached_classes(monkeypatch):
    names = {cls.__name__ for cls in store.CACHED_CLASSES}
    assert {"Document", "Action", "Dream", "DreamSkill", "PlanSkill", "Problem"} <= names
    monkeypatch.setattr(store, "_FINGERPRINT", [])
    before = store.fingerprint()

    class Problem(Record):  # the same record with one field more
        path: str
        line: int | None
        code: str
        message: str
        severity: str = "error"
        check_only: bool = False
        hint: str = ""

    swapped = tuple(Problem if cls.__name__ == "Problem" else cls for cls in store.CACHED_CLASSES)
    monkeypatch.setattr(store, "CACHED_CLASSES", swapped)
    monkeypatch.setattr(store, "_FINGERPRINT", [])
    assert store.fingerprint() != before


# -- a broken cache is ignored ----------------------------------------------------------


def corrupt_with(kind: str, path: Path) -> None:
    if kind == "garbage":
        path.write_bytes(b"\x00\xff not json at all")
    elif kind == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif kind == "wrong version":
        header, _, body = path.read_bytes().partition(b"\n")
        meta = json.loads(header)
        meta["format"] = 999
        path.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    elif kind == "edited entries":
        path.write_bytes(path.read_bytes().replace(b"Alpha", b"Zzzzz"))
    elif kind == "wrong shapes":  # a valid file whose entries do not decode
        header, _, _ = path.read_bytes().partition(b"\n")
        st = (path.parents[2] / "people/alice/2026-01-01-plan.md").stat()
        key = [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]
        body = json.dumps(
            {
                "people/alice/2026-01-01-plan.md": [*key, [["not", "a document"], []]],
                "people/alice/2026-02-01-checkin.md": "x",
            }
        ).encode()
        meta = json.loads(header)
        meta["crc32"] = zlib.crc32(body)
        path.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "directory":
        path.unlink()
        path.mkdir()
    else:
        raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind", ["garbage", "truncated", "wrong version", "edited entries", "wrong shapes", "empty", "directory"]
)
def test_a_broken_cache_file_is_ignored_and_rebuilt(cli, team, trusting, parses, kind):
    expected = cli(team, "due", "--today", TODAY, "--json")
    corrupt_with(kind, team / ".careerkit/reads/alice.json")
    corrupt_with(kind if kind != "wrong shapes" else "garbage", team / ".careerkit/reads/_people.json")
    parses.clear()
    result = cli(team, "due", "--today", TODAY, "--json")
    assert (result.stdout, result.stderr) == (expected.stdout, expected.stderr)
    assert sorted(parses) == ["people/alice/2026-01-01-plan.md", "people/alice/2026-02-01-checkin.md"]
    if kind != "directory":
        parses.clear()
        cli(team, "due", "--today", TODAY, "--json")
        assert parses == []  # rebuilt


@pytest.mark.parametrize("kind", ["pipe", "link out", "link to a device"])
def test_a_cache_file_that_is_not_a_regular_file_is_never_read(cli, team, trusting, tmp_path, kind):
    """A pipe would block every command; a link could lead a read out of the notes, or to a device that
    never ends: each is passed over, and the cache rebuilt in its place."""
    due(cli, team)
    people = team / ".careerkit/reads/_people.json"
    people.unlink()
    if kind == "pipe":
        os.mkfifo(people)
    else:
        outside = tmp_path / "elsewhere.json"
        outside.write_text("{}", encoding="utf-8")
        people.symlink_to(outside if kind == "link out" else Path("/dev/zero"))
    report, _ = due(cli, team)
    assert titles(report) == ["Alpha", "Gamma"]
    assert people.is_file() and not people.is_symlink()


def test_a_deleted_cache_folder_is_rebuilt(cli, team, trusting, parses):
    first, _ = due(cli, team)
    shutil.rmtree(team / ".careerkit")
    parses.clear()
    assert due(cli, team)[0] == first and len(parses) == 3
    assert (team / ".careerkit/reads/alice.json").exists()


def test_a_read_only_cache_folder_is_used_and_never_an_error(cli, team, trusting, monkeypatch):
    expected = cli(team, "due", "--today", TODAY, "--json")
    (team / "people/alice/2026-01-01-plan.md").write_text(plan("Omega"), encoding="utf-8")
    folder = team / ".careerkit"
    for path in (folder / "reads", folder):
        path.chmod(0o500)
    try:

        def refuse(path, data):
            raise PermissionError(13, "Permission denied")  # what a non-root user meets

        monkeypatch.setattr(store, "_write_atomic", refuse)
        result = cli(team, "due", "--today", TODAY, "--json")
    finally:
        for path in (folder, folder / "reads"):
            path.chmod(0o700)
    assert result.stderr == expected.stderr == ""
    assert titles(json.loads(result.stdout)) == ["Gamma", "Omega"]


def test_read_only_notes_work_without_a_cache(cli, team, trusting, monkeypatch):
    def refuse(folder):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store, "make_cache_dir", refuse)
    report, stderr = due(cli, team)
    assert titles(report) == ["Alpha", "Gamma"] and stderr == ""
    assert not (team / ".careerkit").exists()


@pytest.mark.parametrize("kind", ["file", "link"])
def test_something_else_in_the_cache_folders_place_is_left_alone(cli, team, trusting, tmp_path, kind):
    outside = tmp_path / "outside"
    outside.mkdir()
    if kind == "file":
        (team / ".careerkit").write_text("mine\n", encoding="utf-8")
    else:
        (team / ".careerkit").symlink_to(outside, target_is_directory=True)
    report, stderr = due(cli, team)
    assert titles(report) == ["Alpha", "Gamma"] and stderr == ""
    assert list(outside.iterdir()) == []
    if kind == "file":
        assert (team / ".careerkit").read_text(encoding="utf-8") == "mine\n"


# -- kept private, never committed ------------------------------------------------------


def test_the_cache_is_private_and_ignored_by_git(cli, team, trusting):
    due(cli, team)
    folder = team / ".careerkit"
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "reads").stat().st_mode) == 0o700
    for path in (folder / "reads").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    run = {"cwd": team, "capture_output": True, "text": True, "check": True}
    subprocess.run([git, "init", "-q"], **run)
    listed = subprocess.run([git, "status", "--porcelain", "--untracked-files=all"], **run).stdout
    assert "people/alice/2026-01-01-plan.md" in listed and ".careerkit" not in listed


def test_a_warm_run_imports_no_yaml_or_jinja(team):
    code = (
        "import sys, careerkit.cache.reads as c\nc.RACY_NS = 0\n"
        f"sys.argv = ['careerkit', '--root', {str(team)!r}, 'due', '--today', {TODAY!r}]\n"
        "from careerkit.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('HEAVY', [m for m in ('yaml', 'jinja2', 'frontmatter') if m in sys.modules])\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "CAREERKIT_NO_CACHE"}
    cold = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert cold.stdout.strip().splitlines()[-1] == "HEAVY ['yaml']"
    assert warm.stdout.strip().splitlines()[-1] == "HEAVY []"


# -- many files: read in several processes ------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parallel reading is used on Linux only")
def test_reading_in_several_processes_gives_the_same_answer(cli, notes, trusting, monkeypatch):
    files = {
        f"people/p{n}/2026-0{m}-01-checkin.md": doc(
            f"p{n}", "checkin", f"2026-0{m}-01", actions=[action(m, f"Task {n}.{m}", due="2026-05-01")]
        )
        for n in range(4)
        for m in range(1, 7)
    }
    files["people/p1/2026-07-01-note.md"] = "---\ndate: [\n---\n"
    root = notes(files)
    monkeypatch.setenv("CAREERKIT_NO_CACHE", "1")
    expected = cli(root, "due", "--today", TODAY, "--json", expect=1)
    monkeypatch.delenv("CAREERKIT_NO_CACHE")
    monkeypatch.setattr(parallel_reading, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(parallel_reading, "PER_WORKER_FILES", 1)
    monkeypatch.setattr(parallel_reading, "_workers", lambda files: 3)
    parallel = cli(root, "due", "--today", TODAY, "--json", expect=1)
    warm = cli(root, "due", "--today", TODAY, "--json", expect=1)
    assert (parallel.stdout, parallel.stderr) == (expected.stdout, expected.stderr) == (warm.stdout, warm.stderr)
    assert len(cached(root, "p3")) == 6


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parallel reading is used on Linux only")
def test_a_failing_worker_leaves_its_share_to_this_process(cli, team, trusting, monkeypatch):
    expected = cli(team, "due", "--today", TODAY, "--json")
    shutil.rmtree(team / ".careerkit")
    parent = os.getpid()
    real = codec.dumps

    def dumps_failing_in_a_child(value):
        if os.getpid() != parent:
            raise RuntimeError("a worker dies")
        return real(value)

    monkeypatch.setattr(codec, "dumps", dumps_failing_in_a_child)
    monkeypatch.setattr(parallel_reading, "_workers", lambda files: 2)
    result = cli(team, "due", "--today", TODAY, "--json")
    assert (result.stdout, result.stderr) == (expected.stdout, expected.stderr)


def test_a_file_that_could_not_be_read_is_read_again_next_time(cli, team, trusting, monkeypatch):
    """An I/O error, too many open files, a file a sync tool had not fetched: not kept as the file's answer."""
    real = documents.read_bytes
    plan_path = team / "people/alice/2026-01-01-plan.md"

    def failing_once(path):
        if Path(path) == plan_path and not failing_once.failed:
            failing_once.failed = True
            raise OSError(5, "Input/output error")
        return real(path)

    failing_once.failed = False
    monkeypatch.setattr(documents, "read_bytes", failing_once)
    first, stderr = due(cli, team, expect=1)
    assert stderr == "people/alice/2026-01-01-plan.md:1: cannot read file: input/output error\n"
    assert titles(first) == ["Gamma"]
    again, stderr = due(cli, team)
    assert (titles(again), stderr) == (["Alpha", "Gamma"], "")


def test_a_change_of_pyyaml_invalidates_the_cache(cli, team, trusting, parses, monkeypatch):
    due(cli, team)
    monkeypatch.setattr(store, "_FINGERPRINT", [])
    monkeypatch.setattr(store, "_pyyaml_files", lambda: "pyyaml 1 2 _yaml.other.so")
    parses.clear()
    due(cli, team)
    assert len(parses) == 3


# -- check through the cache -------------------------------------------------------------


def check_run(cli, root, *args, cached=True, monkeypatch=None):
    """(exit code, stdout, stderr) of `careerkit check --json` on root, through the cache or without it."""
    if not cached:
        os.environ["CAREERKIT_NO_CACHE"] = "1"
    try:
        result = cli(root, "check", "--json", *args, expect=None)
    finally:
        os.environ.pop("CAREERKIT_NO_CACHE", None)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def messy(notes):
    """Files with something for every part of `check` to say: YAML surprises, a duplicate key, ids used twice."""
    return notes(
        {
            "careerkit.yaml": "stale_after_days: 021\ncheckin_every_dayz: 30\n",
            "people/alice/profile.md": "---\nname: Alice\nrole: no\n---\n",
            "people/alice/2026-01-01-plan.md": plan("Alpha"),
            "people/alice/2026-02-01-checkin.md": "---\nstage: checkin\ndate: 2026-02-01\ntime: 12:30\n"
            "actions:\n  - id: 1\n    title: Again\n    owner: on\n---\n",
            "people/alice/2026-03-01-note.md": "---\nstage: note\nstage: note\ndate: 2026-03-01\n---\nA note.\n",
            "people/bob/2026-01-10-story.md": doc("bob", "story", "2026-01-10"),
        }
    )


def test_a_warm_check_parses_nothing_and_says_the_same(cli, messy, trusting, parses):
    uncached = check_run(cli, messy, cached=False)
    assert uncached[0] == 1 and "duplicate action id 1" in uncached[1] and "base 60" in uncached[1]
    parses.clear()
    assert check_run(cli, messy) == uncached
    assert len(parses) == 4
    parses.clear()
    assert check_run(cli, messy) == uncached
    assert parses == []
    before = (messy / ".careerkit/reads/_checks.json").stat()
    check_run(cli, messy)
    after = (messy / ".careerkit/reads/_checks.json").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # nothing changed: not written


def test_check_parses_again_only_the_file_that_changed(cli, messy, trusting, parses):
    age(*messy.glob("people/*/*.md"))
    check_run(cli, messy)
    path = messy / "people/alice/2026-03-01-note.md"
    path.write_text("---\nstage: note\ndate: 2026-03-01\nsummary: yes\n---\nA note.\n", encoding="utf-8")
    parses.clear()
    cached = check_run(cli, messy)
    assert parses == ["people/alice/2026-03-01-note.md"]
    assert cached == check_run(cli, messy, cached=False)
    found = {(p["file"], p["line"]) for p in json.loads(cached[1])}
    assert ("people/alice/2026-03-01-note.md", 4) in found and "duplicate key" not in cached[1]


def test_what_check_found_outlives_a_due_run(cli, messy, trusting, parses):
    """`due` keeps what `check` found in the files it did not need to parse again."""
    age(*messy.glob("people/*/*.md"))
    check_run(cli, messy)
    (messy / "people/alice/2026-01-01-plan.md").write_text(plan("Alpha, and more"), encoding="utf-8")
    due(cli, messy, expect=1)
    parses.clear()
    cached = check_run(cli, messy)
    assert parses == ["people/alice/2026-01-01-plan.md"]  # due had parsed it, but not looked for what check finds
    assert cached == check_run(cli, messy, cached=False)


def test_check_of_some_paths_through_the_cache(cli, messy, trusting):
    check_run(cli, messy)
    for args in (
        ["people/alice/2026-02-01-checkin.md"],
        ["people/alice/2026-01-01-plan.md"],
        ["people/bob"],
        ["careerkit.yaml"],
        ["people/alice/profile.md", "people/bob/2026-01-10-story.md"],
    ):
        assert check_run(cli, messy, *args) == check_run(cli, messy, *args, cached=False), args


def test_a_changed_setting_is_part_of_what_check_keeps(cli, messy, trusting, parses):
    check_run(cli, messy)
    (messy / "careerkit.yaml").write_text("stale_after_days: 22\n", encoding="utf-8")
    parses.clear()
    cached = check_run(cli, messy)
    assert len(parses) == 4  # a rule may read a setting: none of what was found before is used
    assert cached == check_run(cli, messy, cached=False)


# -- where links lead ----------------------------------------------------------------------


def linked_notes(notes, absolute: bool) -> Path:
    """careerkit.yaml and alice's profile are links to files in `shared/` inside the root."""
    root = notes(
        {
            "shared/settings.yaml": "checkin_every_days: 7\n",
            "shared/alice.md": "---\nname: Alice Linked\ncheckin_every_days: 3\nrole: no\n---\n",
            "people/alice/2026-05-01-plan.md": doc(
                "alice", "plan", "2026-05-01", actions=[action(1, "Alpha")], skills=[{"skill": "x", "resources": ["y"]}]
            ),
        }
    )
    (root / "careerkit.yaml").unlink()
    base = f"{root}/shared" if absolute else "../../shared"
    (root / "careerkit.yaml").symlink_to(f"{root}/shared/settings.yaml" if absolute else "shared/settings.yaml")
    (root / "people/alice/profile.md").symlink_to(f"{base}/alice.md")
    return root


def same_cached_and_uncached(cli, root) -> str:
    """Run due and check through the cache and without it; they must agree. The uncached check's output."""
    for command in (["due", "--today", TODAY, "--json"], ["check", "--json"], ["status"]):
        cached = cli(root, *command, expect=None)
        os.environ["CAREERKIT_NO_CACHE"] = "1"
        try:
            fresh = cli(root, *command, expect=None)
        finally:
            os.environ.pop("CAREERKIT_NO_CACHE", None)
        assert (cached.exit_code, cached.stdout, cached.stderr) == (fresh.exit_code, fresh.stdout, fresh.stderr), (
            command
        )
    return fresh.stdout + fresh.stderr


def test_a_copy_of_the_notes_with_absolute_links(cli, notes, trusting, tmp_path):
    """`cp -a`: the copy's links still lead to the original's files, which are outside the copy's root."""
    root = linked_notes(notes, absolute=True)
    before = same_cached_and_uncached(cli, root)
    assert "link to outside" not in before and "Alice Linked" in cli(root, "status", expect=1).stdout
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-a", str(root), str(copy)], check=True)
    assert (copy / ".careerkit/reads/_settings.json").exists()
    after = same_cached_and_uncached(cli, copy)
    assert "careerkit.yaml:1: link to outside the notes root; not read, defaults used" in after
    assert "people/alice/profile.md:1: link to outside the notes root" in after
    assert "Alice Linked" not in cli(copy, "status", expect=1).stdout


@pytest.mark.parametrize("absolute", [True, False])
def test_the_folder_a_link_leads_to_is_moved_out_of_the_root(cli, notes, trusting, tmp_path, absolute):
    """`shared/` is moved elsewhere and a link left in its place: the same files, now outside the root."""
    root = linked_notes(notes, absolute)
    assert "link to outside" not in same_cached_and_uncached(cli, root)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "shared").rename(elsewhere / "shared")
    (root / "shared").symlink_to(elsewhere / "shared", target_is_directory=True)
    after = same_cached_and_uncached(cli, root)
    assert "careerkit.yaml:1: link to outside the notes root" in after
    assert "people/alice/profile.md:1: link to outside the notes root" in after


def test_a_person_folder_that_becomes_a_link_to_outside(cli, notes, trusting, tmp_path):
    root = notes({"people/alice/2026-05-01-plan.md": plan("Alpha"), "people/alice/profile.md": "---\nname: A\n---\n"})
    same_cached_and_uncached(cli, root)
    outside = tmp_path / "outside"
    (root / "people/alice").rename(outside)
    (root / "people/alice").symlink_to(outside, target_is_directory=True)
    assert "folder is a link to outside the notes root" in same_cached_and_uncached(cli, root)


# -- the code's fingerprint ------------------------------------------------------------------


def run_installed(site: Path, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """careerkit from the copy of its package in `site`, caching every file (no racy window)."""
    code = (
        "import sys, careerkit.cache.reads as c, careerkit.cache.store as s\nc.RACY_NS = s.CODE_RACY_NS = 0\n"
        f"sys.argv = ['careerkit', '--root', {str(root)!r}, *{list(args)!r}]\n"
        "from careerkit.cli import main\nmain()\n"
    )
    env = {key: value for key, value in os.environ.items() if key not in ("CAREERKIT_NO_CACHE", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def install(tmp_path: Path, name: str) -> Path:
    site = tmp_path / name
    shutil.copytree(Path(cache.__file__).parents[1], site / "careerkit", ignore=shutil.ignore_patterns("__pycache__"))
    return site


def unreadable_team(notes) -> Path:
    return notes(
        {"people/alice/misc.md": "---\ndate: 2026-01-01\n---\n", "people/alice/2026-02-01-plan.md": plan("Alpha")}
    )


def test_two_installs_of_the_same_code_share_a_cache(notes, tmp_path):
    root = unreadable_team(notes)
    first, second = install(tmp_path, "one"), install(tmp_path, "two")
    for package in ("one", "two"):  # a different time and inode for every module: only the text is the same
        for module in (tmp_path / package / "careerkit").rglob("*.py"):
            os.utime(module, ns=(OLD * 10**9, (OLD + hash(package) % 1000) * 10**9))
    cold = run_installed(first, root, "check")
    written = {path.name: path.stat().st_mtime_ns for path in (root / ".careerkit/reads").iterdir()}
    warm = run_installed(second, root, "check")
    assert (warm.stdout, warm.stderr, warm.returncode) == (cold.stdout, cold.stderr, cold.returncode)
    assert {path.name: path.stat().st_mtime_ns for path in (root / ".careerkit/reads").iterdir()} == written


def test_an_upgrade_that_keeps_the_version_sizes_and_times_is_seen(notes, tmp_path):
    """An installer that normalises file times: a new reader with the same version, sizes and mtimes."""
    root = unreadable_team(notes)
    site = install(tmp_path, "site")
    assert "no stage: add `stage:`" in run_installed(site, root, "check").stdout
    module = site / "careerkit/reading/documents.py"
    st = module.stat()
    text = module.read_text(encoding="utf-8")
    assert "no stage: add `stage:`" in text
    module.write_text(text.replace("no stage: add `stage:`", "no stage: set `stage:`"), encoding="utf-8")
    os.utime(module, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert module.stat().st_size == st.st_size and module.stat().st_mtime_ns == st.st_mtime_ns
    for command in (["check"], ["due", "--today", TODAY]):
        cached = run_installed(site, root, *command)
        assert "no stage: set `stage:`" in cached.stdout + cached.stderr, command


def test_a_change_to_any_module_of_any_wing_makes_a_new_cache(tmp_path):
    """The fingerprint covers every module of the installed package, found by walking its folders: after a
    module moves, or a new one is added to a wing, no list kept by hand can leave it out."""
    package = tmp_path / "careerkit"
    shutil.copytree(Path(cache.__file__).parents[1], package, ignore=shutil.ignore_patterns("__pycache__"))
    before = store.code_checksum(str(package))
    modules = sorted(package.rglob("*.py"))
    assert {module.relative_to(package).parts[0] for module in modules} >= set(WINGS)
    for module in modules:
        text = module.read_bytes()
        module.write_bytes(text[:-1] + (b"#" if text[-1:] != b"#" else b" "))  # one byte, same size
        assert store.code_checksum(str(package)) != before, module
        module.write_bytes(text)
    assert store.code_checksum(str(package)) == before
    (package / "rules" / "another.py").write_text("KIND = 'x'\n", encoding="utf-8")
    assert store.code_checksum(str(package)) != before


def test_a_warm_run_reads_no_module_when_their_stat_is_unchanged(cli, team, trusting, parses, monkeypatch):
    """The code's text is summed when a cache file is written; a later run whose modules have the same
    path, size, times and inode as that run saw trusts that sum instead of reading them again."""
    monkeypatch.setattr(store, "CODE_RACY_NS", 0)
    monkeypatch.setattr(store, "_CODE", {})
    expected = due(cli, team)
    monkeypatch.setattr(store, "_CODE", {})  # the next run
    monkeypatch.setattr(store, "code_checksum", lambda package: pytest.fail("read the code's text"))
    parses.clear()
    assert due(cli, team) == expected
    assert parses == []


def test_modules_changed_too_recently_are_always_read(cli, team, trusting, parses, monkeypatch):
    """Within the racy window, a module's stat could stay the same through a change: its text decides."""
    monkeypatch.setattr(store, "CODE_RACY_NS", 10**18)
    monkeypatch.setattr(store, "_CODE", {})
    due(cli, team)
    monkeypatch.setattr(store, "_CODE", {})
    summed: list[str] = []
    real = store.code_checksum
    monkeypatch.setattr(store, "code_checksum", lambda package: summed.append(package) or real(package))
    parses.clear()
    due(cli, team)
    assert parses == [] and len(summed) == 1


def test_code_moved_between_modules_makes_a_new_cache(tmp_path):
    package = tmp_path / "careerkit"
    (package / "views").mkdir(parents=True)
    (package / "views" / "a.py").write_text("A = 1\nB = 2\n", encoding="utf-8")
    (package / "views" / "b.py").write_text("", encoding="utf-8")
    before = store.code_checksum(str(package))
    (package / "views" / "a.py").write_text("A = 1\n", encoding="utf-8")
    (package / "views" / "b.py").write_text("B = 2\n", encoding="utf-8")
    assert store.code_checksum(str(package)) != before


def test_a_cached_value_of_the_wrong_type_is_read_again(cli, notes, trusting):
    """A cache file with a valid checksum, but `"30"` where a number belongs (another version, a hand edit)."""
    root = notes({"careerkit.yaml": "checkin_every_days: 30\n", "people/alice/2026-05-01-plan.md": plan("Alpha")})
    expected, _ = due(cli, root)
    for name, old, new in (
        ("_settings.json", b"[[30,", b'[["30",'),
        ("_people.json", b'"Alpha"', b"7"),
        ("alice.json", b'"Alpha"', b"false"),
    ):
        path = root / ".careerkit/reads" / name
        header, _, body = path.read_bytes().partition(b"\n")
        assert old in body, name
        body = body.replace(old, new)
        meta = json.loads(header)
        meta["crc32"] = zlib.crc32(body)
        path.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    assert due(cli, root) == (expected, "")


@pytest.mark.parametrize("kind", ["folder", "broken link", "pipe"])
def test_a_profile_that_is_not_a_file_and_then_is_gone(cli, notes, trusting, kind):
    root = notes({"people/alice/2026-05-01-plan.md": plan("Alpha")})
    profile = root / "people/alice/profile.md"
    if kind == "folder":
        profile.mkdir()
    elif kind == "broken link":
        profile.symlink_to("nowhere.md")
    else:
        os.mkfifo(profile)
    first = same_cached_and_uncached(cli, root)
    if kind == "folder":
        profile.rmdir()
    else:
        profile.unlink()
    assert same_cached_and_uncached(cli, root) != first or kind == "folder"


def test_check_on_read_only_notes_works_without_a_cache(cli, messy, trusting, monkeypatch):
    expected = check_run(cli, messy, cached=False)

    def refuse(folder):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store, "make_cache_dir", refuse)
    assert check_run(cli, messy) == expected == check_run(cli, messy)
    assert not (messy / ".careerkit").exists()
