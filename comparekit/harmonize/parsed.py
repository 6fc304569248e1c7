"""The numbers, unit and qualifier of every statement: taken as given, or parsed from the value text."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..coded import codes_of as _codes
from ..coded import merge_codes as _merge_codes

__all__: list[str] = []


def _parsed_columns(statements: pd.DataFrame) -> dict:
    """Value, value_high (arrays) and unit, qualifier, parse error (codes, distinct values) of every row.

    ``value_text`` is parsed (each distinct text once) where no qualifier was given.
    """
    n = len(statements)

    def numeric(name: str) -> np.ndarray:
        if name not in statements.columns:
            return np.full(n, np.nan)
        return np.array(pd.to_numeric(statements[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan), dtype=float)

    def coded(name: str) -> tuple[np.ndarray, np.ndarray]:
        if name not in statements.columns:
            return np.full(n, -1, dtype=np.intp), np.empty(0, dtype=object)
        return _codes(statements[name])

    out = {
        "value": numeric("value"),
        "value_high": numeric("value_high"),
        "unit": coded("unit"),
        "qualifier": coded("qualifier"),
        "error": (np.full(n, -1, dtype=np.intp), np.empty(0, dtype=object)),
    }
    need = out["qualifier"][0] < 0
    if need.any():
        from ..values.vectorized import _parse_distinct

        texts = statements["value_text"]
        every = bool(need.all())
        text_codes, distinct = _parse_distinct(texts if every else texts[need])
        slot = np.where(text_codes < 0, len(distinct.value) - 1, text_codes)
        for name in ("value", "value_high"):
            out[name][need] = getattr(distinct, name)[slot]
        for name in ("unit", "qualifier", "error"):
            codes, uniques = _codes(pd.Series(getattr(distinct, name), dtype=object))
            parsed = np.full(n, -1, dtype=np.intp)
            parsed[need] = codes[slot]
            out[name] = _merge_codes(out[name], (parsed, uniques), need)
    return out
