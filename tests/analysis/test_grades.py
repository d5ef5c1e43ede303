"""Source grades: what a pledge rests on, and the screen the briefing applies."""

from __future__ import annotations

import datetime as dt

import pytest

from forcegen.analysis.grades import best_grade, rests_below, screen_by_grade
from forcegen.io.document import scenario_from_document
from forcegen.model import Modality, Pledge, Source

DAY = dt.date(2025, 3, 1)


def _pledge(*grades: str | None) -> Pledge:
    return Pledge(nation="FRA", modality=Modality.OFFERED,
                  sources=tuple(Source(outlet="x", date=DAY, grade=g)  # type: ignore[arg-type]
                                for g in grades))


@pytest.mark.parametrize(("grades", "best", "below_b", "below_a"), [
    (("C",), "C", True, True),
    (("C", "C"), "C", True, True),
    (("B", "C"), "B", False, True),
    (("A",), "A", False, False),
    (("C", None), "C", False, False),  # one source of unknown grade: kept
    ((None,), None, False, False),
])
def test_rests_below(grades: tuple[str | None, ...], best: str | None, below_b: bool,
                     below_a: bool) -> None:
    p = _pledge(*grades)
    assert best_grade(p.sources) == best
    assert rests_below(p, "B") is below_b
    assert rests_below(p, "A") is below_a
    assert rests_below(p, "C") is False


def test_screen_by_grade() -> None:
    src = {"outlet": "x", "date": DAY}
    scn = scenario_from_document({
        "scenario": {"name": "g", "title": "grades", "as_of": DAY},
        "requirement": {"min_troops": 10, "max_troops": 20},
        "pledges": [
            {"nation": "FRA", "modality": "offered", "troops_max": 5,
             "sources": [{**src, "grade": "C"}]},
            {"nation": "GBR", "modality": "committed", "troops_min": 7,
             "sources": [{**src, "grade": "B"}, {**src, "grade": "C"}]},
        ]})
    kept, screen = screen_by_grade(scn, "B")
    assert [p.nation for p in kept.pledges] == ["GBR"]
    assert screen.to_dict() == {"min_grade": "B", "hidden": [
        {"nation": "FRA", "modality": "offered", "grade": "C", "troops_min": None,
         "troops_max": 5, "sources": ["x, 2025-03-01"]}]}
    assert sum(p.troops_high or 0 for p in kept.pledges) == 7
