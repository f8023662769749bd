"""A cache of what was read from each file, so that an unchanged repository is not parsed again.

What is cached, on two levels:

- the *read result* of each file: for a document the normalised `Document`
  plus its `Problem`s (`documents.read_document`), for careerkit.yaml and a
  profile the `Loaded` settings or profile. After one file changes, only
  that file is parsed again.
- for each person, their *condensed* notes (`PersonNotes.condensed`: what
  `due` and `status` read) and all the problems found in their files, keyed
  by the stat of every one of those files. A warm `due` or `status` reads
  only this, so that it costs a `stat` a file and not a document a file.

Findings are always computed afresh, so `--today`, `--within` and the rules
never see a stale answer.

Where: `<root>/.careerkit/reads/`: one JSON file per person (`<slug>.json`)
with the read results of their files, `_settings.json` for careerkit.yaml,
and `_people.json` with the condensed notes of everyone. The folder is made
owner-only with a `.gitignore` of `*`, so git never lists it. Deleting it is
always safe.

When an entry is used: only when the file's relative path, size, mtime_ns,
inode and ctime_ns are all the same as when it was read (for a person: those
of every file in their folder, and the list of files itself), so a changed,
added, removed or renamed file is never served stale. A file whose mtime or
ctime falls within RACY_NS of the moment this run started is read but not
cached: it could change again within the same timestamp tick without its
stat changing (git calls these entries "racy"); it is cached by a later run.

Every file starts with a header line: the format version, a fingerprint of
the code (careerkit's version, the field names and types of the cached
records, and the size and mtime of the modules that read the files) and
a CRC-32 of the rest. Any difference, and any error reading or decoding a
cache file, means that file is ignored and rebuilt: a broken cache never
changes what a command prints or its exit status. JSON only, never pickle: a
cache file that was shared or tampered with cannot run code.

A cache file is written atomically (temporary file, then `os.replace`, mode
0600) and only when something in it changed. When `.careerkit/` cannot be
made or written (read-only notes, a file or a link in its place), careerkit
works on without a cache. CAREERKIT_NO_CACHE=1 turns the cache off.

Reading many files (a first run on a large repository) is shared between
processors with `fork` where the platform has it; each worker parses its
share and sends the results back as JSON over a pipe.
"""

import contextlib
import datetime
import json
import os
import sys
import time
import types
import typing
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from careerkit import __version__, documents
from careerkit.documents import Action, Document, Dream, DreamSkill, PlanSkill, Problem, ReadResult
from careerkit.notes import PROFILE, DocumentFiles, PersonNotes
from careerkit.records import Record
from careerkit.settings import CONFIG_NAME, Loaded, Profile, Settings, load_profile, load_settings

FORMAT = 1
NO_CACHE_ENV = "CAREERKIT_NO_CACHE"
CACHE_DIR = ".careerkit"
READS_DIR = "reads"
SETTINGS_FILE = "_settings.json"  # a slug never starts with "_"
PEOPLE_FILE = "_people.json"
TEMP_PREFIX = ".tmp-"
GITIGNORE = "# careerkit's cache of what it read: safe to delete, never committed.\n*\n"
RACY_NS = 2_000_000_000  # a file changed this recently (ns) is read but not cached
PARALLEL_MIN_FILES = 400  # fewer files to read than this: read them in this process
PER_WORKER_FILES = 200  # at least this many files for each extra process
MAX_WORKERS = 8
STALE_TEMP_NS = 600_000_000_000  # a temporary file left this long by a killed run is removed


class Condensed(Record):
    """A person as `due` and `status` need them, and every problem found in their files."""

    person: PersonNotes
    problems: list[Problem]


# Every record type a cache file holds; their field names and types are part of the fingerprint.
CACHED_CLASSES: tuple[Any, ...] = (ReadResult, Document, Action, Dream, DreamSkill, PlanSkill, Problem, Settings,
                                    Profile, PersonNotes, Condensed)
