"""The embedded paris-2025 scenario encodes the seed article, one test per fact.

The article's sentences are embedded below (a fresh clone has no copy of the seed), so
every quote the scenario attributes to the article can be checked against its text.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from forcegen.model import AgreementKind, Capability, ConditionKind, Modality, Pledge, Scenario

#: Paragraphs of the seed article ("Emergency Paris Meeting: Europe Considers Sending
#: 30,000 Troops to Ukraine"), verbatim, that the scenario's facts rest on.
ARTICLE_PARAGRAPHS = (
    (
        'European leaders are considering the possibility of deploying troops to Ukraine as '
        'part of a potential ceasefire agreement. At the same time, they are consulting with '
        'the Trump administration on possible US support for such a mission, The Washington '
        'Post reported on February 17.'
    ),
    (
        'According to The Washington Post, while Washington has ruled out sending American '
        'troops, Trump’s team has not dismissed the prospect of supporting a European-led '
        'force. European officials are seeking clarification on what kind of assistance the '
        'US might provide, including intelligence, air surveillance, and air defense '
        'support.'
    ),
    (
        'Current proposals include sending a European deterrence force of 25,000 to 30,000 '
        'troops, which would not be stationed on the front lines but would serve as a '
        'visible presence to discourage further Russian aggression. If necessary, these '
        'forces could be reinforced.'
    ),
    (
        'France has taken the lead in planning and has indicated that it could commit up to '
        '10,000 troops, while other European allies are still assessing their capabilities.'
    ),
    (
        'British Prime Minister Keir Starmer stated that the UK is prepared to send troops '
        '"if necessary," marking a significant shift in Britain’s position and increasing '
        'pressure on other European nations to clarify their commitments.'
    ),
    (
        'The discussions involve France, Britain, Germany, Poland, the Netherlands, and '
        'Nordic and Baltic nations. Dutch Defense Minister Ruben Brekelmans emphasized that '
        'European military action would require strong US backing:'
    ),
    (
        '“It’s about security guarantees for Ukraine, but it’s directly related to our '
        'defense and deterrence within NATO.”'
    ),
    (
        'European leaders are also discussing whether to establish a mutual defense '
        'agreement among participating countries, separate from NATO, to coordinate a '
        'potential response if the force were to come under attack.'
    ),
    (
        'The US has requested detailed proposals from European countries regarding the '
        'weapons, troops, and security measures they could contribute to Ukraine. According '
        'to Financial Times, Washington is assessing Europe’s willingness to provide '
        'long-term security commitments and the level of involvement they expect in return.'
    ),
    (
        'Some European countries, including Poland and Germany, remain cautious due to '
        'upcoming elections and domestic political considerations. Others, such as the '
        'Netherlands, require parliamentary approval for troop deployment.'
    ),
)
ARTICLE = " ".join(" ".join(p.split()) for p in ARTICLE_PARAGRAPHS)


def quoted(sources) -> list[str]:
    """The quotes of the seed-article sources among ``sources``."""
    return [s.quote for s in sources if s.outlet.startswith("Seed article")]


def assert_from_article(sources, *words: str) -> None:
    """At least one source is the article, every article quote is in the article text,
    and one of them carries all of ``words``."""
    quotes = quoted(sources)
    assert quotes, "no source cites the seed article"
    for q in quotes:
        assert q and " ".join(q.split()) in ARTICLE, q
    assert any(all(w in q for w in words) for q in quotes), (words, quotes)


def only(scn: Scenario, iso3: str) -> Pledge:
    ps = scn.pledges_of(iso3)
    assert len(ps) == 1, ps
    return ps[0]


@pytest.fixture(scope="module")
def plan_dict(paris_2025):
    return paris_2025.plan().to_dict()


# -- the article's facts -----------------------------------------------------------------
def test_band_25000_to_30000(paris_2025):
    req = paris_2025.requirement
    assert (req.min_troops, req.max_troops) == (25_000, 30_000)
    assert_from_article(req.sources, "25,000 to 30,000 troops")


def test_posture_away_from_the_front_line(paris_2025):
    req = paris_2025.requirement
    assert "not stationed on the front lines" in req.posture
    assert "deterrence" in req.posture
    assert any("away from the front line" in a for a in req.deployment_areas)
    assert_from_article(req.sources, "not be stationed on the front lines")


def test_reinforceable(paris_2025):
    req = paris_2025.requirement
    assert req.reinforceable is True
    assert req.reinforcement_intent in ARTICLE
    assert_from_article(req.sources, "could be reinforced")


def test_part_of_a_ceasefire(paris_2025):
    (cond,) = paris_2025.requirement.conditions
    assert cond.kind is ConditionKind.CEASEFIRE
    assert_from_article(cond.sources, "potential ceasefire agreement")


def test_france_up_to_10000_and_lead_nation(paris_2025):
    fra = only(paris_2025, "FRA")
    assert fra.modality is Modality.OFFERED
    assert (fra.troops_min, fra.troops_max) == (None, 10_000)  # "up to": no minimum
    assert fra.role == "lead nation"
    assert paris_2025.requirement.lead_nation == "FRA"
    assert_from_article(fra.sources, "up to 10,000 troops")
    assert_from_article(paris_2025.requirement.sources, "France has taken the lead")


def test_uk_conditional_if_necessary(paris_2025):
    gbr = only(paris_2025, "GBR")
    assert gbr.modality is Modality.CONDITIONAL
    assert [c.detail for c in gbr.conditions] == ["if necessary"]
    assert any("Keir Starmer" in s.actor for s in gbr.sources)
    assert_from_article(gbr.sources, "Keir Starmer", '"if necessary,"')


@pytest.mark.parametrize("iso3", ["DEU", "POL"])
def test_germany_and_poland_cautious_for_elections_and_domestic_politics(paris_2025, iso3):
    p = only(paris_2025, iso3)
    assert p.modality is Modality.CAUTIOUS
    kinds = {c.kind for c in p.conditions}
    assert kinds == {ConditionKind.ELECTION, ConditionKind.DOMESTIC_POLITICS}
    assert_from_article(p.sources, "Poland and Germany", "remain cautious",
                        "upcoming elections", "domestic political considerations")
    # the election dates are not in the article: they carry their own, earlier, source
    election = next(c for c in p.conditions if c.kind is ConditionKind.ELECTION)
    assert election.date is not None and election.date > paris_2025.as_of
    assert election.sources and not quoted(election.sources)
    assert all(s.date <= paris_2025.as_of and s.url for s in election.sources)


def test_netherlands_parliamentary_approval_and_us_backing(paris_2025):
    nld = only(paris_2025, "NLD")
    assert nld.modality is Modality.CONDITIONAL
    by_kind = {c.kind: c for c in nld.conditions}
    assert set(by_kind) == {ConditionKind.PARLIAMENTARY_APPROVAL, ConditionKind.US_BACKSTOP}
    assert_from_article(nld.sources, "Netherlands", "parliamentary approval")
    assert_from_article(by_kind[ConditionKind.PARLIAMENTARY_APPROVAL].sources,
                        "parliamentary approval")
    backing = by_kind[ConditionKind.US_BACKSTOP]
    assert_from_article(backing.sources, "Ruben Brekelmans", "strong US backing")
    assert any("Brekelmans" in s.actor for s in backing.sources)


@pytest.mark.parametrize("iso3", ["DNK", "FIN", "ISL", "NOR", "SWE", "EST", "LVA", "LTU"])
def test_nordic_and_baltic_nations_considering(paris_2025, iso3):
    p = only(paris_2025, iso3)
    assert p.modality is Modality.CONSIDERING
    assert p.troops_high is None
    region = "Baltic" if iso3 in ("EST", "LVA", "LTU") else "Nordic"
    assert any(f"'{region} nations'" in c for c in p.caveats)
    assert_from_article(p.sources, "Nordic and Baltic nations")


def test_us_rules_out_troops(paris_2025):
    usa = only(paris_2025, "USA")
    assert usa.modality is Modality.RULED_OUT
    assert (usa.troops_min, usa.troops_max) == (None, None)
    assert "USA" not in paris_2025.contributors
    assert_from_article(usa.sources, "ruled out sending American troops")


def test_us_backstop_intelligence_air_surveillance_air_defence(paris_2025):
    (b,) = paris_2025.backstops
    assert b.provider == "USA"
    assert set(b.capabilities) == {Capability.INTELLIGENCE, Capability.AIR_SURVEILLANCE,
                                   Capability.AIR_DEFENCE}
    assert b.modality is Modality.CONSIDERING
    assert b.troops == 0
    assert_from_article(b.sources, "intelligence, air surveillance, and air defense support")
    assert_from_article(b.sources, "not dismissed the prospect")


def test_mutual_defence_agreement_separate_from_nato(paris_2025):
    (a,) = paris_2025.agreements
    assert a.kind is AgreementKind.MUTUAL_DEFENCE
    assert a.separate_from_nato is True
    assert a.parties == ()  # "among participating countries": every contributor
    assert a.status in ("proposed", "under discussion")
    assert_from_article(a.sources, "mutual defense agreement", "separate from NATO")


def test_us_request_for_proposals(paris_2025):
    (r,) = paris_2025.requests
    assert r.requester == "USA"
    assert "European" in r.addressees
    asks = " ".join(r.asks)
    for ask in ("weapons", "troops", "security measures", "long-term"):
        assert ask in asks
    assert_from_article(r.sources, "requested detailed proposals", "weapons, troops, and "
                        "security measures")
    assert_from_article(r.sources, "Financial Times", "long-term security commitments")


def test_scenario_dated_to_the_report(paris_2025):
    assert paris_2025.as_of == dt.date(2025, 2, 17)
    assert "February 17" in ARTICLE


# -- what the article does not say -------------------------------------------------------
def test_no_troop_number_except_france(paris_2025):
    numbered = [p.nation for p in paris_2025.pledges
                if p.troops_min is not None or p.troops_max is not None]
    assert numbered == ["FRA"]
    assert all(p.quantity is None for p in paris_2025.pledges)


def test_capability_lines_are_assumptions(paris_2025):
    lines = paris_2025.requirement.capabilities
    assert lines
    assert all(line.is_assumption for line in lines)
    # an illustrative split of the band's upper end
    assert sum(line.troops for line in lines) == paris_2025.requirement.max_troops


def test_every_assumption_has_a_source(paris_2025, plan_dict):
    assert paris_2025.assumptions
    assert all(a.source.strip() for a in paris_2025.assumptions)
    assert plan_dict["assumptions"]
    assert all(a["source"].strip() for a in plan_dict["assumptions"])
    names = {a["name"] for a in plan_dict["assumptions"]}
    assert {"rotation_ratio", "deployable_share", "tour_months", "duration_months",
            "land_share_of_active", "fair_share_gdp_weight",
            "backstop_fills_whole_line"} <= names


def test_every_article_quote_is_in_the_article(paris_2025):
    sources = [*paris_2025.requirement.sources,
               *(s for c in paris_2025.requirement.conditions for s in c.sources)]
    for group in (*paris_2025.pledges, *paris_2025.backstops, *paris_2025.agreements,
                  *paris_2025.requests):
        sources.extend(group.sources)
        for c in getattr(group, "conditions", ()):
            sources.extend(c.sources)
    quotes = quoted(sources)
    assert len(quotes) >= 20
    missing = [q for q in quotes if " ".join(q.split()) not in ARTICLE]
    assert missing == []


# -- the plan document -------------------------------------------------------------------
def test_plan_dict_shape(plan_dict):
    d = plan_dict
    json.dumps(d)  # a JSON document
    assert d["scenario"] == "paris-2025"
    assert {"min_troops", "max_troops"} <= d["target"].keys()
    assert (d["target"]["min_troops"], d["target"]["max_troops"]) == (25_000, 30_000)
    for m in Modality:
        assert isinstance(d["totals"][m.value], int)
    assert isinstance(d["totals"]["max_possible"], int)
    assert len(d["nations"]) == 14
    for row in d["nations"]:
        assert {"iso3", "modality", "troops_min", "troops_max", "conditions",
                "sustainable_troops", "rotation_pool_required", "fair_share_troops",
                "sources"} <= row.keys()
        for c in row["conditions"]:
            assert {"kind", "detail"} <= c.keys()
        assert row["sources"]
        for s in row["sources"]:
            assert {"outlet", "date", "quote"} <= s.keys()
    for b in d["backstop"]:
        assert {"provider", "capabilities", "modality", "troops"} <= b.keys()
    assert d["backstop"][0]["troops"] == 0
    assert len(d["capabilities"]) == 12
    for c in d["capabilities"]:
        assert {"capability", "required", "pledged", "gap", "filled_by_backstop"} <= c.keys()
    for a in d["assumptions"]:
        assert {"name", "value", "source"} <= a.keys()


def test_plan_totals(plan_dict):
    t = plan_dict["totals"]
    # only France gives a number: 10,000 offered, nothing committed
    assert (t["offered"], t["committed"], t["max_possible"]) == (10_000, 0, 10_000)
    assert plan_dict["shortfall"] == {"certain": 25_000, "possible": 15_000}
    assert len(plan_dict["unquantified"]) == 12
    assert "USA" not in plan_dict["unquantified"]


def test_us_backstop_closes_its_lines_under_the_assumption(plan_dict):
    caps = {c["capability"]: c for c in plan_dict["capabilities"]}
    for cap in ("intelligence", "air_surveillance", "air_defence"):
        assert caps[cap]["filled_by_backstop"] is True
        assert caps[cap]["gap_with_backstop"] == 0
    assert caps["land_manoeuvre"]["filled_by_backstop"] is False
    assert plan_dict["unallocated_troops"] == 10_000  # France names no capability


def test_france_sustainment_by_hand(plan_dict):
    fra = next(r for r in plan_dict["nations"] if r["iso3"] == "FRA")
    # army 114,000 x 0.40 = 45,600 usable; pool 5 x 10,000 = 50,000 > 45,600 -> short;
    # sustainable 45,600 / 5 = 9,120; floor(45,600 / 10,000) = 4 tours x 6 = 24 months < 36
    assert fra["land_forces"] == 114_000
    assert fra["land_forces_kind"] == "army"
    assert fra["usable_land_forces"] == 45_600
    assert fra["rotation_pool_required"] == 50_000
    assert fra["sustainable_troops"] == 9_120
    assert fra["sustainment_status"] == "short"
    assert fra["months_sustainable"] == 24
    assert (fra["troops_min"], fra["troops_max"]) == (None, 10_000)
    assert fra["modality"] == "offered"
