"""The rules the statement extractor reads text with, compiled once from the registries.

Everything a reader may want to check or extend is data: trigger words, qualifier words, blocking units, word
continuations, qualitative words and table cues live in ``data/registry/extract_patterns.csv`` (one row per word, with
its meaning); units come from ``data/registry/units.csv``, indicator aliases from ``data/registry/indicators.csv`` and
scope words from ``data/registry/scopes.csv``. This module turns them into compiled regular expressions (:func:`rules`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from ..study import builtin_study, current_study, study_cache

__all__ = ["Rules", "rules", "trie_pattern", "inside", "NUMBER_RE", "PATTERNS_FILE", "NUM", "CJK", "HEADER"]

#: The built-in extraction patterns (a study may add rows in its own ``registry/extract_patterns.csv``).
PATTERNS_FILE = builtin_study().registry_dirs[0] / "extract_patterns.csv"

#: A number: ASCII or full-width digits with an optional decimal part.
NUM = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
#: One CJK ideograph.
CJK = r"[\u3400-\u9fff]"
_SP = r"[ \t\u00a0\u2002-\u200a\u3000\r\n]"  # odd spaces and line breaks that may sit inside a value
_NUM_CHAR = r"[0-9０-９.．]"  # a character that may precede a digit inside one number
_SP_CHARS = frozenset(" \t\u00a0\u3000\r\n" + "".join(map(chr, range(0x2002, 0x200B))))  # the characters of _SP
_SCALED = ("count", "area", "length", "mass", "population", "power")  # unit dimensions written after 万/亿


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
_CELL_SEP = rf"(?:{_SP}*\|)?{_SP}*"  # (a web copy that puts each cell on its own line, closed by |)
HEADER = (
    rf"指{_SP}?标(?:{_SP}?名{_SP}?称)?{_CELL_SEP}(?:单{_SP}?位{_CELL_SEP})?"
    rf"(?P<cols>{_YEAR_COL}(?:{_HS}*(?:\|{_SP}*)?{_YEAR_COL})*)"
)


def _loose_trie(words) -> str:
    """:func:`trie_pattern` with an optional line-break space between characters (see :func:`_loose`):
    the longest word still wins, and a few hundred units cost little more than one.

    Examples
    --------
    >>> _loose_trie(["万", "万人"]) == "(?:万(?:" + _SP + "?人)?)"
    True
    """
    trie: dict = {}
    for word in {w for w in words if w}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = f"{_SP}?" + (branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")")
        return f"(?:{body})?" if "" in node else body

    return "(?:" + "|".join(re.escape(c) + build(child) for c, child in sorted(trie.items()) if c) + ")"


def _loose(word: str) -> str:
    """``平方米`` → ``平\\s?方\\s?米``: a unit may be broken by a line-break space in a web copy."""
    return f"{_SP}?".join(re.escape(c) for c in word)


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
    age_units: frozenset  # 岁: a value only as a life expectancy (see keep.keep_value)
    continuation: dict
    count_verbs: tuple
    money_units: frozenset
    registry_units: frozenset
    measure_units: dict  # measure word -> its unit in the unit registry, or None (kept as written, flagged)
    time_units: frozenset
    base_before: frozenset
    base_after: tuple
    definition_after: tuple
    alias_to_id: dict
    name_bigrams: dict
    bigram_index: dict
    indicator_rank: dict  # indicator id -> its row in the registry (breaks ties, so results never depend on hashing)
    class_markers: tuple = ()  # words that name a class of a thing (星级, 示范): a count of the class is not of the thing
    addition_words: tuple = ()  # words that make a value an addition (新增): not the stock an indicator may count
    addition_definitions: tuple = ()  # words of an indicator's definition that say it counts additions (added, per year)


def _words(frame: pd.DataFrame, category: str) -> list[str]:
    return frame.loc[frame["category"] == category, "pattern"].tolist()


_CATEGORIES = [
    "blocking_unit", "extra_unit", "word_continuation", "prefix_qualifier", "suffix_qualifier",
    "qualitative", "relative", "base_year_before", "base_year_after", "definition_after",
    "baseline_cue", "standard_cue", "per_year_cue", "count_verb", "label_verb", "generic_scope", "class_marker",
    "addition_word", "addition_definition", "age_unit", "step_verb", "money_unit",
]


def _read_patterns() -> pd.DataFrame:
    import pandera.pandas as pa

    from ..tables import check_table, read_csv_text

    schema = pa.DataFrameSchema(
        {
            "category": pa.Column(str, pa.Check.isin(_CATEGORIES), coerce=True),
            "pattern": pa.Column(str, coerce=True),
            "meaning": pa.Column(str, nullable=True, coerce=True),
        },
        strict=False,
    )
    study = current_study()
    layers = [PATTERNS_FILE, *study.registry_files(PATTERNS_FILE.name)[1:]]
    frame = pd.concat([read_csv_text(path, display_name=study.display(path)) for path in layers], ignore_index=True)
    return check_table(frame, schema, what="extraction pattern registry").drop(columns=["_file", "_row"])


def _bigrams(text: str) -> frozenset:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@study_cache
def rules() -> Rules:
    """Compile the extraction rules from the registries (once per process and study).

    Examples
    --------
    >>> value = dict(rules().scans)["v"]
    >>> [m.group() for m in value.finditer("到2025年,常住人口城镇化率达到53%左右")]
    ['53%左右']
    """
    from ..registry import load_indicators, load_measure_words, load_scopes, load_units
    from .listed import LISTED_PATTERN, STRUCTURE_PATTERN
    from .pipe_tables import PIPE_HEADER

    patterns = _read_patterns()
    units = load_units()
    registry_units = frozenset(units["unit"])
    blocking = _words(patterns, "blocking_unit")
    extra = _words(patterns, "extra_unit")
    measure_words = load_measure_words()
    measure_units = {rec.word: (rec.unit if isinstance(rec.unit, str) else None)
                     for rec in measure_words.itertuples(index=False)}
    # any measure word or unit of things, also after 万 or 亿 (1.5万盏, 20亿立方米); a blocking unit stays blocking
    things = set(measure_units) | set(units.loc[units["dimension"].isin(_SCALED), "unit"]) | set(extra)
    measures = (set(measure_units) | {f"{m}{w}" for w in things if w[0] not in "万亿百" for m in "万亿"}) - set(blocking)
    ages = _words(patterns, "age_unit")
    unit_words = sorted((set(registry_units) | set(extra) | set(blocking) | set(ages) | measures) - {"ratio"}, key=len,
                        reverse=True)
    unit_alt = _loose_trie(unit_words)
    suffix = "|".join(_loose(w) for w in sorted(_words(patterns, "suffix_qualifier"), key=len, reverse=True))
    # A number must be followed by something that can make it a value (a unit, %, a ratio, a pair,
    # a range, a qualifier word) and not by a blocking unit: years and bare numbers fail in the
    # engine, not in Python. The character before the number is checked by the caller.
    starts = {u[0] for u in unit_words} | {w[0] for w in _words(patterns, "suffix_qualifier")}
    starts |= set(":\uff1a\u2236(\uff08%\uff05\u2030-\u2014\u2013~\uff5e\u81f3\u5230/\uff0f")
    starts |= set("余多")  # 50余场, 1000多个: more than the number
    tail = "".join(sorted(re.escape(c) for c in starts))
    # The number's first digit is checked not to follow a digit or a decimal point, inside the
    # engine (a lookbehind after the first character keeps the engine's fast skip to digits): such
    # a number is the tail of a longer one and never a value.
    value = (
        rf"(?P<num>[0-9０-９](?<!{_NUM_CHAR}.)[0-9０-９]*(?:[.．][0-9０-９]+)?)"
        rf"(?={_SP}{{0,3}}[{tail}])(?!{_SP}{{0,2}}(?:{_alternation(blocking)}))"
        rf"(?:(?P<ratio>{_SP}?[:\uff1a\u2236]{_SP}?(?:[1１](?![0-9０-９.．])|(?P<den>{NUM})(?![0-9０-９.．:：∶]|{_SP}[:：∶\ufe55\ufe30])))"
        rf"|(?P<pair>{_SP}{{0,3}}[(\uff08]{_SP}{{0,3}}{NUM}{_SP}{{0,3}}[)\uff09])"
        rf"|(?P<frac>[/／][1-9１-９][0-9０-９]?(?![0-9０-９/／.．:：A-Za-z])))?"
        rf"(?:{_SP}{{0,3}}(?P<unit1>[%％‰]))?"
        # a range, its magnitude written on both ends too (1.8万至2.2万人)
        rf"(?:{_SP}{{0,3}}(?P<mag1>[万亿](?={_SP}{{0,3}}[-—–~～至到]{_SP}{{0,3}}[0-9０-９]))?{_SP}{{0,3}}[-—–~～至到]{_SP}{{0,3}}(?P<num2>{NUM}))?"
        rf"(?:{_SP}{{0,3}}(?P<approx>(?:[万亿](?=[余多]))?[余多](?![余多]))?(?P<unit>(?:[%％‰]|{unit_alt})(?:[/／](?:千人|万人|百人|人|百户|户)(?![\u4e00-\u9fff]))?))?"
        # a measure word may be followed by another in brackets before the qualifier word (8000套(间)以上)
        rf"(?P<post>(?:{_SP}{{0,3}}[(\uff08][\u4e00-\u9fff]{{1,2}}[)\uff09])?{_SP}{{0,3}}(?:{suffix}))?"
    )
    measure = "个|条|所|家|处|座|项|名|张|辆|套|户"
    verbs = "|".join(_loose(v) for v in sorted(_words(patterns, "count_verb"), key=len, reverse=True))
    chinese = rf"(?P<verb>{verbs}){_SP}?(?P<cnum>[一二两三四五六七八九十]{{1,3}}){_SP}?(?P<cunit>{measure})"
    # the count of an enumeration (甲、乙、丙三所学校, 甲等两项赛事; checked by keep_chinese) and a
    # fraction written in characters (三分之一), read as the same kind of match (empty verb)
    listed = (rf"(?P<verb>)(?<=[\u4e00-\u9fff])(?P<cnum>[两三四五六七八九十]|十[一二三四五六七八九])"
              rf"(?P<cunit>{measure})(?![一二两三四五六七八九十])")
    # a share in tenths or a half after a word of proportion (占六成, 的一半以上) or in hundredths (百分之八十,
    # 百分之百, 百分百): a percentage (values.py); 翻两番
    # (each branch starts with a numeral or 翻, so that the engine skips fast to one; the word before is checked after it)
    fraction = (rf"(?P<verb>)(?P<cnum>[二三四五六七八九十]分之[一二三四五六七八九]"
                rf"|百分之(?:一百|[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])(?![一二三四五六七八九十百点])|百分之?百(?![一二三四五六七八九十百分点])"
                rf"|[一二三四五六七八九](?<=[的占达约近超逾把将有].)(?:成(?!员|立|为|果|本|绩|效|就|功|熟|型|长|交|都)|(?<=一)半)"
                rf"|翻了?[两二三]番|翻了?一番(?=以上|多))"  # 翻两番: a multiple (x4); 翻一番以上 too (a bare 翻一番 is a qualitative word)
                rf"(?P<cunit>)")
    # A star rating (二星级), half an hour (半小时) and an industry scale (千亿产业) are found by their
    # unit word, a literal the engine finds fast; counted_unit_start() checks the numeral before it.
    counted_units = (
        ("star", rf"星{_SP}?级"),
        ("half", rf"半{_SP}?小{_SP}?时"),
        # 千亿产业; 千亿级产业 is a class name, not a value. 突破百亿元: an amount of money written in
        # characters (百亿元企业, 百亿元级 are class names: see keep_counted_unit)
        ("scale", rf"亿(?={_SP}?产{_SP}?业(?!{_SP}?链))|[亿万](?={_SP}?元)"),
        ("grade", rf"级(?={_SP}?(?:及以上{_SP}?)?(?:标{_SP}?准|水{_SP}?平))"),  # 二级标准: a grade named by a Chinese numeral
    )
    relative = "|".join(_words(patterns, "relative"))
    qualitative = trie_pattern(_words(patterns, "qualitative"))
    scans = (
        ("th", re.compile(HEADER)),
        ("th", re.compile(PIPE_HEADER)),  # 2023年目标 | 2025年目标: a pipe table (see pipe_tables.py)
        ("v", re.compile(value)),
        ("cv", re.compile(chinese)),
        ("cv", re.compile(listed)),
        ("cv", re.compile(fraction)),
        *((kind, re.compile(p)) for kind, p in counted_units),
        ("q", re.compile(qualitative)),
        ("rel", re.compile(relative)),
        ("structure", re.compile(STRUCTURE_PATTERN)),  # 12.5:40.3:47.2 (see listed.py)
        ("listed", re.compile(LISTED_PATTERN)),  # 分别提高3.1和2.4个百分点: 3.1 takes the unit of 2.4
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
            rf"{_SP}{{0,2}}年(?P<post>{_SP}{{0,2}}[^\s,\uff0c。;\uff1b、0-9０-９]{{0,6}})"
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
        age_units=frozenset(ages),
        continuation=continuation,
        count_verbs=tuple(sorted(_words(patterns, "count_verb"), key=len, reverse=True)),
        money_units=frozenset(units.loc[units["dimension"] == "money", "unit"]) | set(_words(patterns, "money_unit")),
        registry_units=registry_units,
        measure_units=measure_units,
        time_units=frozenset(units.loc[units["dimension"] == "time", "unit"]),
        base_before=frozenset(_words(patterns, "base_year_before")),
        base_after=tuple(_words(patterns, "base_year_after")),
        definition_after=tuple(_words(patterns, "definition_after")),
        alias_to_id=alias_to_id,
        name_bigrams=name_bigrams,
        bigram_index=bigram_index,
        indicator_rank={indicator_id: i for i, indicator_id in enumerate(name_bigrams)},
        class_markers=tuple(_words(patterns, "class_marker")),
        addition_words=tuple(_words(patterns, "addition_word")),
        addition_definitions=tuple(_words(patterns, "addition_definition")),
    )




_DASHES = frozenset("-—–~～－")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
#: Digits of one number (ASCII or full width).
NUMBER_RE = re.compile(r"[0-9０-９]+")


def inside(text: str, pos: int, open_: str, close: str, reach: int) -> bool:
    """True if *pos* lies after an unclosed *open_* within *reach* characters (inside 《…》, “…”)."""
    lo = max(0, pos - reach)
    return text.rfind(open_, lo, pos) > text.rfind(close, lo, pos)
