"""Whatever bytes a file holds, reading it gives a ReadResult: never an exception, never a hang."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerkit.check.lint import DOCUMENT_KEYS, _lint_tree, _Walk, lint_document
from careerkit.errors import CareerkitError
from careerkit.reading import frontmatter as frontmatter_text
from careerkit.reading import yamlio
from careerkit.reading.documents import parse_document
from careerkit.values.model import ReadResult
from helpers import same

REL = "people/alice/2026-01-01-plan.md"
# The number of examples comes from the profile chosen in conftest.py (quick, or ci in CI).
FUZZ = settings(deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])
# Each example is a whole generated document: half as many, still varied.
SHAPES = settings(FUZZ, max_examples=max(10, settings.default.max_examples // 2))

# Pieces that YAML, frontmatter and careerkit give a meaning to, to be strung together at random.
TOKENS = [
    "---",
    "...",
    "\n",
    "\r\n",
    "\ufeff",
    " ",
    "  ",
    "\t",
    ":",
    ": ",
    "- ",
    "-",
    "? ",
    ",",
    "[",
    "]",
    "{",
    "}",
    "#",
    "'",
    '"',
    "\\",
    "|",
    ">",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!",
    "!!",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!str ",
    "!!timestamp ",
    "!!binary ",
    "!!set ",
    "!!omap ",
    "!!python/object/apply:os.system ",
    "!!python/name:os.system",
    "%YAML 1.1",
    "%TAG ! x",
    "<<: ",
    "\x00",
    "\x85",
    "\u2028",
    "~",
    "null",
    "true",
    "no",
    "on",
    "yes",
    "12:30",
    "0755",
    "0x1F",
    "1e400",
    ".nan",
    "-.inf",
    "2026-01-01",
    "2024-13-45",
    "2026-02-30 25:61",
    "0000-00-00",
    "person",
    "alice",
    "stage",
    "plan",
    "checkin",
    "note",
    "date",
    "actions",
    "id",
    "title",
    "status",
    "done",
    "open",
    "due",
    "closed",
    "updated",
    "owner",
    "skill",
    "skills",
    "resources",
    "dreams",
    "dream",
    "need",
    "have",
    "values",
    "learns_best",
    "next_checkin",
    "summary",
    "SECRET-NOTE-TEXT",
    "é",
    "💡",
]
KEYS = [
    "person",
    "stage",
    "date",
    "actions",
    "id",
    "title",
    "status",
    "due",
    "updated",
    "closed",
    "owner",
    "skill",
    "skills",
    "resources",
    "dreams",
    "dream",
    "need",
    "have",
    "values",
    "learns_best",
    "next_checkin",
    "summary",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10, max_value=10),
    st.floats(allow_nan=True),
    st.dates(),
    st.datetimes(),
    st.text(max_size=12),
    st.sampled_from(["plan", "note", "open", "done", "dropped"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), inner, max_size=5)
    ),
    max_leaves=12,
)


def assert_reads(data: bytes) -> None:
    result = parse_document(data, REL, "alice")
    assert isinstance(result, ReadResult)
    for problem in result.problems:
        assert problem.path == REL
        assert problem.line is None or problem.line >= 1
        assert "\n" not in problem.message and "\r" not in problem.message
        assert problem.severity in ("error", "warning")
    if result.document is None:
        assert any(p.severity == "error" and not p.check_only for p in result.problems)


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    assert_reads(data)
    assert_reads(b"---\n" + data + b"\n---\n")


@FUZZ
@given(
    st.lists(st.sampled_from(TOKENS), max_size=60),
    st.sampled_from(["---\n", "---\r\n", "\ufeff---\n", ""]),
    st.sampled_from(["\n---\n", "\n...\n", "\r\n---\r\n", ""]),
)
def test_yaml_ish_text(tokens, opening, closing):
    assert_reads((opening + "".join(tokens) + closing + "body\n").encode("utf-8"))


@SHAPES
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8))
def test_frontmatter_of_any_shape(data):
    """Real YAML with the known keys holding values of any type, in any shape."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert_reads(("---\n" + text + "---\n\nbody\n").encode("utf-8"))


@SHAPES
@given(
    st.lists(
        st.fixed_dictionaries(
            {}, optional={key: VALUES for key in ["id", "title", "status", "due", "updated", "closed", "owner"]}
        ),
        max_size=5,
    )
)
def test_actions_of_any_shape(actions):
    head = {"person": "alice", "stage": "plan", "date": "2026-01-01", "actions": actions}
    text = yaml.safe_dump(head, allow_unicode=True, sort_keys=False)
    result = parse_document(("---\n" + text + "---\n").encode("utf-8"), REL, "alice")
    assert result.document is not None  # a bad action is left out; the document is still read
    assert_reads(("---\n" + text + "---\n").encode("utf-8"))


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_check_walks_any_node_tree(tokens):
    """`check`'s own pass over the YAML nodes (duplicate keys, YAML 1.1 surprises) never raises either."""
    text = "".join(tokens)
    tree = yamlio.compose(text)
    if tree is not None:
        for problem in _Walk(REL, 2, "document").run(tree, DOCUMENT_KEYS):
            assert problem.line is not None and problem.line >= 2 and "\n" not in problem.message


