"""Which numbers are statement values: the filters the candidate scans pass each match through.

A value is a number followed by a unit, a percent sign, a ratio, a new/existing pair, a range or a
qualifier word; never a year, date, document or phone number, section number, a number glued to
Latin letters, a programme name in quotes, a ranking move, a size class or a money threshold that
defines what is counted. :mod:`comparekit.extract.values` turns the kept matches into rows.
"""

from __future__ import annotations

import re

from .labels import segment
from .structure import ITEM_UNITS, item_structure
from .rules import _SP_CHARS, NUMBER_RE, Rules, inside

__all__ = ["keep_value", "keep_chinese", "counted_unit_start", "keep_counted_unit", "keep_qualitative"]

_RATIO_CONTEXT_RE = re.compile(r"比|由|结构|配比|之比")
_SP_STR = "".join(sorted(_SP_CHARS))
_LINE_SP_STR = _SP_STR.replace("\n", "").replace("\r", "")  # the spaces that do not end a line
_FRACTION_RE = re.compile(r"^\s*([0-9０-９]{1,2})\s*[/／]\s*([0-9０-９]{1,2})\s*(以上|以下|以内|左右)?\s*$")
_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")

_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ")
_COUNTING = frozenset("个两一二三四五六七八九十")  # 两个清零, “两清零”: a slogan, not a target
_YEAR_SPACE_RE = re.compile(r"(?:19|20)[0-9]{2}[ \u00a0]+$")  # 2031 11/13: a month/day after its year, not a fraction
#: 的 and what is counted (收入超500亿元的企业) or its count (收入超1000亿元的1个、超500亿元的3个) after a threshold
_CLASS_AFTER_RE = re.compile(r"[ \u3000]?的(?:[\u4e00-\u9fff]|[ \u3000]?[0-9０-９]+[ \u3000]?[个個家座所项項])")
_SEGMENT_REACH = 4  # characters after a measure word that jieba reads to tell 个体育 from 个体户
_MINUS = frozenset("-－−")  # a minus sign right after a word: a negative value (增长-18.9%, 下降−2.5%)
#: the words a negative value follows (not a unit: 3万-5万 is a range)
_NEGATIVE_AFTER_RE = re.compile(r"(?:增长|增速|增幅|降幅|下降|为|是|达|达到|提高|变化|变动|[：:])[ \u3000]?$")
_GLUED = frozenset("0123456789０１２３４５６７８９.．/@#_-－") | _LATIN  # G36, 2023-0001, 163.com
_CN_POST_RE = re.compile(r"[ \u3000]?(?:及以上|以上|左右|以内)")
_SCOPE_AFTER_RE = re.compile(r"[^,\uff0c。;\uff1b]{0,12}?[县市区镇乡村]")
_CN_MONEY_RE = re.compile(r"[ \u3000]?元")
_CN_DIGITS = frozenset("一二两三四五六七八九十百千")
#: 过 at the end of another word (通过, 经过, 不过 …): not the qualifier "passes the mark"
_NOT_PASSING = "通经經超不越跨穿错錯度"
_CN_MONEY_LEAD_RE = re.compile(rf"(?:突破|超过|超|逾|(?<![{_NOT_PASSING}])[过過])[ \u3000]?$")
#: A noun right after an amount of money that makes it the size class of what follows (300亿元园区,
#: 百亿元企业, 10亿元级项目): a class name, not a value.
_CLASS_NOUN_RE = re.compile(r"[ \u3000]?(?:级|企业|产业(?!链)|园区|集群|大县|强县|强镇|龙头)")
_MONEY_CLASS_RE = re.compile(r"[ \u3000]?(?:企业|园区|集群|大县|强县|强镇|县市区|县区|县市)")  # after an Arabic amount
#: 位 after a move in a ranking (前移2位, 排名上升3位) counts places in the ranking, not persons.
_RANK_MOVE_RE = re.compile(r"(?:前移|后移|上升|提升|下降|前进|后退|跃升|攀升|跃居|排名|位次|排位|升|降)[了到至]?[ \u3000]?$")
#: After a count, 乡镇 and 乡村 name what is counted (3家乡镇食堂), not the word 家乡.
_TOWNSHIP_RE = re.compile(r"乡[镇村]")
_PLACE_CLASS_RE = re.compile(r"[ \u3000]?(?:具备条件的|符合条件的)?的?(?:自然村|行政村|村庄|村|社区|小区|企业|单位|聚居点)")
_OR_PLACE_CLASS_RE = re.compile(r"或[ \u3000]?[0-9０-９]+[ \u3000]?[户人]以上[ \u3000]?的?(?:自然村|行政村|村庄|村|社区|小区|企业|单位|聚居点)")
_PLACE_BEFORE_RE = re.compile(r"(?:自然村|行政村|村庄|村|社区|小区|企业|单位)$")
#: an amount or another amount, then what is counted (超30亿元或3亿美元产业项目, 10亿元或1亿美元项目): a size class
_ALTERNATIVE_CLASS_RE = re.compile(r"(?:以上)?或[ \u3000]?[0-9０-９.．]+[ \u3000]?[万亿]?(?:美元|元)(?:以上)?[\u4e00-\u9fff]{0,4}?(?:项目|企业)"
                                   r"|(?:以上)?(?:或[ \u3000]?)?[\u4e00-\u9fff]{0,4}?(?:项目|企业)(?=[0-9０-９])")
