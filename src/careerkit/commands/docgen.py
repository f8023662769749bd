"""The documentation written from the code, so that it cannot drift from it.

- docs/findings.md, from the findings' own descriptions;
- docs/commands.md, every command's `--help`;
- docs/careerkit.1, the man page, from the same commands (careerkit.commands.manpage);
- the generated parts of docs/contract.md (settings, keys, findings, problem codes), between its
  `<!-- generated: NAME -->` and `<!-- end of generated part -->` lines; the prose around them is kept;
and it checks that the hand-written command table in README.md names every command and every option
(its rows say more than --help can).

Regenerate the pages with `python -m careerkit.commands.docgen` (from the project's root); `--check` only
says what is out of date. A test runs the check.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from careerkit.rules.kinds import KINDS, PROMISE_SUGGESTION, TIERS
from careerkit.rules.registry import ACTION

MAN_PAGE = "docs/careerkit.1"  # installed as share/man/man1/careerkit.1 (pyproject.toml)
WIDTH = 100  # help text wrapped as on a 100-column terminal, the same on every machine
# Said once above the README's table rather than in every row.
SAID_ONCE = ("--help", "--today", "--root")

INTRO = """\
# What `careerkit due` reports

Each finding is one thing worth a manager's attention, found in the
frontmatter of the notes. `date` is the day it became due and `days` how long
ago that was (negative: still ahead, shown only with `--within`). "Newest"
means the latest `date`; on the same date the later stage (story, dreams,
plan, checkin, note), then the higher `-N` suffix of the file name. The
settings named below live in `careerkit.yaml` (defaults:
`checkin_every_days` 30, `conversation_every_days` 182, `manager` `manager`;
`stale_after_days`, when it is not set, is each person's
`checkin_every_days` plus 7, so that a step may sit through one whole
check-in cycle before it counts as quiet). A person's profile may set their
own `checkin_every_days`.

**Held and planned.** A conversation counts once it was held, not when its
file was made. A story, dreams, plan or check-in dated after today is
*planned*. One dated today or earlier is *held* when it says `held: true`,
or when it has no `held` key and holds something: `careerkit new` records
what it wrote as `scaffold: <checksum>`, and the document holds something
once its list (story `values`, dreams `dreams`, plan `skills` and `actions`,
check-in `actions`) or its text differs from that (line endings and
trailing blanks aside). A document without `scaffold` holds something when
that list is not empty or its text has a line that is neither a heading nor
inside an HTML comment. `held: false` keeps it planned. Every rule below
reads held documents only ("the newest plan" is the newest *held* plan); a
planned document counts only through its actions. A note counts from its
date.

**Steps and promises.** An action whose `owner` is the `manager` setting is
your own promise ("I will introduce you to Bob"); every other action is a
*step* of the person's own. A late or quiet promise is tier 1, a step tier
2; a step "passed its date", it is never "overdue". A promise never counts
against the person: not in `no-progress`, `out-of-actions`,
`steps-finished` or `plan-without-actions`. Every finding carries `owner`:
the action's owner (the person's slug when the action names none), or
`null` for a finding about the person. For a promise that is due or quiet,
`careerkit agenda` says: "{promise}"

**Folding.** While `no-progress` or `dream-changed` is reported for a
person, their own `action-due` and `action-stale` are not reported on
their own: the message counts them. While `dream-changed` is reported,
neither are `no-progress`, `out-of-actions`, `plan-without-actions` and
`resources-missing`: the old plan is not chased. Promises are always
reported.

**Who is reported.** Everyone with a folder in `people/`, including people
with no document yet (`never-started`), except a person whose profile says
they have `left` (on or before today) or are paused (`paused_until` after
today: leave is not drift). Their files stay as they are. Someone back from
a pause (`paused_until` on or before today) has one cadence of grace: a
finding of tier 1 to 3 is dated no earlier than `paused_until` plus their
`checkin_every_days`, except `leaving` and findings about your promises;
a finding the grace moved is not shown ahead with `--within`.

**Order.** Findings are sorted by tier first: 0, what to celebrate; 1, what
is late (your promises, a due check-in, someone who never started or is
leaving); 2, what drifts (their steps, no progress, changed dreams); 3, what
is missing (a conversation to hold, a plan without steps, resources,
values to confirm). Then by `days` (largest first), person, kind and action
id. `careerkit due` prints each person in the place of their first finding,
each line named by its tier; `due --json` gives each finding its `tier`.
`due --fail` exits 1 only for a finding of tier 1 to 3.

**Words.** Messages say an age as people do: days up to 14, then weeks up
to 56 days (`N // 7`), then months (`N / 30.4`, rounded): "5 weeks",
"7 months". `days` stays exact.

