"""Cross-checks of a Scenario that span sections: reinforcement, risk odds and sourcing names.

Called by ``Scenario``'s validator; each returns the problems it finds (empty when sound).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from forcegen.errors import Problem
from forcegen.model.deployment import SourcingSetup
from forcegen.model.odds import SHARED_KINDS, ScenarioOdds
from forcegen.model.pledge import ConditionKind, Modality

if TYPE_CHECKING:
    from forcegen.model.scenario import Scenario


def reinforcement_problems(scn: Scenario) -> list[Problem]:
    """Corridors, readiness tiers and reinforcement nations must match the scenario."""
    problems: list[Problem] = []
    names: set[str] = set()
    for i, c in enumerate(scn.corridors):
        if c.name in names:
            problems.append(Problem(f"corridor {c.name!r} is defined twice",
                                    f"corridors[{i}].name"))
        names.add(c.name)
        for j, code in enumerate(c.origins):
            if code not in scn.nations:
                problems.append(Problem(f"nation {code!r} has no entry in nations",
                                        f"corridors[{i}].origins[{j}]"))
        for j, code in enumerate(c.transit):
            if code not in scn.nations:
                problems.append(Problem(f"nation {code!r} has no entry in nations",
                                        f"corridors[{i}].transit[{j}]"))
        areas = scn.requirement.deployment_areas
        if c.area and areas and c.area not in areas:
            problems.append(Problem(
                f"area {c.area!r} is not one of the deployment areas "
                f"({', '.join(repr(a) for a in areas)})", f"corridors[{i}].area"))
    totals: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for i, t in enumerate(scn.readiness):
        nation = scn.nations.get(t.nation)
        if nation is None:
            problems.append(Problem(f"nation {t.nation!r} has no entry in nations",
                                    f"readiness[{i}].nation"))
            continue
        if (t.nation, t.tier) in seen:
            problems.append(Problem(f"tier {t.tier!r} of {t.nation} is defined twice",
                                    f"readiness[{i}].tier"))
        seen.add((t.nation, t.tier))
        totals[t.nation] = totals.get(t.nation, 0) + t.troops
        active = nation.active_personnel
        if active is not None and totals[t.nation] > active.value:
            problems.append(Problem(
                f"{t.nation}'s tiers hold {totals[t.nation]:,} troops, more than its "
                f"{int(active.value):,} active personnel ({active.source})",
                f"readiness[{i}].troops"))
    for j, code in enumerate(scn.reinforcement_settings.nations):
        if code not in scn.nations:
            problems.append(Problem(f"nation {code!r} has no entry in nations",
                                    f"reinforcement_settings.nations[{j}]"))
    return problems

def odds_problems(scn: Scenario, odds: ScenarioOdds) -> list[Problem]:
    """Each override must name a condition or a pledge the scenario has."""
    out: list[Problem] = []
    if odds.withdrawal_hazard_monthly is not None and not odds.withdrawal_source.strip():
        out.append(Problem("give the withdrawal hazard's source (or 'assumption: ...')",
                           "odds.withdrawal_source"))
    live = [p for p in scn.pledges if p.modality is not Modality.RULED_OUT]
    for i, c in enumerate(odds.conditions):
        if c.kind in SHARED_KINDS and c.nation is not None:
            out.append(Problem(f"condition {c.kind.value!r} is shared by the whole "
                               "coalition: give no nation", f"odds.conditions[{i}].nation"))
            continue
        mentioned = any(k.kind is c.kind for p in live
                        if c.nation in (None, p.nation) for k in p.conditions)
        if c.nation is None:
            mentioned |= any(k.kind is c.kind for k in scn.requirement.conditions)
        if c.kind is ConditionKind.US_BACKSTOP:  # the US backstop is the same event
            mentioned |= any(b.provider == "USA" and b.modality is not Modality.RULED_OUT
                             for b in scn.backstops)
        if not mentioned:
            who = f" for {c.nation}" if c.nation else ""
            out.append(Problem(
                f"condition {c.kind.value!r}{who} is referenced here but not defined: "
                "no pledge" + ("" if c.nation else " and no requirement") + " has it",
                f"odds.conditions[{i}].kind"))
    for i, o in enumerate(odds.pledges):
        if not any(p.nation == o.nation and o.capability in (None, p.capability)
                   for p in live):
            what = f" with capability {o.capability.value!r}" if o.capability else ""
            out.append(Problem(f"no pledge of {o.nation}{what} that is not ruled out",
                               f"odds.pledges[{i}].nation"))
    return out

def sourcing_problems(setup: SourcingSetup, need: Callable[[str | None, str], None]
                    ) -> list[Problem]:
    """Names in ``[sourcing]`` that must match: areas, periods, lines, caveat nations."""
    problems: list[Problem] = []
    names: list[tuple[str, list[str]]] = [
        ("areas", [a.name for a in setup.areas]), ("periods", [p.name for p in setup.periods]),
        ("lines", [ln.name for ln in setup.lines])]
    for kind, items in names:
        seen: set[str] = set()
        for i, name in enumerate(items):
            if name in seen:
                problems.append(Problem(f"{name!r} is defined twice",
                                        f"sourcing.{kind}[{i}].name"))
            seen.add(name)
    areas = sorted({a.name for a in setup.areas})
    periods = sorted({p.name for p in setup.periods})
    known_areas = f" (known: {', '.join(areas)})" if areas else " (no [[sourcing.areas]] given)"
    for i, a in enumerate(setup.areas):
        need(a.host, f"sourcing.areas[{i}].host")
    for i, line in enumerate(setup.lines):
        if line.area not in areas:
            problems.append(Problem(f"unknown area {line.area!r}{known_areas}",
                                    f"sourcing.lines[{i}].area"))
        for j, p in enumerate(line.periods):
            if p not in periods:
                problems.append(Problem(
                    f"unknown period {p!r}"
                    + (f" (known: {', '.join(periods)})" if periods
                       else " (no [[sourcing.periods]] given)"),
                    f"sourcing.lines[{i}].periods[{j}]"))
    for i, c in enumerate(setup.caveats):
        need(c.nation, f"sourcing.caveats[{i}].nation")
        if c.area is not None and c.area not in areas:
            problems.append(Problem(f"unknown area {c.area!r}{known_areas}",
                                    f"sourcing.caveats[{i}].area"))
    return problems
