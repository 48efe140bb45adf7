# Two commands do everything on a fresh machine: `make demo` and `make test`.
# Each installs what is missing (a .venv with the Python packages, Debian's
# system packages) and then runs; running them again installs nothing.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
# The sample records are an archive of 2017: build them as the public saw them then.
AS_OF ?= 2017-12-31
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo test bench system install clean

demo: install
	$(BIN)/safety365 check records
	$(BIN)/safety365 build --records records --out dist --as-of $(AS_OF)

test: install
	$(BIN)/python -m pytest

bench: install $(VENV)/.bench-installed
	@bash scripts/install-system-packages.sh hugo
	$(BIN)/python bench/run.py

# Zensical, built beside our site by the bench (the `bench` extra).
$(VENV)/.bench-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $@

install: system $(VENV)/.installed node_modules/.installed

system:
	@bash scripts/install-system-packages.sh

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# The desk's editing app (Decap CMS) and the site audit (Lighthouse), pinned in package-lock.json.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf dist .cache $(VENV) .pytest_cache node_modules
