"""Shared fixtures: the curated tables are loaded once per session."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest


@pytest.fixture(scope="session")
def statements():
    from comparekit.schema import load_statements

    return load_statements()


@pytest.fixture(scope="session")
def harmonized(statements):
    from comparekit.harmonize import harmonize

    return harmonize(statements)
