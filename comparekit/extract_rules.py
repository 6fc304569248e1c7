"""The rules the statement extractor reads text with, compiled once from the registries.

Everything a reader may want to check or extend is data: trigger words, qualifier words, blocking
units, word continuations, qualitative words and table cues live in
``data/registry/extract_patterns.csv`` (one row per word, with its meaning); units come from
``data/registry/units.csv``, indicator aliases from ``data/registry/indicators.csv`` and scope
words from ``data/registry/scopes.csv``. This module turns them into compiled regular
expressions (:func:`rules`) and reads indicator tables (:func:`find_tables`).

Two table shapes are read:

* **line tables** — a header line naming year columns (``2022年(现状值) 2025年(目标值)``) followed
  by one row per line; the last *n* cells of a row are the *n* year columns;
* **flattened tables** — a table whose cells were run together into running text when a PDF was
  converted (the header ``序号 指标名称 单位 2025 年`` sits inside a long line). Columns may be
  scrambled; a cell is read as a value only next to a unit cell, a comparison sign or another value,
  and the label is a best guess (low confidence, flagged in ``note``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from .paths import REGISTRY_DIR

__all__ = ["Rules", "TableCell", "rules", "trie_pattern", "find_tables", "read_table", "keep_value", "keep_chinese",
           "counted_unit_start", "keep_counted_unit", "keep_qualitative", "year_mark", "inside", "guess_horizon",
           "NUMBER_RE", "PATTERNS_FILE", "NUM", "CJK"]

PATTERNS_FILE = REGISTRY_DIR / "extract_patterns.csv"

#: A number: ASCII or full-width digits with an optional decimal part.
NUM = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
#: One CJK ideograph.
CJK = r"[\u3400-\u9fff]"
_SP = r"[ \t\u00a0\u2002-\u200a\u3000\r\n]"  # odd spaces and line breaks that may sit inside a value
_NUM_CHAR = r"[0-9０-９.．]"  # a character that may precede a digit inside one number
_SP_CHARS = frozenset(" \t\u00a0\u3000\r\n" + "".join(map(chr, range(0x2002, 0x200B))))  # the characters of _SP


def trie_pattern(words) -> str:
    """Return a regular expression matching any of *words*, longest first, built as a trie.

    A trie-shaped pattern is matched by following one branch per character, so a few hundred
    aliases cost little more than one. Whitespace inside a word is ignored; ``\\s?`` may stand
    between the characters of a multi-character word when *loose* matching is wanted (see
    :func:`_loose`).

    Examples
    --------
    >>> trie_pattern(["城镇化率", "城镇", "常住人口"])
    '(?:城镇(?:化率)?|常住人口)'
    """
    trie: dict = {}
    for word in {w for w in words if w}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return "(?:" + "|".join(re.escape(c) + build(child) for c, child in sorted(trie.items()) if c) + ")"


#: An indicator-table header: ``序号 指标名称 单位 2022年(现状值) 2025年(目标值)``.
_HS = r"[ \t\u00a0\u3000]"  # spaces inside one header line
_YEAR_COL = (
    rf"(?:19|20|１９|２０)[0-9０-９]{{2}}{_SP}*年(?:{_HS}*[(\uff08][^)\uff09]{{0,8}}[)\uff09])?"
)
_HEADER = (
    rf"指{_SP}?标(?:{_SP}?名{_SP}?称)?{_SP}*(?:单{_SP}?位{_SP}*)?"
    rf"(?P<cols>{_YEAR_COL}(?:{_HS}*{_YEAR_COL})*)"
)


def _loose(word: str) -> str:
    """``平方米`` → ``平\\s?方\\s?米``: a unit may be broken by a line-break space in a web copy."""
    return f"{_SP}?".join(re.escape(c) for c in word)


class TableCell(NamedTuple):
    """One value cell of an indicator table (a named tuple: cheap to make, immutable)."""

    value_start: int
    value_end: int
    quote_start: int
    quote_end: int
    year: int | None
    kind: str
    unit: str | None
    label: str
    label_start: int
    label_end: int
    flattened: bool
    alt: bool = False  # the second number of a new/existing pair cell ``≥30 (20)``


@dataclass
class Rules:
    """Compiled extraction rules (see the module docstring for where each comes from).

    ``scans`` are the patterns run over a whole document, as ``(kind, pattern)``: ``th`` an
    indicator-table header, ``v`` an Arabic number with its unit and qualifier words, ``cv`` a Chinese
    numeral after a verb of making (``打造两个``), ``star``, ``half`` and ``scale`` the unit word of a star
    rating (``二星级``), half an hour (``半小时``) and an industry scale (``千亿产业``; the numeral before it
    is checked by :func:`counted_unit_start`), ``q`` a qualitative target word and ``rel`` a target
    relative to an average. Each starts with a literal or a character class, so
    the regular-expression engine skips quickly to the places where it can match (one combined
    alternation would be several times slower, and matches of different kinds may overlap). Every
    other pattern runs on short windows.
    """

    scans: tuple
    year_re: re.Pattern
    bound_re: re.Pattern
    blank_re: re.Pattern
    sentence_re: re.Pattern
    paragraph_re: re.Pattern
    to_year_re: re.Pattern
    to_year_scans: tuple
    prefix_re: re.Pattern
    alias_re: re.Pattern
    scope_re: re.Pattern
    cue_re: re.Pattern
    cue_kinds: dict
    label_verb_re: re.Pattern
    label_junk_re: re.Pattern
    each_re: re.Pattern
    pair_scope_re: re.Pattern
    phone_re: re.Pattern
    scope_words: frozenset
    generic_scopes: frozenset
    blocking: frozenset
    continuation: dict
    count_verbs: tuple
    money_units: frozenset
    registry_units: frozenset
    time_units: frozenset
    base_before: frozenset
    base_after: tuple
    definition_after: tuple
    alias_to_id: dict
    name_bigrams: dict
    bigram_index: dict
    indicator_rank: dict  # indicator id -> its row in the registry (breaks ties, so results never depend on hashing)


def _words(frame: pd.DataFrame, category: str) -> list[str]:
    return frame.loc[frame["category"] == category, "pattern"].tolist()


_CATEGORIES = [
    "blocking_unit", "extra_unit", "word_continuation", "prefix_qualifier", "suffix_qualifier",
    "qualitative", "relative", "base_year_before", "base_year_after", "definition_after",
    "baseline_cue", "standard_cue", "per_year_cue", "count_verb", "label_verb", "generic_scope",
]


def _read_patterns() -> pd.DataFrame:
    import pandera.pandas as pa

    from .tables import check_table, read_csv_text

    schema = pa.DataFrameSchema(
        {
            "category": pa.Column(str, pa.Check.isin(_CATEGORIES), coerce=True),
            "pattern": pa.Column(str, coerce=True),
            "meaning": pa.Column(str, nullable=True, coerce=True),
        },
        strict=False,
    )
    frame = check_table(read_csv_text(PATTERNS_FILE), schema, what="extraction pattern registry")
    return frame.drop(columns=["_file", "_row"])


def _bigrams(text: str) -> frozenset:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def rules() -> Rules:
    """Compile the extraction rules from the registries (once per process).

    Examples
    --------
    >>> value = dict(rules().scans)["v"]
    >>> [m.group() for m in value.finditer("到2025年,常住人口城镇化率达到53%左右")]
    ['53%左右']
    """
    from .registry import load_indicators, load_scopes, load_units

    patterns = _read_patterns()
    units = load_units()
    registry_units = frozenset(units["unit"])
    blocking = _words(patterns, "blocking_unit")
    extra = _words(patterns, "extra_unit")
    unit_words = sorted((set(registry_units) | set(extra) | set(blocking)) - {"ratio"}, key=len, reverse=True)
    unit_alt = "|".join(_loose(u) for u in unit_words)
    suffix = "|".join(_loose(w) for w in sorted(_words(patterns, "suffix_qualifier"), key=len, reverse=True))
    # A number must be followed by something that can make it a value (a unit, %, a ratio, a pair,
    # a range, a qualifier word) and not by a blocking unit: years and bare numbers fail in the
    # engine, not in Python. The character before the number is checked by the caller.
    starts = {u[0] for u in unit_words} | {w[0] for w in _words(patterns, "suffix_qualifier")}
    starts |= set(":\uff1a(\uff08%\uff05\u2030-\u2014\u2013~\uff5e\u81f3\u5230")
    tail = "".join(sorted(re.escape(c) for c in starts))
    # The number's first digit is checked not to follow a digit or a decimal point, inside the
    # engine (a lookbehind after the first character keeps the engine's fast skip to digits): such
    # a number is the tail of a longer one and never a value.
    value = (
        rf"(?P<num>[0-9０-９](?<!{_NUM_CHAR}.)[0-9０-９]*(?:[.．][0-9０-９]+)?)"
        rf"(?={_SP}{{0,3}}[{tail}])(?!{_SP}{{0,2}}(?:{_alternation(blocking)}))"
        rf"(?:(?P<ratio>{_SP}?[:\uff1a]{_SP}?[1１](?![0-9０-９.．]))"
        rf"|(?P<pair>{_SP}{{0,3}}[(\uff08]{_SP}{{0,3}}{NUM}{_SP}{{0,3}}[)\uff09]))?"
        rf"(?:{_SP}{{0,3}}(?P<unit1>[%％‰]))?"
        rf"(?:{_SP}{{0,3}}[-—–~～至到]{_SP}{{0,3}}(?P<num2>{NUM}))?"
        rf"(?:{_SP}{{0,3}}(?P<unit>[%％‰]|{unit_alt}))?"
        rf"(?P<post>{_SP}{{0,3}}(?:{suffix}))?"
    )
    measure = "个|条|所|家|处|座|项|名|张|辆|套|户"
    verbs = "|".join(_loose(v) for v in sorted(_words(patterns, "count_verb"), key=len, reverse=True))
    chinese = rf"(?P<verb>{verbs}){_SP}?(?P<cnum>[一二两三四五六七八九十]{{1,3}}){_SP}?(?P<cunit>{measure})"
    # A star rating (二星级), half an hour (半小时) and an industry scale (千亿产业) are found by their
    # unit word, a literal the engine finds fast; counted_unit_start() checks the numeral before it.
    counted_units = (
        ("star", rf"星{_SP}?级"),
        ("half", rf"半{_SP}?小{_SP}?时"),
        ("scale", rf"亿(?={_SP}?级?{_SP}?产{_SP}?业(?!{_SP}?链))"),
    )
    relative = "|".join(_words(patterns, "relative"))
    qualitative = trie_pattern(_words(patterns, "qualitative"))
    scans = (
        ("th", re.compile(_HEADER)),
        ("v", re.compile(value)),
        ("cv", re.compile(chinese)),
        *((kind, re.compile(p)) for kind, p in counted_units),
        ("q", re.compile(qualitative)),
        ("rel", re.compile(relative)),
    )
    indicators = load_indicators()
    alias_to_id: dict[str, str] = {}
    for rec in indicators.itertuples(index=False):
        names = [rec.name_zh] + (rec.aliases.split("|") if isinstance(rec.aliases, str) else [])
        for name in names:
            key = re.sub(r"\s+", "", name)
            if len(key) >= 2 and re.search(CJK, key):
                alias_to_id.setdefault(key, rec.indicator_id)
    name_bigrams = {rec.indicator_id: _bigrams(rec.name_zh) for rec in indicators.itertuples(index=False)}
    bigram_index: dict[str, set] = {}
    for indicator_id, grams in name_bigrams.items():
        for gram in grams:
            bigram_index.setdefault(gram, set()).add(indicator_id)
    scopes = [s for s in load_scopes()["scope_text"].dropna().tolist() if len(s) >= 2]
    continuation = {
        rec.pattern: frozenset(rec.meaning or "")
        for rec in patterns[patterns["category"] == "word_continuation"].itertuples(index=False)
    }
    cue_categories = ("baseline_cue", "standard_cue", "per_year_cue")
    cues = {c: _alternation(_words(patterns, c)) for c in cue_categories}
    cue_kinds: dict[str, str] = {}  # cue word -> baseline / standard / per_year (the first category wins)
    for category in cue_categories:
        for word in _words(patterns, category):
            cue_kinds.setdefault(word, category.removesuffix("_cue"))
    blank = r"\n[ \t\u00a0\u3000\r]*\n"
    return Rules(
        scans=scans,
        # a year not preceded by a digit or a decimal point (checked after the first digit, so that
        # the engine can skip fast to the four possible first characters)
        year_re=re.compile(
            rf"(?P<y>1(?<!{_NUM_CHAR}.)9[0-9]{{2}}|2(?<!{_NUM_CHAR}.)0[0-9]{{2}}"
            rf"|１(?<!{_NUM_CHAR}.)９[０-９]{{2}}|２(?<!{_NUM_CHAR}.)０[０-９]{{2}})"
            rf"{_SP}{{0,2}}年(?P<post>{_SP}{{0,2}}[^\s,\uff0c。;\uff1b、]{{0,6}})"
        ),
        bound_re=re.compile(rf"(?P<s>[。\uff01\uff1f!?]|{blank})|(?P<c>[,\uff0c;\uff1b:\uff1a])|(?P<l>[、])"),
        blank_re=re.compile(blank),
        sentence_re=re.compile(rf"[。\uff01\uff1f!?]|{blank}"),
        # a blank line, a section number (三、 (三)) or a list number (2.), written with the class of
        # their first characters first (a fast scan) and a lookbehind per branch
        paragraph_re=re.compile(
            r"[\n一二三四五六七八九十(\uff080-9]"
            r"(?:(?<=\n)[ \t\u00a0\u3000\r]*\n"
            r"|(?<=[一二三四五六七八九十])[一二三四五六七八九十]{0,2}、"
            r"|(?<=[(\uff08])[一二三四五六七八九十]{1,3}[)\uff09]"
            rf"|(?<=[0-9])(?<!{_NUM_CHAR}.)[0-9]?[.．](?=[\u4e00-\u9fff]))"
        ),
        to_year_re=re.compile(rf"(?:到|至){_SP}{{0,2}}((?:19|20)[0-9]{{2}}){_SP}{{0,2}}年"),
        # the same as two patterns that start with a literal (a fast scan over a whole text)
        to_year_scans=tuple(re.compile(rf"{word}{_SP}{{0,2}}((?:19|20)[0-9]{{2}}){_SP}{{0,2}}年") for word in "到至"),
        prefix_re=re.compile(
            "(?:至少[\u4e00-\u9fff]{0,2}|" + _alternation(_words(patterns, "prefix_qualifier")) + rf"){_SP}{{0,3}}$"
        ),
        alias_re=re.compile(trie_pattern(alias_to_id)),
        scope_re=re.compile(trie_pattern(scopes)),
        # baseline, then standard, then per-year words (as three named groups would, but a flat
        # alternation of words lets the engine skip fast to their first characters)
        cue_re=re.compile(f"{cues['baseline_cue']}|{cues['standard_cue']}|{cues['per_year_cue']}"),
        cue_kinds=cue_kinds,
        label_verb_re=re.compile("(?:" + _alternation(_words(patterns, "label_verb")) + ")+$"),
        label_junk_re=re.compile(
            r"^(?:到|至|力争|争取|确保|计划|在|于|截至)*(?:(?:19|20)[0-9]{2}年(?:年?底|末)?(?:前|之前)?)?"
            r"(?:到|至|力争|争取|确保|计划)*"
        ),
        each_re=re.compile(rf"均(?<![人年平亩户].)(?={_SP}?[\u4e00-\u9fff])"),  # 均 first: a fast literal search
        pair_scope_re=re.compile(
            rf"新建{_SP}?[(\uff08]{_SP}?已建{_SP}?[)\uff09]{_SP}?(?P<what>[^\s,\uff0c。;\uff1b]{{0,6}}?(?:小区|居住区|社区))?"
        ),
        phone_re=re.compile(r"电话|热线|手机|传真|邮编|邮箱|QQ"),
        scope_words=frozenset(scopes),
        generic_scopes=frozenset(_words(patterns, "generic_scope")),
        blocking=frozenset(blocking),
        continuation=continuation,
        count_verbs=tuple(sorted(_words(patterns, "count_verb"), key=len, reverse=True)),
        money_units=frozenset(units.loc[units["dimension"] == "money", "unit"]) | {"万", "亿"},
        registry_units=registry_units,
        time_units=frozenset(units.loc[units["dimension"] == "time", "unit"]),
        base_before=frozenset(_words(patterns, "base_year_before")),
        base_after=tuple(_words(patterns, "base_year_after")),
        definition_after=tuple(_words(patterns, "definition_after")),
        alias_to_id=alias_to_id,
        name_bigrams=name_bigrams,
        bigram_index=bigram_index,
        indicator_rank={indicator_id: i for i, indicator_id in enumerate(name_bigrams)},
    )


# --------------------------------------------------------------------------------------------
# What counts as a value, and which years count
# --------------------------------------------------------------------------------------------

_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ")
_DASHES = frozenset("-—–~～－")
_COUNTING = frozenset("个两一二三四五六七八九十")  # 两个清零, “两清零”: a slogan, not a target
_GLUED = frozenset("0123456789０１２３４５６７８９.．/@#_-－") | _LATIN  # G36, 2023-0001, 163.com
NUMBER_RE = re.compile(r"[0-9０-９]+")
_CN_POST_RE = re.compile(r"[ \u3000]?(?:及以上|以上|左右|以内)")
_SCOPE_AFTER_RE = re.compile(r"[^,\uff0c。;\uff1b]{0,12}?[县市区镇乡村]")


def keep_qualitative(text: str, start: int) -> bool:
    """False for a qualitative word that is part of a slogan (``两个清零``, ``“两清零”``)."""
    return text[start - 1 : start] not in _COUNTING


def year_mark(text: str, m: re.Match, r: Rules) -> tuple[int, int, int] | None:
    """``(start, end, year)`` of a year that a following value refers to, or None."""
    start = m.start()
    before = text[start - 3 if start > 3 else 0 : start].rstrip(" \u00a0\u3000")
    last = before[-1:]
    if last and (last in r.base_before or last in _DASHES or last == "〔"):
        return None
    if (last == "至" or last == "到") and before[-2:-1].isdigit():
        return None  # the end of a period (2021至2035年)
    post = m.group("post")
    if not post.isalnum():
        post = "".join(post.split())
    bare = post.lstrip("年底末").removeprefix("之前").removeprefix("以前").removeprefix("前")
    if post.startswith(r.base_after) or bare.startswith(r.definition_after) or post.startswith(r.definition_after):
        return None
    if post[:1].isdigit() or post[:1] in _DASHES:
        return None  # a date (2023年11月) or a period (2021年-2035年)
    opened = text.rfind("《", start - 80 if start > 80 else 0, start)
    if opened >= 0 and opened > text.rfind("》", opened, start):
        return None  # a cited title
    return start, m.end(), int(m.group("y").translate(_FULLWIDTH))


_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def inside(text: str, pos: int, open_: str, close: str, reach: int) -> bool:
    """True if *pos* lies after an unclosed *open_* within *reach* characters (inside 《…》, “…”)."""
    lo = max(0, pos - reach)
    return text.rfind(open_, lo, pos) > text.rfind(close, lo, pos)


def keep_value(text: str, m: re.Match, r: Rules) -> tuple[int, int] | None:
    """The span of an Arabic-number value to keep, or None when the match is not a statement value."""
    num_start, num_end = m.span("num")
    n = len(text)
    if num_start and text[num_start - 1] in _GLUED:
        return None
    if num_end < n and text[num_end] in _LATIN and not (m.group("unit") or "").startswith("h"):
        return None  # 5G, 7.5MW, 5A级
    unit_raw = m.group("unit")
    unit = "".join(unit_raw.split()) if unit_raw else None
    end = m.end()
    if unit in r.blocking:
        return None
    if unit and unit in r.continuation:
        after = text[m.end("unit")] if m.end("unit") < n else ""
        if after and after in r.continuation[unit] and not m.group("post"):
            unit = None  # 6 人均…, 4县城: the "unit" begins a word
            end = max(m.end(g) for g in ("num", "ratio", "pair", "unit1", "num2"))
    post = m.group("post") if unit or end == m.end() else None
    before = text[max(0, num_start - 1)]
    if before == "第" or before == "〔":
        return None
    if not (unit or m.group("unit1") or m.group("ratio") or post):
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
    opened = text.rfind("《", max(0, num_start - 60), num_start)
    if opened >= 0 and opened > text.rfind("》", max(0, num_start - 60), num_start):
        return None  # inside a cited title
    opened = text.rfind("“", lo, num_start)
    if opened >= 0 and opened > text.rfind("”", lo, num_start):
        close = text.find("”", end, end + 12)
        if close >= 0 and len(NUMBER_RE.findall(text, opened, close)) >= 2:
            return None  # “5 个 2”, “1+N”: a programme name made of numbers
    if before == "在" and unit == "个" and _SCOPE_AFTER_RE.match(text[end : end + 14]):
        return None  # 在6个…县启动…: a scope, not a target
    if post and unit in r.money_units:
        after = text[end : end + 3].lstrip()
        if after and "\u3400" <= after[0] <= "\u9fff":
            return None  # 投资500万元以上技改项目: a threshold that defines what is counted
    prefix = r.prefix_re.search(text, lo, num_start)
    start = prefix.start() if prefix else num_start
    return start, end


def counted_unit_start(text: str, kind: str, m: re.Match) -> int | None:
    """Where a star rating, half an hour or an industry scale found by its unit word (a ``star``,
    ``half`` or ``scale`` scan) starts: at the numeral before the unit, or None without one."""
    at = m.start()
    if kind == "half":
        return at
    if kind == "star":
        return at - 1 if at and text[at - 1] in "一二三四五六七八九" else None
    if at and text[at - 1] in "十百千":  # 千亿, 千 亿
        return at - 1
    return at - 2 if at >= 2 and text[at - 1] in _SP_CHARS and text[at - 2] in "十百千" else None


def keep_counted_unit(text: str, kind: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a star rating (``二星级及以上``, ``四星级智慧城市``), half an hour (``半小时交通圈``)
    or an industry scale (``千亿产业``; not ``超千亿``) that starts at *start* and ends at *end*."""
    if kind == "scale":
        return (start, end) if text[start - 1 : start] != "超" else None
    post = _CN_POST_RE.match(text, end)
    return start, (post.end() if post else end)


