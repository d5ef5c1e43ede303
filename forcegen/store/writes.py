"""Writing the ledger: new rows only. Callers hold the transaction."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, func, insert, select

from forcegen.errors import Problem, ScenarioError
from forcegen.io.document import scenario_to_document
from forcegen.io.locate import dotted
from forcegen.model import FIGURE_NAMES, Nation, Pledge, Scenario
from forcegen.store.queries import SOURCE_FIELDS, pledge_key
from forcegen.store.schema import nations, pledge_versions, pledges, scenario_versions, scenarios


def now() -> dt.datetime:
    """The real time in UTC, naive (as stored), for writers outside a ``Ledger`` (the
    ledger and its review queue read the ledger's clock: ``Ledger(url, clock=...)``)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def naive(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value


def _iso(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def jsonable(node: Any) -> Any:
    """The JSON form of a document (dates as ISO strings)."""
    return json.loads(json.dumps(node, default=_iso, ensure_ascii=False))


def canonical(node: Any) -> Any:
    """The same JSON document with every object's keys sorted (so that documents read
    from JSON, TOML or CSV are stored alike)."""
    if isinstance(node, dict):
        return {k: canonical(node[k]) for k in sorted(node)}
    if isinstance(node, list):
        return [canonical(v) for v in node]
    return node


def validation_problems(exc: ValidationError, prefix: str = "") -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        msg = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "missing":
            msg = "required field is missing"
        field = ".".join(p for p in (prefix, dotted(tuple(err["loc"]))) if p)
        out.append(Problem(msg, field or None))
    return out


def validate_pledge(data: dict[str, Any], field: str = "pledge") -> Pledge:
    try:
        return Pledge.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(validation_problems(exc, field)) from None


def scenario_document(scn: Scenario) -> dict[str, Any]:
    """The scenario minus pledges and nations, JSON-ready."""
    doc = scenario_to_document(scn)
    doc.pop("pledges", None)
    doc.pop("nations", None)
    return canonical(jsonable(doc))  # type: ignore[no-any-return]


def nation_row(n: Nation) -> dict[str, Any]:
    figures = {f: (fig.model_dump() if (fig := n.figure(f)) is not None else None)
               for f in FIGURE_NAMES}
    return {"iso3": n.iso3, "name": n.name, "notes": n.notes, "figures": figures}


def create_scenario(conn: Connection, name: str, created_at: dt.datetime) -> int:
    sid: int = conn.execute(insert(scenarios).values(name=name, created_at=naive(created_at))
                            .returning(scenarios.c.id)).scalar_one()
    return sid


def add_scenario_version(conn: Connection, sid: int, *, version: int, document: dict[str, Any],
                         nation_rows: list[dict[str, Any]], effective_date: dt.date,
                         recorded_at: dt.datetime, author: str, reason: str) -> None:
    conn.execute(insert(scenario_versions).values(
        scenario_id=sid, version=version, effective_date=effective_date,
        recorded_at=naive(recorded_at), author=author, reason=reason,
        document=canonical(document)))
    if nation_rows:
        conn.execute(insert(nations), [
            {**n, "scenario_id": sid, "scenario_version": version, "position": i}
            for i, n in enumerate(nation_rows)])


def create_pledge(conn: Connection, sid: int, nation: str, capability: str | None,
                  slot: int, position: int | None = None) -> int:
    if position is None:
        top = conn.execute(select(func.max(pledges.c.position))
                           .where(pledges.c.scenario_id == sid)).scalar()
        position = 0 if top is None else top + 1
    pid: int = conn.execute(insert(pledges).values(
        scenario_id=sid, key=pledge_key(nation, capability, slot), nation=nation,
        capability=capability, slot=slot, position=position).returning(pledges.c.id)).scalar_one()
    return pid


def version_row(pledge_id: int, version: int, pledge: Pledge, *, effective_date: dt.date,
                recorded_at: dt.datetime, author: str, reason: str,
                retracted: bool) -> dict[str, Any]:
    return {
        "pledge_id": pledge_id, "version": version, "effective_date": effective_date,
        "recorded_at": naive(recorded_at), "author": author, "reason": reason,
        "retracted": retracted, "modality": pledge.modality.value,
        "troops_min": pledge.troops_min, "troops_max": pledge.troops_max,
        "body": pledge.model_dump(mode="json"),
    }


def source_rows(pledge_id: int, version: int, pledge: Pledge) -> list[dict[str, Any]]:
    return [{"pledge_id": pledge_id, "version": version, "position": i,
             **{f: getattr(s, f) for f in SOURCE_FIELDS}} for i, s in enumerate(pledge.sources)]


def insert_versions(conn: Connection, versions: list[dict[str, Any]],
                    source_list: list[dict[str, Any]]) -> None:
    """Insert pledge versions and their sources (one statement each, many rows)."""
    from forcegen.store.schema import sources

    if versions:
        conn.execute(insert(pledge_versions), versions)
    if source_list:
        conn.execute(insert(sources), source_list)
