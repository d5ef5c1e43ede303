"""Laws of the plan analyses, checked on scenarios Hypothesis generates.

Force generation
  G1. certain <= max_possible, and both shortfalls lie in [0, target_min].
  G2. The modality totals of every pledge not ruled out add up to max_possible.
  G3. Raising one pledge's troops_max never lowers max_possible, never raises either
      shortfall, and never lowers certain.
  G4. Adding a pledge never lowers max_possible and never raises shortfall_possible.

Capability coverage
  C1. Per line: gap >= 0 and gap + pledged >= required (equality when short).
  C2. Per line: 0 <= gap_with_backstop <= gap.
  C3. Assuming the backstop fills whole lines never leaves more missing than not.

Sustainment
  S1. usable and sustainable_troops are monotone (non-decreasing) in land forces.
  S2. A nation that can sustain its share with some land forces still can with more.
  S3. months_sustainable, when limited, is a whole number of tours below the pool.

Burden sharing
  B1. The fair shares of the coalition sum to 1 (within 1e-9) for every gdp_weight.
  B2. Every share lies in [0, 1].
"""

from __future__ import annotations

import math
import os

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from forcegen.analysis.plan.burden import burden_sharing
from forcegen.analysis.plan.coverage import capability_coverage
from forcegen.analysis.plan.generation import generation_status
from forcegen.analysis.plan.sustainment import SustainStatus, sustain
from forcegen.model import Capability, Modality, Pledge, Scenario
from tests.builders import backstop, nation, pledge, requirement, scenario

# `make mutants` sets FORCEGEN_MUTANTS: fewer examples per mutant, the same laws.
FAST = settings(max_examples=5 if os.environ.get("FORCEGEN_MUTANTS") else 60, deadline=None)
CODES = ("FRA", "DEU", "GBR", "POL", "NLD", "ITA", "ESP", "USA")
troops = st.integers(min_value=0, max_value=50_000)


@st.composite
def pledges(draw: st.DrawFn) -> Pledge:
    modality = draw(st.sampled_from(list(Modality)))
    capability = draw(st.none() | st.sampled_from(list(Capability)))
    if modality is Modality.RULED_OUT:
        return pledge(draw(st.sampled_from(CODES)), modality, capability=capability)
    low = draw(st.none() | troops)
    high = draw(st.none() | troops)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return pledge(draw(st.sampled_from(CODES)), modality, troops_min=low, troops_max=high,
                  capability=capability)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    nations = [
        nation(code,
               army=draw(st.none() | st.integers(0, 500_000)),
               gdp=draw(st.none() | st.floats(1.0, 3e13)),
               population=draw(st.none() | st.floats(1.0, 4e8)))
        for code in CODES
    ]
    low = draw(st.integers(1, 60_000))
    high = draw(st.integers(low, 80_000))
    caps = draw(st.lists(st.sampled_from(list(Capability)), unique=True, max_size=5))
    lines = {c: draw(st.integers(0, 20_000)) for c in caps}
    backs = draw(st.lists(
        st.builds(backstop, st.sampled_from(CODES),
                  st.lists(st.sampled_from(list(Capability)), min_size=1, max_size=3),
                  st.sampled_from(list(Modality))),
        max_size=2))
    return scenario(nations, draw(st.lists(pledges(), max_size=8)),
                    req=requirement(low, high, lines), backstops=backs)


def with_pledges(scn: Scenario, ps: list[Pledge]) -> Scenario:
    return Scenario.model_validate({**dict(scn), "pledges": tuple(ps)})


# -- force generation ------------------------------------------------------------------
@FAST
@given(scenarios())
def test_g1_certain_within_possible(scn):
    g = generation_status(scn)
    assert 0 <= g.certain <= g.max_possible
    assert 0 <= g.shortfall_possible <= g.shortfall_certain <= g.target_min


@FAST
@given(scenarios())
def test_g2_modality_totals_add_up(scn):
    g = generation_status(scn)
    live = sum(t.troops for t in g.by_modality if t.modality is not Modality.RULED_OUT)
    assert live == g.max_possible
    assert g.total(Modality.RULED_OUT) == 0


@FAST
@given(scenarios(), st.data())
def test_g3_raising_a_pledge_never_hurts(scn, data):
    live = [i for i, p in enumerate(scn.pledges) if p.modality is not Modality.RULED_OUT]
    assume(live)
    i = data.draw(st.sampled_from(live))
    p = scn.pledges[i]
    raise_by = data.draw(st.integers(1, 20_000))
    new_max = (p.troops_high or 0) + raise_by
    raised = list(scn.pledges)
    raised[i] = p.model_copy(update={"troops_max": new_max})
    before, after = generation_status(scn), generation_status(with_pledges(scn, raised))
    # exactly the raise: the pledge's largest figure went from troops_high (or 0) to new_max
    assert after.max_possible == before.max_possible + raise_by
    assert after.shortfall_possible <= before.shortfall_possible
    assert after.shortfall_certain <= before.shortfall_certain
    assert after.certain >= before.certain


