"""The published anchors in doctrine.csv, reproduced from their stated assumptions with
forcegen's own arithmetic (the capacity chain and the rotation pool).

Each anchor's figures and sources are in forcegen/data/doctrine.csv and doctrine.md s. 5.
"""

from __future__ import annotations

import pytest

from forcegen.analysis.plan.capacity import capacity_of
from forcegen.analysis.plan.sustainment import sustain
from forcegen.io.reference import doctrine, reference_nations
from tests.builders import nation, scenario

D = doctrine()


def v(key: str) -> float:
    return D[key].value


def test_every_anchor_has_a_source_and_a_grade():
    anchors = [f for k, f in D.items() if k.startswith("anchor_")]
    assert len(anchors) == 13
    assert all(f.source and f.grade in ("A", "B", "C") for f in anchors)


def test_nato_40_8_needs_312500_land_forces_for_25000():
    # 40 % deployable, 8 % sustainable: a pool of 0.40 / 0.08 = 5 deployable per deployed
    share, sustained = v("deployable_share"), v("sustainable_share")
    ratio = share / sustained
    assert ratio == pytest.approx(v("rotation_multiplier_harmony"))
    # a nation of 312,500 land forces, run through forcegen's chain, sustains 25,000
    scn = scenario([nation("FRA", army=v("anchor_nato_land_forces"))], [],
                   overrides={"deployable_share": share, "rotation_ratio": ratio})
    cap = capacity_of(scn.nations["FRA"], scn)
    assert cap.deployable == 125_000
    assert cap.sustainable == v("anchor_nato_sustained_troops") == 25_000
    assert v("anchor_nato_sustained_troops") / sustained == v("anchor_nato_land_forces")


def test_the_times_64000_for_two_years_is_256000():
    # six-month tours with full turnover: 24 months / 6 = 4 sets of troops -> ratio 4
    tours = v("anchor_times_years") * 12 / v("tour_months")
    assert tours == 4
    pool = sustain(int(v("anchor_times_deployed")), None, rotation_ratio=tours,
                   deployable_share=1.0, tour_months=6, duration_months=24).pool
    assert pool == v("anchor_times_personnel") == 256_000


@pytest.mark.parametrize(("ratio_key", "tied_key"), [
    ("rotation_multiplier_thirds", "anchor_dannatt_tied_up_low"),  # rule of thirds: 3
    ("rotation_multiplier_dwell_1_3", "anchor_dannatt_tied_up_high"),  # BOG:Dwell 1:3: 4
])
def test_lord_dannatt_10000_on_six_month_rotations_ties_up_30_to_40000(ratio_key, tied_key):
    assert v("anchor_dannatt_tour_months") == v("tour_months") == 6
    pool = sustain(int(v("anchor_dannatt_deployed")), None, rotation_ratio=v(ratio_key),
                   deployable_share=1.0, tour_months=6, duration_months=36).pool
    assert pool == v(tied_key)


def _european_army_total() -> float:
    """Army personnel of every European nation in countries.csv with a figure."""
    outside = {"USA", "CAN", "AUS", "JPN", "NZL", "UKR"}
    return sum(n.army_personnel.value for c, n in reference_nations().items()
               if c not in outside and n.army_personnel is not None)


def test_iiss_options_and_the_corps_stretching_europe():
    assert (v("anchor_iiss_brigade"), v("anchor_iiss_division")) == (10_000, 25_000)
    assert v("anchor_iiss_division") == v("anchor_nato_sustained_troops")
    europe = _european_army_total()
    need = {k: v(k) / v("sustainable_share")
            for k in ("anchor_iiss_corps_low", "anchor_iiss_corps_high")}
    # at the 8 % target a corps of 60,000 ties up 750,000 land forces, more than half of
    # every European army together; 100,000 needs 1,250,000, more than all of them
    assert need["anchor_iiss_corps_low"] == 750_000
    assert need["anchor_iiss_corps_high"] == 1_250_000
    assert europe / 2 < need["anchor_iiss_corps_low"] < europe < need["anchor_iiss_corps_high"]
