"""Dates given on the command line."""

from __future__ import annotations

import datetime as dt

from forcegen.errors import UsageError


def validate_date(value: str, field: str = "date") -> dt.date:
    """Parse an ISO date given on the command line or in a query."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{field}: not an ISO date (YYYY-MM-DD): {value!r}") from None
