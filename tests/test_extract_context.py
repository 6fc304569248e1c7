"""Tests of the extractor's year context, kinds, measure words and indicator ids (hand-made texts)."""

from __future__ import annotations

import pandas as pd
import pytest

from comparekit.extract import extract
from comparekit.extract.context import document_years
from comparekit.extract.labels import ASSIGN_THRESHOLD, score_names
from comparekit.extract.rules import rules


def _rows(text: str, **kwargs) -> pd.DataFrame:
    return extract(text, **kwargs).set_index("value_text")


def test_title_year_is_used_when_no_year_is_stated():
    rows = _rows("某县2024年度民生实事项目\n\n一、新建公园5个。\n二、改造老旧小区12个。")
    assert rows["year"].tolist() == [2024, 2024]
    assert set(rows["year_source"]) == {"title"}


def test_title_period_gives_its_end_and_an_explicit_horizon_wins():
    assert document_years("某市2021—2025年城镇化规划\n").title_year == 2025
    rows = _rows("某县2024年民生实事项目\n\n新建公园5个。", horizon=2026)
    assert (rows.loc["5个", "year"], rows.loc["5个", "year_source"]) == (2026, "horizon")


def test_issue_date_is_the_document_year():
    years = document_years("关于印发某县实施方案的通知\n发布时间：2023-06-15\n\n正文")
    assert (years.issue_year, years.own_year) == (2023, 2023)


def test_year_is_not_carried_across_a_list_item_cut_by_one_line_break():
    text = "到2025年，全县城镇化率达到60%。\n截至目前，全县已建成养老机构8家。"
    rows = _rows(text)
    assert (rows.loc["60%", "year"], rows.loc["60%", "year_source"]) == (2025, "stated")
    assert rows.loc["8家", "kind"] == "baseline"
    assert rows.loc["8家", "year_source"] != "carried"


def test_year_is_carried_within_a_paragraph():
    rows = _rows("到2025年，全县城镇化率达到60%。城市污水处理率达到98%。")
    assert (rows.loc["98%", "year"], rows.loc["98%", "year_source"]) == (2025, "carried")


def test_respectively_pairs_years_with_values():
    rows = _rows("2021年、2022年和2023年全县城镇化率分别为50%、51%和52%。")
    assert rows["year"].tolist() == [2021, 2022, 2023]


@pytest.mark.parametrize("sentence", [
    "截至目前，已建成养老机构8家。", "全县现有养老机构8家。", "累计已建成公园12个。", "近三年每年新增就业1000人。",
])
def test_baseline_cues(sentence):
    rows = extract(sentence, horizon=2025)
    assert rows["kind"].tolist() == ["baseline"]


def test_a_year_before_the_document_year_is_a_baseline():
    rows = _rows("某县2024年工作要点\n\n2023年全县城镇化率为50%。到2025年达到55%。")
    assert rows.loc["50%", "kind"] == "baseline" and rows.loc["55%", "kind"] == "target"


def test_measure_words_known_and_unknown():
    rows = _rows("新建路灯300盏，培训2批次/千人，引进12种新品种，建成养老机构3家。")
    assert rows.loc["300盏", ["value", "unit"]].tolist() == [300.0, "盏"]
    assert rows.loc["2批次/千人", "unit"] == "批次/千人"
    assert "not in the unit registry" in rows.loc["12种", "note"]
    assert pd.isna(rows.loc["3家", "note"]) or "unit registry" not in rows.loc["3家", "note"]


def test_class_names_are_not_values_but_grades_are():
    rows = extract("培育过10亿级企业3家，打造千亿级产业集群。空气质量达到国家二级标准。")
    assert rows["value_text"].tolist() == ["3家", "二级"]
    assert rows["value"].tolist() == [3.0, 2.0]


