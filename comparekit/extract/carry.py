"""The years that carry from one sentence to the next: topic years that open a sentence and 到YYYY年.

A year that opens a sentence (``2023年，该县…``), a review (``过去一年，…``: the year the document looks back
on) or a plan term (``“十二五”末，…``: its end year) is the topic of the rest of its paragraph; a
``到YYYY年`` (or ``到“十四五”末``) holds for the following sentences of its paragraph within a short reach; a sentence that opens
with a span of years (``五年来，…``) ends the carry of a year before it. :class:`YearCarry` finds them all
in one pass over a text; :func:`sentence_topic` reads what opens one sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .context import last_break
from .rules import Rules
from .scanning import scan_sparse
from .titles import TERM_QUOTES, plan_term

__all__ = ["CHANGE_TO_RE", "REVIEW_TOPIC_RE", "YearCarry", "said_year", "sentence_topic", "term_end"]


# A year that opens a sentence is the topic of what follows in its paragraph: before a comma (2023年,该县…;
# 2023年度，…), as a date before a comma (2023年10月，…) or right before the subject (2023年全县经济…),
# but not as the start of a period (2019年以来, 2021年到2035年) or a part of a year (2023年底, 年初).
# A sentence also opens after a reporting verb and its comma (他在报告中说，2023年全县…; 报告中提到，2023年…).
_TOPIC_TAIL = (r"[ \u00a0]?年(?:(?:[ \u00a0]?(?:度|全年))?[,，]|[0-9]{1,2}月(?:[0-9]{1,2}日)?[,，]"
               r"|(?=[\u4e00-\u9fff])(?!以来|以前|以后|之前|之后|前|后|起|至|到|底|末|初|内|月|间|中|上半|下半|一季|二季|三季|四季"
               r"|一(?:19|20)[0-9]{2}))")  # (2006年一2010年: the start of a period, its dash written as 一)
_TOPIC_REPORTS = ("说,", "说，", "指出,", "指出，", "指出:", "指出：", "表示,", "表示，", "介绍,", "介绍，", "展望", "回首", "回顾",
                  "提到,", "提到，", "获悉,", "获悉，", "透露,", "透露，", "显示,", "显示，", "了解,", "了解，", "解到,", "解到，",
                  "过去的")  # (刚刚过去的2030年，…: a review of that year)
_TOPIC_YEAR_RE = re.compile(r"(?:^|(?<=[。！？\n])|" + "|".join(f"(?<={re.escape(w)})" for w in _TOPIC_REPORTS) + ")"
                            r"[ \t\u00a0\u3000]*((?:19|20)[0-9]{2})" + _TOPIC_TAIL, re.M)
# the same, found from its year (a fast scan to the digits 1 and 2); what opens the sentence is then checked
_TOPIC_YEAR_SCAN_RE = re.compile(r"(?:19|20)[0-9]{2}" + _TOPIC_TAIL)
_TOPIC_BEFORE = frozenset("。！？\n")
_TOPIC_SPACES = frozenset(" \t\u00a0\u3000")


def _topic_years(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, year)`` of the years of :data:`_TOPIC_YEAR_RE` in *text* (the same matches)."""
    found = []
    for m in scan_sparse(_TOPIC_YEAR_SCAN_RE, text):
        at = m.start()
        q = at
        while q and text[q - 1] in _TOPIC_SPACES:
            q -= 1
        if q == 0 or text[q - 1] in _TOPIC_BEFORE or text[q - 3 : q].endswith(_TOPIC_REPORTS):
            found.append((at, at + 4, int(text[at : at + 4])))
    return found


#: a review that opens a sentence (过去一年，…; 在过去的一年里，…; 去年，…; 过去五年，…), also after a reporting phrase and
#: its comma (据了解，去年，…), is a topic year: the document's review year
_REPORTING = r"(?:了解到?|获悉|介绍|透露|指出|表示|说)[,，]"  # a reporting verb and its comma
_LEAD_REACH = 20  # a reporting phrase before its verb: 据了解; 某省林业和草原局局长某某介绍说
REVIEW_TOPIC_RE = re.compile(rf"(?:^|(?<=[。！？\n]))[ \t\u00a0\u3000]*(?:[^。！？\n,，]{{0,{_LEAD_REACH}}}?{_REPORTING})?"
                             r"[ \t\u00a0\u3000]*在?(过去(?:的)?五年|过去(?:的)?一年[里中来]?|一年来|去年)[,，]", re.M)
