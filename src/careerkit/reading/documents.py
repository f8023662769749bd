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
from careerkit.reading.action_items import read_actions
from careerkit.reading.shown import as_text, ordinal, shown
from careerkit.values import codes
from careerkit.values.dates import value_to_date
from careerkit.values.model import (
    STAGE_RANK,
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
            raise CareerkitError("is a folder, not a Markdown document; not read", code=codes.NOT_A_FILE) from None
        raise CareerkitError(
            "is not a regular file (a pipe, socket or device); not read", code=codes.NOT_A_FILE
        ) from None
    except TooLarge:
        message = f"file is larger than {MAX_FILE_BYTES >> 20} MiB; not read"
        raise CareerkitError(message, code=codes.TOO_LARGE) from None


def cannot_read(error: OSError) -> str:
    """The message for a file that could not be opened or read (no path: the caller adds it)."""
    reason = error.strerror or type(error).__name__
    return f"cannot read file: {reason.lower()}"


def unreadable(rel: str, error: OSError | CareerkitError) -> Problem:
    """The problem of a whole file that could not be read, or whose frontmatter or YAML could not be."""
    if isinstance(error, OSError):
        return Problem(rel, 1, codes.CANNOT_READ, cannot_read(error))
    # Every reader's error carries its code; without one, the safe code: a result never kept (careerkit.cache).
    return Problem(rel, error.line or 1, error.code or codes.CANNOT_READ, error.message)


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
        return ReadResult(None, [unreadable(rel, error)])
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
            return ReadResult(None, [unreadable(rel, error)])
        try:
            return _Reader(rel, person, split, raw, tree[0].node if tree else None, root).read()
        except Exception as error:  # a bug, not the file's fault: the other documents are still read
            if os.environ.get("CAREERKIT_DEBUG"):
                raise
            message = f"could not read this document (internal error: {type(error).__name__}); please report it"
            return ReadResult(None, [Problem(rel, 1, codes.INTERNAL_ERROR, message)])
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
        code: str,
        message: str,
        *,
        check_only: bool = False,
        severity: str = "error",
        key_line: bool = False,
    ) -> None:
        line = self.line_of(keys, key_line) if keys else self.split.first_yaml_line - 1
        self.problems.append(Problem(self.rel, line, code, message, severity, check_only))

    def unreadable(self, keys: tuple[str | int, ...], code: str, message: str) -> ReadResult:
        self.report(keys, code, message)
        return ReadResult(None, self.problems)

    # -- reading ---------------------------------------------------------

    def read(self) -> ReadResult:
        raw = {} if self.raw is None else self.raw
        if not isinstance(raw, dict):
            kind = "a list" if isinstance(raw, list) else "a single value"
            hint = " (a note that starts with a --- rule needs frontmatter above it)" if isinstance(raw, str) else ""
            return self.unreadable((), codes.NOT_A_MAPPING, f"frontmatter is {kind}, not a mapping of keys{hint}")
        name = re.fullmatch(FILENAME, self.rel.rsplit("/", 1)[-1])
        stage = self.stage(raw, name)
        day = self.day(raw, name) if stage is not None else None
        if stage is None or day is None:
            return ReadResult(None, self.problems)  # (reported: without both, a document counts for nothing)
        self.person_matches(raw.get("person"))
        values = self.strings(raw, "values")
        learns_best = self.strings(raw, "learns_best")
        dreams = self.dreams(raw.get("dreams"))
        skills = self.plan_skills(raw.get("skills"))
        actions = read_actions(self, raw.get("actions"), day)
        if actions and stage not in ACTION_STAGES:
            message = f"actions belong in plan and checkin documents, not {stage} (they still count)"
            self.report(
                ("actions",), codes.MISPLACED_ACTIONS, message, severity="warning", check_only=True, key_line=True
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

    def stage(self, raw: dict[str, Any], name: re.Match[str] | None) -> str | None:
        """`stage`, else the file name's; None (reported) when neither gives a known one."""
        stage = raw.get("stage")
        if stage is None:
            if name is None or name.group(2) not in STAGE_RANK:
                self.report((), codes.NO_STAGE, "no stage: add `stage:` (story, dreams, plan, checkin or note)")
                return None
            return name.group(2)
        if not isinstance(stage, str) or stage not in STAGE_RANK:  # (a list is not hashable)
            message = f"unknown stage{shown(stage)}: use story, dreams, plan, checkin or note"
            self.report(("stage",), codes.UNKNOWN_STAGE, message)
            return None
        return stage

    def person_matches(self, declared: Any) -> None:
        """Report to `check` a `person` that is not the folder's (the folder is the person)."""
        if declared is not None and declared != self.person:
            message = f"person{shown(declared)} does not match the folder {self.person!r}"
            self.report(("person",), codes.PERSON_MISMATCH, message, check_only=True)

    def day(self, raw: dict[str, Any], name: re.Match[str] | None) -> date | None:
        """`date`, else the file name's; None (reported) when neither gives a real one."""
        if raw.get("date") is not None:
            day = value_to_date(raw["date"])
            if day is None:
                message = f"date{shown(raw['date'])} is not a real date (YYYY-MM-DD)"
                self.report(("date",), codes.BAD_DATE, message)
            return day
        day = value_to_date(name.group(1)) if name else None
        if day is None:
            self.report((), codes.NO_DATE, "no date: add `date: YYYY-MM-DD`")
        return day

    def flag(self, raw: dict[str, Any], key: str) -> bool | None:
        """A key that is true or false (`held`); None when it is not there, or is something else (reported)."""
        value = raw.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.report((key,), codes.BAD_VALUE, f"`{key}`{shown(value)} should be true or false; it is not used")
        return None

    def dream_shift(self, value: Any) -> str | None:
        """`dream_shift`: their words, "" for `true`, None for nothing (false, empty, or not text: reported)."""
        if value is True:
            return ""
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is not None and value is not False and not isinstance(value, str):
            self.report(
                ("dream_shift",),
                codes.BAD_VALUE,
                "`dream_shift` should be true or what they said, as text; it is not used",
            )
        return None

    def strings(self, raw: dict[str, Any], key: str) -> list[str]:
        value = raw.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            self.report((key,), codes.BAD_VALUE, f"`{key}` should be a list of words or phrases", check_only=True)
            return []
        result = []
        for index, item in enumerate(value):
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                result.append(as_text(item))
            else:
                self.report((key, index), codes.BAD_VALUE, f"`{key}` item {index + 1} should be text", check_only=True)
        return result

    def dreams(self, value: Any) -> list[Dream]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(("dreams",), codes.BAD_VALUE, "`dreams` should be a list of {dream, skills}", check_only=True)
            return []
        result = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                result.append(Dream(item, []))
                continue
            if not isinstance(item, dict) or not isinstance(item.get("dream"), str):
                self.report(
                    ("dreams", index),
                    codes.BAD_VALUE,
                    f"dream {index + 1} should have a `dream:` text",
                    check_only=True,
                )
                continue
            dream = Dream(item["dream"], [])
            skills = item.get("skills")
            if skills is not None and not isinstance(skills, list):
                self.report(
                    ("dreams", index, "skills"),
                    codes.BAD_VALUE,
                    "`skills` should be a list of {skill, need, have}",
                    check_only=True,
                )
                skills = []
            for position, entry in enumerate(skills or []):
                keys = ("dreams", index, "skills", position)
                if not isinstance(entry, dict) or not isinstance(entry.get("skill"), str):
                    self.report(keys, codes.BAD_VALUE, "each skill should have a `skill:` name", check_only=True)
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
            written = shown(value)
            message = (
                f"`{key}` should be a whole number from 1 to 5"
                + (f", not{written}" if written else "")
                + f"; skill {ordinal(keys[-1])} of dream {ordinal(keys[1])} is left out"
            )
            self.report((*keys, key), codes.BAD_RATING, message)
            return False
        return value

    def plan_skills(self, value: Any) -> list[PlanSkill]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(
                ("skills",), codes.BAD_VALUE, "`skills` should be a list of {skill, resources}", check_only=True
            )
            return []
        result = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                result.append(PlanSkill(item, []))
                continue
            if not isinstance(item, dict) or not isinstance(item.get("skill"), str):
                self.report(
                    ("skills", index),
                    codes.BAD_VALUE,
                    f"skill {index + 1} should have a `skill:` name",
                    check_only=True,
                )
                continue
            kept = self.resources(item.get("resources"), index)
            result.append(PlanSkill(item["skill"], kept))
        return result

    def resources(self, resources: Any, index: int) -> list[str]:
        """The people and resources of skill `index` of the plan: the items that are text (the rest reported)."""
        keys: tuple[str | int, ...] = ("skills", index, "resources")
        if isinstance(resources, str):
            resources = [resources]
        elif resources is not None and not isinstance(resources, list):
            self.report(keys, codes.BAD_VALUE, "`resources` should be a list of people or resources", check_only=True)
            resources = []
        kept = [
            as_text(r)
            for r in resources or []
            if isinstance(r, (str, int, float)) and not isinstance(r, bool) and as_text(r).strip()
        ]
        if resources and len(kept) != len(resources):
            self.report(keys, codes.BAD_VALUE, "each resource should be text", check_only=True)
        return kept

    def optional_date(self, raw: dict[str, Any], keys: tuple[str | int, ...], value: Any) -> date | None:
        if value is None:
            return None
        day = value_to_date(value)
        if day is None:
            self.report(keys, codes.BAD_DATE, f"`{keys[-1]}`{shown(value)} is not a real date (YYYY-MM-DD)")
        return day

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


def _has_content(stage: str, raw: dict[str, Any], body: str) -> bool:
    from careerkit.values.content import has_content  # (on first use: a warm run reads no document)

    return has_content(stage, raw, body)


def _asked(body: str) -> list[str]:
    from careerkit.reading.body import asked

    return [_shorten(text) for text in asked(body[:SUMMARY_SCAN_CHARS])]


def _shorten(text: str) -> str:
    """About SUMMARY_CHARS of `text` on one line, cut at a word boundary (mid-word only for one very long word)."""
    text = " ".join(text.split())
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS]
    space = cut.rfind(" ")
    kept = cut[:space] if space > SUMMARY_CHARS // 2 else cut[: SUMMARY_CHARS - 1]
    return kept.rstrip(" ,;:.-") + "…"
