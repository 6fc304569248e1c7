"""Counts that describe a list or a programme rather than state a quantity.

A programme's size in its own name (``2025年10项民生实事``), the number of items under a heading
(``一、教育类,共3项``, ``一、科教惠民工程(项目6个，其中…)``), a list's size counted by its classes
(``共8大类50个项目``), the number of a plan's indicators (``40项指标``) and ``N个方面`` are the structure of
the text, not targets.
:func:`comparekit.extract.keep.keep_value` drops them.
"""

from __future__ import annotations

import re

from .rules import _SP_CHARS

__all__ = ["ITEM_UNITS", "item_structure"]

_SP_STR = "".join(sorted(_SP_CHARS))

#: After a count of items, the name of a programme of practical matters (2025年10项民生实事, 办好15件重点民生实事,
#: 20项民心工程): the count is the size of the programme in its name, not a quantity target.
#: An adjective of weight (重要, 重点) may stand between them (办30件重要民生实事); N项重点任务 counts the tasks a
#: plan is divided into, which is the plan's own structure, not a target.
#: A year and a place may stand between them (20项2025年区级民生实事项目, 60件2024年福州市为民办实事项目), and
#: the candidates a list is chosen from are its programme too (12件候选项目).
_PROGRAMME_AFTER_RE = re.compile(
    r"(?:(?:19|20)[0-9]{2}年度?)?[\u4e00-\u9fff]{0,4}?(?:[省市县区][级級]|[縣區][級])?(?:重点|重點|重大|重要)?"
    r"(?:民生实事|民生實事|民心工程|民生工程|为民办实事|為民辦實事|为民实事|為民實事|实事|實事|候选项目|候選項目|身边事|身邊事)"
    r"|(?:重点|重點|重要|主要)(?:任务|任務)")
ITEM_UNITS = frozenset("项件個个項类類")  # (2024年度10类民生实事项目: a programme counted by its classes)
_DECIDED_RE = re.compile(r"确定|確定|議定|议定|公布|票决|票決")
#: a programme named before its size (民生实事项目40项, 为民办实事10项, 20项民心工程48项) or one category of it after 其中
#: or after a colon (其中民生保障类4项; 共有27个大项：民生事业补短板类11项)
_PROGRAMME_BEFORE_RE = re.compile(
    r"(?:(?:(?:民生|为民办|為民辦|民心)?(?:实事|實事)(?:项目|項目|工程)?|民心工程)(?:[为為][ \t\u00a0\u3000]*)?"
    r"|其中[^，,。；;]{0,20}[类類]|[:：；;、,，][^，,。；;:：]{1,12}[类類])[ \t\u00a0\u3000]*$")
#: a count right after the number of a list's classes (共8大类50个项目, 6類22件): the list's size
_CLASSES_BEFORE_RE = re.compile(r"[0-9一二三四五六七八九十]+[ \t\u00a0\u3000]*大?[类類][ \t\u00a0\u3000]*$")
#: the number of a list's classes right before the count of its items (12类45件民生实事): the list's structure
_ITEMS_AFTER_CLASSES_RE = re.compile(r"[ \t\u00a0\u3000]*[0-9０-９]+[ \t\u00a0\u3000]*[项件个項個]")
#: after a count of items, the indicators a plan or a report is measured by (40项指标, 5项约束性指标)
_INDICATORS_AFTER_RE = re.compile(r"[ \t\u00a0\u3000]?(?:[\u4e00-\u9fff]{1,3}性)?(?:主要|重点|核心|考核)?[\u4e00-\u9fff]{0,2}?(?:指标|指標)")
_HEADING_RE = re.compile(r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])")


def _last_before(text: str, pos: int) -> str:
    """The last character before *pos* that is not a space (``text[:pos].rstrip(_SP_STR)[-1:]``,
    without copying the text before *pos*), or "" if there is none."""
    i = pos - 1
    while i >= 0 and text[i] in _SP_STR:
        i -= 1
    return text[i] if i >= 0 else ""


