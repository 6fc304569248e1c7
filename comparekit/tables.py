"""Read CSV tables strictly and turn schema failures into file/row/column reports.

A CSV is read with every cell as text, so that a bad cell becomes a *problem* that names its file,
line and column instead of a dtype error from deep inside pandas. Column-level rules (type, required,
allowed values, uniqueness, ranges) are written once as :class:`pandera` schemas; :func:`check_table`
runs a schema lazily, so every failure is collected, and raises one :class:`~comparekit.errors.TableError`.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Hashable, Iterable

import pandas as pd

from .errors import PROBLEM_COLUMNS, TableError

if TYPE_CHECKING:  # pragma: no cover
    import pandera.pandas as pa

__all__ = ["read_csv_text", "check_table", "problems_frame", "raise_problems", "locate_rows", "lazy_schema", "LazySchema"]


class LazySchema:
    """A pandera schema written down at import time and built on first use.

    Importing pandera takes about a second; an answer read from the validated-table cache
    (:mod:`comparekit.layers`) never needs it. Attribute access (``.columns``, ``.validate``)
    goes to the built schema.
    """

    def __init__(self, build: Callable[[Any], "pa.DataFrameSchema"]) -> None:
        self._build = build
        self._schema: "pa.DataFrameSchema | None" = None

    @property
    def schema(self) -> "pa.DataFrameSchema":
        """The pandera schema (built now if it was not yet)."""
        if self._schema is None:
            import pandera.pandas as pa

            self._schema = self._build(pa)
        return self._schema

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.schema, name)


def lazy_schema(build: Callable[[Any], "pa.DataFrameSchema"]) -> LazySchema:
    """Return a :class:`LazySchema`; *build* gets the ``pandera.pandas`` module and returns the schema."""
    return LazySchema(build)

#: Hidden bookkeeping columns added by :func:`read_csv_text`.
FILE_COL = "_file"
ROW_COL = "_row"


def read_csv_text(path: str | Path, *, display_name: str | None = None) -> pd.DataFrame:
    """Read a UTF-8 CSV file with every cell as text and remember where each row came from.

    Parameters
    ----------
    path : str or Path
        The CSV file (UTF-8, with a header line).
    display_name : str, optional
        The name used in error messages; defaults to the path relative to the project.

    Returns
    -------
    pandas.DataFrame
        All columns as ``object`` dtype with empty cells as ``None``, plus ``_file`` and ``_row``
        (the 1-based line number in the file; the header is line 1).

    Examples
    --------
    >>> from comparekit.paths import REGISTRY_DIR
    >>> int(read_csv_text(REGISTRY_DIR / "places.csv")["_row"].iloc[0])
    2
    """
    path = Path(path)
    name = display_name or _display(path)
    def fail(row: int, problem: str, column: str = "") -> TableError:
        return TableError(name, problems_frame([(name, row, column, "", problem)]))

    reader = None
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            rows = list(reader)
    except FileNotFoundError:
        raise fail(0, "file not found") from None
    except IsADirectoryError:
        raise fail(0, "is a folder, not a CSV file") from None
    except UnicodeDecodeError as exc:
        raise fail(0, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    except csv.Error as exc:
        line = reader.line_num if reader is not None else 0
        detail = f"a cell is longer than {csv.field_size_limit():,} characters" if "field larger" in str(exc) else f"not readable as CSV ({exc})"
        raise fail(line, detail) from None
    except OSError as exc:
        raise fail(0, f"cannot be read ({exc.strerror or exc})") from None
    if not rows:
        raise fail(1, "empty file: no header line")
    header, body = [h.strip() for h in rows[0]], rows[1:]
    problems = [(name, 1, h, "", f"column {h!r} appears {header.count(h)} times in the header") for h in sorted(set(header)) if header.count(h) > 1]
    problems += [(name, 1, f"column {i + 1}", "", "empty column name in the header") for i, h in enumerate(header) if not h]
    if problems:
        raise TableError(name, problems_frame(problems))
    records = []
    for line, cells in enumerate(body, start=2):
        if not any(c.strip() for c in cells):
            continue  # blank line: nothing to keep, nothing lost
        if len(cells) != len(header):
            problems.append((name, line, "", f"{len(cells)} cells", f"expected {len(header)} cells like the header"))
            continue
        records.append([c if c != "" else None for c in cells] + [name, line])
    if problems:
        raise TableError(name, problems_frame(problems))
    frame = pd.DataFrame(records, columns=header + [FILE_COL, ROW_COL], dtype=object)
    frame[ROW_COL] = frame[ROW_COL].astype("int64")
    return frame


def _display(path: Path) -> str:
    parts = path.resolve().parts
    if "data" in parts:
        return "/".join(parts[len(parts) - parts[::-1].index("data") - 1 :])
    return path.name


def problems_frame(problems: Iterable[tuple]) -> pd.DataFrame:
    """Build a problem table from ``(file, row, column, value, problem)`` tuples.

    A value that is not hashable (a list in a cell of a user's DataFrame) is kept as its ``repr``.
    """
    rows = [tuple(v if isinstance(v, Hashable) else repr(v) for v in problem) for problem in problems]
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS, dtype=object)


def locate_rows(frame: pd.DataFrame, positions: Iterable[int], *, default_file: str) -> list[tuple[str, object]]:
    """Return ``(file, row)`` for row *positions* of *frame* (CSV line or DataFrame index label)."""
    out = []
    for pos in positions:
        if FILE_COL in frame.columns:
            out.append((frame[FILE_COL].iat[pos], int(frame[ROW_COL].iat[pos])))
        else:
            out.append((default_file, frame.index[pos]))
    return out


def raise_problems(what: str, problems: list[tuple] | pd.DataFrame) -> None:
    """Raise :class:`TableError` if there is any problem; otherwise return ``None``."""
    table = problems if isinstance(problems, pd.DataFrame) else problems_frame(problems)
    if len(table):
        raise TableError(what, table)


_CHECK_MESSAGES = [
    (re.compile(r"^coerce_dtype\('?(Int64|int64)'?\)"), "is not a whole number"),
    (re.compile(r"^coerce_dtype\('?(float64|Float64)'?\)"), "is not a number"),
    (re.compile(r"^coerce_dtype\('?bool(ean)?'?\)"), "is not true/false"),
    (re.compile(r"^coerce_dtype"), "has the wrong type"),
    (re.compile(r"^not_nullable"), "is required but empty"),
    (re.compile(r"^field_uniqueness|^unique"), "is a duplicate; ids must be unique"),
    (re.compile(r"^column_in_dataframe"), "required column is missing"),
    (re.compile(r"^dtype\("), "has the wrong type"),
]


def _message(check: str) -> str:
    if check.startswith("isin("):
        allowed = re.findall(r"'([^']*)'", check)
        return "must be one of: " + ", ".join(allowed)
    for pattern, text in _CHECK_MESSAGES:
        if pattern.search(check):
            return text
    match = re.match(r"(greater_than_or_equal_to|less_than_or_equal_to|in_range|str_matches)\((.*)\)$", check)
    if match:
        words = {
            "greater_than_or_equal_to": "must be at least",
            "less_than_or_equal_to": "must be at most",
            "in_range": "must lie in the range",
            "str_matches": "must match the pattern",
        }
        return f"{words[match.group(1)]} {match.group(2)}"
    return f"fails check {check}"


_TRUE = {"true", "yes", "1", "t", "y"}
_FALSE = {"false", "no", "0", "f", "n"}


def _coerce_bool_words(frame: pd.DataFrame, schema: "pa.DataFrameSchema") -> list[tuple[int, str, object]]:
    """Turn true/false words into booleans in place; return cells that are neither."""
    bad = []
    for name, column in schema.columns.items():
        if name not in frame.columns or str(column.dtype) != "bool":
            continue
        values = []
        for pos, cell in enumerate(frame[name].tolist()):
            word = str(cell).strip().lower() if cell is not None else ""
            if isinstance(cell, bool):
                values.append(cell)
            elif word in _TRUE:
                values.append(True)
            elif word in _FALSE:
                values.append(False)
            else:
                bad.append((pos, name, cell))
                values.append(False)
        frame[name] = pd.Series(values, index=frame.index, dtype=bool)
    return bad


def check_table(
    frame: pd.DataFrame,
    schema: "pa.DataFrameSchema | LazySchema",
    *,
    what: str,
    default_file: str = "<DataFrame>",
    lenient: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Validate *frame* against *schema*, coercing types; report every failure at once.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table read by :func:`read_csv_text` or supplied by a user.
    schema : pandera.DataFrameSchema
        Column rules. Columns not in the schema are kept as they are.
    what : str
        Name of the table for the error message.
    default_file : str
        Name used for rows that did not come from a file.
    lenient : bool
        Instead of raising, return ``(frame, problems)`` where cells that failed to convert are
        missing, so that further checks can run on the rest and all problems are listed together.

    Returns
    -------
    pandas.DataFrame
        The validated, type-coerced frame (same row order; a user's index labels are kept).

    Raises
    ------
    TableError
        Listing every failing cell with file, row, column, value and what is wrong.
    """
    from pandera.errors import SchemaErrors

    schema = schema.schema if isinstance(schema, LazySchema) else schema
    labels = list(frame.index)
    frame = frame.reset_index(drop=True)
    bool_problems = _coerce_bool_words(frame, schema)
    try:
        checked = schema.validate(frame, lazy=True)
        cases = None
    except SchemaErrors as err:
        cases = err.failure_cases
        checked = _coerce_leniently(frame, schema)
    if FILE_COL not in frame.columns:
        checked.index = pd.Index(labels)
    problems = []
    for pos, column, value in bool_problems:
        file, row = _where(frame, pos, labels, default_file)
        problems.append((file, row, column, value, f"{column} must be true or false"))
    seen = set()
    for case in (cases.itertuples(index=False) if cases is not None else []):
        check = str(case.check)
        if str(case.failure_case).startswith("TypeError("):
            continue  # a follow-on failure of a cell that already failed to convert
        column = "" if case.column is None or str(case.column) == "None" else str(case.column)
        if check.startswith("column_in_dataframe"):
            column = str(case.failure_case)
        idx = case.index
        if idx is None or (isinstance(idx, float) and pd.isna(idx)):
            file, row = (frame[FILE_COL].iat[0] if FILE_COL in frame.columns and len(frame) else default_file), 1
        else:
            file, row = _where(frame, int(idx), labels, default_file)
        if check.startswith("dtype(") and (file, row, column) in seen:
            continue  # already reported as a failed conversion
        seen.add((file, row, column))
        value = "" if check.startswith("column_in_dataframe") or case.failure_case is None else case.failure_case
        problems.append((file, row, column, value, f"{column or 'table'} {_message(check)}"))
    table = problems_frame(problems).drop_duplicates()
    if lenient:
        return checked, table
    if len(table):
        raise TableError(what, table)
    return checked


def _where(frame: pd.DataFrame, pos: int, labels: list, default_file: str) -> tuple[str, object]:
    if FILE_COL in frame.columns:
        return frame[FILE_COL].iat[pos], int(frame[ROW_COL].iat[pos])
    return default_file, labels[pos]


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and value != value


def _coerce_leniently(frame: pd.DataFrame, schema: "pa.DataFrameSchema") -> pd.DataFrame:
    """Coerce what can be coerced; cells that cannot become missing (their problem is reported)."""
    out = frame.copy()
    for name, column in schema.columns.items():
        if name not in out.columns:
            out[name] = pd.NA
            continue
        dtype = str(column.dtype)
        if dtype in ("Int64", "int64"):
            numbers = pd.to_numeric(out[name], errors="coerce")
            whole = numbers.where(numbers.isna() | ((numbers == numbers.round()) & (numbers.abs() < 2**53)))
            out[name] = whole.astype("Int64")
        elif dtype in ("float64", "Float64"):
            out[name] = pd.to_numeric(out[name], errors="coerce").astype("float64")
        elif dtype == "str" or dtype.startswith("string"):
            # like pandera's coerce=True: any present cell becomes text, a missing one None
            out[name] = pd.Series([None if _is_missing(v) else v if isinstance(v, str) else str(v) for v in out[name].tolist()], index=out.index, dtype=object)
    return out
