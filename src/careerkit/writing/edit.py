"""Changing action items (and top-level keys) in a document's frontmatter without disturbing any other byte.

A hand-written note is never dumped again. Its frontmatter is *composed* (not
just loaded) to learn where each node starts and ends: character offsets into
the YAML text, which LibYAML and PyYAML both count in characters, a CRLF as
two. Then only the token of a changed value is replaced, a missing key is put
on a new line after the last line of its mapping (or `, key: value` inside a
flow mapping), and a new action is written after the last one in the style of
its neighbours (block `- id:` lines with their indents, or a flow `{...}`).
Text keeps its quotes: a changed value is written in the quotes of the value
it replaces (`status: "open"` -> `status: "done"`), and a new action's text
in the quotes its neighbour uses for that key. Each new line takes the line
ending of the line it follows.

Every result is checked before it is returned: the new text must split into
the same lines before and after the frontmatter, and the frontmatter must
load to exactly the old data plus the intended change (types and key order
included). Anything else raises EditRefused and nothing is written.
"""

from __future__ import annotations

import copy
import itertools
import math
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from careerkit.errors import CareerkitError
from careerkit.reading import frontmatter as frontmatter_text
from careerkit.reading import yamlio

Value = str | int | date
DEFAULT_DASH_OFFSET = 2  # a new `actions:` list: `- ` this far right of the key...
DEFAULT_GAP = 1  # ...and this many spaces between `-` and the item's first key
_PLAIN_SAFE = re.compile(r"[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*")
_BLANK = re.compile(r"[ \t]*")
_FLOW_GAP = re.compile(r"[ \t]*,[ \t]*")  # between two pairs of a flow mapping on one line, nothing but a comma
_NEXT_LINE = re.compile(r"[ \t]*(?:#[^\r\n]*)?\r?\n[ \t]*")  # the rest of a line (a comment at most), an indent


class EditRefused(CareerkitError):
    """The edit cannot be made byte-exactly, or would not read back as intended (exit 1)."""


@dataclass(frozen=True)
class _Splice:
    start: int  # offsets into the frontmatter's YAML text
    end: int
    text: str


@dataclass(frozen=True)
class _Parsed:
    text: str
    split: frontmatter_text.Split
    data: Any
    root: yaml.Node | None

    @property
    def yaml(self) -> str:
        return self.split.yaml


# -- public: pure functions on the text of a whole document ---------------------------------------


def set_action_fields(text: str, action_id: int, fields: Mapping[str, Value], remove: Collection[str] = ()) -> str:
    """`text` with these fields set on action `action_id` (its last copy in this document), and the keys in
    `remove` taken out of it.

    An existing value is replaced in place, an empty one (`closed:`) filled in,
    a missing key added after the last key of the action; a removed key goes
    with its line (or with its comma, in a flow mapping). A field that already
    holds exactly that value, or a key to remove that is not there, is left
    alone, so the result may be `text` itself.
    """
    parsed = _parse(text)
    items = parsed.data.get("actions") if isinstance(parsed.data, dict) else None
    index = _index_of(items, action_id)
    if index is None or not isinstance(items, list):
        raise EditRefused(f"no action {action_id} in this document")
    item_node = _sequence_item(parsed, index, len(items))
    if not isinstance(item_node, yaml.MappingNode) or not item_node.value:
        raise EditRefused(f"action {action_id} is not written as a mapping careerkit can change; edit it by hand")
    where = f"action {action_id}: "
    splices = _set_in_mapping(parsed.yaml, item_node, items[index], fields, where)
    splices += _remove_from_mapping(parsed.yaml, item_node, [key for key in remove if key in items[index]], where)
    expected = copy.deepcopy(parsed.data)
    target = expected["actions"][index]
    for key, value in fields.items():
        target[key] = value
    for key in remove:
        target.pop(key, None)
    return _finish(parsed, splices, expected)


