"""The web app's users: roles, assigned nations, Argon2 password hashes and API tokens.

Roles: ``viewer`` reads; ``analyst`` edits every nation's pledges; ``liaison`` edits only
the nations assigned to them; ``admin`` manages users and may edit every nation. Users
are disabled, never deleted; every change to a user (added, changed, disabled, enabled,
a token issued or revoked) is a row in ``user_events`` with who made it and when.

Tokens are stored as SHA-256 digests only: the token itself is shown once, when it is
made. (A token is 256 random bits, so a plain digest is as strong as a slow hash; a
password is not, so passwords get Argon2.) A revoked token stops working at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from forcegen.errors import AlreadyExists, Conflict, NotFound, Problem, ScenarioError
from forcegen.model.bounds import text_problem
from forcegen.model.iso import is_iso3
from forcegen.store.ledger import Ledger
from forcegen.store.queries import utc
from forcegen.store.schema import api_tokens, user_events, users
from forcegen.store.writes import now

MIN_PASSWORD = 8
MAX_NATIONS = 60


class Role(StrEnum):
    VIEWER = "viewer"
    ANALYST = "analyst"
    LIAISON = "liaison"
    ADMIN = "admin"


class User(BaseModel):
    """A user as the app sees it (never the hash)."""

    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    role: Role
    nations: tuple[str, ...] = ()
    disabled: bool = False

    def can_edit(self, nation: str) -> bool:
        """May this user record a position for ``nation``?"""
        if self.disabled:
            return False
        if self.role in (Role.ANALYST, Role.ADMIN):
            return True
        return self.role is Role.LIAISON and nation.upper() in self.nations

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "role": self.role.value,
                "nations": list(self.nations), "disabled": self.disabled}


class ApiToken(BaseModel):
    """An API token's record (never the token, never its digest)."""

    model_config = ConfigDict(frozen=True)

    id: int
    user: str
    label: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None
    revoked_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class UserEvent(BaseModel):
    """One change to a user: what, by whom, when."""

    model_config = ConfigDict(frozen=True)

    user: str
    action: str
    author: str
    recorded_at: dt.datetime
    detail: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


Tokens = list[ApiToken]
Events = list[UserEvent]


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    h: str = _hasher().hash(password)
    return h


def token_digest(token: str) -> str:
    """What is stored of a token (and what the app's user cache is keyed by)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _user(row: Any) -> User:
    return User(id=row.id, name=row.name, role=Role(row.role), nations=tuple(row.nations),
                disabled=row.disabled_at is not None)


def role_and_nations(role: str, nations: list[str] | tuple[str, ...]) -> list[Problem]:
    """What is wrong with a role and its nations (a liaison has some, no one else any)."""
    problems = []
    if role not in set(Role):
        problems.append(Problem(f"unknown role {role!r} ({', '.join(Role)})", "role"))
    problems += [Problem(f"unknown country code {n!r}", "nations")
                 for n in nations if not is_iso3(n)]
    if len(nations) > MAX_NATIONS:
        problems.append(Problem(f"at most {MAX_NATIONS} nations", "nations"))
    if role == Role.LIAISON and not nations:
        problems.append(Problem("a liaison needs at least one nation (--nation FRA)",
                                "nations"))
    if role != Role.LIAISON and nations:
        problems.append(Problem("only a liaison is assigned nations", "nations"))
    return problems


def password_problems(password: str) -> list[Problem]:
    if len(password) < MIN_PASSWORD:
        return [Problem(f"a password has at least {MIN_PASSWORD} characters", "password")]
    return []


def check_user_fields(name: str, role: str, nations: list[str], password: str) -> list[str]:
    """The user's nations, upper-cased; ScenarioError naming the field if anything is off."""
    problems = []
    if not name.strip() or len(name) > 100 or not name.isprintable() or any(
            c.isspace() for c in name):
        problems.append(Problem("a user name is 1-100 printable characters without spaces",
                                "name"))
    codes = list(dict.fromkeys(n.upper() for n in nations))
    problems += role_and_nations(role, codes) + password_problems(password)
    if problems:
        raise ScenarioError(problems)
    return codes


