"""The judgement parts of harmonization: caveat wording, definition bases, the plausibility check.

Pure functions over registries (``caveats.csv``, ``censuses.csv``, ``definition_bases.csv``), used by
:mod:`comparekit.harmonize` and :mod:`comparekit.compare`; both re-export what they need.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .coded import codes_of
from .registry import load_caveats, load_censuses, load_definition_bases
from .study import study_cache

__all__ = ["caveat_text", "scope_phrase", "census_name", "definition_bases", "definition_basis_codes", "check_plausibility", "PLAUSIBILITY"]

#: Outcomes of the plausibility check of a derived value (empty for stated values).
PLAUSIBILITY = ["plausible", "implausible", "parent_level"]


@study_cache
def _caveats() -> dict[str, tuple[str, str]]:
    frame = load_caveats()
    return {rec.key: (rec.en, rec.zh) for rec in frame.itertuples(index=False)}


def caveat_text(key: str, **values: object) -> tuple[str, str]:
    """Return the English and Chinese caveat ``key`` from ``data/registry/caveats.csv``, filled in.

    A value given as a tuple ``(en, zh)`` is used per language; other values in both.

    Examples
    --------
    >>> caveat_text("year_differs", year=2027, requested=2025)[0]
    'Target year 2027, not 2025: shown with its own year, not rescaled'
    """
    caveats = _caveats()
    if key not in caveats:
        from .errors import RegistryError

        raise RegistryError(f"data/registry/caveats.csv has no row for caveat key {key!r}; add a row key,en,zh")
    en, zh = caveats[key]
    values_en = {k: v[0] if isinstance(v, tuple) else v for k, v in values.items()}
    values_zh = {k: v[1] if isinstance(v, tuple) else v for k, v in values.items()}
    return en.format(**values_en), zh.format(**values_zh)


def scope_phrase(scope_text: object) -> tuple[str, str]:
    """Return how a caveat names the scope as written: ``stated for “县域”`` / ``原文为“县域”``.

    Examples
    --------
    >>> scope_phrase("县域")[1], scope_phrase(None)[0]
    ('原文为“县域”', 'No scope named')
    """
    if isinstance(scope_text, str) and scope_text:
        return caveat_text("scope_said", scope=scope_text)
    return caveat_text("scope_unsaid")


def census_name(date: object) -> tuple[str, str]:
    """Return the English and Chinese name of the census taken on *date* (``data/registry/censuses.csv``).

    Examples
    --------
    >>> census_name("2020-11-01")[1]
    '第七次全国人口普查（2020年11月1日）'
    """
    known = _censuses()
    if date in known:
        return known[date]
    return f"the population count of {date}", f"{date}人口数"


@study_cache
def _censuses() -> dict[str, tuple[str, str]]:
    return {rec.date: (rec.en, rec.zh) for rec in load_censuses().itertuples(index=False)}


def definition_bases(indicator_id: pd.Series, quote: pd.Series) -> np.ndarray:
    """Record the definition basis each quote's wording gives (``data/registry/definition_bases.csv``).

    For every indicator with basis words, each *dimension* (buildings, measure, stage …) takes the
    first basis whose word occurs in the quote. The result is the ``;``-joined basis ids in
    registry order, ``""`` where the wording does not narrow the concept.

    Examples
    --------
    >>> definition_bases(pd.Series(["green_building_share"]), pd.Series(["新建民用建筑中…面积比例达到100%"])).tolist()
    ['civil;floor_area']
    """
    codes, table = definition_basis_codes(indicator_id, quote)
    return table[codes]


def definition_basis_codes(indicator_id: pd.Series, quote: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """:func:`definition_bases` as integer codes into a short table of distinct results (code 0 is ``""``).

    The wording is searched once per distinct (indicator, quote) pair of the indicators that have
    basis words, so millions of rows cost what their distinct quotes cost.
    """
    n = len(indicator_id)
    codes = np.zeros(n, dtype=np.intp)
    ind_codes, ind_uniques = codes_of(pd.Series(indicator_id, copy=False))
    based_t = np.append(pd.Index(ind_uniques).isin(list(_basis_rules())), False)  # last slot: missing indicator
    rows = np.flatnonzero(based_t[ind_codes]) if based_t.any() else np.empty(0, dtype=np.intp)
    if not len(rows):
        return codes, np.array([""], dtype=object)
    quote = pd.Series(quote, copy=False)
    if isinstance(quote.dtype, pd.CategoricalDtype):  # codes of all rows are free; distinct texts are the categories
        quote_codes, quote_uniques = codes_of(quote)
        quote_codes = quote_codes[rows]
    else:
        quote_codes, quote_uniques = codes_of(quote.iloc[rows])
    width = len(quote_uniques) + 1
    key = ind_codes[rows].astype(np.int64) * width + (quote_codes + 1)
    if len(ind_uniques) * width <= 4 * len(rows) + 1_000_000:  # few possible pairs: a dense table, no hashing
        present = np.zeros(len(ind_uniques) * width, dtype=bool)
        present[key] = True
        pairs = np.flatnonzero(present)
        slot = np.cumsum(present) - 1
        pair_codes = slot[key]
    else:
        pair_codes, pairs = pd.factorize(key)
    pair_quotes = np.append(np.array([""], dtype=object), quote_uniques)[pairs % width]
    found = _bases(ind_uniques[pairs // width], pair_quotes)
    found_codes, table = pd.factorize(pd.Series(np.concatenate([[""], found]), dtype=object))  # "" is code 0
    codes[rows] = found_codes[1:][pair_codes]
    return codes, np.asarray(table, dtype=object)


@study_cache
def _basis_rules() -> dict[str, list[list[tuple[str, re.Pattern]]]]:
    """indicator → its dimensions in registry order → (basis, compiled words) in registry order."""
    rules: dict[str, list[list[tuple[str, re.Pattern]]]] = {}
    for indicator, group in load_definition_bases().groupby("indicator_id", sort=False):
        rules[indicator] = [
            [(rec.basis, re.compile("|".join(map(_escape, rec.words.split("|"))))) for rec in dimension.itertuples(index=False)]
            for _, dimension in group.groupby("dimension", sort=False)
        ]
    return rules


def _bases(indicator_id: np.ndarray, quote: np.ndarray) -> np.ndarray:
    """The bases of each (indicator, quote) row: per dimension, the first basis whose words occur."""
    rules = _basis_rules()
    out = np.empty(len(indicator_id), dtype=object)
    for position, (indicator, text) in enumerate(zip(indicator_id.tolist(), quote.tolist())):
        text = text if isinstance(text, str) else ""
        found = []
        for dimension in rules.get(indicator, ()):
            for basis, pattern in dimension:
                if pattern.search(text):
                    found.append(basis)
                    break
        out[position] = ";".join(found)
    return out


def _escape(word: str) -> str:
    return re.escape(word)


def check_plausibility(value: float, reference: float, low: float, high: float, parent_value: float | None = None) -> str:
    """Judge a derived value against the national reference (and a parent unit's derivation).

    Returns ``"implausible"`` when ``value / reference`` lies outside ``[low, high]`` and no parent
    derivation fits better; ``"parent_level"`` when the parent unit's derivation lies inside the band
    and nearer the reference (on a log scale) than the place's own; else ``"plausible"``.

    Examples
    --------
    >>> check_plausibility(12.4, 4.5, 0.5, 2.0, parent_value=3.8)
    'parent_level'
    >>> check_plausibility(5.0, 4.5, 0.5, 2.0, parent_value=1.2)
    'plausible'
    """
    ratio = value / reference
    if parent_value is not None and not np.isnan(parent_value):
        parent_ratio = parent_value / reference
        if low <= parent_ratio <= high and abs(np.log(parent_ratio)) < abs(np.log(ratio)):
            return "parent_level"
    return "plausible" if low <= ratio <= high else "implausible"