# The modules whose code decides what a file reads as; a change to one of them invalidates the cache.
READER_MODULES = ("cache", "documents", "body", "frontmatter_text", "yamlio", "dates", "errors", "settings", "notes",
                  "ids", "records")

Key = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns
_Decode = Callable[[Any], Any]


def open_reads(root: Path) -> "Reads":
    """The reader for the notes at `root`: through the cache unless CAREERKIT_NO_CACHE is set."""
    if os.environ.get(NO_CACHE_ENV, "").strip() not in ("", "0"):
        return Reads(root)
    return CachedReads(root)


class Reads:
    """Reads settings, profiles and documents straight from the files (no cache)."""

    def __init__(self, root: Path):
        self.root = root

    def settings(self) -> Loaded:
        return load_settings(self.root)

    def profile(self, person: str) -> Loaded:
        return load_profile(self.root, person)

    def documents(self, items: list[tuple[Path, str]]) -> list[ReadResult]:
        """Each (path, person) document, in the order given."""
        return read_many(self.root, items)

    def condensed(self, person: str, files: DocumentFiles) -> Condensed | None:
        """The person's condensed notes as kept by an earlier run, when none of their files changed since."""
        return None

    def keep_condensed(self, person: str, notes: PersonNotes, problems: list[Problem]) -> None:
        """Keep what was just read of the person, as of the stat taken by `condensed` before reading it."""

    def save(self) -> None:
        """Nothing to keep."""