def test_indicator_id_only_when_confident_else_suggestions():
    rows = _rows("全市常住人口城镇化率达到60%。新建养老机构3家。")
    assert rows.loc["60%", "indicator_id"] == "urbanization_rate"
    assert pd.isna(rows.loc["3家", "indicator_id"])
    suggestions = rows.loc["3家", "indicator_suggestions"].split("|")
    assert len(suggestions) == 3 and all(float(s.split(":")[1]) < ASSIGN_THRESHOLD for s in suggestions)


def test_word_scores_prefer_the_specific_name():
    ranked = score_names("每千人口拥有3岁以下婴幼儿托位数", rules())
    assert ranked[0][0] == "childcare_slots_per_1000"
    assert score_names("绿色建筑开工比例", rules())[0][1] < ASSIGN_THRESHOLD


def test_ratios_are_read_and_from_values_are_baselines():
    rows = extract("医护比由1:0.8提高到1:1.2，上午8:30开会，三次产业结构调整为5:40:55。")
    assert rows[["value_text", "value", "unit", "kind"]].values.tolist() == [
        ["1:0.8", 1.25, "ratio", "baseline"], ["1:1.2", 0.8333, "ratio", "target"],
        # (fifth round) a structure's shares are three percentages, see test_extract_structure.py
        ["5", 5.0, "%", "target"], ["40", 40.0, "%", "target"], ["55", 55.0, "%", "target"]]


def test_traditional_and_ruby_text_is_read_with_offsets_on_the_original():
    text = "2024年鹿邑將著力辦好十件實(shí)事。\n全年開展職業(yè)技能培訓(xùn)2.55萬(wàn)人次,新增學(xué)位6120個(gè)。"
    rows = extract(text)
    assert rows[["value_text", "value", "unit", "year"]].values.tolist() == [
        ["2.55萬(wàn)人次", 2.55, "万人次", 2024], ["6120個", 6120.0, "个", 2024]]
    for rec in rows.itertuples():
        assert text[rec.quote_start : rec.quote_end] == rec.quote and rec.value_text in rec.quote


def test_simplified_plans_are_read_as_they_are():
    from comparekit.extract.view import matching_view
    from comparekit.sources import load_sources, read_source_text

    for source_id in load_sources()["source_id"]:
        assert not matching_view(read_source_text(source_id)).changed, source_id


def test_spaced_article_numbers_are_not_values_and_spaced_years_hold():
    rows = extract("第 15 条 市域总人口规划湘潭市域总人口 2010 年控制在 300 万人以内\n第 16 条 城镇化水平")
    assert rows[["value", "unit", "year"]].values.tolist() == [[300.0, "万人", 2010]]


def test_a_rating_that_says_which_things_are_counted_is_not_a_value():
    rows = extract("评定300家三星级以上餐饮服务单位。提升改造敬老院2家以上，达到养老院二级标准。"
                   "按照二星级及以上绿色建筑标准建设。")
    assert rows["value_text"].tolist() == ["300家", "2家以上", "二星级及以上"]


def test_ids_that_do_not_fit_the_unit_or_the_level_are_left_for_review():
    rows = _rows("全县地区生产总值增长2%。一般公共预算收入达4.78亿元。各镇一般公共预算收入达到1亿元。")
    assert rows["indicator_id"].isna().tolist() == [True, True, False]
    assert rows.loc["2%", "indicator_suggestions"] == "gdp_total:review"
    assert "does not fit the indicator's unit 亿元" in rows.loc["2%", "note"]
    assert rows.loc["1亿元", "indicator_id"] == "town_public_budget_revenue"


def test_a_topic_year_holds_for_its_paragraph_and_one_opened_by_a_connective():
    # (not in a report titled 2024年…报告: there a line that opens with 2023年， starts the review of 2023, which holds
    # until a heading or until the text turns to 2024; see test_extract_years_of_sections.py)
    rows = _rows("某县2024年重点工作要点\n\n2023年，全县新增就业1000人。城镇新增就业800人。\n同时，新建公园5个。\n新建学校3所。")
    assert rows["year"].tolist() == [2023, 2023, 2023, 2024]
    assert rows.loc["5个", "kind"] == "baseline" and rows.loc["5个", "year_source"] == "carried"
    assert rows.loc["3所", "kind"] == "target"


