"""The vectorized fast path: the common value-text shapes read in bulk with Arrow regular expressions.

Only shapes the scalar parser reads the same way are taken here (checked against it when the shapes
are built, and row by row by the tests); every other text goes to :func:`~comparekit.values.parse_value_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

import numpy as np
import pandas as pd

from ..study import study_cache  # one cache per study: the unit registry may differ
from .result import ValueParseError
from .rules import _DIRECTION_RES, _MASK_RE, _PER_YEAR_RE, _QUALIFIER_RES
from .scalar import _direction, _qualifier, parse_value_text
from .unit_words import _multiplier, _registry_units

if TYPE_CHECKING:
    from .vectorized import _Distinct

__all__: list[str] = []

_FAST_LEAD = ["力争", "达到", "累计", "年均", "每年", "增长", "提高", "提升", "下降", "降低", "减少", "增加", "保持", "稳定在", "增速",
              "每千人口", "每千人"]
_FAST_PRE = ["≥", ">=", ">", "≤", "<=", "<", "约", "大约", "不低于", "不少于", "不超过", "不高于", "超过", "突破", "至少", "高于", "低于"]
_FAST_POST = ["及以上", "左右", "以上", "以下", "以内", "上下"]
_FAST_DASHES = ["-", "至", "到"]
_FAST_NUM = r"[0-9]+(?:\.[0-9]+)?"
_FAST_SPLIT = rf"^(?P<head>[^0-9]*)(?P<num>{_FAST_NUM})(?P<tail>.*)$"
_FAST_RANGE_SPLIT = rf"^(?P<head>[^0-9]*)(?P<low>{_FAST_NUM})(?P<mid>[^0-9]*)(?P<high>{_FAST_NUM})(?P<tail>.*)$"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _FastShape:
    """The common shapes, RE2-compatible, matched on NFKC-normalized text.

    * single: ``[lead words][bound]number[ ][registry unit][bound]`` (``55%左右``, ``≥12``, ``1.9万个``);
    * range: ``[lead words][bound]low[unit](-|至|到)high[ ][unit][bound]`` (``5-8个``, ``3.5%-4.2%``).
    """

    pattern: str
    range_pattern: str
    head: re.Pattern
    tail: re.Pattern
    mid: re.Pattern
    multipliers: dict[str, float]


@study_cache
def _fast_shape() -> _FastShape:
    """Build the fast-path shapes from the unit registry.

    Registry units that contain a rule word, or that the scalar parser does not read back as
    themselves (alone, and in a range), are left to the scalar parser, so the two paths cannot
    disagree. Units with 年 stay out of ranges (the scalar parser drops ``2025年`` as a target year).
    """
    units, _ = _registry_units()
    rule_res = [p for p, _ in _QUALIFIER_RES] + [p for p, _ in _DIRECTION_RES] + [_PER_YEAR_RE, _MASK_RE]
    safe = [u for u in units if not any(p.search(u) for p in rule_res) and _reads_back(u)]
    in_range = [u for u in safe if "年" not in u and not any(d in u for d in _FAST_DASHES) and _range_reads_back(u)]
    head = f"(?P<lead>(?:{_alternation(_FAST_LEAD)})*)(?P<pre>{_alternation(_FAST_PRE)})?"
    post = f"(?P<post>{_alternation(_FAST_POST)})?"
    tail = f" ?(?P<unit>{_alternation(safe)})?{post}"
    range_unit = _alternation(in_range)
    range_tail = f" ?(?:{range_unit})?{post}"
    return _FastShape(
        pattern=f"^{head}{_FAST_NUM}{tail}$",
        range_pattern=f"^{head}{_FAST_NUM}(?:{range_unit})?(?:{_alternation(_FAST_DASHES)}){_FAST_NUM}{range_tail}$",
        head=re.compile(head),
        tail=re.compile(tail),
        mid=re.compile(f"(?P<unit>{range_unit})?(?:{_alternation(_FAST_DASHES)})"),
        multipliers={u: _multiplier(u) for u in safe},
    )


def _reads_back(unit: str) -> bool:
    """True if the scalar parser reads ``5<unit>`` and ``5 <unit>`` as 5 of exactly this unit."""
    for text in (f"5{unit}", f"5 {unit}"):
        try:
            parsed = parse_value_text(text)
        except ValueParseError:
            return False
        if (parsed.value, parsed.unit, parsed.qualifier) != (5.0, unit, "exact"):
            return False
    return True


def _range_reads_back(unit: str) -> bool:
    """True if the scalar parser reads ``5-8<unit>``, ``5<unit>-8<unit>``, ``5<unit>至8`` … as the range 5–8 of this unit."""
    for text in (f"5-8{unit}", f"5-8 {unit}", f"5{unit}-8{unit}", f"5{unit}-8", f"5至8{unit}", f"5{unit}到8{unit}以上"):
        try:
            parsed = parse_value_text(text)
        except ValueParseError:
            return False
        if (parsed.value, parsed.value_high, parsed.unit, parsed.qualifier) != (5.0, 8.0, unit, "range"):
            return False
    return True


@lru_cache(maxsize=4096)
def _fast_words(lead: str, pre: str, post: str) -> tuple[str, str | None, bool]:
    """Qualifier, direction and per_year of the words around a fast-path number (rules as above)."""
    text = f"{lead}{pre}1{post}"
    return _qualifier(text) or "exact", _direction(text), bool(_PER_YEAR_RE.search(text))


def _as_arrow(uniques: pd.Index):
    """Distinct texts as an Arrow string array; non-text cells become null."""
    import pyarrow as pa

    if isinstance(uniques.dtype, pd.StringDtype):
        arrow = pa.array(uniques.array)
        if isinstance(arrow, pa.ChunkedArray):
            arrow = arrow.combine_chunks()
        return arrow
    items = np.asarray(uniques, dtype=object)
    is_text = np.fromiter((isinstance(x, str) for x in items), dtype=bool, count=len(items))
    return pa.array(np.where(is_text, items, None), type=pa.large_string(), from_pandas=True)


def _dictionary(values) -> tuple[np.ndarray, list]:
    encoded = values.dictionary_encode()
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    return indices, encoded.dictionary.to_pylist()


def _fast_single(distinct: _Distinct, normalized, matched: np.ndarray, shape: _FastShape) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    rows = np.flatnonzero(matched)
    parts = pc.extract_regex(normalized.filter(pa.array(matched)), _FAST_SPLIT)
    numbers = pc.cast(parts.field("num"), pa.float64()).to_numpy(zero_copy_only=False)
    head_ids, heads = _dictionary(parts.field("head"))
    tail_ids, tails = _dictionary(parts.field("tail"))
    head_words = [shape.head.fullmatch(h).group("lead", "pre") for h in heads]
    tail_words = [shape.tail.fullmatch(t).group("unit", "post") for t in tails]
    combo_ids, combo_rows = np.unique(head_ids.astype(np.int64) * len(tails) + tail_ids, return_inverse=True)
    combos = []
    for combo in combo_ids:
        (lead, pre), (unit_word, post) = head_words[combo // len(tails)], tail_words[combo % len(tails)]
        combos.append((*_fast_words(lead or "", pre or "", post or ""), unit_word,
                       shape.multipliers.get(unit_word, 1.0) if unit_word else 1.0))
    distinct.fill(rows, numbers, None, combo_rows.reshape(-1), combos)


def _fast_range(distinct: _Distinct, normalized, matched: np.ndarray, shape: _FastShape) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    rows = np.flatnonzero(matched)
    parts = pc.extract_regex(normalized.filter(pa.array(matched)), _FAST_RANGE_SPLIT)
    low = pc.cast(parts.field("low"), pa.float64()).to_numpy(zero_copy_only=False)
    high = pc.cast(parts.field("high"), pa.float64()).to_numpy(zero_copy_only=False)
    ids = [_dictionary(parts.field(name)) for name in ("head", "mid", "tail")]
    sizes = [len(words) for _, words in ids]
    key = (ids[0][0].astype(np.int64) * sizes[1] + ids[1][0]) * sizes[2] + ids[2][0]
    combo_ids, combo_rows = np.unique(key, return_inverse=True)
    combos = []
    for combo in combo_ids:
        head, rest = divmod(int(combo), sizes[1] * sizes[2])
        mid, tail = divmod(rest, sizes[2])
        lead, pre = shape.head.fullmatch(ids[0][1][head]).group("lead", "pre")
        first_unit = shape.mid.fullmatch(ids[1][1][mid]).group("unit")
        unit_word, post = shape.tail.fullmatch(ids[2][1][tail]).group("unit", "post")
        unit_word = unit_word or first_unit  # the scalar parser reads the unit after the range first
        _, direction, per_year = _fast_words(lead or "", pre or "", post or "")
        combos.append(("range", direction, per_year, unit_word, shape.multipliers.get(unit_word, 1.0) if unit_word else 1.0))
    distinct.fill(rows, low, high, combo_rows.reshape(-1), combos)