class CachedReads(Reads):
    """Reads through `<root>/.careerkit/reads/`, and keeps what it read there."""

    def __init__(self, root: Path):
        super().__init__(root)
        self.folder = root / CACHE_DIR / READS_DIR
        self.started = time.time_ns()
        self.usable = _cache_dir_usable(root / CACHE_DIR)
        self._stores: dict[str, _Store] = {}
        self._signatures: dict[str, str | None] = {}
        self._prefix = os.path.join(str(root), "")

    # -- the three kinds of file ------------------------------------------

    def settings(self) -> Loaded:
        return self._one(SETTINGS_FILE, CONFIG_NAME, _decode_settings, lambda: load_settings(self.root))

    def profile(self, person: str) -> Loaded:
        rel = f"people/{person}/profile.md"
        return self._one(f"{person}.json", rel, _decode_profile, lambda: load_profile(self.root, person))

    def documents(self, items: list[tuple[Path, str]]) -> list[ReadResult]:
        if not self.usable:
            return read_many(self.root, items)
        results: list[ReadResult | None] = [None] * len(items)
        misses: list[int] = []
        keys: list[Key | None] = [None] * len(items)
        rels: list[str] = []
        for index, (path, person) in enumerate(items):
            store = self._store(f"{person}.json")
            rel = self._rel(path)
            rels.append(rel)
            key = keys[index] = _stat_key(path)
            if key is not None:
                store.seen.add(rel)
                hit = store.get(rel, key, _decode_read_result)
                if hit is not None:
                    results[index] = hit
                    continue
            misses.append(index)
        if misses:
            fresh = _read_pairs(self.root, [items[index] for index in misses])
            for index, (result, payload) in zip(misses, fresh, strict=True):
                results[index] = result
                key = keys[index]
                if key is not None and payload is not None and not self._racy(key) and _lasting(result.problems):
                    self._store(f"{items[index][1]}.json").put(rels[index], key, payload)
        return typing.cast("list[ReadResult]", results)

    def condensed(self, person: str, files: DocumentFiles) -> Condensed | None:
        if not self.usable:
            return None
        signature = self._signatures[person] = self._signature(person, files)
        store = self._store(PEOPLE_FILE)
        store.seen.add(person)
        if signature is None:
            return None
        return typing.cast("Condensed | None", store.get(person, (signature,), decoder(Condensed)))

    def keep_condensed(self, person: str, notes: PersonNotes, problems: list[Problem]) -> None:
        signature = self._signatures.get(person) if _lasting(problems) else None
        payload = _encode(Condensed(notes, problems)) if signature is not None else None
        if signature is not None and payload is not None:
            self._store(PEOPLE_FILE).put(person, (signature,), payload)

    def _signature(self, person: str, files: DocumentFiles) -> str | None:
        """The stat of every file of the person, as one text; None when one of them is too new to cache."""
        lines = []
        folder = os.path.join(files.folder, "")
        for name in [*files.names, PROFILE]:
            key = _stat_key(folder + name)  # a string, not a Path: this runs for every file
            if key is not None and self._racy(key):
                return None
            lines.append(f"{name} {key}")
        return "\n".join(lines)

    def _rel(self, path: Path) -> str:
        """`path` relative to the root, with `/` (a string operation where it can be: this runs per file)."""
        text = str(path)
        if text.startswith(self._prefix):
            rel = text[len(self._prefix):]
            return rel if os.sep == "/" else rel.replace(os.sep, "/")
        return path.relative_to(self.root).as_posix()

    # -- helpers ------------------------------------------------------------

    def _one(self, name: str, rel: str, decode: _Decode, read: Callable[[], Loaded]) -> Loaded:
        """A settings-like file: from the cache when its key matches, else read (and cached)."""
        if not self.usable:
            return read()
        store = self._store(name)
        key = _stat_key(self.root / rel)
        if key is None:
            return read()  # missing or not a plain file: the loader says what that means
        store.seen.add(rel)
        hit = store.get(rel, key, decode)
        if hit is not None:
            return typing.cast(Loaded, hit)
        value = read()
        payload = _encode([value.value, value.problems])
        if payload is not None and not self._racy(key) and _lasting(value.problems):
            store.put(rel, key, payload)
        return value

    def _racy(self, key: Key) -> bool:
        """Changed so recently that a second change could keep the same stat: do not cache it yet."""
        return max(key[1], key[3]) >= self.started - RACY_NS

    def _store(self, name: str) -> "_Store":
        store = self._stores.get(name)
        if store is None:
            store = self._stores[name] = _Store.load(self.folder / name)
        return store

    def _forget(self, name: str) -> Callable[[str], bool]:
        """Which entries of a cache file that this run did not look at are gone for good."""
        if name == PEOPLE_FILE:  # a person whose folder is gone (`due alice` looks at alice only)
            return lambda slug: not os.path.isdir(self.root / "people" / slug)
        # A file of a person not listed in this run: every file of that person was listed when it was read.
        return lambda rel: True

    def save(self) -> None:
        """Write each cache file whose entries changed; on any error, quietly keep no cache."""
        if not self.usable:
            return
        dirty = {name: store for name, store in self._stores.items() if store.changed(self._forget(name))}
        if not dirty:
            return
        try:
            _make_cache_dir(self.root / CACHE_DIR)
        except Exception:  # read-only notes, a file in the way: no cache, and no complaint
            return
        for name, store in dirty.items():
            with contextlib.suppress(Exception):
                store.write(self.folder / name)
        with contextlib.suppress(Exception):
            _prune(self.folder, self.root)


def _lasting(problems: list[Problem]) -> bool:
    """False when a problem may be gone next time: the file could not be read (an I/O error, too many
    open files, a file a sync tool has not fetched yet). Such a result is used but never kept."""
    return not any(problem.message.startswith(documents.CANNOT_READ) for problem in problems)


