"""The pledge ledger: who said what, when, reported where; the force on any past date.

Every write is one transaction that only adds rows. Edits use optimistic locking: an
editor passes the version they saw; if a newer one exists the edit fails with
StaleVersion, and the primary key (pledge_id, version) stops two racing writers from
both winning.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from forcegen.analysis.timeline import DatedState
from forcegen.errors import (
    AlreadyExists,
    NotFound,
    Problem,
    ScenarioError,
    StaleVersion,
    StoreUnavailable,
    UsageError,
)
from forcegen.io.document import scenario_from_document
from forcegen.model import Capability, Modality, Scenario, Source
from forcegen.model.bounds import MAX_SLOT
from forcegen.model.iso import is_iso3
from forcegen.store import contention, imports, views, writes
from forcegen.store import engine as engines
from forcegen.store.queries import (
    find_scenario,
    pledge_key,
    read_versions,
    scenario_names,
    scenario_version_row,
)
from forcegen.store.records import (
    ImportSummary,
    LedgerDiff,
    LedgerState,
    PledgeVersion,
)

#: What the ledger reads the time from: a timezone-aware datetime.
Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    """The real time, in UTC."""
    return dt.datetime.now(dt.UTC)

#: How often a write without an expected version is tried when other writers win races.
WRITE_ATTEMPTS = 8

#: Fields a `set` carries over from the previous version (what the new report is silent on).
CARRIED = ("role", "quantity", "unit", "conditions", "earliest", "until", "duration_months",
           "caveats")


class Ledger:
    """A pledge ledger at a database URL (SQLite or ``postgresql+psycopg://``).

    ``clock`` gives the time that dates each version (``recorded_at``) and the day after
    which no report may be dated; tests and replays pass a fixed one.

    >>> with Ledger("sqlite:///ledger.sqlite") as ledger:  # doctest: +SKIP
    ...     ledger.init()
    ...     ledger.import_scenario(load_scenario("paris-2025"), author="me", reason="seed")
    """

    def __init__(self, url: str | None = None, *, clock: Clock = system_clock) -> None:
        if url is None:
            from forcegen.settings import Settings

            url = Settings().db_url
        self.url = url
        self.clock = clock
        self.engine: Engine = engines.make_engine(url)
        self._ready = False

    # -- lifecycle ----------------------------------------------------------------
    def _read_clock(self) -> tuple[dt.datetime, dt.date]:
        """One reading of the clock: the time in UTC, naive (as stored), and the date
        where the user is (the local date, as a reporter dates)."""
        moment = self.clock()
        return writes.naive(moment), moment.astimezone().date()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def init(self) -> str:
        """Create (or bring up to date) the ledger's tables; returns the revision."""
        return self.upgrade("head")

    def upgrade(self, revision: str = "head") -> str:
        engines.check_revision(revision, also=("head",))
        with engines.translate_errors(self.url):
            engines.upgrade(self.engine, revision)
            return self.revision() or ""

    def downgrade(self, revision: str = "base") -> None:
        engines.check_revision(revision, also=("base",))
        with engines.translate_errors(self.url):
            engines.downgrade(self.engine, revision)
        self._ready = False

    def revision(self) -> str | None:
        with engines.translate_errors(self.url), self.engine.connect() as conn:
            return engines.current_revision(conn)

    @contextlib.contextmanager
    def _connect(self, read_only: bool = False) -> Iterator[Connection]:
        """A connection in a transaction; read-only ones see one snapshot throughout."""
        with engines.translate_errors(self.url):
            if not self._ready:
                rev = self.revision()
                if rev != engines.HEAD_REVISION:
                    state = "is not initialised" if rev is None else f"is at revision {rev}"
                    raise StoreUnavailable(
                        f"the ledger at {engines.safe_url(self.url)} {state}; run "
                        "`forcegen ledger init` (or `upgrade`) first")
                self._ready = True
            with self.engine.connect() as conn:
                if read_only and conn.dialect.name == "postgresql":
                    conn.execution_options(isolation_level="REPEATABLE READ")
                elif read_only:  # a plain BEGIN: readers never queue behind writers
                    conn.execution_options(forcegen_read_only=True)
                with conn.begin():
                    yield conn

    # -- writes ---------------------------------------------------------------------
    def import_scenario(self, scn: Scenario, *, author: str, reason: str = "") -> ImportSummary:
        """Add a scenario, or record how a newer file of it differs from the ledger.

        New pledges get version 1, changed ones a new version, pledges missing from the
        file a retraction. Effective dates: a pledge's latest source date; the scenario's
        own ``as_of`` for the scenario document and for retractions. Where the ledger
        already holds a later report than the file, the ledger's is kept (``older``).
        """
        contention.check_texts(author=author, reason=reason)
        try:
            return self._import_scenario(scn, author=author, reason=reason)
        except IntegrityError:
            raise StaleVersion(f"scenario {scn.name!r} was changed by another writer during "
                               "the import; nothing was written, import again") from None

    def _import_scenario(self, scn: Scenario, *, author: str, reason: str) -> ImportSummary:
        when, today = self._read_clock()
        imports.refuse_future(scn, today)
        with self._connect() as conn:
            return imports.import_scenario(conn, scn, recorded_at=when, author=author,
                                           reason=reason)

    def set_pledge(self, nation: str, *, modality: Modality | str | None, source: Source,
                   author: str, reason: str = "", scenario: str | None = None,
                   capability: Capability | str | None = None, slot: int = 1,
                   troops_min: int | None = None, troops_max: int | None = None,
                   expected_version: int | None = None,
                   retract: bool = False) -> PledgeVersion:
        """Record a nation's new position (a new version of its pledge).

        ``expected_version``: the version the editor saw (0: none yet); if the latest is
        newer, StaleVersion. None skips that check (racing writers still cannot both
        win). The source's date is the version's effective date. Fields the new report
        is silent on (role, conditions, caveats, dates...) are carried over; troops are
        not. ``retract``: record that the position no longer holds.
        """
        nation = nation.upper()
        if not is_iso3(nation):
            raise NotFound(f"unknown country code {nation!r} (expected an ISO 3166-1 "
                           "alpha-3 code, e.g. FRA)")
        recorded_at, today = self._read_clock()
        if source.date > today:
            raise ScenarioError([Problem(f"source date {source.date} is in the future "
                                         f"(today is {today})", "date")])
        try:
            cap = Capability(capability).value if capability else None
        except ValueError:
            raise ScenarioError([Problem(f"unknown capability {capability!r}",
                                         "capability")]) from None
        if modality is None and not retract:
            raise ScenarioError([Problem("give the position's modality", "modality")])
        if not 1 <= slot <= MAX_SLOT:
            raise ScenarioError([Problem(f"must be from 1 to {MAX_SLOT}, got {slot}", "slot")])
        contention.check_texts(author=author, reason=reason)
        key = pledge_key(nation, cap, slot)
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                return self._set_pledge(
                    nation, key, cap, slot, modality=modality, source=source, author=author,
                    reason=reason, scenario=scenario, troops_min=troops_min,
                    troops_max=troops_max, expected_version=expected_version, retract=retract,
                    recorded_at=recorded_at)
            except contention.LostRace as race:
                if expected_version is not None:
                    # the editor named the version they saw: another writer's is news to them
                    with self._connect(read_only=True) as conn:
                        sid, name = find_scenario(conn, scenario)
                        olds = read_versions(conn, name, sid, latest=True, key=key)
                    raise views.stale(name, key, race.seen, olds[0] if olds else None) from None
                if attempt == WRITE_ATTEMPTS:
                    raise StaleVersion(
                        f"pledge {key}: {WRITE_ATTEMPTS} attempts in a row lost a race with "
                        "other writers; nothing was written, try again") from None
                time.sleep(random.uniform(0, 0.02 * attempt))  # jitter
        raise AssertionError("unreachable")  # pragma: no cover

    def _set_pledge(self, nation: str, key: str, cap: str | None, slot: int, *,
                    modality: Modality | str | None, source: Source, author: str,
                    reason: str, scenario: str | None, troops_min: int | None,
                    troops_max: int | None, expected_version: int | None,
                    retract: bool, recorded_at: dt.datetime) -> PledgeVersion:
        """One attempt at :meth:`set_pledge`; contention.LostRace if another writer won."""
        seen = 0
        try:
            with self._connect() as conn:
                sid, name = find_scenario(conn, scenario)
                # without an expected version, writers to one pledge queue (PostgreSQL)
                pid = contention.lock_pledge(conn, sid, key, lock=expected_version is None)
                olds = read_versions(conn, name, sid, latest=True, key=key)
                old = olds[0] if olds else None
                seen = old.version if old else 0
                if expected_version is not None and expected_version != seen:
                    raise views.stale(name, key, expected_version, old)
                if retract and old is None:
                    raise NotFound(f"scenario {name!r} has no pledge {key} to retract")
                data: dict[str, Any] = {"nation": nation, "capability": cap}
                if old is not None:
                    data.update({f: getattr(old.pledge, f) for f in CARRIED})
                if retract and old is not None:
                    data.update(modality=old.pledge.modality, troops_min=old.pledge.troops_min,
                                troops_max=old.pledge.troops_max)
                else:
                    data.update(modality=modality, troops_min=troops_min, troops_max=troops_max)
                data["sources"] = [source]
                pledge = writes.validate_pledge(data, "")
                if pid is None:
                    pid = writes.create_pledge(conn, sid, nation, cap, slot)
                version = seen + 1
                writes.insert_versions(
                    conn,
                    [writes.version_row(pid, version, pledge, effective_date=source.date,
                                        recorded_at=recorded_at, author=author,
                                        reason=reason, retracted=retract)],
                    writes.source_rows(pid, version, pledge))
        except IntegrityError:
            # another writer committed this version (or created this pledge) first
            raise contention.LostRace(seen) from None
        return PledgeVersion(scenario=name, key=key, nation=nation, capability=cap, slot=slot,
                             version=version, effective_date=source.date,
                             recorded_at=recorded_at.replace(tzinfo=dt.UTC), author=author,
                             reason=reason, retracted=retract, pledge=pledge)

    def import_dump(self, text: str, fmt: str = "json") -> list[str]:
        """Load a ledger export (every version, with authors and times) into this ledger.
        Its scenarios must not be in the ledger yet. Returns their names. The export must
        agree with its manifest: a cut-off or altered file is refused, nothing written."""
        from forcegen.store import dump

        ledger_dump = dump.parse(text, fmt)
        _, today = self._read_clock()
        for sv in ledger_dump.scenarios:
            dates = [("scenario_versions.effective_date", v.effective_date) for v in sv.versions]
            dates += [("pledge_versions.effective_date", v.effective_date)
                      for p in sv.pledges for v in p.versions]
            for field, date in dates:
                if date > today:
                    raise ScenarioError([Problem(
                        f"scenario {sv.name!r}: date {date} is in the future (today is {today})",
                        field)])
        try:
            with self._connect() as conn:
                dump.write(conn, ledger_dump)
        except IntegrityError:
            raise AlreadyExists("another writer added the same scenario during the import; "
                               "nothing was written") from None
        self._refresh_statistics()
        return [s.name for s in ledger_dump.scenarios]

    def _refresh_statistics(self) -> None:
        """After a bulk load on PostgreSQL: planner statistics and the visibility map
        (what autovacuum would do later), so that as_of uses index-only scans at once."""
        if self.engine.dialect.name != "postgresql":
            return
        with engines.translate_errors(self.url), self.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("VACUUM (ANALYZE) pledge_versions, pledges")

    # -- reads ----------------------------------------------------------------------
    def scenarios(self) -> list[str]:
        with self._connect(read_only=True) as conn:
            return scenario_names(conn)

    def stamp(self) -> tuple[int, int, str]:
        """A cheap fingerprint of the ledger's content (pledge versions, scenario versions,
        newest recording time): it changes with every write, so results cached under it
        are never stale."""
        from sqlalchemy import func, select

        from forcegen.store.schema import pledge_versions, scenario_versions

        with self._connect(read_only=True) as conn:
            pv = conn.execute(select(func.count(), func.max(pledge_versions.c.recorded_at))
                              .select_from(pledge_versions)).one()
            sv = conn.execute(select(func.count()).select_from(scenario_versions)).scalar()
        return int(pv[0]), int(sv or 0), str(pv[1])

    def current(self, scenario: str | None = None) -> LedgerState:
        """Each pledge's latest version (retracted pledges left out)."""
        return self._state(scenario, None)

    def as_of(self, date: dt.date, scenario: str | None = None) -> LedgerState:
        """Each pledge's latest version effective on or before ``date``."""
        return self._state(scenario, date)

    def _state(self, scenario: str | None, at: dt.date | None) -> LedgerState:
        with self._connect(read_only=True) as conn:
            sid, name = find_scenario(conn, scenario)
            rows = read_versions(conn, name, sid, latest=True, at=at)
        return LedgerState(scenario=name, as_of=at,
                           pledges=[v for v in rows if not v.retracted])

    def history(self, nation: str, *, scenario: str | None = None,
                key: str | None = None) -> list[PledgeVersion]:
        """Every version of a nation's pledges (or of one pledge, by key), oldest first
        within each pledge, with their sources."""
        nation = nation.upper()
        with self._connect(read_only=True) as conn:
            sid, name = find_scenario(conn, scenario)
            rows = read_versions(conn, name, sid, latest=False, nation=nation, key=key)
        if not rows:
            what = f"pledge {key}" if key else f"pledge by {nation}"
            raise NotFound(f"scenario {name!r} has no {what}")
        return rows

    def diff(self, start: dt.date, end: dt.date, scenario: str | None = None) -> LedgerDiff:
        """What changed between the state as of ``start`` and as of ``end``."""
        if end < start:
            raise UsageError(f"end: the end date {end} is before the start {start}")
        with self._connect(read_only=True) as conn:
            sid, name = find_scenario(conn, scenario)
            before = {v.key: v for v in read_versions(conn, name, sid, latest=True, at=start)}
            after = read_versions(conn, name, sid, latest=True, at=end)
        return LedgerDiff(scenario=name, start=start, end=end,
                          changes=views.changes_between(before, after))

    def scenario(self, scenario: str | None = None, as_of: dt.date | None = None) -> Scenario:
        """The scenario as the ledger holds it (now, or as of a date), ready to plan."""
        with self._connect(read_only=True) as conn:
            sid, name = find_scenario(conn, scenario)
            sv = scenario_version_row(conn, sid, as_of)
            if sv is None:
                raise NotFound(f"scenario {name!r} has no version on or before {as_of}")
            latest = read_versions(conn, name, sid, latest=True, at=as_of)
            nation_rows = imports.nation_rows_of(conn, sid, sv.version)
        doc = views.scenario_document(sv.document, latest, nation_rows, as_of)
        return scenario_from_document(doc, file=f"ledger {engines.safe_url(self.url)}",
                                      refuse_repeats=False)

    def states(self, scenario: str | None = None) -> tuple[str, list[DatedState]]:
        """The scenario's name and its state (pledges, requirement) on every date a
        version takes effect, oldest first: what a timeline replays."""
        from forcegen.io.history import dated_states
        from forcegen.store import dump

        with self._connect(read_only=True) as conn:
            _, name = find_scenario(conn, scenario)
            ledger_dump = dump.read(conn)
        return dated_states(ledger_dump.model_dump(mode="json"), name,
                            file=f"ledger {engines.safe_url(self.url)}")

    def export(self, fmt: str = "json") -> str:
        """The whole ledger, every version, losslessly (json, toml or csv)."""
        from forcegen.store import dump

        with self._connect(read_only=True) as conn:
            ledger_dump = dump.read(conn)
        return dump.render(ledger_dump, fmt)


def load_scenario_from_db(url: str, scenario: str | None = None,
                          as_of: dt.date | None = None) -> Scenario:
    """The scenario a ledger holds (its only one if no name), now or as of a date."""
    with Ledger(url) as ledger:
        return ledger.scenario(scenario, as_of)
