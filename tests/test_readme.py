"""The README's first screen runs: its Python snippet, its commands, its tour."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README.read_text("utf-8"), flags=re.S)


def test_readme_python_snippet_runs(capsys: object) -> None:
    (snippet,) = blocks("python")
    namespace: dict[str, object] = {}
    exec(compile(snippet, str(README), "exec"), namespace)
    result = namespace["result"]
    doc = namespace["doc"]
    assert isinstance(doc, dict) and doc["scenario"] == "paris-2025"
    assert result.generation.max_possible == 10000  # type: ignore[attr-defined]
    df = namespace["df"]
    assert "FRA" in df.index and df.attrs["unit"] == "troops"  # type: ignore[attr-defined]


def test_readme_names_the_two_setup_commands() -> None:
    first = blocks("sh")[0]
    assert "make demo" in first and "make test" in first


def test_readme_tour_commands_exist() -> None:
    from typer.testing import CliRunner

    from forcegen.cli import app

    runner = CliRunner()
    lines = [line.split() for block in blocks("sh")[1:] for line in block.splitlines()
             if line.startswith(".venv/bin/forcegen ")]
    assert len(lines) >= 10
    for words in lines:
        path = [words[1]] + ([words[2]] if words[1] == "ledger" else [])
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, f"README: no command `forcegen {' '.join(path)}`"


def test_python_dash_m_runs() -> None:
    out = subprocess.run([sys.executable, "-m", "forcegen", "--help"], capture_output=True,
                         text=True, check=True)
    assert "plan" in out.stdout
