"""Values that take their unit from a neighbour: the shares of a structure and the first values of a list.

Two shapes of running text state several values with one unit:

* a structure written ``A:B:C`` (``三次产业结构调整为12.5:40.3:47.2``): three or four shares, each a
  percentage, when the clause before names a structure or a ratio (结构, 比, 比例, 构成) and they add
  up to about 100;
* a ``分别`` list whose unit is written once, after its last value (``分别提高3.1和2.4个百分点``):
  the earlier values are bare numbers and take the last one's unit.

The scans that find them are :data:`STRUCTURE_PATTERN` and :data:`LISTED_PATTERN` (compiled into
``Rules.scans`` as the kinds ``structure`` and ``listed``); :func:`listed_values` gives the spans to
read and the unit each one takes.
"""

from __future__ import annotations

import re

from .rules import _SP, NUM, Rules

__all__ = ["STRUCTURE_PATTERN", "LISTED_PATTERN", "LISTED_KINDS", "listed_values"]

_COLONS = ":：∶\ufe55\ufe30"  # the small colon ﹕ (U+FE55) and the vertical-form colon ︰ (U+FE30) too
_SEP = rf"{_SP}?[{_COLONS}]{_SP}?"
#: three or four numbers joined by colons, found from the first colon (a literal the engine skips to
#: fast); the first number, before it (a space between them allowed), is read back by :func:`listed_values`
STRUCTURE_PATTERN = (rf"[{_COLONS}](?:(?<=[0-9０-９][{_COLONS}])|(?<=[0-9０-９] [{_COLONS}])){_SP}?{NUM}"
                     rf"(?:{_SEP}{NUM}){{1,2}}(?![0-9０-９.．{_COLONS}])")
#: a bare number right after 分别 (and a short verb), followed by 和/与/及/、 and the next number
LISTED_PATTERN = (rf"分别[\u4e00-\u9fff]{{0,6}}?{_SP}?(?P<first>{NUM})(?={_SP}?[和与及、]{_SP}?[0-9０-９])")
LISTED_KINDS = frozenset({"structure", "listed"})

_NUM_RE = re.compile(NUM)
_LISTED_MAX = 6  # values in one 分别 list
_BARE_NEXT_RE = re.compile(rf"(?P<num>{NUM})(?={_SP}?[和与及、]{_SP}?[0-9０-９])")
_NUM_CHARS = frozenset("0123456789０１２３４５６７８９.．")
_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_SHARE_TOTAL = (99.0, 101.0)  # shares of one whole, rounded to one decimal each
#: the clause before the shares names a structure or a ratio (产业结构, 三次产业比, 构成)
_STRUCTURE_WORD_RE = re.compile(r"(?:结构|比例?|构成)[^，,。；;！？!?]*$")
_STRUCTURE_REACH = 60  # the clause may name the structure before an earlier state of it (由…的A:B:C调整为…的D:E:F)


def _structure(text: str, m: re.Match) -> list[tuple[int, int, str]]:
    start = m.start()
    if text[start - 1] == " ":
        start -= 1  # 13.6 ﹕ 42.1 ﹕ 44.3
    while start and text[start - 1] in _NUM_CHARS:
        start -= 1
    if start and text[start - 1] in _COLONS or not text[start : start + 1].strip(".．"):
        return []  # part of a longer run of numbers and colons
    if not _STRUCTURE_WORD_RE.search(text, max(0, start - _STRUCTURE_REACH), start):
        return []  # no structure named before it (a clock time 13:52:36, a score)
    numbers = list(_NUM_RE.finditer(text, start, m.end()))
    total = sum(float(n.group().translate(_DIGITS)) for n in numbers)
    if not _SHARE_TOTAL[0] <= total <= _SHARE_TOTAL[1]:
        return []  # not the shares of a whole (10:30:00, 3:2:1 …)
    return [(n.start(), n.end(), "%") for n in numbers]


def _listed(text: str, m: re.Match, r: Rules) -> list[tuple[int, int, str]]:
    """The bare numbers of a 分别 list (``分别提高10.6、6.3、12.9个百分点``): each takes the unit of the
    first number after them that has one."""
    value = dict(r.scans)["v"]
    bare = [(m.start("first"), m.end("first"))]
    i = m.end("first")
    for _ in range(_LISTED_MAX):
        while text[i] not in "和与及、":
            i += 1
        i += 1
        while text[i].isspace():
            i += 1
        nxt = value.match(text, i)
        if nxt is not None:
            unit = nxt.group("unit1") or nxt.group("unit")
            if not unit or unit[0] in "余多":
                return []
            return [(a, b, "".join(unit.split())) for a, b in bare]
        more = _BARE_NEXT_RE.match(text, i)  # another bare number, then the next separator
        if more is None:
            return []
        bare.append(more.span("num"))
        i = more.end("num")
    return []


def listed_values(text: str, kind: str, m: re.Match, r: Rules) -> list[tuple[int, int, str]]:
    """``(start, end, unit)`` of each value that a ``structure`` or ``listed`` match *m* states.

    Examples
    --------
    >>> from comparekit.extract.rules import rules
    >>> r = rules()
    >>> text = "三次产业结构调整为12.5:40.3:47.2。"
    >>> m = dict(r.scans)["structure"].search(text)
    >>> [(text[a:b], unit) for a, b, unit in listed_values(text, "structure", m, r)]
    [('12.5', '%'), ('40.3', '%'), ('47.2', '%')]
    >>> text = "一产和三产分别提高3.1和2.4个百分点。"
    >>> m = dict(r.scans)["listed"].search(text)
    >>> [(text[a:b], unit) for a, b, unit in listed_values(text, "listed", m, r)]
    [('3.1', '个百分点')]
    >>> text = "三项分别提高10.6、6.3、12.9个百分点。"
    >>> m = dict(r.scans)["listed"].search(text)
    >>> [(text[a:b], unit) for a, b, unit in listed_values(text, "listed", m, r)]
    [('10.6', '个百分点'), ('6.3', '个百分点')]
    """
    return _structure(text, m) if kind == "structure" else _listed(text, m, r)
