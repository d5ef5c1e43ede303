"""Political risk: how likely the force reaches its band, by when, and what it hinges on.

``simulate(scn, draws=…, seed=…)`` builds the model from the scenario (``factors``),
draws it in fixed-size seeded blocks (``simulate``) and counts them, in NumPy passes or
with a compiled per-draw kernel (``engine``, ``kernel``: the same counts), and turns the
counts into a typed ``RiskResult`` (``sensitivity``, ``result``). ``scn.risk(...)`` is
the same call.
"""

from __future__ import annotations

from collections.abc import Callable

from forcegen.analysis.risk.engine import Engine, choose
from forcegen.analysis.risk.factors import RiskModel, build_model
from forcegen.analysis.risk.result import (
    PledgeRisk,
    PriorNote,
    RiskBasis,
    RiskResult,
)
from forcegen.analysis.risk.sensitivity import summarise
from forcegen.analysis.risk.simulate import BLOCK, Plan, Tally, run
from forcegen.errors import TooLarge, UsageError
from forcegen.model import Scenario

#: The most draws one run takes (memory stays bounded by the block size; time does not).
MAX_DRAWS = 100_000_000
#: The most memory one block's arrays may take, in bytes.
MAX_BLOCK_BYTES = 512 * 2**20

__all__ = ["MAX_DRAWS", "Engine", "RiskBasis", "RiskModel", "RiskResult", "build_model",
           "simulate"]


def check_draws(draws: object) -> int:
    if isinstance(draws, bool) or not isinstance(draws, int) or draws <= 0:
        raise UsageError(f"draws must be a positive whole number, got {draws!r}")
    if draws > MAX_DRAWS:
        raise TooLarge(f"draws: {draws:,} is too many; at most {MAX_DRAWS:,} in one run")
    return draws


def prepare(scn: Scenario, *, source_grade: bool = False) -> Plan:
    """The model of ``scn`` as arrays, checked to fit in memory."""
    model = build_model(scn, scn.plan(), source_grade=source_grade)
    plan = Plan(model)
    need = BLOCK * (plan.columns + 12 * plan.n_pledges + 8 * plan.months) * 8
    if need > MAX_BLOCK_BYTES:
        raise TooLarge(f"scenario {scn.name!r} is too large for memory: {plan.n_pledges} "
                       f"pledges and {plan.n_factors} conditions need about "
                       f"{need / 2**20:,.0f} MB per block of {BLOCK:,} draws")
    return plan


def simulate(scn: Scenario, *, draws: int = 100_000, seed: int = 0,
             source_grade: bool = False, chunk_blocks: int = 4,
             progress: Callable[[int], None] | None = None,
             engine: Engine | str = Engine.AUTO) -> RiskResult:
    """Run ``draws`` seeded draws of the scenario's risk model.

    The same ``seed`` gives the same result whatever ``chunk_blocks`` (how many blocks of
    ``BLOCK`` draws are counted between progress reports) and whatever ``engine``
    (``numpy``; ``numba``, the compiled kernel; ``auto``, the kernel for long runs when
    Numba is installed). ``source_grade`` lowers a position's probability by the grade of
    its best source (off by default).
    """
    draws = check_draws(draws)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise UsageError(f"seed must be a whole number of 0 or more, got {seed!r}")
    if chunk_blocks <= 0:
        raise UsageError(f"chunk_blocks must be positive, got {chunk_blocks!r}")
    plan = prepare(scn, source_grade=source_grade)
    kernel = choose(engine, draws * plan.columns)
    tally = run(plan, seed, draws, chunk_blocks=chunk_blocks, progress=progress,
                kernel=kernel)
    return result_of(plan, tally, seed)


def result_of(plan: Plan, tally: Tally, seed: int) -> RiskResult:
    """The typed result of the counts ``tally`` of a run with ``seed``."""
    model = plan.model
    quantified, with_priors = summarise(model, plan, tally)
    labels = {i: f.label for i, f in enumerate(model.factors)}
    return RiskResult(
        scenario=model.scenario, as_of=model.as_of, draws=tally.draws, seed=seed,
        block_size=BLOCK, band_min=model.band_min, band_max=model.band_max,
        horizon_months=model.horizon, withdrawal_hazard_monthly=model.hazard,
        quantile_resolution=plan.bin_width, source_grade=model.source_grade,
        quantified=quantified, with_priors=with_priors,
        pledges=[PledgeRisk(nation=p.nation, modality=p.modality.value,
                            capability=p.capability.value if p.capability else None,
                            probability=p.probability,
                            conditions=[labels[j] for j in p.factors],
                            arrival_month=p.arrival_month, shape=p.shape.value,
                            troops_low=p.low, troops_high=p.high, quantified=p.quantified)
                 for p in model.pledges],
        priors=[PriorNote(nation=p.nation, troops_low=p.low, troops_high=p.high, basis=p.basis)
                for p in model.priors],
        assumptions=list(model.assumptions),
    )
