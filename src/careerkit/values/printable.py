"""Text that is safe to show: on a terminal, and in the body of a new document."""

from __future__ import annotations

import re
import typing
from typing import Any, TypeVar

T = TypeVar("T")

# What must not reach a terminal raw: control characters (C0 but tab, DEL, C1; so every escape
# sequence), line and paragraph separators, the marks that reverse text direction, and the lone
# surrogates that stand for bytes of a file name that is not UTF-8.
_UNPRINTABLE = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
# As text, compiled (and kept) by `re` on first use: most runs print nothing that needs it.
_UNPRINTABLE_LINE = rf"[\n\r{_UNPRINTABLE}]"
_UNPRINTABLE_BLOCK = rf"[{_UNPRINTABLE}]|\r(?!\n)"  # keeps line breaks (LF or CRLF)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by the file system's decoding
        return f"\\x{code - 0xDC00:02x}"
    return {"\n": "\\n", "\r": "\\r"}.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str, keep_newlines: bool = False) -> str:
    """`text` safe to print on a terminal: control characters and escape sequences as visible escapes
    (`\\x1b`, `\\n`), so that a name or title can neither drive the terminal nor start a line of its own.

    For text output and document bodies only: JSON output keeps every value exactly as it was read.
    """
    if text.isprintable():  # the usual case, in one C call: each character `_UNPRINTABLE` names is not
        return text
    pattern = _UNPRINTABLE_BLOCK if keep_newlines else _UNPRINTABLE_LINE
    return re.sub(pattern, _escape, text) if re.search(pattern, text) else text


def printable_values(value: T) -> T:
    """`value` (a record, list or text, as read from the notes) with every text in it made `printable`.

    For views that lay values out in lines of their own (the agenda's Markdown):
    a line break in a title then cannot start a list item or a heading.
    """
    made: Any = value
    if isinstance(value, str):
        made = printable(value)
    elif isinstance(value, list):
        made = [printable_values(item) for item in value]
    elif isinstance(value, tuple) and hasattr(value, "_fields"):
        made = type(value)(*[printable_values(item) for item in value])
    return typing.cast(T, made)
