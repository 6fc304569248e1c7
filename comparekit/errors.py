"""Errors that name the file, row and column to fix.

Every validation in comparekit collects *all* problems of a table before it raises, so that a
user fixing a spreadsheet sees the whole list at once instead of one traceback at a time.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["ComparekitError", "ArgumentError", "TableError", "ChecksumError", "RegistryError", "BuildError", "PROBLEM_COLUMNS"]

PROBLEM_COLUMNS = ["file", "row", "column", "value", "problem"]


def _missing(value: object) -> bool:
    """True for None, NaN, pd.NA and the empty string (a problem without a cell value)."""
    if value is None or value is pd.NA or (isinstance(value, str) and value == ""):
        return True
    return isinstance(value, float) and value != value


class ComparekitError(Exception):
    """Base class of comparekit's own errors."""


class ChecksumError(ComparekitError):
    """A verbatim source text does not match the checksum in the source registry."""


class TableError(ComparekitError, ValueError):
    """A table failed validation; ``problems`` lists every offending cell.

    Parameters
    ----------
    what : str
        What was being checked, e.g. ``"statement table"``.
    problems : pandas.DataFrame
        One row per problem with columns ``file``, ``row``, ``column``, ``value``, ``problem``.
        ``row`` is the 1-based line number in a CSV file (the header is line 1) or the index
        label of a user-supplied DataFrame.
    """

    def __init__(self, what: str, problems: pd.DataFrame, *, max_lines: int = 60) -> None:
        self.what = what
        self.problems = problems.reset_index(drop=True)[PROBLEM_COLUMNS]
        lines = [f"{what}: {len(self.problems)} problem(s) found"]
        for rec in self.problems.head(max_lines).itertuples(index=False):
            value = "" if _missing(rec.value) else f" (value {str(rec.value)[:40]!r})"
            lines.append(f"  {rec.file}, row {rec.row}, column {rec.column!r}: {rec.problem}{value}")
        if len(self.problems) > max_lines:
            lines.append(f"  … and {len(self.problems) - max_lines} more (see .problems)")
        super().__init__("\n".join(lines))


class RegistryError(ComparekitError):
    """A registry file is incomplete: a key the data uses has no row (the message names file and key)."""


class ArgumentError(ComparekitError, ValueError):
    """A public function got a bad id, scope, place, language or year (the message lists what is accepted)."""


class BuildError(ComparekitError):
    """An output of the build could not be made; the message names the output and the cause.

    Raised by :func:`comparekit.pipeline.build` (and the figure workers it starts) around any
    unexpected error of one figure or export, e.g. ``figure coverage (slides, zh) could not be
    made: ValueError: max() arg is an empty sequence``. It holds one string, so it crosses
    process boundaries unchanged.
    """

    @classmethod
    def wrap(cls, what: str, error: BaseException) -> "BuildError":
        """A :class:`BuildError` for *what* (e.g. ``"figure coverage (slides, zh)"``) caused by *error*."""
        return cls(f"{what} could not be made: {type(error).__name__}: {error}")
