"""ISO 3166-1 alpha-3 country codes, read once from the embedded table."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources


@cache
def iso3_names() -> dict[str, str]:
    """Map every ISO 3166-1 alpha-3 code to its English short name."""
    text = resources.files("forcegen.data").joinpath("iso3166.csv").read_text("utf-8")
    return {row["iso3"]: row["name"] for row in csv.DictReader(io.StringIO(text))}


def is_iso3(code: str) -> bool:
    return code in iso3_names()