@FAST
@given(scenarios(), pledges())
def test_g4_adding_a_pledge_never_hurts(scn, extra):
    before = generation_status(scn)
    after = generation_status(with_pledges(scn, [*scn.pledges, extra]))
    assert after.max_possible >= before.max_possible
    assert after.shortfall_possible <= before.shortfall_possible
    assert after.certain >= before.certain


# -- capability coverage -------------------------------------------------------------
@FAST
@given(scenarios(), st.booleans())
def test_c1_c2_gap_accounting(scn, whole):
    res = capability_coverage(scn, backstop_fills_whole_line=whole)
    assert len(res.lines) == len(scn.requirement.capabilities)
    for line in res.lines:
        assert line.gap >= 0
        assert line.gap + line.pledged >= line.required
        if line.gap > 0:
            assert line.gap + line.pledged == line.required
        assert 0 <= line.gap_with_backstop <= line.gap


@FAST
@given(scenarios())
def test_c3_whole_line_assumption_only_helps(scn):
    whole = capability_coverage(scn, backstop_fills_whole_line=True)
    partial = capability_coverage(scn, backstop_fills_whole_line=False)
    for a, b in zip(whole.lines, partial.lines, strict=True):
        assert a.gap_with_backstop <= b.gap_with_backstop == b.gap
    assert set(whole.gaps_with_backstop) <= set(partial.gaps_with_backstop)


# -- sustainment ---------------------------------------------------------------------
sustain_args = dict(
    rotation_ratio=st.sampled_from([2, 3, 3.5, 5]),
    deployable_share=st.sampled_from([0.1, 0.25, 0.4, 1.0]),
    tour_months=st.sampled_from([4, 6, 12]),
    duration_months=st.integers(1, 120),
)


@FAST
@given(deployed=st.none() | st.integers(0, 100_000), land=st.integers(0, 1_000_000),
       more=st.integers(0, 1_000_000), **sustain_args)
def test_s1_s2_monotone_in_land_forces(deployed, land, more, **kw):
    a, b = sustain(deployed, land, **kw), sustain(deployed, land + more, **kw)
    u1, pool1, s1, st1 = a.usable, a.pool, a.sustainable, a.status
    u2, pool2, s2, st2 = b.usable, b.pool, b.sustainable, b.status
    assert u1 is not None and u2 is not None and s1 is not None and s2 is not None
    assert u1 <= u2
    assert s1 <= s2
    assert pool1 == pool2
    if st1 is SustainStatus.SUSTAINABLE:
        assert st2 is SustainStatus.SUSTAINABLE
    if st1 is SustainStatus.FOR_DURATION:
        assert st2 in (SustainStatus.FOR_DURATION, SustainStatus.SUSTAINABLE)


@FAST
@given(deployed=st.integers(1, 100_000), land=st.integers(0, 1_000_000), **sustain_args)
def test_s3_months_are_whole_tours(deployed, land, **kw):
    res = sustain(deployed, land, **kw)
    usable, pool, status, months = res.usable, res.pool, res.status, res.months
    if status in (SustainStatus.SHORT, SustainStatus.FOR_DURATION):
        assert months is not None and usable is not None and pool is not None
        assert months % kw["tour_months"] == 0
        assert pool > usable
        assert (months >= kw["duration_months"]) == (status is SustainStatus.FOR_DURATION)
    else:
        assert status is SustainStatus.SUSTAINABLE
        assert months is None


# -- burden sharing --------------------------------------------------------------------
@FAST
@given(scenarios(), st.floats(0.0, 1.0))
def test_b1_b2_fair_shares_partition_the_coalition(scn, weight):
    res = burden_sharing(scn, weights={"gdp": weight, "population": 1 - weight})
    shares = [n.fair_share for n in res.nations if n.iso3 in res.coalition]
    assert all(s is not None and 0.0 <= s <= 1.0 + 1e-12 for s in shares)
    if res.coalition:
        assert math.isclose(sum(shares), 1.0, abs_tol=1e-9)  # type: ignore[arg-type]
    else:
        assert shares == []
    outside = [n for n in res.nations if n.iso3 not in res.coalition]
    assert all(n.fair_share is None and n.data_note for n in outside)