class UserStore:
    """The users of the ledger at ``ledger`` (same database, same transactions)."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def _conn(self, read_only: bool = False) -> Any:
        return self.ledger._connect(read_only=read_only)

    # -- users ---------------------------------------------------------------------
    def add(self, name: str, password: str, role: Role | str,
            nations: list[str] | tuple[str, ...] = (), *, author: str = "") -> User:
        codes = check_user_fields(name, str(role), list(nations), password)
        digest = hash_password(password)
        try:
            with self._conn() as conn:
                uid = conn.execute(insert(users).values(
                    name=name, password_hash=digest, role=str(role), nations=codes,
                    created_at=now()).returning(users.c.id)).scalar_one()
                _record(conn, uid, "added", author, {"role": str(role), "nations": codes})
        except IntegrityError:
            raise AlreadyExists(f"name: a user named {name!r} already exists") from None
        return User(id=uid, name=name, role=Role(role), nations=tuple(codes))

    def list(self) -> list[User]:
        with self._conn(read_only=True) as conn:
            return [_user(r) for r in conn.execute(select(users).order_by(users.c.id))]

    def count(self) -> int:
        return len(self.list())

    def get(self, user_id: int) -> User | None:
        """The user with this id, disabled or not (None: no such user)."""
        with self._conn(read_only=True) as conn:
            row = conn.execute(select(users).where(users.c.id == user_id)).first()
        return None if row is None else _user(row)

    def active(self, user_id: int) -> User | None:
        """The user with this id if they may log in (None: unknown or disabled)."""
        user = self.get(user_id)
        return None if user is None or user.disabled else user

    def require(self, user_id: int) -> User:
        user = self.get(user_id)
        if user is None:
            raise NotFound(f"user: no user with id {user_id}")
        return user

    def named(self, name: str) -> User:
        with self._conn(read_only=True) as conn:
            row = conn.execute(select(users).where(users.c.name == name)).first()
        if row is None:
            raise NotFound(f"NAME: no user named {name!r}")
        return _user(row)

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if the password matches and the user is not disabled, else None
        (same work either way)."""
        from argon2.exceptions import InvalidHashError, VerificationError

        with self._conn(read_only=True) as conn:
            row = conn.execute(select(users).where(users.c.name == name)).first()
        hasher = _hasher()
        stored = row.password_hash if row is not None else _DUMMY_HASH.get()
        try:
            hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        return None if row is None or row.disabled_at is not None else _user(row)

    def change(self, user_id: int, *, author: str, role: Role | str | None = None,
               nations: Sequence[str] | None = None,
               password: str | None = None, disabled: bool | None = None) -> User:
        """Change a user's role, nations, password or state, in one transaction, on the
        record. The last active admin can be neither demoted nor disabled."""
        with self._conn() as conn:
            row = _lock_user(conn, user_id)
            old = _user(row)
            new_role = Role(role) if role is not None and role in set(Role) else old.role
            codes = (list(dict.fromkeys(n.upper() for n in nations)) if nations is not None
                     else list(old.nations) if new_role is Role.LIAISON else [])
            problems = role_and_nations(str(role) if role is not None else old.role.value,
                                        codes)
            if password is not None:
                problems += password_problems(password)
            if problems:
                raise ScenarioError(problems)
            off = old.disabled if disabled is None else disabled
            if old.role is Role.ADMIN and not old.disabled and (
                    new_role is not Role.ADMIN or off):
                _keep_an_admin(conn, user_id)
            values: dict[str, Any] = {"role": new_role.value, "nations": codes}
            detail: dict[str, Any] = {}
            if new_role is not old.role:
                detail["role"] = [old.role.value, new_role.value]
            if tuple(codes) != old.nations:
                detail["nations"] = [list(old.nations), codes]
            if password is not None:
                values["password_hash"] = hash_password(password)
                detail["password"] = "changed"
            if off != old.disabled:
                values["disabled_at"] = now() if off else None
            conn.execute(update(users).where(users.c.id == user_id).values(**values))
            if detail:
                _record(conn, user_id, "changed", author, detail)
            if off != old.disabled:
                _record(conn, user_id, "disabled" if off else "enabled", author, {})
        return User(id=old.id, name=old.name, role=new_role, nations=tuple(codes),
                    disabled=off)

    def events(self, user_id: int) -> Events:
        """Every change to a user, oldest first."""
        with self._conn(read_only=True) as conn:
            rows = conn.execute(select(user_events, users.c.name)
                                .join(users, users.c.id == user_events.c.user_id)
                                .where(user_events.c.user_id == user_id)
                                .order_by(user_events.c.id)).all()
        return [UserEvent(user=r.name, action=r.action, author=r.author,
                          recorded_at=utc(r.recorded_at), detail=dict(r.detail)) for r in rows]

    # -- API tokens --------------------------------------------------------------------
    def issue_token(self, user: User, label: str = "", *,
                    author: str = "") -> tuple[ApiToken, str]:
        """A new API token for ``user``: its record and the token (shown once; only its
        digest is stored)."""
        why = text_problem(label, 100)
        if why:
            raise ScenarioError([Problem(why, "label")])
        token = "fg_" + secrets.token_urlsafe(32)
        made = now()
        with self._conn() as conn:
            tid = conn.execute(insert(api_tokens).values(
                user_id=user.id, token_hash=token_digest(token), label=label,
                created_at=made).returning(api_tokens.c.id)).scalar_one()
            _record(conn, user.id, "token issued", author or user.name,
                    {"token": tid, "label": label})
        return ApiToken(id=tid, user=user.name, label=label, created_at=utc(made)), token

    def create_token(self, user: User, label: str = "") -> str:
        """A new API token for ``user`` (see :meth:`issue_token`)."""
        return self.issue_token(user, label)[1]

    def by_token(self, token: str) -> User | None:
        """The user of a token that is neither revoked nor their account disabled."""
        with self._conn(read_only=True) as conn:
            row = conn.execute(
                select(users).join(api_tokens, api_tokens.c.user_id == users.c.id)
                .where(api_tokens.c.token_hash == token_digest(token),
                       api_tokens.c.revoked_at.is_(None), users.c.disabled_at.is_(None))
            ).first()
        return None if row is None else _user(row)

    def tokens(self, user_id: int | None = None) -> Tokens:
        """The tokens of one user (or of everyone), revoked ones too, oldest first."""
        query = _token_query()
        if user_id is not None:
            query = query.where(api_tokens.c.user_id == user_id)
        with self._conn(read_only=True) as conn:
            return [_token(r) for r in conn.execute(query.order_by(api_tokens.c.id))]

    def token(self, token_id: int) -> tuple[ApiToken, int]:
        """A token's record and its owner's id."""
        with self._conn(read_only=True) as conn:
            row = conn.execute(_token_query().where(api_tokens.c.id == token_id)).first()
        if row is None:
            raise NotFound(f"token: no API token with id {token_id}")
        return _token(row), int(row.user_id)

    def revoke_token(self, token_id: int, *, author: str) -> tuple[ApiToken, str]:
        """Revoke a token (already revoked: unchanged). Its record and its digest (for
        the app to forget it at once)."""
        with self._conn() as conn:
            row = conn.execute(_token_query().where(api_tokens.c.id == token_id)).first()
            if row is None:
                raise NotFound(f"token: no API token with id {token_id}")
            if row.revoked_at is None:
                when = now()
                conn.execute(update(api_tokens).where(api_tokens.c.id == token_id)
                             .values(revoked_at=when, revoked_by=author[:100]))
                _record(conn, row.user_id, "token revoked", author,
                        {"token": token_id, "label": row.label})
                row = conn.execute(_token_query().where(api_tokens.c.id == token_id)).one()
        return _token(row), str(row.token_hash)


