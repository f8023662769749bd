"""Reading one conversation document into plain, validated values.

A document is read once into a `Document` (or not at all, when it is
unreadable) plus a list of `Problem`s. Problems that the findings depend on
(an unreadable file, an action left out) are errors for every command; the
rest only matter to `careerkit check`.

The values (`Document`, `Action`, `Problem`...) are defined in careerkit.values.model.
"""

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.errors import CareerkitError
from careerkit.fs.read import MAX_FILE_BYTES, NotARegularFile, TooLarge, read_regular
from careerkit.values.dates import value_to_date
from careerkit.values.model import (
    STAGE_RANK,
    STATUSES,
    Action,
    Document,
    Dream,
    DreamSkill,
    PlanSkill,
    Problem,
    ReadResult,
)

if TYPE_CHECKING:
    from careerkit.reading.frontmatter import Split
    from careerkit.reading.yamlio import Kept

MAX_ID = 10**15 - 1  # action ids are small whole numbers; a larger one is a slip (or an attack on int-to-text)
ACTION_STAGES = ("plan", "checkin")
# Regular expressions as text, compiled (and kept) by `re` on first use: a warm run need not pay for them
# (docs/performance.md, "Start-up that imports little").
FILENAME = r"(\d{4}-\d{2}-\d{2})-([a-z]+)(?:-(\d+))?\.md"
SUMMARY_CHARS = 200
SUMMARY_SCAN_CHARS = 1 << 16  # the summary's paragraph is looked for this far into the body


def read_bytes(path: Path) -> bytes:
    """The bytes of the regular file at `path` (a link is followed).

    Never blocks on a pipe or device and never reads more than MAX_FILE_BYTES:
    raises CareerkitError for those (and for a folder), OSError when the file
    cannot be opened or read.
    """
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except NotARegularFile as error:
        if error.folder:
            raise CareerkitError("is a folder, not a Markdown document; not read") from None
        raise CareerkitError("is not a regular file (a pipe, socket or device); not read") from None
    except TooLarge:
        raise CareerkitError(f"file is larger than {MAX_FILE_BYTES >> 20} MiB; not read") from None


CANNOT_READ = "cannot read file"


def cannot_read(error: OSError) -> str:
    """The message for a file that could not be opened or read (no path: the caller adds it)."""
    reason = error.strerror or type(error).__name__
    return f"{CANNOT_READ}: {reason.lower()}"


# Called once for each document read with `inspect`: (relative path, its text or None when it could not be
# read, its split or None, its YAML node tree and value (careerkit.reading.yamlio.Kept) or None when those were not
# kept). `check` looks at the tree the reader built, rather than composing it again.
Inspect = Callable[[str, "str | None", "Split | None", "Kept | None"], None]


def read_document(root: Path, path: Path, person: str, inspect: Inspect | None = None) -> ReadResult:
    """Read `path` (inside `root`) as a document of `person`; never raises for bad content."""
    rel = path.relative_to(root).as_posix()
    try:
        data = read_bytes(path)
    except (OSError, CareerkitError) as error:  # a problem with the whole file is reported at its line 1
        if inspect is not None:
            inspect(rel, None, None, None)
        if isinstance(error, OSError):
            return ReadResult(None, [Problem(rel, 1, cannot_read(error))])
        return ReadResult(None, [Problem(rel, error.line or 1, error.message)])
    return parse_document(data, rel, person, inspect, root=root)


def parse_document(
    data: bytes, rel: str, person: str, inspect: Inspect | None = None, root: Path | None = None
) -> ReadResult:
    """Parse the bytes of the document at `rel` (relative path, for messages); never raises.

    `root`: the notes it is in, whose own note template (if any) says which lines of a note are not its summary.
    """
    from careerkit.reading import frontmatter as frontmatter_text

    text = split = None
    tree: list[Kept] = []
    try:
        try:
            text = frontmatter_text.decode(data)
            split = frontmatter_text.split(text)
            raw = _load_yaml(split, tree if inspect is not None else None)
        except CareerkitError as error:
            return ReadResult(None, [Problem(rel, error.line, error.message)])
        try:
            return _Reader(rel, person, split, raw, tree[0].node if tree else None, root).read()
        except Exception as error:  # a bug, not the file's fault: the other documents are still read
            if os.environ.get("CAREERKIT_DEBUG"):
                raise
            message = f"could not read this document (internal error: {type(error).__name__}); please report it"
            return ReadResult(None, [Problem(rel, 1, message)])
    finally:
        if inspect is not None:
            inspect(rel, text, split, tree[0] if tree else None)


