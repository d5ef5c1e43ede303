"""The review queue, on SQLite and PostgreSQL: proposals without repeats, accept (edited)
into a pledge version with the article as source, reject, decisions final, nothing
written half-way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from forcegen.errors import Conflict, NotFound, ScenarioError
from forcegen.model import Scenario
from forcegen.store import ClaimEdits, Ledger, ReviewQueue, ReviewStatus

SOURCE = {"outlet": "Example Wire", "title": "Paris weighs a force", "date": "2025-02-17",
          "url": "https://example.org/a"}


def claim(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "article": "a.txt", "country": "FRA", "claim_type": "troops", "quantity": None,
        "quantity_max": 10000, "unit": "troops", "capability": None, "taxonomy": [],
        "modality": "offered", "condition": None, "actor": "Emmanuel Macron",
        "evidence": "France could commit up to 10,000 troops.", "source": SOURCE}
    return {**base, **fields}


@pytest.fixture
def queue(ledger: Ledger, tiny: Callable[..., Scenario]) -> ReviewQueue:
    ledger.import_scenario(tiny(), author="setup")
    return ReviewQueue(ledger)


def test_the_same_article_twice_proposes_nothing_new(queue: ReviewQueue) -> None:
    claims = [claim(), claim(country="GBR", quantity_max=None, modality="conditional",
                             evidence="The UK is prepared to send troops if necessary.")]
    first = queue.propose([("fp-a", claims)], author="ana")
    assert len(first.proposed) == 2 and first.known == 0
    again = queue.propose([("fp-a", claims)], author="ben")
    assert again.proposed == [] and again.known == 2
    other = queue.propose([("fp-b", claims[:1])], author="ana")  # another article
    assert len(other.proposed) == 1
    assert [c.status for c in queue.claims()] == [ReviewStatus.PROPOSED] * 3


def test_accept_makes_a_pledge_version_with_the_article_as_source(queue: ReviewQueue) -> None:
    [cid] = queue.propose([("fp", [claim(condition="ceasefire")])], author="ana").proposed
    done = queue.accept(cid, author="ben", today=dt.date(2026, 1, 1))
    assert done.claim.status is ReviewStatus.ACCEPTED
    assert (done.pledge.key, done.pledge.version) == ("FRA/any/1", 1)
    pledge = done.pledge.pledge
    assert (pledge.modality.value, pledge.troops_min, pledge.troops_max) == ("offered", None,
                                                                              10000)
    [source] = pledge.sources
    assert (source.outlet, source.date, source.quote, source.actor) == (
        "Example Wire", dt.date(2025, 2, 17), "France could commit up to 10,000 troops.",
        "Emmanuel Macron")
    assert [c.kind.value for c in pledge.conditions] == ["ceasefire"]
    [history] = queue.ledger.history("FRA")
    assert history.pledge == pledge and history.author == "ben"
    assert queue.get(cid).pledge_key == "FRA/any/1"


def test_accept_edited(queue: ReviewQueue) -> None:
    [cid] = queue.propose([("fp", [claim()])], author="ana").proposed
    edits = ClaimEdits(modality="committed", quantity=8000, quantity_max=10000,
                       outlet="Le Monde", date=dt.date(2025, 3, 1))
    done = queue.accept(cid, author="ben", edits=edits, today=dt.date(2026, 1, 1))
    p = done.pledge.pledge
    assert (p.modality.value, p.troops_min, p.troops_max) == ("committed", 8000, 10000)
    assert (p.sources[0].outlet, done.pledge.effective_date) == ("Le Monde", dt.date(2025, 3, 1))
    assert done.claim.edited is not None and done.claim.claim.modality == "offered"


def test_a_later_claim_is_a_new_version_and_money_its_own_pledge(queue: ReviewQueue) -> None:
    ids = queue.propose([("fp", [
        claim(),
        claim(claim_type="money", quantity=1_000_000_000, quantity_max=None, unit="EUR",
              modality="committed", evidence="France pledged 1 billion euros."),
        claim(claim_type="stance", quantity_max=None, unit=None, modality="cautious",
              evidence="France remains cautious."),
    ])], author="ana").proposed
    keys = [queue.accept(i, author="ben", today=dt.date(2026, 1, 1)).pledge for i in ids]
    assert [(v.key, v.version) for v in keys] == [("FRA/any/1", 1), ("FRA/any/2", 1),
                                                  ("FRA/any/1", 2)]
    assert keys[1].pledge.quantity == 1e9 and keys[1].pledge.unit == "EUR"
    assert keys[2].pledge.troops_max is None


def test_reject_and_decisions_are_final(queue: ReviewQueue) -> None:
    a, b = queue.propose([("fp", [claim(), claim(country="DEU")])], author="ana").proposed
    assert queue.reject(a, author="ben", reason="misread").status is ReviewStatus.REJECTED
    with pytest.raises(Conflict, match="already rejected"):
        queue.accept(a, author="ben")
    queue.accept(b, author="ben", today=dt.date(2026, 1, 1))
    with pytest.raises(Conflict, match="already accepted"):
        queue.reject(b, author="cy")
    assert [c.id for c in queue.claims(ReviewStatus.PROPOSED)] == []
    with pytest.raises(NotFound):
        queue.accept(999, author="ben")


@pytest.mark.parametrize(("fields", "edits", "field"), [
    ({"country": None, "quantity": 25000, "quantity_max": 30000}, {}, "country"),
    ({"modality": "unknown"}, {}, "modality"),
    ({"source": {**SOURCE, "outlet": None}}, {}, "outlet"),
    ({"source": {**SOURCE, "date": None}}, {}, "date"),
    ({"claim_type": "capability", "capability": "drones", "taxonomy": []}, {}, "capability"),
    ({}, {"date": dt.date(2027, 1, 1)}, "date"),
])
def test_what_cannot_be_accepted_as_is(queue: ReviewQueue, fields: dict[str, Any],
                                      edits: dict[str, Any], field: str) -> None:
    [cid] = queue.propose([("fp", [claim(**fields)])], author="ana").proposed
    with pytest.raises(ScenarioError) as err:
        queue.accept(cid, author="ben", edits=ClaimEdits(**edits), today=dt.date(2026, 1, 1))
    assert err.value.field == field
    assert queue.get(cid).status is ReviewStatus.PROPOSED  # nothing written half-way
    assert queue.ledger.current().pledges == []


def test_a_whole_force_claim_accepted_with_a_country(queue: ReviewQueue) -> None:
    [cid] = queue.propose([("fp", [claim(country=None, quantity=25000, quantity_max=30000)])],
                          author="ana").proposed
    done = queue.accept(cid, author="ben", edits=ClaimEdits(country="fra"),
                        today=dt.date(2026, 1, 1))
    assert done.pledge.key == "FRA/any/1"


def test_the_queue_reads_the_ledgers_clock(make_ledger: Callable[..., Ledger],
                                           tiny: Callable[..., Scenario]) -> None:
    """Proposals, decisions and the accepted pledge version are dated by the clock the
    ledger was given (issue 6, point 5), never by the machine's time."""
    moments = iter(dt.datetime(2025, 3, 1, h, 0, tzinfo=dt.UTC) for h in range(8, 20))
    ledger = make_ledger(lambda: next(moments))
    ledger.import_scenario(tiny(), author="setup")  # reads 08:00
    queue = ReviewQueue(ledger)
    first, second = queue.propose([("fp", [claim(), claim(country="GBR")])],
                                  author="ana").proposed  # 09:00
    done = queue.accept(first, author="ben")  # 10:00
    rejected = queue.reject(second, author="ben")  # 11:00

    def utc(moment: dt.datetime | None) -> tuple[int, int]:
        assert moment is not None
        moment = moment.astimezone(dt.UTC) if moment.tzinfo else moment
        return moment.hour, moment.day

    assert utc(done.claim.proposed_at) == (9, 1)
    assert utc(done.claim.decided_at) == (10, 1)
    assert utc(done.pledge.recorded_at) == (10, 1)
    assert done.pledge.effective_date == dt.date(2025, 2, 17)  # the article's date
    assert utc(rejected.decided_at) == (11, 1)


def test_in_the_future_means_after_the_ledgers_clock(make_ledger: Callable[..., Ledger],
                                                     tiny: Callable[..., Scenario]) -> None:
    ledger = make_ledger(lambda: dt.datetime(2025, 2, 10, 12, 0, tzinfo=dt.UTC))
    ledger.import_scenario(tiny(as_of=dt.date(2025, 2, 1)), author="setup")
    queue = ReviewQueue(ledger)
    [cid] = queue.propose([("fp", [claim()])], author="ana").proposed  # dated 2025-02-17
    with pytest.raises(ScenarioError, match="in the future"):
        queue.accept(cid, author="ben")
    assert queue.get(cid).status is ReviewStatus.PROPOSED
    with pytest.raises(NotFound):  # nothing was written
        ledger.history("FRA")
