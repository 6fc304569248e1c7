"""The ``comparekit`` command line.

``comparekit build`` is the main job. Other commands print one table (``compare``, ``coverage``),
check a user's statement file (``validate``), draft statements from a new document (``extract``),
measure the extractor (``evaluate``) or write one export (``deck``, ``tables``, ``excel``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

__all__ = ["app", "main"]

#: Exit status of every user error (bad argument, bad file, refused output).
EXIT_ERROR = 2


def _error_text(error: BaseException) -> str:
    """One readable message for any error (no traceback)."""
    from .errors import ComparekitError, TableError

    if isinstance(error, TableError):
        return _table_error_text(error)
    if isinstance(error, ComparekitError):
        return str(error)
    if isinstance(error, OSError):
        where = f"{error.filename}: " if getattr(error, "filename", None) else ""
        return f"{where}{error.strerror or error}"
    if isinstance(error, (TypeError, ValueError)):
        return str(error)
    return f"unexpected {type(error).__name__}: {error} (run again with --debug to see the traceback, and please report it)"


def _table_error_text(error, limit: int = 5) -> str:
    from .errors import _missing
    from .terminal import group_problems

    grouped = group_problems(error.problems)
    lines = [f"{error.what}: {len(grouped)} problem(s) of {grouped['kind'].nunique()} kind(s)"]
    for kind, rows in grouped.groupby("kind", sort=False):
        lines.append(f"  [{len(rows)}] {kind}")
        for rec in rows.head(limit).itertuples(index=False):
            value = "" if _missing(rec.value) else f" (value {str(rec.value)[:40]!r})"
            where = f"{rec.file}" + (f", row {rec.row}" if str(rec.row) not in ("0", "") else "") + (f", column {rec.column!r}" if rec.column else "")
            lines.append(f"      {where}: {rec.problem}{value}")
        if len(rows) > limit:
            lines.append(f"      … and {len(rows) - limit} more of this kind")
    lines.append("  (comparekit validate FILE --report problems.csv writes every problem to a CSV file)")
    return "\n".join(lines)


class _Group(TyperGroup):
    """Runs every command under one error handler: ``error: …`` and exit status 2, no traceback."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except Exception as error:  # noqa: BLE001 — every error a user can cause ends here
            if ctx.params.get("debug") or os.environ.get("COMPAREKIT_DEBUG"):
                raise
            typer.secho(f"error: {_error_text(error)}", fg=typer.colors.RED, err=True)
            raise typer.Exit(EXIT_ERROR) from None


