"""Value readings (and years) added after the real held-out sets showed their categories of misses and false
alarms: amounts of money in characters, 超 before a number, counts before 乡镇/乡村, moves in a
ranking, size classes of money, concentrations, and values shared with 均 across 和 or a place.

Every sentence here is written for the test (none is taken from a held-out document).
"""

from __future__ import annotations

import pandas as pd

from comparekit.extract import extract


def _read(text: str) -> list[list]:
    return extract(text)[["value_text", "value", "unit", "qualifier"]].values.tolist()


def test_money_written_in_characters_is_a_value_but_a_size_class_is_not():
    assert _read("2023年全区税收首次突破百亿元大关。") == [["突破百亿元", 100.0, "亿元", "more_than"]]
    assert _read("项目总投资超过三百亿元。") == [["超过三百亿元", 300.0, "亿元", "more_than"]]
    assert _read("培育百亿元企业2家。") == [["2家", 2.0, "家", "exact"]]
    assert _read("建成全省首个200亿元园区。") == []
    assert _read("新开工千万元以上项目50个。") == [["50个", 50.0, "个", "exact"]]


def test_chao_before_a_number_means_more_than():
    assert _read("力争全县财政收入超50亿元。") == [["超50亿元", 50.0, "亿元", "more_than"]]
    assert _read("单位能耗不超过0.5吨标准煤。")[0][3] == "at_most"


def test_a_count_before_xiangzhen_or_xiangcun_is_read():
    assert _read("新建5家乡镇综合文化站。") == [["5家", 5.0, "家", "exact"]]
    assert _read("打造两家乡村振兴示范基地。") == [["两家", 2.0, "家", "exact"]]


def test_a_move_in_a_ranking_is_not_a_count_of_persons():
    rows = _read("全市综合排名较上年前移3位，引进博士12位。")
    assert [r[0] for r in rows] == ["12位"]


def test_a_concentration_in_micrograms_is_read_with_its_qualifier():
    assert _read("到2027年，细颗粒物年均浓度不高于25微克/立方米。") == [
        ["不高于25微克/立方米", 25.0, "微克/立方米", "at_most"]]


def test_values_shared_with_jun_across_he_and_after_a_place():
    rows = extract("城市绿化覆盖率和公园绿地服务半径覆盖率均达到45%。")
    assert rows["indicator_label"].tolist() == ["城市绿化覆盖率", "公园绿地服务半径覆盖率"]
    rows = extract("老城区、新建小区垃圾分类覆盖率、生活垃圾回收利用率均达到60%。")
    assert len(rows) == 2
    assert rows["indicator_label"].tolist()[1] == "生活垃圾回收利用率"
    # 和 between words that are not shares does not split one subject
    assert len(extract("城乡居民和农民工收入均增长8%。")) == 1


def test_a_review_heading_gives_its_year_and_makes_past_results_baselines():
    text = ("某市政府工作报告\n成文日期: 2024-03-11\n\n一、2023年工作回顾\n\n"
            "全市财政收入增长3.8%，较上年提高0.5个百分点。\n\n二、2024年工作安排\n\n新建公园5个。")
    rows = extract(text)[["value_text", "year", "kind"]].values.tolist()
    assert rows == [["3.8%", 2023, "baseline"], ["0.5个百分点", 2023, "baseline"], ["5个", 2024, "target"]]


def test_a_news_dateline_with_a_clock_time_dates_jinnian():
    text = "首页 > 新闻\n2022-05-16 09:30:12 来源:本报\n\n今年全县粮食产量保持在100万吨以上。"
    rows = extract(text)
    assert rows[["year", "year_source"]].values.tolist() == [[2022, "stated"]]


def test_the_count_of_an_enumeration_written_in_characters():
    assert _read("改造甲小区、乙小区、丙小区三所老旧小区。") == [["三所", 3.0, "所", "exact"]]
    assert _read("举办全国田径赛等两项国家级赛事。") == [["两项", 2.0, "项", "exact"]]
    # the numeral must count the items; aspects, red lines and ordinals are not quantities
    assert _read("改造甲小区、乙小区两所学校。") == [["两所", 2.0, "所", "exact"]]
    assert _read("改造甲小区、乙小区、丙小区两所学校。") == []
    assert _read("围绕教育、医疗两个方面开展工作。") == []
    assert _read("守住耕地、生态两条红线。") == []
    assert _read("第三所学校建成。") == []


