"""The statement table: its columns, its rules, and the one check that runs wherever it is handed on.

The same :func:`validate_statements` runs when the curated table is loaded and on any table a user
supplies (a sixth county). It collects every problem — unknown ids, a quote not found at its offsets,
a share outside 0–100, missing fields, duplicate ids — and raises one
:class:`~comparekit.errors.TableError` that names file, row and column for each.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import pandas as pd

from .checks import check_table_arg
from .study import Study, current_study, with_study
from .registry import load_indicators, load_places, load_units
from .sources import load_sources, read_source_text
from .tables import FILE_COL, ROW_COL, check_table, lazy_schema, locate_rows, problems_frame, raise_problems, read_csv_text

__all__ = [
    "STATEMENT_COLUMNS",
    "KINDS",
    "QUALIFIERS",
    "STATEMENT_SCHEMA",
    "validate_statements",
    "load_statements",
    "statement_problems",
    "unknown_columns",
    "UnknownColumnsWarning",
]

STATEMENT_COLUMNS = [
    "statement_id",
    "place_id",
    "source_id",
    "indicator_id",
    "scope_text",
    "year",
    "kind",
    "value",
    "value_high",
    "unit",
    "qualifier",
    "value_text",
    "quote",
    "quote_start",
    "quote_end",
    "note",
]
KINDS = ["baseline", "target", "standard"]
QUALIFIERS = ["about", "at_least", "more_than", "at_most", "less_than", "exact", "range", "maintain", "qualitative"]
#: Qualifiers that may come without a number (a relative target such as 不低于全市平均水平, or
#: 接近或达到全省平均水平: about the provincial average).
_VALUE_OPTIONAL = {"qualitative", "about", "at_least", "at_most", "more_than", "less_than", "maintain"}

STATEMENT_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema(
    {
        "statement_id": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*-\d{3,}$"), unique=True, coerce=True),
        "place_id": pa.Column(str, coerce=True),
        "source_id": pa.Column(str, coerce=True),
        "indicator_id": pa.Column(str, coerce=True),
        "scope_text": pa.Column(str, nullable=True, coerce=True),
        "year": pa.Column("Int64", pa.Check.in_range(1990, 2060), coerce=True),
        "kind": pa.Column(str, pa.Check.isin(KINDS), coerce=True),
        "value": pa.Column("float64", nullable=True, coerce=True),
        "value_high": pa.Column("float64", nullable=True, coerce=True),
        "unit": pa.Column(str, nullable=True, coerce=True),
        "qualifier": pa.Column(str, pa.Check.isin(QUALIFIERS), coerce=True),
        "value_text": pa.Column(str, coerce=True),
        "quote": pa.Column(str, coerce=True),
        "quote_start": pa.Column("Int64", pa.Check.ge(0), coerce=True),
        "quote_end": pa.Column("Int64", pa.Check.ge(0), coerce=True),
        "note": pa.Column(str, nullable=True, coerce=True),
    },
    strict=False,
    ordered=False,
))


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and value != value) and value is not pd.NA


def statement_problems(statements: pd.DataFrame, *, default_file: str = "<DataFrame>", texts: dict[str, str] | None = None) -> pd.DataFrame:
    """Return the cross-table problems of a *type-checked* statement table (pyam style: rows, not raise).

    Checks ids against the registries, quotes against the source texts at their offsets, value text
    inside the quote, shares within 0–100, ranges ordered, and values present where the qualifier
    needs one.

    Parameters
    ----------
    statements : pandas.DataFrame
        Output of the pandera schema (typed columns).
    default_file : str
        Name for rows that did not come from a file.
    texts : dict, optional
        ``source_id → text`` for sources not in the registry (a user's own documents).
    """
    places = set(load_places()["place_id"])
    sources = load_sources().set_index("source_id")
    indicators = set(load_indicators()["indicator_id"])
    units = load_units().set_index("unit")
    shares = set(units.index[units["dimension"] == "share"])
    texts = dict(texts or {})
    problems: list[tuple] = []
    study = current_study()
    where = {
        "place": study.display(study.places_file),
        "indicator": study.display(study.registry_files("indicators.csv")[-1]),
        "source": study.display(study.sources_file),
        "unit": study.display(study.registry_files("units.csv")[-1]),
    }

    def add(pos: int, column: str, value: object, problem: str) -> None:
        file, row = locate_rows(statements, [pos], default_file=default_file)[0]
        problems.append((file, row, column, value, problem))

    for pos, rec in enumerate(statements.itertuples(index=False)):
        if _present(rec.place_id) and rec.place_id not in places:
            add(pos, "place_id", rec.place_id, f"unknown place_id; add it to {where['place']}")
        if _present(rec.indicator_id) and rec.indicator_id not in indicators:
            add(pos, "indicator_id", rec.indicator_id, f"unknown indicator_id; add it to {where['indicator']}")
        text = texts.get(rec.source_id) if _present(rec.source_id) else None
        if _present(rec.source_id) and rec.source_id in sources.index:
            owner = sources.at[rec.source_id, "place_id"]
            if _present(rec.place_id) and rec.place_id in places and owner != rec.place_id:
                add(pos, "place_id", rec.place_id, f"source {rec.source_id} belongs to place {owner}")
            if text is None:
                text = read_source_text(rec.source_id)
        elif _present(rec.source_id) and text is None:
            add(pos, "source_id", rec.source_id, f"unknown source_id; add it to {where['source']}")
        quote_ok = _present(rec.quote) and _present(rec.quote_start) and _present(rec.quote_end)
        if text is not None and quote_ok:
            start, end = int(rec.quote_start), int(rec.quote_end)
            if end < start or text[start:end] != rec.quote:
                found = text.find(rec.quote)
                hint = f"; the quote occurs at {found}–{found + len(rec.quote)}" if found >= 0 else "; the quote does not occur in the text"
                add(pos, "quote_start", f"{start}:{end}", "quote not found at its offsets" + hint)
        if _present(rec.value_text) and _present(rec.quote) and rec.value_text not in rec.quote:
            add(pos, "value_text", rec.value_text, "value_text is not part of the quote")
        has_value = _present(rec.value)
        unit = rec.unit if _present(rec.unit) else None
        if unit is not None and unit not in units.index:
            add(pos, "unit", unit, f"unknown unit; add it to {where['unit']}")
        if not _present(rec.qualifier) or rec.qualifier not in QUALIFIERS:
            continue
        if rec.qualifier == "qualitative" and has_value:
            add(pos, "value", rec.value, "a qualitative statement has no value")
        if not has_value and rec.qualifier not in _VALUE_OPTIONAL:
            add(pos, "value", None, f"qualifier {rec.qualifier!r} needs a value")
        if rec.qualifier == "range" and not _present(rec.value_high):
            add(pos, "value_high", None, "a range needs value_high")
        if has_value and _present(rec.value_high) and rec.value_high < rec.value:
            add(pos, "value_high", rec.value_high, f"value_high is below value {rec.value}")
        if unit in shares:
            for column, number in (("value", rec.value), ("value_high", rec.value_high)):
                if _present(number) and not 0 <= number <= 100:
                    add(pos, column, number, f"a share in {unit} must lie within 0–100")
    problems.extend(_value_text_problems(statements, default_file, units))
    problems.extend(_duplicate_problems(statements, default_file))
    return problems_frame(problems)


#: Unit dimensions (units.csv) of absolute counts, which cannot be negative.
_COUNT_DIMENSIONS = {"count", "population"}


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _value_text_problems(statements: pd.DataFrame, default_file: str, units: pd.DataFrame) -> list[tuple]:
    """Re-read every value_text and report a value, value_high or qualifier that disagrees with it.

    Also reports non-finite numbers and negative counts. A value text the parser cannot read is not
    a problem here (a qualifier written outside the value text, an unusual arrangement): such rows
    keep their curated numbers.
    """
    from .values import ValueParseError, parse_value_text

    dimension = units["dimension"].to_dict()
    indicator_units = load_indicators().set_index("indicator_id")["unit"].to_dict()
    problems: list[tuple] = []
    for pos, rec in enumerate(statements.itertuples(index=False)):
        def add(column: str, value: object, problem: str) -> None:
            file, row = locate_rows(statements, [pos], default_file=default_file)[0]
            problems.append((file, row, column, value, problem))

        for column in ("value", "value_high"):
            number = getattr(rec, column)
            if _present(number) and not math.isfinite(number):
                add(column, number, f"{column} must be a finite number")
        unit = rec.unit if _present(rec.unit) else indicator_units.get(rec.indicator_id)
        if dimension.get(unit) in _COUNT_DIMENSIONS:
            for column in ("value", "value_high"):
                number = getattr(rec, column)
                if _present(number) and math.isfinite(number) and number < 0:
                    add(column, number, f"a count in {unit} cannot be negative")
        if not _present(rec.value_text) or not isinstance(rec.value_text, str):
            continue
        try:
            parsed = parse_value_text(rec.value_text)
        except ValueParseError:
            continue
        stated = f"value_text {rec.value_text!r} reads as"
        for column, read in (("value", parsed.value), ("value_high", parsed.value_high)):
            number = getattr(rec, column)
            alternative = parsed.value_alt if column == "value" else None  # 新建(已建) pair: 30(20)
            if read is not None and _present(number) and math.isfinite(number) and not _close(float(number), float(read)) and not (alternative is not None and _close(float(number), float(alternative))):
                add(column, number, f"{column} {number:g} disagrees with {stated} {read:g}")
        if parsed.value is not None and parsed.qualifier == "range" and _present(rec.value) and not _present(rec.value_high):
            add("value_high", None, f"value_high is empty but {stated} the range {parsed.value:g}–{parsed.value_high:g}")
        qualifier = rec.qualifier if _present(rec.qualifier) else None
        if qualifier in QUALIFIERS and parsed.qualifier not in (None, "exact") and qualifier != parsed.qualifier:
            add("qualifier", qualifier, f"qualifier {qualifier!r} disagrees with {stated} {parsed.qualifier!r}")
    return problems


def _duplicate_problems(statements: pd.DataFrame, default_file: str) -> list[tuple]:
    """Report statements that repeat another: same source, indicator, scope and value, overlapping quote.

    Two statements read from one sentence that differ only in their note (two titles bid for,
    two 百亿 industries) are distinct; a value-less statement is never a duplicate.
    """
    needed = ["source_id", "indicator_id", "scope_text", "kind", "year", "value", "value_high", "note", "quote_start", "quote_end", "statement_id"]
    table = statements[needed].copy()
    table["_pos"] = range(len(table))
    table = table.dropna(subset=["source_id", "indicator_id", "value", "quote_start", "quote_end"])
    problems: list[tuple] = []
    keys = ["source_id", "indicator_id", "scope_text", "kind", "year", "value", "value_high", "note"]
    for _, group in table.groupby(keys, dropna=False, sort=False):
        if len(group) < 2:
            continue
        spans = sorted(zip(group["quote_start"].astype(int), group["quote_end"].astype(int), group["_pos"], group["statement_id"]))
        for i, (start, end, pos, sid) in enumerate(spans):
            for start2, end2, pos2, sid2 in spans[:i]:
                if start < end2 and start2 < end or (start, end) == (start2, end2):
                    file, row = locate_rows(statements, [pos], default_file=default_file)[0]
                    problems.append((file, row, "statement_id", sid, f"duplicate of statement {sid2}: same source, indicator, scope, kind, year, value and note, overlapping quote"))
                    break
    return problems


def unknown_columns(statements: pd.DataFrame) -> list[str]:
    """Return the columns of *statements* that are not part of the statement schema (kept as they are).

    Examples
    --------
    >>> unknown_columns(pd.DataFrame(columns=STATEMENT_COLUMNS + ["reviewer"]))
    ['reviewer']
    """
    return [str(c) for c in statements.columns if c not in STATEMENT_COLUMNS and c not in (FILE_COL, ROW_COL)]


def validate_statements(statements: pd.DataFrame, *, what: str = "statement table", default_file: str = "<DataFrame>", texts: dict[str, str] | None = None) -> pd.DataFrame:
    """Validate a statement table and return it with typed columns.

    Parameters
    ----------
    statements : pandas.DataFrame
        The curated table or a user-supplied one, with the :data:`STATEMENT_COLUMNS`.
    what : str
        Name of the table for the error message.
    default_file : str
        Name used for rows that do not come from a file.
    texts : dict, optional
        ``source_id → text`` for documents that are not in the source registry.

    Returns
    -------
    pandas.DataFrame
        The statements in :data:`STATEMENT_COLUMNS` order with typed columns.

    Raises
    ------
    TableError
        Listing every problem at once (file, row, column, value, what is wrong).

    Examples
    --------
    >>> table = load_statements()
    >>> validate_statements(table).shape == table.shape
    True
    """
    check_table_arg(statements, optional=False, what=what)
    _check_header(statements, what, default_file)
    typed, problems = check_table(statements, STATEMENT_SCHEMA, what=what, default_file=default_file, lenient=True)
    cross = statement_problems(typed, default_file=default_file, texts=texts)
    cross = pd.concat([cross, _text_number_problems(statements, default_file)], ignore_index=True)
    raise_problems(what, pd.concat([problems, cross], ignore_index=True) if len(problems) else cross)
    extra = unknown_columns(statements)
    if extra:
        warnings.warn(f"{what}: unknown column(s) {', '.join(map(repr, extra))} kept as they are (not part of the statement schema)", UnknownColumnsWarning, stacklevel=2)
    keep = STATEMENT_COLUMNS + extra + [c for c in (FILE_COL, ROW_COL) if c in typed.columns]
    return typed[keep]


class UnknownColumnsWarning(UserWarning):
    """A statement table has columns the schema does not know; they are kept and reported."""


def _check_header(statements: pd.DataFrame, what: str, default_file: str) -> None:
    """Raise a TableError for duplicate or non-text column names (before any cell is read)."""
    file = statements[FILE_COL].iat[0] if FILE_COL in statements.columns and len(statements) else default_file
    names = [str(c) for c in statements.columns]
    problems = [(file, 1, name, "", f"column {name!r} appears {names.count(name)} times in the header") for name in sorted(set(names)) if names.count(name) > 1]
    raise_problems(what, problems)


def _text_number_problems(statements: pd.DataFrame, default_file: str) -> pd.DataFrame:
    """Report number cells written as 'nan'/'inf' text, which would otherwise read as empty or infinite."""
    problems = []
    for column in ("value", "value_high", "year", "quote_start", "quote_end"):
        if column not in statements.columns:
            continue
        for pos, cell in enumerate(statements[column].tolist()):
            if isinstance(cell, str) and cell.strip().lower().lstrip("+-") in ("nan", "na", "<na>", "none", "null"):
                file, row = locate_rows(statements, [pos], default_file=default_file)[0]
                problems.append((file, row, column, cell, f"{column} must be a number or empty, not the word {cell.strip()!r}"))
    return problems_frame(problems)


@with_study
def load_statements(directory: str | Path | None = None, *, study: Study | str | Path | None = None) -> pd.DataFrame:
    """Return the complete curated statement table of the study (by default the five documents).

    Reads every ``*.csv`` under the study's statement folder (``data/curated/statements/`` for the
    built-in study, one file per source document), validates all rows at once and returns them in
    file and row order.

    Parameters
    ----------
    directory : str or Path, optional
        Another folder of statement tables, checked against the study's registries.
    study : Study, str or Path, optional
        The study (:func:`comparekit.open_study`); default the built-in study.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`STATEMENT_COLUMNS`; ``year``, ``quote_start`` and ``quote_end`` are
        ``Int64``, ``value`` and ``value_high`` are ``float64`` (NaN where not stated), the rest
        strings (``NaN`` where empty).

    Examples
    --------
    >>> statements = load_statements()
    >>> sorted(statements["place_id"].unique())
    ['chengwu', 'jieshou', 'linyi', 'luan', 'qiaocheng']
    """
    from .layers import cached

    directory = Path(directory) if directory else study.statements_dir
    files = sorted(directory.glob("*.csv"))
    if not files and directory == study.statements_dir and not study.builtin:
        from .errors import ComparekitError

        raise ComparekitError(f"no statements yet in {study.display(directory)}: add a document, review its draft and accept it (comparekit add-document, accept)")
    if not files:
        raise FileNotFoundError(f"no statement files (*.csv) in {directory}")

    def compute() -> pd.DataFrame:
        frames = [read_csv_text(path, display_name=study.display(path)) for path in files]
        combined = pd.concat(frames, ignore_index=True)
        table = validate_statements(combined, what="curated statement table")
        return table.drop(columns=[FILE_COL, ROW_COL]).reset_index(drop=True)

    return cached("statements", [*files, *study.input_files()], compute).copy()