This page is generated from the code (`python -m careerkit.commands.docgen`); a test
keeps them the same.
"""


def findings_page() -> str:
    parts = [INTRO.replace("{promise}", PROMISE_SUGGESTION)]
    for kind in KINDS.values():
        scope = "one per action" if kind.level == ACTION else "one per person"
        tier = f"tier {kind.tier}, {TIERS[kind.tier]}"
        if kind.promise_tier is not None:
            tier = f"tier {kind.promise_tier} for your promise, {kind.tier} for their step"
        parts.append(
            f"\n## `{kind.name}` ({scope}; {tier})\n\n"
            f"- **What it means:** {kind.meaning}\n"
            f"- **Why it matters:** {kind.why}\n"
            f"- **What to do:** {kind.suggestion}\n"
            f"- **Rule:** {kind.rule}\n"
        )
    parts.append("\nWhat changed in each release, findings included, is in [CHANGELOG.md](../CHANGELOG.md).\n")
    return "".join(parts)


def _commands() -> Iterator[tuple[list[str], Any, Any]]:
    """(the words that run it, the Click command, its context) for every command, in the app's order."""
    import typer

    from careerkit.commands.app import build

    group = typer.main.get_command(build())
    root = group.context_class(group, info_name="careerkit", terminal_width=WIDTH, max_content_width=WIDTH)

    def walk(command: Any, context: Any, words: list[str]) -> Iterator[tuple[list[str], Any, Any]]:
        yield words, command, context
        for name in getattr(command, "list_commands", lambda _: [])(context):
            child = command.get_command(context, name)
            inner = child.context_class(
                child, info_name=name, parent=context, terminal_width=WIDTH, max_content_width=WIDTH
            )
            yield from walk(child, inner, [*words, name])

    yield from walk(group, root, [])


def commands_page() -> str:
    parts = [
        "# careerkit commands\n\nEvery command's `--help`, generated from the code "
        "(`python -m careerkit.commands.docgen`); a test keeps this page the same as the commands.\n"
    ]
    for words, command, context in _commands():
        parts.append(f"\n## {' '.join(['careerkit', *words])}\n\n```text\n{command.get_help(context)}\n```\n")
    return "".join(parts)


def readme_gaps(readme: str) -> list[str]:
    """Each command, or option of a command, that the README's command table does not name."""
    rows = [line.split("|")[1] for line in readme.splitlines() if line.startswith("| `careerkit ")]
    gaps = []
    for words, command, _context in _commands():
        if not words or (hasattr(command, "list_commands") and not command.invoke_without_command):
            continue  # the program itself, and a group that only holds subcommands
        mine = [row for row in rows if _names(row, " ".join(words))]
        if not mine:
            gaps.append(" ".join(["careerkit", *words]))
        else:
            gaps += [" ".join(["careerkit", *words, option]) for option in _unnamed_options(command, mine)]
    return gaps


def _unnamed_options(command: Any, rows: list[str]) -> list[str]:
    """The options of `command` that none of its rows of the table names (each by its longest flag)."""
    missing = []
    for param in command.params:
        flags = [flag for flag in (*param.opts, *param.secondary_opts) if flag.startswith("-")]
        if flags and not set(flags) & set(SAID_ONCE) and not any(flag in row for flag in flags for row in rows):
            missing.append(max(flags, key=len))
    return missing


def readme_extras(readme: str) -> list[str]:
    """Each command that the README's command table names and careerkit does not have."""
    import itertools
    import re

    commands = {" ".join(words): command for words, command, _context in _commands()}
    extras = []
    for line in readme.splitlines():
        for code in re.findall(r"`([^`]*)`", line.split("|")[1]) if line.startswith("| `careerkit ") else []:
            words = code.removeprefix("careerkit ").split()[:2]
            named = list(itertools.takewhile(lambda word: re.fullmatch(r"[a-z][a-z-]*", word), words))
            group = commands.get(named[0]) if named else None
            if group is None or (len(named) == 2 and hasattr(group, "commands") and " ".join(named) not in commands):
                extras.append(" ".join(["careerkit", *named]))
    return extras


def _names(cell: str, command: str) -> bool:
    """Whether a row's first cell is about `command`: "`careerkit action done PERSON ID`, `action drop ...`"."""
    spaced = " " + cell.replace("`", " ") + " "
    return (
        f" careerkit {command} " in spaced
        or f", {command} " in cell.replace("`", "") + " "
        or cell.replace("`", "").strip() == f"careerkit {command}"
    )


