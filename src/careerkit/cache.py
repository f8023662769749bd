"""A cache of what was read from each file, so that an unchanged repository is not parsed again.

What is cached, on two levels:

- the *read result* of each file: for a document the normalised `Document`
  plus its `Problem`s (`documents.read_document`), for careerkit.yaml and a
  profile the `Loaded` settings or profile; and, beside it, what an
  `Inspection` found in the file (`check`'s own findings). After one file
  changes, only that file is parsed again.
- for each person, keyed by the stat of every one of their files: their
  *condensed* notes (`PersonNotes.condensed`: what `due` and `status` read)
  with all the problems found in their files, and what `check` found in
  them. A warm `due`, `status` or `check` reads only this, so that it costs
  a `stat` a file and not a document a file.

Findings are always computed afresh, so `--today`, `--within` and the rules
never see a stale answer.

Where: `<root>/.careerkit/reads/`: one JSON file per person (`<slug>.json`)
with the read results of their files, `_settings.json` for careerkit.yaml,
`_people.json` with the condensed notes of everyone and `_checks.json` with
what `check` found in each person's files. The folder is made owner-only with
a `.gitignore` of `*`, so git never lists it. Deleting it is always safe.

When an entry is used: only when the file's relative path, size, mtime_ns,
inode and ctime_ns are all the same as when it was read, and, for a link,
the file it leads to and whether that is inside the root (for a person:
those of every file in their folder, the list of files itself, and where
`people/` and their folder lead when they are links), so a changed, added,
removed, renamed or relinked file is never served stale, nor a link that a
copy of the notes (`cp -a`) or a moved folder now leads outside the root.
What `check` found is also keyed by the settings. A file whose mtime or
ctime falls within RACY_NS of the moment this run started is read but not
cached: it could change again within the same timestamp tick without its
stat changing (git calls these entries "racy"); it is cached by a later run.

Every file starts with a header line: the format version, a fingerprint of
the code (careerkit's version, the field names and types of the cached
records, a checksum of the text of the modules that read the files, and
Python's and PyYAML's versions) and a CRC-32 of the rest. Any difference,
and any error reading or decoding a cache file (a value of the wrong type
included), means that file or entry is ignored and rebuilt: a broken cache
never changes what a command prints or its exit status. JSON only, never
pickle: a cache file that was shared or tampered with cannot run code.

A cache file is written atomically (temporary file, then `os.replace`, mode
0600) and only when something in it changed; a person's file as soon as
they have been read, so that a first run over many people holds one batch
of documents at a time (BATCH_FILES). When `.careerkit/` cannot be made or
written (read-only notes, a file or a link in its place), careerkit works on
without a cache. CAREERKIT_NO_CACHE=1 turns the cache off.

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
from collections.abc import Callable, Iterator
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
CHECKS_FILE = "_checks.json"  # what `check` found in each person's files (careerkit.check)
SEPARATOR = "\x00"  # between a file's path and the name of an Inspection: no path holds it
TEMP_PREFIX = ".tmp-"
GITIGNORE = "# careerkit's cache of what it read: safe to delete, never committed.\n*\n"
RACY_NS = 2_000_000_000  # a file changed this recently (ns) is read but not cached
PARALLEL_MIN_FILES = 400  # fewer files to read than this: read them in this process
PER_WORKER_FILES = 200  # at least this many files for each extra process
MAX_WORKERS = 8
BATCH_FILES = 2000  # documents read at once by `Reads.people`: bounds the memory of a cold run
STALE_TEMP_NS = 600_000_000_000  # a temporary file left this long by a killed run is removed


class Condensed(Record):
    """A person as `due` and `status` need them, and every problem found in their files."""

    person: PersonNotes
    problems: list[Problem]


# Every record type a cache file holds; their field names and types are part of the fingerprint.
CACHED_CLASSES: tuple[Any, ...] = (ReadResult, Document, Action, Dream, DreamSkill, PlanSkill, Problem, Settings,
                                    Profile, PersonNotes, Condensed)
# The modules whose code decides what a file reads as; a change to one of them invalidates the cache.
READER_MODULES = ("body", "cache", "check", "dates", "documents", "errors", "frontmatter_text", "fsutil", "ids",
                  "locks", "notes", "records", "settings", "slugs", "yamlio")

Key = tuple[Any, ...]  # size, mtime_ns, inode, ctime_ns; for a link, also where it leads (see `_stat_key`)
_Decode = Callable[[Any], Any]
Pair = tuple[ReadResult, Any]  # a document's read result, and what an Inspection found in it (None without one)


class Inspection(Record):
    """Something more to find in each document while it is parsed (what `check` looks for), kept in
    the cache beside the document's read result, under the file's relative path + SEPARATOR + `name`."""

    name: str
    context: str  # what decides the result besides the file and the code (part of the key)
    kind: Any  # the type of the result, a record (to decode it from the cache)
    run: Callable[[str, Any, Any, Any], Any]  # (relative path, text, Split, node tree; each or None) -> result


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
        return [result for result, _ in self.inspected(items, None)]

    def inspected(self, items: list[tuple[Path, str]], inspection: Inspection | None) -> list[Pair]:
        """Each (path, person) document and what `inspection` found in it, in the order given."""
        return [(result, extra) for result, extra, _, _ in _read_pairs(self.root, items, inspection, encode=False)]

    def people(self, people: list[tuple[str, list[Path]]],
               inspection: Inspection | None = None) -> Iterator[tuple[str, Loaded, list[Pair]]]:
        """(slug, profile, documents) of each (slug, document paths), one person at a time.

        The documents are read about BATCH_FILES at a time (in several processes where there are many),
        and what the cache keeps of a person is written as soon as the caller is done with them: a cold
        run over many people holds one batch, not every document.
        """
        start = 0
        while start < len(people):
            end, count = start, 0
            while end < len(people) and (end == start or count + len(people[end][1]) <= BATCH_FILES):
                count += len(people[end][1])
                end += 1
            batch = people[start:end]
            pairs = iter(self.inspected([(path, slug) for slug, paths in batch for path in paths], inspection))
            for slug, paths in batch:
                yield slug, self.profile(slug), [next(pairs) for _ in paths]
                self.done(slug)
            start = end

    def kept(self, rel: str, path: Path, inspection: Inspection, compute: Callable[[], Any]) -> Any:
        """What `compute` finds in a file that is not a document (careerkit.yaml, a profile), kept under
        `inspection`'s name and context; None from `compute` is returned and not kept."""
        return compute()

    def person(self, name: str, person: str, files: DocumentFiles, kind: Any, context: str = "") -> Any:
        """What was kept of the person in the cache file `name` by an earlier run, when none of their files
        changed since and `context` is the same; None otherwise."""
        return None

    def keep_person(self, name: str, person: str, value: Any, problems: list[Problem]) -> None:
        """Keep `value` for the person, as of the stat taken by `person` before their files were read."""

    def condensed(self, person: str, files: DocumentFiles) -> Condensed | None:
        """The person's condensed notes as kept by an earlier run, when none of their files changed since."""
        return typing.cast("Condensed | None", self.person(PEOPLE_FILE, person, files, Condensed))

    def keep_condensed(self, person: str, notes: PersonNotes, problems: list[Problem]) -> None:
        """Keep what was just read of the person, as of the stat taken by `condensed` before reading it."""
        self.keep_person(PEOPLE_FILE, person, Condensed(notes, problems), problems)

    def done(self, person: str) -> None:
        """Nothing more of the person's files will be read in this run."""

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
        self._signatures: dict[tuple[str, str], tuple[Any, ...] | None] = {}
        self._prefix = os.path.join(str(root), "")
        self._real_root = os.path.join(os.path.realpath(root), "")
        self._wrote = False

    # -- the three kinds of file ------------------------------------------

    def settings(self) -> Loaded:
        return self._one(SETTINGS_FILE, CONFIG_NAME, _decode_settings, lambda: load_settings(self.root))

    def profile(self, person: str) -> Loaded:
        rel = f"people/{person}/profile.md"
        return self._one(f"{person}.json", rel, _decode_profile, lambda: load_profile(self.root, person))

    def inspected(self, items: list[tuple[Path, str]], inspection: Inspection | None) -> list[Pair]:
        if not self.usable:
            return super().inspected(items, inspection)
        results: list[Pair | None] = [None] * len(items)
        misses: list[int] = []
        keys: list[Key | None] = [None] * len(items)
        rels: list[str] = []
        extra_name = SEPARATOR + inspection.name if inspection is not None else ""
        for index, (path, person) in enumerate(items):
            store = self._store(f"{person}.json")
            rel = self._rel(path)
            rels.append(rel)
            key = keys[index] = self._stat_key(path)
            if key is not None:
                store.seen.add(rel)
                hit = store.get(rel, key, _decode_read_result)
                if hit is not None and inspection is None:
                    results[index] = (hit, None)
                    continue
                if hit is not None and inspection is not None:
                    extra = store.get(rel + extra_name, (*key, inspection.context), decoder(inspection.kind))
                    if extra is not None:
                        results[index] = (hit, extra)
                        continue
            misses.append(index)
        if misses:
            fresh = _read_pairs(self.root, [items[index] for index in misses], inspection)
            for index, (result, extra, payload, extra_payload) in zip(misses, fresh, strict=True):
                results[index] = (result, extra)
                key = keys[index]
                if key is None or payload is None or self._racy(key) or not _lasting(result.problems):
                    continue
                store = self._store(f"{items[index][1]}.json")
                store.put(rels[index], key, payload)
                if inspection is not None and extra_payload is not None:
                    store.put(rels[index] + extra_name, (*key, inspection.context), extra_payload)
        return typing.cast("list[Pair]", results)

    def kept(self, rel: str, path: Path, inspection: Inspection, compute: Callable[[], Any]) -> Any:
        if not self.usable:
            return compute()
        parts = rel.split("/")
        store = self._store(f"{parts[1]}.json" if len(parts) == 3 else SETTINGS_FILE)
        stat_key = self._stat_key(path)
        if stat_key is None:
            return compute()
        key = (*stat_key, inspection.context)
        name = rel + SEPARATOR + inspection.name
        store.seen.add(rel)
        hit = store.get(name, key, decoder(inspection.kind))
        if hit is not None:
            return hit
        value = compute()
        payload = _encode(value) if value is not None else None  # None: nothing to keep (not read)
        if payload is not None and not self._racy(stat_key):
            store.put(name, key, payload)
        return value

    def person(self, name: str, person: str, files: DocumentFiles, kind: Any, context: str = "") -> Any:
        if not self.usable:
            return None
        signature = self._signature(person, files)
        key = self._signatures[name, person] = None if signature is None else (*signature, context)
        store = self._store(name)
        store.seen.add(person)
        if key is None:
            return None
        return store.get(person, key, decoder(kind))

    def keep_person(self, name: str, person: str, value: Any, problems: list[Problem]) -> None:
        key = self._signatures.get((name, person)) if _lasting(problems) else None
        payload = _encode(value) if key is not None else None
        if key is not None and payload is not None:
            self._store(name).put(person, key, payload)

    def _signature(self, person: str, files: DocumentFiles) -> tuple[str, list[Any]] | None:
        """What identifies this version of all the person's files: their names (and where `people/` and
        their folder lead, when those are links), and the `_stat_key` of each, one after the other;
        None when one of them is too new to cache. This runs for every file of a warm run: plain files
        take one `stat` and no formatting."""
        names = [*files.names, PROFILE]
        lines = [f"{rel} -> {os.path.realpath(self.root / rel)}" for rel in ("people", f"people/{person}")
                 if os.path.islink(self.root / rel)]
        folder = os.path.join(files.folder, "")
        stats: list[Any] = []
        newest = 0
        for name in names:
            try:
                st = os.stat(folder + name, follow_symlinks=False)
            except (OSError, ValueError):
                stats.append(None)
                continue
            if (st.st_mode & 0o170000) == 0o100000:  # a regular file: its key, as `_stat_key` makes it
                stats += (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
                newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
                continue
            key = self._stat_key(folder + name)
            if key is None:  # a folder, a pipe, a broken link: what it is, so that a change to it counts
                link = os.readlink(folder + name) if (st.st_mode & 0o170000) == 0o120000 else None
                stats += ("other", st.st_mode, st.st_ino, st.st_mtime_ns, st.st_ctime_ns, link)
            else:
                stats += key
                newest = max(newest, key[1], key[3])
        if newest >= self.started - RACY_NS:
            return None
        return "\n".join([*lines, *names]), stats

    def _stat_key(self, path: Path | str) -> Key | None:
        """What identifies this version of a plain file; None when it cannot be cached.

        A link adds where it leads and whether that is inside the root: a copy of the notes (`cp -a`)
        keeps an absolute link to the original file, which the copy must read as outside its root.
        """
        try:
            st = os.stat(path, follow_symlinks=False)
            extra: tuple[Any, ...] = ()
            if (st.st_mode & 0o170000) == 0o120000:  # a link (only then a second look)
                target = os.path.realpath(path)
                st = os.stat(target)
                extra = (target, os.path.join(target, "").startswith(self._real_root))
        except (OSError, ValueError):
            return None
        if (st.st_mode & 0o170000) != 0o100000:  # not a regular file
            return None
        return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns, *extra)

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
        key = self._stat_key(self.root / rel)
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
        return bool(max(key[1], key[3]) >= self.started - RACY_NS)

    def _store(self, name: str) -> "_Store":
        store = self._stores.get(name)
        if store is None:
            store = self._stores[name] = _Store.load(self.folder / name)
        return store

    def _forget(self, name: str) -> Callable[[str], bool]:
        """Which entries of a cache file that this run did not look at are gone for good."""
        if name in (PEOPLE_FILE, CHECKS_FILE):  # a person whose folder is gone (`due alice` looks at alice only)
            return lambda slug: not os.path.isdir(self.root / "people" / slug)
        # A file of a person not listed in this run: every file of that person was listed when it was read.
        return lambda rel: True

    def done(self, person: str) -> None:
        """Write the person's cache file now, and let go of it (see `people`)."""
        name = f"{person}.json"
        store = self._stores.pop(name, None)
        if store is not None and self.usable and store.changed(self._forget(name)):
            self._write(name, store)

    def save(self) -> None:
        """Write each cache file whose entries changed; on any error, quietly keep no cache."""
        if not self.usable:
            return
        for name, store in self._stores.items():
            if store.changed(self._forget(name)):
                self._write(name, store)
        if self._wrote:
            with contextlib.suppress(Exception):
                _prune(self.folder, self.root)

    def _write(self, name: str, store: "_Store") -> None:
        if not self._wrote:
            try:
                _make_cache_dir(self.root / CACHE_DIR)
            except Exception:  # read-only notes, a file in the way: no cache, and no complaint
                self.usable = False
                return
            self._wrote = True
        with contextlib.suppress(Exception):
            store.write(self.folder / name)


