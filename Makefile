# The README's two commands: `make run` and `make test`. Each sets up .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint bench validate clean

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

validate: $(VENV)/.installed
	$(BIN)/adatlas validate

bench: $(VENV)/.installed
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) static test-artifacts .pytest_cache .ruff_cache
