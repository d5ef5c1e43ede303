"""Importing a scenario file into the ledger: which pledges are new, changed, unchanged,
retracted (missing from the file), or older than what the ledger already holds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, select

from forcegen.errors import Problem, ScenarioError
from forcegen.model import Pledge, Scenario
from forcegen.store import writes
from forcegen.store.queries import pledge_key, read_versions, scenario_version_row
from forcegen.store.records import ImportSummary
from forcegen.store.schema import nations, pledges, scenarios


def import_scenario(conn: Connection, scn: Scenario, *, recorded_at: dt.datetime, author: str,
                    reason: str) -> ImportSummary:
    """Write what the file changes, in the caller's transaction; see Ledger.import_scenario."""
    document = writes.scenario_document(scn)
    rows = [writes.nation_row(n) for n in scn.nations.values()]
    sid = conn.execute(select(scenarios.c.id).where(
        scenarios.c.name == scn.name)).scalar()
    if sid is None:
        sid = writes.create_scenario(conn, scn.name, recorded_at)
    summary = ImportSummary(scenario=scn.name, scenario_version=None)
    last = scenario_version_row(conn, sid, None)
    same = last is not None and last.document == document and nation_rows_of(
        conn, sid, last.version) == rows
    if not same:
        summary.scenario_version = 1 if last is None else last.version + 1
        writes.add_scenario_version(
            conn, sid, version=summary.scenario_version, document=document,
            nation_rows=rows, effective_date=scn.as_of, recorded_at=recorded_at,
            author=author, reason=reason)
    latest = {v.key: v for v in read_versions(conn, scn.name, sid, latest=True)}
    file_pledges = keyed(scn.pledges)
    for key, p in file_pledges:
        old = latest.get(key)
        effective = max(s.date for s in p.sources)
        if old is not None and effective < old.effective_date:
            summary.older += 1  # the ledger knows a later report: keep it
            continue
        if old is None:
            cap = p.capability.value if p.capability else None
            pid = writes.create_pledge(conn, sid, p.nation, cap, int(key.rsplit("/")[-1]))
            version = 1
            summary.added += 1
        elif old.retracted or old.pledge != p:
            pid, version = pledge_id(conn, sid, key), old.version + 1
            if old.retracted:
                summary.added += 1
            else:
                summary.changed += 1
        else:
            summary.unchanged += 1
            continue
        writes.insert_versions(
            conn,
            [writes.version_row(pid, version, p, effective_date=effective,
                                recorded_at=recorded_at, author=author, reason=reason,
                                retracted=False)],
            writes.source_rows(pid, version, p))
    kept = {k for k, _ in file_pledges}
    for key, old in latest.items():
        if key in kept or old.retracted:
            continue
        if scn.as_of < old.effective_date:
            summary.older += 1
            continue
        pid = pledge_id(conn, sid, key)
        writes.insert_versions(
            conn,
            [writes.version_row(pid, old.version + 1, old.pledge,
                                effective_date=scn.as_of, recorded_at=recorded_at,
                                author=author, reason=reason or "not in the imported file",
                                retracted=True)],
            writes.source_rows(pid, old.version + 1, old.pledge))
        summary.retracted += 1
    return summary


def keyed(pledge_list: tuple[Pledge, ...]) -> list[tuple[str, Pledge]]:
    """Each pledge with its identity key; the slot counts repeats of nation+capability."""
    seen: dict[tuple[str, str | None], int] = {}
    out = []
    for p in pledge_list:
        cap = p.capability.value if p.capability else None
        slot = seen.get((p.nation, cap), 0) + 1
        seen[(p.nation, cap)] = slot
        out.append((pledge_key(p.nation, cap, slot), p))
    return out


def refuse_future(scn: Scenario, today: dt.date) -> None:
    """A ledger records what was reported: nothing may be dated after today."""
    if scn.as_of > today:
        raise ScenarioError([Problem(f"as_of {scn.as_of} is in the future (today is {today})",
                                     "scenario.as_of")])
    for i, p in enumerate(scn.pledges):
        for j, source in enumerate(p.sources):
            if source.date > today:
                raise ScenarioError([Problem(
                    f"source date {source.date} is in the future (today is {today})",
                    f"pledges[{i}].sources[{j}].date")])


def pledge_id(conn: Connection, sid: int, key: str) -> int:
    pid: int = conn.execute(select(pledges.c.id).where(
        pledges.c.scenario_id == sid, pledges.c.key == key)).scalar_one()
    return pid


def nation_rows_of(conn: Connection, sid: int, version: int) -> list[dict[str, Any]]:
    rows = conn.execute(select(nations).where(
        nations.c.scenario_id == sid, nations.c.scenario_version == version)
        .order_by(nations.c.position))
    return [{"iso3": r.iso3, "name": r.name, "notes": r.notes, "figures": r.figures}
            for r in rows]
