"""Safe YAML reading with line numbers for the errors a person must fix.

Only PyYAML's safe loader reads the text (the C loader when LibYAML is
there): no tag can run code. The usual values are built straight from its
nodes, the same way PyYAML's safe constructor would (see
`_Loader.construct_document`); everything else goes through that constructor.
An impossible date such as `2026-13-45` is kept as an `InvalidDate` instead
of failing the whole document, so that one bad action does not hide the rest.

Hostile or broken YAML is refused with a message and a line, never a crash:
nesting deeper than MAX_DEPTH (LibYAML's composer recurses on the C stack and
crashes the interpreter somewhere past 20,000 levels) is found with the
event parser before anything is composed; aliases that would expand to more
than MAX_NODES values (a "billion laughs" file) or refer to themselves are
refused before construction (both in careerkit.reading.yaml_limits); a value
whose explicit tag cannot be built (`!!int abc`) is an error at its line.
Error messages never quote the text (careerkit.reading.yaml_errors).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Hashable
from datetime import date
from typing import Any

import yaml

from careerkit.errors import CareerkitError
from careerkit.reading.yaml_limits import MAX_DEPTH, Refused, check_aliases, check_depth
from careerkit.values import codes
from careerkit.values.records import Record

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_RESOLVED = 100_000  # plain scalars whose tag is remembered (see _Loader.resolve)
_RESOLVED: dict[str, str] = {}


class InvalidDate(Record):
    """A value that YAML took for a timestamp but is not a real date."""

    text: str


class _Loader(_Base):  # type: ignore[misc, valid-type]
    repeated_keys = False  # (see `_build`)
    odd_numbers = False  # (see `resolve`)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """The tag of a plain scalar, remembered: notes repeat their words (open, done, dates, names) a lot,
        and PyYAML tries its regular expressions on every one (docs/performance.md, "Faster YAML").
        It depends on the text alone: the safe loader has no resolvers that look at a node's place.

        A number YAML 1.1 reads in base 60 or 8 is not remembered: each time it is read, it is noted
        in `odd_numbers`, so that `check` knows where it need not look for one."""
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if tag in _NUMBERS and (SEXAGESIMAL.match(value) or OCTAL.match(value)):
                    self.odd_numbers = True
                elif len(_RESOLVED) < MAX_RESOLVED:
                    _RESOLVED[value] = tag
            return tag
        return super().resolve(kind, value, implicit)

    # PyYAML's composer asks the resolver to follow it down and up each node, for resolvers that look at
    # a node's place; the safe loader has none (see `resolve`), so each is a call that does nothing, and
    # there are two for every node. These builtins take the same arguments and do nothing, without a
    # Python call.
    descend_resolver = operator.is_  # (parent, index) -> a bool nobody reads
    ascend_resolver = tuple  # () -> ()

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, AttributeError):  # AttributeError: `!!timestamp` on text that is no date at all
            return InvalidDate(str(node.value))

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError):
            # e.g. `!!int abc`, `!!bool maybe`: the safe constructors raise plain Python errors
            raise yaml.constructor.ConstructorError(
                None, None, "a value with an explicit tag (such as !!int) is not valid for that tag", node.start_mark
            ) from None

    def construct_document(self, node: yaml.Node) -> Any:
        """The value of a whole document, built straight from its nodes where the tags are the usual ones.

        PyYAML's constructor builds every value through generic machinery (a
        generator per mapping, a table lookup per node, bookkeeping for
        aliases); on frontmatter that is half of the time to read a file. The
        tags nearly every note uses (str, map, seq, a plain decimal int, null,
        bool, a YYYY-MM-DD date) are built here the same way PyYAML would;
        anything else (floats, merge keys, explicit tags, other int and date
        forms) is left to PyYAML's own constructor. tests/test_loader_fuzz.py
        holds both to the same results.
        """
        try:
            return self._build(node)
        finally:  # what PyYAML's own construct_document resets after a document
            self.constructed_objects: dict[Any, Any] = {}
            self.recursive_objects: dict[Any, Any] = {}
            self.state_generators: list[Any] = []

    def _build(self, node: yaml.Node) -> Any:
        """The value of `node`: built here when its kind and tag are the usual ones and its text is
        valid for the tag; else by PyYAML (which also gives the errors, e.g. for `!!str [a list]`)."""
        kind = type(node)
        if kind is yaml.ScalarNode:
            value = self._scalar(node.tag, node.value)
            if value is not _UNUSUAL:
                return value
        elif kind is yaml.MappingNode and node.tag == _MAP:
            return self._mapping(node)
        elif kind is yaml.SequenceNode and node.tag == _SEQ:
            return [self._build(child) for child in node.value]
        return self.construct_object(node, deep=True)

    def _scalar(self, tag: str, value: str) -> Any:
        """A plain value of one of the usual tags, or _UNUSUAL when PyYAML is to build it."""
        if tag == _STR:
            return value
        if tag == _INT and len(value) < _MAX_DIGITS and _DECIMAL.fullmatch(value):
            return int(value)
        if tag == _NULL:
            return None
        if tag == _BOOL and value.lower() in self.bool_values:
            return self.bool_values[value.lower()]
        if tag == _TIMESTAMP and (parts := _DAY.fullmatch(value)):
            try:
                return date(int(parts[1]), int(parts[2]), int(parts[3]))
            except ValueError:
                return InvalidDate(value)
        return _UNUSUAL

    def _mapping(self, node: yaml.Node) -> Any:
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag in _SPECIAL_KEYS:
                return self.construct_object(node, deep=True)
            key = self._build(key_node)
            if type(key) is not str and not isinstance(key, Hashable):  # what PyYAML refuses, the same way
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, "found unhashable key", key_node.start_mark
                )
            mapping[key] = self._build(value_node)
        if len(mapping) != len(node.value):
            self.repeated_keys = True  # two keys built the same value: `check` looks for a key written twice
        return mapping


class _AliasCheckingLoader(_Loader):
    """For text with anchors and aliases: checks how far they expand before building anything,
    then builds it with PyYAML's constructor (which gives each alias the same object)."""

    construct_document = _Base.construct_document

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        check_aliases(node)
        return self.construct_document(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_STR, _MAP, _SEQ, _INT, _NULL, _BOOL, _TIMESTAMP = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "map", "seq", "int", "null", "bool", "timestamp")
)
_NUMBERS = (_INT, "tag:yaml.org,2002:float")
# Numbers YAML 1.1 reads in base 60 (`12:30` is 750) or base 8 (`0755` is 493): in a plain scalar resolved as an
# int or float, what `check` explains.
SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
OCTAL = re.compile(r"[-+]?0[0-7_]+$")
_SPECIAL_KEYS = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")  # `<<` and `=`: PyYAML rewrites those
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_MAX_DIGITS = 4000  # Python refuses to read longer numbers from text (and PyYAML's error says so)
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_UNUSUAL = object()  # a scalar that `_Loader._scalar` leaves to PyYAML


