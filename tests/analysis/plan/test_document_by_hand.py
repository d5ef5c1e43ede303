"""The plan's document on hand-built scenarios: how a nation's several pledges fold into
one row, and the frames built from the document."""

from __future__ import annotations

import datetime as dt

from forcegen.analysis.plan.assemble import unique_sources
from forcegen.analysis.plan.document import ALL_CONTRIBUTORS
from forcegen.analysis.plan.sustainment import LandForceBasis, SustainStatus
from forcegen.model import (
    Agreement,
    AgreementKind,
    Capability,
    Condition,
    ConditionKind,
    Modality,
    Pledge,
    Request,
    Scenario,
    Source,
)
from tests.builders import SOURCE, backstop, nation, pledge, requirement, scenario

CEASEFIRE = Condition(kind=ConditionKind.CEASEFIRE, detail="after a ceasefire")
OTHER = Source(outlet="Other outlet", date=dt.date(2025, 2, 2), quote="another fact")


def two_pledge_nation() -> Scenario:
    """FRA: offers 1,000-3,000 land as 'lead'; commits 200 logistics (4 trucks) as
    'support'; both under the same ceasefire condition. DEU: considering, no number."""
    fra_land = Pledge(nation="FRA", modality=Modality.OFFERED, troops_min=1_000,
                      troops_max=3_000, capability=Capability.LAND_MANOEUVRE, role="lead",
                      conditions=(CEASEFIRE,), caveats=("no combat",), sources=(SOURCE,))
    fra_log = Pledge(nation="FRA", modality=Modality.COMMITTED, troops_min=200,
                     capability=Capability.LOGISTICS, quantity=4, unit="trucks",
                     role="support", conditions=(CEASEFIRE,), sources=(SOURCE, OTHER))
    deu = Pledge(nation="DEU", modality=Modality.CONSIDERING, sources=(OTHER,))
    base = scenario([nation("FRA", army=100_000, gdp=3e12, population=68e6),
                     nation("DEU", army=60_000, gdp=4e12, population=84e6)],
                    [fra_land, fra_log, deu],
                    req=requirement(10_000, 12_000, tour_months=4, duration_months=24,
                                    start=dt.date(2025, 6, 1), standoff_km=30.0,
                                    deployment_areas=("west", "centre"), posture="reassure",
                                    reinforceable=True, reinforcement_intent="by air",
                                    lead_nation="FRA", conditions=(CEASEFIRE,),
                                    sources=(SOURCE, SOURCE)))
    return base.model_copy(update={
        "agreements": (Agreement(kind=AgreementKind.MUTUAL_DEFENCE, status="proposed",
                                 sources=(SOURCE, SOURCE)),),
        "requests": (Request(requester="DEU", addressees="everyone", asks=("a", "b"),
                             sources=(OTHER,)),),
    })


def test_a_nations_pledges_fold_into_one_row() -> None:
    doc = two_pledge_nation().plan().document()
    fra = doc.nations[0]
    assert fra.iso3 == "FRA"
    assert fra.modality is Modality.COMMITTED  # the firmest of its positions
    assert fra.role == "lead; support"
    assert (fra.troops_min, fra.troops_max) == (1_200, 3_200)  # 1,000 + 200; 3,000 + 200
    assert [(c.kind, c.detail, c.date, c.sources) for c in fra.conditions] == [
        (ConditionKind.CEASEFIRE, "after a ceasefire", None, [])]
    assert [(p.capability, p.modality, p.troops_min, p.troops_max, p.quantity, p.unit, p.role,
             p.caveats) for p in fra.pledges] == [
        (Capability.LAND_MANOEUVRE, Modality.OFFERED, 1_000, 3_000, None, "", "lead",
         ["no combat"]),
        (Capability.LOGISTICS, Modality.COMMITTED, 200, None, 4, "trucks", "support", []),
    ]
    assert fra.sources == [SOURCE, OTHER]  # each once, in order
    # 100,000 x 0.4 = 40,000 usable; pool 3,200 x 5 = 16,000: sustainable; 40,000 / 5
    assert (fra.usable_land_forces, fra.rotation_pool_required, fra.sustainable_troops) == (
        40_000, 16_000, 8_000)
    assert fra.sustainment_status is SustainStatus.SUSTAINABLE
    assert (fra.land_forces, fra.land_forces_kind) == (100_000, LandForceBasis.ARMY)
    assert fra.land_forces_basis.startswith("army personnel (2024)")
    assert fra.land_forces_source.startswith("test figure")
    # fair shares of 12,000 by GDP and population, weight 0.5:
    # FRA 0.5 x 3/7 + 0.5 x 68/152 = 0.437970; x 12,000 = 5,255.6, rounded 5,256
    assert fra.gdp_share is not None and round(fra.gdp_share, 6) == round(3 / 7, 6)
    assert fra.population_share is not None and round(fra.population_share, 6) == round(
        68 / 152, 6)
    assert fra.fair_share_troops == 5_256
    assert fra.fair_share_index == 0.609  # 3,200 / 5,256
    deu = doc.nations[1]
    assert (deu.modality, deu.role, deu.troops_min, deu.troops_max) == (
        Modality.CONSIDERING, "", None, None)
    assert deu.sustainment_status is SustainStatus.NO_TROOPS
    assert deu.fair_share_index is None


