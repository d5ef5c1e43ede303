"""Users and API tokens: the admin's page and API (list, add, change role or nations,
disable, enable) and everyone's own tokens (list, make, revoke). Every change is on the
user's record (``user_events``) with who made it and when; a disabled user or a revoked
token is refused at the next request (the app's user cache forgets them at once)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from forcegen.errors import ForcegenError, UsageError
from forcegen.store.users import Role, User, UserStore
from forcegen.web.auth import (
    CurrentUser,
    NotLoggedIn,
    UserCache,
    authenticate,
    require_admin,
)
from forcegen.web.schemas import Iso3, UserCreate

router = APIRouter(prefix="/api/v1", tags=["users"])
pages = APIRouter(include_in_schema=False)

IdPath = Annotated[int, Path(ge=1, le=2**31 - 1)]


class UserChange(BaseModel):
    """What to change about a user (fields left out stay as they are). A liaison keeps
    their nations unless new ones are given; other roles have none."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Role | None = None
    nations: Annotated[list[Iso3], Field(max_length=60)] | None = None
    password: Annotated[str, StringConstraints(min_length=8, max_length=200)] | None = None
    disabled: bool | None = None


def _users(request: Request) -> UserStore:
    store: UserStore = request.app.state.users
    return store


def _cache(request: Request) -> UserCache:
    cache: UserCache = request.app.state.user_cache
    return cache


def change_user(request: Request, admin: User, user_id: int, body: UserChange) -> User:
    require_admin(admin)
    try:
        return _users(request).change(
            user_id, author=admin.name, role=body.role, nations=body.nations,
            password=body.password, disabled=body.disabled)
    finally:
        _cache(request).forget(user_id=user_id)


def revoke_token(request: Request, user: User, token_id: int) -> dict[str, Any]:
    """Revoke a token of one's own (an admin: anyone's); 403 for someone else's."""
    store = _users(request)
    _, owner = store.token(token_id)
    if owner != user.id:
        require_admin(user)
    record, digest = store.revoke_token(token_id, author=user.name)
    _cache(request).forget(digest=digest)
    return record.to_dict()


# -- API ------------------------------------------------------------------------------
@router.get("/users/{user_id}")
def read_user(request: Request, user: CurrentUser, user_id: IdPath) -> dict[str, Any]:
    """A user, their tokens (never the tokens themselves) and every change to them."""
    require_admin(user)
    store = _users(request)
    return {**store.require(user_id).to_dict(),
            "tokens": [t.to_dict() for t in store.tokens(user_id)],
            "events": [e.to_dict() for e in store.events(user_id)]}


@router.patch("/users/{user_id}")
def update_user(request: Request, user: CurrentUser, user_id: IdPath,
                body: UserChange) -> dict[str, Any]:
    """Change a user's role, nations or password, or disable / enable them (admins)."""
    return change_user(request, user, user_id, body).to_dict()


@router.get("/tokens")
def read_tokens(request: Request, user: CurrentUser,
                user_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
                ) -> list[dict[str, Any]]:
    """Your API tokens (an admin may name another user), revoked ones too."""
    if user_id is not None and user_id != user.id:
        require_admin(user)
    return [t.to_dict() for t in _users(request).tokens(user_id or user.id)]


@router.delete("/tokens/{token_id}")
def delete_token(request: Request, user: CurrentUser, token_id: IdPath) -> dict[str, Any]:
    """Revoke an API token: yours, or (admins) anyone's. It is refused from the next
    request on; revoking it again changes nothing."""
    return revoke_token(request, user, token_id)


# -- pages ----------------------------------------------------------------------------
def _form_user(request: Request, form: Any) -> User:
    user = authenticate(request, str(form.get("csrf", "")))
    if user is None:
        raise NotLoggedIn()
    return user


def _page_user(request: Request) -> User:
    user = authenticate(request)
    if user is None:
        raise NotLoggedIn()
    return user


def _nations(text: str) -> list[str]:
    return [n.upper() for n in re.split(r"[\s,;]+", text[:1000]) if n]


