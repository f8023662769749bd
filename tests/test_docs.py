"""The documentation that is written from the code, and the help every command gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from careerkit.commands import docgen

PROJECT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("page", ["docs/findings.md", "docs/commands.md", "docs/contract.md"])
def test_generated_pages_are_current(page):
    expected = docgen.pages(PROJECT)[PROJECT / page]
    assert (PROJECT / page).read_text(encoding="utf-8") == expected, "regenerate: python -m careerkit.commands.docgen"


def test_the_readme_command_table_names_every_command_and_option():
    assert docgen.readme_gaps((PROJECT / "README.md").read_text(encoding="utf-8")) == []


def test_a_command_or_option_missing_from_the_table_is_found():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    without_log = "\n".join(line for line in readme.splitlines() if not line.startswith("| `careerkit log "))
    assert "careerkit log" in docgen.readme_gaps(without_log)
    without_fail = readme.replace("[--fail] ", "").replace("`--fail`", "")
    assert docgen.readme_gaps(without_fail) == ["careerkit due --fail"]


def test_every_command_argument_and_option_has_help():
    missing = []
    for words, command, _context in docgen._commands():
        name = " ".join(["careerkit", *words])
        if not (command.help or "").strip():
            missing.append(name)
        for param in command.params:
            if not (getattr(param, "help", None) or "").strip():
                missing.append(f"{name} {param.name}")
    assert missing == []


# Each JSON section of docs/contract.md, and a command line that prints that JSON with something in every part.
JSON_SECTIONS = {
    "careerkit due --json": ("due", "--json", "--within", "30", "--today", "2026-12-01"),
    "careerkit check --json": ("check", "--json"),
    "careerkit status --json": ("status", "--json", "--all", "--today", "2026-12-01"),
    "careerkit action list --json": ("action", "list", "amara", "--json", "--all", "--today", "2026-12-01"),
    "careerkit log --json": ("log", "amara", "--json"),
    "careerkit agenda --json": ("agenda", "amara", "--json", "--today", "2026-12-01"),
}


def _keys(value: object) -> tuple[set[str], set[str]]:
    """The keys of a JSON value: those of the value itself (or of the items of a list), and those inside them."""
    items = value if isinstance(value, list) else [value]
    own: set[str] = set()
    inner: set[str] = set()
    for item in items:
        if isinstance(item, dict):
            own |= set(item)
            for child in item.values():
                child_own, child_inner = _keys(child)
                inner |= child_own | child_inner
    return own, inner


def test_every_key_a_json_output_prints_is_named_in_the_contract(cli, tmp_path):
    root = shutil.copytree(PROJECT / "examples", tmp_path / "notes", ignore=shutil.ignore_patterns(".careerkit"))
    (root / "people/amara/2026-11-20-note.md").write_text("---\nstage: note\ndate: 2026-13-01\n---\n")  # errors
    contract = (PROJECT / "docs/contract.md").read_text(encoding="utf-8")
    json_part = contract.split("\n## JSON for scripts\n", 1)[1].split("\n## ", 1)[0]
    sections = {part.split("\n", 1)[0]: part for part in json_part.split("\n### ")[1:]}
    assert set(sections) == set(JSON_SECTIONS)
    for heading, args in JSON_SECTIONS.items():
        own, inner = _keys(json.loads(cli(root, *args, expect=None).stdout))
        assert own and {key for key in own if f"`{key}`" not in sections[heading]} == set(), heading
        assert {key for key in inner if f"`{key}`" not in json_part} == set(), heading