def test_fractions_in_digits_and_in_characters():
    assert _read("本县产量达到全省总量1/5。") == [["1/5", 0.2, "ratio", "exact"]]
    assert _read("占全市的1/4以上。") == [["1/4以上", 0.25, "ratio", "at_least"]]
    assert _read("绿地面积约占城区面积的四分之一。") == [["四分之一", 0.25, "ratio", "exact"]]
    assert _read("3/15消费者权益日，24/7热线服务。") == []


def test_a_heading_that_names_the_past_year_or_this_year():
    text = "某县2025年政府工作报告\n\n一、过去一年工作回顾\n\n全县地区生产总值增长5.2%，新建公园3个。\n\n二、今年工作安排\n\n新建学校2所。"
    rows = extract(text)[["value_text", "year", "kind"]].values.tolist()
    assert rows == [["5.2%", 2024, "baseline"], ["3个", 2024, "baseline"], ["2所", 2025, "target"]]


def test_breaking_a_mark_again_or_for_the_first_time_is_more_than():
    assert _read("全县牲畜存栏再破60万头。") == [["再破60万头", 60.0, "万头", "more_than"]]
    assert _read("全市旅游收入首破90亿元。") == [["首破90亿元", 90.0, "亿元", "more_than"]]
    assert _read("运动员打破3项纪录。")[0][3] == "exact"  # 打破 (break a record) is not a bound


def test_tenths_and_a_half_after_a_word_of_proportion_are_percentages():
    assert _read("外资占全县投资总额的七成。") == [["七成", 70.0, "%", "exact"]]
    assert _read("参保人数达到常住人口的一半以上。") == [["一半以上", 50.0, "%", "at_least"]]
    assert _read("全县面貌一成不变。") == [] and _read("他是一名成员。") == []


def test_a_qualifier_word_after_a_measure_word_in_brackets():
    rows = extract("全年竣工保障房6000套(间)以上，新建宿舍300套（间）。")
    assert rows["value_text"].tolist() == ["6000套(间)以上", "300套"]
    assert rows["qualifier"].tolist() == ["at_least", "exact"]


def test_doubling_twice_is_a_multiple_of_four():
    rows = extract("五年来全县外贸进出口总额翻了两番多，工业产值翻三番。")
    assert rows["value"].tolist() == [4.0, 8.0]
    assert rows["unit"].tolist() == ["ratio", "ratio"]
    assert rows["qualifier"].tolist() == ["more_than", "exact"]
    # 翻一番 stays the qualitative word it is; 翻 in another sense has no numeral before 番
    assert extract("科研投入翻一番。")["qualifier"].tolist() == ["qualitative"]


def test_trillions_life_expectancy_cases_and_class_hours():
    assert _read("到2035年，全省地区生产总值达到3万亿元。") == [["3万亿元", 3.0, "万亿元", "exact"]]
    assert _read("2030年人均预期寿命达到78.5岁。") == [["78.5岁", 78.5, "岁", "exact"]]
    # an age that defines who is counted is not a value
    assert _read("新增托位500个，覆盖0-3岁婴幼儿。") == [["500个", 500.0, "个", "exact"]]
    assert _read("60岁以上老年人2万人。") == [["2万人", 2.0, "万人", "exact"]]
    assert _read("3例确诊患者全部治愈出院。") == [["3例", 3.0, "例", "exact"]]
    assert _read("打造1000课时的课程资源库。") == [["1000课时", 1000.0, "课时", "exact"]]
    rows = extract("到2035年，人均预期寿命达到80岁。")
    assert rows["indicator_id"].tolist() == ["life_expectancy"]


