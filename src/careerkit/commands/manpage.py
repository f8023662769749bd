"""The man page, careerkit.1, written from the same commands as docs/commands.md (careerkit.commands.docgen).

Each command's usage, help, arguments, options and examples come from the Click command that runs it;
only the sections about the whole program (environment, files, exit status) are written here. The
page is installed with the package into share/man/man1, so `man careerkit` finds it in a virtual
environment (man looks in ../share/man beside each folder of PATH).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Iterator
from typing import Any

from careerkit import __version__

NAME = "career conversations kept as plain Markdown notes"
DESCRIPTION = """\
careerkit keeps career conversations (a person's life story, their dreams, an action plan, then \
regular check-ins and notes) as Markdown files with YAML frontmatter in a notes repository: \
people/<person>/<date>-<stage>.md. It writes each document pre-filled from the earlier ones, \
changes an action's frontmatter without touching any other byte, and says what needs your \
attention. The files stay plain text: read them, edit them and keep them in git as you like.

Wherever a command takes a PERSON, a slug (zoe-obrien), the name in their profile ("Zoë \
O'Brien") or the start of either that fits one person only will do."""

ENVIRONMENT = [
    ("CAREERKIT_ROOT", "The notes repository, when --root is not given."),
    ("VISUAL, EDITOR", "The editor of careerkit edit and new --edit: $VISUAL, else $EDITOR, else vi."),
    ("CAREERKIT_PAGER, PAGER", "The pager for long output on a terminal (default less); empty or cat for none."),
    ("NO_COLOR", "When set, no colours on the terminal."),
    ("CAREERKIT_NO_CACHE", "When set (not 0), nothing is read from or written to the cache in .careerkit/."),
    ("CAREERKIT_DEBUG", "When set, an internal error shows its traceback."),
]

FILES = [
    ("careerkit.yaml", "The settings of a notes repository; its folder is the root."),
    ("people/PERSON/", "A person: their documents, YYYY-MM-DD-STAGE.md, and profile.md."),
    ("templates/", "Your own templates, overriding the shipped ones of the same name."),
    (".careerkit/", "The cache; never committed, always safe to delete."),
]

EXIT_STATUS = [
    ("0", "Success, also when things are due (careerkit due --fail exits 1 when something is)."),
    ("1", "A document could not be read, a check failed, or a change was refused (and then nothing was written)."),
    ("2", "Wrong usage: an unknown command, stage, person or option, or a bad date."),
]


def render(commands: Iterable[tuple[list[str], Any, Any]]) -> str:
    """The page in roff, from (words, Click command, its context) for careerkit itself and every command."""
    listed = list(commands)
    (_, program, context), rest = listed[0], listed[1:]
    lines = [
        '.\\" Generated from the commands by `python -m careerkit.commands.docgen`; edit the code, not this file.',
        f'.TH CAREERKIT 1 "" "careerkit {__version__}" "careerkit manual"',
        ".SH NAME",
        "careerkit \\- " + _text(NAME),
        ".SH SYNOPSIS",
        ".B careerkit",
        "[\\fB\\-\\-root\\fR \\fIPATH\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]...",
        ".SH DESCRIPTION",
        *_paragraphs(DESCRIPTION),
        ".SH OPTIONS",
        *_params(program, context),
        ".SH COMMANDS",
    ]
    for words, command, inner in rest:
        lines += _command(words, command, inner)
    lines += _section("ENVIRONMENT", ENVIRONMENT) + _section("FILES", FILES) + _section("EXIT STATUS", EXIT_STATUS)
    lines += [".SH EXAMPLES", *_examples(program)[2:]]
    lines += [".SH SEE ALSO", "\\fBgit\\fR(1), and each command's \\fB\\-\\-help\\fR."]
    return "\n".join(lines) + "\n"


def _command(words: list[str], command: Any, context: Any) -> list[str]:
    usage = " ".join(["careerkit", *words, *command.collect_usage_pieces(context)])
    return [
        f'.SS "{_text(" ".join(["careerkit", *words]))}"',
        _text(usage),
        *_paragraphs(inspect.cleandoc(command.help or "")),
        *_params(command, context),
        *_examples(command),
    ]


def _params(command: Any, context: Any) -> Iterator[str]:
    for param in command.get_params(context):
        record = param.get_help_record(context)
        if record is not None and param.name != "help":  # said once, in SEE ALSO
            yield from (".TP", f"\\fB{_text(record[0])}\\fR", _text(record[1]))


def _examples(command: Any) -> list[str]:
    """The examples at the foot of a command's help, one to a line."""
    found = [line.strip() for line in (command.epilog or "").splitlines()[2:] if line.startswith("  ")]
    if not found:
        return []
    return [".PP", "Examples:", ".RS", ".nf", *(_text(line) for line in found), ".fi", ".RE"]


def _section(title: str, rows: list[tuple[str, str]]) -> list[str]:
    lines = [f".SH {title}"]
    for name, text in rows:
        lines += [".TP", f"\\fB{_text(name)}\\fR", _text(text)]
    return lines


def _paragraphs(text: str) -> list[str]:
    """Text as roff paragraphs: one line each (man fills them to the reader's width)."""
    lines: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        if paragraph:
            lines += [".PP", _text(" ".join(paragraph.split()))]
    return lines


def _text(text: str) -> str:
    """Text that roff prints as it is: backslashes and hyphens escaped, no line read as a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text.startswith((".", "'")) else text
