# One command to set up and build the demo help center, one to set up and test.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test trials lint setup setup-test serve clean

demo: setup                      ## set up and build the demo help center into site/
	$(BIN)/kbgen build
	@echo "Look at it: $(BIN)/kbgen build --site-url http://localhost:8000/ && $(BIN)/python -m http.server -d site 8000"

test: setup-test                 ## set up and run the whole test suite
	$(BIN)/python -m pytest

trials: setup-test               ## short fault trials (killed commands) and a benchmark smoke run
	$(BIN)/python -m pytest -m trial

lint: setup-test                 ## lint, format check and type check
	$(BIN)/ruff check kbgen bench tests
	$(BIN)/ruff format --check kbgen bench tests
	$(BIN)/mypy

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# kbgen is installed editable: only a change to pyproject.toml (its dependencies) needs pip again.
setup: $(VENV)/.installed

setup-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,dev,argos]'
	touch $@ $(VENV)/.installed

serve: setup                     ## live preview (English) at http://127.0.0.1:8000/en/
	$(BIN)/kbgen serve

clean:
	rm -rf site .kbgen
