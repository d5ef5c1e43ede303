"""The ledger takes its clock: it dates each version and judges "in the future" by the
clock it was given, never by the machine's time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from forcegen.errors import ScenarioError
from forcegen.model import Scenario, Source
from forcegen.store import Ledger

NOON = dt.datetime(2025, 2, 10, 12, 0, tzinfo=dt.UTC)


def fixed(moment: dt.datetime) -> Callable[[], dt.datetime]:
    return lambda: moment


class Ticking:
    """A clock that moves one hour forward on each reading."""

    def __init__(self, start: dt.datetime) -> None:
        self.moment = start

    def __call__(self) -> dt.datetime:
        self.moment += dt.timedelta(hours=1)
        return self.moment


def one_pledge(tiny: Callable[..., Scenario], as_of: dt.date, reported: dt.date) -> Scenario:
    return tiny(as_of=as_of, pledges=[{"nation": "FRA", "modality": "offered",
                                       "sources": [Source(outlet="Le Monde", date=reported)]}])


def test_versions_are_recorded_at_the_clock_time(make_ledger: Callable[..., Ledger],
                                                 tiny: Callable[..., Scenario]) -> None:
    ledger = make_ledger(fixed(NOON))
    ledger.import_scenario(one_pledge(tiny, dt.date(2025, 2, 1), dt.date(2025, 2, 1)),
                           author="ana")
    version = ledger.set_pledge("DEU", modality="cautious", author="ben",
                                source=Source(outlet="FAZ", date=dt.date(2025, 2, 10)))
    assert version.recorded_at == NOON
    assert [v.recorded_at for v in ledger.history("FRA")] == [NOON]
    assert [v.recorded_at for v in ledger.history("DEU")] == [NOON]


def test_a_moving_clock_orders_the_versions(make_ledger: Callable[..., Ledger],
                                            tiny: Callable[..., Scenario]) -> None:
    ledger = make_ledger(Ticking(NOON))
    ledger.import_scenario(one_pledge(tiny, dt.date(2025, 2, 1), dt.date(2025, 2, 1)),
                           author="ana")
    for troops in (100, 200):
        ledger.set_pledge("FRA", modality="offered", troops_max=troops, author="ben",
                          source=Source(outlet="Le Monde", date=dt.date(2025, 2, 9)))
    times = [v.recorded_at for v in ledger.history("FRA")]
    assert [t - NOON for t in times] == [dt.timedelta(hours=h) for h in (1, 2, 3)]


def test_future_is_judged_by_the_clock(make_ledger: Callable[..., Ledger],
                                       tiny: Callable[..., Scenario]) -> None:
    # 2025-02-12 is in the past by the machine's clock, but after the ledger's today
    early = make_ledger(fixed(NOON))
    later = one_pledge(tiny, dt.date(2025, 2, 12), dt.date(2025, 2, 12))
    with pytest.raises(ScenarioError, match=r"as_of 2025-02-12 is in the future \(today is "
                       r"2025-02-10\)"):
        early.import_scenario(later, author="ana")
    assert early.scenarios() == []
    early.import_scenario(one_pledge(tiny, dt.date(2025, 2, 10), dt.date(2025, 2, 10)),
                          author="ana")
    with pytest.raises(ScenarioError, match="source date 2025-02-11 is in the future"):
        early.set_pledge("FRA", modality="committed", author="ben",
                         source=Source(outlet="Le Monde", date=dt.date(2025, 2, 11)))
    # a ledger whose clock reads a later day takes the same file
    make_ledger(fixed(NOON + dt.timedelta(days=2))).import_scenario(later, author="ana")


def test_an_export_dated_after_the_clock_is_refused(make_ledger: Callable[..., Ledger],
                                                    tiny: Callable[..., Scenario]) -> None:
    source = make_ledger(fixed(NOON + dt.timedelta(days=30)))
    source.import_scenario(one_pledge(tiny, dt.date(2025, 3, 1), dt.date(2025, 3, 1)),
                           author="ana")
    text = source.export("json")
    with pytest.raises(ScenarioError, match="date 2025-03-01 is in the future"):
        make_ledger(fixed(NOON)).import_dump(text, "json")
    assert make_ledger(fixed(NOON + dt.timedelta(days=30))).import_dump(text, "json") == ["tiny"]
