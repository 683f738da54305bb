# Elke Stap: `make run` to try it, `make test` to check it. Both install what they need.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := chromium fonts-dejavu-core fonts-noto-core
PG_URL ?= postgresql+psycopg://127.0.0.1:5432/test

.PHONY: run serve test test-sqlite test-postgres setup setup-test system-test-deps translations lint bench audit clean

run: setup
	ELKESTAP_ENV=development $(FLASK) db upgrade
	ELKESTAP_ENV=development $(FLASK) demo load
	ELKESTAP_ENV=development $(FLASK) run --host 127.0.0.1 --port 5000

setup: $(VENV)/.installed node_modules/.installed translations

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[test]" 2>&1 | { grep -v "is ignored: it is neither" || true; }
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d translations --statistics 2>&1 | grep -v '^$$' | tail -n 5

system-test-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

setup-test: setup system-test-deps

test: setup-test
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite:
	$(BIN)/ruff check webapp tests bench scripts
	$(BIN)/pytest

# The database tests again on PostgreSQL, when one answers (the development and CI machines have one).
test-postgres:
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('host=127.0.0.1 port=5432 dbname=test', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "PostgreSQL answers: running the database tests on it"; \
	  TEST_DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "not browser" tests/services tests/test_migrations.py; \
	else echo "PostgreSQL not reachable at 127.0.0.1:5432: skipped the PostgreSQL run"; fi

# Speed and weight (issue 6): each script also runs alone, see bench/README.md.
# wrk and valgrind come from Debian; Lighthouse from bench/package.json, kept out of what `make test` installs.
bench: setup-test
	@dpkg -s wrk >/dev/null 2>&1 && dpkg -s valgrind >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk valgrind >/dev/null; }
	$(BIN)/python -m bench

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	touch $@

audit: setup-test bench/node_modules/.installed
	$(BIN)/python -m bench.audit

lint:
	$(BIN)/ruff check webapp tests bench scripts
	$(BIN)/ruff format --check webapp tests bench scripts

clean:
	rm -rf $(VENV) node_modules instance/elkestap.sqlite*
