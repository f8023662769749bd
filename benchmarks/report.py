"""`careerkit report` on a large repository, against a warm `careerkit status` on the same one.

    python benchmarks/report.py                 # 10,000 documents, 5 runs each
    python benchmarks/report.py --documents 1000 --runs 3

Generates a repository (benchmarks/generate.py, 50 documents a person) in a
temporary folder, warms the cache, then runs in turn: `careerkit status`
(warm: run once, untimed, just before), `careerkit report -o FILE` (warm:
nothing changed since the last run) and `careerkit report` with the cache
deleted first (cold). The ratio is the
median of the ratios within each turn, to the warm `status` (see
benchmarks/run.py for how runs are timed). It also prints the size of the
report of the example team (examples/), and of the large one.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from run import (
    DOCS_PER_PERSON,
    PROJECT,
    TODAY,
    Command,
    Runner,
    _row,
    _time_works,
    careerkit_argv,
    generate,
    print_table,
    ratio,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000, help="documents in the repository (default 10000)")
    parser.add_argument("--runs", type=int, default=5, help="counted runs of each command (default 5)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="careerkit-bench-report-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONDONTWRITEBYTECODE", "CAREERKIT_NO_CACHE", "CAREERKIT_ROOT")
    }
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    runner = Runner(env, _time_works())
    try:
        team = work / "examples"
        shutil.copytree(PROJECT / "examples", team, ignore=shutil.ignore_patterns(".careerkit"))
        example_page = work / "team.html"
        subprocess.run(
            [*careerkit_argv(), "--root", str(team), "report", "--today", TODAY, "-o", str(example_page)],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        root = work / "notes"
        generate(root, max(1, args.documents // DOCS_PER_PERSON), min(args.documents, DOCS_PER_PERSON))
        time.sleep(2.1)  # files changed within ~2 s of a run are not cached yet
        base = [*careerkit_argv(), "--root", str(root)]
        page = work / "large.html"
        report = [*base, "report", "--today", TODAY, "-o", str(page)]
        status_argv = [*base, "status", "--today", TODAY]
        # The cold report of the turn before deleted the cache: an untimed run warms it again first.
        status = Command(
            "careerkit status, warm",
            status_argv,
            lambda: subprocess.run(
                status_argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
            ),
        )
        warm = Command("careerkit report, warm", report)
        cold = Command(
            "careerkit report, cold (no cache)", report, lambda: shutil.rmtree(root / ".careerkit", ignore_errors=True)
        )
        rounds = runner.turns([status, warm, cold], args.runs)
        size = f"{args.documents:,}"
        rows = [_row(size, status, 1.0), _row(size, warm, ratio(rounds, 1, 0)), _row(size, cold, ratio(rounds, 2, 0))]
        example_kib, large_kib = example_page.stat().st_size / 1024, page.stat().st_size / 1024
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"careerkit report, {date.today()}: Python {platform.python_version()}, {os.cpu_count()} CPUs. "
        f"Median of {args.runs} whole-process runs, in turn; ratio to a warm `careerkit status`."
    )
    print(f"Report of the example team: {example_kib:.0f} KiB; of {size} documents: {large_kib:.0f} KiB.\n")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
