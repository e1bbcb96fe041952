# Journeymap: `make run` starts the editor, `make test` runs the tests. Both create .venv.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

system-deps:
	@./scripts/system-deps.sh

run: system-deps $(STAMP)
	$(PY) main.py $(ARGS)

test: $(STAMP)
	@./scripts/system-deps.sh --with-postgresql
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)
	$(VENV)/bin/ruff check .

lint: $(STAMP)
	$(VENV)/bin/ruff check .

bench: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
