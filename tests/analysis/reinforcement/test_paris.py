"""Reinforcement and incident on paris-2025, checked by hand against the scenario file and
the reference data (figures derived here, not copied from a run)."""

from __future__ import annotations

from forcegen.model import Scenario


def test_france_tiers_by_hand(paris_2025: Scenario) -> None:
    res = paris_2025.reinforcement.simulate(sweep=False)
    fra = paris_2025.nations["FRA"]
    assert fra.active_personnel is not None and fra.army_personnel is not None
    active, army = fra.active_personnel.value, fra.army_personnel.value
    # net capacity: army minus Operation Sentinelle (7,000, [[commitments]]) x 0.40
    capacity = int((army - 7_000) * 0.4)
    tiers = {t.tier: t for t in res.tiers if t.nation == "FRA"}
    assert tiers["tier1"].troops == int(active * 0.0292)
    assert tiers["tier2"].troops == int(active * 0.0585)
    assert tiers["tier3"].troops == capacity - tiers["tier1"].troops - tiers["tier2"].troops
    assert tiers["tier3"].capped == int(active * 0.1462) - tiers["tier3"].troops
    assert res.nation("FRA").capacity == capacity
    assert all(t.is_assumption for t in res.tiers)  # the tier sizes are unverified


def test_first_arrivals_by_hand(paris_2025: Scenario) -> None:
    # tier 1 becomes ready evenly over days 1-10, more than 1,500 a day across the
    # nations; the air corridor (1,500 a day, 2 days) lands first, on day 3
    res = paris_2025.reinforcement.simulate(sweep=False)
    first = [t for t in res.tiers if t.tier == "tier1"]
    assert all((t.ready_from, t.days_to_move) == (1, 10) for t in first)
    assert sum(t.troops // 10 for t in first) > 1_500
    assert (res.troops_on(2), res.troops_on(3), res.troops_on(4)) == (0, 1_500, 3_000)
    band_min = res.threshold("band minimum")
    assert band_min.troops == 25_000 and band_min.day is not None
    assert res.troops_on(band_min.day) >= 25_000 > res.troops_on(band_min.day - 1)
    assert res.threshold("double the initial force").troops == 60_000
    # everything ready arrives by day 180 except what is still queued or in transit
    assert res.troops_on(180) <= sum(t.troops for t in res.tiers)


def test_every_corridor_and_its_closure(paris_2025: Scenario) -> None:
    res = paris_2025.reinforcement.simulate()
    names = {c.name for c in paris_2025.corridors}
    assert {v.subject for v in res.variants if v.kind == "close"} == names
    assert {b.corridor for b in res.binding} <= names
    for v in res.variants:  # removing capacity or troops never brings more by day 90 here
        assert v.troops_by_day["90"] <= res.troops_on(90)


def test_paris_incident(paris_2025: Scenario) -> None:
    res = paris_2025.incident(["FRA"])
    assert res.design == "as-agreed" and res.agreement_status == "under discussion"
    gbr = res.party("GBR")
    assert gbr.bound and gbr.clause == "coordinate-response" and gbr.strength == "consultation"
    assert res.party("NLD").depends_on_us
    assert res.obliged_troops_by_day == {"7": 0, "30": 0, "90": 0}  # consultation only
    assert res.us_backstop.commitment is None
    assert res.us_backstop.modality == "considering"
    clause = next(a for a in res.assumptions if a["name"] == "clause.coordinate-response")
    assert clause["is_assumption"]
    art5 = next(c for c in res.comparison if c.design == "article-5")
    assert "GBR" in art5.obliged_to_act and "FRA" not in art5.obliged_to_act
