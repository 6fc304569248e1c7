"""Time: which years each plan covers and sets targets for (plan horizon), and statement counts by year."""

from __future__ import annotations

import math
from pathlib import Path
import re
from typing import TYPE_CHECKING, Sequence

import numpy as np
import pandas as pd

from ..errors import ComparekitError, TableError
from ..registry import load_places
from ..checks import check_finite
from ..style import _check_lang, colour, label, marks, place_palette
from ..tables import problems_frame
from . import layout
from ._common import axes as _axes, figure, place_label as _place_label, place_sources as _place_sources
from ._common import require as _require, split_ids as _split_ids, text, text as _text, year as _year
from .comparison import ordered_sources, top_legend
from ..study import Study, with_study

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plan_horizon", "target_timeline", "STATEMENT_COLUMNS"]

#: Columns :func:`target_timeline` and :func:`plan_horizon` read from the statement table.
STATEMENT_COLUMNS = ["place_id", "year", "kind"]


@with_study
def plan_horizon(
    statements: pd.DataFrame,
    *,
    lang: str = "en",
    ax: "Axes | None" = None,
    source: bool = True,
    title: bool = True,
    study: "Study | str | Path | None" = None,
) -> "Axes":
    """For each document: its issue date, its plan period and the years it sets targets for.

    One row per source document (place registry order). A light bar spans the plan period
    (sources registry ``horizon_start``–``horizon_end``, widened to the target years stated); a
    diamond marks the issue date (hollow at the start year where the document gives no date); a
    dot in the place's colour and shape marks every year for which the document states at least
    one target or standard. Nothing is sized by counts, so nothing overlaps.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statement table (``load_statements()``); uses ``source_id``, ``year`` and ``kind``.
    lang : {"en", "zh"}
    ax : matplotlib.axes.Axes, optional
    source : bool
        Add the source line.
    title : bool
        Give the figure a title and subtitle.
    study : Study, str or Path, optional
        The study whose registries name the places, indicators and sources (default the
        built-in study).

    Returns
    -------
    matplotlib.axes.Axes
    """
    from ..sources import load_sources

    check_finite(statements, ("value", "value_high"), "statement table", "statements")
    _check_lang(lang)
    ax = _axes(ax)
    if statements is None or len(statements) == 0:
        return ax
    _require(statements, STATEMENT_COLUMNS + ["source_id"], "statement table")
    ids = ordered_sources(_split_ids(statements["source_id"]))
    sources = load_sources().set_index("source_id")
    unknown = [s for s in ids if s not in sources.index]
    if unknown:
        raise ComparekitError(f"source id(s) {unknown!r} are not in data/registry/sources.csv")
    palette = place_palette([text(sources.loc[s, "place_id"]) for s in ids])
    kinds = [text(k) for k in statements["kind"]]
    target_rows = statements[[k in ("target", "standard") for k in kinds]]
    muted, grey = colour("text_muted"), colour("reference")
    size = layout.text_size("label")
    import matplotlib as mpl

    marker_pt = float(mpl.rcParams["lines.markersize"])
    all_years: list[int] = []
    any_undated = False
    tick_labels = []
    for y, source_id in enumerate(ids):
        row = sources.loc[source_id]
        place_id = text(row["place_id"])
        color, shape = palette[place_id]
        tick_labels.append(_place_label(place_id, lang) if sum(
            text(sources.loc[s, "place_id"]) == place_id for s in ids) == 1 else f"{_place_label(place_id, lang)} · {source_id}")
        years = sorted({yy for yy in (_year(v) for v in target_rows.loc[target_rows["source_id"] == source_id, "year"]) if yy})
        date = text(row.get("issue_date"))
        start, end = _year(row.get("horizon_start")), _year(row.get("horizon_end"))
        issued = int(date[:4]) + (int(date[5:7]) - 0.5) / 12 if re.match(r"^\d{4}-\d{2}", date) else None
        span = [v for v in (start, end, *(years or [])) if v is not None]
        ax.axhline(y, color=colour("row_guide"), linewidth=0.5, zorder=0, gid=f"guide:{source_id}")
        if span:
            ax.barh(y, max(span) + 1 - min(span), left=min(span), height=0.3, color=color, alpha=0.22,
                    linewidth=0, zorder=1, gid=f"horizon:{source_id}")
        if issued is None and start is not None:
            any_undated = True
            ax.plot([start], [y - 0.3], linestyle="none", marker="D", markersize=marker_pt * 0.9, markerfacecolor="white",
                    markeredgecolor=colour("text"), zorder=3, gid=f"issued:{source_id}", clip_on=False)
        elif issued is not None:
            ax.plot([issued], [y - 0.3], linestyle="none", marker="D", markersize=marker_pt * 0.9, color=colour("text"),
                    zorder=3, gid=f"issued:{source_id}", clip_on=False)
        if years:
            ax.plot([v + 0.5 for v in years], [y] * len(years), linestyle="none", marker=shape, color=color,
                    markeredgecolor=color, zorder=4, gid=f"targets:{source_id}", clip_on=False)
        all_years += span + ([int(issued)] if issued else [])
    n = len(ids)
    ax.set_yticks(range(n), tick_labels)
    ax.set_ylim(n - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    if all_years:
        low, high = min(all_years), max(all_years) + 1
        ticks = list(range(low, high + 1))
        step = 1 if len(ticks) <= 8 else (2 if len(ticks) <= 16 else 5)
        ax.set_xticks([t + 0.5 for t in ticks[:-1]][::step], [str(t) for t in ticks[:-1]][::step])
        ax.set_xlim(low - 0.3, high + 0.3)
        for t in ticks:
            ax.axvline(t, color=colour("row_guide"), linewidth=0.5, zorder=0)
    ax.set_xlabel(label("axis.year", lang))
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=grey, alpha=0.3, edgecolor="none", label=label("legend.horizon", lang)),
        Line2D([], [], linestyle="none", marker="D", color=colour("text"), markersize=marker_pt * 0.9,
               label=label("legend.issued", lang)),
        Line2D([], [], linestyle="none", marker="o", color=grey, label=label("legend.target_year", lang)),
    ]
    if any_undated:
        handles.append(Line2D([], [], linestyle="none", marker="D", markerfacecolor="white", markeredgecolor=colour("text"),
                              markersize=marker_pt * 0.9, label=label("legend.undated", lang)))
    top_legend(ax, handles)
    fig = figure(ax)
    layout.add_reading(fig, [label("reading.horizon", lang)])
    if title:
        layout.add_heading(fig, label("title.horizon", lang), label("subtitle.horizon", lang), lang=lang)
    if source:
        layout.add_source_line(fig, ids, lang=lang)
    return ax


