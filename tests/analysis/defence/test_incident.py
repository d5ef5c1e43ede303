"""Hand-judged incidents: who is bound, under which clause, and what rests on the US."""

from __future__ import annotations

import pytest

from forcegen.errors import NotFound, UsageError
from forcegen.model import Agreement, AgreementKind, Condition, ConditionKind, Scenario
from forcegen.model.defence import DefenceClause, NationalCaveat, ObligationStrength, Trigger
from tests.builders import SOURCE, backstop, corridor, nation, pledge, requirement, scenario, tier

BIG = {"army": 100_000, "active": 200_000}
AREAS = ("west", "east")


def clause(name: str, strength: str, *, triggers: tuple[str, ...] = ("forces_in_area",),
           parties: tuple[str, ...] = (), draft: bool = False,
           areas: tuple[str, ...] = ()) -> DefenceClause:
    return DefenceClause(name=name, strength=ObligationStrength(strength),
                         triggers=tuple(Trigger(t) for t in triggers), parties=parties,
                         draft=draft, areas=areas, source="assumption: test clause")


def coalition(clauses: tuple[DefenceClause, ...],
              caveats: tuple[NationalCaveat, ...] = ()) -> Scenario:
    """FRA, GBR, POL, NLD in the force; USA outside it with a backstop."""
    agreement = Agreement(kind=AgreementKind.MUTUAL_DEFENCE, status="signed",
                          clauses=clauses, caveats=caveats, sources=(SOURCE,))
    us_condition = Condition(kind=ConditionKind.US_BACKSTOP, detail="needs US backing")
    return scenario(
        [nation(c, **BIG) for c in ("FRA", "GBR", "POL", "NLD", "USA")],
        [pledge("FRA", troops_max=5_000), pledge("GBR", troops_max=3_000),
         pledge("POL", troops_max=1_000),
         pledge("NLD", "conditional", troops_max=500, conditions=[us_condition]),
         pledge("USA", "ruled_out")],
        req=requirement(deployment_areas=AREAS),
        backstops=[backstop("USA", ["intelligence", "air_defence"])],
        agreements=(agreement,),
        corridors=(corridor("road", 1_000, 2),),
        readiness=(tier("FRA", 2_000, 0), tier("GBR", 1_000, 10), tier("POL", 500, 0),
                   tier("NLD", 300, 40)))


def test_bound_under_the_clause_with_its_strength() -> None:
    scn = coalition((clause("mutual", "automatic_assistance"),))
    res = scn.incident(["FRA"])
    gbr = res.party("GBR")
    assert (gbr.bound, gbr.clause, gbr.strength) == (True, "mutual", "automatic_assistance")
    fra = res.party("FRA")
    assert fra.attacked and not fra.bound  # nobody else attacked: nothing binds it
    assert res.attacked == ["FRA"] and res.area == "west"


def test_caveat_excluding_the_attacked_area_unbinds() -> None:
    caveat = NationalCaveat(party="POL", excludes_areas=("east",), detail="not east of X",
                            source="assumption: test caveat")
    scn = coalition((clause("mutual", "automatic_assistance"),), (caveat,))
    east = scn.incident(["FRA"], area="east").party("POL")
    assert not east.bound and east.excluded_by == "not east of X"
    assert east.clause == "mutual"  # the clause would apply; the caveat takes it out
    assert scn.incident(["FRA"], area="west").party("POL").bound


def test_attack_on_an_area_attacks_every_contingent_there() -> None:
    res = coalition((clause("mutual", "consultation"),)).incident(["east"])
    assert res.attacked == ["FRA", "GBR", "POL", "NLD"] and res.area == "east"
    assert all(p.bound and p.strength == "consultation" for p in res.parties)


def test_strongest_applicable_clause_wins_and_area_limits() -> None:
    scn = coalition((clause("talk", "consultation"),
                     clause("help-west", "automatic_assistance", areas=("west",))))
    assert scn.incident(["FRA"], area="west").party("GBR").clause == "help-west"
    assert scn.incident(["FRA"], area="east").party("GBR").clause == "talk"


def test_troops_by_day_come_from_the_reinforcement_model() -> None:
    scn = coalition((clause("mutual", "action_deemed_necessary"),))
    flow = scn.reinforcement.simulate(sweep=False)
    res = scn.incident(["FRA"])
    for p in res.parties:
        assert p.troops_by_day == flow.nation(p.party).troops_by_day
    # GBR's 1,000 ready on day 10 arrive on day 12; POL's 500 on day 2; NLD's 300 on day 42
    assert res.party("GBR").troops_by_day == {"7": 0, "30": 1_000, "90": 1_000}
    assert res.obliged_troops_by_day == {"7": 500, "30": 1_500, "90": 1_800}


def test_draft_us_clause_with_and_without() -> None:
    scn = coalition((clause("mutual", "action_deemed_necessary"),
                     clause("us-support", "action_deemed_necessary", parties=("USA",),
                            draft=True)))
    published = scn.incident(["FRA"])
    assert published.us_backstop.commitment is None
    assert all(p.party != "USA" for p in published.parties)
    drafted = scn.incident(["FRA"], design="as-drafted")
    us = drafted.party("USA")
    assert us.bound and us.draft and us.clause == "us-support"
    assert drafted.us_backstop.commitment == "action_deemed_necessary"
    assert drafted.us_backstop.capabilities == ["intelligence", "air_defence"]


def test_depends_on_us() -> None:
    caveat = NationalCaveat(party="GBR", requires_us=True, detail="US backstop first",
                            source="assumption: test caveat")
    res = coalition((clause("mutual", "consultation"),), (caveat,)).incident(["POL"])
    assert {p.party for p in res.parties if p.depends_on_us} == {"GBR", "NLD"}
    assert any("intelligence, air_defence rest on the US backstop" in d
               for d in res.depends_on_us)


def test_designs_side_by_side() -> None:
    res = coalition((clause("mutual", "consultation"),)).incident(["FRA"])
    by = {c.design: c for c in res.comparison}
    assert by["article-5"].obliged_to_act == ["GBR", "POL", "NLD"]
    # Article 42(7) covers territory only: an attack on forces in the area binds no one
    assert by["article-42-7"].bound == []
    assert by["consultation"].consult_only == ["GBR", "POL", "NLD"]
    assert by["as-agreed"].obliged_troops_by_day == {"7": 0, "30": 0, "90": 0}
    territory = coalition((clause("mutual", "consultation"),)).incident(
        ["FRA"], design="article-42-7", target="territory")
    assert territory.party("GBR").strength == "automatic_assistance"


def test_bad_input() -> None:
    scn = coalition((clause("mutual", "consultation"),))
    with pytest.raises(UsageError, match="'DEU' is neither a party"):
        scn.incident(["DEU"])
    with pytest.raises(UsageError, match="unknown design 'warsaw-pact'"):
        scn.incident(["FRA"], design="warsaw-pact")
    with pytest.raises(UsageError, match="--target"):
        scn.incident(["FRA"], target="embassy")
    with pytest.raises(UsageError, match="--attacked"):
        scn.incident([" "])


def test_no_agreement() -> None:
    scn = scenario([nation("FRA", **BIG)], [pledge("FRA", troops_max=10)])
    with pytest.raises(NotFound, match="no mutual-defence agreement"):
        scn.incident(["FRA"])
    assert scn.incident(["FRA"], design="article-5").party("FRA").attacked
