"""LaTeX tables of the comparisons, the preamble they need, and example papers that cite the sources.

* Chinese tables (``*_zh.tex``) compile with xelatex + ctex; English tables (``*_en.tex``) with
  pdflatex and no CJK support at all: English scope names, qualifiers as math (``$\\approx$``).
* One ``\\label{tab:<indicator>:<lang>}`` per table and language; every cell escaped.
* Caveats, drafts and sources are notes of a ``threeparttable``: a dagger marks a value compared
  with a caveat, a double dagger one set apart, a section sign one taken from a draft for comment.
* ``comparekit-preamble.tex`` loads the packages the tables use, for either engine.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..registry import indicator_name, place_name
from .common import english_terms, format_value, is_draft, join_names, label, scope_label, unit_label, verdict_label
from .text import has_cjk, latex_escape

__all__ = ["latex_table", "preamble", "example_paper", "write_latex_tables", "PREAMBLE_FILE"]

PREAMBLE_FILE = "comparekit-preamble.tex"
_MARK = {"caveat": r"\dag", "not_comparable": r"\ddag"}
_DRAFT_MARK = r"\S"


def preamble() -> str:
    r"""Return the preamble snippet the tables need (booktabs, threeparttable, array), for any engine.

    Examples
    --------
    >>> "\\usepackage{threeparttable}" in preamble()
    True
    """
    return "\n".join([
        "% Packages used by the comparekit tables. \\input this file after \\documentclass.",
        "% Chinese tables (*_zh.tex): compile with xelatex and load ctex (\\documentclass{ctexart} or \\usepackage{ctex}).",
        "% English tables (*_en.tex): pure ASCII, compile with pdflatex (or xelatex/lualatex).",
        r"\usepackage{booktabs}",
        r"\usepackage{array}",
        r"\usepackage{threeparttable}",
        "",
    ])


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _cell(text: object, lang: str, where: str) -> str:
    return latex_escape(text, lang, where=where)


def latex_table(compared: pd.DataFrame, *, lang: str = "en", caption: str | None = None) -> str:
    r"""Return a booktabs LaTeX table of one :func:`~comparekit.compare.compare` result.

    Parameters
    ----------
    compared : pandas.DataFrame
        One indicator, one row per place (any number of places).
    lang : {"en", "zh"}
        ``"zh"`` for xelatex + ctex; ``"en"`` gives pure ASCII for pdflatex.
    caption : str, optional
        The caption text (the figure caption's title and subtitle, see
        :func:`comparekit.figures.caption_head`); defaults to the indicator name and year.

    Examples
    --------
    >>> from comparekit import compare
    >>> tex = latex_table(compare("urbanization_rate", 2025), lang="en")
    >>> r"\label{tab:urbanization_rate:en}" in tex, tex.isascii()
    (True, True)
    """
    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be 'en' or 'zh', not {lang!r}")
    indicator = compared["indicator_id"].iloc[0]
    year = int(compared["requested_year"].iloc[0])
    unit = unit_label(compared["unit"].dropna().iloc[0] if compared["unit"].notna().any() else None, lang)
    value_head = label("value", lang) + ((f"（{unit}）" if lang == "zh" else f" ({unit})") if unit else "")
    head = [label("place", lang), value_head, label("year", lang), label("scope", lang), label("verdict", lang)]
    where = f"table {indicator} ({lang})"
    lines = [
        r"\begin{table}[htbp]",
        r"\centering",
        r"\begin{threeparttable}",
        rf"\caption{{{_cell(caption, lang, where)}}}" if caption else
        rf"\caption{{{_cell(indicator_name(indicator, lang), lang, where)}, {year}}}" if lang == "en" else rf"\caption{{{year}年{_cell(indicator_name(indicator, lang), lang, where)}}}",
        rf"\label{{tab:{indicator}:{lang}}}",
        r"\begin{tabular}{@{}lrl>{\raggedright\arraybackslash}p{3.2cm}l@{}}",
        r"\toprule",
        " & ".join(_cell(h, lang, where) for h in head) + r" \\",
        r"\midrule",
    ]
    notes, drafts = [], []
    for _, row in compared.iterrows():
        place = place_name(row["place_id"], lang)
        row_where = f"{where}, {place}"
        marks = ""
        if row["verdict"] in _MARK:
            marks += rf"\tnote{{{_MARK[row['verdict']]}}}"
            caveat = row.get(f"caveat_{lang}")
            if isinstance(caveat, str) and caveat:
                text = caveat if lang == "zh" else english_terms(caveat)
                notes.append(rf"\item[{_MARK[row['verdict']]}] {_cell(place, lang, row_where)}{_colon(lang)}{_cell(text, lang, row_where)}")
        if not pd.isna(row["value"]) and is_draft(row.get("source_id")):
            marks += rf"\tnote{{{_DRAFT_MARK}}}"
            drafts.append(place)
        year_text = "" if pd.isna(row["year"]) else str(int(row["year"]))
        cells = [
            _cell(place, lang, row_where),
            _cell(format_value(row, lang), lang, row_where) + marks,
            year_text,
            _cell(scope_label(row, lang), lang, row_where),
            _cell(verdict_label(row["verdict"], lang), lang, row_where),
        ]
        lines.append(" & ".join(cells) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    if drafts:
        notes.append(rf"\item[{_DRAFT_MARK}] {_cell(join_names(drafts, lang), lang, where)}{_colon(lang)}{_cell(label('draft_note', lang), lang, where)}")
    cites = ",".join(sorted(compared["source_id"].dropna().unique()))
    if cites:
        notes.append(rf"\item {_cell(label('sources', lang), lang, where)}{_colon(lang)}\cite{{{cites}}}")
    if notes:
        lines += [r"\begin{tablenotes}[flushleft]", r"\footnotesize"] + notes + [r"\end{tablenotes}"]
    lines += [r"\end{threeparttable}", r"\end{table}"]
    tex = "\n".join(lines) + "\n"
    if lang == "en" and (has_cjk(tex) or not tex.isascii()):
        raise AssertionError(f"{where}: English table is not pure ASCII")  # latex_escape guarantees it
    return tex


def example_paper(table_files: list[str], *, lang: str, backend: str = "biber", keys: list[str] | None = None) -> str:
    r"""Return a minimal paper that inputs *table_files* and cites the sources.

    Parameters
    ----------
    table_files : list of str
        Table file names (relative to the paper), e.g. ``["urbanization_rate_2025_zh.tex"]``.
    lang : {"zh", "en"}
        ``"zh"``: ``ctexart``, compile with xelatex and ``sources.bib``. ``"en"``: ``article``,
        compile with pdflatex and ``sources_en.bib``.
    backend : {"biber", "bibtex"}
        ``biber``: biblatex; ``bibtex``: classic ``\bibliographystyle{plain}``.
    keys : list of str, optional
        Keys cited in the text (default: ``\nocite{*}``).
    """
    bib = "sources" if lang == "zh" else "sources_en"
    cls = r"\documentclass[UTF8]{ctexart}" if lang == "zh" else r"\documentclass{article}"
    lines = [cls, rf"\input{{{PREAMBLE_FILE}}}"]
    if backend == "biber":
        lines += [r"\usepackage[backend=biber,style=numeric]{biblatex}", rf"\addbibresource{{{bib}.bib}}"]
    elif backend != "bibtex":
        raise ValueError(f"backend must be 'biber' or 'bibtex', not {backend!r}")
    lines += [r"\begin{document}"]
    cite = rf"\cite{{{','.join(keys)}}}" if keys else r"\nocite{*}"
    lines.append(("本文比较各地方案的指标" if lang == "zh" else "This paper compares the plans' indicators ") + cite + ("。" if lang == "zh" else "."))
    lines += [rf"\input{{{name}}}" for name in table_files]
    lines += [r"\printbibliography"] if backend == "biber" else [r"\bibliographystyle{plain}", rf"\bibliography{{{bib}}}"]
    lines.append(r"\end{document}")
    return "\n".join(lines) + "\n"


def write_latex_tables(
    out_dir: Path,
    comparisons: list[pd.DataFrame],
    *,
    bib_zh: str,
    bib_en: str,
    csl: str,
    keys: list[str],
    captions: dict[tuple[str, int, str], str] | None = None,
) -> list[Path]:
    """Write every table (both languages), the preamble, the bibliographies and two example papers.

    Returns
    -------
    list of Path
        ``<indicator>_<year>_<lang>.tex`` for each comparison, then ``sources.bib``,
        ``sources_en.bib``, ``sources.json``, ``comparekit-preamble.tex``, ``example_zh.tex`` and
        ``example_en.tex``. *captions* maps ``(indicator, year, lang)`` to a table's caption.
    """
    captions = captions or {}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    names: dict[str, list[str]] = {"zh": [], "en": []}
    for compared in comparisons:
        indicator = compared["indicator_id"].iloc[0]
        year = int(compared["requested_year"].iloc[0])
        for lang in ("en", "zh"):
            path = out_dir / f"{indicator}_{year}_{lang}.tex"
            path.write_text(latex_table(compared, lang=lang, caption=captions.get((indicator, year, lang))), encoding="utf-8")
            names[lang].append(path.name)
            written.append(path)
    for name, text in (("sources.bib", bib_zh), ("sources_en.bib", bib_en), ("sources.json", csl), (PREAMBLE_FILE, preamble())):
        (out_dir / name).write_text(text, encoding="utf-8")
        written.append(out_dir / name)
    for lang in ("zh", "en"):
        path = out_dir / f"example_{lang}.tex"
        path.write_text(example_paper(names[lang], lang=lang, backend="biber", keys=list(keys)), encoding="utf-8")
        written.append(path)
    return written
