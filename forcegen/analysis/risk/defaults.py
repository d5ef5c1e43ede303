"""The default risk figures: one named assumption per modality, condition and shape,
each with its rationale (``forcegen/data/risk.csv``)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class RiskDefault:
    key: str
    value: float
    unit: str
    rationale: str
    source: str

    @property
    def citation(self) -> str:
        """The source to show: 'assumption — rationale (risk.csv: key)' or the citation."""
        return f"{self.source} — {self.rationale} (risk.csv: {self.key})"


@cache
def risk_defaults() -> dict[str, RiskDefault]:
    text = resources.files("forcegen.data").joinpath("risk.csv").read_text("utf-8")
    return {row["key"]: RiskDefault(key=row["key"], value=float(row["value"]), unit=row["unit"],
                                    rationale=row["rationale"], source=row["source"])
            for row in csv.DictReader(io.StringIO(text))}


def risk_default(key: str) -> RiskDefault:
    return risk_defaults()[key]
