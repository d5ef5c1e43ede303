"""``forcegen sweep`` and ``forcegen sweep-report`` through Typer's runner: a small sweep
on a local cluster, its report and plot, and bad input with exit code 2."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from forcegen.cli import app

runner = CliRunner()

SMALL = """\
[sweep]
name = "cli-small"
scenario = "paris-2025"
seed = 3
design = "grid"

[engines.risk]
draws = 1000

[[parameters]]
name = "pledges.GBR.troops"
range = { start = 5000, stop = 15000, step = 10000 }

[[parameters]]
name = "assumptions.rotation_ratio"
values = [3.0, 5.0]
"""


def test_sweep_then_report(tmp_path: Path) -> None:
    f = tmp_path / "small.toml"
    f.write_text(SMALL, "utf-8")
    out = tmp_path / "small.parquet"
    result = runner.invoke(app, ["sweep", str(f), "--workers", "1", "--threads", "--out",
                                 str(out), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc == {"sweep": "cli-small", "out": str(out), "variants": 4, "computed": 4,
                   "resumed": 0, "failed": 0}
    df = pd.read_parquet(out)
    assert list(df["pledges.GBR.troops"]) == [5000, 5000, 15000, 15000]
    assert list(df["max_possible"]) == [15000, 15000, 25000, 25000]

    again = runner.invoke(app, ["sweep", str(f), "--workers", "1", "--out", str(out)])
    assert again.exit_code == 0, again.output
    assert "0 computed now, 4 already there" in again.stdout

    plot = tmp_path / "heat.png"
    rep = runner.invoke(app, ["sweep-report", str(out), "--plot", str(plot), "--json"])
    assert rep.exit_code == 0, rep.output
    report = json.loads(rep.stdout)
    assert report["variants"] == 4 and report["target"] == "p_min_steady_with_priors"
    assert "variance-based" in report["method"]
    assert {r["parameter"] for r in report["ranking"]} == {"pledges.GBR.troops",
                                                          "assumptions.rotation_ratio"}
    assert report["heatmap"]["x_labels"]
    assert plot.stat().st_size > 1000
    text = runner.invoke(app, ["sweep-report", str(out)])
    assert text.exit_code == 0 and "What moves the headline most" in text.stdout


def test_empty_range_names_file_field_and_line(tmp_path: Path) -> None:
    f = tmp_path / "empty.toml"
    f.write_text(SMALL.replace("start = 5000, stop = 15000", "start = 5000, stop = 1000"),
                 "utf-8")
    result = runner.invoke(app, ["sweep", str(f), "--workers", "1"])
    assert result.exit_code == 2
    assert f"{f}:12: parameters[0].range: the range from 5000 to 1000 by 10000 is empty" \
        in result.stderr
    assert "Traceback" not in result.output


def test_scheduler_that_does_not_answer(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("forcegen.io.cluster.CONNECT_TIMEOUT", 1.0)
    f = tmp_path / "small.toml"
    f.write_text(SMALL, "utf-8")
    result = runner.invoke(app, ["sweep", str(f), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "the Dask scheduler at tcp://127.0.0.1:9 did not answer within" in result.stderr


def test_report_refuses_a_file_that_is_not_a_sweep(tmp_path: Path) -> None:
    other = tmp_path / "other.parquet"
    pd.DataFrame({"x": [1, 2]}).to_parquet(other)
    result = runner.invoke(app, ["sweep-report", str(other)])
    assert result.exit_code == 2
    assert "not a forcegen sweep results file" in result.stderr
    missing = runner.invoke(app, ["sweep-report", str(tmp_path / "nope.parquet")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


KILLABLE = """\
[sweep]
name = "killable"
scenario = "paris-2025"
seed = 5
design = "grid"
batch_size = 1

[engines.risk]
draws = 20000

[[parameters]]
name = "pledges.GBR.troops"
range = { start = 0, stop = 15000, step = 1000 }
"""


def test_killed_then_resumed_gives_the_file_of_an_uninterrupted_run(tmp_path: Path) -> None:
    """A real kill (SIGKILL, no clean-up) of `forcegen sweep` once two variants are in,
    then the same command again: the file equals the one an uninterrupted run writes, and
    the variants finished before the kill are not computed again."""
    f = tmp_path / "killable.toml"
    f.write_text(KILLABLE, "utf-8")
    killed = tmp_path / "killed.parquet"
    parts = tmp_path / "killed.parquet.parts"
    cmd = [sys.executable, "-m", "forcegen", "sweep", str(f), "--threads", "--workers", "1",
           "--no-progress", "--out", str(killed)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(list(parts.glob("part-*.parquet"))) < 2:
            assert proc.poll() is None, "the sweep ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert not killed.exists()
    kept = len(list(parts.glob("part-*.parquet")))
    assert 2 <= kept < 16

    again = runner.invoke(app, ["sweep", str(f), "--threads", "--workers", "1", "--out",
                                str(killed), "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["resumed"] == kept
    whole = tmp_path / "whole.parquet"
    assert runner.invoke(app, ["sweep", str(f), "--threads", "--workers", "1", "--out",
                               str(whole)]).exit_code == 0
    a, b = pq.read_table(killed), pq.read_table(whole)
    assert a.num_rows == 16 and a.equals(b) and a.schema.metadata == b.schema.metadata
    assert not parts.exists()


def test_results_of_another_sweep_exit_2_and_are_kept(tmp_path: Path) -> None:
    f = tmp_path / "small.toml"
    f.write_text(SMALL, "utf-8")
    out = tmp_path / "small.parquet"
    assert runner.invoke(app, ["sweep", str(f), "--threads", "--workers", "1", "--out",
                               str(out)]).exit_code == 0
    before = out.read_bytes()
    f.write_text(SMALL.replace("seed = 3", "seed = 4"), "utf-8")
    result = runner.invoke(app, ["sweep", str(f), "--threads", "--workers", "1", "--out",
                                 str(out)])
    assert result.exit_code == 2
    assert f"{out}: results of another sweep ('cli-small'" in result.stderr
    assert "Nothing was changed." in result.stderr and "Traceback" not in result.output
    assert out.read_bytes() == before


def test_progress_bar_on_stderr(tmp_path: Path) -> None:
    f = tmp_path / "small.toml"
    f.write_text(SMALL, "utf-8")
    result = runner.invoke(app, ["sweep", str(f), "--threads", "--workers", "1", "--out",
                                 str(tmp_path / "p.parquet"), "--progress"])
    assert result.exit_code == 0, result.output
    assert "sweep cli-small" in result.stderr and "100%" in result.stderr
    quiet = runner.invoke(app, ["sweep", str(f), "--threads", "--workers", "1", "--out",
                                str(tmp_path / "q.parquet"), "--no-progress"])
    assert quiet.exit_code == 0 and "100%" not in quiet.stderr