# Words that are what they look like, for each kind of value; and (less often, so that many documents have
# nothing to find) the YAML 1.1 surprises `check` explains, words like them that are not, and unknown keys.
PLAIN = {
    "text": ["x", "open", "Read: a book", "'yes'", '"12:30"', "a-05", "x.07", "3:x", "~", ""],
    "number": ["3", "10", "~"],
    "date": ["2026-01-01", "2025-10-05"],
    "flag": ["true", "false", "yes", "'I may want product'", "~"],
}
WORDS = [
    "yes",
    "No",
    "off",
    "null",
    "5",
    "-3",
    "1.5",
    "1e3",
    "0",
    "08",
    "0755",
    "-017",
    "+0_7",
    "0o17",
    "0x1F",
    "12:30",
    "1:2:3",
    "-1_0:30.5",
    "190:20:30",
    ".nan",
    ".NaN",
    "-.inf",
    "2026-02-30",
    "2026-01-01 10:00:00",
    "2026-1-1",
    "!!int 5",
    "!!str 5",
    "!!float 1",
    "!!bool yes",
    "!!timestamp 2026-01-01",
    "!!binary YQ==",
    "[a, 0755]",
    "{a: 12:30}",
    '{"a":0755}',
    "[1:30, yes]",
    "{title: 5}",
    "2026-01-01",
]
NAMES = ["acitons", "tilte", "deu", "mood", "x", "1", "yes", ".nan", "2026-01-01", '"title"', "!!str id"]
NODES = st.recursive(  # any shape: a str is a word, a tuple a mapping's pairs, a list a list
    st.sampled_from(WORDS),
    lambda inner: (
        st.lists(inner, min_size=1, max_size=3)
        | st.lists(st.tuples(st.sampled_from(KEYS + NAMES), inner), min_size=1, max_size=4).map(tuple)
    ),
    max_leaves=8,
)


class Flow(tuple):
    """A mapping's pairs, written as JSON writes them: `{"id":3,"title":x}`."""


def draw_node(data, expected):
    """A node shaped as `expected` (careerkit.values.schema) says, now and then with something else in it."""
    if data.draw(st.integers(0, 15)) == 0:
        return data.draw(NODES)
    if isinstance(expected, dict):
        keys = data.draw(st.lists(st.sampled_from(list(expected)), unique=True, min_size=1, max_size=5))
        if data.draw(st.integers(0, 3)) == 0:  # keys it does not know, or written twice
            keys += data.draw(st.lists(st.sampled_from(NAMES + keys), min_size=1, max_size=2))
        pairs = tuple((key, draw_node(data, expected.get(key))) for key in keys)
        return Flow(pairs) if data.draw(st.integers(0, 3)) == 0 else pairs
    if isinstance(expected, list):
        return [draw_node(data, expected[0]) for _ in range(data.draw(st.integers(1, 3)))]
    if expected is None or data.draw(st.integers(0, 7)) == 0:
        return data.draw(st.sampled_from(WORDS))
    return data.draw(st.sampled_from(PLAIN[expected]))


def flow(node) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, tuple):
        return (
            "{"
            + ",".join((key if key[0] in "!'\"" else json.dumps(key)) + ":" + flow(value) for key, value in node)
            + "}"
        )
    return "[" + ",".join(map(flow, node)) + "]"


def block(node, indent: int) -> str:
    """A node as block YAML after a key or `- ` (a str is a word, a tuple a mapping's pairs, a list a list)."""
    pad = " " * indent
    if isinstance(node, (str, Flow)):
        return f" {flow(node)}\n"
    if isinstance(node, tuple):
        return "\n" + "".join(f"{pad}{key}:{block(value, indent + 2)}" for key, value in node)
    lines = []
    for item in node:
        if isinstance(item, tuple) and not isinstance(item, Flow):  # `- key: value`, other keys lined up under it
            (key, value), rest = item[0], item[1:]
            lines.append(
                f"{pad}- {key}:{block(value, indent + 4)}"
                + "".join(f"{pad}  {k}:{block(v, indent + 4)}" for k, v in rest)
            )
        else:
            lines.append(f"{pad}-{block(item, indent + 2)}")
    return "\n" + "".join(lines)


