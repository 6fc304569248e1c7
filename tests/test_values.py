"""Tests of the value-text parser: real texts of the five plans, rules, and properties."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import comparekit
from comparekit.values import vectorized
from comparekit.registry import load_units
from comparekit.values import (
    QUALIFIERS,
    PARSED_COLUMNS,
    ParsedValue,
    ValueParseError,
    normalize_text,
    parse_value_text,
    parse_value_texts,
)

# text, value, value_high, qualifier, unit, multiplier, value_alt — all written in the plans
# (a few, marked, are forms the parser must read although no plan uses them).
REAL_TEXTS = [
    ("55%左右", 55, None, "about", "%", 1, None),
    ("50左右", 50, None, "about", None, 1, None),
    ("≥12", 12, None, "at_least", None, 1, None),
    ("≥10 (8)", 10, None, "at_least", None, 1, 8),
    ("16.05:1", 16.05, None, "exact", "ratio", 1, None),
    ("<14:1", 14, None, "less_than", "ratio", 1, None),
    ("2.32:1", 2.32, None, "exact", "ratio", 1, None),
    (">65", 65, None, "more_than", None, 1, None),
    ("1.9万个", 1.9, None, "exact", "万个", 1e4, None),
    ("1.9万张", 1.9, None, "exact", "万张", 1e4, None),
    ("300个以上", 300, None, "at_least", "个", 1, None),
    ("不低于全市平均水平", None, None, "at_least", None, 1, None),
    ("达到全省平均水平", None, None, "at_least", None, 1, None),
    ("高于全国平均水平", None, None, "more_than", None, 1, None),
    ("全覆盖", None, None, "qualitative", None, 1, None),
    ("零填埋", None, None, "qualitative", None, 1, None),
    ("零突破", None, None, "qualitative", None, 1, None),
    ("全面消除", None, None, "qualitative", None, 1, None),
    ("争创", None, None, "qualitative", None, 1, None),
    ("四星级智慧城市", None, None, "qualitative", None, 1, None),
    ("建成三级医院", None, None, "qualitative", None, 1, None),
    ("县县双高速", None, None, "qualitative", None, 1, None),
    ("所有公厕", None, None, "qualitative", None, 1, None),
    ("全覆 盖", None, None, "qualitative", None, 1, None),
    ("5—8个", 5, 8, "range", "个", 1, None),
    ("3-5个", 3, 5, "range", "个", 1, None),
    ("3-5个以上", 3, 5, "range", "个", 1, None),
    ("20%-30%", 20, 30, "range", "%", 1, None),
    ("8-10处", 8, 10, "range", "处", 1, None),
    ("1-2个", 1, 2, "range", "个", 1, None),
    ("6-8所", 6, 8, "range", "所", 1, None),
    ("1至2个", 1, 2, "range", "个", 1, None),  # form not in the plans
    ("10万个以上", 10, None, "at_least", "万个", 1e4, None),
    ("10万人次", 10, None, "exact", "万人次", 1e4, None),
    ("3.4万户", 3.4, None, "exact", "万户", 1e4, None),
    ("不少于10处", 10, None, "at_least", "处", 1, None),
    ("不少于1万套(间)", 1, None, "at_least", "万套", 1e4, None),
    ("7.5 张/千人", 7.5, None, "exact", "张/千人", 1, None),
    ("8.3公里/平方公里", 8.3, None, "exact", "公里/平方公里", 1, None),
    ("5.51公里/百平方公里", 5.51, None, "exact", "公里/百平方公里", 1, None),
    ("59万吨/日", 59, None, "exact", "万吨/日", 1e4, None),
    ("40万千瓦", 40, None, "exact", "万千瓦", 1e4, None),
    ("85%", 85, None, "exact", "%", 1, None),
    ("100%", 100, None, "exact", "%", 1, None),
    ("６０％", 60, None, "exact", "%", 1, None),
    ("55\xa0%左右", 55, None, "about", "%", 1, None),
    ("55%左 右", 55, None, "about", "%", 1, None),
    ("35 平方 米", 35, None, "exact", "平方米", 1, None),
    ("每年下降 6 3.2%左右", 3.2, None, "about", "%", 1, None),
    ("两个", 2, None, "exact", "个", 1, None),
    ("两个100%", 100, None, "exact", "%", 1, None),
    ("八县", 8, None, "exact", "县", 1, None),
    ("十大", 10, None, "exact", "大", 1, None),
    ("百万人口", 100, None, "exact", "万人", 1e4, None),
    ("至少打造一条", 1, None, "at_least", "条", 1, None),
    ("至少有一所", 1, None, "at_least", "所", 1, None),
    ("二星级及以上", 2, None, "at_least", "星级", 1, None),
    ("半小时", 0.5, None, "exact", "小时", 1, None),
    ("1200 亿元", 1200, None, "exact", "亿元", 1e8, None),
    ("突破1000亿元", 1000, None, "more_than", "亿元", 1e8, None),
    ("突破100万", 100, None, "more_than", "万", 1e4, None),
    ("千亿", 1000, None, "exact", "亿", 1e8, None),
    ("7.6个百分点", 7.6, None, "exact", "个百分点", 1, None),
    ("累计提高7.6个百分点", 7.6, None, "exact", "个百分点", 1, None),
    ("2‰", 2, None, "exact", "‰", 1, None),
    ("保持100%", 100, None, "maintain", "%", 1, None),
    ("力争达到60%以上", 60, None, "at_least", "%", 1, None),
    ("2.2左右", 2.2, None, "about", None, 1, None),
    ("翻番", None, None, "qualitative", None, 1, None),
    ("不少于30(20)平方米", 30, None, "at_least", "平方米", 1, 20),
    ("30(20) 平方米", 30, None, "exact", "平方米", 1, 20),
    ("10(8) 个", 10, None, "exact", "个", 1, 8),
    ("≥30 (20)", 30, None, "at_least", None, 1, 20),
    ("不超过40米", 40, None, "at_most", "米", 1, None),
    ("超过90%", 90, None, "more_than", "%", 1, None),
    ("2 名", 2, None, "exact", "名", 1, None),
    ("6个省级衔接集中推进区", 6, None, "exact", "个", 1, None),
    ("15分钟", 15, None, "exact", "分钟", 1, None),
    ("2.7平方米以上", 2.7, None, "at_least", "平方米", 1, None),
    ("47.2", 47.2, None, "exact", None, 1, None),
    ("4700以上", 4700, None, "at_least", None, 1, None),
    ("二十万人", 20, None, "exact", "万人", 1e4, None),  # form not in the plans
    ("一百二十个", 120, None, "exact", "个", 1, None),  # form not in the plans
    ("百分之六十", 60, None, "exact", "%", 1, None),  # form not in the plans
    ("控制在5%以内", 5, None, "at_most", "%", 1, None),  # form not in the plans
    ("低于10%", 10, None, "less_than", "%", 1, None),  # form not in the plans
    ("近70%", 70, None, "about", "%", 1, None),  # form not in the plans: 近 is read as about
    ("稳定在95%以上", 95, None, "at_least", "%", 1, None),  # 稳定在…以上: a floor, as 以上 reads everywhere
    ("保持在95%以上", 95, None, "at_least", "%", 1, None),  # other bound words come before 保持 and 维持
    ("到2025年达到55%", 55, None, "exact", "%", 1, None),  # a target year is not the value
    ("2024—2025年", 2024, 2025, "range", "年", 1, None),  # unless it is the only number
    ("1,200亿元", 1200, None, "exact", "亿元", 1e8, None),
]


def _nan(x: float | None) -> float:
    return math.nan if x is None else float(x)


@pytest.mark.parametrize("text, value, high, qualifier, unit, multiplier, alt", REAL_TEXTS)
def test_real_value_texts(text, value, high, qualifier, unit, multiplier, alt):
    parsed = parse_value_text(text)
    assert (parsed.value, parsed.value_high, parsed.value_alt) == (
        None if value is None else float(value),
        None if high is None else float(high),
        None if alt is None else float(alt),
    )
    assert (parsed.qualifier, parsed.unit, parsed.multiplier) == (qualifier, unit, multiplier)


@pytest.mark.parametrize("text, value, high, qualifier, unit, multiplier, alt", REAL_TEXTS)
def test_vectorized_parser_reads_real_texts_the_same(text, value, high, qualifier, unit, multiplier, alt):
    row = parse_value_texts(pd.Series([text, text], index=["a", "b"])).loc["a"]
    assert pd.isna(row["error"])
    np.testing.assert_equal([row["value"], row["value_high"], row["value_alt"]], [_nan(value), _nan(high), _nan(alt)])
    assert (row["qualifier"], None if pd.isna(row["unit"]) else row["unit"], row["multiplier"]) == (qualifier, unit, multiplier)


@pytest.mark.parametrize(
    "text, per_year, direction",
    [
        ("每年下降 6 3.2%左右", True, "down"),
        ("年均增长10%", True, "up"),
        ("累计提高7.6个百分点", False, "up"),
        ("降低15%", False, "down"),
        ("55%左右", False, None),
        ("年均增速12%以上", True, "up"),
    ],
)
def test_per_year_and_direction(text, per_year, direction):
    parsed = parse_value_text(text)
    assert (parsed.per_year, parsed.direction) == (per_year, direction)


@pytest.mark.parametrize(
    "raw, normalized",
    [
        ("６０％", "60%"),
        ("55\xa0%左右", "55 %左右"),
        ("5—8个", "5-8个"),
        ("5～8个", "5-8个"),
        ("20% – 30%", "20%-30%"),
        ("≥10 （8）", "≥10 (8)"),
        ("‹14：1", "<14:1"),
        ("\u3000 3.2\u2002%  ", "3.2 %"),
        ("55%左 右", "55%左右"),
        ("１．９万个", "1.9万个"),
    ],
)
def test_normalize_text(raw, normalized):
    assert normalize_text(raw) == normalized


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty value text"),
        (" \u3000\xa0", "empty value text"),
        ("abc", "no number and no qualitative or relative word"),
        ("以上", "no number and no qualitative or relative word"),
        ("5-3个", "range low end 5 is above its high end 3"),
        ("3.2 1.5", "several numbers (3.2, 1.5)"),
        ("十十个", "cannot read the Chinese numeral '十十'"),
        ("9" * 400, "too large"),
        (None, "value text must be a string"),
        (5.0, "value text must be a string"),
    ],
)
def test_bad_texts_raise_value_parse_error_quoting_the_text(text, reason):
    with pytest.raises(ValueParseError) as info:
        parse_value_text(text)
    assert reason in str(info.value)
    assert repr(text if not isinstance(text, str) or len(text) <= 80 else text[:80] + "…") in str(info.value)
    assert isinstance(info.value, ValueError)


def test_parse_value_texts_keeps_index_and_sets_bad_rows_aside():
    texts = pd.Series(["55%左右", None, "abc", "1.9万个", "55%左右"], index=[10, 11, 12, 13, 14])
    parsed = parse_value_texts(texts)
    assert list(parsed.columns) == PARSED_COLUMNS
    assert list(parsed.index) == [10, 11, 12, 13, 14]
    assert parsed["value"].tolist()[::3] == [55.0, 1.9]
    assert parsed.loc[11, "error"] == "value text is missing"
    assert parsed.loc[12, "error"] == "value text 'abc': no number and no qualitative or relative word"
    assert parsed["error"].isna().tolist() == [True, False, False, True, True]
    assert parsed.loc[13, "multiplier"] == 1e4


def test_each_distinct_text_is_parsed_once(monkeypatch):
    calls = []
    scalar = vectorized._scalar_row
    monkeypatch.setattr(vectorized, "_scalar_row", lambda text: calls.append(text) or scalar(text))
    texts = pd.Series(["≥10 (8)", "5—8个", "≥10 (8)", "5—8个", "55%左右", "1.9万个", "全覆盖"] * 1000)
    parsed = parse_value_texts(texts)
    # the common shape (55%左右, 1.9万个) is read in bulk; the rest once per distinct text
    assert sorted(calls) == sorted(["≥10 (8)", "5—8个", "全覆盖"])
    assert parsed["value_alt"].iloc[:2].tolist()[0] == 8.0
    assert parsed["value_high"].iloc[1] == 8.0


def test_parser_reads_no_file_and_imports_no_cn2an_at_import_time():
    code = (
        "import sys, comparekit.values as v;"
        "print(v._registry_units.cache_info().currsize, 'cn2an' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "False"]


# ------------------------------------------------------------------------------------------
# Properties
# ------------------------------------------------------------------------------------------

REGISTRY_UNITS = sorted(load_units()["unit"].tolist())
FULL_WIDTH = str.maketrans("0123456789.%()", "０１２３４５６７８９．％（）")
LEADS = ["", "", "力争", "达到", "力争达到", "年均增长", "每年下降", "累计提高", "保持", "稳定在", "控制在", "到2025年"]
PRES = ["", "", "≥", ">", "<", "≤", ">=", "<=", "约", "近", "不低于", "不少于", "不超过", "超过", "突破", "至少", "高于", "低于", "~"]
POSTS = ["", "", "左右", "以上", "以下", "以内", "及以上", "上下"]
SPACES = ["", "", " ", "\xa0", "\u3000"]
CHINESE_NUMBERS = ["两", "三", "十", "十二", "一百二十", "十万", "三万五千", "两百", "一点五", "百万", "九"]
WORDS = ["全覆盖", "清零", "全面消除", "零填埋", "争创", "翻番", "不低于全市平均水平", "基本实现", "四星级智慧城市"]

arabic = st.one_of(
    st.integers(0, 10**6).map(str),
    st.tuples(st.integers(0, 9999), st.integers(0, 999)).map(lambda t: f"{t[0]}.{t[1]}"),
)
number = st.one_of(arabic, arabic, st.sampled_from(CHINESE_NUMBERS))
unit = st.one_of(st.sampled_from(REGISTRY_UNITS), st.sampled_from(["", "", "名", "项目", "万件"]))


@st.composite
def grammar_text(draw) -> str:
    shape = draw(st.sampled_from(["single", "single", "single", "range", "pair", "ratio", "page", "word", "noise"]))
    n1, n2, u = draw(number), draw(number), draw(unit)
    sp = draw(st.sampled_from(SPACES))
    if shape == "single":
        text = f"{draw(st.sampled_from(LEADS))}{draw(st.sampled_from(PRES))}{n1}{sp}{u}{draw(st.sampled_from(POSTS))}"
    elif shape == "range":
        dash = draw(st.sampled_from(["-", "—", "–", "~", "～", "至", "－"]))
        text = f"{n1}{draw(st.sampled_from(['', u]))}{sp}{dash}{sp}{n2}{u}"
    elif shape == "pair":
        text = f"{draw(st.sampled_from(PRES))}{n1}{sp}({n2}){sp}{u}"
    elif shape == "ratio":
        text = f"{draw(st.sampled_from(PRES))}{n1}{sp}{draw(st.sampled_from([':', '：']))}1"
    elif shape == "page":
        text = f"{draw(st.sampled_from(LEADS))} {draw(st.integers(1, 99))} {n1}{u}{draw(st.sampled_from(POSTS))}"
    elif shape == "word":
        text = draw(st.sampled_from(WORDS))
    else:
        text = draw(st.text(alphabet=st.sampled_from(list("0123456789.-~()%:个万亿千百十一二两以上左右约≥<> \xa0年均下降")), max_size=12))
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    return text


def _same(row: pd.Series, text: object) -> None:
    try:
        parsed = parse_value_text(text)  # type: ignore[arg-type]
    except ValueParseError as exc:
        assert row["error"] == str(exc)
        return
    assert pd.isna(row["error"])
    np.testing.assert_equal(
        [row["value"], row["value_high"], row["value_alt"], row["multiplier"]],
        [_nan(parsed.value), _nan(parsed.value_high), _nan(parsed.value_alt), parsed.multiplier],
    )
    as_none = lambda x: None if pd.isna(x) else x  # noqa: E731
    assert (row["qualifier"], as_none(row["unit"]), bool(row["per_year"]), as_none(row["direction"])) == (
        parsed.qualifier,
        parsed.unit,
        parsed.per_year,
        parsed.direction,
    )


def _parse_or_error(text: object) -> ParsedValue | None:
    try:
        return parse_value_text(text)  # type: ignore[arg-type]
    except ValueParseError:
        return None


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_arbitrary_text_parses_or_raises_value_parse_error(text):
    result = _parse_or_error(text)
    assert result is None or result.qualifier in QUALIFIERS


@given(grammar_text())
@settings(max_examples=400, deadline=None)
def test_grammar_text_parses_or_raises_value_parse_error(text):
    result = _parse_or_error(text)
    if result is not None:
        assert result.qualifier in QUALIFIERS
        assert result.value is not None or result.qualifier in ("qualitative", "at_least", "exact", "more_than")
        assert result.value_high is None or result.value <= result.value_high


@given(
    st.sampled_from(LEADS[:-1]),
    st.sampled_from(PRES),
    arabic,
    st.sampled_from(SPACES),
    st.sampled_from(REGISTRY_UNITS),
    st.sampled_from(POSTS),
    st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_single_value_reads_back_number_and_unit(lead, pre, num, space, unit, post, full_width):
    text = f"{lead}{pre}{num}{space}{unit}{post}"
    parsed = parse_value_text(text.translate(FULL_WIDTH) if full_width else text)
    assert parsed.value == float(num)
    assert parsed.unit == unit


@given(st.lists(st.one_of(grammar_text(), st.text(max_size=8), st.none()), max_size=40))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_vectorized_parser_never_raises_and_agrees_with_scalar(texts):
    series = pd.Series(texts, dtype=object)
    parsed = parse_value_texts(series)
    assert list(parsed.columns) == PARSED_COLUMNS
    assert parsed.index.equals(series.index)
    for position, text in enumerate(texts):
        if text is None:
            assert parsed["error"].iloc[position] == "value text is missing"
        else:
            _same(parsed.iloc[position], text)


@given(st.lists(grammar_text(), min_size=1, max_size=40))
@settings(max_examples=100, deadline=None)
def test_vectorized_parser_agrees_on_string_dtype(texts):
    parsed = parse_value_texts(pd.Series(texts, dtype="str"))
    for position, text in enumerate(texts):
        _same(parsed.iloc[position], text)


# ------------------------------------------------------------------------------------------
# The curated statement table
# ------------------------------------------------------------------------------------------


def _load_statements():
    loader = getattr(comparekit, "load_statements", None)
    if loader is None:
        try:
            from comparekit.schema import load_statements as loader
        except ImportError:
            pytest.skip("comparekit.load_statements does not exist yet")
    try:
        table = loader()
    except FileNotFoundError:
        pytest.skip("no curated statement files yet")
    if table.empty:
        pytest.skip("the curated statement table is empty")
    return table


def test_curated_value_texts_parse_to_their_recorded_values():
    statements = _load_statements()
    parsed = parse_value_texts(statements["value_text"])
    existing_side = parsed["value_alt"].notna() & statements["scope_text"].fillna("").str.startswith("已建")
    expected_value = parsed["value"].where(~existing_side, parsed["value_alt"])

    def show(x: object) -> str:
        return "" if pd.isna(x) else f"{x:g}" if isinstance(x, float) else str(x)

    # A qualifier that sits outside the value text ("至少建成1处…、2个") is recorded from context and
    # says so in the note; its value must still parse exactly.
    from_context = statements["note"].fillna("").str.contains("qualifier from context")
    disagreements = []
    for pos in range(len(statements)):
        rec = statements.iloc[pos]
        recorded = (show(rec["value"]), show(rec["value_high"]), show(rec["qualifier"]))
        got = (show(expected_value.iat[pos]), show(parsed["value_high"].iat[pos]), show(parsed["qualifier"].iat[pos]))
        if from_context.iat[pos]:
            recorded, got = recorded[:2], got[:2]
        if recorded != got or pd.notna(parsed["error"].iat[pos]):
            error = parsed["error"].iat[pos]
            disagreements.append(
                f"{rec['statement_id']} {rec['value_text']!r}: recorded {'/'.join(recorded)}, "
                f"parsed {'/'.join(got)}{' — ' + error if pd.notna(error) else ''}"
            )
    assert not disagreements, "value/value_high/qualifier disagree:\n" + "\n".join(disagreements)


def test_ranges_and_normalized_shapes_take_the_fast_path(monkeypatch):
    calls = []
    scalar = vectorized._scalar_row
    monkeypatch.setattr(vectorized, "_scalar_row", lambda text: calls.append(text) or scalar(text))
    texts = pd.Series(["5-8个", "3.5%-4.2%", "120至150公里", "力争5到8个以上", "５５％", "55\xa0%左右", "每千人口4.5个", "8-5个"])
    parsed = parse_value_texts(texts)
    assert calls == ["8-5个"]  # a reversed range is left to the scalar parser, which says why
    assert parsed[["value", "value_high"]].iloc[:4].values.tolist() == [[5.0, 8.0], [3.5, 4.2], [120.0, 150.0], [5.0, 8.0]]
    assert parsed["qualifier"].iloc[:4].tolist() == ["range"] * 4
    assert parsed["unit"].iloc[:4].tolist() == ["个", "%", "公里", "个"]
    assert parsed["value"].iloc[4:7].tolist() == [55.0, 55.0, 4.5]
    assert parsed["error"].iloc[7] == "value text '8-5个': range low end 8 is above its high end 5"
    for position, text in enumerate(texts):
        _same(parsed.iloc[position], text)


@st.composite
def benchmark_shape(draw) -> str:
    """The shapes of the scale benchmark's value texts, with the lead, bound and unit words around them."""
    lead, pre, post = draw(st.sampled_from(LEADS)), draw(st.sampled_from(PRES)), draw(st.sampled_from(POSTS))
    n1, n2, u = draw(arabic), draw(arabic), draw(st.sampled_from(REGISTRY_UNITS + ["", "万", "年"]))
    dash = draw(st.sampled_from(["-", "至", "到", "—", "~"]))
    sp = draw(st.sampled_from(["", " ", "\xa0", "  "]))
    shape = draw(st.sampled_from(["range", "range_both", "single", "per_1000"]))
    if shape == "range":
        text = f"{lead}{pre}{n1}{dash}{n2}{sp}{u}{post}"
    elif shape == "range_both":
        text = f"{lead}{n1}{u}{dash}{n2}{draw(st.sampled_from([u, '', '%']))}{post}"
    elif shape == "single":
        text = f"{lead}{pre}{n1}{sp}{u}{post}"
    else:
        text = f"每千人口{pre}{n1}{u}{post}"
    return text.translate(FULL_WIDTH) if draw(st.booleans()) else text


