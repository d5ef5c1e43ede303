"""Every number and string the model accepts has an upper bound (issue 8, points 3
and 4): what passes the model, both databases store and every analysis computes."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from forcegen.model import Assumption, Figure, Pledge, Scenario, Source
from forcegen.model.bounds import MAX_TEXT, MAX_TROOPS, text_problem

SRC = {"outlet": "Le Monde", "date": dt.date(2025, 2, 17)}


def pledge(**kw: Any) -> Pledge:
    return Pledge.model_validate({"nation": "FRA", "modality": "offered",
                                  "sources": [SRC], **kw})


@pytest.mark.parametrize("troops", [MAX_TROOPS + 1, 2**31, 2**63, 10**400])
def test_troop_figures_above_ten_million_are_refused(troops: int) -> None:
    with pytest.raises(ValidationError, match="less than or equal to 10000000"):
        pledge(troops_max=troops)


def test_ten_million_troops_is_the_largest_accepted() -> None:
    assert pledge(troops_max=MAX_TROOPS).troops_max == MAX_TROOPS


@pytest.mark.parametrize("field", ["outlet", "quote", "actor", "title", "url"])
def test_a_nul_byte_in_any_source_text_is_refused(field: str) -> None:
    with pytest.raises(ValidationError, match="NUL"):
        Source.model_validate({**SRC, field: "a\x00b"})


def test_names_longer_than_their_columns_are_refused() -> None:
    with pytest.raises(ValidationError, match="at most 200"):
        Source.model_validate({**SRC, "outlet": "x" * 201})
    doc = {"name": "a" * 101, "title": "t", "as_of": dt.date(2025, 1, 1),
           "requirement": {"min_troops": 1, "max_troops": 2}}
    with pytest.raises(ValidationError, match="at most 100"):
        Scenario.model_validate(doc)


@pytest.mark.parametrize("value", [10**400, 1e308, -1e10, float("inf"), float("nan")])
def test_numeric_assumptions_are_finite_and_bounded(value: float) -> None:
    with pytest.raises(ValidationError, match="finite and at most"):
        Assumption(name="rotation_ratio", value=value, source="assumption")


def test_reference_figures_are_bounded() -> None:
    with pytest.raises(ValidationError):
        Figure(value=1e17, source="x")
    assert Figure(value=3e13, source="x").value == 3e13


@pytest.mark.parametrize("date", ["20250301", "2025-W10-1", "2025-060", 1740787200,
                                  "1740787200"])
def test_dates_are_written_yyyy_mm_dd_only(date: object) -> None:
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        Source.model_validate({**SRC, "date": date})
    assert Source.model_validate({**SRC, "date": "2025-03-01"}).date == dt.date(2025, 3, 1)


def test_text_problem_names_length_and_nul() -> None:
    assert text_problem("abc", 3) is None
    assert text_problem("abcd", 3) == "longer than 3 characters (4)"
    assert text_problem("a\x00", 3) == "contains a NUL character (\\x00)"


def _unbounded_strings(node: object, path: str) -> list[str]:
    """JSON-Schema paths of string values with no maxLength (enums, consts and dates aside)."""
    out: list[str] = []
    if isinstance(node, dict):
        if (node.get("type") == "string" and "maxLength" not in node
                and not {"enum", "const", "format"} & node.keys()):
            out.append(path)
        for key, value in node.items():
            out += _unbounded_strings(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _unbounded_strings(value, f"{path}[{i}]")
    return out


def _model_classes() -> list[type[BaseModel]]:
    import forcegen.model as package

    classes: list[type[BaseModel]] = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"forcegen.model.{info.name}")
        classes += [obj for obj in vars(module).values()
                    if inspect.isclass(obj) and issubclass(obj, BaseModel)
                    and obj.__module__ == module.__name__]
    return classes


def test_every_string_of_every_model_has_an_upper_bound() -> None:
    """Scenario files and ledger writes are validated by these models: a string with no
    maxLength would reach the databases unbounded (issue 8, point 3)."""
    classes = _model_classes()
    assert len(classes) > 20  # the walk sees the models (Scenario, Pledge, Corridor...)
    unbounded = [p for cls in classes
                 for p in _unbounded_strings(cls.model_json_schema(), cls.__name__)]
    assert unbounded == []


@pytest.mark.parametrize("field", ["detail", "source", "name"])
def test_an_overlong_corridor_string_is_refused(field: str) -> None:
    from forcegen.model.reinforcement import Corridor

    ok = {"name": "rail-west", "mode": "rail", "origins": ["POL"], "throughput_per_day": 100,
          "transit_days": 2, "source": "assumption: test"}
    Corridor.model_validate(ok)
    with pytest.raises(ValidationError):
        Corridor.model_validate({**ok, field: "a" * (MAX_TEXT + 1)})
