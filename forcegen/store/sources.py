"""Sources through the ledger: where each current position was reported, and how a source
is added, corrected or withdrawn.

A source is not a row of its own: it is part of a pledge version (the ``sources`` rows and
the version's body), so it changes the way a pledge does, by a new version, with author,
time and reason, under optimistic locking. Two layers:

- a **citation** is one source of one pledge (its outlet, date, title, URL, grade, and
  the quote and actor that pledge rests on), addressed by the pledge's key and its index
  in the pledge's sources; :func:`cite_source`, :func:`correct_citation` and
  :func:`withdraw_citation` write one new version of that pledge;
- a **report** is what several citations share: outlet, date, title, URL and grade. Its
  id is a digest of those fields (so a correction gives it a new id).
  :func:`correct_report` corrects them in every current pledge citing it, in one
  transaction: one new version per citing pledge, or nothing.

A new version's effective date is its latest source's date, as for an imported pledge.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy.exc import IntegrityError

from forcegen.errors import (
    Conflict,
    NotFound,
    Problem,
    ScenarioError,
    StaleVersion,
    UsageError,
)
from forcegen.model import Source
from forcegen.store import contention, writes
from forcegen.store.ledger import Ledger
from forcegen.store.queries import find_scenario, read_versions
from forcegen.store.records import PledgeVersion
from forcegen.store.views import stale

#: the fields a report shares among its citations (the rest, quote and actor, are the
#: citing pledge's own)
REPORT_FIELDS = ("outlet", "date", "title", "url", "grade")
#: the most pledges one report correction may rewrite
MAX_CITING = 500


def report_id(source: Source) -> str:
    """The id of the report a source cites: a digest of its outlet, date, title, URL and
    grade (16 hex digits)."""
    fields = [str(getattr(source, f) or "") for f in REPORT_FIELDS]
    return hashlib.sha256(json.dumps(fields).encode("utf-8")).hexdigest()[:16]


class Citation(BaseModel):
    """One current pledge citing a report: its key, version and the source's index."""

    model_config = ConfigDict(frozen=True)

    key: str
    nation: str
    version: int
    index: int
    quote: str
    actor: str


class Report(BaseModel):
    """A report as the current pledges cite it."""

    model_config = ConfigDict(frozen=True)

    id: str
    outlet: str
    date: dt.date
    title: str
    url: str
    grade: str | None
    cited_by: list[Citation]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def read_reports(ledger: Ledger, scenario: str | None = None, *, nation: str | None = None,
                 outlet: str | None = None) -> list[Report]:
    """Every report the current (not retracted) pledges cite, newest first, with the
    pledges citing it; ``nation`` keeps reports cited by that nation, ``outlet`` those
    whose outlet contains it (any case)."""
    with ledger._connect(read_only=True) as conn:
        sid, name = find_scenario(conn, scenario)
        current = [v for v in read_versions(conn, name, sid, latest=True) if not v.retracted]
    return _reports(current, nation=nation, outlet=outlet)


def _reports(current: list[PledgeVersion], *, nation: str | None = None,
             outlet: str | None = None) -> list[Report]:
    found: dict[str, tuple[Source, list[Citation]]] = {}
    for v in current:
        for i, s in enumerate(v.pledge.sources):
            rid = report_id(s)
            found.setdefault(rid, (s, []))[1].append(Citation(
                key=v.key, nation=v.nation, version=v.version, index=i, quote=s.quote,
                actor=s.actor))
    reports = [Report(id=rid, outlet=s.outlet, date=s.date, title=s.title, url=s.url,
                      grade=s.grade, cited_by=cites) for rid, (s, cites) in found.items()]
    if nation is not None:
        reports = [r for r in reports if any(c.nation == nation.upper() for c in r.cited_by)]
    if outlet is not None:
        reports = [r for r in reports if outlet.casefold() in r.outlet.casefold()]
    return sorted(reports, key=lambda r: (-r.date.toordinal(), r.outlet, r.id))


def read_report(ledger: Ledger, rid: str, scenario: str | None = None) -> Report:
    for report in read_reports(ledger, scenario):
        if report.id == rid:
            return report
    raise NotFound(f"source: no current pledge cites a source with id {rid!r}")


