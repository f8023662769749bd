"""`git: commit` in careerkit.yaml: commit exactly the files a command wrote, through the `git` program.

Through the program, not a library, so that the user's hooks, signing and
filters (git-crypt) apply as they would to their own commit. Only the paths
written are added and committed (`git commit --only`): whatever else is
staged stays staged and out of the commit. The message says what changed
(the verb, the stage, the action id: `careerkit: close action 3 (done)`)
and never quotes what anyone wrote nor names anyone: commit messages are not
encrypted by git-crypt, and the paths committed name the person's folder
anyway.

Two rules keep a commit to what careerkit wrote and where the notes live: file
names go to git as literal paths (`--literal-pathspecs`: a `*` in a name is a
`*`, never a pattern), and nothing is committed unless the notes folder is the
top of its own repository, so private notes copied into a code or dotfiles
repository are never committed into it. For the same reason git's variables
that point it at another repository (GIT_DIR and the like) are not passed on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Outcome:
    committed: bool
    problem: str | None = None  # why not, in one line
    output: str = ""  # what git (or a hook) said, when it failed


def commit(root: Path, paths: Sequence[Path], message: str) -> Outcome:
    """Commit `paths` (files inside `root`) with `message`; never raises for what git does."""
    git = shutil.which("git")
    if git is None:
        return Outcome(False, "git is not installed")
    rels = [path.relative_to(root).as_posix() for path in paths]
    if not rels:
        return Outcome(False, "nothing to commit")
    env = _own_repository_env()
    top = _run([git, "rev-parse", "--show-toplevel"], root, env)
    if top.returncode != 0 or not top.stdout.strip():
        return Outcome(False, "the notes are not in a git repository")
    if not _same_folder(top.stdout.rstrip("\n"), root):
        return Outcome(False, "the notes folder is inside another git repository, not the top of its own")
    literal = [git, "--literal-pathspecs"]
    for step in (
        [*literal, "add", "--", *rels],
        [*literal, "commit", "--quiet", "--only", "-m", message, "--", *rels],
    ):
        done = _run(step, root, env)
        if done.returncode != 0:
            return Outcome(False, f"`git {step[2]}` failed", (done.stdout + done.stderr).strip())
    return Outcome(True)


# What would make git use a repository other than the one it finds from the notes folder (a hook's, or a
# dotfiles setup's): not passed on.
_OTHER_REPOSITORY = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
)


def _own_repository_env() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name not in _OTHER_REPOSITORY}


def _same_folder(shown: str, root: Path) -> bool:
    """Whether the folder git names (`--show-toplevel`, links resolved) is the notes root."""
    try:
        return os.path.samefile(shown, root)
    except OSError:
        return Path(shown).resolve() == root.resolve()


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    try:
        # stdin stays the terminal's: a signing key may ask for its passphrase. The umask keeps what git
        # writes (the notes, as objects under .git/) readable by their owner only, in any repository.
        return subprocess.run(
            args, cwd=cwd, env=env, capture_output=True, text=True, errors="replace", check=False, umask=0o077
        )
    except OSError as error:
        return subprocess.CompletedProcess(args, 1, "", (error.strerror or type(error).__name__))
