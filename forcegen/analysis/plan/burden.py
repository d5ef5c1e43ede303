"""Burden sharing: each contributor's troops against its share of the coalition's
GDP and population.

The coalition is every nation with a pledge that is not ruled out and with both a GDP
and a population figure. A nation's fair share is ``w * gdp_share + (1 - w) *
population_share``; its fair-share troops are that share of the basis (the upper end of
the band); its index is pledged troops over fair-share troops (1 = its fair share).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from forcegen.model import Modality, Scenario


class NationBurden(BaseModel):
    iso3: str
    troops: int | None = Field(description="troops pledged, largest figure; None if unstated")
    gdp_share: float | None
    population_share: float | None
    fair_share: float | None
    fair_share_troops: int | None = Field(description="troops")
    index: float | None = Field(description="troops / fair_share_troops")
    data_note: str = ""


class BurdenResult(BaseModel):
    basis_troops: int = Field(description="troops the fair shares divide (requirement.max_troops)")
    gdp_weight: float
    coalition: list[str]
    nations: list[NationBurden]

    def of(self, iso3: str) -> NationBurden:
        return next(n for n in self.nations if n.iso3 == iso3)


def burden_sharing(scn: Scenario, *, gdp_weight: float) -> BurdenResult:
    if not 0.0 <= gdp_weight <= 1.0:
        raise ValueError("gdp_weight must lie between 0 and 1")
    basis = scn.requirement.max_troops
    contributors = scn.contributors
    gdp: dict[str, float] = {}
    pop: dict[str, float] = {}
    notes: dict[str, str] = {}
    for iso3 in contributors:
        n = scn.nations.get(iso3)
        if n is None or n.gdp_usd is None or n.population is None:
            missing = [k for k in ("gdp_usd", "population") if n is None or getattr(n, k) is None]
            notes[iso3] = "no " + " or ".join(missing) + " figure: not in the coalition shares"
            continue
        gdp[iso3] = n.gdp_usd.value
        pop[iso3] = n.population.value
    total_gdp, total_pop = sum(gdp.values()), sum(pop.values())
    rows = []
    for iso3 in contributors:
        live = [p for p in scn.pledges_of(iso3) if p.modality is not Modality.RULED_OUT]
        figures = [p.troops_high for p in live if p.troops_high is not None]
        troops = sum(figures) if figures else None
        if iso3 not in gdp or total_gdp <= 0 or total_pop <= 0:
            rows.append(NationBurden(iso3=iso3, troops=troops, gdp_share=None,
                                     population_share=None, fair_share=None,
                                     fair_share_troops=None, index=None,
                                     data_note=notes.get(iso3, "")))
            continue
        g, p_ = gdp[iso3] / total_gdp, pop[iso3] / total_pop
        fair = gdp_weight * g + (1 - gdp_weight) * p_
        fair_troops = round(fair * basis)
        index = None if troops is None or fair_troops == 0 else troops / fair_troops
        rows.append(NationBurden(
            iso3=iso3, troops=troops, gdp_share=g, population_share=p_, fair_share=fair,
            fair_share_troops=fair_troops, index=index,
            data_note="" if troops is not None else "no troop number stated: no index",
        ))
    return BurdenResult(basis_troops=basis, gdp_weight=gdp_weight,
                        coalition=[c for c in contributors if c in gdp], nations=rows)
