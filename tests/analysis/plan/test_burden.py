"""Burden sharing on a hand-solved coalition: shares, fair-share troops, index."""

from __future__ import annotations

import math

import pytest

from forcegen.analysis.plan.burden import burden_sharing, fair_share_sensitivity
from tests.builders import nation, pledge, requirement, scenario


def gdp_pop(w):
    """GDP weight w, population 1 - w: the legacy single-weight fair share."""
    return {"gdp": w, "population": 1 - w}


@pytest.fixture(scope="module")
def coalition():
    """Basis: the band's top, 10,000 troops.

    FRA gdp 300, pop 30, 6,000 troops     DEU gdp 100, pop 70, 1,000 troops
    POL no GDP figure, 2,000 troops        USA full data but ruled out
    Coalition totals: gdp 400, pop 100.
    """
    return scenario(
        [nation("FRA", gdp=300, population=30), nation("DEU", gdp=100, population=70),
         nation("POL", population=40), nation("USA", gdp=1_000, population=300)],
        [pledge("FRA", troops_max=6_000), pledge("DEU", troops_max=1_000),
         pledge("POL", troops_max=2_000), pledge("USA", "ruled_out")],
        req=requirement(8_000, 10_000),
    )


def test_shares_and_fair_share_troops(coalition):
    res = burden_sharing(coalition, weights=gdp_pop(0.5))
    fra, deu = res.of("FRA"), res.of("DEU")
    # FRA: gdp 300/400 = 0.75, pop 30/100 = 0.30, fair 0.5*0.75 + 0.5*0.30 = 0.525
    assert fra.gdp_share == pytest.approx(0.75)
    assert fra.population_share == pytest.approx(0.30)
    assert fra.fair_share == pytest.approx(0.525)
    assert fra.fair_share_troops == 5_250  # 0.525 x 10,000
    assert fra.index == pytest.approx(6_000 / 5_250)  # 1.142857...
    # DEU: gdp 0.25, pop 0.70, fair 0.475 -> 4,750; index 1,000 / 4,750
    assert deu.fair_share == pytest.approx(0.475)
    assert deu.fair_share_troops == 4_750
    assert deu.index == pytest.approx(1_000 / 4_750)
    assert res.basis_troops == 10_000
    assert res.weights == {"gdp": 0.5, "population": 0.5}
    assert res.basis == "named"


def test_missing_gdp_excluded_with_note(coalition):
    res = burden_sharing(coalition, weights=gdp_pop(0.5))
    pol = res.of("POL")
    assert res.coalition == ["FRA", "DEU"]
    assert pol.troops == 2_000
    assert (pol.gdp_share, pol.population_share, pol.fair_share) == (None, None, None)
    assert (pol.fair_share_troops, pol.index) == (None, None)
    assert "gdp_usd" in pol.data_note
    assert "not in the coalition shares" in pol.data_note


def test_missing_both_figures_named_in_note():
    scn = scenario([nation("FRA", gdp=1, population=1), nation("ISL")],
                   [pledge("FRA", troops_max=10), pledge("ISL", troops_max=5)])
    note = burden_sharing(scn, weights=gdp_pop(0.5)).of("ISL").data_note
    assert "gdp_usd" in note and "population" in note


def test_ruled_out_nation_not_in_burden(coalition):
    res = burden_sharing(coalition, weights=gdp_pop(0.5))
    assert [n.iso3 for n in res.nations] == ["FRA", "DEU", "POL"]
    with pytest.raises(StopIteration):
        res.of("USA")


@pytest.mark.parametrize(("weight", "fra_share"), [(1.0, 0.75), (0.0, 30 / 140)])
def test_weight_extremes(coalition, weight, fra_share):
    # w = 1: GDP share only; w = 0: population share only, and then POL (which lacks only
    # GDP, now unweighted) joins the shares: 30 / (30 + 70 + 40)
    res = burden_sharing(coalition, weights=gdp_pop(weight))
    assert res.of("FRA").fair_share == pytest.approx(fra_share)
    assert res.of("FRA").fair_share_troops == round(fra_share * 10_000)


