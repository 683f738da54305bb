# Elke Stap: `make run` to try it, `make test` to check it. Both install what they need.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# From Debian. What the app needs to run: Pango (with HarfBuzz) for WeasyPrint, which makes the
# cv PDF, and the fonts the PDF embeds. What the tests need besides: Chromium, and poppler-utils
# to read a PDF back (pdftotext, pdffonts, pdftoppm).
APT_RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core
APT_PACKAGES := $(APT_RUN_PACKAGES) chromium poppler-utils
PG_URL ?= postgresql+psycopg://127.0.0.1:5432/test

.PHONY: run serve test test-sqlite test-postgres setup setup-test system-run-deps system-test-deps translations lint bench bench-tools audit clean

# Migrations, demo data and development push keys, then the server and the reminder worker
# together (webapp/devserver.py). Another port: PORT=5100 make run
PORT ?= 5000
run: setup system-run-deps
	ELKESTAP_ENV=development $(BIN)/python -m webapp.devserver --port $(PORT)

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

# Installs the Debian packages named in $(1) that are missing.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

system-run-deps:
	$(call apt_install,$(APT_RUN_PACKAGES))

system-test-deps:
	$(call apt_install,$(APT_PACKAGES))

setup-test: setup system-test-deps

test: setup-test
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: lint
	$(BIN)/pytest

# The database tests again on PostgreSQL, when one answers (the development and CI machines have one),
# and the query counts of her pages (a row picked or a statement built differently shows there).
test-postgres:
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('host=127.0.0.1 port=5432 dbname=test', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "PostgreSQL answers: running the database tests on it"; \
	  TEST_DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "not browser" tests/services tests/test_migrations.py tests/views/test_query_counts.py; \
	else echo "PostgreSQL not reachable at 127.0.0.1:5432: skipped the PostgreSQL run"; fi

# Speed and weight (issue 6): each script also runs alone, see bench/README.md.
# wrk and valgrind come from Debian; Lighthouse from bench/package.json, kept out of what `make test` installs.
bench: setup-test bench-tools
	$(BIN)/python -m bench

# Only the tools, for running one benchmark alone (bench/README.md).
bench-tools:
	$(call apt_install,wrk valgrind)

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	touch $@

audit: setup-test bench/node_modules/.installed
	$(BIN)/python -m bench.audit

# Style, formatting and the layers (the import contracts in pyproject.toml).
lint:
	$(BIN)/ruff check webapp tests bench scripts
	$(BIN)/ruff format --check webapp tests bench scripts
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf $(VENV) node_modules instance/elkestap.sqlite*
