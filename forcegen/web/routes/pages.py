"""The dashboard's pages: server-rendered (Jinja2, everything escaped), charts drawn by
the plotly.min.js the app serves. Forms post with the session's CSRF token."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from forcegen.errors import ForcegenError, NotFound, StaleVersion, UsageError
from forcegen.model import Modality
from forcegen.store import Ledger
from forcegen.store.users import User
from forcegen.web import charts, tilemap
from forcegen.web.auth import NotLoggedIn, authenticate, require_editor
from forcegen.web.schemas import PledgeUpdate, WhatIf
from forcegen.web.service import Analyses

router = APIRouter(include_in_schema=False)


def page_user(request: Request) -> User:
    user = authenticate(request)
    if user is None:
        raise NotLoggedIn()
    return user


PageUser = Annotated[User, Depends(page_user)]


def _render(request: Request, template: str, user: User | None, status: int = 200,
            csrf: str | None = None, **context: Any) -> Response:
    if csrf is None:
        session = request.app.state.sessions.read(request)
        csrf = session.csrf if session else ""
    response: Response = request.app.state.templates.TemplateResponse(
        request, template, {"user": user, "csrf": csrf,
                            "modalities": [m.value for m in Modality], **context},
        status_code=status)
    return response


def _analyses(request: Request) -> Analyses:
    a: Analyses = request.app.state.analyses
    return a


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


# -- login ---------------------------------------------------------------------------
@router.get("/login")
def login_page(request: Request) -> Response:
    sessions = request.app.state.sessions
    session = sessions.read(request) or sessions.new(None)
    response = _render(request, "login.html", None, csrf=session.csrf)
    sessions.set(request, response, session)
    return response


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    name, password = str(form.get("name", ""))[:100], str(form.get("password", ""))[:200]
    sessions, limiter = request.app.state.sessions, request.app.state.limiter
    session = sessions.read(request)
    if session is None or str(form.get("csrf", "")) != session.csrf:
        return _render(request, "login.html", None, status=403,
                       error="Your login form expired; please try again.")
    wait = limiter.retry_after(_client(request), name)
    if wait:
        response = _render(request, "login.html", None, status=429,
                           error=f"Too many failed logins; try again in {wait} s.")
        response.headers["Retry-After"] = str(wait)
        return response
    user = request.app.state.users.authenticate(name, password)
    if user is None:
        limiter.failed(_client(request), name)
        return _render(request, "login.html", None, status=401,
                       error="Unknown name or wrong password.")
    limiter.succeeded(_client(request), name)
    response = RedirectResponse("/", status_code=303)
    sessions.write(request, response, user.id)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = await request.form()
    authenticate(request, str(form.get("csrf", "")))
    response = RedirectResponse("/login", status_code=303)
    request.app.state.sessions.clear(response)
    return response


# -- pages -----------------------------------------------------------------------------
@router.get("/")
def overview(request: Request, user: PageUser) -> Response:
    from forcegen.web.routes.engine_pages import overview_risk

    plan = _analyses(request).plan()
    return _render(request, "overview.html", user, plan=plan,
                   chart=charts.modality_bars(plan), gaps=[
                       c for c in plan["capabilities"] if c["gap"] > 0],
                   risk=overview_risk(request))


@router.get("/nations")
def nations(request: Request, user: PageUser) -> Response:
    plan = _analyses(request).plan()
    return _render(request, "nations.html", user, plan=plan,
                   tiles=tilemap.tiles(plan["nations"]))


def _nation_context(request: Request, user: User, iso3: str) -> dict[str, Any]:
    iso3 = iso3.upper()
    analyses = _analyses(request)
    scn = analyses.scenario()
    if iso3 not in scn.nations:
        raise NotFound(f"nation: {iso3!r} is not a nation of scenario {analyses.name!r}")
    ledger: Ledger = request.app.state.ledger
    try:
        history = [{**v.to_dict(), "troops": v.troops}
                   for v in ledger.history(iso3, scenario=analyses.name)]
    except NotFound:
        history = []
    latest: dict[str, dict[str, Any]] = {}
    for v in history:
        latest[v["key"]] = v
    return {"nation": scn.nations[iso3], "iso3": iso3, "history": list(reversed(history)),
            "current": [v for v in latest.values() if not v["retracted"]],
            "can_edit": user.can_edit(iso3), "today": dt.date.today().isoformat()}


@router.get("/nations/{iso3}")
def nation(request: Request, user: PageUser, iso3: str) -> Response:
    return _render(request, "nation.html", user, **_nation_context(request, user, iso3))


@router.post("/nations/{iso3}/pledge")
async def edit_nation_pledge(request: Request, iso3: str) -> Response:
    form = await request.form()
    user = authenticate(request, str(form.get("csrf", "")))
    if user is None:
        raise NotLoggedIn()
    require_editor(user, iso3)
    key = str(form.get("key", ""))
    parts = key.split("/")
    if len(parts) != 3 or parts[0] != iso3.upper() or not parts[2].isdigit():
        raise UsageError(f"key: not a pledge of {iso3.upper()}: {key!r}")

    def number(name: str) -> int | None:
        value = str(form.get(name, "")).strip()
        return int(value) if value.isdigit() else None

    try:
        body = PledgeUpdate.model_validate({
            "modality": form.get("modality"), "troops_min": number("troops_min"),
            "troops_max": number("troops_max"), "reason": str(form.get("reason", "")),
            "expected_version": number("expected_version"),
            "source": {"outlet": str(form.get("outlet", "")), "date": form.get("date"),
                       "quote": str(form.get("quote", "")), "url": str(form.get("url", ""))}})
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        return _render(request, "nation.html", user, status=422,
                       error=f"{field}: {err['msg']}", **_nation_context(request, user, iso3))
    ledger: Ledger = request.app.state.ledger
    try:
        ledger.set_pledge(iso3, modality=body.modality.value, troops_min=body.troops_min,
                          troops_max=body.troops_max,
                          capability=None if parts[1] == "any" else parts[1],
                          slot=int(parts[2]), source=body.source.to_source(),
                          author=user.name, reason=body.reason,
                          expected_version=body.expected_version,
                          scenario=_analyses(request).name)
    except (StaleVersion, ForcegenError) as exc:
        _analyses(request).invalidate()
        status = exc.http_status
        return _render(request, "nation.html", user, status=status, error=str(exc),
                       **_nation_context(request, user, iso3))
    _analyses(request).invalidate()
    return RedirectResponse(f"/nations/{iso3.upper()}", status_code=303)


@router.get("/gaps")
def gaps(request: Request, user: PageUser) -> Response:
    plan = _analyses(request).plan()
    return _render(request, "gaps.html", user, plan=plan, chart=charts.gaps_bars(plan))


@router.get("/sustainment")
def sustainment(request: Request, user: PageUser) -> Response:
    return _render(request, "sustainment.html", user, plan=_analyses(request).plan())


@router.get("/timeline")
def timeline(request: Request, user: PageUser, as_of: dt.date | None = None) -> Response:
    analyses = _analyses(request)
    doc = analyses.timeline()
    when = as_of or dt.date.today()
    positions = []
    for n in doc["nations"]:
        found = None
        for p in n["positions"]:
            if p["date"] > when.isoformat():
                break
            found = p
        if found is not None:
            positions.append({"iso3": n["iso3"], **found})
    try:
        plan = analyses.plan(when)
    except ForcegenError:
        plan = None
    return _render(request, "timeline.html", user, timeline=doc, as_of=when.isoformat(),
                   positions=positions, plan=plan, chart=charts.timeline_lines(doc))


@router.get("/reinforce")
def reinforce(request: Request, user: PageUser) -> Response:
    doc = _analyses(request).reinforce()
    return _render(request, "reinforce.html", user, result=doc,
                   chart=charts.reinforcement_curve(doc))


@router.get("/incident")
def incident(request: Request, user: PageUser, attacked: str | None = None,
             design: str = "as-agreed") -> Response:
    analyses = _analyses(request)
    scn = analyses.scenario()
    codes = tuple(c.strip().upper() for c in (attacked or "").split(",") if c.strip())
    if not codes:
        codes = tuple(p.nation for p in scn.pledges if p.nation in scn.nations)[:1]
    from forcegen.analysis.defence.designs import DESIGNS

    doc = analyses.incident(codes, design[:50], "forces_in_area", None, ())
    return _render(request, "incident.html", user, result=doc, designs=list(DESIGNS.values()),
                   attacked=",".join(codes), design=design)


@router.get("/what-if")
def what_if_page(request: Request, user: PageUser) -> Response:
    from forcegen.web.routes.engine_pages import whatif_options

    analyses = _analyses(request)
    return _render(request, "whatif.html", user, plan=analyses.plan(), result=None,
                   **whatif_options(analyses.scenario()))


@router.post("/what-if")
async def what_if(request: Request) -> Response:
    form = await request.form()
    user = authenticate(request, str(form.get("csrf", "")))
    if user is None:
        raise NotLoggedIn()
    analyses = _analyses(request)

    def number(name: str) -> int | None:
        value = str(form.get(name, "")).strip()
        return int(value) if value.isdigit() else None

    try:
        body = WhatIf.model_validate({"changes": [{
            "nation": str(form.get("nation", "")), "modality": form.get("modality"),
            "troops_min": number("troops_min"), "troops_max": number("troops_max")}]})
    except ValidationError as exc:
        err = exc.errors()[0]
        raise HTTPException(422, f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}") \
            from None
    from starlette.concurrency import run_in_threadpool

    from forcegen.web.routes.engine_pages import whatif_options

    def compute() -> dict[str, Any]:
        return {"result": analyses.what_if(c.model_dump(mode="json") for c in body.changes),
                "plan": analyses.plan(), **whatif_options(analyses.scenario())}

    context = await run_in_threadpool(compute)
    return _render(request, "whatif.html", user, change=body.changes[0], **context)