def test_fair_shares_sum_to_one(coalition):
    res = burden_sharing(coalition, weights=gdp_pop(0.3))
    total = sum(n.fair_share for n in res.nations if n.fair_share is not None)
    assert math.isclose(total, 1.0, abs_tol=1e-9)


def test_nation_without_troop_number_has_fair_share_but_no_index():
    # FRA 1,000 troops; GBR no number. gdp 1:1, pop 1:1 -> fair share 0.5 each of 2,000
    scn = scenario([nation("FRA", gdp=1, population=1), nation("GBR", gdp=1, population=1)],
                   [pledge("FRA", troops_max=1_000), pledge("GBR", "conditional")],
                   req=requirement(1_000, 2_000))
    res = burden_sharing(scn, weights=gdp_pop(0.5))
    gbr = res.of("GBR")
    assert gbr.troops is None
    assert gbr.fair_share_troops == 1_000
    assert gbr.index is None
    assert gbr.data_note == "no troop number stated: no index"
    assert res.of("FRA").index == pytest.approx(1.0)
    assert res.of("FRA").data_note == ""


def test_troops_of_a_nation_summed_over_pledges():
    scn = scenario([nation("FRA", gdp=1, population=1)],
                   [pledge("FRA", troops_max=1_000), pledge("FRA", "considering",
                                                            troops_min=500)])
    assert burden_sharing(scn, weights=gdp_pop(0.5)).of("FRA").troops == 1_500


@pytest.mark.parametrize("weight", [-0.1, 1.1, float("nan")])
def test_gdp_weight_out_of_range(coalition, weight):
    with pytest.raises(ValueError, match="weights"):
        burden_sharing(coalition, weights=gdp_pop(weight))


# -- bases and weights -----------------------------------------------------------------
def _attending():
    """FRA and GBR pledge; ITA attended but named no pledge; ISL has no armed forces.

    FRA gdp 3, pop 3, defence 6, army 100      GBR gdp 3, pop 1, defence 2, army 50
    ITA gdp 2, pop 4, defence 2, army 50       ISL gdp 1, pop 1, no forces
    """
    from forcegen.model import Attendance
    from tests.builders import SOURCE
    nations = [nation("FRA", gdp=3, population=3, defence=6, army=100),
               nation("GBR", gdp=3, population=1, defence=2, army=50),
               nation("ITA", gdp=2, population=4, defence=2, army=50),
               nation("ISL", gdp=1, population=1, active=0, army=0)]
    return scenario(nations, [pledge("FRA", troops_max=5_000), pledge("GBR", "conditional"),
                              pledge("ISL", "considering")],
                    req=requirement(8_000, 10_000),
                    attendance=Attendance(event="test meeting", nations=("FRA", "GBR", "ITA"),
                                          sources=(SOURCE,)))


def test_named_basis_leaves_out_a_nation_without_armed_forces():
    # named: FRA, GBR (ISL has no forces). gdp 3/6 = 0.5, pop 3/4 = 0.75 -> FRA 0.625
    res = burden_sharing(_attending(), weights=gdp_pop(0.5))
    assert res.coalition == ["FRA", "GBR"]
    assert res.of("FRA").fair_share_troops == 6_250


def test_attendees_basis_changes_the_shares():
    # attendees FRA, GBR, ITA: gdp 3/8, pop 3/8 -> FRA 0.375 -> 3,750; ITA 0.25/0.5 -> 3,750
    res = burden_sharing(_attending(), weights=gdp_pop(0.5), basis="attendees")
    assert res.coalition == ["FRA", "GBR", "ITA"]
    assert res.of("FRA").fair_share_troops == 3_750
    assert res.of("ITA").fair_share_troops == 3_750
    assert res.of("ITA").troops is None


