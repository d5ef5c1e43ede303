"""The risk engine's speed and memory, measured in one run (issue 10).

A generated scenario (test data, not facts): 20 nations with real ISO codes and their
reference figures, 2 pledges each (40), 6 shared conditions (ceasefire and US backstop on
some pledges, 4 more on the requirement) and 20 national ones (one per nation, on both its
pledges), over 36 months; 1,000,000 draws.

- forcegen: ``simulate(scn, draws=1_000_000)``, median of ``--runs`` (``engine="auto"``:
  the compiled per-draw kernel when Numba is installed, loaded once before timing; the
  time of its first compile on a machine and of loading it from the disk cache are
  measured apart, in fresh processes);
- forcegen's NumPy path (``engine="numpy"``, what runs without Numba), the same draws;
- the floor: NumPy alone drawing the uniforms the model consumes, in the same blocks;
- a plain per-draw Python loop of the same model (``tests/analysis/risk/reference.py``)
  on 10,000 draws, scaled to 1,000,000;
- peak memory of one forcegen run (tracemalloc: NumPy reports its buffers to it).

Targets: forcegen <= 3x the floor; peak memory <= 1 GB; ``forcegen risk paris-2025``
(100,000 draws, whole process) under 2 s.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_risk.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from forcegen.analysis.risk import prepare, simulate  # noqa: E402
from forcegen.analysis.risk.engine import choose  # noqa: E402
from forcegen.analysis.risk.simulate import BLOCK, block_uniforms, n_blocks  # noqa: E402
from forcegen.io.reference import nation  # noqa: E402
from forcegen.model import (  # noqa: E402
    Assumption,
    Capability,
    CapabilityRequirement,
    Condition,
    ConditionKind,
    ForceRequirement,
    Modality,
    Pledge,
    Scenario,
    Source,
)
from tests.analysis.risk.reference import count_draws  # noqa: E402

DRAWS = 1_000_000
LOOP_DRAWS = 10_000
SEED = 2025
CODES = ("FRA", "GBR", "DEU", "POL", "NLD", "DNK", "FIN", "NOR", "SWE", "EST",
         "LVA", "LTU", "BEL", "ITA", "ESP", "PRT", "CZE", "ROU", "CAN", "AUS")
SOURCE = Source(outlet="Generated benchmark data (not facts)", date=dt.date(2025, 1, 1))
MODALITIES = (Modality.COMMITTED, Modality.OFFERED, Modality.CONDITIONAL,
              Modality.CONSIDERING, Modality.CAUTIOUS)
NATIONAL = (ConditionKind.PARLIAMENTARY_APPROVAL, ConditionKind.ELECTION,
            ConditionKind.DOMESTIC_POLITICS)
CAPS = list(Capability)


def generated_scenario() -> Scenario:
    pledges = []
    for k, code in enumerate(CODES):
        kind = NATIONAL[k % 3]
        national = Condition(kind=kind, detail=f"{code} {kind.value}",
                             date=dt.date(2025, 3 + k % 9, 1) if kind is ConditionKind.ELECTION
                             else None)
        for j in range(2):
            shared = [Condition(kind=ConditionKind.CEASEFIRE)] if (k + j) % 2 else []
            if k % 3 == j:
                shared.append(Condition(kind=ConditionKind.US_BACKSTOP))
            size = 500 + 250 * ((7 * k + 3 * j) % 20)
            lo, hi = [(size, size), (None, size), (size // 2, size)][(k + j) % 3]
            pledges.append(Pledge(nation=code, modality=MODALITIES[(k + j) % 5],
                                  capability=CAPS[(2 * k + j) % len(CAPS)],
                                  troops_min=lo, troops_max=hi,
                                  conditions=(*shared, national), sources=(SOURCE,)))
    req = ForceRequirement(
        min_troops=25_000, max_troops=30_000,
        capabilities=tuple(CapabilityRequirement(capability=c, troops=2_000,
                                                 source="assumption: benchmark")
                           for c in CAPS),
        conditions=tuple(Condition(kind=k, detail=f"coalition-wide {k.value}")
                         for k in (ConditionKind.PARLIAMENTARY_APPROVAL, ConditionKind.ELECTION,
                                   ConditionKind.DOMESTIC_POLITICS, ConditionKind.OTHER)))
    values: dict[str, bool | int | float] = {
        "rotation_ratio": 5, "deployable_share": 0.4, "land_share_of_active": 0.5,
        "fair_share_gdp_weight": 0.5, "backstop_fills_whole_line": True, "tour_months": 6,
        "duration_months": 36}
    return Scenario(
        name="bench-risk", title="Generated benchmark scenario (not facts)",
        as_of=dt.date(2025, 2, 17), requirement=req,
        nations={c: nation(c) for c in (*CODES, "USA")}, pledges=tuple(pledges),
        backstops=(), assumptions=tuple(Assumption(name=k, value=v, source="assumption: bench")
                                        for k, v in values.items()))


def seconds(fn: object) -> tuple[float, float]:
    """Wall-clock and CPU seconds (this process and its children) of one call."""
    start, cpu = time.perf_counter(), _cpu()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start, _cpu() - cpu


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def kernel_load_seconds(cache: Path) -> tuple[float, float]:
    """Wall and CPU seconds a fresh process takes to import Numba and make the kernel
    ready (compile it, or load it from the disk cache ``cache``) and count one block."""
    code = ("import time; "
            "from forcegen.analysis.risk import prepare; "
            "from forcegen.analysis.risk.simulate import run; "
            "from forcegen.io.catalogue import load_plannable; "
            "plan = prepare(load_plannable('paris-2025')); "
            "t, c = time.perf_counter(), time.process_time(); "
            "from forcegen.analysis.risk.kernel import compiled; "
            "run(plan, 0, 4096, kernel=compiled()); "
            "print(time.perf_counter() - t, time.process_time() - c)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, cwd=ROOT, env={**os.environ, "NUMBA_CACHE_DIR": str(cache)})
    wall, cpu = out.stdout.split()[-2:]
    return float(wall), float(cpu)


def peak_rss_mb() -> float:
    """Peak resident memory (MB) of a fresh process that runs forcegen on the benchmark
    (the interpreter, NumPy and Numba included: tracemalloc does not see Numba's arrays)."""
    code = ("import resource, sys; sys.path.insert(0, '.'); "
            "from benchmarks.bench_risk import generated_scenario, DRAWS, SEED; "
            "from forcegen.analysis.risk import simulate; "
            "simulate(generated_scenario(), draws=DRAWS, seed=SEED); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, cwd=ROOT)
    return int(out.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    scn = generated_scenario()
    plan = prepare(scn)
    shared = sum(1 for f in plan.model.factors if f.scope.value == "shared")
    national = sum(1 for f in plan.model.factors if f.scope.value == "national")
    print(f"# bench_risk {dt.date.today()} — {platform.machine()}, {os.cpu_count()} cores "
          f"(shared with other jobs), Python {platform.python_version()}; "
          f"{plan.n_pledges} pledges, {shared} shared + {national} national conditions, "
          f"{plan.model.horizon} months, {DRAWS:,} draws in blocks of {BLOCK:,}; "
          f"median of {args.runs} runs")

    def floor() -> None:
        for b in range(n_blocks(DRAWS)):
            block_uniforms(plan, SEED, b, min(BLOCK, DRAWS - b * BLOCK))

    kernel = choose("auto", DRAWS * plan.columns)
    engine = "compiled kernel (Numba)" if kernel is not None else "NumPy path (no Numba)"
    simulate(scn, draws=BLOCK, seed=SEED, engine="auto" if kernel is None else "numba")
    floors, engines, numpys = [], [], []
    for _ in range(args.runs):  # interleaved, so all see the same load
        floors.append(seconds(floor))
        engines.append(seconds(lambda: simulate(scn, draws=DRAWS, seed=SEED)))
        numpys.append(seconds(lambda: simulate(scn, draws=DRAWS, seed=SEED, engine="numpy")))
    f_med, e_med, n_med = (statistics.median(w for w, _ in x) for x in (floors, engines, numpys))
    f_cpu, e_cpu, n_cpu = (statistics.median(c for _, c in x) for x in (floors, engines, numpys))

    u = block_uniforms(plan, SEED, 0, BLOCK)
    rows = [u[i % BLOCK].tolist() for i in range(LOOP_DRAWS)]
    loop, loop_cpu = seconds(lambda: count_draws(plan.model, rows, plan.bin_width, plan.bins))
    loop_scaled = loop * DRAWS / LOOP_DRAWS

    tracemalloc.start()
    simulate(scn, draws=DRAWS, seed=SEED)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = peak_rss_mb()

    if kernel is not None:
        with tempfile.TemporaryDirectory() as cache:
            compile_s = kernel_load_seconds(Path(cache))
            load_s = kernel_load_seconds(Path(cache))

    forcegen = str(Path(sys.executable).parent / "forcegen")
    subprocess.run([forcegen, "risk", "paris-2025"], check=True, capture_output=True)
    clis = [seconds(lambda: subprocess.run([forcegen, "risk", "paris-2025"], check=True,
                                           capture_output=True)) for _ in range(args.runs)]
    cli, cli_cpu = (statistics.median(w for w, _ in clis), statistics.median(c for _, c in clis))
    load = os.getloadavg()[0]

    print(f"load average at the end: {load:.1f} on {os.cpu_count()} cores")
    print("| measure | wall s | CPU s | target | ratio (wall / CPU) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| floor: NumPy uniforms only | {f_med:.2f} | {f_cpu:.2f} | - | - |")
    print(f"| forcegen simulate, {DRAWS:,} draws, {engine} | {e_med:.2f} | {e_cpu:.2f} | "
          f"<= 3x floor | {e_med / f_med:.2f}x / {e_cpu / f_cpu:.2f}x floor |")
    print(f"| forcegen simulate, {DRAWS:,} draws, NumPy path | {n_med:.2f} | {n_cpu:.2f} | - | "
          f"{n_med / f_med:.2f}x / {n_cpu / f_cpu:.2f}x floor; the kernel "
          f"{n_med / e_med:.1f}x / {n_cpu / e_cpu:.1f}x faster |")
    print(f"| per-draw Python loop, {LOOP_DRAWS:,} draws x {DRAWS // LOOP_DRAWS} | "
          f"{loop_scaled:.0f} | {loop_cpu * DRAWS / LOOP_DRAWS:.0f} | - | forcegen "
          f"{loop_scaled / e_med:.0f}x / {loop_cpu * DRAWS / LOOP_DRAWS / e_cpu:.0f}x faster |")
    print(f"| peak memory of one run (tracemalloc) | {peak / 2**20:.0f} MB | | <= 1024 MB | "
          f"{peak / 2**30:.3f} |")
    print(f"| peak resident memory of a process running it | {rss:.0f} MB | | <= 1024 MB | "
          f"{rss / 1024:.3f} |")
    if kernel is not None:
        print(f"| kernel ready in a fresh process (import Numba, compile / load from the "
              f"disk cache, one block) | {compile_s[0]:.2f} / {load_s[0]:.2f} | "
              f"{compile_s[1]:.2f} / {load_s[1]:.2f} | - | - |")
    print(f"| `forcegen risk paris-2025` (100,000 draws, whole process) | {cli:.2f} | "
          f"{cli_cpu:.2f} | <= 2 s | {cli / 2:.2f} / {cli_cpu / 2:.2f} |")


if __name__ == "__main__":
    main()
