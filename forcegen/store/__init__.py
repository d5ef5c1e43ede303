"""The pledge ledger: an append-only history of positions, with sources, in SQLite or
PostgreSQL (same code, same Alembic migrations).

    >>> from forcegen.store import Ledger  # doctest: +SKIP
    >>> with Ledger("sqlite:///ledger.sqlite") as ledger:
    ...     ledger.init()
    ...     ledger.import_scenario(load_scenario("paris-2025"), author="me", reason="seed")
    ...     ledger.as_of(datetime.date(2025, 2, 17)).pledges
"""

from forcegen.store.formats import FORMATS, ExportFormat, register_format
from forcegen.store.ledger import Ledger, load_scenario_from_db
from forcegen.store.queries import pledge_key
from forcegen.store.records import (
    ChangeKind,
    ImportSummary,
    LedgerDiff,
    LedgerState,
    PledgeChange,
    PledgeVersion,
)
from forcegen.store.review import (
    Acceptance,
    ClaimEdits,
    ProposedClaim,
    ProposeSummary,
    QueuedClaim,
    ReviewQueue,
    ReviewStatus,
)

__all__ = [
    "FORMATS",
    "Acceptance",
    "ChangeKind",
    "ClaimEdits",
    "ExportFormat",
    "ImportSummary",
    "Ledger",
    "LedgerDiff",
    "LedgerState",
    "PledgeChange",
    "PledgeVersion",
    "ProposeSummary",
    "ProposedClaim",
    "QueuedClaim",
    "ReviewQueue",
    "ReviewStatus",
    "load_scenario_from_db",
    "pledge_key",
    "register_format",
]
