"""Harmonizing a Parquet dataset in record batches gives the rows that harmonize() gives on the whole table."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from comparekit.dataset import harmonize_dataset, harmonized_arrow_schema
from comparekit.errors import ComparekitError
from comparekit.harmonize import HARMONIZED_COLUMNS, harmonize
from comparekit.schema import load_statements


@pytest.fixture()
def dataset(tmp_path):
    """The curated statements written as a dataset of two Parquet files."""
    statements = load_statements()
    folder = tmp_path / "statements"
    folder.mkdir()
    half = len(statements) // 2
    statements.iloc[:half].to_parquet(folder / "part-0.parquet", index=False)
    statements.iloc[half:].to_parquet(folder / "part-1.parquet", index=False)
    return statements, folder


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["statement_id", "derived"], kind="stable").reset_index(drop=True)


def test_dataset_in_batches_equals_harmonize_on_the_whole_table(dataset, tmp_path):
    statements, folder = dataset
    out = tmp_path / "harmonized.parquet"
    summary = harmonize_dataset(folder, out, batch_rows=64)
    assert summary.input == len(statements) == summary.harmonized + summary.set_aside
    assert summary.batches == -(-(len(statements) // 2) // 64) + -(-(len(statements) - len(statements) // 2) // 64)
    written = pq.read_table(out)
    assert written.schema.equals(harmonized_arrow_schema())
    expected = _ordered(harmonize(statements))
    got = _ordered(written.to_pandas())
    assert list(got.columns) == HARMONIZED_COLUMNS
    assert len(got) == len(expected) and summary.derived == int(expected["derived"].sum())
    for column in HARMONIZED_COLUMNS:
        left, right = got[column].astype(object), expected[column].astype(object)
        same = (left == right) | (left.isna() & right.isna())
        assert same.all(), (column, left[~same].head(3).tolist(), right[~same].head(3).tolist())
    # the documents' own numbers come through: Qiaocheng's childcare slots per 1000, derived
    row = got[(got.place_id == "qiaocheng") & got.derived & (got.indicator_id == "childcare_slots_per_1000")]
    assert round(float(row["value"].iloc[0]), 1) == 12.4


def test_dataset_refuses_to_overwrite_and_names_a_missing_source(dataset, tmp_path):
    _, folder = dataset
    out = tmp_path / "harmonized.parquet"
    out.write_bytes(b"keep me")
    with pytest.raises(ComparekitError, match="exists already"):
        harmonize_dataset(folder, out)
    assert out.read_bytes() == b"keep me"
    with pytest.raises(ComparekitError, match="no such Parquet file"):
        harmonize_dataset(tmp_path / "missing", tmp_path / "new.parquet")
    with pytest.raises(ComparekitError, match="batch_rows must be a positive integer"):
        harmonize_dataset(folder, tmp_path / "new.parquet", batch_rows=0)
    assert not (tmp_path / "new.parquet").exists()


def test_dataset_of_categorical_numeric_rows(tmp_path):
    """Coded input (categorical ids, numbers already read) goes through the same path."""
    statements = load_statements().head(40)
    statements = statements[statements["value"].notna()].copy()
    for column in ("place_id", "source_id", "indicator_id", "unit", "qualifier", "kind"):
        statements[column] = statements[column].astype("category")
    statements.to_parquet(tmp_path / "coded.parquet", index=False)
    summary = harmonize_dataset(tmp_path / "coded.parquet", tmp_path / "out.parquet", batch_rows=7, validate=False)
    got = pq.read_table(tmp_path / "out.parquet").to_pandas()
    expected = harmonize(statements, validate=False)
    assert summary.input == len(statements)
    pd.testing.assert_series_equal(got.loc[~got["derived"], "value"].reset_index(drop=True),
                                   expected.loc[~expected["derived"], "value"].reset_index(drop=True))
    assert got["status"].tolist() == expected["status"].astype(object).tolist()
