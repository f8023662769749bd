"""What every command shares: the global options, the notes root, output helpers.

Errors become messages and exit statuses in one place: careerkit.app.
"""

import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import IO, TYPE_CHECKING, Any

import typer

from careerkit.printable import printable
from careerkit.records import Record

if TYPE_CHECKING:
    from careerkit.loader import Notes


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


def notes(ctx: typer.Context) -> "Notes":
    """The notes repository chosen by --root, CAREERKIT_ROOT or the upward search."""
    from careerkit.loader import Notes
    from careerkit.notes import find_root

    return Notes(find_root(global_options(ctx).root))


def writable_notes(ctx: typer.Context) -> "Notes":
    """The notes repository for a command that writes: refused (exit 2) when there is none, rather
    than making `people/` in whatever folder the command was run from."""
    from careerkit.loader import Notes
    from careerkit.notes import writable_root

    return Notes(writable_root(global_options(ctx).root))


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


def print_json(value: Any) -> None:
    import json

    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


def today_option(text: str | None) -> date:
    from careerkit.dates import today_or

    return today_or(text)


TODAY_HELP = "Treat this date (YYYY-MM-DD) as today."
