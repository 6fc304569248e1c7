"""Axes-level charts of the comparison tables, in Chinese or English.

Every function follows seaborn's contract: the table comes first, everything else is keyword-only,
``ax=None`` means the current Axes, an empty table returns the Axes untouched, and the Axes is
returned. Every word drawn comes from a registry — place and indicator names from
``data/registry/places.csv`` and ``indicators.csv``, national references from
``national_references.csv``, document titles from ``sources.csv``, and the remaining vocabulary
(verdicts, qualifiers, axis words) from ``labels.csv``. Colours and marks come from ``style.json``.

Each figure carries a *footer* below its axes: numbered caveat footnotes and a source line naming
the documents the values come from. Footer texts live in ``fig.texts`` (gids
``comparekit:footnotes`` and ``comparekit:source-line``); the space they need is reserved at the
bottom of the figure, so they never overlap the axes.

Apply a style first (:func:`comparekit.style.use_style`) so that the CJK font is available::

    with use_style("paper", lang="zh"):
        ax = comparison(compare("urbanization_rate"), lang="zh")
        save_figure(ax.figure, "figures/urbanization", style="paper", lang="zh")
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd

from .errors import ComparekitError, TableError
from .registry import (
    THEMES,
    indicator_name,
    load_indicators,
    load_national_references,
    load_places,
    load_units,
    place_name,
)
from .checks import check_finite
from .style import _check_lang, colour, label, marks, place_colour
from .tables import problems_frame

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = [
    "comparison",
    "dumbbell",
    "coverage_heatmap",
    "target_timeline",
    "source_line",
    "add_source_line",
    "COMPARED_COLUMNS",
    "AMBITION_COLUMNS",
    "STATEMENT_COLUMNS",
]

#: Columns :func:`comparison` reads from a ``compare()`` table.
COMPARED_COLUMNS = [
    "place_id", "indicator_id", "year", "requested_year", "value", "value_high", "qualifier",
    "unit", "derived", "verdict", "caveat_en", "caveat_zh", "source_id",
]
#: Columns :func:`dumbbell` reads from an ``ambition()`` table.
AMBITION_COLUMNS = [
    "place_id", "indicator_id", "baseline_year", "baseline_value", "target_year", "target_value",
    "target_qualifier", "unit", "change_per_year", "change_unit",
]
#: Columns :func:`target_timeline` reads from the statement table.
STATEMENT_COLUMNS = ["place_id", "year", "kind"]

_UP = {"at_least", "more_than"}
_DOWN = {"at_most", "less_than"}
_FOOTER = "_comparekit_footer"
_GID_NOTES = "comparekit:footnotes"
_GID_SOURCES = "comparekit:source-line"
# CJK ideographs and full-width punctuation break anywhere; other text breaks at spaces.
_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d"
_TOKEN = re.compile(rf"[{_WIDE}]|[^\s{_WIDE}]+|\s+")
_NO_LINE_START = set("，。；：、）》」』”’！？,.;:)")


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _axes(ax: "Axes | None") -> "Axes":
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # imported here: importing comparekit stays free of pyplot

    return plt.gca()


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        problems = [("<DataFrame>", "", c, "", f"{c} required column is missing") for c in missing]
        raise TableError(what, problems_frame(problems))


def _text(value: object) -> str:
    """A cell as text; missing values become the empty string."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _number(value: object) -> float:
    try:
        result = float(value)
    except (TypeError, ValueError):
        return math.nan
    return result


