"""Tests of the extractor evaluation: scores on the five plans and the matching rules."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from comparekit.evaluate import SUMMARY_COLUMNS, evaluate, evaluation_markdown, extract_sources, match_statements


@pytest.fixture(scope="module")
def extracted() -> pd.DataFrame:
    return extract_sources()


@pytest.fixture(scope="module")
def evaluation(extracted, statements):
    return evaluate(extracted, statements)


def test_extractor_reaches_the_targets_on_the_five_plans(evaluation, statements):
    summary = evaluation.summary.set_index("source_id")
    assert list(evaluation.summary.columns) == SUMMARY_COLUMNS
    assert set(summary.index) == set(statements["source_id"]) | {"total"}
    total = summary.loc["total"]
    assert total["curated_numeric"] == statements["value"].notna().sum()
    assert total["recall"] >= 0.90
    assert total["precision"] >= 0.85
    assert total["value_accuracy"] >= 0.98  # values are exact where matched (100% when last measured)
    assert (summary["recall"] >= 0.85).all() and (summary["precision"] >= 0.85).all()
    assert total["matched"] == summary.drop(index="total")["matched"].sum()


def test_misses_and_false_alarms_are_listed_with_quotes(evaluation):
    summary = evaluation.summary.set_index("source_id").loc["total"]
    assert len(evaluation.misses) == summary["curated_numeric"] - summary["matched"]
    assert len(evaluation.false_alarms) == summary["extracted_numeric"] - summary["matched"]
    for frame in (evaluation.misses, evaluation.false_alarms):
        if len(frame):
            assert frame["quote"].notna().all() and frame["value_text"].notna().all()


def test_first_occurrence_spans_are_stricter(extracted, statements, evaluation):
    strict = evaluate(extracted, statements, spans="first").summary.set_index("source_id").loc["total"]
    lenient = evaluation.summary.set_index("source_id").loc["total"]
    assert strict["matched"] <= lenient["matched"]


def _rows(prefix: str, items: list[tuple]) -> pd.DataFrame:
    """Rows of one source: (quote, quote_start, value_text, value, value_high, indicator_id)."""
    return pd.DataFrame(
        [(f"{prefix}-{i:03d}", "s1", q, start, vt, v, h, ind) for i, (q, start, vt, v, h, ind) in enumerate(items, 1)],
        columns=["statement_id", "source_id", "quote", "quote_start", "value_text", "value", "value_high",
                 "indicator_id"],
    )


def test_matching_on_a_hand_made_example():
    text = "城镇化率达到55%左右,新建公园5个,绿地率40%,建成区10公里。全覆盖。"
    curated = _rows("c", [
        ("城镇化率达到55%左右", 0, "55%左右", 55.0, np.nan, "urbanization_rate"),  # found, right value
        ("新建公园5个", 12, "5个", 5.0, np.nan, "parks"),  # found with a wrong value
        ("绿地率40%", 19, "40%", 40.0, np.nan, "green"),  # missed
        ("全覆盖", 34, "全覆盖", np.nan, np.nan, "coverage"),  # qualitative: not scored
    ])
    extracted = _rows("e", [
        ("城镇化率达到55%左右", 0, "55%左右", 55.0, np.nan, "urbanization_rate"),
        ("公园5个", 14, "5个", 6.0, np.nan, None),
        ("建成区10公里", 26, "10公里", 10.0, np.nan, None),  # false alarm
    ])
    for frame in (curated, extracted):
        for quote, start in frame[["quote", "quote_start"]].itertuples(index=False):
            assert text[start : start + len(quote)] == quote
    result = evaluate(extracted, curated)
    total = result.summary.set_index("source_id").loc["total"]
    assert total[["curated_numeric", "extracted_numeric", "matched"]].tolist() == [3, 3, 2]
    assert total["precision"] == pytest.approx(2 / 3) and total["recall"] == pytest.approx(2 / 3)
    assert total["value_accuracy"] == 0.5 and total["indicator_agreement"] == 0.5
    assert result.misses["statement_id"].tolist() == ["c-003"]
    assert result.false_alarms["statement_id"].tolist() == ["e-003"]
    assert result.wrong_values[["statement_id", "value", "extracted_value"]].values.tolist() == [["c-002", 5.0, 6.0]]


def test_new_existing_pair_is_matched_one_to_one_by_value():
    quote = "新建(已建)小区每千人口托位数不少于10(8)个"
    curated = _rows("c", [(quote, 0, "10(8)个", 10.0, np.nan, "x"), (quote, 0, "10(8)个", 8.0, np.nan, "x")])
    extracted = _rows("e", [(quote, 0, "不少于10(8)个", 8.0, np.nan, "x"), (quote, 0, "不少于10(8)个", 10.0, np.nan, "x")])
    pairs = match_statements(curated, extracted)
    assert sorted(pairs[["curated_pos", "extracted_pos"]].values.tolist()) == [[0, 1], [1, 0]]
    assert pairs["value_equal"].all()
    one = match_statements(curated, extracted.iloc[:1])
    assert len(one) == 1 and one["value_equal"].all()  # one-to-one: the 8 goes to the curated 8


def test_repeated_value_text_uses_every_occurrence_unless_first_is_asked():
    quote = "人员由2名政府工作人员、2名民警组成"
    curated = _rows("c", [("人员由2名政府工作人员", 0, "2名", 2.0, np.nan, "x"), ("2名民警", 12, "2名", 2.0, np.nan, "x")])
    extracted = _rows("e", [(quote, 0, "2名", 2.0, np.nan, "x"), (quote, 0, "2名", 2.0, np.nan, "x")])
    assert len(match_statements(curated, extracted)) == 2
    assert len(match_statements(curated, extracted, spans="first")) == 1


def test_markdown_table(evaluation):
    lines = evaluation_markdown(evaluation).splitlines()
    assert lines[0].startswith("| source | curated | extracted | matched | precision | recall |")
    assert len(lines) == 2 + len(evaluation.summary)
    assert lines[-1].startswith("| **total** |") and lines[-1].count("%") == 8


def test_a_value_given_in_another_unit_of_the_same_dimension_is_the_same_value():
    quote = "地区生产总值达到13.57万亿元"
    curated = pd.DataFrame({"quote": [quote], "quote_start": [0], "value_text": ["13.57万亿元"],
                            "value": [135700.0], "value_high": [np.nan], "unit": ["亿元"]})
    extracted = curated.assign(value=[13.57], unit=["万亿元"])
    assert match_statements(curated, extracted)["value_equal"].tolist() == [True]
    # a different quantity, or units of different dimensions, are not equal
    assert match_statements(curated, extracted.assign(value=[13.5]))["value_equal"].tolist() == [False]
    assert match_statements(curated, extracted.assign(unit=["万人"]))["value_equal"].tolist() == [False]
    # without unit columns, values compare as they are
    assert match_statements(curated.drop(columns="unit"), extracted.drop(columns="unit"))["value_equal"].tolist() == [False]
