"""Harmonize statements: units, scope classes, derived per-capita values and plausibility warnings.

:func:`harmonize` turns the statement table into one tidy table in each indicator's registry unit.
Every input row comes out either ``harmonized`` or ``set_aside`` with a reason in English and
Chinese; derived rows (e.g. childcare slots per 1000 people computed from an absolute count) are
added with ``derived=True`` and the denominator, its date and its source. Nothing is dropped.

The functions are vectorized so that a synthetic national panel of 1.7 million statements
harmonizes in seconds (see ``benchmarks/``).
"""

from __future__ import annotations

import gc
from pathlib import Path

import numpy as np
import pandas as pd

from .checks import check_table_arg, check_type
from .coded import Labels as _Labels
from .coded import codes_of as _codes
from .coded import label_column as _label_column
from .coded import lookup_table as _table
from .coded import merge_codes as _merge_codes
from .coded import row_keys as _row_keys
from .comparability import _caveats, caveat_text, census_name, check_plausibility, definition_bases, scope_phrase
from .completeness import NO_DERIVATION, check_registry_complete
from .reconcile import reconcile
from .registry import load_derivations, load_indicators, load_national_references, load_places, load_scopes, load_units
from .study import Study, study_cache, with_study
from .units import unit_table

__all__ = [
    "harmonize",
    "reconcile",
    "caveat_text",
    "scope_phrase",
    "census_name",
    "definition_bases",
    "check_plausibility",
    "scope_levels",
    "HARMONIZED_COLUMNS",
    "PREFECTURE_LEVELS",
]

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
        from .values import _parse_distinct

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
            from .layers import cached

            return cached("harmonized", study.input_files(), lambda: _harmonize(None, validate=validate)).copy()
        return _harmonize(statements, validate=validate, texts=texts)
    finally:
        if enabled:
            gc.enable()


