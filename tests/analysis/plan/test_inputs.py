"""What the plan needs beyond the model: each named assumption present and sensible, each
problem with its field (hand-written expectations, one per rule)."""

from __future__ import annotations

import math

import pytest

from forcegen.analysis.plan.inputs import check_plan_inputs, used_assumption
from forcegen.model import Assumption, Attendance, Scenario
from tests.builders import PLAN_ASSUMPTIONS as VALUES
from tests.builders import SOURCE, assumptions, nation, requirement, scenario

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



# --- every rule of check_plan_inputs, one bad scenario each, with its exact problems ---------

ATTENDANCE = Attendance(event="test meeting", nations=("FRA",), sources=(SOURCE,))
ROTATION_WHY = "central rotation ratio: pool per deployed soldier, (tour + interval) / tour"
SHARE_WHY = "share of land forces usable for deployment"
BASIS_MSG = ("assumption 'fair_share_basis' must be 'named', 'attendees' or 'list:FRA,GBR,...', "
             "got {!r}")
# the defaults of tests.builders hold 7 assumptions (0..6): an added one is assumptions[7]
ADDED = "assumptions[7].value"


def problems_of(req: dict[str, object] | None = None, attendance: Attendance | None = None,
                **overrides: object) -> list[tuple[str, str | None]]:
    scn = scenario([nation("FRA")], req=requirement(**(req or {})), attendance=attendance,
                   overrides=overrides)  # type: ignore[arg-type]
    return [(p.message, p.field) for p in check_plan_inputs(scn)]


@pytest.mark.parametrize(("overrides", "expected"), [
    pytest.param({"rotation_ratio": None}, [
        (f"missing assumption 'rotation_ratio' ({ROTATION_WHY}); add it under [[assumptions]]",
         "assumptions")], id="missing-rotation-ratio"),
    pytest.param({"rotation_ratio": None, "deployable_share": None}, [
        (f"missing assumption 'rotation_ratio' ({ROTATION_WHY}); add it under [[assumptions]]",
         "assumptions"),
        (f"missing assumption 'deployable_share' ({SHARE_WHY}); add it under [[assumptions]]",
         "assumptions")], id="missing-both-in-order"),
    pytest.param({"tour_months": None}, [
        ("neither requirement.tour_months nor an assumption 'tour_months' is given",
         "requirement.tour_months")], id="no-tour"),
    pytest.param({"duration_months": None}, [
        ("neither requirement.duration_months nor an assumption 'duration_months' is given",
         "requirement.duration_months")], id="no-duration"),
    pytest.param({"rotation_ratio_low": 0.5}, [
        ("assumption 'rotation_ratio_low' must be between 1 and 100, got 0.5", ADDED)],
        id="low-ratio-below-1"),
    pytest.param({"rotation_ratio_low": 101}, [
        ("assumption 'rotation_ratio_low' must be between 1 and 100, got 101", ADDED)],
        id="low-ratio-above-100"),
    pytest.param({"rotation_ratio_high": 0.5}, [
        ("assumption 'rotation_ratio_high' must be between 1 and 100, got 0.5", ADDED)],
        id="high-ratio-below-1"),
    pytest.param({"rotation_ratio_high": 101}, [
        ("assumption 'rotation_ratio_high' must be between 1 and 100, got 101", ADDED)],
        id="high-ratio-above-100"),
    pytest.param({"tour_months": 1_201}, [
        ("assumption 'tour_months' must be between 0 and 1200, got 1201",
         "assumptions[5].value")], id="tour-over-100-years"),
    pytest.param({"duration_months": 1_201}, [
        ("assumption 'duration_months' must be between 0 and 1200, got 1201",
         "assumptions[6].value")], id="duration-over-100-years"),
    *[pytest.param({"fair_share_gdp_weight": None, f"fair_share_weight_{k}": bad}, [
        (f"assumption 'fair_share_weight_{k}' must be a number of at least 0, got {bad!r}",
         "assumptions[6].value")], id=f"weight-{k}-{bad!r}")
      for k in ("gdp", "population", "defence", "army") for bad in (-1, True, "x")],
    pytest.param({"fair_share_gdp_weight": None}, [
        ("missing fair-share weights: add fair_share_weight_gdp (and _population, _defence, "
         "_army) or fair_share_gdp_weight under [[assumptions]]", "assumptions")],
        id="no-fair-share-weights"),
    *[pytest.param({"fair_share_basis": bad}, [(BASIS_MSG.format(bad), ADDED)],
                   id=f"basis-{bad!r}")
      for bad in ("random", "list:", "list:  ", "LIST:FRA", 7)],
    pytest.param({"fair_share_basis": "attendees"}, [
        ("fair_share_basis is 'attendees' but the scenario has no [attendance]", ADDED)],
        id="attendees-without-attendance"),
    pytest.param({"backstop_min_modality": "maybe"}, [
        ("assumption 'backstop_min_modality' must be one of committed, offered, conditional, "
         "considering, cautious, ruled_out, got 'maybe'", ADDED)], id="unknown-modality"),
])
def test_each_bad_scenario_gives_exactly_its_problems(overrides: dict[str, object],
                                                      expected: list[tuple[str, str]]) -> None:
    assert problems_of(**overrides) == expected


@pytest.mark.parametrize("overrides", [
    pytest.param({"rotation_ratio_low": 1.5, "rotation_ratio_high": 1.5}, id="ratios-1.5"),
    pytest.param({"rotation_ratio_low": 1, "rotation_ratio_high": 100}, id="ratio-bounds"),
    pytest.param({"tour_months": 1_200, "duration_months": 1_200}, id="months-1200"),
    pytest.param({"fair_share_gdp_weight": None, "fair_share_weight_gdp": 0,
                  "fair_share_weight_population": 1}, id="weight-0"),
    *[pytest.param({"fair_share_gdp_weight": None, f"fair_share_weight_{k}": 1}, id=f"only-{k}")
      for k in ("gdp", "population", "defence", "army")],
    pytest.param({"fair_share_basis": "named"}, id="basis-named-without-attendance"),
    pytest.param({"fair_share_basis": "list:FRA,GBR"}, id="basis-list"),
    pytest.param({"backstop_min_modality": "offered"}, id="modality-offered"),
    pytest.param({"backstop_min_modality": "ruled_out"}, id="modality-ruled-out"),
])
def test_each_good_optional_assumption_is_accepted(overrides: dict[str, object]) -> None:
    assert problems_of(**overrides) == []


def test_attendees_basis_with_attendance_is_accepted() -> None:
    assert problems_of(attendance=ATTENDANCE, fair_share_basis="attendees") == []


def test_tour_and_duration_from_the_requirement_need_no_assumption() -> None:
    assert problems_of({"tour_months": 4, "duration_months": 12}, tour_months=None,
                       duration_months=None) == []
