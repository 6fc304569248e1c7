"""The ``comparekit`` command line.

``comparekit build`` is the main job. Other commands print one table (``compare``, ``coverage``),
check a user's statement file (``validate``), draft statements from a new document (``extract``),
measure the extractor (``evaluate``) or write one export (``deck``, ``tables``, ``excel``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

__all__ = ["app", "main"]

app = typer.Typer(
    name="comparekit",
    help="Comparable, citable indicator data and charts from five Chinese local planning documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _fail(error: Exception) -> None:
    typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


@app.command()
def build(
    out: Optional[Path] = typer.Option(None, help="Folder for processed data (default data/processed)."),
    figures: Optional[Path] = typer.Option(None, help="Folder for figures (default figures/)."),
    no_figures: bool = typer.Option(False, "--no-figures", help="Only regenerate the data."),
    lang: list[str] = typer.Option(["zh", "en"], help="Languages of the figures."),
    exports: bool = typer.Option(True, help="Also write the slide deck, LaTeX/BibTeX tables and Excel workbook."),
    site: bool = typer.Option(True, help="Also write the offline web explorer (site/ under the output folder)."),
) -> None:
    """Regenerate processed data, figures and exports from the verbatim sources."""
    from tqdm import tqdm

    from .errors import ComparekitError
    from .pipeline import build as run_build

    try:
        written = run_build(out, figures, figures=not no_figures, langs=tuple(lang), exports=exports, site=site, progress=tqdm)
    except ComparekitError as error:
        _fail(error)
    for group, paths in written.items():
        typer.echo(f"{group}: {len(paths)} files")
        for path in paths:
            typer.echo(f"  {path}")


@app.command()
def compare(
    indicator: str = typer.Argument(..., help="Indicator id, e.g. urbanization_rate."),
    year: int = typer.Option(2025, help="Comparison year."),
    lang: str = typer.Option("en", help="Language of the caveats: en or zh."),
    statements: Optional[Path] = typer.Option(None, help="A statement CSV of your own (validated first)."),
) -> None:
    """Print one indicator across the places, with verdicts and caveats."""
    import pandas as pd

    from .compare import compare as run_compare
    from .errors import ComparekitError

    try:
        table = run_compare(indicator, year, statements=_read_statements(statements) if statements else None)
    except (ComparekitError, ValueError) as error:
        _fail(error)
    columns = ["place_id", "year", "scope_text", "value", "qualifier", "verdict", "draft", f"caveat_{lang}"]
    with pd.option_context("display.width", 200, "display.max_colwidth", 90):
        typer.echo(table[columns].to_string(index=False))


@app.command()
def explain(
    place: str = typer.Argument(..., help="Place id, e.g. linyi."),
    indicator: str = typer.Argument(..., help="Indicator id, e.g. childcare_slots_per_1000."),
    year: int = typer.Option(2025, help="Comparison year."),
    lang: str = typer.Option("en", help="Language of the explanation: en or zh."),
    statements: Optional[Path] = typer.Option(None, help="A statement CSV of your own (validated first)."),
) -> None:
    """Explain one verdict step by step: quote, value, unit, scope, derivation, rules, caveats."""
    from .errors import ComparekitError
    from .explain import explain as run_explain

    try:
        text = run_explain(place, indicator, year, lang, statements=_read_statements(statements) if statements else None)
    except (ComparekitError, ValueError) as error:
        _fail(error)
    typer.echo(text)


@app.command()
def coverage() -> None:
    """Print which indicators each plan states (counts; 0 = not stated)."""
    from .compare import coverage as run_coverage

    table = run_coverage()
    typer.echo(table.to_string())


@app.command()
def validate(path: Path = typer.Argument(..., help="A statement CSV (e.g. a reviewed extraction draft).")) -> None:
    """Check a statement file against the schema; list every problem with file, row and column."""
    from .errors import ComparekitError

    try:
        table = _read_statements(path)
    except ComparekitError as error:
        _fail(error)
    typer.echo(f"{path}: {len(table)} statements, all valid")


def _read_statements(path: Path):
    from .schema import validate_statements
    from .tables import read_csv_text

    return validate_statements(read_csv_text(path, display_name=str(path)), what=str(path))


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Planning documents (UTF-8, GB18030 or UTF-16 text)."),
    place: str = typer.Option(..., help="place_id for the draft rows (add the place to data/registry/places.csv)."),
    out: Path = typer.Option(Path("draft.csv"), help="Where to write the review-ready draft CSV."),
    horizon: Optional[int] = typer.Option(None, help="Plan horizon year used when a sentence states none."),
) -> None:
    """Draft statements from new documents: quotes, offsets, values, for review."""
    from .errors import ComparekitError
    from .extract import extract_documents, summarize_extraction

    try:
        draft = extract_documents(files, place_id=place, horizon=horizon, progress=True)
    except ComparekitError as error:
        _fail(error)
    draft.to_csv(out, index=False, lineterminator="\n")
    typer.echo(summarize_extraction(draft))
    typer.echo(f"draft written to {out}")


@app.command()
def evaluate(markdown: bool = typer.Option(False, help="Print the summary as a Markdown table.")) -> None:
    """Measure the extractor against the curated statements of the five documents."""
    from .evaluate import evaluate as run_evaluate
    from .evaluate import evaluation_markdown

    result = run_evaluate()
    typer.echo(evaluation_markdown(result) if markdown else result.summary.to_string(index=False))


@app.command()
def deck(out: Optional[Path] = typer.Option(None, help="Output .pptx"), lang: str = typer.Option("zh", help="zh or en")) -> None:
    """Write the PowerPoint briefing deck."""
    from .report import write_deck

    typer.echo(str(write_deck(out, lang=lang)))


@app.command()
def tables(out: Optional[Path] = typer.Option(None, help="Output folder")) -> None:
    """Write LaTeX (booktabs) comparison tables and the BibTeX file of the sources."""
    from .report import write_latex_tables

    for path in write_latex_tables(out):
        typer.echo(str(path))


@app.command()
def excel(out: Optional[Path] = typer.Option(None, help="Output .xlsx")) -> None:
    """Write the Excel workbook (statements, harmonized table, registries, sources)."""
    from .report import write_workbook

    typer.echo(str(write_workbook(out)))


def main() -> None:
    """Entry point of the ``comparekit`` command."""
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