@given(st.lists(benchmark_shape(), min_size=1, max_size=30))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_vectorized_and_scalar_parsers_agree_row_by_row_on_ranges(texts):
    parsed = parse_value_texts(pd.Series(texts, dtype=object))
    for position, text in enumerate(texts):
        _same(parsed.iloc[position], text)


# ------------------------------------------------------------------------------------------
# Chinese numerals: the small reader agrees with cn2an wherever it answers
# ------------------------------------------------------------------------------------------


def test_regular_chinese_numerals_are_read_as_cn2an_reads_them():
    import random

    import cn2an

    from comparekit.values.numerals import _chinese_number

    def agree(text: str) -> None:
        mine = _chinese_number(text)
        if mine is not None:
            assert mine == float(cn2an.cn2an(text, "smart")), text

    for number in range(100_000):  # every number below 100 000 as cn2an writes it, also with 两
        text = cn2an.an2cn(number)
        assert _chinese_number(text) == number, text
        agree(text.replace("二", "两"))
    rng = random.Random(20241)
    for _ in range(50_000):  # random strings of numeral characters: answered only where cn2an agrees
        agree("".join(rng.choice("零〇一二两三四五六七八九十百千万亿点") for _ in range(rng.randint(1, 7))))
    assert [_chinese_number(t) for t in ("二五", "一百二", "一万五", "十〇一", "点五")] == [None] * 5  # left to cn2an


def test_the_five_plans_are_read_without_importing_cn2an():
    code = (
        "import sys; from comparekit.schema import load_statements; from comparekit.values import parse_value_texts;"
        "parsed = parse_value_texts(load_statements()['value_text']); print('cn2an' in sys.modules, len(parsed))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "False" and int(out[1]) > 400
    assert parse_value_text("两个").value == 2.0 and parse_value_text("十万人").unit == "万人"
    assert parse_value_text("二〇二五年达到60%").value == 60.0  # a digit-string year is left to cn2an


def test_the_minus_sign_character_reads_as_a_minus_in_both_parsers():
    texts = ["−2.5%", "-2.5%", "－2.5%", "增长−18.9%", "5−8个"]
    assert [parse_value_text(t).value for t in texts] == [-2.5, -2.5, -2.5, -18.9, 5.0]
    assert parse_value_text("5−8个").value_high == 8.0
    bulk = parse_value_texts(pd.Series(texts))
    assert bulk["value"].tolist() == [-2.5, -2.5, -2.5, -18.9, 5.0]
