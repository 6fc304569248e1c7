"""The one table of an :func:`comparekit.extract` call, assembled from ready-made column arrays.

``pandas.DataFrame(dict_of_arrays)`` checks and re-wraps every column (index alignment, dtype
inference, copies) before it makes one block per column; for the extractor's twenty columns that
costs about half a millisecond, more than reading a short plan's sentences. The columns handed to
:func:`column_table` are already final (numpy arrays and pandas extension arrays of one length), so
the table is assembled from them directly: the same blocks, dtypes and index as the dict
constructor makes, without the checks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["column_table"]


def _assemble():
    """pandas' own assembly of a table from final column arrays, or None where it is not there."""
    try:
        from pandas.core.internals.construction import arrays_to_mgr
    except ImportError:  # pragma: no cover - a pandas without it: the dict constructor is used
        return None
    if not hasattr(pd.DataFrame, "_from_mgr"):  # pragma: no cover
        return None
    return arrays_to_mgr


_ARRAYS_TO_MGR = _assemble()
_COLUMN_INDEX: dict[tuple[str, ...], pd.Index] = {}  # column names -> their Index (made once: ~0.3 ms each)


def _column_index(names: list[str]) -> pd.Index:
    """The column Index of *names*: a new Index object each time, sharing the data of one made once."""
    key = tuple(names)
    index = _COLUMN_INDEX.get(key)
    if index is None:
        index = _COLUMN_INDEX[key] = pd.Index(names)
    return index.copy()


def column_table(columns: dict[str, object], names: list[str]) -> pd.DataFrame:
    """A DataFrame of *columns* (name → numpy array or pandas extension array, all of one length)
    in the order *names*, with a ``RangeIndex``; the same table as
    ``pd.DataFrame({name: columns[name] for name in names}, copy=False)``.

    Examples
    --------
    >>> table = column_table({"a": np.array([1.0, 2.0]), "b": pd.array([1, None], dtype="Int64")}, ["b", "a"])
    >>> table.dtypes.astype(str).tolist(), table.index.equals(pd.RangeIndex(2))
    (['Int64', 'float64'], True)
    """
    arrays = [columns[name] for name in names]
    n = len(arrays[0]) if arrays else 0
    if _ARRAYS_TO_MGR is None or any(getattr(a, "ndim", 0) != 1 or len(a) != n for a in arrays):
        return pd.DataFrame(dict(zip(names, arrays)), copy=False)
    # one block per column, not consolidated: as the dict constructor does with copy=False
    manager = _ARRAYS_TO_MGR(arrays, _column_index(names), pd.RangeIndex(n), verify_integrity=False, consolidate=False)
    return pd.DataFrame._from_mgr(manager, axes=manager.axes)
