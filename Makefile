# forcegen: `make demo` runs the plan on the embedded scenario, `make test` runs every check.
# Both create .venv and install the pinned dependencies (requirements.lock) first.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test pytest lint typecheck contracts bench lock clean docs

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "forcegen needs Python 3.11, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e ".[dask]"
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/forcegen plan paris-2025

test: install lint typecheck contracts pytest

pytest: install
	$(BIN)/python -m pytest -q -n 2

lint: install
	$(BIN)/ruff check forcegen tests benchmarks docs tools

typecheck: install
	$(BIN)/mypy forcegen

contracts: install
	$(BIN)/lint-imports

docs: install
	$(BIN)/python docs/make_cli_md.py > docs/cli.md

bench: install
	$(BIN)/python benchmarks/bench_cli.py
	$(BIN)/python benchmarks/bench_ledger.py
	$(BIN)/python benchmarks/bench_reinforcement.py
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_risk.py
	$(BIN)/python benchmarks/bench_sweep.py
	$(BIN)/python benchmarks/bench_web.py

# Re-pin the dependencies (needs the registry): edit pyproject.toml, then `make lock`.
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra nlp --extra dask --extra web --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