Revise = Callable[[PledgeVersion], tuple[Source, ...]]


def cite_source(ledger: Ledger, key: str, source: Source, *, expected_version: int,
                author: str, reason: str = "", scenario: str | None = None) -> PledgeVersion:
    """Add a source to a pledge's latest version (the position is unchanged)."""
    return _revise(ledger, {key: expected_version}, lambda v: (*v.pledge.sources, source),
                   author=author, reason=reason or f"source added: {source.outlet}",
                   scenario=scenario)[0]


def correct_citation(ledger: Ledger, key: str, index: int, source: Source, *,
                     expected_version: int, author: str, reason: str = "",
                     scenario: str | None = None) -> PledgeVersion:
    """Replace a pledge's source ``index`` (from 0) with ``source``."""
    def revise(v: PledgeVersion) -> tuple[Source, ...]:
        sources = list(v.pledge.sources)
        _check_index(v, index)
        sources[index] = source
        return tuple(sources)

    return _revise(ledger, {key: expected_version}, revise, author=author,
                   reason=reason or f"source {index} corrected", scenario=scenario)[0]


def withdraw_citation(ledger: Ledger, key: str, index: int, *, expected_version: int,
                      author: str, reason: str = "",
                      scenario: str | None = None) -> PledgeVersion:
    """Remove a pledge's source ``index``; a pledge keeps at least one source."""
    def revise(v: PledgeVersion) -> tuple[Source, ...]:
        _check_index(v, index)
        if len(v.pledge.sources) == 1:
            raise Conflict(f"index: pledge {v.key} rests on this one source; a position "
                           "keeps at least one (add the right source first, or correct "
                           "this one)")
        return tuple(s for i, s in enumerate(v.pledge.sources) if i != index)

    return _revise(ledger, {key: expected_version}, revise, author=author,
                   reason=reason or f"source {index} withdrawn", scenario=scenario)[0]


class ReportCorrected(BaseModel):
    """A corrected report: its new id and the new versions of the pledges citing it."""

    id: str
    versions: list[PledgeVersion]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def correct_report(ledger: Ledger, rid: str, fields: dict[str, Any], *,
                   expected: dict[str, int], author: str, reason: str = "",
                   scenario: str | None = None) -> ReportCorrected:
    """Correct a report's outlet, date, title, URL or grade wherever the current pledges
    cite it: one new version of each citing pledge, in one transaction.

    ``expected``: each citing pledge's key and the version the editor saw; it must name
    exactly the pledges citing the report now, at those versions (else StaleVersion,
    nothing written).
    """
    unknown = sorted(set(fields) - set(REPORT_FIELDS))
    if unknown:
        raise ScenarioError([Problem(f"not a field of a report ({', '.join(REPORT_FIELDS)})",
                                     unknown[0])])
    if not fields:
        raise ScenarioError([Problem("give at least one field to correct", "fields")])
    if len(expected) > MAX_CITING:
        raise ScenarioError([Problem(f"at most {MAX_CITING} pledges", "expected_versions")])

    places: dict[str, list[int]] = {}

    def revise(v: PledgeVersion) -> tuple[Source, ...]:
        places[v.key] = [i for i, s in enumerate(v.pledge.sources) if report_id(s) == rid]
        return tuple(s.model_copy(update=fields) if i in places[v.key] else s
                     for i, s in enumerate(v.pledge.sources))

    def check(current: list[PledgeVersion]) -> None:
        citing = {c.key: c.version for r in _reports(current) if r.id == rid
                  for c in r.cited_by}
        if not citing:
            raise NotFound(f"source: no current pledge cites a source with id {rid!r}")
        report = next(r for r in _reports(current) if r.id == rid)
        if citing != expected:
            exc = StaleVersion(
                f"expected_versions: source {rid} is cited by "
                f"{', '.join(f'{k} v{n}' for k, n in sorted(citing.items()))}, not by "
                f"{', '.join(f'{k} v{n}' for k, n in sorted(expected.items())) or 'none'}; "
                "review it and retry")
            exc.current = report.to_dict()  # type: ignore[attr-defined]
            raise exc
        if all(getattr(report, f) == value for f, value in fields.items()):
            raise UsageError(f"{next(iter(fields))}: the source already reads so; "
                             "nothing to correct")

    versions = _revise(ledger, expected, revise, author=author,
                       reason=reason or f"source corrected: {', '.join(sorted(fields))}",
                       scenario=scenario, check=check)
    first = versions[0]
    new_id = report_id(first.pledge.sources[places[first.key][0]])
    return ReportCorrected(id=new_id, versions=versions)