def _flag(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return False if value is None or pd.isna(value) else bool(value)


def _year(value: object) -> int | None:
    number = _number(value)
    return None if math.isnan(number) else int(number)


def _format_number(value: float, signed: bool = False) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    return f"+{text}" if signed and value > 0 else text.replace("-", "−")


def _label_or(key: str, lang: str, default: str, **fields: object) -> str:
    try:
        return label(key, lang, **fields)
    except KeyError:
        return default


def _place_label(place_id: str, lang: str) -> str:
    if place_id not in set(load_places()["place_id"]):
        raise ComparekitError(f"place {place_id!r} is not in data/registry/places.csv")
    return place_name(place_id, lang)


def _indicator_label(indicator_id: str, lang: str) -> str:
    if indicator_id not in set(load_indicators()["indicator_id"]):
        raise ComparekitError(f"indicator {indicator_id!r} is not in data/registry/indicators.csv")
    return indicator_name(indicator_id, lang)


def _unit_label(unit: str, lang: str) -> str:
    if not unit:
        return ""
    units = load_units().set_index("unit")
    fallback = unit if lang == "zh" or unit not in units.index else units.loc[unit, "name_en"]
    return _label_or(f"unit.{unit}", lang, fallback)


def _value_axis_label(indicator_id: str, unit: str, lang: str) -> str:
    name = _indicator_label(indicator_id, lang)
    if unit:
        return label("axis.value", lang, indicator=name, unit=_unit_label(unit, lang))
    return label("axis.value_no_unit", lang, indicator=name)


def _split_ids(values: Iterable[object]) -> list[str]:
    ids: list[str] = []
    for value in values:
        for part in _text(value).split(";"):
            if part.strip() and part.strip() not in ids:
                ids.append(part.strip())
    return ids


def _place_sources(place_ids: Iterable[str]) -> list[str]:
    from .sources import load_sources

    sources = load_sources()
    ids: list[str] = []
    for place_id in place_ids:
        ids += [s for s in sources.loc[sources["place_id"] == place_id, "source_id"] if s not in ids]
    return ids


def _figure(obj: Any) -> "Figure":
    return obj.get_figure(root=True)


def _data_y(ax: "Axes"):
    from matplotlib.transforms import blended_transform_factory

    return blended_transform_factory(ax.transAxes, ax.transData)


def _top_legend(ax: "Axes", handles: list) -> None:
    """Legend above the axes: one line if it fits the figure's width, else one entry per line."""
    fig = _figure(ax)
    kwargs = dict(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.02), borderaxespad=0, frameon=False, handlelength=1.6)
    legend = ax.legend(ncols=len(handles), **kwargs)
    width = legend.get_window_extent(fig.canvas.get_renderer()).width
    if width > 0.95 * fig.get_figwidth() * fig.dpi:
        ax.legend(ncols=1, **kwargs)


def _qualifier_mark(ax: "Axes", x: float, y: float, qualifier: str, color: str, alpha: float, gid: str) -> None:
    """Draw the qualifier beside a marker: arrow up/down the value axis, or ≈ for *about*."""
    from matplotlib.text import OffsetFrom

    marker = float(mpl.rcParams["lines.markersize"])
    length = float(marks()["qualifier_arrow_points"]) + 1.5 * marker  # clears the marker at any style size
    if qualifier in _UP or qualifier in _DOWN:
        sign = 1.0 if qualifier in _UP else -1.0
        style = "-|>" if qualifier in ("at_least", "at_most") else "->"
        ax.annotate(
            "", xy=(sign * length, 0), xycoords=OffsetFrom(ax.transData, (x, y), unit="points"),
            xytext=(x, y), textcoords="data",
            arrowprops={"arrowstyle": style, "color": color, "alpha": alpha, "shrinkA": marker / 2, "shrinkB": 0},
            gid=gid, annotation_clip=False,
        )
    elif qualifier == "about":
        ax.annotate(
            "≈", xy=(x, y), xytext=(-5, 0), textcoords="offset points", ha="right", va="center",
            color=color, alpha=alpha, gid=gid, annotation_clip=False,
        )


# --------------------------------------------------------------------------------------------
# Footer: caveat footnotes and the source line
# --------------------------------------------------------------------------------------------


