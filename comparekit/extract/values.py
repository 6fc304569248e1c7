"""Value reading: the table of candidate rows the kept values make.

Which numbers are values is decided in :mod:`comparekit.extract.keep` (its filters are re-exported
here). :func:`frame` turns candidate rows into the statement columns, reading each value text with
:func:`comparekit.values.parse_value_texts`; :func:`finish` makes the extractor's table.
"""

from __future__ import annotations

import math
import re
import unicodedata
from operator import itemgetter

import numpy as np
import pandas as pd

from ..schema import STATEMENT_COLUMNS
from ..study import study_cache  # one cache per study: its registries may differ
from ..values import ValueParseError, parse_value_text
from ..values.fast import _fast_words  # (imported with comparekit.values: no cost)
from .frames import column_table
from .keep import (  # noqa: F401 (the filters are re-exported: callers import them from here)
    _DIGITS, _FRACTION_RE, _small_numeral,
    counted_unit_start, keep_chinese, keep_counted_unit, keep_qualitative, keep_value,
)

__all__ = ["EXTRACT_COLUMNS", "FRAME_COLUMNS", "keep_value", "keep_chinese", "counted_unit_start", "keep_counted_unit",
           "keep_qualitative", "frame", "finish"]

#: Columns of :func:`comparekit.extract`: the statement columns plus the label found, a confidence
#: (0–1), where the year came from and the indicator suggestions for review.
EXTRACT_COLUMNS = STATEMENT_COLUMNS + ["indicator_label", "confidence", "year_source", "indicator_suggestions"]
_STR = pd.StringDtype("pyarrow", na_value=np.nan)  # the default "str" dtype
_APPROX_RE = re.compile(r"^\D{0,6}[0-9０-９.．]+\s?[余多]")
#: 分别突破300亿元和3000亿元: the qualifier word after 分别 holds for every value of the list.
_SHARED_QUALIFIER_RE = re.compile(
    r"分别(突破|超过|超|将近|接近|近|约|不低于|不少于|不超过|高于|低于)\s?[0-9０-９.．]+[^，,。；;：:分]{0,12}[和、及与]\s?$")
#: 分别增长6.5%和8%左右: the qualifier word after the last value of a 分别 pair joined by 和 holds
#: for both (分别达到100%、60%以上 does not: 以上 is the second value's own).
_SHARED_AFTER_RE = re.compile(r"[和及与]\s?[0-9０-９.．]+\s?(?P<unit>[^0-9０-９，,。；;：:、和及与]{0,4}?)\s?(?P<word>左右|以上|以下|以内)")
#: … and 左右 after the second of a 分别 pair joined by 、 (分别增长8%、10%左右): about both, as with 和
_SHARED_ABOUT_RE = re.compile(r"、\s?[0-9０-９.．]+\s?(?P<unit>[^0-9０-９，,。；;：:、和及与]{0,4}?)\s?(?P<word>左右)")
_DIGIT_RE = re.compile(r"[0-9０-９]")
_STEPS = ("台阶", "新台阶", "大台阶", "新的台阶")  # the step of 迈上3万亿元新台阶
_DOUBLING_RE = re.compile(r"翻了?([一两二三])番(多|以上)?$")  # 翻两番多: doubled twice and more
_CN_FRACTION_RE = re.compile(r"([二三四五六七八九十])分之([一二三四五六七八九])$")
_FRACTION_QUALIFIERS = {"以上": "at_least", "以下": "at_most", "以内": "at_most", "左右": "about"}
_PER_1000_RE = re.compile(r"千人口|千常住人口|每千人")
_RATE_UNITS = frozenset({"个", "人", "张", "平方米"})
_RATIO_TEXT_RE = re.compile(r"^\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[:：∶]\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*$")

#: The columns :func:`frame` gives (lists), in order: the statement columns without ids, place and
#: source, plus where each value text is (for mapping a matching view back).
FRAME_COLUMNS = ["indicator_id", "scope_text", "year", "kind", "value", "value_high", "unit", "qualifier",
                 "value_text", "quote", "quote_start", "quote_end", "note", "indicator_label", "confidence",
                 "year_source", "indicator_suggestions", "value_start", "value_end"]


def _fast_reader():
    """The value parser's fast-path shapes (:mod:`comparekit.values.fast`) for one text at a time:
    ``(single, range, shape)`` with the two whole-text patterns compiled for Python's engine."""
    from ..values.fast import _fast_shape

    shape = _fast_shape()
    return re.compile(shape.pattern), re.compile(shape.range_pattern), shape


