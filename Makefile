# Default: lint, types and tests. `make demo` builds the demo pack; `make ci` is what CI runs.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: all check lint test demo serve bench ci
all: lint test

$(BIN)/board: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

lint: $(BIN)/board
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(BIN)/board
	$(BIN)/pytest

demo: $(BIN)/board
	$(BIN)/board demo

bench: $(BIN)/board
	$(BIN)/python benchmarks/records.py --small

ci:
	bash .ci/run