def remove_action_field(text: str, action_id: int, key: str) -> str:
    """`text` without `key` in action `action_id` (its last copy in this document); `text` itself when the action
    has no such key. In a block mapping the key's own line goes; in a flow mapping, `key: value` and one comma."""
    parsed = _parse(text)
    items = parsed.data.get("actions") if isinstance(parsed.data, dict) else None
    index = _index_of(items, action_id)
    if index is None or not isinstance(items, list):
        raise EditRefused(f"no action {action_id} in this document")
    if key not in items[index]:
        return text
    item_node = _sequence_item(parsed, index, len(items))
    pairs = item_node.value if isinstance(item_node, yaml.MappingNode) else []
    positions = [n for n, (k, _) in enumerate(pairs) if isinstance(k, yaml.ScalarNode) and k.value == key]
    if len(positions) != 1 or len(pairs) < 2:
        raise EditRefused(
            f"action {action_id}: `{key}` is written in a form careerkit does not change; edit it by hand"
        )
    start, stop = _pair_span(parsed.yaml, pairs, positions[0], bool(getattr(item_node, "flow_style", False)))
    if start < 0:
        raise EditRefused(f"action {action_id}: `{key}` shares its line with other text; edit it by hand")
    expected = copy.deepcopy(parsed.data)
    del expected["actions"][index][key]
    return _finish(parsed, [_Splice(start, stop, "")], expected)


def _pair_span(y: str, pairs: list[tuple[yaml.Node, yaml.Node]], position: int, flow: bool) -> tuple[int, int]:
    """Where the text of one pair of a mapping is, with what removing it takes: in a flow mapping one comma too
    (`, key: value`, or `key: value, ` when it comes first); in a block, its whole line, or (-1, -1) when that
    line holds anything else."""
    key_node, value_node = pairs[position]
    end = _pair_end(y, key_node, value_node)
    if flow:
        if position:
            return _pair_end(y, *pairs[position - 1]), end
        return key_node.start_mark.index, pairs[1][0].start_mark.index
    start = _line_start(y, key_node.start_mark.index)
    stop = _line_end(y, end)[0]
    if not _BLANK.fullmatch(y[start : key_node.start_mark.index]) or y[end:stop].strip():
        return -1, -1
    return start, stop


def set_keys(text: str, fields: Mapping[str, Value]) -> str:
    """`text` with these top-level keys of the frontmatter set (a profile's `left`, say).

    The same rules as for an action's fields: a value replaced in place, an
    empty one filled in, a missing key added after the last key (or, when the
    frontmatter is empty, as its first lines); a key that already holds
    exactly that value is left alone, so the result may be `text` itself.
    """
    parsed = _parse(text)
    y, data, root = parsed.yaml, parsed.data, parsed.root
    if root is None:
        if data is not None:
            raise EditRefused("could not locate the frontmatter's keys; edit it by hand")
        nl = parsed.split.newline
        lead = "" if not y or y.endswith("\n") else nl
        lines = "".join(f"{key}: {render(value)}{nl}" for key, value in fields.items())
        return _finish(parsed, [_Splice(len(y), len(y), lead + lines)], dict(fields))
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        raise EditRefused("frontmatter is not a mapping of keys; not changed")
    if not root.value:
        raise EditRefused("frontmatter is an empty flow mapping ({}); edit it by hand")
    splices = _set_in_mapping(y, root, data, fields, "")
    expected = copy.deepcopy(data)
    expected.update(fields)
    return _finish(parsed, splices, expected)


