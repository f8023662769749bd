"""What the per-person lock costs one `careerkit action add`: the median wall time of N runs.

    python benchmarks/edit_lock.py [--runs 31] [--against SRC]

Each run is a fresh `python -m careerkit action add` process on a small notes
repository (one person, a plan with a few actions), as a user or a script runs
it. `--against` also times the careerkit in another checkout's `src/` (for
example the one before the lock: `git archive <commit> | tar -x -C DIR`), the
two taking turns run by run, so that a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLAN = """---
person: alice
stage: plan
date: 2026-01-05
skills:
  - skill: hiring
    resources: [Bob]
actions:
  - {id: 1, title: First, status: open}
  - {id: 2, title: Second, status: done, closed: 2026-02-01}
---

The plan.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--against", type=Path, help="also time the careerkit in this src/ folder")
    args = parser.parse_args()
    here = Path(__file__).resolve().parents[1] / "src"
    versions = {"this checkout": here, **({str(args.against): args.against.resolve()} if args.against else {})}
    times: dict[str, list[float]] = {label: [] for label in versions}
    with tempfile.TemporaryDirectory() as folder:
        roots = {}
        for label in versions:
            root = roots[label] = Path(folder) / str(len(roots))
            (root / "people/alice").mkdir(parents=True)
            (root / "careerkit.yaml").write_text("", encoding="utf-8")
            (root / "people/alice/2026-01-05-plan.md").write_text(PLAN, encoding="utf-8")
        for run in range(args.runs + 1):
            for label, src in versions.items():
                env = {key: value for key, value in os.environ.items() if key != "CAREERKIT_ROOT"}
                env["PYTHONPATH"] = str(src)
                command = [
                    sys.executable,
                    "-m",
                    "careerkit",
                    "--root",
                    str(roots[label]),
                    "action",
                    "add",
                    "alice",
                    f"Step {run}",
                ]
                start = time.perf_counter()
                subprocess.run(command, env=env, check=True, capture_output=True)
                if run:  # the first run of each warms the cache and the disk
                    times[label].append(time.perf_counter() - start)
    for label, measured in times.items():
        print(
            f"{label}: action add, median {statistics.median(measured) * 1000:.1f} ms over {len(measured)} runs "
            f"(min {min(measured) * 1000:.1f}, max {max(measured) * 1000:.1f})"
        )


if __name__ == "__main__":
    main()
