"""The timeline of a tiny hand-made history, computed by hand; and its laws.

Laws: a scenario file's timeline ends where its plan stands (certain and max possible);
a state that repeats the previous one adds no position.
"""

from __future__ import annotations

import datetime as dt

import pytest

from forcegen.analysis.timeline import DatedState, states_of_scenario, timeline
from forcegen.errors import UsageError
from forcegen.model import ForceRequirement, Modality, Pledge, Scenario, Source

D1, D2, D3 = dt.date(2025, 3, 1), dt.date(2025, 4, 1), dt.date(2025, 5, 1)


def _src(day: dt.date, grade: str | None) -> Source:
    return Source(outlet="Wire", date=day, grade=grade)  # type: ignore[arg-type]


FRA_1 = Pledge(nation="FRA", modality=Modality.OFFERED, troops_max=1000,
               sources=(_src(D1, "B"),))
DEU_2 = Pledge(nation="DEU", modality=Modality.CAUTIOUS, sources=(_src(D2, "C"),))
FRA_3 = Pledge(nation="FRA", modality=Modality.COMMITTED, troops_min=500, troops_max=800,
               sources=(_src(D3, "A"), _src(D3, "C")))
DEU_3 = Pledge(nation="DEU", modality=Modality.RULED_OUT, sources=(_src(D3, None),))
BAND_1 = ForceRequirement(min_troops=5000, max_troops=6000)
BAND_3 = ForceRequirement(min_troops=3000, max_troops=4000)

HISTORY = [
    DatedState(date=D1, pledges=(FRA_1,), requirement=BAND_1),
    DatedState(date=D2, pledges=(FRA_1, DEU_2), requirement=BAND_1),
    DatedState(date=D3, pledges=(FRA_3, DEU_3), requirement=BAND_3),
]


def test_tiny_history_json() -> None:
    assert timeline(HISTORY, "tiny").to_dict() == {
        "scenario": "tiny",
        "nations": [
            {"iso3": "FRA", "positions": [
                {"date": "2025-03-01", "modality": "offered", "troops_min": None,
                 "troops_max": 1000, "grade": "B"},
                {"date": "2025-05-01", "modality": "committed", "troops_min": 500,
                 "troops_max": 800, "grade": "A"},
            ]},
            {"iso3": "DEU", "positions": [
                {"date": "2025-04-01", "modality": "cautious", "troops_min": None,
                 "troops_max": None, "grade": "C"},
                {"date": "2025-05-01", "modality": "ruled_out", "troops_min": None,
                 "troops_max": None, "grade": None},
            ]},
        ],
        "totals": [
            {"date": "2025-03-01", "certain": 0, "max_possible": 1000, "band_min": 5000,
             "band_max": 6000},
            {"date": "2025-04-01", "certain": 0, "max_possible": 1000, "band_min": 5000,
             "band_max": 6000},
            {"date": "2025-05-01", "certain": 500, "max_possible": 800, "band_min": 3000,
             "band_max": 4000},
        ],
    }


def test_lookups() -> None:
    tl = timeline(HISTORY)
    assert tl.on_record(D1) == ["FRA"]
    assert tl.on_record(D3) == ["FRA", "DEU"]
    assert tl.nation("DEU").at(D1) is None
    deu = tl.nation("DEU").at(D3 + dt.timedelta(days=30))
    assert deu is not None and deu.modality is Modality.RULED_OUT
    frame = tl.to_frame()
    assert list(frame["iso3"]) == ["FRA", "FRA", "DEU", "DEU"]
    assert frame.attrs["unit"] == "troops"


def test_withdrawn_pledge_and_no_requirement() -> None:
    states = [DatedState(date=D1, pledges=(FRA_1,)), DatedState(date=D2, pledges=())]
    tl = timeline(states)
    assert [p.modality for p in tl.nation("FRA").positions] == [Modality.OFFERED, None]
    assert [(t.max_possible, t.band_min) for t in tl.totals] == [(1000, None), (0, None)]


def test_a_repeated_state_adds_no_position() -> None:
    repeated = [*HISTORY[:2], DatedState(date=dt.date(2025, 4, 15), pledges=HISTORY[1].pledges,
                                         requirement=BAND_1), HISTORY[2]]
    a, b = timeline(HISTORY), timeline(repeated)
    assert a.nations == b.nations
    assert len(b.totals) == len(a.totals) + 1


@pytest.mark.parametrize("order", [[1, 0, 2], [0, 0, 2]])
def test_states_out_of_order_are_refused(order: list[int]) -> None:
    with pytest.raises(UsageError, match="out of order"):
        timeline([HISTORY[i] for i in order])


def test_scenario_file_timeline_ends_at_its_plan(paris_2025: Scenario) -> None:
    tl = timeline(states_of_scenario(paris_2025), paris_2025.name)
    g = paris_2025.plan().generation
    last = tl.totals[-1]
    assert (last.certain, last.max_possible) == (g.certain, g.max_possible)
    assert (last.band_min, last.band_max) == (g.target_min, g.target_max)
    assert sorted(tl.on_record(paris_2025.as_of)) == sorted({p.nation for p in
                                                              paris_2025.pledges})
