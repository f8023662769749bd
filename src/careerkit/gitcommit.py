"""`git: commit` in careerkit.yaml: commit exactly the files a command wrote, through the `git` program.

Through the program, not a library, so that the user's hooks, signing and
filters (git-crypt) apply as they would to their own commit. Only the paths
written are added and committed (`git commit --only`): whatever else is
staged stays staged and out of the commit. The message says what changed
(the verb, the stage, the action id: `careerkit: close action 3 (done)`)
and never quotes what anyone wrote nor names anyone: commit messages are not
encrypted by git-crypt, and the paths committed name the person's folder
anyway.
"""

from __future__ import annotations

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
    inside = _run([git, "rev-parse", "--is-inside-work-tree"], root)
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return Outcome(False, "the notes are not in a git repository")
    for step in ([git, "add", "--", *rels], [git, "commit", "--quiet", "--only", "-m", message, "--", *rels]):
        done = _run(step, root)
        if done.returncode != 0:
            return Outcome(False, f"`git {step[1]}` failed", (done.stdout + done.stderr).strip())
    return Outcome(True)


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        # stdin stays the terminal's: a signing key may ask for its passphrase
        return subprocess.run(args, cwd=cwd, capture_output=True, text=True, errors="replace", check=False)
    except OSError as error:
        return subprocess.CompletedProcess(args, 1, "", (error.strerror or type(error).__name__))
