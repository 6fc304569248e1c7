"""Value semantics: read a value as written (``55%左右``, ``≥10 (8)``, ``1.9万个``) into numbers.

A value text is read in five passes, each driven by a table below that a reader can scan and edit:

1. :func:`normalize_text` — full-width characters to half-width (NFKC, Chinese kept), odd spaces to
   spaces, dashes between numbers to ``-``, ``‹``/``›`` to ``<``/``>``, spaces collapsed.
2. :data:`NUMERAL_MASKS` hide numeral characters that are not quantities (``进一步``, ``十四五``,
   ``三级医院``); Chinese numerals left (``两个``, ``十万``, ``一百二十``) are converted by ``cn2an``,
   a trailing 万/亿 staying a unit word (``十万人`` → 10 万人, like ``10万人``); ``半`` before a
   time unit is 0.5 (``半小时``); ``百分之六十`` is 60%.
3. :data:`DROP_RULES` remove artefacts that are not the value: page numbers (``每年下降 6 3.2%左右``),
   target years (``2025年``) and enumeration prefixes (``两个100%``).
4. The structure is read: ratio ``16.05:1``, new/existing pair ``10(8)``, range ``5-8个``, or a single
   number. Several numbers in any other arrangement are an error — the parser never guesses.
5. The unit is the longest unit of ``data/registry/units.csv`` that follows the number
   (``万平方米`` before ``平方米``, ``个/千人`` before ``个``); a unit word not in the registry is
   returned as written (``名``, ``万千瓦``) so that :mod:`comparekit.units` can name it. The qualifier
   comes from :data:`QUALIFIER_RULES`, the unit's multiplier from :data:`MULTIPLIER_RULES`, the
   direction from :data:`DIRECTION_RULES`; texts without a number are read with
   :data:`RELATIVE_RULES` and :data:`QUALITATIVE_RULES`.

``value`` is always the number as written: ``1.9万个`` gives value 1.9, unit ``万个``, multiplier
1e4. Converting to canonical units is the job of :mod:`comparekit.units`.

Decisions worth knowing:

* A range is ``range`` whatever bound word follows it (``3-5个以上`` → 3–5, range).
* A pair keeps its bound word: ``≥10 (8)`` → at_least, value 10, value_alt 8.
* ``近70%`` (nearly) is ``about``; ``力争`` alone changes nothing; ``达到全省平均水平`` is ``at_least``.
* A bare number (``47.2``, ``2.2左右``) has unit None: its unit comes from the indicator.
* A qualifier written outside the value text (``不少于`` before ``30(20) 平方米``) cannot be seen.
* The unit registry is read on first use, not on import; a broken registry raises its own
  :class:`~comparekit.errors.TableError`, since that is not a fault of the text.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np
import pandas as pd

from .study import study_cache  # one cache per study: the unit registry may differ

__all__ = [
    "ValueParseError",
    "ParsedValue",
    "parse_value_text",
    "parse_value_texts",
    "normalize_text",
    "QUALIFIERS",
    "QUALIFIER_RULES",
    "QUALITATIVE_RULES",
    "RELATIVE_RULES",
    "DIRECTION_RULES",
    "PER_YEAR_RULES",
    "MULTIPLIER_RULES",
    "NUMERAL_MASKS",
    "DROP_RULES",
    "PARSED_COLUMNS",
]

#: Every qualifier the parser can return.
QUALIFIERS = ["about", "at_least", "more_than", "at_most", "less_than", "exact", "range", "maintain", "qualitative"]

# --------------------------------------------------------------------------------------------
# Rule tables. Patterns are regular expressions applied to the normalized text. Where several
# rules match, the first one in the table wins, so negated words come before the words they
# contain (不低于 before 低于, 不超过 before 超过, <= before <).
# --------------------------------------------------------------------------------------------

#: ``(pattern, qualifier, description)``; the first matching rule gives the qualifier.
QUALIFIER_RULES: list[tuple[str, str, str]] = [
    (r"不低于|不少于|不小于|不下于", "at_least", "'not below / not fewer than' bounds the value from below"),
    (r"不超过|不高于|不大于|不多于", "at_most", "'not above / not more than' bounds the value from above"),
    (r"≥|>=|=>|≧|及以上|以上|至少|起码", "at_least", "≥, 以上 (incl. 力争…以上), 至少"),
    (r"≤|<=|=<|≦|以内|以下|控制在", "at_most", "≤, 以内, 以下 after a value, 控制在 (keep within)"),
    (r"突破|超过|高于|大于|多于|>", "more_than", "突破 (break through), 超过, 高于, >"),
    (r"低于|小于|少于|不足|<", "less_than", "低于, 小于, <"),
    (r"左右|上下(?!游)|大约|约(?=\s*[0-9])|≈|~(?=\s*[0-9])",
     "about", "左右, 上下, 约, ≈, a leading ~"),
    (r"近(?=\s*[0-9])|将近|接近",
     "about", "近 / 接近 (nearly) before a number is read as 'about': the plans use it for round figures a "
              "little under the stated value, and no bound is invented"),
    (r"保持|稳定在|维持", "maintain", "保持, 稳定在, 维持 (keep at the current level)"),
    (r"达到(?=.*(?:平均|水平))", "at_least", "达到 + a reference level (达到全省平均水平): reaching an average means not below it"),
]

#: Texts without a number that refer to another level: value None, qualifier from QUALIFIER_RULES
#: (``exact`` when no rule matches, e.g. 与全市平均水平持平).
RELATIVE_RULES: list[tuple[str, str]] = [
    (r"平均水平|平均值|平均数", "an average level (全市平均水平, 全国平均水平)"),
    (r"(?:全国|全省|全市|全县|同期|同类)水平", "a named reference level (全国水平, 同期水平)"),
]

#: Texts without a number that state a qualitative target: qualifier ``qualitative``, value None.
QUALITATIVE_RULES: list[tuple[str, str]] = [
    (r"覆盖", "coverage: 全覆盖, 深度覆盖, 普遍覆盖"),
    (r"清零|消除|消灭|根除", "elimination: 清零, 全面消除"),
    (r"零(?:填埋|门槛|排放|容忍|事故|死亡|距离|突破)", "zero-something: 零填埋, 零门槛, 零突破 (a first achievement)"),
    (r"争创|创建|创成|争取|申报|申建|打造|建成|建有|建立", "to win, bid for or build a title or facility: 争创, 力争申报, 建成三级医院, 均建有"),
    (r"翻番|翻一番|翻两番", "doubling"),
    (r"全部|全面|全域|全体|所有", "all: 全部达到, 全面实施, 全面放开, 所有公厕"),
    (r"采用", "to adopt a construction technique or standard: 原则上采用钢结构"),
    (r"基本实现|实现|完成|达标|放开|实行", "to achieve / complete: 基本实现, 全面完成"),
    (r"([县乡镇村户区])\1", "reduplicated place word = every one: 县县双高速, 村村通"),
    (r"应\S尽\S", "应X尽X: every eligible one (应建尽建)"),
    (r"[一二三四五六七八九][星]?[级类](?=[\u4e00-\u9fff])(?!及|以)", "a grade target: 三级医院, 四星级智慧城市, 一类幼儿园"),
    (r"水平", "a named level to reach (现代化I型小城市水平); averages are RELATIVE_RULES"),
]

#: ``(pattern, direction, description)``; the earliest match in the text gives the direction.
DIRECTION_RULES: list[tuple[str, str, str]] = [
    (r"下降|减少|降低|压减|缩减|下调|降至|削减", "down", "下降, 减少, 降低 …"),
    (r"增长|提高|提升|增加|增速|上升|扩大", "up", "增长, 提高, 提升 …"),
]

#: Words that make a value a yearly rate or amount.
PER_YEAR_RULES: list[tuple[str, str]] = [
    (r"年均|每年|年平均", "年均, 每年, 年平均: per year"),
]

#: ``(prefix, multiplier, description)``: a unit word starting with the prefix carries the factor
#: (``1.9万个`` → 1e4, ``1200亿元`` → 1e8). Longer prefixes first. ``千`` and ``百`` do not count in
#: unit words that are units of their own (:data:`_SELF_UNITS`: 千米, 千瓦, 百分点 …); a prefix after
#: ``/`` (``个/千人``) is part of the denominator, not a multiplier.
MULTIPLIER_RULES: list[tuple[str, float, str]] = [
    ("万亿", 1e12, "万亿: 10^12"),
    ("千亿", 1e11, "千亿: 10^11"),
    ("百亿", 1e10, "百亿: 10^10"),
    ("亿", 1e8, "亿: 10^8"),
    ("千万", 1e7, "千万: 10^7"),
    ("百万", 1e6, "百万: 10^6"),
    ("万", 1e4, "万: 10^4"),
    ("千", 1e3, "千: 10^3"),
    ("百", 1e2, "百: 10^2"),
]
_SELF_UNITS = ("千米", "千克", "千瓦", "千伏", "千帕", "千卡", "千兆", "百分点", "百分比")

#: Numeral characters inside these words are not quantities; they are hidden before numbers are read.
NUMERAL_MASKS: list[tuple[str, str]] = [
    (r"第\s*[0-9零〇一二两三四五六七八九十百千]+", "ordinals: 第一, 第3"),
    (r"十[四五六]五", "plan periods: 十四五"),
    (r"翻[一两]番", "doubling (qualitative)"),
    (r"[一二三四五六七八九][星]?[级类](?=[\u4e00-\u9fff])(?!及|以)", "grade names: 三级医院, 四星级智慧城市, 一类幼儿园 (二星级及以上 is a value)"),
    (r"进一步|统一|单一|唯一|同一|逐一|万一|一体|一批|一流|一站|一网|一张|一件|一窗|一门|一些|一定|一般|一致|"
     r"一起|一直|一线|一系列|一次性|一揽子|一刻钟|一带一路|一室一|[县乡镇村户]一|三农|十分|十字",
     "words containing numerals: 进一步, 一体化, 一批, 三农 …"),
]

#: ``(pattern, description)``: spans removed before the numbers are read.
DROP_RULES: list[tuple[str, str]] = [
    (r"(?:^|(?<=\s))[0-9]+\s+(?=-?[0-9])",
     "page number: an integer token that stands alone between spaces immediately before another number "
     "is a page-number artefact of the text extraction (每年下降 6 3.2%左右 → 3.2%左右)"),
    (r"(?:到|至|在|于)?\s*(?:(?:19|20)[0-9]{2}\s*-\s*)?(?:19|20)[0-9]{2}\s*年(?:底|末|前|内)?",
     "target or baseline year (到2025年) when another number is present"),
    (r"(?<![0-9.])[0-9]+\s*个(?=\s*[0-9])",
     "enumeration prefix: 'N个' directly before another number counts requirements (两个100% → 100%)"),
]

#: Columns of :func:`parse_value_texts`.
PARSED_COLUMNS = ["value", "value_high", "qualifier", "unit", "multiplier", "value_alt", "per_year", "direction", "error"]

# --------------------------------------------------------------------------------------------
# Compiled patterns
# --------------------------------------------------------------------------------------------

_QUALIFIER_RES = [(re.compile(p), q) for p, q, _ in QUALIFIER_RULES]
_RELATIVE_RES = [re.compile(p) for p, _ in RELATIVE_RULES]
_QUALITATIVE_RES = [re.compile(p) for p, _ in QUALITATIVE_RULES]
_DIRECTION_RES = [(re.compile(p), d) for p, d, _ in DIRECTION_RULES]
_PER_YEAR_RE = re.compile("|".join(p for p, _ in PER_YEAR_RULES))
_MASK_RE = re.compile("|".join(f"(?:{p})" for p, _ in NUMERAL_MASKS))
_PAGE_RE, _YEAR_RE, _ENUM_RE = (re.compile(p) for p, _ in DROP_RULES)

_NUM = r"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
_NUM_RE = re.compile(_NUM)
_RATIO_RE = re.compile(rf"({_NUM})\s*:\s*1(?![0-9.])")
_PAIR_RE = re.compile(rf"({_NUM})\s*([^0-9\s()]{{0,8}}?)\s*\(\s*({_NUM})\s*[^0-9()]{{0,8}}?\)")
_RANGE_RE = re.compile(rf"({_NUM})\s*([^0-9\s\-至到]{{0,8}}?)\s*(?:-|至|到)\s*({_NUM})")
_THOUSANDS_RE = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9.]))")

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_CN_RUN_RE = re.compile(rf"(?<![0-9.])[{_CN_DIGITS}]+(?:点[零〇一二三四五六七八九]+)?")
_CN_COUNTING = re.compile(r"[一二两三四五六七八九十]")
_CN_PERCENT_RE = re.compile(rf"(百|千)分之\s*({_NUM})")

_SPACES_RE = re.compile(r"\s+")
_CJK_SPACE_RE = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")
_HALF_RE = re.compile(r"(?<![0-9\u3400-\u9fff])半(?=小时|天|年|个月|月)")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_DASHES = "~～〜—–－\\-‐‑‒―−"
_DASH_RE = re.compile(rf"(?<=[0-9])([^0-9\s{_DASHES}]{{0,6}}?)\s*[{_DASHES}]+\s*(?=[0-9])")

_UNIT_RUN_RE = re.compile(r"[A-Za-z\u3400-\u9fff]+(?:/[A-Za-z\u3400-\u9fff]+)?")
_UNIT_STOP_RE = re.compile(r"及以上|左右|以上|以下|以内|上下|及|或|和|与|至|到|的|等")


class ValueParseError(ValueError):
    """A value text cannot be read; the message quotes the text and says why.

    Attributes
    ----------
    text : str
        The text as given.
    reason : str
        What is wrong, in English.
    """

    def __init__(self, text: object, reason: str) -> None:
        self.text = text
        self.reason = reason
        shown = text if not isinstance(text, str) or len(text) <= 80 else text[:80] + "…"
        super().__init__(f"value text {shown!r}: {reason}")


@dataclass(frozen=True)
class ParsedValue:
    """One value text, read.

    Attributes
    ----------
    value : float or None
        The number as written (``1.9万个`` → 1.9); the lower bound of a range; None when the text
        states no number (qualitative or relative targets).
    value_high : float or None
        Upper bound of a range (``5—8个`` → 8).
    qualifier : str
        One of :data:`QUALIFIERS`.
    unit : str or None
        The unit as written, including a multiplier word (``万个``, ``%``, ``个/千人``, ``ratio``).
    multiplier : float
        The factor the unit word carries (1e4 for ``万个``, 1 for ``个``).
    value_alt : float or None
        The second number of a new/existing pair (``10(8)`` → 8).
    per_year : bool
        The text states a yearly amount or rate (年均, 每年).
    direction : str or None
        ``"down"`` (下降, 减少, 降低), ``"up"`` (增长, 提高, 提升) or None.
    normalized : str
        The text after :func:`normalize_text`.
    """

    value: float | None
    value_high: float | None
    qualifier: str
    unit: str | None
    multiplier: float
    value_alt: float | None
    per_year: bool
    direction: str | None
    normalized: str


# --------------------------------------------------------------------------------------------
# Normalization
# --------------------------------------------------------------------------------------------


def normalize_text(text: str) -> str:
    """Normalize a value text: half-width forms, plain spaces, ``-`` between numbers.

    Full-width digits, letters and punctuation become half-width (Unicode NFKC; Chinese characters
    are unchanged), non-breaking and other odd spaces become spaces, invisible characters are
    removed, ``～ — – － ~`` between two numbers become ``-``, ``‹ ›`` become ``< >``, runs of
    spaces collapse to one, and a space between two Chinese characters is removed: Chinese does
    not separate words by spaces, so such a space is a line-break artefact of the text extraction
    (``55%左 右`` → ``55%左右``, ``35 平方 米`` → ``35 平方米``).

    Parameters
    ----------
    text : str
        A value text as written.

    Returns
    -------
    str
        The normalized text.

    Examples
    --------
    >>> normalize_text("６０％")
    '60%'
    >>> normalize_text("5—8个"), normalize_text("55\\xa0%左右"), normalize_text("≥10 （8）")
    ('5-8个', '55 %左右', '≥10 (8)')
    """
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE))
    text = text.replace("‹", "<").replace("›", ">")
    text = _CJK_SPACE_RE.sub("", _SPACES_RE.sub(" ", text).strip())
    return _DASH_RE.sub(r"\1-", text)


# --------------------------------------------------------------------------------------------
# Registry (loaded lazily, once)
# --------------------------------------------------------------------------------------------


@study_cache
def _registry_units() -> tuple[tuple[str, ...], frozenset[str]]:
    """Registry units, longest first, and as a set."""
    from .registry import load_units  # imported here: reading the parser must not read files

    units = [u for u in load_units()["unit"].tolist() if isinstance(u, str) and u]
    units.sort(key=len, reverse=True)
    return tuple(units), frozenset(units)


def _multiplier(unit: str | None) -> float:
    if not unit:
        return 1.0
    for prefix, factor, _ in MULTIPLIER_RULES:
        if unit.startswith(prefix):
            if prefix in ("千", "百") and unit.startswith(_SELF_UNITS):
                return 1.0
            return factor
    return 1.0


def _read_unit(tail: str) -> str | None:
    """The unit that starts *tail* (the text right after a number)."""
    tail = tail.lstrip()
    if not tail:
        return None
    if tail[0] in "%‰":
        return tail[0]
    match = _UNIT_RUN_RE.match(tail)
    if not match:
        return None
    run = match.group(0)
    units, unit_set = _registry_units()
    if "/" in run:
        head, _, denominator = run.partition("/")
        stop = _UNIT_STOP_RE.search(denominator)
        denominator = denominator[: stop.start()] if stop else denominator
        compound = f"{head}/{denominator}" if denominator else head
        if compound in unit_set or not denominator:
            return compound or None
        for unit in units:  # 张/千人 written 张/千人口: longest registry compound that fits
            if "/" in unit and compound.startswith(unit):
                return unit
        return compound
    for unit in units:
        if run.startswith(unit):
            return unit
    stop = _UNIT_STOP_RE.search(run)
    run = run[: stop.start()] if stop else run
    return run or None


# --------------------------------------------------------------------------------------------
# Scalar parser
# --------------------------------------------------------------------------------------------


def _mask_numerals(match: re.Match) -> str:
    return re.sub(rf"[0-9{_CN_DIGITS}]", "#", match.group(0))


def _convert_chinese_numerals(text: str, original: str) -> str:
    """Replace Chinese numeral runs by Arabic numbers (trailing 万/亿 stay as unit words)."""
    if not any(ch in _CN_DIGITS for ch in text):
        return text
    import cn2an  # imported lazily: importing comparekit stays fast

    def convert(match: re.Match) -> str:
        run = match.group(0)
        suffix = ""
        for word in ("万亿", "亿", "万"):
            head = run[: -len(word)]
            if run.endswith(word) and head and "万" not in head and "亿" not in head:
                run, suffix = head, word
                break
        if not _CN_COUNTING.search(run):
            if not (len(run) >= 1 and suffix and set(run) <= set("百千")):
                return match.group(0)  # 万, 千, 百 alone are unit words, 零 alone is 清零 …
        if run[0] in "十百千":
            run = ("一" + run) if run[0] != "十" else run
        try:
            number = cn2an.cn2an(run, "smart")
        except Exception as exc:  # cn2an raises several types; none may escape the parser
            raise ValueParseError(original, f"cannot read the Chinese numeral {match.group(0)!r} ({exc})") from None
        return _format_number(float(number), original) + suffix

    return _CN_RUN_RE.sub(convert, text)


def _format_number(number: float, original: str) -> str:
    if not math.isfinite(number):
        raise ValueParseError(original, "number is too large")
    return repr(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


def _to_float(token: str, original: str) -> float:
    number = float(token)
    if not math.isfinite(number):
        raise ValueParseError(original, f"number {token[:20]!r}… is too large")
    return number


def _qualifier(text: str) -> str | None:
    for pattern, qualifier in _QUALIFIER_RES:
        if pattern.search(text):
            return qualifier
    return None


def _direction(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for pattern, direction in _DIRECTION_RES:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), direction)
    return best[1] if best else None


def parse_value_text(text: str) -> ParsedValue:
    """Read one value text as written in a plan into numbers, qualifier and unit.

    Parameters
    ----------
    text : str
        The value exactly as written (``55%左右``, ``≥10 (8)``, ``16.05:1``, ``不低于全市平均水平``).

    Returns
    -------
    ParsedValue

    Raises
    ------
    ValueParseError
        The only exception raised for a bad text: empty text, no number and no qualitative or
        relative word, several numbers in no known arrangement, a range whose low end is above
        its high end, an unreadable Chinese numeral.

    Examples
    --------
    >>> p = parse_value_text("1.9万个")
    >>> p.value, p.unit, p.multiplier, p.qualifier
    (1.9, '万个', 10000.0, 'exact')
    >>> p = parse_value_text("≥10 (8)")
    >>> p.value, p.value_alt, p.qualifier
    (10.0, 8.0, 'at_least')
    >>> p = parse_value_text("每年下降 6 3.2%左右")
    >>> p.value, p.unit, p.qualifier, p.per_year, p.direction
    (3.2, '%', 'about', True, 'down')
    """
    if not isinstance(text, str):
        raise ValueParseError(text, f"value text must be a string, not {type(text).__name__}")
    normalized = normalize_text(text)
    if not normalized:
        raise ValueParseError(text, "empty value text")
    per_year = bool(_PER_YEAR_RE.search(normalized))
    direction = _direction(normalized)

    work = _MASK_RE.sub(_mask_numerals, normalized)
    work = _convert_chinese_numerals(_HALF_RE.sub("0.5", work), text)
    work = _CN_PERCENT_RE.sub(lambda m: m.group(2) + ("%" if m.group(1) == "百" else "‰"), work)
    work = _THOUSANDS_RE.sub("", work)
    work = _PAGE_RE.sub("", work)
    if len(_NUM_RE.findall(work)) > 1:
        without_years = _YEAR_RE.sub(" ", work).strip()
        if _NUM_RE.search(without_years):  # a year is dropped only when another number remains
            work = without_years
        work = _ENUM_RE.sub("", work)
    numbers = list(_NUM_RE.finditer(work))

    def result(value, value_high, qualifier, unit, value_alt=None) -> ParsedValue:
        return ParsedValue(value, value_high, qualifier, unit, _multiplier(unit), value_alt, per_year, direction, normalized)

    if not numbers:
        if any(p.search(normalized) for p in _RELATIVE_RES):
            return result(None, None, _qualifier(normalized) or "exact", None)
        if any(p.search(normalized) for p in _QUALITATIVE_RES):
            return result(None, None, "qualitative", None)
        raise ValueParseError(text, "no number and no qualitative or relative word")

    qualifier = _qualifier(work) or "exact"
    if len(numbers) == 2:
        ratio = _RATIO_RE.search(work)
        if ratio:
            return result(_to_float(ratio.group(1), text), None, qualifier, "ratio")
        pair = _PAIR_RE.search(work)
        if pair:
            unit = _read_unit(pair.group(2)) or _read_unit(work[pair.end():])
            return result(_to_float(pair.group(1), text), None, qualifier, unit, _to_float(pair.group(3), text))
        span = _RANGE_RE.search(work)
        if span:
            low, high = _to_float(span.group(1), text), _to_float(span.group(3), text)
            if low > high:
                raise ValueParseError(text, f"range low end {low:g} is above its high end {high:g}")
            unit = _read_unit(work[span.end():]) or _read_unit(span.group(2))
            return result(low, high, "range", unit)
    if len(numbers) > 1:
        found = ", ".join(m.group(0) for m in numbers[:5])
        raise ValueParseError(text, f"several numbers ({found}) in no known arrangement; cannot tell which is the value")
    number = numbers[0]
    value = _to_float(number.group(0), text)
    if work[: number.start()].rstrip().endswith("-"):
        value = -value
    return result(value, None, qualifier, _read_unit(work[number.end():]))


# --------------------------------------------------------------------------------------------
# Vectorized parser
# --------------------------------------------------------------------------------------------

_FAST_LEAD = ["力争", "达到", "累计", "年均", "每年", "增长", "提高", "提升", "下降", "降低", "减少", "增加", "保持", "稳定在", "增速",
              "每千人口", "每千人"]
_FAST_PRE = ["≥", ">=", ">", "≤", "<=", "<", "约", "大约", "不低于", "不少于", "不超过", "不高于", "超过", "突破", "至少", "高于", "低于"]
_FAST_POST = ["及以上", "左右", "以上", "以下", "以内", "上下"]
_FAST_DASHES = ["-", "至", "到"]
_FAST_NUM = r"[0-9]+(?:\.[0-9]+)?"
_FAST_SPLIT = rf"^(?P<head>[^0-9]*)(?P<num>{_FAST_NUM})(?P<tail>.*)$"
_FAST_RANGE_SPLIT = rf"^(?P<head>[^0-9]*)(?P<low>{_FAST_NUM})(?P<mid>[^0-9]*)(?P<high>{_FAST_NUM})(?P<tail>.*)$"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _FastShape:
    """The common shapes, RE2-compatible, matched on NFKC-normalized text.

    * single: ``[lead words][bound]number[ ][registry unit][bound]`` (``55%左右``, ``≥12``, ``1.9万个``);
    * range: ``[lead words][bound]low[unit](-|至|到)high[ ][unit][bound]`` (``5-8个``, ``3.5%-4.2%``).
    """

    pattern: str
    range_pattern: str
    head: re.Pattern
    tail: re.Pattern
    mid: re.Pattern
    multipliers: dict[str, float]


@study_cache
def _fast_shape() -> _FastShape:
    """Build the fast-path shapes from the unit registry.

    Registry units that contain a rule word, or that the scalar parser does not read back as
    themselves (alone, and in a range), are left to the scalar parser, so the two paths cannot
    disagree. Units with 年 stay out of ranges (the scalar parser drops ``2025年`` as a target year).
    """
    units, _ = _registry_units()
    rule_res = [p for p, _ in _QUALIFIER_RES] + [p for p, _ in _DIRECTION_RES] + [_PER_YEAR_RE, _MASK_RE]
    safe = [u for u in units if not any(p.search(u) for p in rule_res) and _reads_back(u)]
    in_range = [u for u in safe if "年" not in u and not any(d in u for d in _FAST_DASHES) and _range_reads_back(u)]
    head = f"(?P<lead>(?:{_alternation(_FAST_LEAD)})*)(?P<pre>{_alternation(_FAST_PRE)})?"
    post = f"(?P<post>{_alternation(_FAST_POST)})?"
    tail = f" ?(?P<unit>{_alternation(safe)})?{post}"
    range_unit = _alternation(in_range)
    range_tail = f" ?(?:{range_unit})?{post}"
    return _FastShape(
        pattern=f"^{head}{_FAST_NUM}{tail}$",
        range_pattern=f"^{head}{_FAST_NUM}(?:{range_unit})?(?:{_alternation(_FAST_DASHES)}){_FAST_NUM}{range_tail}$",
        head=re.compile(head),
        tail=re.compile(tail),
        mid=re.compile(f"(?P<unit>{range_unit})?(?:{_alternation(_FAST_DASHES)})"),
        multipliers={u: _multiplier(u) for u in safe},
    )


def _reads_back(unit: str) -> bool:
    """True if the scalar parser reads ``5<unit>`` and ``5 <unit>`` as 5 of exactly this unit."""
    for text in (f"5{unit}", f"5 {unit}"):
        try:
            parsed = parse_value_text(text)
        except ValueParseError:
            return False
        if (parsed.value, parsed.unit, parsed.qualifier) != (5.0, unit, "exact"):
            return False
    return True


def _range_reads_back(unit: str) -> bool:
    """True if the scalar parser reads ``5-8<unit>``, ``5<unit>-8<unit>``, ``5<unit>至8`` … as the range 5–8 of this unit."""
    for text in (f"5-8{unit}", f"5-8 {unit}", f"5{unit}-8{unit}", f"5{unit}-8", f"5至8{unit}", f"5{unit}到8{unit}以上"):
        try:
            parsed = parse_value_text(text)
        except ValueParseError:
            return False
        if (parsed.value, parsed.value_high, parsed.unit, parsed.qualifier) != (5.0, 8.0, unit, "range"):
            return False
    return True


@lru_cache(maxsize=4096)
def _fast_words(lead: str, pre: str, post: str) -> tuple[str, str | None, bool]:
    """Qualifier, direction and per_year of the words around a fast-path number (rules as above)."""
    text = f"{lead}{pre}1{post}"
    return _qualifier(text) or "exact", _direction(text), bool(_PER_YEAR_RE.search(text))


def _scalar_row(text: object) -> tuple:
    try:
        p = parse_value_text(text)  # type: ignore[arg-type]
    except ValueParseError as exc:
        return (np.nan, np.nan, None, None, np.nan, np.nan, False, None, str(exc))
    return (
        np.nan if p.value is None else p.value,
        np.nan if p.value_high is None else p.value_high,
        p.qualifier,
        p.unit,
        p.multiplier,
        np.nan if p.value_alt is None else p.value_alt,
        p.per_year,
        p.direction,
        None,
    )


def _as_arrow(uniques: pd.Index):
    """Distinct texts as an Arrow string array; non-text cells become null."""
    import pyarrow as pa

    if isinstance(uniques.dtype, pd.StringDtype):
        arrow = pa.array(uniques.array)
        if isinstance(arrow, pa.ChunkedArray):
            arrow = arrow.combine_chunks()
        return arrow
    items = np.asarray(uniques, dtype=object)
    is_text = np.fromiter((isinstance(x, str) for x in items), dtype=bool, count=len(items))
    return pa.array(np.where(is_text, items, None), type=pa.large_string(), from_pandas=True)


def _dictionary(values) -> tuple[np.ndarray, list]:
    encoded = values.dictionary_encode()
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    return indices, encoded.dictionary.to_pylist()


class _Distinct:
    """Parsed columns of the distinct texts, one slot per text plus a last slot for missing cells."""

    def __init__(self, n: int) -> None:
        self.value = np.full(n + 1, np.nan)
        self.value_high = np.full(n + 1, np.nan)
        self.value_alt = np.full(n + 1, np.nan)
        self.multiplier = np.full(n + 1, np.nan)
        self.per_year = np.zeros(n + 1, dtype=bool)
        self.qualifier = np.full(n + 1, None, dtype=object)
        self.unit = np.full(n + 1, None, dtype=object)
        self.direction = np.full(n + 1, None, dtype=object)
        self.error = np.full(n + 1, None, dtype=object)
        self.error[n] = "value text is missing"
        self.done = np.zeros(n, dtype=bool)

    def fill(self, rows: np.ndarray, number: np.ndarray, number_high: np.ndarray | None, combo_rows: np.ndarray, combos: list[tuple]) -> None:
        """Store fast-path rows: numbers, and per combination of words (qualifier, direction, per_year, unit, multiplier)."""
        keep = np.isfinite(number) & (np.ones(len(rows), dtype=bool) if number_high is None else np.isfinite(number_high) & (number <= number_high))
        rows, combo_rows = rows[keep], combo_rows[keep]
        self.done[rows] = True
        self.value[rows] = number[keep]
        if number_high is not None:
            self.value_high[rows] = number_high[keep]
        for position, column in enumerate((self.qualifier, self.direction, self.per_year, self.unit, self.multiplier)):
            column[rows] = np.array([c[position] for c in combos], dtype=column.dtype)[combo_rows]


def _fast_single(distinct: _Distinct, normalized, matched: np.ndarray, shape: _FastShape) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    rows = np.flatnonzero(matched)
    parts = pc.extract_regex(normalized.filter(pa.array(matched)), _FAST_SPLIT)
    numbers = pc.cast(parts.field("num"), pa.float64()).to_numpy(zero_copy_only=False)
    head_ids, heads = _dictionary(parts.field("head"))
    tail_ids, tails = _dictionary(parts.field("tail"))
    head_words = [shape.head.fullmatch(h).group("lead", "pre") for h in heads]
    tail_words = [shape.tail.fullmatch(t).group("unit", "post") for t in tails]
    combo_ids, combo_rows = np.unique(head_ids.astype(np.int64) * len(tails) + tail_ids, return_inverse=True)
    combos = []
    for combo in combo_ids:
        (lead, pre), (unit_word, post) = head_words[combo // len(tails)], tail_words[combo % len(tails)]
        combos.append((*_fast_words(lead or "", pre or "", post or ""), unit_word,
                       shape.multipliers.get(unit_word, 1.0) if unit_word else 1.0))
    distinct.fill(rows, numbers, None, combo_rows.reshape(-1), combos)


def _fast_range(distinct: _Distinct, normalized, matched: np.ndarray, shape: _FastShape) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    rows = np.flatnonzero(matched)
    parts = pc.extract_regex(normalized.filter(pa.array(matched)), _FAST_RANGE_SPLIT)
    low = pc.cast(parts.field("low"), pa.float64()).to_numpy(zero_copy_only=False)
    high = pc.cast(parts.field("high"), pa.float64()).to_numpy(zero_copy_only=False)
    ids = [_dictionary(parts.field(name)) for name in ("head", "mid", "tail")]
    sizes = [len(words) for _, words in ids]
    key = (ids[0][0].astype(np.int64) * sizes[1] + ids[1][0]) * sizes[2] + ids[2][0]
    combo_ids, combo_rows = np.unique(key, return_inverse=True)
    combos = []
    for combo in combo_ids:
        head, rest = divmod(int(combo), sizes[1] * sizes[2])
        mid, tail = divmod(rest, sizes[2])
        lead, pre = shape.head.fullmatch(ids[0][1][head]).group("lead", "pre")
        first_unit = shape.mid.fullmatch(ids[1][1][mid]).group("unit")
        unit_word, post = shape.tail.fullmatch(ids[2][1][tail]).group("unit", "post")
        unit_word = unit_word or first_unit  # the scalar parser reads the unit after the range first
        _, direction, per_year = _fast_words(lead or "", pre or "", post or "")
        combos.append(("range", direction, per_year, unit_word, shape.multipliers.get(unit_word, 1.0) if unit_word else 1.0))
    distinct.fill(rows, low, high, combo_rows.reshape(-1), combos)


def _parse_distinct(texts: pd.Series) -> tuple[np.ndarray, _Distinct]:
    """Codes of *texts* (-1 missing) and their parsed distinct values (last slot: missing)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(texts.dtype, pd.CategoricalDtype):
        codes, uniques = texts.cat.codes.to_numpy(), pd.Index(texts.cat.categories)
    else:
        codes, uniques = pd.factorize(texts, use_na_sentinel=True)
    n = len(uniques)
    distinct = _Distinct(n)
    if n:
        shape = _fast_shape()
        normalized = pc.utf8_normalize(_as_arrow(uniques), "NFKC")
        for pattern, read in ((shape.pattern, _fast_single), (shape.range_pattern, _fast_range)):
            matched = pc.match_substring_regex(normalized, pattern).to_numpy(zero_copy_only=False)
            matched = np.asarray(matched == True) & ~distinct.done  # noqa: E712 — nulls (non-text) are not matched
            if matched.any():
                read(distinct, normalized, matched, shape)
        slow = np.flatnonzero(~distinct.done)
        d = distinct
        for i, text in zip(slow, uniques.take(slow).tolist() if len(slow) else []):
            (d.value[i], d.value_high[i], d.qualifier[i], d.unit[i], d.multiplier[i], d.value_alt[i],
             d.per_year[i], d.direction[i], d.error[i]) = _scalar_row(text)

    return np.asarray(codes), distinct


