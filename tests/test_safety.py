"""Safe when busy and when shared: no lost edit, no code run from a notes repository, nothing leaked.

Parallel runs are real processes started at once; a killed run is a real
`kill -9`. Templates are written as a hostile repository would write them.
(The hostile files that every command reads are in test_bad_files.py.)
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
import yaml

from careerkit.cache import reads as cache
from careerkit.fs import locks
from careerkit.fs import safe as fsutil
from careerkit.templating import templates
from helpers import action, doc

TODAY = "2026-06-01"
PLAN = "people/alice/2026-05-01-plan.md"
MARKER = "SECRET-NOTE-TEXT"
GIT = shutil.which("git")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def plan(*actions: dict) -> str:
    return doc("alice", "plan", "2026-05-01", skills=[{"skill": "hiring", "resources": ["Bob"]}], actions=list(actions))


def actions_in(root: Path, rel: str = PLAN) -> list[dict]:
    text = (root / rel).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])["actions"]


def everything(root: Path) -> dict[str, bytes]:
    """Every file outside .careerkit/ (where the cache and the locks live), by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and ".careerkit" not in p.parts
    }


def run_careerkit(root: Path, *args: str) -> subprocess.Popen[str]:
    env = {key: value for key, value in os.environ.items() if key != "CAREERKIT_ROOT"}
    return subprocess.Popen(
        [sys.executable, "-m", "careerkit", "--root", str(root), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def all_at_once(root: Path, commands: list[list[str]]) -> list[tuple[int, str, str]]:
    running = [run_careerkit(root, *command) for command in commands]
    return [(p.wait(timeout=300), *p.communicate()) for p in running]


# -- 1. one writer at a time ------------------------------------------------------------------------


def test_twenty_parallel_action_adds_keep_all_twenty_with_unique_ids(notes):
    root = notes({PLAN: plan(action(1), action(2))})
    results = all_at_once(root, [["action", "add", "alice", f"Step {n}"] for n in range(20)])
    assert [code for code, _, _ in results] == [0] * 20, [err for _, _, err in results]
    kept = actions_in(root)
    assert sorted(a["title"] for a in kept[2:]) == sorted(f"Step {n}" for n in range(20))
    assert sorted(a["id"] for a in kept) == list(range(1, 23))  # every id once
    printed = sorted(int(out.split()[1]) for _, out, _ in results)
    assert printed == list(range(3, 23))


def test_twenty_parallel_done_and_touch_are_all_kept(notes):
    root = notes({PLAN: plan(*[action(n, status="open", updated="2026-05-01") for n in range(1, 21)])})
    commands = [["action", "done" if n % 2 else "touch", "alice", str(n), "--today", TODAY] for n in range(1, 21)]
    results = all_at_once(root, commands)
    assert [code for code, _, _ in results] == [0] * 20, [err for _, _, err in results]
    by_id = {a["id"]: a for a in actions_in(root)}
    for n in range(1, 21):
        if n % 2:
            assert (by_id[n]["status"], str(by_id[n]["closed"])) == ("done", TODAY), by_id[n]
        else:
            assert (by_id[n]["status"], str(by_id[n]["updated"])) == ("open", TODAY), by_id[n]


HOLD_LOCK = """
import os, sys, time
from pathlib import Path
from careerkit.fs.locks import person_lock
with person_lock(Path(sys.argv[1]), "alice"):
    print("locked", flush=True)
    time.sleep(300)
"""


@pytest.fixture
def lock_holder(notes):
    """A notes root, and a separate process that holds alice's lock until it is killed."""
    root = notes({PLAN: plan(action(1))})
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(root)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    yield root, holder
    holder.kill()
    holder.wait()


def test_an_edit_waits_for_the_lock_and_gives_up_with_nothing_written(cli, lock_holder, monkeypatch):
    root, _ = lock_holder
    monkeypatch.setattr(locks, "WAIT_SECONDS", 0.2)
    before = everything(root)
    for args in (("action", "add", "alice", "New"), ("action", "done", "alice", "1"), ("new", "note", "alice")):
        result = cli(root, *args, expect=1)
        assert result.stderr.startswith("people/alice: another careerkit run has been changing"), args
    assert everything(root) == before


def test_a_lock_left_by_a_killed_process_never_blocks(cli, lock_holder, monkeypatch):
    root, holder = lock_holder
    monkeypatch.setattr(locks, "WAIT_SECONDS", 5.0)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    cli(root, "action", "add", "alice", "After the crash")
    assert [a["title"] for a in actions_in(root)] == ["Action 1", "After the crash"]
    assert (root / ".careerkit/locks/alice.lock").exists()  # the empty lock file stays: removing it would race
    assert (root / ".careerkit/.gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_git_sees_no_lock_and_no_cache(cli, notes):
    root = notes({PLAN: plan(action(1))})
    cli(root, "action", "add", "alice", "New")
    subprocess.run([GIT, "init", "-q"], cwd=root, check=True)
    listed = subprocess.run(
        [GIT, "status", "--porcelain", "--untracked-files=all"], cwd=root, check=True, capture_output=True, text=True
    ).stdout
    assert ".careerkit" not in listed and "people/alice/2026-05-01-plan.md" in listed


# -- 2, 3. templates: a sandbox with limits, read only from the notes or the package -----------------


@pytest.fixture
def quick_templates(monkeypatch):
    monkeypatch.setattr(templates, "MAX_SECONDS", 0.5)


HOSTILE_TEMPLATES = [
    ("{{ cycler.__init__.__globals__.os.system('touch RAN') }}", 1, "template does something careerkit does not"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", 1, "template does something careerkit does not allow"),
    ("{% set x = [] %}{{ x.append(1) }}", 1, "template does something careerkit does not allow"),
    ("{{ self.__init__ }}", 1, "template does something careerkit does not allow"),
    ("Hello\n{% for i in range(10**10) %}x{% endfor %}", 2, "template error: Range too big"),
    ("{{ 'x' * 10**10 }}", 1, "template builds a value of more than 1,000,000 characters"),
    ("{{ [1] * 10**10 }}", 1, "template builds a value of more than 1,000,000 characters"),
    ("{{ 10 ** (10 ** 10) }}", 1, "template computes a number too large to write"),
    (
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
        1,
        "template took longer than 0.5 seconds",
    ),
    ("a\nb\n{{ 'x'|center(10**7) }}", 3, "template writes more than 1,000,000 characters"),
    (
        "a\nb\n{% for i in range(99999) %}{{ 'xxxxxxxxxxxxxxxxxxxx' }}{% endfor %}",
        3,
        "template writes more than 1,000,000 characters",
    ),
    ("ok\n{{ 1 / 0 }}", 2, "template error: division by zero"),
    ("ok\n{% include 'note.md.j2' %}", 2, "template calls or includes itself without end"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", 1, "template calls or includes itself without end"),
    ("Hello\n\n{{ persn }}", 3, "template uses an unknown variable ('persn' is undefined)"),
    ("Hello\n{% if %}", 2, "template error: Expected an expression"),
    ("Hello\n{% include 'missing.md.j2' %}", 2, "template includes 'missing.md.j2', which is not in templates/"),
    (b"Hello\n\xff\xfe\n", 2, "template is not UTF-8 text"),
]


@pytest.mark.usefixtures("quick_templates")
@pytest.mark.parametrize(
    ("template", "line", "message"), HOSTILE_TEMPLATES, ids=[f"case{n}" for n in range(len(HOSTILE_TEMPLATES))]
)
def test_a_hostile_or_broken_template_is_one_line_and_writes_nothing(cli, notes, template, line, message):
    root = notes({"templates/note.md.j2": template})
    before = everything(root)
    result = cli(root, "new", "note", "Zoe Newcomer", "--name", "Zoe Newcomer", expect=1)
    assert result.stderr.startswith(f"templates/note.md.j2:{line}: {message}"), result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert everything(root) == before and not (root / "people").exists()  # no document, profile or folder
    assert not (root / "RAN").exists() and not Path("RAN").exists()


def test_a_template_that_builds_gigabytes_is_stopped(cli, notes):
    template = "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
    root = notes({"templates/note.md.j2": template, PLAN: plan()})
    result = cli(root, "new", "note", "alice", expect=1)
    assert result.stderr.startswith("templates/note.md.j2:1: template "), result.stderr
    assert any(what in result.stderr for what in ("memory", "took longer"))
    assert not list((root / "people/alice").glob("*-note.md"))


def test_a_template_can_still_do_what_templates_are_for(cli, notes):
    root = notes(
        {
            "templates/note.md.j2": "# {{ name|upper }}\n{% include 'part.md.j2' %}{% for i in range(3) %}{{ i }}"
            "{% endfor %}\n{{ 'ab' * 3 }} {{ date }}\n",
            "templates/part.md.j2": "{% set ns = namespace(n=0) %}{% set ns.n = 2 ** 10 %}{{ ns.n }}\n",
        }
    )
    cli(root, "new", "note", "Zoe", "--name", "Zoë O'Brien", "--date", "2026-01-02")
    body = (root / "people/zoe/2026-01-02-note.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == "\n# ZOË O'BRIEN\n1024\n012\nababab 2026-01-02\n"


@pytest.mark.parametrize("how", ["file", "folder"])
def test_a_template_that_links_outside_the_root_is_refused(cli, notes, tmp_path, how):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "id_rsa").write_text(f"-----BEGIN KEY----- {MARKER}\n", encoding="utf-8")
    root = notes({PLAN: plan()})
    if how == "file":
        (root / "templates").mkdir()
        (root / "templates/note.md.j2").symlink_to(outside / "id_rsa")
    else:
        shutil.copy(outside / "id_rsa", outside / "note.md.j2")
        (root / "templates").symlink_to(outside, target_is_directory=True)
    before = everything(root)
    result = cli(root, "new", "note", "alice", expect=1)
    assert result.stderr == "templates/note.md.j2:1: link to outside the notes root; not used\n"
    assert everything(root) == before
    assert MARKER not in result.stdout + result.stderr
    if how == "folder":
        result = cli(root, "templates", "copy", "plan", expect=1)
        assert result.stderr == "templates: is a link to outside the notes root; nothing written\n"
        assert sorted(p.name for p in outside.iterdir()) == ["id_rsa", "note.md.j2"]


def test_a_template_link_inside_templates_is_used_and_one_to_elsewhere_in_the_notes_is_not(cli, notes):
    root = notes(
        {
            "templates/shared/note.j2": "Shared body for {{ name }}.\n",
            "shared/note.j2": f"{MARKER}\n",
            "people/alice/.keep": "",
        }
    )
    (root / "templates/note.md.j2").symlink_to(Path("shared/note.j2"))
    cli(root, "new", "note", "alice", "--date", "2026-01-02")
    assert (root / "people/alice/2026-01-02-note.md").read_text(encoding="utf-8").endswith("Shared body for alice.\n")
    (root / "templates/note.md.j2").unlink()
    (root / "templates/note.md.j2").symlink_to(Path("../shared/note.j2"))
    result = cli(root, "new", "note", "alice", "--date", "2026-01-03", expect=1)
    assert result.stderr == "templates/note.md.j2:1: link to outside templates/; not used\n"
    assert not (root / "people/alice/2026-01-03-note.md").exists()


def test_a_template_that_is_a_pipe_is_refused_without_waiting(cli, notes):
    root = notes({"people/alice/.keep": ""})
    (root / "templates").mkdir()
    os.mkfifo(root / "templates/note.md.j2")
    result = cli(root, "new", "note", "alice", expect=1)
    assert result.stderr == "templates/note.md.j2:1: is not a regular file; not used\n"


# -- 4. init: .git owner-only ---------------------------------------------------------------------


@pytest.fixture
def open_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def others_can_read(folder: Path) -> list[str]:
    return [
        p.relative_to(folder).as_posix()
        for p in [folder, *folder.rglob("*")]
        if not p.is_symlink() and stat.S_IMODE(p.stat().st_mode) & 0o077
    ]


def commit_all(root: Path) -> None:
    config = ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run([GIT, "add", "-A"], cwd=root, check=True, capture_output=True)
    subprocess.run([GIT, *config, "commit", "-q", "-m", "notes"], cwd=root, check=True, capture_output=True)


@pytest.mark.skipif(GIT is None, reason="git is not installed")
@pytest.mark.usefixtures("open_umask")
@pytest.mark.parametrize("git_first", [False, True], ids=["careerkit-runs-git-init", "git-init-ran-before"])
def test_init_makes_dot_git_owner_only_also_after_a_commit(cli, tmp_path, git_first):
    target = tmp_path / "team"
    if git_first:
        target.mkdir()
        subprocess.run([GIT, "init", "-q"], cwd=target, check=True)
        assert others_can_read(target / ".git")
    result = cli(None, "init", str(target))
    assert "owner-only" in result.stdout
    assert others_can_read(target / ".git") == []
    config = subprocess.run([GIT, "config", "core.sharedRepository"], cwd=target, capture_output=True, text=True)
    assert config.stdout.strip() == "0600"
    cli(target, "new", "story", "alice", "--name", "Alice")
    commit_all(target)
    assert stat.S_IMODE((target / ".git").stat().st_mode) == 0o700
    objects = [p for p in (target / ".git/objects").rglob("*") if p.is_file()]
    assert objects and not [p for p in objects if stat.S_IMODE(p.stat().st_mode) & 0o077]


# -- 5. a person folder that is a link -------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "target"), [("x", ".."), ("h", "../.git/hooks"), ("t", "../templates"), ("y", "alice")]
)
def test_new_never_writes_through_a_person_folder_that_is_a_link(cli, notes, person, target):
    root = notes({PLAN: plan(action(1)), ".git/hooks/README": "hooks\n", "templates/README.md": "mine\n"})
    (root / "people" / person).symlink_to(target, target_is_directory=True)
    before = everything(root)
    for args in (
        ("new", "note", person),
        ("new", "story", person, "--name", "Someone"),
        ("action", "add", person, "Sneaky"),
    ):
        result = cli(root, *args, expect=None)
        assert result.exit_code == 1, (args, result.stderr)
        assert result.stderr == (
            f"people/{person}: is a link; careerkit writes only into real "
            "folders (make it a folder, or move the notes into one); nothing written\n"
        )
    assert everything(root) == before


def test_new_never_writes_when_people_is_a_link(cli, notes):
    root = notes({"elsewhere/alice/.keep": ""})
    (root / "people").symlink_to("elsewhere", target_is_directory=True)
    result = cli(root, "new", "note", "alice", expect=1)
    assert result.stderr.startswith("people: is a link;")
    assert sorted(p.name for p in (root / "elsewhere/alice").iterdir()) == [".keep"]


# -- 6. permissions through the open file ------------------------------------------------------------


def test_an_edit_sets_owner_and_mode_through_the_file_descriptor_never_by_name(cli, notes, monkeypatch):
    root = notes({PLAN: plan(action(1))})
    (root / PLAN).chmod(0o640)

    def by_name(real):
        def change(path, *args, **kwargs):
            if "people" in Path(os.fspath(path)).parts:  # a note, or its temporary copy
                raise AssertionError(f"changed by name: {path}")
            return real(path, *args, **kwargs)

        return change

    monkeypatch.setattr(os, "chmod", by_name(os.chmod))
    monkeypatch.setattr(os, "chown", by_name(os.chown))
    cli(root, "action", "done", "alice", "1", "--today", TODAY)
    cli(root, "new", "note", "alice", "--date", "2026-06-02")
    assert stat.S_IMODE((root / PLAN).stat().st_mode) == 0o640
    assert stat.S_IMODE((root / "people/alice/2026-06-02-note.md").stat().st_mode) == 0o600


# -- 7. hostile values never crash --------------------------------------------------------------------


def test_an_id_too_long_to_write_is_an_invalid_id_for_every_command(cli, notes):
    huge = "0x" + "f" * 4000
    text = plan(action(1)).replace("actions:\n", f"actions:\n- id: {huge}\n  title: Huge\n")
    root = notes({PLAN: text})
    line = f"{PLAN}:10: action id (a number of more than 15 digits) is not a positive whole number; left out"
    for args in (
        ("due",),
        ("due", "--json"),
        ("agenda", "alice"),
        ("status",),
        ("log", "alice"),
        ("action", "list", "alice"),
    ):
        result = cli(root, *args, expect=1)
        assert line in result.stderr.splitlines(), (args, result.stderr)
    assert cli(root, "check", expect=1).stdout == line.replace(": action", ": error: action") + "\n"
    result = cli(root, "action", "add", "alice", "More", expect=1)  # the huge one might be the highest id
    assert line in result.stderr.splitlines()


def test_a_cache_entry_of_the_wrong_type_is_read_again(cli, notes, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 0)
    root = notes(
        {
            PLAN: plan(action(1, due="2026-05-15"), action(2, updated="2026-04-01")),
            "careerkit.yaml": "checkin_every_days: 30\nstale_after_days: 21\n",
            "people/alice/profile.md": "---\nname: Alice Example\ncheckin_every_days: 14\n---\n",
        }
    )
    first = cli(root, "due", "--json", "--today", TODAY).stdout
    assert json.loads(first)["findings"]
    tampered = 0
    for path in (root / ".careerkit/reads").glob("*.json"):
        header, body = path.read_bytes().split(b"\n", 1)
        entries = json.loads(body)

        def numbers_as_text(value):
            if isinstance(value, list):
                return [numbers_as_text(item) for item in value]
            if isinstance(value, int) and not isinstance(value, bool):
                return str(value)  # "30" for 30: valid JSON, valid checksum, wrong type
            return value

        for entry in entries.values():
            payload = entry[-1]
            entry[-1] = numbers_as_text(payload)
            tampered += entry[-1] != payload
        body = json.dumps(entries).encode("utf-8")
        meta = json.loads(header)
        meta["crc32"] = zlib.crc32(body)
        path.write_bytes(json.dumps(meta).encode("utf-8") + b"\n" + body)
    assert tampered
    for args in (("due", "--json", "--today", TODAY), ("status", "--json", "--today", TODAY)):
        assert cli(root, *args).stdout == cli(root, *args).stdout
    assert cli(root, "due", "--json", "--today", TODAY).stdout == first


# -- 8. nothing left behind -------------------------------------------------------------------------


def test_temporary_files_a_killed_edit_left_are_removed_by_the_next_edit(cli, notes):
    root = notes({PLAN: plan(action(1))})
    for name in (".careerkit-abc123.tmp", ".careerkit-xyz.tmp"):
        (root / "people/alice" / name).write_bytes((root / PLAN).read_bytes())
    (root / "people/alice/.keep-me").write_text("not ours\n", encoding="utf-8")
    cli(root, "action", "touch", "alice", "1", "--today", TODAY)
    assert sorted(p.name for p in (root / "people/alice").iterdir()) == [".keep-me", "2026-05-01-plan.md"]


def test_init_and_templates_copy_remove_old_temporary_files_of_their_own(cli, tmp_path):
    target = tmp_path / "team"
    cli(None, "init", str(target), "--no-git")
    old, recent = target / ".careerkit-old.tmp", target / "templates/.careerkit-recent.tmp"
    for path in (old, recent, target / "templates/.careerkit-older.tmp"):
        path.write_text("half a file\n", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    os.utime(target / "templates/.careerkit-older.tmp", (an_hour_ago, an_hour_ago))
    cli(None, "init", str(target), "--no-git")
    assert not old.exists() and not (target / "templates/.careerkit-older.tmp").exists()
    assert recent.exists()  # it may belong to a run still going: no lock guards these folders
    os.utime(recent, (an_hour_ago, an_hour_ago))
    cli(target, "templates", "copy", "note")
    assert sorted(p.name for p in (target / "templates").iterdir()) == ["README.md", "note.md.j2"]


STALL_IN_FSYNC = """
import os, sys, time
real = os.fsync
def stall(fd):
    real(fd)
    if "/people/alice/.careerkit-" in os.readlink(f"/proc/self/fd/{fd}"):  # the edit's temporary copy
        print("stalled", flush=True)
        time.sleep(300)
os.fsync = stall
sys.argv = ["careerkit", "--root", sys.argv[1], "action", "done", "alice", "1"]
from careerkit.cli import main
main()
"""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to tell which file is synced")
def test_kill_9_during_an_edit_leaves_the_note_whole_and_the_next_edit_cleans_up(cli, notes):
    root = notes({PLAN: plan(action(1), action(2))})
    before = (root / PLAN).read_bytes()
    victim = subprocess.Popen([sys.executable, "-c", STALL_IN_FSYNC, str(root)], stdout=subprocess.PIPE, text=True)
    try:
        assert victim.stdout is not None and victim.stdout.readline().strip() == "stalled"
        victim.send_signal(signal.SIGKILL)
        victim.wait()
    finally:
        victim.kill()
    left = [p.name for p in (root / "people/alice").iterdir() if p.name.startswith(".")]
    assert left and (root / PLAN).read_bytes() == before  # the temporary copy, and the old note whole
    cli(root, "action", "done", "alice", "2", "--today", TODAY)
    assert [p.name for p in (root / "people/alice").iterdir()] == ["2026-05-01-plan.md"]
    assert [a.get("status") for a in actions_in(root)] == [None, "done"]


@pytest.fixture
def no_hard_links_and_a_full_disk(monkeypatch, tmp_path):
    """A file system without hard links, where writing the document at its final name fails."""
    final = tmp_path / "notes/people/alice/2026-06-02-note.md"

    def no_link(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    def is_final(stream) -> bool:
        try:
            name = os.readlink(f"/proc/self/fd/{stream.fileno()}")
        except OSError:
            name = str(getattr(stream, "name", ""))
        return name == str(final)

    class Full(io.RawIOBase):
        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    def failing(opener):
        def open_(*args, **kwargs):
            stream = opener(*args, **kwargs)
            if is_final(stream):
                stream.write = Full().write
            return stream

        return open_

    monkeypatch.setattr(os, "link", no_link)
    monkeypatch.setattr(os, "fdopen", failing(os.fdopen))
    monkeypatch.setattr("builtins.open", failing(open))
    return final


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to tell which file a stream writes")
def test_without_hard_links_a_failed_create_leaves_no_document(cli, notes, no_hard_links_and_a_full_disk):
    root = notes({PLAN: plan()})
    old = os.umask(0o022)
    try:
        result = cli(root, "new", "note", "alice", "--date", "2026-06-02", expect=1)
    finally:
        os.umask(old)
    assert "no space left on device" in result.stderr
    assert sorted(p.name for p in (root / "people/alice").iterdir()) == ["2026-05-01-plan.md"]


def test_without_hard_links_a_new_document_is_still_owner_only(cli, notes, monkeypatch):
    root = notes({PLAN: plan()})
    monkeypatch.setattr(os, "link", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.EPERM, "no links")))
    old = os.umask(0)
    try:
        cli(root, "new", "note", "alice", "--date", "2026-06-02")
        assert cli(root, "new", "note", "alice", "--date", "2026-06-02").stdout.strip().endswith("-note-2.md")
    finally:
        os.umask(old)
    for name in ("2026-06-02-note.md", "2026-06-02-note-2.md"):
        assert stat.S_IMODE((root / "people/alice" / name).stat().st_mode) == 0o600


# -- 9. what reaches a terminal ---------------------------------------------------------------------


TRICKY = "\x1b]0;owned\x07\x1b[2J\x1b[31mred\nBob\n  action 9 is 99 days overdue: forged\u202e"


def test_escape_sequences_and_line_breaks_in_values_are_shown_inert(cli, notes):
    root = notes(
        {
            PLAN: plan(action(1, title=TRICKY, due="2026-05-15", owner="x\x1by")),
            "people/alice/profile.md": doc("alice", "note", "2026-01-01").replace(
                "person: alice\n", 'name: "Al\\e[8mi\\rce"\n'
            ),
        }
    )
    for args in (
        ("due", "--today", TODAY),
        ("status", "--today", TODAY),
        ("action", "list", "alice"),
        ("log", "alice"),
        ("agenda", "alice", "--today", TODAY),
    ):
        output = cli(root, *args).stdout
        assert not any(char in output for char in "\x1b\x07\r\u202e"), (args, output)
    due = cli(root, "due", "--today", TODAY).stdout.splitlines()
    assert due[0] == "Al\\x1b[8mi\\rce"
    forged = [line for line in due if "forged" in line]  # one line, as the finding it belongs to
    assert forged == [
        "  drifting  step 1 passed its date 2 weeks ago: \\x1b]0;owned\\x07\\x1b[2J\\x1b[31mred\\nBob\\n  action 9 "
        "is 99 days overdue: forged\\u202e  people/alice/2026-05-01-plan.md"
    ]
    assert all(line.startswith("  ") for line in due[1:]) and not any(line.startswith("Bob") for line in due)
    agenda = cli(root, "agenda", "alice", "--today", TODAY).stdout.splitlines()
    assert next(line for line in agenda if "forged" in line).startswith("- ")  # still the one list item
    assert not any(line.startswith(("Bob", "  action 9")) for line in agenda)
    findings = json.loads(cli(root, "due", "--json", "--today", TODAY).stdout)["findings"]
    assert next(f for f in findings if f["action"] == 1)["title"] == TRICKY  # JSON keeps the value exactly


def test_every_character_that_could_drive_a_terminal_is_escaped():
    """Each control, separator, direction mark and lone surrogate: none reaches the terminal raw, alone or
    between letters (the common case, text with none of them, takes a quicker path)."""
    from careerkit.values.printable import printable

    dangerous = [
        *range(0x00, 0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        *range(0x7F, 0xA0),
        0x061C,
        0x200E,
        0x200F,
        *range(0x2028, 0x202F),
        *range(0x2066, 0x206A),
        *range(0xD800, 0xE000, 97),
        0xDFFF,
    ]
    for code in dangerous:
        for text in (chr(code), f"Alice {chr(code)}Bob"):
            shown = printable(text)
            assert chr(code) not in shown and "\\" in shown, hex(code)
    assert printable("Zoë O'Brien: résumé, 東京, 🙂\tdone") == "Zoë O'Brien: résumé, 東京, 🙂\tdone"


def test_a_new_document_holds_no_raw_escape_sequence(cli, notes):
    root = notes({PLAN: plan(action(1, title="Ring \x07 and \x1b[2J clear"))})
    path = cli(root, "new", "checkin", "alice", "--date", "2026-06-02").stdout.strip()
    text = (root / path).read_text(encoding="utf-8")
    assert "Ring \\x07 and \\x1b[2J clear" in text and "\x1b" not in text and "\x07" not in text


def test_a_file_name_that_is_not_utf8_is_reported_and_others_are_read(cli, notes):
    root = notes({PLAN: plan(action(1, due="2026-05-15"))})
    (root / "people/alice" / os.fsdecode(b"2026-05-02-note-\xe9.md")).write_text(
        doc("alice", "note", "2026-05-02"), encoding="utf-8"
    )
    line = "people/alice/2026-05-02-note-\\xe9.md: file name is not valid UTF-8; not read (rename it)"
    for args in (
        ("due", "--today", TODAY),
        ("agenda", "alice", "--today", TODAY),
        ("log", "alice"),
        ("new", "checkin", "alice", "--date", "2026-06-02"),
    ):
        result = cli(root, *args, expect=1)
        assert result.stderr.splitlines() == [line], args
    assert "step 1 passed its date 2 weeks ago" in cli(root, "due", "--today", TODAY, expect=1).stdout
    assert cli(root, "check", expect=1).stdout == line.replace(": file", ": error: file") + "\n"
    named = str(root / "people/alice" / os.fsdecode(b"2026-05-02-note-\xe9.md"))
    assert cli(root, "check", named, expect=1).stdout == line.replace(": file", ": error: file") + "\n"


def test_names_that_make_one_slug_are_not_merged_in_silence(cli, notes):
    root = notes({"people/zoe/.keep": ""})
    assert cli(root, "new", "story", "zoe", "--date", "2026-01-01").stderr == ""
    for name in ("Zoë", "Zoe", "ZOE!!"):
        result = cli(root, "new", "note", name, "--date", "2026-01-02")
        assert result.stderr == (
            f"careerkit: note: {name!r} is written to people/zoe/, which already exists and "
            "names no one (no profile): if this is someone else, use a name that makes another "
            "folder; if not, add --name to record the name\n"
        )
    cli(root, "new", "note", "Zoë", "--name", "Zoë", "--date", "2026-01-03")
    assert cli(root, "new", "note", "zoe", "--date", "2026-01-04").stderr == ""
    before = everything(root)
    result = cli(root, "new", "note", "Zoe", "--name", "Zoe Smith", expect=1)
    assert result.stderr == (
        "people/zoe/profile.md: the profile names 'Zoë', not 'Zoe Smith'; nothing "
        "written (for someone else, use a name that makes another folder; to rename, edit the "
        "profile)\n"
    )
    assert everything(root) == before


# -- 10. for `new` and `action`, exit 1 means nothing was written ------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("action", "add", "alice", "New one"),
        ("action", "done", "alice", "1"),
        ("action", "drop", "alice", "1"),
        ("action", "touch", "alice", "1"),
    ],
)
def test_an_action_edit_with_a_problem_elsewhere_is_written_and_exits_0(cli, notes, args):
    root = notes(
        {
            PLAN: plan(action(1, updated="2026-05-01")),
            "careerkit.yaml": "checkin_every_days: soon\n",
            "people/alice/profile.md": "---\nname: [not, text]\n---\n",
        }
    )
    before = (root / PLAN).read_bytes()
    result = cli(root, *args, "--today", TODAY, expect=0)
    assert (root / PLAN).read_bytes() != before
    assert result.stderr.splitlines() == [
        "careerkit.yaml:1: `checkin_every_days` should be a whole number of days (1 or more); using the default",
        "people/alice/profile.md:2: `name` should be text (put it in quotes); not used",
    ]


def test_an_action_edit_refused_writes_nothing_and_exits_1(cli, notes):
    root = notes({PLAN: plan(action(1)), "people/alice/2026-05-02-checkin.md": "---\nstage: [\n---\n"})
    before = everything(root)
    cli(root, "action", "add", "alice", "New one", expect=1)
    cli(root, "action", "done", "alice", "1", expect=1)
    assert everything(root) == before


def test_new_with_an_editor_that_cannot_start_still_exits_0(cli, notes, monkeypatch):
    root = notes({"people/alice/.keep": ""})
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    result = cli(root, "new", "note", "alice", "--date", "2026-01-02", "--edit")
    assert (root / "people/alice/2026-01-02-note.md").exists()
    assert result.stderr.startswith("careerkit: warning: --edit: could not start the editor")


def test_a_failed_new_for_a_new_person_leaves_no_profile(cli, notes, monkeypatch):
    root = notes({})
    real = fsutil.create_new

    def only_the_profile(path, data, *args):
        if path.name != "profile.md":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data, *args)

    monkeypatch.setattr(fsutil, "create_new", only_the_profile)
    cli(root, "new", "story", "Zoë", "--name", "Zoë", expect=1)
    assert not (root / "people/zoe").exists()  # nor the folder made for them


def test_reading_commands_never_wait_for_the_lock(cli, lock_holder, monkeypatch):
    root, _ = lock_holder
    monkeypatch.setattr(locks, "WAIT_SECONDS", 0.1)  # were they to take it, they would give up and exit 1
    for args in (("due", "--today", TODAY), ("action", "list", "alice"), ("agenda", "alice"), ("check",)):
        cli(root, *args)


def test_json_output_escapes_the_control_characters_that_json_leaves_raw(cli, notes):
    """A C1 control (here CSI, \x9b) reaches a terminal as an escape sequence; JSON may write it as \\u009b."""
    import json

    title = "Read\x9b31m the book\u2028twice"
    root = notes(
        {
            "people/alice/2026-01-05-plan.md": (
                "---\nperson: alice\nstage: plan\ndate: 2026-01-05\nactions:\n"
                '  - id: 1\n    title: "Read\\x9b31m the book\\u2028twice"\n'
                "    owner: manager\n    due: 2026-01-10\n---\n"
            )
        }
    )
    out = cli(root, "due", "--json", "--today", "2026-06-01").stdout
    assert "\x9b" not in out and "\u2028" not in out and "\\u009b" in out
    assert json.loads(out)["findings"][0]["title"] == title