app = typer.Typer(
    name="comparekit",
    cls=_Group,
    help="Comparable, citable indicator data and charts from five Chinese local planning documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _options(debug: bool = typer.Option(False, "--debug", help="Show the Python traceback of an error.")) -> None:
    """Comparable, citable indicator data and charts from five Chinese local planning documents."""


def _fail(error: Exception) -> None:
    raise error


def _format_option() -> str:
    return typer.Option("table", "--format", help="Output: table (aligned), csv or json.")


def _check_format(fmt: str) -> str:
    from .checks import check_choice
    from .terminal import FORMATS

    return check_choice(fmt, FORMATS, "--format")


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

    from .checks import check_lang
    from .pipeline import build as run_build

    langs = tuple(check_lang(x) for x in lang)
    written = run_build(out, figures, figures=not no_figures, langs=langs, exports=exports, site=site, progress=tqdm)
    for group, paths in written.items():
        typer.echo(f"{group}: {len(paths)} files")
        for path in paths:
            typer.echo(f"  {path}")


@app.command()
def compare(
    indicator: str = typer.Argument(..., help="Indicator id, Chinese or English name, or alias (urbanization_rate, 城镇化率)."),
    year: int = typer.Option(2025, help="Comparison year."),
    lang: str = typer.Option("en", help="Language of the caveats: en or zh."),
    scope: Optional[str] = typer.Option(None, help="Comparison basis: county (default), prefecture, urban_core, estate."),
    statements: Optional[Path] = typer.Option(None, help="A statement CSV of your own (validated first)."),
    full: bool = typer.Option(False, "--full", help="Show whole quotes and caveats."),
    fmt: str = _format_option(),
) -> None:
    """Print one indicator across the places, with verdicts and caveats."""
    import pandas as pd

    from .checks import check_indicator, check_lang, check_scope, check_year
    from .compare import compare as run_compare
    from .registry import place_name
    from .terminal import format_value, print_frame, shorten

    indicator, year, lang, scope, fmt = check_indicator(indicator), check_year(year), check_lang(lang), check_scope(scope), _check_format(fmt)
    table = run_compare(indicator, year, scope, statements=_read_statements(statements) if statements else None)
    if fmt != "table":
        print_frame(table, fmt)
        return
    width = 10_000 if full else 40
    shown = table.assign(
        place=[_place_label(p, lang, place_name) for p in table["place_id"]],
        value=[format_value(r.value, r.value_high, r.qualifier, r.unit) for r in table.itertuples(index=False)],
        caveat=[shorten(c, width * 2) for c in table[f"caveat_{lang}"]],
        quote=[shorten(q, width) for q in table["quote"]],
        year=[str(y) if not pd.isna(y) else "" for y in table["year"]],
        status=["draft" if d is True else "" for d in (table["draft"] if "draft" in table.columns else [False] * len(table))],
    )[["place", "year", "scope_text", "value", "verdict", "status", "caveat", "quote"]].rename(columns={"scope_text": "scope"})
    print_frame(shown.fillna(""), title=f"{indicator} — {year}", caption=None if full else "quotes and caveats shortened; --full shows them whole")


def _place_label(place_id: object, lang: str, place_name) -> str:
    try:
        return f"{place_name(place_id, lang)} ({place_id})"
    except Exception:  # noqa: BLE001 — a user's own place not in the registry is shown by its id
        return str(place_id)


@app.command()
def explain(
    place: str = typer.Argument(..., help="Place id, e.g. linyi."),
    indicator: str = typer.Argument(..., help="Indicator id, Chinese or English name, or alias (childcare_slots_per_1000, 托位)."),
    year: int = typer.Option(2025, help="Comparison year."),
    lang: str = typer.Option("en", help="Language of the explanation: en or zh."),
    statements: Optional[Path] = typer.Option(None, help="A statement CSV of your own (validated first)."),
) -> None:
    """Explain one verdict step by step: quote, value, unit, scope, derivation, rules, caveats."""
    from .checks import check_indicator, check_lang, check_year
    from .explain import explain as run_explain

    indicator, year, lang = check_indicator(indicator), check_year(year), check_lang(lang)
    typer.echo(run_explain(place, indicator, year, lang, statements=_read_statements(statements) if statements else None))


@app.command()
def coverage(
    min_places: int = typer.Option(1, "--min-places", help="Only indicators stated by at least this many places."),
    statements: Optional[Path] = typer.Option(None, help="A statement CSV of your own (validated first)."),
    fmt: str = _format_option(),
) -> None:
    """Print which indicators each plan states (number of statements; "–" = not stated)."""
    from .checks import check_int
    from .compare import coverage as run_coverage
    from .terminal import print_frame

    min_places, fmt = check_int(min_places, "--min-places", minimum=1), _check_format(fmt)
    table = run_coverage(_read_statements(statements) if statements else None, min_places=min_places).reset_index()
    if fmt != "table":
        print_frame(table, fmt)
        return
    shown = table.copy()
    for column in shown.columns[2:]:
        shown[column] = [str(int(v)) if v else "–" for v in shown[column]]
    print_frame(shown, caption="– = not stated in this plan")


@app.command()
def validate(
    path: Path = typer.Argument(..., help="A statement CSV (e.g. a reviewed extraction draft)."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write every problem to this CSV file."),
    limit: int = typer.Option(5, "--show", help="Problems shown per kind."),
    fmt: str = _format_option(),
) -> None:
    """Check a statement file against the schema; problems grouped by kind, with file, row and column."""
    import warnings

    from .errors import TableError
    from .schema import UnknownColumnsWarning
    from .terminal import group_problems, print_frame

    fmt = _check_format(fmt)
    if report is not None:
        from .output import check_destination

        check_destination(report, inputs=[path])
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UnknownColumnsWarning)
            table = _read_statements(path)
    except TableError as error:
        grouped = group_problems(error.problems)
        if report is not None:
            _write_csv(grouped, report)
        if fmt != "table":
            print_frame(grouped, fmt)
        else:
            typer.echo(_table_error_text(error, limit=limit).rsplit("\n", 1)[0])
            if report is not None:
                typer.echo(f"all {len(grouped)} problems written to {report}")
        raise typer.Exit(EXIT_ERROR)
    for warning in caught:
        typer.echo(f"note: {warning.message}")
    if report is not None:
        _write_csv(group_problems(_empty_problems()), report)
    typer.echo(f"{path}: {len(table)} statements, all valid")


def _empty_problems():
    from .tables import problems_frame

    return problems_frame([])


def _write_csv(frame, path: Path) -> None:
    from .output import write_with

    write_with(path, lambda tmp: frame.to_csv(tmp, index=False, lineterminator="\n"))


def _read_statements(path: Path):
    from .schema import validate_statements
    from .tables import read_csv_text

    return validate_statements(read_csv_text(path, display_name=str(path)), what=str(path))


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Planning documents (UTF-8, GB18030, Big5, Shift-JIS or UTF-16 text; the encoding is detected)."),
    place: str = typer.Option(..., help="place_id for the draft rows (add the place to data/registry/places.csv)."),
    out: Path = typer.Option(Path("draft.csv"), help="Where to write the review-ready draft CSV."),
    horizon: Optional[int] = typer.Option(None, help="Plan horizon year used when a sentence states none."),
    force: bool = typer.Option(False, "--force", help="Allow writing into data/sources, data/curated or data/registry."),
    source_id: Optional[list[str]] = typer.Option(
        None, "--source-id", help="source_id of each file, in order (default: a slug of the file name)."),
) -> None:
    """Draft statements from new documents: quotes, offsets, values, for review."""
    from .checks import check_place, check_year
    from .extract import extract_documents, summarize_extraction
    from .output import check_destination, write_with

    place = check_place(place)
    horizon = None if horizon is None else check_year(horizon, "--horizon")
    check_destination(out, inputs=files, allow_protected=force)
    draft = extract_documents(files, place_id=place, source_ids=source_id or None, horizon=horizon, progress=True)
    write_with(out, lambda tmp: draft.to_csv(tmp, index=False, lineterminator="\n"), inputs=files, allow_protected=force)
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
def deck(
    out: Optional[Path] = typer.Option(None, help="Output .pptx"),
    lang: str = typer.Option("zh", help="zh or en"),
    force: bool = typer.Option(False, "--force", help="Allow writing into data/sources, data/curated or data/registry."),
) -> None:
    """Write the PowerPoint briefing deck (charts drawn fresh, never taken from an old build)."""
    import tempfile

    from .checks import check_lang
    from .output import write_with
    from .paths import PROCESSED_DIR
    from .report import write_deck

    lang = check_lang(lang)
    out = out or PROCESSED_DIR / "exports" / f"briefing_{lang}.pptx"
    with tempfile.TemporaryDirectory() as figures_dir:
        write_with(out, lambda tmp: write_deck(tmp, lang=lang, figures_dir=Path(figures_dir)), allow_protected=force)
    typer.echo(str(out))


