"""Ledger features a review found no test would miss: each test here fails if its
feature is deleted (checked by deleting it)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from forcegen.errors import ScenarioError
from forcegen.model import ConditionKind, Modality, Scenario, Source
from forcegen.store import Ledger
from forcegen.store.dump import LedgerDump

D = dt.date


def src(outlet: str, date: dt.date) -> dict[str, object]:
    return {"outlet": outlet, "date": date}


def test_set_carries_over_what_the_new_report_is_silent_on(
        ledger: Ledger, tiny: Callable[..., Scenario]) -> None:
    ledger.import_scenario(tiny(pledges=[{
        "nation": "FRA", "modality": "conditional", "troops_min": 500, "troops_max": 900,
        "role": "lead nation", "caveats": ["no combat role"], "unit": "battalions",
        "quantity": 2, "duration_months": 12,
        "conditions": [{"kind": "ceasefire", "detail": "after a ceasefire"}],
        "sources": [src("Le Monde", D(2025, 1, 1))]}]), author="seed")
    v = ledger.set_pledge("FRA", modality="committed", troops_max=1_000, author="ana",
                          source=Source(outlet="AFP", date=D(2025, 1, 5)))
    p = v.pledge
    assert (p.role, p.caveats, p.unit, p.quantity, p.duration_months) == (
        "lead nation", ("no combat role",), "battalions", 2, 12)
    assert [(c.kind, c.detail) for c in p.conditions] == [
        (ConditionKind.CEASEFIRE, "after a ceasefire")]
    # what the new report does say replaces the old; troops are not carried over
    assert (p.modality, p.troops_min, p.troops_max) == (Modality.COMMITTED, None, 1_000)
    assert [s.outlet for s in p.sources] == ["AFP"]


def _tampered(text: str, change: Callable[[dict[str, object]], None]) -> str:
    """The export changed, with a manifest that agrees with the change (so only the
    integrity check can catch it, not the manifest)."""
    data = json.loads(text)
    change(data)
    data.pop("manifest")
    data["manifest"] = LedgerDump.model_validate(data).measured().model_dump(mode="json")
    return json.dumps(data)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["scenarios"][0]["pledges"][0]["versions"][0].update(version=2),
     "versions must be numbered 1, 2, 3"),
    (lambda d: d["scenarios"][0]["pledges"][0].update(key="DEU/any/1"),
     "key should be 'FRA/any/1'"),
    (lambda d: d["scenarios"][0]["versions"][0].update(version=5),
     "scenario versions must be numbered"),
    (lambda d: d["scenarios"][0]["pledges"].append(d["scenarios"][0]["pledges"][0]),
     "pledge FRA/any/1 appears twice"),
])
def test_an_export_that_pydantic_accepts_but_does_not_add_up_is_refused(
        make_ledger: Callable[..., Ledger], tiny: Callable[..., Scenario],
        change: Callable[[dict[str, object]], None], message: str) -> None:
    first = make_ledger()
    first.import_scenario(tiny(pledges=[{"nation": "FRA", "modality": "offered",
                                         "sources": [src("A", D(2025, 1, 1))]}]), author="a")
    text = _tampered(first.export("json"), change)
    second = make_ledger()
    with pytest.raises(ScenarioError, match=message):
        second.import_dump(text, "json")
    assert second.scenarios() == []


def test_reimport_keeps_a_later_report_the_file_would_retract(
        ledger: Ledger, tiny: Callable[..., Scenario]) -> None:
    older_file = tiny(as_of=D(2025, 2, 1), pledges=[
        {"nation": "FRA", "modality": "offered", "sources": [src("A", D(2025, 1, 1))]}])
    ledger.import_scenario(older_file, author="seed")
    # a later report about a nation the file does not mention
    ledger.set_pledge("DEU", modality="considering", author="ana",
                      source=Source(outlet="FAZ", date=D(2025, 3, 1)))
    summary = ledger.import_scenario(older_file, author="seed", reason="again")
    assert (summary.older, summary.retracted, summary.unchanged) == (1, 0, 1)
    deu = ledger.history("DEU")
    assert [(v.version, v.retracted) for v in deu] == [(1, False)]
    # a file as new as the report does retract it
    newer_file = older_file.model_copy(update={"as_of": D(2025, 3, 2)})
    assert ledger.import_scenario(newer_file, author="seed").retracted == 1
    assert [(v.version, v.retracted) for v in ledger.history("DEU")] == [(1, False), (2, True)]


def test_two_slots_may_hold_the_same_position(ledger: Ledger,
                                              tiny: Callable[..., Scenario]) -> None:
    """A file that repeats a [[pledges]] block is refused (it would count twice); the ledger
    tells its pledges apart by key, so two slots saying the same thing still plan."""
    ledger.import_scenario(tiny(pledges=[{"nation": "FRA", "modality": "offered",
                                          "troops_max": 500,
                                          "sources": [src("A", D(2025, 1, 1))]}]), author="a")
    ledger.set_pledge("FRA", slot=2, modality="offered", troops_max=500, author="b",
                      source=Source(outlet="A", date=D(2025, 1, 1)))
    scn = ledger.scenario()
    assert [p.troops_max for p in scn.pledges] == [500, 500]
