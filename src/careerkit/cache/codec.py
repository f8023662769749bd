"""Records to JSON and back, for the cache (careerkit.cache.reads) and the worker processes (careerkit.cache.parallel).

The cached values are records (careerkit.values.records: tuples), so JSON writes each one as the
list of its field values by itself; only dates need saying. Reading back, each type's
decoder is built once from its fields' types, so a new field needs no code here.
"""

import datetime
import json
import types
import typing
from collections.abc import Callable
from typing import Any

from careerkit.values.model import Loaded, Problem, Profile, ReadResult, Settings

Decode = Callable[[Any], Any]


def dumps(value: Any) -> bytes:
    """JSON of read results (records as lists of field values, dates as text)."""
    return json.dumps(value, default=_plain, ensure_ascii=False, separators=(",", ":"), check_circular=False).encode(
        "utf-8"
    )


def encode(value: Any) -> bytes | None:
    """The JSON text to cache of `value`; None when it cannot be (it is then read again next time)."""
    try:
        return dumps(value)
    except Exception:  # e.g. text that is not valid Unicode, from a file name
        return None


def _plain(value: Any) -> Any:
    """json.dumps' fallback: a date as ISO text; nothing else is expected."""
    if type(value) is datetime.date:
        return value.isoformat()
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _identity(value: Any) -> Any:
    return value


# For each converter: the JSON types its value may have, and whether it must be called (to convert or
# look inside the value) once the type is known to be right. A record whose fields all have one is
# checked at once, in `_record_decoder`.
_SHAPES: dict[Any, tuple[tuple[type, ...], bool]] = {}
_NONE = type(None)


def _shaped(convert: Decode, kinds: tuple[type, ...], call: bool) -> Decode:
    _SHAPES[convert] = (kinds, call)
    return convert


def _exactly(kind: type, optional: bool = False) -> Decode:
    """A check that a value is of type `kind` (or None when `optional`), as JSON reads it."""
    allowed = (int, float) if kind is float else (kind,)  # a float may have been written as a whole number
    if optional:
        allowed = (*allowed, _NONE)

    def check(value: Any) -> Any:
        if type(value) not in allowed:
            raise TypeError(f"expected {kind.__name__}")
        return value

    return _shaped(check, allowed, False)


_date = datetime.date.fromisoformat  # TypeError for anything but text, ValueError for a bad date


def _optional_date(value: Any) -> datetime.date | None:
    return None if value is None else _date(value)


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("expected a list")
    return value


_shaped(_date, (str,), True)
_shaped(_optional_date, (str, _NONE), True)
_shaped(_list, (list,), False)
_DECODERS: dict[Any, Decode] = {}


def decoder(kind: Any) -> Decode:
    """A function turning the JSON form of a value of type `kind` back into that value.

    It checks each value's type on the way: a cache file with a valid checksum can still hold
    `"30"` where a number belongs (written by another version, or by hand), and that must be
    read again from the file, not crash a command.
    """
    found = _DECODERS.get(kind)
    if found is None:
        found = _DECODERS[kind] = _make_decoder(kind)
    return found


def _make_decoder(kind: Any) -> Decode:
    if kind in (str, int, float, bool):
        return _exactly(kind)
    if kind is Any:
        return _identity
    if kind is datetime.date:
        return _date
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is list and len(args) <= 1:
        return _list_decoder(args[0]) if args else _list
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and _NONE in args:
        return _optional_decoder(next(arg for arg in args if arg is not _NONE))
    if isinstance(kind, type) and issubclass(kind, tuple) and hasattr(kind, "_fields"):
        return _shaped(_record_decoder(kind), (list,), True)
    raise TypeError(f"cannot cache a value of type {kind!r}")


def _list_decoder(item_kind: Any) -> Decode:
    """For `list[item_kind]`."""
    item = decoder(item_kind)
    if item is _identity:
        return _list
    shape = _SHAPES.get(item)
    if shape is not None and not shape[1]:  # items whose type is all there is to check
        allowed = set(shape[0])

        def scalars(value: Any) -> list[Any]:
            if type(value) is not list or not set(map(type, value)).issubset(allowed):
                raise TypeError("expected a list of " + " or ".join(one.__name__ for one in allowed))
            return value

        return _shaped(scalars, (list,), True)
    return _shaped(lambda value: [item(entry) for entry in _list(value)], (list,), True)


def _optional_decoder(inner_kind: Any) -> Decode:
    """For `inner_kind | None`."""
    if inner_kind in (str, int, float, bool):
        return _exactly(inner_kind, optional=True)
    inner = decoder(inner_kind)
    if inner is _identity:
        return _identity
    if inner is _date:
        return _optional_date
    shape = _SHAPES.get(inner)
    optional = lambda value: None if value is None else inner(value)  # noqa: E731
    return optional if shape is None else _shaped(optional, (*shape[0], _NONE), True)


MAX_SHAPES = 256  # a record with more combinations of JSON types than this is checked field by field


def _record_decoder(cls: Any) -> Decode:
    """`cls(c0(v[0]), c1(v[1]), ...)` for the list `v` of a record's field values.

    The types of all the fields are checked at once against every combination their JSON may have
    (a warm run decodes tens of thousands of records: one call for each field would be most of it),
    and only the fields that need it are converted.
    """
    hints = cls.__annotations__  # real types where the module keeps them so; else resolved once, here
    if any(isinstance(hint, str) for hint in hints.values()):
        hints = typing.get_type_hints(cls)
    converters = [decoder(hints[name]) for name in cls._fields]
    count = len(converters)
    shapes = [_SHAPES.get(convert) for convert in converters]
    combinations = 1
    for shape in shapes:
        combinations *= len(shape[0]) if shape is not None else MAX_SHAPES + 1
    if combinations <= MAX_SHAPES:
        import itertools

        allowed = set(itertools.product(*[shape[0] for shape in shapes if shape is not None]))
        calls = [
            (index, convert)
            for index, (convert, shape) in enumerate(zip(converters, shapes, strict=True))
            if shape is not None and shape[1]
        ]

        def decode_checked(value: Any) -> Any:
            if type(value) is not list or tuple(map(type, value)) not in allowed:
                raise ValueError(f"a cached {cls.__name__} has the wrong shape or types")
            if calls:
                value = value.copy()
                for index, convert in calls:
                    value[index] = convert(value[index])
            return tuple.__new__(cls, value)  # every field is there (the shape says so): no need of __new__

        return decode_checked

    def decode(value: Any) -> Any:
        if type(value) is not list or len(value) != count:
            raise ValueError(f"a cached {cls.__name__} has the wrong shape")
        return cls(*[convert(part) for convert, part in zip(converters, value, strict=True)])

    return decode


def decode_read_result(value: Any) -> ReadResult:
    return typing.cast(ReadResult, decoder(ReadResult)(value))


def _decode_loaded(kind: type) -> Decode:
    """For `Loaded(value, problems)`, whose value is a Settings or a Profile."""

    def decode(value: Any) -> Loaded:
        if type(value) is not list or len(value) != 2:
            raise ValueError("a cached setting has the wrong shape")
        return Loaded(decoder(kind)(value[0]), decoder(list[Problem])(value[1]))

    return decode


decode_settings = _decode_loaded(Settings)
decode_profile = _decode_loaded(Profile)
