# helhedsplan — the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(VENV)/bin/pytest
DEBIAN_PACKAGES := chromium tesseract-ocr tesseract-ocr-dan wdanish poppler-utils \
	libreoffice-writer-nogui libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
# `make run` listens on this machine only; HOST=0.0.0.0 make run to serve the network too
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: stress stress-pg setup system-packages run test test-slow test-all test-pg lint typecheck check-migrations eval corpus bench demo clean

setup: system-packages $(VENV)/.installed

# Debian packages for OCR, document conversion, PDF rendering and browser tests. Installed when
# we run as root with apt-get (our machines, CI); elsewhere the app runs and names what is missing.
system-packages:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installerer Debian-pakker: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "Bemærk: disse Debian-pakker mangler (OCR, konvertering, browsertest): $$missing"; \
		echo "Installér dem med: sudo apt-get install $$missing"; \
	fi

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@

run: setup
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py load_demo --port $(PORT)
	$(PY) manage.py serve $(HOST):$(PORT)  # runserver + the background worker, stopped together

demo: setup
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo

# `make test` and `make test-pg` run the suite in one process per core (pytest-xdist), each on a
# test database of its own; TEST_WORKERS=0 runs it in this process alone. `--dist load` keeps
# pytest-django's order in each process: the tests that commit (and so empty the database
# after them) run after all the others.
TEST_WORKERS ?= auto
XDIST := -n $(TEST_WORKERS) --dist load

test: setup
	$(PYTEST) $(XDIST)

test-slow: setup
	$(PYTEST) -m slow

test-all: setup
	$(PYTEST) -m 'slow or not slow'

test-pg: setup
	DATABASE_URL=$(PG_URL) $(PYTEST) $(XDIST)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: setup
	$(VENV)/bin/mypy .

check-migrations: setup
	$(PY) manage.py makemigrations --check --dry-run

# Import accuracy: the seeds, then the layout corpus (built once into .cache/corpus/, reused).
# Filters for importer work: make eval ARGS="--family merged --format pdf --show-misses"
eval: setup
	$(PY) -m corpus.seeds $(ARGS)

corpus: setup
	$(PY) -m corpus build

bench: setup
	@$(PY) -m bench.importing
	@$(PY) -m bench.followup
	@$(PY) -m bench.portfolio

# 20 clients for 60 s against gunicorn (2 workers, DEBUG off): errors, saves, p95 per page
STRESS_SECONDS ?= 60
STRESS_PG_DB ?= helhedsplan_stress
stress: setup
	@$(PY) -m config.stress --seconds $(STRESS_SECONDS)

stress-pg: setup
	@dropdb -h 127.0.0.1 -U postgres --if-exists $(STRESS_PG_DB) && createdb -h 127.0.0.1 -U postgres $(STRESS_PG_DB)
	@$(PY) -m config.stress --seconds $(STRESS_SECONDS) --database-url postgres://postgres@127.0.0.1:5432/$(STRESS_PG_DB); \
		status=$$?; dropdb -h 127.0.0.1 -U postgres --if-exists $(STRESS_PG_DB); exit $$status

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
