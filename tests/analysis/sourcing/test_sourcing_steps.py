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


def test_a_period_that_may_hide_a_troop_in_its_gap_is_solved_again():
    from forcegen.analysis.sourcing.solve import (
        DEFAULT_GAP,
        TROOP_GAP,
        _BlockSolution,
        _may_hide_a_troop,
        _tighter,
        period_gap,
    )

    # a period asking 4 troops of priority 1 and 2 of priority 2: at most 8 covered
    inp = inputs(nations=1, lines=[(Capability.LAND_MANOEUVRE, 4, 0, 1.0),
                                   (Capability.LOGISTICS, 2, 0, 2.0)], capacity=[10.0])
    block = build_model(inp).blocks[0]
    assert period_gap(block, 0) == DEFAULT_GAP  # 0.5 / 8 is looser than 0.01 %
    values = np.zeros(block.num_col)
    values[[0, 1]] = [3.0, 2.0]  # 3 of the 4 land troops, both logistics: 7 of 8 covered
    values[block.y_slice] = 1.0
    short = _BlockSolution(SolveStatus.OPTIMAL, 6.9, 7.9, values)
    assert _may_hide_a_troop(block, 0, short)  # a troop short, and a gap of 1.0 >= 0.5
    assert not _may_hide_a_troop(block, 0, dataclasses.replace(short, bound=6.9 + TROOP_GAP / 2))
    full = values.copy()
    full[0] = 4.0
    assert not _may_hide_a_troop(block, 0, _BlockSolution(SolveStatus.OPTIMAL, 7.9, 8.0, full))
    # the second solve's better plan and bound are kept; proven if either solve was
    better = _BlockSolution(SolveStatus.TIME_LIMIT, 7.9, 7.95, full)
    merged = _tighter(short, better)
    assert merged.status is SolveStatus.OPTIMAL and merged.objective == 7.9
    assert merged.bound == 7.9 and merged.values[0] == 4.0
    assert _tighter(short, _BlockSolution(SolveStatus.NO_SOLUTION, None, None,
                                          np.zeros(0))).objective == 6.9
    # 30,000 troops of priority 2: 60,000 at most; 0.5 / 60,000 is tighter than 0.01 %
    big = inputs(nations=1, lines=[(Capability.LAND_MANOEUVRE, 30_000, 0, 2.0)])
    assert period_gap(build_model(big).blocks[0], 0) == TROOP_GAP / 60_000


def _reasons(inp):
    model = build_model(inp)
    result = explain(model, solve(model, mip_gap=EXACT), prices=False)
    return [(u.requirement, u.troops, u.reason.value) for u in result.unfilled]


def test_each_limit_gives_its_reason():
    # hand-solved: each instance leaves exactly one gap, held back by one limit
    hq, land = Capability.HQ_C2, Capability.LAND_MANOEUVRE
    # one nation that can hold 3 troops a period, a line of 5: 2 missing
    assert _reasons(inputs(nations=1, lines=[(land, 5, 0, 1.0)], capacity=[3.0])) == [
        ("l0", 2, "sustainability_limit")]
    # a line of 3, but no nation sends fewer than 4 to an area: nothing can go
    assert _reasons(inputs(nations=1, lines=[(land, 3, 0, 1.0)], capacity=[10.0],
                           min_contingent=4)) == [("l0", 3, "min_contingent")]
    # two nations of 2 each, one nation per area: one sends 2, the other may not come
    assert _reasons(inputs(nations=2, lines=[(land, 4, 0, 1.0)], capacity=[2.0, 2.0],
                           max_nations=1)) == [("l0", 2, "cohesion_cap")]
    # the lead nation (1 troop) must hold half the headquarters: the other may add only 1
    assert _reasons(inputs(nations=2, lines=[(hq, 4, 0, 1.0)], capacity=[1.0, 10.0],
                           lead=0, lead_hq_share=0.5)) == [("l0", 2, "lead_hq_share")]
    # the only nation offering it excludes the area
    from forcegen.analysis.sourcing.inputs import CaveatInfo

    assert _reasons(inputs(nations=1, lines=[(land, 2, 0, 1.0)], caveats=[
        CaveatInfo(0, CaveatKind.EXCLUDE_AREA, 0, None, "not in a0", "t")])) == [
        ("l0", 2, "caveat")]
    # the area is 50 km from the line of contact, the standoff 100 km
    assert _reasons(inputs(nations=1, lines=[(land, 2, 0, 1.0)], distances=[50.0],
                           standoff=100.0)) == [("l0", 2, "posture")]
