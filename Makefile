# Concordat: the one front door. Every target can be re-run from any state.
SHELL := /bin/bash
PYTHON ?= python3.11
HOST ?= 127.0.0.1
PORT ?= 8000

# uv comes from PATH, or is installed once into .tools/ with the machine's Python.
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
VENV := .venv
BIN := $(VENV)/bin
CONCORDAT := $(BIN)/concordat

.PHONY: help setup env assets migrate run demo test test-fast check format bench clean

help:
	@echo "make run    install everything, build the demo ICS and serve it on http://$(HOST):$(PORT)"
	@echo "make test   install everything and run the whole test suite"
	@echo "make setup  install only (environment, npm assets, migrations)"
	@echo "make check  ruff lint, ruff format check and the migration check"
	@echo "make bench  run the benchmarks in benchmarks/"

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv

$(BIN)/python: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $(BIN)/python

env: $(BIN)/python

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch node_modules/.installed

static/vendor/.built: node_modules/.installed scripts/build_assets.sh
	bash scripts/build_assets.sh
	@touch static/vendor/.built

assets: static/vendor/.built

migrate: env
	$(CONCORDAT) migrate --noinput

setup: env assets migrate

demo: setup
	$(CONCORDAT) demo

run: demo
	$(CONCORDAT) runserver $(HOST):$(PORT)

test: env assets
	$(BIN)/python scripts/browser_check.py
	$(BIN)/pytest $(PYTEST_ARGS)

check: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(CONCORDAT) makemigrations --check --dry-run

format: env
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: env
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.raters_load

clean:
	rm -rf $(VENV) .tools node_modules static/vendor var/db.sqlite3
