"""The harmonize stage: every statement in its indicator's unit, with scope class, level, reasons and warnings.

Every look-up is computed once per distinct value (a *table*, with a last slot for missing values)
and taken by integer code, so no per-row Python object is made on the way.
"""

from __future__ import annotations

import gc
from pathlib import Path

import numpy as np
import pandas as pd

from ..checks import check_table_arg, check_type
from ..coded import Labels as _Labels
from ..coded import codes_of as _codes
from ..coded import label_column as _label_column
from ..coded import lookup_table as _table
from ..comparability import _caveats, definition_basis_codes
from ..completeness import check_registry_complete, registry_problems
from ..registry import load_indicators, load_places, load_scopes, load_units
from ..study import Study, with_study
from ..units import unit_table
from .columns import HARMONIZED_COLUMNS, PREFECTURE_LEVELS, scope_levels
from .derive import _derivation_rules, _derivation_table, _derive
from .labels import _warnings
from .parsed import _parsed_columns
from .unit_pairs import unit_pairs

__all__ = ["harmonize"]


@with_study
def harmonize(statements: pd.DataFrame | None = None, *, validate: bool = True, texts: dict[str, str] | None = None, study: Study | str | Path | None = None) -> pd.DataFrame:
    """Harmonize a statement table into comparable values, accounting for every row.

    Parameters
    ----------
    statements : pandas.DataFrame, optional
        A statement table; defaults to the curated table of the five documents. A user-supplied
        table (a sixth county) is validated first.
    validate : bool
        Run the full statement schema first (set ``False`` only for synthetic benchmark data).
        Rows whose ``qualifier`` is empty are parsed from ``value_text``.
    texts : dict, optional
        ``source_id → text`` for user documents that are not in the source registry.
    study : Study, str or Path, optional
        The study (:func:`comparekit.open_study`); default the built-in study.

    Returns
    -------
    pandas.DataFrame
        :data:`HARMONIZED_COLUMNS`. ``value``/``value_high`` are in the indicator's registry
        unit (``unit``); ``status`` is ``harmonized`` or ``set_aside`` (then ``reason_en`` and
        ``reason_zh`` say why); derived rows have ``derived=True`` and a denominator.

    Examples
    --------
    >>> h = harmonize()
    >>> row = h[(h.place_id == "qiaocheng") & h.derived & (h.indicator_id == "childcare_slots_per_1000")]
    >>> round(float(row["value"].iloc[0]), 1)
    12.4

    Notes
    -----
    The cyclic garbage collector is paused while the (acyclic) columns of a large table are built,
    which saves seconds on millions of rows.
    """
    check_table_arg(statements), check_type(validate, bool, "validate", "True or False")
    enabled = gc.isenabled()
    gc.disable()
    try:
        if statements is None and texts is None:  # the study's own table: cached, keyed by the files it is made from
            from ..layers import cached

            return cached("harmonized", study.input_files(), lambda: _harmonize(None, validate=validate)).copy()
        return _harmonize(statements, validate=validate, texts=texts)
    finally:
        if enabled:
            gc.enable()


