"""Every number and string the model accepts has an upper bound (issue 8, points 3
and 4): what passes the model, both databases store and every analysis computes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from forcegen.model import Assumption, Figure, Pledge, Scenario, Source
from forcegen.model.bounds import MAX_TROOPS, text_problem

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
