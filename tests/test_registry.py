"""The registry of finding kinds: each kind one rule, registered with everything about it, named by its
constant everywhere else; and a kind added in one place reaches `due`, its JSON and docs/findings.md."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from careerkit.commands.docgen import findings_page
from careerkit.rules import kinds, registry
from careerkit.rules.registry import ACTION, ACTION_EVENT, CHECKIN_EVENT, KINDS, PERSON, TIERS, Facts, Finding
from helpers import doc

SRC = Path(__file__).resolve().parents[1] / "src" / "careerkit"
TESTS = Path(__file__).resolve().parent


def test_every_kind_is_registered_with_all_it_needs():
    for kind in KINDS.values():
        assert kind.level in (PERSON, ACTION), kind.name
        assert kind.tier in TIERS and (kind.promise_tier is None or kind.promise_tier in TIERS), kind.name
        assert all(text.strip() for text in (kind.meaning, kind.why, kind.suggestion, kind.rule)), kind.name
        assert kind.calendar in (None, CHECKIN_EVENT, ACTION_EVENT), kind.name
        assert kind.question is None or kind.question.replace("{skill}", "").count("{") == 0, kind.name
        assert not kind.folded or kind.level == ACTION, kind.name  # only a step is counted by another kind
    assert any(kind.folds for kind in KINDS.values()) == any(kind.folded for kind in KINDS.values())


def test_the_kinds_are_listed_by_the_modules_of_their_tiers_and_each_name_has_its_constant():
    modules = [kind.check.__module__ for kind in KINDS.values()]
    assert modules == sorted(modules)  # tier0_celebrate, tier1_late, tier2_drifting, tier3_missing
    assert {getattr(kinds, kind.name.upper().replace("-", "_")) for kind in KINDS.values()} == set(KINDS)


def test_no_kind_is_named_by_a_bare_string_outside_its_registration():
    """A kind's name is written once, as the constant beside its rule; everything else uses the constant."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            and path.name.startswith("tier")
            and all(isinstance(target, ast.Name) and target.id.isupper() for target in node.targets)
        }
        found += [
            f"{path.relative_to(SRC)}:{node.lineno}: {node.value}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in KINDS and id(node) not in defined
        ]
    assert found == []


def test_every_kind_has_a_test():
    others = [path for path in TESTS.glob("test_*.py") if path.name != Path(__file__).name]
    tested = "".join(path.read_text(encoding="utf-8") for path in others)
    assert [name for name in KINDS if f'"{name}"' not in tested] == []


# -- a kind added in one place ----------------------------------------------------------------------------


@pytest.fixture
def restore_kinds() -> Iterator[None]:
    saved = dict(KINDS)
    yield
    KINDS.clear()
    KINDS.update(saved)


@pytest.mark.usefixtures("restore_kinds")
def test_a_kind_registered_in_one_place_is_reported_with_its_tier_and_described(cli, notes):
    """What docs/architecture.md shows: one function and its registration, nothing else to edit."""

    @registry.register(
        "story-untold",
        PERSON,
        3,
        meaning="Someone has a profile but no story yet.",
        why="The story is where the other conversations start.",
        suggestion="Ask about the turning points of their life so far.",
        rule="a profile and no story held; date = today.",
    )
    def story_untold(facts: Facts) -> Iterator[Finding]:
        if facts.person.profile.exists and facts.person.newest("story") is None:
            yield facts.finding("story-untold", facts.person_file, facts.today, "no story told yet")

    root = notes(
        {"people/ann/profile.md": "---\nname: Ann\n---\n", "people/bob/s.md": doc("bob", "story", "2026-01-01")}
    )
    found = json.loads(cli(root, "due", "--json", "--today", "2026-06-01").stdout)["findings"]
    told = [(f["person"], f["tier"], f["date"], f["message"]) for f in found if f["kind"] == "story-untold"]
    assert told == [("ann", 3, "2026-06-01", "no story told yet")]
    assert "## `story-untold` (one per person; tier 3, missing)" in findings_page()
    assert story_untold is KINDS["story-untold"].check


@pytest.mark.usefixtures("restore_kinds")
def test_a_kind_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="registered twice"):
        registry.register("leaving", PERSON, 1, meaning="", why="", suggestion="", rule="")(lambda facts: iter(()))
