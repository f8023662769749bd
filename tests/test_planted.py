"""A cloned notes repository full of planted links and odd names: no command that writes may follow them.

Each case clones a hostile repository (links to files outside it, into `.git`, to
folders outside, broken links, names with glob characters), gives the clone a
`.git/config` holding a token, puts a pipe or two beside the notes (git cannot
carry those), and runs one command that writes. Whatever the command answers,
nothing outside the clone and nothing in its `.git` may change, no secret may
reach its output or any file it wrote, and it must finish (a pipe opened for
reading waits for a writer forever: an alarm turns that into a failure).
The bad files every command *reads* are in test_bad_files.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import action, doc

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="a cloned repository needs git")

TODAY = "2026-06-01"
OUTSIDE_SECRET = "OUTSIDE-SECRET-TEXT"  # in files beside the notes, which a link in the clone points at
GIT_SECRET = "ghp_PLANTED0TOKEN"  # in the clone's .git/config, as a remote's URL with a token would be
SECRETS = (OUTSIDE_SECRET, GIT_SECRET)

NOTE_TEMPLATE = "Notes for {{ name }}\n<!-- {% include 'style.j2' %} -->\n"
PLAN_TEMPLATE = "{% import 'macros.j2' as m %}Plan\n"

# The hostile repository, as committed: (path, text) for files, (path, "->", target) for links.
FILES = {
    "careerkit.yaml": "checkin_every_days: 30\n",
    "people/alice/2026-05-01-plan.md": doc(
        "alice", "plan", "2026-05-01", skills=[{"skill": "hiring", "resources": ["Bob"]}], actions=[action(1)]
    ),
    "people/alice/p*.md": doc("alice", "note", "2026-05-02"),
    "people/dave/2026-05-01-story.md": doc("dave", "story", "2026-05-01"),
    "people/gina/2026-05-01-story.md": doc("gina", "story", "2026-05-01"),
    "people/erin/2026-05-01-story.md": doc("erin", "story", "2026-05-01"),
    "templates/note.md.j2": NOTE_TEMPLATE,
    "templates/plan.md.j2": PLAN_TEMPLATE,
    "careerkit-*.html": "<p>my own page, not a report</p>\n",
}
LINKS = {
    # where the next note for gina on TODAY would go, leading out
    f"people/gina/{TODAY}-note.md": "../../../outside/planted-note.md",
    "people/bob": "../../outside/bob",  # a person's folder outside
    "people/carol": "../.git",  # a person's folder that is .git
    "people/dave/profile.md": "../../../outside/profile.md",
    "people/erin/profile.md": "../../.git/config",
    "templates/style.j2": "../.git/config",  # included by the note template
    "templates/macros.j2": "../../outside/secret.txt",  # imported by the plan template
    "templates/story.md.j2": "../../outside/secret.txt",
    "templates/dreams.md.j2": "../people/alice/2026-05-01-plan.md",  # in the notes, but not in templates/
    "templates/checkin.md.j2": "../../outside/nothing-here",
    "careerkit-report.html": "../outside/public.html",  # report's default name, leading to a public folder
    "careerkit-alice.html": ".git/hooks/post-checkout",  # `report --for alice`'s default name, into .git
    "team.ics": "../outside/team.ics",
    "hook.ics": ".git/hooks/pre-commit",
    "pipe-link.html": "pipe.html",
}
PIPES = ("pipe.html", "pipe.ics")  # made in the clone: git does not carry pipes

# Variants where a whole folder leads elsewhere; each replaces `templates/` or adds `.careerkit`.
FOLDER_LINKS = {
    "templates-outside": {"templates": "../outside/templates"},
    "templates-into-git": {"templates": ".git"},
    "templates-into-people": {"templates": "people/alice"},
    "state-outside": {".careerkit": "../outside/state"},
}


def build_origin(origin: Path, variant: str) -> None:
    for rel, text in FILES.items():
        if variant.startswith("templates-") and rel.startswith("templates/"):
            continue
        path = origin / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    links = {rel: target for rel, target in LINKS.items() if not (variant != "files" and rel.startswith("templates/"))}
    links.update(FOLDER_LINKS.get(variant, {}))
    for rel, target in links.items():
        (origin / rel).parent.mkdir(parents=True, exist_ok=True)
        (origin / rel).symlink_to(target)
    git(origin, "init", "-q")
    git(origin, "add", "-A", "-f")
    git(origin, "-c", "user.name=Origin", "-c", "user.email=o@example.com", "commit", "-q", "-m", "notes")


def build_outside(outside: Path) -> None:
    """What a planted link points at beside the clone: secrets to keep out of the notes, folders to keep clean."""
    for rel, text in {
        "secret.txt": f"{OUTSIDE_SECRET}\n",
        "profile.md": f"---\nname: {OUTSIDE_SECRET}\n---\n",
        "bob/2026-05-01-story.md": doc("bob", "story", "2026-05-01", body=f"{OUTSIDE_SECRET}\n"),
        "templates/note.md.j2": f"{OUTSIDE_SECRET}\n",
        "templates/.careerkit-old.tmp": "someone else's file\n",
        "state/.keep": "",
    }.items():
        path = outside / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    an_hour_ago = time.time() - 3600  # old enough for init or `templates copy` to take it for their own leftover
    os.utime(outside / "templates/.careerkit-old.tmp", (an_hour_ago, an_hour_ago))


def git(cwd: Path, *args: str) -> None:
    subprocess.run([GIT or "git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def clones(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each variant's clone of its hostile repository, made once; each case works on a copy of it."""
    return {}


