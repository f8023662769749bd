"""The documentation that is written from the code, and the help every command gives."""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path

import pytest

from careerkit.commands import docgen
from careerkit.commands.help_text import EXAMPLES, SUMMARIES, SUMMARY_MAX

PROJECT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("page", ["docs/findings.md", "docs/commands.md", "docs/careerkit.1", "docs/contract.md"])
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


# -- the summaries and examples of --help, and the man page beside docs/commands.md and the README -------


def test_every_command_has_a_summary_that_fits_and_examples():
    for words, command, _context in docgen._commands():
        name = " ".join(words)
        assert (command.short_help if words else command.help) == SUMMARIES[name]
        assert not words or len(SUMMARIES[name]) <= SUMMARY_MAX, name
        assert EXAMPLES[name] and all("careerkit " in line for line in EXAMPLES[name]), name
        assert command.epilog.startswith("\b\nExamples:\n"), name
    assert set(SUMMARIES) == {" ".join(words) for words, _, _ in docgen._commands()}


@pytest.mark.parametrize("width", [80, 200])
def test_the_list_of_commands_gives_each_summary_whole_on_its_line(width):
    """Click cuts a docstring's first sentence to about 45-60 characters with "...", at any terminal width."""
    [(_, group, _context)] = [entry for entry in docgen._commands() if not entry[0]]
    context = group.context_class(group, info_name="careerkit", terminal_width=width)
    listing = group.get_help(context).split("Commands:\n")[1].split("\n\n")[0]
    rows = [line.split(None, 1) for line in listing.splitlines()]
    assert rows == [[words[0], SUMMARIES[words[0]]] for words, _, _ in docgen._commands() if len(words) == 1]


def _example_commands():
    for name, lines in EXAMPLES.items():
        for line in lines:
            lexer = shlex.shlex(line[line.index("careerkit ") :], posix=True, punctuation_chars=True)
            lexer.whitespace_split = True
            words = []
            for word in lexer:
                if word in ("|", "||", "&&", ">", ")", ";"):
                    break
                words.append(word)
            yield pytest.param(words[1:], id=f"{name or 'careerkit'}: {line}")


@pytest.mark.parametrize("args", list(_example_commands()))
def test_every_example_is_a_command_line_careerkit_accepts(args):
    """Each example names a real command, with options it has and the arguments it needs (parsed, not run)."""
    commands = {tuple(words): command for words, command, _ in docgen._commands()}
    index = 0
    while index < len(args) and tuple(args[: index + 1]) in commands:
        index += 1
    command = commands[tuple(args[:index])]
    assert index > 0 or not args, f"no command {args[0]!r}"
    command.make_context(" ".join(["careerkit", *args[:index]]), list(args[index:]))


def test_the_man_page_has_every_command_and_option_of_commands_md():
    page = (PROJECT / docgen.MAN_PAGE).read_text(encoding="utf-8")
    commands_md = (PROJECT / "docs/commands.md").read_text(encoding="utf-8")
    for words, command, _context in docgen._commands():
        if not words:
            continue
        name = " ".join(["careerkit", *words])
        assert f"## {name}\n" in commands_md
        heading = name.replace("-", "\\-")
        section = page.split(f'.SS "{heading}"\n')[1].split(".SS ")[0]
        for param in command.params:
            for flag in [*param.opts, *param.secondary_opts]:
                if flag.startswith("--") and flag != "--help":
                    assert flag.replace("-", "\\-") in section, f"{name} {flag}"
        for line in EXAMPLES[" ".join(words)]:
            assert line.replace("\\", "\\e").replace("-", "\\-") in section, line


def test_the_readme_names_no_command_that_does_not_exist():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert docgen.readme_extras(readme) == []
    assert docgen.readme_extras(readme + "| `careerkit retro PERSON` | Not a command. |\n") == ["careerkit retro"]
