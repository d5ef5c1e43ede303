"""Build, solve and explain as separate steps: the model can be inspected without solving,
and the explanation labels a plan that was not proven optimal."""

from __future__ import annotations

import dataclasses

import numpy as np

from forcegen.analysis.sourcing import SolveStatus, build_model, explain, solve, sourcing_inputs
from forcegen.analysis.sourcing.build import eligibility
from forcegen.model import Capability
from forcegen.model.deployment import CaveatKind
from tests.analysis.sourcing.instances import inputs
from tests.analysis.sourcing.test_sourcing_laws import EXACT
from tests.builders import requirement, scenario


def test_model_without_solving_has_hand_counted_columns_and_rows():
    # 2 nations, 2 lines in one area, 2 periods, min contingent 1, no caps, no fair share
    inp = inputs(nations=2, periods=2, lines=[(Capability.LAND_MANOEUVRE, 4, 0, 1.0),
                                              (Capability.LOGISTICS, 2, 0, 2.0)],
                 capacity=[3.0, 5.0])
    model = build_model(inp)
    assert len(model.blocks) == 2
    block = model.blocks[0]
    assert block.num_x == 4  # 2 nations x 2 lines
    assert block.num_col == 4 + 2  # and one presence per nation in the area
    groups = {g: r[1] - r[0] for g, r in block.row_groups.items()}
    assert groups == {"demand": 2, "capacity": 2, "min_contingent": 2, "presence": 2}
    assert list(block.upper[:4]) == [3.0, 2.0, 4.0, 2.0]  # min(line troops, capacity)
    assert list(block.cost[:4]) == [1.0, 2.0, 1.0, 2.0]


def test_caveats_and_standoff_remove_the_columns():
    inp = inputs(nations=3, lines=[(Capability.LAND_MANOEUVRE, 4, 0, 1.0),
                                   (Capability.LAND_MANOEUVRE, 4, 1, 1.0)],
                 distances=[50.0, 300.0], standoff=100.0,
                 caveats=[], backstop=False)
    from forcegen.analysis.sourcing.inputs import CaveatInfo

    inp = dataclasses.replace(inp, caveats=[
        CaveatInfo(0, CaveatKind.EXCLUDE_AREA, 1, None, "not in a1", "t"),
        CaveatInfo(1, CaveatKind.NEEDS_BACKSTOP, None, None, "backstop", "t")])
    assert eligibility(inp).tolist() == [[False, False], [False, False], [False, True]]


def test_time_limited_plan_is_labelled_not_proven_optimal():
    inp = inputs(nations=2, lines=[(Capability.LAND_MANOEUVRE, 4, 0, 1.0)], capacity=[1, 1])
    model = build_model(inp)
    sol = solve(model, mip_gap=EXACT)
    stopped = dataclasses.replace(sol, status=SolveStatus.TIME_LIMIT, bound=sol.objective + 1,
                                  gap=0.5)
    result = explain(model, stopped, prices=False)
    assert not result.proven_optimal
    assert "NOT proven optimal" in result.status_label and "50.00%" in result.status_label
    assert result.to_dict()["proven_optimal"] is False
    assert result.assignments and result.to_dict()["gap"] == 0.5


def test_an_old_scenario_without_sourcing_gets_derived_lines():
    scn = scenario([], req=requirement(lines={Capability.LAND_MANOEUVRE: 100,
                                              Capability.MEDICAL: 20}))
    assert scn.sourcing_setup is None
    inp = sourcing_inputs(scn, "pledges")
    assert [a.name for a in inp.areas] == ["theatre"] and inp.areas[0].distance_km is None
    assert inp.periods == ["mission"]
    assert [(ln.name, ln.troops) for ln in inp.lines] == [("land_manoeuvre", 100),
                                                          ("medical", 20)]
    assert np.all(inp.active)


def test_a_gap_no_limit_explains_is_put_down_to_the_optimality_gap():
    # one nation able to send 10, a line of 4; a plan of 3 "proven optimal within 25 %":
    # no limit holds the fourth troop back, so the reason is the gap, not a limit
    from forcegen.analysis.sourcing import UnfilledReason

    inp = inputs(nations=1, lines=[(Capability.LAND_MANOEUVRE, 4, 0, 1.0)], capacity=[10.0])
    model = build_model(inp)
    sol = solve(model, mip_gap=EXACT)
    short = dataclasses.replace(sol, x=sol.x - 1, objective=3.0, bound=4.0, gap=0.25)
    (gap,) = explain(model, short, prices=False).unfilled
    assert (gap.troops, gap.reason) == (1, UnfilledReason.WITHIN_GAP)
    assert "within a gap of 25.0000%" in gap.detail
    exact = dataclasses.replace(short, gap=0.0)
    assert explain(model, exact, prices=False).unfilled[0].reason is UnfilledReason.OTHER


def test_the_gap_is_tightened_to_half_a_troop_period():
    from forcegen.analysis.sourcing.solve import DEFAULT_GAP, TROOP_GAP, period_gap

    # a period asking 4 troops of priority 1 and 2 of priority 2: at most 8 covered, so
    # half a troop-period is 1/16 of it, looser than 0.01 %: the default stays
    inp = inputs(nations=1, lines=[(Capability.LAND_MANOEUVRE, 4, 0, 1.0),
                                   (Capability.LOGISTICS, 2, 0, 2.0)])
    block = build_model(inp).blocks[0]
    assert period_gap(block, 0) == DEFAULT_GAP
    # 30,000 troops of priority 2: 60,000 at most; 0.5 / 60,000 is tighter than 0.01 %
    big = inputs(nations=1, lines=[(Capability.LAND_MANOEUVRE, 30_000, 0, 2.0)])
    assert period_gap(build_model(big).blocks[0], 0) == TROOP_GAP / 60_000
