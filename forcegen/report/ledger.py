"""Rich tables of the pledge ledger: versions (history, as-of) and changes (diff)."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table

from forcegen.store.records import LedgerDiff, PledgeVersion


def versions_table(title: str, versions: list[PledgeVersion], *, sources: bool = True) -> Table:
    """One row per pledge version: effective date, position, troops, who recorded it, why."""
    table = Table(title=title, title_justify="left")
    for col in ("pledge", "v", "effective", "modality", "troops", "recorded", "author",
                "reason"):
        table.add_column(col, justify="right" if col in ("v", "troops") else "left")
    if sources:
        table.add_column("sources")
    for v in versions:
        modality = "retracted" if v.retracted else v.pledge.modality.value
        row = [v.key, str(v.version), v.effective_date.isoformat(), modality, v.troops,
               f"{v.recorded_at:%Y-%m-%d %H:%M}", v.author, v.reason]
        if sources:
            row.append(escape("\n".join(
                f"{s.outlet}, {s.date}" + (f" [{s.grade}]" if s.grade else "")
                + (f" ({s.actor})" if s.actor else "")
                + (f": “{s.quote}”" if s.quote else "") for s in v.pledge.sources)))
        table.add_row(*row)
    return table


def _version_cell(v: PledgeVersion | None) -> str:
    if v is None:
        return ""
    text = f"v{v.version} {v.pledge.modality.value}"
    return f"{text} {v.troops}" if v.troops else text


def diff_table(result: LedgerDiff) -> Table:
    """What changed between two dates: one row per pledge added, changed or retracted."""
    table = Table(title=f"{result.scenario}: changes from {result.start} to {result.end}",
                  title_justify="left")
    for col in ("change", "pledge", "before", "after", "source"):
        table.add_column(col)
    for c in result.changes:
        src = c.new.pledge.sources[0] if c.new and c.new.pledge.sources else None
        table.add_row(c.kind.value, c.key, _version_cell(c.old),
                      "retracted" if c.kind.value == "retracted" else _version_cell(c.new),
                      f"{src.outlet}, {src.date}" if src else "")
    if not result.changes:
        table.caption = "no changes"
    return table
