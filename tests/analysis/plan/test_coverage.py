"""Capability coverage on a hand-solved coalition, with and without the backstop."""

from __future__ import annotations

import pytest

from forcegen.analysis.plan.coverage import capability_coverage
from forcegen.model import Capability
from tests.builders import backstop, nation, pledge, requirement, scenario

LAND, INTEL, AIR_DEF, LOG = (Capability.LAND_MANOEUVRE, Capability.INTELLIGENCE,
                             Capability.AIR_DEFENCE, Capability.LOGISTICS)
CODES = ("FRA", "DEU", "GBR", "FIN", "NLD", "POL", "USA")


def build(backstops=None):
    """Lines: land 5,000; intelligence 200 in theatre + 600 enablers; air defence 1,000
    (in theatre only); logistics 500.

    FRA offers 3,000 land, DEU considers 600 land          -> land pledged 3,600, gap 1,400
    nobody pledges intelligence                             -> gap 800
    FIN offers 1,200 air defence                            -> gap 0 (1,000 needed)
    GBR conditional 1,000 logistics                         -> gap 0 (500 needed)
    NLD offers 2,000 with no capability                     -> unallocated 2,000
    POL rules out (no troops, land)                          -> ignored
    USA backstop (offered): intelligence, air defence
    """
    return scenario(
        [nation(c) for c in CODES],
        [
            pledge("FRA", "offered", troops_max=3_000, capability=LAND),
            pledge("DEU", "considering", troops_max=600, capability=LAND),
            pledge("FIN", "offered", troops_max=1_200, capability=AIR_DEF),
            pledge("GBR", "conditional", troops_max=1_000, capability=LOG),
            pledge("NLD", "offered", troops_max=2_000),
            pledge("POL", "ruled_out", capability=LAND),
        ],
        req=requirement(10_000, 12_000, {LAND: 5_000, INTEL: 200, AIR_DEF: 1_000, LOG: 500},
                        enablers={INTEL: 600}),
        backstops=([backstop("USA", [INTEL, AIR_DEF], "offered")] if backstops is None
                   else backstops),
    )


def lines(result):
    return {c.capability: c for c in result.lines}


def test_required_pledged_gap_per_line():
    cov = lines(capability_coverage(build(), backstop_fills_whole_line=True))
    assert [(c.required, c.pledged, c.gap) for c in cov.values()] == [
        (5_000, 3_600, 1_400),  # land: 3,000 + 600
        (800, 0, 800),  # intelligence
        (1_000, 1_200, 0),  # air defence over-covered: gap floors at 0
        (500, 1_000, 0),  # logistics
    ]
    assert cov[LAND].label == "Land manoeuvre"
    assert cov[LAND].requirement_source == "assumption: test line"


def test_backstop_fills_enablers_only():
    res = capability_coverage(build(), backstop_fills_whole_line=True)
    cov = lines(res)
    # intelligence: 200 in theatre + 600 enablers missing; the USA fills the 600 only
    assert (cov[INTEL].gap_in_theatre, cov[INTEL].gap_enablers) == (200, 600)
    assert cov[INTEL].filled_by_backstop is True
    assert cov[INTEL].backstop_counted == ["USA"]
    assert cov[INTEL].gap_with_backstop == 200
    # land: gap 1,400, no provider -> stays
    assert cov[LAND].filled_by_backstop is False
    assert cov[LAND].gap_with_backstop == 1_400
    # air defence: the USA offers it but there is no gap -> not "filled"
    assert cov[AIR_DEF].filled_by_backstop is False
    assert cov[AIR_DEF].backstop_providers == ["USA"]
    assert res.gaps_without_backstop == [LAND, INTEL]
    assert res.gaps_with_backstop == [LAND, INTEL]
    assert res.backstop_fills_whole_line is True


def test_backstop_never_fills_in_theatre_troops():
    # air defence needs 1,500 in theatre, nobody pledges it: the offered US backstop
    # providing air defence leaves the whole gap (it is an enabler, not a troop filler)
    scn = scenario([nation("FRA"), nation("USA")], [pledge("FRA", troops_max=1)],
                   req=requirement(lines={AIR_DEF: 1_500}),
                   backstops=[backstop("USA", [AIR_DEF], "committed")])
    line = capability_coverage(scn).lines[0]
    assert (line.gap, line.gap_with_backstop, line.filled_by_backstop) == (1_500, 1_500, False)


def test_pledges_fill_in_theatre_first_then_enablers():
    # intelligence 200 + 600; 500 pledged -> 200 in theatre, 300 enablers; 300 enablers short
    scn = scenario([nation("FRA")],
                   [pledge("FRA", troops_max=500, capability=INTEL)],
                   req=requirement(lines={INTEL: 200}, enablers={INTEL: 600}))
    line = capability_coverage(scn).lines[0]
    assert (line.required, line.gap_in_theatre, line.gap_enablers, line.gap) == (800, 0, 300, 300)


