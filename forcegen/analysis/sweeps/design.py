"""The variants of a sweep: a full grid, a Latin hypercube or a random sample.

Every draw comes from the sweep's seed, so the same file gives the same variants, in the
same order, on any machine. Each variant has an index (its row) and its own seed,
derived from the sweep's seed and that index alone.
"""

from __future__ import annotations

import itertools
import math
from statistics import NormalDist

import numpy as np

from forcegen.analysis.sweeps.spec import (
    MAX_VARIANTS,
    DesignKind,
    DistributionKind,
    Parameter,
    SweepSpec,
    Value,
)
from forcegen.errors import TooLarge

Variant = dict[str, Value]


def variant_seed(sweep_seed: int, index: int) -> int:
    """The seed of variant ``index``: the same whichever worker runs it."""
    state = np.random.SeedSequence([sweep_seed, index]).generate_state(1, dtype=np.uint32)
    return int(state[0])


def _from_unit(p: Parameter, u: float) -> Value:
    """The value of parameter ``p`` at quantile ``u`` in [0, 1)."""
    levels = p.discrete
    if levels is not None:
        return levels[min(int(u * len(levels)), len(levels) - 1)]
    d = p.distribution
    assert d is not None
    if d.kind is DistributionKind.UNIFORM:
        assert d.low is not None and d.high is not None
        return d.low + u * (d.high - d.low)
    if d.kind is DistributionKind.NORMAL:
        assert d.mean is not None and d.sd is not None
        return NormalDist(d.mean, d.sd).inv_cdf(min(max(u, 1e-12), 1 - 1e-12))
    assert d.low is not None and d.mode is not None and d.high is not None
    a, c, b = d.low, d.mode, d.high
    cut = (c - a) / (b - a)
    if u < cut:
        return a + math.sqrt(u * (b - a) * (c - a))
    return b - math.sqrt((1 - u) * (b - a) * (b - c))


def grid_size(spec: SweepSpec) -> int:
    return math.prod(len(p.discrete or ()) for p in spec.parameters)


def variants(spec: SweepSpec) -> list[Variant]:
    """The sweep's variants, in index order."""
    params = spec.parameters
    if spec.design.kind is DesignKind.GRID:
        n = grid_size(spec)
        if n > MAX_VARIANTS:
            raise TooLarge(f"the grid has {n:,} variants; at most {MAX_VARIANTS:,} "
                           "(use latin_hypercube or random with samples)")
        return [dict(zip([p.name for p in params], combo, strict=True))
                for combo in itertools.product(*(p.discrete or () for p in params))]
    n = spec.design.samples or 0
    rng = np.random.default_rng(np.random.SeedSequence([spec.seed, 0x5EED]))
    if spec.design.kind is DesignKind.LATIN_HYPERCUBE:
        units = np.stack([(rng.permutation(n) + rng.random(n)) / n for _ in params], axis=1)
    else:
        units = rng.random((n, len(params)))
    return [{p.name: _from_unit(p, float(units[i, j])) for j, p in enumerate(params)}
            for i in range(n)]
