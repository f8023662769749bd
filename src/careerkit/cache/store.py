"""One cache file: its entries, its header (format, fingerprint of the code, checksum), the folder it
lives in, and when it may be trusted at all. What an entry holds and when it is stale is careerkit.cache.reads."""

import contextlib
import json
import os
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from careerkit import __version__
from careerkit.cache import codec
from careerkit.fs.read import read_regular
from careerkit.values.model import (
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
            data = read_regular(path, follow_links=False)  # a link could lead out of the notes
            header, _, body = data.partition(b"\n")
            meta = json.loads(header)
            if (
                not isinstance(meta, dict)
                or meta.get("format") != FORMAT
                or meta.get("fingerprint") != fingerprint()
                or meta.get("crc32") != zlib.crc32(body)
                or not same_code(meta.get("code"), meta.get("code_stat"))
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
        header = json.dumps(
            {
                "format": FORMAT,
                "fingerprint": fingerprint(),
                "code": code_sum(),
                "code_stat": code_stat(),
                "crc32": zlib.crc32(body),
            }
        )
        _write_atomic(path, header.encode("utf-8") + b"\n" + body)


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


def make_cache_dir(root: Path) -> None:
    """`.careerkit/reads/`, owner-only (careerkit.fs.dotdir)."""
    from careerkit.fs.dotdir import make_folder

    make_folder(root, READS_DIR)


def _write_atomic(path: Path, data: bytes) -> None:
    """An owner-only cache file, put in place in one step (careerkit.fs.safe); not forced to disk: a cache
    file lost to a power cut is made again."""
    from careerkit.fs import safe as fsutil  # (only when something is written: it imports tempfile)

    fsutil.write_private(path, data, None, fsutil.STATE, durable=False)


def prune(folder: Path, root: Path) -> None:
    """Drop the cache files of people whose folder is gone, and temporary files a killed run left."""
    from careerkit.fs import safe as fsutil

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
_CODE: dict[str, str] = {}  # "sum" and "stat" of this run's code, each once known
CODE_RACY_NS = 2_000_000_000  # a module changed this recently (ns): its stat is no proof that its text is known


def fingerprint() -> str:
    """Changes whenever a change outside careerkit's own code could change what a file reads as: Python's
    (dates are read by `datetime.fromisoformat`), PyYAML's (its version, and LibYAML or not), careerkit's
    version and the fields of the cached records. careerkit's code itself is `code_sum`."""
    if not _FINGERPRINT:
        parts = [f"python {sys.version_info[0]}.{sys.version_info[1]}.{sys.version_info[2]}", _pyyaml_files()]
        for cls in CACHED_CLASSES:
            hints = cls.__annotations__
            parts.append(cls.__name__ + "(" + ", ".join(f"{name}: {hints[name]}" for name in cls._fields) + ")")
        _FINGERPRINT.append(f"careerkit {__version__} format {FORMAT} {zlib.crc32('; '.join(parts).encode()):08x}")
    return _FINGERPRINT[0]


def same_code(recorded_sum: Any, recorded_stat: Any) -> bool:
    """Whether a cache file was written by the code running now.

    The code is named by `code_sum`, a checksum of the text of every module of the installed package (its
    cost: docs/performance.md, "The code's fingerprint"): two installs of the same code share a cache, and
    any change to that code, even one that keeps the version, the sizes and the times of the files, makes
    a new one. Every module, not only those that read: a list kept by hand would silently miss one after a
    move, while a cache rebuilt after a change that did not need it is merely slower once. The text is read
    only when the modules' stat (`code_stat`) differs from the one the file records: a module whose text
    changed has a new ctime or inode, whatever an installer does to its mtime.
    """
    if not isinstance(recorded_sum, str):
        return False
    if isinstance(recorded_stat, str) and recorded_stat and recorded_stat == code_stat():
        _CODE.setdefault("sum", recorded_sum)  # the same modules as that run summed: their text is known
        return recorded_sum == _CODE["sum"]
    return recorded_sum == code_sum()


def code_sum() -> str:
    """The checksum of the text of the code running now (`code_checksum` of its package), read once a run."""
    if "sum" not in _CODE:
        _CODE["sum"] = code_checksum(_package())
    return _CODE["sum"]


def code_stat() -> str:
    """A checksum of the path, size, times and inode of every module of the package; empty while one of
    them changed too recently for its stat to tell a later change from it (as a note's, see RACY_NS)."""
    if "stat" not in _CODE:
        package = _package()
        lines, newest = [], 0
        for module in _modules(package, ""):
            try:
                st = os.stat(os.path.join(package, module))
            except OSError:
                lines.append(f"{module} ?")
                continue
            lines.append(f"{module} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}")
            newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
        text = "\n".join(lines).encode()
        _CODE["stat"] = (
            "" if newest >= time.time_ns() - CODE_RACY_NS else f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"
        )
    return _CODE["stat"]


def _package() -> str:
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def code_checksum(package: str) -> str:
    """A 64-bit checksum (CRC-32 and Adler-32) of the path and text of every `.py` file under `package`."""
    crc, adler = 0, 1
    for module in _modules(package, ""):
        data = _read_module(os.path.join(package, module))
        head = f"{module} {len(data)}\n".encode()  # so that code moved between modules still counts
        crc, adler = zlib.crc32(data, zlib.crc32(head, crc)), zlib.adler32(data, zlib.adler32(head, adler))
    return f"{crc:08x}{adler:08x}"


def _modules(folder: str, prefix: str) -> list[str]:
    """The `.py` files under `folder`, as sorted paths with `/` after `prefix` (`cache/store.py`)."""
    found: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".py"):
                found.append(prefix + entry.name)
            elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                found += _modules(entry.path, f"{prefix}{entry.name}/")
    return sorted(found)


def _read_module(path: str) -> bytes:
    """A module's text (os-level calls: about half the cost of `open` for some sixty small files a run)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return b"?"
    try:
        chunks = []
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return b"?"
    finally:
        os.close(handle)


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
