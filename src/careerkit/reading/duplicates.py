"""Action ids used twice by one person: found from what was read, placed by reading the YAML again.

Ids are unique per person (docs/contract.md); where one repeats, the copy in the newest
document counts and every command reports the repeat. Only when an id repeats
are the files composed again, for the lines.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from careerkit.errors import CareerkitError
from careerkit.reading.action_items import duplicate_id
from careerkit.values.model import Document, Problem


def duplicate_ids(
    root: Path, documents: list[Document], id_lines: Callable[[Document], dict[int, int]] | None = None
) -> list[Problem]:
    """An error at each action whose id an older document of the same person already used.

    `documents` oldest first. Only when an id repeats are the files read again, for the lines
    (`id_lines` gives the line of each id in a document; by default it reads the file).
    """
    first: dict[int, Document] = {}
    repeats: list[tuple[Document, int]] = []
    for doc in documents:
        for ident in dict.fromkeys(action.id for action in doc.actions):
            if ident in first:
                repeats.append((doc, ident))
            else:
                first[ident] = doc
    if not repeats:
        return []
    lines_of = id_lines or (lambda doc: action_id_lines(root / doc.path))
    known: dict[str, dict[int, int]] = {}

    def line(doc: Document, ident: int) -> int | None:
        if doc.path not in known:
            known[doc.path] = lines_of(doc)
        return known[doc.path].get(ident)

    problems = []
    for doc, ident in repeats:
        older = first[ident]
        at = line(older, ident)
        where = older.path if at is None else f"{older.path}:{at}"
        problems.append(duplicate_id(doc.path, line(doc, ident), ident, where))
    return problems


def action_id_lines(path: Path) -> dict[int, int]:
    """The 1-based line of the first `id` of each action in the document at `path` ({} when unreadable)."""
    from careerkit.reading import frontmatter as frontmatter_text
    from careerkit.reading import yamlio
    from careerkit.reading.documents import read_bytes

    try:
        split = frontmatter_text.split(frontmatter_text.decode(read_bytes(path)))
        root = yamlio.compose(split.yaml)
    except (OSError, CareerkitError):
        return {}
    return {ident: line for ident, line in reversed(id_lines(root, split.first_yaml_line))}


def id_lines(root: Any, first: int) -> list[tuple[int, int]]:
    """(id, line) of each action in a document's YAML node tree, in order."""
    import yaml

    from careerkit.reading.yamlio import last_pair, scalar_int

    actions = pair[1] if (pair := last_pair(root, "actions")) is not None else None
    if not isinstance(actions, yaml.SequenceNode):
        return []
    found = []
    for item in actions.value:
        ident = pair[1] if (pair := last_pair(item, "id")) is not None else None
        if isinstance(ident, yaml.ScalarNode) and ident.tag == "tag:yaml.org,2002:int":
            value = scalar_int(ident)
            if value is not None and value >= 1:
                found.append((value, first + ident.start_mark.line))
    return found