def assert_screened_like_walked(yaml_text: str) -> None:
    """What `check` finds in a document (in the YAML alone) is what walking all of its nodes finds."""
    kept: list[yamlio.Kept] = []
    try:
        split = frontmatter_text.split(f"---\n{yaml_text}\n---\n")
        yamlio.load(split.yaml, 2, tree=kept)
    except CareerkitError:
        return
    if kept:
        assert lint_document(REL, split.text, split, kept[0]) == _lint_tree(REL, kept[0].node, 2, "document")


@FUZZ
@given(st.data())
def test_check_leaves_out_its_walk_only_where_it_finds_nothing(data):
    """`check` walks a document's nodes only where its values or text show there may be something to find:
    where they do not, walking finds nothing either."""
    assert_screened_like_walked(block(draw_node(data, DOCUMENT_KEYS), 0).lstrip("\n"))


@pytest.mark.parametrize(
    "text",
    [
        'actions: [{"id":0755, "title": x}]\n',
        'values: ["a",-0755]\n',
        "actions:\n- id: 1\n  due: -017\n",
        "actions:\n- id: 1\n  due: 1_0:30\n",
        "values: [a, 1:2]\n",
        "actions:\n- {id: 1, title: x, title: y}\n",
        "values: {.nan: 1, .nan: 2}\n",
        "stage: !!bool yes\n",
        "learns_best: [2026-01-01]\n",
        "dreams:\n- dream: x\n  skills:\n  - {skill: a, have: 3, hav: 2}\n",
        "actions:\n- id: !!int 017\n  title: x\n",
        "dreams:\n- dream: a\n  skills:\n  - {skill: x, have: 2}\n- dream: b\n  skills:\n  - {skill: x, have: 3}\n",
        "actions:\n- id: 3\n  title: x\n",
        "actions:\n- title: x\n  id: 4\n- id: 0\n- id: -3\n- id: true\n- x\n- id: 1000000000000000\n",
        "date: 2026-01-01\nclosed: 2026-01-22 07:30\nsummary: at 07:30\n",
    ],
)
def test_check_leaves_out_its_walk_only_where_it_finds_nothing_in_these(text):
    assert_screened_like_walked(text)


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_check_leaves_out_its_walk_only_where_it_finds_nothing_in_any_text(tokens):
    assert_screened_like_walked("".join(tokens))


class _PyYAMLBuilt(yamlio._Loader):
    """careerkit's loader with PyYAML's own resolver and constructor for every node: what the fast paths
    (remembered tags, values built straight from the nodes) must match."""

    resolve = yamlio._Base.resolve
    construct_document = yamlio._Base.construct_document


def pyyaml_load(text: str):
    return yaml.load(text, Loader=_PyYAMLBuilt)


@FUZZ
@given(st.lists(st.sampled_from([token for token in TOKENS if "&" not in token]), max_size=60))
def test_the_fast_constructor_builds_what_pyyaml_builds_from_any_text(tokens):
    """(Text with anchors is built by PyYAML's constructor itself, after the alias checks.)"""
    text = "".join(tokens)
    try:
        expected = pyyaml_load(text)
    except Exception:  # a YAMLError, or what yamlio.load turns into a clean error too
        expected = "error"
    try:
        built = yamlio.load(text, 1)
    except CareerkitError:
        built = "error"
    assert same(built, expected)


@SHAPES
@given(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), VALUES, max_size=8), st.booleans())
def test_the_fast_constructor_builds_what_pyyaml_builds_from_any_data(data, flow):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    assert same(yamlio.load(text, 1), pyyaml_load(text))


@pytest.mark.parametrize(
    "text",
    [
        "values: !!str [x]\n",
        "title: !!str {a: 1}\n",
        "n: !!null {a: 1}\n",
        "x: !!bool maybe\n",
        "m: !!map x\n",
        "s: !!seq x\n",
        f"n: !!int {'9' * 5000}\n",
        f"n: {'9' * 5000}\n",
        "? [a]\n: 1\n",
        "? !!set {a}\n: 1\n",
        "<<: {a: 1}\nb: 2\n",
        "d: 2026-02-30\n",
        "d: !!timestamp 2026-01-01\n",
        "b: !!bool yes\n",
        "e: !!str\n",
    ],
)
def test_the_fast_constructor_gives_pyyaml_s_values_and_errors_for_explicit_tags(text):
    try:
        expected = pyyaml_load(text)
    except Exception:
        expected = "error"
    try:
        built = yamlio.load(text, 1)
    except CareerkitError:
        built = "error"
    assert same(built, expected), (built, expected)


def test_a_value_its_explicit_tag_cannot_build_is_an_error_at_its_line():
    with pytest.raises(CareerkitError) as error:
        yamlio.load("a: 1\nx: !!bool maybe\n", 2)
    assert (error.value.line, error.value.message) == (
        3,
        "could not parse frontmatter: a value with an explicit tag (such as !!int) is not valid for that tag",
    )
