"""Proposals as Markdown or HTML. In HTML every text that comes from data is escaped."""

from __future__ import annotations

import html
from typing import Any

from forcegen.analysis.sourcing.proposal import CoalitionSummary, Proposal


def _n(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return f"{v:,.3g}" if v < 1 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{v:.1%}"


def _source_text(s: dict[str, str]) -> str:
    parts = [s["outlet"], s["date"]]
    if s.get("actor"):
        parts.append(s["actor"])
    text = ", ".join(parts)
    if s.get("quote"):
        text += f': "{s["quote"]}"'
    if s.get("url"):
        text += f" <{s['url']}>"
    return text


def _sections(p: Proposal) -> list[tuple[str, list[str], list[list[str]] | None]]:
    """(heading, paragraphs, table rows with header first) for both formats."""
    out: list[tuple[str, list[str], list[list[str]] | None]] = []
    asks = [f"{r['requester']} asks {r['addressees']} for: {', '.join(r['asks'])}. "
            f"{r['detail']}. Source: " + "; ".join(_source_text(s) for s in r["sources"])
            for r in p.request]
    out.append(("What was asked", asks or ["No request recorded in the scenario."], None))
    rows = [["Capability", "Area", "Period", "Troops", "Equipment"]]
    for ln in p.lines:
        where = f"{ln.area_title} ({'in Ukraine' if ln.in_ukraine else 'outside Ukraine'})"
        equip = "-" if ln.equipment is None else f"{ln.equipment:g} {ln.equipment_unit}"
        rows.append([ln.capability_label, where, ln.period, _n(ln.troops), equip])
    per = ", ".join(f"{k}: {v:,}" for k, v in p.troops_by_period.items())
    out.append(("Troops by capability, area and period",
                [f"Peak {p.peak_troops:,} troops. By period: {per}." if p.lines else
                 "The plan asks no troops of this nation."], rows if p.lines else None))
    out.append(("Security measures asked",
                [("Enablers: " + ", ".join(p.enablers)) if p.enablers else
                 "No enablers asked beyond land manoeuvre.",
                 *[f"Depends on: {d}" for d in p.backstop_dependencies]], None))
    r = p.rotation
    out.append(("Rotation pool and long-term commitment", [
        r["commitment"],
        f"Rotation ratio {_n(r['rotation_ratio'])} (pool per deployed soldier), "
        f"{r['tour_months']}-month tours; usable land forces {_n(r['usable_land_forces'])} = "
        f"land forces {_n(r['land_forces'])} ({r['land_forces_basis']}) x deployable share "
        f"{_n(r['deployable_share'])}. Source: {r['land_forces_source'] or '-'}.",
        f"Sustainable indefinitely: {_n(r['sustainable_troops'])} troops "
        f"(status: {r['status']})."], None))
    f = p.fair_share
    out.append(("Fair share", [
        f"Fair share {_pct(f['fair_share'])} ({_n(f['fair_share_troops'])} troops per period); "
        f"share in this plan {_pct(f['share'])}; deviation {_pct(f['deviation'])}. "
        f"Basis: {f['basis']}."], None))
    conds = [f"{c['kind']}: {c['detail']}" + (f" ({c['date']})" if c["date"] else "")
             + "".join(f" — {_source_text(s)}" for s in c["sources"]) for c in p.conditions]
    out.append(("Conditions still to clear", conds or ["None recorded."], None))
    pos = [f"{q['modality']}" + (f", {q['capability']}" if q["capability"] else "")
           + (f", up to {q['troops_max']:,} troops" if q["troops_max"] else "")
           + (f", role: {q['role']}" if q["role"] else "") for q in p.position]
    out.append(("Where it stands today", pos or ["No position recorded."], None))
    srcs = [_source_text(s) for s in p.sources]
    srcs += [f"{k}: {v}" for k, v in p.reference_sources.items()]
    out.append(("Sources", srcs or ["-"], None))
    out.append(("Assumptions", [f"{a['name']} = {_n(a['value'])} {a['unit']} — {a['source']}"
                                for a in p.assumptions] or ["None."], None))
    return out


def proposal_markdown(p: Proposal) -> str:
    lines = [f"# Contribution proposal: {p.name} ({p.nation})", "",
             f"*{p.title}* — scenario `{p.scenario}`, as of {p.as_of}.",
             f"Drawn from the sourcing plan in capacity mode ({p.plan_status}). "
             f"Objective: {p.objective_text}.", ""]
    for heading, paras, rows in _sections(p):
        lines += [f"## {heading}", ""]
        lines += [f"- {t}" if heading in ("Sources", "Assumptions", "Conditions still to clear")
                  else t for t in paras]
        lines.append("")
        if rows:
            lines.append("| " + " | ".join(rows[0]) + " |")
            lines.append("|" + " --- |" * len(rows[0]))
            lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |"
                      for r in rows[1:]]
            lines.append("")
    return "\n".join(lines)


