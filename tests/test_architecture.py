"""The shape of the code that docs/architecture.md describes: data flows one way, the core knows no terminal."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "careerkit"
COMMAND_LAYER = {"careerkit.cli"}


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def _imports(tree: ast.AST, known: set[str]) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name in known or name.split(".")[0] != "careerkit"}


def test_no_module_imports_one_that_imports_it_back():
    """Counting the imports inside functions too: a cycle hidden by a late import is still a cycle."""
    modules = _modules()
    known = set(modules)
    graph = {name: sorted(_imports(tree, known) & known - {name}) for name, tree in modules.items()}
    done: set[str] = set()
    cycles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        for imported in graph[name]:
            if imported in path:
                cycles.append([*path[path.index(imported) :], imported])
            elif imported not in done:
                visit(imported, [*path, imported])
        done.add(name)

    for name in sorted(graph):
        if name not in done:
            visit(name, [name])
    assert cycles == []


def test_the_domain_core_knows_nothing_of_the_terminal():
    """Only the command layer imports Typer or Click; the core takes and returns values."""
    modules = _modules()
    known = set(modules)
    offenders = sorted(
        name
        for name, tree in modules.items()
        if not name.startswith("careerkit.commands")
        and name not in COMMAND_LAYER
        and {"typer", "click"} & {imported.split(".")[0] for imported in _imports(tree, known)}
    )
    assert offenders == []
