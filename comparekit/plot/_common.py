"""Helpers shared by the chart modules: table checks, cell conversion, registry names, value text.

Nothing here draws; the value formatting (:func:`value_text`) is the one place that turns a value
and its qualifier into the label printed beside a marker.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import pandas as pd

from ..errors import ComparekitError, TableError
from ..registry import indicator_name, load_indicators, load_places, load_units, place_name
from ..style import label
from ..study import study_cache
from ..tables import problems_frame

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["value_text", "format_number"]

#: Qualifiers pointing towards higher / lower values.
UP = {"at_least", "more_than"}
DOWN = {"at_most", "less_than"}


def axes(ax: "Axes | None") -> "Axes":
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # imported here: importing comparekit stays free of pyplot

    return plt.gca()


def figure(obj: Any) -> "Figure":
    return obj.get_figure(root=True)


def require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        problems = [("<DataFrame>", "", c, "", f"{c} required column is missing") for c in missing]
        raise TableError(what, problems_frame(problems))


def text(value: object) -> str:
    """A cell as text; missing values become the empty string."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def number(value: object) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def flag(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return False if value is None or pd.isna(value) else bool(value)


def year(value: object) -> int | None:
    result = number(value)
    return None if math.isnan(result) else int(result)


def format_number(value: float, signed: bool = False) -> str:
    """Format a number with no decimals it does not have (at most two), a true minus sign.

    Examples
    --------
    >>> format_number(55.0), format_number(64.17), format_number(-0.5, signed=True), format_number(0.9433, signed=True)
    ('55', '64.17', '−0.5', '+0.94')
    """
    result = f"{value:,.2f}".rstrip("0").rstrip(".")
    result = "0" if result in ("-0", "") else result
    return f"+{result}" if signed and value > 0 else result.replace("-", "−")


def value_text(value: float, qualifier: str, lang: str, *, high: float = math.nan, shown_year: int | None = None) -> str:
    """The value label of a marker: the formatted value with its qualifier (and year, if not the asked one).

    Templates come from ``labels.csv`` (``value.<qualifier>``, ``value.with_year``).

    Examples
    --------
    >>> value_text(2.3, "at_least", "en"), value_text(55, "about", "en"), value_text(3, "range", "en", high=5)
    ('≥2.3', '≈55', '3–5')
    >>> value_text(100, "maintain", "zh"), value_text(100, "exact", "en", shown_year=2027)
    ('保持100', '100 (2027)')
    """
    shown = format_number(value)
    if qualifier == "range" and not math.isnan(high):
        result = label("value.range", lang, value=shown, high=format_number(high))
    else:
        result = label_or(f"value.{qualifier}", lang, shown, value=shown)
    if shown_year is not None:
        result = label("value.with_year", lang, value=result, year=shown_year)
    return result


def label_or(key: str, lang: str, default: str, **fields: object) -> str:
    try:
        return label(key, lang, **fields)
    except KeyError:
        return default


def place_label(place_id: str, lang: str) -> str:
    known, names = _names(load_places, "place_id")
    if place_id not in known:
        raise ComparekitError(f"place {place_id!r} is not in data/registry/places.csv")
    if (place_id, lang) not in names:
        names[place_id, lang] = place_name(place_id, lang)
    return names[place_id, lang]


def indicator_label(indicator_id: str, lang: str) -> str:
    known, names = _names(load_indicators, "indicator_id")
    if indicator_id not in known:
        raise ComparekitError(f"indicator {indicator_id!r} is not in data/registry/indicators.csv")
    if (indicator_id, lang) not in names:
        names[indicator_id, lang] = indicator_name(indicator_id, lang)
    return names[indicator_id, lang]


@study_cache
def _names(loader: Any, column: str) -> tuple[frozenset[str], dict[tuple[str, str], str]]:
    """The ids of a registry and a cache of their display names, per loader (registries are read once per process)."""
    return frozenset(loader()[column]), {}


def unit_label(unit: str, lang: str) -> str:
    if not unit:
        return ""
    units = load_units().set_index("unit")
    fallback = unit if lang == "zh" or unit not in units.index else units.loc[unit, "name_en"]
    return label_or(f"unit.{unit}", lang, fallback)


def value_axis_label(indicator_id: str, unit: str, lang: str) -> str:
    """Axis label: the unit alone (the indicator is in the title), never the unit twice."""
    if unit:
        return label("axis.unit", lang, unit=unit_label(unit, lang))
    return label("axis.value_no_unit", lang, indicator=indicator_label(indicator_id, lang))


def split_ids(values: Iterable[object]) -> list[str]:
    ids: list[str] = []
    for value in values:
        for part in text(value).split(";"):
            if part.strip() and part.strip() not in ids:
                ids.append(part.strip())
    return ids


def place_sources(place_ids: Iterable[str]) -> list[str]:
    from ..sources import load_sources

    sources = load_sources()
    ids: list[str] = []
    for place_id in place_ids:
        ids += [s for s in sources.loc[sources["place_id"] == place_id, "source_id"] if s not in ids]
    return ids


def draft_sources(source_ids: Iterable[str]) -> set[str]:
    """The ids among *source_ids* whose document is a draft (sources registry ``status == "draft"``)."""
    from ..sources import load_sources

    sources = load_sources()
    drafts = set(sources.loc[sources["status"].astype(str).str.strip() == "draft", "source_id"])
    return {s for s in split_ids(source_ids) if s in drafts}


def data_y(ax: "Axes"):
    from matplotlib.transforms import blended_transform_factory

    return blended_transform_factory(ax.transAxes, ax.transData)


def national_reference(indicator_id: str, year_asked: int | None, unit: str) -> pd.Series | None:
    """The national reference of an indicator for *year_asked* (or the nearest earlier year), same unit."""
    from ..registry import load_national_references

    references = load_national_references()
    rows = references[(references["indicator_id"] == indicator_id) & (references["unit"] == unit)]
    if year_asked is not None:
        rows = rows[rows["year"] <= year_asked]
    if rows.empty:
        return None
    return rows.sort_values("year", kind="stable").iloc[-1]