#: what an amount before it measures (完成350亿元以上基础设施建设投资): the amount is a value, not a threshold
_AMOUNT_OF_RE = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:投资|资金|收入|产值|营收|销售额|营业额)(?![\u4e00-\u9fff])")
_COUNT_NUMERALS = frozenset("二两兩三四五六七八九十")  # (一个5万平方米的公园: one park, its size stated)
#: 近 inside another word (附近, 最近, 临近, 靠近): not the qualifier "nearly".
_NOT_NEARLY = frozenset("附最临臨靠邻鄰就")
#: a qualifier word that is the end of another word: 附近, 签约, 节约, 预约 …
_NOT_QUALIFIER = {"近": _NOT_NEARLY, "约": frozenset("签簽节節预預制公条條合契邀违違履特相集婚协協盟"),
                  "过": frozenset(_NOT_PASSING), "過": frozenset(_NOT_PASSING)}


def keep_qualitative(text: str, start: int) -> bool:
    """False for a qualitative word that is part of a slogan (``两个清零``, ``“两清零”``), or ``翻一番`` before
    ``以上``/``多`` (read as a multiple of 2)."""
    if text.startswith("翻一番", start) and text[start + 3 : start + 4] in ("以", "多"):
        return False
    return text[start - 1 : start] not in _COUNTING


_LIFE_RE = re.compile(r"(?:预期|平均)寿命")  # a life expectancy, in years of age
_WHOLE_BEFORE_RE = re.compile(r"全[省州市国区县][ \u3000]?$")
#: … then, in the same clause, a rank or a list the place is on (排名第7位, 第一, 名单)
_RANKED_AFTER_RE = re.compile(r"[^，,。；;！？\n]{0,40}?(?:第[0-9一二三四五六七八九十]|名单|排名|前列|首位|中[,，])")
_POWER_UNITS = ("千瓦", "兆瓦", "吉瓦", "MW", "GW", "kW")
_MACHINE_RE = re.compile(r"[ \u3000]?(?:级)?(?:机组|風機|风机|发电机|發電機|锅炉|鍋爐)")
#: an amount of a physical measure right before a bracket (600万千瓦(6GW), 100万平方米(1平方公里)): an amount of such a
#: measure in the bracket restates it (not 5个小区(1200户): a count of something else)
_MEASURES = r"(?:千瓦|兆瓦|吉瓦|MW|GW|kW|平方米|平方公里|平方千米|亩|公顷|公里|千米|米|吨|立方米)"
_RESTATED_RE = re.compile(r"[0-9０-９][ \u00a0]?[万亿]?" + _MEASURES + "$")
_MEASURE_UNIT_RE = re.compile(r"[万亿]?" + _MEASURES)
_LIFE_REACH = 16
_TAG_REACH = 300
_TAG_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/!?")


