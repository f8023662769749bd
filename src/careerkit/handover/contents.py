"""What a handover carries: the person's files, cut down to what their own page holds.

By default: their profile's name, role and since; each held story, dreams and plan with its known keys, and
each held check-in with its actions, each with the sections the person owns (careerkit.reading.sections, the
rule their own page follows too); and every open promise of the manager's, wherever it is written. Never a
note, an unknown key, `dream_shift`, or a section not marked as theirs. With the person's consent
(`--with-notes`), every document and note as written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from careerkit.errors import CareerkitError
from careerkit.reading.sections import theirs
from careerkit.values import schema
from careerkit.values.model import Action, Document, PersonNotes, Team
from careerkit.values.paths import profile_rel
from careerkit.values.records import Record

CONVERSATIONS = ("story", "dreams", "plan", "checkin")
# What travels of a held conversation besides person, stage and date: its stage's own keys, and its actions.
STAGE_KEYS = {
    "story": ("values", "values_confirmed", "actions"),
    "dreams": ("dreams", "actions"),
    "plan": ("learns_best", "skills", "actions", "review_by"),
    "checkin": ("actions",),
}
PROFILE_KEYS = ("name", "role", "since")
_DROP = object()  # what `known` returns for a value of a shape the schema does not know


class Written(Record):
    """One document as written: what careerkit read of it, its frontmatter as data, and its body."""

    document: Document
    frontmatter: dict[str, Any]
    body: str


class BundledFile(Record):
    path: str  # in the archive, as in the notes: people/<slug>/<name>
    data: bytes
    keys: list[str]  # the frontmatter keys it carries (none listed for a file copied whole)
    sections: list[str]  # the headings of the person's own sections it carries
    whole: bool = False  # copied as written, with the person's consent


class Contents(Record):
    person: str
    name: str
    manager: str  # the `owner` that marks the manager's own promises where the files come from
    made: date
    consent: date | None  # the day the person agreed that every document and note goes
    files: list[BundledFile]
    promises: list[int]  # the ids of the open promises


def known(value: Any, shape: Any) -> Any:
    """`value` with only the keys the schema knows, all the way down (a text where a mapping may stand, such
    as a dream written as one line, is kept); `_DROP` for a mapping or list where a single value belongs."""
    if isinstance(value, dict):
        if not isinstance(shape, dict):
            return _DROP
        kept = ((key, known(item, shape[key])) for key, item in value.items() if key in shape)
        return {key: item for key, item in kept if item is not _DROP}
    if isinstance(value, list):
        if not isinstance(shape, list):
            return _DROP
        return [item for item in (known(entry, shape[0]) for entry in value) if item is not _DROP]
    return value if isinstance(value, (str, int, float, date)) else _DROP


def _frontmatter(data: dict[str, Any]) -> str:
    import yaml

    # LibYAML's emitter where it is there: the pure-Python one took most of a handover of 500 documents
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1 << 16)
    return "---\n" + text + "---\n"


def cut(document: Written, slug: str) -> BundledFile:
    """A held conversation as it travels: person, stage, date, `held: true`, its stage's known keys, and the
    sections the person owns (`held` is written so that the receiving notes count it as held too)."""
    doc = document.document
    data: dict[str, Any] = {"person": slug, "stage": doc.stage, "date": doc.date, "held": True}
    for key in STAGE_KEYS[doc.stage]:
        value = known(document.frontmatter.get(key), schema.DOCUMENT[key])
        if value is not None and value is not _DROP:
            data[key] = value
    sections = theirs(document.body)
    text = _frontmatter(data) + "".join("\n" + section.text for section in sections)
    return BundledFile(_path(slug, doc.path), text.encode("utf-8"), list(data)[4:], [s.heading for s in sections])


def promises_only(document: Written, slug: str, ids: set[int]) -> BundledFile:
    """A document that does not travel (a note, or a conversation not yet held) reduced to the open promises
    it holds: nothing else of it goes. A prepared conversation stays prepared (`held: false`)."""
    doc = document.document
    data: dict[str, Any] = {"person": slug, "stage": doc.stage, "date": doc.date}
    if doc.stage in CONVERSATIONS:
        data["held"] = False
    items = document.frontmatter.get("actions") or []
    data["actions"] = [known(item, schema.ACTION) for item in items if isinstance(item, dict) and item.get("id") in ids]
    return BundledFile(_path(slug, doc.path), _frontmatter(data).encode("utf-8"), ["actions"], [])


def profile(fields: dict[str, Any], slug: str) -> BundledFile:
    """The profile as it travels: name, role and since (never `left` or a pause, which belong to this team)."""
    data = {key: fields[key] for key in PROFILE_KEYS if fields.get(key) is not None}
    return BundledFile(profile_rel(slug), _frontmatter(data).encode("utf-8"), list(data), [])


def _path(slug: str, rel: str) -> str:
    return f"people/{slug}/{rel.rsplit('/', 1)[-1]}"


def choose(team: Team, person: PersonNotes, today: date, consent: date | None = None) -> Contents:
    """What goes for `person`: by default what their own page holds, with `consent` every document and note."""
    from careerkit.rules.actions import blocking_problems

    blocking = blocking_problems(team, person.slug)
    if blocking:
        raise CareerkitError(
            "nothing handed over: fix the documents above first (a part of the plan may be in them)",
            problems=blocking,
        )
    promised = [a for a in person.actions() if a.is_open and team.is_promise(a)]
    fields = {key: getattr(person.profile, key) for key in PROFILE_KEYS}
    files = [profile(fields, person.slug)] if person.profile.exists else []
    files += _documents(team, person, today, consent, promised)
    return Contents(person.slug, person.name, team.settings.manager, today, consent, files, [a.id for a in promised])


def _documents(
    team: Team, person: PersonNotes, today: date, consent: date | None, promised: list[Action]
) -> list[BundledFile]:
    from careerkit.reading.documents import read_bytes

    files: list[BundledFile] = []
    waiting: dict[str, set[int]] = {}  # the documents holding an open promise, and the ids of those
    for action in promised:
        waiting.setdefault(action.path, set()).add(action.id)
    for doc in person.documents:
        data = read_bytes(team.root / doc.path)
        if consent is not None:
            files.append(BundledFile(_path(person.slug, doc.path), data, [], [], whole=True))
            continue
        written = read_written(doc, data)
        if doc.stage in CONVERSATIONS and doc.is_held(today):
            files.append(cut(written, person.slug))
        elif doc.path in waiting:
            files.append(promises_only(written, person.slug, waiting[doc.path]))
    return files


def read_written(doc: Document, data: bytes) -> Written:
    """The document `doc` (read by careerkit already, so known to parse) as frontmatter data and body."""
    from careerkit.reading import frontmatter as frontmatter_text
    from careerkit.reading import yamlio

    split = frontmatter_text.split(frontmatter_text.decode(data))
    frontmatter = yamlio.load(split.yaml, split.first_yaml_line)
    return Written(doc, frontmatter if isinstance(frontmatter, dict) else {}, split.body)
