"""Tests of unit conversion with the factor table data/registry/units.csv."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from comparekit.errors import TableError
from comparekit.tables import read_csv_text
from comparekit.units import UnitError, canonical_unit, factor, per_1000, to_canonical, unknown_units
from comparekit.values import parse_value_texts


@pytest.mark.parametrize(
    "unit, canonical, unit_factor",
    [
        ("万个", "units", 1e4),
        ("个", "units", 1.0),
        ("亿元", "yuan", 1e8),
        ("万平方米", "m2", 1e4),
        ("张/千人", "per_1000_persons", 1.0),
        ("人/万人", "per_1000_persons", 0.1),
        ("%", "percent", 1.0),
        ("‰", "percent", 0.1),
        ("个百分点", "percentage_points", 1.0),
        ("ratio", "ratio", 1.0),
    ],
)
def test_canonical_unit_and_factor(unit, canonical, unit_factor):
    assert canonical_unit(unit) == canonical
    assert factor(unit) == unit_factor


@pytest.mark.parametrize("unit", ["万千克", "人口", "", None])
def test_unknown_unit_raises_unit_error_naming_it(unit):
    with pytest.raises(UnitError, match="units.csv") as info:
        factor(unit)
    assert repr(unit) in str(info.value)
    assert isinstance(info.value, ValueError)
    with pytest.raises(UnitError):
        canonical_unit(unit)


def test_conversions_of_parsed_values():
    texts = pd.Series(["1.9万个", "1200 亿元", "3.2 人/万人", "7.5 张/千人", "5—8个", "2‰", "180万平方米以上", "全覆盖", "47.2"])
    parsed = parse_value_texts(texts)
    converted = to_canonical(parsed)
    assert converted["value"].tolist()[:7] == [19000.0, 1.2e11, 0.32, 7.5, 5.0, 0.2, 1.8e6]
    assert converted["value_high"].iloc[4] == 8.0
    assert converted["canonical_unit"].tolist()[:7] == ["units", "yuan", "per_1000_persons", "per_1000_persons", "units", "percent", "m2"]
    assert converted["unit_factor"].tolist()[:3] == [1e4, 1e8, 0.1]
    # no unit: qualitative rows and bare numbers keep their values; the unit columns stay missing
    assert math.isnan(converted["value"].iloc[7]) and converted["value"].iloc[8] == 47.2
    assert converted[["canonical_unit", "unit_factor"]].iloc[7:].isna().all().all()
    # the input is not changed
    assert parsed["value"].iloc[0] == 1.9


def test_to_canonical_accepts_numbers_written_as_text():
    frame = pd.DataFrame({"value": ["1.9", None], "value_high": [None, None], "unit": ["万张", None]}, dtype=object)
    assert to_canonical(frame)["value"].iloc[0] == 19000.0


def test_unknown_units_error_lists_every_offending_row_with_file_and_row(tmp_path):
    path = tmp_path / "statements.csv"
    path.write_text(
        "statement_id,value,value_high,unit\n"
        "a-001,1.9,,万个\n"
        "a-002,3,,万千克\n"
        "a-003,,,\n"
        "a-004,2,,人口\n"
        "a-005,x,,%\n",
        encoding="utf-8",
    )
    frame = read_csv_text(path, display_name="statements.csv")
    with pytest.raises(TableError) as info:
        to_canonical(frame, what="statement table")
    problems = info.value.problems
    assert problems[["file", "row", "column", "value"]].values.tolist() == [
        ["statements.csv", 3, "unit", "万千克"],
        ["statements.csv", 5, "unit", "人口"],
        ["statements.csv", 6, "value", "x"],
    ]
    assert problems["problem"].tolist()[:2] == ["unknown unit; add it to data/registry/units.csv"] * 2
    message = str(info.value)
    assert message.startswith("statement table: 3 problem(s) found")
    assert "statements.csv, row 3, column 'unit': unknown unit; add it to data/registry/units.csv (value '万千克')" in message


def test_unknown_units_without_file_columns_name_the_index_label():
    frame = pd.DataFrame({"value": [1.0, 2.0, 3.0], "value_high": np.nan, "unit": ["个", "筐", "吨吨"]}, index=["x", "y", "z"])
    with pytest.raises(TableError) as info:
        to_canonical(frame)
    assert info.value.problems[["file", "row", "value"]].values.tolist() == [["<DataFrame>", "y", "筐"], ["<DataFrame>", "z", "吨吨"]]


def test_unknown_units_returns_the_failing_rows():
    frame = pd.DataFrame({"value": [1.0, 2.0, 3.0, None], "unit": ["个", "筐", None, "筐"]}, index=[5, 6, 7, 8])
    failing = unknown_units(frame)
    assert failing.index.tolist() == [6, 8]
    assert unknown_units(frame.rename(columns={"unit": "u"}), unit_column="u").index.tolist() == [6, 8]


def test_missing_value_column_is_reported():
    with pytest.raises(TableError, match="value_high"):
        to_canonical(pd.DataFrame({"value": [1.0], "unit": ["个"]}))
    converted = to_canonical(pd.DataFrame({"value": [1.0], "unit": ["万个"]}), value_columns=("value",))
    assert converted["value"].iloc[0] == 1e4


def test_per_1000():
    assert per_1000(19000, 1_500_000) == pytest.approx(12.6667, abs=1e-4)
    assert per_1000(3, 1000) == 3.0
    counts = pd.Series([1200.0, np.nan], index=["jieshou", "luan"])
    result = per_1000(counts, pd.Series([600_000, 600_000], index=["jieshou", "luan"]))
    assert result.index.tolist() == ["jieshou", "luan"]
    assert result.iloc[0] == 2.0 and math.isnan(result.iloc[1])
    # 人/万人 → per 1000 is the registry factor 0.1: 32 per 10 000 persons is 3.2 per 1000
    assert per_1000(32, 10_000) == 32 * factor("人/万人")
    with pytest.raises(ValueError, match="positive"):
        per_1000(5, 0)