def _record(conn: Connection, user_id: int, action: str, author: str,
            detail: dict[str, Any]) -> None:
    conn.execute(insert(user_events).values(user_id=user_id, recorded_at=now(),
                                            author=author[:200], action=action,
                                            detail=detail))


def _lock_user(conn: Connection, user_id: int) -> Any:
    query = select(users).where(users.c.id == user_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:
        raise NotFound(f"user: no user with id {user_id}")
    return row


def _keep_an_admin(conn: Connection, leaving: int) -> None:
    """Conflict unless another active admin remains (rows locked on PostgreSQL, so two
    admins cannot demote each other at once; SQLite's writers already queue)."""
    query = select(users.c.id).where(users.c.role == Role.ADMIN.value,
                                     users.c.disabled_at.is_(None), users.c.id != leaving)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    if not conn.execute(query).first():
        raise Conflict("role: this is the last active admin; make another admin first")


def _token_query() -> Any:
    return (select(api_tokens.c.id, api_tokens.c.user_id, api_tokens.c.label,
                   api_tokens.c.created_at, api_tokens.c.revoked_at, api_tokens.c.revoked_by,
                   api_tokens.c.token_hash, users.c.name)
            .join(users, users.c.id == api_tokens.c.user_id))


def _token(row: Any) -> ApiToken:
    return ApiToken(id=row.id, user=row.name, label=row.label,
                    created_at=utc(row.created_at),
                    revoked_at=utc(row.revoked_at) if row.revoked_at else None,
                    revoked_by=row.revoked_by)


class _Dummy:
    """A hash to verify against when the name is unknown (so timing does not tell)."""

    value: str | None = None

    def get(self) -> str:
        if self.value is None:
            self.value = hash_password(secrets.token_hex(16))
        return self.value


_DUMMY_HASH = _Dummy()