def set_list(text: str, key: str, items: list[Any]) -> str:
    """`text` with the top-level `key` holding `items`, written as one flow list (`[{skill: x, need: 4}]`).

    The value it replaces (empty, a flow list or a block list) goes, and nothing else: a key missing is added
    after the last one. A key that already holds exactly `items` is left alone (the result is `text`).
    """
    parsed = _parse(text)
    y, data, root = parsed.yaml, parsed.data, parsed.root
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict) or root.flow_style or not root.value:
        raise EditRefused("frontmatter is not a block mapping of keys; not changed")
    if key in data and _same(data[key], items):
        return text
    flow = yaml.safe_dump(items, default_flow_style=True, width=1 << 30, allow_unicode=True, sort_keys=False)
    flow = flow.removesuffix("\n...\n").rstrip("\n")
    if "\n" in flow:
        raise EditRefused(f"`{key}` cannot be written on one line; edit it by hand")
    expected = copy.deepcopy(data)
    expected[key] = items
    pair = _find_pair(root, key)
    if pair is None:
        last_key, last_value = root.value[-1]
        at, nl = _line_end(y, _pair_end(y, last_key, last_value))
        line = f"{_indent_of(y, last_key)}{key}: {flow}{nl}"
        return _finish(parsed, [_Splice(at, at, _lead(y, at, nl) + line)], expected)
    key_node, value_node = pair
    start, _ = _after_colon(y, key_node)
    end = _pair_end(y, key_node, value_node)
    empty = _is_empty(value_node) or (isinstance(value_node, yaml.ScalarNode) and value_node.value in ("null", "~"))
    if not isinstance(value_node, yaml.SequenceNode) and not empty:
        raise EditRefused(f"`{key}` is not a list; edit it by hand")
    return _finish(parsed, [_Splice(start, end, " " + flow)], expected)


def append_action(text: str, fields: Mapping[str, Value]) -> str:
    """`text` with a new action (its fields in the order given) after the last one in `actions`.

    `actions` missing, empty (`actions:`, `actions: []`, `actions: null`) or a
    document whose frontmatter is empty: a block list is started.
    """
    if not fields:
        raise EditRefused("an action needs at least an id")
    parsed = _parse(text)
    y, data, root = parsed.yaml, parsed.data, parsed.root
    item = dict(fields)
    if root is None:
        if data is not None:
            raise EditRefused("could not locate the frontmatter's keys; edit it by hand")
        return _finish(parsed, [_first_key(parsed, fields)], {"actions": [item]})
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        raise EditRefused("frontmatter is not a mapping of keys; not changed")
    expected: Any = copy.deepcopy(data)
    pair = _find_pair(root, "actions")
    existing = data.get("actions")
    if pair is not None and existing not in (None, []):
        splice = _after_last_action(y, pair[1], existing, fields)  # (refused unless `existing` is a list)
        expected["actions"].append(item)
        return _finish(parsed, [splice], expected)
    splices = _actions_key_added(y, root, fields) if pair is None else _actions_started(y, root, pair, fields)
    expected["actions"] = [item]
    return _finish(parsed, splices, expected)


_NOT_CHANGED_FORM = "`actions` is written in a form careerkit does not change; edit it by hand"


def _first_key(parsed: _Parsed, fields: Mapping[str, Value]) -> _Splice:
    """`actions` with the new action, in a document whose frontmatter is empty."""
    y, nl = parsed.yaml, parsed.split.newline
    lead = "" if not y or y.endswith("\n") else nl
    block = "actions:" + nl + _block_item(" " * DEFAULT_DASH_OFFSET, DEFAULT_GAP, fields, nl)
    return _Splice(len(y), len(y), lead + block)


def _actions_key_added(y: str, root: Any, fields: Mapping[str, Value]) -> list[_Splice]:
    """`actions` with the new action, after the frontmatter's last key."""
    if not root.value:
        raise EditRefused("frontmatter is an empty flow mapping ({}); edit it by hand")
    last_key, last_value = root.value[-1]
    end = _pair_end(y, last_key, last_value)
    if root.flow_style:
        return [_Splice(end, end, ", actions: [" + _flow_item(fields, "") + "]")]
    at, nl = _line_end(y, end)
    indent = _indent_of(y, last_key)
    dash_offset, gap = _list_style(y, root)
    block = indent + "actions:" + nl + _block_item(indent + " " * dash_offset, gap, fields, nl)
    return [_Splice(at, at, _lead(y, at, nl) + block)]


