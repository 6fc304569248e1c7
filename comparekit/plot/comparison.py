"""One indicator across the places: a labelled dot chart with qualifiers, caveats and the national value."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib as mpl
import pandas as pd

from ..checks import check_finite
from ..style import _check_lang, colour, label, marks, place_palette
from . import layout
from ..study import Study, with_study
from ._common import (
    axes,
    data_y,
    draft_sources,
    figure,
    format_number,
    indicator_label,
    label_or,
    national_reference,
    number,
    place_label,
    place_sources,
    require,
    split_ids,
    text,
    value_axis_label,
    value_text,
    year,
    flag,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["comparison", "COMPARED_COLUMNS"]

#: Columns :func:`comparison` reads from a ``compare()`` table.
COMPARED_COLUMNS = [
    "place_id", "indicator_id", "year", "requested_year", "value", "value_high", "qualifier",
    "unit", "derived", "verdict", "caveat_en", "caveat_zh", "source_id",
]
_REF_UP = {"at_least", "more_than"}
_REF_DOWN = {"at_most", "less_than"}


@with_study
def comparison(
    compared: pd.DataFrame,
    *,
    lang: str = "en",
    ax: "Axes | None" = None,
    reference: bool = True,
    show_caveats: bool = True,
    source: bool = True,
    title: bool = True,
    study: "Study | str | Path | None" = None,
) -> "Axes":
    """Dot chart of one indicator across the places, each value labelled with its qualifier.

    One row per place (registry names, fixed colour and marker shape per place, faint row guides).
    Each marker carries a direct label: the value as stated with its qualifier (``≥2.3``, ``≈55``,
    ``3–5``, ``保持100``) and its year where that is not the year asked (``100 (2027)``). *Maintain*
    is ringed, *reach* is not; derived values are hollow. Rows with a caveat sit on a grey band and
    carry a footnote number; not-comparable rows are hatched and faded. One footnote per distinct
    caveat names the places it applies to; a place that does not state the indicator reads "not
    stated" in its row (never zero, no footnote). Values from a draft document carry a dagger and a
    note. The national reference is a dashed line labelled at its top, with its qualifier, and
    broken where it would cross a marker or label; a qualified reference (``≥30``) shades the side
    it allows. Share axes stay within 0–100.

    Parameters
    ----------
    compared : pandas.DataFrame
        ``compare(indicator, year)`` output: one indicator, one row per place (see
        :data:`COMPARED_COLUMNS`).
    lang : {"en", "zh"}
    ax : matplotlib.axes.Axes, optional
        Defaults to the current Axes.
    reference : bool
        Draw the national reference line if the registry has one.
    show_caveats : bool
        Number caveats and print them as footnotes.
    source : bool
        Add the source line (documents of the values shown; for places that state nothing, the
        documents that were searched).
    title : bool
        Give the figure a title (indicator and year) and a subtitle (basis, how many are comparable).
    study : Study, str or Path, optional
        The study whose registries name the places, indicators and sources (default the
        built-in study).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> with use_style("paper", lang="zh"):  # doctest: +SKIP
    ...     ax = comparison(compare("urbanization_rate", year=2025), lang="zh")
    """
    check_finite(compared, ("value", "value_high"), "comparison table", "compared")
    _check_lang(lang)
    ax = axes(ax)
    if compared is None or len(compared) == 0:
        return ax
    require(compared, COMPARED_COLUMNS, "comparison table")
    indicators = [i for i in pd.unique(compared["indicator_id"]) if text(i)]
    if len(indicators) != 1:
        raise ValueError(f"comparison() draws one indicator at a time; the table has {indicators!r}")
    indicator_id = indicators[0]
    rows = compared.reset_index(drop=True)
    for place_id in rows["place_id"]:
        place_label(text(place_id), lang)  # unknown places fail before anything is drawn
    mark = marks()
    fig = figure(ax)
    units = [u for u in (text(u) for u in rows["unit"]) if u]
    unit = units[0] if units else ""
    requested = [y for y in (year(v) for v in rows["requested_year"]) if y is not None]
    requested_year = requested[0] if requested else None
    label_size = layout.text_size("label")
    marker_pt = float(mpl.rcParams["lines.markersize"])
    drafts = draft_sources(rows["source_id"])
    palette = place_palette([text(p) for p in rows["place_id"]])
    to_row = data_y(ax)
    muted = colour("text_muted")

    # Values and extents first: the axis limits decide where labels go.
    values = [number(v) for v in rows["value"]]
    highs = [number(v) for v in rows["value_high"]]
    ref = national_reference(indicator_id, requested_year, unit) if reference else None
    shown = [v for v in values + highs if not math.isnan(v)]
    if ref is not None:
        shown.append(float(ref["value"]))
    low, high = (min(shown), max(shown)) if shown else (0.0, 1.0)
    pad = (high - low) * 0.12 or max(abs(high) * 0.12, 1.0)
    x_low, x_high = low - pad, high + pad
    if unit == "%" and 0 <= low and high <= 100:
        x_low, x_high = 0.0, 100.0  # a share is read against its whole range
    ax.set_xlim(x_low, x_high)
    span = x_high - x_low
    axes_pt = 0.62 * fig.get_figwidth() * 72.0  # a conservative guess of the laid-out Axes width

    def frac(x: float) -> float:
        return (x - x_low) / span

    occupied: dict[int, list[tuple[float, float]]] = {}  # row -> x extents (data) of marks and labels
    legend_flags = set()
    n = len(rows)
    for y, row in rows.iterrows():
        place_id = text(row["place_id"])
        place = place_label(place_id, lang)
        color, shape = palette[place_id]
        verdict = text(row["verdict"])
        qualifier = text(row["qualifier"])
        not_comparable = verdict == "not_comparable"
        alpha = float(mark["not_comparable_alpha"]) if not_comparable else 1.0
        ax.axhline(y, color=colour("row_guide"), linewidth=0.5, zorder=0, gid=f"guide:{place_id}")
        if not_comparable:
            legend_flags.add("not_comparable")
            ax.axhspan(y - 0.45, y + 0.45, facecolor="none", hatchcolor=colour("not_comparable_band"),
                       edgecolor="none", hatch=mark["not_comparable_hatch"], linewidth=0, zorder=0,
                       gid=f"not-comparable:{place_id}")
        elif verdict == "caveat":
            legend_flags.add("caveat")
            ax.axhspan(y - 0.45, y + 0.45, facecolor=colour("caveat_band"), edgecolor="none", linewidth=0,
                       zorder=0, gid=f"caveat:{place_id}")
        value, value_high = values[y], highs[y]
        extents = occupied.setdefault(y, [])
        if math.isnan(value):
            body = label("verdict.not_stated", lang)
            if verdict != "not_stated" and qualifier:
                body = label_or(f"qualifier.{qualifier}", lang, body)
            anchor = ax.text(0.01, y, body, transform=to_row, ha="left", va="center", style="italic",
                             fontsize=label_size, color=muted, gid=f"not-stated:{place_id}")
            width = layout.text_width(body, label_size) / axes_pt * span
            extents.append((x_low, x_low + 0.01 * span + width))
            right_side = True
        else:
            derived = flag(row["derived"])
            if derived:
                legend_flags.add("derived")
            xs = [value]
            if qualifier == "range" and not math.isnan(value_high):
                ax.barh(y, value_high - value, left=value, height=0.28, color=color, alpha=0.45 * alpha,
                        linewidth=0, zorder=2, gid=f"range:{place_id}")
                xs.append(value_high)
            (point,) = ax.plot(xs, [y] * len(xs), linestyle="none", marker=shape, color=color,
                               markeredgecolor=color, markerfacecolor="white" if derived else color,
                               markeredgewidth=1.2, alpha=alpha, zorder=3, gid=f"value:{place_id}", clip_on=False)
            if qualifier == "maintain":
                legend_flags.add("maintain")
                ax.plot([value], [y], linestyle="none", marker="o", markersize=marker_pt * 1.9, markerfacecolor="none",
                        markeredgecolor=color, markeredgewidth=1.0, alpha=alpha, zorder=3,
                        gid=f"maintain:{place_id}", clip_on=False)
            shown_year = year(row["year"])
            shown_year = shown_year if shown_year is not None and shown_year != requested_year else None
            body = value_text(value, qualifier, lang, high=value_high, shown_year=shown_year)
            right_side = frac(max(xs)) <= 0.72
            gap = marker_pt * (0.95 if qualifier == "maintain" else 0.6) + 2
            anchor = ax.annotate(
                body, xy=(max(xs) if right_side else min(xs), y), xytext=(gap if right_side else -gap, 0),
                textcoords="offset points", ha="left" if right_side else "right", va="center",
                fontsize=label_size, color=colour("text"), alpha=max(alpha, 0.6), gid=f"label:{place_id}",
                annotation_clip=False,
            )
            width = (layout.text_width(body, label_size) + gap + 10) / axes_pt * span
            marker_half = (gap + 2) / axes_pt * span
            extents.append((min(xs) - marker_half, max(xs) + marker_half))
            extents.append((max(xs), max(xs) + width) if right_side else (min(xs) - width, min(xs)))
        marks_text = ""
        caveat = text(row[f"caveat_{lang}"])
        if show_caveats and caveat and verdict != "not_stated":
            marks_text = layout.footnote(fig, caveat, place)
        if set(split_ids([row["source_id"]])) & drafts and show_caveats:
            marks_text += layout.draft_note(fig, place)
        if marks_text:
            ax.annotate(marks_text, xy=(1, 1) if right_side else (0, 1), xycoords=anchor,
                        xytext=(1, -1) if right_side else (-1, -1), textcoords="offset points",
                        ha="left" if right_side else "right", va="center", fontsize=layout.text_size("footer"),
                        color=muted, gid=f"note:{place_id}", annotation_clip=False)

    header = 0.0
    handles = []
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if ref is not None:
        header = 1.0
        ref_value = float(ref["value"])
        ref_qualifier = text(ref["qualifier"])
        segments = [(-0.5 - header, -0.5)]
        for y in range(n):
            if not any(a - 1e-9 <= ref_value <= b + 1e-9 for a, b in occupied.get(y, [])):
                segments.append((y - 0.5, y + 0.5))
        for k, (y0, y1) in enumerate(segments):
            ax.plot([ref_value, ref_value], [y0, y1], color=colour("reference"), linestyle=mark["reference_linestyle"],
                    linewidth=1.0, zorder=1, gid="reference" if k == 0 else f"reference:{k}")
        if ref_qualifier in _REF_UP:
            ax.axvspan(ref_value, x_high, color=colour("reference"), alpha=0.08, linewidth=0, zorder=0, gid="reference-side")
        elif ref_qualifier in _REF_DOWN:
            ax.axvspan(x_low, ref_value, color=colour("reference"), alpha=0.08, linewidth=0, zorder=0, gid="reference-side")
        ref_year = year(ref["year"])
        ref_text = label("reference.short", lang, value=value_text(ref_value, ref_qualifier, lang), year=ref_year)
        on_right = frac(ref_value) <= 0.6
        ax.annotate(ref_text, xy=(ref_value, -0.5 - header / 2), xytext=(3 if on_right else -3, 0),
                    textcoords="offset points", ha="left" if on_right else "right", va="center",
                    fontsize=label_size, color=muted, gid="reference-label", annotation_clip=False)
        layout.add_reading(fig, [label("reading.reference", lang, reference=text(ref[f"label_{lang}"]),
                                       source=text(ref[f"source_{lang}"]))])
    if "derived" in legend_flags:
        handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor="white",
                              markeredgecolor=colour("reference"), label=label("legend.derived", lang)))
    if "maintain" in legend_flags:
        handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor="none", markersize=marker_pt * 1.5,
                              markeredgecolor=colour("reference"), label=label("legend.maintain", lang)))
    if "caveat" in legend_flags:
        handles.append(Patch(facecolor=colour("caveat_band"), edgecolor="none", label=label("legend.caveat", lang)))
    if "not_comparable" in legend_flags:
        handles.append(Patch(facecolor="none", edgecolor="none", hatchcolor=colour("not_comparable_band"),
                             hatch=mark["not_comparable_hatch"], label=label("legend.not_comparable", lang)))

    ax.set_yticks(range(n), [place_label(text(p), lang) for p in rows["place_id"]])
    ax.set_ylim(n - 0.5, -0.5 - header)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(value_axis_label(indicator_id, unit, lang))
    panels = [a for a in fig.axes if a.get_visible() and a.get_in_layout()]
    panel_title = indicator_label(indicator_id, lang) if len(panels) > 1 else None
    if handles or panel_title:
        top_legend(ax, handles, title=panel_title)
    layout.add_reading(fig, [label("reading.comparison", lang)])
    layout.add_notes(fig, [], lang=lang)  # draws the footnotes registered above
    if title:
        stated = [text(v) for v in rows["verdict"]]
        comparable = sum(v in ("comparable", "caveat") for v in stated)
        name = indicator_label(indicator_id, lang)
        if panel_title:  # one of several panels: the heading names the year, each panel its indicator
            layout.add_heading(fig, label("title.comparison_panels", lang, year=requested_year or ""),
                               label("subtitle.comparison_panels", lang, year=requested_year or ""), lang=lang)
        else:
            layout.add_heading(
                fig, label("title.comparison", lang, indicator=name, year=requested_year or ""),
                label("subtitle.comparison", lang, year=requested_year or "", k=comparable, n=n), lang=lang,
            )
    if source:
        unstated = [text(p) for p, s in zip(rows["place_id"], rows["source_id"]) if not text(s)]
        layout.add_source_line(fig, ordered_sources(split_ids(rows["source_id"]) + place_sources(unstated)), lang=lang)
    return ax


def ordered_sources(source_ids: list[str]) -> list[str]:
    """Source ids in place-registry order (the order of the rows)."""
    from ..registry import load_places
    from ..sources import load_sources

    sources = load_sources()
    order = {p: i for i, p in enumerate(load_places()["place_id"])}
    place_of = dict(zip(sources["source_id"], sources["place_id"]))
    return sorted(dict.fromkeys(source_ids), key=lambda s: order.get(place_of.get(s), len(order)))


def top_legend(ax: "Axes", handles: list, *, title: str | None = None) -> None:
    """Legend above the axes: one line if it fits the Axes' share of the figure, else fewer columns.

    *title* (a panel's name in a figure of several panels) heads the legend, left-aligned, so that
    panel name and keys never collide.
    """
    fig = figure(ax)
    size = layout.text_size("label")
    kwargs = dict(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.02), borderaxespad=0, frameon=False,
                  handlelength=1.4, fontsize=size, columnspacing=1.0, handletextpad=0.4, alignment="left",
                  title=title, title_fontproperties={"size": size, "weight": "bold"})
    share = ax.get_position().width if len([a for a in fig.axes if a.get_visible()]) > 1 else 0.9
    limit = share * fig.get_figwidth() * fig.dpi
    legend = ax.legend(ncols=max(len(handles), 1), **kwargs)
    if legend.get_window_extent(fig.canvas.get_renderer()).width > limit:
        legend = ax.legend(ncols=max(1, len(handles) // 2), **kwargs)
        if legend.get_window_extent(fig.canvas.get_renderer()).width > limit:
            ax.legend(ncols=1, **kwargs)
