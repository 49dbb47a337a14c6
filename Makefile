# One command to run the portal, one to test it, on a fresh Debian 12 machine as root.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
PY := $(VENV)/bin/python
PG_VERSION := 15
APT_PACKAGES := postgresql-$(PG_VERSION) postgresql-$(PG_VERSION)-postgis-3 gdal-bin libgdal-dev \
	libpq-dev gcc python3-dev python3-venv redis-server gettext fonts-thai-tlwg \
	libpango-1.0-0 libpangoft2-1.0-0
APT_TEST_PACKAGES := chromium
APT_BENCH_PACKAGES := wrk
DB_NAME := eecportal
DB_USER := eecportal

.PHONY: run test setup system-packages test-packages bench-packages services database python-env messages demo bench screenshots backup restore

# Served as in production: gunicorn (3 workers), a Celery worker and beat; if one of them
# ends, all stop and make fails.
run: setup demo
	$(PY) manage.py collectstatic --noinput -v 0
	@echo "EEC Portal: http://127.0.0.1:8000  (Ctrl-C stops the web server, worker and beat)"
	$(PY) manage.py serve --bind 127.0.0.1:8000

test: setup test-packages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

setup: system-packages services database python-env messages
	mkdir -p var/static var/media
	$(PY) manage.py migrate --noinput

# Debian packages: install only what is missing, so a second run is quick.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing:$$missing"; apt-get update -q && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; fi
endef

system-packages:
	$(call apt_install,$(APT_PACKAGES))

test-packages:
	$(call apt_install,$(APT_TEST_PACKAGES))

bench-packages:
	$(call apt_install,$(APT_BENCH_PACKAGES))

# Use PostgreSQL and Redis when they already run; start them when they do not.
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { pg_ctlcluster --skip-systemctl-redirect $(PG_VERSION) main start; \
	for i in $$(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { mkdir -p /var/lib/redis; \
	redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /var/lib/redis; \
	for i in $$(seq 10); do redis-cli ping >/dev/null 2>&1 && break; sleep 1; done; }

# A UTF-8 template with PostGIS and pg_trgm, whatever the cluster's own locale: Thai text
# and trigrams need it. The portal's database and the test database are made from it.
database:
	@runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qc "DO \$$\$$BEGIN IF NOT EXISTS \
	(SELECT FROM pg_roles WHERE rolname='$(DB_USER)') THEN CREATE ROLE $(DB_USER) LOGIN SUPERUSER \
	PASSWORD '$(DB_USER)'; END IF; END\$$\$$;"
	@runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname='$(DB_NAME)_template'" \
	| grep -q 1 || { runuser -u postgres -- createdb -O $(DB_USER) -E UTF8 --locale=C.UTF-8 \
	-T template0 $(DB_NAME)_template && runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q \
	-d $(DB_NAME)_template -c "CREATE EXTENSION postgis; CREATE EXTENSION pg_trgm;"; }
	@runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname='$(DB_NAME)'" | grep -q 1 \
	|| runuser -u postgres -- createdb -O $(DB_USER) -T $(DB_NAME)_template $(DB_NAME)

python-env: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

messages:
	$(PY) manage.py compilemessages --ignore '$(VENV)' --ignore 'var' -v 0

demo:
	$(PY) manage.py load_demo

bench: setup bench-packages
	$(PY) -m benchmarks

# The pages of docs/screenshots/, photographed again from the demo content.
screenshots: setup test-packages demo
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) docs/screenshots/take.py

# A consistent database dump, the media files and a manifest, in var/backups/<time>.
backup: python-env
	$(PY) manage.py backup

# Into an empty database (see README): make restore BACKUP=var/backups/<time>
restore: python-env
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/<time>"; exit 2; }
	$(PY) manage.py restore $(BACKUP)
