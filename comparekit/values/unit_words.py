"""The unit word after a number: the longest unit of ``data/registry/units.csv`` that fits, and its multiplier.

The unit registry is read on first use, not on import.
"""

from __future__ import annotations

from ..study import study_cache  # one cache per study: the unit registry may differ
from .rules import _SELF_UNITS, _UNIT_RUN_RE, _UNIT_STOP_RE, MULTIPLIER_RULES

__all__: list[str] = []


@study_cache
def _registry_units() -> tuple[tuple[str, ...], frozenset[str]]:
    """Registry units, longest first, and as a set."""
    from ..registry import load_units  # imported here: reading the parser must not read files

    units = [u for u in load_units()["unit"].tolist() if isinstance(u, str) and u]
    units.sort(key=len, reverse=True)
    return tuple(units), frozenset(units)


def _multiplier(unit: str | None) -> float:
    if not unit:
        return 1.0
    for prefix, factor, _ in MULTIPLIER_RULES:
        if unit.startswith(prefix):
            if prefix in ("千", "百") and unit.startswith(_SELF_UNITS):
                return 1.0
            return factor
    return 1.0


def _read_unit(tail: str) -> str | None:
    """The unit that starts *tail* (the text right after a number)."""
    tail = tail.lstrip()
    if not tail:
        return None
    if tail[0] in "%‰":
        return tail[0]
    match = _UNIT_RUN_RE.match(tail)
    if not match:
        return None
    run = match.group(0)
    units, unit_set = _registry_units()
    if "/" in run:
        head, _, denominator = run.partition("/")
        stop = _UNIT_STOP_RE.search(denominator)
        denominator = denominator[: stop.start()] if stop else denominator
        compound = f"{head}/{denominator}" if denominator else head
        if compound in unit_set or not denominator:
            return compound or None
        for unit in units:  # 张/千人 written 张/千人口: longest registry compound that fits
            if "/" in unit and compound.startswith(unit):
                return unit
        return compound
    # the longest registry unit that starts the run: its longest head that is a unit (units are never
    # empty and the run holds no /, so this is the first unit of the longest-first list that fits)
    for size in range(min(len(run), len(units[0]) if units else 0), 0, -1):
        if run[:size] in unit_set:
            return run[:size]
    stop = _UNIT_STOP_RE.search(run)
    run = run[: stop.start()] if stop else run
    return run or None
