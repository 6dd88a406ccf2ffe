# The README's two commands: `make run` and `make test`. Each sets up .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test fuzz lint bench validate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-install when the project definition changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/streamlit run server.py --server.address localhost --server.port $(PORT) \
		--browser.gatherUsageStats false

test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/pytest -q

# Long property-based fuzzing (20,000 examples per property; make test runs 300 each).
fuzz: $(VENV)/.installed
	HYPOTHESIS_PROFILE=long $(BIN)/pytest -q -m fuzz tests/fuzz --timeout 0 --hypothesis-show-statistics

validate: $(VENV)/.installed
	$(BIN)/adatlas validate

bench: $(VENV)/.installed
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) static test-artifacts .pytest_cache .ruff_cache .hypothesis
