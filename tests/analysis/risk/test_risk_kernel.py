"""The compiled per-draw kernel counts exactly what the NumPy path counts.

Both engines read the same uniforms (NumPy draws them, in the same seeded blocks) and make
the same comparisons in the same arithmetic, so their tallies are equal integer for
integer: on the embedded scenarios, on a wide hand-built one (more than 64 conditions, so
two bit words per draw; priors; backstops; a high withdrawal hazard) and on the scenarios
hypothesis generates. The kernel's counts do not depend on how the blocks are grouped;
the plain-Python kernel (what Numba compiles) agrees too; ``auto`` takes the kernel for
long runs only; without Numba, ``auto`` falls back to NumPy and ``numba`` names the extra.
"""

from __future__ import annotations

import datetime as dt
import sys
import types
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forcegen.analysis.risk import prepare, simulate
from forcegen.analysis.risk.engine import KERNEL_MIN_UNIFORMS, choose
from forcegen.analysis.risk.kernel import Kernel, compiled, count_block
from forcegen.analysis.risk.simulate import BLOCK, Plan, Tally, n_blocks, run, run_blocks
from forcegen.errors import MissingExtra, UsageError
from forcegen.io.catalogue import load_scenario
from forcegen.model import Capability, Condition, ConditionKind, Modality, Scenario
from tests.analysis.risk.odds import with_odds
from tests.analysis.risk.test_risk_laws import cases
from tests.builders import backstop, nation, pledge, requirement, scenario

CODES = ("FRA", "GBR", "DEU", "POL", "NLD", "DNK", "FIN", "NOR", "SWE", "EST", "LVA", "LTU",
         "BEL", "ITA", "ESP", "PRT", "CZE", "ROU", "CAN", "AUS", "AUT", "IRL", "GRC", "HUN",
         "SVK", "SVN", "HRV", "BGR", "LUX", "NZL", "JPN", "KOR", "TUR", "ALB", "MNE")
LINES = (Capability.LAND_MANOEUVRE, Capability.AIR_DEFENCE, Capability.LOGISTICS)
MODALITIES = [m for m in Modality if m is not Modality.RULED_OUT]


def kernel() -> Kernel:
    k = compiled()
    assert k is not None, "the test environment installs every extra (numba: 'fast')"
    return k


def same(a: Tally, b: Tally) -> None:
    names = ("draws", "reach_min", "reach_max", "hist", "forced_true", "forced_false",
             "troops_true", "troops_false", "gap", "gap_no_backstop", "steady_sum")
    for name, x, y in zip(names, a.astuple(), b.astuple(), strict=True):
        assert np.array_equal(x, y), name