def test_user_list_and_defence_and_army_weights():
    # list FRA, GBR; defence 6/8 = 0.75, army 100/150 = 2/3 -> equal weights: 0.7083 -> 7,083
    res = burden_sharing(_attending(), weights={"defence": 1, "army": 1}, basis="list:FRA,GBR")
    assert res.of("FRA").shares == pytest.approx({"defence": 0.75, "army": 2 / 3})
    assert res.of("FRA").fair_share_troops == 7_083


def test_sensitivity_rows_cover_each_basis_and_weight_set():
    rows = fair_share_sensitivity(_attending(), ["FRA", "GBR"])
    assert [(r.basis, r.weights) for r in rows][:2] == [("named", "GDP and population"),
                                                         ("named", "defence spending")]
    by = {(r.basis, r.weights): r.fair_share_troops for r in rows}
    # named, defence only: FRA 6/8 -> 7,500, GBR 2,500
    assert by[("named", "defence spending")] == {"FRA": 7_500, "GBR": 2_500}
    # attendees, army only: 100/200 -> 5,000; GBR 50/200 -> 2,500
    assert by[("attendees", "army size")] == {"FRA": 5_000, "GBR": 2_500}
    assert len(rows) == 8


def test_unknown_weight_refused(coalition):
    with pytest.raises(ValueError, match="weights"):
        burden_sharing(coalition, weights={"tanks": 1.0})


# -- exact notes and the edges of the shares ---------------------------------------------------

def test_missing_figure_notes_in_full(coalition):
    assert burden_sharing(coalition, weights=gdp_pop(0.5)).of("POL").data_note == (
        "no gdp_usd figure: not in the coalition shares")
    scn = scenario([nation("FRA", gdp=1, population=1), nation("ISL")],
                   [pledge("FRA", troops_max=10), pledge("ISL", troops_max=5)])
    assert burden_sharing(scn, weights=gdp_pop(0.5)).of("ISL").data_note == (
        "no gdp_usd or population figure: not in the coalition shares")


def test_all_zero_weights_refused_by_name(coalition):
    with pytest.raises(ValueError, match="not all zero"):
        burden_sharing(coalition, weights={"gdp": 0.0, "population": 0.0})


def test_a_zero_coalition_total_gives_no_shares_and_no_note():
    scn = scenario([nation("FRA", gdp=0), nation("GBR", gdp=0)],
                   [pledge("FRA", troops_max=10), pledge("GBR", troops_max=5)])
    res = burden_sharing(scn, weights={"gdp": 1.0})
    assert res.coalition == ["FRA", "GBR"]
    assert [(n.fair_share, n.fair_share_troops, n.index, n.data_note) for n in res.nations] == [
        (None, None, None, ""), (None, None, None, "")]


def test_a_coalition_total_below_one_still_shares():
    # gdp 0.25 and 0.75 (total 1.0); band top 12,000: 3,000 and 9,000
    scn = scenario([nation("FRA", gdp=0.25), nation("GBR", gdp=0.75)],
                   [pledge("FRA", troops_max=3_000), pledge("GBR", troops_max=4_500)])
    res = burden_sharing(scn, weights={"gdp": 1.0})
    assert [(n.fair_share_troops, n.index) for n in res.nations] == [(3_000, 1.0), (9_000, 0.5)]


def test_a_fair_share_of_one_troop_has_an_index():
    # two equal nations share a band top of 2: one troop each; FRA pledges 3 -> index 3
    scn = scenario([nation("FRA", gdp=1), nation("GBR", gdp=1)],
                   [pledge("FRA", troops_max=3), pledge("GBR", troops_max=1)],
                   req=requirement(1, 2))
    res = burden_sharing(scn, weights={"gdp": 1.0})
    assert [(n.fair_share_troops, n.index) for n in res.nations] == [(1, 3.0), (1, 1.0)]


def test_sensitivity_without_attendance_has_only_the_named_basis(coalition):
    rows = fair_share_sensitivity(coalition, ["FRA"])
    assert [r.basis for r in rows] == ["named"] * 4
