"""The statement table: complete, every quote at its offsets, malformed rows rejected clearly."""

from __future__ import annotations

import pandas as pd
import pytest

from comparekit.errors import TableError
from comparekit.schema import STATEMENT_COLUMNS, load_statements, validate_statements
from comparekit.sources import read_source_text


def test_every_quote_is_found_at_its_offsets(statements):
    for rec in statements.itertuples():
        text = read_source_text(rec.source_id)
        assert text[rec.quote_start : rec.quote_end] == rec.quote, rec.statement_id
        assert rec.value_text in rec.quote, rec.statement_id


def test_columns_and_dtypes(statements):
    assert list(statements.columns) == STATEMENT_COLUMNS
    assert str(statements["year"].dtype) == "Int64"
    assert str(statements["quote_start"].dtype) == "Int64"
    assert statements["value"].dtype == "float64"
    assert statements["statement_id"].is_unique


def test_every_place_is_covered(statements):
    counts = statements.groupby("place_id").size()
    assert set(counts.index) == {"jieshou", "luan", "chengwu", "qiaocheng", "linyi"}
    assert len(statements) >= 300
    assert (counts >= 30).all(), counts


def test_qualitative_rows_have_no_value(statements):
    qualitative = statements[statements["qualifier"] == "qualitative"]
    assert len(qualitative) > 10
    assert qualitative["value"].isna().all()


def _row(statements, statement_id):
    frame = statements[statements["statement_id"] == statement_id].copy()
    assert len(frame) == 1
    return frame.astype(object).where(frame.notna(), None)


@pytest.fixture
def good(statements):
    return _row(statements, "linyi_county_2023-002")


def _problems(frame):
    with pytest.raises(TableError) as info:
        validate_statements(frame, what="test table")
    return info.value


def test_valid_row_passes(good):
    assert len(validate_statements(good)) == 1


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("place_id", "atlantis", "unknown place_id"),
        ("indicator_id", "happiness_index", "unknown indicator_id"),
        ("source_id", "nowhere_2099", "unknown source_id"),
        ("quote_start", 5, "quote not found at its offsets"),
        ("value", 150.0, "must lie within 0–100"),
        ("year", "twenty", "is not a whole number"),
        ("kind", "wish", "must be one of: baseline, target, standard"),
        ("qualifier", "roughly", "must be one of"),
        ("value", "fifty", "is not a number"),
        ("unit", "furlong", "unknown unit"),
        ("value_text", "99%", "value_text is not part of the quote"),
        ("statement_id", None, "is required but empty"),
        ("quote", None, "is required but empty"),
        ("place_id", "luan", "belongs to place linyi"),
    ],
)
def test_malformed_rows_are_rejected_with_row_and_column(good, column, value, message):
    bad = good.copy()
    bad[column] = value
    error = _problems(bad)
    assert message in str(error)
    assert column in set(error.problems["column"])
    assert error.problems["row"].iloc[0] == bad.index[0]


def test_duplicate_ids_are_reported(good):
    error = _problems(pd.concat([good, good]))
    assert "duplicate" in str(error)


def test_missing_column_is_reported(good):
    error = _problems(good.drop(columns=["quote_end"]))
    assert "quote_end" in set(error.problems["column"])
    assert "required column is missing" in str(error)


def test_range_needs_high_bound_and_order(good):
    bad = good.copy()
    bad["qualifier"] = "range"
    error = _problems(bad)
    assert "a range needs value_high" in str(error)
    bad["value_high"] = 10.0
    assert "value_high is below value" in str(_problems(bad))


def test_all_problems_are_listed_at_once(good):
    bad = pd.concat([good] * 3, ignore_index=True)
    bad["statement_id"] = ["linyi_county_2023-901", "linyi_county_2023-902", "linyi_county_2023-903"]
    bad.loc[0, "place_id"] = "atlantis"
    bad.loc[1, "value"] = 250.0
    bad.loc[2, "kind"] = "wish"
    error = _problems(bad)
    assert sorted(set(error.problems["row"])) == [0, 1, 2]  # row 1 also disagrees with its value_text


def test_csv_errors_name_file_and_line(tmp_path, good):
    bad = good.copy()
    bad["indicator_id"] = "happiness_index"
    path = tmp_path / "statements"
    path.mkdir()
    bad.to_csv(path / "mine.csv", index=False)
    with pytest.raises(TableError) as info:
        load_statements(path)
    assert "mine.csv, row 2, column 'indicator_id'" in str(info.value)


def test_ragged_csv_line_is_reported(tmp_path):
    path = tmp_path / "statements"
    path.mkdir()
    (path / "ragged.csv").write_text(",".join(STATEMENT_COLUMNS) + "\nonly,three,cells\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"ragged.csv, row 2.*expected 16 cells"):
        load_statements(path)
