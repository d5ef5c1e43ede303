"""Sweeps on a Dask LocalCluster in this process: a one-variant sweep is the engine's own
answer; 1 and 2 workers write the same Parquet content; a run killed half-way and resumed
writes the same file as one uninterrupted run; bad input is refused with nothing lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

from forcegen.analysis.sweeps.apply import apply_values
from forcegen.analysis.sweeps.design import variant_seed
from forcegen.errors import ClusterUnavailable, Conflict, ScenarioError
from forcegen.io import results as results_module
from forcegen.io.cluster import CONNECT_TIMEOUT, dask_client
from forcegen.io.sweeps import prepare, sweep
from forcegen.model import Scenario

DRAWS = 2000


def doc(**over: Any) -> dict[str, Any]:
    d: dict[str, Any] = {
        "sweep": {"name": "small", "scenario": "paris-2025", "seed": 11, "design": "grid",
                  "batch_size": 2},
        "engines": {"risk": {"draws": DRAWS}},
        "parameters": [
            {"name": "pledges.GBR.troops", "values": [8000, 16000]},
            {"name": "pledges.DEU.modality", "values": ["cautious", "committed"]},
            {"name": "conditions.ceasefire.probability", "values": [0.4, 0.9]},
        ]}
    d.update(over)
    return d


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=":0") as cluster, Client(cluster) as c:
        yield c


def table(path: Path) -> Any:
    return pq.read_table(path).sort_by("variant")


def test_one_variant_equals_the_engine_with_the_same_seed(
        client: Client, paris_2025: Scenario) -> None:
    import forcegen

    one = doc(parameters=[{"name": "pledges.GBR.troops", "values": [12000]}])
    df = forcegen.sweep(one, client)
    assert len(df) == 1
    row = df.iloc[0]
    seed = variant_seed(11, 0)
    assert row["seed"] == seed
    scn = apply_values(paris_2025, {"pledges.GBR.troops": 12000})
    risk = scn.risk(draws=DRAWS, seed=seed)
    plan = scn.plan()
    assert row["p_min_steady"] == risk.quantified.steady_state.p_min
    assert row["p_min_steady_with_priors"] == risk.with_priors.steady_state.p_min
    assert row["p_min_month_12"] == risk.quantified.months[12].p_min
    assert row["max_possible"] == plan.generation.max_possible == 22000
    assert row["certain"] == plan.generation.certain


def test_one_and_two_workers_write_the_same_parquet(tmp_path: Path, client: Client) -> None:
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=":0") as cluster, Client(cluster) as single:
        sweep(doc(), single, out=tmp_path / "one.parquet")
    sweep(doc(), client, out=tmp_path / "two.parquet")
    one, two = table(tmp_path / "one.parquet"), table(tmp_path / "two.parquet")
    assert one.num_rows == 8
    assert one.equals(two)
    assert one.schema.metadata == two.schema.metadata
    assert one.column("error").null_count == 8
    # the probabilities move with the parameters: a committed Germany and a likelier
    # ceasefire never lower the chance (same seeds per index, so compare the extremes)
    p = one.column("p_min_steady_with_priors").to_pylist()
    assert p[7] >= p[0]


def test_resume_after_a_kill_writes_the_same_file(
        tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = tmp_path / "whole.parquet"
    sweep(doc(), client, out=whole)

    resumed = tmp_path / "resumed.parquet"
    real_write = results_module.ResultsFile.write
    calls = {"n": 0}

    def dies_after_two(self: results_module.ResultsFile, rows: list[dict[str, Any]]) -> None:
        if calls["n"] == 2:
            (self.parts / "part-000000099.tmp").write_bytes(b"half a file")  # killed mid-write
            raise KeyboardInterrupt
        calls["n"] += 1
        real_write(self, rows)

    monkeypatch.setattr(results_module.ResultsFile, "write", dies_after_two)
    with pytest.raises(KeyboardInterrupt):
        sweep(doc(), client, out=resumed)
    monkeypatch.setattr(results_module.ResultsFile, "write", real_write)
    parts = resumed.with_name(resumed.name + ".parts")
    assert not resumed.exists() and len(list(parts.glob("part-*.parquet"))) == 2

    df = sweep(doc(), client, out=resumed)
    assert df.attrs["computed"] == 8 - 4  # two batches of two were kept
    assert not parts.exists()
    assert table(resumed).equals(table(whole))
    # run again: everything is there, nothing is computed
    assert sweep(doc(), client, out=resumed).attrs["computed"] == 0


def test_results_of_another_sweep_are_refused_and_kept(tmp_path: Path, client: Client) -> None:
    out = tmp_path / "r.parquet"
    sweep(doc(), client, out=out)
    before = out.read_bytes()
    other = doc()
    other["sweep"] = {**other["sweep"], "seed": 12}
    with pytest.raises(Conflict, match="results of another sweep"):
        sweep(other, client, out=out)
    assert out.read_bytes() == before


def test_unknown_parameter_names_the_sweep_file_line(tmp_path: Path, client: Client) -> None:
    f = tmp_path / "bad.toml"
    f.write_text('[sweep]\nname = "bad"\nscenario = "paris-2025"\n\n[[parameters]]\n'
                 'name = "assumptions.rotation_ratio"\nvalues = [3]\n\n[[parameters]]\n'
                 'name = "assumptions.morale"\nvalues = [1.0]\n', "utf-8")
    with pytest.raises(ScenarioError) as info:
        sweep(f, client)
    p = info.value.problems[0]
    assert (info.value.file, p.field, p.line) == (str(f), "parameters[1]", 9)
    assert "no assumption 'morale'" in p.message


def test_a_scheduler_that_does_not_answer_is_a_clear_error() -> None:
    assert CONNECT_TIMEOUT < 10  # the message comes within ten seconds
    with pytest.raises(ClusterUnavailable, match=r"tcp://127.0.0.1:9 did not answer within 1 s"), \
            dask_client("tcp://127.0.0.1:9", timeout=1):
        pass


def test_the_sample_sweep_is_valid() -> None:
    prepared = prepare(Path(__file__).parents[2] / "examples" / "paris-2025-sweep.toml")
    assert len(prepared.variants) == 64
    assert prepared.spec.engines.risk is not None
    assert {p["name"] for p in prepared.metadata()["parameters"]} >= {
        "assumptions.rotation_ratio", "coalition.POL", "backstops.USA.modality"}
