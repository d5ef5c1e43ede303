"""``/api/v1``: the analyses (the CLI's ``--json`` documents), the pledges through the
ledger (versioned, optimistic locking), users and API tokens."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from forcegen.errors import NotFound, StaleVersion
from forcegen.model import Capability
from forcegen.store import Ledger
from forcegen.store.users import UserStore
from forcegen.web.auth import CurrentUser, require_admin, require_editor
from forcegen.web.schemas import (
    PledgeCreate,
    PledgeRetract,
    PledgeUpdate,
    TokenCreate,
    UserCreate,
    WhatIf,
)
from forcegen.web.service import Analyses

router = APIRouter(prefix="/api/v1")

CodeList = Annotated[list[str] | None, Query(max_length=20)]
SlotPath = Annotated[int, Path(ge=1, le=100)]


def _analyses(request: Request) -> Analyses:
    a: Analyses = request.app.state.analyses
    return a


def _ledger(request: Request) -> Ledger:
    ledger: Ledger = request.app.state.ledger
    return ledger


def _capability(value: str) -> str | None:
    if value == "any":
        return None
    if value not in set(Capability):
        raise NotFound(f"capability: unknown capability {value!r} (any, "
                       f"{', '.join(c.value for c in Capability)})")
    return value


def _codes(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v for value in values or () for v in value.split(",") if v)


# -- analyses ----------------------------------------------------------------------
@router.get("/plan", tags=["analyses"])
def read_plan(request: Request, user: CurrentUser,
              as_of: dt.date | None = None) -> dict[str, Any]:
    """The plan (``forcegen plan --json``) of the ledger's scenario, now or as of a date."""
    return _analyses(request).plan(as_of)


@router.get("/overview", tags=["analyses"], response_class=Response,
            responses={200: {"content": {"application/json": {}}}})
async def read_overview(request: Request, user: CurrentUser) -> Response:
    """The overview: the plan's band, totals by modality, shortfall and capability gaps
    (the plan document's first part)."""
    analyses = _analyses(request)
    body = analyses.peek("overview")
    if body is None:
        body = await run_in_threadpool(analyses.overview_json)
    return Response(body, media_type="application/json")


@router.get("/timeline", tags=["analyses"])
def read_timeline(request: Request, user: CurrentUser) -> dict[str, Any]:
    """The coalition timeline (``forcegen timeline --json``) replayed from the ledger."""
    return _analyses(request).timeline()


@router.get("/reinforce", tags=["analyses"])
def read_reinforcement(request: Request, user: CurrentUser, close: CodeList = None,
                       withhold: CodeList = None,
                       horizon: Annotated[int | None, Query(ge=1, le=720)] = None,
                       ) -> dict[str, Any]:
    """The reinforcement curve (``forcegen reinforce --json``)."""
    return _analyses(request).reinforce(_codes(close), _codes(withhold), horizon)


@router.get("/incident", tags=["analyses"])
def read_incident(request: Request, user: CurrentUser,
                  attacked: Annotated[str, Query(min_length=1, max_length=200)],
                  design: Annotated[str, Query(max_length=50)] = "as-agreed",
                  target: Annotated[str, Query(max_length=50)] = "forces_in_area",
                  area: Annotated[str | None, Query(max_length=100)] = None,
                  close: CodeList = None) -> dict[str, Any]:
    """Who must answer an attack (``forcegen incident --json``)."""
    return _analyses(request).incident(_codes([attacked]), design, target, area,
                                       _codes(close))


@router.post("/what-if", tags=["analyses"])
def create_what_if(request: Request, user: CurrentUser, body: WhatIf) -> dict[str, Any]:
    """The plan with some pledges, conditions or backstops changed in a scratch copy,
    beside the recorded plan; with a condition changed (or ``risk`` given) the risk too
    (``risk.recorded``, ``risk.what_if``). ``assumed`` lists what the copy assumes.
    The ledger is not touched."""
    from forcegen.web.routes.engines import what_if

    return what_if(request, body)


# -- pledges -----------------------------------------------------------------------
@router.get("/pledges", tags=["pledges"])
def read_pledges(request: Request, user: CurrentUser,
                 as_of: dt.date | None = None) -> dict[str, Any]:
    """Each pledge's latest version (as of a date if given), with its sources."""
    ledger, name = _ledger(request), _analyses(request).name
    state = ledger.current(name) if as_of is None else ledger.as_of(as_of, name)
    return state.to_dict()


