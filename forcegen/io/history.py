"""Histories read without a database: a ledger export (``forcegen ledger export``, the
lossless format the embedded history ``coalition-2025`` ships in) gives the scenario on
any date, and the dated states a timeline replays.

The export is taken as parsed data (TOML or JSON shaped); checking it thoroughly is the
ledger's job on import. The rules are the ledger's: on a date, each pledge's newest
version effective on or before it (retracted ones left out), and the newest scenario
version (the requirement of that date) effective on or before it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from forcegen.analysis.timeline import DatedState
from forcegen.errors import NotFound, Problem, ScenarioError
from forcegen.io.document import scenario_from_document
from forcegen.model import ForceRequirement, Pledge, Scenario

FORMAT = "forcegen-ledger"


def is_history(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _entry(data: dict[str, Any], name: str | None, file: str | None) -> dict[str, Any]:
    entries = data.get("scenarios") or []
    if not isinstance(entries, list) or not entries:
        raise ScenarioError([Problem("the ledger export holds no scenario", "scenarios")], file)
    if name is None:
        if len(entries) > 1:
            names = ", ".join(str(e.get("name")) for e in entries)
            raise NotFound(f"the ledger export holds several scenarios ({names}); name one")
        return entries[0]  # type: ignore[no-any-return]
    for e in entries:
        if e.get("name") == name:
            return e  # type: ignore[no-any-return]
    raise NotFound(f"the ledger export holds no scenario named {name!r}")


def _latest(versions: list[dict[str, Any]], at: dt.date | None) -> dict[str, Any] | None:
    found = [v for v in versions if at is None or _day(v["effective_date"]) <= at]
    return max(found, key=lambda v: int(v["version"])) if found else None


def _nations(sv: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"iso3": n["iso3"], "name": n["name"], "notes": n.get("notes", ""),
             **(n.get("figures") or {})} for n in sv.get("nations") or []]


def scenario_at(data: dict[str, Any], name: str | None = None, as_of: dt.date | None = None,
                *, file: str | None = None) -> Scenario:
    """The scenario a ledger export holds, as it stood on ``as_of`` (None: its latest)."""
    try:
        entry = _entry(data, name, file)
        sv = _latest(entry["versions"], as_of)
        if sv is None:
            first = min(_day(v["effective_date"]) for v in entry["versions"])
            raise NotFound(f"scenario {entry['name']!r} has no requirement on or before "
                           f"{as_of} (its first is dated {first})")
        rows = [v for p in entry.get("pledges", [])
                if (v := _latest(p["versions"], as_of)) is not None and not v.get("retracted")]
        dates = [_day(sv["effective_date"]), *(_day(v["effective_date"]) for v in rows)]
        doc = dict(sv["document"])
        header = dict(doc.get("scenario", {}))
        header["as_of"] = (as_of or max(dates)).isoformat()
        doc["scenario"] = header
        doc["nations"] = _nations(sv)
        doc["pledges"] = [v["pledge"] for v in rows]
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise ScenarioError([Problem(f"malformed ledger export: {exc!r}", "scenarios")],
                            file) from None
    return scenario_from_document(doc, file=file)


def dated_states(data: dict[str, Any], name: str | None = None, *,
                 file: str | None = None) -> tuple[str, list[DatedState]]:
    """The scenario's name and its state on every date a version takes effect."""
    try:
        entry = _entry(data, name, file)
        pledge_versions = [
            [(int(v["version"]), _day(v["effective_date"]), bool(v.get("retracted")),
              Pledge.model_validate(v["pledge"])) for v in p["versions"]]
            for p in entry.get("pledges", [])]
        requirements = [(int(sv["version"]), _day(sv["effective_date"]),
                         ForceRequirement.model_validate(sv["document"]["requirement"]))
                        for sv in entry["versions"]]
    except ValidationError as exc:
        raise ScenarioError([Problem(f"malformed ledger export: {exc.errors()[0]['msg']}",
                                     "scenarios")], file) from None
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise ScenarioError([Problem(f"malformed ledger export: {exc!r}", "scenarios")],
                            file) from None
    days = sorted({d for vs in pledge_versions for _, d, _, _ in vs}
                  | {d for _, d, _ in requirements})
    states = []
    for day in days:
        pledges = []
        for vs in pledge_versions:
            now = [v for v in vs if v[1] <= day]
            if now:
                _, _, retracted, pledge = max(now, key=lambda v: v[0])
                if not retracted:
                    pledges.append(pledge)
        reqs = [r for r in requirements if r[1] <= day]
        requirement = max(reqs, key=lambda r: r[0])[2] if reqs else None
        states.append(DatedState(date=day, pledges=tuple(pledges), requirement=requirement))
    return str(entry["name"]), states