class _Store:
    """The entries of one cache file: name -> [*key, payload].

    For a file the name is its relative path and the key its `_stat_key`; for a
    person (in PEOPLE_FILE) the name is the slug and the key their signature.
    """

    def __init__(self, entries: dict[str, list[Any]], valid: bool):
        self.entries = entries
        self.seen: set[str] = set()
        self.dirty = not valid  # an unreadable or outdated file is rewritten

    @classmethod
    def load(cls, path: Path) -> "_Store":
        try:
            with open(path, "rb") as stream:
                data = stream.read()
            header, _, body = data.partition(b"\n")
            meta = json.loads(header)
            if (not isinstance(meta, dict) or meta.get("format") != FORMAT or meta.get("fingerprint") != fingerprint()
                    or meta.get("crc32") != zlib.crc32(body)):
                return cls({}, valid=False)
            entries = json.loads(body)
            if not isinstance(entries, dict):
                return cls({}, valid=False)
            return cls(entries, valid=True)
        except FileNotFoundError:
            return cls({}, valid=True)  # nothing cached yet; written only if there is something to keep
        except Exception:  # unreadable or undecodable: ignore it, it is rebuilt
            return cls({}, valid=False)

    def get(self, name: str, key: tuple[Any, ...], decode: _Decode) -> Any:
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
        """True when the file must be written; first drops the entries `forget` says are gone."""
        gone = [name for name in self.entries if name not in self.seen and forget(name)]
        for name in gone:
            del self.entries[name]
        return self.dirty or bool(gone)

    def write(self, path: Path) -> None:
        parts = []
        for name, entry in self.entries.items():
            *key, payload = entry
            encoded = payload if isinstance(payload, bytes) else _dumps(payload)  # else: as it was loaded
            parts.append(b"%s:%s,%s]" % (_dumps(name), _dumps(key)[:-1], encoded))  # [*key, payload]
        body = b"{" + b",".join(parts) + b"}"
        header = json.dumps({"format": FORMAT, "fingerprint": fingerprint(), "crc32": zlib.crc32(body)})
        _write_atomic(path, header.encode("utf-8") + b"\n" + body)


# -- reading the files ---------------------------------------------------------


def read_many(root: Path, items: list[tuple[Path, str]]) -> list[ReadResult]:
    """Read each (path, person) document, in the order given."""
    return [result for result, _ in _read_pairs(root, items, encode=False)]


def _read_pairs(root: Path, items: list[tuple[Path, str]],
                encode: bool = True) -> list[tuple[ReadResult, bytes | None]]:
    """Each document's read result and, with `encode`, its JSON text to cache (None: not cacheable).

    Many files are parsed in several processes where `fork` is available: this
    process reads the first share and each forked child another, sending it back
    as JSON through a pipe; any trouble with a child and its share is read here.
    """
    def pairs_of(results: list[ReadResult]) -> list[tuple[ReadResult, bytes | None]]:
        return [(result, _encode(result) if encode else None) for result in results]

    workers = _workers(len(items))
    if workers <= 1:
        return pairs_of(_read_all(root, items))
    size = -(-len(items) // workers)
    chunks = [items[start:start + size] for start in range(0, len(items), size)]
    children: list[tuple[int, int] | None] = []  # (pid, read end of its pipe); None: no child for it
    try:
        for chunk in chunks[1:]:
            try:
                children.append(_fork_reader(root, chunk))
            except OSError:
                children.append(None)
        # Encode this share while the children finish theirs: the cache is then written without waiting.
        pairs = pairs_of(_read_all(root, chunks[0]))
        for child, chunk in zip(children, chunks[1:], strict=True):
            share = _collect(*child, len(chunk)) if child is not None else None
            pairs += share if share is not None else pairs_of(_read_all(root, chunk))
    finally:
        for child in children:
            if child is not None:
                with contextlib.suppress(OSError):
                    os.close(child[1])
                with contextlib.suppress(OSError):
                    os.waitpid(child[0], 0)
    return pairs


def _read_all(root: Path, items: list[tuple[Path, str]]) -> list[ReadResult]:
    return [documents.read_document(root, path, person) for path, person in items]


def _dumps(value: Any) -> bytes:
    """JSON of read results (records as lists of field values, dates as text)."""
    return json.dumps(value, default=_plain, ensure_ascii=False, separators=(",", ":"),
                      check_circular=False).encode("utf-8")


def _encode(value: Any) -> bytes | None:
    """The JSON text to cache of `value`; None when it cannot be (it is then read again next time)."""
    try:
        return _dumps(value)
    except Exception:  # e.g. text that is not valid Unicode, from a file name
        return None


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


def _fork_reader(root: Path, chunk: list[tuple[Path, str]]) -> tuple[int, int]:
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
            data = b"\n".join(_dumps(result) for result in _read_all(root, chunk))
            with os.fdopen(write_end, "wb") as stream:
                stream.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, fd: int, count: int) -> list[tuple[ReadResult, bytes | None]] | None:
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
        lines = b"".join(parts).split(b"\n")  # one result a line: compact JSON never holds a raw newline
        if len(lines) != count:
            return None
        return [(_decode_read_result(json.loads(line)), line) for line in lines]
    except Exception:  # read this share here instead
        return None


