PYTHON ?= python3
# The lowest Python Kelisim supports (requires-python): what `make test-lowest` runs on.
PYTHON_LOWEST ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
# The pinned, tested dependency set: `make run` and `make test` install exactly these versions.
LOCK := requirements/lock.txt
# The environment `make lock` freezes (e.g. LOCK_FROM=.venv-latest after a green test-latest).
LOCK_FROM ?= $(VENV)
LINT_PATHS := survey analysis reports desktop questionnaires tests bench tools

.PHONY: run test test-fast test-latest test-lowest lock screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e .
	touch $@

$(STAMP_DEV): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e ".[dev]"
	touch $@ $(STAMP_RUN)

# The whole suite with the tools of the environment $(1): lint, import layers, types, tests.
define suite
	$(1)/ruff check $(LINT_PATHS)
	$(1)/lint-imports
	$(1)/mypy survey analysis reports
	$(1)/python -m pytest
endef

# A new, empty environment $(1) made by the Python $(2).
define new_venv
	rm -rf $(1)
	$(2) -m venv $(1)
	$(1)/bin/python -m pip install --quiet --upgrade pip
endef

run: $(STAMP_RUN)
	$(BIN)/kelisim demo --if-empty --quiet --interviews 3000   # the demo database, not the real one
	$(BIN)/kelisim

test: $(STAMP_DEV)
	$(call suite,$(BIN))

# ruff and the tests not marked slow (tests/conftest.py says which): the loop while working.
test-fast: $(STAMP_DEV)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/python -m pytest -q -m "not slow" -n 2

# The whole suite on the newest versions pyproject.toml allows, in a fresh .venv-latest.
test-latest:
	$(call new_venv,.venv-latest,$(PYTHON))
	.venv-latest/bin/python -m pip install --quiet -e ".[dev]"
	$(call suite,.venv-latest/bin)

# The whole suite on the lowest versions pyproject.toml declares, on the lowest Python, in a
# fresh .venv-lowest: uv's lowest-direct resolution takes the lowest version every `>=` bound
# of kelisim[dev] allows (the rest of the tree as new as those allow).
test-lowest:
	$(call new_venv,.venv-lowest,$(PYTHON_LOWEST))
	.venv-lowest/bin/python -m pip install --quiet uv
	.venv-lowest/bin/uv pip install --quiet --python .venv-lowest/bin/python \
		--resolution lowest-direct -e ".[dev]"
	$(call suite,.venv-lowest/bin)

# Pins the dependency tree of kelisim[dev] as installed in $(LOCK_FROM) into $(LOCK).
lock:
	@test -x $(LOCK_FROM)/bin/python || { echo "no $(LOCK_FROM): run make test first"; exit 1; }
	$(LOCK_FROM)/bin/python tools/deps.py $(LOCK)

screenshots: $(STAMP_DEV)
	$(BIN)/python -m desktop.screenshots docs/screenshots

clean:
	rm -rf $(VENV) .venv-latest .venv-lowest build *.egg-info
