"""The three headline indicators, place by place, exactly as the documents state them.

Each test names the values read in the text (and "not stated" where a plan states none), so a
change to the curated table that alters a headline number fails here.
"""

from __future__ import annotations

import pytest

HEADLINES = ["urbanization_rate", "urbanization_rate_change", "childcare_slots_per_1000", "childcare_slots", "green_building_share"]


def _rows(statements, place):
    rows = statements[(statements["place_id"] == place) & statements["indicator_id"].isin(HEADLINES)]
    return {
        (r.indicator_id, r.scope_text if isinstance(r.scope_text, str) else "", int(r.year), r.kind, r.value, r.unit, r.qualifier)
        for r in rows.itertuples()
    }


def test_jieshou(statements):
    rows = _rows(statements, "jieshou")
    assert ("urbanization_rate", "", 2025, "target", 55.0, "%", "about") in rows  # 常住人口城镇化率达到55%左右
    # 累计提高7.6个百分点 (table remark): a change, filed under its own indicator, not a level
    assert ("urbanization_rate_change", "", 2025, "target", 7.6, "个百分点", "exact") in rows
    assert not any(r[0] == "urbanization_rate" and r[5] != "%" for r in rows)
    # 新建(已建)小区每千人口托位数不少于10(8)个: a construction standard, two rows
    assert ("childcare_slots_per_1000", "新建小区", 2025, "standard", 10.0, "个/千人", "at_least") in rows
    assert ("childcare_slots_per_1000", "已建小区", 2025, "standard", 8.0, "个/千人", "at_least") in rows
    assert not any(r[0] == "green_building_share" for r in rows)  # not stated


def test_luan(statements):
    rows = _rows(statements, "luan")
    assert ("urbanization_rate", "全市", 2025, "target", 55.0, "%", "about") in rows
    assert ("urbanization_rate", "县域", 2025, "target", 50.0, "%", "about") in rows
    assert ("urbanization_rate", "全市", 2035, "target", 70.0, "%", "about") in rows
    assert ("urbanization_rate", "县域", 2035, "target", 65.0, "%", "about") in rows
    assert ("childcare_slots_per_1000", "全市", 2025, "target", 2.3, "个/千人", "at_least") in rows
    assert not any(r[0] == "green_building_share" for r in rows)  # not stated


def test_chengwu(statements):
    rows = _rows(statements, "chengwu")
    assert rows == {
        ("urbanization_rate", "", 2025, "target", 53.0, "%", "about"),
        ("childcare_slots_per_1000", "", 2025, "target", 4.8, "个/千人", "exact"),
        ("green_building_share", "", 2025, "target", 100.0, "%", "exact"),
    }


def test_qiaocheng(statements):
    rows = _rows(statements, "qiaocheng")
    assert rows == {
        ("childcare_slots", "", 2027, "target", 1.9, "万个", "exact"),  # 婴幼儿托位达1.9万个
        ("green_building_share", "", 2027, "target", 100.0, "%", "maintain"),  # 绿色建筑开工比例保持100%
    }
    assert not any(r[0] == "urbanization_rate" for r in rows)  # not stated


def test_linyi(statements):
    rows = _rows(statements, "linyi")
    assert ("urbanization_rate", "县域", 2022, "baseline", 47.2, "%", "exact") in rows
    assert ("urbanization_rate", "县域", 2025, "target", 50.0, "%", "about") in rows
    # the indicator table covers the county areas (its row 1 says 县域; row 2 is measured against the city average)
    assert ("childcare_slots_per_1000", "县域", 2022, "baseline", 2.33, "个/千人", "exact") in rows
    assert ("childcare_slots_per_1000", "县域", 2025, "target", 4.0, "个/千人", "exact") in rows
    assert ("childcare_slots_per_1000", "各县", 2025, "target", 4.0, "个/千人", "exact") in rows  # each county's floor
    assert ("green_building_share", "县域", 2022, "baseline", 100.0, "%", "exact") in rows
    assert ("green_building_share", "县域", 2025, "target", 100.0, "%", "exact") in rows


@pytest.mark.parametrize(
    "statement_id, quote_part",
    [
        ("luan_14fyp-001", "全市常住人口城镇化率达到55%左右"),
        ("chengwu_2024-041", "千人口托位数达到4.8个"),
        ("qiaocheng_2024-016", "婴幼儿托位达1.9万个"),
        ("linyi_county_2023-002", "县域常住人口城镇化率 % 47.2 50左右"),
    ],
)
def test_headline_quotes_carry_the_words(statements, statement_id, quote_part):
    quote = statements.set_index("statement_id").loc[statement_id, "quote"]
    assert quote_part in quote
