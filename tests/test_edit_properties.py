"""careerkit.writing.edit on documents written by hand: only the intended bytes change, or nothing is written.

A strategy writes frontmatter the way people do: keys in any order, comments on
their own lines and after values, plain, single- and double-quoted values,
LF or CRLF, flow (`[...]`, `{id: 1, title: x}`) and block lists with their
dashes 0, 2 or 4 spaces in and 1-3 spaces after, unicode, blank lines, a BOM,
`...` as the closing marker, and a body with `---` rules, indented lines and
no final newline. While writing, it keeps a model of where every action and
every value token is, so that each property knows which lines may change and,
for the ordinary documents, the exact text the edit must produce.

Some documents also get "twists" that people write less often (block scalars,
aliases, tags, mixed line endings, ...). careerkit may refuse those
(EditRefused); then the file must be left as it was. Ordinary documents must
never be refused, and refusals must stay rare overall.

Examples per property: two thirds of the profile's budget (conftest.py: 20 in a
quick run, 200 in CI), at least 100 for the refusal rate, derandomized so that
every run is stable. A bigger, randomly seeded run:
`CAREERKIT_HYPOTHESIS_EXAMPLES=5000 pytest tests/test_edit_properties.py`
(add `-s --hypothesis-show-statistics` to see the refusal rate and the twists).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from careerkit.reading.documents import parse_document
from careerkit.rules import actions
from careerkit.writing import edit
from helpers import same

# -- settings --------------------------------------------------------------------------------------

_BIG = int(os.environ.get("CAREERKIT_HYPOTHESIS_EXAMPLES") or 0)
settings.register_profile(
    "careerkit-edit",
    max_examples=_BIG or settings.default.max_examples * 2 // 3,
    derandomize=not _BIG,  # the default run is the same every time; a big run explores
    database=None,  # nothing is written into the repository
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile("careerkit-edit")
MAX_REFUSAL_RATE = 0.10  # of all generated documents (ordinary ones: never)

# -- an independent reader: our own split, PyYAML's C safe loader ----------------------------------

_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*\r?\n?")


@dataclass(frozen=True)
class Parts:
    head: str  # BOM and the opening line
    yaml: str
    closing: str  # the closing line, with its line ending
    body: str


def lines_of(text: str) -> list[str]:
    """The lines of a text, each with its ending: like splitlines(keepends=True), but only a LF ends a line.

    (str.splitlines also breaks at \\x0c, \\x85, \\u2028 and others, which are text in a note, not line ends.)
    """
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def parts(text: str) -> Parts:
    lines = lines_of(text)
    assert lines[0].lstrip("\ufeff").rstrip("\r\n") == "---"
    for index, line in enumerate(lines[1:], 1):
        if _CLOSE.fullmatch(line):
            return Parts(lines[0], "".join(lines[1:index]), line, "".join(lines[index + 1 :]))
    raise AssertionError("no closing line")


def load(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def reads_back(token: str, value: Any, flow: bool) -> bool:
    probe = f"{{k: {token}, z: 0}}\n" if flow else f"k: {token}\n"
    try:
        loaded = load(probe)
    except yaml.YAMLError:
        return False
    return same(loaded, {"k": value, "z": 0} if flow else {"k": value})


# -- the model of a generated document -------------------------------------------------------------


@dataclass
class Field:
    key: str
    value: Any  # what it loads to
    token: str  # as written ("" for an empty value)


@dataclass
class Item:
    """One action as written, and where."""

    fields: list[Field]
    flow: bool
    pad: str = ""  # flow: "{ id: 1 }" or "{id: 1}"
    dash_col: int = 0  # block list only
    gap: int = 1
    first: int = 0  # line indexes: its first and last line
    last: int = 0
    # block item: per key, its line, the text before its token and after it
    lines: dict[str, int] = field(default_factory=dict)
    before: dict[str, str] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)
    # flow item: where its text is in its line
    start: int = 0
    end: int = 0

    @property
    def ident(self) -> int:
        return int(self.get("id").value)  # type: ignore[union-attr]

    def get(self, key: str) -> Field | None:
        found = [f for f in self.fields if f.key == key]
        return found[-1] if found else None

    @property
    def key_col(self) -> int:
        return self.dash_col + 1 + self.gap


@dataclass
class Doc:
    lines: list[list[str]]  # [text, line ending] from the opening line to the closing line
    bom: str
    body: str
    nl: str
    items: list[Item]
    form: str  # block | flow | flow-lines | empty | missing
    actions_line: int | None  # the `actions:` line
    list_style: tuple[int, int]  # (dash offset, gap) of the first block list, as careerkit copies it
    last_top_line: int  # the last line of the last top-level value
    twists: frozenset[str]

    @property
    def text(self) -> str:
        return self.bom + "".join(text + nl for text, nl in self.lines) + self.body

    @property
    def ordinary(self) -> bool:
        return not self.twists


# -- the strategy -----------------------------------------------------------------------------------

TEXT = st.characters(
    categories=("L", "M", "N", "P", "S", "Zs", "Cf", "Co"), include_characters="\t", exclude_characters="\ufeff"
)
WORDS = [
    "Shadow Bob in two hiring loops",
    "Read “The Manager's Path”",
    "Lead: the Q3 review",
    "Zoë's #1 goal",
    "Design review — 2 loops",
    "[draft] RFC",
    "yes",
    "null",
    "2026-03-01",
    "100",
    "a: b",
    "- list-like",
    "# not a comment",
    "Pair with 李雷 on 日本語 docs",
    "💡 idea",
    "x, y",
    "{braces}",
    "trailing space ",
    " leading",
    'it\'s "quoted"',
    "back\\slash",
    "~",
    "@mention",
    "%percent",
    "1.10",
]
TITLES = st.one_of(st.sampled_from(WORDS), st.text(TEXT, min_size=1, max_size=24))
NAMES = st.sampled_from(["bob", "alice", "Zoë O'Brien", "team: platform"])
SKILLS = st.sampled_from(["system design", "people management", "writing: docs", "SQL", "écrire"])
DATES = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))
COMMENT = st.text(TEXT, max_size=16).map(lambda text: "#" + text)
TWISTS = (
    "block-scalar",
    "alias",
    "tag",
    "flow-item-lines",
    "indented-root",
    "tab",
    "dup-id",
    "mixed-nl",
    "quoted-key",
    "plain-lines",
    "comment-in-flow",
    "trailing-comma",
    "unicode-break",
)
ACTION_KEYS = ("title", "owner", "skill", "due", "status", "updated", "closed", "effort", "tags")
TAGS = st.lists(st.sampled_from(("hiring", "écrire", "x: y", "1.10", "q3")), min_size=1, max_size=3)


def escaped(char: str) -> str:
    if char in '\\"':
        return "\\" + char
    if char == "\t":
        return "\\t"
    if ord(char) < 0x80:
        return char
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"


@st.composite
def str_token(draw: Any, value: str, flow: bool) -> str:
    style = draw(st.sampled_from(("plain", "plain", "single", "double", "escaped")))
    if style == "plain" and reads_back(value, value, flow):
        return value
    if style == "escaped":
        token = '"' + "".join(map(escaped, value)) + '"'
    elif style == "double":
        token = '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'
    else:
        token = "'" + value.replace("'", "''") + "'"
    assert reads_back(token, value, flow), token
    return token


@st.composite
def date_field(draw: Any, key: str, flow: bool, empty: bool = True) -> Field:
    day = draw(DATES)
    kinds = ["plain", "plain", "single", "double", "time"] + (["null", "tilde"] + ([] if flow else ["empty"])) * empty
    kind = draw(st.sampled_from(kinds))
    if kind == "plain":
        return Field(key, day, day.isoformat())
    if kind == "time":
        token = day.isoformat() + draw(st.sampled_from((" 09:30:00", "T17:05:00Z", "t08:00:00+02:00")))
        return Field(key, load(f"k: {token}")["k"], token)
    if kind in ("single", "double"):
        quote = "'" if kind == "single" else '"'
        return Field(key, day.isoformat(), quote + day.isoformat() + quote)
    return Field(key, None, {"null": "null", "tilde": "~", "empty": ""}[kind])


@st.composite
def action_fields(draw: Any, ident: int, flow: bool, b: Builder) -> list[Field]:
    keys = draw(st.lists(st.sampled_from(ACTION_KEYS), unique=True, max_size=6))
    if "title" not in keys and draw(st.integers(0, 9)):
        keys.insert(0, "title")
    keys = ["id", *keys]
    if draw(st.integers(0, 3)) == 0:
        keys = draw(st.permutations(keys))
    result = []
    for key in keys:
        if key == "id":
            result.append(Field("id", ident, str(ident)))
        elif key in ("title", "owner", "skill"):
            value = draw(TITLES if key == "title" else NAMES if key == "owner" else SKILLS)
            if key == "title" and b.twist("unicode-break"):
                value = value + "\u2028" + draw(st.sampled_from(("\u2029", "\x85", ""))) + "next"
                result.append(Field(key, value, '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'))
                continue
            result.append(Field(key, value, draw(str_token(value, flow))))
        elif key == "tags":
            words = draw(TAGS)
            token = "[" + ", ".join(draw(str_token(word, True)) for word in words) + "]"
            result.append(Field(key, words, token if flow or draw(st.booleans()) else "<list>"))
        elif key in ("due", "updated", "closed"):
            result.append(draw(date_field(key, flow)))
        elif key == "status":
            status = draw(st.sampled_from(("open", "open", "done", "dropped", None)))
            if status is None:
                result.append(Field(key, None, draw(st.sampled_from(("null", "~") if flow else ("", "null", "~")))))
            else:
                result.append(Field(key, status, draw(str_token(status, flow))))
        else:
            value = draw(st.integers(1, 5))
            result.append(Field(key, value, str(value)))
    if b.twist("tag"):
        for item in result:
            if item.key == "effort":
                item.token = "!!int " + item.token
            elif item.key == "status" and isinstance(item.value, str):
                item.token = "!!str " + item.value
    return result


class Builder:
    """Lines as they are written, with line endings."""

    def __init__(self, draw: Any, nl: str, twists: set[str]):
        self.draw, self.nl, self.twists = draw, nl, twists
        self.lines: list[list[str]] = []
        self.applied: set[str] = set()

    def add(self, text: str) -> int:
        self.lines.append([text, self.nl])
        return len(self.lines) - 1

    def twist(self, name: str) -> bool:
        """Whether to use this twist here (and note that it was used)."""
        if name in self.twists and self.draw(st.booleans()):
            self.applied.add(name)
            return True
        return False

    def tail(self) -> str:
        """Spaces and a comment after a value, or nothing (or only spaces)."""
        kind = self.draw(st.integers(0, 7))
        if kind > 2:
            return ""
        space = self.draw(st.sampled_from((" ", "  ", "   ", "\t", " \t")))
        return space if kind == 0 else space + self.draw(COMMENT)

    def sep(self) -> str:
        if self.twist("tab"):
            return "\t"
        return self.draw(st.sampled_from((" ", " ", " ", "  ")))

    def filler(self, cols: tuple[int, ...] = (0,)) -> None:
        """Blank lines and comment lines, sometimes."""
        for _ in range(self.draw(st.integers(0, 4)) // 3):
            if self.draw(st.booleans()):
                self.add(self.draw(st.sampled_from(("", "", "  "))))
            else:
                self.add(" " * self.draw(st.sampled_from(cols)) + self.draw(COMMENT))

    def key(self, name: str) -> str:
        if self.twist("quoted-key"):
            return self.draw(st.sampled_from((f'"{name}"', f"'{name}'")))
        return name

    # -- actions --------------------------------------------------------------------------------

    def block_item(self, item: Item) -> None:
        item.first = len(self.lines)
        for position, f in enumerate(item.fields):
            if position == 0:
                lead = " " * item.dash_col + "-" + " " * item.gap
            else:
                lead = " " * item.key_col
                self.filler((item.key_col, 0))
            before = lead + self.key(f.key) + ":" + (self.sep() if f.token else "")
            if f.key == "title" and isinstance(f.value, str) and self.twist("block-scalar"):
                indicator = self.draw(st.sampled_from(("|", ">-", "|-")))
                index = self.add(lead + f.key + ": " + indicator + self.tail())
                words = ["Block", "scalar", "title"]
                self.add(" " * (item.key_col + 2) + words[0])
                self.add(" " * (item.key_col + 2) + " ".join(words[1:]))
                f.value, f.token = None, "<block>"
            elif f.token == "<list>":
                index = self.add(lead + f.key + ":" + self.tail())
                dash = item.key_col + self.draw(st.sampled_from((0, 2)))
                for word in f.value:
                    self.add(" " * dash + "- " + self.draw(str_token(word, False)) + self.tail())
                f.token = "<list>"
            elif f.key == "title" and self.twist("plain-lines"):
                index = self.add(before + "First part")
                self.add(" " * (item.key_col + 2) + "second part" + self.tail())
                f.value, f.token = "First part second part", "<lines>"
            else:
                after = self.tail()
                index = self.add(before + f.token + after)
                item.before[f.key], item.after[f.key] = before, after
            item.lines[f.key] = index
        item.last = len(self.lines) - 1

    def flow_text(self, item: Item) -> str:
        inner = ", ".join(f"{f.key}: {f.token}" for f in item.fields)
        if self.twist("trailing-comma"):
            inner += ","
        return "{" + item.pad + inner + item.pad + "}"

    def flow_item_in_block(self, item: Item) -> None:
        lead = " " * item.dash_col + "-" + " " * item.gap
        item.first = len(self.lines)
        if len(item.fields) > 1 and self.twist("flow-item-lines"):
            first, rest = item.fields[0], item.fields[1:]
            self.add(lead + "{" + item.pad + f"{first.key}: {first.token},")
            inner = ", ".join(f"{f.key}: {f.token}" for f in rest)
            self.add(" " * (item.dash_col + 4) + inner + item.pad + "}" + self.tail())
            item.start = -1
        else:
            text = self.flow_text(item)
            item.start, item.end = len(lead), len(lead) + len(text)
            self.add(lead + text + self.tail())
        item.last = len(self.lines) - 1


@st.composite
def documents(draw: Any, need_items: bool = False, twists: bool = True) -> Doc:
    nl = draw(st.sampled_from(("\n", "\r\n")))
    chosen = (
        set(draw(st.sets(st.sampled_from(TWISTS), min_size=1, max_size=3))) if twists and draw(st.booleans()) else set()
    )
    b = Builder(draw, nl, chosen)
    b.add("---")
    form = draw(
        st.sampled_from(
            ("block", "block", "block", "flow", "flow-lines") + (() if need_items else ("empty", "missing"))
        )
    )
    count = draw(st.integers(1, 4))
    ids = draw(st.lists(st.integers(1, 40), min_size=count, max_size=count, unique=True))
    flow_form = form in ("flow", "flow-lines")
    items: list[Item] = []
    for ident in ids:
        flow = flow_form or draw(st.integers(0, 4)) == 0
        items.append(Item(draw(action_fields(ident, flow, b)), flow, pad=draw(st.sampled_from(("", "", " ")))))
    if len(items) > 1 and b.twist("dup-id"):
        items[0].fields[[f.key for f in items[0].fields].index("id")] = Field("id", ids[-1], str(ids[-1]))
    if "alias" in chosen:
        owners = [item.get("owner") for item in items if item.get("owner") and not item.flow]
        if len(owners) > 1:
            b.applied.add("alias")
            owners[0].token = "&who " + owners[0].token  # type: ignore[union-attr]
            for other in owners[1:]:
                other.value, other.token = owners[0].value, "*who"  # type: ignore[union-attr]
    if form in ("empty", "missing"):
        items = []

    extra = draw(
        st.lists(st.sampled_from(("values", "learns_best", "skills", "summary", "next_checkin", "mood")), unique=True)
    )
    entries = ["person", "stage", "date", "actions", *extra]
    if form == "missing":
        entries.remove("actions")
    entries = draw(st.permutations(entries))
    list_style: tuple[int, int] | None = None
    last_top_line = 0
    actions_line = None
    for entry in entries:
        b.filler()
        if entry in ("person", "stage", "date", "summary", "next_checkin", "mood"):
            if entry in ("date", "next_checkin"):
                token = draw(date_field(entry, False, empty=entry == "next_checkin")).token
            elif entry == "summary" and draw(st.integers(0, 3)) == 0:
                token = ""
            else:
                value = {
                    "person": "alice",
                    "stage": draw(st.sampled_from(("plan", "checkin"))),
                    "summary": draw(TITLES),
                    "mood": draw(NAMES),
                }[entry]
                token = draw(str_token(value, False))
            last_top_line = b.add(b.key(entry) + ":" + (b.sep() + token if token else "") + b.tail())
        elif entry in ("values", "learns_best", "skills"):
            words = draw(
                st.lists(st.sampled_from(("pairing", "reading", "autonomy", "système", "x: y")), min_size=1, max_size=3)
            )
            if draw(st.booleans()):
                text = ", ".join(draw(str_token(word, True)) for word in words)
                if entry == "skills":
                    text = ", ".join("{skill: " + draw(str_token(word, True)) + "}" for word in words)
                last_top_line = b.add(f"{entry}: [{text}]" + b.tail())
            else:
                b.add(entry + ":" + b.tail())
                dash, gap = draw(st.sampled_from((0, 2, 4))), draw(st.integers(1, 3))
                for word in words:
                    last_top_line = b.add(
                        " " * dash
                        + "-"
                        + " " * gap
                        + ("skill: " if entry == "skills" else "")
                        + draw(str_token(word, False))
                        + b.tail()
                    )
                    if entry == "skills" and draw(st.booleans()):
                        last_top_line = b.add(" " * (dash + 1 + gap) + "resources: [Mentor: Bob, 'Book: X']")
                if list_style is None:
                    list_style = (dash, gap)
        else:  # actions
            actions_line = len(b.lines)
            if form == "empty":
                token = draw(st.sampled_from(("", "[]", "null", "~")))
                last_top_line = b.add(b.key("actions") + ":" + (" " + token if token else "") + b.tail())
            elif form == "block":
                b.add(b.key("actions") + ":" + b.tail())
                dash = draw(st.sampled_from((0, 2, 4)))
                for item in items:
                    b.filler((dash, 0))
                    item.dash_col, item.gap = dash, draw(st.integers(1, 3))
                    if item.flow:
                        b.flow_item_in_block(item)
                    else:
                        b.block_item(item)
                last_top_line = items[-1].last
            elif form == "flow":
                pad = draw(st.sampled_from(("", " ")))
                head = b.key("actions") + ": [" + pad
                texts = [b.flow_text(item) for item in items]
                position = len(head)
                for item, text in zip(items, texts, strict=True):
                    item.start, item.end = position, position + len(text)
                    position = item.end + 2
                line = b.add(head + ", ".join(texts) + pad + "]" + b.tail())
                for item in items:
                    item.first = item.last = line
                last_top_line = line
            else:  # flow-lines
                b.add(b.key("actions") + ": [")
                indent = draw(st.sampled_from((2, 4)))
                for position, item in enumerate(items):
                    if position and b.twist("comment-in-flow"):
                        b.add(" " * indent + draw(COMMENT))
                    text = b.flow_text(item)
                    item.start, item.end = indent, indent + len(text)
                    item.first = item.last = b.add(" " * indent + text + ("," if position < len(items) - 1 else ""))
                if draw(st.booleans()):
                    last_top_line = b.add("]" + b.tail())
                else:
                    b.lines[-1][0] += "]"
                    last_top_line = len(b.lines) - 1
    b.filler()
    if b.twist("indented-root"):
        shift = " " * draw(st.integers(1, 2))
        for line in b.lines[1:]:
            if line[0].strip():
                line[0] = shift + line[0]
        for item in items:
            item.dash_col += len(shift)
            item.start += len(shift)
            item.end += len(shift)
    closing = b.add(draw(st.sampled_from(("---", "---", "...", "--- "))))
    if b.twist("mixed-nl"):
        other = "\n" if nl == "\r\n" else "\r\n"
        for line in b.lines[1:-1]:
            if draw(st.integers(0, 3)) == 0:
                line[1] = other
    body_nl = nl
    if "mixed-nl" in b.applied and draw(st.booleans()):
        body_nl = "\n" if nl == "\r\n" else "\r\n"
    body_lines = draw(
        st.lists(
            st.sampled_from(
                (
                    "",
                    "Notes from our talk.",
                    "---",
                    "...",
                    "    indented code",
                    "  - a list, indented",
                    "# Heading",
                    "Zoë said: “yes” 💡",
                    "key: value",
                    "***",
                    "page\x0cbreak",
                    "pasted\u2028line",
                    "nel\x85line",
                    "\ttabbed",
                    "trailing  ",
                )
            ),
            max_size=5,
        )
    )
    body = body_nl.join(body_lines)
    if body_lines and draw(st.booleans()):
        body += body_nl
    if not body and draw(st.integers(0, 4)) == 0:
        b.lines[closing][1] = ""  # the file ends with the closing line, without a line ending
    doc = Doc(
        b.lines,
        draw(st.sampled_from(("", "", "\ufeff"))),
        body,
        nl,
        items,
        form,
        actions_line,
        list_style or (edit.DEFAULT_DASH_OFFSET, edit.DEFAULT_GAP),
        last_top_line,
        frozenset(b.applied),
    )
    parsed = load(parts(doc.text).yaml)  # the generator writes valid YAML, with the actions it planned
    assert isinstance(parsed, dict)
    if items:
        assert [a["id"] for a in parsed["actions"]] == [item.ident for item in items]
    return doc


# -- the models: the exact text of an ordinary document after each edit ------------------------------


ONE_LINE = re.compile(r"[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*")  # text that quotes need not escape


def render_like(value: Any, token: str, flow: bool) -> str:
    """Text in the quotes of `token` (the value it replaces, or its neighbour's), else as careerkit renders it."""
    quote = token[:1]
    if isinstance(value, str) and quote in ("'", '"') and ONE_LINE.fullmatch(value):
        inner = value.replace("'", "''") if quote == "'" else value.replace("\\", "\\\\").replace('"', '\\"')
        if reads_back(quote + inner + quote, value, flow):
            return quote + inner + quote
    return edit.render(value, flow=flow)


def expected_set(doc: Doc, item: Item, fields: dict[str, Any]) -> str:
    lines = [list(line) for line in doc.lines]
    changes = [
        (key, value) for key, value in fields.items() if item.get(key) is None or not same(item.get(key).value, value)
    ]  # type: ignore[union-attr]
    if item.flow:
        tokens = {f.key: f.token for f in item.fields}
        for key, value in changes:
            tokens[key] = render_like(value, tokens.get(key, ""), flow=True)
        inner = ", ".join(f"{key}: {token}" for key, token in tokens.items())
        text = lines[item.first][0]
        lines[item.first][0] = text[: item.start] + "{" + item.pad + inner + item.pad + "}" + text[item.end :]
        return doc.bom + "".join(t + n for t, n in lines) + doc.body
    added = []
    for key, value in changes:
        present = item.get(key)
        if present is None:
            added.append([" " * item.key_col + f"{key}: {edit.render(value)}", lines[item.last][1]])
            continue
        before = item.before[key] + (" " if not present.token else "")
        lines[item.lines[key]][0] = before + render_like(value, present.token, False) + item.after[key]
    lines[item.last + 1 : item.last + 1] = added
    return doc.bom + "".join(t + n for t, n in lines) + doc.body


def expected_append(doc: Doc, fields: dict[str, Any]) -> str:
    lines = [list(line) for line in doc.lines]
    neighbour = {f.key: f.token for f in doc.items[-1].fields if isinstance(f.value, str)} if doc.items else {}

    def block(dash: int, gap: int, nl: str) -> list[list[str]]:
        return [
            [
                (" " * dash + "-" + " " * gap if position == 0 else " " * (dash + 1 + gap))
                + f"{key}: {render_like(value, neighbour.get(key, ''), False)}",
                nl,
            ]
            for position, (key, value) in enumerate(fields.items())
        ]

    def flow(pad: str) -> str:
        return (
            "{"
            + pad
            + ", ".join(f"{key}: {render_like(value, neighbour.get(key, ''), True)}" for key, value in fields.items())
            + pad
            + "}"
        )

    if doc.form in ("empty", "missing"):
        dash, gap = doc.list_style
        at = doc.actions_line if doc.form == "empty" else doc.last_top_line
        assert at is not None
        nl = lines[at][1]
        new = block(dash, gap, nl)
        if doc.form == "empty":
            text = lines[at][0]
            lines[at][0] = re.sub(r"^actions: (?:\[\]|null|~)", "actions:", text)
        else:
            new.insert(0, ["actions:", nl])
        lines[at + 1 : at + 1] = new
    else:
        last = doc.items[-1]
        pad = " " if last.pad else ""
        text, nl = lines[last.last]
        if doc.form == "block" and not last.flow:
            lines[last.last + 1 : last.last + 1] = block(last.dash_col, last.gap, nl)
        elif doc.form == "block":
            lines[last.last + 1 : last.last + 1] = [[" " * last.dash_col + "-" + " " * last.gap + flow(pad), nl]]
        elif doc.form == "flow":
            lines[last.last][0] = text[: last.end] + ", " + flow(pad) + text[last.end :]
        else:
            indent = text[: len(text) - len(text.lstrip(" "))]
            lines[last.last : last.last + 1] = [
                [text[: last.end] + ",", nl],
                [indent + flow(pad) + text[last.end :], nl],
            ]
    return doc.bom + "".join(t + n for t, n in lines) + doc.body


# -- running an edit on a real file -----------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("notes")
    (root / "people" / "alice").mkdir(parents=True)
    return root


def run_edit(root: Path, text: str, change: Callable[[str], str]) -> tuple[str, edit.EditRefused | None]:
    """Write `text` to a file, edit it through edit_file; the file's text afterwards, and the refusal if any."""
    path = root / "people" / "alice" / "2026-01-05-plan.md"
    data = text.encode("utf-8")
    path.write_bytes(data)
    try:
        edit.edit_file(root, path, change)
    except edit.EditRefused as error:
        assert path.read_bytes() == data, "a refused edit wrote to the file"
        assert error.path == "people/alice/2026-01-05-plan.md"
        return text, error
    return path.read_bytes().decode("utf-8"), None


def changed_region(old: str, new: str) -> tuple[list[tuple[int, int]], int]:
    """Which old lines were replaced or deleted (ranges), and how many lines were added overall."""
    a, b = lines_of(old), lines_of(new)
    spans = [
        (i1, i2)
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if tag != "equal"
    ]
    return spans, len(b) - len(a)


def assert_only(old: str, new: str, lines: tuple[int, int], added: int, doc: Doc) -> None:
    """Only old lines first..last (inclusive) changed, with `added` lines more; the rest is byte for byte."""
    spans, grown = changed_region(old, new)
    first, last = lines
    if "block-scalar" in doc.twists:  # blank lines after a block scalar are part of it: new lines go after them
        old_lines = lines_of(old)
        while last + 1 < len(old_lines) and not old_lines[last + 1].strip():
            last += 1
    for i1, i2 in spans:
        assert first <= i1 and i2 <= last + 1, f"lines {i1 + 1}-{i2} changed; only {first + 1}-{last + 1} may"
    assert grown == added
    before, after = parts(old), parts(new)
    assert (after.head, after.closing, after.body) == (before.head, before.closing, before.body)
    assert new.startswith(doc.bom + "---")
    if "mixed-nl" not in doc.twists:
        a, b = lines_of(old), lines_of(new)
        for tag, _, _, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag != "equal":
                for line in b[j1:j2]:
                    assert line.endswith(doc.nl) and (doc.nl == "\r\n" or not line.endswith("\r\n")), repr(line)


def record(doc: Doc, refused: edit.EditRefused | None) -> None:
    event("refused" if refused else "changed")
    for twist in sorted(doc.twists):
        event(f"twist {twist}: {'refused' if refused else 'changed'}")
    if refused:
        assert doc.twists, f"an ordinary document was refused: {refused}"


# -- the properties ---------------------------------------------------------------------------------

OPERATIONS = {
    "done": lambda today: actions.close_fields("done", today),
    "drop": lambda today: actions.close_fields("dropped", today),
    "touch": actions.touch_fields,
}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@PROFILE
@given(doc=documents(need_items=True), pick=st.integers(0, 3), today=DATES)
def test_set_fields_changes_only_the_action(workdir, operation, doc, pick, today):
    note(doc.text)
    ident = doc.items[pick % len(doc.items)].ident
    target = max(index for index, it in enumerate(doc.items) if it.ident == ident)  # the last copy is changed
    item = doc.items[target]
    fields = OPERATIONS[operation](today)
    old = doc.text
    new, refused = run_edit(workdir, old, lambda text: edit.set_action_fields(text, ident, fields))
    record(doc, refused)
    if refused:
        return
    expected = load(parts(old).yaml)
    expected["actions"][target].update(fields)
    assert same(load(parts(new).yaml), expected)
    missing = [key for key in fields if item.get(key) is None]
    assert_only(old, new, (item.first, item.last), 0 if item.flow else len(missing), doc)
    if doc.ordinary:
        assert new == expected_set(doc, item, fields)
        read = parse_document(new.encode("utf-8"), "people/alice/2026-01-05-plan.md", "alice")
        assert read.document is not None
        [action] = [a for a in read.document.actions if a.id == ident]
        assert action.updated == fields.get("updated", action.updated)
        assert action.closed == fields.get("closed", action.closed)
        assert action.status == fields.get("status", action.status)


@PROFILE
@given(doc=documents(need_items=True), pick=st.integers(0, 3), which=st.integers(0, 9))
def test_removing_a_key_changes_only_the_action(workdir, doc, pick, which):
    """`action edit --no-due`: the key goes with its line (or its comma), and nothing else changes."""
    note(doc.text)
    ident = doc.items[pick % len(doc.items)].ident
    target = max(index for index, it in enumerate(doc.items) if it.ident == ident)
    item = doc.items[target]
    keys = [f.key for f in item.fields if f.key != "id"]
    if not keys:
        return
    key = keys[which % len(keys)]
    old = doc.text
    new, refused = run_edit(workdir, old, lambda text: edit.set_action_fields(text, ident, {}, [key]))
    event("refused" if refused else "changed")  # rare: `- due: ...` with a comment line before the next key
    if refused:
        return
    expected = load(parts(old).yaml)
    del expected["actions"][target][key]
    assert same(load(parts(new).yaml), expected)
    spans, grown = changed_region(old, new)
    assert all(item.first <= i1 and i2 <= item.last + 1 for i1, i2 in spans), spans
    assert grown <= 0
    before, after = parts(old), parts(new)
    assert (after.head, after.closing, after.body) == (before.head, before.closing, before.body)


@PROFILE
@given(
    doc=documents(), today=DATES, title=TITLES, due=st.none() | DATES, skill=st.none() | SKILLS, owner=st.none() | NAMES
)
def test_append_adds_only_the_new_action(workdir, doc, today, title, due, skill, owner):
    note(doc.text)
    title = title.strip() or "Untitled"
    ident = max((item.ident for item in doc.items), default=0) + 1
    fields = actions.new_fields(ident, title, today, due, skill, owner)
    old = doc.text
    new, refused = run_edit(workdir, old, lambda text: edit.append_action(text, fields))
    record(doc, refused)
    if refused:
        return
    expected = load(parts(old).yaml)
    if expected.get("actions"):
        expected["actions"].append(fields)
    else:
        expected["actions"] = [fields]
    assert same(load(parts(new).yaml), expected)
    if doc.form in ("block", "flow", "flow-lines"):
        last = doc.items[-1]
        region = {
            "block": (last.last + 1, last.last),
            "flow": (last.last, last.last),
            "flow-lines": (last.last, last.last),
        }[doc.form]
        added = {"block": 1 if last.flow else len(fields), "flow": 0, "flow-lines": 1}[doc.form]
    elif doc.form == "empty":
        assert doc.actions_line is not None
        region, added = (doc.actions_line, doc.actions_line), len(fields)
    else:
        region, added = (doc.last_top_line + 1, doc.last_top_line), len(fields) + 1
    assert_only(old, new, region, added, doc)
    if doc.ordinary:
        assert new == expected_append(doc, fields)
        read = parse_document(new.encode("utf-8"), "people/alice/2026-01-05-plan.md", "alice")
        assert read.document is not None
        assert read.document.actions[-1].id == ident
        assert read.document.actions[-1].title == title


@PROFILE
@given(value=st.text(TEXT, min_size=1, max_size=30) | st.sampled_from(WORDS) | DATES | st.integers(0, 10**6))
def test_render_reads_back_in_block_and_flow(value):
    for flow in (False, True):
        token = edit.render(value, flow=flow)
        assert "\n" not in token and "\r" not in token
        assert reads_back(token, value, flow), (token, flow)


def test_refusals_are_rare():
    """Over documents with and without twists: at most MAX_REFUSAL_RATE refused (ordinary ones: never)."""
    outcomes: list[tuple[bool, frozenset[str]]] = []

    @settings(PROFILE, max_examples=max(PROFILE.max_examples * 3 // 2, 100))
    @given(doc=documents(need_items=True), today=DATES, which=st.sampled_from(("set", "append")))
    def measure(doc: Doc, today: date, which: str) -> None:
        ident = doc.items[-1].ident
        try:
            if which == "set":
                edit.set_action_fields(doc.text, ident, actions.close_fields("done", today))
            else:
                edit.append_action(doc.text, actions.new_fields(99, "New", today))
        except edit.EditRefused:
            outcomes.append((True, doc.twists))
        else:
            outcomes.append((False, doc.twists))

    measure()
    refused = [twists for was_refused, twists in outcomes if was_refused]
    ordinary = [twists for _, twists in outcomes if not twists]
    rate = len(refused) / len(outcomes)
    print(
        f"\nrefused {len(refused)} of {len(outcomes)} edits ({rate:.1%}); "
        f"{len(ordinary)} ordinary documents, {sum(1 for t in refused if not t)} of them refused"
    )
    assert all(refused), "an ordinary document was refused"
    assert rate <= MAX_REFUSAL_RATE
