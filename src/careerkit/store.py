"""One cache file: its entries, its header (format, fingerprint of the code, checksum), the folder it
lives in, and when it may be trusted at all. What an entry holds and when it is stale is careerkit.cache."""

import contextlib
import json
import os
import stat
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from careerkit import __version__, codec
from careerkit.model import (
    Action,
    Condensed,
    Document,
    Dream,
    DreamSkill,
    PersonNotes,
    PlanSkill,
    Problem,
    Profile,
    ReadResult,
    Settings,
)

FORMAT = 1
CACHE_DIR = ".careerkit"  # careerkit's own folder in the notes: this cache, and the locks (careerkit.locks)
GITIGNORE = "# careerkit's cache of what it read: safe to delete, never committed.\n*\n"
READS_DIR = "reads"  # under .careerkit/
SEPARATOR = "\x00"  # between a file's path and the name of an Inspection: no path holds it

# Every record type a cache file holds; their field names and types are part of the fingerprint.
CACHED_CLASSES: tuple[Any, ...] = (
    ReadResult,
    Document,
    Action,
    Dream,
    DreamSkill,
    PlanSkill,
    Problem,
    Settings,
    Profile,
    PersonNotes,
    Condensed,
)
# The modules whose code decides what a file reads as; a change to one of them invalidates the cache.
READER_MODULES = (
    "body",
    "cache",
    "check",
    "codec",
    "content",
    "dates",
    "documents",
    "errors",
    "frontmatter_text",
    "fsutil",
    "ids",
    "loader",
    "locks",
    "model",
    "notes",
    "parallel",
    "records",
    "schema",
    "settings",
    "slugs",
    "store",
    "template_lines",
    "templates",
    "yamlio",
)


