"""Hand-computed reinforcement cases.

A unit that leaves on day ``s`` by a corridor of transit ``T`` is in theatre from day
``s + T``. One corridor of throughput ``C`` fed by ``N`` troops ready on day ``r`` has, at
the end of day ``d``, ``min(N, C * max(0, d - T - r + 1))`` troops in theatre.
"""

from __future__ import annotations

import pytest

from forcegen.errors import ScenarioError, UsageError
from forcegen.model import Scenario
from tests.builders import corridor, nation, scenario, tier

#: active 200,000 and army 100,000: usable 40,000 (deployable_share 0.4), never binding here
BIG = {"army": 100_000, "active": 200_000}


def one_corridor(c: int, t: int, n: int, r: int) -> Scenario:
    return scenario([nation("FRA", **BIG)], corridors=(corridor("rail", c, t),),
                    readiness=(tier("FRA", n, r),))


@pytest.mark.parametrize(("c", "t", "n", "r"), [(100, 3, 1_000, 2), (250, 0, 900, 0),
                                                (7, 10, 50, 30), (1_000, 1, 300, 5)])
def test_one_corridor_closed_form(c: int, t: int, n: int, r: int) -> None:
    res = one_corridor(c, t, n, r).reinforcement.simulate(horizon=60, thresholds={"all": n})
    expected = [min(n, c * max(0, d - t - r + 1)) for d in range(61)]
    assert [d.troops for d in res.days] == expected
    first = next((d for d, v in enumerate(expected) if v >= n), None)
    assert res.threshold("all").day == first


def test_threshold_days_by_hand() -> None:
    # 100 a day from day 2, 3 days in transit: 500 in theatre at the end of day 9
    res = one_corridor(100, 3, 1_000, 2).reinforcement.simulate(
        horizon=30, thresholds={"half": 500, "more than there is": 1_001})
    assert res.threshold("half").day == 9
    assert res.troops_on(8) == 400
    assert res.threshold("more than there is").day is None


def two_parallel() -> Scenario:
    return scenario([nation("FRA", **BIG)],
                    corridors=(corridor("slow", 50, 5), corridor("fast", 100, 2)),
                    readiness=(tier("FRA", 1_000, 0),))


def test_two_corridors_in_parallel() -> None:
    # The slow corridor (5 days) leaves alone the 300 troops the fast one (2 days) can
    # still deliver no later (100 a day for 5 - 2 days). Days 0-3: 100 fast + 50 slow;
    # days 4-7: 100 fast only; the last leave on day 7 and arrive on day 9.
    res = two_parallel().reinforcement.simulate(horizon=20)
    expected = [100 * min(max(d - 1, 0), 8) + 50 * min(max(d - 4, 0), 4) for d in range(21)]
    assert [d.troops for d in res.days] == expected
    assert res.troops_on(8) == 900 and res.troops_on(9) == 1_000
    fast = next(c for c in res.corridors if c.name == "fast")
    slow = next(c for c in res.corridors if c.name == "slow")
    assert (fast.troops_carried, slow.troops_carried) == (800, 200)
    assert (fast.days_at_capacity, slow.days_at_capacity) == (8, 4)
    # the fast corridor runs full with troops still waiting on days 0-6
    assert [(b.from_day, b.to_day, b.corridor) for b in res.binding] == [(0, 6, "fast")]


def test_a_slow_corridor_takes_only_what_cannot_go_faster_in_time() -> None:
    # 120 troops; fast 100/day in 1 day, slow 100/day in 3 days: the fast one can still
    # deliver 200 by day 3, so the slow one takes none; all in theatre on day 2
    scn = scenario([nation("FRA", **BIG)],
                   corridors=(corridor("fast", 100, 1), corridor("slow", 100, 3)),
                   readiness=(tier("FRA", 120, 0),))
    res = scn.reinforcement.simulate(horizon=5)
    assert [d.troops for d in res.days] == [0, 100, 120, 120, 120, 120]
    assert next(c for c in res.corridors if c.name == "slow").troops_carried == 0


def test_closed_corridor() -> None:
    res = two_parallel().reinforcement.simulate(horizon=40, close=["fast"],
                                                thresholds={"all": 1_000})
    assert [d.troops for d in res.days] == [min(1_000, 50 * max(0, d - 4)) for d in range(41)]
    assert res.threshold("all").day == 24
    assert next(c for c in res.corridors if c.name == "fast").closed
    assert res.closed == ["fast"]


def test_sweep_variants_match_single_runs() -> None:
    scn = two_parallel()
    res = scn.reinforcement.simulate(horizon=40, thresholds={"all": 1_000})
    for v in res.variants:
        kw = {"close": [v.subject]} if v.kind == "close" else {"withhold": [v.subject]}
        single = scn.reinforcement.simulate(horizon=40, thresholds={"all": 1_000},
                                            sweep=False, **kw)  # type: ignore[arg-type]
        assert v.troops_by_day == {str(d): single.troops_on(d) for d in (7, 30, 90)}
        assert v.thresholds == single.thresholds
    closed_fast = next(v for v in res.variants if v.subject == "fast")
    assert closed_fast.thresholds[0].day == 24


