"""Shared fixtures: named example scenarios, built once per session."""

from __future__ import annotations

import pytest

from forcegen.io.catalogue import load_scenario
from forcegen.model import Scenario


@pytest.fixture(scope="session")
def paris_2025() -> Scenario:
    return load_scenario("paris-2025")


@pytest.fixture(scope="session")
def small_coalition() -> Scenario:
    """A hand-solved 10,000-12,000 troop force (builders' round assumptions: rotation
    ratio 5, deployable share 0.4, land share of actives 0.5, 6-month tours, 36 months).

    Lines: land 5,000; intelligence 800; air defence 1,000; logistics 500.
    FRA offers 3,000 land (army 100,000)       -> usable 40,000, pool 15,000: sustainable
    DEU considers 600 land (army 60,000)       -> usable 24,000, pool 3,000: sustainable
    FIN offers 1,200 air defence (active 24,000 -> land 12,000) -> usable 4,800,
        pool 6,000: short; 4 tours x 6 = 24 months < 36
    GBR conditional 1,000 logistics (no figure) -> no data
    NLD offers 2,000, no capability (army 15,000) -> usable 6,000, pool 10,000:
        3 tours x 6 = 18 months: short; unallocated 2,000
    POL rules out (land)                        -> nothing to sustain
    USA backstop (considering): intelligence, air defence
    Coverage: land 3,600 pledged (gap 1,400); intelligence 0 (gap 800, backstop fills);
    air defence 1,200 (gap 0); logistics 1,000 (gap 0).
    Totals: offered 6,200; conditional 1,000; considering 600; max possible 7,800.
    """
    from forcegen.model import Capability
    from tests.builders import backstop, nation, pledge, requirement, scenario

    land, intel, air_def, log = (Capability.LAND_MANOEUVRE, Capability.INTELLIGENCE,
                                 Capability.AIR_DEFENCE, Capability.LOGISTICS)
    return scenario(
        [nation("FRA", army=100_000, gdp=3e12, population=68e6),
         nation("DEU", army=60_000, gdp=4e12, population=84e6),
         nation("FIN", active=24_000, gdp=0.3e12, population=5.6e6),
         nation("GBR"), nation("NLD", army=15_000, gdp=1e12, population=18e6),
         nation("POL", army=110_000), nation("USA")],
        [pledge("FRA", "offered", troops_max=3_000, capability=land),
         pledge("DEU", "considering", troops_max=600, capability=land),
         pledge("FIN", "offered", troops_max=1_200, capability=air_def),
         pledge("GBR", "conditional", troops_max=1_000, capability=log),
         pledge("NLD", "offered", troops_max=2_000),
         pledge("POL", "ruled_out", capability=land)],
        req=requirement(10_000, 12_000, {land: 5_000, intel: 800, air_def: 1_000, log: 500}),
        backstops=[backstop("USA", [intel, air_def])],
        name="small-coalition",
    )