def keep_value(text: str, m: re.Match, r: Rules) -> tuple[int, int] | None:
    """The span of an Arabic-number value to keep, or None when the match is not a statement value."""
    num_start, num_end = m.span("num")
    n = len(text)
    negative = (num_start >= 2 and text[num_start - 1] in _MINUS
                and _NEGATIVE_AFTER_RE.search(text, max(0, num_start - 4), num_start - 1) is not None)  # 增长-18.9%
    if num_start and text[num_start - 1] in _GLUED and not negative:
        return None
    if num_end < n and text[num_end] in _LATIN and not (m.group("unit") or "").startswith(("h", "GW", "MW", "kW")):
        return None  # 5G, 5A级 (35GW, 100MW: a unit of power written in Latin letters)
    unit_raw = m.group("unit")
    unit = "".join(unit_raw.split()) if unit_raw else None
    end = m.end()
    if unit in r.blocking:
        return None
    if unit in r.age_units and not _LIFE_RE.search(text, max(0, num_start - _LIFE_REACH), num_start):
        return None  # 3岁以下婴幼儿: an age that defines who is counted; 人均预期寿命达到78岁 is a value
    if unit and unit in r.continuation:
        after = text[m.end("unit")] if m.end("unit") < n else ""
        if (after and after in r.continuation[unit] and not m.group("post")
                and not _TOWNSHIP_RE.match(text, m.end("unit"))
                and segment(text[m.start("unit") : m.end("unit") + _SEGMENT_REACH])[0] != unit):
            unit = None  # 6 人均…, 4县城, 12个体工商户: the "unit" begins a word (jieba's words decide:
            # 12个体育公园, 2000张家庭床位 keep their measure word)
            end = max(m.end(g) for g in ("num", "ratio", "pair", "unit1", "num2"))
    if unit and text[end : end + 1] == "级" and not m.group("post"):
        return None  # 10亿级企业, 50亿级产业集群: a class name, not a value
    if unit and unit.endswith(_POWER_UNITS) and _MACHINE_RE.match(text, end):
        return None  # 煤电7.5MW机组, 2台35万千瓦机组: the size of the machines named, not a value
    if (unit and num_start and text[num_start - 1] in "(（" and _MEASURE_UNIT_RE.fullmatch(unit)
            and _RESTATED_RE.search(text, max(0, num_start - 12), num_start - 1)):
        close = text[end : end + 1]
        if close == ")" or close == "）":
            return None  # 600万千瓦(6GW): the value before the bracket restated in another unit
    post = m.group("post") if unit or end == m.end() else None
    before = text[max(0, num_start - 1)]
    if before == "第" or before == "〔" or before in _SP_CHARS and text[max(0, num_start - 3) : num_start].rstrip(_SP_STR)[-1:] == "第":
        return None  # 第15条, 第 15 条: an article or ordinal number
    if num_start and m.group("ratio") and text[max(0, num_start - 2) : num_start].rstrip(" \u00a0")[-1:] in (":", "：", "∶"):
        return None  # the tail of a three-part ratio (5:40:55, 11.9 : 33.3 : 54.8)
    if m.group("den") is not None and not _RATIO_CONTEXT_RE.search(text, max(0, num_start - 16), num_start):
        return None  # A:B with B other than 1 is a ratio only after 比/比例/由…: not a clock time (8:30)
    frac = m.group("frac")
    if frac is not None:  # 1/6: a fraction only when a small numerator stands over a larger denominator
        numerator, denominator = int(m.group("num").translate(_DIGITS)), int(frac[1:].translate(_DIGITS))
        if (len(m.group("num")) > 2 or not 0 < numerator < denominator or unit or m.group("num")[0] in "0０"
                or _YEAR_SPACE_RE.search(text, max(0, num_start - 6), num_start)):
            return None  # (01/24, 2031 11/13: a date)
        after = text[m.end("frac") : m.end("frac") + 1]
        if after and "\u3400" <= after <= "\u9fff" and after not in "的左以多强弱":
            return None  # 3/15消费者权益日: a date or a name, not a fraction
    if not (unit or m.group("unit1") or m.group("ratio") or post or frac):
        prefix = r.prefix_re.search(text, max(0, num_start - 12), num_start)
        if not prefix or prefix.group().startswith("至少") and len(prefix.group().strip()) > 2:
            return None  # a bare number outside a table
        if len(m.group("num")) == 4 and m.group("num")[:2] in ("19", "20"):
            return None
    if unit is None and post and len(m.group("num")) == 4 and m.group("num")[:2] in ("19", "20"):
        return None
    lo = num_start - 12 if num_start > 12 else 0
    if r.phone_re.search(text, max(0, num_start - 10), num_start):
        return None
    tag = text.rfind("<", max(0, num_start - _TAG_REACH), num_start)
    if (tag >= 0 and text[tag + 1 : tag + 2] in _TAG_START and text.find(">", tag, num_start) < 0
            and text.find(">", end, end + _TAG_REACH) >= 0):
        return None  # inside an HTML tag of a raw page copy (<card title="…1.1万多个…">)
    opened = text.rfind("《", max(0, num_start - 60), num_start)
    if opened >= 0 and opened > text.rfind("》", max(0, num_start - 60), num_start):
        return None  # inside a cited title
    opened = text.rfind("“", lo, num_start)
    if opened >= 0 and opened > text.rfind("”", lo, num_start):
        close = text.find("”", end, end + 12)
        if 0 <= close <= opened + 10 and len(NUMBER_RE.findall(text, opened, close)) >= 2:
            return None  # “5 个 2”, “1+N”: a short programme name made of numbers (not “新建11个急救(120)分站”)
        if close == end and opened >= num_start - 2 and unit == "条":
            return None  # 助企纾困“20条”, “双15条”: a count of articles filling a quote names a policy
    if unit in ("户", "人") and (post and "以上" in post and (
            _PLACE_CLASS_RE.match(text, end) or text[end : end + 1] in ")）" and num_start
            and text[num_start - 1] in "(（" and _PLACE_BEFORE_RE.search(text, max(0, num_start - 6), num_start - 1))
            or not post and _OR_PLACE_CLASS_RE.match(text, end)):
        return None  # 具备条件的20户以上自然村, 较大人口自然村(30户以上), 200户或500人以上聚居点: the size class of the places
    if before == "在" and unit == "个" and _SCOPE_AFTER_RE.match(text[end : end + 14]):
        return None  # 在6个…县启动…: a scope, not a target
    if unit == "位" and (_RANK_MOVE_RE.search(text, max(0, num_start - 8), num_start) or before in ("居", "前")
                        or "排名" in text[max(0, num_start - 10) : num_start]):
        return None  # 较上年前移2位, 居53位, 进入全国前3位: a move in a ranking or a rank, not a count
    if unit == "次" and text[max(0, num_start - 2) : num_start] in ("出现", "提及", "提到"):
        return None  # “发展”出现67次: how often a word occurs in a report, not a count of events
    if (unit in ("个", "個") and _WHOLE_BEFORE_RE.search(text, max(0, num_start - 3), num_start)
            and _RANKED_AFTER_RE.match(text, end)):
        return None  # 在全省146个县(市、区)…中排名第7位, 居全州11个省级园区第一: the pool of a ranking or a list
    if unit in r.money_units and _MONEY_CLASS_RE.match(text, end):
        return None  # 首个300亿元园区, 50亿元企业: the size class of what follows, not a value
    if post and unit in r.money_units and ("以" in post or "及" in post):  # (左右, 上下: no threshold)
        after = text[end : end + 3].lstrip(_LINE_SP_STR)
        measured = _AMOUNT_OF_RE.match(text, end)
        if after and "\u3400" <= after[0] <= "\u9fff" and (
                measured is None or NUMBER_RE.match(text, measured.end()) is not None):
            return None  # 投资500万元以上技改项目, 500万元以上固定资产投资113.5亿元: a threshold that defines what is counted
    if unit in r.money_units and _ALTERNATIVE_CLASS_RE.match(text, end):
        return None  # 总投资超30亿元或3亿美元产业项目: the size class of the projects counted (either currency)
    if (before in "个個" and num_start >= 2 and text[num_start - 2] in _COUNT_NUMERALS
            and unit not in ("%", "％", "‰") and not m.group("unit1")):
        return None  # 三个1亿人: a count of numbers names a programme (两个100%: two targets of 100%, kept)
    if before in "这這此该該":
        return None  # 这100个重点项目中: a reference back to a number already stated
    if unit in ITEM_UNITS and item_structure(text, num_start, end, unit):
        return None
    if unit == "人" and text[end : end + 1] == "制":
        return None  # 3人制篮球场: a class name (three-a-side), not a count of persons
    if _counted_context(text, num_start, end, unit):
        return None
    if negative:
        return num_start - 1, end  # a negative value (增长-18.9%): the sign is part of it
    if num_start > 1 and text[num_start - 1] == "," and len(m.group("num")) == 3 and m.group("num").isdigit():
        grouped = _THOUSANDS_RE.search(text, max(0, num_start - _THOUSANDS_REACH), num_start)
        if grouped is not None:  # 2,000家: the groups of one number before a thousands separator
            num_start = grouped.start()
            lo = num_start - 12 if num_start > 12 else 0
    prefix = r.prefix_re.search(text, lo, num_start)
    if prefix and prefix.group().rstrip(_SP_STR) in ("超", "超过", "过") and _CLASS_AFTER_RE.match(text, end):
        return None  # 收入超500亿元的企业, GDP过600亿元的县: a threshold that defines a class (not 首个突破13万亿元的省份)
    if prefix and text[prefix.start() - 1 : prefix.start()] in _NOT_QUALIFIER.get(prefix.group()[0], ""):
        prefix = None  # 附近3公里, 签约6家: 近 or 约 is part of another word
    elif prefix and prefix.group()[0] == ">" and _closes_tag(text, prefix.start()):
        prefix = None  # <strong style="color: blue;">52亿元: the > closes an HTML tag
    start = prefix.start() if prefix else num_start
    return start, end


