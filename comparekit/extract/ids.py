"""Indicator ids the draft can stand behind: checks made once the value's unit and year are known.

An indicator id found for a label (a registry alias, or a word score above the threshold) is kept
only when the row could be a statement of that indicator as the statement schema reads it:

* the value's unit fits the indicator's unit: the same unit, or a unit of the same dimension in
  the unit registry (``万人`` for ``人``); ``地区生产总值增长2%`` is not the total GDP in 亿元. When
  the unit is that of the other end of a registered derivation (``每千人口…托位2.3个`` for
  ``childcare_slots``), the id becomes that indicator's (``childcare_slots_per_1000``), with a note. A
  bare magnitude (``突破100万`` for an indicator in ``万人``) takes the indicator's unit, with a note;
* the unit is in the unit registry (a unit outside it cannot be compared);
* a baseline has a year (no horizon or title can supply a past value's year, and without one it
  cannot be compared);
* an indicator whose name is tied to a level of place (``镇一般公共预算收入``, ``县城常住人口``) is
  kept only when the quote or the text just before it names that level (a county's
  ``一般公共预算收入`` is not a town's);
* it does not repeat an earlier row of the same indicator, scope, kind, year, value and note whose
  quote overlaps it (two values of one clause that both inherited the clause's indicator).

Otherwise the id moves to the front of ``indicator_suggestions`` (``id:review``) and ``note`` says
why, so that a reviewer decides; an empty id is never a wrong id.
"""

from __future__ import annotations

import re

from ..study import study_cache  # one cache per study: its registries may differ
from .spans import Spans

__all__ = ["confirm_ids"]

_MAGNITUDES = ("万", "亿", "千", "百万", "千万")
_LEVEL_REACH = 150  # characters before the quote that may name the level (a heading, the clause before)
_LEVEL_RE = re.compile(r"^(?:乡镇|镇区|镇|村庄|村|县城|中心城区|城区)")


@study_cache
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, list[str]], dict[str, str]]:
    """``indicator_id → unit``, ``unit → dimension``, ``indicator_id → related ids`` (the two ends
    of a derivation, ``childcare_slots`` and ``childcare_slots_per_1000``) and ``indicator_id → level
    word`` (镇 for ``镇一般公共预算收入``) from the registries."""
    from ..registry import load_derivations, load_indicators, load_units

    indicators = load_indicators()
    units = load_units()
    indicator_unit = {rec.indicator_id: rec.unit for rec in indicators.itertuples(index=False)
                      if isinstance(rec.unit, str) and rec.unit}
    dimension = dict(zip(units["unit"], units["dimension"]))
    related: dict[str, list[str]] = {}
    derivations = load_derivations()
    for a, b in zip(derivations["from_indicator"], derivations["to_indicator"]):
        if isinstance(a, str) and isinstance(b, str) and a and b:
            related.setdefault(a, []).append(b)
            related.setdefault(b, []).append(a)
    level = {}
    for rec in indicators.itertuples(index=False):
        found = _LEVEL_RE.match(rec.name_zh) if isinstance(rec.name_zh, str) else None
        if found:
            word = found.group()
            level[rec.indicator_id] = "镇" if "镇" in word else "村" if "村" in word else word
    return indicator_unit, dimension, related, level


def _unit_problem(unit, wanted: str | None, dimension: dict[str, str]) -> tuple[str | None, str | None]:
    """``(problem, new unit)`` for a row in *unit* given an indicator in *wanted*."""
    if not isinstance(unit, str) or not unit:
        return None, None
    if wanted is None or unit == wanted:
        return (None, None) if unit in dimension else (f"unit {unit} is not in the unit registry", None)
    if unit in _MAGNITUDES and wanted.startswith(unit) and wanted in dimension:
        return None, wanted
    if unit not in dimension:
        return f"unit {unit} is not in the unit registry", None
    if wanted in dimension and dimension[unit] != dimension[wanted]:
        return f"unit {unit} does not fit the indicator's unit {wanted}", None
    return None, None


def confirm_ids(columns: dict[str, list], text: str) -> dict[str, list]:
    """*columns* (the extractor's rows of *text* as lists, see
    :data:`comparekit.extract.values.FRAME_COLUMNS`) with each indicator id kept only where it passes
    the checks above.

    Examples
    --------
    >>> from comparekit.extract import extract
    >>> extract("全县地区生产总值增长2%。")[["indicator_id", "indicator_suggestions"]].values.tolist()
    [[nan, 'gdp_total:review']]
    """
    id_list = columns["indicator_id"]
    has = [i for i, indicator_id in enumerate(id_list) if indicator_id]
    if not has:
        return columns
    indicator_unit, dimension, related, level = _tables()
    id_list, unit, note = list(id_list), list(columns["unit"]), list(columns["note"])
    suggestions = list(columns["indicator_suggestions"])
    year, scope, kind = columns["year"], columns["scope_text"], columns["kind"]
    value, value_high, value_text = columns["value"], columns["value_high"], columns["value_text"]
    qs, qe = columns["quote_start"], columns["quote_end"]
    kept: dict[tuple, Spans] = {}
    changed = False
    for i in has:
        indicator_id = id_list[i]
        problem, new_unit = _unit_problem(unit[i], indicator_unit.get(indicator_id), dimension)
        if problem is not None and problem.startswith("unit") and "does not fit" in problem:
            for other in related.get(indicator_id, ()):
                if _unit_problem(unit[i], indicator_unit.get(other), dimension) == (None, None):
                    flag = f"indicator {other} instead of {indicator_id}: the unit {unit[i]} is {other}'s"
                    note[i] = f"{note[i]}; {flag}" if isinstance(note[i], str) else flag
                    id_list[i] = indicator_id = other
                    problem, changed = None, True
                    break
        if new_unit is not None:
            unit[i] = new_unit
            flag = f"unit {new_unit} taken from the indicator (written {value_text[i]})"
            note[i] = f"{note[i]}; {flag}" if isinstance(note[i], str) else flag
            changed = True
        if (problem is None and indicator_id in level
                and text.find(level[indicator_id], max(0, qs[i] - _LEVEL_REACH), qe[i]) < 0):
            problem = f"the indicator is about {level[indicator_id]}; the text before the value does not say so"
        if problem is None and year[i] is None and kind[i] == "baseline":
            problem = "a baseline without a year"
        if problem is None and value[i] == value[i]:  # (not NaN)
            key = (indicator_id, scope[i], kind[i], year[i], value[i],
                   None if value_high[i] != value_high[i] else value_high[i], note[i])
            spans = kept.setdefault(key, Spans())
            if spans.overlaps(qs[i], qe[i]):
                problem = "same indicator, value and quote as an earlier row"
            else:
                spans.add(qs[i], qe[i])
        if problem is not None:
            id_list[i] = None
            flag = f"indicator id {indicator_id} left for review ({problem})"
            note[i] = f"{note[i]}; {flag}" if isinstance(note[i], str) else flag
            rest = suggestions[i] if isinstance(suggestions[i], str) else ""
            suggestions[i] = "|".join([f"{indicator_id}:review"] + [s for s in rest.split("|") if s][:2])
            changed = True
    if not changed:
        return columns
    columns = dict(columns)
    columns["indicator_id"], columns["unit"], columns["note"] = id_list, unit, note
    columns["indicator_suggestions"] = suggestions
    return columns