#: a reporting phrase and its comma that may open a sentence before its topic (据了解，; 胡某说，; 记者了解到，)
_REPORT_LEAD_RE = re.compile(rf"[^。！？\n,，“\"]{{0,{_LEAD_REACH}}}?{_REPORTING}[ \t\u00a0\u3000]*")
#: a plan term that opens a sentence (“十二五”末，…; 十三五时期，…): its values are stated for the term's end year
_Q = f"[{TERM_QUOTES}]"  # a quote mark around a plan term (“十四五”, 『十四五』, ”十三五’)
_TERM_TOPIC_RE = re.compile(rf"十([一二三四五六七八九])五{_Q}?(?:末|期末|时期|期间)[,，]")  # (after an optional quote)
_OPEN_QUOTES = frozenset(TERM_QUOTES)
#: a span of five years that opens a sentence and closes at the review (这五年，…; 五年来，…; not 近五年)
_FIVE_YEARS_RE = re.compile(r"[ \t\u00a0\u3000]*(?:这|过去的?)?五年(?:来|以来)?[,，]")
_TOPIC_REACH = 1200  # a topic year holds for its whole paragraph (within this many characters)
_TO_REACH = 300  # a 到YYYY年 holds for the following sentences within this many characters
_CONNECTIVE_RE = re.compile(r"[ \t\u00a0\u3000]*(?:同时|与此同时|此外|另外|另一方面|其中)[,，]?")


# 由2016年的…上升至2019年的…: a 到/至YYYY年 that closes a change stated from an earlier year in the same
# clause is the end of that change, not a horizon for the sentences after it
_FROM_YEAR_RE = re.compile(r"[由从](?:(?:19|20)[0-9]{2})\s*年[^。；;！？!?]*$")
_FROM_REACH = 40


_REVIEW_WORD_RE = re.compile(r"过去的?[一五]年|去年")  # REVIEW_TOPIC_RE's words, scanned for from their literals
_ONE_YEAR_AFTER = frozenset("里中来")  # (在)过去的一年里，…


def _review_topics(text: str, review_year: int) -> list[tuple[int, int, int]]:
    """``(start, end, review_year)`` of the matches of :data:`REVIEW_TOPIC_RE` in *text* (the same
    matches, found from their words: a scan the engine can skip through)."""
    found = []
    for m in scan_sparse(_REVIEW_WORD_RE, text):
        end = m.end() + (text[m.end() : m.end() + 1] in _ONE_YEAR_AFTER and "一" in m.group())  # 过去的一年里，
        if text[end : end + 1] not in ("，", ","):
            continue
        q = m.start() - (text[m.start() - 1 : m.start()] == "在")  # 在过去的一年里，
        while q and text[q - 1] in _TOPIC_SPACES:
            q -= 1
        if q == 0 or text[q - 1] in _TOPIC_BEFORE or text[q - 3 : q].endswith(_TOPIC_REPORTS):
            found.append((m.start(), m.end(), review_year))
    return found


# (the look-behind keeps the scan on 年 and leaves in C the many 年 not after a numeral: 2025年，…)
_SPAN_WORD_RE = re.compile(r"年(?<=[一二两三四五六七八九十]年)(?:来|的|间|里|中|[,，])")
_SPAN_COUNT = frozenset("一二两三四五六七八九十")


def _span_topics(text: str, review_year: int | None = None) -> list[tuple[int, int, int | None]]:
    """``(start, end, year)`` of the sentences that open with a span of years (五年来，…; 这五年，…;
    五年的持续奋战…): what follows is stated for the span, not for a year carried from before it; a span of
    five years that closes at the review (五年来，…; 这五年，…) is stated for the year the document looks back on
    (*review_year*), the others for no year (None)."""
    found = []
    for m in _SPAN_WORD_RE.finditer(text):
        q = m.start()
        while q and text[q - 1] in _SPAN_COUNT and m.start() - q < 2:
            q -= 1
        if q == m.start():
            continue
        if text[q - 2 : q] == "过去":
            if m.group()[-1] in ",，":
                continue
            q -= 2
        elif text[q - 1 : q] in ("这", "近"):
            q -= 1
        elif m.group()[-1] in ",，":
            continue  # 这五年，… (过去五年，… is the review year; 五年，… alone is not a span)
        while q and text[q - 1] in _TOPIC_SPACES:
            q -= 1
        if q == 0 or text[q - 1] in _TOPIC_BEFORE:
            five = m.start() - 1 >= 0 and text[m.start() - 1] == "五" and text[m.start() - 2 : m.start() - 1] != "近"
            found.append((q, m.end(), review_year if five and m.group()[-1] in "来,，" else None))
    return found


