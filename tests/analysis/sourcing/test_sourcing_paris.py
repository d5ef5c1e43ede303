"""The paris-2025 sourcing plan in both modes, against the plan report."""

from __future__ import annotations

from collections import defaultdict

import pytest

from forcegen.analysis.sourcing import SolveStatus, SourcingResult, UnfilledReason
from forcegen.io.document import scenario_from_document, scenario_to_document
from forcegen.model import Scenario


@pytest.fixture(scope="module")
def pledges(paris_2025: Scenario) -> SourcingResult:
    return paris_2025.sourcing.optimize(mode="pledges")


@pytest.fixture(scope="module")
def capacity(paris_2025: Scenario) -> SourcingResult:
    return paris_2025.sourcing.optimize(mode="capacity")


def per_period(result: SourcingResult) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = defaultdict(int)
    for a in result.assignments:
        out[(a.nation, a.period)] += a.troops
    return out


def test_lines_add_up_to_the_plan_composition(paris_2025: Scenario) -> None:
    plan = paris_2025.plan()
    setup = paris_2025.sourcing_setup
    assert setup is not None
    by_cap: dict[str, int] = defaultdict(int)
    for line in setup.lines:
        by_cap[line.capability.value] += line.troops
    assert by_cap == {c.capability.value: c.required for c in plan.coverage.lines}
    assert all(line.is_assumption for line in setup.lines)
    assert all(a.is_assumption for a in setup.areas)


def test_pledges_mode_totals_agree_with_the_plan(paris_2025: Scenario,
                                                 pledges: SourcingResult) -> None:
    plan = paris_2025.plan()
    fra = plan.sustainment.of("FRA")
    assert pledges.status is SolveStatus.OPTIMAL
    # only France put a number on the table (10,000, the plan's max possible); each period
    # it sends that, or what the plan says it can sustain if that is less
    assert plan.generation.max_possible == 10000
    assert fra.sustainable_troops is not None
    expected = min(10000, fra.sustainable_troops)
    assert per_period(pledges) == {("FRA", p): expected for p in ("year-1", "year-2", "year-3")}
    assert pledges.troops_filled == 3 * expected
    assert pledges.troops_required == 3 * sum(c.required for c in plan.coverage.lines)
    assert {n for n, _ in per_period(pledges)} == {"FRA"}
    assert pledges.left_out["GBR"] == "no troop number on the table"
    assert pledges.left_out["USA"] == "ruled out"


def test_pledges_mode_explains_every_gap(paris_2025: Scenario,
                                        pledges: SourcingResult) -> None:
    sustainable = paris_2025.plan().sustainment.of("FRA").sustainable_troops
    assert sustainable is not None
    reasons = {(u.requirement, u.period): u.reason for u in pledges.unfilled}
    # France's pledge names no capability: it may fill land, HQ, logistics, medical and
    # engineering (the scenario's assumption); intelligence is no one's offer
    assert reasons[("intelligence-kyiv", "year-1")] is UnfilledReason.NO_OFFER
    land = [r for (line, _), r in reasons.items() if line.startswith("land-")]
    assert land and set(land) == {UnfilledReason.SUSTAINABILITY if sustainable < 10000
                                  else UnfilledReason.OFFERS_EXHAUSTED}
    gap = sum(u.troops for u in pledges.unfilled)
    assert gap == pledges.troops_required - pledges.troops_filled
    capacity_cost = next(c for c in pledges.limit_costs if "capacity" in c.caveat)
    # lifting France's sustainability limit lets it send its whole 10,000 each period
    assert capacity_cost.troops_gain == 3 * (10000 - min(10000, sustainable))


def test_capacity_mode_fills_within_each_nations_capacity(paris_2025: Scenario,
                                                         capacity: SourcingResult) -> None:
    plan = paris_2025.plan()
    assert capacity.status is SolveStatus.OPTIMAL
    for (nation, _), troops in per_period(capacity).items():
        assert troops <= plan.sustainment.of(nation).sustainable_troops
    missing = sum(u.troops for u in capacity.unfilled)
    assert capacity.troops_filled + missing == capacity.troops_required
    assert all(u.reason is not UnfilledReason.OTHER for u in capacity.unfilled)
    # no national caveat in paris-2025 (the US-backing remark is a condition of the force)
    assert capacity.caveat_costs == []
    assert "ISL" in capacity.left_out and "USA" in capacity.left_out


