"""What the ledger's reads make of the rows they fetch: the changes between two states,
and the scenario document a state stands for. Pure functions: no connection here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from forcegen.errors import StaleVersion
from forcegen.store.records import ChangeKind, PledgeChange, PledgeVersion


def changes_between(before: Mapping[str, PledgeVersion],
                    after: list[PledgeVersion]) -> list[PledgeChange]:
    """Pledges added, changed or retracted from ``before`` (latest versions by key, as of
    the start) to ``after`` (latest versions as of the end); a new version that leaves the
    pledge as it was is no change."""
    changes = []
    for new in after:
        old = before.get(new.key)
        if old is not None and old.version == new.version:
            continue
        was = old is not None and not old.retracted
        if new.retracted:
            if was:
                changes.append(PledgeChange(kind=ChangeKind.RETRACTED, key=new.key,
                                            nation=new.nation, old=old, new=new))
        elif not was:
            changes.append(PledgeChange(kind=ChangeKind.ADDED, key=new.key,
                                        nation=new.nation, old=None, new=new))
        elif old is not None and old.pledge != new.pledge:
            changes.append(PledgeChange(kind=ChangeKind.CHANGED, key=new.key,
                                        nation=new.nation, old=old, new=new))
    return changes


def scenario_document(document: Mapping[str, Any], latest: list[PledgeVersion],
                      nation_rows: list[dict[str, Any]],
                      as_of: dt.date | None) -> dict[str, Any]:
    """The scenario document of a ledger state: the scenario version's document with the
    nations' figures and the pledges in force (retracted ones left out), dated ``as_of``
    or, for the current state, by its newest version."""
    doc = dict(document)
    header = dict(doc.get("scenario", {}))
    if as_of is not None:
        header["as_of"] = as_of.isoformat()
    else:
        dates = [dt.date.fromisoformat(header["as_of"]), *(v.effective_date for v in latest)]
        header["as_of"] = max(dates).isoformat()
    doc["scenario"] = header
    doc["nations"] = [{"iso3": n["iso3"], "name": n["name"], "notes": n["notes"],
                       **n["figures"]} for n in nation_rows]
    doc["pledges"] = [v.pledge.model_dump(mode="json") for v in latest if not v.retracted]
    return doc


def stale(scenario: str, key: str, seen: int, latest: PledgeVersion | None) -> StaleVersion:
    """The refusal of an edit made on version ``seen`` when ``latest`` is newer."""
    if latest is None:
        return StaleVersion(f"pledge {key} in {scenario!r}: you edited version {seen}, "
                            "but it has no version yet; retry with --expected-version 0")
    return StaleVersion(
        f"pledge {key} in {scenario!r}: you edited version {seen}, but version "
        f"{latest.version} is the latest (recorded by {latest.author or 'unknown'} at "
        f"{latest.recorded_at:%Y-%m-%d %H:%M:%S} UTC); review it and retry with "
        f"--expected-version {latest.version}")