#: page furniture: a page's click, view or reading count, or its reading time (点击:20次, 阅读时长44分钟)
_PAGE_COUNT_RE = re.compile(r"(?:点击|點擊|阅读|閱讀|浏览|瀏覽)(?:量|数|數|次数|次數|时长|時長)?[ \u3000]*[:：]?[ \u3000]*$")
_VIEWS_AFTER_RE = re.compile(r"[ \u3000]?(?:浏览|瀏覽|阅读|閱讀|点击|點擊)")
_COMMENTS_RE = re.compile(r"[ \u3000]?(?:评论|評論|参与[,，]?[^\n]{0,12}评论|參與[,，]?[^\n]{0,12}評論)")
_MEETING_RE = re.compile(r"(?:应到|應到|实到|實到|出席|列席)[\u4e00-\u9fff]{0,4}$")  # 应到代表148名: attendance
_RANK_WORD_RE = re.compile(r"排名|排位|位列|排在|排序")
_RANK_PLACE_RE = re.compile(r"第[ \u3000]?[0-9一二三四五六七八九十]+[ \u3000]?[位名]")
_POOL_END_RE = re.compile(r"前列|之一")
_CUT_CHARS = ",，;；。\n"
_POOL_REACH = 30


#: the groups before the last of a number written with thousands separators (2,000家, 1,234,567人)
_THOUSANDS_RE = re.compile(r"(?<![0-9.,])[1-9][0-9]{0,2}(?:,[0-9]{3})*,$")
_THOUSANDS_REACH = 16


