"""The net deployable capacity chain, hand-computed per step, and the coalition line.

Unless a test says otherwise: rotation ratio 5, deployable share 0.40, land share of
active personnel 0.5 (the builders' round numbers).
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forcegen.analysis.plan.capacity import (
    CapacityStep,
    NationCapacity,
    _first_sentences,
    basis_nations,
    coalition_capacity,
    nation_capacity,
)
from forcegen.model import Attendance, Figure, Nation, RotationOverride, StandingCommitment
from tests.builders import SOURCE, nation, pledge, scenario


def commitment(iso3: str, troops: int, source: str = "Test ministry, 2024") -> StandingCommitment:
    return StandingCommitment(nation=iso3, name="test task", troops=troops, year=2024,
                              source=source, grade="A")


def test_chain_step_by_step():
    # army 100,000 - 7,000 task = 93,000; x 0.4 = 37,200; / 5 = 7,440
    scn = scenario([nation("FRA", army=100_000, conscripts=False)], [pledge("FRA")],
                   commitments=[commitment("FRA", 7_000)])
    cap = nation_capacity(scn)["FRA"]
    assert [s.value for s in cap.steps] == [100_000, 100_000, 93_000, 93_000, 37_200, 7_440]
    assert (cap.land_forces, cap.deployable, cap.sustainable) == (93_000, 37_200, 7_440)
    assert cap.steps[2].step == "minus test task (2024): 7,000"
    assert cap.steps[2].source == "Test ministry, 2024 [grade A]"
    # the shares and ratio come from test assumptions: marked as such
    assert cap.rests_on_assumptions == ["x deployable share 0.4", "/ rotation ratio 5"]


def test_conscript_army_is_flagged_not_deducted():
    scn = scenario([nation("FIN", army=23_000, conscripts=True)], [pledge("FIN")])
    step = nation_capacity(scn)["FIN"].steps[1]
    assert step.value == 23_000 and step.is_assumption
    assert "overstated" in step.source


def test_commitment_as_named_assumption():
    scn = scenario([nation("GBR", army=10_000)], [pledge("GBR")],
                   commitments=[commitment("GBR", 2_000, "assumption: home defence")])
    cap = nation_capacity(scn)["GBR"]
    assert cap.land_forces == 8_000
    assert "minus test task (2024): 2,000" in cap.rests_on_assumptions


def test_commitments_never_drive_the_base_negative():
    scn = scenario([nation("EST", army=1_000)], [pledge("EST")],
                   commitments=[commitment("EST", 5_000)])
    assert nation_capacity(scn)["EST"].land_forces == 0


def test_missing_army_stays_missing_without_the_fallback():
    scn = scenario([nation("SWE", active=23_050)], [pledge("SWE")],
                   overrides={"land_share_of_active": None})
    cap = nation_capacity(scn)["SWE"]
    assert (cap.land_forces, cap.deployable, cap.sustainable) == (None, None, None)
    assert cap.steps[0].value is None
    assert "no army figure" in cap.missing


def test_no_armed_forces_is_zero_and_says_so():
    scn = scenario([nation("ISL", active=0, army=0)], [pledge("ISL", "considering")])
    cap = nation_capacity(scn)["ISL"]
    assert cap.has_armed_forces is False
    assert (cap.land_forces, cap.sustainable) == (0, 0)
    assert "no troop contributor" in cap.missing


def test_sensitivity_range_and_override():
    # deployable 40,000: 13,333 at 3, 10,000 at 4, 8,000 at 5; GBR's own ratio 2.5 -> 16,000
    scn = scenario([nation("FRA", army=100_000), nation("GBR", army=100_000)],
                   [pledge("FRA"), pledge("GBR")],
                   overrides={"rotation_ratio": 4, "rotation_ratio_low": 3,
                              "rotation_ratio_high": 5},
                   rotations=[RotationOverride(nation="GBR", rotation_ratio=2.5,
                                               source="Test: UK planning, 2024")])
    caps = nation_capacity(scn)
    assert caps["FRA"].sustainable_by_ratio == {"4": 10_000, "3": 13_333, "5": 8_000}
    assert caps["GBR"].sustainable == 16_000
    assert caps["GBR"].steps[-1].source == "Test: UK planning, 2024"
    assert caps["GBR"].steps[-1].is_assumption is False


def _coalition():
    nations = [nation("FRA", army=100_000), nation("GBR", army=50_000),
               nation("ITA", army=25_000), nation("SWE", active=20_000),
               nation("ISL", active=0, army=0), nation("USA", army=400_000)]
    return scenario(nations, [pledge("FRA"), pledge("GBR", "conditional"), pledge("SWE"),
                              pledge("ISL", "considering"), pledge("USA", "ruled_out")],
                    overrides={"land_share_of_active": None},
                    attendance=Attendance(event="test", nations=("FRA", "ITA"),
                                          sources=(SOURCE,)))


def test_coalition_of_named_nations():
    # FRA 40,000 + GBR 20,000 deployable = 60,000; / 5 = 8,000 + 4,000 = 12,000.
    # SWE has no army figure; ISL no forces; USA ruled out.
    c = coalition_capacity(_coalition(), "named")
    assert (c.nations, c.without_data) == (["FRA", "GBR"], ["SWE"])
    assert (c.land_forces, c.deployable, c.sustainable) == (150_000, 60_000, 12_000)
    assert (c.band_min, c.band_max) == (10_000, 12_000)


def test_coalition_of_attendees_and_of_a_list():
    scn = _coalition()
    att = coalition_capacity(scn, "attendees")
    assert att.nations == ["FRA", "ITA"]
    assert att.sustainable == 8_000 + 2_000
    lst = coalition_capacity(scn, "list:GBR,ITA")
    assert (lst.nations, lst.sustainable) == (["GBR", "ITA"], 4_000 + 2_000)


def test_unknown_basis_refused():
    with pytest.raises(ValueError, match="basis"):
        coalition_capacity(_coalition(), "everyone")


# -- laws --------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(army=st.integers(0, 500_000), tasks=st.lists(st.integers(0, 50_000), max_size=3),
       extra=st.integers(0, 50_000), ratio=st.sampled_from([2, 3, 4, 5]),
       more=st.sampled_from([0, 0.5, 1, 2]))
def test_laws_commitments_and_ratio_never_raise_capacity(army, tasks, extra, ratio, more):
    """L1: adding a standing commitment never raises the net base, deployable or sustainable
    figure; L2: a higher rotation ratio never raises the sustainable figure; L3: every step's
    value is at most the one before it."""
    base = [commitment("FRA", t) for t in tasks]

    def cap(cs, r):
        scn = scenario([nation("FRA", army=army)], [pledge("FRA")], commitments=cs,
                       overrides={"rotation_ratio": r})
        return nation_capacity(scn)["FRA"]

    a, b = cap(base, ratio), cap([*base, commitment("FRA", extra)], ratio)
    assert (b.land_forces, b.deployable, b.sustainable) <= (a.land_forces, a.deployable,
                                                             a.sustainable)
    assert b.land_forces <= a.land_forces and b.sustainable <= a.sustainable
    assert cap(base, ratio + more).sustainable <= a.sustainable
    values = [s.value for s in a.steps]
    assert all(x >= y for x, y in itertools.pairwise(values))


# -- each record in full: the steps a reader sees, with their sources -------------------------

def test_no_armed_forces_record_in_full():
    scn = scenario([nation("ISL", active=0, army=0)], [pledge("ISL", "considering")],
                   overrides={"rotation_ratio": 4, "rotation_ratio_low": 3,
                              "rotation_ratio_high": 5},
                   rotations=[RotationOverride(nation="ISL", tour_months=4,
                                               source="assumption: test tour")])
    assert nation_capacity(scn)["ISL"] == NationCapacity(
        iso3="ISL", name="ISL", has_armed_forces=False, land_forces=0, deployable=0,
        sustainable=0, rotation_ratio=4, sustainable_by_ratio={"4": 0, "3": 0, "5": 0},
        tour_months=4,
        steps=[CapacityStep(step="no armed forces", value=0, source="test figure",
                            is_assumption=False)],
        missing="no armed forces: no troop contributor")


def test_missing_army_record_keeps_the_tour_override_and_armed_forces():
    scn = scenario([nation("SWE", active=23_050)], [pledge("SWE")],
                   overrides={"land_share_of_active": None},
                   rotations=[RotationOverride(nation="SWE", tour_months=6,
                                               source="assumption: test tour")])
    cap = nation_capacity(scn)["SWE"]
    why = ("no army figure in countries.csv (no authoritative land-force split); "
           "capacity not computed")
    assert (cap.has_armed_forces, cap.tour_months, cap.sustainable_by_ratio, cap.missing) == (
        True, 6, {"5": None}, why)


def test_graded_undated_army_and_undated_ungraded_commitment_read_plainly():
    # army 10,000 (no year, grade B) - 1,000 = 9,000; x 0.4 = 3,600; / 5 = 720
    fin = Nation(iso3="FIN", name="Finland", army_includes_conscripts=False, notes="",
                 army_personnel=Figure(value=10_000, source="test figure", grade="B"))
    scn = scenario([fin], [pledge("FIN")], commitments=[StandingCommitment(
        nation="FIN", name="border guard", troops=1_000, source="assumption: test task")])
    cap = nation_capacity(scn)["FIN"]
    assert [(s.step, s.value, s.source, s.is_assumption) for s in cap.steps] == [
        ("army personnel", 10_000, "test figure [grade B]", False),
        ("minus conscripts and part-time: none in the figure", 10_000,
         "countries.csv conscripts note: no conscripts", False),
        ("minus border guard: 1,000", 9_000, "assumption: test task", True),
        ("= net deployable base (land forces)", 9_000, "computed", False),
        ("x deployable share 0.4", 3_600, "assumption: test value", True),
        ("/ rotation ratio 5", 720, "assumption: test value", True),
    ]
    assert (cap.has_armed_forces, cap.missing) == (True, "")


def test_dated_ungraded_army_says_no_grade():
    cap = nation_capacity(scenario([nation("FRA", army=100_000)], [pledge("FRA")]))["FRA"]
    assert (cap.steps[0].step, cap.steps[0].source) == ("army personnel (2024)",
                                                        "test figure [no grade]")


def test_active_personnel_fallback_shows_both_figures():
    # active 20,000 x land share 0.5 = 10,000
    cap = nation_capacity(scenario([nation("SWE", active=20_000)], [pledge("SWE")]))["SWE"]
    assert [(s.step, s.value) for s in cap.steps[:2]] == [
        ("active personnel (no army figure)", 20_000), ("x land_share_of_active 0.5", 10_000)]


def test_nation_capacity_of_the_codes_given_only():
    scn = scenario([nation("FRA", army=1_000), nation("GBR", army=1_000)],
                   [pledge("FRA"), pledge("GBR")])
    assert list(nation_capacity(scn, ["GBR"])) == ["GBR"]


def test_attendees_without_armed_forces_are_left_out():
    scn = _coalition().model_copy(update={"attendance": Attendance(
        event="test", nations=("ISL", "FRA", "ITA"), sources=(SOURCE,))})
    assert basis_nations(scn, "attendees") == ["FRA", "ITA"]


def test_coalition_defaults_to_named_and_uses_the_capacities_given():
    scn = _coalition()
    assert coalition_capacity(scn).basis == "named"
    given_caps = {"FRA": nation_capacity(scn)["FRA"]}
    c = coalition_capacity(scn, "named", given_caps)
    assert (c.nations, c.without_data, c.sustainable) == (["FRA"], ["GBR", "SWE"], 8_000)


def test_a_nation_with_nothing_left_adds_nothing_to_the_coalition():
    # EST: 1,000 - 5,000 task = 0 land forces; FRA 1,000 x 0.4 = 400 at ratios 1 and 5
    scn = scenario([nation("FRA", army=1_000), nation("EST", army=1_000)],
                   [pledge("FRA"), pledge("EST")], commitments=[commitment("EST", 5_000)],
                   overrides={"rotation_ratio_low": 1})
    c = coalition_capacity(scn, "named")
    assert (c.land_forces, c.deployable, c.sustainable) == (1_000, 400, 80)
    assert c.sustainable_by_ratio == {"5": 80, "1": 400}


@pytest.mark.parametrize(("text", "expected"), [
    ("x" * 200, "x" * 200),                                   # at the limit: whole
    ("One. " + "x" * 195, "One. " + "x" * 195),               # 200 with a sentence: whole
    ("One. " + "x" * 196, "One."),                            # 201: cut after the sentence
    ("y" * 201, "y" * 200 + "..."),                           # no sentence: cut with ellipsis
    (". " + "z" * 199, ". " + "z" * 198 + "..."),             # a stop at 0 is no sentence
    ("A. " + "z" * 199, "A."),                                # a stop at 1 is one
])
def test_first_sentences(text: str, expected: str) -> None:
    assert _first_sentences(text) == expected
