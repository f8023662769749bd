"""The documentation that is written from the code, and the help every command gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerkit.commands import docgen

PROJECT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("page", ["docs/findings.md", "docs/commands.md"])
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