def _admin_page(request: Request, admin: User, status: int = 200, **extra: Any) -> Response:
    from forcegen.web.routes.pages import _render

    store = _users(request)
    return _render(request, "admin_users.html", admin, status=status, users=store.list(),
                   tokens=store.tokens(), roles=[r.value for r in Role], **extra)


def _problem(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"


@pages.get("/admin/users")
def users_page(request: Request, done: Annotated[str, Query(max_length=200)] = "",
               ) -> Response:
    admin = _page_user(request)
    require_admin(admin)
    return _admin_page(request, admin, done=done)


@pages.post("/admin/users")
async def add_user_form(request: Request) -> Response:
    form = await request.form()
    admin = _form_user(request, form)
    require_admin(admin)
    try:
        body = UserCreate.model_validate({
            "name": str(form.get("name", "")), "password": str(form.get("password", "")),
            "role": str(form.get("role", "")),
            "nations": _nations(str(form.get("nations", "")))})
        made = _users(request).add(body.name, body.password, body.role, body.nations,
                                   author=admin.name)
    except ValidationError as exc:
        return _admin_page(request, admin, status=422, error=_problem(exc))
    except ForcegenError as exc:
        return _admin_page(request, admin, status=exc.http_status, error=str(exc))
    return RedirectResponse(f"/admin/users?done=added+{made.name}", status_code=303)


@pages.post("/admin/users/{user_id}")
async def change_user_form(request: Request, user_id: IdPath) -> Response:
    form = await request.form()
    admin = _form_user(request, form)
    require_admin(admin)
    action = str(form.get("action", "change"))
    try:
        if action in ("disable", "enable"):
            body = UserChange(disabled=action == "disable")
        elif action == "change":
            body = UserChange.model_validate({
                "role": str(form.get("role", "")),
                "nations": _nations(str(form.get("nations", "")))})
        else:
            raise UsageError(f"action: unknown action {action[:20]!r} (change, disable, "
                             "enable)")
        changed = change_user(request, admin, user_id, body)
    except ValidationError as exc:
        return _admin_page(request, admin, status=422, error=_problem(exc))
    except ForcegenError as exc:
        return _admin_page(request, admin, status=exc.http_status, error=str(exc))
    verb = {"change": "changed", "disable": "disabled", "enable": "enabled"}[action]
    return RedirectResponse(f"/admin/users?done={verb}+{changed.name}", status_code=303)


@pages.post("/admin/tokens/{token_id}/revoke")
async def revoke_any_token_form(request: Request, token_id: IdPath) -> Response:
    form = await request.form()
    admin = _form_user(request, form)
    require_admin(admin)
    try:
        revoke_token(request, admin, token_id)
    except ForcegenError as exc:
        return _admin_page(request, admin, status=exc.http_status, error=str(exc))
    return RedirectResponse(f"/admin/users?done=revoked+token+{token_id}", status_code=303)


@pages.get("/tokens")
def tokens_page(request: Request) -> Response:
    from forcegen.web.routes.pages import _render

    user = _page_user(request)
    return _render(request, "tokens.html", user, tokens=_users(request).tokens(user.id),
                   new_token=None)


@pages.post("/tokens")
async def make_token_form(request: Request) -> Response:
    from forcegen.web.routes.pages import _render

    form = await request.form()
    user = _form_user(request, form)
    store = _users(request)
    record, token = store.issue_token(user, str(form.get("label", ""))[:100])
    page = _render(request, "tokens.html", user, status=201, tokens=store.tokens(user.id),
                   new_token=token, new_record=record)
    page.headers["Cache-Control"] = "no-store"  # the token is shown this once
    return page


@pages.post("/tokens/{token_id}/revoke")
async def revoke_own_token_form(request: Request, token_id: IdPath) -> Response:
    form = await request.form()
    user = _form_user(request, form)
    revoke_token(request, user, token_id)
    return RedirectResponse("/tokens", status_code=303)