class Kept(Record):
    """What `load` keeps for `check` beside the value: the node tree the value was built from, as composed."""

    node: Any  # the root node (no aliases: text with anchors is not kept)
    value: Any  # the value built from it
    repeated_keys: bool  # some mapping has two keys that build the same value (such as a key written twice)
    odd_numbers: bool  # some plain scalar is a number in base 60 or 8 (see `_Loader.resolve`)


def load(text: str, first_line: int, what: str = "frontmatter", tree: list[Kept] | None = None) -> Any:
    """Parse YAML text that starts on line `first_line` of its file; errors call the text `what`.

    With `tree`, a `Kept` is added to it when the node tree is still as composed (see `_load_keeping`),
    so that `check` need not compose the same text again.
    """
    try:
        check_depth(text)
        loader = _AliasCheckingLoader if "*" in text and "&" in text else _Loader
        if tree is not None and loader is _Loader:
            return _load_keeping(text, tree)
        return yaml.load(text, Loader=loader)  # a safe loader (see above)
    except yaml.YAMLError as error:  # (its words and line: careerkit.reading.yaml_errors, loaded only then)
        from careerkit.reading.yaml_errors import error_line, reason

        line = error_line(error, first_line, text)
        if isinstance(error, Refused):
            raise CareerkitError(f"{what} {error.problem}", line=line, code=codes.BAD_YAML) from None
        message = f"could not parse {what}: {reason(error, text, MAX_DEPTH)}"
        raise CareerkitError(message, line=line, code=codes.BAD_YAML) from None
    except RecursionError:
        raise CareerkitError(f"{what} is nested too deeply", line=first_line, code=codes.BAD_YAML) from None
    except Exception as error:  # anything else a library may raise on hostile input: the file, not a crash
        message = f"could not parse {what} ({type(error).__name__})"
        raise CareerkitError(message, line=first_line, code=codes.BAD_YAML) from None


