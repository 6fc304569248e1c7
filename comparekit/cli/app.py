"""The ``comparekit`` Typer application, its one error handler and the helpers its commands share.

Every command runs under :class:`_Group`: an error a user can cause ends as ``error: …`` (naming
file, row and column for a table) and exit status 2, never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

__all__ = ["app", "EXIT_ERROR", "error_text", "table_error_text", "format_option", "check_format", "read_statements", "write_csv"]

#: Exit status of every user error (bad argument, bad file, refused output).
EXIT_ERROR = 2


def error_text(error: BaseException) -> str:
    """One readable message for any error (no traceback)."""
    from ..errors import ComparekitError, TableError

    if isinstance(error, TableError):
        return table_error_text(error)
    if isinstance(error, ComparekitError):
        return str(error)
    if isinstance(error, OSError):
        where = f"{error.filename}: " if getattr(error, "filename", None) else ""
        return f"{where}{error.strerror or error}"
    if isinstance(error, (TypeError, ValueError)):
        return str(error)
    return f"unexpected {type(error).__name__}: {error} (run again with --debug to see the traceback, and please report it)"


def table_error_text(error, limit: int = 5) -> str:
    """The problems of a :class:`~comparekit.errors.TableError`, grouped by kind, with file, row and column."""
    from ..errors import _missing
    from ..terminal import group_problems

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
            typer.secho(f"error: {error_text(error)}", fg=typer.colors.RED, err=True)
            raise typer.Exit(EXIT_ERROR) from None


app = typer.Typer(
    name="comparekit",
    cls=_Group,
    help="Comparable, citable indicator data and charts from Chinese local planning documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _options(debug: bool = typer.Option(False, "--debug", help="Show the Python traceback of an error.")) -> None:
    """Comparable, citable indicator data and charts from Chinese local planning documents."""


def format_option() -> str:
    """The ``--format`` option shared by the commands that print a table."""
    return typer.Option("table", "--format", help="Output: table (aligned), csv or json.")


def check_format(fmt: str) -> str:
    """Check a ``--format`` value."""
    from ..checks import check_choice
    from ..terminal import FORMATS

    return check_choice(fmt, FORMATS, "--format")


def read_statements(path: Path, study=None):
    """Read and validate a statement CSV (against *study*'s registries when given)."""
    from ..schema import validate_statements
    from ..tables import read_csv_text

    from ..study import using

    frame = read_csv_text(path, display_name=str(path))
    with using(study):
        return validate_statements(frame, what=str(path))


def write_csv(frame, path: Path) -> None:
    """Write *frame* to *path* atomically (UTF-8, LF line ends)."""
    from ..output import write_with

    write_with(path, lambda tmp: frame.to_csv(tmp, index=False, lineterminator="\n"))