@pytest.mark.parametrize(("modality", "threshold", "counted"), [
    ("considering", "offered", False),  # seeking clarification: not a filled line
    ("offered", "offered", True),
    ("considering", "considering", True),  # the user lowers the bar
    ("conditional", "committed", False),
])
def test_backstop_counts_only_at_the_chosen_firmness(modality, threshold, counted):
    from forcegen.model import Modality
    res = capability_coverage(build(backstops=[backstop("USA", [INTEL], modality)]),
                              backstop_min_modality=Modality(threshold))
    line = lines(res)[INTEL]
    assert line.filled_by_backstop is counted
    assert line.backstop_providers == ["USA"]  # reported at any firmness
    assert line.gap_with_backstop == (200 if counted else 800)
    assert line.gap == 800  # the gap without backstop is always reported too


def test_backstop_not_whole_line_reports_but_keeps_gap():
    res = capability_coverage(build(), backstop_fills_whole_line=False)
    cov = lines(res)
    # still reported as filled by the USA, but the 800 stay missing
    assert cov[INTEL].filled_by_backstop is True
    assert cov[INTEL].gap_with_backstop == 800
    assert res.gaps_with_backstop == [LAND, INTEL]
    assert res.backstop_fills_whole_line is False


def test_without_backstop():
    res = capability_coverage(build(backstops=[]), backstop_fills_whole_line=True)
    cov = lines(res)
    assert cov[INTEL].filled_by_backstop is False
    assert cov[INTEL].backstop_providers == []
    assert cov[INTEL].gap_with_backstop == 800
    assert res.gaps_with_backstop == res.gaps_without_backstop == [LAND, INTEL]


def test_ruled_out_backstop_fills_nothing():
    res = capability_coverage(build(backstops=[backstop("USA", [INTEL], "ruled_out")]),
                              backstop_fills_whole_line=True)
    cov = lines(res)
    assert cov[INTEL].filled_by_backstop is False
    assert cov[INTEL].backstop_providers == []
    assert cov[INTEL].gap_with_backstop == 800


def test_several_providers_listed_in_order():
    res = capability_coverage(
        build(backstops=[backstop("USA", [INTEL]), backstop("GBR", [INTEL], "offered")]),
        backstop_fills_whole_line=True,
    )
    assert lines(res)[INTEL].backstop_providers == ["USA", "GBR"]


def test_unallocated_troops():
    # NLD's 2,000 name no capability: counted apart, in no line
    res = capability_coverage(build(), backstop_fills_whole_line=True)
    assert res.unallocated_troops == 2_000
    assert sum(c.pledged for c in res.lines) == 3_600 + 0 + 1_200 + 1_000


def test_pledge_without_number_adds_nothing():
    scn = scenario([nation("FRA")], [pledge("FRA", "considering", capability=LAND)],
                   req=requirement(lines={LAND: 100}))
    res = capability_coverage(scn, backstop_fills_whole_line=True)
    assert (res.lines[0].pledged, res.lines[0].gap, res.unallocated_troops) == (0, 100, 0)


@pytest.mark.parametrize("whole", [True, False])
def test_no_requirement_lines_no_coverage(whole):
    scn = scenario([nation("FRA")], [pledge("FRA", troops_max=500)])
    res = capability_coverage(scn, backstop_fills_whole_line=whole)
    assert res.lines == []
    assert res.unallocated_troops == 500


def test_a_gap_of_one_troop_is_filled_by_the_backstop():
    # intelligence needs 800; FIN pledges 799 of it: a gap of exactly 1, which the USA closes
    scn = build()
    scn = scn.model_copy(update={"pledges": (*scn.pledges, pledge("FIN", troops_max=799,
                                                                  capability=INTEL))})
    intel = next(c for c in capability_coverage(scn, backstop_fills_whole_line=True).lines
                 if c.capability is INTEL)
    assert (intel.gap, intel.filled_by_backstop, intel.gap_with_backstop) == (1, True, 0)


def test_a_ruled_out_backstop_does_not_hide_the_next_one():
    res = capability_coverage(
        build(backstops=[backstop("USA", [INTEL], "ruled_out"), backstop("GBR", [INTEL],
                                                                         "offered")]),
        backstop_fills_whole_line=True)
    cov = lines(res)[INTEL]
    assert (cov.backstop_providers, cov.backstop_counted, cov.gap_with_backstop) == (
        ["GBR"], ["GBR"], 200)
