"""Reading one file without surprises: the one home of the read that documents, profiles, careerkit.yaml,
cache files and templates all go through.

Only a regular file is read: a pipe would block and a device may never end, so neither is opened for
more than a look at what it is. A limit, when given, is never read past.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20
MAX_FILE_BYTES = 16 << 20  # a note is text typed by a person: anything larger is not read, nor written


class NotARegularFile(OSError):
    """A folder, a pipe, a socket or a device where a file was expected."""

    def __init__(self, folder: bool):
        super().__init__("not a regular file")
        self.folder = folder


class TooLarge(OSError):
    """The file holds more bytes than the limit it was read with."""


def read_regular(path: Path | str, limit: int | None = None, follow_links: bool = True) -> bytes:
    """The bytes of the regular file at `path`; NotARegularFile, TooLarge (more than `limit` bytes), or the
    OSError of opening or reading it. Without `follow_links`, a link is refused as the system refuses it."""
    flags = _FLAGS if follow_links else _FLAGS | getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(path, flags)
    try:
        st = os.fstat(handle)
        if not stat.S_ISREG(st.st_mode):
            raise NotARegularFile(stat.S_ISDIR(st.st_mode))
        cap = limit + 1 if limit is not None else None  # one byte more than allowed tells a file too large
        chunks: list[bytes] = []
        size = 0
        want = st.st_size + 1  # most files: one read for the bytes, one for the end
        while cap is None or size < cap:
            chunk = os.read(handle, want if cap is None else min(want, cap - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            want = _CHUNK
        if cap is not None and size >= cap:
            raise TooLarge(f"more than {limit} bytes")
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(handle)
