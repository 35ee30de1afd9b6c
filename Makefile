# One command to set up and build the demo help center, one to set up and test.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint setup setup-test serve clean

demo: setup                      ## set up and build the demo help center into site/
	$(BIN)/kbgen build
	@echo "Look at it: $(BIN)/kbgen build --site-url http://localhost:8000/ && $(BIN)/python -m http.server -d site 8000"

test: setup-test                 ## set up and run the whole test suite
	$(BIN)/python -m pytest

lint: setup-test                 ## lint, format check and type check
	$(BIN)/ruff check kbgen bench tests
	$(BIN)/ruff format --check kbgen bench tests
	$(BIN)/mypy

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -e .

# torch first, pinned to the CPU build, so argostranslate does not pull a CUDA build.
setup-test: $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test,dev,argos]'

serve: setup                     ## live preview (English) at http://127.0.0.1:8000/en/
	$(BIN)/kbgen serve

clean:
	rm -rf site .kbgen
