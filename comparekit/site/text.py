"""Words of the explorer: its own vocabulary, value labels with qualifiers, titles and subtitles.

The explorer's interface words (tabs, controls, captions) live in ``labels.csv`` beside this
module (columns ``key``, ``zh``, ``en``); figure vocabulary shared with the charts (verdicts,
qualifiers, kinds, units) comes from the figure label registry through
:func:`comparekit.style.label`.
"""

from __future__ import annotations

import csv
import math
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from ..style import load_labels
from ..study import study_cache

__all__ = [
    "ui_labels",
    "ui_label",
    "label",
    "format_number",
    "value_label",
    "chart_title",
    "unit_label",
    "chart_subtitle",
    "QUALIFIER_SIGNS",
    "BASES",
]

#: Sign written before a value for each qualifier ("about 55" → "≈55").
QUALIFIER_SIGNS = {"about": "≈", "at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<"}
#: The comparison bases the explorer offers (``compare(..., scope=basis)``).
BASES = ["county", "prefecture"]


@lru_cache(maxsize=1)
def ui_labels() -> dict[str, dict[str, str]]:
    """Return the explorer's vocabulary as ``{"zh": {key: text}, "en": {key: text}}``."""
    text = resources.files(__package__).joinpath("labels.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    return {lang: {row["key"]: row[lang] for row in rows} for lang in ("zh", "en")}


@study_cache
def _figure_labels() -> dict[tuple[str, str], str]:
    table = load_labels()
    return {(rec.key, lang): getattr(rec, lang) for rec in table.itertuples(index=False) for lang in ("zh", "en")}


def label(key: str, lang: str = "en", **fields: object) -> str:
    """Return the figure label *key* (``data/registry/labels.csv``), read once per process.

    The same as :func:`comparekit.style.label`, for the thousands of look-ups one site build makes.

    Examples
    --------
    >>> label("verdict.caveat", "zh")
    '可比但需注意'
    """
    try:
        template = _figure_labels()[(key, lang)]
    except KeyError:
        raise KeyError(f"label {key!r} ({lang}) is not in data/registry/labels.csv; add a row key,zh,en") from None
    return template.format(**fields) if fields else template


def ui_label(key: str, lang: str, **fields: object) -> str:
    """Return the explorer label *key* in ``"zh"`` or ``"en"`` with ``{fields}`` filled in.

    Examples
    --------
    >>> ui_label("basis.county", "zh")
    '县级'
    """
    try:
        template = ui_labels()[lang][key]
    except KeyError:
        raise KeyError(f"explorer label {key!r} ({lang}) is not in comparekit/site/labels.csv") from None
    return template.format(**fields) if fields else template


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def format_number(value: float) -> str:
    """Format a number with no decimals the data do not have (at most two), thousands separated.

    Examples
    --------
    >>> format_number(55.0), format_number(2.30), format_number(12.359886), format_number(15000)
    ('55', '2.3', '12.36', '15,000')
    """
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace("-", "−")


def value_label(row: pd.Series | dict, lang: str = "en", *, year: bool = True) -> str:
    """Return the value label of one ``compare()`` row: qualifier sign, value, and its year if it differs.

    Parameters
    ----------
    row : pandas.Series or dict
        A row of :func:`comparekit.compare` (``value``, ``value_high``, ``qualifier``, ``year``,
        ``requested_year``, ``verdict``).
    lang : {"en", "zh"}
    year : bool
        Append the statement's year when it differs from the requested year.

    Examples
    --------
    >>> value_label({"value": 2.3, "qualifier": "at_least", "year": 2025, "requested_year": 2025})
    '≥2.3'
    >>> value_label({"value": 100.0, "qualifier": "exact", "year": 2027, "requested_year": 2025})
    '100 (2027)'
    >>> value_label({"value": 100.0, "qualifier": "maintain", "year": 2025, "requested_year": 2025}, "zh")
    '保持100'
    >>> value_label({"value": 12.359886, "qualifier": "exact", "derived": True, "year": 2027, "requested_year": 2025})
    '12.4 (2027)'
    """
    if row.get("verdict") == "not_stated":
        return label("verdict.not_stated", lang)
    value, qualifier = row.get("value"), row.get("qualifier")
    qualifier = qualifier if isinstance(qualifier, str) and qualifier else "exact"
    if _missing(value):
        text = ui_label("chart.qualitative", lang)
    else:
        derived = row.get("derived")
        # A derived rate (a count divided by a population) is shown to one decimal: the count has no more.
        digits = 1 if isinstance(derived, (bool, np.bool_)) and derived else 2
        text = format_number(round(float(value), digits))
        high = row.get("value_high")
        if qualifier == "range" and not _missing(high):
            text = f"{text}–{format_number(float(high))}"
        elif qualifier == "maintain":
            text = f"{label('qualifier.maintain', lang)}{'' if lang == 'zh' else ' '}{text}"
        else:
            text = QUALIFIER_SIGNS.get(qualifier, "") + text
    stated, requested = row.get("year"), row.get("requested_year")
    if year and not _missing(stated) and not _missing(requested) and int(stated) != int(requested):
        text += ("" if lang == "zh" else " ") + ui_label("chart.year_differs", lang, year=int(stated))
    return text


def unit_label(unit: object, lang: str = "en") -> str:
    """Return a canonical unit in ``"zh"`` or ``"en"`` (the figure label registry), or as written.

    Examples
    --------
    >>> unit_label("个/千人", "en"), unit_label("%", "zh")
    ('per 1000 people', '%')
    """
    if _missing(unit) or not str(unit):
        return ""
    try:
        return label(f"unit.{unit}", lang)
    except KeyError:
        return str(unit)


def chart_title(indicator: pd.Series | dict, year: int, lang: str = "en") -> str:
    """Return the chart title: the indicator's registry name and the comparison year.

    Examples
    --------
    >>> chart_title({"name_en": "Urbanization rate", "name_zh": "城镇化率"}, 2025)
    'Urbanization rate, 2025'
    """
    return ui_label("chart.title", lang, indicator=indicator[f"name_{lang}"], year=year)


def chart_subtitle(compared: pd.DataFrame, basis: str, lang: str = "en") -> str:
    """Return the subtitle: what is compared (year, how many plans state it) and on which basis.

    Examples
    --------
    >>> table = pd.DataFrame({"verdict": ["comparable", "not_stated"], "requested_year": [2025, 2025]})
    >>> chart_subtitle(table, "prefecture")
    'Targets and standards for 2025: stated by 1 of 2 plans, compared on a prefecture basis (the whole prefecture-level city).'
    """
    verdicts = compared["verdict"].tolist()
    stated = sum(verdict != "not_stated" for verdict in verdicts)
    year = int(compared["requested_year"].tolist()[0])
    basis_text = ui_label(f"basis.{basis}_long", lang)
    return ui_label("chart.subtitle", lang, year=year, stated=stated, n=len(verdicts), basis=basis_text)