def keep_chinese(text: str, m: re.Match, r: Rules) -> tuple[int, int] | None:
    """The span of a Chinese numeral after a verb of making to keep (``打造两个``, ``至少建设一所``)."""
    post = _CN_POST_RE.match(text, m.end())
    end = post.end() if post else m.end()
    start = m.start("cnum")
    unit = "".join(m.group("cunit").split())
    if m.end() < len(text) and text[m.end()] in r.continuation.get(unit, ()):
        return None
    lead = "".join((text[max(0, m.start() - 6) : m.start()] + m.group("verb")).split())
    if m.group("cnum") == "一" and "至少" not in lead:
        return None  # 建设一个…体系: 一 counts only after 至少
    if inside(text, start, "“", "”", 20):
        return None
    prefix = r.prefix_re.search(text, max(0, start - 12), start)
    return (prefix.start() if prefix and prefix.group().startswith("至少") else start), end


def guess_horizon(text: str, r: Rules) -> int | None:
    """The most frequent ``到YYYY年`` of a text (the earliest on ties), or None."""
    counts = Counter(int(m.group(1)) for m in r.to_year_re.finditer(text))
    return min(counts, key=lambda year: (-counts[year], year)) if counts else None


# --------------------------------------------------------------------------------------------
# Indicator tables
# --------------------------------------------------------------------------------------------

