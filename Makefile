# The two commands of the README, plus the benchmarks.
#   make run    set up everything (idempotent) and serve the portal on http://127.0.0.1:5000
#   make test   set up the test databases and run the whole test suite (two halves at once)
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
	@# The suite in two halves at once, each on its own test slot, then CKAN's own
	@# search tests against grll_search (the yardstick of docs/search.md).
	@$(PY) scripts/run_tests.py

# The search figures are targets at 100,000 datasets: the first run generates and
# indexes that corpus (about 15 minutes), later runs reuse it. BENCH_SIZE=10000 is quicker.
BENCH_SIZE ?= 100000
bench: test-setup
	@$(PY) bench/run.py --size $(BENCH_SIZE)
	@# Each commitment's figures (bench/domain_<name>.py): they fill the test databases, which every test run rebuilds.
	@for bench in bench/domain_*.py; do [ -e "$$bench" ] || continue; $(PY) "$$bench" --ini config/test$(GRLL_TEST_SLOT).ini || exit 1; done
	@# What `make run`'s server (gunicorn) holds with 20 concurrent clients on a mix of pages.
	@$(PY) bench/load.py --ini $(TEST_INI)
	@$(PY) bench/page_weight.py --ini $(TEST_INI)