def _check_index(v: PledgeVersion, index: int) -> None:
    if not 0 <= index < len(v.pledge.sources):
        raise NotFound(f"index: pledge {v.key} version {v.version} has sources 0 to "
                       f"{len(v.pledge.sources) - 1}, not {index}")


def _revise(ledger: Ledger, expected: dict[str, int], revise: Revise, *, author: str,
            reason: str, scenario: str | None,
            check: Callable[[list[PledgeVersion]], None] | None = None,
            ) -> list[PledgeVersion]:
    """New versions of the pledges in ``expected`` (key -> version seen) with the sources
    ``revise`` gives, the position unchanged; all or nothing."""
    contention.check_texts(author=author, reason=reason)
    recorded_at, today = ledger._read_clock()
    try:
        with ledger._connect() as conn:
            sid, name = find_scenario(conn, scenario)
            if check is None:  # only these pledges' latest versions
                found = [v for key in expected
                         for v in read_versions(conn, name, sid, latest=True, key=key)]
            else:  # every pledge's: is the report cited elsewhere too?
                found = read_versions(conn, name, sid, latest=True)
            latest = {v.key: v for v in found}
            for key, seen in expected.items():
                old = latest.get(key)
                if old is None:
                    raise NotFound(f"key: scenario {name!r} has no pledge {key}")
                if old.version != seen:
                    raise _with_current(stale(name, key, seen, old), old)
            if check is not None:
                check([v for v in latest.values() if not v.retracted])
            rows, source_rows, out = [], [], []
            for key in expected:
                old = latest[key]
                if old.retracted:
                    raise Conflict(f"key: pledge {key} is retracted; record a position "
                                   "before its sources")
                pledge = writes.validate_pledge({  # sources as dicts: checked afresh
                    **old.pledge.model_dump(), "sources": [
                        s.model_dump() for s in revise(old)]}, "")
                for i, s in enumerate(pledge.sources):
                    if s.date > today:
                        raise ScenarioError([Problem(
                            f"source date {s.date} is in the future (today is {today})",
                            f"sources[{i}].date")])
                pid = contention.lock_pledge(conn, sid, key, lock=False)
                assert pid is not None
                effective = max(s.date for s in pledge.sources)
                version = old.version + 1
                rows.append(writes.version_row(
                    pid, version, pledge, effective_date=effective, recorded_at=recorded_at,
                    author=author, reason=reason, retracted=False))
                source_rows += writes.source_rows(pid, version, pledge)
                out.append(old.model_copy(update={
                    "version": version, "effective_date": effective, "author": author,
                    "recorded_at": recorded_at.replace(tzinfo=dt.UTC), "reason": reason,
                    "pledge": pledge}))
            writes.insert_versions(conn, rows, source_rows)
    except IntegrityError:
        # another writer committed a version of one of these pledges first
        raise _raced(ledger, expected, scenario) from None
    return out


def _with_current(exc: StaleVersion, latest: PledgeVersion) -> StaleVersion:
    exc.current = latest.to_dict()  # type: ignore[attr-defined]
    return exc


def _raced(ledger: Ledger, expected: dict[str, int], scenario: str | None) -> StaleVersion:
    with ledger._connect(read_only=True) as conn:
        sid, name = find_scenario(conn, scenario)
        for key, seen in expected.items():
            olds = read_versions(conn, name, sid, latest=True, key=key)
            if olds and olds[0].version != seen:
                return _with_current(stale(name, key, seen, olds[0]), olds[0])
    return StaleVersion("another writer changed these pledges at the same moment; nothing "
                        "was written, try again")
