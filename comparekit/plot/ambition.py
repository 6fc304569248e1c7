"""Baseline → target per place and indicator, with the change per year each target implies."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
import pandas as pd

from ..checks import check_finite
from ..style import _check_lang, colour, label, place_palette
from . import layout
from ._common import (
    axes,
    data_y,
    figure,
    format_number,
    indicator_label,
    label_or,
    number,
    place_label,
    place_sources,
    require,
    split_ids,
    text,
    unit_label,
    value_axis_label,
    value_text,
    year,
)
from .comparison import ordered_sources, top_legend
from ..study import Study, with_study

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["dumbbell", "AMBITION_COLUMNS"]

#: Columns :func:`dumbbell` reads from an ``ambition()`` table.
AMBITION_COLUMNS = [
    "place_id", "indicator_id", "baseline_year", "baseline_value", "target_year", "target_value",
    "target_qualifier", "unit", "change_per_year", "change_unit",
]


@with_study
def dumbbell(
    ambition_table: pd.DataFrame,
    *,
    lang: str = "en",
    ax: "Axes | None" = None,
    source: bool = True,
    title: bool = True,
    study: "Study | str | Path | None" = None,
) -> "Axes":
    """Baseline → target per row (every place that states a baseline), with the implied change per year.

    Rows are grouped by place (registry order) and sorted by the change per year, largest first.
    The baseline is a hollow marker, the target a filled one in the place's colour and shape,
    joined by a line. Each marker is labelled: the baseline with its value, the target with its
    value and qualifier (``≈50``, ``≥67``), on the outer side of the pair so that labels never sit
    between the two. Years go into the subtitle when every row shares them, else into the labels.
    The change per year (``pp/yr`` or ``%/yr``) stands in a column at the right. If every row has
    the same unit the axis shows values in that unit (shares within 0–100); otherwise each row is
    indexed to its baseline (baseline = 100).

    Parameters
    ----------
    ambition_table : pandas.DataFrame
        ``ambition()`` output (see :data:`AMBITION_COLUMNS`).
    lang : {"en", "zh"}
    ax : matplotlib.axes.Axes, optional
    source : bool
        Add the source line (``source_id`` if present, else the documents of the places shown).
    title : bool
        Give the figure a title (the places) and subtitle (the years).
    study : Study, str or Path, optional
        The study whose registries name the places, indicators and sources (default the
        built-in study).

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_finite(ambition_table, ("baseline_value", "target_value", "change_per_year"), "ambition table", "ambition_table")
    _check_lang(lang)
    ax = axes(ax)
    if ambition_table is None or len(ambition_table) == 0:
        return ax
    require(ambition_table, AMBITION_COLUMNS, "ambition table")
    from ..registry import load_places

    order = {p: i for i, p in enumerate(load_places()["place_id"])}
    rows = ambition_table.copy()
    rows["_place"] = [order.get(text(p), len(order)) for p in rows["place_id"]]
    rows["_change"] = [-number(c) if not math.isnan(number(c)) else math.inf for c in rows["change_per_year"]]
    rows = rows.sort_values(["_place", "_change"], kind="stable").reset_index(drop=True)
    for place_id in rows["place_id"]:
        place_label(text(place_id), lang)
    baseline = np.array([number(v) for v in rows["baseline_value"]])
    target = np.array([number(v) for v in rows["target_value"]])
    units = list(dict.fromkeys(u for u in (text(u) for u in rows["unit"]) if u))
    indexed = len(units) > 1
    if indexed:
        with np.errstate(divide="ignore", invalid="ignore"):
            valid = np.isfinite(baseline) & (baseline != 0)
            x_base = np.where(valid, 100.0, np.nan)
            x_target = np.where(valid, target / np.where(valid, baseline, 1.0) * 100.0, np.nan)
    else:
        x_base, x_target = baseline, target
    places = list(dict.fromkeys(text(p) for p in rows["place_id"]))
    indicators = list(dict.fromkeys(text(i) for i in rows["indicator_id"]))
    palette = place_palette(places)
    years = {(year(b), year(t)) for b, t in zip(rows["baseline_year"], rows["target_year"])}
    one_period = len(years) == 1
    to_row = data_y(ax)
    muted = colour("text_muted")
    size = layout.text_size("label")
    marker_pt = float(mpl.rcParams["lines.markersize"])
    tick_labels = []
    gap = marker_pt * 0.6 + 2
    fig_w, fig_h = figure(ax).get_figwidth() * 72.0, figure(ax).get_figheight() * 72.0
    tick_size = float(mpl.rcParams["ytick.labelsize"]) if not isinstance(mpl.rcParams["ytick.labelsize"], str) else size
    two_lines = 2 * 1.25 * tick_size <= 0.6 * fig_h / max(len(rows), 1)
    tick_width = 0.3 * fig_w if two_lines else 0.6 * fig_w
    specs = []  # per row: [(kind, x, body, leftmost)]
    repeated = rows["place_id"].map(text).value_counts().to_dict()
    all_census = bool(len(rows)) and bool(rows.apply(_census, axis=1).all())
    for y, row in rows.iterrows():
        place_id, indicator_id = text(row["place_id"]), text(row["indicator_id"])
        place, indicator = place_label(place_id, lang), indicator_label(indicator_id, lang)
        if len(places) == 1:
            tick = indicator
        elif len(indicators) == 1:  # a place with targets for two years (2025, 2035) names the year
            tick = place if repeated.get(place_id, 0) < 2 else label("format.place_target_year", lang, place=place, year=year(row["target_year"]))
        else:
            tick = label("format.place_indicator", lang, place=place, indicator=indicator)
        tick_labels.append(layout.wrap_label(tick, tick_width, tick_size, max_lines=2 if two_lines else 1))
        xb, xt = float(x_base[y]), float(x_target[y])
        # a census baseline is derived from the census, not stated by the plan: footnoted on its label
        census_mark = layout.footnote(figure(ax), label("note.census_baseline", lang), place).translate(_SUPERSCRIPT) if _census(row) else ""
        row_specs = []
        for kind, x, value, when in (("baseline", xb, baseline[y], row["baseline_year"]),
                                     ("target", xt, target[y], row["target_year"])):
            if math.isnan(x):
                continue
            other = xt if kind == "baseline" else xb
            leftmost = math.isnan(other) or x < other or (x == other and kind == "baseline")
            qualifier = text(row["target_qualifier"]) if kind == "target" else "exact"
            # the subtitle names the period of a single-period chart, and the census year of a census chart
            hide_year = one_period or (kind == "baseline" and all_census)
            body = value_text(float(value), qualifier, lang, shown_year=None if hide_year else year(when))
            if kind == "baseline":
                body += census_mark
            if x == other and kind == "target":
                continue  # baseline equals target: one label, the target's, on the right
            if x == other:
                body = value_text(float(target[y]), text(row["target_qualifier"]), lang)
                leftmost = False
            row_specs.append((kind, x, body, leftmost))
        specs.append(row_specs)
    changes = [label("format.change", lang, value=format_number(number(c), signed=True),
                     unit=label_or(f"change.{text(u)}", lang, text(u))) for c, u in zip(rows["change_per_year"], rows["change_unit"])]
    # The laid-out Axes width: the figure less tick labels, change column and margins (a little under).
    axes_pt = 0.92 * (fig_w - max(layout.text_width(t, tick_size) for t in tick_labels)
                      - max(layout.text_width(c, size) for c in changes) - 4 * size)
    xs = [x for x in np.concatenate([x_base, x_target]) if not math.isnan(x)]
    lo, hi = _limits(xs, units) if xs else (0.0, 1.0)
    extents = [(x, gap + layout.text_width(body, size) if leftmost else gap, 0.0 if leftmost else gap + layout.text_width(body, size))
               for row_specs in specs for _, x, body, leftmost in row_specs]
    share = units == ["%"] and xs and 0 <= min(xs) and max(xs) <= 100
    overhang, data_lo, data_hi = 0.0, lo, hi
    for _ in range(3):  # labels reaching past the right edge push the change column, which narrows the Axes
        fit_lo, fit_hi = layout.fit_limits(data_lo, data_hi, extents, axes_pt - overhang)
        lo, hi = (max(0.0, fit_lo), min(100.0, fit_hi)) if share else (fit_lo, fit_hi)
        overhang = max([0.0] + [(x - lo) / (hi - lo) * (axes_pt - overhang) + right - (axes_pt - overhang)
                                for x, _, right in extents])
    ax.set_xlim(lo, hi)
    for y, row in rows.iterrows():
        place_id = text(row["place_id"])
        color, shape = palette[place_id]
        ax.axhline(y, color=colour("row_guide"), linewidth=0.5, zorder=0, gid=f"guide:{y}")
        xb, xt = float(x_base[y]), float(x_target[y])
        if not (math.isnan(xb) or math.isnan(xt)):
            ax.plot([xb, xt], [y, y], color=color, alpha=0.6, solid_capstyle="round", zorder=2, gid=f"dumbbell:{y}",
                    linestyle=(0, (2, 1.5)) if _census(row) else "-")
        for kind, x in (("baseline", xb), ("target", xt)):
            if not math.isnan(x):
                ax.plot([x], [y], linestyle="none", marker=shape, color=color, markeredgecolor=color,
                        markerfacecolor=color if kind == "target" else "white", markeredgewidth=1.2,
                        zorder=3, gid=f"{kind}:{y}", clip_on=False)
        for kind, x, body, leftmost in specs[y]:
            ax.annotate(body, xy=(x, y), xytext=(-gap if leftmost else gap, 0), textcoords="offset points",
                        ha="right" if leftmost else "left", va="center", fontsize=size, color=colour("text"),
                        gid=f"label:{kind}:{y}", annotation_clip=False)
        change, change_unit = number(row["change_per_year"]), text(row["change_unit"])
        if math.isnan(change):
            body = label("verdict.not_stated", lang)
        else:
            body = label("format.change", lang, value=format_number(change, signed=True),
                         unit=label_or(f"change.{change_unit}", lang, change_unit))
        ax.annotate(body, xy=(1, y), xycoords=to_row, xytext=(6 + overhang, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=size, color=muted, gid=f"change:{y}", annotation_clip=False)

    n = len(rows)
    ax.set_yticks(range(n), tick_labels)
    ax.set_ylim(n - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    if indexed:
        ax.set_xlabel(label("axis.index", lang))
    elif len(indicators) == 1:
        ax.set_xlabel(value_axis_label(indicators[0], units[0] if units else "", lang))
    elif units:
        ax.set_xlabel(label("axis.unit", lang, unit=unit_label(units[0], lang)))
    from matplotlib.lines import Line2D

    grey = colour("reference")
    handles = [
        Line2D([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor=grey,
               label=label("kind.baseline", lang)),
        Line2D([], [], linestyle="none", marker="o", markerfacecolor=grey, markeredgecolor=grey,
               label=label("kind.target", lang)),
    ]
    if any(_census(row) for _, row in rows.iterrows()):
        handles.append(Line2D([], [], color=grey, linestyle=(0, (2, 1.5)), label=label("legend.census_baseline", lang)))
    top_legend(ax, handles)
    fig = figure(ax)
    layout.add_reading(fig, [label("reading.ambition", lang)])
    paces = {(text(p), number(v)) for p, v in zip(rows["national_period"], rows["national_change_per_year"])} if "national_change_per_year" in rows.columns else set()
    notes = [label("note.national_pace", lang, period=period, value=format_number(value, signed=True))
             for period, value in sorted(paces) if period and not math.isnan(value)]
    layout.add_notes(fig, notes, lang=lang)
    if title:
        names = label("format.list_separator", lang).join(place_label(p, lang) for p in places)
        if one_period:
            start, end = next(iter(years))
            period = label("subtitle.years", lang, start=start, end=end)
        else:
            period = ""
        layout.add_heading(fig, label("title.ambition", lang, places=names),
                           label("subtitle.census_pace" if rows.apply(_census, axis=1).all() else "subtitle.ambition", lang, years=period).replace("，，", "，").replace(", ,", ",").replace(", ;", ";").replace("，；", "；"),
                           lang=lang)
    if source:
        ids = split_ids(rows["source_id"]) if "source_id" in rows.columns else place_sources(places)
        if any(_census(row) for _, row in rows.iterrows()):  # census baselines cite the census
            from ..census import CENSUS_SOURCE_ID

            ids = [*ids, CENSUS_SOURCE_ID]
        layout.add_source_line(fig, ordered_sources(ids), lang=lang)
    return ax


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _census(row: pd.Series) -> bool:
    """True for a row whose baseline is the 2020 census, not the plan."""
    return "baseline_source" in row.index and text(row["baseline_source"]) == "census"


def _limits(xs: list[float], units: list[str]) -> tuple[float, float]:
    low, high = min(xs), max(xs)
    pad = (high - low) * 0.18 or max(abs(high) * 0.18, 1.0)
    if units == ["%"] and 0 <= low and high <= 100:
        return max(0.0, low - pad), min(100.0, high + pad)
    return low - pad, high + pad
