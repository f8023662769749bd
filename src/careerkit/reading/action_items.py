"""The `actions` of one document: each item validated into an `Action`, or left out and reported.

An action with an invalid `id`, `status` or date is left out (an error for every command); what only
`careerkit check` reports (a missing title, an owner that is not text) leaves the action in. The reader
of the whole document (careerkit.reading.documents) says where each problem is.
"""

from datetime import date
from typing import Any, Protocol

from careerkit.reading.shown import MAX_ID, as_text, shown
from careerkit.values import codes
from careerkit.values.dates import value_to_date
from careerkit.values.model import STATUSES, Action, Problem

Keys = tuple[str | int, ...]


class Reporter(Protocol):
    """What reading a document's actions needs of the document's reader."""

    rel: str
    person: str
    problems: list[Problem]

    def line_of(self, keys: Keys, key_line: bool = False) -> int | None: ...

    def report(
        self, keys: Keys, code: str, message: str, *, check_only: bool = False, severity: str = "error"
    ) -> None: ...


def read_actions(reader: Reporter, value: Any, day: date) -> list[Action]:
    """The actions of a document dated `day` (`value`: what its `actions` key holds)."""
    if value is None:
        return []
    if not isinstance(value, list):
        reader.report(("actions",), codes.BAD_VALUE, "`actions` should be a list of action items")
        return []
    result: list[Action] = []
    repeated = _repeated_ids(value)
    first_line: dict[int, int | None] = {}
    for index, item in enumerate(value):
        action = _read_action(reader, item, index, day)
        if action is None:
            continue
        if action.id in repeated:  # rare: only then is the YAML composed to find the lines
            if action.id in first_line:
                line = first_line[action.id]
                where = f"line {line}" if line is not None else "an earlier line"
                reader.problems.append(
                    duplicate_id(reader.rel, reader.line_of(("actions", index, "id")), action.id, where)
                )
            else:
                first_line[action.id] = reader.line_of(("actions", index, "id"))
        result.append(action)
    return result


def duplicate_id(rel: str, line: int | None, ident: int, where: str, check_only: bool = False) -> Problem:
    """The one wording of an action id used again by a person; `where` names its other use."""
    message = f"duplicate action id {ident}: also used at {where}; ids are unique per person"
    return Problem(rel, line, codes.DUPLICATE_ID, message, "error", check_only)


def _read_action(reader: Reporter, item: Any, index: int, day: date) -> Action | None:
    keys: Keys = ("actions", index)
    if not isinstance(item, dict):
        reader.report(keys, codes.BAD_ACTION, f"action {index + 1} should be a mapping with id and title; left out")
        return None
    ident = _ident(reader, item, keys)
    status = _status(reader, item, keys, ident) if ident is not None else None
    dates = _dates(reader, item, keys, ident) if ident is not None and status is not None else None
    if ident is None or status is None or dates is None:
        return None
    title, owner, skill = _texts(reader, item, keys, ident)
    if status != "open" and dates["closed"] is None:
        message = f"action {ident} is {status} but has no `closed:` date"
        reader.report(keys, codes.NO_CLOSED_DATE, message, severity="warning", check_only=True)
    return Action(
        id=ident,
        title=title.strip(),
        owner=owner or reader.person,
        status=status,
        skill=skill,
        due=dates["due"],
        updated=dates["updated"],
        closed=dates["closed"],
        touched=dates["updated"] or day,
        path=reader.rel,
        written=day,
        inherited=dates["inherited"],
    )


def _ident(reader: Reporter, item: dict[str, Any], keys: Keys) -> int | None:
    """The action's `id`, or None (reported: the action is left out) when it has none that is valid."""
    ident = item.get("id")
    if not isinstance(ident, bool) and isinstance(ident, int) and 1 <= ident <= MAX_ID:
        return ident
    if "id" not in item:
        reader.report(keys, codes.BAD_ACTION_ID, "action has no `id`; left out")
    else:
        message = f"action id{shown(ident)} is not a positive whole number; left out"
        reader.report((*keys, "id"), codes.BAD_ACTION_ID, message)
    return None


def _status(reader: Reporter, item: dict[str, Any], keys: Keys, ident: int) -> str | None:
    """The action's `status` (open when there is none), or None (reported: left out) when it is not valid."""
    status = item.get("status", "open")
    if status is None:
        return "open"
    if status in STATUSES:
        return str(status)
    hint = ""
    if isinstance(status, bool):
        hint = f" (YAML read an unquoted word as {str(status).lower()}; write open, done or dropped)"
    message = f"action {ident}: status{shown(status)} is not open, done or dropped{hint}; left out"
    reader.report((*keys, "status"), codes.BAD_STATUS, message)
    return None


def _dates(reader: Reporter, item: dict[str, Any], keys: Keys, ident: int) -> dict[str, date | None] | None:
    """The action's dates by key, or None (reported: left out) at the first that is not a real date."""
    dates: dict[str, date | None] = {}
    for key in _action_dates():
        raw_value = item.get(key)
        dates[key] = value_to_date(raw_value) if raw_value is not None else None
        if raw_value is not None and dates[key] is None:
            message = f"action {ident}: {key}{shown(raw_value)} is not a real date (YYYY-MM-DD); left out"
            reader.report((*keys, key), codes.BAD_DATE, message)
            return None
    return dates


def _texts(reader: Reporter, item: dict[str, Any], keys: Keys, ident: int) -> tuple[str, str | None, str | None]:
    """The action's title, owner and skill; what is not text is reported to `check` (the action stays)."""
    title = item.get("title")
    if title is None:
        reader.report(keys, codes.NO_TITLE, f"action {ident} has no `title`", check_only=True)
    elif not isinstance(title, str):
        message = f"action {ident}: title was read as{shown(title)}; put it in quotes"
        reader.report((*keys, "title"), codes.BAD_VALUE, message, check_only=True)
    owner = item.get("owner")
    if owner is not None and not isinstance(owner, str):
        message = f"action {ident}: owner should be a name or slug"
        reader.report((*keys, "owner"), codes.BAD_VALUE, message, check_only=True)
        owner = None
    skill = item.get("skill")
    if skill is not None and not isinstance(skill, str):
        reader.report((*keys, "skill"), codes.BAD_VALUE, f"action {ident}: skill should be text", check_only=True)
        skill = None
    text = title if isinstance(title, str) else "" if title is None else as_text(title)
    return text, owner, skill


def _repeated_ids(items: list[Any]) -> set[int]:
    """The `id` values that more than one item of an `actions` list has."""
    seen: set[int] = set()
    repeated: set[int] = set()
    for item in items:
        ident = item.get("id") if isinstance(item, dict) else None
        if isinstance(ident, int) and not isinstance(ident, bool):
            (repeated if ident in seen else seen).add(ident)
    return repeated


def _action_dates() -> tuple[str, ...]:
    """careerkit.values.schema.ACTION_DATES, imported on first use (a warm run reads no document) and then kept:
    an import statement for each action would cost more than the rest of reading its dates."""
    global _ACTION_DATES
    if _ACTION_DATES is None:
        from careerkit.values.schema import ACTION_DATES

        _ACTION_DATES = ACTION_DATES
    return _ACTION_DATES


_ACTION_DATES: tuple[str, ...] | None = None
