"""``/api/v1`` sources: where each current position was reported; add, correct or
withdraw a pledge's source, or correct a report wherever it is cited. Every change is a
new version of the pledges concerned (``forcegen.store.sources``), by the user, under
optimistic locking: a stale edit gets 409 with the newer version."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from forcegen.errors import NotFound
from forcegen.model import Capability
from forcegen.model.iso import is_iso3
from forcegen.store import Ledger, pledge_key
from forcegen.store import sources as citations
from forcegen.store.users import User
from forcegen.web.auth import CurrentUser, require_editor
from forcegen.web.schemas import Short, SourceIn

router = APIRouter(prefix="/api/v1", tags=["sources"])

SlotPath = Annotated[int, Path(ge=1, le=100)]
IndexPath = Annotated[int, Path(ge=0, le=1000, description="the source's place in the "
                                "pledge's sources, from 0")]
ReportId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$")]
PledgeKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{3}/[a-z_]{1,50}/[0-9]{1,3}$")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CitationWrite(_Body):
    """A source to add to a pledge, or to put in place of one of its sources."""

    source: SourceIn
    reason: Short = ""
    expected_version: Annotated[int, Field(ge=1, description="the version you saw")]


class ReportCorrection(_Body):
    """What to correct in a report, wherever it is cited (fields left out, or null, stay
    as they are; ``grade: null`` removes the grade), and each citing pledge's version."""

    outlet: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    date: dt.date | None = None
    title: Short | None = None
    url: Short | None = None
    grade: Annotated[str, StringConstraints(pattern=r"^[ABC]$")] | None = None
    reason: Short = ""
    expected_versions: Annotated[dict[PledgeKey, Annotated[int, Field(ge=1)]], Field(
        min_length=1, max_length=citations.MAX_CITING,
        description="each pledge citing the report (key) and the version you saw")]

    def fields(self) -> dict[str, Any]:
        given = self.model_dump(exclude_unset=True, exclude={"reason", "expected_versions"})
        return {k: v for k, v in given.items() if v is not None or k == "grade"}


def _ledger(request: Request) -> Ledger:
    ledger: Ledger = request.app.state.ledger
    return ledger


def _scenario(request: Request) -> str:
    name: str = request.app.state.analyses.name
    return name


def _key(user: User, nation: str, capability: str, slot: int) -> str:
    """The pledge's key, once the user may edit the nation and the nation and capability
    are known (403 before 404: a liaison learns nothing of other nations)."""
    nation = nation.upper()
    require_editor(user, nation)
    if not is_iso3(nation):
        raise NotFound(f"nation: unknown country code {nation!r} (expected an ISO 3166-1 "
                       "alpha-3 code, e.g. FRA)")
    if capability != "any" and capability not in set(Capability):
        raise NotFound(f"capability: unknown capability {capability!r} (any, "
                       f"{', '.join(c.value for c in Capability)})")
    return pledge_key(nation, None if capability == "any" else capability, slot)


def _written(request: Request) -> None:
    request.app.state.analyses.invalidate()


@router.get("/sources")
def read_sources(request: Request, user: CurrentUser,
                 nation: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
                 outlet: Annotated[str | None, Query(max_length=200)] = None,
                 ) -> list[dict[str, Any]]:
    """Every report the current pledges cite (newest first), with the pledges citing it
    (key, version, the source's index, its quote and actor)."""
    found = citations.read_reports(_ledger(request), _scenario(request), nation=nation,
                                   outlet=outlet)
    return [r.to_dict() for r in found]


@router.get("/sources/{source_id}")
def read_source(request: Request, user: CurrentUser, source_id: ReportId) -> dict[str, Any]:
    """One report and the pledges citing it (its id changes when it is corrected)."""
    return citations.read_report(_ledger(request), source_id, _scenario(request)).to_dict()


@router.patch("/sources/{source_id}")
def update_source(request: Request, user: CurrentUser, source_id: ReportId,
                  body: ReportCorrection) -> dict[str, Any]:
    """Correct a report's outlet, date, title, URL or grade in every current pledge
    citing it: one new version each, all or nothing. ``expected_versions`` must name the
    pledges citing it now at their latest versions, else 409 with the report as it is;
    403 unless the user may edit every nation concerned."""
    keys = {}
    for key, version in body.expected_versions.items():
        nation, rest = key.split("/", 1)
        require_editor(user, nation)
        keys[f"{nation.upper()}/{rest}"] = version
    try:
        done = citations.correct_report(
            _ledger(request), source_id, body.fields(), expected=keys, author=user.name,
            reason=body.reason, scenario=_scenario(request))
    finally:
        _written(request)
    return done.to_dict()


@router.get("/pledges/{nation}/{capability}/{slot}/sources")
def read_pledge_sources(request: Request, user: CurrentUser, nation: str, capability: str,
                        slot: SlotPath) -> dict[str, Any]:
    """A pledge's latest version and its sources, each with its index and report id."""
    key = pledge_key(nation.upper(), None if capability == "any" else capability, slot)
    latest = _ledger(request).history(nation, scenario=_scenario(request), key=key)[-1]
    return {"key": key, "version": latest.version, "retracted": latest.retracted,
            "sources": [{"index": i, "id": citations.report_id(s), **s.model_dump(mode="json")}
                        for i, s in enumerate(latest.pledge.sources)]}


@router.post("/pledges/{nation}/{capability}/{slot}/sources", status_code=201)
def create_pledge_source(request: Request, user: CurrentUser, nation: str, capability: str,
                         slot: SlotPath, body: CitationWrite) -> dict[str, Any]:
    """Add a source to a pledge (a new version; the position is unchanged)."""
    key = _key(user, nation, capability, slot)
    try:
        return citations.cite_source(
            _ledger(request), key, body.source.to_source(),
            expected_version=body.expected_version, author=user.name, reason=body.reason,
            scenario=_scenario(request)).to_dict()
    finally:
        _written(request)


@router.put("/pledges/{nation}/{capability}/{slot}/sources/{index}")
def update_pledge_source(request: Request, user: CurrentUser, nation: str, capability: str,
                         slot: SlotPath, index: IndexPath,
                         body: CitationWrite) -> dict[str, Any]:
    """Correct one of a pledge's sources (quote and actor included): a new version."""
    key = _key(user, nation, capability, slot)
    try:
        return citations.correct_citation(
            _ledger(request), key, index, body.source.to_source(),
            expected_version=body.expected_version, author=user.name, reason=body.reason,
            scenario=_scenario(request)).to_dict()
    finally:
        _written(request)


@router.delete("/pledges/{nation}/{capability}/{slot}/sources/{index}")
def delete_pledge_source(request: Request, user: CurrentUser, nation: str, capability: str,
                         slot: SlotPath, index: IndexPath,
                         expected_version: Annotated[int, Query(ge=1)],
                         reason: Annotated[str, Query(max_length=200)] = "",
                         ) -> dict[str, Any]:
    """Withdraw one of a pledge's sources (a new version without it; a pledge keeps at
    least one source: 409 for its last)."""
    key = _key(user, nation, capability, slot)
    try:
        return citations.withdraw_citation(
            _ledger(request), key, index, expected_version=expected_version,
            author=user.name, reason=reason, scenario=_scenario(request)).to_dict()
    finally:
        _written(request)