def _actions_started(y: str, root: Any, pair: tuple[Any, Any], fields: Mapping[str, Value]) -> list[_Splice]:
    """The new action as the first of an `actions:` that holds nothing (`actions:`, `[]`, `null`)."""
    key_node, value_node = pair
    sequence = isinstance(value_node, yaml.SequenceNode)
    if not (sequence or isinstance(value_node, yaml.ScalarNode)) or (
        sequence and (value_node.value or not value_node.flow_style)
    ):
        raise EditRefused(_NOT_CHANGED_FORM)
    colon, has_colon = _after_colon(y, key_node)
    if not has_colon:
        raise EditRefused(_NOT_CHANGED_FORM)
    empty = _is_empty(value_node)
    if root.flow_style:
        new = "[" + _flow_item(fields, "") + "]"
        if empty:
            return [_Splice(colon, colon, " " + new)]
        return [_Splice(value_node.start_mark.index, value_node.end_mark.index, new)]
    token_end = colon if empty else value_node.end_mark.index
    if not empty and value_node.start_mark.index < colon:
        raise EditRefused(_NOT_CHANGED_FORM)
    at, nl = _line_end(y, token_end)
    indent = _indent_of(y, key_node)
    dash_offset, gap = _list_style(y, root)
    splices = [] if empty else [_Splice(colon, token_end, "")]
    splices.append(_Splice(at, at, _lead(y, at, nl) + _block_item(indent + " " * dash_offset, gap, fields, nl)))
    return splices


def _after_last_action(y: str, sequence: Any, existing: Any, fields: Mapping[str, Value]) -> _Splice:
    """The new action after the last one, written the way that one is (flow or block, its quotes)."""
    if (
        not isinstance(existing, list)
        or not isinstance(sequence, yaml.SequenceNode)
        or len(sequence.value) != len(existing)
    ):
        raise EditRefused("`actions` is not a list careerkit can add to; edit it by hand")
    last = sequence.value[-1]
    end = _end(y, last)
    quotes = _quotes_of(last)
    if sequence.flow_style:
        pad = " " if isinstance(last, yaml.MappingNode) and y.startswith("{ ", last.start_mark.index) else ""
        new = _flow_item(fields, pad, quotes)
        if _line_start(y, last.start_mark.index) != _line_start(y, sequence.start_mark.index):
            _, nl = _line_end(y, end)
            return _Splice(end, end, "," + nl + _indent_of(y, last) + new)
        return _Splice(end, end, ", " + new)
    dash_col = _column(y, sequence.start_mark.index)
    gap = DEFAULT_GAP
    if isinstance(last, (yaml.MappingNode, yaml.ScalarNode)) and not _is_empty(last):
        gap = max(1, _column(y, last.start_mark.index) - dash_col - 1)
    at, nl = _line_end(y, end)
    if isinstance(last, yaml.MappingNode) and last.flow_style:
        pad = " " if y.startswith("{ ", last.start_mark.index) else ""
        block = " " * dash_col + "-" + " " * gap + _flow_item(fields, pad, quotes) + nl
    else:
        block = _block_item(" " * dash_col, gap, fields, nl, quotes)
    return _Splice(at, at, _lead(y, at, nl) + block)