def test_this_year_is_the_issue_year():
    rows = _rows("发布时间：2024-03-01\n\n今年将新建公园5个。")
    assert rows.loc["5个", "year"] == 2024


def test_more_than_a_number_with_yu_or_duo():
    rows = extract("举办重大体育赛事50余场，推动1000多个小城镇发展，投资1000多万元。工作30多年。")
    assert rows[["value_text", "value", "unit", "qualifier"]].values.tolist() == [
        ["50余场", 50.0, "场", "more_than"], ["1000多个", 1000.0, "个", "more_than"],
        ["1000多万元", 1000.0, "万元", "more_than"]]


def test_short_lines_without_a_final_mark_are_list_items_of_their_own():
    # a list copied as one item per line, without punctuation: each line is a statement of its own,
    # so neither a label nor an indicator id reaches the next item
    rows = _rows("新增托育机构托位800个\n建成社区食堂12个\n改造农贸市场3个\n")
    assert rows.loc["800个", "quote"] == "新增托育机构托位800个"
    assert rows.loc["12个", "quote"] == "建成社区食堂12个"
    assert rows.loc["12个", "indicator_label"] == "建成社区食堂"
    assert rows.loc["3个", "indicator_id"] != rows.loc["800个", "indicator_id"] or pd.isna(rows.loc["3个", "indicator_id"])
    # a sentence wrapped at a fixed width (long lines) stays one sentence
    wrapped = ("到2030年，全县将持续推进城乡融合发展和基础设施建设，新建\n"
               "改造农村公路120公里，建设乡镇污水处理设施8座，新增绿地面积\n30公顷。")
    assert set(_rows(wrapped)["year"]) == {2030}


def test_a_text_that_opens_with_its_year_names_its_own_year():
    assert document_years("2031年，某县围绕群众关切确定实施5项实事。\n新建公厕2处。").title_year == 2031
    rows = _rows("2031年，某县围绕群众关切确定实施实事。\n\n该县拟新建公厕2处，改造供水管网15公里。")
    assert set(rows["year"]) == {2031}
    assert document_years("2031年3月5日，某县召开会议。").title_year is None  # a date is not the text's year


def test_a_plan_term_names_its_years_in_a_headline_or_heading():
    from comparekit.extract.context import plan_term

    assert plan_term("“十二五”规划纲要") == (2011, 2015) and plan_term("十五年来") is None
    rows = _rows("某省“十三五”新型城镇化目标\n\n全省新增城镇人口300万，户籍人口城镇化率达到45%。")
    assert set(rows["year"]) == {2020} and set(rows["year_source"]) == {"title"}


def test_a_review_heading_looks_back_on_the_year_before_the_report():
    text = ("2031年某县人民政府工作报告\n\n一、本届政府工作回顾\n\n全县地区生产总值年均增长6%，新建学校12所。\n\n"
            "二、2031年工作安排\n\n新建学校5所。")
    rows = _rows(text)
    assert rows.loc["12所", "year"] == 2030 and rows.loc["12所", "kind"] == "baseline"
    assert rows.loc["5所", "year"] == 2031
    review = _rows("2031年某县人民政府工作报告\n\n一、十四五工作回顾\n\n全县新建学校12所。")
    assert review.loc["12所", "year"] == 2025


def test_the_end_of_a_change_from_an_earlier_year_is_not_carried():
    text = ("2031年某县人民政府工作报告\n\n一、过去一年工作回顾\n\n全县排名由2026年的第9位上升至2029年的第4位。"
            "新建学校12所。")
    assert _rows(text).loc["12所", "year"] == 2030