_START = itemgetter(0)  # a candidate row's value start
_FAST_SPLIT_RE = re.compile(r"(?P<head>[^0-9]*)(?P<num>[0-9]+(?:\.[0-9]+)?)(?P<tail>.*)")
_FAST_RANGE_SPLIT_RE = re.compile(
    r"(?P<head>[^0-9]*)(?P<low>[0-9]+(?:\.[0-9]+)?)(?P<mid>[^0-9]*)(?P<high>[0-9]+(?:\.[0-9]+)?)(?P<tail>.*)")


def _parse_fast(text: str, reader) -> tuple | None:
    """:func:`_parse` of a text of the parser's common shapes (``55%左右``, ``≥12``, ``5-8个``), read
    as :func:`comparekit.values.parse_value_texts` reads them in bulk (the same rows as the scalar
    parser); None for any other text."""
    single, span, shape = reader
    normalized = unicodedata.normalize("NFKC", text)
    if single.fullmatch(normalized):
        m = _FAST_SPLIT_RE.fullmatch(normalized)
        value = float(m.group("num"))
        if not math.isfinite(value):
            return None
        lead, pre = shape.head.fullmatch(m.group("head")).group("lead", "pre")
        unit, post = shape.tail.fullmatch(m.group("tail")).group("unit", "post")
        qualifier = _fast_words(lead or "", pre or "", post or "")[0]
        return (value, math.nan, qualifier, unit, math.nan, True)
    if span.fullmatch(normalized):
        m = _FAST_RANGE_SPLIT_RE.fullmatch(normalized)
        low, high = float(m.group("low")), float(m.group("high"))
        if not (math.isfinite(low) and math.isfinite(high) and low <= high):
            return None
        first_unit = shape.mid.fullmatch(m.group("mid")).group("unit")
        unit = shape.tail.fullmatch(m.group("tail")).group("unit") or first_unit
        return (low, high, "range", unit, math.nan, True)
    return None


def _parse(text: str, reader=None) -> tuple:
    """``(value, value_high, qualifier, unit, value_alt, ok)`` of one value text (the scalar parser,
    which gives the same rows as :func:`comparekit.values.parse_value_texts`; with *reader*
    (:func:`_fast_reader`), a text of the common shapes is read by the fast path)."""
    if reader is not None:
        fast = _parse_fast(text, reader)
        if fast is not None:
            return fast
    try:
        p = parse_value_text(text)
    except ValueParseError:
        return (math.nan, math.nan, None, None, math.nan, False)
    return (math.nan if p.value is None else p.value, math.nan if p.value_high is None else p.value_high,
            p.qualifier, p.unit, math.nan if p.value_alt is None else p.value_alt, True)