def test_capacity_mode_json_and_frame(capacity: SourcingResult) -> None:
    doc = capacity.to_dict()
    assert doc["status"] == "optimal" and doc["mode"] == "capacity"
    assert doc["gap"] is not None and doc["gap"] <= 1e-4
    assert sum(f["share"] for f in doc["fair_share"]) == pytest.approx(1.0, abs=1e-4)
    df = capacity.to_frame()
    assert df["troops"].sum() == capacity.troops_filled and df.attrs["unit"] == "troops"


def test_scenario_with_sourcing_round_trips(paris_2025: Scenario) -> None:
    doc = scenario_to_document(paris_2025)
    assert "sourcing" in doc and "sourcing_setup" not in doc
    assert scenario_from_document(doc) == paris_2025


@pytest.mark.parametrize("name", ["paris-2025", "coalition-2025"])
def test_capacity_and_fair_share_are_the_plans_figures(name: str) -> None:
    # basis.py reads the capacity chain and burden sharing directly: the figures must be
    # those the plan report shows (sustainment and burden), nation by nation
    from forcegen import load_scenario
    from forcegen.analysis.sourcing.basis import nation_basis

    scn = load_scenario(name)
    plan = scn.plan()
    basis = nation_basis(scn)
    assessed = {ns.iso3 for ns in plan.sustainment.nations if ns.sustainable_troops is not None}
    assert assessed
    for ns in plan.sustainment.nations:
        if ns.sustainable_troops is not None:  # the plan reports no capacity when ruled out
            assert basis[ns.iso3].capacity == ns.sustainable_troops, ns.iso3
    for b in plan.burden.nations:
        assert basis[b.iso3].fair_share == b.fair_share
        assert basis[b.iso3].fair_share_troops == b.fair_share_troops


def test_a_nation_without_armed_forces_is_left_out_as_such(capacity: SourcingResult) -> None:
    # Iceland has no armed forces (countries.csv): no capacity, and the plan says why
    assert capacity.left_out["ISL"] == ("no sustainable capacity (no armed forces: no troop "
                                        "contributor)")


def test_a_sweep_reads_the_plans_coverage(paris_2025: Scenario,
                                          capacity: SourcingResult) -> None:
    # the sweep engine asks for the plan only (no prices): the same plan, the same share
    from forcegen.analysis.sweeps.evaluate import sourcing_headline
    from forcegen.analysis.sweeps.spec import SweepSpec

    spec = SweepSpec.model_validate({
        "name": "t", "scenario": "paris-2025",
        "parameters": [{"name": "coalition.POL", "values": [True]}],
        "engines": {"source": {"mode": "capacity", "time_limit": 60}}})
    row = sourcing_headline(paris_2025, spec)
    assert row["sourcing_coverage"] == pytest.approx(capacity.coverage / capacity.coverage_max)
    assert row["sourcing_troops_filled"] == capacity.troops_filled
    assert row["sourcing_status"] == "optimal"


def test_no_proposal_from_a_plan_that_does_not_exist(paris_2025: Scenario,
                                                     capacity: SourcingResult) -> None:
    from forcegen.analysis.sourcing.proposal import coalition_summary, proposal_for
    from forcegen.errors import Infeasible, UsageError

    late = capacity.model_copy(update={"status": SolveStatus.NO_SOLUTION, "time_limit": 0.5,
                                       "assignments": []})
    with pytest.raises(UsageError, match=r"time limit 0\.5: reached before any plan"):
        proposal_for(paris_2025, late, "FRA")
    stuck = capacity.model_copy(update={"status": SolveStatus.INFEASIBLE, "assignments": [],
                                        "infeasible_because": ["standoff: the standoff"]})
    with pytest.raises(Infeasible, match="lifting any one of these makes one possible: "
                                         "standoff"):
        coalition_summary(paris_2025, stuck)
    assert proposal_for(paris_2025, capacity, "FRA").peak_troops > 0