class Store:
    """The entries of one cache file: name -> [*key, payload].

    For a file the name is its relative path and the key its `_stat_key` (for what
    an Inspection found in it, the path + SEPARATOR + the inspection's name, and the
    key and the inspection's context); for a person (in PEOPLE_FILE, CHECKS_FILE)
    the name is the slug and the key their signature and a context.
    """

    def __init__(self, entries: dict[str, list[Any]], valid: bool):
        self.entries = entries
        self.seen: set[str] = set()
        self.dirty = not valid  # an unreadable or outdated file is rewritten

    @classmethod
    def load(cls, path: Path) -> "Store":
        try:
            data = _read_regular_file(path)
            header, _, body = data.partition(b"\n")
            meta = json.loads(header)
            if (
                not isinstance(meta, dict)
                or meta.get("format") != FORMAT
                or meta.get("fingerprint") != fingerprint()
                or meta.get("crc32") != zlib.crc32(body)
            ):
                return cls({}, valid=False)
            entries = json.loads(body)
            if not isinstance(entries, dict):
                return cls({}, valid=False)
            return cls(entries, valid=True)
        except FileNotFoundError:
            return cls({}, valid=True)  # nothing cached yet; written only if there is something to keep
        except Exception:  # unreadable or undecodable: ignore it, it is rebuilt
            return cls({}, valid=False)

    def get(self, name: str, key: tuple[Any, ...], decode: codec.Decode) -> Any:
        entry = self.entries.get(name)
        if entry is None:
            return None
        try:
            if type(entry) is list and len(entry) == len(key) + 1 and tuple(entry[:-1]) == key:
                return decode(entry[-1])
        except Exception:  # a damaged entry: read the file again
            pass
        del self.entries[name]
        self.dirty = True
        return None

    def put(self, name: str, key: tuple[Any, ...], payload: bytes) -> None:
        """Keep `payload` (JSON text) for `name` as it is while its key is `key`."""
        self.entries[name] = [*key, payload]
        self.dirty = True

    def changed(self, forget: Callable[[str], bool]) -> bool:
        """True when the file must be written; first drops the entries `forget` says are gone.

        What an Inspection kept of a file stays while the file was looked at, even by a run that
        did not ask for it (`due` after `check`).
        """
        gone = [name for name in self.entries if name.partition(SEPARATOR)[0] not in self.seen and forget(name)]
        for name in gone:
            del self.entries[name]
        return self.dirty or bool(gone)

    def write(self, path: Path) -> None:
        parts = []
        for name, entry in self.entries.items():
            *key, payload = entry
            encoded = payload if isinstance(payload, bytes) else codec.dumps(payload)  # else: as it was loaded
            parts.append(b"%s:%s,%s]" % (codec.dumps(name), codec.dumps(key)[:-1], encoded))  # [*key, payload]
        body = b"{" + b",".join(parts) + b"}"
        header = json.dumps({"format": FORMAT, "fingerprint": fingerprint(), "crc32": zlib.crc32(body)})
        _write_atomic(path, header.encode("utf-8") + b"\n" + body)


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a cache file; OSError for anything else in its place: never read through a link (it could
    lead out of the notes), nor from a pipe (it would block) or a device (it may never end)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    with os.fdopen(os.open(path, flags), "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise OSError(f"{path.name} is not a regular file")
        return stream.read()


def cache_dir_usable(folder: Path) -> bool:
    """False when something other than a real folder is in the cache's place (a file, a link)."""
    for path in (folder, folder / READS_DIR):
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return True
        except OSError:
            return False
        if (st.st_mode & 0o170000) != 0o040000:
            return False
    return True


def make_cache_dir(folder: Path) -> None:
    """`.careerkit/` (owner-only, with a `.gitignore` of `*`) and its `reads/` folder."""
    for path in (folder, folder / READS_DIR):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            if not os.path.isdir(path) or os.path.islink(path):
                raise NotADirectoryError(path) from None
    ignore = folder / ".gitignore"
    if not os.path.lexists(ignore):
        _write_atomic(ignore, GITIGNORE.encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    """An owner-only cache file, put in place in one step (careerkit.fsutil); not forced to disk: a cache
    file lost to a power cut is made again."""
    from careerkit import fsutil  # (only when something is written: it imports tempfile)

    fsutil.write_private(path, data, durable=False)


def prune(folder: Path, root: Path) -> None:
    """Drop the cache files of people whose folder is gone, and temporary files a killed run left."""
    from careerkit import fsutil

    now = time.time_ns()
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(fsutil.TEMP_PREFIX) and name.endswith(fsutil.TEMP_SUFFIX):  # as fsutil's own rule
                gone = entry.stat(follow_symlinks=False).st_mtime_ns < now - fsutil.UNLOCKED_TEMP_SECONDS * 10**9
            else:
                gone = (
                    name.endswith(".json")
                    and not name.startswith("_")
                    and not os.path.isdir(root / "people" / name[: -len(".json")])
                )
            if gone:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


# -- the fingerprint --------------------------------------------------------------


_FINGERPRINT: list[str] = []


def fingerprint() -> str:
    """Changes whenever a change of code could change what a file reads as: careerkit's, Python's
    (dates are read by `datetime.fromisoformat`) or PyYAML's (its version, and LibYAML or not).

    careerkit's part is a checksum of the text of the modules that read the files and decide what is
    kept (its cost: docs/performance.md, "The code's fingerprint"): two installs of the same code share
    a cache, and any change to that code, even one that keeps the version, the sizes and the times of the
    files, makes a new one.
    """
    if not _FINGERPRINT:
        parts = [f"python {sys.version_info[0]}.{sys.version_info[1]}.{sys.version_info[2]}", _pyyaml_files()]
        for cls in CACHED_CLASSES:
            hints = cls.__annotations__
            parts.append(cls.__name__ + "(" + ", ".join(f"{name}: {hints[name]}" for name in cls._fields) + ")")
        package = os.path.dirname(os.path.abspath(__file__))
        crc, adler = 0, 1  # two checksums: 64 bits
        for module in READER_MODULES:
            try:
                with open(os.path.join(package, f"{module}.py"), "rb") as stream:
                    data = stream.read()
            except OSError:
                data = b"?"
            head = f"{module} {len(data)}\n".encode()  # so that code moved between modules still counts
            crc, adler = zlib.crc32(data, zlib.crc32(head, crc)), zlib.adler32(data, zlib.adler32(head, adler))
        _FINGERPRINT.append(
            f"careerkit {__version__} format {FORMAT} code {zlib.crc32('; '.join(parts).encode()):08x}"
            f"{crc:08x}{adler:08x}"
        )
    return _FINGERPRINT[0]


def _pyyaml_files() -> str:
    """PyYAML as installed: the text of its `__init__.py` (which holds its version) and the names and
    sizes of its LibYAML extension (found without importing it: a warm run never does)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("yaml")
        folder = Path(spec.origin).parent if spec is not None and spec.origin else None
        if folder is None:
            return "pyyaml ?"
        with open(folder / "__init__.py", "rb") as stream:
            init = stream.read()
        extensions = sorted(
            f"{name} {os.stat(folder / name).st_size}" for name in os.listdir(folder) if name.startswith("_yaml")
        )
        return f"pyyaml {len(init)} {zlib.crc32(init):08x} {' '.join(extensions)}"
    except (ImportError, OSError, ValueError):
        return "pyyaml ?"