def test_a_year_or_a_date_that_opens_a_sentence_is_the_topic_of_its_paragraph():
    # a date before a comma, a year right before the subject, a year after a reporting verb
    for text in ("2030年5月，某区启动征集。共收集建议120件。",
                 "2030年全区经济稳步增长。地区生产总值达到380亿元。",
                 "区长在报告中说，2030年全区发展成效明显。地区生产总值达到380亿元。"):
        rows = _rows(text)
        assert rows["year"].tolist() == [2030], text
        assert rows["year_source"].tolist() == ["carried"], text
    # the start of a period is not a topic
    assert _rows("2030年以来全区发展成效明显。地区生产总值达到380亿元。")["year"].isna().all()


def test_a_dated_news_report_or_page_is_for_its_issue_year():
    # the page's date field (发布时间, or a bare 时间 in the furniture) and 今年 in the report: the rows
    # without a year of their own are for the year it was issued
    for furniture in ("发布时间：2031-04-02 09:15:00 来源：某日报", "时间:2031-04-02   作者:某网   阅读:12"):
        text = f"某区今年将新建公园12个\n\n{furniture}\n\n今年，某区将推进多项工程。新建公园12个。\n\n改造供水管网15公里。"
        rows = _rows(text)
        assert rows["year"].tolist() == [2031, 2031, 2031], furniture
        assert document_years(text).issue_year == 2031
    # a deadline column is not the page's date: such a page keeps no year; a dated page without 今年
    # (and without a title year or a horizon) is for its issue year too
    assert document_years("项目名称\n完成时间：2031-12-31\n新建公园12个。").issue_year is None
    assert _rows("项目名称\n完成时间：2031-12-31\n新建公园12个。")["year"].isna().all()
    rows = _rows("发布时间：2031-04-02\n\n某区新建公园12个。")
    assert rows["year"].tolist() == [2031] and rows["year_source"].tolist() == ["issue_date"]


def test_the_date_a_report_was_delivered_and_a_review_at_the_end_of_its_year():
    # the line under the title gives the date the report was delivered; a review given in the last
    # quarter of a year covers that year, one given early in a year the year before
    for date, year in (("2031年12月20日", 2031), ("2031年1月8日", 2030)):
        text = (f"政府工作报告\n——{date}在某市第九届人民代表大会第一次会议上\n\n一、过去五年工作回顾\n\n"
                "全市新建学校12所。")
        assert document_years(text).issue_year == 2031
        assert _rows(text).loc["12所", "year"] == year, date


def test_a_news_byline_a_bracketed_title_date_or_a_lede_date_dates_the_document():
    # a date with a clock time anywhere on a byline line, the date in brackets after a report's title,
    # the date line under the title without a dash, and a lede that opens with a date
    for text in ("某县今年将办好10件实事\n来源:某晚报 • 2031-02-24 09:45:53\n今年新建公园12个。",
                 "某市召开两会\n\n2031年01月24日13:38 | 来源:某网\n\n今年新建公园12个。",
                 "(某省)某县人民政府工作报告(2031年12月12日)\n\n今年新建公园12个。",
                 "某县人民政府工作报告\n2031年12月12日在某县第九届人民代表大会第一次会议上\n\n今年新建公园12个。",
                 "2031年1月5日,某区人大会议票决产生十件实事。\n今年新建公园12个。"):
        assert document_years(text).issue_year == 2031, text
        assert _rows(text)["year"].tolist() == [2031], text


def test_a_lede_that_names_an_annual_list_gives_the_documents_year():
    # no title line: the lede names 2031年…民生实事项目, so the list items are for 2031
    text = ("某日,某区人大代表采取差额票决的方式选出了2031年某区十大民生实事项目,涵盖教育、交通等。\n"
            "一、加强学位建设。\n新增幼儿园学位1500个。")
    assert document_years(text).title_year == 2031
    rows = _rows(text)
    assert rows["year"].tolist() == [2031] and rows["year_source"].tolist() == ["title"]
    # an undated report that says 今年 and names one year in its lede: that year is 今年
    text = "某市工作报告确定了2031年将筹措资金60亿元以上。今年的实事项目共分两批。\n新建幼儿园35所。"
    assert document_years(text).own_year == 2031
    assert _rows(text).loc["35所", "year"] == 2031