def _term_end(digit: str) -> int:
    return plan_term(f"十{digit}五")[1]


def _term_topics(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, year)`` of the plan terms that open a sentence (:data:`_TERM_TOPIC_RE`): the term's end year."""
    found = []
    for m in _TERM_TOPIC_RE.finditer(text):
        q = at = m.start()
        if q and text[q - 1] in _OPEN_QUOTES:
            q = at = q - 1
        while q and text[q - 1] in _TOPIC_SPACES:
            q -= 1
        if q == 0 or text[q - 1] in _TOPIC_BEFORE or text[q - 3 : q].endswith(_TOPIC_REPORTS):
            found.append((at, m.end(), _term_end(m.group(1))))  # (also after 据了解，/他说，)
    return found


#: 去年 or 上年 as the time of a value (去年建成9.6万户, 去年以来), not as a comparison (较去年, 比上年同期) nor
#: as a sentence's topic (去年，…: see REVIEW_TOPIC_RE)
_LAST_YEAR_RE = re.compile(r"(?<![较比同与于超])(?:去年|上年)(?!同期|[,，])")
#: a change to a new value (由2022年的A调整为B, 由上年的A提高到B): the year before it is the start's, not B's
CHANGE_TO_RE = re.compile(r"(?:提高|提升|增加|增长|上升|扩大|调整|优化|下降|降低|减少|缩小)(?:到|至|为)|[增降升]至")


#: a cut-off without a year (截至6月底, 截至目前, 截止发稿时): a dated page's values are for its issue year
_CUTOFF_RE = re.compile(r"截[至止](?:今年)?(?:(?P<month>[0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?:份)?(?:底|末|中旬|下旬|上旬)?"
                        r"|目前|现在|当前|发稿)")
_CN_MONTH = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def said_year(text: str, start: int, vs: int, own_year: int | None,
              issue: tuple[int, int | None] | None = None) -> tuple[int, str, str] | None:
    """``(year, note, year_source)`` of 今年, 去年 or 上年 in the sentence at *start* before the value at *vs*, counted
    from the document's own year, or of a cut-off without a year (截至6月底, 截至目前) on a page dated
    *issue* ``(year, month)``: its issue year, or the year before for a month after the issue month;
    None without any (or without an own year)."""
    if own_year is None:
        return None
    if text.find("今年", start, vs) >= 0:
        return own_year, "今年: the document's own year", "stated"
    if issue is not None and text.find("截", start, vs) >= 0 and (cut := _CUTOFF_RE.search(text, start, vs)):
        month = cut.group("month")
        month = None if month is None else int(month) if month.isdigit() else _CN_MONTH.get(month[-1], 0) + 10 * (len(month) > 1)
        late = month is not None and issue[1] is not None and month > issue[1]
        return issue[0] - late, "a cut-off without a year (截至…): the year of the page's issue date", "issue_date"
    if text.find("去年", start, vs) < 0 and text.find("上年", start, vs) < 0:
        return None
    last = _LAST_YEAR_RE.search(text, start, vs)
    if last is None or text[last.start() - 1 : last.start()] in ("由", "从") and CHANGE_TO_RE.search(text, last.end(), vs):
        return None  # (由上年的A调整为B: B is this year's)
    return own_year - 1, f"{last.group()}: the year before the document's own year", "stated"


def sentence_topic(text: str, start: int, vs: int, review_year: int | None) -> tuple[int, str] | None:
    """``(year, note)`` of what opens the sentence at *start* before the value at *vs*: a review (过去一年，…:
    *review_year*) or a plan term (“十二五”末，…: its end year); None for anything else."""
    if review_year is not None and REVIEW_TOPIC_RE.match(text, start, vs):
        return review_year, "过去一年/去年: the year the document looks back on"
    if review_year is not None and _FIVE_YEARS_RE.match(text, start, vs):
        return review_year, "这五年/五年来: the five years close with the year the document looks back on"
    q = start
    while q < vs and text[q] in _TOPIC_SPACES:
        q += 1
    lead = _REPORT_LEAD_RE.match(text, q, vs)  # 据了解，“十三五”期间，…; 胡某说，“十四五”期间，…
    if lead:
        q = lead.end()
    if q < vs and text[q] in _OPEN_QUOTES:
        q += 1
    term = _TERM_TOPIC_RE.match(text, q, vs)
    return (_term_end(term.group(1)), "a plan term opens the sentence: its end year") if term else None