def render(value: Value, flow: bool = False) -> str:
    """A value as we write it: dates YYYY-MM-DD, numbers and plain words bare, other text quoted.

    Text is written plain when it reads back as the same string where it goes
    (a block or a flow mapping); else single-quoted, or double-quoted with
    escapes when it holds characters a single-quoted scalar cannot.
    """
    if isinstance(value, bool):
        raise EditRefused("careerkit does not write true/false values")
    if isinstance(value, datetime):
        raise EditRefused("careerkit writes dates, not times")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if _PLAIN_SAFE.fullmatch(value) and _reads_back(value, value, flow):
        return value
    quoted = yaml.safe_dump(value, default_style="'", width=1 << 30, allow_unicode=True)
    quoted = quoted.removesuffix("\n...\n").rstrip("\n")
    if "\n" in quoted or not _reads_back(quoted, value, flow):
        raise EditRefused("a value careerkit cannot write on one line; edit it by hand")
    return quoted


def _render_like(value: Value, quote: str | None, flow: bool) -> str:
    """`value` in the quotes its neighbour (or the value it replaces) is written in, when that reads back.

    Text only: a date or number is written bare whatever its neighbour does (quoted, it would read as text).
    """
    if isinstance(value, str) and quote in ("'", '"') and _PLAIN_SAFE.fullmatch(value):
        inner = value.replace("'", "''") if quote == "'" else value.replace("\\", "\\\\").replace('"', '\\"')
        written = f"{quote}{inner}{quote}"
        if _reads_back(written, value, flow):
            return written
    return render(value, flow=flow)


# -- the file ---------------------------------------------------------------------------------------


def edit_file(root: Path, path: Path, change: Callable[[str], str]) -> bool:
    """Read the document at `path`, apply `change` to its text, and write the result atomically.

    False (and nothing written) when the text did not change. Writes only inside
    the folder that holds `path` (a person's folder): a link that leads out of
    it is refused, and so is a file its owner made read-only. Keeps the file's
    permissions; every error names the file.
    """
    import os

    from careerkit.fs import safe as fsutil
    from careerkit.reading.documents import cannot_read, read_bytes

    rel = _rel(root, path)
    try:
        if not (fsutil.resolves_inside(path, root) and fsutil.resolves_inside(path, path.parent)):
            raise EditRefused("is a link to outside this person's folder; not changed")
        target = path.resolve()
        if os.path.exists(target) and not os.stat(target).st_mode & 0o200:  # the owner's own "do not change"
            raise EditRefused("is read-only; not changed (make it writable to let careerkit edit it)")
        try:
            data = read_bytes(path)
        except OSError as error:
            raise EditRefused(cannot_read(error)) from None
        text = frontmatter_text.decode(data)
        new = change(text)
        if new == text:
            return False
        try:
            fsutil.replace(path, new.encode("utf-8"), root)
        except OSError as error:
            raise EditRefused(f"cannot write file: {(error.strerror or type(error).__name__).lower()}") from None
    except CareerkitError as error:
        if error.path is None:
            error.path = rel
        raise
    return True


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


# -- reading and checking ---------------------------------------------------------------------------


def _parse(text: str) -> _Parsed:
    split = frontmatter_text.split(text)
    data = yamlio.load(split.yaml, split.first_yaml_line)
    root = yamlio.compose(split.yaml)
    if data is not None and not isinstance(data, dict):
        raise EditRefused("frontmatter is not a mapping of keys; not changed", line=split.first_yaml_line)
    return _Parsed(text, split, data, root)