def test_the_counts_in_a_headings_bracket_are_the_items_under_it():
    text = ("一、科教惠民工程(项目6个,其中基建工程类5个、“小而美”事项类1个)。主要是新建幼儿园35所、义务教育学校13所。\n"
            "二、就业惠民工程(共3项)\n新增就业岗位4万个。")
    assert [row[0] for row in _read(text)] == ["35所", "13所", "4万个"]
    # a bracket that states work (not a count of items) keeps its values
    assert [row[0] for row in _read("三、教育类项目(新建学校3所，改造10所)")] == ["3所", "10所"]


def test_more_than_after_a_magnitude_a_negative_growth_and_kilograms():
    assert _read("完成2.1万余户燃气改造。") == [["2.1万余户", 2.1, "万户", "more_than"]]
    assert _read("投资2亿余元。") == [["2亿余元", 2.0, "亿元", "more_than"]]
    assert _read("全年增长-18.9%。")[0][:3] == ["-18.9%", -18.9, "%"]
    assert _read("同比下降−2.5%。")[0][:2] == ["−2.5%", -2.5]  # the minus sign U+2212
    # a dash between two amounts is a range, not a sign
    assert all(row[1] > 0 for row in _read("新建5个-8个。"))
    assert _read("人均粮食产量达到481.3公斤。") == [["481.3公斤", 481.3, "公斤", "exact"]]


def test_every_bare_number_of_a_respective_list_takes_the_last_unit():
    assert _read("三项占比分别提高10.6、6.3、12.9个百分点。") == [
        ["10.6", 10.6, "个百分点", "exact"], ["6.3", 6.3, "个百分点", "exact"], ["12.9个百分点", 12.9, "个百分点", "exact"]]


def test_a_programmes_size_after_its_name_and_its_categories_are_not_values():
    assert _read("确定并公布某市2031年政府民生实事项目40项。") == []
    assert _read("共征集议定为民办实事10项,其中民生保障类4项、设施提升类6项。") == []
    # proposals collected are counted
    assert [row[0] for row in _read("共收集民生实事项目136件。")] == ["136件"]


def test_toneless_pinyin_inserted_after_each_character_is_read_through():
    text = ("全省持续推进农村人居环境整治提升行动，加快建设宜居宜业和美乡村，全面推进乡村振兴，推动农业农村现代化，"
            "让农民群众获得感、幸福感、安全感更加充实。"
            "到2035年，规(gui)划审批率(lv)达(da)到(dao)80%以(yi)上，卫(wei)生(sheng)厕所(suo)覆(fu)盖率(lv)由(you)(you)68%提(ti)高到(dao)85%。")
    rows = extract(text).set_index("value_text")
    assert rows.loc["80%以(yi)上", "qualifier"] == "at_least"
    assert rows.loc["68%", "kind"] == "baseline" and pd.isna(rows.loc["68%", "year"])  # a start value: not 2035
    assert rows.loc["85%", "year"] == 2035
    # a few Latin words in brackets are not pinyin
    assert [row[0] for row in _read("配备除颤器(AED)40台，监测点(pm)2个。")] == ["40台", "2个"]


def test_jieba_tells_a_measure_word_from_the_start_of_a_word():
    assert _read("新建、改建12个体育公园。") == [["12个", 12.0, "个", "exact"]]
    assert _read("建成2000张家庭照护床位。") == [["2000张", 2000.0, "张", "exact"]]
    assert _read("扶持12个体工商户。") == []  # 个体工商户: individual businesses, 12 is no count of 个
    # 约 at the end of 签约 is no qualifier; a decided programme's size is no value
    assert _read("签约6家企业。")[0][3] == "exact"
    assert _read("票决通过的10件区级重点民生实事项目全部完成。") == []
    assert [row[0] for row in _read("报送的136件民生实事项目。")] == ["136件"]


def test_a_threshold_after_more_than_that_defines_a_class_is_not_a_value():
    assert [row[0] for row in _read("到2035年，力争建成35个主营业务收入超500亿元的企业。")] == ["35个"]
    # a single place that passed a mark keeps it
    assert [row[0] for row in _read("成为全国首个突破13万亿元的省份。")] == ["突破13万亿元"]