def settings_table() -> str:
    from careerkit.reading.settings import CALENDAR_KEY, CALENDAR_KEY_HELP, GIT_HELP, SELF_HELP, SETTING_HELP
    from careerkit.values.model import Settings

    meanings = {**SETTING_HELP, "git": GIT_HELP, CALENDAR_KEY: CALENDAR_KEY_HELP, "self_person": SELF_HELP}
    defaults = Settings()
    rows = ["| key | default | meaning |", "|---|---|---|"]
    for key, default in zip(Settings._fields, defaults, strict=True):
        shown = "self" if key == "self_person" else key  # `self` in the file; a field cannot be named so
        rows.append(f"| `{shown}` | {'none' if default is None else f'`{default}`'} | {meanings[key]} |")
    return "\n".join(rows) + "\n"


def keys_tables() -> str:
    from careerkit.values import schema

    parts = [
        ("Documents", schema.DOCUMENT),
        ("Each action", schema.ACTION),
        ("Each dream", schema.DREAM),
        ("Each skill of a dream", schema.DREAM_SKILL),
        ("Each skill of the plan", schema.PLAN_SKILL),
        ("Profiles (`people/<person>/profile.md`)", schema.PROFILE),
    ]
    tables = []
    for title, mapping in parts:
        rows = [f"| `{key}` | {_holds(value)} |" for key, value in mapping.items()]
        tables.append(f"{title}:\n\n| key | holds |\n|---|---|\n" + "\n".join(rows) + "\n")
    return "\n".join(tables)


def _holds(value: Any) -> str:
    """What a schema entry holds, in words: "a date", "a list of actions"."""
    from careerkit.values import schema

    plural = {
        id(schema.ACTION): "actions",
        id(schema.DREAM): "dreams",
        id(schema.DREAM_SKILL): "skills of a dream",
        id(schema.PLAN_SKILL): "skills of the plan",
    }
    if isinstance(value, list):
        item = value[0]
        return f"a list of {plural[id(item)] if isinstance(item, dict) else _holds(item).removeprefix('a ')}"
    return {schema.TEXT: "text", schema.NUMBER: "a whole number", schema.DATE: "a date", schema.FLAG: "true or false"}[
        value
    ]


def findings_table() -> str:
    rows = ["| kind | tier | one per | what it means |", "|---|---|---|---|"]
    for kind in KINDS.values():
        tier = f"{kind.tier} ({TIERS[kind.tier]})"
        if kind.promise_tier is not None:
            tier += f"; {kind.promise_tier} ({TIERS[kind.promise_tier]}) for your promise"
        rows.append(f"| `{kind.name}` | {tier} | {kind.level} | {kind.meaning} |")
    return "\n".join(rows) + "\n"


def codes_table() -> str:
    from careerkit.values.codes import MEANINGS

    rows = ["| code | what it means |", "|---|---|"]
    rows += [f"| `{code}` | {meaning} |" for code, meaning in MEANINGS.items()]
    return "\n".join(rows) + "\n"


CONTRACT_PARTS: dict[str, Callable[[], str]] = {
    "settings": settings_table,
    "keys": keys_tables,
    "findings": findings_table,
    "codes": codes_table,
}
_GENERATED = re.compile(r"(<!-- generated: ([a-z]+) -->\n).*?(<!-- end of generated part -->)", re.DOTALL)


def contract_page(text: str) -> str:
    """docs/contract.md (its text now) with every generated part written afresh from the code."""
    return _GENERATED.sub(lambda part: part[1] + CONTRACT_PARTS[part[2]]() + part[3], text)


def pages(project: Path) -> dict[Path, str]:
    """Each generated page under `project` and what it should hold."""
    from careerkit.commands.manpage import render

    contract = project / "docs/contract.md"
    return {
        project / "docs/findings.md": findings_page(),
        project / "docs/commands.md": commands_page(),
        project / MAN_PAGE: render(_commands()),
        contract: contract_page(contract.read_text(encoding="utf-8")),
    }


def main(args: list[str]) -> int:
    project = Path.cwd()
    expected = pages(project)
    stale = [path for path, text in expected.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    gaps = readme_gaps((project / "README.md").read_text(encoding="utf-8"))
    for gap in gaps:
        print(f"README.md: the command table does not name {gap}", file=sys.stderr)
    if "--check" in args:
        for path in stale:
            command = "python -m careerkit.commands.docgen"
            print(f"{path.relative_to(project)} is out of date: run {command}", file=sys.stderr)
        return 1 if stale or gaps else 0
    for path in stale:
        path.write_text(expected[path], encoding="utf-8", newline="")
        print(f"wrote {path.relative_to(project)}")
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
