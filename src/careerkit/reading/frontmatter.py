"""Splitting a note into its YAML frontmatter and body, as plain text.

We split the text ourselves rather than through python-frontmatter: it misses
a BOM, the `...` end marker and an unclosed block, and it gives no line
numbers. The split keeps offsets so that edits can change bytes in place.
"""

from __future__ import annotations

import re

from careerkit.errors import CareerkitError
from careerkit.values import codes
from careerkit.values.records import Record

MAX_FRONTMATTER_CHARS = 1 << 20
BOM = "\ufeff"
_OPEN = re.compile(r"---[ \t]*(\r?\n|$)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


class Split(Record):
    """Where the parts of a note are, as offsets into the decoded text."""

    text: str
    yaml_start: int  # first character of the YAML
    yaml_end: int  # first character of the closing line
    body_start: int  # first character after the closing line
    first_yaml_line: int  # 1-based line number in the file of the YAML's first line

    @property
    def yaml(self) -> str:
        return self.text[self.yaml_start : self.yaml_end]

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def newline(self) -> str:
        """The line ending the frontmatter uses (kept when we add lines)."""
        return "\r\n" if self.text[: self.yaml_start].endswith("\r\n") else "\n"


def decode(data: bytes) -> str:
    """The file's text, or an error naming the line of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CareerkitError("UTF-16 text: save it as UTF-8", line=1, code=codes.NOT_TEXT)
    if b"\x00" in data[:8192]:
        raise CareerkitError("binary file, not Markdown text", line=1, code=codes.NOT_TEXT)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise CareerkitError("not UTF-8 text", line=line, code=codes.NOT_TEXT) from None


def split(text: str) -> Split:
    """Find the frontmatter block; raise CareerkitError (with a line) when there is none."""
    start = 1 if text.startswith(BOM) else 0
    opening = _OPEN.match(text, start)
    if opening is None:
        if not text[start:].strip():
            raise CareerkitError("empty file: a document needs frontmatter", line=1, code=codes.NO_FRONTMATTER)
        raise CareerkitError("no frontmatter: the first line must be ---", line=1, code=codes.NO_FRONTMATTER)
    yaml_start = opening.end()
    closing = _CLOSE.search(text, yaml_start) if opening.group(1) else None
    if closing is None:
        raise CareerkitError("frontmatter opened on line 1 is never closed with ---", line=1, code=codes.NO_FRONTMATTER)
    yaml_end = closing.start()
    if yaml_end - yaml_start > MAX_FRONTMATTER_CHARS:
        raise CareerkitError("frontmatter is larger than 1 MiB", line=2, code=codes.TOO_LARGE)
    body_start = closing.end()
    if text.startswith("\r\n", body_start):
        body_start += 2
    elif text.startswith("\n", body_start):
        body_start += 1
    return Split(text, yaml_start, yaml_end, body_start, 2)
