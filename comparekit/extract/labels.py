"""Labels and indicator matching: what a value is about, and which registry indicator that is.

A label is the text before a value (``…常住人口城镇化率达到55%``) or, for counts, after it
(``建设3所特色高中``). :class:`LabelMatcher` cleans labels, finds registry aliases and scope words,
pairs ``分别`` lists, and matches a label to an indicator. Every look-up that depends only on a
label's text is cached by that text for one call of :func:`comparekit.extract`.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .context import Sentence, compact
from .rules import Rules

__all__ = ["LabelMatcher", "LABEL_EDGE_RE", "CJK_RE"]

CJK_RE = re.compile(r"[\u3400-\u9fff]")
_WS_RE = re.compile(r"[\s\u00a0\u3000]+")
_SUBJECT_SPLIT_RE = re.compile(r"[、和与及]")
#: Section numbers, list numbers and punctuation at the edges of a label.
LABEL_EDGE_RE = re.compile(
    r"^[(\uff08]?[一二三四五六七八九十]{1,3}[)\uff09、]"  # a section number: (三), 十二、
    r"|^(?:[^\u3400-\u9fffA-Za-z0-9]*[0-9]{1,2}[.．、](?=[\u3400-\u9fff]))?[^\u3400-\u9fffA-Za-z0-9]+"
    r"|[^\u3400-\u9fffA-Za-z0-9)）]+$|[0-9]+$"
)
#: Label windows longer than this are looked up without caching (a cache is for label text, which
#: repeats within a document; a long window is running text).
_CACHE_MAX_KEY = 48


def _cut_before(cuts: list[int], pos: int, default: int) -> int:
    """Start of the segment holding *pos*: one past the last cut before it."""
    i = bisect_left(cuts, pos)
    return cuts[i - 1] + 1 if i else default


class LabelMatcher:
    """Label look-ups for one call of :func:`comparekit.extract` (shared by the pieces a worker reads).

    Parameters
    ----------
    r : Rules
        The compiled rules (aliases, scope words, label verbs).
    """

    def __init__(self, r: Rules) -> None:
        self.r = r
        self.alias_cache: dict[str, tuple[str, str]] = {}
        self.fuzzy_cache: dict[str, tuple] = {}
        self.label_cache: dict[str, str] = {}
        self.after_cache: dict[str, tuple[str, bool]] = {}
        self.scope_cache: dict[str, str] = {}

    def alias(self, window: str) -> tuple[str, str]:
        """Longest registry alias in *window* (the last one on ties): ``(alias, indicator_id)``."""
        found = self.alias_cache.get(window)
        if found is not None:
            return found
        found = ("", "")
        if window:
            joined = compact(window) if _WS_RE.search(window) else window
            best = ""
            for m in self.r.alias_re.finditer(joined):
                if len(m.group()) >= len(best):
                    best = m.group()
            if best:
                found = (best, self.r.alias_to_id[best])
        if len(window) <= _CACHE_MAX_KEY:
            self.alias_cache[window] = found
        return found

    def fuzzy(self, label: str) -> str:
        """The registry indicator whose Chinese name shares most character bigrams with *label* (the
        share of the name's bigrams; on a tie the one listed first in the registry)."""
        found = self.fuzzy_cache.get(label)
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
            self.fuzzy_cache[label] = best
        return best

    def clean_label(self, raw: str) -> str:
        """The label before a value: *raw* without spaces, leading year/verb words, edges and verbs."""
        label = self.label_cache.get(raw)
        if label is None:
            r = self.r
            label = r.label_verb_re.sub("", LABEL_EDGE_RE.sub("", r.label_junk_re.sub("", "".join(raw.split()))))
            if len(raw) <= _CACHE_MAX_KEY:
                self.label_cache[raw] = label
        return label

    def clean_after(self, raw: str) -> tuple[str, bool]:
        """The label after a value (``建设X所特色高中``) and whether it has two CJK characters."""
        found = self.after_cache.get(raw)
        if found is None:
            label = LABEL_EDGE_RE.sub("", self.r.label_junk_re.sub("", "".join(raw.split())))
            found = (label, len(CJK_RE.findall(label)) >= 2)
            if len(raw) <= _CACHE_MAX_KEY:
                self.after_cache[raw] = found
        return found

    def scope(self, window: str) -> str:
        """A scope word at the head of the clause, or a 全/各/每 scope word anywhere in it."""
        best = self.scope_cache.get(window)
        if best is not None:
            return best
        best = ""
        r = self.r
        lead = LABEL_EDGE_RE.sub("", r.label_junk_re.sub("", "".join(window.split())))
        for m in r.scope_re.finditer(lead):
            word = m.group()
            if word in r.generic_scopes:
                continue
            if m.start() <= 1 or word[0] in "全各每" or word.endswith("域"):
                if len(word) > len(best):
                    best = word
        if len(window) <= _CACHE_MAX_KEY:
            self.scope_cache[window] = best
        return best

    def respectively(self, text: str, s: Sentence, cs: int, vs: int, seen_lists: dict) -> tuple[str, bool] | None:
        """For ``A、B…分别达到X、Y``: the subject of this value and whether it is a scope word."""
        f = text.rfind("分别", cs, vs)
        if f < 0:
            return None
        key = (cs, f)
        seen = seen_lists.setdefault(key, [])
        if vs not in seen:
            seen.append(vs)
        index = seen.index(vs)
        items = [x for x in _SUBJECT_SPLIT_RE.split(compact(text[cs:f])) if x]
        if len(items) < 2 and cs > s.start:
            previous = _cut_before(s.clause_cuts, cs - 1, s.start)
            items = [x for x in _SUBJECT_SPLIT_RE.split(compact(text[previous : cs - 1])) if x]
        if len(items) < 2 or index >= len(items):
            return None
        item = self.clean_label(items[index])
        return item, (item in self.r.scope_words or len(item) <= 3)

    # -- candidates ----------------------------------------------------------------------------