_HEADER_RE = re.compile(_HEADER)
_COL_RE = re.compile(
    rf"(?P<y>(?:19|20|１９|２０)[0-9０-９]{{2}}){_SP}*年{_SP}*(?:[(\uff08](?P<what>[^)\uff09]{{0,8}})[)\uff09])?"
)
_CELL_RE = re.compile(
    rf"^(?:[≥≤<>＜＞≧≦]{_SP}?)?{NUM}(?:[:：][1１])?[%％]?(?:左右|以上|以下|及以上)?$"
)
_RELATIVE_CELL_RE = re.compile(r"平均水平$")
_TEXT_CELL_RE = re.compile(r"[\u3400-\u9fff]+")
_YEAR_TOKEN_RE = re.compile(r"(?:19|20|１９|２０)[0-9０-９]{2}")
_PAIR_CELL_RE = re.compile(rf"^[(\uff08]{NUM}[)\uff09]$")
_SECTION_RE = re.compile(r"[一二三四五六七八九十]{1,3}、|。")
_BASELINE_WORDS = ("现状", "基期", "基准", "实际")
_CHANGE_WORD_RE = re.compile(r"(?:提高|增长|下降|降低|增加|减少)$")
_TOKEN_RE = re.compile(r"\S+")
_CJK_START_RE = re.compile(CJK)


