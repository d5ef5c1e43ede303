"""Nations in text: names, adjectives, capitals only where they act, groups, outlets."""

from __future__ import annotations

from forcegen.ingest.claims import Extractor


def nations(wire: Extractor, text: str) -> list[tuple[str, tuple[str, ...], bool]]:
    doc = wire.nlp(text)
    return [(m.text, m.nations, m.acting and not m.after_preposition)
            for m in wire.gazetteer.mentions(doc)]


def test_names_adjectives_and_short_forms(wire: Extractor) -> None:
    found = nations(wire, "The Dutch minister and the US envoy met Britain's team; us too.")
    assert [(t, n) for t, n, _ in found] == [("Dutch", ("NLD",)), ("US", ("USA",)),
                                             ("Britain", ("GBR",))]


def test_capitals_stand_for_governments_only_where_they_act(wire: Extractor) -> None:
    assert nations(wire, "Oslo said it was ready.") == [("Oslo", ("NOR",), True)]
    assert nations(wire, "Ministers met in Oslo.") == [("Oslo", ("NOR",), False)]
    assert nations(wire, "Emergency Paris Meeting: Europe weighs a force") == [
        ("Paris", ("FRA",), False)]
    assert nations(wire, "Lisbon's defence ministry said so.")[0][2] is True
    assert nations(wire, "the Kremlin said no.") == [("the Kremlin", ("RUS",), True)]


def test_groups_stand_for_each_member(wire: Extractor) -> None:
    found = nations(wire, "Nordic and Baltic nations took part.")
    assert [n for _, n, _ in found] == [("DNK", "FIN", "ISL", "NOR", "SWE"),
                                       ("EST", "LVA", "LTU")]
    assert nations(wire, "ships in the Baltic Sea") == []


def test_an_outlet_named_after_a_place_is_not_a_government(wire: Extractor) -> None:
    assert nations(wire, "according to The Washington Post, talks went on") == []
