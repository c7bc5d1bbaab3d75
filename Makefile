# The two commands of the README, plus the benchmarks.
#   make run    set up everything (idempotent) and serve the portal on http://127.0.0.1:5000
#   make test   set up the test databases and run the whole test suite
#   make bench  run the benchmarks and print their ratios to the targets
VENV := .venv
PY := $(VENV)/bin/python
TEST_INI := config/test$(GRLL_TEST_SLOT).ini

.PHONY: run test test-setup lint bench

run:
	@scripts/bootstrap.sh
	@$(PY) scripts/portal.py serve --env dev

test-setup:
	@WITH_BROWSER=1 scripts/bootstrap.sh
	@$(PY) scripts/portal.py prepare --env test

lint:
	@$(VENV)/bin/ruff check ckanext-grll tests scripts bench

test: test-setup lint
	@$(VENV)/bin/pytest --ckan-ini=$(TEST_INI) tests

bench: test-setup
	@$(PY) bench/run.py
