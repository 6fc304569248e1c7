"""Coverage: which plan states which indicator (stated / not stated), with a "stated by n of N" column."""

from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING

import matplotlib as mpl
import pandas as pd

from ..errors import ComparekitError
from ..registry import THEMES
from ..checks import check_finite
from ..style import _check_lang, colour, label
from . import layout
from ._common import axes, figure, indicator_label, place_label, place_sources
from .comparison import ordered_sources, top_legend
from ..study import Study, with_study

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["coverage_heatmap", "coverage_rows"]


def coverage_rows(coverage_table: pd.DataFrame, *, min_places: int = 1) -> pd.DataFrame:
    """The rows a coverage chart shows: indicators stated by at least *min_places* places.

    Ordered by theme (registry order), then by how many places state them (most first), then as
    given. Returns a table with the place columns as booleans (stated or not) and ``n_places``.

    Examples
    --------
    >>> table = pd.DataFrame({"a": [1, 0, 3], "b": [2, 0, 0]},
    ...     index=pd.MultiIndex.from_tuples([("public_services", "x"), ("public_services", "y"),
    ...                                      ("public_services", "z")], names=["theme", "indicator_id"]))
    >>> coverage_rows(table)["n_places"].tolist()
    [2, 1]
    """
    index = coverage_table.index
    if not isinstance(index, pd.MultiIndex) or index.nlevels != 2:
        raise ValueError("coverage_heatmap() needs coverage() output: a (theme, indicator_id) row index")
    themes = [str(t) for t in index.get_level_values(0)]
    unknown = sorted(set(themes) - set(THEMES))
    if unknown:
        raise ComparekitError(f"theme(s) {unknown!r} are not registry themes ({', '.join(THEMES)})")
    stated = coverage_table.apply(pd.to_numeric, errors="coerce").fillna(0) > 0
    stated["n_places"] = stated.sum(axis=1).astype(int)
    rank = {t: i for i, t in enumerate(THEMES)}
    stated["_theme"] = [rank[t] for t in themes]
    stated["_order"] = range(len(stated))
    stated = stated[(stated["n_places"] >= min_places) & (stated["n_places"] > 0)]
    stated = stated.sort_values(["_theme", "n_places", "_order"], ascending=[True, False, True], kind="stable")
    return stated.drop(columns=["_theme", "_order"])


