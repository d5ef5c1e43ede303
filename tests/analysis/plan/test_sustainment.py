"""Sustainment on hand-solved nations: pool, usable land forces, status and months, and
what a pledge costs: the rotation ratio at which the nation can hold it.

Unless a test says otherwise: rotation ratio 5, deployable share 0.40, land share of
active personnel 0.5, 6-month tours, a 36-month mission.
"""

from __future__ import annotations

from forcegen.analysis.plan.sustainment import SustainStatus, sustain, sustainment
from forcegen.model import RotationOverride
from tests.builders import nation, pledge, scenario

ASSUMED = ("rotation_ratio", "deployable_share", "land_share_of_active")


def run(nations, pledges, *, tour_months=6, duration_months=36, rotations=(), **overrides):
    scn = scenario(nations, pledges, overrides={k: v for k, v in overrides.items()},
                   rotations=rotations)
    return sustainment(scn, tour_months=tour_months, duration_months=duration_months)


def test_sustainable_indefinitely():
    # army 100,000 x 0.4 = 40,000 usable; pool 5 x 5,000 = 25,000 <= 40,000 -> sustainable
    # sustainable troops 40,000 / 5 = 8,000
    ns = run([nation("FRA", army=100_000)], [pledge("FRA", troops_max=5_000)]).of("FRA")
    assert (ns.deployed, ns.usable, ns.rotation_pool_required) == (5_000, 40_000, 25_000)
    assert ns.sustainable_troops == 8_000
    assert ns.status is SustainStatus.SUSTAINABLE
    assert ns.months_sustainable is None


def test_short():
    # army 10,000 x 0.4 = 4,000 usable; pool 5 x 1,000 = 5,000 > 4,000 -> short;
    # floor(4,000 / 1,000) = 4 tours x 6 = 24 months < 36; sustainable 4,000 / 5 = 800
    ns = run([nation("EST", army=10_000)], [pledge("EST", troops_max=1_000)]).of("EST")
    assert (ns.usable, ns.rotation_pool_required, ns.sustainable_troops) == (4_000, 5_000, 800)
    assert ns.status is SustainStatus.SHORT
    assert ns.months_sustainable == 24


def test_for_duration_at_the_boundary():
    # same nation, 24-month mission: 4 tours x 6 = 24 >= 24 -> holds for the duration
    ns = run([nation("EST", army=10_000)], [pledge("EST", troops_max=1_000)],
             duration_months=24).of("EST")
    assert ns.status is SustainStatus.FOR_DURATION
    assert ns.months_sustainable == 24
    # one month longer and it runs out
    ns = run([nation("EST", army=10_000)], [pledge("EST", troops_max=1_000)],
             duration_months=25).of("EST")
    assert ns.status is SustainStatus.SHORT


def test_pool_exactly_usable_is_sustainable():
    # army 12,500 x 0.4 = 5,000 usable; pool 5 x 1,000 = 5,000 <= 5,000
    ns = run([nation("LVA", army=12_500)], [pledge("LVA", troops_max=1_000)]).of("LVA")
    assert ns.status is SustainStatus.SUSTAINABLE
    assert ns.sustainable_troops == 1_000


def test_no_troops_when_no_number():
    # a pledge without a number: nothing to sustain, but capacity still shown
    # army 50,000 x 0.4 = 20,000 usable; 20,000 / 5 = 4,000 sustainable
    ns = run([nation("GBR", army=50_000)], [pledge("GBR", "conditional")]).of("GBR")
    assert ns.status is SustainStatus.NO_TROOPS
    assert (ns.deployed, ns.rotation_pool_required, ns.months_sustainable) == (None, None, None)
    assert (ns.usable, ns.sustainable_troops) == (20_000, 4_000)


def test_no_data_without_land_figure():
    # 500 pledged, no army nor active figure: pool 2,500 known, capacity unknown
    ns = run([nation("ISL")], [pledge("ISL", troops_max=500)]).of("ISL")
    assert ns.status is SustainStatus.NO_DATA
    assert ns.rotation_pool_required == 2_500
    assert (ns.usable, ns.sustainable_troops) == (None, None)
    assert ns.land_forces.kind == "none"
    assert ns.land_forces.troops is None


def test_active_share_fallback_with_visible_basis():
    # no army figure: active 30,000 x 0.5 = 15,000 land; x 0.4 = 6,000 usable;
    # pool 5 x 1,000 = 5,000 <= 6,000 -> sustainable; 6,000 / 5 = 1,200
    ns = run([nation("NLD", active=30_000)], [pledge("NLD", troops_max=1_000)]).of("NLD")
    assert ns.land_forces.kind == "active_share"
    assert ns.land_forces.troops == 15_000
    assert "land_share_of_active 0.5" in ns.land_forces.basis
    steps = ns.capacity.steps
    assert steps[0].step == "active personnel (no army figure)" and not steps[0].is_assumption
    assert steps[1].is_assumption and steps[1].value == 15_000
    assert ns.land_forces.source == "test figure"
    assert (ns.usable, ns.sustainable_troops) == (6_000, 1_200)
    assert ns.status is SustainStatus.SUSTAINABLE


def test_without_land_share_a_missing_army_stays_missing():
    # the scenario names no land_share_of_active: no figure is invented
    ns = run([nation("NLD", active=30_000)], [pledge("NLD", troops_max=1_000)],
             land_share_of_active=None).of("NLD")
    assert ns.land_forces.troops is None
    assert ns.status is SustainStatus.NO_DATA
    assert "no army figure" in ns.capacity.missing


