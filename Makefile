# comparekit — two entry points: `make build` and `make test` (see README Quickstart).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test setup clean benchmark benchmark-save benchmark-scale clients

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

# Benchmarks run in their own environment: pyam (the `bench` extra) pins an older matplotlib than
# the test environment's, so it is kept out of .venv.
BENCH_VENV  ?= .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

$(BENCH_STAMP): pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e ".[bench]"
	touch $(BENCH_STAMP)

# Results go to benchmarks/results/latest/; only benchmark-save replaces the committed ones.
benchmark: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python benchmarks/run.py

benchmark-save: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python benchmarks/run.py --save

benchmark-scale: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python benchmarks/run.py --only scale

clients:  ## install the real clients the tests drive (apt, needs root or sudo): .ci/packages.txt
	bash .ci/install-clients

clean:
	rm -rf $(VENV) data/processed/* figures/*