def _column_kinds(header: re.Match) -> list[tuple[int, str]]:
    cols = [(int(m.group("y").translate(_FULLWIDTH)), "".join((m.group("what") or "").split()))
            for m in _COL_RE.finditer(header.group("cols"))]
    out = []
    for i, (year, what) in enumerate(cols):
        if any(w in what for w in _BASELINE_WORDS):
            kind = "baseline"
        elif "目标" in what or "预期" in what or "规划" in what or i == len(cols) - 1:
            kind = "target"
        else:
            kind = "baseline"
        out.append((year, kind))
    return out


def _unit_cell(token: str, registry_units: frozenset) -> str | None:
    token = token.strip()
    if token in ("%", "％"):
        return "%"
    if token in registry_units:
        return token
    return None


def find_tables(text: str, registry_units: frozenset) -> tuple[list[TableCell], list[tuple[int, int]]]:
    r"""Find every indicator table in *text*; return its value cells and the spans tables cover.

    Parameters
    ----------
    text : str
        The document.
    registry_units : frozenset
        Units as written (``%``, ``平方米``, ``万人`` …) that may stand in a unit column.

    Returns
    -------
    cells : list of TableCell
        One cell per value and year column.
    spans : list of (start, end)
        Character spans covered by tables (running-text rules do not read them again).

    Examples
    --------
    >>> text = "序号 指标名称 单位 2022年(现状值) 2025年(目标值)\n1 城镇化率 % 47.2 50左右\n"
    >>> cells, spans = find_tables(text, frozenset({"%"}))
    >>> [(text[c.value_start:c.value_end], c.year, c.kind) for c in cells]
    [('47.2', 2022, 'baseline'), ('50左右', 2025, 'target')]
    """
    cells: list[TableCell] = []
    spans: list[tuple[int, int]] = []
    for header in _HEADER_RE.finditer(text):
        if any(s <= header.start() < e for s, e in spans):
            continue  # a header repeated inside a flattened table
        found, span = read_table(text, header, registry_units)
        cells.extend(found)
        if span:
            spans.append(span)
    return cells, spans


