"""Safe YAML reading with line numbers for the errors a person must fix.

Only PyYAML's safe constructors are used (the C loader when LibYAML is there):
no tag can run code. An impossible date such as `2026-13-45` is kept as an
`InvalidDate` instead of failing the whole document, so that one bad action
does not hide the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from careerkit.errors import CareerkitError

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class InvalidDate:
    """A value that YAML took for a timestamp but is not a real date."""

    text: str


class _Loader(_Base):  # type: ignore[misc, valid-type]
    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return InvalidDate(str(node.value))


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _error_line(error: yaml.YAMLError, first_line: int) -> int:
    # The context (where the broken construct starts) points at the line to fix more
    # often than the problem mark, which can sit at the end of the block.
    mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
    return first_line + mark.line if mark is not None else first_line


def _reason(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    if problem and context:
        return f"{context}, {problem}"
    return str(problem or context or "invalid YAML")


def load(text: str, first_line: int) -> Any:
    """Parse YAML text that starts on line `first_line` of its file."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        message = f"could not parse frontmatter: {_reason(error)}"
        raise CareerkitError(message, line=_error_line(error, first_line)) from None
    except RecursionError:
        raise CareerkitError("frontmatter is nested too deeply", line=first_line) from None


def compose(text: str) -> yaml.Node | None:
    """The node tree (with positions) of YAML text that is known to parse."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):
        return None


def locate(root: yaml.Node | None, keys: tuple[str | int, ...]) -> int | None:
    """0-based line of the value at `keys` (mapping keys and list indexes).

    Falls back to the deepest part of the path that exists.
    """
    node, line = root, None
    for key in keys:
        if node is None:
            break
        line = node.start_mark.line
        node = _child(node, key)
    if node is not None:
        line = node.start_mark.line
    return line


def _child(node: yaml.Node, key: str | int) -> yaml.Node | None:
    if isinstance(key, int) and isinstance(node, yaml.SequenceNode):
        return node.value[key] if 0 <= key < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        found = None
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found = value_node  # the last one wins, as when loading
        return found
    return None


def locate_key(root: yaml.Node | None, keys: tuple[str | int, ...]) -> int | None:
    """0-based line of the *key* at the end of `keys` (for a value that is missing)."""
    if not keys:
        return None
    parent = root
    for key in keys[:-1]:
        parent = _child(parent, key) if parent is not None else None
    if isinstance(parent, yaml.MappingNode):
        for key_node, _ in parent.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == keys[-1]:
                return key_node.start_mark.line
    return locate(root, keys[:-1])
