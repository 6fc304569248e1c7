# comparekit — two entry points: `make build` and `make test` (see README Quickstart).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test setup clean benchmark clients

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

build: $(STAMP)
	$(BIN)/comparekit build

test: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m pytest -q -n 2 --nbmake --doctest-modules --ignore-glob="notebooks/*.py" comparekit tests notebooks

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_harmonize.py
	$(BIN)/python benchmarks/bench_extract.py

clients:  ## install the real clients the tests drive (apt, needs root or sudo): .ci/packages.txt
	bash .ci/install-clients

clean:
	rm -rf $(VENV) data/processed/* figures/*
