"""Claims from text: the seed article's claims (the issue's "Done when"), and sentences of
the genre written for these tests (not from the development set), one rule each."""

from __future__ import annotations

from pathlib import Path

import pytest

from forcegen.ingest import read_article
from forcegen.ingest.claim import Claim
from forcegen.ingest.claims import Extractor

SEED = Path(__file__).resolve().parents[1] / "data" / "ingest-dev" / "articles" / (
    "00_seed_paris_meeting.txt")


def brief(claims: list[Claim]) -> set[tuple[str | None, str, int | None, int | None, str]]:
    return {(c.country, c.claim_type.value, c.quantity, c.quantity_max, c.modality.value)
            for c in claims}


@pytest.fixture(scope="module")
def seed_claims(wire: Extractor) -> list[Claim]:
    return wire.extract(read_article(SEED))


def test_the_seed_yields_every_claim_it_makes(seed_claims: list[Claim]) -> None:
    got = brief(seed_claims)
    assert ("FRA", "troops", None, 10000, "offered") in got
    assert ("GBR", "troops", None, None, "conditional") in got
    assert ("USA", "troops", None, None, "ruled_out") in got
    assert ("DEU", "stance", None, None, "cautious") in got
    assert ("POL", "stance", None, None, "cautious") in got
    assert ("NLD", "condition", None, None, "conditional") in got
    assert (None, "troops", 25000, 30000, "considering") in got  # the whole force
    us = [c for c in seed_claims if c.country == "USA" and c.claim_type.value == "capability"]
    assert len(us) == 1 and us[0].modality.value == "considering"
    assert us[0].taxonomy == ("intelligence", "air_surveillance", "air_defence")
    nld = [c for c in seed_claims if c.country == "NLD" and c.claim_type.value == "condition"]
    assert "parliamentary approval" in {c.condition for c in nld}
    deu = next(c for c in seed_claims if c.country == "DEU" and c.modality.value == "cautious")
    assert deu.condition == "elections; domestic politics"
    gbr = next(c for c in seed_claims if c.country == "GBR" and c.claim_type.value == "troops")
    assert gbr.actor == "Keir Starmer" and gbr.condition == "if necessary"
    assert gbr.evidence.startswith("British Prime Minister Keir Starmer stated")


def test_parties_to_the_war_are_not_contributors(seed_claims: list[Claim]) -> None:
    assert not {c.country for c in seed_claims} & {"UKR", "RUS"}


def test_evidence_is_the_exact_sentence(seed_claims: list[Claim]) -> None:
    text = SEED.read_text("utf-8")
    assert all(c.evidence in text for c in seed_claims)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Spain has offered to send up to 2,000 soldiers, Defence Minister Margarita Robles said.",
     {("ESP", "troops", None, 2000, "offered")}),
    ("The Czech government said it would not send troops but could supply de-mining experts.",
     {("CZE", "troops", None, None, "ruled_out"), ("CZE", "capability", None, None, "offered")}),
    ("Romania is ready to host a logistics hub for the coalition, officials in Bucharest said.",
     {("ROU", "capability", None, None, "offered")}),
    ("Hungary said it would not take part in any such mission.",
     {("HUN", "stance", None, None, "ruled_out")}),
    ("The Netherlands will contribute two F-35 fighter jets and 150 troops, pending approval "
     "by the Dutch parliament.",
     {("NLD", "troops", 150, None, "conditional"), ("NLD", "capability", 2, None, "conditional")}),
    ("Denmark pledged 200 million euros for air defence systems.",
     {("DNK", "money", 200000000, None, "committed")}),
    ("Berlin remains skeptical about deploying the Bundeswehr outside NATO territory.",
     {("DEU", "stance", None, None, "cautious")}),
    ("Officials in Copenhagen said no decision had been taken yet.", set()),
    ("The US has asked European capitals which troops they could contribute.", set()),
    ("The meeting in Paris was attended by leaders from Italy and Spain.",
     {("ITA", "stance", None, None, "considering"), ("ESP", "stance", None, None, "considering")}),
    ("Ministers met in Warsaw on Friday to compare notes.", set()),
])
def test_genre_sentences(wire: Extractor, sentence: str,
                         expected: set[tuple[str | None, str, int | None, int | None, str]]
                         ) -> None:
    assert brief(wire.extract_text(sentence)) == expected


def test_conditions_and_actor(wire: Extractor) -> None:
    [claim] = wire.extract_text(
        "Sweden is prepared to send 300 troops once a ceasefire is in place and only if "
        "Washington backs the mission, the Swedish prime minister said.")
    assert claim.modality.value == "conditional"
    assert claim.condition == "ceasefire; US backstop"
    assert claim.actor == "Swedish prime minister"
    assert claim.country == "SWE"  # Washington sits inside the condition


def test_attribution(wire: Extractor) -> None:
    [claim] = wire.extract_text("According to Reuters, Norway will send two frigates.")
    assert claim.attribution == "Reuters"
    assert (claim.country, claim.quantity, claim.unit) == ("NOR", 2, "ships")