def read_table(text: str, header: re.Match, registry_units: frozenset) -> tuple[list[TableCell], tuple[int, int] | None]:
    """Read the one table whose header matched at *header* (a match with a ``cols`` group)."""
    columns = _column_kinds(header)
    if not columns:
        return [], None
    cells: list[TableCell] = []
    line_start = text.rfind("\n", 0, header.start()) + 1
    line_end = text.find("\n", header.end())
    line_end = len(text) if line_end < 0 else line_end
    if not text[header.end() : line_end].strip():  # the header ends its line: one row per line
        span = _read_line_table(text, line_start, line_end, columns, registry_units, cells)
    else:
        span = _read_flat_table(text, header, columns, registry_units, cells)
    return cells, span


def _read_line_table(text, header_start, header_end, columns, registry_units, cells) -> tuple[int, int]:
    """Read rows under a header line; a row broken over up to four lines is joined."""
    n = len(columns)
    pos, end, pending = header_end + 1, header_end, []
    while pos < len(text):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        line = text[pos:line_end]
        if not line.strip() or "。" in line or len(line) > 200:
            break
        pending = (pending + [pos])[-4:]  # a row broken over lines is joined (up to four lines)
        row = text[pending[0] : line_end]
        tokens = _row_tokens(row)
        values = tokens[-n:]
        if len(tokens) > n and all(_CELL_RE.match(t[0]) or _RELATIVE_CELL_RE.search(t[0]) for t in values):
            _row_cells(text, pending[0], row, tokens, columns, registry_units, cells)
            end, pending = line_end, []
        pos = line_end + 1
    return header_start, max(end, header_end)


