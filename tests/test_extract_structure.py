"""Tests of the fourth and fifth rounds of general extraction rules (hand-made sentences): qualifiers read
by plain reading (稳定在…以上, 控制在…左右, 近), item counts that describe a list or a programme, not a
quantity, and values whose unit is written elsewhere (the shares of a structure, 分别 lists)."""

from __future__ import annotations

import pytest

from comparekit.extract import extract
from comparekit.values import parse_value_text


def _values(text: str) -> list[tuple[str, str]]:
    rows = extract(text)
    return list(zip(rows["value_text"], rows["qualifier"]))


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("稳定在500万亩以上", "at_least"),  # hold steady at or above: a floor, as 以上 reads everywhere
        ("稳定在42%", "maintain"),
        ("保持在30张以上", "at_least"),  # unchanged: 保持在…以上 keeps its bound
        ("控制在5%左右", "about"),  # keep around: a point, not a ceiling
        ("控制在200万人以内", "at_most"),
        ("近800万千瓦", "about"),
    ],
)
def test_qualifier_by_plain_reading(text, qualifier):
    assert parse_value_text(text).qualifier == qualifier


def test_qualifier_words_in_sentences():
    assert _values("到2026年,油菜播种面积稳定在80万亩以上。") == [("稳定在80万亩以上", "at_least")]
    assert _values("到2026年,居民消费价格涨幅控制在3%左右。") == [("控制在3%左右", "about")]
    assert _values("2024年,全市光伏发电累计并网近600万千瓦。") == [("近600万千瓦", "about")]
    assert _values("2024年,全市光伏发电累计并网将近600万千瓦。") == [("将近600万千瓦", "about")]


def test_near_inside_another_word_is_not_a_qualifier():
    assert _values("到2025年,学校附近2公里内建成游园3个。") == [("2公里", "exact"), ("3个", "exact")]
    assert _values("2023年,全县近5年累计新增就业900人。") == [("900人", "exact")]


def test_programme_size_in_its_name_is_not_a_value():
    assert _values("市政府2025年将办好12件重点民生实事。") == []
    assert _values("人大代表票决确定2026年8项区级民生实事项目。") == []
    assert _values("一、15项民心工程任务分解表") == []
    # a count qualified by a relative clause is a statement about submissions, not the programme's name
    assert _values("对群众报送的240件民生实事项目进行论证。") == [("240件", "exact")]
    # the programme's size stated as a predicate stays
    assert _values("2025年县政府民生实事项目共9项。") == [("9项", "exact")]
    # an adjective of weight between the count and the programme's name, and the tasks of a plan's own structure
    assert _values("今年将办好31件重要民生实事。") == []
    assert _values("区政府确定办理17项重要民生实事项目。") == []
    assert _values("方案细化为45项重点任务，新建公园3个。") == [("3个", "exact")]
    assert _values("新建12个重点项目。") == [("12个", "exact")]  # a count of projects stays a value


def test_list_structure_counts_are_not_values():
    text = "2025年民生实事项目如下:\n一、“住房保障”类,共2项\n1.改造老旧小区30个。\n二、教育类\n共1项\n2.新建幼儿园4所。"
    assert _values(text) == [("30个", "exact"), ("4所", "exact")]
    assert _values("全年重点做好8个方面工作。") == []


def test_reference_back_and_class_names_are_not_values():
    assert _values("全省推进60个重点项目。这60个重点项目中,水利项目9个。") == [("60个", "exact"), ("9个", "exact")]
    assert _values("建成5人制足球场12个。") == [("12个", "exact")]


def test_a_qualifier_after_respectively_holds_for_every_value_of_the_list():
    assert _values("2025年,全市财政收入、支出分别突破300亿元和3000亿元。") == [
        ("突破300亿元", "more_than"), ("3000亿元", "more_than")]
    assert _values("2024年,两县人口分别约20万人、35万人。") == [("约20万人", "about"), ("35万人", "about")]
    # without a qualifier word after 分别 each value keeps its own
    assert _values("到2026年,城乡居民收入分别增长7%左右和8%。") == [("7%左右", "about"), ("8%", "exact")]


def test_the_shares_of_a_structure_are_three_percentages():
    rows = extract("全市三次产业比例调整为6.4∶38.9∶54.7，结构更趋合理。")
    assert rows[["value_text", "value", "unit"]].values.tolist() == [
        ["6.4", 6.4, "%"], ["38.9", 38.9, "%"], ["54.7", 54.7, "%"]]
    # numbers joined by colons that are not the shares of a whole, or without a structure named
    assert extract("三方出资比例为3:2:1。").empty
    assert extract("发布时间：2031-01-05 08:41:51\n").empty


def test_a_bare_value_of_a_respectively_list_takes_the_unit_written_after_the_last():
    rows = extract("两县农村居民收入分别增长7.5和8.1个百分点。").set_index("value_text")
    assert rows.loc["7.5", "unit"] == "个百分点" and rows.loc["8.1个百分点", "unit"] == "个百分点"
    assert extract("两座大桥分别于2031和2032年通车。").empty  # years are not values


def test_a_count_in_brackets_closing_a_heading_counts_the_items_under_it():
    assert extract("一、文化体育类项目(3个)\n1.新建体育公园2个。")["value_text"].tolist() == ["2个"]
    assert extract("二、养老服务类（共4项）\n新建养老院2所。")["value_text"].tolist() == ["2所"]
    # in running text a bracketed count is a value
    assert extract("新建学校(5个)，改造操场3个。")["value_text"].tolist() == ["5个", "3个"]


def test_a_programme_of_practical_matters_for_the_people_names_its_size():
    # 为民实事 is one more name of a 民生实事 programme: its size is not a statement
    assert extract("全市确定了八个方面25项为民实事项目。").empty
    assert extract("截至9月底25项为民实事进展顺利，新建公园3个。")["value_text"].tolist() == ["3个"]


def test_a_count_of_numbers_names_a_programme():
    assert extract("深入实施“三个2亿人”行动，新增城镇人口500万。")["value_text"].tolist() == ["500万"]
    # two shares of 100% are two targets (the study plans read 两个100% so), not a name
    assert extract("实现两个100%，新建公园3个。")["value_text"].tolist() == ["100%", "3个"]
    assert extract("新建一个5万平方米的公园。")["value_text"].tolist() == ["5万平方米"]  # one park and its size


def test_a_structure_after_an_earlier_state_of_it_is_read():
    # the clause names the structure once, before the earlier state (由…的A:B:C优化为…的D:E:F)
    rows = extract("全市三次产业之比由 2010 年的 12.5:50.1:37.4 优化为 2030 年的 8.2:40.3:51.5。")
    assert rows["value"].tolist() == [12.5, 50.1, 37.4, 8.2, 40.3, 51.5]
    assert set(rows["unit"]) == {"%"}
    # still not without a structure named in the clause
    assert extract("会议于 2030 年的 10:30:00 开始，持续到 12:00。").empty


def test_cases_and_parcels_are_counted_with_zong():
    rows = extract("全年依法查处违法用地案件7宗。")
    assert rows["value_text"].tolist() == ["7宗"] and rows["unit"].tolist() == ["宗"]
