"""Sentences and year context: where a sentence ends, and which year a value refers to.

A value's year is, in order: a year stated before it in its sentence (``到2025年, … 达到 …``);
a ``到YYYY年`` carried from an earlier sentence of the same paragraph; the year of the document's
title or heading (``2024年民生实事项目``); the plan horizon. Base years (``在2020年基础上``),
definition years (``2000年前建成的``), dates, periods and cited titles are not target years.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from typing import NamedTuple

from .titles import DocumentYears, document_years, plan_term
from .rules import _DASHES, _FULLWIDTH, Rules
from .scanning import scan_sparse

__all__ = ["Sentence", "DocumentYears", "YearContext", "year_context", "respective_year", "compact", "year_mark", "guess_horizon", "document_years", "last_break",
           "first_break", "plan_term"]

# A line break ends a paragraph or list item when the line before ends a sentence or clause list
# (。！？；：), when the line before is short and ends with its value (see _is_short_item), when the
# line before is a short numbered heading (（一）教育), or when the next line
# starts with a section or list number: 一、 (一) 1. 1、 (1) ①. A line broken inside a sentence (web
# copies break lines anywhere) is not a break.
_END_BEFORE_BREAK = frozenset("。！？!?；;：:")
_SP_LINE = " \t\u00a0\u3000\u2002\u2003\r"
_ITEM_START_RE = re.compile(
    r"[ \t\u00a0\u3000\u2002\u2003\r]*(?:[一二三四五六七八九十]{1,3}[、.．]|[(\uff08][一二三四五六七八九十0-9]{1,3}[)\uff09]"
    r"|[0-9]{1,2}[.．、](?![0-9])|[\u2460-\u2473]|第[一二三四五六七八九十]+[章节条部分]|$)"
)
_HEADING_MAX = 30  # a numbered line this short, without a comma, is a heading
_MARKER_RE = re.compile(
    r"[ \t\u00a0\u3000\u2002\u2003\r]*(?:[一二三四五六七八九十]{1,3}[、.．]|[(\uff08][一二三四五六七八九十0-9]{1,3}[)\uff09]"
    r"|[0-9]{1,2}[.．、](?![0-9])|[\u2460-\u2473]|第[一二三四五六七八九十]+[章节条部分])"
)


def _is_break(text: str, i: int) -> bool:
    """True if the line break at *i* ends a paragraph, a heading or a list item."""
    if _ITEM_START_RE.match(text, i + 1):
        return True
    j = i
    while j > 0 and text[j - 1] in _SP_LINE:
        j -= 1
    if j == 0 or text[j - 1] in _END_BEFORE_BREAK or text[j - 1] == "\n":
        return True
    line_start = text.rfind("\n", 0, j) + 1
    if _is_short_item(text, line_start, j):
        return True
    if not _MARKER_RE.match(text, line_start):
        return False  # a line broken inside a sentence (a web copy): not a heading
    line = text[line_start:j].strip()
    if line[-1:] in ")）":  # 一、科教惠民工程(项目6个，其中…): a heading with its bracket of counts
        opened = max(line.rfind("("), line.rfind("（"))
        line = line[:opened] if opened > 0 else line
    return len(line) <= _HEADING_MAX and "，" not in line and "," not in line


# A short line that ends with its value and no punctuation is a list item of its own (新增托位500个 /
# 建成公园3个 / 覆盖率达到90%以上): a web copy that wraps a sentence fills its lines, so only a
# paragraph's last line, which ends with 。, is short, and a wrap seldom falls right after a quantity.
_ITEM_LINE_MAX = 30
_ITEM_END_RE = re.compile(r"[0-9０-９][0-9０-９.．]*\s*(?:[万亿千百]\s*)?(?:[%％‰]|[\u4e00-\u9fff]{1,2})"
                          r"\s*(?:以上|以下|左右|以内)?\s*$")


def _is_short_item(text: str, line_start: int, j: int) -> bool:
    """True if the line ``text[line_start:j]`` is a short list item that ends with its value."""
    while line_start < j and text[line_start] in _SP_LINE:
        line_start += 1
    return 4 <= j - line_start <= _ITEM_LINE_MAX and _ITEM_END_RE.search(text, max(line_start, j - 12), j) is not None


def last_break(text: str, lo: int, pos: int) -> int:
    """Where the paragraph or list item holding *pos* starts (after a break in ``[lo, pos)``), or *lo*."""
    i = text.rfind("\n", lo, pos)
    while i >= 0:
        if _is_break(text, i):
            return i + 1
        i = text.rfind("\n", lo, i)
    return lo


def first_break(text: str, pos: int, hi: int) -> int:
    """Where the paragraph or list item holding *pos* ends (at a break in ``[pos, hi)``), or *hi*."""
    i = text.find("\n", pos, hi)
    while i >= 0:
        if _is_break(text, i):
            return i
        i = text.find("\n", i + 1, hi)
    return hi


class Sentence:
    """Boundaries, cuts and year marks of one sentence, computed once for all values inside it."""

    __slots__ = ("start", "end", "clause_cuts", "label_cuts", "year_matches", "years", "years_read", "carry")

    def __init__(self, text: str, pos: int, r: Rules) -> None:
        lo = pos - 400 if pos > 400 else 0
        hi = pos + 400
        last = text.rfind("。", lo, pos)
        after, find = last + 1 if last >= 0 else lo, text.find
        if (find("\uff01", after, pos) >= 0 or find("\uff1f", after, pos) >= 0 or find("!", after, pos) >= 0
                or find("?", after, pos) >= 0):  # rare: ！？!? after the last 。
            rfind = text.rfind
            last = max(last, rfind("\uff01", lo, pos), rfind("\uff1f", lo, pos), rfind("!", lo, pos),
                       rfind("?", lo, pos))
        start = last + 1 if last >= 0 else lo
        if text.find("\n", start, pos) >= 0:
            start = max(start, last_break(text, start, pos))
        end = min(len(text), hi)
        for mark in _SENTENCE_ENDS:  # the first sentence end in [pos, hi): each find looks only before the last found
            found = find(mark, pos, end)
            if found >= 0:
                end = found
        if text.find("\n", pos, end) >= 0:
            end = first_break(text, pos, end)
        self.start, self.end = start, end
        # A sentence holds no sentence end and no blank line (it was cut at them), so its clause cuts
        # are , ; : and its label cuts those and 、.
        label_cuts = list(map(_MATCH_START, _CUT_RE.finditer(text, start, end)))
        if text.find("、", start, end) >= 0:
            clause_cuts = [cut for cut in label_cuts if text[cut] != "、"]
        else:
            clause_cuts = label_cuts
        self.clause_cuts, self.label_cuts = clause_cuts, label_cuts
        # year matches, read by year_mark() only when a value after them needs them (see add_running)
        self.year_matches = list(r.year_re.finditer(text, start, end)) if text.find("年", start, end) >= 0 else ()
        self.years: list[tuple[int, int, int]] = []
        self.years_read = 0
        self.carry: tuple[int, int] | None | bool = False  # computed on first use (see collect._Collector._carry)


# the sentence ends, looked for with str.find (each many times faster than a class checked at every character)
_SENTENCE_ENDS = ("。", "\uff01", "\uff1f", "!", "?")
_CUT_RE = re.compile(r"[,\uff0c;\uff1b:\uff1a、]")
_MATCH_START = re.Match.start

def compact(text: str) -> str:
    """*text* without any whitespace (line-break spaces inside words included)."""
    return "".join(text.split())


def year_mark(text: str, m: re.Match, r: Rules) -> tuple[int, int, int] | None:
    """``(start, end, year)`` of a year that a following value refers to, or None (*end*: after 年)."""
    start = m.start()
    before = text[start - 3 if start > 3 else 0 : start].rstrip(" \u00a0\u3000")
    last = before[-1:]
    if last and (last in _DASHES or last == "至" or last == "到" or last == "一" and before[-2:-1] == "年") and (
            before[-2:-1].isdigit() or before[-2:-1] == "年"):  # (2006年一2010年: a dash written as 一)
        period = _PERIOD_TOPIC_RE.search(text, max(0, start - 12), m.end("post") + 1)
        if period:  # 2016-2020年，…: a period that opens a clause; its values belong to its end year
            return period.start(), m.start("post"), int(m.group("y").translate(_FULLWIDTH))
        return None  # the end of a period (2021至2035年, 2021-2035年规划)
    if (last == "由" or last == "从") and _FROM_VALUE_RE.match(text, m.start("post")):
        return start, m.start("post"), int(m.group("y").translate(_FULLWIDTH))  # 由2015年(的)66.1亿元: the start value's year
    if last and (last in r.base_before or last in _DASHES or last == "〔"):
        if not (last == "在" and "基础" not in text[m.start("post") : m.start("post") + _BASE_REACH]):
            return None  # (在2025年人均GDP达到2万美元: a time; 在2020年(的)基础上: a base)
    post = m.group("post")
    if not post.isalnum():
        post = "".join(post.split())
    bare = post.lstrip("年底末").removeprefix("之前").removeprefix("以前").removeprefix("前")
    if post.startswith(r.base_after):
        return None
    defined = bare if bare.startswith(r.definition_after) else post if post.startswith(r.definition_after) else None
    if defined is not None:
        word = max((w for w in r.definition_after if defined.startswith(w)), key=len)
        attributive = defined[len(word) : len(word) + 1] == "的" or bare != post.lstrip("年底末")
        if word == "以来" or word == "至今" or attributive and not (last in _DEADLINE_BEFORE and defined[len(word) : len(word) + 1] != "的"):
            # 2000年前建成的, 2000年以前竣工: the year defines what is counted (2023年建成24个: the year of
            # the result; 到2025年建成…, 于2025年前建成…: a deadline)
            return None
    if _MULTIPLE_BASE_RE.match(text, m.start("post")):
        return None  # 是2015年的1.6倍: the base of a multiple
    if not post and _DATE_AFTER_YEAR_RE.match(text, m.end()):
        return None  # a date (2023年11月, 2023年1-6月): the post group stops before a digit (2018年57个: a count)
    if post[:1] in _DASHES:
        return None  # a date (2023年11月) or a period (2021年-2035年)
    opened = text.rfind("《", start - 80 if start > 80 else 0, start)
    if opened >= 0 and opened > text.rfind("》", opened, start):
        return None  # a cited title
    return start, m.start("post"), int(m.group("y").translate(_FULLWIDTH))




_DEADLINE_BEFORE = frozenset("到至于")
_BASE_REACH = 8  # 在YYYY年 is a base year only with 基础 this close after it (在2020年的基础上)
_MULTIPLE_BASE_RE = re.compile(r"[ \u00a0]?的[ \u00a0]?(?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百半]+)[ \u00a0]?倍")
#: after YYYY年, digits that make a date (11月, 1-6月, 5日) or a second year, not a count (2018年57个)
_DATE_AFTER_YEAR_RE = re.compile(r"[ \u00a0]{0,2}(?:[0-9０-９]{1,2}[ \u00a0]{0,2}(?:[-—–~～－至到][ \u00a0]{0,2}[0-9０-９]{1,2}"
                                 r"[ \u00a0]{0,2})?[月日号]|(?:19|20)[0-9]{2})")
#: a period that opens a clause (2016-2020年，…; 2016年至2020年，…): what follows is stated for it
_PERIOD_TOPIC_RE = re.compile(r"(?:^|(?<=[,，。；;:：\n]))[ \t\u00a0\u3000]*((?:19|20)[0-9]{2})[ \u00a0]?(?:年?[ \u00a0]?[-—–~～－至到]|年一)"
                              r"[ \u00a0]?((?:19|20)[0-9]{2})[ \u00a0]?年(?:期间|间)?[,，:：]$")
_PERIOD_YEARS_RE = re.compile(r"((?:19|20)[0-9]{2})[ \u00a0]?年?[ \u00a0]?[-—–~～－至到][ \u00a0]?((?:19|20)[0-9]{2})")
#: after 由/从YYYY年: the start value itself (由2015年66.1亿元, 由2015年的8.57亿元, 从2020年底的3个), not a date
_FROM_VALUE_RE = re.compile(r"[ \u00a0]?(?:底|末)?的?[ \u00a0]?[0-9０-９](?![0-9０-９]?[ \u00a0]?月)")
_LISTED_NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def guess_horizon(text: str, r: Rules) -> int | None:
    """The most frequent ``到YYYY年`` of a text (the earliest on ties), or None."""
    counts = Counter(int(m.group(1)) for m in scan_sparse(r.to_year_re, text))
    return min(counts, key=lambda year: (-counts[year], year)) if counts else None




class YearContext(NamedTuple):
    """What a statement without a year of its own falls back on (built once per document)."""

    fallback: int | None  # the explicit horizon, else the title's year, else the guessed horizon
    fallback_source: str  # "horizon" or "title"
    document: DocumentYears

    def heading_year(self, pos: int) -> int | None:
        """The year set by the headings above *pos* (a position in the whole document), if any."""
        i = bisect_right(self.document.heading_starts, pos)
        return self.document.heading_years[i - 1] if i else None


_NEWS_REACH = 3000  # a news report says 今年 in its headline or its first paragraphs


def year_context(text: str, horizon: int | None, r: Rules) -> YearContext:
    """The :class:`YearContext` of *text*: an explicit *horizon* wins, then the title's year, then
    the most frequent ``到YYYY年`` (:func:`guess_horizon`); without one, a dated page (or an undated news
    report that speaks of 今年 and names its year in its lede) falls back on its issue year."""
    document = document_years(text)
    if horizon is not None:
        return YearContext(horizon, "horizon", document)
    if document.title_year is not None:
        return YearContext(document.title_year, "title", document)
    guessed = guess_horizon(text, r)
    if guessed is None and document.own_year is not None and (document.issue_year is not None
                                                               or "今年" in text[:_NEWS_REACH]):
        # a dated page, or a news report of this year's work (今年…) naming its year in its lede, without a
        # year in its title or a horizon: what it states without a year is for the year it was issued
        return YearContext(document.own_year, "issue_date" if document.issue_year is not None else "title",
                           document)
    return YearContext(guessed, "horizon", document)


_YEAR_LIST_GAP_RE = re.compile(r"[\s、,，和与及至度底末]*")


def respective_year(text: str, s: Sentence, vs: int, seen_lists: dict) -> int | None:
    """For ``2023年、2024年…分别为A、B``: the year of the value at *vs* (its place in the list).

    *s* is the sentence (its year marks read up to *vs*); *seen_lists* records, per ``分别``, the
    values met so far, so that the n-th value gets the n-th year.
    """
    f = text.rfind("分别", s.start, vs)
    years = [mark for mark in s.years if mark[0] < f]
    if years and (len(years) == 1 or not _YEAR_LIST_GAP_RE.fullmatch(text, years[-2][1], years[-1][0])):
        period = _PERIOD_YEARS_RE.match(text, years[-1][0])
        if period:  # 2016-2020年，…分别为A、B、C、D、E: one value per year of the period
            first, last = int(period.group(1)), int(period.group(2))
            cut = min((i for i in (text.find(c, f, s.end) for c in ",，;；") if i >= 0), default=s.end)
            if len(_LISTED_NUMBER_RE.findall(text, f, cut)) == last - first + 1:
                seen = seen_lists.setdefault((-1, f), [])
                if vs not in seen:
                    seen.append(vs)
                index = seen.index(vs)
                return first + index if index <= last - first else None
    if len(years) < 2:
        return None
    run = [years[-1]]
    for mark in reversed(years[:-1]):
        if not _YEAR_LIST_GAP_RE.fullmatch(text, mark[1], run[0][0]):
            break
        run.insert(0, mark)
    if len(run) < 2:
        return None
    seen = seen_lists.setdefault((-1, f), [])
    if vs not in seen:
        seen.append(vs)
    index = seen.index(vs)
    return run[index][2] if index < len(run) else None
