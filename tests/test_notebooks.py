"""Notebooks are paired with jupytext scripts and stay thin; nbmake executes them (see Makefile)."""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
EXPECTED = ["00_quickstart", "01_urbanization", "02_childcare", "03_green_building", "04_comparability", "05_briefing_deck", "06_student_explorer"]


def test_every_notebook_exists_in_both_forms():
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == EXPECTED
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.py")) == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_pair_is_in_sync(name):
    script = jupytext.read(NOTEBOOKS / f"{name}.py")
    notebook = jupytext.read(NOTEBOOKS / f"{name}.ipynb")
    assert [(c.cell_type, c.source.strip()) for c in script.cells] == [(c.cell_type, c.source.strip()) for c in notebook.cells], f"run: jupytext --sync notebooks/{name}.py"
    assert "ipynb,py:percent" in script.metadata["jupytext"]["formats"]


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_is_narrated_and_thin(name):
    notebook = jupytext.read(NOTEBOOKS / f"{name}.py")
    markdown = [c for c in notebook.cells if c.cell_type == "markdown"]
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert len(markdown) >= 3, "explain what each step shows"
    assert all(len(c.source.splitlines()) <= 25 for c in code), "move long computations into comparekit/"
    assert any("comparekit" in c.source for c in code)
