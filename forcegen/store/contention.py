"""Writers that meet: one pledge's writers queue or retry, and what they write is checked
against the model's bounds before any database sees it."""

from __future__ import annotations

from sqlalchemy import Connection, select

from forcegen.errors import Problem, ScenarioError
from forcegen.model.bounds import MAX_NAME, MAX_TEXT, text_problem
from forcegen.store.schema import pledges


class LostRace(Exception):
    """Another writer committed the version (or created the pledge) first."""

    def __init__(self, seen: int) -> None:
        self.seen = seen
        super().__init__(seen)


def check_texts(**values: str) -> None:
    """The author (a name column) and the reason (free text) within the model's bounds."""
    limits = {"author": MAX_NAME, "reason": MAX_TEXT}
    problems = [Problem(why, field) for field, value in values.items()
                if (why := text_problem(value, limits[field]))]
    if problems:
        raise ScenarioError(problems)


def lock_pledge(conn: Connection, sid: int, key: str, *, lock: bool) -> int | None:
    """The pledge's id, its row locked until the transaction ends (PostgreSQL), so that
    writers to one pledge queue instead of racing; None if it does not exist yet.
    (SQLite's writers already queue: BEGIN IMMEDIATE.)"""
    query = select(pledges.c.id).where(pledges.c.scenario_id == sid, pledges.c.key == key)
    if lock and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    pid: int | None = conn.execute(query).scalar()
    return pid
