"""The domain errors of forcegen.

The core raises these; each edge (CLI, API) translates them once: the CLI prints
the message and exits with code 2, the API answers with a 4xx JSON error.
"""

from __future__ import annotations

from dataclasses import dataclass


class ForcegenError(Exception):
    """Base of every error a user can cause; never a bug.

    Each class says once how every edge answers it: ``exit_code`` for the CLI,
    ``http_status`` for the API. The edges read these and nothing else.
    """

    exit_code = 2
    http_status = 400


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what is wrong."""

    message: str
    field: str | None = None
    line: int | None = None

    def render(self, file: str | None = None) -> str:
        where = ":".join(p for p in (file, str(self.line) if self.line else None) if p)
        parts = [p for p in (where, self.field) if p]
        prefix = ": ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message


class ScenarioError(ForcegenError):
    """A scenario document (file or dict) is malformed or inconsistent."""

    http_status = 422

    def __init__(self, problems: list[Problem], file: str | None = None) -> None:
        self.problems = problems
        self.file = file
        super().__init__(self.render())

    def render(self) -> str:
        lines = [p.render(self.file) for p in self.problems[:10]]
        if len(self.problems) > 10:
            lines.append(f"... and {len(self.problems) - 10} more problems")
        return "\n".join(lines)

    @property
    def field(self) -> str | None:
        return self.problems[0].field if self.problems else None

    @property
    def line(self) -> int | None:
        return self.problems[0].line if self.problems else None


class UsageError(ForcegenError):
    """A command or request was called wrongly: a bad option, an option without the one it
    needs, dates in the wrong order. Not a problem of any scenario."""

    http_status = 400


class NotFound(ForcegenError):
    """A named thing (scenario, nation, pledge, file) does not exist."""

    http_status = 404


class Conflict(ForcegenError):
    """The request clashes with what is already stored."""

    http_status = 409


class StaleVersion(Conflict):
    """An edit was made against a version that is no longer the latest."""


class AlreadyExists(Conflict):
    """The thing to add is already there (e.g. a scenario already in the ledger)."""


class Infeasible(ForcegenError):
    """An optimisation has no solution."""

    http_status = 422


class IngestError(ForcegenError):
    """A news text could not be turned into claims."""

    http_status = 422


class StoreUnavailable(ForcegenError):
    """The pledge ledger's database does not answer, or is not initialised."""

    http_status = 503


class TooLarge(ForcegenError):
    """An input is over a size or depth limit forcegen sets to stay fast and safe."""

    http_status = 413


class MissingExtra(ForcegenError):
    """A feature needs an optional part of forcegen that is not installed (an extra,
    e.g. ``pip install 'forcegen[plot]'``)."""

    http_status = 501


def exit_code(exc: BaseException) -> int:
    """The CLI's exit code for an exception (1 for anything that is not a ForcegenError)."""
    return exc.exit_code if isinstance(exc, ForcegenError) else 1


def http_status(exc: BaseException) -> int:
    """The API's status for an exception (500 for anything that is not a ForcegenError)."""
    return exc.http_status if isinstance(exc, ForcegenError) else 500


class ClusterUnavailable(ForcegenError):
    """The compute cluster (a Dask scheduler) does not answer."""

    http_status = 503