def test_an_unnumbered_review_heading_dates_the_review():
    # 过去五年工作回顾 on a line of its own, in a report delivered in December 2031: the review's figures
    # are for 2031
    text = ("某县人民政府工作报告(2031年12月12日)\n\n  过去五年工作回顾\n\n"
            "  过去五年,县政府团结全县人民,克服困难。\n\n  县财政投入专项资金15073万元。")
    assert _rows(text).loc["15073万元", "year"] == 2031


def test_a_period_that_opens_a_clause_and_its_respective_values():
    text = ("2030年地区生产总值为217.3亿元,2031-2035年,全县地区生产总值分别为245.95亿元、279.71亿元、"
            "297.73亿元、303.08亿元、316.3亿元,年均增速为7.6%。")
    rows = _rows(text)
    assert rows["year"].tolist() == [2030, 2031, 2032, 2033, 2034, 2035, 2035]
    # the values of a period are stated for its end year; a period inside a name is no year
    assert _rows("2031—2035年，全县新增就业5万人。")["year"].tolist() == [2035]
    padding = "按照上级部署，坚持规划引领，统筹城乡发展，完善基础设施，提升公共服务水平，推动高质量发展，"
    assert _rows(f"{padding * 2}落实2031—2035年专项规划，新建公园5个。")["year"].isna().all()
    # two subjects 分别 after a period: both for its end year
    assert _rows("2031-2035年,收入和支出分别增长8%、9%。")["year"].tolist() == [2035, 2035]


def test_a_start_value_right_after_its_year():
    rows = _rows("全社会消费品零售总额由2030年66.1亿元增加至2035年的119.3亿元。")
    assert rows["year"].tolist() == [2030, 2035]
    assert rows.loc["66.1亿元", "kind"] == "baseline"
    assert _rows("收入由2030年的8.57亿元增长至2035年的15.25亿元。")["year"].tolist() == [2030, 2035]


def test_a_year_that_opens_a_clause_of_the_lede_holds_for_what_follows():
    # no title year: the lede's 2031年 (after a reporting verb, or opening its second line) dates the list
    # below it, as a heading would; what comes before it keeps no year
    text = ("2月11日,记者从刚刚闭幕的县人代会上了解到,2031年,某县将继续加大民生投入。\n"
            "一、道路\n建设农村公路500公里。\n二、住房\n改造农村危旧房2000户。")
    assert document_years(text).lede_year == 2031
    rows = _rows(text)
    assert rows.loc["500公里", "year"] == 2031 and rows.loc["2000户", "year"] == 2031
    text = "记者从区人大会议上获悉:\n2031年某区首次开展民生实事票决制。\n完成投资5.04亿元。"
    assert _rows(text).loc["5.04亿元", "year"] == 2031
    text = "某州地处高原,面积26.7万平方公里。2030年,全州常住人口42.5万人。\n\n新建公园3个。"
    rows = _rows(text)
    assert pd.isna(rows.loc["26.7万平方公里", "year"])
    # a deadline (2035年底前) or a 到-year in a lede is not the year of 今年
    assert document_years("某市今年将新建公园3个，到2035年年底前建成100个。").own_year is None


