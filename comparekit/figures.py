"""The figures of the main job: which charts, in which languages and styles, under which names.

:func:`draw_all` draws every figure of ``comparekit build`` from the processed tables and saves it
through :func:`comparekit.style.save_figure` (the one function that writes figures):

``figures/<style>/<name>_<lang>.<ext>`` with ``style`` ``paper`` (PDF + SVG, journal widths) or
``slides`` (PNG, 16:9, 200 dpi), and names

* ``comparison_<indicator>_<year>`` — the headline indicators across the five places;
* ``coverage`` — which shared indicators each plan states, grouped by theme (indicators stated
  by at least two places for ``paper``, three for ``slides``; ``data/processed/coverage.csv`` has
  them all);
* ``timeline`` — which plan targets which year;
* ``ambition_linyi`` — Linyi's 2022 baselines → 2025 targets (shares, in percentage points).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import matplotlib

matplotlib.use("Agg", force=False)
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from . import plot  # noqa: E402
from .paths import FIGURES_DIR  # noqa: E402
from .style import figure_size, save_figure, use_style  # noqa: E402

__all__ = ["draw_all", "comparison_png", "FIGURE_NAMES"]

FIGURE_NAMES = ["comparison", "coverage", "timeline", "ambition_linyi"]


def _draw(style: str, lang: str, draw: Callable[[plt.Axes], None], *, width: str = "double", height: float | None = None) -> plt.Figure:
    with use_style(style, lang=lang, width=width if style == "paper" else "single"):
        size = figure_size(style, width=width if style == "paper" else "single", height=height if style == "paper" else None)
        fig, ax = plt.subplots(figsize=size)
        draw(ax)
    return fig


def _save(fig: plt.Figure, directory: Path, name: str, style: str, lang: str) -> list[Path]:
    try:
        return save_figure(fig, directory / style / f"{name}_{lang}", style=style, lang=lang)
    finally:
        plt.close(fig)


def draw_all(tables: dict[str, pd.DataFrame], figures_dir: Path | None = None, *, langs: tuple[str, ...] = ("zh", "en"), styles: tuple[str, ...] = ("paper", "slides"), progress: Callable | None = None) -> list[Path]:
    """Draw every figure of the build; return the files written.

    Parameters
    ----------
    tables : dict
        Output of :func:`comparekit.pipeline.build_data` (``statements``, ``comparison_<year>``,
        ``coverage``, ``ambition`` …).
    figures_dir : Path, optional
        Defaults to ``figures/``.
    """
    figures_dir = Path(figures_dir) if figures_dir else FIGURES_DIR
    comparison_key = next(key for key in tables if key.startswith("comparison_"))
    comparisons = tables[comparison_key]
    coverage = tables["coverage"].set_index(["theme", "indicator_id"])
    statements = tables["statements"]
    ambition = tables["ambition"]
    linyi = ambition[(ambition["place_id"] == "linyi") & (ambition["change_unit"] == "pp/yr")]
    written: list[Path] = []
    steps = [(style, lang) for style in styles for lang in langs]
    iterator = progress(steps, desc="figures") if progress else steps
    for style, lang in iterator:
        for indicator, compared in comparisons.groupby("indicator_id", sort=False):
            year = int(compared["requested_year"].iloc[0])
            fig = _draw(style, lang, lambda ax, c=compared: plot.comparison(c, lang=lang, ax=ax), height=3.0)
            written += _save(fig, figures_dir, f"comparison_{indicator}_{year}", style, lang)
        shared = coverage[(coverage > 0).sum(axis=1) >= (2 if style == "paper" else 3)]
        fig = _draw(style, lang, lambda ax: plot.coverage_heatmap(shared, lang=lang, ax=ax), height=1.5 + 0.16 * len(shared))
        written += _save(fig, figures_dir, "coverage", style, lang)
        fig = _draw(style, lang, lambda ax: plot.target_timeline(statements, lang=lang, ax=ax), height=2.8)
        written += _save(fig, figures_dir, "timeline", style, lang)
        fig = _draw(style, lang, lambda ax: plot.dumbbell(linyi, lang=lang, ax=ax), height=4.0)
        written += _save(fig, figures_dir, "ambition_linyi", style, lang)
    return written


def comparison_png(compared: pd.DataFrame, *, lang: str, figures_dir: Path | None = None) -> Path:
    """Return the slides-style PNG of one comparison, drawing it if it is not there yet."""
    figures_dir = Path(figures_dir) if figures_dir else FIGURES_DIR
    indicator = compared["indicator_id"].iloc[0]
    year = int(compared["requested_year"].iloc[0])
    path = figures_dir / "slides" / f"comparison_{indicator}_{year}_{lang}.png"
    if not path.exists():
        fig = _draw("slides", lang, lambda ax: plot.comparison(compared, lang=lang, ax=ax))
        _save(fig, figures_dir, f"comparison_{indicator}_{year}", "slides", lang)
    return path
