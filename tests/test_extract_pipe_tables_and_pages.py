"""Readings added after the real held-out sets BF-BI showed their categories of misses, false alarms and wrong years:
target tables copied with their cells separated by ``|``, how often a word occurs in a report, the pool of a ranking,
plan terms after a reporting phrase, a date line with a source name and a list title whose year has no 年.

Every sentence here is written for the test (none is taken from a held-out document).
"""

from __future__ import annotations

import importlib

from comparekit.extract import extract

titles = importlib.import_module("comparekit.extract.titles")
pipe_tables = importlib.import_module("comparekit.extract.pipe_tables")

TABLE = ("序号 | 任务名称 | 某县现值 | 2031年目标 | 2033年目标 | 责任单位 |\n|\n一、发展目标 |\n|\n"
         "1 | 常住人口城镇化率(%) | 70.5 | 71 | 73 | 县发改局、县统计局 |\n|\n"
         "2 | 重大项目(个)、完成投资额(亿元) | — | 15、37 | 40、500 | 县发改局 |\n|\n"
         "3 | 每千人口拥有3岁以下婴幼儿托位数(个) | 3.69 | 4.6 | 5.5 | 县卫生健康局 |\n|\n")


def test_a_pipe_table_gives_one_statement_per_numeric_cell():
    rows = extract(TABLE)
    years = rows["year"].astype(object).where(rows["year"].notna(), None).tolist()
    assert years == [None, 2031, 2033, None, 2031, 2033]
    assert rows[["value_text", "kind", "unit"]].values.tolist() == [
        ["70.5", "baseline", "%"], ["71", "target", "%"], ["73", "target", "%"],
        ["3.69", "baseline", "个/千人"], ["4.6", "target", "个/千人"], ["5.5", "target", "个/千人"]]
    assert rows["indicator_label"].tolist()[:3] == ["常住人口城镇化率"] * 3
    assert rows["indicator_id"].iloc[1] == "urbanization_rate"
    assert rows["indicator_suggestions"].iloc[0] == "urbanization_rate:review"  # (a baseline without a year)
    assert (rows["quote"] == [TABLE[a:b] for a, b in zip(rows["quote_start"], rows["quote_end"])]).all()
    assert rows["quote"].iloc[0] == "1 | 常住人口城镇化率(%) | 70.5 | 71 | 73 | 县发改局、县统计局"
    assert rows["year_source"].isna().iloc[0] and rows["year_source"].iloc[1] == "stated"


def test_a_line_with_pipes_but_one_year_is_no_pipe_table():
    assert pipe_tables.find_pipe_tables("项目 | 2031年 | 备注 |\n1 | 公园(个) | 5 | 无 |\n") == []


def test_word_counts_and_the_pool_of_a_ranking_are_not_values():
    text = "2032年某省政府工作报告中,“发展”出现67次,“建设”出现57次。"
    assert extract(text).empty
    assert extract("在全省146个县(市、区)经济高质量发展运行监测中排名第7位。").empty
    assert extract("产业园区工业总产值连续5年居全州11个省级园区第一。").empty
    assert extract("到2035年,全省新建100个公园,排名全国前列。")["value_text"].tolist() == ["100个"]


def test_a_plan_term_after_a_reporting_phrase_is_the_sentences_topic():
    text = "发布时间:2031-01-28\n\n某某说,“十五五”期间,某省地区生产总值达到2.1万亿元、增长19.8%。"
    assert extract(text)[["value_text", "year"]].values.tolist() == [["2.1万亿元", 2030], ["19.8%", 2030]]
    text = "某网站\n\n据了解,“十四五”期间,某省2.3万个村庄开展清洁行动。"
    assert extract(text)["year"].tolist() == [2025]


def test_a_date_line_with_a_source_name_and_a_list_year_without_nian():
    page = "@全体某县人,2031十件民生实事交卷\n\n2031-12-25   某县文化\n\n1.实施农村危房改造695户。"
    years = titles.document_years(page)
    assert (years.issue_year, years.title_year) == (2031, 2031)
    assert extract(page)[["value_text", "year"]].values.tolist() == [["695户", 2031]]
    assert titles.document_years("某县2031十件民生實事出爐\n").title_year == 2031


def test_a_day_first_date_line_a_review_after_just_past_and_programme_structure():
    page = "某省今年再建设300个美丽乡村\n\n26.04.2031  14:12\n\n今年某省将建设300个美丽乡村。"
    years = titles.document_years(page)
    assert (years.issue_year, years.issue_month) == (2031, 4)
    assert extract(page)[["value_text", "year"]].values.tolist() == [["300个", 2031]] * 2  # (headline and body)
    assert extract("他说,刚刚过去的2030年,我们新增就业50万人。")[["value_text", "year"]].values.tolist() == [
        ["50万人", 2030]]
    assert extract("某市2031年20项民心工程48项具体工作已累计完成22项。")["value_text"].tolist() == ["22项"]
    assert extract("为民办实事项目:民生事业补短板类11项,乡村振兴类6项。").empty
    assert extract("纲要提出了20个预期性指标、8个约束性指标。").empty
    rows = extract("投资、消费增速分别较一季度提高\n9.6\n、\n32.6\n个百分点。")
    assert rows[["value", "unit"]].values.tolist() == [[9.6, "个百分点"], [32.6, "个百分点"]]


