"""Many value texts at once: each distinct text parsed once, the common shapes in bulk, the rest by the scalar parser."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .fast import _as_arrow, _fast_range, _fast_shape, _fast_single
from .result import ValueParseError
from .scalar import parse_value_text

__all__ = ["parse_value_texts"]


def _scalar_row(text: object) -> tuple:
    try:
        p = parse_value_text(text)  # type: ignore[arg-type]
    except ValueParseError as exc:
        return (np.nan, np.nan, None, None, np.nan, np.nan, False, None, str(exc))
    return (
        np.nan if p.value is None else p.value,
        np.nan if p.value_high is None else p.value_high,
        p.qualifier,
        p.unit,
        p.multiplier,
        np.nan if p.value_alt is None else p.value_alt,
        p.per_year,
        p.direction,
        None,
    )


class _Distinct:
    """Parsed columns of the distinct texts, one slot per text plus a last slot for missing cells."""

    def __init__(self, n: int) -> None:
        self.value = np.full(n + 1, np.nan)
        self.value_high = np.full(n + 1, np.nan)
        self.value_alt = np.full(n + 1, np.nan)
        self.multiplier = np.full(n + 1, np.nan)
        self.per_year = np.zeros(n + 1, dtype=bool)
        self.qualifier = np.full(n + 1, None, dtype=object)
        self.unit = np.full(n + 1, None, dtype=object)
        self.direction = np.full(n + 1, None, dtype=object)
        self.error = np.full(n + 1, None, dtype=object)
        self.error[n] = "value text is missing"
        self.done = np.zeros(n, dtype=bool)

    def fill(self, rows: np.ndarray, number: np.ndarray, number_high: np.ndarray | None, combo_rows: np.ndarray, combos: list[tuple]) -> None:
        """Store fast-path rows: numbers, and per combination of words (qualifier, direction, per_year, unit, multiplier)."""
        keep = np.isfinite(number) & (np.ones(len(rows), dtype=bool) if number_high is None else np.isfinite(number_high) & (number <= number_high))
        rows, combo_rows = rows[keep], combo_rows[keep]
        self.done[rows] = True
        self.value[rows] = number[keep]
        if number_high is not None:
            self.value_high[rows] = number_high[keep]
        for position, column in enumerate((self.qualifier, self.direction, self.per_year, self.unit, self.multiplier)):
            column[rows] = np.array([c[position] for c in combos], dtype=column.dtype)[combo_rows]


def _parse_distinct(texts: pd.Series) -> tuple[np.ndarray, _Distinct]:
    """Codes of *texts* (-1 missing) and their parsed distinct values (last slot: missing)."""
    import pyarrow.compute as pc

    if isinstance(texts.dtype, pd.CategoricalDtype):
        codes, uniques = texts.cat.codes.to_numpy(), pd.Index(texts.cat.categories)
    else:
        codes, uniques = pd.factorize(texts, use_na_sentinel=True)
    n = len(uniques)
    distinct = _Distinct(n)
    if n:
        shape = _fast_shape()
        normalized = pc.utf8_normalize(_as_arrow(uniques), "NFKC")
        for pattern, read in ((shape.pattern, _fast_single), (shape.range_pattern, _fast_range)):
            matched = pc.match_substring_regex(normalized, pattern).to_numpy(zero_copy_only=False)
            matched = np.asarray(matched == True) & ~distinct.done  # noqa: E712 — nulls (non-text) are not matched
            if matched.any():
                read(distinct, normalized, matched, shape)
        slow = np.flatnonzero(~distinct.done)
        d = distinct
        for i, text in zip(slow, uniques.take(slow).tolist() if len(slow) else []):
            (d.value[i], d.value_high[i], d.qualifier[i], d.unit[i], d.multiplier[i], d.value_alt[i],
             d.per_year[i], d.direction[i], d.error[i]) = _scalar_row(text)

    return np.asarray(codes), distinct


def _distinct_frame(distinct: _Distinct) -> pd.DataFrame:
    """The parsed distinct values as a table of :data:`PARSED_COLUMNS` (text columns Arrow-backed)."""
    import pyarrow as pa

    def text_column(cells: np.ndarray) -> pd.api.extensions.ExtensionArray:
        return pd.array(pa.array(cells, type=pa.large_string(), from_pandas=True), dtype="str")

    per_text = pd.DataFrame(
        {
            "value": distinct.value,
            "value_high": distinct.value_high,
            "qualifier": text_column(distinct.qualifier),
            "unit": text_column(distinct.unit),
            "multiplier": distinct.multiplier,
            "value_alt": distinct.value_alt,
            "per_year": distinct.per_year,
            "direction": text_column(distinct.direction),
            "error": text_column(distinct.error),
        }
    )
    return per_text


def parse_value_texts(texts: pd.Series) -> pd.DataFrame:
    """Parse many value texts at once; a bad text gets an error message, never an exception.

    Each distinct text is parsed once. Texts of the common shapes — after Unicode NFKC
    normalization, ``[lead words][bound]number[ ][registry unit][bound]`` (``55%左右``, ``≥12``,
    ``1.9万个``, ``每年下降3.2%``, ``５５％``) and the range ``low[unit]-high[ ][unit][bound]``
    (``5-8个``, ``3.5%-4.2%``, ``120至150公里``) — are read in bulk with Arrow regular
    expressions; all others go through :func:`parse_value_text`. Both paths give identical rows
    (checked by the tests, row by row).

    Parameters
    ----------
    texts : pandas.Series
        Value texts. Missing and non-text cells get an error message.

    Returns
    -------
    pandas.DataFrame
        Same index as *texts*; columns :data:`PARSED_COLUMNS`. ``error`` is missing (NA) where the
        text parsed and holds the :class:`ValueParseError` message where it did not.

    Examples
    --------
    >>> parsed = parse_value_texts(pd.Series(["55%左右", "1.9万个", "", "全覆盖"]))
    >>> parsed[["value", "qualifier", "unit", "multiplier"]].values.tolist()[:2]
    [[55.0, 'about', '%', 1.0], [1.9, 'exact', '万个', 10000.0]]
    >>> parsed["error"].iloc[2]
    "value text '': empty value text"
    >>> parsed["qualifier"].iloc[3]
    'qualitative'
    """
    if not isinstance(texts, pd.Series):
        texts = pd.Series(texts)
    codes, distinct = _parse_distinct(texts)
    per_text = _distinct_frame(distinct)
    return per_text.take(np.where(codes < 0, len(per_text) - 1, codes)).set_axis(texts.index)