def _counted_context(text: str, num_start: int, end: int, unit: str | None) -> bool:
    """True for a number that counts something other than a quantity the text states: a page's click
    or reading count and its length (``点击:20次``, ``共计13074个字``, ``阅读时长44分钟``), the attendance of a
    meeting (``应到代表148名``), or the size of the pool a ranking or a class is
    taken from (``排名146个监测县第1位``, ``稳居全省100个县区前列``, ``29个…基地之一``)."""
    head = text[num_start - 8 if num_start > 8 else 0 : num_start]
    if _PAGE_COUNT_RE.search(head) or unit in ("个", "個") and text.startswith("字", end):
        return True
    if unit == "次" and _VIEWS_AFTER_RE.match(text, end):
        return True  # | 1751 次浏览 |: a page's view count
    if unit in ("人", "条", "條") and _COMMENTS_RE.match(text, end):
        return True  # 已有0人参与，点击查看更多精彩评论; 0 条评论: a page's comment box
    if _MEETING_RE.search(head):
        return True
    if unit not in ("个", "個"):
        return False
    after = text[end : end + _POOL_REACH]
    if "前列" not in after and "之一" not in after and "第" not in after:
        return False  # (most counts: neither a pool's end nor a place in a ranking follows)
    clause_end = _clause_end(text, end)
    if _POOL_END_RE.search(text, end, clause_end):
        return True
    clause_start = max(text.rfind(c, max(0, num_start - _POOL_REACH), num_start) for c in _CUT_CHARS) + 1
    return (_RANK_WORD_RE.search(text, clause_start, num_start) is not None
            and _RANK_PLACE_RE.search(text, end, clause_end) is not None)


