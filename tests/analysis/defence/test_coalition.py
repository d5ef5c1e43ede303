"""coalition-2025: the Paris Declaration of 6 January 2026 with and without the draft US
clause that is absent from the published text (fact sheet sections 1 and 4)."""

from __future__ import annotations

import datetime as dt

import pytest

from forcegen.errors import NotFound
from forcegen.io.catalogue import load_scenario
from forcegen.model import AgreementKind


def test_the_declarations_are_in_the_latest_version() -> None:
    scn = load_scenario("coalition-2025")
    kinds = {a.kind: a for a in scn.agreements}
    paris = kinds[AgreementKind.MUTUAL_DEFENCE]
    assert paris.non_parties == ("USA",)
    assert [(c.name, c.draft) for c in paris.clauses] == [("paris-declaration", False),
                                                         ("us-support", True)]
    assert paris.clauses[0].is_assumption  # no obligation strength in the published text
    assert kinds[AgreementKind.OTHER].parties == ("GBR", "FRA")


def test_incident_with_and_without_the_draft_us_clause() -> None:
    scn = load_scenario("coalition-2025")
    published = scn.incident(["FRA"])
    assert published.us_backstop.commitment is None
    assert all(p.party != "USA" or not p.bound for p in published.parties)
    assert published.party("GBR").clause == "paris-declaration"
    drafted = scn.incident(["FRA"], design="as-drafted")
    us = drafted.party("USA")
    assert us.bound and us.draft and us.clause == "us-support"
    assert drafted.us_backstop.clause == "us-support"


def test_before_the_declaration_there_is_no_agreement() -> None:
    scn = load_scenario("coalition-2025", dt.date(2025, 9, 1))
    assert scn.agreements == ()
    with pytest.raises(NotFound, match="no mutual-defence agreement"):
        scn.incident(["FRA"])