def _distinct_frame(distinct: _Distinct) -> pd.DataFrame:
    """The parsed distinct values as a table of :data:`PARSED_COLUMNS` (text columns Arrow-backed)."""
    import pyarrow as pa

    def text_column(cells: np.ndarray) -> pd.api.extensions.ExtensionArray:
        return pd.array(pa.array(cells, type=pa.large_string(), from_pandas=True), dtype="str")

    per_text = pd.DataFrame(
        {
            "value": distinct.value,
            "value_high": distinct.value_high,
            "qualifier": text_column(distinct.qualifier),
            "unit": text_column(distinct.unit),
            "multiplier": distinct.multiplier,
            "value_alt": distinct.value_alt,
            "per_year": distinct.per_year,
            "direction": text_column(distinct.direction),
            "error": text_column(distinct.error),
        }
    )
    return per_text


def parse_value_texts(texts: pd.Series) -> pd.DataFrame:
    """Parse many value texts at once; a bad text gets an error message, never an exception.

    Each distinct text is parsed once. Texts of the common shapes — after Unicode NFKC
    normalization, ``[lead words][bound]number[ ][registry unit][bound]`` (``55%左右``, ``≥12``,
    ``1.9万个``, ``每年下降3.2%``, ``５５％``) and the range ``low[unit]-high[ ][unit][bound]``
    (``5-8个``, ``3.5%-4.2%``, ``120至150公里``) — are read in bulk with Arrow regular
    expressions; all others go through :func:`parse_value_text`. Both paths give identical rows
    (checked by the tests, row by row).

    Parameters
    ----------
    texts : pandas.Series
        Value texts. Missing and non-text cells get an error message.

    Returns
    -------
    pandas.DataFrame
        Same index as *texts*; columns :data:`PARSED_COLUMNS`. ``error`` is missing (NA) where the
        text parsed and holds the :class:`ValueParseError` message where it did not.

    Examples
    --------
    >>> parsed = parse_value_texts(pd.Series(["55%左右", "1.9万个", "", "全覆盖"]))
    >>> parsed[["value", "qualifier", "unit", "multiplier"]].values.tolist()[:2]
    [[55.0, 'about', '%', 1.0], [1.9, 'exact', '万个', 10000.0]]
    >>> parsed["error"].iloc[2]
    "value text '': empty value text"
    >>> parsed["qualifier"].iloc[3]
    'qualitative'
    """
    if not isinstance(texts, pd.Series):
        texts = pd.Series(texts)
    codes, distinct = _parse_distinct(texts)
    per_text = _distinct_frame(distinct)
    return per_text.take(np.where(codes < 0, len(per_text) - 1, codes)).set_axis(texts.index)
