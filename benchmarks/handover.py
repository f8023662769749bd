"""The size and time of a handover: the largest example person, and a person with 500 documents.

    python benchmarks/handover.py              # 5 runs of each
    python benchmarks/handover.py --runs 3

Each run is a whole `careerkit handover` (or `receive`) process, timed from outside with
time.perf_counter: by default (what the person's own page holds) and `--with-notes` (every document
and note, the largest a bundle gets), then `receive` of that bundle into an empty notes repository. The
bundle is encrypted to one age key made for the run (pyrage). The 500 documents come from
benchmarks/generate.py (one person, about 3 KB of Markdown each; its bodies mark no section as the
person's, so a default bundle carries their frontmatter only). "Today" is the day of the newest
document, so that every conversation counts as held.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from run import PROJECT, TODAY, careerkit_argv, generate


def timed(argv: list[str], runs: int, prepare: Callable[[], None] = lambda: None) -> list[float]:
    """Seconds of each counted run of `argv` (after one uncounted run); `prepare` runs untimed before each."""
    seconds = []
    for index in range(runs + 1):
        prepare()
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        if index:
            seconds.append(time.perf_counter() - start)
    return seconds


def largest_example() -> str:
    """The example person whose documents take the most bytes."""
    people = (PROJECT / "examples" / "people").iterdir()
    return max(people, key=lambda folder: sum(p.stat().st_size for p in folder.glob("*.md"))).name


def measure(root: Path, person: str, work: Path, runs: int, key: str, identity: Path) -> list[list[str]]:
    rows = []
    names = [p.name for p in (root / "people" / person).glob("*.md") if p.name != "profile.md"]
    documents = len(names)
    today = max(TODAY, *(name[:10] for name in names))  # every conversation held: none is dated ahead
    for label, extra in (("default", []), ("--with-notes", ["--with-notes", "--consent", today])):
        out = work / f"{person}-{label.strip('-')}.age"

        def remove(path: Path = out) -> None:
            path.unlink(missing_ok=True)

        handover = [*careerkit_argv(), "--root", str(root), "handover", person, "--to", key, "-o", str(out)]
        made = timed([*handover, "--today", today, *extra], runs, remove)
        fresh = work / "fresh"

        def empty_repository(folder: Path = fresh) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            (folder / "people").mkdir(parents=True)
            (folder / "careerkit.yaml").touch()

        receive = [*careerkit_argv(), "--root", str(fresh), "receive", str(out), "-i", str(identity)]
        received = timed([*receive, "--today", today], runs, empty_repository)
        rows.append(
            [
                person,
                str(documents),
                label,
                f"{out.stat().st_size / 1024:.1f}",
                f"{statistics.median(made):.3f}",
                f"{statistics.median(received):.3f}",
            ]
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="counted runs of each command (default 5)")
    args = parser.parse_args(argv)
    import pyrage

    secret = pyrage.x25519.Identity.generate()
    work = Path(tempfile.mkdtemp(prefix="careerkit-bench-handover-"))
    try:
        identity = work / "age.key"
        identity.write_text(f"{secret}\n")
        key = str(secret.to_public())
        examples = work / "examples"
        shutil.copytree(PROJECT / "examples", examples, ignore=shutil.ignore_patterns(".careerkit"))
        rows = measure(examples, largest_example(), work, args.runs, key, identity)
        large = work / "large"
        generate(large, 1, 500)
        person = next((large / "people").iterdir()).name
        rows += measure(large, person, work, args.runs, key, identity)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"python {platform.python_version()}, {args.runs} runs each, median seconds of a whole process")
    print("| person | documents | bundle | size KiB | handover s | receive s |")
    print("|---|---:|---|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
