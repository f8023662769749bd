"""The person's worksheet: plain Markdown written for them to fill in, and read back line by line.

What `take` needs rides on the first line, an HTML comment (`careerkit worksheet person=... stage=...
shared=... base=...`); `base` is a fingerprint of each step and rating as shared (a short checksum by step
id, or by dream and skill), which tells a change made on the worksheet from one made in the notes since.
When that line is lost (pasted into a chat and back), the stage is told from the title line and every
difference from the notes counts as the person's.

Reading is forgiving of what editors and people do to Markdown (CRLF, smart quotes, `* [X]`, numbered
lists, reflowed lines, extra blank lines, a title without `#`), and strict about the rest: a line in a
section of steps, skills or ratings that is none of those is refused, naming its line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from careerkit.errors import CareerkitError

SHEET_STAGES = ("dreams", "plan", "checkin")
STAGE_TITLES = {"dreams": "your dreams", "plan": "your plan", "checkin": "your check-in"}
MARK = "careerkit worksheet"
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_BULLET = r"(?:[-*+\u2022]|\d{1,3}[.)])"
_TASK = re.compile(rf"^\s*{_BULLET}\s*\[(?P<mark>[^\]]?)\]\s*(?P<text>.*)$")
_ITEM = re.compile(rf"^\s*{_BULLET}\s+(?P<text>.*)$|^\s*{_BULLET}$")
_DUE = re.compile(r"\s*\(\s*due\s*:?\s*(?P<due>[^()]*)\)\s*$", re.IGNORECASE)
_LEADING_ID = re.compile(r"^(?P<id>\d{1,9})[.:)]?\s+(?P<rest>.*)$")
_RATING = re.compile(
    r"^(?P<skill>.*?)\s*[:,-]?\s*need\s*[:=]?\s*(?P<need>\d+|_*)\s*[,;]?\s*have\s*[:=]?\s*(?P<have>\d+|_*)\s*\.?$",
    re.IGNORECASE,
)
_DREAM = re.compile(r"^#{0,6}\s*dream\b[^:]{0,12}:\s*(?P<dream>.*)$", re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.*)$")
_HEADER = re.compile(r"<!--\s*careerkit worksheet\b(?P<fields>[^>]*)-->")
_DATE_LINE = re.compile(r"^[*_]*date[*_]*\s*:[*_]*\s*(?P<day>\S*)\s*$", re.IGNORECASE)
_TITLE = re.compile(r"^#*\s*worksheet for\b.*?(?P<stage>dreams|plan|check-?in)\b", re.IGNORECASE)
_DONE_MARKS = "xX\u2713\u2714"
RATING_LOW, RATING_HIGH = 1, 5
# The section titles share writes, known without their # too.
SECTIONS = {
    "steps": "Your steps",
    "new": "New steps",
    "first": "First steps",
    "feel": "How you feel about the plan",
    "dreams": "Your dreams",
    "choose": "Skills to choose from",
    "learn": "How you learn best",
}
SECTION_TITLES = {title.casefold() for title in SECTIONS.values()}
BLANK_LINES = {"dreams": 2, "plan": 3, "checkin": 2}  # empty lines offered to fill in


class SheetError(CareerkitError):
    """A worksheet line careerkit cannot place (exit 1, nothing written)."""


# -- what a worksheet holds ----------------------------------------------------------------------


@dataclass
class Step:
    line: int
    ident: int | None  # None: a new step
    title: str
    due: date | None
    done: bool
    words: str = ""  # the whole line after its id: a title of the notes may hold "(due soon)" itself
    due_error: str | None = None  # what a "(due ...)" said that is not a day


@dataclass
class Rating:
    line: int
    skill: str
    need: int | None
    have: int | None


@dataclass
class DreamRows:
    line: int
    dream: str
    skills: list[Rating] = field(default_factory=list)


@dataclass
class Sheet:
    person: str | None
    stage: str | None
    shared: date | None
    day: date | None  # the date line
    base: dict[str, str] | None  # None: the first line was lost
    steps: list[Step] = field(default_factory=list)
    dreams: list[DreamRows] = field(default_factory=list)
    chosen: list[str] = field(default_factory=list)
    learns_best: list[str] = field(default_factory=list)
    source: str = ""  # the file, as its lines are named


# -- fingerprints ----------------------------------------------------------------------------------


def _short(*parts: object) -> str:
    text = "\x00".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:6]


def same_text(a: str, b: str) -> bool:
    """Equal as a person reads them: smart quotes, dashes and runs of blanks do not count."""
    return " ".join(a.translate(_QUOTES).split()) == " ".join(b.translate(_QUOTES).split())


def step_print(status: str, title: str, due: date | None) -> str:
    return _short(status, " ".join(title.translate(_QUOTES).split()), due)


def rating_key(dream: str, skill: str) -> str:
    return "r" + _short(*(" ".join(text.translate(_QUOTES).split()).casefold() for text in (dream, skill)))


def rating_print(need: int | None, have: int | None) -> str:
    return _short(need, have)


# -- reading one back -------------------------------------------------------------------------------


def parse(text: str, where: str) -> Sheet:
    """What a filled worksheet says; SheetError naming `where:line` for a line it cannot place."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    sheet = Sheet(None, None, None, None, None, source=where)
    reader = _Reader(sheet, where)
    for number, raw in enumerate(text.split("\n"), start=1):
        reader.line(number, raw.translate(_QUOTES).rstrip())
    reader.flush()
    if sheet.stage is None:  # no first line and no title: what it holds tells
        sheet.stage = "dreams" if sheet.dreams else "plan" if sheet.chosen or sheet.learns_best else None
        sheet.stage = sheet.stage or ("checkin" if sheet.steps else None)
    if sheet.stage is None:
        raise SheetError(f"{where}: not a careerkit worksheet (no 'Worksheet for ...: your ...' line)")
    return sheet


