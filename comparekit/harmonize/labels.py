"""Warnings of many rows, filled in once per distinct combination of caveats."""

from __future__ import annotations

import numpy as np

from ..coded import Labels as _Labels
from ..coded import row_keys as _row_keys
from ..comparability import _caveats

__all__: list[str] = []


def _warnings(n: int, kinds: list[tuple[np.ndarray, np.ndarray, str, object]]) -> _Labels:
    """Warnings of every row: each kind is (mask, integer key of the values, caveat key, key → values).

    The integer key is an array over all rows, or a function of the flagged rows that returns theirs.

    A row's warnings are joined in the order of *kinds*; each distinct combination is filled in once.
    """
    labels = _Labels(n)
    masks = [mask for mask, _, _, _ in kinds]
    rows = np.flatnonzero(np.logical_or.reduce(masks)) if masks else np.empty(0, dtype=np.intp)
    if not len(rows):
        return labels
    keys = np.stack([np.where(mask[rows], key(rows) if callable(key) else key[rows], -1) for mask, key, _, _ in kinds], axis=1)
    _, first, inverse = np.unique(_row_keys(keys), return_index=True, return_inverse=True)
    combos = keys[first]
    caveats = _caveats()
    codes = []
    for combo in combos:
        en, zh = [], []
        for k, (_, _, caveat, make) in zip(combo, kinds):
            if k >= 0:
                template_en, template_zh = caveats[caveat]
                values = make(int(k))
                en.append(template_en.format(**values))
                zh.append(template_zh.format(**values))
        codes.append(labels.code("; ".join(en), "；".join(zh)))
    labels.codes[rows] = np.array(codes, dtype=np.intp)[inverse.reshape(-1)]
    return labels