@with_study
def coverage_heatmap(
    coverage_table: pd.DataFrame,
    *,
    lang: str = "en",
    ax: "Axes | None" = None,
    min_places: int = 1,
    source: bool = True,
    title: bool = True,
    study: "Study | str | Path | None" = None,
) -> "Axes":
    """Stated / not-stated matrix: indicators (grouped by theme) × places, and "stated by n of N".

    A dark cell means the plan states the indicator; an empty outlined cell means it does not
    (never a zero). Statement counts are left out on purpose: a plan that repeats a designation
    bid ten times does not state it more. Rows are grouped under bold theme headings and ordered
    by how many places state them; the filter (*min_places*) is stated in the subtitle. Column
    headers are place names, turned upright when they do not fit their column.

    Parameters
    ----------
    coverage_table : pandas.DataFrame
        ``coverage()`` output: index ``(theme, indicator_id)``, one column per place id (counts).
    lang : {"en", "zh"}
    ax : matplotlib.axes.Axes, optional
    min_places : int
        Show indicators stated by at least this many places.
    source : bool
        Add the source line (the documents of the places shown).
    title : bool
        Give the figure a title and a subtitle stating the filter.
    study : Study, str or Path, optional
        The study whose registries name the places, indicators and sources (default the
        built-in study).

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_finite(coverage_table, (), "coverage table", "coverage_table")
    _check_lang(lang)
    ax = axes(ax)
    if coverage_table is None or coverage_table.size == 0:
        return ax
    rows = coverage_rows(coverage_table, min_places=min_places)
    places = [str(p) for p in coverage_table.columns]
    for place_id in places:
        place_label(place_id, lang)
    fig = figure(ax)
    if title:
        layout.add_heading(fig, label("title.coverage", lang),
                           label("subtitle.coverage", lang, min=min_places, total=len(places), n=len(rows)), lang=lang)
    if source:
        layout.add_source_line(fig, ordered_sources(place_sources(places)), lang=lang)
    if rows.empty:  # nothing meets the filter (a study with one documented place): say so, draw no matrix
        ax.set_axis_off()
        ax.text(0.5, 0.5, label("coverage.none", lang, min=min_places), ha="center", va="center",
                transform=ax.transAxes, fontsize=layout.text_size("label"), color=colour("text_muted"), gid="coverage:none")
        return ax
    keys = [str(k) for k in rows.index.get_level_values(1)]
    themes = [str(t) for t in rows.index.get_level_values(0)]
    theme_names = {t: THEMES[t][0 if lang == "zh" else 1] for t in themes}
    n_rows, n_cols = len(keys), len(places)
    left, bottom, right, top = layout.content_box(fig)
    fig_w, fig_h = fig.get_figwidth() * 72.0, fig.get_figheight() * 72.0
    label_width, theme_width = 0.36 * fig_w, 0.15 * fig_w
    headers = [place_label(p, lang) for p in places]
    size = layout.text_size("label")
    for _ in range(6):  # shrink the text (not below the footer size) until the rows fit the height
        header_pt = max(layout.text_width(h, size) for h in headers) + 1.0 * size
        available = top - bottom - header_pt - 2.5 * size
        label_width = min(0.46 * fig_w, max(0.36 * fig_w, 1.1 * max(layout.text_width(indicator_label(k, lang), size) for k in keys)))
        lines = n_rows * max(len(layout.wrap(indicator_label(k, lang), label_width, size)[:2]) for k in keys)
        if lines * size * 1.3 <= available or size <= layout.text_size("footer"):
            break
        size = max(layout.text_size("footer"), size * available / (lines * size * 1.3))
    from matplotlib.patches import Patch, Rectangle

    stated_colour, empty_edge = colour("stated"), colour("not_stated")
    tick_labels = [layout.wrap_label(indicator_label(k, lang), label_width, size) for k in keys]
    row_labels = max(layout.text_width(t, size) for t in tick_labels)
    count_width = max(layout.text_width(label("format.n_of", lang, n=n_cols, total=n_cols), size),
                      layout.text_width(label("coverage.stated_by", lang), size))
    theme_text = {t: layout.wrap_label(name, theme_width, size) for t, name in theme_names.items()}
    theme_used = max(layout.text_width(t, size) for t in list(theme_text.values()) + list(theme_names.values()))
    narrow = fig_w < 5 * 72  # a single column has no room for the theme names: separators only
    if narrow:
        theme_used = 0.0
    axes_w = right - left - row_labels - 0.6 * size
    column_pt = min((axes_w - count_width - theme_used - 3 * size) / n_cols, 6 * size)
    widest = max(layout.text_width(h, size) for h in headers)
    upright = widest > 0.9 * column_pt
    header_pt = (max(widest, layout.text_width(label("coverage.stated_by", lang), size)) if upright else 1.3 * size) + 0.8 * size
    x_left = left + row_labels + 0.6 * size
    y_top, y_bottom = top - header_pt, bottom + 2.2 * size
    ax.set_position([x_left / fig_w, y_bottom / fig_h, axes_w / fig_w, (y_top - y_bottom) / fig_h])
    ax.set_in_layout(False)  # placed exactly: the columns are as wide as computed here
    count_x = n_cols - 0.5 + 0.6 * size / column_pt
    theme_x = count_x + (count_width + 1.4 * size) / column_pt
    for i, key in enumerate(keys):
        row = rows.iloc[i]
        for j, place_id in enumerate(places):
            stated = bool(row[place_id])
            ax.add_patch(Rectangle((j - 0.4, i - 0.4), 0.8, 0.8, linewidth=0.6,
                                   facecolor=stated_colour if stated else "white", edgecolor=stated_colour if stated else empty_edge,
                                   gid=f"{'stated' if stated else 'not-stated'}:{key}:{place_id}"))
        ax.text(count_x, i, label("format.n_of", lang, n=int(row["n_places"]), total=n_cols), ha="left",
                va="center", fontsize=size, color=colour("text"), gid=f"n-places:{key}")
    start = 0
    for i in range(1, n_rows + 1):
        if i == n_rows or themes[i] != themes[start]:
            if i < n_rows:
                ax.axhline(i - 0.5, color=colour("row_guide"), linewidth=0.8, zorder=0)
            if narrow:
                start = i
                continue
            ax.plot([theme_x - 0.5 * size / column_pt] * 2, [start - 0.35, i - 0.65], color=colour("reference"),
                    linewidth=0.8, gid=f"theme-bracket:{themes[start]}")
            ax.text(theme_x, (start + i - 1) / 2, theme_text[themes[start]] if i - start > 1 else theme_names[themes[start]],
                    ha="left", va="center", fontsize=size, color=colour("text_muted"), gid=f"theme:{themes[start]}")
            start = i
    ax.set_yticks(range(n_rows), tick_labels, fontsize=size)
    ax.set_xticks(range(n_cols), headers, rotation=90 if upright else 0, fontsize=size)
    ax.xaxis.tick_top()
    ax.text(count_x, -0.6, label("coverage.stated_by", lang), ha="left", va="bottom", fontsize=size,
            color=colour("text_muted"), gid="n-places-header", rotation=90 if upright else 0)
    ax.tick_params(length=0, pad=0.3 * size)
    ax.set_xlim(-0.5, -0.5 + axes_w / column_pt)
    ax.set_ylim(n_rows - 0.5, -0.5)
    for spine in ax.spines.values():
        spine.set_visible(False)
    handles = [
        Patch(facecolor=stated_colour, edgecolor=stated_colour, label=label("legend.stated", lang)),
        Patch(facecolor="white", edgecolor=empty_edge, label=label("legend.not_stated", lang)),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 0), borderaxespad=0.2, frameon=False,
              ncols=2, fontsize=size, handlelength=1.0)
    layout.add_reading(fig, [label("reading.coverage", lang)])
    return ax