class _KeepingLoader(_Loader):
    """Notes whether PyYAML's own constructor saw a list or mapping: it may rewrite their nodes
    (a `<<` merge key is replaced by the keys it merges), and the tree is then no longer as written."""

    as_composed = True

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if type(node) is not yaml.ScalarNode:
            self.as_composed = False
        return super().construct_object(node, deep)


def _load_keeping(text: str, tree: list[Kept]) -> Any:
    """`yaml.load(text, Loader=_Loader)`, adding the node tree to `tree` when it is left as composed."""
    loader = _KeepingLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        value = loader.construct_document(node)
        if loader.as_composed:
            tree.append(Kept(node, value, loader.repeated_keys, loader.odd_numbers))
        return value
    finally:
        loader.dispose()


def compose(text: str) -> yaml.Node | None:
    """The node tree (with positions) of YAML text that is known to parse (None when it does not).

    Aliases are shared nodes (and may form a cycle): walk it with a set of visited nodes.
    """
    try:
        check_depth(text)
        return yaml.compose(text, Loader=_Loader)
    except Exception:
        return None


def scalar_int(node: yaml.ScalarNode) -> int | None:
    """The value of a scalar node tagged as an int, as PyYAML builds it (None when it cannot be built)."""
    text = node.value
    if len(text) < _MAX_DIGITS and _DECIMAL.fullmatch(text):
        return int(text)  # the usual case, as in `_Loader._build`
    try:
        value = yaml.constructor.SafeConstructor().construct_yaml_int(node)
    except Exception:
        return None
    return value if isinstance(value, int) else None


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
    pair = last_pair(node, key) if isinstance(key, str) else None
    return pair[1] if pair is not None else None


def last_pair(mapping: Any, key: str, *, text_key: bool = False) -> tuple[yaml.Node, yaml.Node] | None:
    """The last `key: value` pair of a mapping node: the one that wins when loading (PyYAML keeps the last).

    None when `mapping` is not a mapping node or has no such key; with `text_key`, only a key tagged as text
    counts (not `!!int 1`, nor an unquoted key YAML reads as another type).
    """
    found = None
    if isinstance(mapping, yaml.MappingNode):
        for key_node, value_node in mapping.value:
            if (
                key_node.value == key
                and isinstance(key_node, yaml.ScalarNode)
                and (not text_key or key_node.tag.endswith(":str"))
            ):
                found = (key_node, value_node)
    return found


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


class Lines:
    """`locate` and `locate_key` over one node tree, each mapping's keys indexed the first time it is looked
    into: a file with thousands of keys and thousands of problems is not searched through again for each."""

    def __init__(self, root: yaml.Node | None):
        self.root = root
        self._keys: dict[int, tuple[dict[str, yaml.Node], dict[str, int]]] = {}  # per mapping: last value, first line

    def _index(self, mapping: yaml.MappingNode) -> tuple[dict[str, yaml.Node], dict[str, int]]:
        found = self._keys.get(id(mapping))
        if found is None:
            values: dict[str, yaml.Node] = {}
            lines: dict[str, int] = {}
            for key_node, value_node in mapping.value:
                if isinstance(key_node, yaml.ScalarNode):
                    values[key_node.value] = value_node  # the last one wins, as in `last_pair`
                    lines.setdefault(key_node.value, key_node.start_mark.line)
            found = self._keys[id(mapping)] = (values, lines)
        return found

    def _child(self, node: yaml.Node | None, key: str | int) -> yaml.Node | None:
        if isinstance(key, int) and isinstance(node, yaml.SequenceNode):
            return node.value[key] if 0 <= key < len(node.value) else None
        if isinstance(key, str) and isinstance(node, yaml.MappingNode):
            return self._index(node)[0].get(key)
        return None

    def locate(self, keys: tuple[str | int, ...]) -> int | None:
        """As `locate` (the module's function) does."""
        node, line = self.root, None
        for key in keys:
            if node is None:
                break
            line = node.start_mark.line
            node = self._child(node, key)
        if node is not None:
            line = node.start_mark.line
        return line

    def locate_key(self, keys: tuple[str | int, ...]) -> int | None:
        """As `locate_key` (the module's function) does."""
        if not keys:
            return None
        parent = self.root
        for key in keys[:-1]:
            parent = self._child(parent, key)
        last = keys[-1]
        if isinstance(parent, yaml.MappingNode) and isinstance(last, str):
            line = self._index(parent)[1].get(last)
            if line is not None:
                return line
        return self.locate(keys[:-1])
