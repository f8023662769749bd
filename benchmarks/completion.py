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
both sides), timed with time.perf_counter (wall) and by the processor time
the operating system counts for it (user + system, from wait4), which a busy
shared machine disturbs far less than the wall time. The commands take turns
(A B C A B C ...) after one uncounted run each, and a ratio is the median of
the ratios within a turn, against the `status` of the code before. Bytecode
is written to the temporary folder, as in benchmarks/run.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
TODAY = "2026-12-01"


@dataclass
class Command:
    name: str
    argv: list[str]
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)


def run(command: Command, env: dict[str, str], record: bool = True) -> None:
    start = time.perf_counter()
    process = subprocess.Popen(
        command.argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command.name} failed ({process.returncode})")
    if record:
        command.walls.append(wall)
        command.cpus.append(usage.ru_utime + usage.ru_stime)


def turns(commands: list[Command], env: dict[str, str], runs: int) -> None:
    for command in commands:
        run(command, env, record=False)
    for _ in range(runs):
        for command in commands:
            run(command, env)


def ratio(values: list[list[float]], index: int) -> float:
    """The median, over the turns, of command `index`'s figure to the first command's."""
    return statistics.median(mine / first for mine, first in zip(values[index], values[0], strict=True))


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
    return [
        "env",
        f"PYTHONPATH={src}",
        "_CAREERKIT_COMPLETE=bash_complete",
        f"COMP_WORDS={' '.join(words)}",
        f"COMP_CWORD={len(words) - 1}",
        sys.executable,
        "-m",
        "careerkit",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default=None, help="the commit to compare with (default: merge-base with main)")
    parser.add_argument("--runs", type=int, default=11)
    options = parser.parse_args()
    before_ref = (
        options.before
        or subprocess.run(
            ["git", "-C", str(PROJECT), "merge-base", "HEAD", "main"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    with tempfile.TemporaryDirectory(prefix="careerkit-completion-") as temp:
        work = Path(temp)
        before = export(before_ref, work)
        after = PROJECT / "src"
        team = work / "team"
        shutil.copytree(PROJECT / "examples", team, ignore=shutil.ignore_patterns(".careerkit"))
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CAREERKIT_ROOT")}
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        for src in (before, after):  # a warm cache and compiled bytecode for both sides
            subprocess.run(careerkit(src, team, "due"), env=env, capture_output=True, check=False)
        time.sleep(2.1)  # files changed within ~2 s of a run are not cached yet (careerkit.cache.reads)
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
        turns(commands, env, options.runs)
    print(
        f"before = {before_ref[:12]}, after = this checkout; {options.runs} runs each, Python "
        f"{sys.version.split()[0]}\n"
    )
    print(
        "| command | wall s, median | wall s, min | CPU s, median | wall to `status` before | CPU to `status` before |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    walls, cpus = [c.walls for c in commands], [c.cpus for c in commands]
    for index, command in enumerate(commands):
        print(
            f"| {command.name} | {statistics.median(command.walls):.3f} | {min(command.walls):.3f} | "
            f"{statistics.median(command.cpus):.3f} | {ratio(walls, index):.2f}x | {ratio(cpus, index):.2f}x |"
        )


if __name__ == "__main__":
    main()
