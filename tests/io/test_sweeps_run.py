"""Sweeps on a Dask LocalCluster in this process: a one-variant sweep is the engine's own
answer; 1 and 2 workers write the same Parquet content; a run killed half-way and resumed
writes the same file as one uninterrupted run; bad input is refused with nothing lost."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

from forcegen.analysis.sweeps.apply import apply_values
from forcegen.analysis.sweeps.design import variant_seed
from forcegen.errors import ClusterUnavailable, Conflict, ScenarioError
from forcegen.io import results as results_module
from forcegen.io.cluster import CONNECT_TIMEOUT, check_scheduler, dask_client
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
    # other batches (three variants a task, one task with two) give the same rows too
    three = doc()
    three["sweep"] = {**three["sweep"], "batch_size": 3}
    sweep(three, client, out=tmp_path / "three.parquet")
    one, two = table(tmp_path / "one.parquet"), table(tmp_path / "two.parquet")
    assert one.num_rows == 8
    assert one.equals(two)
    assert one.equals(table(tmp_path / "three.parquet"))
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
    assert prepared.spec.engines.source is not None
    assert {p["name"] for p in prepared.metadata()["parameters"]} >= {
        "assumptions.rotation_ratio", "coalition.POL", "backstops.USA.modality",
        "pledges.DEU.modality", "conditions.ceasefire.probability",
        "sourcing.backstop_in_place"}
    assert "sourcing_coverage" in prepared.columns


def test_a_sweep_through_plan_risk_and_source(client: Client, paris_2025: Scenario) -> None:
    """plan + risk + source on the cluster: each row's sourcing columns are the
    optimiser's own answer for that variant. By hand: France's 10,000 over the three
    periods fill 30,000 troop-periods; a UK number adds what the UK can hold (it is
    bounded by its sustainable capacity, so 8,000 and 16,000 fill the same); standoff
    1,200 km closes every area."""
    three = doc(engines={"risk": {"draws": 500}, "source": {"mode": "pledges"}},
                parameters=[{"name": "pledges.GBR.troops", "values": [0, 8000, 16000]},
                            {"name": "sourcing.standoff_km", "values": [100, 1200]}])
    df = sweep(three, client)
    assert len(df) == 6 and df["error"].isna().all()
    for row in df.itertuples(index=False):
        values = {"pledges.GBR.troops": row[2], "sourcing.standoff_km": row[3]}
        result = apply_values(paris_2025, values).sourcing.optimize(mode="pledges")
        assert row.sourcing_coverage == result.coverage / result.coverage_max
        assert row.sourcing_troops_filled == result.troops_filled
        assert row.sourcing_status == result.status.value == "optimal"
    filled = dict(zip(zip(df["pledges.GBR.troops"], df["sourcing.standoff_km"], strict=True),
                      df["sourcing_troops_filled"], strict=True))
    assert filled[(0, 100)] == 30000
    assert filled[(8000, 100)] == filled[(16000, 100)] > 30000
    assert filled[(0, 1200)] == filled[(16000, 1200)] == 0
    assert list(df["max_possible"]) == [10000, 10000, 18000, 18000, 26000, 26000]


def test_one_variant_with_source_equals_the_optimiser(client: Client,
                                                     paris_2025: Scenario) -> None:
    import forcegen

    one = doc(engines={"plan": {}, "risk": {"draws": DRAWS}, "source": {"mode": "capacity"}},
              parameters=[{"name": "pledges.DEU.modality", "values": ["offered"]}])
    row = forcegen.sweep(one, client).iloc[0]
    scn = apply_values(paris_2025, {"pledges.DEU.modality": "offered"})
    result = scn.sourcing.optimize(mode="capacity")
    assert row["sourcing_coverage"] == result.coverage / result.coverage_max
    assert row["sourcing_troops_filled"] == result.troops_filled
    assert row["sourcing_status"] == result.status.value
    risk = scn.risk(draws=DRAWS, seed=variant_seed(11, 0))
    assert row["p_min_steady"] == risk.quantified.steady_state.p_min


def test_progress_is_reported_batch_by_batch(client: Client) -> None:
    seen: list[tuple[int, int]] = []
    sweep(doc(), client, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 8) and seen[-1] == (8, 8)
    assert all(t == 8 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(seen) >= 1 + 8 // 2 - 1  # batches of two, one or two finishing at a time


def test_parts_of_another_sweep_are_refused_and_kept(
        tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "r.parquet"

    def dies(self: results_module.ResultsFile, rows: list[dict[str, Any]]) -> None:
        real_write(self, rows)
        raise KeyboardInterrupt

    real_write = results_module.ResultsFile.write
    monkeypatch.setattr(results_module.ResultsFile, "write", dies)
    with pytest.raises(KeyboardInterrupt):
        sweep(doc(), client, out=out)
    monkeypatch.setattr(results_module.ResultsFile, "write", real_write)
    parts = out.with_name(out.name + ".parts")
    before = sorted((p.name, p.read_bytes()) for p in parts.iterdir())
    other = doc()
    other["parameters"][0] = {"name": "pledges.GBR.troops", "values": [1000, 2000]}
    with pytest.raises(Conflict, match=r"r.parquet.parts: results of another sweep"):
        sweep(other, client, out=out)
    assert sorted((p.name, p.read_bytes()) for p in parts.iterdir()) == before
    assert sweep(doc(), client, out=out).attrs["computed"] == 8 - 2


def test_killed_between_the_file_and_removing_the_parts(
        tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parts survive beside a finished file (a kill after the rename, before the
    parts are removed): the next run computes nothing and keeps one row per variant."""
    whole = tmp_path / "whole.parquet"
    sweep(doc(), client, out=whole)
    out = tmp_path / "r.parquet"
    monkeypatch.setattr("shutil.rmtree", lambda path: None)
    sweep(doc(), client, out=out)
    monkeypatch.undo()
    assert out.with_name(out.name + ".parts").is_dir()
    again = sweep(doc(), client, out=out)
    assert again.attrs["computed"] == 0 and len(again) == 8
    assert table(out).equals(table(whole))
    assert not out.with_name(out.name + ".parts").exists()


