# comparekit — two entry points: `make build` and `make test` (see README Quickstart).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test setup clean benchmark benchmark-save benchmark-scale

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

BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	touch $(BENCH_STAMP)

# Results go to benchmarks/results/latest/; only benchmark-save replaces the committed ones.
benchmark: $(BENCH_STAMP)
	$(BIN)/python benchmarks/run.py

benchmark-save: $(BENCH_STAMP)
	$(BIN)/python benchmarks/run.py --save

benchmark-scale: $(BENCH_STAMP)
	$(BIN)/python benchmarks/run.py --only scale

clean:
	rm -rf $(VENV) data/processed/* figures/*
