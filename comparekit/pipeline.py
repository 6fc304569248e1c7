"""The main job: regenerate processed data and figures from the verbatim sources.

:func:`build` is the one place that writes files. It loads and checks the sources (checksums),
registries and curated statements, harmonizes them, and writes

* ``data/processed/`` — statements, harmonized table, comparisons, coverage, ambition and the
  reconciliation counts as CSV and Parquet, with ``datapackage.json`` describing every column;
* ``figures/`` — comparison charts for the headline indicators, distance to the national
  reference, baseline → target, coverage matrix and plan horizons, in Chinese and English, at 89 mm,
  183 mm and 1920 × 1080 slides, each with its caption, and the contact sheet ``figures/index.md``.

Everything is deterministic: a second run writes byte-identical files.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Callable

import pandas as pd

from .cache import BuildCache, files_key, frame_key, unit_key
from .census import census_provenance
from .checks import check_choice, check_lang
from .compare import ambition, compare, coverage
from .errors import BuildError, ComparekitError, TableError
from .output import Stage, atomic_path, mark_incomplete, now, write_manifest
from .harmonize import harmonize, reconcile
from .registry import load_indicators
from .schema import load_statements
from .sources import load_sources
from .study import Study, with_study
from .tables import read_csv_text

__all__ = ["build", "build_data", "build_figures", "build_site", "HEADLINE_INDICATORS", "COMPARISON_YEAR", "write_table"]

#: The three headline indicators (plus prefabricated construction, drawn beside green building).
HEADLINE_INDICATORS = ["urbanization_rate", "childcare_slots_per_1000", "green_building_share", "prefab_building_share"]
COMPARISON_YEAR = 2025


def write_table(frame: pd.DataFrame, directory: Path, name: str) -> list[Path]:
    """Write *frame* as ``name.csv`` and ``name.parquet``, deterministically.

    The CSV is UTF-8 with a byte-order mark (``utf-8-sig``), so that Excel on a Chinese-locale
    Windows opens it as UTF-8 instead of GBK; ``pandas.read_csv`` and Python's ``utf-8-sig``
    codec drop the mark, so the round trip is exact.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    csv_path, parquet_path = directory / f"{name}.csv", directory / f"{name}.parquet"
    with atomic_path(csv_path) as tmp:
        frame.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8-sig")
    table = frame.reset_index(drop=True)
    for column in table.columns:
        if table[column].dtype == object:
            table[column] = table[column].astype("string")
    with atomic_path(parquet_path) as tmp:
        table.to_parquet(tmp, index=False, engine="pyarrow", compression="zstd")
    return [csv_path, parquet_path]


def _datapackage(tables: dict[str, pd.DataFrame], directory: Path, study: Study) -> Path:
    columns = pd.concat([read_csv_text(path) for path in study.registry_files("columns.csv")], ignore_index=True)
    described = {(rec.table, rec.name): (rec.type, rec.description) for rec in columns.itertuples(index=False)}
    sources = load_sources()
    resources = []
    for name, frame in tables.items():
        kind = "comparison" if name.startswith("comparison") else name
        fields = []
        for column in frame.columns:
            ftype, description = described.get((kind, column), (None, None))
            if ftype is None:
                ftype = "integer" if pd.api.types.is_integer_dtype(frame[column]) else "number" if pd.api.types.is_float_dtype(frame[column]) else "boolean" if pd.api.types.is_bool_dtype(frame[column]) else "string"
                description = ""
            fields.append({"name": str(column), "type": ftype, "description": description})
        resources.append({"name": name, "path": f"{name}.csv", "format": "csv", "encoding": "utf-8", "schema": {"fields": fields}})
    package = {
        "name": "comparekit-processed",
        "title": "Comparable indicator statements from five Chinese local planning documents" if study.builtin else f"Comparable indicator statements: {study.name}",
        "licenses": [{"name": "public-domain-government-documents", "title": "Source texts are public government documents"}],
        "sources": [{"title": f"{rec.title_zh} ({rec.title_en})", "path": study.display(study.sources_dir / rec.file_name)} for rec in sources.itertuples()] + [census_provenance()],
        "resources": resources,
    }
    path = directory / "datapackage.json"
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


