# aerpc — every command a developer or CI runs. `make help` lists them.
# `make demo` and `make test` set everything up themselves on a fresh machine.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.aerpc-installed
NODE_STAMP := node_modules/.aerpc-installed
CHROMIUM ?= /usr/bin/chromium
SCHEMA := schema/aftereffects.openrpc.json

.PHONY: help setup setup-browser generate check-generated lint typecheck test test-py test-js \
        demo bench soak cep format clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(PY_STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(PY_STAMP) $(NODE_STAMP) ## venv + editable install with dev extras, node packages from the lock file

setup-browser: ## Debian's chromium for the browser test (apt, as root); idempotent
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=none; fi; \
	if [ "$$SUDO" != none ] && command -v apt-get >/dev/null; then \
	  echo "installing chromium from Debian's packages"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "chromium is missing and cannot be installed here (need apt-get as root or through sudo)" >&2; exit 1; \
	fi

generate: setup ## lint the schema and write every generated file
	PATH="$(BIN):$$PATH" $(PY) -m aerpc.codegen generate

check-generated: setup ## fail when a generated file differs from what the schema generates
	PATH="$(BIN):$$PATH" $(PY) -m aerpc.codegen generate --check

lint: setup ## ruff check + ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup ## ruff format + import sorting
	$(BIN)/ruff check --select I --fix .
	$(BIN)/ruff format .

typecheck: setup ## mypy --strict over runtime, codegen, generated, tests, bench, examples
	$(BIN)/mypy

test-py: setup setup-browser
	$(BIN)/pytest -q -p no:cacheprovider || [ $$? -eq 5 ]

test-js: setup
	node --test tests/js/

test: setup setup-browser check-generated lint typecheck test-py test-js ## everything CI checks

demo: setup ## the main job end to end on the simulated After Effects
	PATH="$(BIN):$$PATH" $(PY) -m aerpc.codegen generate --check >/dev/null
	$(PY) examples/demo.py

bench: setup ## benchmarks against raw aiohttp and wsrpc-aiohttp (writes bench/results/)
	$(PY) bench/run.py

soak: setup ## the reliability scenarios, longer and with random fault timing
	AERPC_SOAK=1 $(BIN)/pytest -q -p no:cacheprovider tests/reliability

cep: setup ## build the installable CEP extension folder and zip under dist/
	$(PY) runtime/cep/build.py

clean: ## remove build outputs (not the venv)
	rm -rf dist build .mypy_cache .ruff_cache .pytest_cache