def _load_yaml(split: "Split", tree: "list[Kept] | None" = None) -> Any:
    from careerkit.reading import yamlio

    return yamlio.load(split.yaml, split.first_yaml_line, tree=tree)


class _Reader:
    """Turns the parsed frontmatter of one document into a Document and Problems."""

    def __init__(self, rel: str, person: str, split: "Split", raw: Any, nodes: Any = None, root: Path | None = None):
        self.rel, self.person, self.split, self.raw, self.root = rel, person, split, raw, root
        self.problems: list[Problem] = []
        self._nodes: Any = nodes  # the YAML's node tree, composed on first use when not given
        self._lines: Any = None  # where its keys are (yamlio.Lines), on first use

    # -- reporting -------------------------------------------------------

    def line_of(self, keys: tuple[str | int, ...], key_line: bool = False) -> int | None:
        from careerkit.reading import yamlio

        if self._lines is None:  # composed and indexed once, however many problems it has
            self._lines = yamlio.Lines(self._nodes if self._nodes is not None else yamlio.compose(self.split.yaml))
        line = self._lines.locate_key(keys) if key_line else self._lines.locate(keys)
        return None if line is None else self.split.first_yaml_line + line

    def report(
        self,
        keys: tuple[str | int, ...],
        message: str,
        *,
        check_only: bool = False,
        severity: str = "error",
        key_line: bool = False,
    ) -> None:
        line = self.line_of(keys, key_line) if keys else self.split.first_yaml_line - 1
        self.problems.append(Problem(self.rel, line, message, severity, check_only))

    def unreadable(self, keys: tuple[str | int, ...], message: str) -> ReadResult:
        self.report(keys, message)
        return ReadResult(None, self.problems)

    # -- reading ---------------------------------------------------------

    def read(self) -> ReadResult:
        raw = {} if self.raw is None else self.raw
        if not isinstance(raw, dict):
            kind = "a list" if isinstance(raw, list) else "a single value"
            hint = " (a note that starts with a --- rule needs frontmatter above it)" if isinstance(raw, str) else ""
            return self.unreadable((), f"frontmatter is {kind}, not a mapping of keys{hint}")
        name = re.fullmatch(FILENAME, self.rel.rsplit("/", 1)[-1])
        stage = raw.get("stage")
        if stage is None:
            if name is None or name.group(2) not in STAGE_RANK:
                return self.unreadable((), "no stage: add `stage:` (story, dreams, plan, checkin or note)")
            stage = name.group(2)
        elif not isinstance(stage, str) or stage not in STAGE_RANK:  # (a list is not hashable)
            return self.unreadable(
                ("stage",), f"unknown stage{_shown(stage)}: use story, dreams, plan, checkin or note"
            )
        if raw.get("date") is not None:
            day = value_to_date(raw["date"])
            if day is None:
                return self.unreadable(("date",), f"date{_shown(raw['date'])} is not a real date (YYYY-MM-DD)")
        else:
            day = value_to_date(name.group(1)) if name else None
            if day is None:
                return self.unreadable((), "no date: add `date: YYYY-MM-DD`")
        declared = raw.get("person")
        if declared is not None and declared != self.person:
            message = f"person{_shown(declared)} does not match the folder {self.person!r}"
            self.report(("person",), message, check_only=True)
        values = self.strings(raw, "values")
        learns_best = self.strings(raw, "learns_best")
        dreams = self.dreams(raw.get("dreams"))
        skills = self.plan_skills(raw.get("skills"))
        actions = self.actions(raw.get("actions"), day)
        if actions and stage not in ACTION_STAGES:
            self.report(
                ("actions",),
                f"actions belong in plan and checkin documents, not {stage} (they still count)",
                severity="warning",
                check_only=True,
                key_line=True,
            )
        from careerkit.values.schema import DOCUMENT_DATES  # (on first use: a warm run reads no document)

        dates = {key: self.optional_date(raw, (key,), raw.get(key)) for key in DOCUMENT_DATES}
        seq = int(name.group(3) or 1) if name else 1
        asked = _asked(self.split.body) if stage == "checkin" else []  # (careerkit.reading.body, on first use)
        doc = Document(
            self.rel,
            self.person,
            stage,
            day,
            seq,
            values,
            dreams,
            learns_best,
            skills,
            actions,
            dates["next_checkin"],
            self.summary(raw, stage),
            dates["review_by"],
            dates["values_confirmed"],
            asked,
            self.flag(raw, "held"),
            _has_content(stage, raw, self.split.body),
            self.dream_shift(raw.get("dream_shift")),
            dates["used"],
        )
        return ReadResult(doc, self.problems)

    def flag(self, raw: dict[str, Any], key: str) -> bool | None:
        """A key that is true or false (`held`); None when it is not there, or is something else (reported)."""
        value = raw.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.report((key,), f"`{key}`{_shown(value)} should be true or false; it is not used")
        return None

    def dream_shift(self, value: Any) -> str | None:
        """`dream_shift`: their words, "" for `true`, None for nothing (false, empty, or not text: reported)."""
        if value is True:
            return ""
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is not None and value is not False and not isinstance(value, str):
            self.report(("dream_shift",), "`dream_shift` should be true or what they said, as text; it is not used")
        return None

    def strings(self, raw: dict[str, Any], key: str) -> list[str]:
        value = raw.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            self.report((key,), f"`{key}` should be a list of words or phrases", check_only=True)
            return []
        result = []
        for index, item in enumerate(value):
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                result.append(as_text(item))
            else:
                self.report((key, index), f"`{key}` item {index + 1} should be text", check_only=True)
        return result

    def dreams(self, value: Any) -> list[Dream]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(("dreams",), "`dreams` should be a list of {dream, skills}", check_only=True)
            return []
        result = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                result.append(Dream(item, []))
                continue
            if not isinstance(item, dict) or not isinstance(item.get("dream"), str):
                self.report(("dreams", index), f"dream {index + 1} should have a `dream:` text", check_only=True)
                continue
            dream = Dream(item["dream"], [])
            skills = item.get("skills")
            if skills is not None and not isinstance(skills, list):
                self.report(
                    ("dreams", index, "skills"), "`skills` should be a list of {skill, need, have}", check_only=True
                )
                skills = []
            for position, entry in enumerate(skills or []):
                keys = ("dreams", index, "skills", position)
                if not isinstance(entry, dict) or not isinstance(entry.get("skill"), str):
                    self.report(keys, "each skill should have a `skill:` name", check_only=True)
                    continue
                need, have = self.level(entry, keys, "need"), self.level(entry, keys, "have")
                if need is not False and have is not False:  # an invalid rating leaves the skill out
                    dream.skills.append(DreamSkill(entry["skill"], need, have))
            result.append(dream)
        return result

    def level(self, entry: dict[str, Any], keys: tuple[str | int, ...], key: str) -> int | bool | None:
        """The rating, None when there is none, False when it is invalid (reported: the skill is left out)."""
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            shown = _shown(value)
            message = (
                f"`{key}` should be a whole number from 1 to 5"
                + (f", not{shown}" if shown else "")
                + f"; skill {_number(keys[-1])} of dream {_number(keys[1])} is left out"
            )
            self.report((*keys, key), message)
            return False
        return value

    def plan_skills(self, value: Any) -> list[PlanSkill]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(("skills",), "`skills` should be a list of {skill, resources}", check_only=True)
            return []
        result = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                result.append(PlanSkill(item, []))
                continue
            if not isinstance(item, dict) or not isinstance(item.get("skill"), str):
                self.report(("skills", index), f"skill {index + 1} should have a `skill:` name", check_only=True)
                continue
            resources = item.get("resources")
            if isinstance(resources, str):
                resources = [resources]
            elif resources is not None and not isinstance(resources, list):
                self.report(
                    ("skills", index, "resources"),
                    "`resources` should be a list of people or resources",
                    check_only=True,
                )
                resources = []
            kept = [
                as_text(r)
                for r in resources or []
                if isinstance(r, (str, int, float)) and not isinstance(r, bool) and as_text(r).strip()
            ]
            if resources and len(kept) != len(resources):
                self.report(("skills", index, "resources"), "each resource should be text", check_only=True)
            result.append(PlanSkill(item["skill"], kept))
        return result

    def optional_date(self, raw: dict[str, Any], keys: tuple[str | int, ...], value: Any) -> date | None:
        if value is None:
            return None
        day = value_to_date(value)
        if day is None:
            self.report(keys, f"`{keys[-1]}`{_shown(value)} is not a real date (YYYY-MM-DD)")
        return day

    def actions(self, value: Any, day: date) -> list[Action]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(("actions",), "`actions` should be a list of action items")
            return []
        result: list[Action] = []
        repeated = _repeated_ids(value)
        first_line: dict[int, int | None] = {}
        for index, item in enumerate(value):
            action = self.action(item, index, day)
            if action is None:
                continue
            if action.id in repeated:  # rare: only then is the YAML composed to find the lines
                if action.id in first_line:
                    line = first_line[action.id]
                    where = f"line {line}" if line is not None else "an earlier line"
                    self.report(
                        ("actions", index, "id"), f"{DUPLICATE_ID} {action.id}: also used at {where}; {UNIQUE_IDS}"
                    )
                else:
                    first_line[action.id] = self.line_of(("actions", index, "id"))
            result.append(action)
        return result

    def action(self, item: Any, index: int, day: date) -> Action | None:
        keys: tuple[str | int, ...] = ("actions", index)
        if not isinstance(item, dict):
            self.report(keys, f"action {index + 1} should be a mapping with id and title; left out")
            return None
        ident = item.get("id")
        if isinstance(ident, bool) or not isinstance(ident, int) or not 1 <= ident <= MAX_ID:
            missing = "id" not in item
            message = (
                "action has no `id`; left out"
                if missing
                else f"action id{_shown(ident)} is not a positive whole number; left out"
            )
            self.report(keys if missing else (*keys, "id"), message)
            return None
        status = item.get("status", "open")
        if status is None:
            status = "open"
        if status not in STATUSES:
            hint = ""
            if isinstance(status, bool):
                hint = f" (YAML read an unquoted word as {str(status).lower()}; write open, done or dropped)"
            self.report(
                (*keys, "status"),
                f"action {ident}: status{_shown(status)} is not open, done or dropped{hint}; left out",
            )
            return None
        dates: dict[str, date | None] = {}
        for key in _action_dates():
            raw_value = item.get(key)
            dates[key] = value_to_date(raw_value) if raw_value is not None else None
            if raw_value is not None and dates[key] is None:
                self.report(
                    (*keys, key), f"action {ident}: {key}{_shown(raw_value)} is not a real date (YYYY-MM-DD); left out"
                )
                return None
        title = item.get("title")
        if not isinstance(title, str):
            if title is None:
                self.report(keys, f"action {ident} has no `title`", check_only=True)
            else:
                self.report(
                    (*keys, "title"),
                    f"action {ident}: title was read as{_shown(title)}; put it in quotes",
                    check_only=True,
                )
            title = "" if title is None else as_text(title)
        owner = item.get("owner")
        if owner is not None and not isinstance(owner, str):
            self.report((*keys, "owner"), f"action {ident}: owner should be a name or slug", check_only=True)
            owner = None
        skill = item.get("skill")
        if skill is not None and not isinstance(skill, str):
            self.report((*keys, "skill"), f"action {ident}: skill should be text", check_only=True)
            skill = None
        if status != "open" and dates["closed"] is None:
            self.report(
                keys, f"action {ident} is {status} but has no `closed:` date", severity="warning", check_only=True
            )
        return Action(
            id=ident,
            title=title.strip(),
            owner=owner or self.person,
            status=status,
            skill=skill,
            due=dates["due"],
            updated=dates["updated"],
            closed=dates["closed"],
            touched=dates["updated"] or day,
            path=self.rel,
            written=day,
            inherited=dates["inherited"],
        )

    def summary(self, raw: dict[str, Any], stage: str) -> str:
        text = raw.get("summary")
        if isinstance(text, str) and text.strip():
            return _shorten(text)
        if stage != "note":
            return ""
        from careerkit.reading.body import own_lines
        from careerkit.templating.template_lines import NO_SHAPES, own_template_shapes
        from careerkit.values.schema import NO_TEMPLATE, TEMPLATE

        templated = raw.get(TEMPLATE) != NO_TEMPLATE  # `careerkit note TEXT`: every line is theirs
        template = own_template_shapes(self.root) if self.root is not None and templated else NO_SHAPES
        paragraph: list[str] = []
        for line in own_lines(self.split.body[:SUMMARY_SCAN_CHARS], template, templated):
            if line is None:
                if paragraph:
                    break
                continue
            paragraph.append(line)
            if sum(map(len, paragraph)) > SUMMARY_CHARS:
                break
        return _shorten(" ".join(paragraph))