def _lasting(problems: list[Problem]) -> bool:
    """False when a problem may be gone next time: the file could not be read (an I/O error, too many
    open files, a file a sync tool has not fetched yet). Such a result is used but never kept."""
    return not any(problem.message.startswith(documents.CANNOT_READ) for problem in problems)


class _Store:
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
            encoded = payload if isinstance(payload, bytes) else _dumps(payload)  # else: as it was loaded
            parts.append(b"%s:%s,%s]" % (_dumps(name), _dumps(key)[:-1], encoded))  # [*key, payload]
        body = b"{" + b",".join(parts) + b"}"
        header = json.dumps({"format": FORMAT, "fingerprint": fingerprint(), "crc32": zlib.crc32(body)})
        _write_atomic(path, header.encode("utf-8") + b"\n" + body)


# -- reading the files ---------------------------------------------------------

Fresh = tuple[ReadResult, Any, "bytes | None", "bytes | None"]  # result, inspection's, and their JSON to cache


def _read_pairs(root: Path, items: list[tuple[Path, str]], inspection: Inspection | None,
                encode: bool = True) -> list[Fresh]:
    """Each document's read result and what `inspection` found in it (None without one), and with
    `encode` the JSON text of both to cache (None: not cacheable).

    Many files are parsed in several processes where `fork` is available: this
    process reads the first share and each forked child another, sending it back
    as JSON through a pipe; any trouble with a child and its share is read here.
    """
    def fresh(pairs: list[Pair]) -> list[Fresh]:
        if not encode:
            return [(result, extra, None, None) for result, extra in pairs]
        return [(result, extra, _encode(result), _encode(extra) if inspection is not None else None)
                for result, extra in pairs]

    workers = _workers(len(items))
    if workers <= 1:
        return fresh(_read_all(root, items, inspection))
    size = -(-len(items) // workers)
    chunks = [items[start:start + size] for start in range(0, len(items), size)]
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
                lines.append(_dumps(result))
                if inspection is not None:
                    lines.append(_dumps(extra))
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
            return [(_decode_read_result(json.loads(line)), None, line, None) for line in lines]
        if len(lines) != 2 * count:
            return None
        decode = decoder(inspection.kind)
        return [(_decode_read_result(json.loads(line)), decode(json.loads(extra)), line, extra)
                for line, extra in zip(lines[::2], lines[1::2], strict=True)]
    except Exception:  # read this share here instead
        return None


# -- the cache folder ------------------------------------------------------------


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
    (dates are read by `datetime.fromisoformat`) or PyYAML's (its version, and LibYAML or not).

    careerkit's part is a checksum of the text of the modules that read the files and decide what is
    kept (about 120 KB, read in about 0.1 ms): two installs of the same code share a cache, and any change
    to that code, even one that keeps the version, the sizes and the times of the files, makes a new one.
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
        _FINGERPRINT.append(f"careerkit {__version__} format {FORMAT} code {zlib.crc32('; '.join(parts).encode()):08x}"
                            f"{crc:08x}{adler:08x}")
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
        extensions = sorted(f"{name} {os.stat(folder / name).st_size}" for name in os.listdir(folder)
                            if name.startswith("_yaml"))
        return f"pyyaml {len(init)} {zlib.crc32(init):08x} {' '.join(extensions)}"
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


# For each converter: the JSON types its value may have, and whether it must be called (to convert or
# look inside the value) once the type is known to be right. A record whose fields all have one is
# checked at once, in `_record_decoder`.
_SHAPES: dict[Any, tuple[tuple[type, ...], bool]] = {}
_NONE = type(None)


def _shaped(convert: _Decode, kinds: tuple[type, ...], call: bool) -> _Decode:
    _SHAPES[convert] = (kinds, call)
    return convert


def _exactly(kind: type, optional: bool = False) -> _Decode:
    """A check that a value is of type `kind` (or None when `optional`), as JSON reads it."""
    allowed = (int, float) if kind is float else (kind,)  # a float may have been written as a whole number
    if optional:
        allowed = (*allowed, _NONE)

    def check(value: Any) -> Any:
        if type(value) not in allowed:
            raise TypeError(f"expected {kind.__name__}")
        return value

    return _shaped(check, allowed, False)


_date = datetime.date.fromisoformat  # TypeError for anything but text, ValueError for a bad date


def _optional_date(value: Any) -> datetime.date | None:
    return None if value is None else _date(value)


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("expected a list")
    return value


_shaped(_date, (str,), True)
_shaped(_optional_date, (str, _NONE), True)
_shaped(_list, (list,), False)
_DECODERS: dict[Any, _Decode] = {}


def decoder(kind: Any) -> _Decode:
    """A function turning the JSON form of a value of type `kind` back into that value.

    It checks each value's type on the way: a cache file with a valid checksum can still hold
    `"30"` where a number belongs (written by another version, or by hand), and that must be
    read again from the file, not crash a command.
    """
    found = _DECODERS.get(kind)
    if found is None:
        found = _DECODERS[kind] = _make_decoder(kind)
    return found


def _make_decoder(kind: Any) -> _Decode:
    if kind in (str, int, float, bool):
        return _exactly(kind)
    if kind is Any:
        return _identity
    if kind is datetime.date:
        return _date
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is list and not args:
        return _list
    if origin is list and len(args) == 1:
        item = decoder(args[0])
        if item is _identity:
            return _list
        shape = _SHAPES.get(item)
        if shape is not None and not shape[1]:  # items whose type is all there is to check
            allowed = set(shape[0])

            def scalars(value: Any) -> list[Any]:
                if type(value) is not list or not set(map(type, value)).issubset(allowed):
                    raise TypeError("expected a list of " + " or ".join(one.__name__ for one in allowed))
                return value

            return _shaped(scalars, (list,), True)
        return _shaped(lambda value: [item(entry) for entry in _list(value)], (list,), True)
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and _NONE in args:
        inner_kind = next(arg for arg in args if arg is not _NONE)
        if inner_kind in (str, int, float, bool):
            return _exactly(inner_kind, optional=True)
        inner = decoder(inner_kind)
        if inner is _identity:
            return _identity
        if inner is _date:
            return _optional_date
        shape = _SHAPES.get(inner)
        optional = lambda value: None if value is None else inner(value)  # noqa: E731
        return optional if shape is None else _shaped(optional, (*shape[0], _NONE), True)
    if isinstance(kind, type) and issubclass(kind, tuple) and hasattr(kind, "_fields"):
        return _shaped(_record_decoder(kind), (list,), True)
    raise TypeError(f"cannot cache a value of type {kind!r}")


MAX_SHAPES = 256  # a record with more combinations of JSON types than this is checked field by field


def _record_decoder(cls: Any) -> _Decode:
    """`cls(c0(v[0]), c1(v[1]), ...)` for the list `v` of a record's field values.

    The types of all the fields are checked at once against every combination their JSON may have
    (a warm run decodes tens of thousands of records: one call for each field would be most of it),
    and only the fields that need it are converted.
    """
    hints = cls.__annotations__  # real types where the module keeps them so; else resolved once, here
    if any(isinstance(hint, str) for hint in hints.values()):
        hints = typing.get_type_hints(cls)
    converters = [decoder(hints[name]) for name in cls._fields]
    count = len(converters)
    shapes = [_SHAPES.get(convert) for convert in converters]
    combinations = 1
    for shape in shapes:
        combinations *= len(shape[0]) if shape is not None else MAX_SHAPES + 1
    if combinations <= MAX_SHAPES:
        import itertools

        allowed = set(itertools.product(*[shape[0] for shape in shapes if shape is not None]))
        calls = [(index, convert) for index, (convert, shape) in enumerate(zip(converters, shapes, strict=True))
                 if shape is not None and shape[1]]

        def decode_checked(value: Any) -> Any:
            if type(value) is not list or tuple(map(type, value)) not in allowed:
                raise ValueError(f"a cached {cls.__name__} has the wrong shape or types")
            if calls:
                value = value.copy()
                for index, convert in calls:
                    value[index] = convert(value[index])
            return cls(*value)

        return decode_checked

    def decode(value: Any) -> Any:
        if type(value) is not list or len(value) != count:
            raise ValueError(f"a cached {cls.__name__} has the wrong shape")
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
