"""Who is asking: session cookies (signed, HttpOnly, SameSite, Secure over TLS) with a
CSRF token, API tokens (``Authorization: Bearer fg_...``), and a login rate limit.

A session cookie carries the user's id and the session's CSRF token. Any request that
writes and is authenticated by the cookie must echo that token (form field ``csrf`` or
header ``X-CSRF-Token``); requests with an API token need none, as no browser sends one
on its own.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from forcegen.store.users import Role, User, token_digest

COOKIE = "fg_session"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass
class Session:
    uid: int | None
    csrf: str


class Sessions:
    """Signed session cookies."""

    def __init__(self, secret: str, max_age: int) -> None:
        self.serializer = URLSafeTimedSerializer(secret, salt="forcegen-session")
        self.max_age = max_age

    def read(self, request: Request) -> Session | None:
        raw = request.cookies.get(COOKIE)
        if not raw:
            return None
        try:
            data = self.serializer.loads(raw, max_age=self.max_age)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("csrf"), str):
            return None
        uid = data.get("uid")
        return Session(uid=uid if isinstance(uid, int) else None, csrf=data["csrf"])

    def new(self, uid: int | None) -> Session:
        return Session(uid=uid, csrf=secrets.token_urlsafe(24))

    def write(self, request: Request, response: Response, uid: int | None) -> Session:
        """A fresh session (new CSRF token) for ``uid``, set on ``response``."""
        return self.set(request, response, self.new(uid))

    def set(self, request: Request, response: Response, session: Session) -> Session:
        uid = session.uid
        response.set_cookie(
            COOKIE, self.serializer.dumps({"uid": uid, "csrf": session.csrf}),
            max_age=self.max_age, httponly=True, samesite="lax",
            secure=request.url.scheme == "https", path="/")
        return session

    def clear(self, response: Response) -> None:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")


class LoginLimiter:
    """At most ``attempts`` failed logins per (client, name) in ``window`` seconds."""

    def __init__(self, attempts: int, window: float) -> None:
        self.attempts, self.window = attempts, window
        self.failures: dict[tuple[str, str], deque[float]] = {}
        self.lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self.failures.setdefault(key, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def retry_after(self, client: str, name: str) -> int:
        """Seconds to wait before trying again (0: go ahead)."""
        now = time.monotonic()
        with self.lock:
            times = self._recent((client, name), now)
            if len(times) < self.attempts:
                return 0
            return max(1, int(self.window - (now - times[0])) + 1)

    def failed(self, client: str, name: str) -> None:
        with self.lock:
            self._recent((client, name), time.monotonic()).append(time.monotonic())

    def succeeded(self, client: str, name: str) -> None:
        with self.lock:
            self.failures.pop((client, name), None)


class UserCache:
    """Users looked up by token digest or id, kept ``ttl`` seconds, so that most requests
    reach no database to know who asks. A change made through this app (a token revoked,
    a user disabled or given another role) calls :meth:`forget`, which takes effect at
    once; one made by another process (``forcegen users``) shows within ``ttl``.

    A lookup that started before a ``forget`` is not cached (the generation moved on), so
    a stale answer read during a revocation cannot outlive it."""

    def __init__(self, ttl: float = 10.0) -> None:
        self.ttl = ttl
        self.entries: dict[object, tuple[float, User | None]] = {}
        self.generation = 0
        self.lock = threading.Lock()

    def get(self, key: object, load: Any) -> User | None:
        now = time.monotonic()
        with self.lock:
            hit = self.entries.get(key)
            generation = self.generation
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]
        user: User | None = load()
        with self.lock:
            if generation != self.generation:
                return user
            if len(self.entries) > 10_000:
                self.entries.clear()
            self.entries[key] = (now, user)
        return user

    def forget(self, *, user_id: int | None = None, digest: str | None = None) -> None:
        """Drop a user (by id: their session entry and every token of theirs) or one
        token (by digest), and every "nobody" answer (a user enabled again has tokens
        that were refused); lookups under way are not cached."""
        with self.lock:
            self.generation += 1
            for key, (_, user) in list(self.entries.items()):
                if user is None or key == ("token", digest) or key == ("id", user_id) or (
                        user_id is not None and user.id == user_id):
                    del self.entries[key]


class NotLoggedIn(HTTPException):
    def __init__(self) -> None:
        super().__init__(401, "log in first (session cookie or Authorization: Bearer token)",
                         headers={"WWW-Authenticate": "Bearer"})


def authenticate(request: Request, csrf: str | None = None) -> User | None:
    """The user of a bearer token or a session cookie (None: nobody). A write made with
    the cookie must carry the session's CSRF token (``csrf``, else the header)."""
    state: Any = request.app.state
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        token = header[7:].strip()
        digest = token_digest(token)
        user: User | None = state.user_cache.get(("token", digest),
                                                 lambda: state.users.by_token(token))
        if user is None:
            raise NotLoggedIn()
        return user
    session = state.sessions.read(request)
    if session is None or session.uid is None:
        return None
    if request.method in UNSAFE:
        sent = csrf or request.headers.get("x-csrf-token")
        if not sent or not secrets.compare_digest(sent, session.csrf):
            raise HTTPException(403, "csrf: missing or wrong CSRF token")
    uid = session.uid
    found: User | None = state.user_cache.get(("id", uid), lambda: state.users.active(uid))
    return found


async def current_user(request: Request) -> User:
    """The logged-in user, or 401 (usually from the cache: no database, no thread)."""
    user = authenticate(request)
    if user is None:
        raise NotLoggedIn()
    return user


def optional_user(request: Request) -> User | None:
    try:
        return authenticate(request)
    except HTTPException:
        return None


CurrentUser = Annotated[User, Depends(current_user)]


def require_editor(user: User, nation: str) -> None:
    """403 unless ``user`` may record positions for ``nation``."""
    if not user.can_edit(nation):
        if user.role is Role.LIAISON:
            detail = (f"nation: a liaison for {', '.join(user.nations)} may not edit "
                      f"{nation.upper()}")
        else:
            detail = f"role: a {user.role.value} may not edit pledges"
        raise HTTPException(403, detail)


def require_admin(user: User) -> None:
    if user.role is not Role.ADMIN:
        raise HTTPException(403, "role: only an admin manages users")
