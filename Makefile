# Two commands matter: `make play` and `make test`. Both build .venv on first use.
# `make help` lists every target.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLAY_STAMP := $(VENV)/.stamp-play
TEST_STAMP := $(VENV)/.stamp-test

.PHONY: help play test typecheck coverage thorough snapshots format bench clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

play: $(PLAY_STAMP) ## Play, with saves in ./saves (ARGS="new --deck partners" passes arguments)
	$(BIN)/h2h --saves saves $(ARGS)

test: $(TEST_STAMP) ## What CI runs: ruff, mypy, import contracts, the suite with coverage
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -n 2 --cov --cov-report= $(PYTEST_ARGS)
	$(BIN)/python -m tests.coverage_gate

typecheck: $(TEST_STAMP) ## mypy alone (strict on the engine, decks, store, session, flow)
	$(BIN)/mypy

coverage: $(TEST_STAMP) ## The suite with a line-by-line coverage report in htmlcov/
	$(BIN)/pytest -n 2 --cov --cov-report=html $(PYTEST_ARGS)
	$(BIN)/python -m tests.coverage_gate

# Longer property runs than CI can afford: hypothesis examples and store crash kills.
thorough: $(TEST_STAMP) ## Many more hypothesis examples and 500 crash kills
	$(BIN)/pytest -n 2 --hypothesis-profile=thorough --thorough $(PYTEST_ARGS)

# Regenerate UI snapshots after a deliberate change; look at the report before committing.
snapshots: $(TEST_STAMP) ## Regenerate the UI snapshots (then look at snapshot_report.html)
	$(BIN)/pytest tests/tui tests/studio --snapshot-update $(PYTEST_ARGS)

format: $(TEST_STAMP) ## ruff format and ruff's fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(TEST_STAMP) ## The speed table, measured in a real terminal (BENCH_ARGS="--only keys")
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)

$(PLAY_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(PLAY_STAMP)

clean: ## Remove the venv and every cache
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .import_linter_cache .mypy_cache htmlcov .coverage .coverage.*
