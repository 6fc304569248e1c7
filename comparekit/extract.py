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

Speed: each scan runs once over the text; sentence context (boundaries, clause marks, year marks)
is computed once per sentence that holds a value, and look-ups that depend only on a label's text
are cached by that text for the call. A long text can be read by several processes
(``extract(text, workers=2)``), cut at blank lines after a sentence end, with identical results;
``benchmarks/bench_extract.py`` measures both.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import threading
import uuid
from bisect import bisect_left, bisect_right
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from .errors import ComparekitError
from .extract_rules import (
    NUMBER_RE,
    Rules,
    counted_unit_start,
    guess_horizon,
    keep_chinese,
    keep_counted_unit,
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
    "PARALLEL_MIN_CHARS",
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
_RATE_UNITS = frozenset({"个", "人", "张", "平方米"})
_COUNTED_UNITS = frozenset({"star", "half", "scale"})  # scans that find a Chinese numeral by its unit word
_STR = pd.StringDtype("pyarrow", na_value=np.nan)  # the default "str" dtype


class DocumentError(ComparekitError):
    """A document cannot be read as text (binary, empty or in an unknown encoding)."""


class _Sentence:
    """Boundaries, cuts and year marks of one sentence, computed once for all values inside it."""

    __slots__ = ("start", "end", "clause_cuts", "label_cuts", "year_matches", "years", "years_read", "carry")

    def __init__(self, text: str, pos: int, r: Rules) -> None:
        lo = pos - 400 if pos > 400 else 0
        hi = pos + 400
        last = text.rfind("。", lo, pos)
        if _OTHER_END_RE.search(text, last + 1 if last >= 0 else lo, pos):  # rare: ！？!? after the last 。
            rfind = text.rfind
            last = max(last, rfind("\uff01", lo, pos), rfind("\uff1f", lo, pos), rfind("!", lo, pos),
                       rfind("?", lo, pos))
        start = last + 1 if last >= 0 else lo
        if text.find("\n", start, pos) >= 0:
            for m in r.blank_re.finditer(text, start, pos):
                start = m.end()
        found = _SENTENCE_END_RE.search(text, pos, hi)
        end = found.start() if found else min(len(text), hi)
        if text.find("\n", pos, end) >= 0:
            m = r.blank_re.search(text, pos, end)
            end = m.start() if m else end
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
        self.carry: tuple[int, int] | None | bool = False  # computed on first use (see _Collector._carry)


_SENTENCE_END_RE = re.compile(r"[。\uff01\uff1f!?]")
_OTHER_END_RE = re.compile(r"[\uff01\uff1f!?]")
_CUT_RE = re.compile(r"[,\uff0c;\uff1b:\uff1a、]")
_MATCH_START = re.Match.start

#: Label windows longer than this are looked up without caching (a cache is for label text, which
#: repeats within a document; a long window is running text).
_CACHE_MAX_KEY = 48


def _compact(text: str) -> str:
    """*text* without any whitespace (line-break spaces inside words included)."""
    return "".join(text.split())


def _cut_before(cuts: list[int], pos: int, default: int) -> int:
    """Start of the segment holding *pos*: one past the last cut before it."""
    i = bisect_left(cuts, pos)
    return cuts[i - 1] + 1 if i else default


class _LabelCaches:
    """Look-ups by label text for one call of :func:`extract` (shared by the pieces a worker reads)."""

    __slots__ = ("alias", "fuzzy", "label", "after", "scope")

    def __init__(self) -> None:
        self.alias: dict[str, tuple[str, str]] = {}
        self.fuzzy: dict[str, str] = {}
        self.label: dict[str, str] = {}
        self.after: dict[str, tuple[str, bool]] = {}
        self.scope: dict[str, str] = {}


class _Collector:
    """Collects candidate rows (one tuple per statement) with their context: year, kind, label, scope.

    Look-ups that depend only on a label's text (cleaning, registry alias, character-overlap match,
    scope word) are cached per call by that text; sentence context is computed once per sentence.
    """

    def __init__(self, text: str, r: Rules, horizon: int | None, caches: _LabelCaches | None = None) -> None:
        self.text, self.r, self.horizon = text, r, horizon
        self.sentence: _Sentence | None = None
        self.last_label: tuple[int, str, str] | None = None  # (sentence start, label, indicator)
        self.respectively: dict[tuple[int, int], list[int]] = {}  # 分别 lists: values seen per list
        self.rows: list[tuple] = []
        caches = caches or _LabelCaches()
        self._alias_cache = caches.alias
        self._fuzzy_cache = caches.fuzzy
        self._label_cache = caches.label
        self._after_cache = caches.after
        self._scope_cache = caches.scope
        self._to_years: list[tuple[int, int, int]] | None = None
        self._to_year_ends: list[int] = []

    # -- context -------------------------------------------------------------------------------
    def _carry(self, s: _Sentence) -> tuple[int, int] | None:
        """``(position, year)`` of a ``到YYYY年`` earlier in the same paragraph (within 300 characters)."""
        if s.carry is False:
            if self._to_years is None:  # every 到YYYY年 of the text, found in one pass on first use
                found = sorted((m.start(), m.end(), int(m.group(1)))
                               for pattern in self.r.to_year_scans for m in pattern.finditer(self.text))
                self._to_years = found
                self._to_year_ends = [end for _, end, _ in found]
            start = s.start
            carry = None
            i = bisect_right(self._to_year_ends, start)  # the last one that ends before the sentence
            if i and self._to_years[i - 1][0] >= start - 300:
                carry = (self._to_years[i - 1][0], self._to_years[i - 1][2])
                if self.r.paragraph_re.search(self.text, carry[0] + 1, start):
                    carry = None
            s.carry = carry
        return s.carry

    def _alias(self, window: str) -> tuple[str, str]:
        """Longest registry alias in *window* (the last one on ties): ``(alias, indicator_id)``."""
        found = self._alias_cache.get(window)
        if found is not None:
            return found
        found = ("", "")
        if window:
            compact = _compact(window) if _WS_RE.search(window) else window
            best = ""
            for m in self.r.alias_re.finditer(compact):
                if len(m.group()) >= len(best):
                    best = m.group()
            if best:
                found = (best, self.r.alias_to_id[best])
        if len(window) <= _CACHE_MAX_KEY:
            self._alias_cache[window] = found
        return found

    def _fuzzy(self, label: str) -> str:
        """The registry indicator whose Chinese name shares most character bigrams with *label* (the
        share of the name's bigrams; on a tie the one listed first in the registry)."""
        found = self._fuzzy_cache.get(label)
        if found is not None:
            return found
        tail = label[-16:]  # an indicator name ends the label (…常住人口城镇化率)
        grams = {tail[i : i + 2] for i in range(len(tail) - 1)}
        best = ""
        if len(grams) >= 2:
            counts: dict[str, int] = {}
            for gram in grams:
                for indicator_id in self.r.bigram_index.get(gram, ()):
                    counts[indicator_id] = counts.get(indicator_id, 0) + 1
            best_score, best_rank = 0.0, -1
            rank = self.r.indicator_rank
            for indicator_id, shared in counts.items():
                score = shared / max(1, len(self.r.name_bigrams[indicator_id]))
                if shared >= 3 and score >= 0.5 and (
                        score > best_score or score == best_score and rank[indicator_id] < best_rank):
                    best, best_score, best_rank = indicator_id, score, rank[indicator_id]
        if len(label) <= _CACHE_MAX_KEY:
            self._fuzzy_cache[label] = best
        return best

    def _clean_label(self, raw: str) -> str:
        """The label before a value: *raw* without spaces, leading year/verb words, edges and verbs."""
        label = self._label_cache.get(raw)
        if label is None:
            r = self.r
            label = r.label_verb_re.sub("", _LABEL_EDGE_RE.sub("", r.label_junk_re.sub("", "".join(raw.split()))))
            if len(raw) <= _CACHE_MAX_KEY:
                self._label_cache[raw] = label
        return label

    def _clean_after(self, raw: str) -> tuple[str, bool]:
        """The label after a value (``建设X所特色高中``) and whether it has two CJK characters."""
        found = self._after_cache.get(raw)
        if found is None:
            label = _LABEL_EDGE_RE.sub("", self.r.label_junk_re.sub("", "".join(raw.split())))
            found = (label, len(_CJK_RE.findall(label)) >= 2)
            if len(raw) <= _CACHE_MAX_KEY:
                self._after_cache[raw] = found
        return found

    def _scope(self, window: str) -> str:
        """A scope word at the head of the clause, or a 全/各/每 scope word anywhere in it."""
        best = self._scope_cache.get(window)
        if best is not None:
            return best
        best = ""
        r = self.r
        lead = _LABEL_EDGE_RE.sub("", r.label_junk_re.sub("", "".join(window.split())))
        for m in r.scope_re.finditer(lead):
            word = m.group()
            if word in r.generic_scopes:
                continue
            if m.start() <= 1 or word[0] in "全各每" or word.endswith("域"):
                if len(word) > len(best):
                    best = word
        if len(window) <= _CACHE_MAX_KEY:
            self._scope_cache[window] = best
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
        s = self.sentence
        if s is None or not (s.start <= value_start < s.end):
            s = self.sentence = _Sentence(text, value_start, r)
        s_start, s_end = s.start, s.end
        clause_cuts, label_cuts = s.clause_cuts, s.label_cuts
        i = bisect_left(clause_cuts, vs)
        cs = clause_cuts[i - 1] + 1 if i else s_start
        i = bisect_left(clause_cuts, ve)
        ce = clause_cuts[i] if i < len(clause_cuts) else s_end
        i = bisect_left(label_cuts, vs)
        ls = label_cuts[i - 1] + 1 if i else s_start
        i = bisect_left(label_cuts, ve)
        le = label_cuts[i] if i < len(label_cuts) else s_end
        notes: list[str] = []
        conf = 0.55 - (0.1 if chinese else 0.0)
        year, year_start = None, None
        matches = s.year_matches
        while s.years_read < len(matches) and matches[s.years_read].end() <= vs:
            mark = year_mark(text, matches[s.years_read], r)
            if mark:
                s.years.append(mark)
            s.years_read += 1
        for y_start, y_end, y in s.years:
            if y_end > vs:
                break
            year, year_start = y, y_start
        if year is not None:
            conf += 0.1
        else:
            carry = s.carry
            if carry is False:
                carry = self._carry(s)
            if carry is not None:
                year = carry[1]
                notes.append(f"year carried from 到{year}年 earlier in the paragraph")
            elif self.horizon is not None:
                year = self.horizon
                notes.append(_YEAR_NOTE)
        kind = "target"
        for m in r.cue_re.finditer(text, cs, ce):
            group = r.cue_kinds[m.group()]
            if group == "baseline":
                kind = "baseline"
            elif group == "standard":
                if kind == "target":
                    kind = "standard"
            elif "per year" not in notes:
                notes.append("per year")
        qs = cs
        if year_start is not None and year_start < cs and cs - year_start <= 120:
            i = bisect_left(clause_cuts, year_start)
            qs = clause_cuts[i - 1] + 1 if i else s_start
        qe = ce
        while qs < qe and text[qs].isspace():
            qs += 1
        while qe > qs and text[qe - 1].isspace():
            qe -= 1
        if relative:
            notes.append("relative to an average level")
        # the label: before the value (…率达到X), or after it (建设X所特色高中) for counts
        after_end = le
        digit = NUMBER_RE.search(text, ve, le)
        if digit:
            after_end = digit.start()
        if after_end - ve < 2:
            after, after_is_label = "", False
        else:
            raw = text[ve:after_end]
            found = self._after_cache.get(raw)
            after, after_is_label = found if found is not None else self._clean_after(raw)
        use_after = False
        if after_is_label and not qualitative:
            value_text = text[vs:ve]
            use_after = ("%" not in value_text and "％" not in value_text and "‰" not in value_text
                         and not _RATE_RE.search(text, cs, vs))
        subjects: list[tuple[str, tuple[str, ...]]] = []  # (label, alias windows)
        each = None if qualitative else r.each_re.search(text, cs, vs)
        if each:
            parts = [x for x in (_compact(p) for p in text[cs : each.start()].split("、")) if x]
            if len(parts) >= 2:
                subjects = [(self._clean_label(p), (p,)) for p in parts]
                notes.append("value shared by several indicators (均)")
        window = text[cs:vs]
        scope = self._scope_cache.get(window)
        if scope is None:
            scope = self._scope(window)
        respectively = None
        if not (subjects or qualitative) and text.find("分别", cs, vs) >= 0:
            respectively = self._respectively(s, cs, vs)
        if not subjects:
            window = text[ls:vs]
            before = self._label_cache.get(window)
            if before is None:
                before = self._clean_label(window)
            if use_after:
                subjects = [(after, (text[ve:after_end], window))]
            elif respectively and not respectively[1]:
                subjects = [(respectively[0], (respectively[0],))]
            elif len(before) >= 2 or ls == cs:
                subjects = [(before, (window,))]
            else:  # 、-item without a subject of its own: the clause before names the indicator
                subjects = [(before, (window, text[cs:ls]))]
            if respectively:
                scope = respectively[0] if respectively[1] else self._scope(respectively[0])
                notes.append("one of several values stated with 分别")
        scopes = (scope,)
        if pair:
            found = r.pair_scope_re.search(text, cs, vs)
            what = _compact(found.group("what") or "小区") if found else ""
            scopes = (f"新建{what}", f"已建{what}") if found else (scope, scope)
            notes.append("new/existing pair")
        qs = qs if qs < vs else vs
        qe = qe if qe > ve else ve
        rows = self.rows
        alias_cache = self._alias_cache
        for label, windows in subjects:
            row_notes = notes
            alias, indicator_id = "", ""
            for window in windows:
                found = alias_cache.get(window)
                alias, indicator_id = found if found is not None else self._alias(window)
                if indicator_id:
                    break
            if len(label) < 2 and len(after) >= 2:
                label = after  # 争创国家园林城市: what the qualitative word is about follows it
                alias, indicator_id = (alias, indicator_id) if indicator_id else self._alias(text[vs:after_end])
            if len(label) < 2 and not qualitative and self.last_label and self.last_label[0] == s_start:
                label, indicator_id = self.last_label[1], indicator_id or self.last_label[2]
                row_notes = row_notes + ["label from the preceding value of the same sentence"]
            row_conf = conf
            if indicator_id and alias:
                row_conf += 0.15
            elif label:
                indicator_id = self._fuzzy_cache.get(label)
                if indicator_id is None:
                    indicator_id = self._fuzzy(label)
                if indicator_id:
                    row_conf += 0.05
                    row_notes = row_notes + ["indicator matched by character overlap"]
            if label and not qualitative:
                self.last_label = (s_start, label, indicator_id)
            note = "; ".join(row_notes)
            rows.append((vs, ve, qs, qe, year, kind, None, label, indicator_id, scopes[0], row_conf, note, False))
            if pair:  # the second number of a new/existing pair
                rows.append((vs, ve, qs, qe, year, kind, None, label, indicator_id, scopes[1], row_conf, note, True))

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
        vs, ve = cell.value_start, cell.value_end
        self.rows.append((vs, ve, min(cell.quote_start, vs), max(cell.quote_end, ve), cell.year, cell.kind,
                          cell.unit, label, indicator_id, scope, conf, "; ".join(notes), cell.alt))


_ROW_FIELDS = ("vs", "ve", "qs", "qe", "year", "kind", "unit_hint", "label", "indicator_id", "scope", "conf",
               "note", "alt")


def _pair_cell(value_text: str) -> bool:
    return "(" in value_text or "\uff08" in value_text


def _collect(text: str, r: Rules, horizon: int | None, start: int = 0, stop: int | None = None,
             caches: _LabelCaches | None = None) -> list[tuple]:
    """Candidate rows (see :data:`_ROW_FIELDS`) for the matches of ``r.scans`` that start in [start, stop).

    Every scan runs once over the text; the matches are then read in text order (ties in the order
    of ``r.scans``), and matches inside an indicator table already read are skipped.
    """
    collector = _Collector(text, r, horizon, caches)
    add_running, add_cell = collector.add_running, collector.add_cell
    stop = len(text) if stop is None else stop
    kinds = [kind for kind, _ in r.scans]
    value_order = kinds.index("v")
    # the matches of the rarer scans, in text order; those of the value scan are merged in below
    others: list[tuple[int, int, re.Match | None]] = []
    for order, (kind, pattern) in enumerate(r.scans):
        if order == value_order:
            continue
        if kind in _COUNTED_UNITS:  # found by the unit word; the match starts at the numeral before it
            for m in pattern.finditer(text, start):
                begin = counted_unit_start(text, kind, m)
                if begin is None or begin < start:
                    continue
                if begin >= stop:  # (begin only grows from one match to the next)
                    break
                others.append((begin, order, m))
            continue
        for m in pattern.finditer(text, start):
            if m.start() >= stop:
                break
            others.append((m.start(), order, m))
    others.sort()  # by (start, order); two matches never share both, so matches are never compared
    others.append((stop, len(kinds), None))
    table_end = -1

    def read_other(begin: int, kind: str, m: re.Match) -> None:
        nonlocal table_end
        if begin < table_end:
            return
        if kind == "cv":
            span = keep_chinese(text, m, r)
            if span:
                add_running(span[0], span[1], span[0], chinese=True)
        elif kind in _COUNTED_UNITS:
            span = keep_counted_unit(text, kind, begin, m.end())
            if span:
                add_running(span[0], span[1], span[0], chinese=True)
        elif kind == "q":
            if keep_qualitative(text, begin):
                add_running(begin, m.end(), begin, qualitative=True)
        elif kind == "rel":
            add_running(begin, m.end(), begin, relative=True)
        else:
            cells, span = read_table(text, m, r.registry_units)
            for cell in cells:
                add_cell(cell)
            if span:
                table_end = max(table_end, span[1])

    j = 0
    other = others[0]
    for m in r.scans[value_order][1].finditer(text, start):
        begin = m.start()
        if begin >= stop:
            break
        while other[0] < begin or (other[0] == begin and other[1] < value_order):
            read_other(other[0], kinds[other[1]], other[2])
            j += 1
            other = others[j]
        if begin < table_end:
            continue
        span = keep_value(text, m, r)
        if span:
            add_running(span[0], span[1], begin, pair=m.start("pair") >= 0)
    for begin, order, m in others[j:-1]:
        read_other(begin, kinds[order], m)
    return collector.rows


def _read(text: str, r: Rules, horizon: int | None, start: int = 0, stop: int | None = None,
          offset: int = 0, caches: _LabelCaches | None = None) -> pd.DataFrame:
    """:func:`_collect` then :func:`_frame`, with the cyclic garbage collector paused.

    Reading allocates many small tuples that are all kept until the table is built; with the
    collector running, its passes over them cost about a tenth of the time. It is switched back on
    (if it was on) before returning.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _frame(_collect(text, r, horizon, start, stop, caches), text, offset)
    finally:
        if enabled:
            gc.enable()


def extract(text: str, *, source_id: str | None = None, place_id: str | None = None,
            horizon: int | None = None, workers: int | None = None) -> pd.DataFrame:
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
    workers : int, optional
        Processes to read the text with. With more than one, the text is cut into pieces at blank
        lines after a sentence end and the pieces are read by a pool of *workers* processes
        (started on first use and kept for later calls); the result is identical to ``workers=1``.
        By default a text shorter than :data:`PARALLEL_MIN_CHARS` characters (every real plan) is
        read in this process, a longer one with one process per available CPU (at most 8). The
        processes are started with 'spawn', so a script must call :func:`extract` under
        ``if __name__ == "__main__":``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EXTRACT_COLUMNS`, one row per statement, in reading order;
        ``text[quote_start:quote_end] == quote`` and ``value_text`` is part of ``quote``. A candidate
        whose value text :mod:`comparekit.values` cannot read is left out (none in the five plans).

    Raises
    ------
    TypeError
        *text* is not a str.
    ValueError
        *workers* is not a positive integer.
    RuntimeError
        A worker process stopped before finishing (the message says why this usually happens).

    Examples
    --------
    >>> rows = extract("到2025年,全市常住人口城镇化率达到55%左右。", horizon=2025)
    >>> rows[["indicator_id", "scope_text", "year", "value", "qualifier", "value_text"]].values.tolist()
    [['urbanization_rate', '全市', 2025, 55.0, 'about', '55%左右']]
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs the document text as str, not {type(text).__name__}")
    workers = _worker_count(workers, len(text))
    r = rules()
    if horizon is None:
        horizon = guess_horizon(text, r)
    starts = _pieces(text, workers * (4 if len(text) >= PARALLEL_MIN_CHARS else 1)) if workers > 1 else [0]
    if len(starts) > 1:
        statements = _extract_parallel(text, starts, horizon, workers)
    else:
        statements = _read(text, r, horizon)
    return _finish(statements, source_id, place_id)


def _frame(rows: list[tuple], text: str, offset: int = 0) -> pd.DataFrame:
    """The statement columns of *rows* (without ids, place and source), in reading order.

    Rows whose value text cannot be read are left out; *offset* is added to the quote offsets
    (*text* is then a piece of a longer document that starts at *offset*).
    """
    n = len(rows)
    if n:
        vs, ve, qs, qe, year, kind, unit_hint, label, indicator_id, scope, conf, note, alt = zip(*rows)
    else:
        vs = ve = qs = qe = year = kind = unit_hint = label = indicator_id = scope = conf = note = alt = ()
    value_text = [text[a:b] for a, b in zip(vs, ve)]
    parsed = parse_value_texts(pd.Series(value_text, dtype=object))
    ok = parsed["error"].isna().tolist()
    value = np.where(np.asarray(alt, dtype=bool), parsed["value_alt"].to_numpy(dtype="float64"),
                     parsed["value"].to_numpy(dtype="float64"))
    unit = parsed["unit"].astype(object).where(parsed["unit"].notna(), None).tolist()
    for i in [i for i, hint in enumerate(unit_hint) if hint and unit[i] is None]:
        unit[i] = unit_hint[i]  # the unit column of an indicator table
    for i in [i for i, u in enumerate(unit) if u in _RATE_UNITS]:  # a count per 1000 people, an area per person
        u = unit[i]
        if u != "平方米":
            if _PER_1000_RE.search(text, qs[i], ve[i]):
                unit[i] = f"{u}/千人"
        elif "人均" in label[i]:
            unit[i] = "平方米/人"
        elif text.find("每百户", qs[i], ve[i]) >= 0:
            unit[i] = "平方米/百户"
    statements = pd.DataFrame({
        "indicator_id": _strings([x or None for x in indicator_id]),
        "scope_text": _strings([x or None for x in scope]),
        "year": pd.array(list(year), dtype="Int64"),
        "kind": _strings(kind),
        "value": value,
        "value_high": parsed["value_high"].to_numpy(dtype="float64"),
        "unit": _strings(unit),
        "qualifier": parsed["qualifier"].astype("str"),
        "value_text": _strings(value_text),
        "quote": _strings([text[a:b] for a, b in zip(qs, qe)]),
        "quote_start": pd.array(np.asarray(qs, dtype=np.int64) + offset, dtype="Int64"),
        "quote_end": pd.array(np.asarray(qe, dtype=np.int64) + offset, dtype="Int64"),
        "note": _strings([x or None for x in note]),
        "indicator_label": _strings([x or None for x in label]),
        "confidence": np.clip(np.asarray(conf, dtype="float64"), 0.05, 0.99).round(2),
    }, copy=False)
    starts = list(vs)
    if starts != sorted(starts) or not all(ok):
        order = sorted(range(n), key=starts.__getitem__)  # stable: rows of one value keep their order
        statements = statements.take([i for i in order if ok[i]]).reset_index(drop=True)
    return statements


def _finish(statements: pd.DataFrame, source_id: str | None, place_id: str | None) -> pd.DataFrame:
    """Add statement ids (``<source_id or 'draft'>-x001`` …), place and source; order the columns."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(statements)
    numbers = pc.cast(pa.array(np.arange(1, n + 1, dtype=np.int64)), pa.string())
    ids = pc.binary_join_element_wise(f"{source_id or 'draft'}-x", pc.utf8_lpad(numbers, width=3, padding="0"), "")
    added = {
        "statement_id": _strings(ids.cast(pa.large_string())),
        "place_id": _strings([place_id] * n),
        "source_id": _strings([source_id] * n),
    }
    return pd.DataFrame({name: added[name] if name in added else statements[name].array for name in EXTRACT_COLUMNS},
                        copy=False)


def _strings(values) -> pd.api.extensions.ExtensionArray:
    """A pandas ``str`` array from str/None values (or an Arrow string array), made by pyarrow directly."""
    import pyarrow as pa

    if not isinstance(values, pa.Array):
        values = pa.array(values, type=pa.large_string())
    return pd.arrays.ArrowStringArray(values, dtype=_STR)


# --------------------------------------------------------------------------------------------
# Several processes
# --------------------------------------------------------------------------------------------

#: Texts shorter than this (characters) are read in one process when ``workers`` is not given.
PARALLEL_MIN_CHARS = 2_000_000

# A piece boundary: a blank line after a sentence end. No scan match can cross it (none contains
# 。 except inside a table header's short parenthesis, excluded by _BOUNDARY_PAREN), no sentence,
# clause, table or carried year crosses a blank line, and every look-back or look-ahead of the
# rules stays within _MARGIN_BEFORE / _MARGIN_AFTER characters of the piece.
_BOUNDARY_RE = re.compile(r"。[ \t\u00a0\u3000\r]*\n[ \t\u00a0\u3000\r]*\n")
_BOUNDARY_PAREN = 10
_MARGIN_BEFORE = 1_000
_MARGIN_AFTER = 5_000

_POOL: tuple[int, ProcessPoolExecutor] | None = None
_POOL_LOCK = threading.Lock()
_WORKER_CACHES: tuple[str, _LabelCaches] | None = None  # in a worker: (call id, caches)


def _pieces(text: str, count: int) -> list[int]:
    """Start offsets of up to *count* pieces of *text* (the first is 0), cut at piece boundaries."""
    starts = [0]
    n = len(text)
    for k in range(1, count):
        m = _BOUNDARY_RE.search(text, max(n * k // count, starts[-1]))
        while m and ("(" in text[max(0, m.start() - _BOUNDARY_PAREN) : m.start()]
                     or "\uff08" in text[max(0, m.start() - _BOUNDARY_PAREN) : m.start()]):
            m = _BOUNDARY_RE.search(text, m.end())
        if m is None or m.end() >= n:
            break
        if m.end() > starts[-1]:
            starts.append(m.end())
    return starts


def _pack(piece: str) -> str | bytes:
    """*piece* as UTF-16 (sent to a worker several times faster than a pickled str, which is UTF-8);
    a text with an unpaired surrogate (not encodable) is sent as it is."""
    try:
        return piece.encode("utf-16-le")
    except UnicodeEncodeError:
        return piece


def _extract_piece(task: tuple[str | bytes, int, int, int, int | None, str]) -> pd.DataFrame:
    """Worker: the statement columns for the matches that start in ``[start, stop)`` of a piece.

    *task* is ``(piece, offset, start, stop, horizon, call)``: the piece (with margins) as text or
    UTF-16, where it starts in the whole text, the part of it this worker answers for, and an id of
    the :func:`extract` call (pieces of one call share the label caches of a worker).
    """
    global _WORKER_CACHES
    piece, offset, start, stop, horizon, call = task
    if isinstance(piece, bytes):
        piece = piece.decode("utf-16-le")
    if _WORKER_CACHES is None or _WORKER_CACHES[0] != call:  # the first piece of this call here
        _WORKER_CACHES = (call, _LabelCaches())
    return _read(piece, rules(), horizon, start, stop, offset, _WORKER_CACHES[1])


def _warm_worker() -> None:
    rules()  # compile the rules once per worker process


def _executor(workers: int) -> ProcessPoolExecutor:
    """A pool of *workers* processes ('spawn': the same on every platform), started on first use and
    kept for later calls; it ends with the interpreter."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None or _POOL[0] != workers:
            if _POOL is not None:
                _POOL[1].shutdown(wait=False, cancel_futures=True)
            context = multiprocessing.get_context("spawn")
            _POOL = (workers, ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_worker))
        return _POOL[1]


def _extract_parallel(text: str, starts: list[int], horizon: int | None, workers: int) -> pd.DataFrame:
    """Read the pieces of *text* that start at *starts* in a process pool; their rows, in order."""
    global _POOL
    executor = _executor(workers)
    bounds = starts + [len(text)]
    call = uuid.uuid4().hex
    futures = []
    try:
        for a, b in zip(bounds[:-1], bounds[1:]):  # each piece is sent as soon as it is cut
            lo, hi = max(0, a - _MARGIN_BEFORE), min(len(text), b + _MARGIN_AFTER)
            task = (_pack(text[lo:hi]), lo, a - lo, b - lo, horizon, call)
            futures.append(executor.submit(_extract_piece, task))
        return pd.concat([future.result() for future in futures], ignore_index=True)
    except BrokenProcessPool:
        with _POOL_LOCK:
            _POOL = None  # the next call starts a new pool
        raise RuntimeError(
            "a worker process of extract(workers=...) stopped before finishing; in a script, call "
            "extract() under `if __name__ == \"__main__\":` (worker processes import the main module), "
            "or pass workers=1"
        ) from None


def _worker_count(workers: int | None, size: int) -> int:
    if workers is None:
        if size < PARALLEL_MIN_CHARS or multiprocessing.current_process().daemon:
            return 1
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        return max(1, min(cpus, 8))
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive integer or None, not {workers!r}")
    return workers


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
                      horizon: int | None = None, progress: bool = True,
                      workers: int | None = None) -> pd.DataFrame:
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
    workers : int, optional
        Processes to read each document with (see :func:`extract`).

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
        frame = extract(text, source_id=source_id, place_id=place_id, horizon=horizon, workers=workers)
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