class _Reader:
    """One pass over the lines; an item's text may run on over the next lines (a reflowed paragraph)."""

    def __init__(self, sheet: Sheet, where: str) -> None:
        self.sheet = sheet
        self.where = where
        self.section = "top"  # before any heading: task lines are steps (headings lost in a chat), prose is not
        self.pending: tuple[int, str, str] | None = None  # (line, kind, text) of an item still growing
        self.in_comment = False

    def fail(self, number: int, message: str) -> SheetError:
        return SheetError(f"{self.where}:{number}: {message}; nothing written")

    def line(self, number: int, line: str) -> None:
        stripped = line.strip()
        if self._header_or_comment(stripped):
            return
        if not stripped or stripped.startswith(">"):
            self.flush()
            return
        if self.sheet.day is None and (match := _DATE_LINE.match(stripped)):
            self.flush()
            self.sheet.day = self._date(number, match["day"])
            return
        if (title := _TITLE.match(stripped)) and self.sheet.stage is None:
            self.sheet.stage = title["stage"].lower().replace("-", "")
            return
        if self._section_or_dream(number, stripped):
            return
        self._item(number, line, stripped)

    def _header_or_comment(self, stripped: str) -> bool:
        if self.in_comment:
            self.in_comment = "-->" not in stripped
            return True
        if match := _HEADER.search(stripped):
            self._header(match["fields"])
            return True
        if stripped.startswith("<!--"):
            self.in_comment = "-->" not in stripped
            return True
        return False

    def _header(self, fields: str) -> None:
        pairs = dict(part.split("=", 1) for part in fields.split() if "=" in part)
        self.sheet.person = pairs.get("person")
        stage = pairs.get("stage")
        self.sheet.stage = stage if stage in SHEET_STAGES else self.sheet.stage
        try:
            self.sheet.shared = date.fromisoformat(pairs.get("shared", ""))
        except ValueError:
            self.sheet.shared = None
        prints = [part.split(".", 1) for part in pairs.get("base", "").split(",") if "." in part]
        self.sheet.base = {key: value for key, value in prints}

    def _date(self, number: int, text: str) -> date:
        try:
            return date.fromisoformat(text.strip("*_"))
        except ValueError:
            raise self.fail(number, f"the date {text!r} is not a day written YYYY-MM-DD") from None

    def _section_or_dream(self, number: int, stripped: str) -> bool:
        if self.sheet.stage in (None, "dreams") and (dream := _DREAM.match(stripped)):
            self.flush()
            self.section = "dreams"
            self.sheet.dreams.append(DreamRows(number, dream["dream"].strip()))
            return True
        heading = _HEADING.match(stripped)
        title = heading["title"] if heading else stripped.strip("*_ :")  # a chat may drop the #, or make it bold
        if heading is None and title.casefold() not in SECTION_TITLES:
            return False
        self.flush()
        self.section = _section_of(title.casefold())
        return True

    def _item(self, number: int, line: str, stripped: str) -> None:
        task = _TASK.match(line)
        item = _ITEM.match(line)
        if task is None and item is None:
            if self.pending is not None:  # a reflowed line: the item goes on
                at, kind, text = self.pending
                self.pending = (at, kind, f"{text} {stripped}")
                return
            if self.section in ("free", "top"):
                return
            raise self.fail(number, f"cannot place this line ({_shorten(stripped)}): write it as a list item")
        self.flush()
        if task is not None:
            mark = task["mark"].strip()
            kind = "done" if mark and mark in _DONE_MARKS else "task"
            if mark and mark not in _DONE_MARKS:
                raise self.fail(number, f"a task line is ticked with {mark!r}: tick it with [x]")
            self.pending = (number, kind, task["text"].strip())
        elif item is not None:
            self.pending = (number, "item", (item["text"] or "").strip())

    def flush(self) -> None:
        if self.pending is None:
            return
        number, kind, text = self.pending
        self.pending = None
        if self.section == "free":
            return
        if self.section == "dreams":
            self._rating(number, kind, text)
        elif self.section == "learn":
            self._learn(number, kind, text)
        elif self.section == "choose" and kind != "item":
            if kind == "done" and text:
                self.sheet.chosen.append(_without_dreams(text))
        elif kind != "item":
            self._step(number, kind, text)
        elif text:
            raise self.fail(number, f"cannot place this line ({_shorten(text)}): a step is written '- [ ] ...'")

    def _rating(self, number: int, kind: str, text: str) -> None:
        match = _RATING.match(text)
        if kind != "item" or match is None:
            if not text and kind == "item":
                return
            raise self.fail(number, f"cannot read this skill ({_shorten(text)}): write '- skill: need 4, have 2'")
        skill = match["skill"].strip().rstrip(":").strip()
        need, have = (self._score(number, match[key]) for key in ("need", "have"))
        if not skill:
            if need is not None or have is not None:
                raise self.fail(number, "a rating without its skill: write the skill before 'need'")
            return
        if not self.sheet.dreams:
            raise self.fail(number, "a skill before any 'Dream: ...' line: which dream needs it?")
        self.sheet.dreams[-1].skills.append(Rating(number, skill, need, have))

    def _score(self, number: int, text: str) -> int | None:
        if not text.strip("_"):
            return None
        value = int(text)
        if not RATING_LOW <= value <= RATING_HIGH:
            raise self.fail(number, f"a rating of {value}: ratings go from {RATING_LOW} to {RATING_HIGH}")
        return value

    def _learn(self, number: int, kind: str, text: str) -> None:
        if kind == "task" and not text:
            return
        if text:
            self.sheet.learns_best.append(text)

    def _step(self, number: int, kind: str, text: str) -> None:
        ident: int | None = None
        if self.section != "new" and (lead := _LEADING_ID.match(text)):
            ident, text = int(lead["id"]), lead["rest"].strip()
        words, due, due_error = text, None, None
        if match := _DUE.search(text):
            try:
                due = date.fromisoformat(match["due"].strip())
                text = text[: match.start()].rstrip()
            except ValueError:
                due_error = self.fail(number, f"the date {match['due'].strip()!r} is not a day written YYYY-MM-DD")
        if due_error is not None and ident is None:
            raise due_error
        if not text and ident is None:
            if due is not None or kind == "done":
                raise self.fail(number, "a step without its words: write what the step is")
            return
        message = None if due_error is None else str(due_error)
        self.sheet.steps.append(Step(number, ident, text, due, kind == "done", words, message))


def _section_of(title: str) -> str:
    if "dream" in title:
        return "dreams"
    if "learn" in title:
        return "learn"
    if "skill" in title and "choose" in title:
        return "choose"
    if "new step" in title or "first step" in title:
        return "new"
    if "step" in title:
        return "steps"
    return "free"


def _without_dreams(text: str) -> str:
    """A skill line's skill: the dreams it serves (` - for: ...`) are only there to help choose."""
    return re.split(r"\s+-{1,2}\s+for\s*:", text, maxsplit=1)[0].strip()


def _shorten(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "\u2026"