def source_line(source_ids: Iterable[str], *, lang: str = "en") -> str:
    """Return the source line naming documents by title, issuer and document number.

    Parameters
    ----------
    source_ids : iterable of str
        Source ids from ``data/registry/sources.csv`` (``";"``-joined ids are split; repeats and
        empty values are dropped; order is kept).
    lang : {"en", "zh"}

    Returns
    -------
    str
        ``""`` if there is no source id.

    Raises
    ------
    ComparekitError
        If an id is not in the source registry.

    Examples
    --------
    >>> source_line(["linyi_county_2023"], lang="zh")
    '资料来源：《关于推进以县城为重要载体的城镇化建设实施方案》，临沂市人民政府办公室，临政办字〔2023〕96号。'
    """
    from .sources import load_sources

    _check_lang(lang)
    ids = _split_ids(source_ids)
    if not ids:
        return ""
    sources = load_sources().set_index("source_id")
    unknown = [i for i in ids if i not in sources.index]
    if unknown:
        raise ComparekitError(f"source id(s) {', '.join(map(repr, unknown))} are not in data/registry/sources.csv")
    items = []
    for source_id in ids:
        row = sources.loc[source_id]
        fields = {"title": _text(row[f"title_{lang}"]), "issuer": _text(row[f"issuer_{lang}"])}
        doc_number = _text(row["doc_number"])
        if doc_number:
            items.append(label("source.item_doc", lang, doc_number=doc_number, **fields))
        else:
            items.append(label("source.item", lang, **fields))
    key = "source.line_one" if len(items) == 1 else "source.line_many"
    return label(key, lang, docs=label("source.separator", lang).join(items))


def _footer_state(fig: "Figure") -> dict:
    state = getattr(fig, _FOOTER, None)
    if state is None:
        state = {
            "sources": [], "lang": "en", "notes": [], "artists": [],
            "base_bottom": fig.subplotpars.bottom, "base_height": float(fig.get_figheight()),
        }
        setattr(fig, _FOOTER, state)
    return state


def _footer_size() -> float:
    from .style import load_style_registry

    footer = load_style_registry()["footer"]
    return max(float(footer["min_size"]), float(footer["relative_size"]) * float(mpl.rcParams["font.size"]))


