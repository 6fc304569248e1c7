"""Stocks and additions: an added quantity (新增托位800个) is not the stock an indicator counts.

An indicator counts a stock unless its names hold an addition word or its definition says it counts
additions (words in data/registry/extract_patterns.csv: ``addition_word``, ``addition_definition``).
:func:`comparekit.extract.ids.confirm_ids` leaves the id of a stock empty, for review, on a value whose
clause holds an addition word.
"""

from __future__ import annotations

import re

from ..study import study_cache  # one cache per study: its registries may differ
from .rules import rules

__all__ = ["stock_indicators", "addition_pattern", "is_addition"]


@study_cache
def stock_indicators() -> frozenset:
    """Ids of the indicators that count a stock: neither their names hold an addition word (新增, 净增:
    data/registry/extract_patterns.csv, ``addition_word``) nor their definitions say they count additions
    (``addition_definition``: added, new, per year …). ``childcare_slots`` (the number of childcare
    places) is a stock; ``hospital_beds_added`` is not."""
    from ..registry import load_indicators

    r = rules()
    said = re.compile(r"\b(?:%s)\b" % "|".join(re.escape(w) for w in r.addition_definitions), re.I) if r.addition_definitions else None
    stocks = set()
    for rec in load_indicators().itertuples(index=False):
        names = "|".join(x for x in (rec.name_zh, rec.aliases) if isinstance(x, str))
        definition = rec.definition if isinstance(rec.definition, str) else ""
        if any(word in names for word in r.addition_words) or said is not None and said.search(definition):
            continue
        stocks.add(rec.indicator_id)
    return frozenset(stocks)


_CLAUSE_CUTS = "，,；;。：:\n"


@study_cache
def addition_pattern() -> re.Pattern | None:
    """The addition words (``addition_word``) as one pattern, or None when the registry has none."""
    words = rules().addition_words
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


def is_addition(text: str, qs: int, vs: int, words: re.Pattern | None) -> bool:
    """True if the clause of the value (from the quote's start or the last comma before the value at
    *vs*) holds an addition word (*words*, :func:`addition_pattern`): the value is what is added
    (新增托位800个), not a stock."""
    if words is None or words.search(text, qs, vs) is None:
        return False  # (most rows: no clause to find)
    cut = max(text.rfind(c, qs, vs) for c in _CLAUSE_CUTS)
    return words.search(text, max(qs, cut + 1), vs) is not None
