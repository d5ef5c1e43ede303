"""Laws of the risk engine, on scenarios hypothesis generates.

1. Raising a pledge's probability never lowers P(>= minimum), in any month or at steady
   state (the same seed draws the same uniforms, so this holds draw by draw, exactly).
2. The same seed gives the same result.
3. Splitting the draws into chunks gives the same aggregate: any grouping of the blocks,
   and the counts of two halves added, equal the counts of the whole run.
4. Block ``b``'s generator is the ``b``-th child of ``SeedSequence(seed)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from forcegen.analysis.risk import build_model, simulate
from forcegen.analysis.risk.simulate import BLOCK, Plan, block_generator, n_blocks, run, run_blocks
from forcegen.model import Capability, Condition, ConditionKind, Modality, Scenario
from tests.analysis.risk.odds import with_odds
from tests.analysis.risk.reference import count_draws
from tests.builders import backstop, nation, pledge, requirement, scenario

FAST = settings(max_examples=25, deadline=None)
CODES = ("FRA", "DEU", "GBR", "POL", "NLD", "DNK")
LINES = (Capability.LAND_MANOEUVRE, Capability.AIR_DEFENCE)
KINDS = (ConditionKind.CEASEFIRE, ConditionKind.US_BACKSTOP, ConditionKind.ELECTION,
         ConditionKind.PARLIAMENTARY_APPROVAL)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Scenario, dict[str, float]]:
    n = draw(st.integers(1, len(CODES)))
    codes = CODES[:n]
    pledges = []
    for c in codes:
        lo = draw(st.integers(0, 5_000))
        hi = draw(st.integers(lo, 8_000))
        kinds = draw(st.lists(st.sampled_from(KINDS), max_size=2, unique=True))
        numbered = draw(st.integers(0, 3))  # 0: no number (a prior), else min and/or max
        pledges.append(pledge(c, draw(st.sampled_from([m for m in Modality
                                                       if m is not Modality.RULED_OUT])),
                              troops_min=lo if numbered in (1, 3) else None,
                              troops_max=hi if numbered in (2, 3) else None,
                              capability=draw(st.sampled_from([None, *LINES])),
                              conditions=[Condition(kind=k) for k in kinds]))
    low = draw(st.integers(1, 20_000))
    us = [backstop("USA", [LINES[1]])] if draw(st.booleans()) else []
    probs = {c: draw(st.floats(0, 1)) for c in codes}
    used = {k.kind for p in pledges for k in p.conditions} | (
        {ConditionKind.US_BACKSTOP} if us else set())
    conditions: list[dict[str, Any]] = [
        {"kind": k.value, "probability": draw(st.floats(0, 1))}
        for k in KINDS if k in used and draw(st.booleans())]
    lines = {cap: draw(st.integers(0, 4_000)) for cap in LINES}
    base = scenario([*(nation(c, army=50_000, gdp=1e12, population=5e7) for c in codes),
                     nation("USA")],
                    pledges, req=requirement(low, low + draw(st.integers(0, 5_000)), lines),
                    backstops=us)
    scn = with_odds(base, pledges=probs, conditions=conditions,
                    hazard=draw(st.sampled_from([0.0, 0.01, 0.2])))
    return scn, probs


@FAST
@given(cases(), st.data())
def test_raising_a_pledges_probability_never_lowers_the_chance(
    case: tuple[Scenario, dict[str, float]], data: st.DataObject
) -> None:
    scn, probs = case
    who = data.draw(st.sampled_from(sorted(probs)))
    higher = data.draw(st.floats(probs[who], 1))
    raised = with_odds(scn, pledges={**probs, who: higher},
                       conditions=[c.model_dump(mode="json") for c in scn.odds.conditions]
                       if scn.odds else (),
                       hazard=scn.odds.withdrawal_hazard_monthly if scn.odds else None)
    before = simulate(scn, draws=3_000, seed=1)
    after = simulate(raised, draws=3_000, seed=1)
    for b0, b1 in ((before.quantified, after.quantified), (before.with_priors, after.with_priors)):
        assert b1.steady_state.p_min >= b0.steady_state.p_min
        assert b1.steady_state.p_max >= b0.steady_state.p_max
        for m0, m1 in zip(b0.months, b1.months, strict=True):
            assert m1.p_min >= m0.p_min


@FAST
@given(cases(), st.integers(0, 2**32))
def test_the_same_seed_gives_the_same_result(case: tuple[Scenario, dict[str, float]],
                                            seed: int) -> None:
    scn, _ = case
    assert simulate(scn, draws=2_000, seed=seed) == simulate(scn, draws=2_000, seed=seed)


@settings(max_examples=10, deadline=None)
@given(cases(), st.integers(1, 4 * BLOCK), st.integers(1, 5), st.integers(0, 5))
def test_chunking_never_changes_the_aggregate(case: tuple[Scenario, dict[str, float]],
                                              draws: int, chunk: int, split: int) -> None:
    scn, _ = case
    plan = Plan(build_model(scn, scn.plan()))
    whole = run(plan, 7, draws, chunk_blocks=1)
    assert run(plan, 7, draws, chunk_blocks=chunk).equals(whole)
    cut = min(split, n_blocks(draws))
    halves = run_blocks(plan, 7, draws, 0, cut).merge(
        run_blocks(plan, 7, draws, cut, n_blocks(draws)))
    assert halves.equals(whole)
    assert whole.draws == draws
    assert simulate(scn, draws=draws, seed=7, chunk_blocks=chunk) == simulate(
        scn, draws=draws, seed=7, chunk_blocks=1)


def test_a_different_seed_gives_different_draws() -> None:
    scn = with_odds(scenario([nation("FRA")], [pledge("FRA", troops_max=1_000)],
                             req=requirement(600, 900)), pledges={"FRA": 0.5})
    assert simulate(scn, draws=5_000, seed=1) != simulate(scn, draws=5_000, seed=2)


def test_block_generators_are_the_spawned_children_of_the_seed() -> None:
    children = np.random.SeedSequence(42).spawn(3)
    for b, child in enumerate(children):
        expected = np.random.Generator(np.random.PCG64(child)).random(5)
        assert np.array_equal(block_generator(42, b).random(5), expected)


@settings(max_examples=15, deadline=None)
@given(cases(), st.integers(1, 300), st.booleans())
def test_vectorised_counts_equal_the_per_draw_loop(case: tuple[Scenario, dict[str, float]],
                                                  draws: int, packed: bool) -> None:
    """The engine and a plain per-draw loop count the same uniforms identically (also with
    the conditions counted by matrix product, as for more than 64 factors)."""
    scn, _ = case
    plan = Plan(build_model(scn, scn.plan()))
    plan.packed = packed and plan.n_factors <= 64
    fast = run_blocks(plan, 3, draws, 0, 1)
    u = block_generator(3, 0).random((draws, plan.columns))
    slow = count_draws(plan.model, u.tolist(), plan.bin_width, plan.bins)
    for name in ("reach_min", "reach_max", "hist", "forced_true", "forced_false",
                 "troops_true", "troops_false", "gap", "gap_no_backstop", "steady_sum"):
        assert np.array_equal(getattr(fast, name), np.array(getattr(slow, name))), name
    assert fast.draws == slow.draws == draws
