"""What every command shares: the global options, the notes root, output helpers.

Errors become messages and exit statuses in one place: careerkit.commands.app.
"""

import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from careerkit.values.printable import printable
from careerkit.values.records import Record

if TYPE_CHECKING:
    from pathlib import Path

    from careerkit.repository.loader import Repository
    from careerkit.values.model import Team


def echo_line(text: str, err: bool = False) -> None:
    """Print one line made of values from the notes (see `printable`)."""
    typer.echo(printable(text), err=err)


class GlobalOptions(Record):
    """The options given before the command (`careerkit --root PATH due`), in the context's `obj`."""

    root: str | None = None


def global_options(ctx: typer.Context) -> GlobalOptions:
    return ctx.find_object(GlobalOptions) or GlobalOptions()


def discard_stdout() -> None:
    """Point standard output at /dev/null, so that what is still buffered for a closed pipe is dropped
    quietly when the process ends (instead of Python's "Exception ignored" and exit status 120)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):  # not a real file (tests capture it): nothing to drop
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def repository(ctx: typer.Context) -> "Repository":
    """The notes repository chosen by --root, CAREERKIT_ROOT or the upward search; refused (exit 2) when there
    is none, rather than reading nothing or making `people/` in whatever folder the command was run from."""
    from careerkit.repository.layout import find_root
    from careerkit.repository.loader import Repository

    return Repository(find_root(global_options(ctx).root))


def writable_repository(ctx: typer.Context) -> "Repository":
    """The notes repository for a command that writes (found and refused as `repository` does)."""
    return repository(ctx)


def committed(root: "Path", written: Sequence["Path | None"], message: str) -> None:
    """Where every writing command ends: with `git: commit` in careerkit.yaml, commit exactly what it wrote.

    `message` says what changed (the verb, the stage, the action id: `close action 3 (done)`), never a name or a
    word anyone wrote: the paths in the commit name the person's folder already. A
    commit that fails leaves the files as written and says so on stderr; the
    exit status stays 0, because what the command was asked to write was written.
    """
    from careerkit.reading.settings import GIT_COMMIT, load_settings

    paths = [path for path in written if path is not None]
    if not paths or load_settings(root).value.git != GIT_COMMIT:
        return
    from careerkit.writing import git as gitcommit

    outcome = gitcommit.commit(root, paths, f"careerkit: {message}")
    if not outcome.committed:
        if outcome.output:  # what git or a hook said, made inert like every other text we print
            typer.echo(printable(outcome.output, keep_newlines=True), err=True)
        typer.echo(f"careerkit: warning: not committed ({outcome.problem}); the change is written", err=True)


def report_problems(problems: Sequence[object]) -> None:
    """Each unreadable file or left-out action as `path:line: message` on stderr."""
    for problem in problems:
        echo_line(str(problem), err=True)


def use_colour(stream: IO[str] | None = None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


STYLES = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "green": "32", "cyan": "36"}


def style(text: str, *names: str, colour: bool) -> str:
    if not colour or not names:
        return text
    codes = ";".join(STYLES[name] for name in names)
    return f"\x1b[{codes}m{text}\x1b[0m"


PAGER_ENV = "CAREERKIT_PAGER"
NO_PAGER_HELP = "Print straight to the terminal, not through $PAGER."


def show(text: str, paged: bool = True) -> None:
    """Print `text`; on a terminal, through the pager the way git does it (never into a pipe or a file).

    The pager is $CAREERKIT_PAGER, else $PAGER, else `less` (with LESS=FRX when
    LESS is not set: one screen of output is printed as is, colours pass);
    empty or `cat` means none. Without less, and with no pager named, there is none.
    """
    command = _pager() if paged and hasattr(sys.stdout, "isatty") and sys.stdout.isatty() else None
    if command is None:
        typer.echo(text, nl=False)
        return
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    sys.stdout.flush()
    try:  # through the shell, as git runs it: PAGER may hold options or a pipeline
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        typer.echo(text, nl=False)
        return
    assert pager.stdin is not None
    try:
        pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
        pager.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end
        pass
    while True:
        try:
            pager.wait()
            break
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager (less stops a search with it)
            continue


def _pager() -> str | None:
    """The pager's command line, or None for none (a pager the user named is run as given, like git does)."""
    import shutil

    command = os.environ.get(PAGER_ENV, os.environ.get("PAGER"))
    if command is None:
        return "less" if shutil.which("less") else None
    command = command.strip()
    return None if command in ("", "cat") else command


# What JSON leaves raw but a terminal obeys or an editor breaks lines at: DEL, the C1 range, U+2028 and U+2029.
_RAW_IN_JSON = "".join(map(chr, range(0x7F, 0xA0))) + "\u2028\u2029"


def print_json(value: Any) -> None:
    """JSON with readable text kept as it is: indented on a terminal, compact (one line) into a pipe or a file.

    Compact output is what a script reads, and `json.dumps` writes it with its C encoder; `indent` falls back to
    the pure-Python one, which took half of a warm `due --json` on 10,000 documents (docs/performance.md). The
    characters of _RAW_IN_JSON are written as \\u escapes, as JSON allows.
    """
    import json

    if getattr(sys.stdout, "isatty", bool)():
        text = json.dumps(value, indent=2, ensure_ascii=False)
    else:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if not text.isascii() and any(char in text for char in _RAW_IN_JSON):  # a string search each: cheap
        import re

        text = re.sub(f"[{_RAW_IN_JSON}]", lambda found: f"\\u{ord(found[0]):04x}", text)
    typer.echo(text)


def today_option(text: str | None) -> date:
    """`--today`, a DAY in any form (from the local date), else the local date; a bad one is a usage error."""
    from careerkit.values.dates import today_or

    return today_or(text)


def day_option(text: str | None, option: str, today: date) -> date | None:
    """A DAY option (`--date`, `--due`, `--since`, `--until`) from `today` (what `--today` names); None when absent."""
    from careerkit.values.dates import parse_cli_date

    return parse_cli_date(text, option, today) if text is not None else None


# How every DAY option reads (careerkit.dates.DAY_FORMS, kept short for --help).
DAY = "DAY"
DAY_FORMS = "YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, friday, eom"
TODAY_HELP = f"Treat this day as today: {DAY_FORMS} (default: the local date)."
UNUSED_TODAY_HELP = "Taken by every command, so that a script can give it to all; this one does not depend on the day."


# The `--today` option, the same on every command (one that does not depend on the day only checks it).
Today = Annotated[str | None, typer.Option("--today", metavar=DAY, help=TODAY_HELP)]
TodayNotUsed = Annotated[str | None, typer.Option("--today", metavar=DAY, help=UNUSED_TODAY_HELP)]


JSON_HELP = "Print JSON for scripts instead of text."


def load_team(
    ctx: typer.Context, people: list[str] | None, condensed: "date | None" = None
) -> tuple["Repository", "Team"]:
    """The notes and what was read of them (only `people`, when named; see `Repository.load` for `condensed`)."""
    repo = repository(ctx)
    slugs = None if not people else list(dict.fromkeys(repo.resolve_person(p) for p in people))
    return repo, repo.load(slugs, condensed=condensed)


def finish(team: "Team", fail: bool = False) -> None:
    """How a command that reads ends: what could not be read on stderr, and exit 1 for it (or for `fail`)."""
    report_problems(team.errors)
    if team.errors or fail:
        raise typer.Exit(1)


def errors_json(team: "Team") -> list[dict[str, Any]]:
    """What could not be read, for `--json`: file, line (1-based, or null) and message."""
    return [{"file": p.path, "line": p.line, "message": p.message} for p in team.errors]
