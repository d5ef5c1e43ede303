"""Agreement designs: the scenario's own clauses, or a model clause applied to its parties.

A design replaces the agreement's clauses and keeps its parties and national caveats, so
the same incident can be answered under each design side by side. The built-in designs
quote the treaty text they copy.
"""

from __future__ import annotations

from pydantic import BaseModel

from forcegen.model import Agreement
from forcegen.model.defence import DefenceClause, ObligationStrength, Trigger

NATO_TREATY = "https://www.nato.int/cps/en/natolive/official_texts_17120.htm"
TEU_42_7 = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:12016M042"


class Design(BaseModel):
    name: str
    title: str
    description: str
    from_scenario: bool = False
    include_drafts: bool = False
    clauses: tuple[DefenceClause, ...] = ()

    def clauses_for(self, agreement: Agreement | None) -> list[DefenceClause]:
        if not self.from_scenario:
            return list(self.clauses)
        if agreement is None:
            return []
        return [c for c in agreement.clauses if self.include_drafts or not c.draft]


DESIGNS: dict[str, Design] = {d.name: d for d in (
    Design(name="as-agreed", title="The agreement as published",
           description="the scenario's own clauses, drafts left out", from_scenario=True),
    Design(name="as-drafted", title="The agreement with its draft clauses",
           description="the scenario's own clauses, draft clauses included",
           from_scenario=True, include_drafts=True),
    Design(name="article-5", title="NATO Article 5-like",
           description="an armed attack on a party's forces or territory is an attack on all; "
           "each takes such action as it deems necessary",
           clauses=(DefenceClause(
               name="article-5", triggers=(Trigger.FORCES_IN_AREA, Trigger.TERRITORY),
               strength=ObligationStrength.ACTION_DEEMED_NECESSARY,
               text="an armed attack against one or more of them ... shall be considered an "
               "attack against them all ... will assist the Party or Parties so attacked by "
               "taking forthwith, individually and in concert with the other Parties, such "
               "action as it deems necessary, including the use of armed force",
               source=f"North Atlantic Treaty (1949), Article 5; Article 6 extends it to "
               f"attacks on the Parties' forces, vessels or aircraft. {NATO_TREATY}"),)),
    Design(name="article-42-7", title="EU Article 42(7)-like",
           description="armed aggression on a party's territory obliges aid and assistance by "
           "all the means in the others' power; an attack on forces abroad does not trigger it",
           clauses=(DefenceClause(
               name="article-42-7", triggers=(Trigger.TERRITORY,),
               strength=ObligationStrength.AUTOMATIC_ASSISTANCE,
               text="If a Member State is the victim of armed aggression on its territory, the "
               "other Member States shall have towards it an obligation of aid and assistance "
               "by all the means in their power",
               source=f"Treaty on European Union, Article 42(7). {TEU_42_7}"),)),
    Design(name="consultation", title="Consultation only",
           description="the parties consult when any of them is attacked; no duty to act",
           clauses=(DefenceClause(
               name="consultation", triggers=(Trigger.FORCES_IN_AREA, Trigger.TERRITORY),
               strength=ObligationStrength.CONSULTATION,
               text="The Parties will consult together whenever, in the opinion of any of "
               "them, the territorial integrity, political independence or security of any of "
               "the Parties is threatened",
               source=f"North Atlantic Treaty (1949), Article 4. {NATO_TREATY}"),)),
)}
