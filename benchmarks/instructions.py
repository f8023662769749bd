"""careerkit's warm commands counted in machine instructions (valgrind's callgrind), beside the plain loop.

    apt-get install valgrind            # Debian's package
    pip install ".[bench]"              # python-frontmatter, for the plain loop
    python benchmarks/instructions.py                   # 10,000 documents, about four minutes
    python benchmarks/instructions.py --documents 1000  # quicker

Wall times on a shared machine move with whatever else it is doing; the number of instructions a
program runs does not (the same count twice, whatever the load). So this is the figure to compare
before and after a change to careerkit's own work. What it leaves out is as telling: time spent
waiting on the system (a `stat` of each file, loading the modules of an import) costs no
instructions, so a command whose wall-time ratio (benchmarks/run.py) is well above its
instruction ratio is waiting, not computing.

Every program runs once uncounted (to make the cache and compile the bytecode), then once under
callgrind; the ratio is to the plain `frontmatter.load` loop over the same notes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import DOCS_PER_PERSON, HERE, PROJECT, TODAY, careerkit_argv, generate

VALGRIND = "valgrind"


def instructions(argv: list[str], env: dict[str, str]) -> int:
    """The instructions one run of `argv` executes (its own process; forked workers counted too)."""
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    result = subprocess.run(
        [VALGRIND, "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    counts = [int(found.replace(",", "")) for found in re.findall(r"Collected : ([\d,]+)", result.stderr)]
    if not counts:
        raise SystemExit(f"valgrind counted nothing for {' '.join(argv)}:\n{result.stderr[-2000:]}")
    return sum(counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000, help="documents in the notes (default 10000)")
    args = parser.parse_args(argv)
    if shutil.which(VALGRIND) is None:
        parser.error("valgrind is not installed (apt-get install valgrind)")
    work = Path(tempfile.mkdtemp(prefix="careerkit-instructions-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONDONTWRITEBYTECODE", "CAREERKIT_NO_CACHE", "CAREERKIT_ROOT")
    }
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    try:
        root = work / "notes"
        generate(root, max(1, args.documents // DOCS_PER_PERSON), min(args.documents, DOCS_PER_PERSON))
        time.sleep(2.1)  # files changed within ~2 s of a run are not cached yet
        team = work / "team"
        shutil.copytree(PROJECT / "examples", team, ignore=shutil.ignore_patterns(".careerkit"))
        time.sleep(2.1)
        careerkit = careerkit_argv()
        size = f"{args.documents:,}"
        commands = [
            (size, "plain `frontmatter.load` loop", [sys.executable, str(HERE / "plain_loop.py"), str(root)]),
            (size, "careerkit due, warm", [*careerkit, "--root", str(root), "due", "--today", TODAY]),
            (size, "careerkit due --json, warm", [*careerkit, "--root", str(root), "due", "--today", TODAY, "--json"]),
            (size, "careerkit status, warm", [*careerkit, "--root", str(root), "status", "--today", TODAY]),
            (size, "careerkit check, warm", [*careerkit, "--root", str(root), "check"]),
            ("-", "minimal Typer app, two commands", [sys.executable, str(HERE / "minimal_typer.py"), "hello"]),
            ("-", "Python starting and ending", [sys.executable, "-c", "pass"]),
            ("9 people", "careerkit due, examples/ (warm)", [*careerkit, "--root", str(team), "due", "--today", TODAY]),
        ]
        counts = [instructions(command, env) for _, _, command in commands]
        rows = [
            [where, name, f"{count / 1e6:,.0f}", f"{count / counts[0]:.3f}x"]
            for (where, name, _), count in zip(commands, counts, strict=True)
        ]
        print(f"Instructions of one run (callgrind), in millions; ratio to the plain loop over {size} documents.\n")
        print("| documents | command | instructions (M) | ratio |\n|---:|---|---:|---:|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
