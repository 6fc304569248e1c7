"""The figures of the main job: which charts, at which sizes and in which languages, under which names.

:func:`draw_all` draws every figure of ``comparekit build`` from the processed tables and saves it
through :func:`comparekit.style.save_figure` (the one function that writes figures), each with its
caption beside it:

* ``figures/paper/<name>_<lang>.pdf|.svg`` — 183 mm wide (double column);
* ``figures/paper-89mm/<name>_<lang>.pdf|.svg`` — 89 mm wide (single column);
* ``figures/slides/<name>_<lang>.png`` — exactly 1920 × 1080 px;
* ``<name>_<lang>.caption.md`` beside each of them — title, notes, how to read, full citations;
* ``figures/index.md`` — the contact sheet: every figure with its caption.

Names:

* ``comparison_<indicator>_<year>`` — each headline indicator across the places;
* ``distance_to_reference_<year>`` — small multiples, target minus national reference;
* ``ambition`` — baseline → target for every place that states a baseline (shares, in pp/yr);
* ``urbanization_pace`` — each urbanization target from the place's 2020 census urban share (derived
  from the census, not stated by the plan: footnoted), with the national pace of 2020–2024;
* ``coverage`` — which shared indicators each plan states (stated by ≥ 2 places at 183 mm, ≥ 3
  at 89 mm and on slides; ``data/processed/coverage.csv`` has them all);
* ``plan_horizon`` — each plan's issue date, period and target years.

zh and en versions of a figure have the same size; the size never depends on the notes (what
does not fit goes to the caption).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import matplotlib.pyplot as plt  # no backend is forced: headless runs fall back to Agg, notebooks keep theirs
import pandas as pd

from . import plot
from .cache import BuildCache, frame_key, unit_key
from .errors import BuildError, TableError
from .study import current_study, using
from .style import figure_size, save_figure, use_style

__all__ = ["draw_all", "figure_for", "comparison_png", "comparison_caption", "caption_head", "caption_path", "contact_sheet", "SIZES", "FIGURE_NAMES"]

#: Output sizes: directory → (style preset, paper width).
SIZES = {"paper": ("paper", "double"), "paper-89mm": ("paper", "single"), "slides": ("slides", "single")}
#: Figure families the build draws (comparison and distance names carry indicator and year).
FIGURE_NAMES = ["comparison", "distance_to_reference", "ambition", "urbanization_pace", "coverage", "plan_horizon"]
# Paper heights in inches: (89 mm, 183 mm). Slides are always 12.8 × 7.2 in.
_HEIGHTS = {
    "comparison": (3.6, 3.1),
    "distance_to_reference": (6.6, 4.2),
    "ambition": (5.6, 4.0),
    "urbanization_pace": (3.6, 3.1),
    "coverage": (6.2, 7.8),
    "plan_horizon": (3.0, 2.6),
}
# Coverage filter (indicators stated by at least this many places) per output size.
_COVERAGE_MIN = {"paper": 2, "paper-89mm": 3, "slides": 3}


def _figure(size: str, lang: str, family: str) -> plt.Figure:
    style, width = SIZES[size]
    height = None if style == "slides" else _HEIGHTS[family][0 if width == "single" else 1]
    return plt.figure(figsize=figure_size(style, width=width, height=height))


def _draw(size: str, lang: str, family: str, draw: Callable[[plt.Figure], None]) -> plt.Figure:
    style, width = SIZES[size]
    with use_style(style, lang=lang, width=width):
        fig = _figure(size, lang, family)
        draw(fig)
    return fig


def figure_for(family: str, *, size: str = "paper") -> plt.Figure:
    """A new empty figure of the size the build gives *family* (call inside :func:`use_style`).

    *family* is one of :data:`FIGURE_NAMES`; *size* one of :data:`SIZES` (``paper`` 183 mm,
    ``paper-89mm``, ``slides``). Notebooks use it so that their figures match the built ones.
    """
    if family not in _HEIGHTS:
        raise ValueError(f"family must be one of {', '.join(_HEIGHTS)}, not {family!r}")
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}, not {size!r}")
    return _figure(size, "en", family)


def caption_path(figures_dir: Path, size: str, name: str, lang: str) -> Path:
    """Where the caption of a built figure is: ``figures/<size>/<name>_<lang>.caption.md``."""
    return Path(figures_dir) / size / f"{name}_{lang}.caption.md"


def _save(fig: plt.Figure, directory: Path, name: str, size: str, lang: str) -> list[Path]:
    style, _ = SIZES[size]
    try:
        written = save_figure(fig, directory / size / f"{name}_{lang}", style=style, lang=lang)
        path = caption_path(directory, size, name, lang)
        path.write_text(plot.caption(fig, lang=lang), encoding="utf-8")
        return written + [path]
    finally:
        plt.close(fig)


def _coverage_min(coverage: pd.DataFrame, size: str) -> int:
    """The size's filter (stated by at least N places), lowered until some indicator meets it (a
    study whose plans share no indicator still gets a matrix)."""
    for n in range(_COVERAGE_MIN[size], 1, -1):
        if len(plot.coverage_rows(coverage, min_places=n)):
            return n
    return 1


def _plans(tables: dict[str, pd.DataFrame], *, with_data: bool = False) -> list[tuple]:
    """(family, name, draw(fig, lang, size)) for every figure of the build.

    With *with_data*, a fourth item: the tables the figure draws (what its cache key hashes).
    """
    comparison_key = next(key for key in tables if key.startswith("comparison_"))
    comparisons = tables[comparison_key]
    coverage = tables["coverage"].set_index(["theme", "indicator_id"])
    statements = tables["statements"]
    ambition = tables["ambition"]
    stated = ambition["baseline_source"] != "census" if "baseline_source" in ambition.columns else ambition["change_unit"].notna()
    shares = ambition[(ambition["change_unit"] == "pp/yr") & stated]
    census = ambition[~stated & (ambition["indicator_id"] == "urbanization_rate")]
    plans = []
    for indicator, compared in comparisons.groupby("indicator_id", sort=False):
        year = int(compared["requested_year"].iloc[0])
        plans.append(("comparison", f"comparison_{indicator}_{year}",
                      lambda fig, lang, size, c=compared: plot.comparison(c, lang=lang, ax=fig.add_subplot()), (compared,)))
    year = int(comparisons["requested_year"].iloc[0])
    plans.append(("distance_to_reference", f"distance_to_reference_{year}",
                  lambda fig, lang, size: plot.distance_to_reference(comparisons, lang=lang), (comparisons,)))
    plans.append(("ambition", "ambition", lambda fig, lang, size: plot.dumbbell(shares, lang=lang, ax=fig.add_subplot()), (shares,)))
    if len(census):
        plans.append(("urbanization_pace", "urbanization_pace", lambda fig, lang, size: plot.dumbbell(census, lang=lang, ax=fig.add_subplot()), (census,)))
    plans.append(("coverage", "coverage", lambda fig, lang, size: plot.coverage_heatmap(
        coverage, lang=lang, ax=fig.add_subplot(), min_places=_coverage_min(coverage, size)), (coverage,)))
    plans.append(("plan_horizon", "plan_horizon", lambda fig, lang, size: plot.plan_horizon(statements, lang=lang, ax=fig.add_subplot()), (statements,)))
    return plans if with_data else [plan[:3] for plan in plans]


def draw_all(tables: dict[str, pd.DataFrame], figures_dir: Path | None = None, *, langs: tuple[str, ...] = ("zh", "en"), styles: tuple[str, ...] = ("paper", "slides"), progress: Callable | None = None, workers: int | None = None, cache: BuildCache | None = None, inputs_key: str = "") -> list[Path]:
    """Draw every figure of the build at every size, with captions and the contact sheet; return the files written.

    Parameters
    ----------
    tables : dict
        Output of :func:`comparekit.pipeline.build_data` (``statements``, ``comparison_<year>``,
        ``coverage``, ``ambition`` …).
    figures_dir : Path, optional
        Defaults to ``figures/``.
    styles : tuple of str
        ``"paper"`` draws both paper widths, ``"slides"`` the 1920 × 1080 PNGs.
    workers : int, optional
        Processes drawing figures side by side (each figure is drawn and saved by one process, so
        the files are the same whatever the number). Defaults to the number of CPUs, at most 4;
        ``1`` draws in this process.
    cache : BuildCache, optional
        The cache of the published figures folder: a figure whose key (the tables it draws,
        *inputs_key* — the hash of the study's registries —, its name, size and language, and the
        code) is unchanged is copied from the previous build instead of drawn
        (:mod:`comparekit.cache`).
    inputs_key : str
        Hash of the study files the figures read besides their tables (registries, sources).
    """
    figures_dir = _figures_dir(figures_dir)
    sizes = [s for s in SIZES if SIZES[s][0] in styles]
    plans = _plans(tables, with_data=True)
    names = [plan[1] for plan in plans]
    tasks = [(size, lang, index) for size in sizes for lang in langs for index in range(len(names))]
    files: dict[tuple, list[Path]] = {}  # task → its files, reused or drawn
    keys: dict[tuple, str] = {}
    if cache is not None:
        data_keys = [frame_key(*plan[3]) for plan in plans]
        for size, lang, index in tasks:
            keys[size, lang, index] = unit_key("figure", inputs_key, data_keys[index], names[index], size, lang)
            reused = cache.reuse(f"{size}/{names[index]}_{lang}", keys[size, lang, index], figures_dir)
            if reused is not None:
                files[size, lang, index] = reused
    todo = [task for task in tasks if task not in files]
    workers = min(workers or min(os.cpu_count() or 1, 4), len(todo)) if todo else 1
    if workers > 1 and multiprocessing.get_start_method(allow_none=False) == "fork":
        global _WORKER_TABLES
        _WORKER_TABLES = (tables, figures_dir, current_study())  # inherited by the forked workers, never pickled
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                results = pool.map(_draw_task, todo, chunksize=1)
                for task, paths in zip(todo, progress(results, total=len(todo), desc="figures") if progress else results):
                    files[task] = paths
        finally:
            _WORKER_TABLES = None
    else:
        for task in (progress(todo, desc="figures") if progress else todo):
            size, lang, index = task
            files[task] = _draw_and_save(plans[index][:3], figures_dir, size, lang)
    if cache is not None:
        for size, lang, index in todo:
            cache.record(f"{size}/{names[index]}_{lang}", keys[size, lang, index], figures_dir, files[size, lang, index])
    written = [path for task in tasks for path in files[task]]
    written.append(contact_sheet(figures_dir, names, sizes=sizes, langs=langs))
    return written


_WORKER_TABLES: tuple | None = None
_WORKER_PLANS: list | None = None


def _draw_task(task: tuple[str, str, int]) -> list[Path]:
    global _WORKER_PLANS
    tables, figures_dir, study = _WORKER_TABLES
    with using(study):
        if _WORKER_PLANS is None:
            _WORKER_PLANS = _plans(tables)
        size, lang, index = task
        return _draw_and_save(_WORKER_PLANS[index], figures_dir, size, lang)


def _figures_dir(given: Path | str | None) -> Path:
    """*given*, else ``figures/`` of the built-in study in a checkout (other studies must name one)."""
    if given:
        return Path(given)
    default = current_study().figures_dir
    if default is None:
        from .errors import ComparekitError

        raise ComparekitError("no figures folder: this study writes only where you say; pass figures_dir=")
    return default


def _draw_and_save(plan: tuple, figures_dir: Path, size: str, lang: str) -> list[Path]:
    """Draw and save one figure; any error names the figure, its size and language (:class:`BuildError`)."""
    family, name, draw = plan
    try:
        fig = _draw(size, lang, family, lambda f: draw(f, lang, size))
        return _save(fig, figures_dir, name, size, lang)
    except (BuildError, TableError):
        raise
    except Exception as error:  # noqa: BLE001 — re-raised with the figure's name, also from a worker process
        raise BuildError.wrap(f"figure {name} ({size}, {lang})", error) from error


def contact_sheet(figures_dir: Path, names: list[str], *, sizes: list[str], langs: tuple[str, ...]) -> Path:
    """Write ``figures/index.md``: every built figure (slides PNG, paper SVGs linked) with its caption."""
    figures_dir = Path(figures_dir)
    lines = ["# Figures", "", "Every figure of the build, with its caption. Slides are 1920 × 1080 px PNG; "
             "paper figures are PDF and SVG at 183 mm (`paper/`) and 89 mm (`paper-89mm/`).", ""]
    for name in names:
        lines += [f"## {name}", ""]
        for lang in langs:
            shown = next((s for s in ("slides", "paper", "paper-89mm") if s in sizes), sizes[0])
            ext = "png" if shown == "slides" else "svg"
            links = " · ".join(
                f"[{size} {ext_}]({size}/{name}_{lang}.{ext_})"
                for size in sizes for ext_ in (("png",) if size == "slides" else ("pdf", "svg"))
            )
            lines += [f"### {name} ({lang})", "", f"![{name} {lang}]({shown}/{name}_{lang}.{ext})", "", links, ""]
            caption = caption_path(figures_dir, shown, name, lang)
            if caption.exists():
                lines += [caption.read_text(encoding="utf-8").strip(), ""]
    path = figures_dir / "index.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def comparison_png(compared: pd.DataFrame, *, lang: str, figures_dir: Path | None = None) -> Path:
    """Return the slides PNG (1920 × 1080) of one comparison, drawing it if it is not there yet."""
    figures_dir = _figures_dir(figures_dir)
    indicator = compared["indicator_id"].iloc[0]
    year = int(compared["requested_year"].iloc[0])
    name = f"comparison_{indicator}_{year}"
    path = figures_dir / "slides" / f"{name}_{lang}.png"
    if not path.exists():
        fig = _draw("slides", lang, "comparison", lambda f: plot.comparison(compared, lang=lang, ax=f.add_subplot()))
        _save(fig, figures_dir, name, "slides", lang)
    return path


def comparison_caption(compared: pd.DataFrame, *, lang: str, figures_dir: Path | None = None) -> str:
    """Return the caption (Markdown) of the comparison chart of *compared* — the text deck notes and LaTeX captions reuse.

    With *figures_dir*, the caption the build wrote beside the slides figure
    (``slides/comparison_<indicator>_<year>_<lang>.caption.md``) is read when it is there; otherwise
    the chart is drawn off-screen (slides size) and :func:`comparekit.plot.caption` of it is
    returned. Nothing is written.
    """
    if figures_dir is not None:
        name = f"comparison_{compared['indicator_id'].iloc[0]}_{int(compared['requested_year'].iloc[0])}"
        path = caption_path(Path(figures_dir), "slides", name, lang)
        if path.is_file():
            return path.read_text(encoding="utf-8")
    fig = _draw("slides", lang, "comparison", lambda f: plot.comparison(compared, lang=lang, ax=f.add_subplot()))
    try:
        return plot.caption(fig, lang=lang)
    finally:
        plt.close(fig)


def caption_head(caption: str) -> str:
    """Return the first paragraph of a figure caption (its title and subtitle) as plain text.

    Examples
    --------
    >>> caption_head("**Urbanization rate, 2025.** Targets as stated.\\n\\n*Notes:* …")
    'Urbanization rate, 2025. Targets as stated.'
    """
    return caption.strip().split("\n\n")[0].replace("**", "").replace("*", "").strip()
