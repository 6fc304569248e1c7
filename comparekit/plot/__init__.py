"""Axes-level charts of the comparison tables, in Chinese or English, with one anatomy.

Every chart follows seaborn's contract: the table comes first, everything else is keyword-only,
``ax=None`` means the current Axes, an empty table returns the Axes untouched, and the Axes is
returned. Every word drawn comes from a registry — place and indicator names from ``places.csv``
and ``indicators.csv``, national references from ``national_references.csv``, document titles from
``sources.csv``, the remaining vocabulary (titles, value formats, verdicts, legends) from
``labels.csv``. Colours, marker shapes and sizes come from ``style.json``.

Every figure has the same anatomy (:mod:`comparekit.plot.layout`): a title and a one-line subtitle
at the top, direct value labels with their qualifiers, one footnote per distinct caveat and a
one- or two-line source line at the bottom, and a full caption (:func:`caption`) with citations,
notes and how to read the marks.

Modules: ``layout`` (title, subtitle, footer, captions), ``text`` (measuring and wrapping text), ``comparison`` (one
indicator across places), ``ambition`` (baseline → target), ``coverage`` (stated / not stated),
``timeline`` (plan horizons, statement years), ``distance`` (distance to the national reference).

Apply a style first (:func:`comparekit.style.use_style`) so that the CJK font is available::

    with use_style("paper", lang="zh"):
        ax = comparison(compare("urbanization_rate"), lang="zh")
        save_figure(ax.figure, "figures/urbanization", style="paper", lang="zh")
"""

from __future__ import annotations

from ._common import format_number, value_text
from .ambition import AMBITION_COLUMNS, dumbbell
from .comparison import COMPARED_COLUMNS, comparison
from .coverage import coverage_heatmap, coverage_rows
from .distance import distance_table, distance_to_reference
from .layout import add_heading, add_notes, add_source_line, caption, short_source_line, source_line
from .timeline import STATEMENT_COLUMNS, plan_horizon, target_timeline

__all__ = [
    "comparison",
    "dumbbell",
    "coverage_heatmap",
    "coverage_rows",
    "target_timeline",
    "plan_horizon",
    "distance_to_reference",
    "distance_table",
    "source_line",
    "short_source_line",
    "add_source_line",
    "add_heading",
    "add_notes",
    "caption",
    "value_text",
    "format_number",
    "COMPARED_COLUMNS",
    "AMBITION_COLUMNS",
    "STATEMENT_COLUMNS",
]
