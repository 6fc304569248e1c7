"""Columns as integer codes: the vectorized core that harmonize works on.

A column is read as integer codes into its distinct values (free for a pandas categorical); a look-up
is made once per distinct value (a *table*, with a last slot for missing values) and taken by code;
bilingual labels of many rows are codes into a short list of texts. Nothing here makes a Python
object per row, which is what keeps :func:`comparekit.harmonize.harmonize` fast on millions of rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["codes_of", "lookup_table", "merge_codes", "Labels", "label_column", "row_keys"]


def codes_of(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 where missing) and distinct values of a column; free for a categorical column.

    Examples
    --------
    >>> codes, uniques = codes_of(pd.Series(["个", None, "%", "个"]))
    >>> codes.tolist(), uniques.tolist()
    ([0, -1, 1, 0], ['个', '%'])
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy().astype(np.intp), np.asarray(values.cat.categories, dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return np.asarray(codes, dtype=np.intp), np.asarray(uniques, dtype=object)


def lookup_table(uniques: np.ndarray, mapping: dict, default: object = None, missing: object = None, dtype: object = object) -> np.ndarray:
    """*mapping* applied to each distinct value, plus a last slot (code -1) holding *missing*.

    Examples
    --------
    >>> table = lookup_table(np.array(["个", "%"], dtype=object), {"个": "units"}, missing="none")
    >>> table[np.array([0, -1, 1, 0])].tolist()
    ['units', 'none', None, 'units']
    """
    return np.array([mapping.get(u, default) for u in uniques] + [missing], dtype=dtype)


def merge_codes(first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray], use_second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row codes taken from *first* or (where *use_second*) *second*, over one de-duplicated set of values."""
    (codes_a, uniques_a), (codes_b, uniques_b) = first, second
    merged, uniques = pd.factorize(pd.Series(np.concatenate([uniques_a, uniques_b]), dtype=object))
    remap_a = np.append(merged[: len(uniques_a)], -1)
    remap_b = np.append(merged[len(uniques_a):], -1)
    codes = remap_a[codes_a]
    codes[use_second] = remap_b[codes_b]
    return codes.astype(np.intp), np.asarray(uniques, dtype=object)


class Labels:
    """Bilingual labels (reasons, warnings) of many rows as codes into a short list of distinct texts; 0 is empty."""

    def __init__(self, n: int) -> None:
        self.codes = np.zeros(n, dtype=np.intp)
        self.texts: list[tuple[str, str]] = [("", "")]
        self._index: dict[tuple[str, str], int] = {("", ""): 0}

    def code(self, en: str, zh: str) -> int:
        key = (en, zh)
        if key not in self._index:
            self._index[key] = len(self.texts)
            self.texts.append(key)
        return self._index[key]

    def columns(self, index: pd.Index, coded: bool) -> tuple[pd.Series, pd.Series]:
        en = np.array([t[0] for t in self.texts], dtype=object)
        zh = np.array([t[1] for t in self.texts], dtype=object)
        return label_column(en, self.codes, index, coded), label_column(zh, self.codes, index, coded)


def label_column(table: np.ndarray, codes: np.ndarray, index: pd.Index, coded: bool) -> pd.Series:
    """``table[codes]`` as an object column, or (*coded*) as a categorical column built from the codes."""
    if not coded:
        return pd.Series(table[codes], index=index, dtype=object, copy=False)
    table_codes, categories = pd.factorize(pd.Series(table, dtype=object))
    small = np.int8 if len(categories) < 127 else np.int16 if len(categories) < 32767 else np.int32
    if len(table) == 1:  # a constant column
        codes = np.full(len(codes), table_codes[0], dtype=small)
    elif codes.dtype == small and np.array_equal(table_codes, np.arange(len(table))):
        pass  # the row codes are already the categorical's codes
    else:
        codes = table_codes.astype(small)[codes]  # the row codes are made once, in the categorical's own width
    return pd.Series(pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(categories), validate=False), index=index, copy=False)


def row_keys(keys: np.ndarray) -> np.ndarray:
    """One integer per row of a 2-D array of non-negative-or--1 integers, equal for equal rows."""
    bounds = keys.max(axis=0).astype(np.int64) + 2
    if float(np.prod(bounds.astype(float))) < 2.0 ** 62:
        combined = np.zeros(len(keys), dtype=np.int64)
        for column, bound in zip(keys.T, bounds):
            combined = combined * bound + (column.astype(np.int64) + 1)
        return combined
    return pd.factorize(pd.Series(list(map(tuple, keys.tolist())), dtype=object))[0]
