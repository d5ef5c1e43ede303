"""Sweeps: every assumption varied at once, each variant through the engines.

``spec`` (the sweep as data) → ``design`` (the variants, from the seed) → ``apply`` (a
variant as a Scenario) → ``evaluate`` (its row) → ``run`` (batches on any executor) →
``report`` (which parameters matter). The engines never import this package; it imports
no Dask: ``forcegen.io.cluster`` supplies the executor, ``forcegen.io.results`` the file.
"""

from __future__ import annotations

from forcegen.analysis.sweeps.apply import apply_values
from forcegen.analysis.sweeps.design import variant_seed, variants
from forcegen.analysis.sweeps.evaluate import columns, evaluate_batch, evaluate_variant
from forcegen.analysis.sweeps.run import PreparedSweep, prepare_sweep, run_sweep
from forcegen.analysis.sweeps.spec import SweepSpec

__all__ = ["PreparedSweep", "SweepSpec", "apply_values", "columns", "evaluate_batch",
           "evaluate_variant", "prepare_sweep", "run_sweep", "variant_seed", "variants"]