def item_structure(text: str, num_start: int, end: int, unit: str) -> bool:
    """True for a count of items that describes a list or a programme rather than stating a quantity:
    the size of a programme in its own name (``2025年10项民生实事``, ``办好15件重点民生实事``; not
    ``报送的136件民生实事项目``, a count the relative clause qualifies), a line that is only ``共N项`` or a heading
    ending in it (``一、教育类,共3项``, or in brackets ``一、教育类项目(3个)``: the number of items under the
    heading) and ``N个方面`` (the aspects a text is organized in)."""
    if unit in "个個" and text.startswith("方面", end):
        return True
    if text[max(0, num_start - 2) : num_start] == "以下":
        return True  # 完成以下4项目标: the size of the list that follows
    if text[end : end + 2] in ("小项", "大项", "小項", "大項"):
        return True  # 共涉及23个小项, 共有27个大项: the parts of a programme (N个子项 stays a count: annotators code it)
    if unit in "类類" and _ITEMS_AFTER_CLASSES_RE.match(text, end):
        return True  # 12类45件民生实事: the number of the list's classes
    if unit in "项項个個" and _INDICATORS_AFTER_RE.match(text, end):
        return True  # 批准的40项指标, 35项预期性指标中: the indicators a plan is measured by
    if _PROGRAMME_AFTER_RE.match(text, end):  # (票决通过的10件民生实事: decided, the programme's size)
        return (_last_before(text, num_start) != "的"
                or _DECIDED_RE.search(text, max(0, num_start - 12), num_start) is not None)
    if _heading_bracket(text, num_start, end):
        return True
    if unit in ITEM_UNITS and _CLASSES_BEFORE_RE.search(text, max(0, num_start - 8), num_start):
        return True  # 重点项目共8大类50个项目: the list's size, counted by its classes
    if unit in "项件項" and _PROGRAMME_BEFORE_RE.search(text, max(0, num_start - 24), num_start):
        # 民生实事项目40项, 为民办实事10项, 其中民生保障类4项: the size of a programme and its parts (not
        # 共收集民生实事项目136件: the proposals collected are counted)
        clause = text[max(0, num_start - 30) : num_start]
        return not ("收集" in clause and not _DECIDED_RE.search(clause))
    if text[num_start - 1 : num_start] == "共" and unit in "项件項":
        line_start = text.rfind("\n", 0, num_start) + 1
        line_end = text.find("\n", end)
        rest = text[end : len(text) if line_end < 0 else line_end].strip(_SP_STR + "。;；,，")
        head = text[line_start : num_start - 1].strip(_SP_STR)
        return not rest and (not head or _HEADING_RE.match(head) is not None)
    return False


#: what opens a heading's bracket of item counts: (项目6个，其中基建工程类5个、“小而美”事项类1个), (共4项，…)
_BRACKET_COUNT_RE = re.compile(r"[ \t\u00a0\u3000]*(?:共|项目|項目)?[ \t\u00a0\u3000]*[0-9]+[ \t\u00a0\u3000]*[个項项件個]"
                               r"[ \t\u00a0\u3000]*(?:[)）]|[,，;；][ \t\u00a0\u3000]*其中)")


_BRACKET_TITLE_MAX = 30


def _heading_bracket(text: str, num_start: int, end: int) -> bool:
    """True for a count inside the bracket that closes a numbered heading and counts the items under it,
    with its breakdown (``一、科教惠民工程(项目6个，其中基建工程类5个、“小而美”事项类1个)``)."""
    line_start = text.rfind("\n", 0, num_start) + 1
    opened = max(text.rfind("(", line_start, num_start), text.rfind("（", line_start, num_start))
    if opened < 0 or max(text.rfind(")", opened, num_start), text.rfind("）", opened, num_start)) >= 0:
        return False
    if not _BRACKET_COUNT_RE.match(text, opened + 1):
        return False
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text.find(")", end, line_end) < 0 and text.find("）", end, line_end) < 0:
        return False
    title = text[line_start:opened].lstrip(_SP_STR)  # 一、科教惠民工程: a short heading before the bracket
    return (len(title) <= _BRACKET_TITLE_MAX and not any(c in title for c in ",，。;；")
            and _HEADING_RE.match(title) is not None)