@app.command()
def tables(
    out: Optional[Path] = typer.Option(None, help="Output folder"),
    force: bool = typer.Option(False, "--force", help="Allow writing into data/sources, data/curated or data/registry."),
) -> None:
    """Write LaTeX (booktabs) comparison tables and the BibTeX file of the sources."""
    from .output import staged
    from .paths import PROCESSED_DIR
    from .report import write_latex_tables

    with staged(out or PROCESSED_DIR / "exports" / "latex", allow_protected=force) as (staging, published):
        write_latex_tables(staging)
    for path in published:
        typer.echo(str(path))


@app.command()
def excel(
    out: Optional[Path] = typer.Option(None, help="Output .xlsx"),
    force: bool = typer.Option(False, "--force", help="Allow writing into data/sources, data/curated or data/registry."),
) -> None:
    """Write the Excel workbook (statements, harmonized table, registries, sources)."""
    from .output import write_with
    from .paths import PROCESSED_DIR
    from .report import write_workbook

    out = out or PROCESSED_DIR / "exports" / "comparekit.xlsx"
    write_with(out, lambda tmp: write_workbook(tmp), allow_protected=force)
    typer.echo(str(out))


@app.command()
def indicators(
    words: Optional[list[str]] = typer.Argument(None, help="Words to search in ids, Chinese and English names and aliases."),
    fmt: str = _format_option(),
) -> None:
    """List the indicator registry, or search it by Chinese or English name (e.g. 城镇化率, childcare)."""
    from .registry import load_indicators
    from .terminal import print_frame

    fmt = _check_format(fmt)
    table = load_indicators()
    for word in words or []:
        needle = word.strip().lower()
        text = (table["indicator_id"] + " " + table["name_zh"] + " " + table["name_en"].str.lower() + " " + table["aliases"].fillna("").str.lower())
        table = table[text.str.contains(needle, regex=False)]
    shown = table[["indicator_id", "name_zh", "name_en", "unit", "theme"]].fillna("")
    if table.empty:
        typer.echo(f"no indicator matches {' '.join(words or [])!r}; `comparekit indicators` lists them all")
        return
    print_frame(shown, fmt, caption=f"{len(shown)} indicator(s)" if fmt == "table" else None)


def main() -> None:
    """Entry point of the ``comparekit`` command."""
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
