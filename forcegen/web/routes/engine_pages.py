"""The engines' pages: risk (fan chart and tornado), the sourcing plan, each nation's
proposal, and the what-if on conditions. Server-rendered from the same documents as the
API; charts drawn by the plotly.min.js the app serves."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError

from forcegen.analysis.sourcing.inputs import SourcingMode
from forcegen.errors import ForcegenError, UsageError
from forcegen.model import Scenario
from forcegen.web import engine_charts
from forcegen.web.auth import NotLoggedIn, authenticate
from forcegen.web.engines import DEFAULT_DRAWS, Engines
from forcegen.web.routes.engines import Draws, Nation, Seed, TimeLimit
from forcegen.web.routes.pages import PageUser, _render
from forcegen.web.schemas import WhatIf
from forcegen.web.whatif import condition_options

router = APIRouter(include_in_schema=False)


def _engines(request: Request) -> Engines:
    e: Engines = request.app.state.engines
    return e


def overview_risk(request: Request) -> dict[str, Any]:
    """The overview's risk panel: the fan chart at the default draws and seed (the risk
    page's, so one cached run serves both), or why there is none."""
    try:
        doc = _engines(request).risk(DEFAULT_DRAWS, 0)
    except ForcegenError as exc:
        return {"error": str(exc)}
    return {"doc": doc, "chart": engine_charts.fan_chart(doc, height=380)}


def whatif_options(scn: Scenario) -> dict[str, Any]:
    """What the what-if page offers to change besides pledges."""
    return {"condition_options": condition_options(scn),
            "backstop_options": [{"provider": b.provider, "name": scn.nation_name(b.provider),
                                  "modality": b.modality.value} for b in scn.backstops]}


@router.get("/risk")
def risk_page(request: Request, user: PageUser, draws: Draws = DEFAULT_DRAWS,
              seed: Seed = 0, source_grade: bool = False) -> Response:
    doc = _engines(request).risk(draws, seed, source_grade)
    return _render(request, "risk.html", user, risk=doc, source_grade=source_grade,
                   fan=engine_charts.fan_chart(doc), tornado=engine_charts.tornado(doc),
                   tornado_basis=doc["with_priors"] if doc["priors"] else doc)


@router.get("/sourcing")
def sourcing_page(request: Request, user: PageUser,
                  mode: SourcingMode = SourcingMode.PLEDGES,
                  time_limit: TimeLimit = None) -> Response:
    engines = _engines(request)
    doc = engines.source(mode.value, time_limit)
    scn = engines.analyses.scenario()
    names = {k: n.name for k, n in scn.nations.items()}
    areas = {a["name"]: a for a in doc["areas"]}
    by_area = [{"area": a, "assignments": [x for x in doc["assignments"]
                                           if x["area"] == a["name"]]} for a in doc["areas"]]
    by_nation = []
    for f in doc["fair_share"]:
        mine = [x for x in doc["assignments"] if x["nation"] == f["nation"]]
        by_nation.append({**f, "name": names.get(f["nation"], f["nation"]),
                          "assignments": mine})
    return _render(request, "sourcing.html", user, result=doc, mode=mode.value,
                   time_limit=time_limit, chart=engine_charts.sourcing_bars(doc),
                   areas=areas, by_area=by_area, by_nation=by_nation, names=names)


@router.get("/proposals/{nation}")
def proposal_page(request: Request, user: PageUser, nation: Nation,
                  time_limit: TimeLimit = None) -> Response:
    doc = _engines(request).proposal(nation, time_limit)
    return _render(request, "proposal.html", user, proposal=doc)


@router.post("/what-if/condition")
async def what_if_condition(request: Request) -> Response:
    """The what-if panel's condition form: a condition taken as met or not, and/or a
    backstop's firmness, in a scratch copy; the plan and the risk beside the recorded."""
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    user = authenticate(request, str(form.get("csrf", "")))
    if user is None:
        raise NotLoggedIn()
    engines = _engines(request)
    conditions, backstops = [], []
    picked, met = str(form.get("condition", ""))[:100], str(form.get("met", ""))[:3]
    if picked:
        kind, _, nation = picked.partition(":")
        conditions.append({"kind": kind, "nation": nation or None, "met": met == "yes"})
    provider = str(form.get("provider", ""))[:10]
    if provider:
        backstops.append({"provider": provider, "modality": form.get("backstop_modality")})
    try:
        body = WhatIf.model_validate({"conditions": conditions, "backstops": backstops})
    except ValidationError as exc:
        err = exc.errors()[0]
        raise UsageError(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}") from None

    def compute() -> dict[str, Any]:
        result = engines.what_if([], [c.model_dump(mode="json") for c in body.conditions],
                                 [b.model_dump(mode="json") for b in body.backstops])
        return {"plan": engines.analyses.plan(), "result": result,
                **whatif_options(engines.analyses.scenario())}

    context = await run_in_threadpool(compute)
    return _render(request, "whatif.html", user, picked=picked, met=met, provider=provider,
                   **context)
