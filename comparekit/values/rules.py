"""The rule tables of the value parser, as data a reader can scan and edit, and their compiled patterns.

Where several rules match, the first one in the table wins, so negated words come before the words
they contain (不低于 before 低于, 不超过 before 超过, <= before <).
"""

from __future__ import annotations

import re

__all__ = [
    "QUALIFIERS",
    "QUALIFIER_RULES",
    "RELATIVE_RULES",
    "QUALITATIVE_RULES",
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
    (r"稳定在.*以上", "at_least", "稳定在…以上 (hold steady at or above a level): a floor, at least the value, as 以上 reads "
     "everywhere (稳定在 without 以上 is maintain)"),
    (r"控制在.*(?:左右|上下(?!游))", "about", "控制在…左右 (keep at around): a point to stay near, not a ceiling"),
    (r"不低于|不少于|不小于|不下于", "at_least", "'not below / not fewer than' bounds the value from below"),
    (r"不超过|不高于|不大于|不多于", "at_most", "'not above / not more than' bounds the value from above"),
    (r"≥|>=|=>|≧|及以上|以上|至少|起码", "at_least", "≥, 以上 (incl. 力争…以上), 至少"),
    (r"≤|<=|=<|≦|以内|以下|控制在", "at_most", "≤, 以内, 以下 after a value, 控制在 (keep within)"),
    (r"突破|超过|超(?=\s*[0-9０-９])|(?:再|首|连)破(?=\s*[0-9０-９])|跨(?:过|過|越)(?=\s*[0-9０-９.．]+\s*[万萬亿億])|高于|大于|多于|>"
     r"|(?<![通经經不越跨穿错錯度])[过過](?=\s*[0-9０-９])|逾(?=\s*[0-9０-９])", "more_than",
     "突破 (break through), 超过, 超 before a number, 再破 / 首破 / 连破 (break again, for the first time), "
     "跨过 / 跨越 before an amount in 万 or 亿 (passing a mark; not 跨越3个台阶), 高于, >, 过 before a number (过2万元; not 通过, 经过), 逾 before a number (逾1万公里)"),
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

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿萬億"  # (萬, 億: the traditional forms, read as 万, 亿)
_CN_RUN_RE = re.compile(rf"(?<![0-9.])[{_CN_DIGITS}]+(?:点[零〇一二三四五六七八九]+)?")
_CN_COUNTING = re.compile(r"[一二两三四五六七八九十]")
_CN_PERCENT_RE = re.compile(rf"(百|千)分之\s*({_NUM})")
_CN_WHOLE_RE = re.compile(r"百分之?百(?![0-9分])")  # 百分之百, 百分百: 100%

_SPACES_RE = re.compile(r"\s+")
_CJK_SPACE_RE = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")
_HALF_RE = re.compile(r"(?<![0-9\u3400-\u9fff])半(?=小时|天|年|个月|月)")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_DASHES = "~～〜—–－\\-‐‑‒―−"
_DASH_RE = re.compile(rf"(?<=[0-9])([^0-9\s{_DASHES}]{{0,6}}?)\s*[{_DASHES}]+\s*(?=[0-9])")

_UNIT_RUN_RE = re.compile(r"[A-Za-z\u3400-\u9fff]+(?:/[A-Za-z\u3400-\u9fff]+)?")
_UNIT_STOP_RE = re.compile(r"及以上|左右|以上|以下|以内|上下|及|或|和|与|至|到|的|等")
