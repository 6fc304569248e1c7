"""Extract candidate indicator statements from a Chinese planning document.

:func:`extract` reads one document and proposes statements in the columns of the curated statement
table (:data:`comparekit.schema.STATEMENT_COLUMNS`), each with the verbatim quote and the character
offsets it came from, plus the label text it found (``indicator_label``) and a ``confidence``. The
rules are general Chinese planning-document patterns, kept as data in
``data/registry/extract_patterns.csv`` and compiled by :mod:`comparekit.extract_rules`:

* a value is a number followed by a unit, a percent sign, a ratio ``x:1``, a new/existing pair, a
  range or a qualifier word (``55%左右``, ``不少于10处``, ``16.05:1``, ``10(8)个``, ``5—8个``,
  ``4700以上``); bare numbers (also ``≥12``) count only in indicator tables; a Chinese numeral counts
  after a verb of making (``打造两个中心``), as a star rating (``二星级``) or an industry scale
  (``千亿产业``);
* never a value: years and dates, document and phone numbers, section and list numbers, numbers
  glued to Latin letters (``G36``, ``5G``, ``7.5MW``), names in quotes without a unit (``“4111”``),
  voltage grades (``500千伏``), ages (``3岁以下``), money thresholds that define what is counted
  (``投资500万元以上技改项目``);
* a year stated before a value (``到2025年, … 达到 …``) holds for the rest of the sentence, and a
  ``到YYYY年`` opening holds for the following sentences of its paragraph; base years (``在2020年
  基础上``), definition years (``2000年前建成的``), cited plan periods and titles are not target
  years; without a year the plan horizon is used and ``note`` says so;
* indicator tables with year columns give one statement per cell (baseline and target columns);
  a table whose cells were run together by a PDF conversion is read cell by cell with low
  confidence and a note;
* a value shared by several indicators (``A、B均增长15%``) gives one row per indicator, a
  ``分别`` list pairs subjects and values in order, a new/existing pair ``10(8)`` gives two rows;
* the value text is read by :func:`comparekit.values.parse_value_texts` (value, range, qualifier,
  unit); the indicator id is the longest registry alias in the clause before the value, else the
  best character-bigram overlap with a registry name, else empty with the label kept.

The draft is for review: it is not validated against the statement schema (``statement_id`` ends
in ``-x001`` …, ``indicator_id`` may be empty).
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from .errors import ComparekitError
from .extract_rules import (
    NUMBER_RE,
    Rules,
    guess_horizon,
    keep_chinese,
    keep_qualitative,
    keep_value,
    read_table,
    rules,
    year_mark,
)
from .schema import STATEMENT_COLUMNS
from .values import parse_value_texts

__all__ = [
    "EXTRACT_COLUMNS",
    "DocumentError",
    "extract",
    "read_document",
    "extract_documents",
    "summarize_extraction",
]

#: Columns of :func:`extract`: the statement columns plus the label found and a confidence (0–1).
EXTRACT_COLUMNS = STATEMENT_COLUMNS + ["indicator_label", "confidence"]

_YEAR_NOTE = "year not stated; plan horizon used"
_WS_RE = re.compile(r"[\s\u00a0\u3000]+")
_CJK_RE = re.compile(r"[\u3400-\u9fff]")
_SUBJECT_SPLIT_RE = re.compile(r"[、和与及]")
_LABEL_EDGE_RE = re.compile(
    r"^[(\uff08]?[一二三四五六七八九十]{1,3}[)\uff09、]"  # a section number: (三), 十二、
    r"|^(?:[^\u3400-\u9fffA-Za-z0-9]*[0-9]{1,2}[.．、](?=[\u3400-\u9fff]))?[^\u3400-\u9fffA-Za-z0-9]+"
    r"|[^\u3400-\u9fffA-Za-z0-9)）]+$|[0-9]+$"
)
_RATE_RE = re.compile(r"每千|千人口|每百户|每万|人均|每百人")
_PER_1000_RE = re.compile(r"千人口|千常住人口|每千人")


class DocumentError(ComparekitError):
    """A document cannot be read as text (binary, empty or in an unknown encoding)."""


class _Sentence:
    """Boundaries and year marks of one sentence, computed once for all values inside it."""

    __slots__ = ("text", "r", "start", "end", "clause_cuts", "label_cuts", "years", "_carry")

    def __init__(self, text: str, pos: int, r: Rules) -> None:
        self.text, self.r = text, r
        lo, hi = max(0, pos - 400), min(len(text), pos + 400)
        last = max(text.rfind("。", lo, pos), text.rfind("\uff01", lo, pos), text.rfind("\uff1f", lo, pos),
                   text.rfind("!", lo, pos), text.rfind("?", lo, pos))
        start = last + 1 if last >= 0 else lo
        if text.find("\n", start, pos) >= 0:
            for m in r.blank_re.finditer(text, start, pos):
                start = m.end()
        ends = [e for e in (text.find(c, pos, hi) for c in _SENTENCE_ENDS) if e >= 0]
        end = min(ends) if ends else hi
        if text.find("\n", pos, end) >= 0:
            m = r.blank_re.search(text, pos, end)
            end = m.start() if m else end
        self.start, self.end = start, end
        self.clause_cuts: list[int] = []
        self.label_cuts: list[int] = []
        for b in r.bound_re.finditer(text, start, end):
            if b.start("l") < 0:
                self.clause_cuts.append(b.start())
            self.label_cuts.append(b.start())
        self.years = [y for y in (year_mark(text, m, r) for m in r.year_re.finditer(text, start, end)) if y]
        self._carry: tuple[int, int] | None | bool = False

    @property
    def carry(self) -> tuple[int, int] | None:
        """``(position, year)`` of a ``到YYYY年`` earlier in the same paragraph (within 300 characters)."""
        if self._carry is False:
            text, r, start = self.text, self.r, self.start
            carry = None
            for m in r.to_year_re.finditer(text, max(0, start - 300), start):
                carry = (m.start(), int(m.group(1)))
            if carry and r.paragraph_re.search(text, carry[0] + 1, start):
                carry = None
            self._carry = carry
        return self._carry


_SENTENCE_ENDS = ("。", "\uff01", "\uff1f", "!", "?")


def _compact(text: str) -> str:
    """*text* without any whitespace (line-break spaces inside words included)."""
    return "".join(text.split())


def _cut_before(cuts: list[int], pos: int, default: int) -> int:
    """Start of the segment holding *pos*: one past the last cut before it."""
    i = bisect_left(cuts, pos)
    return cuts[i - 1] + 1 if i else default


def _cut_after(cuts: list[int], pos: int, default: int) -> int:
    """End of the segment holding *pos*: the first cut at or after it."""
    i = bisect_left(cuts, pos)
    return cuts[i] if i < len(cuts) else default


class _Collector:
    """Collects candidate rows (one tuple per statement) with their context: year, kind, label, scope."""

    def __init__(self, text: str, r: Rules, horizon: int | None) -> None:
        self.text, self.r, self.horizon = text, r, horizon
        self.sentence: _Sentence | None = None
        self.last_label: tuple[int, str, str] | None = None  # (sentence start, label, indicator)
        self.respectively: dict[tuple[int, int], list[int]] = {}  # 分别 lists: values seen per list
        self.rows: list[tuple] = []

    # -- context -------------------------------------------------------------------------------
    def _sentence_at(self, pos: int) -> _Sentence:
        s = self.sentence
        if s is None or not (s.start <= pos < s.end):
            s = self.sentence = _Sentence(self.text, pos, self.r)
        return s

    def _alias(self, window: str) -> tuple[str, str]:
        """Longest registry alias in *window* (the last one on ties): ``(alias, indicator_id)``."""
        if not window:
            return "", ""
        if _WS_RE.search(window):
            window = _compact(window)
        best = ""
        for m in self.r.alias_re.finditer(window):
            if len(m.group()) >= len(best):
                best = m.group()
        return (best, self.r.alias_to_id[best]) if best else ("", "")

    def _fuzzy(self, label: str) -> str:
        """The registry indicator whose Chinese name shares most character bigrams with *label*."""
        label = label[-16:]  # an indicator name ends the label (…常住人口城镇化率)
        grams = {label[i : i + 2] for i in range(len(label) - 1)}
        if len(grams) < 2:
            return ""
        counts: dict[str, int] = {}
        for gram in grams:
            for indicator_id in self.r.bigram_index.get(gram, ()):
                counts[indicator_id] = counts.get(indicator_id, 0) + 1
        best, best_score = "", 0.0
        for indicator_id, shared in counts.items():
            score = shared / max(1, len(self.r.name_bigrams[indicator_id]))
            if shared >= 3 and score >= 0.5 and score > best_score:
                best, best_score = indicator_id, score
        return best

    def _clean_label(self, raw: str, *, before: bool = True) -> str:
        label = _LABEL_EDGE_RE.sub("", self.r.label_junk_re.sub("", "".join(raw.split())))
        return self.r.label_verb_re.sub("", label) if before else label

    def _scope(self, window: str) -> str:
        """A scope word at the head of the clause, or a 全/各/每 scope word anywhere in it."""
        best = ""
        lead = _LABEL_EDGE_RE.sub("", self.r.label_junk_re.sub("", "".join(window.split())))
        for m in self.r.scope_re.finditer(lead):
            word = m.group()
            if word in self.r.generic_scopes:
                continue
            if m.start() <= 1 or word[0] in "全各每" or word.endswith("域"):
                if len(word) > len(best):
                    best = word
        return best

    def _respectively(self, s: _Sentence, cs: int, vs: int) -> tuple[str, bool] | None:
        """For ``A、B…分别达到X、Y``: the subject of this value and whether it is a scope word."""
        text = self.text
        f = text.rfind("分别", cs, vs)
        if f < 0:
            return None
        key = (cs, f)
        seen = self.respectively.setdefault(key, [])
        if vs not in seen:
            seen.append(vs)
        index = seen.index(vs)
        items = [x for x in _SUBJECT_SPLIT_RE.split(_compact(text[cs:f])) if x]
        if len(items) < 2 and cs > s.start:
            previous = _cut_before(s.clause_cuts, cs - 1, s.start)
            items = [x for x in _SUBJECT_SPLIT_RE.split(_compact(text[previous : cs - 1])) if x]
        if len(items) < 2 or index >= len(items):
            return None
        item = self._clean_label(items[index])
        return item, (item in self.r.scope_words or len(item) <= 3)

    # -- candidates ----------------------------------------------------------------------------
    def add_running(self, vs: int, ve: int, value_start: int, *, pair: bool = False, chinese: bool = False,
                    qualitative: bool = False, relative: bool = False) -> None:
        """Add the value text[vs:ve] found in running text (*value_start*: where its number starts)."""
        text, r = self.text, self.r
        s = self._sentence_at(value_start)
        cs = _cut_before(s.clause_cuts, vs, s.start)
        ce = _cut_after(s.clause_cuts, ve, s.end)
        ls = _cut_before(s.label_cuts, vs, s.start)
        le = _cut_after(s.label_cuts, ve, s.end)
        notes: list[str] = []
        conf = 0.55 - (0.1 if chinese else 0.0)
        year, year_start = None, None
        for y_start, y_end, y in s.years:
            if y_end <= vs:
                year, year_start = y, y_start
        if year is not None:
            conf += 0.1
        elif s.carry is not None:
            year = s.carry[1]
            notes.append(f"year carried from 到{year}年 earlier in the paragraph")
        elif self.horizon is not None:
            year = self.horizon
            notes.append(_YEAR_NOTE)
        kind = "target"
        for cue in r.cue_re.finditer(text, cs, ce):
            if cue.start("baseline") >= 0:
                kind = "baseline"
            elif cue.start("standard") >= 0 and kind == "target":
                kind = "standard"
            elif cue.start("per_year") >= 0 and "per year" not in notes:
                notes.append("per year")
        qs = cs
        if year_start is not None and year_start < cs and cs - year_start <= 120:
            qs = _cut_before(s.clause_cuts, year_start, s.start)
        qs, qe = _strip_span(text, qs, ce)
        if relative:
            notes.append("relative to an average level")
        # the label: before the value (…率达到X), or after it (建设X所特色高中) for counts
        after_end = le
        digit = NUMBER_RE.search(text, ve, le)
        if digit:
            after_end = digit.start()
        after = "" if after_end - ve < 2 else self._clean_label(text[ve:after_end], before=False)
        unit_is_share = "%" in text[vs:ve] or "％" in text[vs:ve] or "‰" in text[vs:ve]
        use_after = (not qualitative and not unit_is_share and len(_CJK_RE.findall(after)) >= 2
                     and not _RATE_RE.search(text, cs, vs))
        subjects: list[tuple[str, str]] = []  # (label, alias window)
        each = None if qualitative else r.each_re.search(text, cs, vs)
        if each:
            parts = [x for x in (_compact(p) for p in text[cs : each.start()].split("、")) if x]
            if len(parts) >= 2:
                subjects = [(self._clean_label(p), p) for p in parts]
                notes.append("value shared by several indicators (均)")
        scope = self._scope(text[cs:vs])
        respectively = None if (subjects or qualitative) else self._respectively(s, cs, vs)
        if not subjects:
            before = self._clean_label(text[ls:vs])
            if use_after:
                subjects = [(after, text[ve:after_end] + "\u0000" + text[ls:vs])]
            elif respectively and not respectively[1]:
                subjects = [(respectively[0], respectively[0])]
            elif len(before) >= 2 or ls == cs:
                subjects = [(before, text[ls:vs])]
            else:  # 、-item without a subject of its own: the clause before names the indicator
                subjects = [(before, text[ls:vs] + "\u0000" + text[cs:ls])]
            if respectively:
                scope = respectively[0] if respectively[1] else self._scope(respectively[0])
                notes.append("one of several values stated with 分别")
        scopes = [scope]
        if pair:
            found = r.pair_scope_re.search(text, cs, vs)
            what = _compact(found.group("what") or "小区") if found else ""
            scopes = [f"新建{what}", f"已建{what}"] if found else [scope, scope]
            notes.append("new/existing pair")
        for label, windows in subjects:
            row_notes = list(notes)
            alias, indicator_id = "", ""
            for window in windows.split("\u0000"):
                alias, indicator_id = self._alias(window)
                if indicator_id:
                    break
            if len(label) < 2 and len(after) >= 2:
                label = after  # 争创国家园林城市: what the qualitative word is about follows it
                alias, indicator_id = (alias, indicator_id) if indicator_id else self._alias(text[vs:after_end])
            if len(label) < 2 and not qualitative and self.last_label and self.last_label[0] == s.start:
                label, indicator_id = self.last_label[1], indicator_id or self.last_label[2]
                row_notes.append("label from the preceding value of the same sentence")
            row_conf = conf
            if indicator_id and alias:
                row_conf += 0.15
            elif label:
                indicator_id = self._fuzzy(label)
                if indicator_id:
                    row_conf += 0.05
                    row_notes.append("indicator matched by character overlap")
            if label and not qualitative:
                self.last_label = (s.start, label, indicator_id)
            for k, row_scope in enumerate(scopes):
                self._append(vs, ve, qs, qe, year, kind, None, label, indicator_id, row_scope, row_conf,
                             row_notes, alt=bool(k))

    def add_cell(self, cell) -> None:
        """Add one value cell of an indicator table."""
        label = _compact(cell.label)
        alias, indicator_id = self._alias(self.text[cell.label_start : cell.label_end])
        conf = 0.75 if not cell.flattened else 0.35
        notes = [f"indicator table ({cell.year} {'baseline' if cell.kind == 'baseline' else 'target'} column)"]
        if cell.flattened:
            notes.append("flattened table: columns may be scrambled; check label and unit")
        if alias:
            conf += 0.15
        elif label:
            indicator_id = self._fuzzy(label)
            if indicator_id:
                notes.append("indicator matched by character overlap")
        if cell.alt or _pair_cell(self.text[cell.value_start : cell.value_end]):
            notes.append("new/existing pair")
        scope = "" if cell.flattened else self._scope(label)
        self._append(cell.value_start, cell.value_end, cell.quote_start, cell.quote_end, cell.year, cell.kind,
                     cell.unit, label, indicator_id, scope, conf, notes, alt=cell.alt)

    def _append(self, vs, ve, qs, qe, year, kind, unit_hint, label, indicator_id, scope, conf, notes, *,
                alt=False) -> None:
        self.rows.append((vs, ve, min(qs, vs), max(qe, ve), year, kind, unit_hint, label, indicator_id, scope,
                          conf, "; ".join(notes), alt))


_ROW_FIELDS = ("vs", "ve", "qs", "qe", "year", "kind", "unit_hint", "label", "indicator_id", "scope", "conf",
               "note", "alt")


def _pair_cell(value_text: str) -> bool:
    return "(" in value_text or "\uff08" in value_text


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _stream(text: str, order: int, kind: str, pattern: re.Pattern):
    """Matches of one scan as ``(start, order, kind, match)``, ready for :func:`heapq.merge`."""
    return ((m.start(), order, kind, m) for m in pattern.finditer(text))


def extract(text: str, *, source_id: str | None = None, place_id: str | None = None,
            horizon: int | None = None) -> pd.DataFrame:
    """Propose the quantitative (and qualitative) statements of one planning document.

    Parameters
    ----------
    text : str
        The document as read (offsets index into exactly this string).
    source_id, place_id : str, optional
        Written into every row; ``statement_id`` is ``<source_id or 'draft'>-x001`` ….
    horizon : int, optional
        The plan horizon's end year, used when a statement states no year. When not given it is
        guessed as the most frequent ``到YYYY年`` of the text.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EXTRACT_COLUMNS`, one row per statement, in reading order;
        ``text[quote_start:quote_end] == quote`` and ``value_text`` is part of ``quote``. A candidate
        whose value text :mod:`comparekit.values` cannot read is left out (none in the five plans).

    Examples
    --------
    >>> rows = extract("到2025年,全市常住人口城镇化率达到55%左右。", horizon=2025)
    >>> rows[["indicator_id", "scope_text", "year", "value", "qualifier", "value_text"]].values.tolist()
    [['urbanization_rate', '全市', 2025, 55.0, 'about', '55%左右']]
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs the document text as str, not {type(text).__name__}")
    r = rules()
    if horizon is None:
        horizon = guess_horizon(text, r)
    collector = _Collector(text, r, horizon)
    table_end = -1
    streams = [_stream(text, i, kind, pattern) for i, (kind, pattern) in enumerate(r.scans)]
    for start, _, kind, m in heapq.merge(*streams):
        if start < table_end:
            continue
        if kind == "v":
            span = keep_value(text, m, r)
            if span:
                collector.add_running(*span, start, pair=m.group("pair") is not None)
        elif kind == "cv":
            span = keep_chinese(text, m, r)
            if span:
                collector.add_running(*span, span[0], chinese=True)
        elif kind == "q":
            if keep_qualitative(text, start):
                collector.add_running(start, m.end(), start, qualitative=True)
        elif kind == "rel":
            collector.add_running(start, m.end(), start, relative=True)
        else:
            cells, span = read_table(text, m, r.registry_units)
            for cell in cells:
                collector.add_cell(cell)
            if span:
                table_end = max(table_end, span[1])
    return _frame(collector, source_id, place_id)


def _frame(collector: _Collector, source_id: str | None, place_id: str | None) -> pd.DataFrame:
    texts = collector.text
    n = len(collector.rows)
    columns = zip(*collector.rows) if n else [[] for _ in _ROW_FIELDS]
    rows = dict(zip(_ROW_FIELDS, (list(c) for c in columns)))
    rows["value_text"] = [texts[a:b] for a, b in zip(rows["vs"], rows["ve"])]
    parsed = parse_value_texts(pd.Series(rows["value_text"], dtype=object))
    ok = parsed["error"].isna().to_numpy()
    alt = np.asarray(rows["alt"], dtype=bool)
    value = np.where(alt, parsed["value_alt"].to_numpy(), parsed["value"].to_numpy())
    unit = parsed["unit"].astype(object).where(parsed["unit"].notna(), None).tolist()
    labels = rows["label"]
    for i in range(n):
        hint = rows["unit_hint"][i]
        if unit[i] is None and hint:
            unit[i] = hint
        if unit[i] in ("个", "人", "张") and _PER_1000_RE.search(texts[rows["qs"][i] : rows["ve"][i]]):
            unit[i] = f"{unit[i]}/千人"
        elif unit[i] == "平方米" and "人均" in labels[i]:
            unit[i] = "平方米/人"
        elif unit[i] == "平方米" and "每百户" in texts[rows["qs"][i] : rows["ve"][i]]:
            unit[i] = "平方米/百户"
    base = source_id or "draft"
    frame = pd.DataFrame({
        "place_id": pd.array([place_id] * n, dtype="str"),
        "source_id": pd.array([source_id] * n, dtype="str"),
        "indicator_id": pd.array([x or None for x in rows["indicator_id"]], dtype="str"),
        "scope_text": pd.array([x or None for x in rows["scope"]], dtype="str"),
        "year": pd.array(rows["year"], dtype="Int64"),
        "kind": pd.array(rows["kind"], dtype="str"),
        "value": value.astype("float64"),
        "value_high": parsed["value_high"].to_numpy(dtype="float64"),
        "unit": pd.array(unit, dtype="str"),
        "qualifier": pd.array(parsed["qualifier"].tolist(), dtype="str"),
        "value_text": pd.array(rows["value_text"], dtype="str"),
        "quote_start": pd.array(rows["qs"], dtype="Int64"),
        "quote_end": pd.array(rows["qe"], dtype="Int64"),
        "note": pd.array([x or None for x in rows["note"]], dtype="str"),
        "indicator_label": pd.array([x or None for x in rows["label"]], dtype="str"),
        "confidence": np.clip(np.asarray(rows["conf"], dtype="float64"), 0.05, 0.99).round(2),
        "_vs": np.asarray(rows["vs"], dtype="int64"),
    })
    frame = frame[ok].sort_values("_vs", kind="stable").drop(columns="_vs").reset_index(drop=True)
    frame["quote"] = pd.array([texts[a:b] for a, b in zip(frame["quote_start"], frame["quote_end"])], dtype="str")
    frame["statement_id"] = pd.array([f"{base}-x{i:03d}" for i in range(1, len(frame) + 1)], dtype="str")
    return frame[EXTRACT_COLUMNS]


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_document(path: str | Path) -> tuple[str, str]:
    """Read a plan document as text and say which encoding it was in.

    UTF-8 (with or without BOM), UTF-16/32 (with BOM) and GB18030 (which includes GBK and GB2312)
    are recognised; other encodings are guessed with ``charset-normalizer``. Line endings are
    kept as they are, so offsets index into the text exactly as stored.

    Parameters
    ----------
    path : str or Path
        The document (plain text).

    Returns
    -------
    (text, encoding)

    Raises
    ------
    DocumentError
        The file is missing, empty, binary (NUL or control bytes) or in no readable encoding;
        the message names the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
    >>> _ = path.write_bytes("到2025年,城镇化率达到55%左右。".encode("gb18030"))
    >>> read_document(path)
    ('到2025年,城镇化率达到55%左右。', 'gb18030')
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: file not found") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise DocumentError(f"{path}: the file is empty; expected the text of a planning document")
    text, encoding = None, None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(name), name
            except UnicodeDecodeError:
                raise DocumentError(f"{path}: starts with a {name} byte-order mark but is not valid {name}") from None
            break
    if text is None:
        if b"\x00" in data:
            raise DocumentError(f"{path}: looks like a binary file (it contains NUL bytes), not plain text; "
                                "convert it to UTF-8 text first")
        for name in ("utf-8", "gb18030"):
            try:
                text, encoding = data.decode(name), name
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise DocumentError(f"{path}: not readable as text in UTF-8, GB18030 or any encoding charset-normalizer "
                                "knows; save it as UTF-8")
        text, encoding = str(best), best.encoding
    controls = len(_CONTROL_RE.findall(text))
    if controls > max(3, len(text) // 200):
        raise DocumentError(f"{path}: {controls} control characters after decoding as {encoding}; "
                            "this looks like a binary file, not plain text")
    return text, encoding


def _slug(stem: str, i: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", stem.lower()).strip("_")
    return slug if slug[:1].isalpha() else f"doc{i + 1}" + (f"_{slug}" if slug else "")


def extract_documents(paths: Iterable[str | Path], *, place_id: str, source_ids: Sequence[str] | None = None,
                      horizon: int | None = None, progress: bool = True) -> pd.DataFrame:
    """Extract a review-ready draft statement table from several documents of one place.

    Parameters
    ----------
    paths : iterable of str or Path
        Plain-text documents (any encoding :func:`read_document` reads).
    place_id : str
        The place the documents belong to.
    source_ids : sequence of str, optional
        One id per document; by default a slug of each file name.
    horizon : int, optional
        Plan horizon end year for statements without a year (guessed per document when omitted).
    progress : bool
        Show a progress bar across files.

    Returns
    -------
    pandas.DataFrame
        :data:`EXTRACT_COLUMNS` plus ``file`` (the file name) and ``encoding``; offsets index into
        each document as decoded.

    Raises
    ------
    DocumentError
        Naming the first file that cannot be read.
    """
    from tqdm.auto import tqdm

    paths = [Path(p) for p in paths]
    if source_ids is not None and len(source_ids) != len(paths):
        raise ValueError(f"{len(source_ids)} source ids for {len(paths)} files; give one id per file")
    ids = list(source_ids) if source_ids is not None else []
    if source_ids is None:
        for i, path in enumerate(paths):
            slug = _slug(path.stem, i)
            ids.append(slug if slug not in ids else f"{slug}_{i + 1}")
    frames = []
    for path, source_id in tqdm(list(zip(paths, ids)), desc="extracting", unit="file", disable=not progress):
        text, encoding = read_document(path)
        frame = extract(text, source_id=source_id, place_id=place_id, horizon=horizon)
        frame["file"] = path.name
        frame["encoding"] = encoding
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=EXTRACT_COLUMNS + ["file", "encoding"])
    return pd.concat(frames, ignore_index=True)


def summarize_extraction(draft: pd.DataFrame) -> str:
    """Summarize a draft statement table in a few lines of plain text.

    Counts rows by file (or source), numeric vs qualitative rows, rows with and without an
    indicator id, and rows by kind and year.

    Examples
    --------
    >>> print(summarize_extraction(extract("到2025年,城镇化率达到55%左右,实现全覆盖。", source_id="plan")))
    2 statements (1 numeric, 1 without a number) from 1 document(s)
      plan: 2
    indicator id: 1 matched, 1 unmatched (see indicator_label)
    kind: target 2
    year: 2025 2
    """
    if len(draft) == 0:
        return "no statements found"
    by = "file" if "file" in draft.columns else "source_id"
    groups = draft[by].fillna("(no source)") if by in draft.columns else pd.Series(["(text)"] * len(draft))
    numeric = int(draft["value"].notna().sum())
    matched = int(draft["indicator_id"].notna().sum())
    lines = [f"{len(draft)} statements ({numeric} numeric, {len(draft) - numeric} without a number) "
             f"from {groups.nunique()} document(s)"]
    lines += [f"  {name}: {count}" for name, count in groups.value_counts(sort=False).items()]
    lines.append(f"indicator id: {matched} matched, {len(draft) - matched} unmatched (see indicator_label)")
    kinds = draft["kind"].value_counts()
    lines.append("kind: " + ", ".join(f"{k} {v}" for k, v in kinds.items()))
    years = draft["year"].value_counts(dropna=False).sort_index()
    lines.append("year: " + ", ".join(f"{'none' if pd.isna(k) else k} {v}" for k, v in years.items()))
    return "\n".join(lines)
