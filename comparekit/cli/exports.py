"""Commands that write files: ``build`` (the main job) and the single exports ``deck``, ``tables``, ``excel``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .app import app

__all__ = ["build", "deck", "tables", "excel"]


@app.command()
def build(
    study: Optional[Path] = typer.Argument(None, help="A study folder (comparekit init); default the built-in five-place study."),
    out: Optional[Path] = typer.Option(None, help="Folder for processed data (default data/processed; required with a study folder)."),
    figures: Optional[Path] = typer.Option(None, help="Folder for figures (default figures/, or OUT/figures with a study folder)."),
    no_figures: bool = typer.Option(False, "--no-figures", help="Only regenerate the data."),
    lang: list[str] = typer.Option(["zh", "en"], help="Languages of the figures."),
    exports: bool = typer.Option(True, help="Also write the slide deck, LaTeX/BibTeX tables and Excel workbook."),
    site: bool = typer.Option(True, help="Also write the offline web explorer (site/ under the output folder)."),
    force: bool = typer.Option(False, "--force", help="Regenerate every output, even those whose inputs are unchanged since the last build."),
) -> None:
    """Regenerate processed data, figures and exports from the verbatim sources (of the built-in study or DIR).

    An output whose inputs (data drawn, registries, sources, code) are unchanged since the last
    build is copied from it, byte for byte (--force regenerates everything).
    """
    from tqdm import tqdm

    from ..checks import check_lang
    from ..errors import ComparekitError
    from ..pipeline import build as run_build

    langs = tuple(check_lang(x) for x in lang)
    kwargs = {}
    if study is not None:
        from ..study import open_study

        if out is None:
            raise ComparekitError(f"building the study {study} needs an output folder: comparekit build {study} --out OUT")
        kwargs["study"] = open_study(study)
        figures = figures or out / "figures"
    written = run_build(out, figures, figures=not no_figures, langs=langs, exports=exports, site=site, progress=tqdm, force=force, **kwargs)
    reused = written.pop("reused", [])
    for group, paths in written.items():
        typer.echo(f"{group}: {len(paths)} files")
        for path in paths:
            typer.echo(f"  {path}")
    total = sum(len(paths) for paths in written.values())
    typer.echo(f"reused {len(reused)} of {total} outputs unchanged since the last build" + (" (--force regenerates them)" if reused else ""))


@app.command()
def deck(
    out: Optional[Path] = typer.Option(None, help="Output .pptx"),
    lang: str = typer.Option("zh", help="zh or en"),
    force: bool = typer.Option(False, "--force", help="Allow writing into data/sources, data/curated or data/registry."),
) -> None:
    """Write the PowerPoint briefing deck (charts drawn fresh, never taken from an old build)."""
    import tempfile

    from ..checks import check_lang
    from ..output import write_with
    from ..paths import PROCESSED_DIR
    from ..report import write_deck

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
    from ..output import staged
    from ..paths import PROCESSED_DIR
    from ..report import write_latex_tables

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
    from ..output import write_with
    from ..paths import PROCESSED_DIR
    from ..report import write_workbook

    out = out or PROCESSED_DIR / "exports" / "comparekit.xlsx"
    write_with(out, lambda tmp: write_workbook(tmp), allow_protected=force)
    typer.echo(str(out))