def test_multiples_are_read_and_html_tags_are_not():
    rows = extract("社会消费品零售总额155.6亿元,是2010年的2.19倍。").set_index("value_text")
    assert rows.loc["2.19倍", ["value", "unit"]].tolist() == [2.19, "倍"]
    text = '<card title="甘肃省1.1万多个自然村通了硬化路">\n<p>实现1.1万多个自然村通硬化路。</p>'
    rows = extract(text)
    assert rows["value_text"].tolist() == ["1.1万多个"] and "实现" in rows["quote"].iloc[0]  # the one in the text
    # a lone < in page furniture does not hide the values after it
    assert extract("<\n五年内,推进重大项目90个以上。")["value_text"].tolist() == ["90个以上"]


def test_a_money_value_before_a_line_break_or_with_zuoyou_is_not_a_class_threshold():
    # a threshold (投资500万元以上技改项目) defines what is counted; a line break ends the value's line,
    # and 左右 never makes a threshold
    assert _read("减免税费650亿元以上\n全省新增就业1万人")[0][:2] == ["650亿元以上", 650.0]
    assert _read("计划投资5亿元左右建设学校。") == [["5亿元左右", 5.0, "亿元", "about"]]
    assert _read("投资500万元以上技改项目20个。") == [["20个", 20.0, "个", "exact"]]


def test_a_magnitude_before_any_unit_of_things_and_new_measure_words():
    assert _read("全区天然气产量达20亿立方米以上。") == [["20亿立方米以上", 20.0, "亿立方米", "at_least"]]
    assert _read("年发电量达60亿度以上,新能源装机1.7亿千瓦。") == [
        ["60亿度以上", 60.0, "亿度", "at_least"], ["1.7亿千瓦", 1.7, "亿千瓦", "exact"]]
    assert _read("举办促消费活动100场次以上,发放创业担保贷款302笔。") == [
        ["100场次以上", 100.0, "场次", "at_least"], ["302笔", 302.0, "笔", "exact"]]
    assert _read("室内温度控制在20度左右。") == []  # a bare 度 is a degree, not electricity


def test_a_qualifier_after_a_pair_and_reaching_a_step():
    assert [row[3] for row in _read("城乡居民收入分别增长6.5%和8%左右。")] == ["about", "about"]
    # a longer list, a list with 、 and a pair without 分别 keep the word on the last value only
    assert [row[3] for row in _read("分别增长6.5%、7%和8%左右。")] == ["exact", "exact", "about"]
    assert [row[3] for row in _read("覆盖率分别达到100%、60%以上。")] == ["exact", "at_least"]
    assert [row[3] for row in _read("收入增长6.5%和8%左右。")] == ["exact", "about"]
    assert _read("地区生产总值迈上3万亿元新台阶。") == [["3万亿元", 3.0, "万亿元", "at_least"]]
    assert _read("全县生产总值登上300亿元台阶。")[0][3] == "at_least"
    assert _read("全县生产总值达到300亿元。")[0][3] == "exact"


def test_qunian_and_a_plan_term_heading_give_the_year():
    rows = extract("2019年1月23日\n去年农村危房改造竣工9.6万户。较去年新增项目14个。今年新建学校5所。")
    assert rows[["value_text", "year", "kind"]].values.tolist() == [
        ["9.6万户", 2018, "baseline"], ["14个", 2019, "baseline"], ["5所", 2019, "target"]]
    assert "去年: the year before" in rows["note"].iloc[0]
    text = ("省政府工作报告\n2021年1月26日\n2020年成就:\n全省生产总值增长2.2%\n“十四五”目标:\n人均生产总值达到9万元左右\n"
            "2021年目标:\n生产总值增长6.5%左右")
    assert extract(text)[["value_text", "year", "kind"]].values.tolist() == [
        ["2.2%", 2020, "baseline"], ["9万元左右", 2025, "target"], ["6.5%左右", 2021, "target"]]


