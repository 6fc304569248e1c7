"""The columns of the harmonized table, and the territorial level a scope class describes."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["HARMONIZED_COLUMNS", "PREFECTURE_LEVELS", "scope_levels"]

#: Admin levels whose "whole jurisdiction" is a prefecture (it contains counties and urban districts).
PREFECTURE_LEVELS = {"prefecture_level_city"}

HARMONIZED_COLUMNS = [
    "statement_id",
    "place_id",
    "source_id",
    "indicator_id",
    "theme",
    "scope_text",
    "scope_class",
    "level",
    "year",
    "kind",
    "qualifier",
    "value",
    "value_high",
    "unit",
    "value_as_stated",
    "unit_as_stated",
    "derived",
    "denominator",
    "denominator_date",
    "denominator_source",
    "warnings_en",
    "warnings_zh",
    "status",
    "reason_en",
    "reason_zh",
    "value_text",
    "quote",
    "quote_start",
    "quote_end",
    "definition_basis",
    "plausibility",
]

_LEVEL_OF_CLASS = {
    "county_areas": "county",
    "each_county": "county",
    "urban_core": "urban_core",
    "county_seats": "urban_core",
    "new_estates": "estate",
    "existing_estates": "estate",
    "rural": "rural",
}


def scope_levels(scope_class: pd.Series, prefecture: pd.Series) -> pd.Series:
    """Map scope classes to the territorial *level* a value describes.

    For a county-level place (county, county-level city, district) its own jurisdiction is
    ``county``; for a prefecture-level city it is ``prefecture``, and its county areas
    (县域/各县) are ``county`` too — an aggregate of counties. Residential-estate standards are
    ``estate``; urban cores and county seats are ``urban_core``; anything else ``other``.

    Examples
    --------
    >>> scope_levels(pd.Series(["jurisdiction", "county_areas"]), pd.Series([True, True])).tolist()
    ['prefecture', 'county']
    """
    classes = _lookup(scope_class, {c: _LEVEL_OF_CLASS.get(c, "other") for c in pd.unique(scope_class)})
    own = np.isin(scope_class.to_numpy(dtype=object), ["jurisdiction", "unspecified"])
    level = np.where(own, np.where(prefecture.to_numpy(dtype=bool), "prefecture", "county"), classes)
    return pd.Series(level, index=scope_class.index, dtype=object)


def _lookup(values: pd.Series | np.ndarray, mapping: dict, default: object = None, dtype: object = object) -> np.ndarray:
    """Map *values* through *mapping*, computing each distinct value once (fast on millions of rows)."""
    codes, uniques = pd.factorize(pd.Series(values, copy=False), use_na_sentinel=True)
    table = np.array([mapping.get(u, default) for u in uniques] + [default], dtype=dtype)
    return table[codes]