def test_a_review_that_opens_a_sentence_and_a_look_ahead_date_their_values():
    # a report delivered in January 2031: 过去一年 is 2030, for its sentence and the rest of its paragraph;
    # 展望2032年 opens the year of the targets after it
    text = ("某区人民政府工作报告\n2031年1月10日在某区人民代表大会上\n\n"
            "过去一年，全区新建学校23所，新增学位4.63万个。全区新建公园3个。\n\n展望2032年，全区将新建公园5个。")
    rows = _rows(text)
    assert rows["year"].tolist() == [2030, 2030, 2030, 2032]
    assert rows.loc["23所", "kind"] == "baseline"
    # 由2030年的A调整为B: the start year is A's, not B's
    rows = _rows("三次产业比例由2030年的4.3:71.4:24.3调整为4.5:68.9:26.6。")
    assert rows["year"].tolist()[:3] == [2030] * 3 and rows["year"].iloc[3:].isna().all()


def test_review_topics_are_found_from_their_words_as_the_pattern_finds_them():
    from comparekit.extract.carry import REVIEW_TOPIC_RE, _review_topics

    text = ("过去一年，新建学校3所。\n  去年,新增就业1万人。过去五年，全县发展。我们过去一年，努力工作。"
            "回顾过去年，不是。过去的一年，成绩显著！去年同期增长5%。")
    expected = [m.span(1) for m in REVIEW_TOPIC_RE.finditer(text)]
    assert [(s, e) for s, e, _ in _review_topics(text, 2030)] == expected
    assert len(expected) == 4


def test_a_deadline_a_count_after_a_year_and_a_multiple_of_a_base_year():
    # 到/于YYYY年(前)建成…: a deadline, not the definition year of 2000年前建成的
    rows = _rows("某市2021—2035年养老规划\n\n某市到2030年建成养老床位2万张。某区于2030年前建成公园50个以上。")
    assert rows["year"].tolist() == [2030, 2030]
    rows = _rows("某市2021—2035年规划\n\n改造2000年前建成的老旧小区120个。")
    assert rows.loc["120个", "year"] == 2035 and rows.loc["120个", "year_source"] == "title"
    # YYYY年 followed by a count dates it; followed by a month it is a date
    rows = _rows("某县2031年工作总结\n\n2028年57个村全部退出，2029年1.2万户群众搬迁。2029年3月新建公园2个。")
    assert rows["year"].tolist() == [2028, 2029, 2031]
    # 是2025年的1.6倍: the base of a multiple, not the value's year
    rows = _rows("某县2031年工作总结\n\n预计2030年收入突破10亿元，是2025年的1.6倍，年均增长9.8%。")
    assert rows["year"].tolist() == [2030, 2030, 2030] and rows.loc["1.6倍", "unit"] == "倍"


def test_a_baseline_as_of_now_takes_the_documents_date_and_a_span_ends_a_carried_year():
    text = "某市十件实事进展\n时间:2031-08-02 03:59:48\n\n截至目前，1739个子项已开工1457个，开工率83.8%。"
    rows = _rows(text)
    assert rows.loc["1457个", "year"] == 2031 and rows.loc["1457个", "year_source"] == "issue_date"
    # a report's delivery date under its title is its date, not the web page's own
    text = ("发布时间:2032-07-11 20:57\n政府工作报告\n——2031年1月12日在某州人民代表大会上\n\n"
            "过去一年，地区生产总值增长0.5%。")
    assert _rows(text).loc["0.5%", "year"] == 2030
    # a date that opens a sentence carries to the paragraph, until a sentence that opens with a span
    text = ("政府工作报告\n2031年12月15日\n\n一、过去五年工作回顾\n"
            "2030年2月，某县退出贫困县序列。全年新建学校3所。五年的持续奋战，取得重大成就。累计投入资金52亿元。")
    rows = _rows(text)
    assert rows.loc["3所", "year"] == 2030 and rows.loc["52亿元", "year"] == 2031


def test_span_topics_open_a_sentence():
    from comparekit.extract.carry import _span_topics

    text = "五年来，成绩显著。这五年，我们奋斗。过去五年的努力。我们五年来努力。2020年的目标。近三年间增长。"
    assert [text[s:e] for s, e, _ in _span_topics(text)] == ["五年来", "这五年，", "过去五年的", "近三年间"]