def frame(rows: list[tuple], text: str, offset: int = 0) -> dict[str, list]:
    """The columns :data:`FRAME_COLUMNS` of *rows*, as lists, in reading order.

    Rows whose value text cannot be read are left out; *offset* is added to the offsets (*text* is
    then a piece of a longer document that starts at *offset*). Each distinct value text is read
    once; no table is built here (:func:`finish` builds the one table of a call).
    """
    rows = sorted(rows, key=_START)  # (a stable sort: rows of one start keep their order)
    parsed_texts: dict[str, tuple] = dict(_word_parses()) if rows else {}
    known = _known_units() if rows else frozenset()
    reader = _fast_reader() if rows else None
    kept: list[tuple] = []  # the rows whose value text was read; the columns that only copy them are made below
    o_value, o_high, o_unit, o_qual, o_vt, o_note = [], [], [], [], [], []
    for row in rows:
        (vs, ve, qs, qe, year, kind, unit_hint, label, indicator_id, scope, conf, note, alt, year_source,
         suggestions) = row
        value_text = text[vs:ve]
        parsed = parsed_texts.get(value_text)
        if parsed is None:
            parsed = parsed_texts[value_text] = _parse(value_text, reader)
        value, value_high, qualifier, unit, value_alt, ok = parsed
        if alt:
            value = value_alt
        doubled = _DOUBLING_RE.match(value_text) if value_text[:1] == "翻" else None
        if doubled is not None and doubled.group(1) == "一" and not doubled.group(2):
            doubled = None  # a bare 翻一番 stays a qualitative word
        if doubled is not None:  # 翻两番: doubled twice, four times the start (a multiple in the unit "ratio")
            ok, value, unit = True, float(2 ** _small_numeral(doubled.group(1))), "ratio"
            qualifier = {"多": "more_than", "以上": "at_least"}.get(doubled.group(2), "exact")
            flag = f"{value_text} read as a multiple of {value:g}"
            note = f"{note}; {flag}" if note else flag
        if not ok:  # A:B (B other than 1), read as A/B in the unit "ratio" (16.05:1 is 16.05); a fraction
            found = _RATIO_TEXT_RE.match(value_text) or _FRACTION_RE.match(value_text)
            cn = _CN_FRACTION_RE.search(value_text) if found is None else None
            if cn is not None:
                a, b = float(_small_numeral(cn.group(2))), float(_small_numeral(cn.group(1)))
            elif not (found and float(found.group(2).translate(_DIGITS)) > 0):
                continue
            else:
                a, b = (float(found.group(k).translate(_DIGITS)) for k in (1, 2))
            tail = found.groups()[2] if found is not None and len(found.groups()) > 2 else None
            value, unit, qualifier = round(a / b, 4), "ratio", _FRACTION_QUALIFIERS.get(tail, "exact")
            flag = f"ratio {value_text} read as {value:g}"
            note = f"{note}; {flag}" if note else flag
        if unit == "成" or unit == "半" and value == 1.0:  # 六成: six tenths; 一半: a half
            factor = 10.0 if unit == "成" else 50.0
            value, unit = value * factor, "%"
            value_high = value_high * factor if value_high == value_high else value_high
        if unit and len(unit) > 2 and unit[0] in "万亿" and unit[1] in "余多":
            unit = unit[0] + unit[2:]  # 2.1万余户: more than 2.1万户
            if qualifier == "exact":
                qualifier = "more_than"
        elif unit and unit[0] in "余多" and len(unit) > 1:
            unit = unit[1:]  # 50余场, 1000多个: more than 50 场
            if qualifier == "exact" and _APPROX_RE.match(value_text):
                qualifier = "more_than"
        if qualifier == "exact" and vs and text[vs - 1] in "和、及与 ":
            shared = _SHARED_QUALIFIER_RE.search(text, max(qs, vs - 40), vs)
            if shared is not None:
                qualifier = parse_value_text(shared.group(1) + "1").qualifier
        if qualifier == "exact" and text[ve : ve + 1] in "和及与、":
            qualifier = _shared_after(text, qs, vs, ve, unit)  # 分别增长6.5%和8%左右: 左右 holds for both
        if qualifier == "exact" and text[ve : ve + 4].startswith(_STEPS) and _step_re().search(text, qs, vs):
            qualifier = "at_least"  # 迈上3万亿元新台阶: reaching a mark
        if unit_hint and unit is None:
            unit = unit_hint  # the unit column of an indicator table
        if unit in _RATE_UNITS:  # a count per 1000 people, an area per person
            if unit != "平方米":
                if _PER_1000_RE.search(text, qs, ve):
                    unit = f"{unit}/千人"
            elif "人均" in label:
                unit = "平方米/人"
            elif text.find("每百户", qs, ve) >= 0:
                unit = "平方米/百户"
        if unit is not None and unit not in known:
            flag = f"unit {unit} is not in the unit registry (kept as written)"
            note = f"{note}; {flag}" if note else flag
        kept.append(row)
        o_value.append(value)
        o_high.append(value_high)
        o_unit.append(unit)
        o_qual.append(qualifier)
        o_vt.append(value_text)
        o_note.append(note or None)
    columns = {
        "indicator_id": [row[8] or None for row in kept],
        "scope_text": [row[9] or None for row in kept],
        "year": [row[4] for row in kept],
        "kind": [row[5] for row in kept],
        "value": o_value,
        "value_high": o_high,
        "unit": o_unit,
        "qualifier": o_qual,
        "value_text": o_vt,
        "quote": [text[row[2] : row[3]] for row in kept],
        "quote_start": [row[2] + offset for row in kept],
        "quote_end": [row[3] + offset for row in kept],
        "note": o_note,
        "indicator_label": [row[7] or None for row in kept],
        "confidence": [min(max(row[10], 0.05), 0.99) for row in kept],
        "year_source": [row[13] or None for row in kept],
        "indicator_suggestions": [row[14] or None for row in kept],
        "value_start": [row[0] + offset for row in kept],
        "value_end": [row[1] + offset for row in kept],
    }
    return {name: columns[name] for name in FRAME_COLUMNS}


@study_cache
def _word_parses() -> dict[str, tuple]:
    """:func:`_parse` of each qualitative word of the extraction patterns (the value texts of the
    qualitative scan), read once per study: :func:`frame` starts its table of read value texts with
    them (the scalar parser takes about 30 us for each)."""
    from .rules import _read_patterns, _words

    return {word: _parse(word) for word in _words(_read_patterns(), "qualitative")}


