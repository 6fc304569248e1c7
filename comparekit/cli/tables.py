"""Commands that print one table: ``compare``, ``explain``, ``coverage`` and ``indicators``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .app import app, check_format, format_option, read_statements

__all__ = ["compare", "explain", "coverage", "indicators", "study_option", "open_study_option"]


def study_option():
    """The ``--study`` option: a study folder (default the built-in five-place study)."""
    return typer.Option(None, "--study", help="A study folder (comparekit init); default the built-in five-place study.")


def open_study_option(folder: Optional[Path]) -> dict:
    """Keyword arguments that pass the study of ``--study`` on (none for the built-in study)."""
    if folder is None:
        return {}
    from ..study import open_study

    return {"study": open_study(folder)}


@app.command()
def compare(
    indicator: str = typer.Argument(..., help="Indicator id, Chinese or English name, or alias (urbanization_rate, 城镇化率)."),
    year: int = typer.Option(2025, help="Comparison year."),
    lang: str = typer.Option("en", help="Language of the caveats: en or zh."),
    scope: Optional[str] = typer.Option(None, help="Comparison basis: county (default), prefecture, urban_core, estate."),
    statements: Optional[Path] = typer.Option(None, help="A statement CSV of your own (validated first)."),
    study: Optional[Path] = study_option(),
    full: bool = typer.Option(False, "--full", help="Show whole quotes and caveats."),
    fmt: str = format_option(),
) -> None:
    """Print one indicator across the places, with verdicts and caveats."""
    import pandas as pd

    from ..checks import check_indicator, check_lang, check_scope, check_year
    from ..compare import compare as run_compare
    from ..registry import place_name
    from ..terminal import format_value, print_frame, shorten

    kwargs = open_study_option(study)
    indicator, year, lang, scope, fmt = check_indicator(indicator), check_year(year), check_lang(lang), check_scope(scope), check_format(fmt)
    table = run_compare(indicator, year, scope, statements=read_statements(statements, kwargs.get("study")) if statements else None, **kwargs)
    if fmt != "table":
        print_frame(table, fmt)
        return
    width = 10_000 if full else 40
    shown = table.assign(
        place=[_place_label(p, lang, place_name, kwargs) for p in table["place_id"]],
        value=[format_value(r.value, r.value_high, r.qualifier, r.unit) for r in table.itertuples(index=False)],
        caveat=[shorten(c, width * 2) for c in table[f"caveat_{lang}"]],
        quote=[shorten(q, width) for q in table["quote"]],
        year=[str(y) if not pd.isna(y) else "" for y in table["year"]],
        status=["draft" if d is True else "" for d in (table["draft"] if "draft" in table.columns else [False] * len(table))],
    )[["place", "year", "scope_text", "value", "verdict", "status", "caveat", "quote"]].rename(columns={"scope_text": "scope"})
    print_frame(shown.fillna(""), title=f"{indicator} — {year}", caption=None if full else "quotes and caveats shortened; --full shows them whole")


def _place_label(place_id: object, lang: str, place_name, kwargs: dict) -> str:
    try:
        return f"{place_name(place_id, lang, **kwargs)} ({place_id})"
    except Exception:  # noqa: BLE001 — a user's own place not in the registry is shown by its id
        return str(place_id)


@app.command()
def explain(
    place: str = typer.Argument(..., help="Place id, e.g. linyi."),
    indicator: str = typer.Argument(..., help="Indicator id, Chinese or English name, or alias (childcare_slots_per_1000, 托位)."),
    year: int = typer.Option(2025, help="Comparison year."),
    lang: str = typer.Option("en", help="Language of the explanation: en or zh."),
    statements: Optional[Path] = typer.Option(None, help="A statement CSV of your own (validated first)."),
    study: Optional[Path] = study_option(),
) -> None:
    """Explain one verdict step by step: quote, value, unit, scope, derivation, rules, caveats."""
    from ..checks import check_indicator, check_lang, check_year
    from ..explain import explain as run_explain

    kwargs = open_study_option(study)
    indicator, year, lang = check_indicator(indicator), check_year(year), check_lang(lang)
    typer.echo(run_explain(place, indicator, year, lang, statements=read_statements(statements, kwargs.get("study")) if statements else None, **kwargs))


@app.command()
def coverage(
    min_places: int = typer.Option(1, "--min-places", help="Only indicators stated by at least this many places."),
    statements: Optional[Path] = typer.Option(None, help="A statement CSV of your own (validated first)."),
    study: Optional[Path] = study_option(),
    fmt: str = format_option(),
) -> None:
    """Print which indicators each plan states (number of statements; "–" = not stated)."""
    from ..checks import check_int
    from ..compare import coverage as run_coverage
    from ..terminal import print_frame

    kwargs = open_study_option(study)
    min_places, fmt = check_int(min_places, "--min-places", minimum=1), check_format(fmt)
    table = run_coverage(read_statements(statements, kwargs.get("study")) if statements else None, min_places=min_places, **kwargs).reset_index()
    if fmt != "table":
        print_frame(table, fmt)
        return
    shown = table.copy()
    for column in shown.columns[2:]:
        shown[column] = [str(int(v)) if v else "–" for v in shown[column]]
    print_frame(shown, caption="– = not stated in this plan")


@app.command()
def indicators(
    words: Optional[list[str]] = typer.Argument(None, help="Words to search in ids, Chinese and English names and aliases."),
    fmt: str = format_option(),
) -> None:
    """List the indicator registry, or search it by Chinese or English name (e.g. 城镇化率, childcare)."""
    from ..registry import load_indicators
    from ..terminal import print_frame

    fmt = check_format(fmt)
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
