"""The Monte Carlo against exact answers, each within 4 standard errors of the exact
probability (the SE of a proportion from the number of draws), never hand-picked slack.

- independent pledges with fixed numbers: P(total >= x) by enumeration;
- one shared condition: the answer factors into its two conditional cases;
- every probability 1: the deterministic plan (max possible), exactly;
- "up to N": the uniform integer shape; withdrawal: the geometric survival curve;
- a capability gap with and without the backstop.
"""

from __future__ import annotations

import pytest

from forcegen.analysis.risk import simulate
from forcegen.model import Capability, Condition, ConditionKind
from tests.analysis.risk.odds import p_at_least, with_odds, within
from tests.builders import backstop, nation, pledge, requirement, scenario

DRAWS = 40_000
CODES = ("FRA", "DEU", "GBR", "POL", "NLD")
TROOPS = (6_000, 4_000, 3_000, 2_500, 1_500)
PROBS = (0.9, 0.6, 0.5, 0.35, 0.2)


def independent(band: tuple[int, int] = (10_000, 12_000), **kw: object) -> object:
    scn = scenario([nation(c) for c in CODES],
                   [pledge(c, "committed", troops_min=t, troops_max=t)
                    for c, t in zip(CODES, TROOPS, strict=True)],
                   req=requirement(*band))
    return with_odds(scn, pledges=dict(zip(CODES, PROBS, strict=True)), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("band", [(10_000, 12_000), (7_000, 14_000), (3_000, 17_000)])
def test_independent_pledges_match_enumeration(band: tuple[int, int]) -> None:
    result = simulate(independent(band), draws=DRAWS, seed=11)  # type: ignore[arg-type]
    for basis in (result.quantified, result.with_priors):
        steady = basis.steady_state
        assert within(steady.p_min, p_at_least(PROBS, TROOPS, band[0]), DRAWS)
        assert within(steady.p_max, p_at_least(PROBS, TROOPS, band[1]), DRAWS)
        # committed pledges arrive after the mobilisation delay (risk.csv: 2 months); from
        # then on, with no withdrawal, each month is the steady state
        late = basis.months[-1]
        assert late.p_min == steady.p_min
        assert basis.months[0].p_min == 0.0


def test_standard_error_is_reported_from_the_estimate() -> None:
    result = simulate(independent(), draws=DRAWS, seed=3)  # type: ignore[arg-type]
    s = result.quantified.steady_state
    assert s.p_min_se == pytest.approx((s.p_min * (1 - s.p_min) / DRAWS) ** 0.5)


def test_one_shared_condition_factors_into_its_cases() -> None:
    """FRA and DEU hang on the US backstop (p = 0.4); the rest do not."""
    us = Condition(kind=ConditionKind.US_BACKSTOP)
    pledges = [pledge(c, "committed", troops_min=t, troops_max=t,
                      conditions=[us] if c in ("FRA", "DEU") else [])
               for c, t in zip(CODES, TROOPS, strict=True)]
    scn = with_odds(scenario([nation(c) for c in CODES], pledges, req=requirement(9_000, 12_000)),
                    pledges=dict(zip(CODES, PROBS, strict=True)),
                    conditions=[{"kind": "us_backstop", "probability": 0.4}])
    p_us = 0.4
    if_backed = p_at_least(PROBS, TROOPS, 9_000)
    if_not = p_at_least(PROBS[2:], TROOPS[2:], 9_000)
    exact = p_us * if_backed + (1 - p_us) * if_not
    result = simulate(scn, draws=DRAWS, seed=5)
    assert within(result.quantified.steady_state.p_min, exact, DRAWS)
    # the tornado: the backstop forced either way gives each conditional case
    sens = {s.factor: s for s in result.quantified.sensitivity}
    assert within(sens["us backstop"].p_if_true, if_backed, DRAWS)
    assert within(sens["us backstop"].p_if_false, if_not, DRAWS)
    # and a pledge forced either way (DEU still hangs on the backstop)
    rest = 9_000 - TROOPS[0]
    fra_true = (p_us * p_at_least(PROBS[1:], TROOPS[1:], rest)
                + (1 - p_us) * p_at_least(PROBS[2:], TROOPS[2:], rest))
    fra_false = p_us * p_at_least(PROBS[1:], TROOPS[1:], 9_000) + (1 - p_us) * if_not
    assert within(sens["FRA (committed)"].p_if_true, fra_true, DRAWS)
    assert within(sens["FRA (committed)"].p_if_false, fra_false, DRAWS)


def test_every_probability_one_gives_the_deterministic_plan() -> None:
    us = Condition(kind=ConditionKind.US_BACKSTOP)
    pledges = [pledge(c, "conditional", troops_min=t, troops_max=t, conditions=[us])
               for c, t in zip(CODES, TROOPS, strict=True)]
    for band in ((17_000, 20_000), (18_000, 20_000)):
        scn = with_odds(scenario([nation(c) for c in CODES], pledges, req=requirement(*band)),
                        pledges=dict.fromkeys(CODES, 1.0),
                        conditions=[{"kind": "us_backstop", "probability": 1.0}])
        plan = scn.plan().generation
        result = simulate(scn, draws=5_000, seed=2)
        steady = result.quantified.steady_state
        assert steady.quantiles.p5 == steady.quantiles.p95 == plan.max_possible == 17_000
        assert steady.p_min == (1.0 if plan.max_possible >= band[0] else 0.0)
        assert steady.p_min_se == 0.0
        assert result.quantified.months[-1].quantiles.p50 == plan.max_possible


def test_up_to_is_uniform_between_half_and_the_figure() -> None:
    scn = with_odds(scenario([nation("FRA")], [pledge("FRA", "offered", troops_max=10_000)],
                             req=requirement(8_000, 9_000)), pledges={"FRA": 1.0})
    result = simulate(scn, draws=DRAWS, seed=9)
    # integers 5,000..10,000 (risk.csv shape.up_to_low_share = 0.5), equally likely
    n = 10_000 - 5_000 + 1
    s = result.quantified.steady_state
    assert within(s.p_min, (10_000 - 8_000 + 1) / n, DRAWS)
    assert within(s.p_max, (10_000 - 9_000 + 1) / n, DRAWS)


def test_withdrawal_follows_the_monthly_hazard() -> None:
    h = 0.05
    scn = with_odds(scenario([nation("FRA")], [pledge("FRA", "committed", troops_min=100,
                                                        troops_max=100)],
                             req=requirement(100, 100)), pledges={"FRA": 1.0}, hazard=h)
    result = simulate(scn, draws=DRAWS, seed=4)
    arrival = result.pledges[0].arrival_month
    assert result.quantified.months[arrival].p_min == 1.0
    for k in (1, 6, 20):
        assert within(result.quantified.months[arrival + k].p_min, (1 - h) ** k, DRAWS)
    assert result.quantified.months[arrival - 1].p_min == 0.0


def test_capability_gap_with_and_without_the_backstop() -> None:
    lines = {Capability.AIR_DEFENCE: 1_000, Capability.LAND_MANOEUVRE: 2_000}
    scn = with_odds(
        scenario([nation("FRA"), nation("USA")],
                 [pledge("FRA", "committed", troops_min=2_000, troops_max=2_000,
                         capability="land_manoeuvre")],
                 req=requirement(2_000, 3_000, lines), backstops=[backstop("USA",
                                                                           ["air_defence"])]),
        pledges={"FRA": 0.7}, conditions=[{"kind": "us_backstop", "probability": 0.3}])
    result = simulate(scn, draws=DRAWS, seed=8)
    gaps = {g.capability: g for g in result.quantified.capability_gaps}
    assert within(gaps["air_defence"].p_gap, 0.7, DRAWS)  # no pledge: a gap unless the US comes
    assert gaps["air_defence"].p_gap_without_backstop == 1.0
    assert within(gaps["land_manoeuvre"].p_gap, 0.3, DRAWS)
    assert within(gaps["land_manoeuvre"].p_gap_without_backstop, 0.3, DRAWS)
