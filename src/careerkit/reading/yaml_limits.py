"""The limits careerkit sets on YAML before building anything from it: how deep it nests, how far its aliases
expand. YAML past them is refused with a message and a line (careerkit.reading.yamlio.load), never a crash.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 100  # levels of nested lists and mappings
MAX_NODES = 100_000  # values, counting each use of an alias in full
# What every level of nesting needs at least one of (or one more column of indentation).
_NESTING = ("[", "{", "- ", "-\n", "-\r", "-\t", "? ", "?\n", "?\r", "?\t")
_DEEP_INDENT = " " * (MAX_DEPTH // 2)
_FAST: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Refused(yaml.YAMLError):
    """YAML that parses but that careerkit will not build (too deep, too many aliases).

    `problem` follows the name of the YAML (`frontmatter`), which `load` puts before it.
    """

    def __init__(self, problem: str, mark: Any):
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


def check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before anything recursive sees it.

    A cheap count first: each level needs a `[`, a `{`, a `- ` or `? ` indicator, or
    more indentation; only text that could be that deep is run through the event
    parser (which keeps its own stack, so it cannot crash).
    """
    if (
        sum(map(text.count, _NESTING)) <= MAX_DEPTH // 2
        and ("\n" + _DEEP_INDENT) not in text
        and not text.startswith(_DEEP_INDENT)
    ):
        return
    try:
        _count_depth(text, _FAST)
    except Refused:
        raise
    except yaml.YAMLError:
        # Not YAML, or LibYAML stopped at a nesting limit of its own (PyYAML 6.0.4 and later, with
        # its own words): the pure-Python parser, which has no such limit, says which one it is.
        try:
            _count_depth(text, yaml.SafeLoader)
        except Refused:
            raise
        except yaml.YAMLError:
            return  # not YAML at all: loading it says where


def _count_depth(text: str, loader: Any) -> None:
    """Raise Refused at the first list or mapping nested deeper than MAX_DEPTH."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise Refused(f"is nested more than {MAX_DEPTH} levels deep; not read", event.start_mark)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def check_aliases(root: yaml.Node) -> None:
    """Refuse aliases that refer to themselves or expand to more than MAX_NODES values."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            visiting.discard(key)
            size = 1 + sum(sizes[id(child)] for child in _children(node))
            sizes[key] = size
            if size > MAX_NODES:
                raise Refused(f"aliases (*name) expand to more than {MAX_NODES:,} values; not read", node.start_mark)
            continue
        if key in sizes:
            continue
        if key in visiting:
            raise Refused("has an alias (*name) inside the value it names; not read", node.start_mark)
        visiting.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []
