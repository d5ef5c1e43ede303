"""Force generation on tiny hand-solved coalitions: troops by modality against the band."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from forcegen.analysis.plan.generation import generation_status
from forcegen.model import Modality
from tests.builders import nation, pledge, requirement, scenario

NATIONS = [nation(c) for c in ("FRA", "GBR", "DEU", "POL", "USA")]


@pytest.fixture(scope="module")
def four_nations():
    """Band 10,000-12,000.

    FRA committed 4,000-6,000; GBR offered up to 3,000; DEU conditional "at least 1,000"
    (no max, so its largest figure is its min); POL considering, no number; USA ruled out.
    """
    return scenario(NATIONS, [
        pledge("FRA", "committed", troops_min=4_000, troops_max=6_000),
        pledge("GBR", "offered", troops_max=3_000),
        pledge("DEU", "conditional", troops_min=1_000),
        pledge("POL", "considering"),
        pledge("USA", "ruled_out"),
    ], req=requirement(10_000, 12_000))


def test_modality_totals(four_nations):
    g = generation_status(four_nations)
    # committed: max 6,000, min 4,000; offered: 3,000 (min 0); conditional: 1,000 both ways
    assert [(t.modality, t.troops, t.troops_min, t.pledges) for t in g.by_modality] == [
        (Modality.COMMITTED, 6_000, 4_000, 1),
        (Modality.OFFERED, 3_000, 0, 1),
        (Modality.CONDITIONAL, 1_000, 1_000, 1),
        (Modality.CONSIDERING, 0, 0, 1),
        (Modality.CAUTIOUS, 0, 0, 0),
        (Modality.RULED_OUT, 0, 0, 1),
    ]
    assert g.total(Modality.OFFERED) == 3_000


def test_certain_and_max_possible(four_nations):
    g = generation_status(four_nations)
    # certain: only committed pledges' stated minimum = 4,000
    assert g.certain == 4_000
    # possible: 6,000 + 3,000 + 1,000 = 10,000 (POL has no number, USA ruled out)
    assert g.max_possible == 10_000
    assert (g.target_min, g.target_max) == (10_000, 12_000)


def test_shortfalls(four_nations):
    g = generation_status(four_nations)
    # 10,000 - 4,000 = 6,000 short on certain; 10,000 - 10,000 = 0 on possible
    assert g.shortfall_certain == 6_000
    assert g.shortfall_possible == 0


def test_shortfall_never_negative_when_over_the_band():
    # 20,000 committed against a 10,000 minimum: no shortfall, not -10,000
    scn = scenario([nation("FRA")], [pledge("FRA", "committed", troops_min=20_000)])
    g = generation_status(scn)
    assert (g.certain, g.max_possible) == (20_000, 20_000)
    assert (g.shortfall_certain, g.shortfall_possible) == (0, 0)


def test_unquantified_nations_listed_not_guessed(four_nations):
    g = generation_status(four_nations)
    # POL is in the force with no number; USA is ruled out, so not "in the force"
    assert g.unquantified == ["POL"]
    considering = next(t for t in g.by_modality if t.modality is Modality.CONSIDERING)
    assert considering.unquantified == ["POL"]
    ruled_out = next(t for t in g.by_modality if t.modality is Modality.RULED_OUT)
    assert ruled_out.unquantified == []


def test_nation_quantified_elsewhere_is_not_unquantified():
    # GBR offers 3,000 and is also "considering" more with no number: it has a number
    scn = scenario([nation("GBR"), nation("NLD")], [
        pledge("GBR", "offered", troops_max=3_000),
        pledge("GBR", "considering"),
        pledge("NLD", "cautious"),
    ])
    g = generation_status(scn)
    assert g.unquantified == ["NLD"]
    considering = next(t for t in g.by_modality if t.modality is Modality.CONSIDERING)
    assert considering.unquantified == []
    assert g.max_possible == 3_000


def test_unquantified_in_first_mention_order():
    scn = scenario([nation(c) for c in ("SWE", "DNK", "FIN")], [
        pledge("SWE", "considering"), pledge("DNK", "cautious"), pledge("FIN", "considering"),
    ])
    assert generation_status(scn).unquantified == ["SWE", "DNK", "FIN"]


def test_ruled_out_pledges_add_nothing():
    # Same coalition with and without a ruled-out pledge: every total is equal
    base = [pledge("FRA", "offered", troops_max=5_000)]
    with_ruled_out = scenario([nation("FRA"), nation("USA")],
                              [*base, pledge("USA", "ruled_out", troops_max=0)])
    without = scenario([nation("FRA"), nation("USA")], base)
    a, b = generation_status(with_ruled_out), generation_status(without)
    assert (a.certain, a.max_possible, a.unquantified) == (0, 5_000, [])
    assert (a.certain, a.max_possible, a.unquantified) == (b.certain, b.max_possible,
                                                           b.unquantified)
    assert a.total(Modality.RULED_OUT) == 0


def test_ruled_out_pledge_cannot_carry_troops():
    with pytest.raises(ValidationError, match="ruled-out pledge cannot carry troops"):
        pledge("USA", "ruled_out", troops_max=1_000)


def test_certain_counts_only_committed_minimum():
    # offered 8,000-9,000 is not certain; committed with only a max (0 min) adds 0
    scn = scenario([nation("FRA"), nation("DEU")], [
        pledge("FRA", "offered", troops_min=8_000, troops_max=9_000),
        pledge("DEU", "committed", troops_max=2_000),
    ])
    g = generation_status(scn)
    assert g.certain == 0
    assert g.max_possible == 11_000
    assert g.shortfall_certain == 10_000
    assert g.shortfall_possible == 0
