"""What every export shares: labels, value formatting, takeaways, draft sources, English terms.

These functions read the registries (labels, places, indicators, scopes, sources) and turn one
:func:`~comparekit.compare.compare` result into words, so that the deck, the workbook and the LaTeX
tables say the same thing in the same way. They write no files.
"""

from __future__ import annotations

import re

import pandas as pd

from ..registry import indicator_name, load_scopes, place_name
from ..sources import load_sources
from ..style import label as registry_label
from ..study import study_cache

__all__ = [
    "label",
    "verdict_label",
    "unit_label",
    "format_value",
    "takeaway",
    "draft_sources",
    "is_draft",
    "english_terms",
    "join_names",
    "scope_label",
]

_QUALIFIER_MARK = {"about": "≈", "at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<"}


def label(key: str, lang: str = "en", **fields: object) -> str:
    """Return the report label ``report.<key>`` from the labels registry (``"zh"`` or ``"en"``).

    Examples
    --------
    >>> label("place", "zh"), label("place", "en")
    ('地区', 'Place')
    """
    return registry_label(f"report.{key}", lang, **fields)


def verdict_label(verdict: str, lang: str = "en") -> str:
    """Return the display name of a comparability verdict."""
    return registry_label(f"verdict.{verdict}", lang)


def unit_label(unit: object, lang: str = "en") -> str:
    """Return a unit for display: ``"个/千人"`` → ``"per 1000 people"`` in English; unknown units unchanged.

    Examples
    --------
    >>> unit_label("个/千人", "en"), unit_label("%", "en"), unit_label(None)
    ('per 1000 people', '%', '')
    """
    if not isinstance(unit, str) or not unit:
        return ""
    try:
        return registry_label(f"unit.{unit}", lang)
    except KeyError:
        return unit


def _number(value: float) -> str:
    return f"{value:.3g}" if abs(value) < 100 else f"{value:,.0f}"


def format_value(row: pd.Series, lang: str = "en", *, unit: bool = False) -> str:
    """Return the value of one compared row with its qualifier (``"≈55"``, ``"≥10"``, ``"2–3"``).

    A missing value reads "not stated" (never zero) or "qualitative". With ``unit=True`` the unit
    follows the number (``"≈55%"``, ``"4.8 per 1000 people"``).

    Examples
    --------
    >>> format_value(pd.Series({"value": 55.0, "value_high": None, "qualifier": "about", "verdict": "comparable", "unit": "%"}), unit=True)
    '≈55%'
    """
    if pd.isna(row["value"]):
        return label("not_stated", lang) if row.get("verdict") == "not_stated" else label("qualitative", lang)
    text = _number(float(row["value"]))
    if row.get("qualifier") == "range" and not pd.isna(row.get("value_high")):
        text = f"{text}–{_number(float(row['value_high']))}"
    text = _QUALIFIER_MARK.get(row.get("qualifier"), "") + text
    if unit:
        shown = unit_label(row.get("unit"), lang)
        if shown in ("%", "‰"):
            text += shown
        elif shown:
            text += ("" if lang == "zh" else " ") + shown
    return text


