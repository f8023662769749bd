"""What the per-person lock costs one `careerkit action add`: the median wall time of N runs.

    python benchmarks/edit_lock.py [--runs 21] [--src PATH]

Each run is a fresh `python -m careerkit action add` process on a small notes
repository (one person, a plan with a few actions), as a user or a script runs
it. `--src` points at another checkout's `src/` to time that version the same
way (for example the one before the lock: `git archive <commit> | tar -x -C DIR`).
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
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--src", type=Path, help="time the careerkit in this src/ folder instead")
    args = parser.parse_args()
    env = dict(os.environ, CAREERKIT_ROOT="")
    if args.src:
        env["PYTHONPATH"] = str(args.src.resolve())
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "careerkit.yaml").write_text("", encoding="utf-8")
        (root / "people/alice").mkdir(parents=True)
        (root / "people/alice/2026-01-05-plan.md").write_text(PLAN, encoding="utf-8")
        command = [sys.executable, "-m", "careerkit", "--root", str(root), "action", "add", "alice", "Next step"]
        subprocess.run(command, env=env, check=True, capture_output=True)  # warm the cache and the disk
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    print(f"action add: median {statistics.median(times) * 1000:.1f} ms over {args.runs} runs "
          f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})")


if __name__ == "__main__":
    main()
