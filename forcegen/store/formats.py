"""Ledger export formats, as a registry the built-ins use too.

A format turns the plain data of a ledger export (``LedgerDump.model_dump(mode="json")``)
into text and back. ``register_format(ExportFormat(...))`` adds one; ``forcegen ledger
export --format NAME`` and ``Ledger.export(NAME)`` read from ``FORMATS``. The built-ins
(json, toml, csv) are registered below, in that order.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from forcegen.errors import Problem, ScenarioError, UsageError
from forcegen.io.limits import MAX_EXPORT_BYTES, too_deep

#: The ``format`` tag every ledger export carries.
LEDGER_FORMAT: Final = "forcegen-ledger"


@dataclass(frozen=True)
class ExportFormat:
    """One way to write a ledger export as text and read it back."""

    name: str
    suffix: str = field(metadata={"doc": "file-name ending, e.g. '.csv'"})
    render: Callable[[dict[str, Any]], str] = field(repr=False)
    parse: Callable[[str], Any] = field(repr=False)
    #: Exceptions ``parse`` raises on malformed text (reported as "malformed NAME: ...").
    malformed: tuple[type[Exception], ...] = ()
    description: str = ""


FORMATS: dict[str, ExportFormat] = {}


def register_format(fmt: ExportFormat) -> ExportFormat:
    """Add (or replace) a format under its name."""
    FORMATS[fmt.name] = fmt
    return fmt


def format_names() -> list[str]:
    return list(FORMATS)


def get_format(name: str) -> ExportFormat:
    """The format registered under ``name``; a UsageError naming the known ones if none."""
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r} ({_known()})") from None


def format_for_suffix(suffix: str) -> ExportFormat | None:
    """The format whose files end in ``suffix`` (e.g. ``.csv``), if one is registered."""
    return next((f for f in FORMATS.values() if f.suffix == suffix.lower()), None)


def _known() -> str:
    names = format_names()
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)


# -- JSON and TOML ---------------------------------------------------------------------
def _to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _prune(node: Any) -> Any:
    """TOML has no null: leave the key out."""
    if isinstance(node, dict):
        return {k: _prune(v) for k, v in node.items() if v is not None}
    if isinstance(node, list):
        return [_prune(v) for v in node]
    return node


def _to_toml(data: dict[str, Any]) -> str:
    import tomli_w

    text: str = tomli_w.dumps(_prune(data))
    return text


# -- CSV: one row per record, the rest of each record as JSON in ``payload`` -------------
CSV_COLUMNS = ("record", "scenario", "key", "nation", "capability", "slot", "position",
               "version", "effective_date", "recorded_at", "author", "reason", "retracted",
               "modality", "troops_min", "troops_max", "payload")


def _to_csv(data: dict[str, Any]) -> str:
    buf = io.StringIO()
    out = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    out.writeheader()

    def payload(node: Any) -> str:
        return json.dumps(node, ensure_ascii=False, sort_keys=False)

    for s in data["scenarios"]:
        out.writerow({"record": "scenario", "scenario": s["name"], "recorded_at": s["created_at"]})
        for sv in s["versions"]:
            out.writerow({
                "record": "scenario_version", "scenario": s["name"], "version": sv["version"],
                "effective_date": sv["effective_date"], "recorded_at": sv["recorded_at"],
                "author": sv["author"], "reason": sv["reason"],
                "payload": payload({"document": sv["document"], "nations": sv["nations"]})})
        for p in s["pledges"]:
            for v in p["versions"]:
                pl = v["pledge"]
                out.writerow({
                    "record": "pledge_version", "scenario": s["name"], "key": p["key"],
                    "nation": p["nation"], "capability": p["capability"] or "",
                    "slot": p["slot"], "position": p["position"], "version": v["version"],
                    "effective_date": v["effective_date"], "recorded_at": v["recorded_at"],
                    "author": v["author"], "reason": v["reason"],
                    "retracted": "true" if v["retracted"] else "false",
                    "modality": pl["modality"], "troops_min": pl["troops_min"],
                    "troops_max": pl["troops_max"], "payload": payload(pl)})
    if data.get("manifest") is not None:  # the end record: counts and checksum
        out.writerow({"record": "end", "payload": payload(data["manifest"])})
    return buf.getvalue()


def _from_csv(text: str) -> dict[str, Any]:
    # a quote can be longer than the csv module's default field limit (131,072)
    csv.field_size_limit(MAX_EXPORT_BYTES)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or tuple(reader.fieldnames) != CSV_COLUMNS:
        raise ScenarioError([Problem(f"a ledger CSV needs the columns {', '.join(CSV_COLUMNS)}",
                                     None, 1)])
    found: dict[str, dict[str, Any]] = {}
    pledge_index: dict[tuple[str, str], dict[str, Any]] = {}
    manifest: Any = None
    for line, row in enumerate(reader, start=2):
        try:
            kind, name = row["record"], row["scenario"]
            if manifest is not None:
                raise ValueError("a row after the end record")
            if kind == "end":
                manifest = json.loads(row["payload"])
                continue
            if kind == "scenario":
                found[name] = {"name": name, "created_at": row["recorded_at"], "versions": [],
                               "pledges": []}
                continue
            scn = found[name]
            if kind == "scenario_version":
                body = json.loads(row["payload"])
                scn["versions"].append({
                    "version": int(row["version"]), "effective_date": row["effective_date"],
                    "recorded_at": row["recorded_at"], "author": row["author"],
                    "reason": row["reason"], "document": body["document"],
                    "nations": body["nations"]})
            elif kind == "pledge_version":
                entry = pledge_index.get((name, row["key"]))
                if entry is None:
                    entry = {"key": row["key"], "nation": row["nation"],
                             "capability": row["capability"] or None, "slot": int(row["slot"]),
                             "position": int(row["position"]), "versions": []}
                    pledge_index[(name, row["key"])] = entry
                    scn["pledges"].append(entry)
                entry["versions"].append({
                    "version": int(row["version"]), "effective_date": row["effective_date"],
                    "recorded_at": row["recorded_at"], "author": row["author"],
                    "reason": row["reason"], "retracted": row["retracted"] == "true",
                    "pledge": json.loads(row["payload"])})
            else:
                raise ValueError(f"unknown record {kind!r}")  # caught just below
        except (KeyError, ValueError, TypeError) as exc:
            raise ScenarioError([Problem(f"malformed ledger row: {exc}", "record", line)]) from None
        except RecursionError:
            raise too_deep() from None
    out: dict[str, Any] = {"format": LEDGER_FORMAT, "format_version": 2,
                           "scenarios": list(found.values())}
    if manifest is not None:
        out["manifest"] = manifest
    return out


# -- the built-ins, registered like any other -------------------------------------------
register_format(ExportFormat(
    "json", ".json", _to_json, json.loads, (json.JSONDecodeError,),
    "one JSON document, two-space indents"))
register_format(ExportFormat(
    "toml", ".toml", _to_toml, tomllib.loads, (tomllib.TOMLDecodeError,),
    "one TOML document; empty values left out"))
register_format(ExportFormat(
    "csv", ".csv", _to_csv, _from_csv, (),
    "one row per scenario, scenario version and pledge version; details as JSON"))