# -- the cache folder ------------------------------------------------------------


def _stat_key(path: Path | str) -> Key | None:
    """What identifies this version of a plain file; None when it cannot be cached."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    if (st.st_mode & 0o170000) != 0o100000:  # not a regular file
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


def _cache_dir_usable(folder: Path) -> bool:
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


def _make_cache_dir(folder: Path) -> None:
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
    """Write a new owner-only file next to `path`, then put it in its place in one step."""
    temp = path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{path.name}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(temp, flags, 0o600)
    except FileExistsError:  # left by a killed run that had the same process id
        os.unlink(temp)
        handle = os.open(temp, flags, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _prune(folder: Path, root: Path) -> None:
    """Drop the cache files of people whose folder is gone, and temporary files a killed run left."""
    now = time.time_ns()
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(TEMP_PREFIX):
                gone = entry.stat(follow_symlinks=False).st_mtime_ns < now - STALE_TEMP_NS
            else:
                gone = (name.endswith(".json") and not name.startswith("_")
                        and not os.path.isdir(root / "people" / name[: -len(".json")]))
            if gone:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


# -- the fingerprint --------------------------------------------------------------


_FINGERPRINT: list[str] = []


def fingerprint() -> str:
    """Changes whenever a change of code could change what a file reads as: careerkit's, Python's
    (dates are read by `datetime.fromisoformat`) or PyYAML's (its version, and LibYAML or not)."""
    if not _FINGERPRINT:
        parts = [f"python {sys.version_info[0]}.{sys.version_info[1]}", _pyyaml_files()]
        for cls in CACHED_CLASSES:
            hints = cls.__annotations__
            parts.append(cls.__name__ + "(" + ", ".join(f"{name}: {hints[name]}" for name in cls._fields) + ")")
        package = Path(__file__).parent
        for module in READER_MODULES:
            try:
                st = os.stat(package / f"{module}.py")
                parts.append(f"{module}.py {st.st_size} {st.st_mtime_ns}")
            except OSError:
                parts.append(f"{module}.py ?")
        _FINGERPRINT.append(f"careerkit {__version__} format {FORMAT} code {zlib.crc32('; '.join(parts).encode()):08x}")
    return _FINGERPRINT[0]


def _pyyaml_files() -> str:
    """PyYAML's installed files as they are (found without importing it: a warm run never does)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("yaml")
        folder = Path(spec.origin).parent if spec is not None and spec.origin else None
        if folder is None:
            return "pyyaml ?"
        st = os.stat(folder / "__init__.py")
        extensions = sorted(name for name in os.listdir(folder) if name.startswith("_yaml"))
        return f"pyyaml {st.st_size} {st.st_mtime_ns} {' '.join(extensions)}"
    except (ImportError, OSError, ValueError):
        return "pyyaml ?"


# -- records to JSON and back ----------------------------------------------------------
#
# The cached values are records (careerkit.records: tuples), so JSON writes each one as the
# list of its field values by itself; only dates need saying. Reading back, each type's
# decoder is built once from its fields' types, so a new field needs no code here.


def _plain(value: Any) -> Any:
    """json.dumps' fallback: a date as ISO text; nothing else is expected."""
    if type(value) is datetime.date:
        return value.isoformat()
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _identity(value: Any) -> Any:
    return value


_date = datetime.date.fromisoformat  # TypeError for anything but text, ValueError for a bad date


def _optional_date(value: Any) -> datetime.date | None:
    return None if value is None else _date(value)


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("expected a list")
    return value


