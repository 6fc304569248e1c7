"""A study of one's own places: ``init``, ``add-place``, ``add-document`` and ``accept``.

The workflow: ``comparekit init DIR`` → ``add-place DIR CODE`` → ``add-document DIR FILE --place ID``
→ review ``DIR/drafts/*.csv`` → ``accept DIR DRAFT`` → ``validate DIR`` → ``build DIR --out OUT``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .app import app

__all__ = ["init", "add_place", "add_document", "accept"]


@app.command()
def init(
    folder: Path = typer.Argument(..., help="The new study folder (must not exist, or be empty)."),
    example: bool = typer.Option(False, "--example", help="Copy the built-in five-place study instead of starting empty."),
) -> None:
    """Create a study folder: study.toml, places.csv, sources.csv, sources/, statements/."""
    from ..workflow import init_study

    study = init_study(folder, example=example)
    files = sorted(p.relative_to(folder) for p in Path(folder).rglob("*") if p.is_file())
    typer.echo(f"created study {folder} ({len(files)} files{', the five-place example' if example else ''})")
    for path in files[:12]:
        typer.echo(f"  {path}")
    if len(files) > 12:
        typer.echo(f"  … and {len(files) - 12} more")
    typer.echo(f"next: comparekit add-place {folder} CODE   (a 6-digit division code, e.g. 341222)")
    del study


@app.command("add-place")
def add_place(
    folder: Path = typer.Argument(..., help="The study folder."),
    code: str = typer.Argument(..., help="6-digit division code of a county-level unit (e.g. 341222), or a prefecture's (e.g. 341500)."),
    place_id: Optional[str] = typer.Option(None, "--id", help="Place id (default: the English name in lower case)."),
    name_en: Optional[str] = typer.Option(None, "--name-en", help="English name (default: Hanyu Pinyin of the census name)."),
) -> None:
    """Add a place by its code: names, level, province, prefecture, 2020 population and urban share from the census."""
    from ..workflow import add_place as run

    row = run(folder, code, place_id=place_id, name_en=name_en)
    parent = f", {row['parent_zh']} {row['parent_en']}" if row["parent_zh"] else ""
    typer.echo(f"added {row['place_id']}: {row['name_zh']} {row['name_en']} ({row['code']}, {row['admin_level']}{parent}, "
               f"{row['province_zh']} {row['province_en']})")
    typer.echo(f"  2020 census: population {row['population']:,}, urban share {row['urban_share']:.2f}% — {row['population_source']}")
    typer.echo(f"  written to {folder / 'places.csv'}")


@app.command("add-document")
def add_document(
    folder: Path = typer.Argument(..., help="The study folder."),
    file: Path = typer.Argument(..., help="The plan as plain text (UTF-8, GB18030, Big5 … detected)."),
    place: str = typer.Option(..., "--place", help="place_id of the study place the plan belongs to."),
    title: Optional[str] = typer.Option(None, "--title", help="Title (Chinese); default the file name."),
    title_en: Optional[str] = typer.Option(None, "--title-en", help="Title in English."),
    issuer: Optional[str] = typer.Option(None, "--issuer", help="Issuing body (Chinese)."),
    issuer_en: Optional[str] = typer.Option(None, "--issuer-en", help="Issuing body in English."),
    doc_number: Optional[str] = typer.Option(None, "--doc-number", help="Document number (文号)."),
    date: Optional[str] = typer.Option(None, "--date", help="Issue date, YYYY-MM-DD."),
    draft: bool = typer.Option(False, "--draft", help="The plan is a draft (征求意见稿), not an issued document."),
    source_id: Optional[str] = typer.Option(None, "--source-id", help="Source id (default <place>_<year>)."),
    horizon: Optional[int] = typer.Option(None, "--horizon", help="Plan horizon end year, used when a sentence states no year (default: the latest year the plan states)."),
) -> None:
    """Copy a plan verbatim into the study, record its SHA-256 and extract a draft into DIR/drafts/."""
    from ..checks import check_year
    from ..extract import summarize_extraction
    from ..workflow import add_document as run

    horizon = None if horizon is None else check_year(horizon, "--horizon")
    added = run(folder, file, place_id=place, title=title, title_en=title_en, issuer=issuer, issuer_en=issuer_en,
                doc_number=doc_number, date=date, draft=draft, source_id=source_id, horizon=horizon)
    typer.echo(f"added source {added.source_id}: {added.text_path} (sha256 {added.sha256})")
    typer.echo(summarize_extraction(added.draft))
    typer.echo(f"draft written to {added.draft_path}")
    typer.echo(f"next: review it (fill or delete rows without indicator_id), then: comparekit accept {folder} {added.draft_path}")


@app.command()
def accept(
    folder: Path = typer.Argument(..., help="The study folder."),
    draft: Path = typer.Argument(..., help="A reviewed draft CSV (from add-document)."),
) -> None:
    """Move a reviewed draft's rows into DIR/statements/ (validated first; nothing is overwritten)."""
    from ..workflow import accept_draft

    path, count = accept_draft(folder, draft)
    typer.echo(f"accepted {count} statements into {path}")
    typer.echo(f"next: comparekit validate {folder}, then comparekit build {folder} --out OUT")
