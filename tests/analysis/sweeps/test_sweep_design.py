"""The sweep as data and its variants: forms of a parameter, designs, seeds, paths.

Laws: the same spec gives the same variants; a Latin hypercube puts exactly one sample in
each stratum of every parameter; a grid is every combination, in order; a variant's seed
depends on the sweep's seed and its index only.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forcegen.analysis.sourcing import SourcingMode
from forcegen.analysis.sweeps.apply import apply_values, base_value
from forcegen.analysis.sweeps.design import variant_seed, variants
from forcegen.analysis.sweeps.run import batch_size, batches, prepare_sweep
from forcegen.analysis.sweeps.spec import Engines, SourceOptions, SweepSpec
from forcegen.errors import ScenarioError, UsageError
from forcegen.model import Modality, Scenario


def spec(params: list[dict[str, object]], **sweep: object) -> SweepSpec:
    return SweepSpec.model_validate({"name": "t", "scenario": "paris-2025",
                                     "parameters": params, **sweep})


def test_grid_is_every_combination_in_order() -> None:
    s = spec([{"name": "assumptions.rotation_ratio", "range": {"start": 3, "stop": 4,
                                                                "step": 0.5}},
              {"name": "coalition.POL", "values": [True, False]}])
    got = variants(s)
    assert [tuple(v.values()) for v in got] == [
        (3, True), (3, False), (3.5, True), (3.5, False), (4, True), (4, False)]


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 40), seed=st.integers(0, 2**31))
def test_latin_hypercube_has_one_sample_per_stratum(n: int, seed: int) -> None:
    s = spec([{"name": "assumptions.deployable_share",
               "distribution": {"kind": "uniform", "low": 0.2, "high": 0.6}},
              {"name": "assumptions.land_share_of_active",
               "distribution": {"kind": "uniform", "low": 0.0, "high": 1.0}}],
             design={"kind": "latin_hypercube", "samples": n}, seed=seed)
    got = variants(s)
    assert got == variants(s)  # same seed, same variants
    for name, low, high in (("assumptions.deployable_share", 0.2, 0.6),
                            ("assumptions.land_share_of_active", 0.0, 1.0)):
        strata = sorted(math.floor((float(v[name]) - low) / (high - low) * n) for v in got)
        assert strata == list(range(n))


@pytest.mark.parametrize("kind", ["random", "latin_hypercube"])
def test_sampled_designs_follow_the_seed(kind: str) -> None:
    params = [{"name": "assumptions.deployable_share",
               "distribution": {"kind": "normal", "mean": 0.4, "sd": 0.05}},
              {"name": "pledges.DEU.modality", "values": ["cautious", "offered"]}]
    design = {"kind": kind, "samples": 20}
    first = variants(spec(params, design=design, seed=7))
    assert first == variants(spec(params, design=design, seed=7))
    assert first != variants(spec(params, design=design, seed=8))
    assert len(first) == 20
    assert {v["pledges.DEU.modality"] for v in first} == {"cautious", "offered"}


def test_distributions_map_quantiles() -> None:
    s = spec([{"name": "assumptions.deployable_share",
               "distribution": {"kind": "triangular", "low": 0.2, "mode": 0.3,
                                "high": 0.6}}],
             design={"kind": "random", "samples": 500}, seed=1)
    xs = [float(v["assumptions.deployable_share"]) for v in variants(s)]
    assert all(0.2 <= x <= 0.6 for x in xs)
    # the triangular mean is (low + mode + high) / 3 = 0.3667
    assert abs(sum(xs) / len(xs) - 0.36667) < 0.02


def test_variant_seed_depends_on_sweep_seed_and_index_only() -> None:
    assert variant_seed(5, 3) == variant_seed(5, 3)
    assert len({variant_seed(5, i) for i in range(100)}) == 100
    assert variant_seed(5, 3) != variant_seed(6, 3)


@pytest.mark.parametrize(("params", "design", "message"), [
    ([{"name": "assumptions.rotation_ratio", "range": {"start": 5, "stop": 3, "step": 1}}],
     None, "is empty"),
    ([{"name": "assumptions.rotation_ratio", "values": []}], None, "values is empty"),
    ([{"name": "assumptions.rotation_ratio", "values": [1], "range":
       {"start": 1, "stop": 2, "step": 1}}], None, "exactly one of"),
    ([{"name": "assumptions.rotation_ratio",
       "distribution": {"kind": "uniform", "low": 1, "high": 2}}], None,
     "a grid needs values or a range"),
    ([{"name": "assumptions.rotation_ratio", "values": [3]}],
     {"kind": "random"}, "needs samples"),
    ([{"name": "assumptions.rotation_ratio",
       "distribution": {"kind": "normal", "mean": 4}}], {"kind": "random", "samples": 3},
     "needs sd"),
])
def test_bad_specs_are_refused(params: list[dict[str, object]],
                               design: dict[str, object] | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        spec(params, **({"design": design} if design else {}))


@pytest.mark.parametrize(("name", "value", "message"), [
    ("assumptions.no_such_thing", 1.0, "has no assumption 'no_such_thing'"),
    ("pledges.ITA.modality", "offered", "no pledge of ITA"),
    ("pledges.DEU.modality", "maybe", "not a modality"),
    ("conditions.ceasefire.probability", 1.5, "between 0 and 1"),
    ("coalition.POL", 1, "true or false"),
    ("nations.FRA.troops", 1, "not a parameter forcegen can vary"),
])
def test_unknown_parameters_are_refused_before_anything_runs(
        paris_2025: Scenario, name: str, value: object, message: str) -> None:
    s = spec([{"name": name, "values": [value]}])
    with pytest.raises(ScenarioError, match=message) as info:
        prepare_sweep(s, paris_2025)
    assert info.value.problems[0].field == "parameters[0]"


def test_source_engine_options_are_checked_before_anything_runs(
        paris_2025: Scenario, small_coalition: Scenario) -> None:
    with pytest.raises(ValueError, match=r"engines\.source\.mode"):
        spec([{"name": "coalition.POL", "values": [True]}], engines={"source": {"mode": "x"}})
    s = spec([{"name": "coalition.FRA", "values": [True]}],
             engines={"source": {"mode": "capacity"}})
    assert prepare_sweep(s, paris_2025).spec.engines.source == SourceOptions(
        mode=SourcingMode.CAPACITY)
    # NLD's pledge names no capability and small-coalition has no [sourcing] saying
    # what such a pledge may fill: the optimiser cannot read it, so the sweep is refused
    with pytest.raises(UsageError, match=r"engines\.source: the scenario small-coalition "
                       r"cannot be sourced.*unnamed_pledge_capabilities"):
        prepare_sweep(s.model_copy(update={"engines": Engines(source=SourceOptions())}),
                      small_coalition)


@pytest.mark.parametrize(("given", "todo", "workers", "expected"), [
    (None, 2000, 2, 64),  # ceil(2000 / (2 x 8)) = 125, capped at 64
    (None, 100, 2, 7),  # ceil(100 / 16)
    (None, 3, 4, 1),
    (None, 0, 1, 1),
    (5, 2000, 2, 5),  # the file's batch_size wins
])
def test_batch_size(given: int | None, todo: int, workers: int, expected: int) -> None:
    s = spec([{"name": "coalition.POL", "values": [True]}], batch_size=given)
    assert batch_size(s, todo, workers) == expected


def test_batches_cover_every_variant_once_in_order() -> None:
    todo = [(i, {"x": i}) for i in (0, 2, 3, 5, 8, 9, 10)]
    got = list(batches(todo, 3))
    assert [[i for i, _ in b] for b in got] == [[0, 2, 3], [5, 8, 9], [10]]


def test_apply_sets_each_kind_of_parameter(paris_2025: Scenario) -> None:
    v = apply_values(paris_2025, {
        "assumptions.rotation_ratio": 4.0, "pledges.GBR.troops": 6000,
        "pledges.DEU.modality": "committed", "pledges.DEU.probability": 0.9,
        "coalition.POL": False, "backstops.USA.modality": "committed",
        "conditions.ceasefire.probability": 0.3, "requirement.min_troops": 20000})
    assert v.assumption_value("rotation_ratio") == 4.0
    assert v.assumption("rotation_ratio").is_assumption
    gbr = v.pledges_of("GBR")[0]
    assert (gbr.troops_min, gbr.troops_max) == (None, 6000)
    assert v.pledges_of("DEU")[0].modality is Modality.COMMITTED
    assert all(p.modality is Modality.RULED_OUT and p.troops_high is None
               for p in v.pledges_of("POL"))
    assert v.backstops[0].modality is Modality.COMMITTED
    assert v.odds is not None
    assert [(o.nation, o.probability) for o in v.odds.pledges] == [("DEU", 0.9)]
    assert [(c.kind.value, c.probability) for c in v.odds.conditions] == [("ceasefire", 0.3)]
    assert v.requirement.min_troops == 20000
    assert "POL" not in v.contributors and "POL" in paris_2025.contributors
    assert base_value(paris_2025, "pledges.DEU.modality") == "cautious"
    assert base_value(paris_2025, "coalition.POL") is True
    # the base scenario is untouched
    assert paris_2025.pledges_of("GBR")[0].troops_max is None


def test_coalition_exit_drops_that_nations_probability_override(paris_2025: Scenario) -> None:
    v = apply_values(paris_2025, {"pledges.POL.probability": 0.8, "coalition.POL": False})
    assert v.odds is not None and v.odds.pledges == ()
