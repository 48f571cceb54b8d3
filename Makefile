PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test lint screenshots bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/kelisim demo --if-empty --quiet --interviews 3000   # the demo database, not the real one
	$(BIN)/kelisim

test: $(STAMP_DEV)
	$(BIN)/ruff check survey analysis reports desktop questionnaires tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy survey analysis reports
	$(BIN)/python -m pytest

screenshots: $(STAMP_DEV)
	$(BIN)/python -m desktop.screenshots docs/screenshots

clean:
	rm -rf $(VENV) build *.egg-info