@study_cache
def _step_re() -> re.Pattern:
    """The verbs of reaching a step (迈上, 登上 …) right before a value (the extraction patterns'
    ``step_verb`` rows): with 台阶 after the value, the value is a mark reached, ``at_least``."""
    from .rules import _alternation, _read_patterns, _words

    verbs = _words(_read_patterns(), "step_verb")
    return re.compile(rf"(?:{_alternation(verbs)})\s?$" if verbs else r"(?!)")  # (no verbs: nothing is a step)


def _shared_after(text: str, qs: int, vs: int, ve: int, unit: str | None) -> str:
    """The qualifier of the value text[vs:ve] taken from the value after it in a 分别 pair (``exact``
    when there is none): 分别增长6.5%和8%左右 states both values "about", and so does 分别增长6.5%、8%左右."""
    found = (_SHARED_AFTER_RE if text[ve : ve + 1] != "、" else _SHARED_ABOUT_RE).match(text, ve)
    opened = text.rfind("分别", qs, vs)
    if found is None or opened < 0 or (found.group("unit") or None) != unit:
        return "exact"
    if _DIGIT_RE.search(text, opened, vs) or text[found.end() : found.end() + 1] in ("、", "和", "及", "与"):
        return "exact"  # a longer list than a pair: the word belongs to the last item only
    return parse_value_text("1" + found.group("word")).qualifier


def _known_units() -> frozenset:
    from .rules import rules

    return rules().registry_units


def id_prefix(source_id: str | None) -> str:
    """The statement-id prefix for *source_id*: ``^[a-z][a-z0-9_]*`` (``'draft'`` without a source).

    Examples
    --------
    >>> id_prefix("Chengwu-2024"), id_prefix(None), id_prefix("2024 plan")
    ('chengwu_2024', 'draft', 'doc_2024_plan')
    """
    slug = re.sub(r"[^a-z0-9]+", "_", (source_id or "draft").lower()).strip("_")
    return slug if slug[:1].isalpha() else f"doc_{slug}".rstrip("_")


def finish(columns: dict[str, list], source_id: str | None, place_id: str | None) -> pd.DataFrame:
    """The one table of a call: *columns* (:data:`FRAME_COLUMNS`) with statement ids
    (``<source_id or 'draft'>-001`` …), place and source, in the columns :data:`EXTRACT_COLUMNS`.

    The id prefix is the source id in the form the statement schema accepts (lower case, ``_`` for
    any other character), so a reviewed draft validates without renaming.
    """
    n = len(columns["value"])
    prefix = f"{id_prefix(source_id)}-"
    confidence = np.round(np.asarray(columns["confidence"], dtype="float64"), 2)
    table = {
        "statement_id": _strings([f"{prefix}{i:03d}" for i in range(1, n + 1)]),
        "place_id": _strings([place_id] * n),
        "source_id": _strings([source_id] * n),
        "year": _integers(columns["year"]),
        "value": np.asarray(columns["value"], dtype="float64"),
        "value_high": np.asarray(columns["value_high"], dtype="float64"),
        "quote_start": pd.arrays.IntegerArray(np.asarray(columns["quote_start"], dtype=np.int64), np.zeros(n, dtype=bool)),
        "quote_end": pd.arrays.IntegerArray(np.asarray(columns["quote_end"], dtype=np.int64), np.zeros(n, dtype=bool)),
        "confidence": confidence,
        "qualifier": _strings([x if isinstance(x, str) else "nan" for x in columns["qualifier"]]),
    }
    for name in EXTRACT_COLUMNS:
        if name not in table:
            table[name] = _strings(columns[name])
    return column_table(table, EXTRACT_COLUMNS)


def _integers(values: list) -> pd.api.extensions.ExtensionArray:
    """A pandas ``Int64`` array from int/None values, built from its values and mask directly (any
    other values go through :func:`pandas.array`)."""
    n = len(values)
    missing = np.fromiter((x is None or x != x for x in values), dtype=bool, count=n)  # (x != x: NaN)
    filled = np.asarray([0 if gone else x for x, gone in zip(values, missing.tolist())] if missing.any() else values)
    if n and filled.dtype.kind != "i":
        return pd.array(values, dtype="Int64")
    return pd.arrays.IntegerArray(filled.astype(np.int64, copy=False), missing)


def _strings(values) -> pd.api.extensions.ExtensionArray:
    """A pandas ``str`` array from str/None values (or an Arrow string array), made by pyarrow directly."""
    import pyarrow as pa

    if not isinstance(values, pa.Array):
        values = pa.array(values, type=pa.large_string())
    return pd.arrays.ArrowStringArray(values, dtype=_STR)

