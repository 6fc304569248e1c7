"""Exports for papers and briefings: LaTeX tables, BibTeX, an Excel workbook and a slide deck.

Every export is built from the same processed tables as the figures, and every one carries its
sources: the LaTeX tables and the deck's speaker notes cite the documents, the workbook has a
sources sheet, and ``sources.bib`` holds one entry per document.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .compare import compare
from .harmonize import harmonize
from .paths import PROCESSED_DIR
from .registry import indicator_name, load_indicators, load_national_references, load_places, load_units, place_name
from .schema import load_statements
from .sources import load_sources

__all__ = [
    "EXPORTS_DIR",
    "bibtex",
    "latex_table",
    "write_latex_tables",
    "write_workbook",
    "write_deck",
    "takeaway",
    "label",
]

EXPORTS_DIR = PROCESSED_DIR / "exports"
_VERDICT_MARK = {"comparable": "", "caveat": r"$^{\dagger}$", "not_comparable": r"$^{\ddagger}$", "not_stated": ""}


def label(key: str, lang: str = "en") -> str:
    """Return the report label ``report.<key>`` from ``data/registry/labels.csv`` (``"zh"`` or ``"en"``)."""
    from .style import label as registry_label

    return registry_label(f"report.{key}", lang)


def bibtex(sources: pd.DataFrame | None = None) -> str:
    """Return BibTeX entries (``@misc``) for the source documents, keyed by ``source_id``.

    Examples
    --------
    >>> "@misc{linyi_county_2023," in bibtex()
    True
    """
    sources = load_sources() if sources is None else sources
    entries = []
    for rec in sources.itertuples(index=False):
        dated = isinstance(rec.issue_date, str) and rec.issue_date
        year = rec.issue_date[:4] if dated else str(rec.horizon_start)
        fields = {
            "title": f"{{{rec.title_zh}}}",
            "note": f"{{{rec.title_en}}}" + (f"; {rec.doc_number}" if isinstance(rec.doc_number, str) and rec.doc_number else "") + ("; draft for comment" if rec.status == "draft" else ""),
            "author": f"{{{rec.issuer_zh}}}",
            "year": year,
            "language": "chinese",
            "howpublished": "Public government document",
        }
        if dated:
            fields["date"] = rec.issue_date
        body = ",\n".join(f"  {key} = {{{value}}}" if not value.startswith("{") else f"  {key} = {value}" for key, value in fields.items())
        entries.append(f"@misc{{{rec.source_id},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def _tex_escape(text: str) -> str:
    for char, repl in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("_", r"\_"), ("#", r"\#"), ("$", r"\$")):
        text = text.replace(char, repl)
    return text


def _format_value(row: pd.Series, lang: str) -> str:
    if pd.isna(row["value"]):
        return label("not_stated", lang) if row["verdict"] == "not_stated" else label("qualitative", lang)
    value = f"{row['value']:.3g}" if abs(row["value"]) < 100 else f"{row['value']:.0f}"
    prefix = {"about": "≈", "at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<"}.get(row["qualifier"], "")
    if row["qualifier"] == "range" and not pd.isna(row["value_high"]):
        value = f"{value}–{row['value_high']:.3g}"
    return prefix + value


def _verdict(verdict: str, lang: str) -> str:
    from .style import label as registry_label

    return registry_label(f"verdict.{verdict}", lang)


def latex_table(compared: pd.DataFrame, *, lang: str = "en") -> str:
    """Return a booktabs LaTeX table of one :func:`~comparekit.compare.compare` result.

    Caveated values are marked with a dagger, not-comparable ones with a double dagger; the
    caveats and the cited documents follow as table notes.
    """
    indicator = compared["indicator_id"].iloc[0]
    unit = compared["unit"].iloc[0] or ""
    year = int(compared["requested_year"].iloc[0])
    head = [label("place", lang), label("value", lang) + (f" ({unit})" if unit else ""), label("year", lang), label("scope", lang), label("verdict", lang)]
    lines = [
        r"\begin{table}[htbp]",
        r"\centering",
        rf"\caption{{{_tex_escape(indicator_name(indicator, lang))}, {year}}}",
        rf"\label{{tab:{indicator}}}",
        r"\begin{tabular}{lrrll}",
        r"\toprule",
        " & ".join(_tex_escape(h) for h in head) + r" \\",
        r"\midrule",
    ]
    notes = []
    for _, row in compared.iterrows():
        year_text = "" if pd.isna(row["year"]) else str(int(row["year"]))
        scope = row["scope_text"] if isinstance(row["scope_text"], str) else ""
        cells = [place_name(row["place_id"], lang), _tex_escape(_format_value(row, lang)) + _VERDICT_MARK[row["verdict"]], year_text, scope, _verdict(row["verdict"], lang)]
        lines.append(" & ".join(cells) + r" \\")
        caveat = row[f"caveat_{lang}"]
        if row["verdict"] not in ("comparable", "not_stated") and caveat:
            notes.append(f"{place_name(row['place_id'], lang)}: {_tex_escape(caveat)}")
    cites = ",".join(sorted(compared["source_id"].dropna().unique()))
    lines += [r"\bottomrule", r"\end{tabular}"]
    if notes:
        lines.append(r"\par\smallskip\footnotesize " + r" \\ ".join(notes))
    if cites:
        lines.append(rf"\par\footnotesize {_tex_escape(label('sources', lang))}: \cite{{{cites}}}")
    lines.append(r"\end{table}")
    return "\n".join(lines) + "\n"


def write_latex_tables(out_dir: Path | None = None, *, indicators: list[str] | None = None, year: int = 2025, harmonized: pd.DataFrame | None = None) -> list[Path]:
    """Write one booktabs table per headline indicator and language, plus ``sources.bib``."""
    from .pipeline import HEADLINE_INDICATORS

    out_dir = Path(out_dir) if out_dir else EXPORTS_DIR / "latex"
    out_dir.mkdir(parents=True, exist_ok=True)
    harmonized = harmonize() if harmonized is None else harmonized
    written = []
    for indicator in indicators or HEADLINE_INDICATORS:
        compared = compare(indicator, year, harmonized=harmonized)
        for lang in ("en", "zh"):
            path = out_dir / f"{indicator}_{year}_{lang}.tex"
            path.write_text(latex_table(compared, lang=lang), encoding="utf-8")
            written.append(path)
    bib = out_dir / "sources.bib"
    bib.write_text(bibtex(), encoding="utf-8")
    return written + [bib]


def write_workbook(path: Path | None = None, *, statements: pd.DataFrame | None = None, harmonized: pd.DataFrame | None = None) -> Path:
    """Write an Excel workbook with statements, harmonized table, registries and sources as sheets.

    Sheets: ``statements``, ``harmonized``, ``comparison_2025``, ``places``, ``indicators``,
    ``units``, ``national_references``, ``sources``. Row counts equal the tables'.
    """
    from .pipeline import HEADLINE_INDICATORS

    path = Path(path) if path else EXPORTS_DIR / "comparekit.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    statements = load_statements() if statements is None else statements
    harmonized = harmonize(statements) if harmonized is None else harmonized
    comparisons = pd.concat([compare(i, 2025, harmonized=harmonized) for i in HEADLINE_INDICATORS], ignore_index=True)
    sheets = {
        "statements": statements,
        "harmonized": harmonized,
        "comparison_2025": comparisons,
        "places": load_places(),
        "indicators": load_indicators(),
        "units": load_units(),
        "national_references": load_national_references(),
        "sources": load_sources(),
    }
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
        writer.book.properties.creator = "comparekit"
    _normalize_zip_timestamps(path)
    return path


def _normalize_zip_timestamps(path: Path) -> None:
    """Rewrite an Office file (xlsx, pptx) with fixed zip timestamps and document dates, so builds are byte-identical."""
    import re
    import zipfile

    fixed = (2024, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>2024-01-01T00:00:00Z\g<3>", data)
            zinfo = zipfile.ZipInfo(info.filename, date_time=fixed)
            zinfo.compress_type = zipfile.ZIP_DEFLATED
            zinfo.external_attr = 0o600 << 16
            target.writestr(zinfo, data)


def takeaway(compared: pd.DataFrame, *, lang: str = "en") -> list[str]:
    """Return a two-line takeaway for one comparison: what is comparable, and what is not."""
    indicator = indicator_name(compared["indicator_id"].iloc[0], lang)
    year = int(compared["requested_year"].iloc[0])
    comparable = compared[compared["verdict"].isin(["comparable", "caveat"]) & compared["value"].notna()]
    silent = [place_name(p, lang) for p in compared.loc[compared["verdict"] == "not_stated", "place_id"]]
    apart = [place_name(p, lang) for p in compared.loc[compared["verdict"] == "not_comparable", "place_id"]]
    sep = "、" if lang == "zh" else ", "
    if len(comparable):
        top = comparable.loc[comparable["value"].idxmax()]
        low = comparable.loc[comparable["value"].idxmin()]
        first = label("takeaway_range", lang).format(indicator=indicator, year=year, low=_format_value(low, lang), low_place=place_name(low["place_id"], lang), high=_format_value(top, lang), high_place=place_name(top["place_id"], lang), unit=compared["unit"].iloc[0] or "")
    else:
        first = label("takeaway_none", lang).format(indicator=indicator, year=year)
    parts = []
    if silent:
        parts.append(label("takeaway_silent", lang).format(places=sep.join(silent)))
    if apart:
        parts.append(label("takeaway_apart", lang).format(places=sep.join(apart)))
    second = ("；" if lang == "zh" else "; ").join(parts) if parts else label("takeaway_all", lang)
    return [first, second]


def write_deck(path: Path | None = None, *, lang: str = "zh", figures_dir: Path | None = None, harmonized: pd.DataFrame | None = None, year: int = 2025) -> Path:
    """Write the PowerPoint briefing deck: a title slide and one slide per headline indicator.

    Each indicator slide has the chart (rendered with the ``slides`` style), a two-line takeaway
    and the caveats; the sources (documents and quotes) are in the speaker notes. Text is set in a
    Chinese-capable font so that it renders in PowerPoint and LibreOffice.
    """
    from pptx import Presentation
    from pptx.util import Inches, Pt

    from .figures import comparison_png
    from .pipeline import HEADLINE_INDICATORS

    path = Path(path) if path else EXPORTS_DIR / f"briefing_{lang}.pptx"
    path.parent.mkdir(parents=True, exist_ok=True)
    harmonized = harmonize() if harmonized is None else harmonized
    font = label("deck_font", lang)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)

    def style(run, size: int, bold: bool = False) -> None:
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = font
        rpr = run._r.get_or_add_rPr()
        for tag in ("a:ea", "a:latin"):
            element = rpr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}" + tag.split(":")[1])
            if element is None:
                element = rpr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}" + tag.split(":")[1], {})
                rpr.append(element)
            element.set("typeface", font)

    def textbox(slide, left, top, width, height, lines, size, bold=False):
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = para.add_run()
            run.text = line
            style(run, size, bold)
        return box

    blank = deck.slide_layouts[6]
    title = deck.slides.add_slide(blank)
    textbox(title, 0.8, 2.2, 11.7, 1.5, [label("deck_title", lang)], 40, bold=True)
    textbox(title, 0.8, 3.8, 11.7, 1.5, [label("deck_subtitle", lang)], 22)
    sources = load_sources()
    title.notes_slide.notes_text_frame.text = "\n".join(f"{rec.source_id}: {rec.title_zh} ({rec.title_en})" for rec in sources.itertuples())
    for indicator in HEADLINE_INDICATORS:
        compared = compare(indicator, year, harmonized=harmonized)
        slide = deck.slides.add_slide(blank)
        textbox(slide, 0.5, 0.25, 12.3, 0.8, [indicator_name(indicator, lang)], 30, bold=True)
        image = comparison_png(compared, lang=lang, figures_dir=figures_dir)
        slide.shapes.add_picture(str(image), Inches(0.4), Inches(1.1), height=Inches(4.9))
        lines = takeaway(compared, lang=lang)
        textbox(slide, 9.0, 1.2, 4.0, 3.0, lines, 16)
        caveats = [f"{place_name(r.place_id, lang)}: {getattr(r, f'caveat_{lang}')}" for r in compared.itertuples() if r.verdict in ("caveat", "not_comparable")]
        textbox(slide, 0.5, 6.1, 12.3, 1.3, caveats[:4], 11)
        notes = []
        for rec in compared.itertuples():
            if isinstance(rec.quote, str):
                notes.append(f"{place_name(rec.place_id, lang)} [{rec.source_id}, {rec.statement_ids}]: “{rec.quote}”")
        source_rows = sources[sources["source_id"].isin(compared["source_id"].dropna())]
        notes += [f"{rec.source_id}: {rec.title_zh} ({rec.title_en}) {rec.doc_number if isinstance(rec.doc_number, str) else ''}".rstrip() for rec in source_rows.itertuples()]
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)
    deck.core_properties.author = "comparekit"
    deck.core_properties.revision = 1
    import datetime as _dt

    fixed = _dt.datetime(2024, 1, 1)
    deck.core_properties.created = fixed
    deck.core_properties.modified = fixed
    deck.core_properties.last_printed = fixed
    deck.save(path)
    _normalize_zip_timestamps(path)
    return path
