"""The README's benchmark table is the one the saved results give (benchmarks/readme_table.py)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import readme_table  # noqa: E402
from _record import read_result  # noqa: E402


def _committed() -> dict:
    return {name: read_result(name, saved=True) for name in readme_table.NAMES}


def test_readme_table_is_the_committed_results():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.count(readme_table.START) == 1 and text.count(readme_table.END) == 1
    block = text[text.index(readme_table.START): text.index(readme_table.END) + len(readme_table.END)]
    assert block == readme_table.readme_block(_committed()), "run: python benchmarks/readme_table.py --write"


def test_every_committed_result_names_its_run():
    for name, result in _committed().items():
        assert result is not None, f"benchmarks/results/{name}.json is missing"
        assert result["benchmark"] == name
        assert result["commit"] and result["machine"] and result["date"].endswith("Z")


def test_table_judges_each_target_from_the_numbers():
    results = _committed()
    numeric = dict(results["numeric"], pyam_over_comparekit=1.5)
    harmonize = dict(results["harmonize"], harmonize_median_s=2.5, memory_above_input_mib=1100)
    table = {what: met for what, _, _, _, _, met in readme_table.rows({"numeric": numeric, "harmonize": harmonize})}
    assert table["numeric harmonize: pyam time / comparekit time"] is False
    assert table[f"text harmonize, {harmonize['statements']:,} rows"] is True
    assert table["text harmonize: peak memory above the input table"] is False
    assert "| 1.50× |" in readme_table.markdown({"numeric": numeric})


def test_write_readme_replaces_only_the_block(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"before\n{readme_table.START}\nold table\n{readme_table.END}\nafter\n", encoding="utf-8")
    readme_table.write_readme(_committed(), readme)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("before\n") and text.endswith("\nafter\n") and "old table" not in text
    assert readme_table.markdown(_committed()) in text


def test_only_saved_runs_are_committed():
    # a plain run writes benchmarks/results/latest/, which git ignores; benchmark-save replaces the committed files
    assert "benchmarks/results/latest/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