def _row_tokens(row: str) -> list[tuple[str, int, int]]:
    """Whitespace-separated cells as ``(text, start, end)``; a value or a trailing text cell broken by
    a space is rejoined (``78左 右``, ``不低 于全市平均 水平``)."""
    tokens: list[tuple[str, int, int]] = []
    for m in _TOKEN_RE.finditer(row):
        word = m.group()
        if tokens:
            last = tokens[-1]
            if not _CELL_RE.match(last[0]) and _CELL_RE.match(last[0] + word):
                tokens[-1] = (last[0] + word, last[1], m.end())  # 78左 右 → 78左右
                continue
        tokens.append((word, m.start(), m.end()))
    k = len(tokens) - 1  # tokens[k:] is the trailing run of text-only cells
    while k > 0 and _TEXT_CELL_RE.fullmatch(tokens[k][0]) and _TEXT_CELL_RE.fullmatch(tokens[k - 1][0]):
        k -= 1
    if k < len(tokens) - 1 and _RELATIVE_CELL_RE.search("".join(t[0] for t in tokens[k:])):
        tokens[k:] = [("".join(t[0] for t in tokens[k:]), tokens[k][1], tokens[-1][2])]
    return tokens


def _row_cells(text, row_start, row, tokens, columns, registry_units, cells) -> None:
    n = len(columns)
    head, values = tokens[:-n], tokens[-n:]
    unit = _unit_cell(head[-1][0], registry_units) if head else None
    label_tokens = head[:-1] if unit else head
    serial = next((i for i, t in enumerate(label_tokens) if t[0].isdigit()), None)
    if serial is not None:
        label_tokens = label_tokens[serial + 1 :]
    if not label_tokens:
        return
    label = "".join(t[0] for t in label_tokens)
    strip = row.strip()
    q0 = row_start + row.index(strip)
    label_start, label_end = row_start + label_tokens[0][1], row_start + label_tokens[-1][2]
    for (year, kind), (_, start, end) in zip(columns, values):
        cells.append(TableCell(row_start + start, row_start + end, q0, q0 + len(strip), year, kind, unit, label,
                               label_start, label_end, False))


