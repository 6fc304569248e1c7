"""Sentences and year context: where a sentence ends, and which year a value refers to.

A value's year is, in order: a year stated before it in its sentence (``到2025年, … 达到 …``);
a ``到YYYY年`` carried from an earlier sentence of the same paragraph; the year of the document's
title or heading (``2024年民生实事项目``); the plan horizon. Base years (``在2020年基础上``),
definition years (``2000年前建成的``), dates, periods and cited titles are not target years.
"""

from __future__ import annotations

import re
from collections import Counter

from .rules import _DASHES, _FULLWIDTH, Rules

__all__ = ["Sentence", "compact", "year_mark", "guess_horizon"]


class Sentence:
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
        self.carry: tuple[int, int] | None | bool = False  # computed on first use (see collect._Collector._carry)


_SENTENCE_END_RE = re.compile(r"[。\uff01\uff1f!?]")
_OTHER_END_RE = re.compile(r"[\uff01\uff1f!?]")
_CUT_RE = re.compile(r"[,\uff0c;\uff1b:\uff1a、]")
_MATCH_START = re.Match.start

def compact(text: str) -> str:
    """*text* without any whitespace (line-break spaces inside words included)."""
    return "".join(text.split())


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




def guess_horizon(text: str, r: Rules) -> int | None:
    """The most frequent ``到YYYY年`` of a text (the earliest on ties), or None."""
    counts = Counter(int(m.group(1)) for m in r.to_year_re.finditer(text))
    return min(counts, key=lambda year: (-counts[year], year)) if counts else None


