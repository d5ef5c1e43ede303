"""A lean install: without an extra, the core and the CLI work, and the feature that needs
the extra says which one to install (the missing library is simulated by blocking its
import)."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forcegen.cli import app
from forcegen.errors import MissingExtra
from forcegen.extras import EXTRAS, require

runner = CliRunner()
ROOT = Path(__file__).parents[1]


def block(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make ``import MODULE`` fail, as if the extra were not installed."""
    for name in list(sys.modules):
        if any(name == m or name.startswith(m + ".") for m in modules):
            monkeypatch.delitem(sys.modules, name)
    for m in modules:
        monkeypatch.setitem(sys.modules, m, None)


def test_extras_match_pyproject() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    optional = meta["optional-dependencies"]
    core = " ".join(meta["dependencies"])
    for extra, modules in EXTRAS.items():
        assert extra in optional
        assert modules[0] not in core  # a lean install does not pull it in
        assert any(d.startswith(modules[0]) for d in optional[extra])


def test_plot_without_its_extra_names_it(monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    block(monkeypatch, "matplotlib")
    result = runner.invoke(app, ["plan", "--plot", str(tmp_path / "plan.png")])
    assert result.exit_code == 2
    assert "pip install 'forcegen[plot]'" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "plan.png").exists()


def test_postgresql_without_its_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    block(monkeypatch, "psycopg")
    result = runner.invoke(app, ["plan", "--db", "postgresql+psycopg://u@127.0.0.1:9/none"])
    assert result.exit_code == 2
    assert "needs the 'postgres' extra" in result.stderr
    assert "pip install 'forcegen[postgres]'" in result.stderr


def test_the_core_and_cli_work_without_any_extra(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    block(monkeypatch, *(m for modules in EXTRAS.values() for m in modules))
    assert runner.invoke(app, ["plan", "--json"]).exit_code == 0
    url = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    assert runner.invoke(app, ["ledger", "init", "--db", url]).exit_code == 0
    result = runner.invoke(app, ["ledger", "import", "paris-2025", "--db", url])
    assert result.exit_code == 0, result.output


def test_require_passes_when_installed() -> None:
    require("plot", "a chart")  # the test environment has every extra
    with pytest.raises(KeyError):
        require("no-such-extra", "anything")


def test_missing_extra_is_an_install_problem() -> None:
    assert MissingExtra("x").exit_code == 2
    assert MissingExtra("x").http_status == 501
