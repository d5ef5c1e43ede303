"""Whole-ledger export and import: every version of every scenario and pledge, with
author, time, reason and sources. JSON, TOML or CSV; export, import into an empty
ledger and export again gives the same text."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from sqlalchemy import Connection, select

from forcegen.errors import AlreadyExists, Problem, ScenarioError
from forcegen.io.document import scenario_from_document
from forcegen.io.limits import MAX_EXPORT_BYTES, check_depth, check_size, strip_bom, too_deep
from forcegen.model import FIGURE_NAMES, Capability, Figure, Pledge
from forcegen.model.bounds import MAX_SCENARIO_NAME, MAX_SLOT, MAX_VERSION, Name, Text
from forcegen.store import writes
from forcegen.store.formats import LEDGER_FORMAT, get_format
from forcegen.store.queries import pledge_key, utc
from forcegen.store.schema import (
    nations,
    pledge_versions,
    pledges,
    scenario_versions,
    scenarios,
)

FORMAT: Final = LEDGER_FORMAT


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NationEntry(_Strict):
    iso3: str = Field(max_length=3)
    name: Name
    notes: Text = ""
    figures: dict[str, Figure | None] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _all_figures(self) -> NationEntry:
        unknown = set(self.figures) - set(FIGURE_NAMES)
        if unknown:
            raise ValueError(f"unknown figures: {', '.join(sorted(unknown))}")
        self.figures = {f: self.figures.get(f) for f in FIGURE_NAMES}
        return self


class ScenarioVersionEntry(_Strict):
    version: int = Field(ge=1, le=MAX_VERSION)
    effective_date: dt.date
    recorded_at: dt.datetime
    author: Name
    reason: Text = ""
    document: dict[str, Any]
    nations: list[NationEntry] = Field(default_factory=list)


class PledgeVersionEntry(_Strict):
    version: int = Field(ge=1, le=MAX_VERSION)
    effective_date: dt.date
    recorded_at: dt.datetime
    author: Name
    reason: Text = ""
    retracted: bool = False
    pledge: Pledge


class PledgeEntry(_Strict):
    key: str = Field(max_length=100)
    nation: str = Field(max_length=3)
    capability: Capability | None = None
    slot: int = Field(ge=1, le=MAX_SLOT)
    position: int = Field(ge=0, le=MAX_VERSION)
    versions: list[PledgeVersionEntry] = Field(min_length=1)


class ScenarioEntry(_Strict):
    name: str = Field(max_length=MAX_SCENARIO_NAME)
    created_at: dt.datetime
    versions: list[ScenarioVersionEntry] = Field(min_length=1)
    pledges: list[PledgeEntry] = Field(default_factory=list)


class Manifest(_Strict):
    """What makes a cut-off export detectable: the counts of what it holds and a
    SHA-256 of its scenarios (their canonical JSON). Written last, so that a truncated
    file lacks it or disagrees with it."""

    scenarios: int = Field(ge=0)
    scenario_versions: int = Field(ge=0)
    pledges: int = Field(ge=0)
    pledge_versions: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class LedgerDump(_Strict):
    format: Literal["forcegen-ledger"] = FORMAT
    #: 2 carries a manifest; 1 (none) is read from JSON only, where a cut shows.
    format_version: Literal[1, 2] = 2
    scenarios: list[ScenarioEntry] = Field(default_factory=list)
    manifest: Manifest | None = None

    def measured(self) -> Manifest:
        """The manifest of what this dump holds."""
        body = json.dumps([s.model_dump(mode="json") for s in self.scenarios],
                          sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return Manifest(
            scenarios=len(self.scenarios),
            scenario_versions=sum(len(s.versions) for s in self.scenarios),
            pledges=sum(len(s.pledges) for s in self.scenarios),
            pledge_versions=sum(len(p.versions) for s in self.scenarios for p in s.pledges),
            sha256=hashlib.sha256(body.encode("utf-8")).hexdigest())


def check_complete(ledger_dump: LedgerDump, fmt: str) -> None:
    """Refuse an export that is cut off (or altered): its manifest must be there and
    agree with what was read."""
    if ledger_dump.format_version == 1:
        if fmt != "json":
            raise ScenarioError([Problem(
                f"a format_version 1 export has no manifest, so a cut-off {fmt.upper()} "
                "file cannot be told from a whole one; export it again", "format_version")])
        return
    claimed = ledger_dump.manifest
    if claimed is None:
        raise ScenarioError([Problem(
            "the export is incomplete: its manifest (written last) is missing, so the file "
            "was cut off; nothing was imported", "manifest")])
    found = ledger_dump.measured()
    for name in ("scenarios", "scenario_versions", "pledges", "pledge_versions"):
        if getattr(claimed, name) != getattr(found, name):
            raise ScenarioError([Problem(
                f"the export is incomplete: its manifest lists {getattr(claimed, name)} "
                f"{name.replace('_', ' ')}, the file holds {getattr(found, name)}; nothing "
                "was imported", f"manifest.{name}")])
    if claimed.sha256 != found.sha256:
        raise ScenarioError([Problem(
            "the export does not match its manifest's checksum: it was altered or damaged; "
            "nothing was imported", "manifest.sha256")])


# -- from the database ---------------------------------------------------------------
def read(conn: Connection) -> LedgerDump:
    out = []
    nation_rows: dict[tuple[int, int], list[NationEntry]] = {}
    for n in conn.execute(select(nations).order_by(nations.c.scenario_id,
                                                   nations.c.scenario_version,
                                                   nations.c.position)):
        nation_rows.setdefault((n.scenario_id, n.scenario_version), []).append(
            NationEntry(iso3=n.iso3, name=n.name, notes=n.notes, figures=n.figures))
    versions: dict[int, list[PledgeVersionEntry]] = {}
    for v in conn.execute(select(pledge_versions).order_by(pledge_versions.c.pledge_id,
                                                           pledge_versions.c.version)):
        pledge = Pledge.model_validate(v.body)
        versions.setdefault(v.pledge_id, []).append(PledgeVersionEntry(
            version=v.version, effective_date=v.effective_date, recorded_at=utc(v.recorded_at),
            author=v.author, reason=v.reason, retracted=v.retracted, pledge=pledge))
    pledge_rows: dict[int, list[PledgeEntry]] = {}
    for p in conn.execute(select(pledges).order_by(pledges.c.scenario_id, pledges.c.position,
                                                   pledges.c.id)):
        pledge_rows.setdefault(p.scenario_id, []).append(PledgeEntry(
            key=p.key, nation=p.nation, capability=p.capability, slot=p.slot,
            position=p.position, versions=versions.get(p.id, [])))
    svs: dict[int, list[ScenarioVersionEntry]] = {}
    for sv in conn.execute(select(scenario_versions).order_by(scenario_versions.c.scenario_id,
                                                              scenario_versions.c.version)):
        svs.setdefault(sv.scenario_id, []).append(ScenarioVersionEntry(
            version=sv.version, effective_date=sv.effective_date,
            recorded_at=utc(sv.recorded_at), author=sv.author, reason=sv.reason,
            document=sv.document, nations=nation_rows.get((sv.scenario_id, sv.version), [])))
    for s in conn.execute(select(scenarios).order_by(scenarios.c.id)):
        out.append(ScenarioEntry(name=s.name, created_at=utc(s.created_at),
                                 versions=svs.get(s.id, []), pledges=pledge_rows.get(s.id, [])))
    ledger_dump = LedgerDump(scenarios=out)
    ledger_dump.manifest = ledger_dump.measured()
    return ledger_dump


# -- into the database -----------------------------------------------------------------
def check(ledger_dump: LedgerDump) -> None:
    """What pydantic cannot see: version numbers, keys, scenario documents."""
    problems: list[Problem] = []
    for i, s in enumerate(ledger_dump.scenarios):
        where = f"scenarios[{i}]"
        if [v.version for v in s.versions] != list(range(1, len(s.versions) + 1)):
            problems.append(Problem("scenario versions must be numbered 1, 2, 3...",
                                    f"{where}.versions"))
        for j, sv in enumerate(s.versions):
            doc = {**sv.document, "nations": [
                {"iso3": n.iso3, "name": n.name, "notes": n.notes,
                 **{k: f.model_dump() if f else None for k, f in n.figures.items()}}
                for n in sv.nations]}
            try:
                scn = scenario_from_document(doc)
            except ScenarioError as exc:
                problems.extend(Problem(p.message, f"{where}.versions[{j}].document.{p.field}")
                                for p in exc.problems)
                continue
            if scn.name != s.name:
                problems.append(Problem(f"document names scenario {scn.name!r}",
                                        f"{where}.versions[{j}].document"))
        keys: set[str] = set()
        for j, p in enumerate(s.pledges):
            pw = f"{where}.pledges[{j}]"
            cap = p.capability.value if p.capability else None
            if p.key != pledge_key(p.nation, cap, p.slot):
                problems.append(Problem(f"key should be {pledge_key(p.nation, cap, p.slot)!r}",
                                        f"{pw}.key"))
            if p.key in keys:
                problems.append(Problem(f"pledge {p.key} appears twice", f"{pw}.key"))
            keys.add(p.key)
            if [v.version for v in p.versions] != list(range(1, len(p.versions) + 1)):
                problems.append(Problem("versions must be numbered 1, 2, 3...", f"{pw}.versions"))
            for k, v in enumerate(p.versions):
                if v.pledge.nation != p.nation or v.pledge.capability != p.capability:
                    problems.append(Problem("pledge nation/capability differ from the key",
                                            f"{pw}.versions[{k}].pledge"))
    if problems:
        raise ScenarioError(problems)


def write(conn: Connection, ledger_dump: LedgerDump) -> None:
    taken = set(conn.execute(select(scenarios.c.name)).scalars())
    for s in ledger_dump.scenarios:
        if s.name in taken:
            raise AlreadyExists(f"scenario {s.name!r} is already in the ledger; a ledger "
                               "export can only be imported into a ledger without it")
        sid = writes.create_scenario(conn, s.name, s.created_at)
        for sv in s.versions:
            writes.add_scenario_version(
                conn, sid, version=sv.version, document=sv.document,
                nation_rows=[{**n.model_dump(mode="json")} for n in sv.nations],
                effective_date=sv.effective_date, recorded_at=sv.recorded_at,
                author=sv.author, reason=sv.reason)
        rows: list[dict[str, Any]] = []
        source_list: list[dict[str, Any]] = []
        for p in s.pledges:
            cap = p.capability.value if p.capability else None
            pid = writes.create_pledge(conn, sid, p.nation, cap, p.slot, p.position)
            for v in p.versions:
                rows.append(writes.version_row(
                    pid, v.version, v.pledge, effective_date=v.effective_date,
                    recorded_at=v.recorded_at, author=v.author, reason=v.reason,
                    retracted=v.retracted))
                source_list.extend(writes.source_rows(pid, v.version, v.pledge))
        writes.insert_versions(conn, rows, source_list)


# -- text formats (the registry in forcegen.store.formats) ------------------------------
def render(ledger_dump: LedgerDump, fmt: str) -> str:
    """The export as text in a registered format, with its manifest (counts and checksum)."""
    if ledger_dump.manifest is None:
        ledger_dump = ledger_dump.model_copy(update={"manifest": ledger_dump.measured()})
    return get_format(fmt).render(ledger_dump.model_dump(mode="json"))


def parse(text: str, fmt: str) -> LedgerDump:
    """Read and validate a ledger export; a cut-off or altered one is refused."""
    reader = get_format(fmt)
    text = strip_bom(text)
    check_size(text, MAX_EXPORT_BYTES, what="ledger export")
    try:
        data = reader.parse(text)
    except reader.malformed as exc:
        if isinstance(exc, json.JSONDecodeError):  # where it broke, as file:line
            raise ScenarioError([Problem(f"malformed {fmt.upper()}: {exc.msg}, column "
                                         f"{exc.colno}", None, exc.lineno)]) from None
        raise ScenarioError([Problem(f"malformed {fmt.upper()}: {exc}")]) from None
    except RecursionError:
        raise too_deep() from None
    check_depth(data)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ScenarioError([Problem(f"not a forcegen ledger export (needs format = {FORMAT!r})",
                                     "format")])
    try:
        ledger_dump = LedgerDump.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(writes.validation_problems(exc)) from None
    check_complete(ledger_dump, fmt)
    check(ledger_dump)
    return ledger_dump


def is_dump(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT
