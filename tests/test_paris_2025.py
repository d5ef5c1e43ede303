"""The embedded paris-2025 scenario encodes the seed article, one test per fact.

The article's sentences are embedded below (a fresh clone has no copy of the seed), so
every quote the scenario attributes to the article can be checked against its text.
"""

from __future__ import annotations

import datetime as dt

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
    (
        'Following President Donald Trump’s announcement that the US and Russia will begin '
        'direct peace talks, European governments have expressed the need to be included in '
        'negotiations. While the Trump administration has signaled that Europe will not be '
        'directly involved in talks, US Special Representative Keith Kellogg assured European '
        'officials that their security interests would be considered.'
    ),
    (
        'Ukrainian President Volodymyr Zelenskyy welcomed discussions on a European troop '
        'presence, stating:'
    ),
    '“We want security guarantees not on paper, but on the ground, at sea, and in the air.”',
    (
        'Meanwhile, Russia has reacted cautiously. Kremlin spokesman Dmitry Peskov stated that '
        '"no substantive discussions" on European troop deployment have taken place but '
        'acknowledged that the issue remains significant.'
    ),
    (
        'According to The Washington Post, further negotiations are expected in the coming '
        'weeks as Europe and the US align their strategies.'
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
    cond = paris_2025.requirement.conditions[0]
    assert cond.kind is ConditionKind.CEASEFIRE
    assert_from_article(cond.sources, "potential ceasefire agreement")


def test_france_could_commit_up_to_10000_and_leads_the_planning(paris_2025):
    # "has indicated that it could commit up to 10,000": no offer, and the article names
    # France as leading the planning, not as the force's lead nation
    fra = only(paris_2025, "FRA")
    assert fra.modality is Modality.CONSIDERING
    assert (fra.troops_min, fra.troops_max) == (None, 10_000)  # "up to": no minimum
    assert fra.role == "lead in planning"
    assert paris_2025.requirement.lead_nation is None
    assert "could commit up to 10,000" in fra.interpretation
    assert "lead in planning" in paris_2025.requirement.interpretation
    assert_from_article(fra.sources, "up to 10,000 troops", "has indicated that it could commit")
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
    assert [c.kind for c in nld.conditions] == [ConditionKind.PARLIAMENTARY_APPROVAL]
    assert_from_article(nld.sources, "Netherlands", "parliamentary approval")
    assert_from_article(nld.conditions[0].sources, "parliamentary approval")
    # Brekelmans' remark is about European action in general: a condition of the force,
    # marked as an interpretation, not a Dutch national condition
    backing = next(c for c in paris_2025.requirement.conditions
                   if c.kind is ConditionKind.US_BACKSTOP)
    assert_from_article(backing.sources, "Ruben Brekelmans", "strong US backing")
    assert any("Brekelmans" in s.actor for s in backing.sources)
    assert "not as a Dutch national condition" in backing.interpretation


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
    # the article prints no publication date of its own: every seed source says so
    seed = [s for p in paris_2025.pledges for s in p.sources if s.outlet.startswith("Seed")]
    assert seed and all("prints no publication date" in s.outlet for s in seed)


def test_us_backstop_is_not_more_than_the_article_says(paris_2025):
    (b,) = paris_2025.backstops
    assert "seeking clarification" in b.interpretation
    assert "has not dismissed" in b.interpretation


@pytest.mark.parametrize(("topic", "words"), [
    ("Ukraine", "on the ground, at sea, and in the air"),
    ("Russia", "no substantive discussions"),
    ("US-Russia", "Keith Kellogg assured European officials"),
    ("Further negotiations", "further negotiations are expected in the coming weeks"),
])
def test_missing_points_of_the_article_are_context_notes(paris_2025, topic, words):
    note = next(n for n in paris_2025.context if n.topic.startswith(topic))
    assert_from_article(note.sources, words)


def test_interpretations_are_marked(paris_2025):
    marked = {p.nation for p in paris_2025.pledges if p.interpretation}
    assert {"FRA", "GBR", "NLD", "DNK", "FIN", "ISL", "NOR", "SWE", "EST", "LVA",
            "LTU"} <= marked


def test_iceland_is_no_troop_contributor(paris_2025, plan_dict):
    assert paris_2025.nations["ISL"].has_armed_forces is False
    assert "ISL" not in paris_2025.troop_contributors
    assert "ISL" not in [r["iso3"] for r in plan_dict["nations"]]
    assert [n["iso3"] for n in plan_dict["non_troop_participants"]] == ["ISL"]
    assert "ISL" not in plan_dict["unquantified"]
    assert "ISL" not in plan_dict["fair_share"]["coalition"]
    assert "11 nations in talks have given no number" in plan_dict["headline"]


def test_attendees_of_the_17_february_meeting(paris_2025):
    att = paris_2025.attendance
    assert att is not None
    assert set(att.nations) == {"FRA", "DEU", "GBR", "ITA", "POL", "ESP", "NLD", "DNK"}
    assert att.sources[0].outlet == "ANSA" and att.sources[0].date == paris_2025.as_of


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
    # an illustrative split of the band's upper end, in theatre plus enablers
    assert sum(line.troops + line.enablers for line in lines) == (
        paris_2025.requirement.max_troops)


def test_every_assumption_has_a_source(paris_2025, plan_dict):
    assert paris_2025.assumptions
    assert all(a.source.strip() for a in paris_2025.assumptions)
    assert plan_dict["assumptions"]
    assert all(a["source"].strip() for a in plan_dict["assumptions"])
    by_name = {a["name"]: a for a in plan_dict["assumptions"]}
    assert {"rotation_ratio", "rotation_ratio_low", "rotation_ratio_high", "deployable_share",
            "tour_months", "duration_months", "fair_share_basis", "fair_share_weight_gdp",
            "fair_share_weight_population", "backstop_min_modality"} <= by_name.keys()
    assert all({"name", "value", "source", "is_assumption"} <= a.keys()
               for a in plan_dict["assumptions"])
    # the rotation ratio is a planning choice with a range, not doctrine
    assert (by_name["rotation_ratio"]["value"], by_name["rotation_ratio"]["is_assumption"]) == (
        4.0, True)
    assert by_name["rotation_ratio_low"]["value"] == 3.0
    assert by_name["rotation_ratio_high"]["value"] == 5.0
    # no land-force figure is invented from active personnel
    assert "land_share_of_active" not in by_name


def test_every_article_quote_is_in_the_article(paris_2025):
    sources = [*paris_2025.requirement.sources,
               *(s for c in paris_2025.requirement.conditions for s in c.sources)]
    for group in (*paris_2025.pledges, *paris_2025.backstops, *paris_2025.agreements,
                  *paris_2025.requests):
        sources.extend(group.sources)
        for c in getattr(group, "conditions", ()):
            sources.extend(c.sources)
    for note in paris_2025.context:
        sources.extend(note.sources)
    quotes = quoted(sources)
    assert len(quotes) >= 20
    missing = [q for q in quotes if " ".join(q.split()) not in ARTICLE]
    assert missing == []


# -- the plan document -------------------------------------------------------------------
def test_plan_document_facts(paris_2025, plan_dict):
    """What the typed document cannot guarantee: which rows there are, in what order, and
    that every nation's row is sourced. (Keys and types: PlanDocument and its schema.)"""
    d = plan_dict
    assert (d["target"]["min_troops"], d["target"]["max_troops"]) == (25_000, 30_000)
    assert len(d["nations"]) == 13  # Iceland is no troop contributor
    assert all(r["sources"] for r in d["nations"])
    # conditions are gathered from the nation's pledges, each once
    gbr = next(r for r in d["nations"] if r["iso3"] == "GBR")
    assert len(gbr["conditions"]) == len({(c["kind"], c["detail"]) for c in gbr["conditions"]})
    assert [b["provider"] for b in d["backstop"]] == ["USA"] and d["backstop"][0]["troops"] == 0
    assert len(d["capabilities"]) == 12


def test_plan_totals(plan_dict):
    t = plan_dict["totals"]
    # only France gives a number: 10,000 considered, nothing offered or committed
    assert (t["considering"], t["offered"], t["committed"], t["max_possible"]) == (
        10_000, 0, 0, 10_000)
    assert plan_dict["shortfall"] == {"certain": 25_000, "possible": 15_000}
    assert len(plan_dict["unquantified"]) == 11  # Iceland has no armed forces
    assert "USA" not in plan_dict["unquantified"]


def test_us_backstop_seeking_clarification_fills_no_line(plan_dict):
    caps = {c["capability"]: c for c in plan_dict["capabilities"]}
    assert plan_dict["backstop_min_modality"] == "offered"
    assert plan_dict["backstop"][0]["counted"] is False
    for cap in ("intelligence", "air_surveillance", "air_defence"):
        assert caps[cap]["backstop_providers"] == ["USA"]
        assert caps[cap]["filled_by_backstop"] is False
        assert caps[cap]["gap_with_backstop"] == caps[cap]["gap"]
    # air defence needs units in theatre: no enablers a backstop could provide
    assert (caps["air_defence"]["in_theatre"], caps["air_defence"]["enablers"]) == (1_500, 0)
    assert (caps["intelligence"]["in_theatre"], caps["intelligence"]["enablers"]) == (200, 600)
    assert caps["land_manoeuvre"]["filled_by_backstop"] is False
    assert plan_dict["unallocated_troops"] == 10_000  # France names no capability


def test_france_sustainment_by_hand(plan_dict):
    fra = next(r for r in plan_dict["nations"] if r["iso3"] == "FRA")
    # army 120,000 (CIA 2024) - Sentinelle 7,000 = 113,000 net; x 0.40 = 45,200 deployable;
    # ratio 4: pool 40,000 <= 45,200 -> sustainable; 45,200 / 4 = 11,300;
    # it holds 10,000 up to ratio 45,200 / 10,000 = 4.52 -> short at 5 (4 tours x 6 = 24 mo)
    assert fra["land_forces"] == 113_000
    assert [s["value"] for s in fra["land_forces_steps"]] == [
        120_000, 120_000, 113_000, 113_000, 45_200, 11_300]
    assert [s["is_assumption"] for s in fra["land_forces_steps"]] == [
        False, False, False, False, False, True]
    assert fra["usable_land_forces"] == fra["deployable"] == 45_200
    assert fra["rotation_pool_required"] == 40_000
    assert fra["sustainable_troops"] == 11_300
    assert fra["sustainment_status"] == "sustainable"
    assert fra["holdable_ratio"] == 4.52
    assert fra["status_by_ratio"] == {"4": "sustainable", "3": "sustainable", "5": "short"}
    assert fra["sustainable_by_ratio"] == {"4": 11_300, "3": 15_066, "5": 9_040}
    assert (fra["troops_min"], fra["troops_max"]) == (None, 10_000)
    assert fra["modality"] == "considering"


@pytest.mark.parametrize(("iso3", "army"), [("DEU", 60_617), ("POL", 65_000)])
def test_germany_and_poland_bases_are_the_national_figures(plan_dict, iso3, army):
    # the Heer (BMVg, 30 Jun 2024) and the professional Army (CIA 2024), never half of
    # NATO's active total (92,800 / 108,040)
    row = next(r for r in plan_dict["nations"] if r["iso3"] == iso3)
    assert row["land_forces"] == army
    assert row["land_forces_steps"][0]["value"] == army


def test_coalition_capacity_line(plan_dict):
    # named nations with an army figure: FRA 113,000 (net), GBR 78,730 (79,630 - 900 eFP),
    # DEU 60,617, POL 65,000, NLD 19,000, DNK 10,000, FIN 23,000, NOR 9,000, LTU 14,000
    c = plan_dict["coalition_capacity"]
    assert c["basis"] == "named"
    assert c["nations"] == ["FRA", "GBR", "DEU", "POL", "NLD", "DNK", "FIN", "NOR", "LTU"]
    assert c["without_data"] == ["SWE", "EST", "LVA"]
    assert c["land_forces"] == 113_000 + 78_730 + 60_617 + 65_000 + 19_000 + 10_000 + 23_000 \
        + 9_000 + 14_000
    assert (c["band_min"], c["band_max"]) == (25_000, 30_000)
    assert c["sustainable"] == sum(
        int(int(lf * 0.4) // 4) for lf in (113_000, 78_730, 60_617, 65_000, 19_000, 10_000,
                                           23_000, 9_000, 14_000))
    bases = {b["basis"]: b for b in plan_dict["coalition_capacity_bases"]}
    assert bases["attendees"]["nations"] == ["FRA", "DEU", "GBR", "ITA", "POL", "ESP", "NLD",
                                             "DNK"]


def test_reference_sources_carry_grades(plan_dict):
    for row in plan_dict["nations"]:
        for ref in row["reference_sources"]:
            assert ref["grade"] in ("A", "B", "C")
            assert ref["source"]
