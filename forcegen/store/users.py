"""The web app's users: roles, assigned nations, Argon2 password hashes and API tokens.

Roles: ``viewer`` reads; ``analyst`` edits every nation's pledges; ``liaison`` edits only
the nations assigned to them; ``admin`` manages users and may edit every nation. Tokens
are stored as SHA-256 digests: the token itself is shown once, when it is made.
"""

from __future__ import annotations

import hashlib
import secrets
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from forcegen.errors import AlreadyExists, NotFound, Problem, ScenarioError
from forcegen.model.iso import is_iso3
from forcegen.store.ledger import Ledger
from forcegen.store.schema import api_tokens, users
from forcegen.store.writes import now

MIN_PASSWORD = 8


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

    def can_edit(self, nation: str) -> bool:
        """May this user record a position for ``nation``?"""
        if self.role in (Role.ANALYST, Role.ADMIN):
            return True
        return self.role is Role.LIAISON and nation.upper() in self.nations

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role.value, "nations": list(self.nations)}


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    h: str = _hasher().hash(password)
    return h


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _user(row: Any) -> User:
    return User(id=row.id, name=row.name, role=Role(row.role), nations=tuple(row.nations))


def check_user_fields(name: str, role: str, nations: list[str], password: str) -> list[str]:
    """The user's nations, upper-cased; ScenarioError naming the field if anything is off."""
    problems = []
    if not name.strip() or len(name) > 100 or any(c.isspace() for c in name):
        problems.append(Problem("a user name is 1-100 characters without spaces", "name"))
    if role not in set(Role):
        problems.append(Problem(f"unknown role {role!r} ({', '.join(Role)})", "role"))
    codes = [n.upper() for n in nations]
    problems += [Problem(f"unknown country code {n!r}", "nation") for n in codes if not is_iso3(n)]
    if role == Role.LIAISON and not codes:
        problems.append(Problem("a liaison needs at least one nation (--nation FRA)", "nation"))
    if role != Role.LIAISON and codes:
        problems.append(Problem("only a liaison is assigned nations", "nation"))
    if len(password) < MIN_PASSWORD:
        problems.append(Problem(f"a password has at least {MIN_PASSWORD} characters",
                                "password"))
    if problems:
        raise ScenarioError(problems)
    return codes


class UserStore:
    """The users of the ledger at ``ledger`` (same database, same transactions)."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def _conn(self, read_only: bool = False) -> Any:
        return self.ledger._connect(read_only=read_only)

    def add(self, name: str, password: str, role: Role | str,
            nations: list[str] | tuple[str, ...] = ()) -> User:
        codes = check_user_fields(name, str(role), list(nations), password)
        digest = hash_password(password)
        try:
            with self._conn() as conn:
                uid = conn.execute(insert(users).values(
                    name=name, password_hash=digest, role=str(role), nations=codes,
                    created_at=now()).returning(users.c.id)).scalar_one()
        except IntegrityError:
            raise AlreadyExists(f"name: a user named {name!r} already exists") from None
        return User(id=uid, name=name, role=Role(role), nations=tuple(codes))

    def list(self) -> list[User]:
        with self._conn(read_only=True) as conn:
            return [_user(r) for r in conn.execute(select(users).order_by(users.c.id))]

    def count(self) -> int:
        return len(self.list())

    def get(self, user_id: int) -> User | None:
        with self._conn(read_only=True) as conn:
            row = conn.execute(select(users).where(users.c.id == user_id)).first()
        return None if row is None else _user(row)

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if the password matches, else None (same work either way)."""
        from argon2.exceptions import InvalidHashError, VerificationError

        with self._conn(read_only=True) as conn:
            row = conn.execute(select(users).where(users.c.name == name)).first()
        hasher = _hasher()
        stored = row.password_hash if row is not None else _DUMMY_HASH.get()
        try:
            hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        return None if row is None else _user(row)

    def create_token(self, user: User, label: str = "") -> str:
        """A new API token for ``user``; only its digest is stored."""
        token = "fg_" + secrets.token_urlsafe(32)
        with self._conn() as conn:
            conn.execute(insert(api_tokens).values(
                user_id=user.id, token_hash=_token_digest(token), label=label[:100],
                created_at=now()))
        return token

    def by_token(self, token: str) -> User | None:
        with self._conn(read_only=True) as conn:
            row = conn.execute(select(users).join(api_tokens, api_tokens.c.user_id == users.c.id)
                               .where(api_tokens.c.token_hash == _token_digest(token))).first()
        return None if row is None else _user(row)

    def require(self, user_id: int) -> User:
        user = self.get(user_id)
        if user is None:
            raise NotFound(f"no user with id {user_id}")
        return user


class _Dummy:
    """A hash to verify against when the name is unknown (so timing does not tell)."""

    value: str | None = None

    def get(self) -> str:
        if self.value is None:
            self.value = hash_password(secrets.token_hex(16))
        return self.value


_DUMMY_HASH = _Dummy()