def test_page_counts_attendance_and_the_pool_of_a_ranking_are_not_values():
    text = ("某县政府工作报告\n点击:20次 共计13074个字,预计阅读时长44分钟\n\n"
            "大会应到代表148名,实到代表133名。在全省监测中排名146个监测县第1位,投资增速稳居全省100个县区前列,"
            "成为全国29个示范基地之一。全年新建学校3所,新增学位1200个。")
    rows = _rows(text)
    assert rows.index.tolist() == ["3所", "1200个"]
    # a count in a ranking sentence that is not the pool of the ranking stays a value
    assert _rows("排名上升3位,新建公园12个,居全市第2位。").index.tolist() == ["12个"]


def test_thousands_separators_small_colons_a_completion_year_and_a_newspaper_date_line():
    rows = _rows("全省新增企业2,000家,新增就业1,234,567人,约1,500户。")
    assert rows["value"].tolist() == [2000, 1234567, 1500]
    assert rows.loc["约1,500户", "qualifier"] == "about"
    # a three-part structure with the small colon (U+FE55) and spaces around it
    rows = _rows("三次产业结构从13.6 \ufe55 42.1 \ufe55 44.3 调整为9.6 \ufe55 35.8 \ufe55 54.6。")
    assert rows["value"].tolist() == [13.6, 42.1, 44.3, 9.6, 35.8, 54.6] and set(rows["unit"]) == {"%"}
    # YYYY年建成N个 states the year of a result; 2000年前建成的 / 2000年以前竣工 define what is counted
    rows = _rows("某市2031年工作总结\n\n某市2030年建成24个便民生活圈。改造2000年前建成的老旧小区120个。"
                 "2000年以前竣工小区30个。")
    assert rows["year"].tolist() == [2030, 2031, 2031]
    # a newspaper page's date line with its weekday dates the document
    assert document_years("顶部\n2031年06月02日 星期三\n第A04版\n某市新建公园3个。").own_year == 2031
    # 把/将/有 before a share in tenths
    assert _rows("坚持把七成以上的财力用于民生。")["value"].tolist() == [70.0]


def test_plan_terms_periods_with_spaces_and_qualifiers_before_shares_and_ranges():
    # “十二五”末，… dates its sentence and paragraph with the term's end year
    text = ("某省十三五规划\n2031年8月22日\n\n(一)实力增强。“十二五”末,地区生产总值达到471.4亿元,年均增长11.7%。"
            "城镇居民人均可支配收入达到17800元。")
    rows = _rows(text)
    assert rows["year"].tolist() == [2015, 2015, 2015] and set(rows["kind"]) == {"baseline"}
    # a period written with a space before 年 is a period (its values belong to its end)
    assert _rows("数据显示,2020 年至2024年间,地区生产总值年均增速达4.25%。").loc["4.25%", "year"] == 2024
    # 过/過 and 超 before a number or a share in tenths: more than (not 通过, 经过)
    rows = _rows("实现农村电商规模过千亿元,农民人均可支配收入过2万元,在全省占比超六成,通过验收3个。")
    assert rows["qualifier"].tolist() == ["more_than", "more_than", "more_than", "exact"]
    assert rows.loc["超六成", "value"] == 60.0
    assert _rows("實現農村電商規模過千億元,農民人均可支配收入過2萬元。")["qualifier"].tolist() == ["more_than"] * 2
    # a range with its magnitude on both ends; 稳定在…以上 is a floor; 斤 is a unit
    rows = _rows("建成后可容纳师生1.8万至2.2万人,粮食产量稳定在90亿斤以上。")
    assert rows.loc["1.8万至2.2万人", ["value", "value_high", "qualifier"]].tolist() == [1.8, 2.2, "range"]
    assert rows.loc["稳定在90亿斤以上", ["unit", "qualifier"]].tolist() == ["亿斤", "at_least"]