def _action_dates() -> tuple[str, ...]:
    """careerkit.values.schema.ACTION_DATES, imported on first use (a warm run reads no document) and then kept:
    an import statement for each action would cost more than the rest of reading its dates."""
    global _ACTION_DATES
    if _ACTION_DATES is None:
        from careerkit.values.schema import ACTION_DATES

        _ACTION_DATES = ACTION_DATES
    return _ACTION_DATES


_ACTION_DATES: tuple[str, ...] | None = None


def _has_content(stage: str, raw: dict[str, Any], body: str) -> bool:
    from careerkit.values.content import has_content  # (on first use: a warm run reads no document)

    return has_content(stage, raw, body)


def _asked(body: str) -> list[str]:
    from careerkit.reading.body import asked

    return [_shorten(text) for text in asked(body[:SUMMARY_SCAN_CHARS])]


def _number(position: str | int) -> str:
    """A list position as people count (1 for the first)."""
    return str(position + 1) if isinstance(position, int) else str(position)


UNIQUE_IDS = "ids are unique per person"
DUPLICATE_ID = "duplicate action id"


def _repeated_ids(items: list[Any]) -> set[int]:
    """The `id` values that more than one item of an `actions` list has."""
    seen: set[int] = set()
    repeated: set[int] = set()
    for item in items:
        ident = item.get("id") if isinstance(item, dict) else None
        if isinstance(ident, int) and not isinstance(ident, bool):
            (repeated if ident in seen else seen).add(ident)
    return repeated


