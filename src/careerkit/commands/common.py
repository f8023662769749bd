"""What every command shares: the notes root, error handling, output helpers."""

import functools
import os
import re
import sys
from collections.abc import Callable
from typing import IO, Any, TypeVar

import typer

from careerkit.errors import CareerkitError

F = TypeVar("F", bound=Callable[..., Any])

# What must not reach a terminal raw: control characters (C0 but tab, DEL, C1; so every escape
# sequence), line and paragraph separators, the marks that reverse text direction, and the lone
# surrogates that stand for bytes of a file name that is not UTF-8.
_UNPRINTABLE = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
_UNPRINTABLE_LINE = re.compile(rf"[\n{_UNPRINTABLE}]")
_UNPRINTABLE_BLOCK = re.compile(rf"[{_UNPRINTABLE}]")  # keeps line breaks


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by the file system's decoding
        return f"\\x{code - 0xDC00:02x}"
    return {"\n": "\\n", "\r": "\\r"}.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str, keep_newlines: bool = False) -> str:
    """`text` safe to print on a terminal: control characters and escape sequences as visible escapes
    (`\\x1b`, `\\n`), so that a name or title can neither drive the terminal nor start a line of its own.

    Text output only: JSON output keeps every value exactly as it was read.
    """
    pattern = _UNPRINTABLE_BLOCK if keep_newlines else _UNPRINTABLE_LINE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def echo_line(text: str, err: bool = False) -> None:
    """Print one line made of values from the notes (see `printable`)."""
    typer.echo(printable(text), err=err)


def reports_errors(func: F) -> F:
    """Turn a CareerkitError, or a file that could not be made or written, into one line on stderr and exit 1/2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CareerkitError as error:
            echo_line(f"careerkit: {error}", err=True)
            raise typer.Exit(error.exit_code) from None
        except OSError as error:  # e.g. a file where a folder should be: the place and the reason, no more
            where = f"{os.fsdecode(error.filename)}: " if error.filename is not None else ""
            echo_line(f"careerkit: {where}{(error.strerror or type(error).__name__).lower()}", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def notes(ctx: typer.Context) -> Any:
    """The notes repository chosen by --root, CAREERKIT_ROOT or the upward search."""
    from careerkit.notes import Notes, find_root

    return Notes(find_root((ctx.obj or {}).get("root")))


def report_problems(problems: list[Any]) -> None:
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


def today_option(text: str | None) -> Any:
    from careerkit.dates import today_or

    return today_or(text)


TODAY_HELP = "Treat this date (YYYY-MM-DD) as today."
