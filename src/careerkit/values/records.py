"""`Record`: a value with named fields that costs next to nothing to define.

A record is written like a `typing.NamedTuple` and behaves like one: it is a
tuple of its field values (so it compares, hashes, sorts, unpacks and writes
to JSON as that tuple), its fields are read-only attributes, and it has
`_fields` and `_replace`. The difference is the cost of defining the class:
`NamedTuple` compiles a constructor for each class, a record's class is put
together from ready-made parts (docs/performance.md, "Start-up that imports
little"); building one with keywords or defaults is a little slower, which
matters only where hundreds of thousands are built.

    class Point(Record):
        x: int
        y: int = 0

The fields are the class's own annotations, in order. The cache reads each
field's type to decode a record it keeps: as objects (no `from __future__
import annotations` in the module) they are read as they are, as text they
are resolved once with `typing.get_type_hints`.
"""

from operator import itemgetter
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from typing import Self, dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Any:  # only type checkers need it
        return lambda cls: cls


class _RecordType(type):
    """Gives each record class its fields, defaults and attribute getters, and no per-instance dict."""

    _fields: tuple[str, ...]
    _defaults: dict[str, Any]

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        namespace["__slots__"] = ()
        cls = super().__new__(mcs, name, bases, namespace)
        if not any(isinstance(base, _RecordType) for base in bases):  # Record itself
            return cls
        if any(getattr(base, "_fields", ()) for base in bases):
            raise TypeError(f"{name}: a record cannot extend another record's fields")
        fields = tuple(cls.__annotations__)  # read from the class: Python 3.14 makes them on first use
        defaults = {field: namespace[field] for field in fields if field in namespace}
        required = tuple(field for field in fields if field not in defaults)
        if fields[: len(required)] != required:
            raise TypeError(f"{name}: a field without a default follows one with a default")
        for index, field in enumerate(fields):
            setattr(cls, field, property(itemgetter(index), doc=f"Field {index}: {field}"))
        cls._fields, cls._defaults = fields, defaults
        return cls


@dataclass_transform(frozen_default=True)
class Record(tuple, metaclass=_RecordType):  # type: ignore[type-arg]  # a tuple of any values
    """The base of careerkit's records (see the module's docstring)."""

    _fields: ClassVar[tuple[str, ...]]
    _defaults: ClassVar[dict[str, Any]]

    def __new__(cls, *args: Any, **kwargs: Any) -> "Self":
        fields = cls._fields
        if not kwargs and len(args) == len(fields):  # the usual call: every value, in order
            return tuple.__new__(cls, args)
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__} takes {len(fields)} values, not {len(args)}")
        values = list(args)
        for field in fields[len(args) :]:
            if field in kwargs:
                values.append(kwargs.pop(field))
            elif field in cls._defaults:
                values.append(cls._defaults[field])
            else:
                raise TypeError(f"{cls.__name__}: no value for {field!r}")
        if kwargs:
            raise TypeError(f"{cls.__name__}: unexpected or repeated field {next(iter(kwargs))!r}")
        return tuple.__new__(cls, values)

    def _replace(self, **changes: Any) -> "Self":
        """A copy with the named fields changed."""
        values = [changes.pop(field, value) for field, value in zip(self._fields, self, strict=True)]
        if changes:
            raise TypeError(f"{type(self).__name__} has no field {next(iter(changes))!r}")
        return tuple.__new__(type(self), values)

    def __getnewargs__(self) -> tuple[Any, ...]:  # copy and pickle rebuild a record from its values
        return tuple(self)

    def __repr__(self) -> str:
        values = ", ".join(f"{field}={value!r}" for field, value in zip(self._fields, self, strict=True))
        return f"{type(self).__name__}({values})"
