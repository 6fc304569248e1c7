"""``comparekit validate``: check a statement file, or a whole study folder, against the schema."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .app import EXIT_ERROR, app, check_format, format_option, read_statements, table_error_text, write_csv

__all__ = ["validate"]


@app.command()
def validate(
    path: Path = typer.Argument(..., help="A statement CSV (e.g. a reviewed extraction draft), or a study folder."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write every problem to this CSV file."),
    limit: int = typer.Option(5, "--show", help="Problems shown per kind."),
    study: Optional[Path] = typer.Option(None, "--study", help="Check a statement CSV against this study's places and sources."),
    fmt: str = format_option(),
) -> None:
    """Check statements against the schema; problems grouped by kind, with file, row and column.

    Given a study folder, checks its places, sources (checksums) and every file in statements/.
    """
    import warnings

    from ..errors import TableError
    from ..schema import UnknownColumnsWarning
    from ..terminal import group_problems, print_frame

    fmt = check_format(fmt)
    if report is not None:
        from ..output import check_destination

        check_destination(report, inputs=[path])
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UnknownColumnsWarning)
            if path.is_dir() and not (path / "study.toml").is_file():
                from ..errors import ComparekitError

                raise ComparekitError(f"{path}: is a folder, not a CSV file (nor a study folder: it has no study.toml)")
            if path.is_dir():
                count, what = _validate_study(path)
            else:
                opened = None
                if study is not None:
                    from ..study import open_study

                    opened = open_study(study)
                count, what = len(read_statements(path, opened)), str(path)
    except TableError as error:
        grouped = group_problems(error.problems)
        if report is not None:
            write_csv(grouped, report)
        if fmt != "table":
            print_frame(grouped, fmt)
        else:
            typer.echo(table_error_text(error, limit=limit).rsplit("\n", 1)[0])
            if report is not None:
                typer.echo(f"all {len(grouped)} problems written to {report}")
        raise typer.Exit(EXIT_ERROR)
    for warning in caught:
        typer.echo(f"note: {warning.message}")
    if report is not None:
        from ..tables import problems_frame

        write_csv(group_problems(problems_frame([])), report)
    typer.echo(f"{what}: {count} statements, all valid")


def _validate_study(folder: Path) -> tuple[int, str]:
    """Open a study (its registries and source checksums are checked) and validate its statements."""
    from ..schema import load_statements
    from ..study import open_study

    study = open_study(folder)
    statements = load_statements(study=study)
    files = sorted((Path(folder) / "statements").glob("*.csv"))
    return len(statements), f"{folder} ({len(files)} statement file(s))"
