"""Exports for papers and briefings: LaTeX tables, bibliographies, an Excel workbook and slide decks.

Every export is built from the same processed tables as the figures, and every one carries its
sources: the LaTeX tables cite the documents (``sources.bib`` for xelatex + ctex,
``sources_en.bib`` for pdflatex, ``sources.json`` as CSL-JSON), the workbook has a README and a
sources sheet, and the deck's speaker notes keep every verbatim quote with its document.

One concern per module: :mod:`.text` (escaping and sanitising), :mod:`.common` (values, takeaways,
drafts), :mod:`.bibliography`, :mod:`.latex`, :mod:`.workbook`, :mod:`.deck`. The ``write_*``
functions here compute the comparisons and call them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..compare import compare
from ..harmonize import harmonize
from ..errors import ComparekitError
from ..sources import load_sources
from ..study import Study, builtin_study, with_study
from . import latex as _latex
from .bibliography import bib_entries, bibtex, csl_json
from .common import draft_sources, format_value, label, takeaway
from .deck import save_deck
from .latex import example_paper, latex_table, preamble
from .text import ExportWarning, excel_text, latex_escape, strip_control
from .workbook import save_workbook, workbook_sheets

__all__ = [
    "EXPORTS_DIR",
    "ExportWarning",
    "bib_entries",
    "bibtex",
    "csl_json",
    "draft_sources",
    "example_paper",
    "excel_text",
    "format_value",
    "label",
    "latex_escape",
    "latex_table",
    "preamble",
    "strip_control",
    "takeaway",
    "write_deck",
    "write_latex_tables",
    "write_workbook",
]

#: Default exports folder of the built-in study in a checkout (``None`` in an installed package).
EXPORTS_DIR = builtin_study().processed_dir / "exports" if builtin_study().processed_dir else None


def _exports(given: Path | str | None, study: Study, name: str) -> Path:
    """*given*, else ``<processed>/exports/<name>`` of a study that has a default output folder."""
    if given:
        return Path(given)
    if study.processed_dir is None:
        raise ComparekitError("no output path: this study writes only where you say; pass a path")
    return study.processed_dir / "exports" / name


def _headline_comparisons(indicators: list[str] | None, year: int, harmonized: pd.DataFrame | None) -> list[pd.DataFrame]:
    from ..pipeline import HEADLINE_INDICATORS

    harmonized = harmonize() if harmonized is None else harmonized
    return [compare(indicator, year, harmonized=harmonized) for indicator in (indicators or HEADLINE_INDICATORS)]


@with_study
def write_latex_tables(out_dir: Path | None = None, *, indicators: list[str] | None = None, year: int | None = None, harmonized: pd.DataFrame | None = None, figures_dir: Path | None = None, study: Study | str | Path | None = None) -> list[Path]:
    """Write one LaTeX table per indicator and language, the bibliographies, the preamble and example papers.

    Parameters
    ----------
    out_dir : Path, optional
        Defaults to ``data/processed/exports/latex``.
    indicators : list of str, optional
        Defaults to the headline indicators.
    year : int, optional
        Comparison year (default the study's).
    harmonized : pandas.DataFrame, optional
        The harmonized table (computed when not given).
    figures_dir : Path, optional
        A build's figure folder. Each table's caption is the title and subtitle of the figure's
        caption (:func:`comparekit.figures.comparison_caption`), read from there when written.
    study : Study, str or Path, optional
        The study (:func:`comparekit.open_study`); default the built-in study.

    Returns
    -------
    list of Path
        Tables (``<indicator>_<year>_<lang>.tex``), ``sources.bib``, ``sources_en.bib``,
        ``sources.json``, ``comparekit-preamble.tex``, ``example_zh.tex``, ``example_en.tex``.
    """
    out_dir = _exports(out_dir, study, "latex")
    from ..figures import caption_head, comparison_caption

    comparisons = _headline_comparisons(indicators, study.comparison_year if year is None else year, harmonized)
    sources = load_sources()
    captions = {
        (c["indicator_id"].iloc[0], int(c["requested_year"].iloc[0]), lang): caption_head(comparison_caption(c, lang=lang, figures_dir=figures_dir))
        for c in comparisons for lang in ("en", "zh")
    }
    return _latex.write_latex_tables(
        out_dir,
        comparisons,
        captions=captions,
        bib_zh=bibtex(sources, lang="zh"),
        bib_en=bibtex(sources, lang="en"),
        csl=csl_json(sources),
        keys=list(sources["source_id"]),
    )


@with_study
def write_workbook(
    path: Path | None = None,
    *,
    statements: pd.DataFrame | None = None,
    harmonized: pd.DataFrame | None = None,
    year: int | None = None,
    indicators: list[str] | None = None,
    study: Study | str | Path | None = None,
) -> Path:
    """Write the Excel workbook: README, comparison, statements, harmonized table, registries, sources.

    Sheets: ``README``, ``comparison_<year>``, ``statements``, ``harmonized``, ``ambition`` (with
    the 2020 census baselines, marked as derived from the census), ``places``,
    ``indicators``, ``units``, ``national_references``, ``sources``; each data sheet has one row
    per table row. See :mod:`comparekit.report.workbook` for the formatting and safety rules.

    Returns
    -------
    Path
        The workbook written (``data/processed/exports/comparekit.xlsx`` by default).
    """
    from ..registry import load_indicators, load_national_references, load_places, load_units
    from ..schema import load_statements

    path = _exports(path, study, "comparekit.xlsx")
    year = study.comparison_year if year is None else year
    statements = load_statements() if statements is None else statements
    harmonized = harmonize(statements) if harmonized is None else harmonized
    comparisons = pd.concat(_headline_comparisons(indicators, year, harmonized), ignore_index=True)
    from ..compare import ambition

    registries = {
        "ambition": ambition(harmonized=harmonized),
        "places": load_places(),
        "indicators": load_indicators(),
        "units": load_units(),
        "national_references": load_national_references(),
        "sources": load_sources(),
    }
    return save_workbook(path, workbook_sheets(comparisons, statements, harmonized, registries, year=year))


@with_study
def write_deck(
    path: Path | None = None,
    *,
    lang: str = "zh",
    figures_dir: Path | None = None,
    harmonized: pd.DataFrame | None = None,
    year: int | None = None,
    indicators: list[str] | None = None,
    study: Study | str | Path | None = None,
) -> Path:
    """Write the PowerPoint briefing deck: a title slide and one slide per headline indicator.

    Each indicator slide has the chart (drawn at its size on the slide, 16:9), the takeaway and the
    caveats once; the speaker notes keep every verbatim quote with its source and document number.
    Text is set in a Chinese-capable font so that it renders in PowerPoint and LibreOffice.

    Parameters
    ----------
    path : Path, optional
        Defaults to ``data/processed/exports/briefing_<lang>.pptx``.
    lang : {"zh", "en"}
    figures_dir : Path, optional
        A build's figure folder: the speaker notes reuse the figure captions written there
        (otherwise they are drawn afresh; the text is the same). The deck draws its own charts at
        the slide's chart size.
    harmonized : pandas.DataFrame, optional
    year : int, optional
        Comparison year (default the study's).
    indicators : list of str, optional
        Defaults to the headline indicators.
    study : Study, str or Path, optional
        The study (:func:`comparekit.open_study`); default the built-in study.
    """
    path = _exports(path, study, f"briefing_{lang}.pptx")
    return save_deck(path, _headline_comparisons(indicators, study.comparison_year if year is None else year, harmonized), lang=lang, figures_dir=figures_dir)
