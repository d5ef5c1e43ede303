"""What the plan needs beyond the model: each named assumption present and sensible, each
problem with its field (hand-written expectations, one per rule)."""

from __future__ import annotations

import math

import pytest

from forcegen.analysis.plan.inputs import check_plan_inputs, used_assumption
from forcegen.model import Assumption, Scenario
from tests.builders import PLAN_ASSUMPTIONS as VALUES
from tests.builders import assumptions, nation, requirement, scenario

NAMES = list(VALUES)  # rotation_ratio, deployable_share, land_share_of_active,
# fair_share_gdp_weight, backstop_fills_whole_line, tour_months, duration_months


def with_values(**overrides: object) -> Scenario:
    return scenario([nation("FRA")]).model_copy(
        update={"assumptions": assumptions(**overrides)})  # type: ignore[arg-type]


def test_a_complete_scenario_has_no_problems() -> None:
    assert check_plan_inputs(with_values()) == []


def test_tour_and_duration_may_come_from_the_requirement() -> None:
    scn = scenario([nation("FRA")], req=requirement(tour_months=4, duration_months=12))
    kept = tuple(a for a in scn.assumptions if a.name not in ("tour_months", "duration_months"))
    assert check_plan_inputs(scn.model_copy(update={"assumptions": kept})) == []


@pytest.mark.parametrize(("name", "value", "message"), [
    ("rotation_ratio", 0, "assumption 'rotation_ratio' must be a positive number, got 0"),
    ("rotation_ratio", -2, "assumption 'rotation_ratio' must be a positive number, got -2"),
    ("rotation_ratio", 0.5, "must be between 1 and 100, got 0.5"),
    ("rotation_ratio", 101, "must be between 1 and 100, got 101"),
    ("rotation_ratio", True, "must be a positive number, got True"),
    ("rotation_ratio", "five", "must be a positive number, got 'five'"),
    ("deployable_share", 1.5, "assumption 'deployable_share' is a share and must be at most "
     "1, got 1.5"),
    ("land_share_of_active", 2, "'land_share_of_active' is a share"),
    ("fair_share_gdp_weight", 1.01, "'fair_share_gdp_weight' is a share"),
    ("tour_months", 6.5, "assumption 'tour_months' must be a whole number of months, got 6.5"),
    ("duration_months", 0.5, "'duration_months' must be a whole number of months"),
    ("backstop_fills_whole_line", 7, "assumption 'backstop_fills_whole_line' must be true or "
     "false, got 7"),
])
def test_each_bad_value_is_one_problem_at_its_field(name: str, value: object,
                                                     message: str) -> None:
    problems = check_plan_inputs(with_values(**{name: value}))
    assert len(problems) == 1
    [problem] = problems
    assert message in problem.message
    assert problem.field == f"assumptions[{NAMES.index(name)}].value"


@pytest.mark.parametrize(("name", "value"), [
    ("deployable_share", 1), ("deployable_share", 1.0), ("rotation_ratio", 1),
    ("rotation_ratio", 12), ("rotation_ratio", 100), ("tour_months", 6.0),
    ("fair_share_gdp_weight", 0.001), ("backstop_fills_whole_line", False),
])
def test_edge_values_are_accepted(name: str, value: object) -> None:
    assert check_plan_inputs(with_values(**{name: value})) == []


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, 1e10])
def test_a_non_finite_or_huge_assumption_is_refused_by_the_model(value: float) -> None:
    with pytest.raises(ValueError, match="finite and at most"):
        Assumption(name="rotation_ratio", value=value, source="assumption: test")


def test_used_assumption_records_value_unit_source() -> None:
    a = Assumption(name="tour_months", value=6, unit="months", source="assumption: six")
    used = used_assumption(a)
    assert (used.name, used.value, used.unit, used.source, used.is_assumption) == (
        "tour_months", 6, "months", "assumption: six", True)
    cited = used_assumption(a.model_copy(update={"source": "NATO doctrine"}))
    assert cited.is_assumption is False

