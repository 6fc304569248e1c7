"""Readings added after the real held-out sets CD-CG showed their wrong years and qualifiers: a report's review
that opens with the year before its own, the goals of a plan term that head a list of targets, a headline that
repeats its lede, and ``保持在``; after sets CH-CK, the ratio sign ``∶`` and 左右 after a pair joined by 、; after sets CT-CW, a work report dated in brackets after its title; after sets CX-DA, the year of an edition; after sets DB-DE, 逾 (over); after sets DF-DI, 跨上…台阶.

Every sentence here is written for the test (none is taken from a held-out document).
"""

from __future__ import annotations

from comparekit.extract import extract
from comparekit.extract.headline import headline_years


def _years(rows) -> list:
    return rows["year"].astype(object).where(rows["year"].notna(), None).tolist()


def test_a_report_line_that_opens_with_the_year_before_reviews_that_year_until_the_text_turns():
    text = ("某省2031年政府工作报告发布，回顾了过去一年。\n"
            "2030年，全省经济运行总体平稳。\n"
            "着力扩大投资，省重大项目完成投资500亿元。\n"
            "着力稳定就业，城镇新增就业12万人。\n"
            "今年工作\n"
            "报告指出，2031年，全省将新建公园8个。\n"
            "改造老旧小区30个。")
    rows = extract(text)
    assert rows["value_text"].tolist() == ["500亿元", "12万人", "8个", "30个"]
    assert _years(rows) == [2030, 2030, 2031, 2031]
    assert rows["year_source"].tolist()[:2] == ["title", "title"]


def test_a_review_line_in_a_document_that_is_no_report_sets_no_section():
    text = "某县2031年民生实事项目\n2030年，全县新建公园3个。\n新建游园5个。"
    assert _years(extract(text)) == [2030, 2031]


def test_goals_to_the_end_of_a_plan_term_hold_for_the_targets_listed_under_them():
    text = ("某县农业发展规划\n三、发展目标\n总体目标是：到“十五五”末，特色产业规模进一步扩大，农民生活更加殷实。\n"
            "具体目标是：\n———生产能力显著提高。粮食总产量达到110万吨，蔬菜产量达到20万吨。\n"
            "———收入明显提高。农业增加值年均增长4%以上。\n四、重点任务\n新建冷库3座。")
    rows = extract(text)
    assert rows["value_text"].tolist() == ["110万吨", "20万吨", "4%以上", "3座"]
    assert _years(rows) == [2030, 2030, 2030, None]


def test_a_headline_value_takes_the_year_its_lede_states_it_with():
    text = "某市建成12个口袋公园\n本报讯 记者获悉，某市2031年建成12个口袋公园，新增绿地8公顷。"
    rows = extract(text)
    assert rows["value_text"].tolist() == ["12个", "12个", "8公顷"]
    assert _years(rows) == [2031, 2031, 2031]
    assert rows["year_source"].tolist() == ["carried", "stated", "stated"]


def test_a_headline_value_the_lede_does_not_repeat_keeps_no_year():
    text = "某市建成12个口袋公园\n本报讯 记者获悉，某市2031年新增绿地8公顷。"
    assert _years(extract(text)) == [None, 2031]


def test_headline_years_leaves_a_line_with_a_sentence_end_alone():
    text = "某市建成12个口袋公园。\n某市2031年建成12个口袋公园。"
    cols = {"quote_start": [0, 13], "quote_end": [11, 27], "value_start": [4, 20], "value": [12.0, 12.0],
            "unit": ["个", "个"], "year": [None, 2031], "year_source": [None, "stated"]}
    assert headline_years(cols, text)["year"] == [None, 2031]


def test_kept_at_is_maintain():
    rows = extract("到2031年，耕地保有量保持在6120万亩，森林覆盖率维持在60%。")
    assert rows[["value_text", "qualifier"]].values.tolist() == [["保持在6120万亩", "maintain"],
                                                                 ["维持在60%", "maintain"]]
    assert rows["value"].tolist() == [6120.0, 60.0]


