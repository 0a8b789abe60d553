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
MIN_VENV := .venv-min
WHEELHOUSE := dist/wheelhouse
AERPC := PATH="$(BIN):$$PATH" $(PY) -m aerpc.cli
export AERPC_CHROMIUM := $(CHROMIUM)

.PHONY: help setup setup-browser setup-qt check-tools generate check-generated lint typecheck test test-py \
        test-js test-min test-wheel wheelhouse docs demo bench soak cep ae-selftest format clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

check-tools: ## Python >= 3.11 with venv, node >= 20 with npm: what setup builds on
	@$(PYTHON) -c 'import sys, venv; assert sys.version_info >= (3, 11), sys.version' 2>/dev/null || \
	  { echo "need $(PYTHON) >= 3.11 with the venv module (Debian: apt-get install python3-venv)" >&2; exit 1; }
	@node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null && \
	  command -v npm >/dev/null || \
	  { echo "need node >= 20 and npm (Debian: apt-get install nodejs npm)" >&2; exit 1; }

$(PY_STAMP): pyproject.toml | check-tools
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,bench,mcp,shell]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json | check-tools
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

# PySide6's wheels bundle Qt but not the system libraries its QtGui links (GL, EGL, xkbcommon,
# fontconfig, glib, dbus): a headless Debian may lack them, then `import PySide6.QtWidgets` fails.
QT_DEBIAN_PACKAGES := libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3

setup-qt: setup ## the system libraries PySide6 needs for tests/qt (apt, as root); idempotent
	@if $(PY) -c 'import PySide6.QtWidgets' 2>/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=none; fi; \
	if [ "$$SUDO" != none ] && command -v apt-get >/dev/null; then \
	  echo "installing the libraries PySide6 needs from Debian's packages"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(QT_DEBIAN_PACKAGES) >/dev/null; \
	else \
	  echo "PySide6 does not import and its libraries cannot be installed here (need apt-get as root or through sudo): $(QT_DEBIAN_PACKAGES)" >&2; exit 1; \
	fi

generate: setup ## lint the schema and write every generated file
	$(AERPC) --root . generate

check-generated: setup ## fail when a generated file differs from what the schema generates
	$(AERPC) --root . generate --check

lint: setup ## ruff check + ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup ## ruff format + import sorting
	$(BIN)/ruff check --select I --fix .
	$(BIN)/ruff format .

typecheck: setup ## mypy --strict over runtime, codegen, generated, tests, bench, examples
	$(BIN)/mypy

# pytest's exit 5 means it collected nothing: a broken collection, never a pass.
# The wheelhouse is for tests/packaging/test_wheel.py (the wheel in a fresh venv, offline).
test-py: setup setup-browser setup-qt wheelhouse cep
	@$(BIN)/pytest -q -p no:cacheprovider || { rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: that is a failure here" >&2; fi; \
	  exit $$rc; }

# Files, not a folder: node 20 takes a folder, node 21 and later take only files or globs.
test-js: setup cep
	node --test $$(find tests/js -name '*.test.js' | sort)

# Below aiohttp 3.14 (no decode_text) aiohttp itself closes a socket that sends invalid UTF-8
# with 1007 instead of letting the server answer: the three fuzz tests that send such frames run
# at the newest versions only; tests/packaging/test_floor.py checks the 1007 behaviour here.
MIN_DESELECT := $(foreach t,fuzz_after_hello fuzz_before_hello fuzz_from_the_host_itself,\
  --deselect tests/reliability/test_hostile.py::test_$(t))

test-min: setup cep ## the runtime and codegen suites against the lowest dependency versions allowed
	@test -x $(MIN_VENV)/bin/python || $(PYTHON) -m venv $(MIN_VENV)
	$(MIN_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r .ci/minimum-versions.txt
	$(MIN_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(MIN_VENV)/bin/python -m pytest -q -p no:cacheprovider $(MIN_DESELECT) tests/runtime \
	  tests/reliability tests/e2e tests/cep tests/codegen tests/packaging/test_floor.py

wheelhouse: setup ## build the aerpc wheel, and the wheels it installs with, into dist/wheelhouse
	rm -f $(WHEELHOUSE)/aerpc-*.whl
	$(PY) -m pip wheel --quiet --disable-pip-version-check --find-links $(WHEELHOUSE) \
	  -w $(WHEELHOUSE) '.[codegen]'

test-wheel: wheelhouse ## the wheel in a fresh venv outside the tree: cep install, simulator, generate
	$(BIN)/pytest -q -p no:cacheprovider tests/packaging/test_wheel.py

docs: setup ## the documentation site (mkdocs, strict: a broken link or warning fails) in dist/site
	$(BIN)/mkdocs build --strict --quiet --site-dir dist/site

test: setup setup-browser setup-qt check-generated lint typecheck test-py test-js docs ## everything CI checks

demo: setup cep ## the main job end to end on the simulated After Effects
	$(AERPC) --root . generate --check >/dev/null
	$(PY) examples/demo.py

bench: setup cep ## benchmarks against raw aiohttp and wsrpc-aiohttp (writes bench/results/)
	$(PY) bench/run.py

soak: setup cep ## the reliability scenarios, longer and with random fault timing
	AERPC_SOAK=1 $(BIN)/pytest -q -p no:cacheprovider tests/reliability

# The node harness and the tests load the built extension (what After Effects loads), so every
# target that runs the panel builds it first.
cep: setup ## build the installable CEP extension folder and zip under dist/
	$(PY) runtime/cep/build.py

ae-selftest: setup ## build dist/aerpc-selftest.jsx: run it in After Effects (File > Scripts > Run Script File)
	$(PY) runtime/cep/selftest/build_selftest.py

clean: ## remove build outputs (not the venv)
	rm -rf dist build .mypy_cache .ruff_cache .pytest_cache
