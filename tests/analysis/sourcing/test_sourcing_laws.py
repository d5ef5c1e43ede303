"""Laws of the sourcing optimiser, on generated instances.

1. On small instances (at most 4 nations, 5 lines, 2 periods) the optimiser's objective
   equals the best objective found by enumerating every whole-troop plan.
2. Every plan it returns keeps every limit: no nation above its capacity (or its offers),
   no caveat broken, no area inside the standoff, every contingent at least the minimum,
   no more nations per area than allowed, the lead nation's headquarters share held (when
   a lead nation is named).
3. Removing a requirement line never lowers the best coverage of the other lines (with no
   minimum contingent and no headquarters share: with those, dropping a line can leave
   a nation's contingent below the floor, so the law does not hold — see the named test).
4. Lifting a caveat or a limit never lowers the best coverage (its price is never negative).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings

from forcegen.analysis.sourcing import Relaxation, SolveStatus, build_model, solve
from forcegen.analysis.sourcing.build import min_contingents
from forcegen.analysis.sourcing.inputs import CAPABILITIES, SourcingMode
from forcegen.analysis.sourcing.price import coverage_of
from forcegen.model import Capability
from forcegen.model.deployment import CaveatKind
from tests.analysis.sourcing.instances import (
    MAX_PLANS,
    brute_force,
    inputs,
    may_serve,
    objective_of,
    plan_count,
    small_instances,
)

LAWS = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
EXACT = 1e-9


@settings(LAWS, max_examples=80)
@given(small_instances())
def test_optimum_equals_brute_force(inp):
    assume(plan_count(inp) <= MAX_PLANS)
    best = brute_force(inp)
    sol = solve(build_model(inp), mip_gap=EXACT)
    if best is None:
        assert sol.status is SolveStatus.INFEASIBLE
        return
    assert sol.status is SolveStatus.OPTIMAL
    assert sol.objective == pytest.approx(best.objective, abs=1e-6)
    # and the plan returned is the one that scores it (not, say, the warm start's)
    model = build_model(inp)
    assert objective_of(inp, model.x_n, model.x_l, model.x_p, sol.x) == pytest.approx(
        best.objective, abs=1e-6)


def check_plan(inp, model, sol):
    """Every limit, read from the inputs, on the plan's troops."""
    x = sol.x
    n_n, n_p = len(inp.nations), len(inp.periods)
    assert (x >= 0).all() and np.allclose(x, np.rint(x))
    mins = min_contingents(inp)
    for j in np.nonzero(x > 0)[0]:
        n, li = model.x_n[j], model.x_l[j]
        assert may_serve(inp, n, li), "offer, caveat or standoff broken"
        area = inp.areas[inp.lines[li].area]
        assert inp.standoff_km is None or area.distance_km >= inp.standoff_km
    for p in range(n_p):
        for li, line in enumerate(inp.lines):
            assert x[(model.x_l == li) & (model.x_p == p)].sum() <= line.troops
        for n in range(n_n):
            mine = (model.x_n == n) & (model.x_p == p)
            assert x[mine].sum() <= inp.capacity[n]
            if inp.mode is SourcingMode.PLEDGES:
                over = 0.0
                for c in range(len(CAPABILITIES)):
                    q = x[mine & (inp.line_capability[model.x_l] == c)].sum()
                    over += max(q - inp.named_offer[n, c], 0.0)
                    assert q <= inp.named_offer[n, c] or inp.unnamed_allowed[c]
                assert over <= inp.unnamed_offer[n] + 1e-9
            for a in range(len(inp.areas)):
                t = x[mine & (inp.line_area[model.x_l] == a)].sum()
                assert t == 0 or t >= mins[n], "contingent below the minimum"
        for a, area in enumerate(inp.areas):
            k = area.max_nations or inp.max_nations_per_area
            here = {int(model.x_n[j]) for j in np.nonzero(x > 0)[0]
                    if model.x_p[j] == p and inp.line_area[model.x_l[j]] == a}
            assert not k or len(here) <= k
        if inp.lead_hq_share > 0 and inp.lead is not None:
            hq = (model.x_p == p) & (inp.line_capability[model.x_l]
                                     == CAPABILITIES.index(Capability.HQ_C2))
            lead = x[hq & (model.x_n == inp.lead)].sum()
            assert lead >= inp.lead_hq_share * x[hq].sum() - 1e-9


@LAWS
@given(small_instances())
def test_every_plan_keeps_every_limit(inp):
    model = build_model(inp)
    sol = solve(model)
    if sol.has_plan:
        check_plan(inp, model, sol)


@LAWS
@given(small_instances())
def test_removing_a_line_never_lowers_the_coverage_of_the_others(inp):
    inp = dataclasses.replace(inp, min_contingent=1, lead_hq_share=0.0,
                              caveats=[c for c in inp.caveats
                                       if c.kind is not CaveatKind.MIN_CONTINGENT])
    model = build_model(inp)
    sol = solve(model, coverage_only=True, mip_gap=EXACT)
    assume(sol.status is SolveStatus.OPTIMAL)
    full, _ = coverage_of(model, sol)
    k = len(inp.lines) - 1
    removed = float((inp.priority[k] * sol.x[model.x_l == k]).sum())
    fewer = dataclasses.replace(inp, lines=inp.lines[:k], active=inp.active[:k])
    other = solve(build_model(fewer), coverage_only=True, mip_gap=EXACT)
    assert other.status is SolveStatus.OPTIMAL
    cov, _ = coverage_of(build_model(fewer), other)
    assert cov >= full - removed - 1e-6


def test_with_a_minimum_contingent_removing_a_line_can_lower_the_others():
    # one nation, one area, two lines of 2 and 1 troops, contingents of at least 3:
    # together it sends 3; without the first line the second (1 troop) is below the floor.
    inp = inputs(nations=1, lines=[(Capability.LAND_MANOEUVRE, 2, 0, 1.0),
                                   (Capability.LOGISTICS, 1, 0, 1.0)], min_contingent=3)
    model = build_model(inp)
    sol = solve(model, mip_gap=EXACT)
    assert sol.x[model.x_l == 1].sum() == 1
    fewer = dataclasses.replace(inp, lines=inp.lines[1:], active=inp.active[1:])
    assert solve(build_model(fewer), mip_gap=EXACT).x.sum() == 0


@LAWS
@given(small_instances())
def test_lifting_a_caveat_or_limit_never_lowers_coverage(inp):
    model = build_model(inp)
    sol = solve(model, coverage_only=True, mip_gap=EXACT)
    assume(sol.status is SolveStatus.OPTIMAL)
    base, _ = coverage_of(model, sol)
    relaxations = [Relaxation(caveats=frozenset({i})) for i in range(len(inp.caveats))]
    relaxations += [Relaxation(groups=frozenset({g})) for g in
                    ("capacity", "standoff", "min_contingent", "cohesion", "lead_hq", "offers")]
    for relax in relaxations:
        lifted = build_model(inp, relax)
        other = solve(lifted, coverage_only=True, mip_gap=EXACT)
        assert other.status is SolveStatus.OPTIMAL
        assert coverage_of(lifted, other)[0] >= base - 1e-6, relax