def test_a_ratio_written_with_the_ratio_sign_is_read():
    rows = extract("到2031年，城乡居民收入比由2.5∶1缩小到2.2∶1。")
    assert rows[["value_text", "value", "unit"]].values.tolist() == [["2.5∶1", 2.5, "ratio"], ["2.2∶1", 2.2, "ratio"]]


def test_about_after_the_second_value_of_a_pair_joined_by_a_list_comma_holds_for_both():
    rows = extract("到2031年，城镇、农村居民人均可支配收入分别增长6%、7%左右。")
    assert rows[["value_text", "qualifier"]].values.tolist() == [["6%", "about"], ["7%左右", "about"]]
    rows = extract("到2031年，三项指标分别增长6%、7%、8%左右，覆盖率分别达到100%、60%以上。")
    assert rows["qualifier"].tolist() == ["exact", "exact", "about", "exact", "at_least"]


def test_a_work_report_dated_in_brackets_after_its_title_early_in_a_year_reviews_the_year_before():
    text = "某县人民政府工作报告(2031年2月16日)\n\n  城乡环境更加宜居。完成10条道路升级改造，新增停车位500个以上。"
    rows = extract(text)
    assert rows["value_text"].tolist() == ["10条", "500个以上"]
    assert _years(rows) == [2030, 2030]
    # a report dated late in the year, and a dated title that names no work report, keep the year of their date
    assert _years(extract(text.replace("2月16日", "12月16日"))) == [2031, 2031]
    assert _years(extract(text.replace("人民政府工作报告", "民生实事项目清单"))) == [2031, 2031]


def test_the_year_of_an_edition_in_brackets_is_not_the_title_year():
    text = "某市2030年民生实事项目清单(2031年更新)\n\n新建公园5个。"
    assert _years(extract(text)) == [2030]
    assert _years(extract(text.replace("(2031年更新)", "(2031年)"))) == [2031]


def test_over_written_yu_is_more_than():
    rows = extract("到2031年，农村公路建设里程逾1万公里，总投资逾百亿元。")
    assert rows[["value_text", "value", "qualifier"]].values.tolist() == [["逾1万公里", 1.0, "more_than"],
                                                                        ["逾百亿元", 100.0, "more_than"]]


def test_a_mark_reached_with_kuashang_is_at_least():
    rows = extract("2030年，全县地区生产总值跨上70亿元台阶。")
    assert rows[["value_text", "qualifier"]].values.tolist() == [["70亿元", "at_least"]]


def test_a_plan_term_in_any_quote_marks_dates_what_opens_with_it():
    # 『十五五』 and ‘十五五’ as “十五五” are; a careless copy's ”十五五’ too
    for term in ("『十五五』", "‘十五五’", "”十五五’", "「十五五」"):
        rows = extract(f"某县概况\n\n{term}末，全县地区生产总值达到230.5亿元。\n\n到{term}末，新建公园5个。")
        assert _years(rows) == [2030, 2030], term


def test_an_undated_lede_that_opens_with_a_plan_term_dates_the_list_under_it():
    text = "专题\n\n“十六五”时期，我们将重点抓好以下工作：\n\n一是实施封山育林13万亩。\n\n二是建设湿地公园2个。"
    assert _years(extract(text)) == [2035, 2035]
    # a term that opens a later sentence of the lede dates its own paragraph only
    text = "某城市群规划获批\n城市群面积5.87万平方公里。“十六五”期间，生产总值年均增长12%。\n\n城市群共有33个县。"
    assert _years(extract(text)) == [None, 2035, None]
    # a dated page keeps its date
    text = "专题\n发布时间：2032-05-01\n“十六五”时期，我们将重点抓好以下工作：\n\n一是实施封山育林13万亩。"
    assert _years(extract(text)) == [2032]


