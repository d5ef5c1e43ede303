# forcegen: `make demo` runs the plan on the embedded scenario, `make test` runs every check.
# Both create .venv and install the pinned dependencies (requirements.lock) first.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Every extra (pyproject.toml [project.optional-dependencies]); requirements.lock pins them all.
EXTRAS := $(shell sed -n '/^\[project.optional-dependencies\]/,/^\[/s/^\([a-z][a-z0-9_-]*\) *=.*/\1/p' pyproject.toml | paste -sd, -)


.PHONY: install demo test pytest lint typecheck contracts bench fuzz lock clean docs mutants

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "forcegen needs Python 3.11, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e ".[$(EXTRAS)]"
	$(BIN)/python -m pip check
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
	$(BIN)/python benchmarks/bench_sourcing.py

# Mutation testing ([tool.mutmut] in pyproject.toml): analysis/ and model/ against the fast
# tests. One engine at a time: make mutants MUTATE='forcegen.analysis.plan.*'
MUTATE ?=
mutants: install
	FORCEGEN_MUTANTS=1 $(BIN)/mutmut run --max-children 2 $(MUTATE)
	$(BIN)/mutmut results

# The long fuzz run: 10,000 mutated scenarios, no traceback, no hang (the suite runs 200).
fuzz: install
	$(BIN)/python benchmarks/fuzz.py --cases 10000
	$(BIN)/python benchmarks/bench_web.py

# Re-pin the dependencies (needs the registry): edit pyproject.toml, then `make lock`.
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --all-extras --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis mutants
