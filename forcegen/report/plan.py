"""Rich renderings of forcegen results for the terminal (the CLI's human output)."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from forcegen.analysis.plan.document import ConditionDoc, NationRow
from forcegen.analysis.plan.plan import PlanResult
from forcegen.analysis.plan.sustainment import LandForceBasis, SustainStatus
from forcegen.model import ConditionKind, Modality, Source
from forcegen.report.safe import clean

_MODALITY_STYLE = {
    Modality.COMMITTED: "bold green",
    Modality.OFFERED: "green",
    Modality.CONDITIONAL: "yellow",
    Modality.CONSIDERING: "cyan",
    Modality.CAUTIOUS: "magenta",
    Modality.RULED_OUT: "red",
}
_STATUS_TEXT = {
    SustainStatus.SUSTAINABLE: ("sustainable", "green"),
    SustainStatus.FOR_DURATION: ("for the mission only", "yellow"),
    SustainStatus.SHORT: ("short", "red"),
    SustainStatus.NO_TROOPS: ("no number to test", "dim"),
    SustainStatus.NO_DATA: ("no land-force data", "dim"),
}


def _n(value: int | float | str | None, fmt: str = ",") -> str:
    if isinstance(value, str):
        return value
    return "-" if value is None else format(value, fmt)


def _troops(row: NationRow) -> str:
    lo, hi = row.troops_min, row.troops_max
    if hi is None and lo is None:
        return "no number"
    if lo is None:
        return f"up to {hi:,}"
    if lo == hi:
        return f"{lo:,}"
    return f"{lo:,}-{hi:,}"


_CONDITION_TEXT = {
    ConditionKind.CEASEFIRE: "ceasefire",
    ConditionKind.US_BACKSTOP: "US backstop",
    ConditionKind.PARLIAMENTARY_APPROVAL: "parliament",
    ConditionKind.ELECTION: "election",
    ConditionKind.DOMESTIC_POLITICS: "domestic politics",
}


def _condition(c: ConditionDoc) -> str:
    text = _CONDITION_TEXT.get(c.kind) or c.detail or c.kind.value
    return text + (f" {c.date.isoformat()}" if c.date else "")


def _land(row: NationRow) -> str:
    if row.land_forces is None:
        return "no data"
    star = "*" if row.land_forces_kind is LandForceBasis.ACTIVE_SHARE else ""
    return f"{row.land_forces:,}{star}"


class SourceIndex:
    """Numbers sources in order of first citation, so tables can cite [1], [2] ..."""

    def __init__(self) -> None:
        self.keys: list[tuple[str, ...]] = []
        self.entries: list[Source] = []

    def cite(self, sources: list[Source]) -> str:
        refs = []
        for s in sources:
            key = (s.outlet, s.date.isoformat(), s.actor, s.quote)
            if key not in self.keys:
                self.keys.append(key)
                self.entries.append(s)
            refs.append(self.keys.index(key) + 1)
        return "".join(f"[{r}]" for r in sorted(set(refs)))


def plan_renderable(result: PlanResult) -> Group:
    doc = result.document()
    cites = SourceIndex()
    parts: list[Any] = []
    t = doc.target
    head = Text()
    head.append(f"{clean(doc.title)}\n", style="bold")
    head.append(f"scenario {doc.scenario}, as of {doc.as_of.isoformat()}\n\n", style="dim")
    head.append(clean(doc.headline))
    parts.append(Panel(head, title="forcegen plan", border_style="blue"))

    req = Table.grid(padding=(0, 2))
    req.add_column(style="bold")
    req.add_column()
    req.add_row("Band", f"{t.min_troops:,}-{t.max_troops:,} troops " + cites.cite(t.sources))
    req.add_row("Posture", t.posture or "-")
    if t.deployment_areas:
        req.add_row("Where", "; ".join(t.deployment_areas))
    req.add_row("Reinforceable", ("yes: " + t.reinforcement_intent) if t.reinforceable
                else "no")
    if t.lead_nation:
        req.add_row("Lead nation", clean(result.scenario.nation_name(t.lead_nation)))
    if t.interpretation:
        req.add_row("Interpretation", t.interpretation)
    for tc in t.conditions:
        req.add_row("Condition", f"{tc.kind.value}: {tc.detail} {cites.cite(tc.sources)}"
                    + (f"\n(interpretation: {tc.interpretation})" if tc.interpretation else ""))
    rng = result.sustainment.rotation_range
    marked = "ASSUMPTION; " if result.scenario.assumption("rotation_ratio").is_assumption else ""
    req.add_row("Rotations", f"{t.tour_months}-month tours over {t.duration_months} "
                f"months; rotation ratio {rng['central']:g} ({marked}range "
                f"{rng.get('low', rng['central']):g}-{rng.get('high', rng['central']):g}), "
                f"deployable share {result.sustainment.deployable_share:g} (see assumptions)")
    for cc in doc.coalition_capacity_bases:
        by = ", ".join(f"{v:,} at {k}" for k, v in cc.sustainable_by_ratio.items())
        req.add_row(f"Coalition capacity ({cc.basis})",
                    f"{len(cc.nations)} nations: net land forces {cc.land_forces:,}, "
                    f"deployable {cc.deployable:,}, sustainable {cc.sustainable:,} ({by}) "
                    f"against the band {cc.band_min:,}-{cc.band_max:,}"
                    + (f"; no land-force figure: {', '.join(cc.without_data)}"
                       if cc.without_data else ""))
    parts.append(Panel(req, title="The force", border_style="blue"))

    totals = Table(title="Troops by modality", box=box.SIMPLE_HEAD, title_justify="left")
    totals.add_column("Modality")
    totals.add_column("Troops", justify="right")
    totals.add_column("Nations without a number")
    for m in result.generation.by_modality:
        totals.add_row(Text(m.modality.value, style=_MODALITY_STYLE[m.modality]),
                       f"{m.troops:,}", ", ".join(m.unquantified) or "-")
    g = result.generation
    totals.add_row(Text("certain (committed minimum)", style="bold"), f"{g.certain:,}", "")
    totals.add_row(Text("max possible", style="bold"), f"{g.max_possible:,}", "")
    totals.add_row(Text("short of the minimum, at best", style="bold red"),
                   f"{g.shortfall_possible:,}", "")
    parts.append(totals)

    nations = Table(title="Nations", box=box.SIMPLE_HEAD, title_justify="left",
                    caption="Sustainment at the central rotation ratio; 'holds to ratio' is the "
                    "largest ratio (pool per deployed soldier) at which the nation can hold its "
                    "pledge (deployable / troops). Land forces: the net deployable base (chain "
                    "below; * active personnel x land_share_of_active, an assumption). Fair "
                    "share: of the band's upper end on the basis shown below; index = troops / "
                    "fair share.",
                    caption_justify="left")
    for col, just in (("Nation", "left"), ("Position", "left"), ("Troops", "right"),
                      ("Conditions", "left"), ("Sustainment", "left"),
                      ("Sustainable", "right"), ("Pool needed", "right"),
                      ("Land forces", "right"), ("Fair share", "right"),
                      ("Index", "right"), ("Src", "left")):
        nations.add_column(col, justify=just)  # type: ignore[arg-type]
    for row in doc.nations:
        status, style = _STATUS_TEXT[row.sustainment_status]
        if row.months_sustainable is not None:
            status += f" ({row.months_sustainable} months)"
        pos = Text(row.modality.value, style=_MODALITY_STYLE[row.modality])
        if row.role:
            pos.append(f"\n{clean(row.role)}", style="bold")
        conds = "\n".join(_condition(c) for c in row.conditions) or "-"
        nations.add_row(
            f"{row.name} ({row.iso3})", pos, _troops(row), conds,
            Text(status + (f"; holds to ratio {row.holdable_ratio:.1f}"
                           if row.holdable_ratio is not None else ""), style=style),
            _n(row.sustainable_troops),
            _n(row.rotation_pool_required),
            _land(row),
            _n(row.fair_share_troops), _n(row.fair_share_index, ".2f"),
            cites.cite(row.sources + [s for c in row.conditions for s in c.sources]),
        )
    parts.append(nations)

    chain = Table(title="Deployable capacity, step by step (troops after each step)",
                  box=box.SIMPLE_HEAD, title_justify="left")
    chain.add_column("Nation")
    chain.add_column("Step")
    chain.add_column("Troops", justify="right")
    chain.add_column("Source")
    for row in doc.nations:
        for i, st in enumerate(row.land_forces_steps):
            src = Text("ASSUMPTION ", style="bold yellow") if st.is_assumption else Text()
            src.append(st.source[:140] + ("..." if len(st.source) > 140 else ""))
            chain.add_row(row.iso3 if i == 0 else "", st.step, _n(st.value), src)
    parts.append(chain)

    if doc.non_troop_participants:
        ntp = Table.grid(padding=(0, 2))
        ntp.add_column(style="bold")
        ntp.add_column()
        for n in doc.non_troop_participants:
            ntp.add_row(f"{n.name} ({n.iso3})", n.reason + " " + cites.cite(n.sources))
        parts.append(Panel(ntp, title="Not troop contributors", border_style="blue"))

    fs = doc.fair_share
    weights = ", ".join(f"{k} {v:g}" for k, v in fs.weights.items())
    fair = Table(title=f"Fair shares (troops of {t.max_troops:,}): basis used "
                 f"'{fs.basis}' ({len(fs.coalition)} nations), weights {weights}",
                 box=box.SIMPLE_HEAD, title_justify="left")
    fair.add_column("Basis")
    fair.add_column("Weights")
    focus = list(fs.bases[0].fair_share_troops) if fs.bases else []
    for code in focus:
        fair.add_column(code, justify="right")
    for fr in fs.bases:
        fair.add_row(fr.basis, fr.weights, *(_n(fr.fair_share_troops[code]) for code in focus))
    parts.append(fair)

    caps = Table(title=f"Capabilities (troops); a backstop fills enablers only, and counts from "
                 f"'{doc.backstop_min_modality.value}' or firmer", box=box.SIMPLE_HEAD,
                 title_justify="left",
                 caption=f"{doc.unallocated_troops:,} pledged troops name no capability and "
                 "count in no line." if doc.unallocated_troops else None,
                 caption_justify="left")
    for col in ("Capability", "In theatre", "Enablers", "Pledged", "Gap", "Backstop",
                "Gap with backstop"):
        caps.add_column(col, justify="left" if col in ("Capability", "Backstop") else "right")
    for c in doc.capabilities:
        backstop = (", ".join(c.backstop_counted) if c.filled_by_backstop else
                    ", ".join(f"{p} (not counted)" for p in c.backstop_providers) or "-")
        caps.add_row(c.label, f"{c.in_theatre:,}", f"{c.enablers:,}", f"{c.pledged:,}",
                     Text(f"{c.gap:,}", style="red" if c.gap else "green"),
                     backstop,
                     Text(f"{c.gap_with_backstop:,}",
                          style="red" if c.gap_with_backstop else "green"))
    if doc.capabilities:
        parts.append(caps)

    other = Table.grid(padding=(0, 2))
    other.add_column(style="bold")
    other.add_column()
    for b in doc.backstop:
        other.add_row(f"Backstop: {b.provider}",
                      f"{b.modality.value}; {', '.join(c.value for c in b.capabilities)}; "
                      f"troops {b.troops}. {b.detail} {cites.cite(b.sources)}")
    for ag in doc.agreements:
        parties = ag.parties if isinstance(ag.parties, str) else ", ".join(ag.parties)
        other.add_row(f"Agreement: {ag.kind.value}",
                      f"{ag.status}; parties: {parties}"
                      + ("; separate from NATO" if ag.separate_from_nato else "")
                      + f". {ag.detail} {cites.cite(ag.sources)}")
    for r in doc.requests:
        other.add_row(f"Request by {r.requester}",
                      f"to {r.addressees}: {', '.join(r.asks)}. {r.detail} "
                      f"{cites.cite(r.sources)}")
    if other.row_count:
        parts.append(Panel(other, title="Backstop, agreements, requests", border_style="blue"))

    interp = Table(title="Interpretations: where the record reads more than its source says",
                   box=box.SIMPLE_HEAD, title_justify="left")
    interp.add_column("Record")
    interp.add_column("Interpretation and rationale")
    if t.interpretation:
        interp.add_row("force", t.interpretation)
    for code, pledges in ([(r.iso3, r.pledges) for r in doc.nations]
                          + [(n.iso3, n.pledges) for n in doc.non_troop_participants]):
        for pd in pledges:
            if pd.interpretation:
                interp.add_row(f"{code} pledge", pd.interpretation)
    for b in doc.backstop:
        if b.interpretation:
            interp.add_row(f"{b.provider} backstop", b.interpretation)
    if interp.row_count:
        parts.append(interp)

    if doc.context:
        ctx = Table.grid(padding=(0, 2))
        ctx.add_column(style="bold")
        ctx.add_column()
        for note in doc.context:
            ctx.add_row(note.topic, f"{note.detail} {cites.cite(note.sources)}")
        parts.append(Panel(ctx, title="Context", border_style="blue"))

    assum = Table(title="Assumptions and parameters", box=box.SIMPLE_HEAD, title_justify="left")
    assum.add_column("Name")
    assum.add_column("Value", justify="right")
    assum.add_column("Source")
    lines = [a for a in doc.assumptions if a.name.startswith("requirement.")]
    shared = len({a.source for a in lines}) == 1 and len(lines) > 1
    for a in doc.assumptions:
        if shared and a in lines:
            if a is not lines[0]:
                continue
            a = a.model_copy(update={
                "name": f"requirement composition ({len(lines)} lines)",
                "value": ", ".join(f"{x.name.removeprefix('requirement.')} {_n(x.value)}"
                                   for x in lines)})
        src = Text("ASSUMPTION ", style="bold yellow") if a.is_assumption else Text()
        text = a.source
        if a.is_assumption:
            text = text.strip()[len("assumption"):].lstrip(" :;-—")
        src.append(clean(text))
        assum.add_row(a.name, f"{a.value} {a.unit}".strip(), src)
    parts.append(assum)

    srcs = Table(title="Sources", box=box.SIMPLE_HEAD, title_justify="left")
    srcs.add_column("#", justify="right")
    srcs.add_column("Outlet, date")
    srcs.add_column("Quote")
    for i, s in enumerate(cites.entries, start=1):
        who = f"\n{s.actor}" if s.actor else ""
        grade = f" (grade {s.grade})" if s.grade else ""
        srcs.add_row(str(i), f"{s.outlet}, {s.date.isoformat()}{grade}{who}"
                     + (f"\n{s.url}" if s.url else ""), s.quote)
    parts.append(srcs)

    used: dict[str, list[str]] = {}
    for row in doc.nations:
        for ref in row.reference_sources:
            if ref.figure in ("army_personnel", "gdp_usd", "population", "defence_usd"):
                year = f" ({ref.year})" if ref.year else ""
                text = f"[{ref.grade or '?'}] {ref.figure}: {ref.source[:110]}{year}"
                used.setdefault(text, []).append(row.iso3)
    refs = Table(title="Reference data behind land forces, sustainment and fair shares, graded "
                 "(A official or primary, B major outlet or wire, C secondary or mirror; "
                 "forcegen/data/countries.csv; `forcegen nations` for each figure)",
                 box=box.SIMPLE_HEAD, title_justify="left")
    refs.add_column("Figure: source (year)")
    refs.add_column("Nations")
    for text, codes in used.items():
        refs.add_row(text, ", ".join(codes))
    parts.append(refs)
    return Group(*parts)
