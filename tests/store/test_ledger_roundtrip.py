"""Export is lossless: export, import into an empty ledger, export again: same text.

Hypothesis builds small ledgers (imports and edits with arbitrary text) on each database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forcegen.errors import AlreadyExists, NotFound, ScenarioError, StaleVersion
from forcegen.model import Capability, Modality, Scenario, Source
from forcegen.store import Ledger

FORMATS = ("json", "toml", "csv")
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"),
               max_size=12)


@st.composite
def edits(draw: st.DrawFn) -> dict[str, Any]:
    modality = draw(st.sampled_from(list(Modality)))
    lo = draw(st.none() | st.integers(0, 5000))
    hi = draw(st.none() | st.integers(0, 5000))
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    if modality is Modality.RULED_OUT:
        lo = hi = None
    return {
        "nation": draw(st.sampled_from(["FRA", "DEU", "POL"])),
        "capability": draw(st.sampled_from([None, Capability.LOGISTICS])),
        "modality": modality, "troops_min": lo, "troops_max": hi,
        "retract": draw(st.booleans()) and draw(st.booleans()),
        "source": Source(outlet=draw(TEXT.filter(str.strip)),
                         date=dt.date(2025, 1, 1) + dt.timedelta(days=draw(st.integers(0, 90))),
                         quote=draw(TEXT), actor=draw(TEXT), url=draw(TEXT)),
        "author": draw(TEXT), "reason": draw(TEXT),
    }


def build(ledger: Ledger, base: Scenario, steps: list[dict[str, Any]]) -> None:
    ledger.import_scenario(base, author="seed", reason="base")
    for step in steps:
        # some edits are refused, e.g. retracting a pledge that does not exist yet
        with contextlib.suppress(StaleVersion, ScenarioError, NotFound):
            ledger.set_pledge(**step)


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(edits(), max_size=6), fmt=st.sampled_from(FORMATS))
def test_export_import_export_is_identical(make_ledger: Callable[[], Ledger],
                                           tiny: Callable[..., Scenario],
                                           steps: list[dict[str, Any]], fmt: str) -> None:
    first = make_ledger()
    base = tiny(pledges=[{"nation": "FRA", "modality": "offered", "troops_max": 100,
                          "sources": [{"outlet": "A, \"B\"\nC", "date": "2025-01-01"}]}])
    build(first, base, steps)
    text = first.export(fmt)
    second = make_ledger()
    second.import_dump(text, fmt)
    assert second.export(fmt) == text
    assert second.export("json") == first.export("json")
    first.close()
    second.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_paris_round_trips_in_every_format(make_ledger: Callable[[], Ledger],
                                           paris_2025: Scenario, fmt: str) -> None:
    first = make_ledger()
    first.import_scenario(paris_2025, author="seed")
    first.set_pledge("FRA", modality="committed", troops_min=5000, author="ana",
                     source=Source(outlet="Le Monde", date=dt.date(2025, 3, 1)))
    text = first.export(fmt)
    second = make_ledger()
    assert second.import_dump(text, fmt) == ["paris-2025"]
    assert second.export(fmt) == text
    assert second.scenario() == first.scenario()


@pytest.mark.parametrize(("text", "fmt", "message"), [
    ("{", "json", "malformed JSON"),
    ('{"format": "other"}', "json", "not a forcegen ledger export"),
    ('format = "forcegen-ledger"\nscenarios = 3\n', "toml", "scenarios"),
    ("a,b\n1,2\n", "csv", "needs the columns"),
])
def test_malformed_exports_are_refused(ledger: Ledger, text: str, fmt: str,
                                       message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        ledger.import_dump(text, fmt)
    assert ledger.scenarios() == []


def test_an_export_cannot_be_imported_twice(make_ledger: Callable[[], Ledger],
                                            paris_2025: Scenario) -> None:
    first = make_ledger()
    first.import_scenario(paris_2025, author="seed")
    text = first.export()
    with pytest.raises(AlreadyExists, match="already in the ledger"):
        first.import_dump(text)
