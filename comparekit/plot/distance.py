"""Small multiples: how far each place's target lies from the national reference, per indicator."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import matplotlib as mpl
import pandas as pd

from ..checks import check_finite
from ..style import _check_lang, colour, label, place_palette
from . import layout
from ._common import (
    figure,
    format_number,
    indicator_label,
    national_reference,
    number,
    place_label,
    require,
    split_ids,
    text,
    unit_label,
    year,
)
from .comparison import COMPARED_COLUMNS, ordered_sources
from ..study import Study, with_study

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["distance_to_reference", "distance_table"]

_SIGNS = {"at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<", "about": "≈"}


def distance_table(compared: pd.DataFrame, *, min_places: int = 2) -> pd.DataFrame:
    """Comparable values minus the national reference, for indicators that enough places state.

    Keeps rows whose verdict is ``comparable`` or ``caveat`` and that have a value; an indicator
    is kept when at least *min_places* places have such a value and the registry has a national
    reference in the same unit for the year compared (or an earlier one). Adds
    ``reference_value``, ``reference_qualifier`` and ``distance``.

    Examples
    --------
    >>> table = pd.DataFrame({"place_id": ["a", "b"], "indicator_id": ["childcare_slots_per_1000"] * 2,
    ...     "requested_year": [2025, 2025], "value": [4.8, 4.0], "unit": ["个/千人"] * 2,
    ...     "verdict": ["comparable", "caveat"]})
    >>> distance_table(table)["distance"].round(2).tolist()
    [0.3, -0.5]
    """
    rows = []
    for indicator_id, group in compared.groupby("indicator_id", sort=False):
        usable = group[group["verdict"].isin(["comparable", "caveat"]) & group["value"].notna()]
        if usable["place_id"].nunique() < min_places:
            continue
        unit = text(usable["unit"].iloc[0])
        ref = national_reference(indicator_id, year(usable["requested_year"].iloc[0]), unit)
        if ref is None:
            continue
        usable = usable[usable["unit"] == unit].copy()
        usable["reference_value"] = float(ref["value"])
        usable["reference_qualifier"] = text(ref["qualifier"])
        usable["reference_year"] = year(ref["year"])
        usable["distance"] = usable["value"].astype(float) - float(ref["value"])
        rows.append(usable)
    return pd.concat(rows, ignore_index=True) if rows else compared.iloc[0:0].assign(distance=[])


@with_study
def distance_to_reference(
    compared: pd.DataFrame,
    *,
    lang: str = "en",
    axes: "Sequence[Axes] | None" = None,
    min_places: int = 2,
    source: bool = True,
    title: bool = True,
    study: "Study | str | Path | None" = None,
) -> "list[Axes]":
    """Small multiples: one panel per indicator, each place's target minus the national reference.

    A lollipop from zero (the national reference, labelled) to the distance, in the place's colour
    and marker, labelled with the signed distance and the plan's qualifier (``≥+10``). Only
    comparable values (with or without caveat) of indicators that at least *min_places* places
    state and that have a national reference are drawn. Each panel has its own scale (units
    differ), symmetric around zero.

    Parameters
    ----------
    compared : pandas.DataFrame
        Several ``compare()`` tables concatenated (see :data:`COMPARED_COLUMNS`).
    lang : {"en", "zh"}
    axes : sequence of Axes, optional
        One per indicator kept; by default a grid of subplots is made on the current figure.
    min_places : int
    source, title : bool
    study : Study, str or Path, optional
        The study whose registries name the places, indicators and sources (default the
        built-in study).

    Returns
    -------
    list of matplotlib.axes.Axes
    """
    check_finite(compared, ("value", "value_high"), "comparison table", "compared")
    _check_lang(lang)
    if compared is None or len(compared) == 0:
        return list(axes or [])
    require(compared, COMPARED_COLUMNS, "comparison table")
    table = distance_table(compared, min_places=min_places)
    indicators = list(dict.fromkeys(table["indicator_id"]))
    if not indicators:
        return list(axes or [])
    if axes is None:
        import matplotlib.pyplot as plt

        fig = plt.gcf()
        fig.clear()
        ncols = 2 if len(indicators) > 1 and fig.get_figwidth() > 5 else 1
        nrows = math.ceil(len(indicators) / ncols)
        grid = fig.subplots(nrows, ncols, squeeze=False)
        axes = [a for row in grid for a in row]
        for extra in axes[len(indicators):]:
            extra.set_visible(False)
    axes = list(axes)[: len(indicators)]
    fig = figure(axes[0])
    all_places = list(dict.fromkeys(text(p) for p in compared["place_id"]))
    palette = place_palette(all_places)
    size = layout.text_size("label")
    marker_pt = float(mpl.rcParams["lines.markersize"])
    muted = colour("text_muted")
    for ax, indicator_id in zip(axes, indicators):
        rows = table[table["indicator_id"] == indicator_id].reset_index(drop=True)
        unit = text(rows["unit"].iloc[0])
        reach = max(abs(float(d)) for d in rows["distance"]) or 1.0
        limit = reach * 1.9
        ax.set_xlim(-limit, limit)
        for y, row in rows.iterrows():
            place_id = text(row["place_id"])
            color, shape = palette[place_id]
            distance = float(row["distance"])
            ax.axhline(y, color=colour("row_guide"), linewidth=0.5, zorder=0)
            ax.plot([0, distance], [y, y], color=color, linewidth=1.2, zorder=2, gid=f"stem:{indicator_id}:{place_id}")
            ax.plot([distance], [y], linestyle="none", marker=shape, color=color, markeredgecolor=color,
                    zorder=3, gid=f"distance:{indicator_id}:{place_id}", clip_on=False)
            body = _SIGNS.get(text(row["qualifier"]), "") + format_number(distance, signed=True)
            right = distance >= 0
            gap = marker_pt * 0.6 + 2
            ax.annotate(body, xy=(distance, y), xytext=(gap if right else -gap, 0), textcoords="offset points",
                        ha="left" if right else "right", va="center", fontsize=size, color=colour("text"),
                        gid=f"label:{indicator_id}:{place_id}", annotation_clip=False)
        n = len(rows)
        ax.plot([0, 0], [-0.5, n - 0.5], color=colour("reference"), linestyle="--", linewidth=1.0, zorder=1, gid="reference")
        ax.set_yticks(range(n), [place_label(text(p), lang) for p in rows["place_id"]])
        ax.set_ylim(n - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ref_text = label("reference.short", lang, value=_SIGNS.get(text(rows["reference_qualifier"].iloc[0]), "")
                         + format_number(float(rows["reference_value"].iloc[0])), year=year(rows["reference_year"].iloc[0]))
        ax.set_title(layout.wrap_label(indicator_label(indicator_id, lang), 0.9 * fig.get_figwidth() * 72.0 / (2 if len(axes) > 1 and fig.get_figwidth() > 5 else 1), size), fontsize=layout.text_size("label"), fontweight="bold", loc="left")
        ax.set_xlabel(f"{unit_label(unit, lang)} · {ref_text} = 0", fontsize=size, color=muted)
        ax.tick_params(axis="x", labelsize=size)
    layout.add_reading(fig, [label("reading.distance", lang)])
    if title:
        requested = year(compared["requested_year"].iloc[0])
        layout.add_heading(fig, label("title.distance", lang, year=requested), label("subtitle.distance", lang), lang=lang)
    if source:
        layout.add_source_line(fig, ordered_sources(split_ids(table["source_id"])), lang=lang)
    return axes