def test_document_target_totals_and_other_parts() -> None:
    doc = two_pledge_nation().plan().document()
    assert (doc.target.min_troops, doc.target.max_troops) == (10_000, 12_000)
    t = doc.target
    assert (t.tour_months, t.duration_months, t.start, t.standoff_km) == (
        4, 24, dt.date(2025, 6, 1), 30.0)
    assert (t.deployment_areas, t.posture, t.reinforceable, t.reinforcement_intent,
            t.lead_nation) == (["west", "centre"], "reassure", True, "by air", "FRA")
    assert [(c.kind, c.detail) for c in t.conditions] == [
        (ConditionKind.CEASEFIRE, "after a ceasefire")]
    assert t.sources == [SOURCE]
    assert doc.totals.committed == 200 and doc.totals.offered == 3_000
    assert (doc.totals.max_possible, doc.totals.certain) == (3_200, 200)
    assert (doc.shortfall.certain, doc.shortfall.possible) == (9_800, 6_800)
    assert doc.unquantified == ["DEU"]
    [agreement] = doc.agreements
    assert agreement.parties == ALL_CONTRIBUTORS and agreement.sources == [SOURCE]
    [request] = doc.requests
    assert (request.requester, request.addressees, request.asks) == ("DEU", "everyone",
                                                                     ["a", "b"])
    assert request.sources == [OTHER]
    assert unique_sources([OTHER, SOURCE, OTHER]) == [OTHER, SOURCE]


def test_frames_are_the_document_in_troops(small_coalition: Scenario) -> None:
    result = small_coalition.plan()
    nations = result.nations_frame()
    assert list(nations.index) == ["FRA", "DEU", "FIN", "GBR", "NLD", "POL"]
    assert nations.attrs == {"unit": "troops", "scenario": "small-coalition"}
    assert nations.loc["FIN", "sustainable_troops"] == 960
    assert nations.loc["NLD", "months_sustainable"] == 18
    assert nations.loc["FIN", "land_forces_kind"] == "active_share"
    assert not {"pledges", "sources", "conditions"} & set(nations.columns)
    caps = result.capabilities_frame()
    assert list(caps.index) == ["land_manoeuvre", "intelligence", "air_defence", "logistics"]
    assert caps.attrs == {"unit": "troops", "scenario": "small-coalition"}
    assert list(caps["pledged"]) == [3_600, 0, 1_200, 1_000]
    # the USA only considers its backstop: it names the providers, closes nothing
    assert list(caps["gap_with_backstop"]) == [1_400, 800, 0, 0]


def test_a_backstop_exactly_at_the_chosen_firmness_counts() -> None:
    scn = scenario([nation("FRA", army=1_000), nation("USA", army=1_000),
                    nation("GBR", army=1_000)], [pledge("FRA", troops_max=10)],
                   backstops=[backstop("USA", ["intelligence"], "offered"),
                              backstop("GBR", ["intelligence"], "conditional")])
    doc = scn.plan().document()
    assert [(b.provider, b.counted) for b in doc.backstop] == [("USA", True), ("GBR", False)]
