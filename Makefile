# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP_STAMP := $(VENV)/.installed

.PHONY: install run test test-fast test-sqlite test-postgres lint runtime-packages system-packages messages lighthouse bench

install: $(PIP_STAMP)

$(PIP_STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,s3]"
	touch $@

run: install runtime-packages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content --if-empty
	$(PY) manage.py create_dev_admin
	@echo
	@echo "  Site:    http://127.0.0.1:8000/   (Latvian at /lv/, English at /en/)"
	@echo "  Admin:   http://127.0.0.1:8000/admin/   user: admin   password: admin"
	@echo "  Outbox:  $(CURDIR)/var/outbox/   (e-mails are written there as files)"
	@echo "  Stop with Ctrl+C."
	@echo
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho start -f Procfile.dev

# Debian packages the site itself needs at run time: fonts for the demo
# pictures and the certificates, Pango for WeasyPrint (the certificates' PDF).
# Needs root.
RUNTIME_PACKAGES := fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
runtime-packages:
	@if [ ! -d /usr/share/fonts/truetype/dejavu ] || ! ldconfig -p | grep -q libpangoft2-1.0; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(RUNTIME_PACKAGES) >/dev/null; \
	fi

# And what the tests need besides: Chromium for the browser tests, Java for
# the Nu HTML checker, Redis and PostgreSQL for the second test lane and the
# broker tests, wrk for the load test and the benchmark.
TEST_PACKAGES := chromium default-jre-headless redis-server wrk postgresql
system-packages: runtime-packages
	@if ! command -v chromium >/dev/null || ! command -v java >/dev/null \
		|| ! command -v redis-server >/dev/null || ! command -v wrk >/dev/null \
		|| ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_PACKAGES) >/dev/null; \
	fi

# The whole suite twice: on the embedded defaults (SQLite, SQLite broker,
# local-memory cache) and on PostgreSQL + Redis started for the run. Both
# lanes always run; `make test` fails if either fails. One lane alone:
# `make test-sqlite` or `make test-postgres`; PYTEST_ARGS narrows a lane,
# e.g. `make test-postgres PYTEST_ARGS=tests/home`.
test: install system-packages
	@status=0; \
	$(MAKE) --no-print-directory test-sqlite || status=1; \
	$(MAKE) --no-print-directory test-postgres || status=1; \
	exit $$status

test-sqlite: install system-packages
	env -u DATABASE_URL -u CELERY_BROKER_URL -u CACHE_URL \
		$(PY) -m pytest -m "not postgres_only" $(PYTEST_ARGS)

test-postgres: install system-packages
	scripts/test_lane_postgres.sh $(PYTEST_ARGS)

# The loop while working (docs/testing.md): lane 1 without the tests that start
# other programs, drive the browser or load the site. `make test` runs them all.
test-fast: install
	env -u DATABASE_URL -u CELERY_BROKER_URL -u CACHE_URL \
		$(PY) -m pytest -n auto -m "not postgres_only and not processes and not browser and not load" $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m scripts.check_layout

# Refresh the translation catalogues after changing strings (needs gettext).
messages: install
	$(PY) manage.py makemessages -l lv -l en --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

# Lighthouse on the home page and a news post (production settings, gunicorn).
lighthouse: install system-packages
	test -x var/lighthouse/node_modules/.bin/lighthouse || npm install --prefix var/lighthouse --no-audit --no-fund --loglevel=error lighthouse@12
	$(PY) -m scripts.lighthouse

# Speed (docs/benchmarks.md): SQL queries per page, pages per second against a
# trivial view, newsletter messages per second against raw smtplib, the home
# page's weight. Writes var/bench/latest.json; exits 1 when a target is missed.
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): pyproject.toml
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	touch $@

bench: install system-packages $(BENCH_STAMP)
	$(PY) -m scripts.bench
