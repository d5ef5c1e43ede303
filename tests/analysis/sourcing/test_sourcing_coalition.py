"""The coalition-2025 sourcing plan: deployment areas, lines and caveats from the fact sheet
(forcegen/data/coalition-2025-26.md), in both modes, with hand-checked expectations.

Per period the lines ask for 15,000 land troops at the western hubs (The Times, 8 Jan
2026), 70 at the Paris headquarters (UK MoD via TASS), 1,000 for air policing from outside
Ukraine and 1,000 for the Black Sea (both personnel figures assumptions): 17,070 troops,
51,210 troop-periods over three 12-month periods.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

import pytest

from forcegen import load_scenario
from forcegen.analysis.sourcing import SolveStatus, SourcingResult, UnfilledReason
from forcegen.model import Scenario

PER_PERIOD = 15_000 + 70 + 1_000 + 1_000


@pytest.fixture(scope="module")
def coalition() -> Scenario:
    return load_scenario("coalition-2025")


@pytest.fixture(scope="module")
def pledges(coalition: Scenario) -> SourcingResult:
    return coalition.sourcing.optimize(mode="pledges")


@pytest.fixture(scope="module")
def capacity(coalition: Scenario) -> SourcingResult:
    return coalition.sourcing.optimize(mode="capacity")


def per_period(result: SourcingResult) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = defaultdict(int)
    for a in result.assignments:
        out[(a.nation, a.period)] += a.troops
    return out


def test_the_areas_and_lines_carry_their_sources(coalition: Scenario) -> None:
    setup = coalition.sourcing_setup
    assert setup is not None
    areas = {a.name: a for a in setup.areas}
    assert set(areas) == {"hubs-west", "black-sea", "air-outside", "mnfu-hq"}
    assert areas["hubs-west"].in_ukraine and not areas["air-outside"].in_ukraine
    assert areas["air-outside"].host == "POL" and areas["mnfu-hq"].host == "FRA"
    # no source gives a distance: every distance is an assumption, and says so
    assert all(a.is_assumption for a in setup.areas)
    lines = {ln.name: ln for ln in setup.lines}
    # the land figure and the headquarters are sourced; the air and naval personnel are not
    assert not lines["land-hubs"].is_assumption and lines["land-hubs"].troops == 15_000
    assert "up to 15,000 soldiers to Ukraine" in lines["land-hubs"].source
    assert not lines["hq-mnfu"].is_assumption and lines["hq-mnfu"].troops == 70
    assert lines["combat-air-outside"].is_assumption
    assert lines["combat-air-outside"].equipment == 18  # "between 18-35 fighter jets"
    assert lines["naval-mcm-black-sea"].is_assumption
    # the land line is the band of the latest version (the UK-France core of up to 15,000)
    assert coalition.requirement.max_troops == lines["land-hubs"].troops
    caveats = {(c.nation, c.area) for c in setup.caveats}
    assert caveats == {("DEU", "hubs-west"), ("DEU", "black-sea"), ("USA", "hubs-west")}


def test_only_the_latest_version_has_the_areas() -> None:
    # the deployment areas are those of January 2026; an earlier date has none, and the
    # optimiser derives one area from the requirement
    assert load_scenario("coalition-2025", as_of=dt.date(2025, 5, 1)).sourcing_setup is None


def test_pledges_mode_fills_the_hubs_from_the_two_figures(pledges: SourcingResult) -> None:
    # only the UK (fewer than 7,500) and France (up to 6,000) give a number: 13,500 a
    # period, all of it used (headquarters first, priority 3, then the hubs, priority 2)
    assert pledges.status is SolveStatus.OPTIMAL
    assert per_period(pledges) == {(n, p): t for p in ("year-1", "year-2", "year-3")
                                   for n, t in (("GBR", 7_500), ("FRA", 6_000))}
    assert pledges.troops_required == 3 * PER_PERIOD == 51_210
    assert pledges.troops_filled == 3 * 13_500
    assert pledges.coverage == 3 * (70 * 3 + 13_430 * 2) == 81_210
    gaps = {(u.requirement, u.period): (u.troops, u.reason) for u in pledges.unfilled}
    for p in ("year-1", "year-2", "year-3"):
        assert gaps[("land-hubs", p)] == (1_570, UnfilledReason.OFFERS_EXHAUSTED)
        assert gaps[("combat-air-outside", p)] == (1_000, UnfilledReason.NO_OFFER)
        assert gaps[("naval-mcm-black-sea", p)] == (1_000, UnfilledReason.NO_OFFER)
    assert len(gaps) == 9
    assert pledges.left_out["DEU"] == "no troop number on the table"
    assert pledges.left_out["POL"] == "ruled out"
    # neither limit binds: the UK's 7,500 is within its 7,963, the areas beyond 100 km
    assert {c.caveat: c.coverage_gain for c in pledges.limit_costs} == {
        "sustainable capacity per period": 0.0, "the standoff from the line of contact": 0.0}
    assert all(c.proven for c in pledges.limit_costs)


def test_capacity_mode_fills_every_line_within_capacity_and_caveats(
        coalition: Scenario, capacity: SourcingResult) -> None:
    assert capacity.status is SolveStatus.OPTIMAL
    assert capacity.troops_filled == capacity.troops_required == 51_210
    assert capacity.unfilled == []
    plan = coalition.plan()
    totals = per_period(capacity)
    for (nation, _), troops in totals.items():
        assert troops <= plan.sustainment.of(nation).sustainable_troops
    # Germany: not inside Ukraine, and only with the US backstop (not in place); Belgium,
    # Sweden and Estonia also need the backstop: none of them is asked for anything
    for nation in ("DEU", "BEL", "SWE", "EST"):
        assert not capacity.of(nation)
    # no US ground troops: the US is never at the hubs. Its fair share (47 %) is far above
    # what it may fill, so it takes every troop outside the hubs: 1,000 + 1,000 + 70
    assert not any(a.area == "hubs-west" for a in capacity.of("USA"))
    for p in ("year-1", "year-2", "year-3"):
        assert totals[("USA", p)] == 2_070
    # everyone else who may serve gets at least its fair share of the 17,070 (moving a troop
    # from a nation above its share to one below lowers the fair-share term)
    for f in capacity.fair_share:
        if f.nation in ("DEU", "BEL", "SWE", "EST", "USA") or f.fair_share is None:
            continue
        for p in ("year-1", "year-2", "year-3"):
            assert totals[(f.nation, p)] >= math.floor(f.fair_share * PER_PERIOD), f.nation
    # the backstop caveats come from the pledges' US-backstop conditions, with their source
    derived = {c.nation: c.source for c in capacity.caveats if c.kind == "needs_backstop"}
    assert set(derived) == {"DEU", "BEL", "SWE", "EST"}
    assert derived["BEL"] == ("Babel, 2026-01-06: Strong US support, incl. US leadership of "
                              "monitoring")
    # every line filled: no caveat or limit costs anything
    assert [c.coverage_gain for c in capacity.caveat_costs] == [0.0] * 7
    assert {c.nation for c in capacity.caveat_costs} == {"DEU", "USA", "BEL", "SWE", "EST"}


def test_the_equipment_goes_pro_rata(capacity: SourcingResult) -> None:
    air = [a for a in capacity.assignments if a.requirement == "combat-air-outside"]
    assert sum(a.equipment or 0 for a in air if a.period == "year-1") == pytest.approx(18)
    assert {a.equipment_unit for a in air} == {"fighter jets"}
