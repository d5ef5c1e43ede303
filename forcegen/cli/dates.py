"""Dates given on the command line."""

from __future__ import annotations

import datetime as dt
import re

from forcegen.errors import UsageError

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def validate_date(value: str, field: str = "date") -> dt.date:
    """Parse an ISO date given on the command line or in a query."""
    try:
        if not _ISO_DATE.fullmatch(value):  # fromisoformat also takes 20250301, 2025-W10-1
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{field}: not an ISO date (YYYY-MM-DD): {value!r}") from None