#: the end of a plan term inside a sentence (到“十四五”末, 至十三五期末): its end year, for the values after it
_TERM_END_RE = re.compile(rf"十([一二三四五六七八九])五{_Q}?(?:期末|末期|末)")
_TERM_END_BEFORE = frozenset("到至于在,，;；:：")  # a time (到“十四五”末, …，“十四五”末全省…)
_TERM_TO = frozenset("到至")  # 到“十四五”末: a horizon that carries to the next sentences, as 到2025年 does
#: …的1.32倍 after a term's end: the base of a multiple (达到“十三五”末的1.32倍), as 是2015年的1.6倍 is for a year
_TERM_MULTIPLE_RE = re.compile(rf"{_Q}?[ \u00a0]?的[ \u00a0]?(?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百半]+)[ \u00a0]?倍")


def term_end(text: str, lo: int, vs: int) -> tuple[int, int] | None:
    """``(year, start)`` of the last plan-term end in ``text[lo:vs]`` stated as a time, after 到, 至, 于, 在 or
    a clause cut (到“十四五”末; not 比“十二五”末, a base), and not opening the sentence at *lo* (see
    :func:`sentence_topic`), or None."""
    if text.find("五", lo, vs) < 0:
        return None
    found = None
    for m in _TERM_END_RE.finditer(text, lo, vs):
        before = text[lo : m.start()].rstrip(" \t\u00a0\u3000" + TERM_QUOTES)
        if before and before[-1] in _TERM_END_BEFORE and not _TERM_MULTIPLE_RE.match(text, m.end()):
            found = m  # (比“十二五”末提高, 由“十一五”末的A, 达到“十三五”末的1.3倍: a base, not a time)
    return (_term_end(found.group(1)), found.start()) if found else None


class YearCarry:
    """The years that carry from one sentence to the next ones of a paragraph, found in one pass.

    A ``到YYYY年`` holds for the following sentences of its paragraph within 300 characters; a topic
    year that opens a sentence (``2023年，该县…``, or ``过去一年，`` for the year a review looks back on) for
    the rest of its paragraph. Neither crosses a
    blank line, a list item or a heading (also one cut by a single line break), except into a
    paragraph that opens with a connective (``同时，`` ``此外，``), which continues the one before.
    """

    def __init__(self, text: str, r: Rules, review_year: int | None = None) -> None:
        self.text, self.r = text, r
        found = [(m.start(), m.end(), int(m.group(1)))
                 for pattern in r.to_year_scans for m in pattern.finditer(text)
                 if not _FROM_YEAR_RE.search(text, max(0, m.start() - _FROM_REACH), m.start())]
        if text.find("五", 0) >= 0:  # 到“十四五”末，…。其中，…: the term's end year, as 到2025年 would
            found += [(m.start(), m.end(), _term_end(m.group(1))) for m in _TERM_END_RE.finditer(text)
                      if text[max(0, m.start() - 2) : m.start()].rstrip(TERM_QUOTES)[-1:] in _TERM_TO]
        found.sort()
        topics = _topic_years(text)
        if review_year is not None:  # 过去一年，…; 去年，…: the year the document looks back on
            topics += _review_topics(text, review_year)
        topics += _span_topics(text, review_year)  # 五年来，…: a span ends the carry of a year before it
        topics += _term_topics(text)  # “十二五”末，…: the term's end year, for the paragraph
        self.topics = {start for start, _, _ in topics}
        self.marks = sorted(found + topics)
        self.ends = [end for _, end, _ in self.marks]

    def _paragraph_between(self, a: int, b: int) -> bool:
        return bool(self.r.paragraph_re.search(self.text, a + 1, b) or last_break(self.text, a, b) != a)

    def carried(self, start: int) -> tuple[int, int] | None:
        """``(position, year)`` of the year carried into the sentence that starts at *start*, or None."""
        i = bisect_right(self.ends, start)  # the last one that ends before the sentence
        if not i:
            return None
        at, _, year = self.marks[i - 1]
        if year is None or at < start - (_TOPIC_REACH if at in self.topics else _TO_REACH):
            return None
        if not self._paragraph_between(at, start):
            return at, year
        opening = last_break(self.text, at, start)
        if opening > at and _CONNECTIVE_RE.match(self.text, opening) and not self._paragraph_between(at, opening - 1):
            return at, year  # 同时，…: the paragraph continues the one before
        return None
