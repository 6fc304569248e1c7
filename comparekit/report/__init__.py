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
from ..paths import PROCESSED_DIR
from ..sources import load_sources
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

EXPORTS_DIR = PROCESSED_DIR / "exports"


def _headline_comparisons(indicators: list[str] | None, year: int, harmonized: pd.DataFrame | None) -> list[pd.DataFrame]:
    from ..pipeline import HEADLINE_INDICATORS

    harmonized = harmonize() if harmonized is None else harmonized
    return [compare(indicator, year, harmonized=harmonized) for indicator in (indicators or HEADLINE_INDICATORS)]


def write_latex_tables(out_dir: Path | None = None, *, indicators: list[str] | None = None, year: int = 2025, harmonized: pd.DataFrame | None = None, figures_dir: Path | None = None) -> list[Path]:
    """Write one LaTeX table per indicator and language, the bibliographies, the preamble and example papers.

    Parameters
    ----------
    out_dir : Path, optional
        Defaults to ``data/processed/exports/latex``.
    indicators : list of str, optional
        Defaults to the headline indicators.
    year : int
        Comparison year.
    harmonized : pandas.DataFrame, optional
        The harmonized table (computed when not given).
    figures_dir : Path, optional
        A build's figure folder. Each table's caption is the title and subtitle of the figure's
        caption (:func:`comparekit.figures.comparison_caption`), read from there when written.

    Returns
    -------
    list of Path
        Tables (``<indicator>_<year>_<lang>.tex``), ``sources.bib``, ``sources_en.bib``,
        ``sources.json``, ``comparekit-preamble.tex``, ``example_zh.tex``, ``example_en.tex``.
    """
    out_dir = Path(out_dir) if out_dir else EXPORTS_DIR / "latex"
    from ..figures import caption_head, comparison_caption

    comparisons = _headline_comparisons(indicators, year, harmonized)
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


def write_workbook(
    path: Path | None = None,
    *,
    statements: pd.DataFrame | None = None,
    harmonized: pd.DataFrame | None = None,
    year: int = 2025,
    indicators: list[str] | None = None,
) -> Path:
    """Write the Excel workbook: README, comparison, statements, harmonized table, registries, sources.

    Sheets: ``README``, ``comparison_<year>``, ``statements``, ``harmonized``, ``places``,
    ``indicators``, ``units``, ``national_references``, ``sources``; each data sheet has one row
    per table row. See :mod:`comparekit.report.workbook` for the formatting and safety rules.

    Returns
    -------
    Path
        The workbook written (``data/processed/exports/comparekit.xlsx`` by default).
    """
    from ..registry import load_indicators, load_national_references, load_places, load_units
    from ..schema import load_statements

    path = Path(path) if path else EXPORTS_DIR / "comparekit.xlsx"
    statements = load_statements() if statements is None else statements
    harmonized = harmonize(statements) if harmonized is None else harmonized
    comparisons = pd.concat(_headline_comparisons(indicators, year, harmonized), ignore_index=True)
    registries = {
        "places": load_places(),
        "indicators": load_indicators(),
        "units": load_units(),
        "national_references": load_national_references(),
        "sources": load_sources(),
    }
    return save_workbook(path, workbook_sheets(comparisons, statements, harmonized, registries, year=year))


def write_deck(
    path: Path | None = None,
    *,
    lang: str = "zh",
    figures_dir: Path | None = None,
    harmonized: pd.DataFrame | None = None,
    year: int = 2025,
    indicators: list[str] | None = None,
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
    year : int
    indicators : list of str, optional
        Defaults to the headline indicators.
    """
    path = Path(path) if path else EXPORTS_DIR / f"briefing_{lang}.pptx"
    return save_deck(path, _headline_comparisons(indicators, year, harmonized), lang=lang, figures_dir=figures_dir)
