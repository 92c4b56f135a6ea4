# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
SERVE_STAMP := $(VENV)/.installed-serve
DEV_STAMP := $(VENV)/.installed-dev
# Installing compiles the extraction modules (setup.py): an edit to the loaders installs again.
COMPILED := setup.py $(wildcard contentgraph/loaders/*.py)
SAY_COMPILED := $(BIN)/python -c 'from contentgraph.loaders import compiled; \
	print("contentgraph extraction modules:", compiled.status())'

.PHONY: serve test install docs bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# What serving needs, and no more.
$(SERVE_STAMP): pyproject.toml $(COMPILED) | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(SAY_COMPILED)
	touch $@

# The test, docs and benchmark tools on top (pytest, Playwright, spaCy, MkDocs...).
$(DEV_STAMP): pyproject.toml $(COMPILED) | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	$(SAY_COMPILED)
	touch $@ $(SERVE_STAMP)

install: $(DEV_STAMP)

serve: $(SERVE_STAMP)
	$(BIN)/contentgraph serve

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

docs: $(DEV_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

bench: $(DEV_STAMP)
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache site build .mypy_cache *.so contentgraph/loaders/*.so \
		contentgraph/loaders/compiled-sources.json
