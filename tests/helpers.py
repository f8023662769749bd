"""Small builders for notes documents, so each test shows its input at a glance."""

from __future__ import annotations

from typing import Any

import yaml


def doc(person: str, stage: str, day: str, body: str = "Notes.\n", **fields: Any) -> str:
    """A document's text: frontmatter from the arguments, then the body."""
    data = {"person": person, "stage": stage, "date": day, **fields}
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body


def action(ident: int, title: str = "", **fields: Any) -> dict[str, Any]:
    return {"id": ident, "title": title or f"Action {ident}", **fields}