def test_land_share_changes_fallback_only():
    # land share 0.25: active 30,000 -> 7,500 land -> 3,000 usable < pool 5,000 -> short;
    # floor(3,000 / 1,000) = 3 tours x 6 = 18 months. The army-based nation is unchanged.
    res = run([nation("NLD", active=30_000), nation("FRA", army=100_000)],
              [pledge("NLD", troops_max=1_000), pledge("FRA", troops_max=5_000)],
              land_share_of_active=0.25)
    assert res.of("NLD").land_forces.troops == 7_500
    assert res.of("NLD").status is SustainStatus.SHORT
    assert res.of("NLD").months_sustainable == 18
    assert res.of("FRA").usable == 40_000


def test_army_preferred_over_active():
    # both known: the army figure (20,000) is used, not 0.5 x 100,000 = 50,000
    ns = run([nation("POL", army=20_000, active=100_000)],
             [pledge("POL", troops_max=1_000)]).of("POL")
    assert (ns.land_forces.troops, ns.land_forces.kind) == (20_000, "army")
    assert ns.capacity.steps[0].step == "army personnel (2024)"


def test_holdable_ratio_is_what_the_pledge_costs():
    # army 100,000 x 0.4 = 40,000 deployable; 10,000 pledged -> holds up to ratio 4.0:
    # sustainable at 3 and 4, not at 5 (pool 50,000 > 40,000: 4 tours x 6 = 24 months)
    ns = run([nation("FRA", army=100_000)], [pledge("FRA", troops_max=10_000)],
             rotation_ratio_low=3, rotation_ratio_high=5, rotation_ratio=4).of("FRA")
    assert ns.holdable_ratio == 4.0
    assert ns.status is SustainStatus.SUSTAINABLE
    assert ns.status_by_ratio == {"4": SustainStatus.SUSTAINABLE,
                                  "3": SustainStatus.SUSTAINABLE, "5": SustainStatus.SHORT}


def test_per_nation_rotation_override():
    # GBR at its own ratio 5 and 4-month tours; FRA at the scenario's 3.
    # GBR: 50,000 x 0.4 = 20,000; pool 5 x 5,000 = 25,000 > 20,000 -> 4 tours x 4 = 16 months
    over = RotationOverride(nation="GBR", rotation_ratio=5, tour_months=4,
                            source="assumption: test override")
    res = run([nation("GBR", army=50_000), nation("FRA", army=50_000)],
              [pledge("GBR", troops_max=5_000), pledge("FRA", troops_max=5_000)],
              rotations=[over], rotation_ratio=3)
    assert res.of("GBR").rotation_pool_required == 25_000
    assert res.of("GBR").months_sustainable == 16
    assert res.of("GBR").capacity.rotation_ratio == 5
    assert res.of("FRA").rotation_pool_required == 15_000
    assert res.of("FRA").status is SustainStatus.SUSTAINABLE


def test_nation_without_armed_forces_is_not_judged():
    isl = nation("ISL", active=0, army=0)
    res = run([isl, nation("FRA", army=1_000)],
              [pledge("ISL", "considering"), pledge("FRA", troops_max=10)])
    assert [n.iso3 for n in res.nations] == ["FRA"]


def test_pledges_of_one_nation_summed_and_ruled_out_listed():
    # FRA 1,000 + 500 = 1,500 deployed; USA ruled out -> listed, nothing to sustain
    res = run([nation("FRA", army=100_000), nation("USA", army=400_000)],
              [pledge("FRA", troops_max=1_000), pledge("USA", "ruled_out"),
               pledge("FRA", "considering", troops_min=500)])
    assert [n.iso3 for n in res.nations] == ["FRA", "USA"]
    assert res.of("FRA").deployed == 1_500
    assert res.of("FRA").rotation_pool_required == 7_500
    assert res.of("USA").deployed is None
    assert res.of("USA").status is SustainStatus.NO_TROOPS
    # a nation that ruled itself out has no capacity to show for this force
    assert res.of("USA").sustainable_troops is None and res.of("USA").usable is None
    assert res.of("FRA").sustainable_troops == 8_000  # 100,000 x 0.4 / 5


def test_pool_rounds_up():
    # ratio 3.5 x 3 troops = 10.5 -> a pool of 11 soldiers
    res = sustain(3, 1_000, rotation_ratio=3.5, deployable_share=0.4,
                  tour_months=6, duration_months=36)
    assert res.pool == 11


def test_result_echoes_parameters():
    res = run([nation("FRA", army=1)], [], rotation_ratio_low=3)
    assert res.nations == []
    assert (res.rotation_ratio, res.deployable_share, res.tour_months,
            res.duration_months) == (5, 0.4, 6, 36)
    assert res.rotation_range == {"central": 5, "low": 3}


def test_holdable_ratio_to_two_decimals():
    # army 100,000 x 0.4 = 40,000 deployable; 12,000 pledged -> 40,000 / 12,000 = 3.33
    ns = run([nation("FRA", army=100_000)], [pledge("FRA", troops_max=12_000)]).of("FRA")
    assert ns.holdable_ratio == 3.33


def test_a_count_held_exactly_on_paper_stays_whole():
    """4,000 / 1.6 = 2,500 by hand; ``4000 // 1.6`` is 2,499 (1.6 is not exact in binary),
    which the mutation run found in four places of the capacity chain."""
    from forcegen.analysis.plan.capacity import whole

    assert whole(4000 / 1.6) == 2500 and whole(2499.6) == 2499 and whole(0.0) == 0
    # army 10,000 x 0.4 = 4,000 deployable; ratio 1.6 -> 2,500 sustainable, not 2,499
    ns = run([nation("FRA", army=10_000)], [pledge("FRA", troops_max=1_000)],
             rotation_ratio=1.6).of("FRA")
    assert (ns.usable, ns.sustainable_troops) == (4_000, 2_500)
    assert ns.capacity.sustainable_by_ratio["1.6"] == 2_500