def test_a_marked_section_line_is_a_heading_not_the_pages_title():
    page = ("政府工作报告摘要与导读\n\n某报 2031年01月17日\n\n    ■ 2030年成绩单\n\n    ●粮食总产达到557亿斤\n\n"
            "    ■ 2031年经济社会发展的主要预期目标\n\n    ●城镇新增就业70万人以上\n")
    years = titles.document_years(page)
    assert years.title_year is None and years.heading_years == [2030, 2031]
    assert extract(page)[["value_text", "year"]].values.tolist() == [["557亿斤", 2030], ["70万人以上", 2031]]


def test_a_work_report_given_early_in_the_year_reviews_the_year_before_its_first_heading():
    page = ("某省日报\n2032年02月01日\n\n政府工作报告\n\n——2032年1月26日在某省人民代表大会第二次会议上\n\n"
            "(接1版)推动245项应用成果转化,创造经济效益601.22亿元。\n\n二、2032年工作安排\n\n新增城镇就业40万人。")
    years = titles.document_years(page)
    assert years.heading_years == [2031, 2032]
    assert extract(page)[["value_text", "year"]].values.tolist() == [
        ["245项", 2031], ["601.22亿元", 2031], ["40万人", 2032]]


def test_doubling_with_a_bound_page_counts_ranks_and_list_sizes():
    assert extract("到2030年,城乡居民收入比2020年翻一番以上。")[["value_text", "value", "unit", "qualifier"]].values.tolist() == [
        ["翻一番以上", 2.0, "ratio", "at_least"]]
    assert extract("到2030年,地区生产总值比2020年翻一番。")["qualifier"].tolist() == ["qualitative"]
    assert extract("来源:某网 | 时间:2031-03-20 | 1751 次浏览 | 分享到:").empty
    assert extract("全国排名由第30位上升到20位。").empty
    assert extract("在全区111个县中,有13个县生产总值超过300亿元。")["value_text"].tolist() == ["13个", "超过300亿元"]
    assert extract("12项主要经济指标有7项位居全州前三。")["value_text"].tolist() == ["7项"]
    assert extract("去年政府工作報告確定的10件民生實事全部完成。").empty
    assert extract("具体要完成以下4项目标:").empty
    assert extract("2031 01/24 16:18:06").empty


def test_an_undated_report_of_a_plan_terms_targets_states_them_for_the_terms_end():
    page = ("新华社某地3月31日电 记者从新闻发布会上获悉,《某省第十五个五年规划纲要》已编制完成,明确了某省“十五五”时期"
            "经济社会发展的总体目标,其中生产总值将达15万亿元左右。")
    assert titles.document_years(page).title_year == 2030
    assert extract(page)[["value_text", "year"]].values.tolist() == [["15万亿元左右", 2030]]
    dated = "发布时间:2028-05-06\n\n" + page
    assert titles.document_years(dated).title_year is None  # (a dated page keeps its own year)


def test_comment_boxes_top_ranks_size_classes_and_sub_items_are_not_values():
    assert extract("最热评论\n已有0人参与,点击查看更多精彩评论\n").empty
    assert extract("相关阅读\n\n0 条评论\n").empty
    assert extract("到2030年,全省农林牧渔业增加值进入全国前3位。").empty
    text = "2031年年底前保持全市20户以上具备条件的自然村通硬化路率100%。"
    assert extract(text)["value_text"].tolist() == ["100%"]
    assert extract("某县2031年度10项民生实事日前确定,共涉及23个小项民生项目。").empty
    assert extract("20项民心工程涉及60个子项。")["value_text"].tolist() == ["60个"]  # (annotators code sub-items)
    assert extract("今年修补路缘石15429.68延米。")[["value", "unit"]].values.tolist() == [[15429.68, "延米"]]


def test_a_period_with_its_dash_written_as_yi_ranks_that_move_and_us_dollars():
    text = "明确提出了总的目标任务。2031年一2035年:创建一批生态示范区。万元GDP能耗降低20%以上,环保产业占GDP的比重达到5%。"
    assert extract(text)[["value_text", "year"]].values.tolist() == [["20%以上", 2035], ["5%", 2035]]
    assert extract("2031年一季度,新建公园5个。")[["value_text", "year"]].values.tolist() == [["5个", 2031]]
    assert extract("全国县域经济基本竞争力排名从上年85位升至81位。").empty
    assert extract("到2035年,人均地区生产总值达到5400美元。")[["value", "unit"]].values.tolist() == [[5400.0, "美元"]]
    assert extract("引进总投资超30亿元或3亿美元产业项目2个。")["value_text"].tolist() == ["2个"]