def test_origins_restrict_a_corridor() -> None:
    # the fast corridor serves only GBR: FRA's 100 go the slow way
    scn = scenario([nation("FRA", **BIG), nation("GBR", **BIG)],
                   corridors=(corridor("fast", 1_000, 1, origins=["GBR"]),
                              corridor("slow", 1_000, 10)),
                   readiness=(tier("FRA", 100, 0), tier("GBR", 200, 0)))
    res = scn.reinforcement.simulate(horizon=20)
    assert res.nation("GBR").troops_by_day["7"] == 200
    assert res.nation("FRA").troops_by_day["7"] == 0
    assert res.troops_on(10) == 300


def test_withholding_a_nation_and_a_tier() -> None:
    scn = scenario([nation("FRA", **BIG), nation("GBR", **BIG)],
                   corridors=(corridor("road", 10_000, 1),),
                   readiness=(tier("FRA", 100, 0, "t1"), tier("FRA", 50, 3, "t2"),
                              tier("GBR", 200, 0)))
    assert scn.reinforcement.simulate(horizon=10).troops_on(10) == 350
    assert scn.reinforcement.simulate(horizon=10, withhold=["GBR"]).troops_on(10) == 150
    res = scn.reinforcement.simulate(horizon=10, withhold=["FRA:t2"])
    assert res.troops_on(10) == 300
    assert res.withheld == ["FRA:t2"]
    with pytest.raises(UsageError, match="no tier 't9'"):
        scn.reinforcement.simulate(withhold=["FRA:t9"])
    with pytest.raises(UsageError, match="does not reinforce"):
        scn.reinforcement.simulate(withhold=["DEU"])


def test_tier_capped_at_net_deployable_capacity() -> None:
    # army 10,000 x deployable_share 0.4 = 4,000 usable; the tiers ask 3,000 + 2,000
    scn = scenario([nation("FRA", army=10_000, active=20_000)],
                   corridors=(corridor("road", 100_000, 0),),
                   readiness=(tier("FRA", 3_000, 0, "t1"), tier("FRA", 2_000, 5, "t2")))
    res = scn.reinforcement.simulate(horizon=10)
    assert [(t.tier, t.troops, t.capped) for t in res.tiers] == [("t1", 3_000, 0),
                                                                 ("t2", 1_000, 1_000)]
    assert res.troops_on(10) == 4_000
    assert res.nation("FRA").capacity == 4_000
    assert "tiers cut to net deployable capacity (troops): FRA 4,000" in res.notes


def test_tier_above_active_forces_is_refused() -> None:
    with pytest.raises(ScenarioError) as info:
        scenario([nation("FRA", army=10_000, active=20_000)],
                 readiness=(tier("FRA", 15_000, 0, "t1"), tier("FRA", 6_000, 5, "t2")))
    assert info.value.field == "readiness[1].troops"
    assert "21,000" in str(info.value) and "20,000 active personnel" in str(info.value)


def test_unknown_corridor_to_close() -> None:
    with pytest.raises(UsageError, match="no corridor named 'tunnel'"):
        two_parallel().reinforcement.simulate(close=["tunnel"])


def test_no_corridors_no_troops() -> None:
    scn = scenario([nation("FRA", **BIG)], readiness=(tier("FRA", 100, 0),))
    res = scn.reinforcement.simulate(horizon=5)
    assert res.troops_on(5) == 0
    assert any("no corridors" in n for n in res.notes)


def test_deterministic() -> None:
    a = two_parallel().reinforcement.simulate(horizon=30).to_dict()
    b = two_parallel().reinforcement.simulate(horizon=30).to_dict()
    assert a == b


def test_initial_troops_and_default_thresholds() -> None:
    from forcegen.model.reinforcement import ReinforcementSettings

    scn = scenario([nation("FRA", **BIG)], corridors=(corridor("road", 1_000, 1),),
                   readiness=(tier("FRA", 30_000, 0),),
                   reinforcement_settings=ReinforcementSettings(initial_troops=5_000,
                                                                horizon_days=60))
    res = scn.reinforcement.simulate()
    assert res.troops_on(0) == 5_000
    # band 10,000-12,000 (builder); double the initial force: 10,000
    assert {t.name: (t.troops, t.day) for t in res.thresholds} == {
        "band minimum": (10_000, 5), "band maximum": (12_000, 7),
        "double the initial force": (10_000, 5)}


def test_a_tier_spread_over_its_band() -> None:
    from forcegen.analysis.reinforcement.inputs import spread
    from forcegen.model.reinforcement import ReadinessTier

    assert spread(10, 1, 4) == {1: 3, 2: 3, 3: 2, 4: 2}
    assert spread(7, None, 5) == {5: 7}
    # 100 troops ready evenly on days 2-5 (25 a day), a wide corridor of 1 day
    band = ReadinessTier(nation="FRA", tier="t1", ready_from=2, days_to_move=5, troops=100,
                         source="assumption: test tier")
    scn = scenario([nation("FRA", **BIG)], corridors=(corridor("road", 1_000, 1),),
                   readiness=(band,))
    res = scn.reinforcement.simulate(horizon=8)
    assert [d.troops for d in res.days] == [0, 0, 0, 25, 50, 75, 100, 100, 100]
    with pytest.raises(ValueError, match="ready_from"):
        ReadinessTier(nation="FRA", tier="t1", ready_from=6, days_to_move=5, troops=1,
                      source="assumption")
