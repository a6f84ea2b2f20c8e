# Vistka — run `make` to list the targets.
.DEFAULT_GOAL := help
PY := .venv/bin/python
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/vistka

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-10s %s\n", $$1, $$2}'

demo: ## Build everything, load the demo newsroom and serve it on 127.0.0.1:$${PORT:-8000}
	bin/demo

stack: ## Varnish on $${PORT:-8000} in front of $${APP_PROCESSES:-2} app processes (DATABASE_URL, REDIS_URL)
	bin/stack

bench: deps ## Measure delivery against nginx serving the same bytes (BENCH_QUICK=1: short run; BENCH_DATABASE_URL=...)
	$(PY) -m bench.run

drills: deps ## Resilience drills on loopback, each PASS/FAIL with its figures (DRILLS_QUICK=1: the quick set; DRILLS=a,b)
	$(PY) -m drills.run

deps: ## Create .venv and install the pinned dependencies
	bin/install-deps

test: deps ## Run the whole test suite (SQLite; TEST_DATABASE_URL=postgres://... for PostgreSQL)
	$(PY) -m vistka.core.compile_messages
	DATABASE_URL=$${TEST_DATABASE_URL:-$${DATABASE_URL:-}} $(PY) -m pytest -q -p no:warnings -n $${TEST_PROCESSES:-2} $(PYTEST_ARGS)

test-postgres: deps ## Run the whole test suite on the local PostgreSQL
	$(MAKE) test TEST_DATABASE_URL=$(PG_TEST_URL)

lint: deps ## Ruff lint and format check, and missing migrations
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	SECRET_KEY=lint $(PY) manage.py makemigrations --check --dry-run

format: deps ## Ruff fix and format
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

messages: deps ## Extract interface strings into the uk/ru/en catalogues (needs GNU gettext)
	cd vistka && SECRET_KEY=x ../$(PY) ../manage.py makemessages -l uk -l ru -l en --no-obsolete -i 'demo/*'

.PHONY: help demo stack bench drills deps test test-postgres lint format messages
