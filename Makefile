# Two commands matter: `make play` and `make test`. Both build .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLAY_STAMP := $(VENV)/.stamp-play
TEST_STAMP := $(VENV)/.stamp-test

.PHONY: play test lint format snapshots thorough bench clean

play: $(PLAY_STAMP)
	$(BIN)/h2h --saves saves $(ARGS)

test: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

# Longer property runs than CI can afford: hypothesis examples and store crash kills.
thorough: $(TEST_STAMP)
	$(BIN)/pytest -n 2 --hypothesis-profile=thorough --thorough $(PYTEST_ARGS)

# Regenerate UI snapshots after a deliberate change; look at the report before committing.
snapshots: $(TEST_STAMP)
	$(BIN)/pytest tests/tui --snapshot-update $(PYTEST_ARGS)

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# h2h against bare baselines, in a real terminal (tmux) where it can: one table, and
# benchmarks/results.json. A few minutes; BENCH_QUICK=1 for a smoke run, BENCH_ARGS="--only keys".
bench: $(TEST_STAMP)
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

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .import_linter_cache