def wide() -> Scenario:
    """35 nations, each with an election (its own date) and a parliamentary vote: 70
    national conditions, plus the ceasefire, the US backstop and one on the requirement
    (73 factors); 53 pledges of every shape (fixed, range, "up to", none: a prior); three
    capability lines, two of them with a US backstop; a 20 % monthly withdrawal hazard."""
    pledges = []
    for k, code in enumerate(CODES):
        own = [Condition(kind=ConditionKind.ELECTION, date=dt.date(2025, 3 + k % 10, 1 + k % 28)),
               Condition(kind=ConditionKind.PARLIAMENTARY_APPROVAL)]
        shared = [Condition(kind=ConditionKind.CEASEFIRE)] if k % 2 else []
        if k % 5 == 0:
            shared.append(Condition(kind=ConditionKind.US_BACKSTOP))
        size = 400 + 150 * (k % 13)
        lo, hi = [(size, size), (size // 3, size), (None, size), (None, None)][k % 4]
        pledges.append(pledge(code, MODALITIES[k % len(MODALITIES)], troops_min=lo,
                              troops_max=hi, capability=LINES[k % 3] if k % 4 else None,
                              conditions=[*shared, *own]))
        if k % 2 == 0:
            pledges.append(pledge(code, "committed", troops_min=200, troops_max=200,
                                  capability=LINES[(k + 1) % 3], conditions=own[:1]))
    scn = scenario([*(nation(c, army=40_000, gdp=5e11, population=2e7) for c in CODES),
                    nation("USA")], pledges,
                   req=requirement(9_000, 14_000, dict(zip(LINES, (3_000, 1_500, 800),
                                                            strict=True)),
                                   conditions=(Condition(kind=ConditionKind.OTHER),)),
                   backstops=[backstop("USA", LINES[1:])])
    return with_odds(scn, hazard=0.2)


@pytest.fixture(scope="module")
def wide_plan() -> Plan:
    return prepare(wide())


@pytest.fixture
def without_cached_kernel() -> Iterator[None]:
    """Forget the loaded kernel before and after a test that fakes Numba's absence."""
    compiled.cache_clear()
    yield
    compiled.cache_clear()


@pytest.mark.parametrize("name", ["paris-2025", "coalition-2025"])
def test_kernel_equals_numpy_on_the_embedded_scenarios(name: str) -> None:
    plan = prepare(load_scenario(name))
    draws = 3 * BLOCK + 123
    same(run(plan, 11, draws, kernel=kernel()), run(plan, 11, draws))


def test_the_same_result_from_either_engine(paris_2025: Scenario) -> None:
    assert (simulate(paris_2025, draws=9_000, seed=5, engine="numba")
            == simulate(paris_2025, draws=9_000, seed=5, engine="numpy"))


def test_kernel_equals_numpy_with_more_than_64_conditions(wide_plan: Plan) -> None:
    assert wide_plan.n_factors > 64 and wide_plan.groups[1].size  # two words; priors
    assert wide_plan.model.hazard == 0.2
    draws = 2 * BLOCK + 77
    same(run(wide_plan, 3, draws, kernel=kernel()), run(wide_plan, 3, draws))


def test_the_plain_python_kernel_is_the_same_count(wide_plan: Plan) -> None:
    """What Numba compiles, run as Python: three tiles, the last one short."""
    same(run_blocks(wide_plan, 9, 150, 0, 1, count_block), run_blocks(wide_plan, 9, 150, 0, 1))


@settings(max_examples=20, deadline=None)
@given(cases(), st.integers(1, 3 * BLOCK), st.integers(0, 2**32))
def test_kernel_equals_numpy_on_generated_scenarios(case: tuple[Scenario, Any], draws: int,
                                                    seed: int) -> None:
    plan = prepare(case[0])
    same(run(plan, seed, draws, kernel=kernel()), run(plan, seed, draws))


@settings(max_examples=10, deadline=None)
@given(cases(), st.integers(1, 200))
def test_plain_python_kernel_on_generated_scenarios(case: tuple[Scenario, Any],
                                                    draws: int) -> None:
    plan = prepare(case[0])
    same(run_blocks(plan, 2, draws, 0, 1, count_block), run_blocks(plan, 2, draws, 0, 1))


@settings(max_examples=10, deadline=None)
@given(cases(), st.integers(1, 4 * BLOCK), st.integers(1, 5), st.integers(0, 5))
def test_kernel_counts_do_not_depend_on_the_chunking(case: tuple[Scenario, Any], draws: int,
                                                     chunk: int, split: int) -> None:
    plan = prepare(case[0])
    k = kernel()
    whole = run(plan, 7, draws, chunk_blocks=1, kernel=k)
    same(run(plan, 7, draws, chunk_blocks=chunk, kernel=k), whole)
    cut = min(split, n_blocks(draws))
    same(run_blocks(plan, 7, draws, 0, cut, k).merge(
        run_blocks(plan, 7, draws, cut, n_blocks(draws), k)), whole)


def test_chunking_of_a_wide_run(wide_plan: Plan) -> None:
    draws = 5 * BLOCK - 10
    k = kernel()
    same(run(wide_plan, 1, draws, chunk_blocks=2, kernel=k),
         run(wide_plan, 1, draws, chunk_blocks=5, kernel=k))


def test_auto_takes_the_kernel_for_long_runs_only() -> None:
    assert choose("numpy", 10 * KERNEL_MIN_UNIFORMS) is None
    assert choose("auto", KERNEL_MIN_UNIFORMS - 1) is None
    assert choose("auto", KERNEL_MIN_UNIFORMS) is kernel()
    assert choose("numba", 1) is kernel()
    with pytest.raises(UsageError, match="auto, numba, numpy"):
        choose("fortran", 1)


def _block_numba(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(sys.modules):
        if name.split(".")[0] in ("numba", "llvmlite"):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "numba", None)
    monkeypatch.setitem(sys.modules, "llvmlite", None)


@pytest.mark.usefixtures("without_cached_kernel")
def test_without_numba_auto_falls_back_and_numba_names_the_extra(
        monkeypatch: pytest.MonkeyPatch, paris_2025: Scenario) -> None:
    _block_numba(monkeypatch)
    assert compiled() is None
    assert choose("auto", 100 * KERNEL_MIN_UNIFORMS) is None
    with pytest.raises(MissingExtra, match=r"pip install 'forcegen\[fast\]'"):
        simulate(paris_2025, draws=1_000, engine="numba")
    assert simulate(paris_2025, draws=2_000, seed=1).draws == 2_000


@pytest.mark.usefixtures("without_cached_kernel")
def test_no_writable_cache_folder_compiles_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Numba refuses ``cache=True`` when it finds no folder to write ("no locator
    available"): the kernel is then compiled without a disk cache."""
    asked: list[bool] = []

    def njit(*, cache: bool, **options: object) -> Any:
        asked.append(cache)
        if cache:
            raise RuntimeError("cannot cache function 'count_block': no locator available")
        return lambda fn: fn

    monkeypatch.setitem(sys.modules, "numba", types.SimpleNamespace(njit=njit))
    assert compiled() is count_block
    assert asked == [True, False]
