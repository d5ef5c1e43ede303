"""The docs say what the code does: the CLI reference is generated and current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current() -> None:
    spec = importlib.util.spec_from_file_location("make_cli_md", ROOT / "docs" / "make_cli_md.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.render()
    actual = (ROOT / "docs" / "cli.md").read_text("utf-8")
    assert actual == expected, "docs/cli.md is stale: run `make docs`"
    assert "## `forcegen plan`" in actual


def test_every_setting_is_documented_in_the_readme() -> None:
    from forcegen.settings import Settings

    readme = (ROOT / "README.md").read_text("utf-8")
    prefix = Settings.model_config.get("env_prefix", "")
    for name in Settings.model_fields:
        assert f"`{prefix}{name.upper()}`" in readme, f"setting {name} is not in the README"


def test_the_package_docstring_session_runs() -> None:
    """The six-line session in ``forcegen/__init__.py`` is a doctest that runs."""
    import doctest

    import forcegen

    result = doctest.testmod(forcegen, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 3 and result.failed == 0