def _wrap(text: str, width_pt: float, size: float) -> list[str]:
    """Break *text* into lines no wider than *width_pt* (measured with the current fonts)."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(10, 10, 72)  # at 72 dpi one pixel is one point
    prop = FontProperties(size=size)

    def width(s: str) -> float:
        return renderer.get_text_width_height_descent(s, prop, ismath=False)[0] if s else 0.0

    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for token in _TOKEN.findall(paragraph):
            candidate = current + token
            fits = width(candidate.rstrip()) <= width_pt
            if current.strip() and not token.isspace() and not fits and token[0] not in _NO_LINE_START:
                lines.append(current.rstrip())
                current = token
            else:
                current = candidate
        lines.append(current.rstrip())
    return lines


def _render_footer(fig: "Figure") -> None:
    """Draw the footnotes and source line at the bottom of *fig* and reserve room for them.

    The footer keeps the figure's width. If it needs more than ``footer.max_fraction`` of the
    height the figure was created with, the figure grows taller by the footer's height so that
    the plotting area keeps its size (a single-column paper figure naming five documents);
    otherwise the room is taken from the bottom of the figure (16:9 slides stay 16:9).
    """
    from .style import load_style_registry

    state = _footer_state(fig)
    for artist in state["artists"]:
        artist.remove()
    state["artists"] = []
    footer = load_style_registry()["footer"]
    size = _footer_size()
    margin = float(footer["margin"])
    width_in, _ = fig.get_size_inches()
    base_height_pt = state["base_height"] * 72.0
    blocks = []
    line = source_line(state["sources"], lang=state["lang"])
    if line:
        blocks.append((_GID_SOURCES, line))
    if state["notes"]:
        blocks.append((_GID_NOTES, "\n".join(state["notes"])))
    wrapped = [(gid, _wrap(text, width_in * 72.0 * (1 - 2 * margin), size)) for gid, text in blocks]
    heights = [len(lines) * size * 1.2 for _, lines in wrapped]
    gap = 0.5 * size
    needed = sum(heights) + gap * len(heights) + margin * base_height_pt
    grow = bool(blocks) and needed > float(footer["max_fraction"]) * base_height_pt
    height_pt = base_height_pt + needed if grow else base_height_pt
    fig.set_size_inches(width_in, height_pt / 72.0, forward=False)
    y_pt = margin * base_height_pt
    for (gid, lines), block_height in zip(wrapped, heights):  # bottom-up: source line last
        artist = fig.text(
            margin, y_pt / height_pt, "\n".join(lines), ha="left", va="bottom", fontsize=size,
            color=colour("text_muted"), linespacing=1.2, gid=gid, parse_math=False,
        )
        state["artists"].append(artist)
        y_pt += block_height + gap
    _reserve_bottom(fig, needed / height_pt if blocks else 0.0, state)


def _reserve_bottom(fig: "Figure", fraction: float, state: dict) -> None:
    from matplotlib.layout_engine import ConstrainedLayoutEngine, TightLayoutEngine

    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0, fraction, 1, 1 - fraction))
    elif isinstance(engine, TightLayoutEngine):
        engine.set(rect=(0, fraction, 1, 1))
    else:
        fig.subplots_adjust(bottom=min(0.9, state["base_bottom"] + fraction))


def add_source_line(fig_or_ax: Any, source_ids: Iterable[str], *, lang: str = "en") -> "Text | None":
    """Add the documents to the figure's source line (below the axes) and return its Text.

    Calling it again on the same figure (for instance for a second Axes) adds the new documents
    to the one source line.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from comparekit.style import use_style
    >>> with use_style("paper"):
    ...     fig, ax = plt.subplots()
    ...     add_source_line(ax, ["luan_14fyp"]).get_text()[:7]
    'Source:'
    >>> plt.close(fig)
    """
    _check_lang(lang)
    fig = _figure(fig_or_ax)
    state = _footer_state(fig)
    ids = _split_ids(source_ids)
    source_line(ids, lang=lang)  # raises on unknown ids before the figure is touched
    state["sources"] += [i for i in ids if i not in state["sources"]]
    state["lang"] = lang
    _render_footer(fig)
    return next((a for a in state["artists"] if a.get_gid() == _GID_SOURCES), None)


def _finish(ax: "Axes", source_ids: list[str], notes: list[str], lang: str, source: bool) -> None:
    from .sources import load_sources

    sources = load_sources()
    order = {p: i for i, p in enumerate(load_places()["place_id"])}
    place_of = dict(zip(sources["source_id"], sources["place_id"]))
    source_ids = sorted(dict.fromkeys(source_ids), key=lambda s: order.get(place_of.get(s), len(order)))
    fig = _figure(ax)
    state = _footer_state(fig)
    state["notes"] += notes
    if source and source_ids:
        add_source_line(fig, source_ids, lang=lang)
    elif notes:
        _render_footer(fig)


# --------------------------------------------------------------------------------------------
# 1. One indicator across the places
# --------------------------------------------------------------------------------------------


def _national_reference(indicator_id: str, year: int | None, unit: str) -> pd.Series | None:
    references = load_national_references()
    rows = references[(references["indicator_id"] == indicator_id) & (references["unit"] == unit)]
    if year is not None:
        rows = rows[rows["year"] <= year]
    if rows.empty:
        return None
    return rows.sort_values("year", kind="stable").iloc[-1]


def comparison(
    compared: pd.DataFrame,
    *,
    lang: str = "en",
    ax: "Axes | None" = None,
    reference: bool = True,
    show_caveats: bool = True,
    source: bool = True,
) -> "Axes":
    """Dot chart of one indicator across the places, with qualifiers, caveats and the national value.

    One row per place (registry names on the y axis, fixed place colours). The marker sits at the
    value; its qualifier is drawn with it: an arrow towards higher values for *at least* / *more
    than* (open head for the strict *more than*), towards lower values for *at most* / *less than*,
    "≈" for *about*, a bar from ``value`` to ``value_high`` for *range*, a plain dot for *exact* and
    *maintain*. Derived values (e.g. per 1000 people computed from a count) are hollow. A place
    that does not state the indicator gets an explicit "not stated" label in its row, never a
    zero. Not-comparable rows are hatched and their marker faded; every caveat is a numbered
    footnote below the axes in the chosen language. The national reference (``requested_year`` or
    the nearest earlier year, same unit) is a dashed grey line named in the legend.

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
    ax = _axes(ax)
    if compared is None or len(compared) == 0:
        return ax
    _require(compared, COMPARED_COLUMNS, "comparison table")
    indicators = [i for i in pd.unique(compared["indicator_id"]) if _text(i)]
    if len(indicators) != 1:
        raise ValueError(f"comparison() draws one indicator at a time; the table has {indicators!r}")
    indicator_id = indicators[0]
    rows = compared.reset_index(drop=True)
    mark = marks()
    fig = _figure(ax)
    first_note = len(_footer_state(fig)["notes"]) + 1
    units = [u for u in (_text(u) for u in rows["unit"]) if u]
    unit = units[0] if units else ""
    requested = [y for y in (_year(v) for v in rows["requested_year"]) if y is not None]
    requested_year = requested[0] if requested else None
    to_row = _data_y(ax)
    notes: list[str] = []
    shown: list[float] = []
    any_derived = any_not_comparable = False
    unstated_places: list[str] = []

    for y, row in rows.iterrows():
        place_id = _text(row["place_id"])
        place = _place_label(place_id, lang)
        color = place_colour(place_id)
        verdict = _text(row["verdict"])
        qualifier = _text(row["qualifier"])
        not_comparable = verdict == "not_comparable"
        alpha = float(mark["not_comparable_alpha"]) if not_comparable else 1.0
        if not_comparable:
            any_not_comparable = True
            ax.axhspan(
                y - 0.45, y + 0.45, facecolor="none", hatchcolor=colour("not_comparable_band"), edgecolor="none",
                hatch=mark["not_comparable_hatch"], linewidth=0, zorder=0, gid=f"not-comparable:{place_id}",
            )
        value, high = _number(row["value"]), _number(row["value_high"])
        if math.isnan(value):
            if not _text(row["source_id"]):
                unstated_places.append(place_id)
            if verdict == "not_stated" or not qualifier:
                text = label("verdict.not_stated", lang)
            else:
                text = _label_or(f"qualifier.{qualifier}", lang, label("verdict.not_stated", lang))
            anchor = ax.text(
                0.01, y, text, transform=to_row, ha="left", va="center", style="italic",
                color=colour("text_muted"), gid=f"not-stated:{place_id}",
            )
        else:
            derived = _flag(row["derived"])
            any_derived |= derived
            xs = [value]
            if qualifier == "range" and not math.isnan(high):
                ax.barh(y, high - value, left=value, height=0.28, color=color, alpha=0.45 * alpha,
                        linewidth=0, zorder=2, gid=f"range:{place_id}")
                xs.append(high)
            (anchor,) = ax.plot(
                xs, [y] * len(xs), linestyle="none", marker="o", color=color, markeredgecolor=color,
                markerfacecolor="white" if derived else color, markeredgewidth=1.2, alpha=alpha,
                zorder=3, gid=f"value:{place_id}",
            )
            shown += xs
            _qualifier_mark(ax, value, y, qualifier, color, alpha, f"qualifier:{place_id}:{qualifier}")
            year = _year(row["year"])
            if year is not None and requested_year is not None and year != requested_year:
                ax.annotate(
                    label("format.year_shown", lang, year=year), xy=(value, y), xytext=(0, -4),
                    textcoords="offset points", ha="center", va="top", fontsize="x-small",
                    color=colour("text_muted"), gid=f"year:{place_id}",
                )
        caveat = _text(row[f"caveat_{lang}"])
        if show_caveats and caveat:
            number = first_note + len(notes)
            notes.append(label("format.footnote", lang, n=number, place=place, text=caveat))
            ax.annotate(
                str(number), xy=(1, 1), xycoords=anchor, xytext=(1.5, 0), textcoords="offset points",
                ha="left", va="center", fontsize="x-small", color=colour("text_muted"), gid=f"note:{place_id}",
            )

    handles = []
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ref = _national_reference(indicator_id, requested_year, unit) if reference else None
    if ref is not None:
        ref_label = _text(ref["label_zh" if lang == "zh" else "label_en"])
        line = ax.axvline(
            float(ref["value"]), color=colour("reference"), linestyle=mark["reference_linestyle"],
            linewidth=1.0, zorder=1, gid="reference", label=ref_label,
        )
        handles.append(line)
        shown.append(float(ref["value"]))
    if any_derived:
        handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor="white",
                              markeredgecolor=colour("reference"), label=label("legend.derived", lang)))
    if any_not_comparable:
        handles.append(Patch(facecolor="none", edgecolor="none", hatchcolor=colour("not_comparable_band"),
                             hatch=mark["not_comparable_hatch"], label=label("legend.not_comparable", lang)))

    n = len(rows)
    ax.set_yticks(range(n), [_place_label(_text(p), lang) for p in rows["place_id"]])
    ax.set_ylim(n - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    if shown:
        low, high = min(shown), max(shown)
        pad = (high - low) * 0.15 or max(abs(high) * 0.15, 1.0)
        ax.set_xlim(low - pad, high + pad)
    ax.set_xlabel(_value_axis_label(indicator_id, unit, lang))
    if handles:
        _top_legend(ax, handles)
    sources = _split_ids(rows["source_id"]) + _place_sources(unstated_places)
    _finish(ax, sources, notes, lang, source)
    return ax


# --------------------------------------------------------------------------------------------
# 2. Baseline → target
# --------------------------------------------------------------------------------------------


def dumbbell(
    ambition_table: pd.DataFrame,
    *,
    lang: str = "en",
    ax: "Axes | None" = None,
    source: bool = True,
) -> "Axes":
    """Baseline → target per row (e.g. Linyi 2022 → 2025), with the implied change per year.

    The baseline is a hollow marker, the target a filled one in the place's colour, joined by a
    line; the target's qualifier is drawn as in :func:`comparison`; the years sit above the
    markers and the change per year (``pp/yr`` or ``%/yr``) is printed at the right of each row.
    If every row has the same unit the axis shows values in that unit; otherwise each row is
    indexed to its baseline (baseline = 100), since values in different units share no axis.

    Parameters
    ----------
    ambition_table : pandas.DataFrame
        ``ambition()`` output (see :data:`AMBITION_COLUMNS`).
    lang : {"en", "zh"}
    ax : matplotlib.axes.Axes, optional
    source : bool
        Add the source line (the documents of the places shown, or ``source_id`` if present).

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_finite(ambition_table, ("baseline_value", "target_value", "change_per_year"), "ambition table", "ambition_table")
    _check_lang(lang)
    ax = _axes(ax)
    if ambition_table is None or len(ambition_table) == 0:
        return ax
    _require(ambition_table, AMBITION_COLUMNS, "ambition table")
    rows = ambition_table.reset_index(drop=True)
    baseline = np.array([_number(v) for v in rows["baseline_value"]])
    target = np.array([_number(v) for v in rows["target_value"]])
    units = list(dict.fromkeys(u for u in (_text(u) for u in rows["unit"]) if u))
    indexed = len(units) > 1
    if indexed:
        with np.errstate(divide="ignore", invalid="ignore"):
            valid = np.isfinite(baseline) & (baseline != 0)
            x_base = np.where(valid, 100.0, np.nan)
            x_target = np.where(valid, target / np.where(valid, baseline, 1.0) * 100.0, np.nan)
    else:
        x_base, x_target = baseline, target
    places = list(dict.fromkeys(_text(p) for p in rows["place_id"]))
    indicators = list(dict.fromkeys(_text(i) for i in rows["indicator_id"]))
    to_row = _data_y(ax)
    muted = colour("text_muted")
    tick_labels = []
    for y, row in rows.iterrows():
        place_id, indicator_id = _text(row["place_id"]), _text(row["indicator_id"])
        place, indicator = _place_label(place_id, lang), _indicator_label(indicator_id, lang)
        if len(places) == 1:
            tick_labels.append(indicator)
        elif len(indicators) == 1:
            tick_labels.append(place)
        else:
            tick_labels.append(label("format.place_indicator", lang, place=place, indicator=indicator))
        color = place_colour(place_id)
        xb, xt = float(x_base[y]), float(x_target[y])
        if not (math.isnan(xb) or math.isnan(xt)):
            ax.plot([xb, xt], [y, y], color=color, alpha=0.6, solid_capstyle="round", zorder=2, gid=f"dumbbell:{y}")
        for kind, x, year in (("baseline", xb, row["baseline_year"]), ("target", xt, row["target_year"])):
            if math.isnan(x):
                continue
            ax.plot([x], [y], linestyle="none", marker="o", color=color, markeredgecolor=color,
                    markerfacecolor=color if kind == "target" else "white", markeredgewidth=1.2,
                    zorder=3, gid=f"{kind}:{y}")
            if _year(year) is not None:
                # the year of the left marker leans left, the other right: close pairs stay legible
                other = xt if kind == "baseline" else xb
                leftmost = math.isnan(other) or x < other or (x == other and kind == "baseline")
                ax.annotate(label("format.year_shown", lang, year=_year(year)), xy=(x, y),
                            xytext=(-2, 3) if leftmost else (2, 3), textcoords="offset points",
                            ha="right" if leftmost else "left", va="bottom", fontsize="x-small",
                            color=muted, gid=f"year:{kind}:{y}")
        if not math.isnan(xt):
            _qualifier_mark(ax, xt, y, _text(row["target_qualifier"]), color, 1.0, f"qualifier:{y}")
        change, change_unit = _number(row["change_per_year"]), _text(row["change_unit"])
        if math.isnan(change):
            text = label("verdict.not_stated", lang)
        else:
            text = label("format.change", lang, value=_format_number(change, signed=True),
                         unit=_label_or(f"change.{change_unit}", lang, change_unit))
        ax.annotate(text, xy=(1, y), xycoords=to_row, xytext=(4, 0), textcoords="offset points",
                    ha="left", va="center", fontsize="small", color=muted, gid=f"change:{y}",
                    annotation_clip=False)

    n = len(rows)
    ax.set_yticks(range(n), tick_labels)
    ax.set_ylim(n - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    xs = [x for x in np.concatenate([x_base, x_target]) if not math.isnan(x)]
    if xs:
        low, high = min(xs), max(xs)
        pad = (high - low) * 0.12 or max(abs(high) * 0.12, 1.0)
        ax.set_xlim(low - pad, high + pad)
    if indexed:
        ax.set_xlabel(label("axis.index", lang))
    elif len(indicators) == 1:
        ax.set_xlabel(_value_axis_label(indicators[0], units[0] if units else "", lang))
    elif units:
        ax.set_xlabel(_unit_label(units[0], lang))
    from matplotlib.lines import Line2D

    grey = colour("reference")
    handles = [
        Line2D([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor=grey,
               label=label("kind.baseline", lang)),
        Line2D([], [], linestyle="none", marker="o", markerfacecolor=grey, markeredgecolor=grey,
               label=label("kind.target", lang)),
    ]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.02), borderaxespad=0, ncols=2, frameon=False)
    sources = _split_ids(rows["source_id"]) if "source_id" in rows.columns else _place_sources(places)
    _finish(ax, sources, [], lang, source)
    return ax


# --------------------------------------------------------------------------------------------
# 3. Coverage: which place states which indicator
# --------------------------------------------------------------------------------------------


def coverage_heatmap(
    coverage_table: pd.DataFrame,
    *,
    lang: str = "en",
    ax: "Axes | None" = None,
    source: bool = True,
) -> "Axes":
    """Heatmap of statement counts, indicators (grouped by theme) × places; zero is "not stated".

    Cells with statements are shaded by count (sequential, colour-blind-safe map) and show the
    count; cells without any are white with a grey hatch, explained in the legend as "not stated".
    Theme names stand to the right of their group of rows. The figure is not resized: with the
    full indicator registry (hundreds of rows) pass one theme at a time
    (``coverage().loc[["public_services"]]``) or a figure about 0.16 in tall per row.

    Parameters
    ----------
    coverage_table : pandas.DataFrame
        ``coverage()`` output: index ``(theme, indicator_id)``, one column per place id.
    lang : {"en", "zh"}
    ax : matplotlib.axes.Axes, optional
    source : bool
        Add the source line (the documents of the places shown).

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_finite(coverage_table, (), "coverage table", "coverage_table")
    _check_lang(lang)
    ax = _axes(ax)
    if coverage_table is None or coverage_table.size == 0:
        return ax
    index = coverage_table.index
    if not isinstance(index, pd.MultiIndex) or index.nlevels != 2:
        raise ValueError("coverage_heatmap() needs coverage() output: a (theme, indicator_id) row index")
    themes = [str(t) for t in index.get_level_values(0)]
    unknown = sorted(set(themes) - set(THEMES))
    if unknown:
        raise ComparekitError(f"theme(s) {unknown!r} are not registry themes ({', '.join(THEMES)})")
    rank = {t: i for i, t in enumerate(THEMES)}
    order = sorted(range(len(themes)), key=lambda i: (rank[themes[i]], i))
    table = coverage_table.iloc[order]
    themes = [themes[i] for i in order]
    indicators = [str(i) for i in table.index.get_level_values(1)]
    places = [str(p) for p in table.columns]
    counts = table.apply(pd.to_numeric, errors="coerce").fillna(0).to_numpy(dtype=float)
    n_rows, n_cols = counts.shape
    mark = marks()
    from matplotlib.colors import Normalize
    from matplotlib.patches import Patch, Rectangle

    top = max(float(counts.max()), 1.0)
    norm = Normalize(vmin=0, vmax=top)
    cmap = mark["count_cmap"]
    ax.pcolormesh(
        np.arange(n_cols + 1) - 0.5, np.arange(n_rows + 1) - 0.5, np.ma.masked_less_equal(counts, 0),
        cmap=cmap, norm=norm, edgecolors="white", linewidth=0.5, gid="coverage-counts",
    )
    for i, indicator_id in enumerate(indicators):
        for j, place_id in enumerate(places):
            count = counts[i, j]
            if count <= 0:
                ax.add_patch(Rectangle(
                    (j - 0.5, i - 0.5), 1, 1, facecolor="white", edgecolor="white", linewidth=0.5,
                    hatch=mark["not_stated_hatch"], hatchcolor=colour("not_stated"),
                    gid=f"not-stated:{indicator_id}:{place_id}",
                ))
            else:
                ax.text(j, i, str(int(count)), ha="center", va="center", fontsize="small",
                        color="white" if norm(count) > 0.6 else "black", gid=f"count:{indicator_id}:{place_id}")
    ax.set_xticks(range(n_cols), [_place_label(p, lang) for p in places])
    ax.xaxis.tick_top()
    ax.set_yticks(range(n_rows), [_indicator_label(i, lang) for i in indicators])
    ax.tick_params(length=0)
    ax.set_xlim(-0.5, n_cols - 0.5)
    ax.set_ylim(n_rows - 0.5, -0.5)
    for spine in ax.spines.values():
        spine.set_visible(False)
    start = 0
    for i in range(1, n_rows + 1):
        if i == n_rows or themes[i] != themes[start]:
            theme = themes[start]
            if i < n_rows:
                ax.axhline(i - 0.5, color="white", linewidth=2.5, zorder=3)
            ax.plot([n_cols - 0.5 + 0.15] * 2, [start - 0.4, i - 0.6], color=colour("reference"),
                    linewidth=0.8, clip_on=False)
            ax.text(n_cols - 0.5 + 0.3, (start + i - 1) / 2, THEMES[theme][0 if lang == "zh" else 1],
                    ha="left", va="center", fontsize="small", color=colour("text_muted"),
                    clip_on=False, gid=f"theme:{theme}")
            start = i
    handle = Patch(facecolor="white", edgecolor=colour("not_stated"), hatchcolor=colour("not_stated"),
                   hatch=mark["not_stated_hatch"], label=label("legend.not_stated", lang))
    ax.legend(handles=[handle], loc="upper left", bbox_to_anchor=(0, 0), borderaxespad=0.3, frameon=False)
    _finish(ax, _place_sources(places), [], lang, source)
    return ax


# --------------------------------------------------------------------------------------------
# 4. Which plan targets which year
# --------------------------------------------------------------------------------------------


def target_timeline(
    statements: pd.DataFrame,
    *,
    lang: str = "en",
    ax: "Axes | None" = None,
    source: bool = True,
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
    for y, place_id in enumerate(places):
        color = place_colour(place_id)
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
    # Legend sizes: 1 and a round count small enough to sit in one legend line.
    for n in sorted({1, min(most, 10)}):
        handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor=grey, markeredgecolor=grey,
                              markersize=math.sqrt(base_area * n),
                              label=label("legend.n_statements_one" if n == 1 else "legend.n_statements", lang, n=n)))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.02), borderaxespad=0,
              ncols=len(handles), frameon=False, handletextpad=0.3, columnspacing=1.0)
    ids = _split_ids(statements["source_id"]) if "source_id" in statements.columns else []
    stated = set(_source_places(ids))
    _finish(ax, ids + _place_sources([p for p in places if p not in stated]), [], lang, source)
    return ax


def _source_places(source_ids: Sequence[str]) -> list[str]:
    from .sources import load_sources

    sources = load_sources().set_index("source_id")
    return [sources.loc[s, "place_id"] for s in source_ids if s in sources.index]