def test_a_cluster_lost_mid_run_keeps_what_finished(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("forcegen.io.cluster.CONNECT_TIMEOUT", 1.0)
    out = tmp_path / "r.parquet"
    slow = doc(engines={"risk": {"draws": 50_000}})
    slow["sweep"] = {**slow["sweep"], "batch_size": 1}
    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                           dashboard_address=":0")
    calls: list[int] = []

    def stop_after_two(done: int, total: int) -> None:
        calls.append(done)
        if done >= 2 and len(calls) == 3:
            threading.Thread(target=cluster.close).start()

    with pytest.raises(ClusterUnavailable) as info:
        sweep(slow, out=out, scheduler=cluster.scheduler_address, progress=stop_after_two)
    cluster.close()
    kept = results_module.ResultsFile(out, prepare(slow).columns, prepare(slow).metadata())
    assert 2 <= len(kept.done()) < 8
    assert (f"the {len(kept.done())} variants finished are kept in {kept.parts}; run the "
            "same sweep again to resume") in str(info.value)


class _Server:
    """A TCP server on a free port that answers every connection with ``reply`` (or
    keeps silent with None)."""

    def __init__(self, reply: bytes | None) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.reply = reply
        self.address = f"tcp://127.0.0.1:{self.sock.getsockname()[1]}"
        self.open: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.open.append(conn)
            if self.reply is not None:
                conn.sendall(self.reply)

    def close(self) -> None:
        for c in self.open:
            c.close()
        self.sock.close()


@pytest.mark.parametrize(("reply", "message"), [
    (b"HTTP/1.1 400 Bad Request\r\n\r\n" * 4, "did not answer as a Dask scheduler"),
    (None, "did not answer within 1 s"),
])
def test_a_server_that_is_not_a_scheduler(reply: bytes | None, message: str) -> None:
    server = _Server(reply)
    try:
        with pytest.raises(ClusterUnavailable, match=message):
            check_scheduler(server.address, 1.0)
    finally:
        server.close()


def test_a_real_scheduler_passes_the_check(client: Client) -> None:
    check_scheduler(client.scheduler.address, 2.0)
    with pytest.raises(ClusterUnavailable, match="'nowhere' is not a Dask scheduler address"):
        check_scheduler("nowhere", 1.0)


EVERY_KIND = """\
[sweep]
name = "every-kind"
scenario = "paris-2025"
seed = 9
design = "random"
samples = 3

[[parameters]]
name = "assumptions.rotation_ratio"
range = { start = 3, stop = 5, step = 1 }

[[parameters]]
name = "pledges.DEU.modality"
values = ["cautious", "offered"]

[[parameters]]
name = "pledges.FRA.probability"
distribution = { kind = "triangular", low = 0.2, mode = 0.35, high = 0.8 }

[[parameters]]
name = "pledges.GBR.troops"
distribution = { kind = "normal", mean = 8000, sd = 1000 }

[[parameters]]
name = "coalition.POL"
values = [true, false]

[[parameters]]
name = "backstops.USA.modality"
values = ["considering", "committed"]

[[parameters]]
name = "sourcing.backstop_in_place"
values = [false, true]
"""


def test_a_sweep_file_with_every_kind_of_parameter(tmp_path: Path) -> None:
    """Each kind the issue names, in each form (list, range, distribution), read from a
    file and run by ``forcegen.sweep(spec, client=None)`` on its own local cluster."""
    import forcegen

    f = tmp_path / "every.toml"
    f.write_text(EVERY_KIND, "utf-8")
    df = forcegen.sweep(f, workers=1, processes=False)
    assert isinstance(df, pd.DataFrame) and len(df) == 3
    assert list(df.columns[:9]) == ["variant", "seed", "assumptions.rotation_ratio",
                                    "pledges.DEU.modality", "pledges.FRA.probability",
                                    "pledges.GBR.troops", "coalition.POL",
                                    "backstops.USA.modality", "sourcing.backstop_in_place"]
    assert df["error"].isna().all()
    assert set(df["assumptions.rotation_ratio"]) <= {3, 4, 5}
    assert df["pledges.FRA.probability"].between(0.2, 0.8).all()
    # max possible: France's 10,000 and the UK's number, rounded to whole troops
    assert list(df["max_possible"]) == [10000 + round(t) for t in df["pledges.GBR.troops"]]
    assert df["coalition.POL"].dtype == bool


def test_local_workers_keep_the_default_memory_allocator(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dask's nannies set MALLOC_TRIM_THRESHOLD_=65536 in their workers, which made the
    engines 30 % slower there than in a plain loop; forcegen's local cluster unsets it."""
    import os

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with dask_client(workers=1, processes=True) as client:
        seen = client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_"))
        threads = client.run(lambda: os.environ.get("OPENBLAS_NUM_THREADS"))
    assert list(seen.values()) == [None]
    assert list(threads.values()) == ["1"]  # the rest of Dask's worker settings stay
