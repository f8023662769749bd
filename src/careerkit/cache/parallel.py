"""Parsing many documents at once: in several processes where `fork` is available (a first run on a large
repository), else here; what an `Inspection` finds in each document comes along.

This process reads the first share and each forked child another, sending it back as JSON
(careerkit.cache.codec) through a pipe; any trouble with a child and its share is read here.
"""

import contextlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from careerkit.cache import codec
from careerkit.reading import documents
from careerkit.values.model import ReadResult
from careerkit.values.records import Record

PARALLEL_MIN_FILES = 400  # fewer files to read than this: read them in this process
PER_WORKER_FILES = 200  # at least this many files for each extra process
MAX_WORKERS = 8

Pair = tuple[ReadResult, Any]  # a document's read result, and what an Inspection found in it (None without one)


class Inspection(Record):
    """Something more to find in each document while it is parsed (what `check` looks for), kept in the
    cache beside the document's read result, under the file's relative path + store.SEPARATOR + `name`."""

    name: str
    context: str  # what decides the result besides the file and the code (part of the key)
    kind: Any  # the type of the result, a record (to decode it from the cache)
    run: Callable[[str, Any, Any, Any], Any]  # (relative path, text, Split, yamlio.Kept; each or None) -> result


Fresh = tuple[ReadResult, Any, "bytes | None", "bytes | None"]  # result, inspection's, and their JSON to cache


def read_pairs(
    root: Path, items: list[tuple[Path, str]], inspection: Inspection | None, encode: bool = True
) -> list[Fresh]:
    """Each document's read result and what `inspection` found in it (None without one), and with
    `encode` the JSON text of both to cache (None: not cacheable).

    Many files are parsed in several processes where `fork` is available: this
    process reads the first share and each forked child another, sending it back
    as JSON through a pipe; any trouble with a child and its share is read here.
    """

    def fresh(pairs: list[Pair]) -> list[Fresh]:
        if not encode:
            return [(result, extra, None, None) for result, extra in pairs]
        return [
            (result, extra, codec.encode(result), codec.encode(extra) if inspection is not None else None)
            for result, extra in pairs
        ]

    workers = _workers(len(items))
    if workers <= 1:
        return fresh(_read_all(root, items, inspection))
    size = -(-len(items) // workers)
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    children: list[tuple[int, int] | None] = []  # (pid, read end of its pipe); None: no child for it
    try:
        for chunk in chunks[1:]:
            try:
                children.append(_fork_reader(root, chunk, inspection))
            except OSError:
                children.append(None)
        # Encode this share while the children finish theirs: the cache is then written without waiting.
        found = fresh(_read_all(root, chunks[0], inspection))
        for child, chunk in zip(children, chunks[1:], strict=True):
            share = _collect(*child, len(chunk), inspection) if child is not None else None
            found += share if share is not None else fresh(_read_all(root, chunk, inspection))
    finally:
        for child in children:
            if child is not None:
                with contextlib.suppress(OSError):
                    os.close(child[1])
                with contextlib.suppress(OSError):
                    os.waitpid(child[0], 0)
    return found


def _read_all(root: Path, items: list[tuple[Path, str]], inspection: Inspection | None) -> list[Pair]:
    if inspection is None:
        return [(documents.read_document(root, path, person), None) for path, person in items]
    found: list[Any] = []

    def inspect(rel: str, text: Any, split: Any, tree: Any) -> None:
        found.append(inspection.run(rel, text, split, tree))  # the tree is let go of here, file by file

    pairs: list[Pair] = []
    for path, person in items:
        result = documents.read_document(root, path, person, inspect)
        pairs.append((result, found.pop()))
    return pairs


def _workers(files: int) -> int:
    """How many processes should parse `files` documents: several only for many files, on Linux."""
    if files < PARALLEL_MIN_FILES or not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        return 1
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return 1  # forking a process that runs threads is unsafe
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, files // PER_WORKER_FILES, MAX_WORKERS))


def _fork_reader(root: Path, chunk: list[tuple[Path, str]], inspection: Inspection | None) -> tuple[int, int]:
    """Start a child that reads `chunk` and writes the results as JSON to a pipe; (pid, read end)."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        raise
    if pid == 0:  # the child: parse, send, and leave without running any of the parent's clean-up
        status = 1
        try:
            os.close(read_end)
            lines = []
            for result, extra in _read_all(root, chunk, inspection):
                lines.append(codec.dumps(result))
                if inspection is not None:
                    lines.append(codec.dumps(extra))
            with os.fdopen(write_end, "wb") as stream:
                stream.write(b"\n".join(lines))
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, fd: int, count: int, inspection: Inspection | None) -> list[Fresh] | None:
    """The `count` results a child sent, decoded; None when it failed (its share is then read here)."""
    parts = []
    while True:
        block = os.read(fd, 1 << 20)
        if not block:
            break
        parts.append(block)
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    try:
        lines = b"".join(parts).split(b"\n")  # one value a line: compact JSON never holds a raw newline
        if inspection is None:
            if len(lines) != count:
                return None
            return [(codec.decode_read_result(json.loads(line)), None, line, None) for line in lines]
        if len(lines) != 2 * count:
            return None
        decode = codec.decoder(inspection.kind)
        return [
            (codec.decode_read_result(json.loads(line)), decode(json.loads(extra)), line, extra)
            for line, extra in zip(lines[::2], lines[1::2], strict=True)
        ]
    except Exception:  # read this share here instead
        return None
