"""careerkit.values.records: a record behaves as the NamedTuple it replaces, everywhere careerkit relies on it."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import date
from typing import NamedTuple

import pytest

from careerkit.cache import codec
from careerkit.values.model import Action, Problem
from careerkit.values.records import Record


class Point(Record):
    x: int
    y: int = 0
    label: str = "origin"

    def moved(self, by: int) -> Point:
        return self._replace(x=self.x + by)


class Twin(NamedTuple):  # the same fields as a NamedTuple, to compare with
    x: int
    y: int = 0
    label: str = "origin"


@pytest.mark.parametrize(
    "args, kwargs",
    [
        ((1,), {}),
        ((1, 2), {}),
        ((1, 2, "a"), {}),
        ((), {"x": 1}),
        ((1,), {"label": "b"}),
        ((), {"label": "c", "x": 3, "y": 4}),
    ],
)
def test_a_record_is_built_as_a_named_tuple_is(args, kwargs):
    point, twin = Point(*args, **kwargs), Twin(*args, **kwargs)
    assert point == twin and tuple(point) == tuple(twin)
    assert (point.x, point.y, point.label) == (twin.x, twin.y, twin.label)
    assert hash(point) == hash(twin)
    assert repr(point) == repr(twin).replace("Twin", "Point")


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        ((), {}, "no value for 'x'"),
        ((1, 2, "a", "extra"), {}, "takes 3 values, not 4"),
        ((1,), {"z": 2}, "unexpected or repeated field 'z'"),
        ((1,), {"x": 2}, "unexpected or repeated field 'x'"),
    ],
)
def test_a_wrong_call_is_a_type_error_naming_the_field(args, kwargs, message):
    with pytest.raises(TypeError, match=message):
        Point(*args, **kwargs)


def test_fields_are_read_only_and_a_record_has_no_other_attributes():
    point = Point(1)
    with pytest.raises(AttributeError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        point.other = 2  # type: ignore[attr-defined]
    assert Point._fields == ("x", "y", "label") and not hasattr(point, "__dict__")


def test_replace_copies_with_changes_and_refuses_an_unknown_field():
    point = Point(1, 2)
    assert point.moved(3) == Point(4, 2) and point == Point(1, 2)
    assert type(point._replace(label="b")) is Point
    with pytest.raises(TypeError, match="no field 'z'"):
        point._replace(z=1)


def test_a_record_sorts_unpacks_copies_and_pickles_as_a_tuple():
    points = [Point(2, 1), Point(1, 5), Point(1, 2)]
    assert sorted(points) == [Point(1, 2), Point(1, 5), Point(2, 1)]
    x, y, label = points[0]
    assert (x, y, label) == (2, 1, "origin")
    assert copy.copy(points[0]) == points[0] and copy.deepcopy(points[0]) == points[0]
    restored = pickle.loads(pickle.dumps(points[0]))
    assert restored == points[0] and type(restored) is Point


def test_json_writes_a_record_as_the_list_of_its_values_which_the_cache_reads_back():
    action = Action(
        3,
        "Shadow Bob",
        "alice",
        "open",
        None,
        date(2026, 12, 15),
        None,
        None,
        date(2026, 11, 1),
        "people/alice/2026-11-01-plan.md",
    )
    text = json.dumps(action, default=date.isoformat)
    assert json.loads(text)[:4] == [3, "Shadow Bob", "alice", "open"]
    assert codec.decoder(Action)(json.loads(text)) == action
    problem = Problem("a.md", None, "bad-date", "m")
    assert codec.decoder(Problem)(["a.md", None, "bad-date", "m", "error", False]) == problem


def test_a_field_without_a_default_after_one_with_a_default_is_refused():
    with pytest.raises(TypeError, match="without a default follows"):

        class Broken(Record):
            a: int = 0
            b: int


def test_a_record_cannot_extend_another():
    with pytest.raises(TypeError, match="cannot extend"):

        class Point3(Point):
            z: int = 0
