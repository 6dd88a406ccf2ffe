# The README's two commands: `make run` and `make test`. Each sets up .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# `make bundle EXTRAS=test`: extras from pyproject.toml to carry in the offline bundle.
EXTRAS ?=
DIST ?= dist

.PHONY: run test fuzz lint bench validate bundle clean db db-stop

ifneq ($(wildcard wheelhouse/.),)
# An unpacked offline bundle (`make bundle`): check SHA256SUMS, then install from wheelhouse/
# alone; no package index is ever asked. `make test` first checks the test extras are in.
$(VENV)/.installed: pyproject.toml
	@$(PYTHON) scripts/offline_install.py --venv $(VENV)
	touch $@

TEST_FIRST := .bundle-has-test-extras
.PHONY: .bundle-has-test-extras
.bundle-has-test-extras:
	@$(PYTHON) scripts/offline_install.py --need test --check-only

bundle:
	@echo "This is an offline bundle already; build bundles where the package index is reachable." >&2
	@exit 1
else
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-install when the project definition changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# dist/adatlas-offline-<version>-<python tag>-<platform>.tar.gz for this Python and platform.
bundle: | $(BIN)/python
	$(BIN)/python scripts/bundle.py --extras '$(EXTRAS)' --dist '$(DIST)'
endif

run: $(VENV)/.installed
	$(BIN)/streamlit run server.py --server.address localhost --server.port $(PORT) \
		--browser.gatherUsageStats false

# In a bundle, before installing anything: does it carry the test extras?
test: $(TEST_FIRST) $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/pytest -q $(PYTEST_ARGS)

# Long property-based fuzzing (20,000 examples per property; make test runs 300 each).
fuzz: $(VENV)/.installed
	HYPOTHESIS_PROFILE=long $(BIN)/pytest -q -m fuzz tests/fuzz --timeout 0 --hypothesis-show-statistics

# A local PostgreSQL/PostGIS team store in .pgdata/ with the shipped dataset loaded (README:
# "A team's shared store"). Needs Debian's postgresql and postgresql-15-postgis-3.
DB_PORT ?= 5433
db: $(VENV)/.installed
	$(BIN)/python scripts/team_db.py --dir .pgdata --port $(DB_PORT)

db-stop: $(VENV)/.installed
	$(BIN)/python -m adatlas.db.cluster stop .pgdata

validate: $(VENV)/.installed
	$(BIN)/adatlas validate

bench: $(VENV)/.installed
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) static test-artifacts .pytest_cache .ruff_cache .hypothesis dist
