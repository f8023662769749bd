"""Shell completion's cost, side by side with the code before it; prints a Markdown table.

    python benchmarks/completion.py                 # against `git merge-base HEAD main`
    python benchmarks/completion.py --before v0.1   # against any other commit
    python benchmarks/completion.py --runs 21

Two questions, on a copy of examples/ (six people, cache warm):

- does a command that is not completing start as fast as before? `status`
  and `agenda` are run by the code of the `--before` commit (its src/, from
  `git archive`) and by this checkout's, in turn;
- does a completion answer take no longer than such a small command? The
  shell's request (`_CAREERKIT_COMPLETE=bash_complete`, COMP_WORDS,
  COMP_CWORD) for a command name, an option, a person, a person by the start
  of their name (profiles read) and an action id (that person's notes read).

Every run is a whole process (`env ... python -m careerkit`, the same way on
both sides), timed with time.perf_counter; the commands take turns (A B C A B
C ...) after one uncounted run each, and a ratio is the median of the ratios
within a turn, against the `status` of the code before. Bytecode is written to
the temporary folder, as in benchmarks/run.py, whose runner this uses.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import Command, Runner, ratio  # benchmarks/ is not a package

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
TODAY = "2026-12-01"


def export(ref: str, into: Path) -> Path:
    """The src/ folder of commit `ref`, written under `into`."""
    archive = subprocess.run(["git", "-C", str(PROJECT), "archive", ref, "src"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def careerkit(src: Path, root: Path, *args: str, **env: str) -> list[str]:
    settings = [f"{key}={value}" for key, value in env.items()]
    return ["env", f"PYTHONPATH={src}", *settings, sys.executable, "-m", "careerkit", "--root", str(root), *args]


def completing(src: Path, root: Path, line: str) -> list[str]:
    """The shell's request to complete the last word of `line` (after `careerkit --root ROOT`)."""
    words = ["careerkit", "--root", str(root), *line.split(" ")]
    return ["env", f"PYTHONPATH={src}", "_CAREERKIT_COMPLETE=bash_complete", f"COMP_WORDS={' '.join(words)}",
            f"COMP_CWORD={len(words) - 1}", sys.executable, "-m", "careerkit"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default=None, help="the commit to compare with (default: merge-base with main)")
    parser.add_argument("--runs", type=int, default=11)
    options = parser.parse_args()
    before_ref = options.before or subprocess.run(
        ["git", "-C", str(PROJECT), "merge-base", "HEAD", "main"], capture_output=True, text=True, check=True,
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="careerkit-completion-") as temp:
        work = Path(temp)
        before = export(before_ref, work)
        after = PROJECT / "src"
        team = work / "team"
        shutil.copytree(PROJECT / "examples", team, ignore=shutil.ignore_patterns(".careerkit"))
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CAREERKIT_ROOT")}
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        runner = Runner(env, use_time=False)
        for src in (before, after):  # a warm cache and compiled bytecode for both sides
            subprocess.run(careerkit(src, team, "due"), env=env, capture_output=True, check=False)
        time.sleep(2.1)  # files changed within ~2 s of a run are not cached yet (careerkit.cache)
        commands = [
            Command("before: careerkit status", careerkit(before, team, "status", "--today", TODAY)),
            Command("after: careerkit status", careerkit(after, team, "status", "--today", TODAY)),
            Command("before: careerkit agenda ben", careerkit(before, team, "agenda", "ben", "--today", TODAY)),
            Command("after: careerkit agenda ben", careerkit(after, team, "agenda", "ben", "--today", TODAY)),
            Command("completing `careerkit a`", completing(after, team, "a")),
            Command("completing `careerkit due --`", completing(after, team, "due --")),
            Command("completing `careerkit agenda `", completing(after, team, "agenda ")),
            Command("completing `careerkit agenda Zo` (profiles)", completing(after, team, "agenda Zo")),
            Command("completing `careerkit action done dana `", completing(after, team, "action done dana ")),
        ]
        rounds = runner.turns(commands, options.runs)
    print(f"before = {before_ref[:12]}, after = this checkout; {options.runs} runs each, Python "
          f"{sys.version.split()[0]}\n")
    print("| command | median s | min-max s | to `status` before |")
    print("|---|---:|---:|---:|")
    for index, command in enumerate(commands):
        spread = f"{min(command.walls):.3f}-{max(command.walls):.3f}"
        print(f"| {command.name} | {command.wall:.3f} | {spread} | {ratio(rounds, index, 0):.2f}x |")


if __name__ == "__main__":
    main()
