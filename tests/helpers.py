"""Small builders for notes documents, so each test shows its input at a glance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def doc(person: str, stage: str, day: str, body: str = "Notes.\n", **fields: Any) -> str:
    """A document's text: frontmatter from the arguments, then the body."""
    data = {"person": person, "stage": stage, "date": day, **fields}
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body


def action(ident: int, title: str = "", **fields: Any) -> dict[str, Any]:
    return {"id": ident, "title": title or f"Action {ident}", **fields}


def same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down (True is not 1, a date is not a datetime) and the same key
    order; NaN is the same as NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b or (a != a and b != b))


# The packages of careerkit, from the bottom up: a module imports only from its own wing or one below it
# (tests/test_architecture.py, docs/architecture.md).
WINGS = (
    "values",
    "fs",
    "templating",
    "reading",
    "cache",
    "repository",
    "rules",
    "views",
    "check",
    "writing",
    "handover",
    "commands",
)


def fake_editor(folder: Path, append: str = "", log: str = "editor.log") -> str:
    """An $EDITOR command line: a Python script that records the file it was given (in `folder / log`) and
    appends `append` to that file, as a person would type it."""
    import shlex
    import sys

    script = folder / "fake_editor.py"
    script.write_text(
        "import sys\n"
        f"open({str(folder / log)!r}, 'a', encoding='utf-8').write(sys.argv[1] + '\\n')\n"
        f"open(sys.argv[1], 'a', encoding='utf-8', newline='').write({append!r})\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
