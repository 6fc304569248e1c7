"""Fuzzing: mutated statement tables and random command lines never escape as a raw exception.

* A valid statement table is mutated (cells, types, columns, rows). Each mutation either validates
  or raises :class:`~comparekit.errors.TableError` whose every problem names a row and a column.
* Random command lines exit 0 or 2 with no traceback and no "unexpected" error.

Kept fast: modest ``max_examples``, no build inside the loop.
"""

from __future__ import annotations

import contextlib
import math
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from comparekit.cli import app
from comparekit.errors import TableError
from comparekit.schema import STATEMENT_COLUMNS, validate_statements

# no shrinking phase: one example takes a fraction of a second, and shrinking would take minutes
_FUZZ = settings(max_examples=60, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

_CELLS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["", "nan", "inf", "-1", "1e309", "2025.5", "五十", "53%左右", "linyi", "exact", "target", "≥10 (8)", "长" * 300]),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
)


@pytest.fixture(scope="module")
def sample(statements):
    ids = ["chengwu_2024-001", "jieshou_pilot-025", "linyi_county_2023-004", "luan_14fyp-002", "qiaocheng_2024-016", "linyi_county_2023-001"]
    return statements[statements["statement_id"].isin(ids)].reset_index(drop=True)


def _mutate(table: pd.DataFrame, data) -> pd.DataFrame:
    table = table.copy().astype(object)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        kind = data.draw(st.sampled_from(["cell", "cell", "cell", "drop_column", "add_column", "duplicate_row", "drop_row", "retype", "rename"]), label="kind")
        columns = list(table.columns)
        if kind == "cell" and len(table):
            row = data.draw(st.integers(0, len(table) - 1), label="row")
            pos = data.draw(st.integers(0, len(columns) - 1), label="column")
            cells = table.iloc[:, pos].tolist()
            cells[row] = data.draw(_CELLS, label="value")
            table.isetitem(pos, pd.Series(cells, index=table.index, dtype=object))
        elif kind == "drop_column" and len(columns) > 1:
            table = table.drop(columns=[data.draw(st.sampled_from(columns), label="dropped")])
        elif kind == "add_column":
            name, filler = data.draw(st.sampled_from(["reviewer", "extra", "值"]), label="added"), data.draw(_CELLS, label="filler")
            table[name] = pd.Series([filler] * len(table), index=table.index, dtype=object)
        elif kind == "duplicate_row" and len(table):
            row = data.draw(st.integers(0, len(table) - 1), label="copied")
            table = pd.concat([table, table.iloc[[row]]], ignore_index=True)
        elif kind == "drop_row" and len(table) > 1:
            table = table.drop(index=table.index[data.draw(st.integers(0, len(table) - 1), label="removed")]).reset_index(drop=True)
        elif kind == "retype":
            pos = data.draw(st.integers(0, len(columns) - 1), label="retyped")
            table.isetitem(pos, pd.Series([None if v is None else str(v) for v in table.iloc[:, pos].tolist()], index=table.index, dtype=object))
        elif kind == "rename" and len(columns) > 1:
            old, new = data.draw(st.sampled_from(columns), label="renamed"), data.draw(st.sampled_from(columns + ["Value", "place"]), label="to")
            table.columns = [new if c == old else c for c in columns]
    return table


@_FUZZ
@given(data=st.data())
def test_mutated_tables_validate_or_name_row_and_column(sample, data):
    table = _mutate(sample, data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            checked = validate_statements(table)
        except TableError as error:
            assert len(error.problems), "a TableError lists its problems"
            for problem in error.problems.itertuples(index=False):
                assert problem.row is not None and str(problem.row) != "", problem
                assert isinstance(problem.column, str) and problem.column, problem
            return
    assert list(checked.columns[: len(STATEMENT_COLUMNS)]) == STATEMENT_COLUMNS
    for column in ("value", "value_high"):
        assert all(math.isfinite(v) for v in checked[column].dropna())


_WORDS = [
    "compare", "coverage", "validate", "indicators", "extract",
    "urbanization_rate", "城镇化率", "happiness", "--year", "2025", "2025.7", "-1", "99999", "abc",
    "--lang", "zh", "en", "fr", "--scope", "county", "countyy", "--format", "table", "csv", "json", "xml",
    "--full", "--min-places", "0", "2", "--statements", "--report", "--place", "linyi", "linyii",
    "--out", "--horizon", "--debug-not-an-option", "--help", "", " ", "托位",
]


@pytest.fixture(scope="module")
def playground(tmp_path_factory, sample):
    folder = tmp_path_factory.mktemp("fuzz")
    sample.to_csv(folder / "good.csv", index=False)
    (folder / "bad.csv").write_text("statement_id,value\nx,1\n", encoding="utf-8")
    (folder / "folder").mkdir()
    return folder


@_FUZZ
@given(args=st.lists(st.sampled_from(_WORDS + ["good.csv", "bad.csv", "folder", "missing.csv", "out/p.csv"]), min_size=1, max_size=6))
def test_random_command_lines_exit_0_or_2_without_traceback(playground, args):
    if "extract" in args and any(a in args for a in ("good.csv", "bad.csv")):
        args = [a for a in args if a != "extract"] or ["--help"]  # keep extraction (slow) out of the loop
    with contextlib.chdir(playground):
        result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 2), (args, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert "Traceback" not in result.output and "error: unexpected" not in result.output, (args, result.output)
