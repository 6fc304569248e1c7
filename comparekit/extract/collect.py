"""The collector: reads every scan match of a text in order and makes one candidate row per statement.

Each row carries the value's span, its quote, year (and where the year came from), kind, label,
indicator and scope; :func:`read_text` turns them into the statement columns.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left

import pandas as pd

from .carry import CHANGE_TO_RE, YearCarry, said_year, sentence_topic, term_end
from .context import Sentence, YearContext, compact, respective_year, year_mark
from .kinds import cue_kind, is_start_value
from .labels import CJK_RE, LabelMatcher
from .listed import LISTED_KINDS, listed_values
from .pending import SCORE_NOTE, Deferred, settle
from .rules import NUMBER_RE, Rules
from .scanning import scan_each
from .tables import read_table
from .values import counted_unit_start, frame, keep_chinese, keep_counted_unit, keep_qualitative, keep_value

__all__ = ["collect", "read_text"]

_YEAR_NOTE = "year not stated; plan horizon used"
_RATE_RE = re.compile(r"每千|千人口|每百户|每万|人均|每百人")
_TO_WORDS = frozenset("到至")
_JOINS = frozenset("和及与")
_COUNTED_UNITS = frozenset({"star", "half", "scale", "grade"})  # scans that find a Chinese numeral by its unit word
_RATINGS = frozenset({"star", "grade"})
# an Arabic-number count in the sentence of a rating: the rating then says which things are counted
_COUNT_VALUE_RE = re.compile(r"[0-9０-９]+(?:[.．][0-9]+)?\s*(?:余|多)?\s*(?:家|个|所|处|座|项|户|条|张|间|套|辆|栋|幢)")


class _Collector:
    """Collects candidate rows (one tuple per statement) with their context: year, kind, label, scope.

    Look-ups that depend only on a label's text (cleaning, registry alias, character-overlap match,
    scope word) are cached per call by that text; sentence context is computed once per sentence.
    """

    def __init__(self, text: str, r: Rules, years: YearContext, labels: LabelMatcher | None = None,
                 offset: int = 0) -> None:
        self.text, self.r, self.years, self.offset = text, r, years, offset
        self.own_year, self.issue = years.document.own_year, years.document.issue
        self.after_end = 0  # where the words after the last count that took its label from them end (in its line)
        self.sentence: Sentence | None = None
        self.last_label: tuple[int, str, str] | None = None  # (sentence start, label, indicator)
        self.respectively: dict[tuple[int, int], list[int]] = {}  # 分别 lists: values seen per list
        self.rows: list[tuple] = []
        self.pending: list[Deferred] = []  # rows whose id waits for the word score of a new label
        self.labels = labels = labels or LabelMatcher(r)
        self._alias_cache = labels.alias_cache
        self._fuzzy_cache = labels.fuzzy_cache
        self._label_cache = labels.label_cache
        self._after_cache = labels.after_cache
        self._scope_cache = labels.scope_cache
        self._years_carry: YearCarry | None = None

    # -- context -------------------------------------------------------------------------------
    def _carry(self, s: Sentence) -> tuple[int, int] | None:
        """The year carried into sentence *s* (see :class:`YearCarry`), computed once per sentence."""
        if s.carry is False:
            if self._years_carry is None:
                self._years_carry = YearCarry(self.text, self.r, self.years.document.review_year)
            s.carry = self._years_carry.carried(s.start)
        return s.carry

    # -- candidates ----------------------------------------------------------------------------
    def add_running(self, vs: int, ve: int, value_start: int, *, pair: bool = False, chinese: bool = False,
                    qualitative: bool = False, relative: bool = False, unit_hint: str | None = None) -> None:
        """Add the value text[vs:ve] found in running text (*value_start*: where its number starts)."""
        text, r = self.text, self.r
        s = self.sentence
        if s is None or not (s.start <= value_start < s.end):
            s = self.sentence = Sentence(text, value_start, r)
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
        if self.rows:  # 燃气管道18公里和给排水管网12公里: the label after 和 is the second value's own
            prev_end = self.rows[-1][1]
            if ls < prev_end < vs and text[prev_end] in _JOINS:
                ls = prev_end + 1
        notes: list[str] = []
        conf = 0.55 - (0.1 if chinese else 0.0)
        year, year_start, year_source = None, None, ""
        matches = s.year_matches
        while s.years_read < len(matches) and matches[s.years_read].start("post") <= vs:  # (年控制在300万: the year ends before the value)
            mark = year_mark(text, matches[s.years_read], r)
            if mark:
                s.years.append(mark)
            s.years_read += 1
        for y_start, y_end, y in s.years:
            if y_end > vs:
                break
            if text[y_start - 1 : y_start] in "由从" and y_start and CHANGE_TO_RE.search(text, y_end, vs):
                continue  # 由2022年的A调整为B: the year of the start, not of B
            year, year_start = y, y_start
        if (term := term_end(text, s_start if year is None else year_start, vs)) is not None:
            year, year_start = term  # 2021年建成2000个，到“十四五”末达到1万个: the term's end year
            notes.append("a plan term's end (到“十四五”末): its end year")
        if year is not None:
            conf += 0.1
            year_source = "stated"
            if len(s.years) >= 2 and text.find("分别", year_start, vs) >= 0:
                paired = respective_year(text, s, vs, self.respectively)
                if paired is not None:
                    year = paired
                    notes.append("one of several years stated with 分别")
        topic = heading_year = False  # heading_year: the year of a heading above (一、2023年工作回顾)
        if year is None and (said := said_year(text, s_start, vs, self.own_year, self.issue)):
            year, year_source, topic = said[0], said[2], said[0] != self.own_year  # 今年, 去年 (a past value)
            notes.append(said[1])
        elif year is None and (opened := sentence_topic(text, s_start, vs, self.years.document.review_year)):
            year, year_source, topic = opened[0], "stated", True  # 过去一年，…; “十二五”末，…
            notes.append(opened[1])
        elif year is None:
            carry = s.carry
            if carry is False:
                carry = self._carry(s)
            if carry is not None:
                year, year_source = carry[1], "carried"
                topic = carry[0] in self._years_carry.topics
                notes.append(f"year carried from {year}年 opening a sentence earlier in the paragraph" if topic
                             else f"year carried from 到{year}年 earlier in the paragraph")
            else:
                heading = self.years.heading_year(vs + self.offset) if self.years.document.heading_starts else None
                if heading is not None:
                    year, year_source, heading_year = heading, "title", True
                    notes.append("year from the heading or title")
                elif self.years.fallback is not None:
                    year, year_source = self.years.fallback, self.years.fallback_source
                    notes.append(_YEAR_NOTE if year_source == "horizon" else "year from the document title")
        kind = cue_kind(text, r, cs, ce, vs, ve, notes)
        if (kind == "baseline" and year_source == "stated" and year_start is not None
                and text[max(0, year_start - 3) : year_start].rstrip()[-1:] in _TO_WORDS
                and is_start_value(text, cs, ce, vs, ve)):
            year_source = "target"  # 到2025年…由A提高到B does not date A, where the change starts (see below)
        own = self.own_year
        if (kind != "baseline" and (year_source == "stated" and year_start is not None or topic or heading_year)
                and own is not None and year < own
                and (topic or heading_year or text[max(0, year_start - 3) : year_start].rstrip()[-1:] not in _TO_WORDS)):
            kind = "baseline"  # a year before the document's own year: a past value
        if (kind == "baseline" and (year_source not in ("stated", "") or year is None and own is not None)
                and not topic and not heading_year):
            # a baseline does not take a target year carried or assumed from elsewhere, and one with no
            # year at all (截至目前…) is as of the document's own date
            year, year_source = (own, "issue_date") if own is not None else (None, "")
            notes = [n for n in notes if not n.startswith(("year carried", "year from", "year not stated"))]
            notes.append("baseline year: the document's own year" if year is not None else "baseline year not stated")
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
        if after_end - ve < 2 or text[ve] in _JOINS:  # (…18公里和给排水管网12公里: the next value's label)
            after, after_is_label = "", False
        else:
            raw = text[ve:after_end]
            found = self._after_cache.get(raw)
            after, after_is_label = found if found is not None else self.labels.clean_after(raw)
        use_after = False
        if after_is_label and not qualitative:
            value_text = text[vs:ve]
            use_after = ("%" not in value_text and "％" not in value_text and "‰" not in value_text
                         and not _RATE_RE.search(text, cs, vs))
        subjects: list[tuple[str, tuple[str, ...]]] = []  # (label, alias windows)
        each = None if qualitative else r.each_re.search(text, cs, vs)
        if each:
            parts = self.labels.shared_subjects(text[cs : each.start()])
            if len(parts) >= 2:
                subjects = [(self.labels.clean_label(p), (p,)) for p in parts]
                notes.append("value shared by several indicators (均)")
        window = text[cs:vs]
        scope = self._scope_cache.get(window)
        if scope is None:
            scope = self.labels.scope(window)
        respectively = None
        if not (subjects or qualitative) and text.find("分别", cs, vs) >= 0:
            respectively = self.labels.respectively(text, s, cs, vs, self.respectively)
        if not subjects:
            window = text[ls:vs]
            before = self._label_cache.get(window)
            if before is None:
                before = self.labels.clean_label(window)
            if use_after:  # (not the words after an earlier count: 3个口袋公园 改造1个农贸市场 is no 口袋公园)
                subjects = [(after, (text[ve:after_end], text[max(ls, self.after_end) : vs]))]
                self.after_end = after_end if (line_end := text.find("\n", ve, after_end)) < 0 else line_end
            elif respectively and not respectively[1]:
                subjects = [(respectively[0], (respectively[0],))]
            elif len(before) >= 2 or ls == cs:
                subjects = [(before, (window,))]
            else:  # 、-item without a subject of its own: the clause before names the indicator
                subjects = [(before, (window, text[cs:ls]))]
            if respectively:
                scope = respectively[0] if respectively[1] else self.labels.scope(respectively[0])
                notes.append("one of several values stated with 分别")
        scopes = (scope,)
        if pair:
            found = r.pair_scope_re.search(text, cs, vs)
            what = compact(found.group("what") or "小区") if found else ""
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
                alias, indicator_id = found if found is not None else self.labels.alias(window)
                if indicator_id:
                    break
            if len(label) < 2 and len(after) >= 2:
                label = after  # 争创国家园林城市: what the qualitative word is about follows it
                alias, indicator_id = (alias, indicator_id) if indicator_id else self.labels.alias(text[vs:after_end])
            inherited = ""
            if len(label) < 2 and not qualitative and self.last_label and self.last_label[0] == s_start:
                # the label of the preceding value is kept for review, its id only as a suggestion:
                # two values of one sentence are often two indicators
                label, inherited = self.last_label[1], self.last_label[2]
                row_notes = row_notes + ["label from the preceding value of the same sentence"]
            row_conf = conf
            suggestions = ""
            if indicator_id and alias:
                row_conf += 0.15
            elif type(inherited) is Deferred or not inherited and label and label not in self._fuzzy_cache:
                # a new label: scored with the others once the text is read (pending.settle)
                indicator_id = Deferred(label, inherited, indicator_id, row_conf, row_notes,
                                        [len(rows), len(rows) + 1] if pair else [len(rows)])
                self.pending.append(indicator_id)
            elif inherited:
                suggestions = f"{inherited}:inherited"
            elif label:
                indicator_id, suggestions = self._fuzzy_cache[label]
                if indicator_id:
                    row_conf += 0.05
                    row_notes = row_notes + [SCORE_NOTE]
            if label and not qualitative:
                self.last_label = (s_start, label, indicator_id)
            note = "; ".join(row_notes)
            rows.append((vs, ve, qs, qe, year, kind, unit_hint, label, indicator_id, scopes[0], row_conf, note, False,
                         year_source, suggestions))
            if pair:  # the second number of a new/existing pair
                rows.append((vs, ve, qs, qe, year, kind, None, label, indicator_id, scopes[1], row_conf, note, True,
                             year_source, suggestions))

    def add_cell(self, cell) -> None:
        """Add one value cell of an indicator table."""
        label = compact(cell.label)
        alias, indicator_id = self.labels.alias(self.text[cell.label_start : cell.label_end])
        conf = 0.75 if not cell.flattened else 0.35
        notes = [f"indicator table ({'current' if cell.year is None else cell.year} {cell.kind} column)"]
        if cell.flattened:
            notes.append("flattened table: columns may be scrambled; check label and unit")
        suggestions = ""
        if alias:
            conf += 0.15
        elif label:
            indicator_id, suggestions = self.labels.fuzzy(label)
            if indicator_id:
                notes.append(SCORE_NOTE)
        if cell.alt or any(c in self.text[cell.value_start : cell.value_end] for c in "(\uff08"):
            notes.append("new/existing pair")
        scope = "" if cell.flattened else self.labels.scope(label)
        vs, ve = cell.value_start, cell.value_end
        self.rows.append((vs, ve, min(cell.quote_start, vs), max(cell.quote_end, ve), cell.year, cell.kind,
                          cell.unit, label, indicator_id, scope, conf, "; ".join(notes), cell.alt,
                          "stated" if cell.year is not None else "", suggestions))


_ROW_FIELDS = ("vs", "ve", "qs", "qe", "year", "kind", "unit_hint", "label", "indicator_id", "scope", "conf",
               "note", "alt", "year_source", "suggestions")


def collect(text: str, r: Rules, years: YearContext, start: int = 0, stop: int | None = None,
            labels: LabelMatcher | None = None, offset: int = 0) -> list[tuple]:
    """Candidate rows (see :data:`_ROW_FIELDS`) for the matches of ``r.scans`` that start in [start, stop).

    Every scan runs once over the text; the matches are then read in text order (ties in the order
    of ``r.scans``), and matches inside an indicator table already read are skipped.
    """
    collector = _Collector(text, r, years, labels, offset)
    add_running, add_cell = collector.add_running, collector.add_cell
    stop = len(text) if stop is None else stop
    kinds = [kind for kind, _ in r.scans]
    value_order = kinds.index("v")
    # the matches of the rarer scans, in text order; those of the value scan are merged in below
    others: list[tuple[int, int, re.Match | None]] = []
    found = scan_each([pattern for _, pattern in r.scans], text, start)
    for order, (kind, pattern) in enumerate(r.scans):
        if order == value_order:
            continue
        if kind in _COUNTED_UNITS:  # found by the unit word; the match starts at the numeral before it
            for m in found[order]:
                begin = counted_unit_start(text, kind, m)
                if begin is None or begin < start:
                    continue
                if begin >= stop:  # (begin only grows from one match to the next)
                    break
                others.append((begin, order, m))
            continue
        for m in found[order]:
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
            if span and kind in _RATINGS:
                s = Sentence(text, begin, r)
                if _COUNT_VALUE_RE.search(text, s.start, s.end):
                    span = None  # 评定300家三星级以上餐饮单位, 提升改造2家以上,达到二级标准: the class of what is counted
            if span:
                add_running(span[0], span[1], span[0], chinese=True)
        elif kind == "q":
            if keep_qualitative(text, begin):
                add_running(begin, m.end(), begin, qualitative=True)
        elif kind == "rel":
            add_running(begin, m.end(), begin, relative=True)
        elif kind in LISTED_KINDS:  # shares A:B:C, 分别A和B<unit>: values that take a unit from elsewhere
            for vs, ve, unit in listed_values(text, kind, m, r):
                add_running(vs, ve, vs, unit_hint=unit)
        else:
            cells, span = read_table(text, m, r.registry_units)
            for cell in cells:
                add_cell(cell)
            if span:
                table_end = max(table_end, span[1])

    j = 0
    other = others[0]
    for m in found[value_order]:
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
    settle(collector.rows, collector.pending, collector.labels)
    return collector.rows


def read_text(text: str, r: Rules, years: YearContext, start: int = 0, stop: int | None = None,
          offset: int = 0, labels: LabelMatcher | None = None) -> dict[str, list]:
    """:func:`collect` then :func:`frame` (columns as lists), with the cyclic garbage collector paused.

    Reading allocates many small tuples, all kept until the table is built: the collector's passes over
    them would cost about a tenth of the time. It is switched back on (if it was on) before returning.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return frame(collect(text, r, years, start, stop, labels, offset), text, offset)
    finally:
        if enabled:
            gc.enable()