def _closes_tag(text: str, at: int) -> bool:
    """True if the ``>`` at *at* closes an HTML tag opened before it (``<strong style="…">``)."""
    tag = text.rfind("<", max(0, at - _TAG_REACH), at)
    return tag >= 0 and text[tag + 1 : tag + 2] in _TAG_START and text.find(">", tag, at) < 0


def _clause_end(text: str, end: int) -> int:
    """Where the clause that goes on at *end* ends (within :data:`_POOL_REACH` characters)."""
    return min((i for i in (text.find(c, end, end + _POOL_REACH) for c in _CUT_CHARS) if i >= 0),
               default=min(len(text), end + _POOL_REACH))


def counted_unit_start(text: str, kind: str, m: re.Match) -> int | None:
    """Where a star rating, half an hour or an industry scale found by its unit word (a ``star``,
    ``half`` or ``scale`` scan) starts: at the numeral before the unit, or None without one."""
    at = m.start()
    if kind == "half":
        return at
    if kind == "star" or kind == "grade":
        return at - 1 if at and text[at - 1] in "一二三四五六七八九" else None
    if at and text[at - 1] in "十百千":  # 千亿, 千 亿
        return at - 1
    if at and text[at - 1] in "二两三四五六七八九" and text[at + 1 : at + 2] == "元":
        return at - 1  # 突破七万元: an amount of money in characters
    if at and text[at - 1] == "万" and text[at + 1 : at + 2] == "元" and not (at >= 2 and text[at - 2] in _BEFORE_NUMBER):
        return at - 1  # 突破万亿元: one 万亿 (not 13.57万亿元, 三万亿元, read with their numeral)
    return at - 2 if at >= 2 and text[at - 1] in _SP_CHARS and text[at - 2] in "十百千" else None