def _harmonize(statements: pd.DataFrame | None = None, *, validate: bool = True, texts: dict[str, str] | None = None) -> pd.DataFrame:
    """Implementation of :func:`harmonize` (the caller pauses the garbage collector)."""
    from .schema import load_statements, validate_statements

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
    check_registry_complete(indicators=indicators.reset_index(), units=load_units(), scopes=scopes, derivations=_derivation_table(), caveat_keys=_caveats(), statements=statements)
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

    # --- units: statement unit → indicator unit --------------------------------------------
    # Everything about units depends on the pair (unit as stated, indicator) only: it is worked out
    # once per pair (a small table) and taken per row by the pair's code.
    unit_codes, unit_uniques = parsed["unit"]
    canon, factor, dimension = units["canonical_unit"].to_dict(), units["factor"].to_dict(), units["dimension"].to_dict()
    canon_ids = {c: i for i, c in enumerate(sorted({c for c in canon.values() if isinstance(c, str)}))}
    stmt_canon_t = _table(unit_uniques, canon)
    stmt_canon_id = np.array([canon_ids.get(c, -1) for c in stmt_canon_t], dtype=np.intp)[:, None]
    stmt_factor = _table(unit_uniques, factor, np.nan, np.nan, float)[:, None]
    ind_canon_id = np.array([canon_ids.get(canon.get(u), -2) if isinstance(u, str) else -2 for u in indicator_unit_t], dtype=np.intp)[None, :]
    ind_factor = np.array([factor.get(u, np.nan) if isinstance(u, str) else np.nan for u in indicator_unit_t], dtype=float)[None, :]
    convertible_p = (stmt_canon_id >= 0) & (stmt_canon_id == ind_canon_id)
    # "千人口托位数达到4.8个": the unit written is the numerator of the indicator's rate (个 of 个/千人)
    numerators = {u: u.split("/")[0] for u in set(units.index) | set(indicators["unit"].dropna()) if "/" in u}
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
        (implied, unit_codes * width + ind_slot,
         "unit_implied", lambda k: dict(unit=unit_t[k // width], indicator_unit=indicator_unit_t[k % width])),
        (no_population, np.where(place_codes < 0, len(place_uniques), place_codes).astype(np.int64) * width + ind_slot,
         "no_population", lambda k: dict(place=place_t[k // width], per=per_t[k % width])),
    ])

    def original(name: str) -> pd.Series:
        return statements[name] if name in statements.columns else pd.Series(None, index=statements.index, dtype=object)

    # coded in, coded out: a table whose indicator ids are categorical gets categorical label columns
    coded = isinstance(statements["indicator_id"].dtype, pd.CategoricalDtype)

    def obj(table: np.ndarray, codes: np.ndarray) -> pd.Series:
        return _label_column(table, codes, statements.index, coded)

    def constant(value: object) -> pd.Series:
        if coded:
            return _label_column(np.array([value], dtype=object), np.zeros(n, dtype=np.int8), statements.index, coded)
        return pd.Series(value, index=statements.index, dtype=object)

    index = statements.index
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
            "definition_basis": pd.Series(definition_bases(statements["indicator_id"], original("quote")), index=index, dtype=object, copy=False),
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


def _warnings(n: int, kinds: list[tuple[np.ndarray, np.ndarray, str, object]]) -> _Labels:
    """Warnings of every row: each kind is (mask, integer key of the values, caveat key, key → values).

    A row's warnings are joined in the order of *kinds*; each distinct combination is filled in once.
    """
    labels = _Labels(n)
    masks = [mask for mask, _, _, _ in kinds]
    rows = np.flatnonzero(np.logical_or.reduce(masks)) if masks else np.empty(0, dtype=np.intp)
    if not len(rows):
        return labels
    keys = np.stack([np.where(mask[rows], key[rows], -1) for mask, key, _, _ in kinds], axis=1)
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


def _derivation_table() -> pd.DataFrame:
    return load_derivations()


@study_cache
def _derivation_rules() -> pd.DataFrame:
    table = _derivation_table()
    return table[table["method"] != NO_DERIVATION].set_index("from_indicator")  # "none" rows: deliberately not derived


def _derive(rows: pd.DataFrame, places: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Derive per-capita rows from absolute counts, with denominators and plausibility warnings."""
    rules = _derivation_rules()
    rows = rows[rows["indicator_id"].isin(rules.index) & rows["place_id"].isin(places.index)]
    if rows.empty:
        return rows
    indicators = load_indicators().set_index("indicator_id")
    references = load_national_references()
    out = []
    for pos, rec in rows.iterrows():
        rule = rules.loc[rec["indicator_id"]]
        place = places.loc[rec["place_id"]] if rec["place_id"] in places.index else None
        target = rule["to_indicator"]
        if place is None or pd.isna(place["population"]):
            continue  # stays set aside by the caller with the unit reason
        count = rec["value"] * units.loc[rec["unit"], "factor"]
        per = float(rule["per"])
        value = count / float(place["population"]) * per
        rate = (rule["rate_en"].format(value=value), rule["rate_zh"].format(value=value))
        census = census_name(place["population_date"])
        en = caveat_text("derived", value_text=rec["value_text"], population=int(place["population"]), place=(place["name_en"], place["name_zh"]), census=census, rate=rate)
        warn_en, warn_zh = [en[0]], [en[1]]
        status = ""
        ref = references[references["indicator_id"] == target]
        if len(ref):
            reference = float(ref.iloc[(ref["year"] - int(rec["year"])).abs().argmin()]["value"])
            reference_rate = (rule["rate_en"].format(value=reference).replace(".0 ", " "), rule["rate_zh"].format(value=reference).replace(".0个", "个"))
            low, high = float(rule["plausible_low"]), float(rule["plausible_high"])
            parent_code = place.get("parent_code")
            parent = places[places["code"] == parent_code] if isinstance(parent_code, str) else places.iloc[0:0]
            parent = parent.iloc[0] if len(parent) and not pd.isna(parent.iloc[0]["population"]) else None
            parent_value = count / float(parent["population"]) * per if parent is not None else None
            status = check_plausibility(value, reference, low, high, parent_value)
            values = dict(rate=rate, ratio=value / reference, reference=reference_rate, low=low, high=high)
            if status == "parent_level":
                parent_rate = (rule["rate_en"].format(value=parent_value), rule["rate_zh"].format(value=parent_value))
                e, z = caveat_text(
                    "possibly_parent_level",
                    parent=(parent["name_en"], parent["name_zh"]),
                    parent_population=int(parent["population"]),
                    parent_rate=parent_rate,
                    parent_ratio=parent_value / reference,
                    **values,
                )
            else:
                e, z = caveat_text(status, **values)
            warn_en.append(e)
            warn_zh.append(z)
        derived = rec.copy()
        derived["statement_id"] = rec["statement_id"]
        derived["indicator_id"] = target
        derived["theme"] = indicators.loc[target, "theme"]
        derived["unit"] = indicators.loc[target, "unit"]
        derived["value"] = value
        derived["value_high"] = np.nan
        derived["derived"] = True
        derived["denominator"] = int(place["population"])
        derived["denominator_date"] = place["population_date"]
        derived["denominator_source"] = place["population_source"]
        derived["warnings_en"] = "; ".join(warn_en)
        derived["warnings_zh"] = "；".join(warn_zh)
        derived["status"] = "harmonized"
        derived["plausibility"] = status
        derived["reason_en"] = ""
        derived["reason_zh"] = ""
        out.append(derived)
    return pd.DataFrame(out).reset_index(drop=True) if out else rows.iloc[0:0]
