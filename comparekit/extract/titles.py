"""The year context of a whole document: its title, issue date, headings and plan terms.

A document names its own year in its title (``2024年民生实事项目``, ``2021—2025年…规划``, a headline that
names a plan term ``“十三五”…``), in the first words of a news lede (``2024年，某县…``), in an issue date
(``发布时间：2024-03-01``) or a dateline; headings (``二、2024年重点任务``, ``一、过去一年工作回顾``) set
the year for what follows them. :mod:`comparekit.extract.context` uses it for statements without a year
of their own.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterator, NamedTuple

__all__ = ["TERM_QUOTES", "DocumentYears", "document_years", "plan_term"]

#: the quote marks a plan term may be written in, opening or closing, in either direction (“十四五”, ‘十四五’,
#: 『十四五』, 「十三五」, ”十三五’ in a careless copy)
TERM_QUOTES = "“”‘’「」『』\"'"
_Q = f"[{TERM_QUOTES}]"  # one of TERM_QUOTES, in a pattern


class DocumentYears(NamedTuple):
    """The year context of a whole document (see :func:`document_years`)."""

    title_year: int | None  # the year (or the end of the period) named in the title
    own_year: int | None  # the document's own year: its issue date, else the title's (first) year
    issue_year: int | None  # the year of the issue date
    heading_starts: list  # where each heading line with a year context starts, in text order
    heading_years: list  # the year in force after each of those headings (None: the title's)
    lede_year: int | None = None  # a year that opens a clause of the lede (记者了解到，2015年，某县…)
    review_year: int | None = None  # the year a review (过去一年, 去年) looks back on
    issue_month: int | None = None  # the month of the issue date

    @property
    def issue(self) -> tuple[int, int | None] | None:
        """``(year, month)`` of the issue date, or None."""
        return None if self.issue_year is None else (self.issue_year, self.issue_month)


#: the kinds of document a title names (not 报告指出, 报告中: a sentence that cites a report)
_TITLE_WORD_RE = re.compile(r"(?:方案|计划|规划|项目|要点|报告|意见|通知|清单|实事|纲要|行动|安排|决定|总结|目标|任务"
                            r"|計劃|規劃|項目|要點|報告|通知|清單|實事|綱要|決定|總結|目標|任務)"  # (and their traditional forms)
                            r"(?![指提]出|显示|顯示|强调|強調|明确|明確|称|稱|说|說|中)")
_TITLE_RANGE_RE = re.compile(r"((?:19|20)[0-9]{2})\s*年?\s*[—–\-~～至到]\s*((?:19|20)[0-9]{2})\s*年")
_TITLE_YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年(?!\s*[0-9]{1,2}\s*月)")
_DATE = r"((?:19|20)[0-9]{2})\s*(?:年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日|[-/.][0-9]{1,2}[-/.][0-9]{1,2})"
#: An issue date field: 发布时间：…, or a bare 时间：/日期： in a page's furniture (not 完成时间, a deadline).
_ISSUE_RE = re.compile(rf"(?:(?:发布|发稿|发表|刊发|更新|成文|公开|印发|发文)(?:时间|日期)\s*[:：]?|(?<![\u4e00-\u9fff])(?:时间|日期)\s*[:：])"
                       rf"\s*{_DATE}")
#: a line holding only a date, with its weekday on a newspaper page (2021年06月02日 星期三) or after a list bullet (• 2023-10-18,
#: under a • 发布日期 field)
_DATE_LINE_RE = re.compile(rf"^[ \t\u00a0\u3000(\uff08]*(?:[•·・][ \t\u00a0\u3000]*)?{_DATE}[ \t\u00a0\u3000)\uff09]*"
                           rf"(?:(?:星期|周)[一二三四五六日天][ \t\u00a0\u3000]*)?$", re.M)
#: the date a report was delivered, on the line under its title (——2031年12月20日在某市人民代表大会上, with
#: or without the dash, also drawn with box-drawing lines: ──2031年7月23日在…)
_SPEECH_DATE_RE = re.compile(rf"^[ \t\u00a0\u3000]*(?:[—–－\-─━]{{1,2}}[ \t\u00a0\u3000]*)?{_DATE}[ \t\u00a0\u3000]*在", re.M)
#: a date in brackets that closes a title line (某县人民政府工作报告(2031年12月20日))
_TITLE_DATE_RE = re.compile(rf"[(\uff08][ \t\u00a0\u3000]*{_DATE}[ \t\u00a0\u3000]*[)\uff09][ \t\u00a0\u3000]*$", re.M)
#: a byline: a short line that ends with a date, after a paper's or a site's name, or after a title (《某报》(2031年08月05日
#: 04版); 某网 2031年01月19日; 某县政府工作报告2031-01-05), with the paper's page and a bracket allowed after it; not
#: a deadline, a cut-off or a field (截至2031年6月30日, 完成时间：2031年6月30日)
_BYLINE_RE = re.compile(rf"^(?:[^\n。，,；;]{{0,60}}?[^\n。，,；;至到止于前:：\s])?[ \t\u00a0\u3000(\uff08]*{_DATE}[ \t\u00a0\u3000]*"
                        rf"(?:第?[ \t\u00a0\u3000]*[0-9A-Z]{{1,3}}[ \t\u00a0\u3000]*版)?[ \t\u00a0\u3000)\uff09]*$", re.M)
#: a line that opens with a date and ends with a short source name after a wide space (2031-12-25   某市文化)
_DATE_SOURCE_LINE_RE = re.compile(rf"^[ \t\u00a0\u3000]*{_DATE}(?:[ \t\u00a0\u3000]{{2,}}|\t)[^\s。，,；;:：]{{2,12}}[ \t\u00a0\u3000]*$",
                                  re.M)
#: the date a work report was delivered (2031年1月26日在某省人民代表大会…上): what its text states before its first heading
#: reviews the year before, when it was given in the first months of the year
_DELIVERED_RE = re.compile(rf"{_DATE}[ \t\u00a0\u3000]*在[^\n。]{{0,30}}人民代表大会")
_REPORT_MONTH = 4
_WORK_REPORT_RE = re.compile(r"工作[报報]告")
#: a newspaper's date line with its weekday, and more on the line (2031年01月23日 星期五  报料热线:…)
_WEEKDAY_DATE_RE = re.compile(rf"{_DATE}[ \t\u00a0\u3000]*(?:星期|周)[一二三四五六日天]")
#: 今年是“十四五”规划收官之年 / 开局之年: the document's own year is the plan term's last / first year
_TERM_YEAR_RE = re.compile(rf"今年是[^。；;]{{0,16}}?十([一二三四五六七八九])五{_Q}?(?:规划)?的?(收官|开局|起步)")
#: … or, in a lede that speaks of 今年, a plan term's closing or opening year without 今年是 (江苏在“十四五”规划收官之年…)
_LEDE_TERM_YEAR_RE = re.compile(rf"十([一二三四五六七八九])五{_Q}?(?:规划)?的?(?:(收官|开局|起步)之年|开门红)")  # (开门红: the first year)
#: 刚刚过去的2031年, 回首2031年, 回顾2031年: the year before the document's own
_JUST_PAST_RE = re.compile(r"(?:刚刚过去的?|回首|回顾|回望)\s*((?:19|20)[0-9]{2})\s*年")
#: a news lede that opens with the date of what it reports (2031年1月5日，某区…)
_LEDE_DATE_RE = re.compile(rf"[ \t\u00a0\u3000\r\n]*{_DATE}[ \t\u00a0\u3000]*[,\uff0c]")
_MONTH_RE = re.compile(r"年\s*([0-9]{1,2})\s*月|[-/.]([0-9]{1,2})[-/.]|(?<=[0-9])[ \u00a0]+([0-9]{1,2})/")
#: a review dated in the last quarter of a year (a year-end report, its figures 预计) covers that year
_YEAR_END_MONTH = 10
# a news page's dateline: a date with a clock time (2023-04-20 10:52 来源:…; 来源:某报 • 2023-02-24 09:45:53;
# 2024年01月24日13:38 | 来源:…), also written day first (26.04.2018  14:12)
_DATELINE_RE = re.compile(rf"(?:{_DATE}|(?<![0-9.])[0-3]?[0-9]\.[01]?[0-9]\.((?:19|20)[0-9]{{2}}))[ \t\u00a0\u3000]*[0-2]?[0-9][:：][0-5][0-9]")
#: a page's date line written year, space, month/day, or without 日, and a clock time (2031 11/13 09:40:03;
#: 2031年02月21 10:08:00)
_LOOSE_DATELINE_RE = re.compile(r"^[ \t\u00a0\u3000]*((?:19|20)[0-9]{2})(?:[ \u00a0]+[01]?[0-9]/[0-3]?[0-9]|年[01]?[0-9]月[0-3]?[0-9])"
                                r"[ \t\u00a0\u3000]+[0-2]?[0-9][:：][0-5][0-9]", re.M)
_HEADING_RE = re.compile(
    r"^[ \t\u00a0\u3000]*+(?:(?P<l1>[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]+[章节部分])"
    r"|(?P<l2>[(\uff08][一二三四五六七八九十]{1,3}[)\uff09])|(?P<l3>[0-9]{1,2}[.．、](?![0-9]))"
    # an unnumbered line is a candidate only with a year or a plan term in it, or as a short review heading
    r"|(?=[^\n。]{0,40}?(?:19|20)[0-9]{2}|[^\n。]{0,16}?(?:工作回顾|过去[一二三四五]年|十[一二三四五六七八九]五)))"
    r"(?P<body>[^\n。]{0,40})$", re.M)
# (the spaces that open a line are taken whole: the heading marks and the year or review words that
# follow them are no space, so giving some back could only shorten the window the year is looked for in
# and lengthen the body; without that, a line opened by many spaces was tried once for each)


def _headings(text: str) -> Iterator[re.Match]:
    """The matches of ``_HEADING_RE.finditer(text)``, tried only at the start of each line without 。
    (a match starts a line and runs to its end through characters other than 。)."""
    match, find = _HEADING_RE.match, text.find
    start = 0
    while True:
        end = find("\n", start)
        if end < 0:
            if find("。", start) < 0 and (m := match(text, start)) is not None:
                yield m
            return
        if find("。", start, end) < 0 and (m := match(text, start)) is not None:
            yield m
        start = end + 1


#: A numbered heading that names the year by its relation to the document's own year.
#: A review heading without a year (一、本届政府工作回顾) looks back on the year before the document's own.
_RELATIVE_HEADING_RE = re.compile(r"(?P<past>过去[一二三四五]年|过去的一年|去年|上一年|上年度|回顾(?!与展望|和展望))|今年|本年度")
#: An unnumbered line is a heading with a year, or a short review heading (过去五年工作回顾).
_UNNUMBERED_REVIEW_MAX = 20
#: A document whose first line opens with a year (not a date, not the start of a period: 2019年以来) names
#: its own year there (a news lede).
_LEDE_YEAR_RE = re.compile(r"\s*((?:19|20)[0-9]{2})\s*年(?!\s*(?:[0-9]{1,2}\s*月|[—–\-~～至到]|以来|以前|之前|前|后|起|底|末|初))")
#: a short line that ends with a colon (“十四五”目标:) is a heading, not a title (…2025年10项民生实事项目如下: names one)
_HEADING_LINE_RE = re.compile(r"^\s*[^。:：\n]{1,12}[:：]\s*$")
_TITLE_REACH = 1500  # the title is looked for in the opening of the document
_SECTION_MARKS = frozenset("■□●○◆◇▲△▶►★☆")  # marks that open a section or an item of a page, not its title
#: a title that names a report (2019年某县人民政府工作报告): a page dated later copies it, and the report's year stays its own
_REPORT_TITLE_RE = re.compile(r"报告|報告")
#: In a lede without a title line, a year right before the name of an annual list or plan, its size between
#: them or not (选出了2031年某区十大民生实事项目, 2031年10个民生实事项目), names the document's year (not the end of a
#: period: 2030—2035年项目库).
_LEDE_LIST_YEAR_RE = re.compile(r"(?<![0-9—–\-~～至到])((?:19|20)[0-9]{2})\s*年度?(?!\s*[0-9]{1,2}\s*[月日号\-—–~～至到]|\s*(?:19|20)[0-9]{2}|以来|以前|之前)"
                                r"[^,，。；;：:、\n()（）《》]{0,12}?(?:实事|项目|计划|方案|工程|任务|清单|要点)"
                                r"(?!执行|完成情况|落实情况)")  # (2030年…计划执行情况: a review of that year)
#: … or names a plan with its period in brackets (《某省三年行动计划(2030-2032年)》): its targets are for the
#: period's end (not the document's own year)
_LEDE_PLAN_PERIOD_RE = re.compile(r"(?:方案|计划|规划|纲要)\s*[(（]\s*((?:19|20)[0-9]{2})\s*年?\s*[—–\-~～至到]\s*"
                                  r"((?:19|20)[0-9]{2})\s*年?\s*[)）]")
_LEDE_REACH = 300  # a lede: the first paragraph, within this many characters
#: an undated lede that reports the plan of a term or its targets (《某省…第十三个五年规划纲要》已编制完成，明确了“十三五”时期…的
#: 总体目标): what it states without a year is for the term's end
_LEDE_PLAN_TERM_RE = re.compile(rf"十([一二三四五六七八九])五{_Q}?(?:时期|時期|期间|期間|期末)[^。；;]{{0,24}}?(?:目标|目標)")
#: … or an undated lede whose paragraph opens with a plan term (“十四五”时期，我们将…; 『十四五』時期，某市…): what it
#: states without a year is for the term's end, as a sentence that opens so is (see carry.sentence_topic)
_LEDE_TERM_TOPIC_RE = re.compile(rf"^[ \t\u00a0\u3000]*{_Q}?十([一二三四五六七八九])五{_Q}?"
                                 r"(?:时期|時期|期间|期間)[,，]", re.M)
#: a year that opens a line or a clause of the lede and is the topic of what follows (2024年万州区…;
#: …了解到，2015年，某县…; 本报讯(记者) 2023年，某县…), not a date, a period or its start
_LEDE_TOPIC_RE = re.compile(
    r"(?:^|(?<=[\n。，,：:)）]))[ \t\u00a0\u3000]*((?:19|20)[0-9]{2})[ \u00a0]?年"
    r"(?:度?[,，]|(?=[\u4e00-\u9fff])(?!以来|以前|以后|之前|之后|前|后|起|至|到|底|末|初|内|月|间|中|上半|下半|[一二三四]季))", re.M)
#: a year in a lede that is not a date, a period or its start (for a news report that says 今年)
_LEDE_ANY_YEAR_RE = re.compile(r"(?<![0-9到至])((?:19|20)[0-9]{2})\s*年(?!\s*[0-9]{1,2}\s*月|\s*[—–\-~～至到]|以来|以前|之前|前|年?底|末)")


#: a line that opens a plan's goals with the end of a term (总体目标是：到“十二五”末，…): what the plan sets out
#: below it is for the term's end, until the next heading
_TERM_GOAL_RE = re.compile(rf"^[ \t\u00a0\u3000]*[\u4e00-\u9fff]{{0,4}}目标[是为]?[:：][ \t\u00a0\u3000]*(?:到|至){_Q}?十[一二三四五六七八九]五{_Q}?(?:期?末)", re.M)
_SUBHEADING_MAX = 30  # a short line without 。 heads the paragraph under it
#: a line of a report that opens with the year before the report's own (2024年，江苏经济运行总体平稳。 in a 2025
#: work report): it opens the review of that year, which holds until the next heading
_REVIEW_YEAR_LINE_RE = re.compile(r"^[ \t\u00a0\u3000]*((?:19|20)[0-9]{2})[ \u00a0]?年[,，]", re.M)


#: a year written without 年 right before the count of an annual programme (2031十件民生实事, 2031 10项民生实事)
_BARE_LIST_YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[ \u3000]?(?=[0-9一二三四五六七八九十]{1,3}[件项項][\u4e00-\u9fff]{0,4}?(?:实事|實事))")


#: the year of an edition or a revision, in brackets (2025年更新, 2025年修订版, 2025年版)
_EDITION_RE = re.compile(r"[(（][ \u3000]*(?:19|20)[0-9]{2}[ \u3000]*年[ \u3000]*(?:更新|修订|修訂|修正|版|修订版|修訂版)[ \u3000]*[)）]")


def _years_in(line: str) -> tuple[int, int] | None:
    """``(first, last)`` year named in a title or heading line (a period gives its two ends).

    A five-year plan term named without years (``十三五``, ``“十四五”时期``) gives its five years. The year of an
    edition in brackets (``(2025年更新)``) is not the line's.
    """
    if "年" in line and _EDITION_RE.search(line):
        line = _EDITION_RE.sub("", line)  # 2024年…统计公报(2025年更新): the year of an edition is not the title's
    found = _TITLE_RANGE_RE.search(line)
    if found:
        return int(found.group(1)), int(found.group(2))
    years = [int(m.group(1)) for m in _TITLE_YEAR_RE.finditer(line)]
    if years:
        return min(years), max(years)
    bare = _BARE_LIST_YEAR_RE.search(line)
    if bare:
        return int(bare.group(1)), int(bare.group(1))
    return plan_term(line)


_TERM_RE = re.compile(r"十([一二三四五六七八九])五(?![0-9一二三四五六七八九十百千万亿])")
_TERM_NUMBER = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def plan_term(line: str) -> tuple[int, int] | None:
    """``(first, last)`` year of the first five-year plan term named in *line* (十三五: 2016–2020), or None.

    The n-th plan (十N五 for the tenth and later) ends in 1985 + 5 (n − 6): the sixth ended in 1985.

    Examples
    --------
    >>> plan_term("“十四五”时期主要目标"), plan_term("十三五工作回顾"), plan_term("十五年规划")
    ((2021, 2025), (2016, 2020), None)
    """
    found = _TERM_RE.search(line)
    if not found:
        return None
    end = 1985 + 5 * (10 + _TERM_NUMBER[found.group(1)] - 6)
    return end - 4, end


def _line_start(text: str, at: int, floor: int) -> int:
    """The start of the line holding *at*, moved back over the short lines without 。 right before it (the
    subheadings of its paragraph), not before *floor*."""
    start = text.rfind("\n", floor, at) + 1 or floor
    while start > floor:
        before = text.rfind("\n", floor, start - 1) + 1 or floor
        line = text[before:start - 1].strip()
        if not line or len(line) > _SUBHEADING_MAX or "。" in line:
            break
        start = before
    return start


def document_years(text: str) -> DocumentYears:
    """The year context of a document: the year of its title, its issue date and its headings.

    The title is the first line of the opening that names a kind of document (方案, 计划, 项目,
    要点, 报告 …) and a year (``2024年``, ``2024年度``, ``2021—2025年``), other than a short heading
    closed by a colon (``“十四五”目标:``); without one, a text whose
    first line opens with a year (``2024年，某县…``, not a date) names its own year there, as does a lede that
    names an annual list (``选出了2024年十大民生实事项目``); a lede that names a plan with its period in brackets
    (``三年行动计划(2023-2025年)``) gives the period's end. The issue date is a ``发布时间``/``成文日期``
    field, a line holding only a date, a date with a clock time on a byline, a date in brackets closing a
    title line, the date line under a report's title, a short line that ends with a date (a byline:
    ``《某报》(2031年08月05日 04版)``) or a date that opens the lede; without one, ``刚刚过去的2030年`` makes
    2031 the document's own year, and so does ``今年是“十五五”规划开局之年`` (收官: the term's last year). Without a title year, a
    year that opens a clause of the lede (``记者了解到，2015年，某县…``) holds for what follows it as a heading
    would (``lede_year``); ``review_year`` is the year a review (过去一年, 去年) looks back on. A heading (a short line without 。,
    numbered ``二、2024年重点任务`` or not ``2024年工作要点``; an unnumbered one only with a year or a plan term,
    and not the title) that names a year sets the year for what follows until a heading of the same
    or a higher level. In a report (a title with 报告), a line that opens with the year before the title's
    (``2030年，全省经济运行…`` under ``2031年…政府工作报告``) opens the review of that year, until the next heading
    or the text's turn to the title's year (``2031年，``); a line that opens a plan's goals with the end of a term
    (``总体目标是：到“十五五”末，``) sets the term's end year until the next heading.

    Examples
    --------
    >>> years = document_years("洋县2024年十大民生实事项目\\n\\n一、新建公园5个。")
    >>> years.title_year, years.own_year
    (2024, 2024)
    >>> document_years("某县2021—2025年城镇化规划\\n").title_year
    2025
    >>> document_years("首页 > 新闻\\n2023-04-20 10:52:52 来源:本报\\n今年全县新建公园5个。").own_year
    2023
    """
    title_year = own_year = issue_year = None
    opening = text[:_TITLE_REACH]
    title_line = None
    for line in opening.split("\n"):
        if len(line.strip()) <= 80 and _TITLE_WORD_RE.search(line) and not _HEADING_LINE_RE.search(line):
            years = _years_in(line)
            if years and "。" in line and not _TITLE_YEAR_RE.search(line) and not _TITLE_RANGE_RE.search(line):
                continue  # a sentence that names a plan term (…是国家“十四五”…方案中的一项重要任务。) is no title
            if years and line.lstrip(" \t\u00a0\u3000")[:1] in _SECTION_MARKS:
                continue  # ■ 2025年主要预期目标: a section of the page, not its title
            if years:
                title_year, own_year, title_line = years[1], years[0], line.strip()
                break
    if title_year is None:
        lede = _LEDE_YEAR_RE.match(opening)  # 2024年，某县…: a text that opens with its year
        first_line = opening.lstrip().split("\n", 1)[0]
        term = plan_term(first_line) if len(first_line) <= 80 else None
        listed = _LEDE_LIST_YEAR_RE.search(opening, 0, _LEDE_REACH)
        if lede:
            title_year = own_year = int(lede.group(1))
        elif term:
            title_year, title_line = term[1], first_line.strip()  # a headline that names a plan term
            if "今年" in first_line and (said := _LEDE_TERM_YEAR_RE.search(first_line)) and said.group(2) != "收官":
                title_year = own_year = term[0]  # 今年…实现“十三五”开门红: this year is the term's first
        elif listed:
            title_year = own_year = int(listed.group(1))  # 选出了2031年十大民生实事项目
        else:
            period = _LEDE_PLAN_PERIOD_RE.search(opening, 0, _LEDE_REACH)
            if period:
                title_year = int(period.group(2))
    # the date a report was delivered (under or closing its title) before a web page's own dates
    issue = (_SPEECH_DATE_RE.search(opening) or _TITLE_DATE_RE.search(opening) or _ISSUE_RE.search(opening)
             or _DATE_LINE_RE.search(text) or _DATELINE_RE.search(opening) or _LOOSE_DATELINE_RE.search(opening)
             or _BYLINE_RE.search(opening)
             or _WEEKDAY_DATE_RE.search(opening) or _DATE_SOURCE_LINE_RE.search(opening) or _LEDE_DATE_RE.match(opening))
    just_past = None if issue else _JUST_PAST_RE.search(opening)
    if title_year is None and not issue and (term := _LEDE_PLAN_TERM_RE.search(opening, 0, _LEDE_REACH)
                                             or _LEDE_TERM_TOPIC_RE.search(opening, 0, _LEDE_REACH)):
        title_year = plan_term(f"十{term.group(1)}五")[1]  # an undated report of a plan term's targets: its end year
    review_back = 1  # a review heading looks back on the year before the document's own year …
    issue_month = None
    if issue:
        issue_year = int(issue.group(1) or issue.group(2))  # (group 2: a day-first date line)
        if not (title_line and own_year == title_year and own_year < issue_year and _REPORT_TITLE_RE.search(title_line)):
            own_year = issue_year  # (a report of an earlier year, 2019年某县政府工作报告, copied to a later page keeps its year)
        month = _MONTH_RE.search(issue.string, issue.start(1) if issue.group(1) else issue.start(), issue.end())
        issue_month = int(month.group(1) or month.group(2) or month.group(3)) if month else None
        if issue_month is not None and issue_month >= _YEAR_END_MONTH:
            review_back = 0  # … unless the document was given at the end of its year
    elif just_past and own_year is None:  # 刚刚过去的2030年，…；今年，…: the document's own year is the next one
        own_year = int(just_past.group(1)) + 1
    elif own_year is None and ("今年是" in text and (term := _TERM_YEAR_RE.search(text))
                               or "今年" in opening and (term := _LEDE_TERM_YEAR_RE.search(opening, 0, _LEDE_REACH))):
        first, last = plan_term(f"十{term.group(1)}五")  # 今年是“十四五”规划收官之年: 2025
        own_year = last if term.group(2) == "收官" else first
    elif own_year is None and "今年" in opening:
        # an undated news report that speaks of 今年 and names one year in its lede: that is 今年
        named = {int(m.group(1)) for m in _LEDE_ANY_YEAR_RE.finditer(opening, 0, _LEDE_REACH)}
        if len(named) == 1:
            own_year = named.pop()
    starts: list[int] = []
    years_after: list[int | None] = []
    stack: list[tuple[int, int | None]] = []  # (level, year) of the open headings
    # without a title year, a year that opens a clause of the lede holds for what follows it, as an
    # unnumbered heading with a year would (until the next one)
    lede = _LEDE_TOPIC_RE.search(opening, 0, _LEDE_REACH) if title_year is None else None
    lede_year = int(lede.group(1)) if lede else None
    for m in _headings(text):
        if lede is not None and m.start() > lede.start():
            stack.append((0, lede_year))
            starts.append(lede.start())
            years_after.append(lede_year)
            lede = None
        body = m.group("body").strip()
        if not body or "，" in body or "," in body:
            continue
        level = 1 if m.group("l1") else 2 if m.group("l2") else 3 if m.group("l3") else 0
        found = _years_in(body)
        if found is None and own_year is not None and level:
            relative = _RELATIVE_HEADING_RE.search(body)  # 一、过去一年工作回顾; 二、今年工作安排
            if relative:
                year = own_year - review_back if relative.group("past") else own_year
                found = (year, year)
        if level == 0 and found is None and own_year is not None and len(body) <= _UNNUMBERED_REVIEW_MAX:
            relative = _RELATIVE_HEADING_RE.search(body)  # 过去五年工作回顾 on a line of its own
            if relative and relative.group("past"):
                found = (own_year - review_back,) * 2
        if level == 0 and (found is None or title_line in (body, m.group().strip())):
            continue  # an unnumbered line is a heading only with a year (2024年工作要点), the title aside
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, found[1] if found else None))
        starts.append(m.start())
        years_after.append(next((year for _, year in reversed(stack) if year is not None), None))
    if lede is not None:  # no heading after the lede
        starts.append(lede.start())
        years_after.append(lede_year)
    if title_year is not None and title_line and own_year == title_year and _REPORT_TITLE_RE.search(title_line):
        for m in _REVIEW_YEAR_LINE_RE.finditer(text, text.find(title_line) + len(title_line)):
            if int(m.group(1)) == title_year - 1:  # 2024年，… in a 2025 report: the review of 2024, until the next heading
                at = bisect.bisect_right(starts, m.start())
                starts.insert(at, m.start())
                years_after.insert(at, title_year - 1)
                own = re.compile(rf"{title_year}[ \u00a0]?年[,，]").search(text, m.end())
                if own is not None and (at + 1 == len(starts) or own.start() < starts[at + 1]):
                    turn = _line_start(text, own.start(), m.end())  # (with the short lines that head its paragraph)
                    starts.insert(at + 1, turn)  # … or until the text turns to the report's own year (2025年，)
                    years_after.insert(at + 1, title_year)
    for m in _TERM_GOAL_RE.finditer(text) if "目标" in text else ():  # 总体目标是：到“十二五”末，…: until the next heading
        at = bisect.bisect_right(starts, m.start())
        starts.insert(at, m.start())
        years_after.insert(at, plan_term(m.group())[1])
    delivered = _DELIVERED_RE.search(opening) if "工作报告" in opening or "工作報告" in opening else None
    if delivered is None and (dated := _TITLE_DATE_RE.search(opening)) is not None and _WORK_REPORT_RE.search(
            opening, opening.rfind("\n", 0, dated.start()) + 1, dated.start()):
        delivered = dated  # 某县人民政府工作报告(2031年2月16日): the date the report was given, closing its title
    if delivered is not None:  # a work report given early in the year reviews the year before until its first heading
        month = _MONTH_RE.search(opening, delivered.start(1), delivered.end())
        body = text.find("\n", delivered.end(), delivered.end() + 80)
        body = delivered.end() if body < 0 else body  # (a copy run into one line: right after the date's clause)
        if month and int(month.group(1) or month.group(2) or month.group(3)) <= _REPORT_MONTH and (not starts or starts[0] > body):
            starts.insert(0, body)
            years_after.insert(0, int(delivered.group(1)) - 1)
    return DocumentYears(title_year, own_year, issue_year, starts, years_after, lede_year,
                         None if own_year is None else own_year - review_back, issue_month)
