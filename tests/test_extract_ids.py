"""Indicator ids the extractor stands behind: class words, urban/rural scope, qualitative indicators,
labels broader than the indicator, and ids found among the indicators of the value's unit.

Every sentence here is written for the test (none is taken from a held-out document).
"""

from __future__ import annotations

import pandas as pd

from comparekit.extract import extract
from comparekit.extract.ids import _covers, _label_problem


def _one(text: str) -> pd.Series:
    rows = extract(text)
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_a_class_word_the_indicator_lacks_leaves_the_id_for_review():
    row = _one("到2027年，城镇新建建筑中星级绿色建筑占比达到30%。")
    assert pd.isna(row["indicator_id"])
    assert row["indicator_suggestions"].startswith("green_building_share:review")
    assert "names a class (星级)" in row["note"]
    row = _one("新建示范型养老服务中心2家。")
    assert pd.isna(row["indicator_id"]) and "names a class (示范)" in row["note"]
    row = _one("打造3个千亿级产业集群。")
    assert pd.isna(row["indicator_id"]) and row["indicator_suggestions"].startswith("industrial_clusters:review")


def test_without_a_class_word_the_same_aliases_keep_their_ids():
    assert _one("城镇新建建筑中绿色建筑占比达到70%。")["indicator_id"] == "green_building_share"
    assert _one("打造产业集群3个。")["indicator_id"] == "industrial_clusters"


def test_a_number_does_not_confirm_a_qualitative_indicator_nor_a_rural_label_an_urban_one():
    row = _one("完成20个农村黑臭水体治理。")
    assert pd.isna(row["indicator_id"]) and "qualitative target" in row["note"]
    assert _label_problem("农村黑臭水体治理", "城市建成区黑臭水体消除|黑臭水体", ()) is not None
    assert _label_problem("城乡黑臭水体治理", "城市建成区黑臭水体消除|黑臭水体", ()) is None


def test_ids_found_among_the_indicators_of_the_value_unit():
    # 规模以上工业增加值 scores best against the level in 亿元; among indicators in % the growth wins
    row = _one("全县规模以上工业增加值增长7.5%。")
    assert row["indicator_id"] == "industrial_value_added_growth"
    assert "among the indicators of the value's unit" in row["note"]
    assert _one("全县固定资产投资增长8%。")["indicator_id"] == "fixed_asset_investment_growth"
    # the same words with a value in 亿元 are not a growth rate
    assert _one("全县规模以上工业增加值达到120亿元。")["indicator_id"] != "industrial_value_added_growth"


def test_a_label_broader_than_the_indicator_gets_no_id():
    assert not _covers("新增技能人才", "新增高技能人才")
    assert _covers("规模以上工业增加值", "规上工业增加值增速")
    row = _one("全年新增技能人才500人。")
    assert pd.isna(row["indicator_id"])
    assert row["indicator_suggestions"].startswith("high_skilled_talent_added:")



def test_a_growth_indicator_needs_a_change_and_a_kind_of_measure_must_match():
    # R&D intensity is a share of GDP, not the growth of R&D spending, though the words overlap
    assert pd.isna(_one("研发经费投入强度达到2.5%。")["indicator_id"])
    assert _one("全县固定资产投资增长8%。")["indicator_id"] == "fixed_asset_investment_growth"


def test_a_narrower_variant_in_the_value_s_unit_takes_the_id():
    # the registry's 老旧小区改造 counts estates (个); its variant 老旧小区改造户数 counts households (户)
    rows = extract("全县新改造城镇老旧小区1200户，另改造老旧小区35个。").set_index("value_text")
    assert rows.loc["1200户", "indicator_id"] == "old_residential_renovation_households"
    assert rows.loc["35个", "indicator_id"] == "old_residential_renovation"
    assert extract("改造城镇老旧小区3.5万户。")["indicator_id"].tolist() == ["old_residential_renovation_households"]


def test_an_addition_does_not_take_the_id_of_a_stock():
    from comparekit.extract.additions import stock_indicators

    # childcare_slots is the number of places (a stock); hospital_beds_added counts what is added
    assert "childcare_slots" in stock_indicators() and "hospital_beds_added" not in stock_indicators()
    rows = extract("今年全区新增普惠托位600个，托位总数达到4000个。").set_index("value_text")
    assert pd.isna(rows.loc["600个", "indicator_id"])
    assert rows.loc["600个", "indicator_suggestions"].startswith("childcare_slots:review")
    assert rows.loc["4000个", "indicator_id"] == "childcare_slots"
    # an indicator that counts additions keeps its id; a stock of enterprises does not take an addition
    rows = extract("全年新增高新技术企业30家，新增专精特新企业12家。").set_index("value_text")
    assert rows.loc["30家", "indicator_id"] == "high_tech_enterprises_added"
    assert pd.isna(rows.loc["12家", "indicator_id"])


def test_a_per_head_label_or_a_share_does_not_take_a_total_or_a_growth_id():
    from comparekit.extract import extract

    assert extract("2030年，人均地区生产总值超过3万元。")["indicator_id"].isna().all()
    rows = extract("2030年，民间投资、工业投资占比分别达49.2%、56.3%。")
    assert rows["indicator_id"].isna().all()
    assert extract("2030年地区生产总值达到300亿元。")["indicator_id"].tolist() == ["gdp_total"]


def test_a_growth_value_takes_no_level_or_share_id_and_a_joined_label_is_the_second_values_own():
    rows = extract("第三产业增加值1501.35亿元,增长4.5%。").set_index("value_text")
    assert pd.isna(rows.loc["4.5%", "indicator_id"])
    assert rows.loc["4.5%", "indicator_suggestions"].startswith("tertiary_industry_share:review")
    # 增加值 is value added, not a growth: a growth indicator still fits a growth value
    rows = extract("规模以上工业增加值增长8%。").set_index("value_text")
    assert rows.loc["8%", "indicator_id"] == "industrial_value_added_growth"
    # …18公里和给排水管网12公里: the label after 和 belongs to the second value
    rows = extract("改造燃气管道18公里和给排水管网12公里。").set_index("value_text")
    assert rows.loc["18公里", "indicator_label"] == "改造燃气管道"
    assert rows.loc["12公里", "indicator_label"] == "给排水管网"
    assert rows.loc["18公里", "indicator_id"] == "gas_pipe_renewal_length" and pd.isna(rows.loc["12公里", "indicator_id"])
    # 增设 adds to a stock: the stock indicator is left for review
    rows = extract("增设5G基站140座。").set_index("value_text")
    assert pd.isna(rows.loc["140座", "indicator_id"])