def test_yi_nian_lai_opening_a_sentence_is_the_review_of_the_year_before():
    text = "某县2031年政府工作报告\n\n一年来，全县新建公园5个，地区生产总值增长6%。"
    assert _years(extract(text)) == [2030, 2030]
    # 近一年来 is not the opening of a review
    text = "某县2031年政府工作报告\n\n近一年来，全县新建公园5个。"
    assert _years(extract(text)) == [2031]


def test_a_threshold_before_the_count_of_its_class_is_not_a_value():
    text = "到2033年，培育集群40个，其中年营业收入超1000亿元的1个、超500亿元的3个；培育产值超百亿元的企业5家。"
    rows = extract(text)
    assert rows["value_text"].tolist() == ["40个", "1个", "3个", "5家"]
    # an amount passed, and an amount with what it measures, stay values
    rows = extract("到2033年，全县地区生产总值突破百亿元，投资超30亿元，建成公园3个。")
    assert rows["value_text"].tolist() == ["突破百亿元", "超30亿元", "3个"]


def test_a_review_after_a_long_reporting_phrase_is_the_year_looked_back_on():
    text = ("2031-02-02 07:24:34 来源:某报\n\n某省林业和草原局局长某某介绍说，过去五年，社会公益组织累计投资达10亿元，"
            "开展造林治沙1.6亿株。")
    assert _years(extract(text)) == [2030, 2030]


def test_a_date_line_of_year_space_month_and_day_with_a_clock_time_is_the_issue_date():
    text = "某区坚守生态立区-某网\n2031 11/13 09:40:03\n来源:某网\n\n五年来，某区森林覆盖率达到48.6%。\n\n今年全区新建公园5个。"
    assert _years(extract(text)) == [2031, 2031]  # given in November: the review closes with its own year; 11/13 is no fraction
    assert _years(extract(text.replace("11/13", "03/13"))) == [2030, 2031]


def test_one_wan_yi_passed_is_a_value_and_a_class_of_it_is_not():
    rows = extract("到2033年，全省进出口总额突破万亿元，经济总量力争超万亿元，打造万亿元级产业，建成2个万亿元城市。")
    assert rows[["value_text", "value", "unit", "qualifier"]].values.tolist() == [
        ["突破万亿元", 1.0, "万亿元", "more_than"], ["超万亿元", 1.0, "万亿元", "more_than"], ["2个", 2.0, "个", "exact"]]
    rows = extract("到2033年，全省進出口總額突破萬億元，經濟總量力爭超萬億元。")  # written in traditional characters
    assert rows[["value_text", "value", "unit"]].values.tolist() == [["突破萬億元", 1.0, "万亿元"], ["超萬億元", 1.0, "万亿元"]]
    rows = extract("到2033年，地区生产总值突破13.57万亿元。")
    assert rows[["value_text", "value"]].values.tolist() == [["突破13.57万亿元", 13.57]]


def test_a_hundred_percent_written_in_characters_is_read():
    rows = extract("到2033年，全县安全饮用水百分百覆盖，垃圾处理百分之百无害化，推进“四个百分百”。")
    assert rows[["value_text", "value", "unit"]].values.tolist() == [["百分百", 100.0, "%"], ["百分之百", 100.0, "%"]]


def test_a_date_line_without_ri_before_its_clock_time_is_the_issue_date():
    text = "某市计划新增700万平方米集中供热\n2032年02月21 10:08:00 来源:某报\n据了解，今年某市计划改造管网276公里。"
    assert _years(extract(text)) == [2032, 2032]


def test_a_first_line_that_says_this_year_opens_a_plan_term_dates_the_page_to_the_term_s_first_year():
    text = "4月27日讯,今年一季度,某区生产总值完成238.54亿元,同比增长10.7%,实现“十六五”开门红。\n记者了解到,一季度某区接待游客56.1万人次。"
    assert _years(extract(text)) == [2031, 2031, 2031]
    # a first line that names a plan term without saying this year opens it dates the page to the term's end
    text = "某区“十六五”期间生产总值年均增长6%左右。\n某区生产总值完成238.54亿元。"
    assert _years(extract(text)) == [2035, 2035]
