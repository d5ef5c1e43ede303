"""plan(): the scenario's own choices reach each analysis (basis, backstop firmness, whole
line), bad inputs stop it with the exact problems, and the nations frame has its columns."""

from __future__ import annotations

import pytest

from forcegen.analysis.plan.inputs import check_plan_inputs
from forcegen.analysis.plan.plan import plan
from forcegen.errors import ScenarioError
from forcegen.model import Attendance, Modality, Scenario
from tests.builders import SOURCE, backstop, nation, pledge, requirement, scenario

# gdp FRA 3 / GBR 1 / ITA 1 (total 5), population all 1 (total 3)
NATIONS = [nation("FRA", army=1_000, gdp=3, population=1, defence=1),
           nation("GBR", army=1_000, gdp=1, population=1, defence=1),
           nation("ITA", army=1_000, gdp=1, population=1, defence=1)]
PLEDGES = [pledge("FRA", troops_max=100), pledge("GBR", troops_max=100),
           pledge("ITA", troops_max=100)]


def trio(**overrides: object) -> Scenario:
    return scenario(NATIONS, PLEDGES, req=requirement(1_000, 1_200),
                    overrides=overrides)  # type: ignore[arg-type]


def test_bad_inputs_stop_the_plan_with_exactly_their_problems() -> None:
    scn = trio(rotation_ratio=None, fair_share_basis="random")
    with pytest.raises(ScenarioError) as err:
        plan(scn)
    assert err.value.problems == check_plan_inputs(scn)
    assert [p.field for p in err.value.problems] == ["assumptions", "assumptions[6].value"]
    assert str(err.value).startswith("assumptions: missing assumption 'rotation_ratio'")


def test_the_named_fair_share_basis_reaches_burden_sharing() -> None:
    res = plan(trio(fair_share_basis="list:FRA,GBR"))
    assert res.burden.basis == "list:FRA,GBR"
    assert res.burden.coalition == ["FRA", "GBR"]
    # weights gdp 0.5 (FRA 3/4) + population 0.5 (1/2): 0.625 of 1,200 = 750
    assert res.burden.of("FRA").fair_share_troops == 750
    assert plan(trio()).burden.basis == "named"


@pytest.mark.parametrize(("value", "expected"), [
    ("conditional", Modality.CONDITIONAL), ("committed", Modality.COMMITTED),
    (None, Modality.OFFERED)])
def test_the_backstop_firmness_reaches_coverage(value: str | None, expected: Modality) -> None:
    assert plan(trio(backstop_min_modality=value)).coverage.backstop_min_modality is expected


@pytest.mark.parametrize(("value", "expected"), [(True, True), (False, False), (None, True)])
def test_whole_line_reaches_coverage(value: bool | None, expected: bool) -> None:
    assert plan(trio(backstop_fills_whole_line=value)).coverage.backstop_fills_whole_line is (
        expected)


def test_a_conditional_backstop_counts_only_from_conditional_firmness() -> None:
    lines = {"air_defence": 100}
    req = requirement(1_000, 1_200, lines=lines, enablers=lines)  # type: ignore[arg-type]
    scn = scenario([*NATIONS, nation("USA", army=1_000)], PLEDGES, req=req,
                   backstops=[backstop("USA", ["air_defence"], "conditional")],
                   overrides={"backstop_min_modality": "conditional"})
    [line] = plan(scn).coverage.lines
    assert line.backstop_counted == ["USA"]
    default = scn.model_copy(update={"assumptions": tuple(
        a for a in scn.assumptions if a.name != "backstop_min_modality")})
    [line] = plan(default).coverage.lines
    assert (line.backstop_providers, line.backstop_counted) == (["USA"], [])


def test_attendees_coalition_only_when_the_scenario_has_attendance() -> None:
    assert [c.basis for c in plan(trio()).coalition] == ["named"]
    scn = trio().model_copy(update={"attendance": Attendance(
        event="test meeting", nations=("FRA", "GBR"), sources=(SOURCE,))})
    res = plan(scn)
    assert [(c.basis, c.nations) for c in res.coalition] == [
        ("named", ["FRA", "GBR", "ITA"]), ("attendees", ["FRA", "GBR"])]


def test_fair_share_focus_is_france_and_britain_where_present() -> None:
    rows = plan(trio()).fair_share_bases
    assert rows[0].weights == "GDP and population"
    # FRA (3/5 + 1/3) / 2 = 0.4667 x 1,200 = 560; GBR (1/5 + 1/3) / 2 x 1,200 = 320
    assert rows[0].fair_share_troops == {"FRA": 560, "GBR": 320}
    others = [nation(c, army=1_000, gdp=1, population=1, defence=1) for c in ("ITA", "DEU")]
    only_france = scenario([NATIONS[0], *others], [
        pledge("ITA", troops_max=1), pledge("DEU", troops_max=1), pledge("FRA", troops_max=1)],
        req=requirement(1_000, 1_200))
    assert list(plan(only_france).fair_share_bases[0].fair_share_troops) == ["FRA"]


def test_without_france_or_britain_the_focus_is_the_first_two_contributors() -> None:
    nations = [nation(c, army=1_000, gdp=1, population=1, defence=1)
               for c in ("DEU", "ITA", "POL")]
    scn = scenario(nations, [pledge("POL", troops_max=1), pledge("DEU", troops_max=1),
                             pledge("ITA", troops_max=1)], req=requirement(1_000, 1_200))
    # three equal nations: 1/3 of 1,200 each
    assert plan(scn).fair_share_bases[0].fair_share_troops == {"POL": 400, "DEU": 400}


def test_nations_frame_columns_are_the_flat_ones_in_json_form() -> None:
    df = plan(trio()).nations_frame()
    for nested in ("pledges", "sources", "conditions", "land_forces_steps", "reference_sources",
                   "status_by_ratio", "sustainable_by_ratio", "fair_share_shares"):
        assert nested not in df.columns
    assert list(df.index) == ["FRA", "GBR", "ITA"]
    assert df.attrs == {"unit": "troops", "scenario": "test"}
    # JSON mode: enums are plain strings, as in plan --json
    assert type(df.loc["FRA", "modality"]) is str