def test_a_sentence_citing_a_report_is_not_a_title_and_more_class_thresholds():
    import importlib

    titles = importlib.import_module("comparekit.extract.titles")
    text = "报告指出,去年旅游人次恢复到2019年的113%。\n新建学校5所。"
    assert titles.document_years(text).title_year is None  # (报告指出: a sentence that cites a report)
    assert titles.document_years("某县2024年政府工作报告\n新建学校5所。").title_year == 2024
    assert [row[0] for row in _read("GDP过600亿元的县市区达到2~3个。")] == ["2~3个"]
    assert _read("全年税收过600亿元。")[0][:2] == ["过600亿元", 600.0]
    assert _read("植被高度达到15.96厘米。") == [["15.96厘米", 15.96, "厘米", "exact"]]


def test_counts_in_characters_after_verbs_of_adding_and_programme_sizes_with_a_year_between():
    assert [row[:2] for row in _read("新增两个零工小站,增设三处服务点,建立四个中心。")] == [
        ["两个", 2.0], ["三处", 3.0], ["四个", 4.0]]
    assert _read("新增一个站点。") == []  # 一个 is mostly the article "a"
    assert _read("确定20项2025年区级民生实事项目。") == []
    assert _read("初步遴选形成12件候选项目。") == []
    assert _read("新建学校10所,完成改造项目20件。") == [["10所", 10.0, "所", "exact"], ["20件", 20.0, "件", "exact"]]


def test_html_tag_ends_passing_a_mark_classes_of_places_and_shangnian():
    assert _read('完成投资<strong style="color: blue;">52亿元</strong>。')[0][3] == "exact"  # the > closes a tag
    assert _read("优良路率>90%。")[0][3] == "more_than"
    assert [row[3] for row in _read("生产总值跨过3万亿元,经济总量跨越6万亿元。")] == ["more_than", "more_than"]
    assert _read("五年跨越3个十亿级台阶。")[0][3] == "exact"  # the steps are counted, not passed
    assert [row[0] for row in _read("GDP过500亿元县市区达到25个。")] == ["25个"]
    rows = extract("2019年1月23日\n三次产业结构由上年的14.1:44.7:41.2调整为14.3:43.5:42.2。上年全县新增就业1万人。")
    assert rows[["value_text", "year"]].values.tolist() == [
        ["14.1", 2018], ["44.7", 2018], ["41.2", 2018], ["14.3", 2019], ["43.5", 2019], ["42.2", 2019], ["1万人", 2018]]


def test_a_pages_own_date_in_a_byline_a_just_past_year_and_a_reviewed_plan():
    import importlib

    titles = importlib.import_module("comparekit.extract.titles")
    rows = extract("某县十件实事过半\n《某日报》(2031年08月05日 04版)\n本报讯 全县新开工改造老旧小区27个。")
    assert rows[["value_text", "year", "year_source"]].values.tolist() == [["27个", 2031, "issue_date"]]
    assert titles.document_years("某网 2032年01月19日\n某省开幕").issue_year == 2032
    assert titles.document_years("某县政府工作报告2018-06-25\n今年").issue_year == 2018
    assert titles.document_years("某新闻\n发表时间:2030-03-18 来源:某市新闻中心\n").issue_year == 2030
    # a deadline or a field on a line of its own is no byline
    assert titles.document_years("完成时间：2035年12月31日\n新建学校5所。").issue_year is None
    assert titles.document_years("截至2035年12月31日\n新建学校5所。").issue_year is None
    lede = "民生无小事,枝叶总关情。" * 4 + "刚刚过去的2030年,全市实施为民办实事。今年,继续开展,将新建10所幼儿园。"
    assert titles.document_years(lede).own_year == 2031
    assert extract(lede)[["value_text", "year"]].values.tolist() == [["10所", 2031]]
    # 2030年…计划执行情况 is a review of 2030; the year of the plan still to come names the document's
    review = ("会议审查和审议某市2030年国民经济和社会发展计划执行情况与2031年国民经济和社会发展计划草案的报告,"
              "审查和审议某市2030年预算执行情况的报告。\n")
    assert titles.document_years(review).title_year == 2031