def _finish(parsed: _Parsed, splices: list[_Splice], expected: Any) -> str:
    """Apply the splices and check the result; the new text, or EditRefused."""
    y = parsed.yaml
    ordered = sorted(enumerate(splices), key=lambda pair: (pair[1].start, pair[1].end, pair[0]))
    for (_, before), (_, after) in itertools.pairwise(ordered):
        if before.end > after.start:
            raise EditRefused("the change would overlap itself; nothing written (edit it by hand)")
    new_yaml = y
    for _, splice in reversed(ordered):
        if not 0 <= splice.start <= splice.end <= len(y):
            raise EditRefused("the change falls outside the frontmatter; nothing written (edit it by hand)")
        new_yaml = new_yaml[: splice.start] + splice.text + new_yaml[splice.end :]
    old = parsed.split
    new_text = parsed.text[: old.yaml_start] + new_yaml + parsed.text[old.yaml_end :]
    refused = EditRefused(
        "the change would not read back as intended; nothing written (edit it by hand)", line=old.first_yaml_line
    )
    try:
        split = frontmatter_text.split(new_text)
        if (split.yaml_start, split.yaml) != (old.yaml_start, new_yaml) or new_text[split.yaml_end :] != parsed.text[
            old.yaml_end :
        ]:
            raise refused
        data = yamlio.load(split.yaml, split.first_yaml_line)
    except CareerkitError:
        raise refused from None
    if not _same(data, expected):
        raise refused
    return new_text


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types, mappings with their keys in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _reads_back(written: str, value: str, flow: bool) -> bool:
    probe = f"{{k: {written}, z: 0}}\n" if flow else f"k: {written}\n"
    try:
        loaded = yamlio.load(probe, 1)
    except CareerkitError:
        return False
    expected: dict[str, Any] = {"k": value, "z": 0} if flow else {"k": value}
    return _same(loaded, expected)


# -- finding things in the node tree ----------------------------------------------------------------


def _index_of(items: Any, action_id: int) -> int | None:
    """The index of the last action with this id (the copy that wins when reading)."""
    if not isinstance(items, list):
        return None
    found = None
    for index, item in enumerate(items):
        if isinstance(item, dict) and type(item.get("id")) is int and item["id"] == action_id:
            found = index
    return found


def _sequence_item(parsed: _Parsed, index: int, count: int) -> yaml.Node:
    pair = _find_pair(parsed.root, "actions") if isinstance(parsed.root, yaml.MappingNode) else None
    if pair is None or not isinstance(pair[1], yaml.SequenceNode) or len(pair[1].value) != count:
        raise EditRefused("could not locate `actions` in the frontmatter; edit it by hand")
    node: yaml.Node = pair[1].value[index]
    return node