def _shorten(text: str) -> str:
    """About SUMMARY_CHARS of `text` on one line, cut at a word boundary (mid-word only for one very long word)."""
    text = " ".join(text.split())
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS]
    space = cut.rfind(" ")
    kept = cut[:space] if space > SUMMARY_CHARS // 2 else cut[: SUMMARY_CHARS - 1]
    return kept.rstrip(" ,;:.-") + "…"


# Text shown in a message only when it looks like a slip of the keys: a date or number, or one lowercase word.
_SHOWABLE = r"[0-9][0-9:T .+-]{0,24}|[a-z][a-z0-9_-]{0,19}"
# A key named in a message only when it looks like one: a short identifier (`colour`, `due_date`), never a
# sentence someone wrote as a key (`private - going through chemo:`).
_KEY_LIKE = re.compile(r"[^\W\d][\w-]{0,31}")


def key_like(key: object) -> bool:
    """Whether a message may name `key` (see _KEY_LIKE); one that may not is "an unknown key" at its line."""
    return isinstance(key, str) and _KEY_LIKE.fullmatch(key) is not None


def value_like(text: str) -> bool:
    """Whether a message may repeat this value as written: a date or number, or one lowercase word."""
    return re.fullmatch(_SHOWABLE, text) is not None


def as_text(value: Any) -> str:
    """`str(value)`, but a whole number too long for Python to write out (past 4,300 digits) as a phrase."""
    try:
        return str(value)
    except ValueError:
        return "(a number too long to write)"


def _shown(value: Any) -> str:
    """` value` to put in an error message after the key it belongs to, or "" to name the key alone.

    Numbers, dates and single lowercase words (`status: donee`, `stage: retro`) are shown, as they
    make the message clear; anything a person may have written as prose is not: the notes are
    private, and error messages end up in terminals, CI logs and bug reports.
    """
    if isinstance(value, list):
        return " (a list)"
    if isinstance(value, dict):
        return " (a mapping)"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ID:
        return " (a number of more than 15 digits)"  # nor could Python write one of over 4,300 digits
    if isinstance(value, (bool, int, float, date)):
        return f" {value}"
    text = getattr(value, "text", value)  # an impossible date keeps what was written
    if isinstance(text, str) and value_like(text):
        return f" {text!r}" if isinstance(value, str) else f" {text}"
    return ""
