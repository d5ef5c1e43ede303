"""Reading the ledger: pledge versions (latest, as of a date, or all) with their sources."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Select, and_, func, select

from forcegen.errors import NotFound
from forcegen.model import Pledge
from forcegen.store.records import PledgeVersion
from forcegen.store.schema import pledge_versions, pledges, scenario_versions, scenarios

SOURCE_FIELDS = ("outlet", "date", "title", "url", "quote", "actor")


def pledge_key(nation: str, capability: str | None, slot: int = 1) -> str:
    """The stable identity of a pledge within a scenario: ``FRA/any/1``."""
    return f"{nation}/{capability or 'any'}/{slot}"


def utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def scenario_names(conn: Connection) -> list[str]:
    return list(conn.execute(select(scenarios.c.name).order_by(scenarios.c.id)).scalars())


def find_scenario(conn: Connection, name: str | None) -> tuple[int, str]:
    """The id and name of a scenario; with no name, the ledger's only scenario."""
    if name is not None:
        sid = conn.execute(select(scenarios.c.id).where(scenarios.c.name == name)).scalar()
        if sid is None:
            known = ", ".join(scenario_names(conn)) or "none"
            raise NotFound(f"the ledger holds no scenario named {name!r} (it holds: {known})")
        return sid, name
    rows = conn.execute(select(scenarios.c.id, scenarios.c.name).order_by(scenarios.c.id)).all()
    if not rows:
        raise NotFound("the ledger holds no scenario yet; add one with `forcegen ledger import`")
    if len(rows) > 1:
        raise NotFound("the ledger holds several scenarios "
                       f"({', '.join(r.name for r in rows)}); name one with --scenario")
    return rows[0].id, rows[0].name


def scenario_version_row(conn: Connection, sid: int, at: dt.date | None) -> Any:
    """The latest scenario version (effective on or before ``at``), or None."""
    sv = scenario_versions
    query = select(sv).where(sv.c.scenario_id == sid)
    if at is not None:
        query = query.where(sv.c.effective_date <= at)
    return conn.execute(query.order_by(sv.c.version.desc()).limit(1)).first()


def read_versions(conn: Connection, scenario: str, sid: int, *, latest: bool,
                  at: dt.date | None = None, nation: str | None = None,
                  key: str | None = None) -> list[PledgeVersion]:
    """Pledge versions of one scenario, in pledge order then version order.

    ``latest``: only each pledge's newest version (effective on or before ``at`` if
    given), retracted ones included; otherwise every version.
    """
    p, pv = pledges, pledge_versions
    conds: list[Any] = [p.c.scenario_id == sid]
    if nation is not None:
        conds.append(p.c.nation == nation)
    if key is not None:
        conds.append(p.c.key == key)
    vq: Select[Any]
    if latest:
        inner_q = (select(pv.c.pledge_id, func.max(pv.c.version).label("v"))
                   .join(p, p.c.id == pv.c.pledge_id).where(*conds))
        if at is not None:
            inner_q = inner_q.where(pv.c.effective_date <= at)
        inner = inner_q.group_by(pv.c.pledge_id).subquery()
        vq = (select(p, pv).select_from(
            p.join(pv, p.c.id == pv.c.pledge_id)
            .join(inner, and_(pv.c.pledge_id == inner.c.pledge_id, pv.c.version == inner.c.v))))
    else:
        vq = select(p, pv).select_from(p.join(pv, p.c.id == pv.c.pledge_id)).where(*conds)
    rows = conn.execute(vq.order_by(p.c.position, p.c.id, pv.c.version)).all()
    out = []
    for r in rows:
        pledge = Pledge.model_validate(r.body)
        out.append(PledgeVersion(
            scenario=scenario, key=r.key, nation=r.nation, capability=r.capability,
            slot=r.slot, version=r.version, effective_date=r.effective_date,
            recorded_at=utc(r.recorded_at), author=r.author, reason=r.reason,
            retracted=r.retracted, pledge=pledge))
    return out