@with_study
def target_timeline(
    statements: pd.DataFrame,
    *,
    lang: str = "en",
    ax: "Axes | None" = None,
    source: bool = True,
    study: "Study | str | Path | None" = None,
) -> "Axes":
    """Years each plan states values for: one row per place, markers sized by statement count.

    Kinds are told apart by marker (baseline hollow circle, target filled circle, standard
    square; offsets within the row keep them apart), colour is the place's. Statements without a
    year are counted in a "not stated" column left of the years.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statement table (``load_statements()``); uses ``place_id``, ``year``, ``kind`` and, for
        the source line, ``source_id``.
    lang : {"en", "zh"}
    ax : matplotlib.axes.Axes, optional
    source : bool
        Add the source line.
    study : Study, str or Path, optional
        The study whose registries name the places, indicators and sources (default the
        built-in study).

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_finite(statements, ("value", "value_high"), "statement table", "statements")
    _check_lang(lang)
    ax = _axes(ax)
    if statements is None or len(statements) == 0:
        return ax
    _require(statements, STATEMENT_COLUMNS, "statement table")
    mark = marks()
    kinds = list(mark["kind_markers"])
    years_given = [_year(y) for y in statements["year"]]
    frame = pd.DataFrame({
        "place_id": [_text(p) for p in statements["place_id"]],
        "kind": [_text(k) for k in statements["kind"]],
    })
    bad = [(str(idx), k) for idx, k in zip(statements.index, frame["kind"]) if k not in kinds]
    if bad:
        problems = [("<DataFrame>", row, "kind", k, f"kind must be one of: {', '.join(kinds)}") for row, k in bad]
        raise TableError("statement table", problems_frame(problems))
    registry_order = load_places()["place_id"].tolist()
    study = load_places(study_only=True)["place_id"].tolist()
    present = set(frame["place_id"])
    unknown = sorted(present - set(registry_order))
    if unknown:
        raise ComparekitError(f"place(s) {unknown!r} are not in data/registry/places.csv")
    places = study + [p for p in registry_order if p in present and p not in study]
    years = sorted({y for y in years_given if y is not None})
    unstated = any(y is None for y in years_given)
    slot = (years[0] - 2) if years else 0
    frame["x"] = [slot if y is None else y for y in years_given]
    counts = frame.groupby(["place_id", "kind", "x"], sort=True).size()
    drawn = set(counts.index.droplevel("x"))
    # The largest count gets a marker as tall as 70% of a row; areas are proportional to counts.
    fig = ax.get_figure()
    row_pt = ax.get_position().height * fig.get_figheight() * 72 / max(len(places), 1)
    most = int(counts.max())
    base_area = (0.7 * row_pt) ** 2 / most
    palette = place_palette(places)
    for y, place_id in enumerate(places):
        color = palette[place_id][0]
        for kind in kinds:
            if (place_id, kind) not in drawn:
                continue
            sub = counts.loc[(place_id, kind)]
            filled = bool(mark["kind_filled"][kind])
            ax.scatter(
                sub.index.to_numpy(dtype=float), np.full(len(sub), y + float(mark["kind_offsets"][kind])),
                s=base_area * sub.to_numpy(dtype=float), marker=mark["kind_markers"][kind],
                facecolors=color if filled else "white", edgecolors=color, linewidths=1.0,
                zorder=3, gid=f"timeline:{place_id}:{kind}",
            )
    ticks = ([slot] if unstated else []) + years
    tick_labels = [label("verdict.not_stated", lang) if unstated and t == slot else str(t) for t in ticks]
    ax.set_xticks(ticks, tick_labels)
    if len(ticks) > 8:
        ax.tick_params(axis="x", labelrotation=90)
    ax.set_xlim(min(ticks) - 0.8, max(ticks) + 0.8)
    ax.set_yticks(range(len(places)), [_place_label(p, lang) for p in places])
    ax.set_ylim(len(places) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#EEEEEE", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.set_xlabel(label("axis.year", lang))
    from matplotlib.lines import Line2D

    grey = colour("reference")
    handles = [
        Line2D([], [], linestyle="none", marker=mark["kind_markers"][k], markeredgecolor=grey,
               markerfacecolor=grey if mark["kind_filled"][k] else "white", label=label(f"kind.{k}", lang))
        for k in kinds if (frame["kind"] == k).any()
    ]
    # Legend sizes: 1 and the largest count, so that the key covers the data.
    for n in sorted({1, most}):
        handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor=grey, markeredgecolor=grey,
                              markersize=math.sqrt(base_area * n),
                              label=label("legend.n_statements_one" if n == 1 else "legend.n_statements", lang, n=n)))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.02), borderaxespad=0,
              ncols=len(handles), frameon=False, handletextpad=0.3, columnspacing=1.0)
    ids = _split_ids(statements["source_id"]) if "source_id" in statements.columns else []
    stated = set(_source_places(ids))
    if source:
        layout.add_source_line(ax, ordered_sources(ids + _place_sources([p for p in places if p not in stated])), lang=lang)
    return ax


def _source_places(source_ids: Sequence[str]) -> list[str]:
    from ..sources import load_sources

    sources = load_sources().set_index("source_id")
    return [sources.loc[s, "place_id"] for s in source_ids if s in sources.index]
