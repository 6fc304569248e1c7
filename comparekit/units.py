"""Units: a factor table from the unit as written to a canonical unit.

The units of the plans are Chinese counting words with multipliers — ``万个``, ``亿元``,
``万平方米``, ``张/千人``, ``个百分点``. A physical-units library such as pint would need a custom
definition for each of them and offers nothing for dimensionless counts (个, 处, 家 are all "units";
张 counts beds), while a factor table is a registry a reader can scan and edit, converts a whole
table with one merge, and names the unit it does not know. The table is
``data/registry/units.csv``: ``unit`` (as written) → ``canonical_unit``, ``factor``, ``dimension``;
``value_in_canonical_unit = value_as_written × factor``.

Per-capita rates are carried per 1000 persons: ``个/千人``, ``张/千人`` and ``人/千人`` have factor 1,
``人/万人`` (per 10 000 persons) has factor 0.1, so 3.2 人/万人 is 0.32 per 1000 persons.
:func:`per_1000` derives such a rate from a count and a population.
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from .errors import ComparekitError
from .registry import load_units
from .tables import FILE_COL, locate_rows, raise_problems
from .study import study_cache

__all__ = [
    "UnitError",
    "UNIT_REGISTRY_FILE",
    "canonical_unit",
    "factor",
    "unit_table",
    "to_canonical",
    "unknown_units",
    "per_1000",
]

#: Where a missing unit is added; named in every unknown-unit message.
UNIT_REGISTRY_FILE = "data/registry/units.csv"
_UNKNOWN = f"unknown unit; add it to {UNIT_REGISTRY_FILE}"


class UnitError(ComparekitError, ValueError):
    """A unit is not in the unit registry; the message names the unit."""

    def __init__(self, unit: object) -> None:
        self.unit = unit
        super().__init__(f"unit {unit!r}: {_UNKNOWN}")


@study_cache
def unit_table() -> pd.DataFrame:
    """Return the unit registry indexed by the unit as written: canonical unit, factor, dimension."""
    return load_units().set_index("unit")[["canonical_unit", "factor", "dimension"]]


def _lookup(unit: str) -> pd.Series:
    table = unit_table()
    if not isinstance(unit, str) or unit not in table.index:
        raise UnitError(unit)
    return table.loc[unit]


def canonical_unit(unit: str) -> str:
    """Return the canonical unit of a unit as written.

    Raises
    ------
    UnitError
        If the unit is not in the unit registry.

    Examples
    --------
    >>> canonical_unit("万个"), canonical_unit("张/千人"), canonical_unit("‰")
    ('units', 'per_1000_persons', 'percent')
    """
    return str(_lookup(unit)["canonical_unit"])


def factor(unit: str) -> float:
    """Return the factor from a unit as written to its canonical unit.

    Raises
    ------
    UnitError
        If the unit is not in the unit registry.

    Examples
    --------
    >>> factor("万个"), factor("亿元"), factor("人/万人"), factor("‰")
    (10000.0, 100000000.0, 0.1, 0.1)
    """
    return float(_lookup(unit)["factor"])


def unknown_units(frame: pd.DataFrame, unit_column: str = "unit") -> pd.DataFrame:
    """Return the rows of *frame* whose unit is given but not in the unit registry.

    Validation returns the failing rows; whether to drop them or stop is the caller's choice.

    Examples
    --------
    >>> frame = pd.DataFrame({"value": [1.9, 2.0, 5.0], "unit": ["万个", "名目", None]})
    >>> unknown_units(frame)["unit"].tolist()
    ['名目']
    """
    units = frame[unit_column]
    known = units.isin(unit_table().index)
    return frame[units.notna() & ~known]


def to_canonical(
    frame: pd.DataFrame,
    *,
    value_columns: tuple[str, ...] | list[str] = ("value", "value_high"),
    unit_column: str = "unit",
    what: str = "statement table",
) -> pd.DataFrame:
    """Convert value columns from the unit as written to the canonical unit.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table with a unit column and numeric (or numeric-text) value columns.
    value_columns : sequence of str
        Columns multiplied by the unit's factor.
    unit_column : str
        The column holding the unit as written.
    what : str
        Name of the table in error messages.

    Returns
    -------
    pandas.DataFrame
        A copy with the value columns in the canonical unit (float) and two new columns,
        ``canonical_unit`` and ``unit_factor``. A row without a unit (qualitative statements, or a
        bare number such as ``47.2`` whose unit comes from the indicator) keeps its values as
        they are, with ``canonical_unit`` and ``unit_factor`` missing (NaN).

    Raises
    ------
    TableError
        Listing every row whose unit is not in the registry (file and row from the ``_file`` /
        ``_row`` columns when present, else the index label) and every value that is not a number.

    Examples
    --------
    >>> frame = pd.DataFrame({"value": [1.9, 1200.0, 3.2, None], "value_high": [None] * 4,
    ...                       "unit": ["万个", "亿元", "人/万人", None]})
    >>> to_canonical(frame)[["value", "canonical_unit"]].values.tolist()
    [[19000.0, 'units'], [120000000000.0, 'yuan'], [0.32, 'per_1000_persons'], [nan, nan]]
    """
    table = unit_table()
    problems: list[tuple] = []
    columns = [unit_column, *value_columns]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        default = frame[FILE_COL].iat[0] if FILE_COL in frame.columns and len(frame) else "<DataFrame>"
        raise_problems(what, [(default, "", c, "", "required column is missing") for c in missing])

    out = frame.copy()
    units = out[unit_column]
    bad_unit = units.notna() & ~units.isin(table.index)
    positions = np.flatnonzero(bad_unit.to_numpy())
    for (file, row), pos in zip(locate_rows(out, positions, default_file="<DataFrame>"), positions):
        problems.append((pos, (file, row, unit_column, units.iat[pos], _UNKNOWN)))

    numeric = {}
    for column in value_columns:
        raw = out[column]
        converted = pd.to_numeric(raw, errors="coerce").astype("float64")
        not_number = np.flatnonzero((raw.notna() & converted.isna()).to_numpy())
        for (file, row), pos in zip(locate_rows(out, not_number, default_file="<DataFrame>"), not_number):
            problems.append((pos, (file, row, column, raw.iat[pos], f"{column} is not a number")))
        numeric[column] = converted
    raise_problems(what, [problem for _, problem in sorted(problems, key=lambda p: p[0])])

    unit_factor = units.map(table["factor"]).astype("float64")
    out["canonical_unit"] = units.map(table["canonical_unit"]).astype("str")
    out["unit_factor"] = unit_factor
    multiply, divide = _scale(unit_factor.fillna(1.0).to_numpy())
    for column, values in numeric.items():
        out[column] = values * multiply / divide
    return out


def _scale(factors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Split factors into (multiply, divide) so that 0.1 becomes ÷10: 3.2 × 0.1 would give 0.32000000000000006."""
    with np.errstate(divide="ignore"):
        inverse = 1.0 / factors
    whole = (factors < 1) & np.isclose(inverse, np.round(inverse), rtol=0, atol=1e-9)
    return np.where(whole, 1.0, factors), np.where(whole, np.round(inverse), 1.0)


def per_1000(count, population):
    """Return *count* per 1000 persons of *population* (scalars, arrays or Series).

    A missing count or population gives NaN; a population that is zero or negative is an error.

    Examples
    --------
    >>> per_1000(19000, 1_500_000)
    12.666666666666666
    >>> per_1000(pd.Series([1200.0, None]), pd.Series([600_000, 600_000])).tolist()
    [2.0, nan]
    """
    population_values = np.asarray(population, dtype="float64")
    if np.any(population_values <= 0):
        bad = int(np.sum(population_values <= 0))
        raise ValueError(f"population must be positive; {bad} value(s) are zero or negative")
    result = np.asarray(count, dtype="float64") * 1000.0 / population_values
    if isinstance(count, pd.Series):
        return pd.Series(result, index=count.index, name=count.name)
    if isinstance(population, pd.Series):
        return pd.Series(result, index=population.index)
    return float(result) if np.ndim(result) == 0 else result
