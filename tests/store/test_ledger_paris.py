"""paris-2025 through the ledger: the plan from the ledger equals the plan from the file."""

from __future__ import annotations

import datetime as dt

from forcegen.model import Scenario, Source
from forcegen.store import Ledger, load_scenario_from_db


def test_plan_from_the_ledger_equals_plan_from_the_file(ledger: Ledger,
                                                        paris_2025: Scenario) -> None:
    summary = ledger.import_scenario(paris_2025, author="ana", reason="seed")
    assert (summary.scenario_version, summary.added) == (1, len(paris_2025.pledges))
    from_db = load_scenario_from_db(ledger.url)
    assert from_db == paris_2025
    assert from_db.plan().to_dict() == paris_2025.plan().to_dict()
    as_of = load_scenario_from_db(ledger.url, "paris-2025", dt.date(2025, 2, 17))
    assert as_of.plan().to_dict() == paris_2025.plan().to_dict()


def test_importing_the_same_file_again_writes_nothing(ledger: Ledger,
                                                      paris_2025: Scenario) -> None:
    ledger.import_scenario(paris_2025, author="ana")
    before = ledger.export()
    summary = ledger.import_scenario(paris_2025, author="ben")
    assert (summary.scenario_version, summary.unchanged) == (None, len(paris_2025.pledges))
    assert ledger.export() == before


def test_reimporting_an_older_file_keeps_later_edits(ledger: Ledger,
                                                    paris_2025: Scenario) -> None:
    ledger.import_scenario(paris_2025, author="ana")
    ledger.set_pledge("FRA", modality="committed", troops_max=12000, author="ben",
                      source=Source(outlet="Le Monde", date=dt.date(2025, 3, 1)))
    summary = ledger.import_scenario(paris_2025, author="cem")
    assert (summary.older, summary.unchanged, summary.changed) == (1, 13, 0)
    assert ledger.current().pledges[0].pledge.troops_max == 12000