def proposal_html(p: Proposal) -> str:
    e = html.escape
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>Contribution proposal: {e(p.name)}</title></head><body>",
           f"<h1>Contribution proposal: {e(p.name)} ({e(p.nation)})</h1>",
           f"<p><em>{e(p.title)}</em> — scenario <code>{e(p.scenario)}</code>, as of "
           f"{e(p.as_of)}. Drawn from the sourcing plan in capacity mode "
           f"({e(p.plan_status)}). Objective: {e(p.objective_text)}.</p>"]
    for heading, paras, rows in _sections(p):
        out.append(f"<h2>{e(heading)}</h2>")
        if heading in ("Sources", "Assumptions", "Conditions still to clear"):
            out.append("<ul>" + "".join(f"<li>{e(t)}</li>" for t in paras) + "</ul>")
        else:
            out += [f"<p>{e(t)}</p>" for t in paras]
        if rows:
            out.append("<table><thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in rows[0])
                       + "</tr></thead><tbody>")
            out += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>"
                    for r in rows[1:]]
            out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out)


def _summary_rows(s: CoalitionSummary) -> list[list[str]]:
    rows = [["Nation", "Peak troops", "Troop-periods", "Share", "Fair share", "Note"]]
    for n in s.nations:
        rows.append([f"{n['name']} ({n['nation']})", _n(n["peak_troops"]),
                     _n(n["troop_periods"]), _pct(n["share"]), _pct(n["fair_share"]),
                     n.get("left_out", "")])
    return rows


def summary_markdown(s: CoalitionSummary) -> str:
    rows = _summary_rows(s)
    lines = [f"# Coalition summary: {s.title}", "",
             f"Scenario `{s.scenario}`; {s.plan_status}. Objective: {s.objective_text}.",
             f"Filled {s.troops_filled:,} of {s.troops_required:,} troop-periods.", "",
             "| " + " | ".join(rows[0]) + " |", "|" + " --- |" * len(rows[0])]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    lines += ["", "## Gaps", ""]
    lines += [f"- {u['requirement']} ({u['period']}): {u['troops']:,} troops missing — "
              f"{u['reason']}: {u['detail']}" for u in s.unfilled] or ["- none"]
    lines += ["", "## Assumptions", ""]
    lines += [f"- {a['name']} = {_n(a['value'])} — {a['source']}" for a in s.assumptions]
    return "\n".join(lines) + "\n"


def summary_html(s: CoalitionSummary) -> str:
    e = html.escape
    rows = _summary_rows(s)
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>Coalition summary: {e(s.title)}</title></head><body>",
           f"<h1>Coalition summary: {e(s.title)}</h1>",
           f"<p>Scenario <code>{e(s.scenario)}</code>; {e(s.plan_status)}. Objective: "
           f"{e(s.objective_text)}. Filled {s.troops_filled:,} of {s.troops_required:,} "
           "troop-periods.</p>",
           "<table><thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in rows[0])
           + "</tr></thead><tbody>"]
    out += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows[1:]]
    out.append("</tbody></table><h2>Gaps</h2><ul>")
    out += [f"<li>{e(u['requirement'])} ({e(u['period'])}): {u['troops']:,} troops missing — "
            f"{e(u['reason'])}: {e(u['detail'])}</li>" for u in s.unfilled]
    out.append("</ul><h2>Assumptions</h2><ul>")
    out += [f"<li>{e(a['name'])} = {e(_n(a['value']))} — {e(a['source'])}</li>"
            for a in s.assumptions]
    out.append("</ul></body></html>")
    return "\n".join(out)