def test_a_cut_off_without_a_year_is_for_the_issue_year_and_a_plan_terms_end_inside_a_sentence():
    text = "某市老旧小区改造行动方案(2031—2035年)出台\n来源:某网 • 2031-08-24 21:15:35\n截至7月底,已开工900个小区。"
    rows = extract(text)
    assert rows[["value_text", "year", "year_source"]].values.tolist() == [["900个", 2031, "issue_date"]]
    assert "cut-off" in rows["note"].iloc[0]
    # a month after the issue month is last year's (a page of March 2032 on 截至11月底)
    rows = extract("某新闻\n发布时间:2032-03-02\n截至11月底,全县完成投资3亿元。")
    assert rows[["value_text", "year"]].values.tolist() == [["3亿元", 2031]]
    rows = extract("某省2031年将建设2000个美丽乡村,到“十四五”末全省美丽乡村累计达到1万个,覆盖全省20%的村庄。")
    assert rows[["value_text", "year"]].values.tolist() == [["2000个", 2031], ["1万个", 2025], ["20%", 2025]]
    assert extract("到十五五期末装机达到7000万千瓦。")["year"].tolist() == [2030]
    # a plan term that opens the sentence is its topic, as before
    assert extract("“十四五”末,全县城镇化率达到60%。")["note"].iloc[0].startswith("a plan term opens the sentence")


def test_an_alias_before_a_count_whose_label_follows_it_belongs_to_the_count_before():
    text = "- 推进城市文明项目 包括完成东巷白改黑及建设3个口袋公园 改造1个农贸市场 [3] 就业促进"
    rows = extract(text).set_index("value_text")
    assert rows.loc["3个", "indicator_id"] == "pocket_parks_added"
    assert pd.isna(rows.loc["1个", "indicator_id"])
    assert rows.loc["1个", "indicator_label"] == "农贸市场"


def test_a_weekday_date_line_a_year_named_by_its_plan_term_and_more_reporting_verbs():
    import importlib

    titles = importlib.import_module("comparekit.extract.titles")
    page = "某报业集团旗下媒体\n2031年01月23日 星期五  报料热线:966123\n当前版: 003版\n今年全市城镇新增就业5200人。"
    assert titles.document_years(page).issue_year == 2031
    assert extract(page)[["value_text", "year"]].values.tolist() == [["5200人", 2031]]
    speech = ("1.挺进项目。坚持项目为王,一切要素跟着项目跑,一切服务围着项目转,安排省市重点项目360个、年度投资1000亿元以上。\n"
              "各位代表!今年是“十四五”规划收官、谋划“十五五”规划之年。我们要坚持稳中求进工作总基调,完整准确全面贯彻新发展理念,"
              "围绕服务和融入新发展格局、全方位推动高质量发展,扎实做好各项工作。")  # (a paragraph, not a title line)
    assert titles.document_years(speech).own_year == 2025
    assert extract(speech)["year"].tolist() == [2025, 2025]
    assert titles.document_years("各位代表!今年是“十五五”开局之年,我们要坚持稳中求进工作总基调,扎实做好各项工作。"
                                 "完整准确全面贯彻新发展理念,围绕服务和融入新发展格局、全方位推动高质量发展。").own_year == 2026
    rows = extract("某省2031年GDP增长目标5.5%左右\n报告中提到,2030年全省生产总值达到33786亿元、增长4.3%。城镇调查失业率平均为5.2%。")
    assert rows[["value_text", "year"]].values.tolist() == [
        ["5.5%左右", 2031], ["33786亿元", 2030], ["4.3%", 2030], ["5.2%", 2030]]


def test_only_a_short_quote_of_numbers_is_a_programme_name_and_a_year_after_zai_is_a_time():
    assert [row[0] for row in _read("实事项目之一“新建11个医疗急救(120)分站”已完成。")] == ["11个"]
    assert _read("采取“5 个 2”方式成立消防工作站。") == []
    assert [row[0] for row in _read("为民办实事重点项目共8大类50个项目,总投资102.47亿元。")] == ["102.47亿元"]
    assert [row[0] for row in _read("全市8大类产业集群中,新建5个项目。")] == ["5个"]
    rows = extract("记者从发布会上获悉,2030年某市人均GDP达到91514元。在此基础上,力争在2035年人均GDP达到2万美元。"
                   "在2029年的基础上,全市新建公园5个。")  # (2029: a base, not the year of the 5)
    assert rows[["value_text", "year"]].values.tolist() == [["91514元", 2030], ["2万美元", 2035], ["5个", 2030]]


