"""The shape of the code that docs/architecture.md describes: the wings are packages stacked in one order,
data flows one way, and only the command layer knows the terminal."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import WINGS

SRC = Path(__file__).resolve().parents[1] / "src" / "careerkit"
BELOW_EVERY_WING = {"careerkit", "careerkit.errors"}  # the version, and the one error type
ABOVE_EVERY_WING = {"careerkit.cli", "careerkit.__main__"}  # the entry points


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def _imports(tree: ast.AST, known: set[str]) -> set[str]:
    """Every module `tree` imports, at the top or inside a function (a late import is still a dependency)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name in known or name.split(".")[0] != "careerkit"}


def _floor(module: str) -> int:
    """How high a module stands: 0 below every wing, then each wing in order, then the entry points."""
    if module in BELOW_EVERY_WING:
        return 0
    if module in ABOVE_EVERY_WING:
        return len(WINGS) + 1
    return WINGS.index(module.split(".")[1]) + 1


def test_the_wings_are_the_packages_and_few_modules_stand_alone():
    packages = {path.parent.name for path in SRC.glob("*/__init__.py")}
    assert packages == set(WINGS)
    assert sorted(path.stem for path in SRC.glob("*.py")) == ["__init__", "__main__", "cli", "errors"]


def test_a_module_imports_only_from_its_own_wing_or_the_wings_below():
    """The order of docs/architecture.md, late imports and those only for type checking included."""
    modules = _modules()
    known = set(modules)
    upward = sorted(
        f"{name} imports {imported}"
        for name, tree in modules.items()
        for imported in _imports(tree, known) & known
        if _floor(imported) > _floor(name)
    )
    assert upward == []


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


def test_only_the_command_layer_knows_the_terminal():
    """Only careerkit.commands imports Typer or Click; every other wing takes and returns values."""
    modules = _modules()
    known = set(modules)
    offenders = sorted(
        name
        for name, tree in modules.items()
        if not name.startswith("careerkit.commands")
        and {"typer", "click"} & {imported.split(".")[0] for imported in _imports(tree, known)}
    )
    assert offenders == []