@pytest.fixture
def clone(tmp_path: Path, request: pytest.FixtureRequest, clones: dict[str, Path], tmp_path_factory) -> Path:
    """The victim's clone of the hostile repository (variant: request.param), with a token and pipes added."""
    variant = getattr(request, "param", "files")
    if variant not in clones:
        made = tmp_path_factory.mktemp("clone")
        build_origin(made / "origin", variant)
        (made / "no-samples").mkdir()  # git's sample hooks: files to copy for each case, and nothing to test
        git(made, "clone", "-q", "--template", str(made / "no-samples"), str(made / "origin"), "victim")
        (made / "victim/.git/hooks").mkdir()  # where a planted link leads
        git(made / "victim", "config", "remote.origin.url", f"https://alice:{GIT_SECRET}@example.com/notes.git")
        clones[variant] = made / "victim"
    victim = tmp_path / "victim"
    shutil.copytree(clones[variant], victim, symlinks=True)  # the links as the clone made them
    build_outside(tmp_path / "outside")
    for name in PIPES:
        os.mkfifo(victim / name)
    return victim


def snapshot(folder: Path, leave_out: tuple[str, ...] = ()) -> dict[str, tuple[str, bytes | str]]:
    """Every entry under `folder` (links not followed): its kind and its bytes or target."""
    found: dict[str, tuple[str, bytes | str]] = {}
    for current, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if os.path.join(current, name) not in leave_out]
        for name in folders + files:
            path = os.path.join(current, name)
            mode = os.lstat(path).st_mode
            rel = os.path.relpath(path, folder)
            if stat.S_ISLNK(mode):
                found[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(mode):
                found[rel] = ("file", Path(path).read_bytes())
            else:
                found[rel] = ("folder" if stat.S_ISDIR(mode) else "other", "")
    return found


def written_text(victim: Path) -> str:
    """The text of every regular file in the clone outside `.git` (links not followed)."""
    texts = []
    for current, folders, files in os.walk(victim):
        folders[:] = [name for name in folders if name != ".git"]
        for name in files:
            path = os.path.join(current, name)
            if stat.S_ISREG(os.lstat(path).st_mode):
                texts.append(Path(path).read_bytes().decode("utf-8", "replace"))
    return "\n".join(texts)


@pytest.fixture
def no_hanging() -> Iterator[None]:
    """A command that waits on a pipe fails the test instead of hanging it (a template's own timer is
    designed to run inside someone else's)."""

    def waited(signum: int, frame: object) -> None:
        raise AssertionError("the command waited on a pipe")

    previous = signal.signal(signal.SIGALRM, waited)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_in(cli, victim: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch):
    """Run careerkit in the clone's root (where the default report names are) and check what must always hold."""
    tmp_path = victim.parent
    beside = snapshot(tmp_path, leave_out=(str(victim),))
    dot_git = snapshot(victim / ".git")
    text_before = written_text(victim)
    monkeypatch.chdir(victim)
    result = cli(None, *args, expect=None)
    assert result.exit_code in (0, 1, 2) and "Traceback" not in result.stderr, result.stderr
    assert snapshot(tmp_path, leave_out=(str(victim),)) == beside, "something outside the clone changed"
    assert snapshot(victim / ".git") == dot_git, "something in .git changed"
    for secret in SECRETS:
        assert secret not in result.stdout + result.stderr
        assert text_before.count(secret) == written_text(victim).count(secret) == 0
    return result


# (command, exit status, what its output says); every case also checks what `run_in` asserts.
CASES = [
    (("note", "alice", "A quick word", "--date", TODAY), 0, f"people/alice/{TODAY}-note.md"),
    # written beside the broken link, never through it; the link is named as a warning and, the note being
    # written, the exit is 0
    (("note", "gina", "A quick word", "--date", TODAY), 0, f"people/gina/{TODAY}-note-2.md"),
    (("new", "note", "alice", "--date", TODAY), 1, "templates/style.j2:1: link into a .git folder"),
    (("new", "plan", "alice", "--date", TODAY), 1, "templates/macros.j2:1: link to outside the notes root"),
    (("new", "story", "alice", "--date", TODAY), 1, "templates/story.md.j2:1: link to outside the notes root"),
    (("new", "dreams", "alice", "--date", TODAY), 1, "templates/dreams.md.j2:1: link to outside templates/"),
    (("new", "checkin", "alice", "--date", TODAY), 1, "templates/checkin.md.j2:1: broken link"),
    (("note", "bob", "Hello", "--today", TODAY), 2, "unknown person 'bob'"),
    (("note", "carol", "Hello", "--today", TODAY), 1, "people/carol: is a link"),
    (("new", "note", "Carol", "--name", "Carol", "--today", TODAY), 1, "people/carol: is a link"),
    (("action", "add", "alice", "Shadow a loop", "--today", TODAY), 0, "people/alice/2026-05-01-plan.md"),
    (("action", "done", "alice", "1", "--today", TODAY), 0, ""),
    (("action", "add", "bob", "Sneaky", "--today", TODAY), 2, "unknown person 'bob'"),
    (("add", "frank", "--name", "Frank", "--today", TODAY), 0, "people/frank/profile.md"),
    (("add", "carol", "--name", "Carol", "--today", TODAY), 1, "people/carol: is a link"),
    (("leave", "dave", "--today", TODAY), 1, "people/dave/profile.md"),
    (("pause", "erin", "--until", "2026-09-01", "--today", TODAY), 1, "people/erin/profile.md"),
    (("init", "--no-git"), 0, "kept    templates/"),
    (("report", "-o", "careerkit-report.html", "--today", TODAY), 1, "careerkit-report.html: is a link; careerkit"),
    (
        ("report", "--for", "alice", "-o", "careerkit-alice.html", "--today", TODAY),
        1,
        "careerkit-alice.html: is a link",
    ),
    (("report", "-o", "pipe.html", "--today", TODAY), 1, "pipe.html: is not a regular file"),
    (("report", "-o", "pipe-link.html", "--today", TODAY), 1, "pipe-link.html: is a link"),
    (("report", "-o", ".git/x.html", "--today", TODAY), 2, ".git/x.html: is in a .git folder"),
    (("report", "-o", "careerkit-*.html", "--today", TODAY), 1, "exists and is not a careerkit report"),
    (("calendar", "-o", "team.ics", "--today", TODAY), 1, "team.ics: is a link"),
    (("calendar", "-o", "hook.ics", "--today", TODAY), 1, "hook.ics: is a link"),
    (("calendar", "-o", "pipe.ics", "--today", TODAY), 1, "pipe.ics: is not a regular file"),
    (("calendar", "-o", ".git/hooks/post-merge", "--today", TODAY), 2, "is in a .git folder"),
    (("calendar", "-o", "people/alice/cal.ics", "--today", TODAY), 2, "is in people/"),
    (("templates", "copy", "story"), 1, "templates/story.md.j2: already exists"),
    (("templates", "copy", "checkin"), 1, "templates/checkin.md.j2: already exists"),
]


@pytest.mark.usefixtures("no_hanging")
@pytest.mark.parametrize(("args", "status", "says"), CASES, ids=[" ".join(case[0][:3]) for case in CASES])
def test_a_command_that_writes_never_follows_a_planted_link(cli, clone, monkeypatch, args, status, says):
    result = run_in(cli, clone, args, monkeypatch)
    assert result.exit_code == status, result.stderr
    assert says in result.stdout + result.stderr


FOLDER_CASES = [
    ("templates-outside", ("init", "--no-git"), 1, "templates: is a link to outside the notes root; nothing written"),
    ("templates-outside", ("templates", "copy", "plan"), 1, "templates: is a link to outside the notes root"),
    ("templates-outside", ("new", "note", "alice", "--today", TODAY), 1, "link to outside the notes root; not used"),
    ("templates-into-git", ("init", "--no-git"), 1, "templates: is in a .git folder"),
    ("templates-into-git", ("templates", "copy", "note"), 1, "templates: is in a .git folder"),
    ("templates-into-git", ("new", "note", "alice", "--today", TODAY), 0, f"people/alice/{TODAY}-note.md"),
    ("templates-into-people", ("init", "--no-git"), 1, "templates: is in people/"),
    ("templates-into-people", ("templates", "copy", "note"), 1, "templates: is in people/"),
    ("state-outside", ("note", "alice", "Hello", "--today", TODAY), 1, "cannot make the lock"),
    # written where it may be (exit 1: the planted profiles and folders are named as problems)
    ("state-outside", ("report", "-o", "out.html", "--today", TODAY), 1, "out.html"),
]


@pytest.mark.usefixtures("no_hanging")
@pytest.mark.parametrize(
    ("clone", "args", "status", "says"),
    FOLDER_CASES,
    ids=[f"{variant}: {' '.join(args[:3])}" for variant, args, _, _ in FOLDER_CASES],
    indirect=["clone"],
)
def test_a_folder_that_leads_elsewhere_is_never_written_into(cli, clone, monkeypatch, args, status, says):
    result = run_in(cli, clone, args, monkeypatch)
    assert result.exit_code == status, result.stderr
    assert says in result.stdout + result.stderr


def test_the_cases_run_every_command_that_writes():
    run = {case[0][0] if case[0][0] not in ("action", "templates", "new") else " ".join(case[0][:2]) for case in CASES}
    wanted = {"new note", "new plan", "note", "action add", "action done", "add", "leave", "pause", "init"}
    assert wanted | {"report", "calendar", "templates copy"} <= run


@pytest.mark.parametrize(
    ("link", "command"),
    [
        ("people/alice/2026-05-03-note.md", ("log", "alice")),
        ("people/alice/2026-05-03-note.md", ("agenda", "alice", "--today", TODAY)),
        ("people/alice/profile.md", ("status", "--json", "--today", TODAY)),
    ],
)
def test_a_link_into_git_is_never_read(cli, notes, link, command):
    """A link planted beside the notes may lead into `.git`, where a token or a remote's address lives: whatever
    the file there says, careerkit reports the link and never reads it into a message."""
    root = notes({"people/alice/2026-05-01-plan.md": doc("alice", "plan", "2026-05-01", actions=[action(1)])})
    (root / ".git").mkdir()
    (root / ".git/notes.md").write_text(
        f"---\nperson: alice\nstage: note\ndate: 2026-05-03\nname: {GIT_SECRET}\n---\n{GIT_SECRET}\n", encoding="utf-8"
    )
    (root / link).symlink_to(Path("../../.git/notes.md"))
    result = cli(root, *command, expect=1)
    assert GIT_SECRET not in result.stdout + result.stderr
    assert f"{link}:1: link into a .git folder; not read" in result.stderr
