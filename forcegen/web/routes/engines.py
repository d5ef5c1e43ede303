"""``/api/v1`` for the engines: risk, the sourcing plan and each nation's proposal, the
CLI's ``--json`` documents for the ledger's current scenario. Reads only: any logged-in
user may call them (sync handlers, so a long run holds a worker thread, never the event
loop)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from forcegen.analysis.sourcing.inputs import SourcingMode
from forcegen.web.auth import CurrentUser
from forcegen.web.engines import DEFAULT_DRAWS, MAX_DRAWS, MAX_SEED, MAX_TIME_LIMIT, Engines
from forcegen.web.schemas import WhatIf

router = APIRouter(prefix="/api/v1", tags=["analyses"])

Draws = Annotated[int, Query(ge=1, le=MAX_DRAWS, description="Monte Carlo draws")]
Seed = Annotated[int, Query(ge=0, le=MAX_SEED,
                            description="random seed: the same seed gives the same result")]
TimeLimit = Annotated[float | None, Query(
    gt=0, le=MAX_TIME_LIMIT, description="seconds the solver may run; at the limit, the best "
    "plan found with its gap, labelled not proven optimal")]
Nation = Annotated[str, Path(pattern=r"^[A-Za-z]{3}$",
                             description="ISO 3166 alpha-3 code, e.g. FRA")]


def engines(request: Request) -> Engines:
    e: Engines = request.app.state.engines
    return e


@router.get("/risk")
def read_risk(request: Request, user: CurrentUser, draws: Draws = DEFAULT_DRAWS,
              seed: Seed = 0, source_grade: bool = False) -> dict[str, Any]:
    """How likely the force reaches its band, month by month, and what it hinges on
    (``forcegen risk --json --draws D --seed S``)."""
    return engines(request).risk(draws, seed, source_grade)


@router.get("/source")
def read_sourcing(request: Request, user: CurrentUser,
                  mode: SourcingMode = SourcingMode.PLEDGES,
                  time_limit: TimeLimit = None) -> dict[str, Any]:
    """The best sourcing plan: who sends what, where and when, each gap with its reason
    (``forcegen source --json --mode M``)."""
    return engines(request).source(mode.value, time_limit)


@router.get("/proposals/{nation}")
def read_proposal(request: Request, user: CurrentUser, nation: Nation,
                  time_limit: TimeLimit = None) -> dict[str, Any]:
    """A nation's contribution proposal, drawn from the sourcing plan in capacity mode
    (``forcegen propose NATION --format json``)."""
    return engines(request).proposal(nation, time_limit)


def what_if(request: Request, body: WhatIf) -> dict[str, Any]:
    """``POST /api/v1/what-if`` (declared with the other analyses in ``api``)."""
    return engines(request).what_if(
        [c.model_dump(mode="json") for c in body.changes],
        [c.model_dump(mode="json") for c in body.conditions],
        [b.model_dump(mode="json") for b in body.backstops],
        (body.risk.draws, body.risk.seed) if body.risk is not None else None)