@with_study
def build_data(out_dir: Path | None = None, *, year: int | None = None, study: Study | str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Regenerate every processed table and write it under *out_dir* (default ``data/processed``).

    Parameters
    ----------
    out_dir : Path, optional
        The output folder; required for a study of your own or an installed package.
    year : int, optional
        The comparison year (default the study's).
    study : Study, str or Path, optional
        The study (:func:`comparekit.open_study`); default the built-in study.

    Returns
    -------
    dict
        Table name → DataFrame, as written.
    """
    out_dir = _output_dir(out_dir, study.processed_dir, "out_dir")
    year = study.comparison_year if year is None else year
    load_sources()  # verifies every checksum before anything is read
    statements = load_statements()
    harmonized = harmonize(statements)
    counts = reconcile(statements, harmonized).reset_index(names="place_id")
    comparisons = pd.concat([compare(indicator, year, harmonized=harmonized) for indicator in HEADLINE_INDICATORS], ignore_index=True)
    cov = coverage(statements).reset_index()
    amb = ambition(harmonized=harmonized)
    tables = {
        "statements": statements,
        "harmonized": harmonized,
        f"comparison_{year}": comparisons,
        "coverage": cov,
        "ambition": amb,
        "reconciliation": counts,
        "indicators": load_indicators(),
    }
    for name, frame in tables.items():
        write_table(frame, out_dir, name)
    _datapackage(tables, out_dir, study)
    return tables


def _output_dir(given: Path | str | None, default: Path | None, name: str) -> Path:
    """*given*, else the study's default output folder; a study without one needs a folder named."""
    if given:
        return Path(given)
    if default is None:
        raise ComparekitError(f"no output folder: this study writes only where you say; pass {name}= (comparekit build DIR --out OUT)")
    return default


@with_study
def build_figures(tables: dict[str, pd.DataFrame], figures_dir: Path | None = None, *, langs: tuple[str, ...] | None = None, styles: tuple[str, ...] = ("paper", "slides"), progress: Callable | None = None, cache: BuildCache | None = None, study: Study | str | Path | None = None) -> list[Path]:
    """Draw and save every figure of the build for each language and style.

    *langs* defaults to the study's languages; *figures_dir* to ``figures/`` of the built-in
    study in a checkout (a study of your own needs a folder). With *cache* (the
    :class:`~comparekit.cache.BuildCache` of the published figures folder), a figure whose
    inputs are unchanged is copied from the previous build.

    Returns
    -------
    list of Path
        Every file written.
    """
    from .figures import draw_all

    figures_dir = _output_dir(figures_dir, study.figures_dir, "figures_dir")
    inputs_key = files_key([p for p in study.input_files() if study.statements_dir not in p.parents], root=study.root)
    return draw_all(tables, figures_dir, langs=tuple(langs or study.languages), styles=styles, progress=progress, cache=cache, inputs_key=inputs_key)


@with_study
def build_site(tables: dict[str, pd.DataFrame], site_dir: Path, *, year: int | None = None, indicator_ids: list[str] | None = None, study: Study | str | Path | None = None) -> list[Path]:
    """Write the offline explorer (``index.html`` and ``downloads/``) to *site_dir*; return the files written.

    Parameters
    ----------
    tables : dict
        Output of :func:`build_data` (``statements``, ``harmonized``, ``coverage`` are used).
    site_dir : Path
        The explorer's folder (``site/`` under the build's output folder).
    year : int, optional
        The comparison year shown first (default the study's).
    indicator_ids : list of str, optional
        Indicators to offer; default every indicator a plan states.
    study : Study, str or Path, optional
        The study (:func:`comparekit.open_study`); default the built-in study.
    """
    from .registry import load_national_references, load_places
    from .site import render_site

    files = render_site(
        tables,
        indicators=load_indicators(),
        places=load_places(),
        sources=load_sources(),
        national=load_national_references(),
        year=study.comparison_year if year is None else year,
        indicator_ids=indicator_ids,
        default_indicator=HEADLINE_INDICATORS[0],
    )
    written = []
    for name, content in files.items():
        path = Path(site_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written


@with_study
def build(
    out_dir: Path | None = None,
    figures_dir: Path | None = None,
    *,
    figures: bool = True,
    exports: bool = True,
    site: bool = True,
    langs: tuple[str, ...] | None = None,
    styles: tuple[str, ...] = ("paper", "slides"),
    progress: Callable | None = None,
    force: bool = False,
    study: Study | str | Path | None = None,
) -> dict[str, list[Path]]:
    """Run the whole main job: data, figures, exports (deck, LaTeX/BibTeX, Excel), then the explorer.

    The offline explorer goes to ``site/`` under *out_dir* (``site=False`` skips it).

    Nothing is written until the arguments are checked. Every file is first written into a
    hidden staging folder; only when the whole build has succeeded are the files moved into
    *out_dir* and *figures_dir* (each with :func:`os.replace`), and ``build.json`` is written
    last. A build that fails leaves the previous output as it was; a build killed while moving
    files leaves a ``BUILD_INCOMPLETE`` marker instead of ``build.json``. Exports use this
    build's figures only; with ``figures=False`` no figure is written anywhere.

    The built-in study in a source checkout writes to ``data/processed`` and ``figures/`` by
    default. A study of your own (``study=``) writes only where you say: *out_dir* is required,
    and figures go to ``figures/`` inside it unless *figures_dir* is given. *langs* defaults to
    the study's languages.

    Incremental: a figure, the LaTeX tables, the workbook, a deck or the explorer whose inputs
    (the data it draws, the study's registries and sources, the code and libraries) are unchanged
    since the last build into the same folders is copied from it instead of regenerated; the
    copy is byte-identical to a rebuild (:mod:`comparekit.cache`). The processed tables are
    always regenerated. ``force=True`` regenerates everything.

    Returns
    -------
    dict
        ``{"data": [...], "figures": [...], "exports": [...], "site": [...], "reused": [...]}`` —
        every file this build wrote (``build.json`` is listed under ``data``), and under
        ``reused`` those of them copied from the previous build.
    """
    from .report import write_deck, write_latex_tables, write_workbook

    langs = study.languages if langs is None else langs
    langs = tuple(check_lang(lang) for lang in (langs if isinstance(langs, (list, tuple)) else [langs]))
    if not langs:
        raise ComparekitError("no language given; choose en, zh or both")
    styles = tuple(check_choice(style, ("paper", "slides"), "style") for style in styles)
    out_dir = _output_dir(out_dir, study.processed_dir, "out_dir")
    figures_dir = Path(figures_dir) if figures_dir else study.figures_dir or out_dir / "figures"
    started = now()
    inputs = study.input_files()
    written: dict[str, list[Path]] = {"data": [], "figures": [], "exports": [], "site": []}
    data_stage = Stage(out_dir, inputs=inputs)
    figure_stage = None
    try:
        figure_stage = Stage(figures_dir, inputs=inputs, what="--figures") if figures else None
        # figures drawn for the deck only (figures=False) stay in a folder that is never published
        figure_path = figure_stage.path if figure_stage else Path(tempfile.mkdtemp(prefix="deck-figures-", dir=data_stage.path))
        data_cache = BuildCache(out_dir, force=force)
        figure_cache = BuildCache(figures_dir, force=force) if figure_stage else None
        tables = build_data(data_stage.path)
        if figure_stage:
            build_figures(tables, figure_stage.path, langs=langs, styles=styles, progress=progress, cache=figure_cache)
        inputs_key = unit_key(files_key(inputs, root=study.root), frame_key(*tables.values()), list(tables))
        staging = data_stage.path
        if exports:
            harmonized = tables["harmonized"]
            _cached(data_cache, "exports/latex", unit_key(inputs_key, study.comparison_year), staging, "exports/latex",
                    lambda: write_latex_tables(staging / "exports/latex", harmonized=harmonized, year=study.comparison_year, figures_dir=figure_path))
            _cached(data_cache, "exports/comparekit.xlsx", inputs_key, staging, "exports/comparekit.xlsx",
                    lambda: write_workbook(staging / "exports/comparekit.xlsx", statements=tables["statements"], harmonized=harmonized))
            for lang in langs:
                name = f"exports/briefing_{lang}.pptx"
                _cached(data_cache, name, unit_key(inputs_key, lang), staging, name,
                        lambda name=name, lang=lang: write_deck(staging / name, lang=lang, figures_dir=figure_path, harmonized=harmonized))
        if site:
            _cached(data_cache, "site", unit_key(inputs_key, study.comparison_year), staging, "site", lambda: build_site(tables, staging / "site"))
        if not figure_stage:
            shutil.rmtree(figure_path)
        data_moves = data_stage.moves()
        figure_moves = figure_stage.moves() if figure_stage else []
        mark_incomplete(out_dir, started)  # from here until build.json, the folder says it is incomplete
        written["figures"] = figure_stage.publish(figure_moves) if figure_stage else []
        for path in data_stage.publish(data_moves):
            top = path.relative_to(out_dir).parts[0]
            written[top if top in ("exports", "site") else "data"].append(path)
        for cache in (data_cache, figure_cache):
            if cache is not None:
                cache.save()
    finally:
        data_stage.discard()
        if figure_stage:
            figure_stage.discard()
    outputs = written["data"] + written["figures"] + written["exports"] + written["site"]
    written["data"].append(write_manifest(out_dir, started=started, inputs=inputs, outputs=outputs, options={"figures": figures, "exports": exports, "site": site, "langs": list(langs), "styles": list(styles)}))
    written["reused"] = [path for cache in (data_cache, figure_cache) if cache is not None for path in cache.reused]
    return written


def _cached(cache: BuildCache, unit: str, key: str, staging: Path, output: str, make: Callable[[], object]) -> None:
    """Copy *unit* (the file or folder *output* under *staging*) from the previous build, or *make* it and record it."""
    if cache.reuse(unit, key, staging) is not None:
        return
    target = staging / output

    def files() -> set[Path]:
        return {p for p in target.rglob("*") if p.is_file()} if target.is_dir() else ({target} if target.is_file() else set())

    before = files()
    try:
        make()
    except (BuildError, TableError):
        raise
    except Exception as error:  # noqa: BLE001 — re-raised naming the output
        raise BuildError.wrap(output, error) from error
    cache.record(unit, key, staging, files() - before)