_DECODERS: dict[Any, _Decode] = {}


def decoder(kind: Any) -> _Decode:
    """A function turning the JSON form of a value of type `kind` back into that value."""
    found = _DECODERS.get(kind)
    if found is None:
        found = _DECODERS[kind] = _make_decoder(kind)
    return found


# A cache file with a valid checksum can still hold a wrong type (written by hand, or by another
# version): every value is checked, and any mismatch means the file is read again. The decoders
# that only check a value's type are kept here with the types they allow, so that a record of such
# fields is checked by its shape (the types of its values), once for each shape met.
_ALLOWED: dict[_Decode, tuple[type, ...]] = {}


def _wrong() -> Any:
    raise TypeError("a cached value has the wrong type")


def _typed(allowed: tuple[type, ...]) -> _Decode:
    def check(value: Any) -> Any:
        return value if type(value) in allowed else _wrong()

    _ALLOWED[check] = allowed
    return check


# A float may have been written as a whole number.
_PLAIN = {kind: _typed((int, float) if kind is float else (kind,)) for kind in (str, int, float, bool)}
_OPTIONAL_PLAIN = {kind: _typed((*_ALLOWED[check], type(None))) for kind, check in _PLAIN.items()}


def _make_decoder(kind: Any) -> _Decode:
    if kind is Any:
        return _identity
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind is datetime.date:
        return _date
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is list and len(args) == 1:
        item = decoder(args[0])
        if item is _identity:
            return _list
        allowed = _ALLOWED.get(item)
        if allowed is not None:
            return lambda value: value if all(type(entry) in allowed for entry in _list(value)) else _wrong()
        return lambda value: [item(entry) for entry in _list(value)]
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        inner_kind = next(arg for arg in args if arg is not type(None))
        if inner_kind in _OPTIONAL_PLAIN:
            return _OPTIONAL_PLAIN[inner_kind]
        inner = decoder(inner_kind)
        if inner is _identity:
            return _identity
        if inner is _date:
            return _optional_date
        return lambda value: None if value is None else inner(value)
    if isinstance(kind, type) and issubclass(kind, tuple) and hasattr(kind, "_fields"):
        return _record_decoder(kind)
    raise TypeError(f"cannot cache a value of type {kind!r}")


def _record_decoder(cls: Any) -> _Decode:
    """`cls(c0(v[0]), c1(v[1]), ...)` for the list `v` of a record's field values."""
    hints = cls.__annotations__  # real types: no module that defines a cached record postpones its annotations
    converters = [decoder(hints[name]) for name in cls._fields]
    count = len(converters)
    plain = all(convert is _identity or convert in _ALLOWED for convert in converters)
    allowed = [_ALLOWED.get(convert) for convert in converters]
    shapes: set[tuple[type, ...]] = set()  # the types of values met that were checked and found right

    def decode(value: Any) -> Any:
        if type(value) is not list or len(value) != count:
            raise ValueError(f"a cached {cls.__name__} has the wrong shape")
        if plain:
            shape = tuple(map(type, value))
            if shape not in shapes:
                if not all(types is None or kind in types for kind, types in zip(shape, allowed, strict=True)):
                    raise TypeError(f"a cached {cls.__name__} has a value of the wrong type")
                shapes.add(shape)
            return cls(*value)
        return cls(*[convert(part) for convert, part in zip(converters, value, strict=True)])

    return decode


def _decode_read_result(value: Any) -> ReadResult:
    return typing.cast(ReadResult, decoder(ReadResult)(value))


def _decode_loaded(kind: type) -> _Decode:
    """For `Loaded(value, problems)`, whose value is a Settings or a Profile."""
    def decode(value: Any) -> Loaded:
        if type(value) is not list or len(value) != 2:
            raise ValueError("a cached setting has the wrong shape")
        return Loaded(decoder(kind)(value[0]), decoder(list[Problem])(value[1]))

    return decode


_decode_settings = _decode_loaded(Settings)
_decode_profile = _decode_loaded(Profile)