def _harmonize(statements: pd.DataFrame | None = None, *, validate: bool = True, texts: dict[str, str] | None = None) -> pd.DataFrame:
    """Implementation of :func:`harmonize` (the caller pauses the garbage collector)."""
    from ..schema import load_statements, validate_statements

    if statements is None:
        statements = load_statements()
    elif validate:
        statements = validate_statements(statements, what="supplied statement table", texts=texts)
    statements = statements.reset_index(drop=True)
    n = len(statements)
    parsed = _parsed_columns(statements)

    places = load_places().set_index("place_id")
    indicators = load_indicators().set_index("indicator_id")
    units = unit_table()
    scopes = load_scopes()
    registries = dict(indicators=indicators.reset_index(), units=load_units(), scopes=scopes, derivations=_derivation_table(), caveat_keys=_caveats())
    scope_texts = pd.DataFrame({"scope_text": pd.unique(statements["scope_text"])}) if "scope_text" in statements.columns else None
    if len(registry_problems(**registries, statements=scope_texts)):  # checked on the distinct scope texts; counted on all rows
        check_registry_complete(**registries, statements=statements)
    rules = _derivation_rules()

    # Every look-up is computed once per distinct value ("table", with a last slot for missing
    # values) and taken by integer code, so no per-row Python object is made on the way.
    # --- registry look-ups --------------------------------------------------------------------
    ind_codes, ind_uniques = _codes(statements["indicator_id"])
    place_codes, place_uniques = _codes(statements["place_id"])
    theme_t = _table(ind_uniques, indicators["theme"].to_dict())
    indicator_unit_t = _table(ind_uniques, indicators["unit"].to_dict())
    prefecture_t = np.isin(_table(place_uniques, places["admin_level"].to_dict()), list(PREFECTURE_LEVELS))
    prefecture = prefecture_t[place_codes]
    if "scope_text" in statements.columns:
        scope_codes, scope_uniques = _codes(statements["scope_text"])
    else:
        scope_codes, scope_uniques = np.full(n, -1, dtype=np.intp), np.empty(0, dtype=object)
    scope_key_t = np.append(scope_uniques, "").astype(object)  # a missing scope is read as ""
    county_map = dict(zip(scopes["scope_text"].fillna(""), scopes["scope_class"]))
    pref_map = dict(zip(scopes["scope_text"].fillna(""), scopes["scope_class_prefecture"]))
    # scope class and level by (scope text, prefecture or not): key = scope slot × 2 + prefecture
    class_t = np.stack([_table(scope_uniques, county_map, missing=county_map.get("")),
                        _table(scope_uniques, pref_map, missing=pref_map.get(""))], axis=1).reshape(-1)
    unknown_scope_t = pd.isna(class_t)
    class_t = np.where(unknown_scope_t, "other", class_t).astype(object)
    level_t = scope_levels(pd.Series(class_t, dtype=object), pd.Series(np.tile([False, True], len(class_t) // 2))).to_numpy()
    scope_slot = np.where(scope_codes < 0, len(scope_uniques), scope_codes)
    scope_row = scope_slot * 2 + prefecture
    unknown_scope = unknown_scope_t[scope_row]

    # --- units: statement unit → indicator unit (worked out once per pair, taken per row by code) ---
    unit_codes, unit_uniques = parsed["unit"]
    pairs = unit_pairs(unit_uniques, indicator_unit_t, units, indicators["unit"])
    convertible_p, implied_p, scale_p = pairs.convertible, pairs.implied, pairs.scale
    unit_known_p, unknown_unit_p, change_p, share_p, not_convertible_p = pairs.unit_known, pairs.unknown_unit, pairs.change, pairs.share, pairs.not_convertible

    width = len(ind_uniques) + 1
    ind_slot = np.where(ind_codes < 0, len(ind_uniques), ind_codes)
    pair = np.where(unit_codes < 0, len(unit_uniques), unit_codes) * width + ind_slot

    def by_pair(table: np.ndarray) -> np.ndarray:
        return table.reshape(-1)[pair]

    value, value_high = parsed["value"], parsed["value_high"]
    has_value = ~np.isnan(value)
    implied = has_value & by_pair(implied_p)
    scale = by_pair(scale_p)
    new_value = value * scale
    new_high = value_high * scale

    # --- reasons to set a row aside -------------------------------------------------------------
    error_codes, error_uniques = parsed["error"]
    theme_unknown_p = np.broadcast_to(pd.isna(theme_t)[None, :], convertible_p.shape)
    # A row can have a reason only if it failed to parse or its pair can give one; the rules are
    # checked on those rows only.
    candidate_p = theme_unknown_p | unknown_unit_p | share_p | (not_convertible_p & (change_p | unit_known_p))
    # an unknown place is looked up once per distinct place; a non-finite value is a whole-array test
    unknown_place_t = np.append(~np.isin(place_uniques, places.index.to_numpy(dtype=object)), True)
    unknown_place = unknown_place_t[np.where(place_codes < 0, len(place_uniques), place_codes)]
    not_finite = has_value & (np.isinf(value) | np.isinf(value_high))
    candidates = np.flatnonzero((error_codes >= 0) | by_pair(candidate_p) | unknown_place | not_finite)
    cand_pair, cand_value = pair[candidates], has_value[candidates]
    cand_new, cand_high = new_value[candidates], new_high[candidates]

    def on_candidates(table: np.ndarray) -> np.ndarray:
        return table.reshape(-1)[cand_pair]

    with np.errstate(invalid="ignore"):
        out_of_range = on_candidates(share_p) & cand_value & ((cand_new < 0) | (cand_new > 100) | (cand_high > 100))
    not_convertible = cand_value & on_candidates(not_convertible_p)
    # Each rule: (mask over the candidates, English template, Chinese template); the first rule that
    # applies gives the reason. Templates are filled only for the rows they apply to.
    reason_rules = [
        (error_codes[candidates] >= 0, "unparseable value text: {error}", "无法解析数值文本：{text}"),
        (on_candidates(theme_unknown_p), "unknown indicator {indicator}", "未知指标{indicator}"),
        (unknown_place[candidates], "unknown place {place}", "未知地区{place}"),
        (not_finite[candidates], "value is not a finite number: {text}", "数值不是有限数：{text}"),
        (cand_value & on_candidates(unknown_unit_p), "unknown unit {unit}", "未知单位{unit}"),
        (out_of_range, "share outside 0–100: {text}", "比例超出0–100：{text}"),
        (not_convertible & on_candidates(change_p), "a change in {unit}, not a level of {indicator_unit}", "为变化量（{unit}），不是{indicator_unit}水平值"),
        (not_convertible & on_candidates(unit_known_p), "unit {unit} cannot be converted to the indicator unit {indicator_unit}", "单位{unit}无法换算为指标单位{indicator_unit}"),
    ]
    text = statements["value_text"]
    unit_t, error_t = np.append(unit_uniques, None), np.append(error_uniques, None)
    place_ids = statements["place_id"]
    reasons = _Labels(n)
    has_reason = np.zeros(n, dtype=bool)
    cand_reason = np.zeros(len(candidates), dtype=bool)
    for mask, template_en, template_zh in reason_rules:
        hits = np.flatnonzero(mask & ~cand_reason)
        cand_reason[hits] = True
        for pos in candidates[hits]:
            values = dict(error=error_t[error_codes[pos]], text=text.iat[pos], unit=unit_t[unit_codes[pos]],
                          indicator_unit=indicator_unit_t[ind_codes[pos]], indicator=statements["indicator_id"].iat[pos],
                          place=place_ids.iat[pos])
            reasons.codes[pos] = reasons.code(template_en.format(**values), template_zh.format(**values))
    has_reason[candidates] = cand_reason

    # --- warnings -----------------------------------------------------------------------------
    # an absolute count that should become a per-capita rate, for a place without a population
    rate_t = np.append(np.isin(ind_uniques, rules.index.to_numpy(dtype=object)), False)
    population_t = _table(place_uniques, places["population"].to_dict(), np.nan, np.nan, float)
    rate_rows = np.flatnonzero(rate_t[ind_codes])
    rate_population = population_t[place_codes[rate_rows]]
    rate_ok = ~has_reason[rate_rows]
    no_population = np.zeros(n, dtype=bool)
    no_population[rate_rows[rate_ok & has_value[rate_rows] & np.isnan(rate_population)]] = True
    per_t = np.array([None if pd.isna(per) else f"{float(per):g}" for per in rules["per"].reindex(ind_uniques)] + [None], dtype=object)
    place_t = np.append(place_uniques, None)
    warnings = _warnings(n, [
        (unknown_scope, scope_slot, "unknown_scope", lambda k: dict(scope=scope_key_t[k])),
        (implied, lambda rows: pair[rows],  # an implied unit is a stated one: the pair's unit slot is its code
         "unit_implied", lambda k: dict(unit=unit_t[k // width], indicator_unit=indicator_unit_t[k % width])),
        (no_population, lambda rows: np.where(place_codes[rows] < 0, len(place_uniques), place_codes[rows]).astype(np.int64) * width + ind_slot[rows],
         "no_population", lambda k: dict(place=place_t[k // width], per=per_t[k % width])),
    ])

    # coded in, coded out: a table whose indicator ids are categorical gets categorical label columns
    coded = isinstance(statements["indicator_id"].dtype, pd.CategoricalDtype)

    def original(name: str) -> pd.Series:
        if name in statements.columns:
            return statements[name]
        return constant(None) if coded else pd.Series(None, index=statements.index, dtype=object)

    def obj(table: np.ndarray, codes: np.ndarray) -> pd.Series:
        return _label_column(table, codes, statements.index, coded)

    def constant(value: object) -> pd.Series:
        if coded:
            return _label_column(np.array([value], dtype=object), np.zeros(n, dtype=np.int8), statements.index, coded)
        return pd.Series(value, index=statements.index, dtype=object)

    index = statements.index
    basis_codes, basis_t = definition_basis_codes(statements["indicator_id"], original("quote"))
    reason_en, reason_zh = reasons.columns(index, coded)
    warnings_en, warnings_zh = warnings.columns(index, coded)
    frame = pd.DataFrame(
        {
            "statement_id": statements["statement_id"],
            "place_id": statements["place_id"],
            "source_id": statements["source_id"],
            "indicator_id": statements["indicator_id"],
            "theme": obj(theme_t, ind_codes),
            "scope_text": original("scope_text"),
            "scope_class": obj(class_t, scope_row),
            "level": obj(level_t, scope_row),
            "year": statements["year"].astype("Int64"),
            "kind": statements["kind"],
            "qualifier": obj(np.append(parsed["qualifier"][1], None), parsed["qualifier"][0]),
            "value": new_value,
            "value_high": new_high,
            "unit": obj(indicator_unit_t, ind_codes),
            "value_as_stated": value,
            "unit_as_stated": obj(unit_t, unit_codes),
            "derived": np.zeros(n, dtype=bool),
            "denominator": pd.Series(pd.arrays.IntegerArray(np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool)), index=index, copy=False),
            "denominator_date": constant(None),
            "denominator_source": constant(None),
            "warnings_en": warnings_en,
            "warnings_zh": warnings_zh,
            "status": obj(np.array(["harmonized", "set_aside"], dtype=object), has_reason.view(np.int8)),
            "reason_en": reason_en,
            "reason_zh": reason_zh,
            "value_text": text,
            "quote": original("quote"),
            "quote_start": original("quote_start"),
            "quote_end": original("quote_end"),
            "definition_basis": obj(basis_t, basis_codes),
            "plausibility": constant(""),
        },
        copy=False,
    )
    derivable = rate_rows[rate_ok & ~np.isnan(new_value[rate_rows]) & ~np.isnan(rate_population)]
    if len(derivable):
        derived_rows = _derive(frame.iloc[derivable], places, units)
        if len(derived_rows):
            frame = pd.concat([frame, derived_rows[HARMONIZED_COLUMNS]], ignore_index=True)
            frame["derived"] = frame["derived"].astype(bool)
            frame["denominator"] = frame["denominator"].astype("Int64")
    return frame
