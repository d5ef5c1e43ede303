"""The app factory: the ledger, the users, the analyses, one error edge, a body limit."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from forcegen.errors import ForcegenError, ScenarioError, http_status
from forcegen.store import Ledger
from forcegen.store.users import UserStore
from forcegen.web.auth import LoginLimiter, Sessions, UserCache
from forcegen.web.engines import Engines
from forcegen.web.service import Analyses
from forcegen.web.settings import WebSettings

log = logging.getLogger("forcegen.web")


def web_dir() -> Path:
    return Path(str(resources.files("forcegen.web")))


def plotly_js() -> Path:
    """plotly.min.js from the installed ``plotly`` package (no CDN)."""
    return Path(str(resources.files("plotly").joinpath("package_data", "plotly.min.js")))


def seed(ledger: Ledger, scenario: str) -> None:
    """Bring the ledger's tables up to date; import the scenario if the ledger is empty."""
    ledger.init()
    if not ledger.scenarios():
        from forcegen.io.catalogue import load_scenario

        ledger.import_scenario(load_scenario(scenario), author="forcegen serve",
                               reason=f"first start: embedded {scenario}")


SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin")]


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413 (declared or streamed); add
    the security headers to every response."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > self.limit):
                await _too_large(self.limit)(scope, receive, send)
                return
        seen = 0

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        try:
            await self.app(scope, limited, secured)
        except BodyTooLarge:
            await _too_large(self.limit)(scope, receive, send)


class BodyTooLarge(HTTPException):
    """Raised while a body streams in past the limit (an HTTPException, so that FastAPI's
    body parsing passes it on as a 413 rather than a generic 400)."""

    def __init__(self, limit: int = 0) -> None:
        super().__init__(413, f"body: request bodies are limited to {limit} bytes")


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse(_error("TooLarge", f"body: request bodies are limited to {limit} bytes",
                               "body", 413), status_code=413)


def _error(kind: str, message: str, field: str | None, status: int,
           **extra: Any) -> dict[str, Any]:
    return {"error": {"type": kind, "status": status, "message": message, "field": field,
                      **extra}}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
        "accept", "")


def _respond(request: Request, status: int, body: dict[str, Any],
             headers: dict[str, str] | None = None) -> Response:
    if _wants_html(request):
        if status == 401:
            return RedirectResponse("/login", status_code=303)
        templates = request.app.state.templates
        page: Response = templates.TemplateResponse(request, "error.html", {
            "user": None, "status": status, "message": body["error"]["message"]},
            status_code=status)
        return page
    return JSONResponse(body, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """One edge: a ForcegenError becomes its 4xx, with the field it names; malformed
    bodies 422; anything else a bare 500 (logged here, never shown)."""

    @app.exception_handler(ForcegenError)
    async def forcegen_error(request: Request, exc: ForcegenError) -> Response:
        status = http_status(exc)
        extra: dict[str, Any] = {}
        field = getattr(exc, "field", None)
        if isinstance(exc, ScenarioError):
            extra["problems"] = [{"message": p.message, "field": p.field, "line": p.line}
                                 for p in exc.problems]
        current = getattr(exc, "current", None)
        if current is not None:
            extra["current"] = current
        message = str(exc)
        if field is None and ": " in message and " " not in message.split(": ", 1)[0]:
            field = message.split(": ", 1)[0]
        return _respond(request, status, _error(type(exc).__name__, message, field, status,
                                                **extra))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for err in exc.errors():
            loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path")]
            problems.append({"message": str(err.get("msg", "invalid")),
                             "field": ".".join(loc) or None})
        first = problems[0] if problems else {"message": "invalid request", "field": None}
        return _respond(request, 422, _error(
            "RequestValidationError", str(first["message"]), first["field"], 422,
            problems=problems))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = str(exc.detail)
        field = detail.split(": ", 1)[0] if ": " in detail else None
        if field is not None and " " in field:
            field = None
        return _respond(request, exc.status_code,
                        _error("HTTPError", detail, field, exc.status_code),
                        headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse(_error("InternalError", "internal error (logged on the server)",
                                   None, 500), status_code=500)


def create_app(settings: WebSettings) -> FastAPI:
    """The web app on the ledger at ``settings.db_url`` (seeded on first start)."""
    from fastapi.templating import Jinja2Templates

    from forcegen.web.routes import admin, api, engine_pages, engines, pages, review, sources

    ledger = Ledger(settings.db_url)
    if settings.seed_scenario:
        seed(ledger, settings.scenario)
    app = FastAPI(title="forcegen", version="1", summary="The coalition dashboard and API: "
                  "the same documents as the CLI's --json.", docs_url="/api/docs",
                  openapi_url="/api/v1/openapi.json", redoc_url=None)
    app.state.settings = settings
    app.state.ledger = ledger
    app.state.users = UserStore(ledger)
    app.state.analyses = Analyses(ledger, settings.scenario)
    app.state.engines = Engines(app.state.analyses)
    app.state.sessions = Sessions(settings.secret_key, settings.session_hours * 3600)
    app.state.user_cache = UserCache()
    app.state.limiter = LoginLimiter(settings.login_attempts, settings.login_window_seconds)
    import jinja2

    templates = Jinja2Templates(env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(web_dir() / "templates")), autoescape=True))
    app.state.templates = templates
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(engines.router)
    app.include_router(review.router)
    app.include_router(sources.router)
    app.include_router(admin.router)
    app.include_router(admin.pages)
    app.include_router(pages.router)
    app.include_router(review.pages)
    app.include_router(engine_pages.router)
    app.mount("/static", StaticFiles(directory=str(web_dir() / "static")), name="static")

    @app.get("/static-plotly/plotly.min.js", include_in_schema=False)
    def read_plotly_js() -> FileResponse:
        return FileResponse(plotly_js(), media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)

    return app