def test_a_vertical_colon_a_lists_size_after_its_year_and_looking_back():
    import importlib

    titles = importlib.import_module("comparekit.extract.titles")
    assert [row[0] for row in _read("三次产业比调整为11.8︰48.3︰39.9。")] == ["11.8", "48.3", "39.9"]
    rows = extract("三次產業結構由19.8︰41︰39.2優化為17.9︰43︰39.1。")
    assert rows["value_text"].tolist() == ["19.8", "41", "39.2", "17.9", "43", "39.1"]
    assert rows["quote"].iloc[2] == "三次產業結構由19.8︰41︰39.2優化為17.9︰43︰39.1"  # (the page's own text)
    lede = "3月8日下午,某区人民代表大会闭幕。会议期间,代表从某区2031年12个民生实事候选项目中票决产生了10个民生实事项目。"
    assert titles.document_years(lede).title_year == 2031
    page = ("岁序更替,一路前行。\n\n回首2030年,某市聚焦经济建设中心任务和高质量发展首要任务,以高水平落实推动各项事业高质量发展,"
            "以干在实处、走在前列的样子,集聚起经济大市进的底气,为全省大局作出新的更大贡献。\n\n"
            "在过去的一年里,某市坚持以科技创新引领产业创新,天然气产量达到60亿立方米。")
    assert (titles.document_years(page).own_year, titles.document_years(page).review_year) == (2031, 2030)
    assert extract(page)["year"].tolist() == [2030]
    lede = ("编者按\n5日下午,代表团审议时强调,圆满实现发展目标,经济大省要挑大梁。作为经济大省的某省在“十四五”规划收官之年如何"
            "挑起大梁?翻阅今年的省政府工作报告,我们可以从一项项数据中找到答案。")
    assert titles.document_years(lede).own_year == 2025
    assert _read("每年共完成350亿元以上基础设施建设投资。") == [["350亿元以上", 350.0, "亿元", "at_least"]]
    assert _read("重点引进投资500万元以上技改项目。") == [] and _read("引进500万元以上投资项目。") == []


def test_a_table_with_each_cell_on_its_own_line():
    text = ("某省乡村产业发展规划\n指 标 |\n2030年 |\n2035年 |\n年均增长 |\n粮食综合生产能力(亿斤) |\n1500 |\n1600 |\n1.3% |\n"
            "农产品加工转化率(%) |\n63 |\n70 |\n【7】 |\n注:【】为累计增加数。\n")
    rows = extract(text)
    assert rows[["value_text", "year", "kind", "unit"]].values.tolist() == [
        ["1500", 2030, "baseline", "亿斤"], ["1600", 2035, "target", "亿斤"], ["1.3%", 2035, "target", "%"],
        ["63", 2030, "baseline", "%"], ["70", 2035, "target", "%"], ["7", 2035, "target", "%"]]
    assert rows["quote"].iloc[0] == "粮食综合生产能力(亿斤) |\n1500 |\n1600 |\n1.3%"
    assert rows["indicator_label"].tolist()[:3] == ["粮食综合生产能力"] * 2 + ["粮食综合生产能力年均增长"]
    assert (rows["quote"] == [text[a:b] for a, b in zip(rows["quote_start"], rows["quote_end"])]).all()


def test_counts_of_indicators_policy_names_and_size_classes_of_places():
    assert _read("会议批准的40项指标中,35项预期性指标完成,5项约束性指标全部完成。") == []
    assert _read("出台巩固增势“20条”、助企纾困“20条”等政策,实施“双15条”。") == []
    assert [row[0] for row in _read("打造“15分钟”托育服务圈。")] == ["15分钟"]  # (only articles, 条, name a policy)
    assert _read("基本实现具备条件的20户以上自然村通硬化路。") == []
    assert [row[0] for row in _read("办理时限压缩至5个工作日,新增就业3万人以上,建成“15分钟生活圈”20个。")] == [
        "5个", "3万人以上", "15分钟", "20个"]