def keep_counted_unit(text: str, kind: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a star rating (``二星级及以上``, ``四星级智慧城市``), half an hour (``半小时交通圈``),
    an industry scale (``千亿产业``; not ``超千亿``) or an amount of money written in characters
    (``突破百亿元``, with the qualifier word before it; not a class name such as ``百亿元企业``)
    that starts at *start* and ends at *end*."""
    if kind == "scale":
        money = _CN_MONEY_RE.match(text, end)
        if money is None:
            return (start, end) if text[start - 1 : start] != "超" else None
        if _CLASS_NOUN_RE.match(text, money.end()):
            return None
        post = _CN_POST_RE.match(text, money.end())
        after = text[post.end() if post else money.end() :][:1]
        if post and after and "\u3400" <= after <= "\u9fff":
            return None  # 千万元以上项目: a threshold that defines what is counted
        while start and text[start - 1] in _CN_DIGITS:
            start -= 1  # 三百亿元
        lead = _CN_MONEY_LEAD_RE.search(text, max(0, start - 4), start)
        if lead is None and text[start] == "万":
            return None  # 打造万亿元产业, 第二个万亿元城市: one 万亿 is a value only as a mark passed (突破万亿元)
        if lead and lead.group().rstrip(_SP_STR) in ("超", "超过", "过") and _CLASS_AFTER_RE.match(text, money.end()):
            return None  # 产值超百亿元的企业: a threshold that defines a class, as 收入超500亿元的企业 is
        return (lead.start() if lead else start), money.end()
    post = _CN_POST_RE.match(text, end)
    return start, (post.end() if post else end)


_CN_SMALL = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)} | {"两": 2, "十": 10}
_CLAUSE_END = "，,。；;：:！？\n|"
_NUMERAL_BEFORE = frozenset("第一二三四五六七八九十百千万两几每零〇")
_BEFORE_NUMBER = _NUMERAL_BEFORE | _SP_CHARS | frozenset("0123456789０１２３４５６７８９.．")  # (…before 万亿元)
#: After an enumeration count, a word for aspects or parts of an argument (两个方面): not a quantity.
_ABSTRACT_AFTER_RE = re.compile(r"方面|领域|环节|阶段|层面|维度|层次|原则|理念|机制|体系|作用|问题|关系|重点|任务|目标|控制线|红线|底线")


def _small_numeral(word: str) -> int:
    """十一 → 11, 三 → 3 (the numerals of an enumeration count or a fraction)."""
    if len(word) == 2:
        return 10 + _CN_SMALL[word[1]]
    return _CN_SMALL[word]


def _listed_count(text: str, m: re.Match) -> bool:
    """For a numeral found without a verb of making: True if it is a fraction (``三分之一``) or the
    count of the enumeration right before it in its clause (``甲、乙、丙三所``: as many items as the
    numeral says; ``甲等两项``: at least the items named)."""
    start = m.start("cnum")
    if text[start - 1 : start] in _NUMERAL_BEFORE:
        return False
    word = m.group("cnum")
    if "分" in word or word[-1:] in "成半番":  # 三分之一, 百分百, 六成, 一半: a share, not a count; 翻两番: a multiple
        return True
    if _ABSTRACT_AFTER_RE.match(text, m.end()):
        return False
    clause = max(text.rfind(c, max(0, start - 80), start) for c in _CLAUSE_END) + 1
    segment = text[clause:start].strip()
    etc = segment.endswith("等")
    items = len([x for x in segment.removesuffix("等").split("、") if x.strip()])
    n = _small_numeral(word)
    return n >= 2 and (n >= items if etc else items >= 2 and n == items)


def keep_chinese(text: str, m: re.Match, r: Rules) -> tuple[int, int] | None:
    """The span of a Chinese numeral after a verb of making to keep (``打造两个``, ``至少建设一所``)."""
    post = _CN_POST_RE.match(text, m.end())
    end = post.end() if post else m.end()
    if m.group("cnum").endswith("番") and text[end : end + 1] == "多":
        end += 1  # 翻了两番多: more than four times
    start = m.start("cnum")
    unit = "".join(m.group("cunit").split())
    if (m.end() < len(text) and text[m.end()] in r.continuation.get(unit, ())
            and not _TOWNSHIP_RE.match(text, m.end())):
        return None
    if m.group("verb") == "" and not _listed_count(text, m):
        return None
    lead = "".join((text[max(0, m.start() - 6) : m.start()] + m.group("verb")).split())
    if m.group("cnum") == "一" and "至少" not in lead:
        return None  # 建设一个…体系: 一 counts only after 至少
    if inside(text, start, "“", "”", 20):
        return None
    prefix = r.prefix_re.search(text, max(0, start - 12), start)
    if prefix and text[prefix.start() - 1 : prefix.start()] in _NOT_QUALIFIER.get(prefix.group()[0], ""):
        prefix = None
    # 至少建设一所; 超六成, 近七成: the qualifier word before a count or a share in tenths is kept
    keep = prefix and (prefix.group().startswith("至少") or m.group("cnum").endswith("成"))
    return (prefix.start() if keep else start), end
