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
What `check` found is also keyed by the settings, and every document by
the notes' own note template (where it leads, and its stat). A file whose mtime or
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

A cache file is written atomically (careerkit.fs.safe: temporary file, then
`os.replace`, mode 0600) and only when something in it changed; a person's file as soon as
they have been read, so that a first run over many people holds one batch
of documents at a time (BATCH_FILES). When `.careerkit/` cannot be made or
written (read-only notes, a file or a link in its place), careerkit works on
without a cache. CAREERKIT_NO_CACHE=1 turns the cache off.

Reading many files (a first run on a large repository) is shared between
processors (careerkit.cache.parallel); records go to JSON and back through
careerkit.cache.codec; the layout of the notes is careerkit.repository.layout, and putting a
team together from what is read is careerkit.repository.loader.
"""

from __future__ import annotations

import contextlib
import os
import time
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.cache import codec
from careerkit.cache import store as cache_store
from careerkit.cache.store import READS_DIR, SEPARATOR
from careerkit.reading.settings import CONFIG_NAME, load_profile, load_settings
from careerkit.templating import templates
from careerkit.values import codes
from careerkit.values.model import (
    Condensed,
    DocumentFiles,
    Loaded,
    PersonNotes,
    Problem,
    ReadResult,
)
from careerkit.values.paths import DOT_DIR, PROFILE, profile_rel

if TYPE_CHECKING:  # parallel is imported where files are read: a warm run reads none
    from careerkit.cache.parallel import Inspection, Pair

NO_CACHE_ENV = "CAREERKIT_NO_CACHE"
SETTINGS_FILE = "_settings.json"  # a slug never starts with "_"
PEOPLE_FILE = "_people.json"
CHECKS_FILE = "_checks.json"  # what `check` found in each person's files (careerkit.check.run)
RACY_NS = 2_000_000_000  # a file changed this recently (ns) is read but not cached
BATCH_FILES = 2000  # documents read at once by `Reads.people`: bounds the memory of a cold run


Key = tuple[Any, ...]  # size, mtime_ns, inode, ctime_ns; for a link, also where it leads (see `_stat_key`)
_Decode = codec.Decode


def open_reads(root: Path) -> Reads:
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
        return load_profile(self.root, profile_rel(person))

    def documents(self, items: list[tuple[Path, str]]) -> list[ReadResult]:
        """Each (path, person) document, in the order given."""
        return [result for result, _ in self.inspected(items, None)]

    def inspected(self, items: list[tuple[Path, str]], inspection: Inspection | None) -> list[Pair]:
        """Each (path, person) document and what `inspection` found in it, in the order given."""
        from careerkit.cache import parallel

        fresh = parallel.read_pairs(self.root, items, inspection, encode=False)
        return [(result, extra) for result, extra, _, _ in fresh]

    def people(
        self, people: list[tuple[str, list[Path]]], inspection: Inspection | None = None
    ) -> Iterator[tuple[str, Loaded, list[Pair]]]:
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
        self.folder = root / DOT_DIR / READS_DIR
        self.started = time.time_ns()
        self.usable = cache_store.cache_dir_usable(root / DOT_DIR)
        self._stores: dict[str, cache_store.Store] = {}
        self._signatures: dict[tuple[str, str], tuple[Any, ...] | None] = {}
        self._prefix = os.path.join(str(root), "")
        self._real_root = os.path.join(os.path.realpath(root), "")
        self._wrote = False
        self._template: Key | None = None

    # -- the three kinds of file ------------------------------------------

    def settings(self) -> Loaded:
        return self._one(SETTINGS_FILE, CONFIG_NAME, codec.decode_settings, lambda: load_settings(self.root))

    def profile(self, person: str) -> Loaded:
        rel = profile_rel(person)
        return self._one(f"{person}.json", rel, codec.decode_profile, lambda: load_profile(self.root, rel))

    def inspected(self, items: list[tuple[Path, str]], inspection: Inspection | None) -> list[Pair]:
        if not self.usable:
            return super().inspected(items, inspection)
        results: list[Pair | None] = [None] * len(items)
        keys: list[Key | None] = [None] * len(items)
        rels: list[str] = []
        misses: list[int] = []
        for index, (path, person) in enumerate(items):
            store = self._store(f"{person}.json")
            rel = self._rel(path)
            rels.append(rel)
            key = keys[index] = self._document_key(path)
            results[index] = self._kept_pair(store, rel, key, inspection) if key is not None else None
            if results[index] is None:
                misses.append(index)
        if misses:
            from careerkit.cache import parallel

            fresh = parallel.read_pairs(self.root, [items[index] for index in misses], inspection)
            for index, (result, extra, payload, extra_payload) in zip(misses, fresh, strict=True):
                results[index] = (result, extra)
                key = keys[index]
                if key is not None and payload is not None and not self._racy(key) and _lasting(result.problems):
                    self._keep_pair(items[index][1], rels[index], key, inspection, (payload, extra_payload))
        return typing.cast("list[Pair]", results)

    def _kept_pair(self, store: cache_store.Store, rel: str, key: Key, inspection: Inspection | None) -> Pair | None:
        """What was kept of the document at `rel` under `key` (and what `inspection` found in it), or None."""
        store.seen.add(rel)
        hit = store.get(rel, key, codec.decode_read_result)
        if hit is None or inspection is None:
            return None if hit is None else (hit, None)
        extra = store.get(rel + SEPARATOR + inspection.name, (*key, inspection.context), codec.decoder(inspection.kind))
        return None if extra is None else (hit, extra)

    def _keep_pair(self, person: str, rel: str, key: Key, inspection: Inspection | None, payloads: Any) -> None:
        """Keep what was read of the document at `rel` (and what `inspection` found in it) under `key`."""
        payload, extra_payload = payloads
        store = self._store(f"{person}.json")
        store.put(rel, key, payload)
        if inspection is not None and extra_payload is not None:
            store.put(rel + SEPARATOR + inspection.name, (*key, inspection.context), extra_payload)

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
        hit = store.get(name, key, codec.decoder(inspection.kind))
        if hit is not None:
            return hit
        value = compute()
        payload = codec.encode(value) if value is not None else None  # None: nothing to keep (not read)
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
        return store.get(person, key, codec.decoder(kind))

    def keep_person(self, name: str, person: str, value: Any, problems: list[Problem]) -> None:
        key = self._signatures.get((name, person)) if _lasting(problems) else None
        payload = codec.encode(value) if key is not None else None
        if key is not None and payload is not None:
            self._store(name).put(person, key, payload)

    def _signature(self, person: str, files: DocumentFiles) -> tuple[str, str] | None:
        """What identifies this version of all the person's files: their names (and where `people/` and
        their folder lead, when those are links), and the `_stat_key` of each, one after the other;
        None when one of them is too new to cache. This runs for every file of a warm run: plain files
        take one `stat` and no formatting."""
        names = [*files.names, PROFILE]
        lines = [
            f"{rel} -> {os.path.realpath(self.root / rel)}"
            for rel in ("people", f"people/{person}")
            if os.path.islink(self.root / rel)
        ]
        lines.append(repr(self._note_template()))
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
        # One text, not a list of numbers: a warm run reads back thousands of them, and JSON reads a text faster.
        return "\n".join([*lines, *names]), repr(stats)

    def _document_key(self, path: Path) -> Key | None:
        """What identifies what a document reads as: its `_stat_key`, and the notes' own note template."""
        key = self._stat_key(path)
        return None if key is None else (*key, *self._note_template())

    def _note_template(self) -> Key:
        """The notes' own note template, whose lines are never a note's summary (careerkit.templating.template_lines): a
        document read beside another version of it may read differently. Looked at once a run."""
        if self._template is None:
            path = templates.own_path(self.root, "note")
            key: Key = ("none",)
            if os.path.lexists(path):  # where it leads (`templates/` may be a link too), and what it is there
                target = os.path.realpath(path)
                try:
                    st = os.stat(target)
                    key = (
                        target,
                        templates.own_refusal(self.root, Path(target)),  # read by the rule of every template read
                        st.st_mode,
                        st.st_size,
                        st.st_mtime_ns,
                        st.st_ino,
                        st.st_ctime_ns,
                    )
                except (OSError, ValueError):
                    key = (target, "cannot be read")
                if len(key) > 2 and max(key[4], key[6]) >= self.started - RACY_NS:
                    key = ("changing", self.started)  # may change again unseen: what is read now is not reused
            self._template = ("note template", *key)
        return self._template

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
            rel = text[len(self._prefix) :]
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
        payload = codec.encode([value.value, value.problems])
        if payload is not None and not self._racy(key) and _lasting(value.problems):
            store.put(rel, key, payload)
        return value

    def _racy(self, key: Key) -> bool:
        """Changed so recently that a second change could keep the same stat: do not cache it yet."""
        return bool(max(key[1], key[3]) >= self.started - RACY_NS)

    def _store(self, name: str) -> cache_store.Store:
        store = self._stores.get(name)
        if store is None:
            store = self._stores[name] = cache_store.Store.load(self.folder / name)
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
                cache_store.prune(self.folder, self.root)

    def _write(self, name: str, store: cache_store.Store) -> None:
        if not self._wrote:
            try:
                cache_store.make_cache_dir(self.root)
            except Exception:  # read-only notes, a file in the way: no cache, and no complaint
                self.usable = False
                return
            self._wrote = True
        with contextlib.suppress(Exception):
            store.write(self.folder / name)


def _lasting(problems: list[Problem]) -> bool:
    """False when a problem may be gone next time: the file could not be read (an I/O error, too many
    open files, a file a sync tool has not fetched yet). Such a result is used but never kept."""
    return not any(problem.code == codes.CANNOT_READ for problem in problems)