def _read_flat_table(text, header, columns, registry_units, cells) -> tuple[int, int]:
    start = header.end()
    stop = _SECTION_RE.search(text, start)
    end = min(stop.start() if stop else len(text), start + 4000)
    year, kind = columns[-1]
    tokens = list(_TOKEN_RE.finditer(text, start, end))
    words = [t.group() for t in tokens]
    is_cell = [_CELL_RE.match(w) is not None for w in words]
    not_label: list[bool | None] = [None] * len(words)  # a unit, value, pair or rate cell (computed on demand)
    last = len(words) - 1
    accepted_prev = False
    for i, word in enumerate(words):
        nxt = words[i + 1] if i < last else ""
        if not is_cell[i] or (_YEAR_TOKEN_RE.fullmatch(word) and nxt.startswith("年")):
            if accepted_prev and _PAIR_CELL_RE.match(word):
                e = tokens[i].end()
                previous = cells[-1]
                cells.append(TableCell(previous.value_start, e, previous.quote_start, e, year, kind, previous.unit,
                                       previous.label, previous.label_start, previous.label_end, flattened=True,
                                       alt=True))
                cells[-2] = TableCell(previous.value_start, e, previous.quote_start, e, year, kind, previous.unit,
                                      previous.label, previous.label_start, previous.label_end, flattened=True)
                continue
            accepted_prev = False
            continue
        prev = words[i - 1] if i else ""
        signed = word[0] in "≥≤<>＜＞≧≦" or word.endswith(("%", "％"))
        prev_unit = _unit_cell(prev, registry_units)
        after_unit = prev_unit is not None or "/" in prev
        if signed or after_unit or _CHANGE_WORD_RE.search(prev):
            ok = True
        elif accepted_prev:
            next_is_label = _CJK_START_RE.match(nxt) is not None and _unit_cell(nxt, registry_units) is None
            ok = not (word.isdigit() and next_is_label)
        else:
            ok = False
        if not ok:
            accepted_prev = False
            continue
        s, e = tokens[i].span()
        unit = prev_unit if after_unit and prev else None
        j = i - 1
        while j >= 0:
            skip = not_label[j]
            if skip is None:
                w = words[j]
                skip = not_label[j] = bool(_unit_cell(w, registry_units) or is_cell[j] or _PAIR_CELL_RE.match(w)
                                           or "/" in w)
            if not skip:
                break
            j -= 1
        if j >= 0:
            ls, le = tokens[j].span()
            label, label_end = words[j], le
        else:
            ls = le = label_end = s
            label = ""
        cells.append(TableCell(s, e, ls, e, year, kind, unit, label, ls, label_end, flattened=True))
        accepted_prev = True
    return header.start(), end