def join_names(names: list[str], lang: str = "en") -> str:
    """Join place names: ``"界首、六安"`` in Chinese, ``"Jieshou, Lu'an and Linyi"`` in English.

    Examples
    --------
    >>> join_names(["Jieshou", "Lu'an", "Linyi"]), join_names(["界首", "六安"], "zh")
    ("Jieshou, Lu'an and Linyi", '界首、六安')
    """
    if lang == "zh":
        return "、".join(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + label("and", lang) + names[-1]


@study_cache
def draft_sources() -> frozenset[str]:
    """Return the ids of sources whose registry status is ``draft`` (征求意见稿)."""
    sources = load_sources()
    return frozenset(sources.loc[sources["status"] == "draft", "source_id"])


def is_draft(source_id: object) -> bool:
    """Return True if *source_id* is a draft for comment in the sources registry."""
    return isinstance(source_id, str) and source_id in draft_sources()


def takeaway(compared: pd.DataFrame, *, lang: str = "en") -> list[str]:
    """Return a two-line takeaway for one comparison: what is comparable, and what is not.

    The first line reads correctly for every data pattern: no comparable value, one place only,
    all places equal, or a range from the lowest to the highest value (qualifiers and units kept).
    The second names the places that do not state the indicator and those set apart.

    Examples
    --------
    >>> from comparekit import compare
    >>> takeaway(compare("urbanization_rate", 2025), lang="en")[0]
    "Resident-population urbanization rate, 2025: comparable values run from ≈50% (Lu'an) to ≈55% (Jieshou)."
    """
    indicator = indicator_name(compared["indicator_id"].iloc[0], lang)
    year = int(compared["requested_year"].iloc[0])
    comparable = compared[compared["verdict"].isin(["comparable", "caveat"]) & compared["value"].notna()]
    silent = [place_name(p, lang) for p in compared.loc[compared["verdict"] == "not_stated", "place_id"]]
    apart = [place_name(p, lang) for p in compared.loc[compared["verdict"] == "not_comparable", "place_id"]]
    shown = {idx: format_value(row, lang, unit=True) for idx, row in comparable.iterrows()}
    if comparable.empty:
        first = label("takeaway_none", lang, indicator=indicator, year=year)
    elif len(comparable) == 1:
        row = comparable.iloc[0]
        first = label("takeaway_one", lang, indicator=indicator, year=year, place=place_name(row["place_id"], lang), value=shown[comparable.index[0]])
    elif len(set(shown.values())) == 1:
        places = join_names([place_name(p, lang) for p in comparable["place_id"]], lang)
        key = "takeaway_equal_two" if len(comparable) == 2 else "takeaway_equal"
        first = label(key, lang, indicator=indicator, year=year, places=places, value=next(iter(shown.values())))
    else:
        order = comparable.assign(_high=comparable["value_high"].fillna(comparable["value"])).sort_values(["value", "_high"], kind="stable")
        low, high = order.index[0], order.index[-1]
        first = label(
            "takeaway_range", lang, indicator=indicator, year=year,
            low=shown[low], low_place=place_name(comparable.at[low, "place_id"], lang),
            high=shown[high], high_place=place_name(comparable.at[high, "place_id"], lang),
        )
    parts = []
    if silent:
        parts.append(label("takeaway_silent", lang, places=join_names(silent, lang)))
    if apart:
        parts.append(label("takeaway_apart", lang, places=join_names(apart, lang)))
    if parts:
        second = ("；" if lang == "zh" else "; ").join(parts) + ("。" if lang == "zh" else ".")
    else:
        second = label("takeaway_all", lang, n=len(compared))
    return [first, second]


_WAN_RE = re.compile(r"(\d+(?:\.\d+)?)\s*万(人|个)?")


def _wan(match: re.Match) -> str:
    """``1.9万个`` → ``19,000``; ``3万人`` → ``30,000 people`` (万 = 10,000)."""
    number = f"{float(match.group(1)) * 10_000:,.0f}"
    return number + (" people" if match.group(2) == "人" else "")


@study_cache
def _scope_terms() -> tuple[tuple[str, str], ...]:
    """Chinese scope terms → short English names, longest term first."""
    scopes = load_scopes()
    pairs = []
    for rec in scopes.itertuples(index=False):
        term, note = rec.scope_text, rec.note
        if isinstance(term, str) and term and isinstance(note, str) and note:
            english = re.sub(r"\s*\([^)]*\)$", "", note).strip()
            if ";" in english:  # a definition, not a name: fall back to the scope class in words
                english = _class_words(rec.scope_class)
            pairs.append((term, english))
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def english_terms(text: object) -> str:
    """Put an English name before every bare Chinese scope term: ``新建小区`` → ``newly built residential estates (新建小区)``.

    Terms already in parentheses (after their translation) are left alone, so the text reads in
    English with the Chinese term only as an aside.

    Examples
    --------
    >>> english_terms("A construction standard for 新建小区 (per 1000 residents)")
    'A construction standard for newly built residential estates (新建小区) (per 1000 residents)'
    """
    if not isinstance(text, str) or not text:
        return ""
    text = _WAN_RE.sub(_wan, text)
    for term, english in _scope_terms():
        pattern = re.compile(r"(?<![(（\w])" + re.escape(term) + r"(?![)）\w])")

        def _sub(match: re.Match, english: str = english, term: str = term) -> str:
            start = match.start()
            before = text_ref[0][:start].rstrip()
            name = english if not before or before.endswith((".", ";", ":")) else english[0].lower() + english[1:]
            return f"{name} ({term})"

        text_ref = [text]
        text = pattern.sub(_sub, text)
    return text


def _class_words(scope_class: object) -> str:
    if not isinstance(scope_class, str) or scope_class == "unspecified":
        return ""
    return {"jurisdiction": "whole jurisdiction"}.get(scope_class, scope_class.replace("_", " "))


def scope_label(row: pd.Series, lang: str = "en") -> str:
    """Return the scope of a compared row for display.

    Chinese: the plan's own term (``县域``). English: the scope class in words with the term as an
    aside (``county areas (县域)``); LaTeX drops the aside for pdflatex.

    Examples
    --------
    >>> scope_label(pd.Series({"scope_text": "各县", "scope_class": "county_areas"}))
    'county areas (各县)'
    """
    term = row.get("scope_text")
    if not isinstance(term, str) or not term:
        return ""
    if lang == "zh":
        return term
    words = _class_words(row.get("scope_class"))
    return f"{words} ({term})" if words else english_terms(term)
