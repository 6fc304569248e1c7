"""Terminal output of the command line: aligned tables, values with their qualifier, problem reports.

Tables are printed with :mod:`rich`, which measures Chinese characters as two columns wide, so
columns stay aligned with mixed Chinese and English text. A value is shown with its qualifier
(``≈55 %``, ``≥2.3``, ``5–8 个``); a missing value is "not stated", never ``NaN`` or ``<NA>``.
The same tables can be printed as CSV or JSON (``--format``).
"""

from __future__ import annotations

import json
import math
import re
import shutil
import sys

import pandas as pd

__all__ = ["FORMATS", "NOT_STATED", "format_value", "shorten", "print_frame", "group_problems"]

FORMATS = ("table", "csv", "json")
NOT_STATED = "not stated"
_QUALIFIER_SIGNS = {"about": "≈", "at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<", "exact": "", "maintain": "="}


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if not float(value).is_integer() else f"{int(value):,}"


def format_value(value: object, value_high: object = None, qualifier: object = None, unit: object = None) -> str:
    """Return a value as a person reads it: ``≈55 %``, ``≥2.3``, ``5–8 个``, or ``not stated``.

    Examples
    --------
    >>> format_value(55.0, None, "about", "%")
    '≈55 %'
    >>> format_value(float("nan"))
    'not stated'
    """
    present = lambda x: x is not None and x is not pd.NA and not (isinstance(x, float) and math.isnan(x))  # noqa: E731
    unit_text = f" {unit}" if present(unit) and unit else ""
    if not present(value):
        if qualifier == "qualitative":
            return "qualitative (no number)"
        return "relative (no number)" if present(qualifier) else NOT_STATED
    if qualifier == "range" and present(value_high):
        return f"{_number(value)}–{_number(value_high)}{unit_text}"
    sign = _QUALIFIER_SIGNS.get(qualifier, "") if present(qualifier) else ""
    return f"{sign}{_number(value)}{unit_text}"


def shorten(text: object, width: int = 40) -> str:
    """Return *text* cut to *width* characters with an ellipsis ("" for a missing value)."""
    if text is None or text is pd.NA or (isinstance(text, float) and math.isnan(text)):
        return ""
    text = str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return NOT_STATED
    if isinstance(value, float):
        return _number(value)
    return str(value)


def print_frame(frame: pd.DataFrame, fmt: str = "table", *, title: str | None = None, caption: str | None = None, file=None) -> None:
    """Print *frame* as an aligned table (CJK-aware), CSV or JSON."""
    file = file or sys.stdout
    if fmt == "csv":
        file.write(frame.to_csv(index=False, lineterminator="\n"))
        return
    if fmt == "json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        file.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table

    terminal = bool(getattr(file, "isatty", lambda: False)())
    console = Console(file=file, width=10_000, highlight=False, emoji=False, markup=False, color_system="auto" if terminal else None)
    table = Table(title=title, caption=caption, box=box.SIMPLE_HEAD, show_lines=False, title_justify="left", caption_justify="left")
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])
        table.add_column(str(column), justify="right" if numeric else "left", overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*[_cell(v) for v in row])
    natural = console.measure(table).maximum
    # a terminal folds long cells to fit its width; a pipe or file gets the table at its natural width
    console.width = min(natural, max(shutil.get_terminal_size(fallback=(160, 40)).columns, 60)) if terminal else natural
    console.print(table)


def _kind(column: str, problem: str) -> str:
    text = re.sub(r"'[^']*'", "'…'", str(problem))
    text = re.sub(r"(?<![A-Za-z_])-?\d[\d,.:–]*", "N", text)
    return f"{column or 'table'}: {text}"


def group_problems(problems: pd.DataFrame) -> pd.DataFrame:
    """Add a ``kind`` column (the problem with its particular values blanked) for grouping.

    Examples
    --------
    >>> p = pd.DataFrame({"file": ["a.csv"] * 2, "row": [2, 3], "column": ["value"] * 2,
    ...                   "value": [80, 9], "problem": ["value 80 disagrees with value_text '53%' reads as 53",
    ...                                                 "value 9 disagrees with value_text '5%' reads as 5"]})
    >>> group_problems(p)["kind"].nunique()
    1
    """
    out = problems.copy()
    out["kind"] = [_kind(c, p) for c, p in zip(out["column"], out["problem"])]
    return out