def _find_pair(mapping: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The last `key: value` pair of a mapping node whose key is text (the one that wins when loading)."""
    from careerkit.reading.yamlio import last_pair

    return last_pair(mapping, key, text_key=True)


def _is_empty(node: yaml.Node) -> bool:
    """A value that is not written at all (`closed:`): its marks have no width."""
    return isinstance(node, yaml.ScalarNode) and node.start_mark.index == node.end_mark.index


def _after_colon(y: str, key_node: yaml.Node) -> tuple[int, bool]:
    """The offset just after the `:` that follows a key (or the key's end, when there is none)."""
    at = key_node.end_mark.index
    while at < len(y) and y[at] in " \t":
        at += 1
    if at < len(y) and y[at] == ":":
        return at + 1, True
    return key_node.end_mark.index, False


def _end(y: str, node: yaml.Node, seen: frozenset[int] = frozenset()) -> int:
    """The offset just after the last character written for `node`."""
    if id(node) in seen:
        raise EditRefused("frontmatter uses a YAML alias where careerkit would edit; edit it by hand")
    seen = seen | {id(node)}
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        end: int = node.end_mark.index
    elif isinstance(node, yaml.SequenceNode) and node.value:
        child = node.value[-1]
        if child.start_mark.index < node.start_mark.index:
            raise EditRefused("frontmatter uses a YAML alias where careerkit would edit; edit it by hand")
        end = _end(y, child, seen)
    elif isinstance(node, yaml.MappingNode) and node.value:
        key_node, value_node = node.value[-1]
        if key_node.start_mark.index < node.start_mark.index:
            raise EditRefused("frontmatter uses a YAML alias where careerkit would edit; edit it by hand")
        end = _pair_end(y, key_node, value_node, seen)
    else:
        end = node.end_mark.index
    return end


def _pair_end(y: str, key_node: yaml.Node, value_node: yaml.Node, seen: frozenset[int] = frozenset()) -> int:
    if _is_empty(value_node):
        return _after_colon(y, key_node)[0]
    if value_node.start_mark.index < key_node.end_mark.index:
        raise EditRefused("frontmatter uses a YAML alias where careerkit would edit; edit it by hand")
    return _end(y, value_node, seen)


def _line_start(y: str, at: int) -> int:
    return y.rfind("\n", 0, at) + 1


def _column(y: str, at: int) -> int:
    return at - _line_start(y, at)


def _line_end(y: str, at: int) -> tuple[int, str]:
    """Where a new line goes after the line holding offset `at`, and that line's ending."""
    if at > 0 and y[at - 1] == "\n":  # content that ends with its line (a block scalar)
        end = at
    else:
        newline = y.find("\n", at)
        end = len(y) if newline < 0 else newline + 1
    if y.endswith("\n", 0, end):
        return end, "\r\n" if y.endswith("\r\n", 0, end) else "\n"
    return end, "\r\n" if "\r\n" in y else "\n"


def _lead(y: str, at: int, nl: str) -> str:
    """A line break to start with, when inserting at the end of text that has no final one."""
    return nl if at == len(y) and y and not y.endswith("\n") else ""


def _indent_of(y: str, node: yaml.Node) -> str:
    """The indentation of a node's line: copied when only blanks come before it, else as spaces."""
    start = _line_start(y, node.start_mark.index)
    prefix = y[start : node.start_mark.index]
    return prefix if _BLANK.fullmatch(prefix) else " " * len(prefix)


def _list_style(y: str, root: yaml.MappingNode) -> tuple[int, int]:
    """How this file indents a block list under a key: (dash offset from the key, gap after the dash)."""
    for key_node, value_node in root.value:
        if isinstance(value_node, yaml.SequenceNode) and not value_node.flow_style and value_node.value:
            offset = _column(y, value_node.start_mark.index) - _column(y, key_node.start_mark.index)
            first = value_node.value[0]
            gap = _column(y, first.start_mark.index) - _column(y, value_node.start_mark.index) - 1
            if offset >= 0 and _line_start(y, first.start_mark.index) == _line_start(y, value_node.start_mark.index):
                return offset, max(gap, 1)
    return DEFAULT_DASH_OFFSET, DEFAULT_GAP


# -- writing ----------------------------------------------------------------------------------------


def _set_in_mapping(
    y: str, mapping: yaml.MappingNode, current: Mapping[Any, Any], fields: Mapping[str, Value], where: str
) -> list[_Splice]:
    """The splices that set `fields` in the mapping node whose data is `current` (`where` prefixes a refusal)."""
    flow = bool(mapping.flow_style)
    splices: list[_Splice] = []
    missing: list[tuple[str, Value]] = []
    for key, value in fields.items():
        if key in current and _same(current[key], value):
            continue
        pair = _find_pair(mapping, key)
        if pair is None:
            missing.append((key, value))
            continue
        key_node, value_node = pair
        rendered = render(value, flow=flow)
        if _is_empty(value_node):
            at, has_colon = _after_colon(y, key_node)
            splices.append(_Splice(at, at, (" " if has_colon else ": ") + rendered))
        # plain (style None or ""), or quoted:
        elif (
            isinstance(value_node, yaml.ScalarNode)
            and value_node.style in (None, "", "'", '"')
            and value_node.start_mark.index >= key_node.end_mark.index
        ):
            rendered = _render_like(value, value_node.style, flow)  # `status: "open"` -> `status: "done"`
            splices.append(_Splice(value_node.start_mark.index, value_node.end_mark.index, rendered))
        else:
            raise EditRefused(
                f"{where}`{key}` is written in a form careerkit does not change "
                "(a block scalar, a list or an alias); edit it by hand"
            )
    if missing:
        splices.append(_add_keys(y, mapping, missing))
    return splices


def _remove_from_mapping(y: str, mapping: yaml.MappingNode, keys: list[str], where: str) -> list[_Splice]:
    """The splices that take these keys (each present) and their values out of a mapping node, and no more."""
    splices = []
    for key in keys:
        pair = _find_pair(mapping, key)
        position = next((i for i, item in enumerate(mapping.value) if pair and item[0] is pair[0]), None)
        span = _removal_span(y, mapping, position) if position is not None and len(mapping.value) > 1 else None
        if span is None:
            raise EditRefused(f"{where}`{key}` is written in a form careerkit does not remove; edit it by hand")
        splices.append(_Splice(*span, ""))
    return splices


def _removal_span(y: str, mapping: yaml.MappingNode, position: int) -> tuple[int, int] | None:
    """What to cut to take out the pair at `position`: its line, or the pair with one comma; None when something
    else (a comment in a flow mapping, say) would go with it."""
    key_node, value_node = mapping.value[position]
    key_start, value_end = key_node.start_mark.index, _pair_end(y, key_node, value_node)
    following = mapping.value[position + 1][0].start_mark.index if position + 1 < len(mapping.value) else None
    if mapping.flow_style and position > 0:  # `, due: 2026-07-01` goes with the comma before it
        start = _pair_end(y, *mapping.value[position - 1])
        return (start, value_end) if _FLOW_GAP.fullmatch(y, start, key_start) else None
    if mapping.flow_style:  # the first pair: `due: 2026-07-01, ` goes with the comma after it
        return (key_start, following) if following and _FLOW_GAP.fullmatch(y, value_end, following) else None
    line_start = _line_start(y, key_start)
    if _BLANK.fullmatch(y, line_start, key_start):  # a line of its own (and any lines its value takes)
        return line_start, _line_end(y, value_end)[0]
    # the first key of a block list item (`- due: ...`): the next key moves up into its place
    return (key_start, following) if following and _NEXT_LINE.fullmatch(y, value_end, following) else None


def _add_keys(y: str, mapping: yaml.MappingNode, keys: list[tuple[str, Value]]) -> _Splice:
    key_node, value_node = mapping.value[-1]
    end = _pair_end(y, key_node, value_node)
    if mapping.flow_style:
        return _Splice(end, end, "".join(f", {key}: {render(value, flow=True)}" for key, value in keys))
    at, nl = _line_end(y, end)
    indent = _indent_of(y, key_node)
    lines = "".join(f"{indent}{key}: {render(value)}{nl}" for key, value in keys)
    return _Splice(at, at, _lead(y, at, nl) + lines)


def _quotes_of(item: yaml.Node) -> dict[str, str]:
    """The quote (' or ") of each text value written quoted in this action, by key: a new action copies them."""
    quotes: dict[str, str] = {}
    if isinstance(item, yaml.MappingNode):
        for key_node, value_node in item.value:
            if (
                isinstance(key_node, yaml.ScalarNode)
                and isinstance(value_node, yaml.ScalarNode)
                and value_node.style in ("'", '"')
                and value_node.tag.endswith(":str")
            ):
                quotes[key_node.value] = value_node.style
    return quotes


def _block_item(
    dash_indent: str, gap: int, fields: Mapping[str, Value], nl: str, quotes: Mapping[str, str] | None = None
) -> str:
    key_indent = dash_indent + " " * (1 + gap)
    lines = []
    for position, (key, value) in enumerate(fields.items()):
        start = dash_indent + "-" + " " * gap if position == 0 else key_indent
        lines.append(f"{start}{key}: {_render_like(value, (quotes or {}).get(key), False)}{nl}")
    return "".join(lines)


def _flow_item(fields: Mapping[str, Value], pad: str, quotes: Mapping[str, str] | None = None) -> str:
    return (
        "{"
        + pad
        + ", ".join(f"{key}: {_render_like(value, (quotes or {}).get(key), True)}" for key, value in fields.items())
        + pad
        + "}"
    )
