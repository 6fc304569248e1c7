"""Units per (unit as stated, indicator) pair: what converts, by which factor, and what cannot.

Everything about units depends on the pair only, so it is worked out once per pair (a small
table: one row per distinct stated unit plus one for "no unit", one column per distinct indicator
plus one for "no indicator") and taken per row by the pair's code.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..coded import lookup_table as _table

__all__: list[str] = []


@dataclass(frozen=True)
class UnitPairs:
    """Boolean and factor tables over (stated unit slot, indicator slot)."""

    convertible: np.ndarray
    implied: np.ndarray
    scale: np.ndarray
    unit_known: np.ndarray
    unknown_unit: np.ndarray
    change: np.ndarray
    share: np.ndarray
    not_convertible: np.ndarray


def unit_pairs(unit_uniques: np.ndarray, indicator_unit_t: np.ndarray, units: pd.DataFrame, indicator_units: pd.Series) -> UnitPairs:
    """The unit tables of every (stated unit, indicator unit) pair; *units* is the unit registry indexed by unit."""
    canon, factor, dimension = units["canonical_unit"].to_dict(), units["factor"].to_dict(), units["dimension"].to_dict()
    canon_ids = {c: i for i, c in enumerate(sorted({c for c in canon.values() if isinstance(c, str)}))}
    stmt_canon_t = _table(unit_uniques, canon)
    stmt_canon_id = np.array([canon_ids.get(c, -1) for c in stmt_canon_t], dtype=np.intp)[:, None]
    stmt_factor = _table(unit_uniques, factor, np.nan, np.nan, float)[:, None]
    ind_canon_id = np.array([canon_ids.get(canon.get(u), -2) if isinstance(u, str) else -2 for u in indicator_unit_t], dtype=np.intp)[None, :]
    ind_factor = np.array([factor.get(u, np.nan) if isinstance(u, str) else np.nan for u in indicator_unit_t], dtype=float)[None, :]
    convertible_p = (stmt_canon_id >= 0) & (stmt_canon_id == ind_canon_id)
    # "千人口托位数达到4.8个": the unit written is the numerator of the indicator's rate (个 of 个/千人)
    numerators = {u: u.split("/")[0] for u in set(units.index) | set(indicator_units.dropna()) if "/" in u}
    unit_position = {u: i for i, u in enumerate(unit_uniques)}
    numerator_code = np.array([unit_position.get(numerators.get(u), -2) if isinstance(u, str) else -2 for u in indicator_unit_t], dtype=np.intp)
    unit_value = np.append(np.arange(len(unit_uniques)), -1)[:, None]
    implied_p = ~convertible_p & (unit_value == numerator_code[None, :])
    with np.errstate(invalid="ignore", divide="ignore"):
        scale_p = np.where(convertible_p, stmt_factor / ind_factor, 1.0)  # 1.0 also where the unit is implied
    unit_known_p = np.broadcast_to(~pd.isna(stmt_canon_t)[:, None], convertible_p.shape)
    unknown_unit_p = (unit_value >= 0) & ~unit_known_p
    change_p = np.broadcast_to((_table(unit_uniques, dimension) == "change")[:, None], convertible_p.shape)
    share_p = np.broadcast_to((np.array([dimension.get(u) if isinstance(u, str) else None for u in indicator_unit_t], dtype=object) == "share")[None, :], convertible_p.shape)
    not_convertible_p = ~(convertible_p | implied_p)
    return UnitPairs(convertible_p, implied_p, scale_p, unit_known_p, unknown_unit_p, change_p, share_p, not_convertible_p)
