"""Whatever bytes a file holds, reading it gives a ReadResult: never an exception, never a hang."""

from __future__ import annotations

from datetime import timedelta

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerkit import yamlio
from careerkit.check import DOCUMENT_KEYS, _Walk
from careerkit.documents import ReadResult, parse_document
from careerkit.errors import CareerkitError
from helpers import same

REL = "people/alice/2026-01-01-plan.md"
# The number of examples comes from the profile chosen in conftest.py (quick, or ci in CI).
FUZZ = settings(deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])
# Each example is a whole generated document: half as many, still varied.
SHAPES = settings(FUZZ, max_examples=max(10, settings.default.max_examples // 2))

# Pieces that YAML, frontmatter and careerkit give a meaning to, to be strung together at random.
TOKENS = [
    "---", "...", "\n", "\r\n", "\ufeff", " ", "  ", "\t", ":", ": ", "- ", "-", "? ", ",", "[", "]", "{", "}",
    "#", "'", '"', "\\", "|", ">", "&a ", "*a", "&b ", "*b", "!", "!!", "!!int ", "!!float ", "!!bool ", "!!str ",
    "!!timestamp ", "!!binary ", "!!set ", "!!omap ", "!!python/object/apply:os.system ", "!!python/name:os.system",
    "%YAML 1.1", "%TAG ! x", "<<: ", "\x00", "\x85", "\u2028", "~", "null", "true", "no", "on", "yes", "12:30",
    "0755", "0x1F", "1e400", ".nan", "-.inf", "2026-01-01", "2024-13-45", "2026-02-30 25:61", "0000-00-00",
    "person", "alice", "stage", "plan", "checkin", "note", "date", "actions", "id", "title", "status", "done",
    "open", "due", "closed", "updated", "owner", "skill", "skills", "resources", "dreams", "dream", "need", "have",
    "values", "learns_best", "next_checkin", "summary", "SECRET-NOTE-TEXT", "é", "💡",
]
KEYS = ["person", "stage", "date", "actions", "id", "title", "status", "due", "updated", "closed", "owner", "skill",
        "skills", "resources", "dreams", "dream", "need", "have", "values", "learns_best", "next_checkin", "summary"]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10, max_value=10), st.floats(allow_nan=True),
    st.dates(), st.datetimes(), st.text(max_size=12), st.sampled_from(["plan", "note", "open", "done", "dropped"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), inner,
                                                               max_size=5),
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
@given(st.lists(st.sampled_from(TOKENS), max_size=60), st.sampled_from(["---\n", "---\r\n", "\ufeff---\n", ""]),
       st.sampled_from(["\n---\n", "\n...\n", "\r\n---\r\n", ""]))
def test_yaml_ish_text(tokens, opening, closing):
    assert_reads((opening + "".join(tokens) + closing + "body\n").encode("utf-8"))


@SHAPES
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8))
def test_frontmatter_of_any_shape(data):
    """Real YAML with the known keys holding values of any type, in any shape."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert_reads(("---\n" + text + "---\n\nbody\n").encode("utf-8"))


@SHAPES
@given(st.lists(st.fixed_dictionaries({}, optional={key: VALUES for key in
                                                   ["id", "title", "status", "due", "updated", "closed", "owner"]}),
                max_size=5))
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


@pytest.mark.parametrize("text", [
    "values: !!str [x]\n", "title: !!str {a: 1}\n", "n: !!null {a: 1}\n", "x: !!bool maybe\n", "m: !!map x\n",
    "s: !!seq x\n", f"n: !!int {'9' * 5000}\n", f"n: {'9' * 5000}\n", "? [a]\n: 1\n", "? !!set {a}\n: 1\n",
    "<<: {a: 1}\nb: 2\n", "d: 2026-02-30\n", "d: !!timestamp 2026-01-01\n", "b: !!bool yes\n", "e: !!str\n",
])
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
        3, "could not parse frontmatter: a value with an explicit tag (such as !!int) is not valid for that tag")