@router.get("/pledges/{nation}/history", tags=["pledges"])
def read_pledge_history(request: Request, user: CurrentUser,
                        nation: str) -> list[dict[str, Any]]:
    """Every version of a nation's pledges, with author, time and sources."""
    versions = _ledger(request).history(nation, scenario=_analyses(request).name)
    return [v.to_dict() for v in versions]


def _stale_with_latest(request: Request, exc: StaleVersion, nation: str,
                       key: str) -> StaleVersion:
    """Attach the newer version to a StaleVersion, for the 409 body."""
    try:
        versions = _ledger(request).history(nation, scenario=_analyses(request).name, key=key)
    except NotFound:
        return exc
    exc.current = versions[-1].to_dict()  # type: ignore[attr-defined]
    return exc


def _set(request: Request, user: Any, nation: str, capability: str | None, slot: int, *,
         modality: str | None, troops_min: int | None, troops_max: int | None,
         source: Any, reason: str, expected_version: int, retract: bool = False,
         ) -> dict[str, Any]:
    require_editor(user, nation)
    from forcegen.store import pledge_key

    try:
        version = _ledger(request).set_pledge(
            nation, modality=modality, troops_min=troops_min, troops_max=troops_max,
            capability=capability, slot=slot, source=source.to_source(), author=user.name,
            reason=reason, expected_version=expected_version, retract=retract,
            scenario=_analyses(request).name)
    except StaleVersion as exc:
        raise _stale_with_latest(request, exc, nation,
                                 pledge_key(nation.upper(), capability, slot)) from None
    finally:
        _analyses(request).invalidate()
    return version.to_dict()


@router.post("/pledges", status_code=201, tags=["pledges"])
def create_pledge(request: Request, user: CurrentUser, body: PledgeCreate) -> dict[str, Any]:
    """A new pledge (version 1); 409 if that pledge exists (edit it with PUT)."""
    cap = body.capability.value if body.capability else None
    return _set(request, user, body.nation, cap, body.slot, modality=body.modality.value,
                troops_min=body.troops_min, troops_max=body.troops_max, source=body.source,
                reason=body.reason, expected_version=0)


@router.put("/pledges/{nation}/{capability}/{slot}", tags=["pledges"])
def update_pledge(request: Request, user: CurrentUser, nation: str, capability: str,
                  slot: SlotPath,
                  body: PledgeUpdate) -> dict[str, Any]:
    """A nation's new position on a pledge (``FRA/any/1`` is ``FRA``, ``any``, ``1``);
    409 with the newer version if ``expected_version`` is not the latest."""
    return _set(request, user, nation, _capability(capability), slot,
                modality=body.modality.value, troops_min=body.troops_min,
                troops_max=body.troops_max, source=body.source, reason=body.reason,
                expected_version=body.expected_version)


@router.post("/pledges/{nation}/{capability}/{slot}/retract", tags=["pledges"])
def retract_pledge(request: Request, user: CurrentUser, nation: str, capability: str,
                   slot: SlotPath, body: PledgeRetract) -> dict[str, Any]:
    """Record that a position no longer holds (a retraction version; nothing deleted)."""
    return _set(request, user, nation, _capability(capability), slot, modality=None,
                troops_min=None, troops_max=None, source=body.source, reason=body.reason,
                expected_version=body.expected_version, retract=True)


# -- users and tokens --------------------------------------------------------------------
@router.get("/me", tags=["users"])
def read_me(user: CurrentUser) -> dict[str, Any]:
    return user.to_dict()


@router.get("/users", tags=["users"])
def read_users(request: Request, user: CurrentUser) -> list[dict[str, Any]]:
    require_admin(user)
    store: UserStore = request.app.state.users
    return [u.to_dict() for u in store.list()]


@router.post("/users", status_code=201, tags=["users"])
def create_user(request: Request, user: CurrentUser, body: UserCreate) -> dict[str, Any]:
    require_admin(user)
    store: UserStore = request.app.state.users
    return store.add(body.name, body.password, body.role, body.nations,
                     author=user.name).to_dict()


@router.post("/tokens", status_code=201, tags=["users"])
def create_token(request: Request, user: CurrentUser, body: TokenCreate) -> dict[str, Any]:
    """A new API token for yourself (shown once): send it as ``Authorization: Bearer``;
    revoke it with ``DELETE /api/v1/tokens/{id}``."""
    store: UserStore = request.app.state.users
    record, token = store.issue_token(user, body.label)
    return {"token": token, "user": user.name, "id": record.id, "label": record.label}
