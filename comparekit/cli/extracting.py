"""Commands that run the extractor: ``extract`` (draft statements) and ``evaluate`` (measure it)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .app import app

__all__ = ["extract", "evaluate"]


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Planning documents (UTF-8, GB18030, Big5, Shift-JIS or UTF-16 text; the encoding is detected)."),
    place: str = typer.Option(..., help="place_id for the draft rows (add the place with `comparekit add-place`)."),
    out: Path = typer.Option(Path("draft.csv"), help="Where to write the review-ready draft CSV."),
    horizon: Optional[int] = typer.Option(None, help="Plan horizon year used when a sentence states none."),
    force: bool = typer.Option(False, "--force", help="Allow writing into data/sources, data/curated or data/registry."),
    source_id: Optional[list[str]] = typer.Option(
        None, "--source-id", help="source_id of each file, in order (default: a slug of the file name)."),
) -> None:
    """Draft statements from new documents: quotes, offsets, values, for review."""
    from ..checks import check_place, check_year
    from ..extract import extract_documents, summarize_extraction
    from ..output import check_destination, write_with

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
    from ..evaluate import evaluate as run_evaluate
    from ..evaluate import evaluation_markdown

    result = run_evaluate()
    typer.echo(evaluation_markdown(result) if markdown else result.summary.to_string(index=False))
