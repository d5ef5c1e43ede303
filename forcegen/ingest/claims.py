"""Claims: what an article says about a nation's contribution, with the sentence that
says it.

The pipeline is spaCy's blank English pipeline (tokenizer and sentencizer; no model is
downloaded), a PhraseMatcher for nations (:mod:`forcegen.ingest.gazetteer`) and the
patterns of a rule set (:mod:`forcegen.ingest.rules`). For each sentence:

1. asides (relative clauses, parentheses) are set aside; the sentence is cut into clauses
   where a new position may start ("... troops *but* is ready to offer ...");
2. each clause with a modality cue yields claims for its subject: the nations before the
   first firm cue (after a request verb, if any), else the speaker ("..., officials in
   Oslo said"), else the nations after the cue, else the previous clause's subject;
3. what the clause is about gives the claim type: money (a sum), troops (a troop noun or
   a head count), capability (the taxonomy's words), a condition stated on its own
   ("requires parliamentary approval"), or a stance (cautious, considering);
4. a sentence that lists the participants of talks gives each a ``considering`` stance;
   a size given for the whole force ("a force of 25,000 to 30,000 troops") is a claim
   with no country.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from forcegen.ingest.claim import Claim, ClaimModality, ClaimSource, ClaimType
from forcegen.ingest.clauses import actor_of, attribution_of, clause_of, clauses, inside, mask
from forcegen.ingest.drafts import Draft, dedupe, merge_sentence
from forcegen.ingest.gazetteer import Gazetteer, Mention, entries
from forcegen.ingest.modality import Cue, find_cues, weakest
from forcegen.ingest.quantities import Quantity, find_quantities
from forcegen.ingest.read import Article
from forcegen.ingest.rules import RuleSet, get_rule_set, lowered
from forcegen.ingest.sentences import pipeline, sentences

if TYPE_CHECKING:
    pass


@cache
def _adjectives() -> dict[str, str]:
    out: dict[str, str] = {}
    for phrase, kind, nations in entries():
        if kind == "adjective" and nations[0] not in out:
            out[nations[0]] = phrase
    return out


@dataclass(frozen=True)
class _Speaker:
    start: int
    end: int
    nations: tuple[str, ...]
    actor: str | None
    possessive: bool  # "its defence minister": the subject's


class Extractor:
    """Reads claims from articles with one rule set (built once, reused)."""

    def __init__(self, rules: RuleSet | None = None) -> None:
        self.rules = rules or get_rule_set("wire")
        self.nlp = pipeline()
        self.gazetteer = Gazetteer(self.nlp, self.rules.outlets, self.rules.prepositions)

    # -- articles -------------------------------------------------------------------
    def extract(self, article: Article) -> list[Claim]:
        source = ClaimSource(outlet=article.meta.outlet or None, title=article.meta.title or None,
                             date=article.meta.date.isoformat() if article.meta.date else None,
                             url=article.meta.url or None)
        name = PurePath(article.name).name
        lines = [ln.strip() for ln in article.text.splitlines() if ln.strip()]
        # the cue, condition and capability patterns run once over the whole article
        text = "\n".join(lines)
        found = _Found.of(text, self.rules)
        claims: list[Claim] = []
        offset = 0
        tokenizer: Any = self.nlp.tokenizer
        for line, doc in zip(lines, tokenizer.pipe(lines), strict=True):
            mentions = self.gazetteer.mentions(doc)
            for a, b in sentences(line):
                shifted = [Mention(m.start - a, m.end - a, m.text, m.nations, m.kind,
                                   m.after_preposition, m.acting)
                           for m in mentions if a <= m.start and m.end <= b]
                claims.extend(self.sentence_claims(
                    line[a:b], shifted, name, source, found.within(offset + a, offset + b)))
            offset += len(line) + 1
        return dedupe(claims)

    def extract_text(self, text: str, name: str = "<text>") -> list[Claim]:
        """Claims from a bare text (no metadata)."""
        from forcegen.ingest.read import ArticleMeta

        return self.extract(Article(name, text, ArticleMeta(), ""))

    # -- sentences --------------------------------------------------------------------
    def sentence_claims(self, sentence: str, mentions: list[Mention], article: str,
                        source: ClaimSource, found: _Found | None = None) -> list[Claim]:
        rules = self.rules
        if not sentence:
            return []
        masked, asides = mask(sentence, rules)
        found = (found or _Found.of(sentence, rules)).outside(asides)
        attribution = attribution_of(sentence, rules)
        speakers = self._speakers(masked, mentions, found.speech)
        drafts: list[Draft] = []
        quantities = found.quantities
        force_used = self._force_claims(masked, quantities, drafts, found)
        quantities = [q for q in quantities if q not in force_used]
        drafts.extend(self._participation(masked, mentions))
        previous: list[str] = []
        for start, end in clauses(masked, found.boundaries):
            cues = [c for c in found.cues if start <= c.start < end]
            conditions = [c for c in found.conditions if start <= c[0] < end]
            subjects = self._subjects(masked, start, end, cues, mentions, conditions, speakers,
                                      previous)
            previous = subjects or previous
            if not cues or not subjects:
                continue
            capabilities = tuple((label, taxonomy) for s, _, label, taxonomy
                                 in found.capabilities
                                 if start <= s < end and not inside(s, [
                                     (c[0], c[1]) for c in conditions]))
            drafts.extend(self._clause_drafts(masked, start, end, cues, subjects, conditions,
                                              capabilities,
                                              [q for q in quantities
                                               if start <= q.start < end]))
        drafts = merge_sentence(drafts)
        return [self._claim(d, sentence, article, source, attribution, speakers)
                for d in drafts]

    def _clause_drafts(self, text: str, start: int, end: int, cues: list[Cue],
                       subjects: list[str], conditions: list[tuple[int, int, str]],
                       capabilities: tuple[tuple[str, str], ...],
                       quantities: list[Quantity]) -> list[Draft]:
        rules = self.rules
        clause = text[start:end]
        modality = weakest(cues)
        cond_labels = tuple(dict.fromkeys(label for _, _, label in conditions))
        cond_spans = [(s, e) for s, e, _ in conditions]
        money = [q for q in quantities if q.kind == "money"]
        troops_q = [q for q in quantities if q.kind == "troops"]
        materiel = [q for q in quantities if q.kind == "materiel"]
        troop_noun = any(not inside(m.start() + start, cond_spans)
                         for m in rules.troop_nouns.finditer(clause))
        requirement = rules.requirement.search(clause) is not None
        only_conditional = all(c.modality == "conditional" for c in cues)
        out: list[Draft] = []
        for country in subjects:
            if modality == "cautious":
                out.append(Draft(country, ClaimType.STANCE, modality, conditions=cond_labels))
                continue
            if money:
                out.append(Draft(country, ClaimType.MONEY, modality, money[0], capabilities,
                                  cond_labels))
                continue
            if requirement and only_conditional and cond_labels and not troops_q:
                out.append(Draft(country, ClaimType.CONDITION, "conditional",
                                  conditions=cond_labels, rule="requirement"))
                continue
            made = False
            if troops_q or troop_noun:
                out.append(Draft(country, ClaimType.TROOPS, modality,
                                  troops_q[0] if troops_q else None, conditions=cond_labels))
                made = True
            if capabilities:
                out.append(Draft(country, ClaimType.CAPABILITY, modality,
                                  materiel[0] if materiel else None, capabilities, cond_labels))
                made = True
            if made:
                continue
            if modality == "considering" or (
                    modality == "ruled_out" and rules.abstention.search(clause)):
                out.append(Draft(country, ClaimType.STANCE, modality, conditions=cond_labels))
            elif modality == "conditional" and cond_labels:
                out.append(Draft(country, ClaimType.CONDITION, modality,
                                  conditions=cond_labels, rule="requirement"))
        return out

    # -- who ----------------------------------------------------------------------------
    def _subjects(self, text: str, start: int, end: int, cues: list[Cue],
                  mentions: list[Mention], conditions: list[tuple[int, int, str]],
                  speakers: list[_Speaker], previous: list[str]) -> list[str]:
        rules = self.rules
        cond_spans = [(s, e) for s, e, _ in conditions]
        speaker_spans = [(s.start, s.end) for s in speakers]
        firm = [c for c in cues if c.modality != "conditional"] or cues
        pivot = firm[0].start if firm else end
        region = start
        request = rules.request_verbs.search(text, start, pivot)
        if request is not None:
            region = request.end()
        candidates = [m for m in mentions
                      if start <= m.start < end and m.acting and not m.after_preposition
                      and not inside(m.start, cond_spans) and not inside(m.start, speaker_spans)]
        before = [m for m in candidates if region <= m.start < pivot]
        if before:
            return self._nations(before)
        in_clause = [s for s in speakers if start <= s.start < end or start < s.end <= end]
        for speaker in in_clause:
            nations = [n for n in speaker.nations if n not in rules.non_contributors]
            if nations:
                return nations
        after = [m for m in candidates if m.start >= pivot]
        if after:
            return self._nations(after)
        for speaker in speakers:
            nations = [n for n in speaker.nations if n not in rules.non_contributors]
            if nations:
                return nations
        return list(previous)

    def _nations(self, mentions: Iterable[Mention]) -> list[str]:
        out: dict[str, None] = {}
        for m in mentions:
            for n in m.nations:
                if n not in self.rules.non_contributors:
                    out[n] = None
        return list(out)

    def _speakers(self, text: str, mentions: list[Mention],
                  verbs: list[tuple[int, int]]) -> list[_Speaker]:
        """Who speaks: the words before a speech verb back to a comma or the start
        ("..., the Finnish president said", "Stockholm said it was ...")."""
        out = []
        for verb_start, verb_end in verbs:
            head = text[:verb_start]
            cut = max(head.rfind(","), head.rfind(";"), head.rfind("“"), head.rfind('"'),
                      head.rfind(" that "))
            begin = cut + 1 if cut >= 0 else 0
            span = text[begin:verb_start].strip()
            if not span or len(span.split()) > 8:
                continue
            s = text.index(span, begin)
            nations = tuple(dict.fromkeys(
                n for m in mentions if s <= m.start < verb_start for n in m.nations))
            actor, possessive = actor_of(span, self.rules)
            out.append(_Speaker(s, verb_end, nations, actor, possessive))
        return out

    def _participation(self, text: str, mentions: list[Mention]) -> list[Draft]:
        m = self.rules.participation.search(text)
        if m is None:
            return []
        listed = [x for x in mentions if x.start >= m.end() and (x.acting or x.kind == "group")]
        return [Draft(n, ClaimType.STANCE, "considering", rule="participation")
                for n in self._nations(listed)]

    def _force_claims(self, text: str, quantities: list[Quantity], drafts: list[Draft],
                      found: _Found) -> list[Quantity]:
        used = []
        for q in quantities:
            if q.kind != "troops":
                continue
            before = text[max(0, q.start - 40):q.start]
            after = text[q.end:q.end + 40]
            if any(p.search(before) for p in self.rules.force_before) or any(
                    p.search(after) for p in self.rules.force_after):
                start, end = clause_of(text, q.start, found.boundaries)
                cues = [c for c in found.cues
                        if start <= c.start < end and c.modality != "ruled_out"]
                drafts.append(Draft(None, ClaimType.TROOPS, weakest(cues), q, rule="force"))
                used.append(q)
        return used

    # -- the claim --------------------------------------------------------------------
    def _claim(self, d: Draft, sentence: str, article: str, source: ClaimSource,
               attribution: str | None, speakers: list[_Speaker]) -> Claim:
        q = d.quantity
        labels = list(dict.fromkeys(label for label, _ in d.capabilities))
        taxonomy = tuple(dict.fromkeys(t for _, t in d.capabilities if t))
        return Claim(
            article=article, country=d.country, claim_type=d.claim_type,
            quantity=q.quantity if q else None, quantity_max=q.quantity_max if q else None,
            unit=q.unit if q else None, capability=", ".join(labels) or None,
            taxonomy=taxonomy, modality=ClaimModality(d.modality),
            condition="; ".join(d.conditions) or None,
            actor=self._actor_for(d.country, speakers), attribution=attribution,
            evidence=sentence, source=source, rule=d.rule)

    def _actor_for(self, country: str | None, speakers: list[_Speaker]) -> str | None:
        for s in speakers:
            if s.actor is None:
                continue
            if s.possessive and country:
                adjective = _adjectives().get(country)
                return f"{adjective} {s.actor}" if adjective else s.actor
            if not s.nations or country in s.nations:
                return s.actor
        return None


@dataclass(frozen=True)
class _Found:
    """The cues, conditions and capabilities of a text, found in one pass per pattern."""

    cues: list[Cue]
    conditions: list[tuple[int, int, str]]
    capabilities: list[tuple[int, int, str, str]]
    quantities: list[Quantity]
    speech: list[tuple[int, int]]
    boundaries: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str, rules: RuleSet) -> _Found:
        low = lowered(text)
        conditions = sorted((s, e, lex.label) for scan, lex in rules.condition_scans
                            for s, e in scan.spans(text, low))
        hits = sorted(((s, e, lex.label, lex.taxonomy) for scan, lex in rules.capability_scans
                       for s, e in scan.spans(text, low)), key=lambda h: h[0] - h[1])
        capabilities: list[tuple[int, int, str, str]] = []
        for h in hits:  # longest first, none overlapping
            if not any(h[0] < o[1] and o[0] < h[1] for o in capabilities):
                capabilities.append(h)
        return cls(find_cues(text, rules, low), conditions, sorted(capabilities),
                   find_quantities(text, rules, low),
                   [(m.start(), m.end()) for m in rules.speech_index.finditer(text, low)],
                   [(m.start(), m.end()) for m in rules.clause_boundaries.finditer(text)])

    def within(self, a: int, b: int) -> _Found:
        """What lies in [a, b), with offsets from a."""
        return _Found(
            [Cue(c.start - a, c.end - a, c.modality) for c in self.cues if a <= c.start < b],
            [(s - a, e - a, x) for s, e, x in self.conditions if a <= s < b],
            [(s - a, e - a, x, t) for s, e, x, t in self.capabilities if a <= s < b],
            [replace(q, start=q.start - a, end=q.end - a) for q in self.quantities
             if a <= q.start < b],
            [(s - a, e - a) for s, e in self.speech if a <= s < b],
            [(s - a, e - a) for s, e in self.boundaries if a <= s < b])

    def outside(self, spans: list[tuple[int, int]]) -> _Found:
        """Without what starts inside ``spans`` (the asides)."""
        if not spans:
            return self
        return _Found([c for c in self.cues if not inside(c.start, spans)],
                      [c for c in self.conditions if not inside(c[0], spans)],
                      [c for c in self.capabilities if not inside(c[0], spans)],
                      [q for q in self.quantities if not inside(q.start, spans)],
                      [v for v in self.speech if not inside(v[0], spans)],
                      self.boundaries)


def extract_claims(article: Article, rules: str | RuleSet = "wire") -> list[Claim]:
    """The claims of one article."""
    return extractor(rules).extract(article)


_EXTRACTORS: dict[Any, Extractor] = {}


def extractor(rules: str | RuleSet = "wire") -> Extractor:
    """The extractor for a rule set (built once per process)."""
    key = rules if isinstance(rules, str) else id(rules)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(get_rule_set(rules) if isinstance(rules, str) else rules)
    return _EXTRACTORS[key]
