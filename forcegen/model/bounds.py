"""Upper bounds on every number and string the model accepts.

Both ledger databases store what the model accepts, and every analysis can compute with
it: a troop figure above ten million, a text with a NUL byte or a name longer than its
column is an input error here, not a database error (or an overflow) later.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Final

from pydantic import AfterValidator, BeforeValidator, Field

#: Troops in any one figure (a pledge, a requirement, a backstop): ten million.
MAX_TROOPS: Final = 10_000_000
#: A quantity: equipment (aircraft, ships...) or money (EUR 1e9 pledges): ten trillion.
MAX_QUANTITY: Final = 1e13
#: Months (a tour, a duration): a century.
MAX_MONTHS: Final = 1_200
#: A nation's second, third... pledge of the same capability.
MAX_SLOT: Final = 999
#: A version number in the ledger (a 32-bit column).
MAX_VERSION: Final = 2**31 - 1
#: A reference figure (GDP in USD is about 3e13 for the largest).
MAX_FIGURE: Final = 1e16
#: A numeric assumption (ratios, shares, months).
MAX_ASSUMPTION: Final = 1e9
#: A distance in km.
MAX_KM: Final = 100_000
#: Names: a scenario (its column), a person, a nation, an outlet.
MAX_SCENARIO_NAME: Final = 100
MAX_NAME: Final = 200
#: Free text (a quote, a summary, a reason): a million characters.
MAX_TEXT: Final = 1_000_000


def no_nul(value: str) -> str:
    """Refuse the NUL character (PostgreSQL cannot store it in text)."""
    if "\x00" in value:
        raise ValueError("contains a NUL character (\\x00)")
    return value


#: A name: up to 200 characters, no NUL.
Name = Annotated[str, Field(max_length=MAX_NAME), AfterValidator(no_nul)]
#: Free text: up to a million characters, no NUL.
Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(no_nul)]
#: A troop figure: 0 to ten million, a whole number.
Troops = Annotated[int, Field(ge=0, le=MAX_TROOPS, strict=True)]
#: Months: 1 to 1,200, a whole number.
Months = Annotated[int, Field(gt=0, le=MAX_MONTHS, strict=True)]


def text_problem(value: str, limit: int) -> str | None:
    """Why ``value`` cannot be stored as a text of at most ``limit`` characters, or None
    (for values that are not model fields: a ledger author, a reason)."""
    if len(value) > limit:
        return f"longer than {limit:,} characters ({len(value):,})"
    if "\x00" in value:
        return "contains a NUL character (\\x00)"
    return None


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: object) -> object:
    """Dates as date objects or ``YYYY-MM-DD`` text only: not a timestamp (1740787200),
    nor the other ISO forms (20250301, 2025-W10-1)."""
    if isinstance(value, bool | int | float):
        raise ValueError(f"a date is written YYYY-MM-DD, not as a number ({value!r})")
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError(f"a date is written YYYY-MM-DD (got {value!r})")
    return value


#: A calendar date, written YYYY-MM-DD where it is text.
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
