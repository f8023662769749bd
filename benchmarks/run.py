"""careerkit's speed, side by side with what it is measured against; prints a Markdown table.

    pip install ".[bench]"            # python-frontmatter, for the plain loop
    python benchmarks/run.py                      # 100, 1,000 and 10,000 documents
    python benchmarks/run.py --sizes 100,1000     # quicker

For each size, a synthetic notes repository is generated (benchmarks/generate.py,
50 documents a person) in a temporary folder. Then, as whole processes
(subprocess, timed with time.perf_counter; peak memory from /usr/bin/time -v
when it is there, else from the operating system's accounting of the child):

- careerkit due, cold: the cache (.careerkit/) deleted before each run;
- careerkit due, warm: nothing changed since the last run;
- careerkit due --json, warm: the same findings as JSON, into a pipe (as a script reads them);
- careerkit status, warm;
- careerkit check, cold (the cache deleted before each run) and warm;
- careerkit due after one file changed (touched before each run);
- the plain loop: `frontmatter.load` on every note (benchmarks/plain_loop.py);
- the floor: reading every note's bytes (benchmarks/read_bytes.py);
- at --large documents (50,000 by default; 0 leaves it out), fewer runs of the
  cold and warm commands beside the plain loop, for their peak memory;
- start-up: a minimal Typer app with two commands (benchmarks/minimal_typer.py)
  against careerkit due on a six-person team (a copy of examples/); and the
  same app with careerkit's garbage-collector settings, which leaves
  careerkit's own imports and work as the difference.

The commands of a table are run in turn (A B C A B C ...), RUNS times each
after one run that is not counted, so a machine that speeds up or slows down
affects them alike; a ratio is the median of the ratios of each turn. The
changed-file runs get a turn of their own with the plain loop: a file changed
less than two seconds before a run is not cached yet (careerkit.cache.reads), so
they must not precede a warm run.

Every program runs from compiled bytecode, as an installed one does:
PYTHONDONTWRITEBYTECODE is dropped and the bytecode goes to the temporary
folder (PYTHONPYCACHEPREFIX), never next to the sources.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
TODAY = "2026-12-01"
DOCS_PER_PERSON = 50
TIME = "/usr/bin/time"


@dataclass
class Command:
    name: str
    argv: list[str]
    prepare: Callable[[], None] = lambda: None  # run before each run, outside the timing
    walls: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)  # MiB

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def peak(self) -> float | None:
        return statistics.median(self.peaks) if self.peaks else None


class Runner:
    def __init__(self, env: dict[str, str], use_time: bool):
        self.env = env
        self.use_time = use_time

    def run(self, command: Command, record: bool = True) -> None:
        command.prepare()
        argv = [TIME, "-v", *command.argv] if self.use_time else command.argv
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=self.env
        )
        _, stderr = process.communicate()
        wall = time.perf_counter() - start
        if process.returncode not in (0, 1):  # due exits 1 only for unreadable files; there are none
            reason = stderr.decode(errors="replace")[-2000:]
            raise SystemExit(f"{command.name} failed ({process.returncode}):\n{reason}")
        if record:
            command.walls.append(wall)
            peak = _peak_from_time(stderr.decode(errors="replace")) if self.use_time else None
            if peak is not None:
                command.peaks.append(peak)

    def turns(self, commands: list[Command], runs: int) -> list[list[float]]:
        """Run the commands in turn; the wall times of each turn."""
        for command in commands:
            self.run(command, record=False)
        rounds = []
        for _ in range(runs):
            for command in commands:
                self.run(command)
            rounds.append([command.walls[-1] for command in commands])
        return rounds


def _peak_from_time(text: str) -> float | None:
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return int(match.group(1)) / 1024 if match else None


def _time_works() -> bool:
    if not os.access(TIME, os.X_OK):
        return False
    result = subprocess.run([TIME, "-v", sys.executable, "-c", "pass"], capture_output=True, text=True, check=False)
    return _peak_from_time(result.stderr) is not None


def careerkit_argv() -> list[str]:
    script = Path(sys.executable).with_name("careerkit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "careerkit"]


def ratio(rounds: list[list[float]], a: int, b: int) -> float:
    return statistics.median(turn[a] / turn[b] for turn in rounds)


def generate(out: Path, people: int, docs: int) -> None:
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), str(out), "--people", str(people), "--docs", str(docs)],
        check=True,
        stderr=subprocess.DEVNULL,
    )


def measure_size(runner: Runner, work: Path, documents: int, runs: int) -> list[list[str]]:
    people = max(1, documents // DOCS_PER_PERSON)
    root = work / f"notes-{documents}"
    generate(root, people, min(documents, DOCS_PER_PERSON))
    time.sleep(2.1)  # files changed within ~2 s of a run are not cached yet
    due = [*careerkit_argv(), "--root", str(root), "due", "--today", TODAY]
    check = [*careerkit_argv(), "--root", str(root), "check"]
    cache = root / ".careerkit"
    changed = sorted(root.glob("people/*/*-checkin.md"))[0]

    def touch_one() -> None:
        os.utime(changed)  # the same file each time: one file changed since the run before

    def forget() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    cold = Command("careerkit due, cold (no cache)", due, forget)
    warm = Command("careerkit due, warm (nothing changed)", due)
    warm_json = Command("careerkit due --json, warm", [*due, "--json"])
    status = Command("careerkit status, warm", [*careerkit_argv(), "--root", str(root), "status"])
    check_cold = Command("careerkit check, cold (no cache)", check, forget)
    check_warm = Command("careerkit check, warm (nothing changed)", check)
    plain = Command("plain `frontmatter.load` loop", [sys.executable, str(HERE / "plain_loop.py"), str(root)])
    floor = Command("reading the bytes only (floor)", [sys.executable, str(HERE / "read_bytes.py"), str(root)])
    touched = Command("careerkit due, one file changed", due, touch_one)
    touched_check = Command("careerkit check, one file changed", check, touch_one)
    plain_again = Command("plain loop (turns with the changed file)", plain.argv)
    # In each turn: a cold run makes the cache that the warm runs after it use.
    main = runner.turns([cold, warm, warm_json, status, check_cold, check_warm, plain, floor], runs)
    second = runner.turns([touched, touched_check, plain_again], runs)
    rows = []
    for command, rel in (
        (cold, ratio(main, 0, 6)),
        (warm, ratio(main, 1, 6)),
        (warm_json, ratio(main, 2, 6)),
        (status, ratio(main, 3, 6)),
        (touched, ratio(second, 0, 2)),
        (check_cold, ratio(main, 4, 6)),
        (check_warm, ratio(main, 5, 6)),
        (touched_check, ratio(second, 1, 2)),
        (plain, 1.0),
        (floor, ratio(main, 7, 6)),
    ):
        rows.append(_row(f"{documents:,}", command, rel))
    return rows


def measure_large(runner: Runner, work: Path, documents: int, runs: int) -> list[list[str]]:
    """Cold and warm runs on a large repository, for their peak memory (and their speed beside the plain loop)."""
    root = work / f"notes-{documents}"
    generate(root, max(1, documents // DOCS_PER_PERSON), min(documents, DOCS_PER_PERSON))
    time.sleep(2.1)
    cache = root / ".careerkit"

    def forget() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    due = [*careerkit_argv(), "--root", str(root), "due", "--today", TODAY]
    check = [*careerkit_argv(), "--root", str(root), "check"]
    commands = [
        Command("careerkit due, cold (no cache)", due, forget),
        Command("careerkit due, warm", due),
        Command("careerkit check, cold (no cache)", check, forget),
        Command("careerkit check, warm", check),
        Command("plain `frontmatter.load` loop", [sys.executable, str(HERE / "plain_loop.py"), str(root)]),
    ]
    rounds = runner.turns(commands, runs)
    return [
        _row(f"{documents:,}", command, ratio(rounds, index, len(commands) - 1))
        for index, command in enumerate(commands)
    ]


def _row(size: str, command: Command, rel: float) -> list[str]:
    spread = f"{min(command.walls):.3f}-{max(command.walls):.3f}"
    return [size, command.name, f"{command.wall:.3f}", spread, _mib(command.peak), f"{rel:.2f}x"]


def measure_startup(runner: Runner, work: Path, runs: int, other: str | None) -> list[list[str]]:
    team = work / "team-of-six"
    shutil.copytree(PROJECT / "examples", team, ignore=shutil.ignore_patterns(".careerkit"))
    time.sleep(2.1)
    app = [str(HERE / "minimal_typer.py"), "hello"]
    name = f"minimal Typer app, two commands (typer {typer_version(sys.executable)})"
    typer_app = Command(name, [sys.executable, *app])
    due = Command("careerkit due, 6 people (warm)", [*careerkit_argv(), "--root", str(team), "due", "--today", TODAY])
    same_gc = Command(
        "the same app, garbage collector as careerkit's", [sys.executable, app[0], "--gc-as-careerkit", *app[1:]]
    )
    commands = [typer_app, due, same_gc]
    if other:
        commands.append(Command(f"minimal Typer app, typer {typer_version(other)} ({other})", [other, *app]))
    rounds = runner.turns(commands, runs)
    rows = [
        _row("6 people", command, 1.0 if index == 0 else ratio(rounds, index, 0))
        for index, command in enumerate(commands)
    ]
    # careerkit's own imports and work: `due` to the app that shuts down as cheaply as careerkit does
    own = Command("careerkit due, to the app above", due.argv, walls=due.walls, peaks=due.peaks)
    rows.insert(3, _row("6 people", own, ratio(rounds, 1, 2)))
    return rows


def typer_version(python: str) -> str:
    code = "import importlib.metadata as m; print(m.version('typer'))"
    result = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    return result.stdout.strip() or "?"


def _mib(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def check_outputs(runner: Runner, work: Path) -> str:
    """Cold, warm and uncached runs must print the same, and the notes must pass `check`; say so in the report."""
    root = work / "check"
    generate(root, 4, 30)
    time.sleep(2.1)
    same = True
    for command in (["due", "--today", TODAY, "--json"], ["check", "--json"]):
        argv = [*careerkit_argv(), "--root", str(root), *command]
        outputs = []
        for env in (runner.env, runner.env, {**runner.env, "CAREERKIT_NO_CACHE": "1"}):
            outputs.append(subprocess.run(argv, capture_output=True, env=env, check=False).stdout)
        same = same and outputs[0] == outputs[1] == outputs[2] and bool(outputs[0])
        if command[0] == "check" and outputs[0].strip() != b"[]":
            raise SystemExit("the generated notes do not pass `careerkit check`")
    return "identical" if same else "DIFFERENT"


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("careerkit", "typer", "PyYAML", "python-frontmatter"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="numbers of documents (default 100,1000,10000)")
    parser.add_argument("--runs", type=int, default=5, help="counted runs of each command (default 5)")
    parser.add_argument(
        "--large",
        type=int,
        default=50_000,
        help="documents in the repository measured for peak memory (default 50000; 0: none)",
    )
    parser.add_argument("--large-runs", type=int, default=3, help="counted runs at --large (default 3)")
    parser.add_argument("--work", type=Path, help="keep the generated repositories in this new folder")
    parser.add_argument(
        "--other-typer",
        metavar="PYTHON",
        help="also time the minimal Typer app under this Python (another Typer version installed)",
    )
    args = parser.parse_args(argv)
    try:
        sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    except ValueError:
        parser.error("--sizes: numbers separated by commas, e.g. 100,1000")
    if importlib.util.find_spec("frontmatter") is None:
        parser.error('the plain loop needs python-frontmatter: pip install ".[bench]"')
    if args.work is not None and args.work.exists() and any(args.work.iterdir()):
        parser.error(f"--work: {args.work} is not empty")
    work = args.work or Path(tempfile.mkdtemp(prefix="careerkit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONDONTWRITEBYTECODE", "CAREERKIT_NO_CACHE", "CAREERKIT_ROOT")
    }
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    runner = Runner(env, _time_works())
    try:
        same = check_outputs(runner, work)
        rows = []
        for size in sizes:
            rows += measure_size(runner, work, size, args.runs)
        if args.large:
            rows += measure_large(runner, work, args.large, args.large_runs)
        rows += measure_startup(runner, work, args.runs, args.other_typer)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(
        f"careerkit benchmarks, {date.today()}: Python {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs; {versions()}."
    )
    print(
        f"Median of {args.runs} whole-process runs each, run in turn; the ratio is to the plain loop "
        "(start-up rows: to the minimal Typer app). Peak memory: "
        f"{'/usr/bin/time -v' if runner.use_time else 'not measured (no /usr/bin/time)'}. "
        f"Cold, warm and uncached output: {same}.\n"
    )
    print_table(rows)
    return 0


def print_table(rows: list[list[str]]) -> None:
    """The rows as the Markdown table docs/performance.md holds."""
    print("| documents | command | median s | min-max s | peak MiB | ratio |")
    print("|---:|---|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    sys.exit(main())
