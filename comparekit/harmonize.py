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
from functools import lru_cache

import numpy as np
import pandas as pd

from .checks import check_table_arg, check_type
from .comparability import _caveats, caveat_text, census_name, check_plausibility, definition_bases, scope_phrase
from .completeness import NO_DERIVATION, check_registry_complete
from .reconcile import reconcile
from .registry import load_derivations, load_indicators, load_national_references, load_places, load_scopes, load_units
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


def _parsed_columns(statements: pd.DataFrame) -> dict[str, np.ndarray]:
    """Return value, value_high, unit, qualifier and parse errors; parse value_text where no qualifier was given."""
    n = len(statements)

    def column(name: str, numeric: bool) -> np.ndarray:
        if name not in statements.columns:
            return np.full(n, np.nan) if numeric else np.full(n, None, dtype=object)
        series = statements[name]
        if numeric:
            return np.array(pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan), dtype=float)
        return np.array(series.astype(object).to_numpy(), dtype=object)

    out = {
        "value": column("value", True),
        "value_high": column("value_high", True),
        "unit": column("unit", False),
        "qualifier": column("qualifier", False),
        "error": np.full(n, None, dtype=object),
    }
    need = pd.isna(out["qualifier"])
    if need.any():
        from .values import parse_value_texts

        parsed = parse_value_texts(statements["value_text"][need].astype(object))
        for name in ("value", "value_high"):
            out[name][need] = parsed[name].to_numpy(dtype=float, na_value=np.nan)
        for name in ("unit", "qualifier", "error"):
            out[name][need] = parsed[name].astype(object).to_numpy()
    for name in ("unit", "qualifier", "error"):
        out[name] = np.where(pd.isna(out[name]), None, out[name])
    return out


def harmonize(statements: pd.DataFrame | None = None, *, validate: bool = True, texts: dict[str, str] | None = None) -> pd.DataFrame:
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

    # --- registry look-ups (each distinct id is looked up once) ------------------------------
    ids = statements["indicator_id"]
    theme = _lookup(ids, indicators["theme"].to_dict())
    indicator_unit = _lookup(ids, indicators["unit"].to_dict())
    prefecture = np.isin(_lookup(statements["place_id"], places["admin_level"].to_dict()), list(PREFECTURE_LEVELS))
    scope_key = statements["scope_text"].fillna("") if "scope_text" in statements.columns else pd.Series("", index=statements.index)
    county_class = _lookup(scope_key, dict(zip(scopes["scope_text"].fillna(""), scopes["scope_class"])))
    pref_class = _lookup(scope_key, dict(zip(scopes["scope_text"].fillna(""), scopes["scope_class_prefecture"])))
    scope_class = np.where(prefecture, pref_class, county_class)
    unknown_scope = pd.isna(scope_class)
    scope_class = np.where(unknown_scope, "other", scope_class)
    level = scope_levels(pd.Series(scope_class, dtype=object), pd.Series(prefecture)).to_numpy()

    # --- units: statement unit → indicator unit --------------------------------------------
    stated_unit = parsed["unit"]
    canon, factor, dimension = units["canonical_unit"].to_dict(), units["factor"].to_dict(), units["dimension"].to_dict()
    stmt_canon = _lookup(stated_unit, canon)
    stmt_factor = _lookup(stated_unit, factor, np.nan, float)
    ind_canon = _lookup(indicator_unit, canon)
    ind_factor = _lookup(indicator_unit, factor, np.nan, float)
    value, value_high = parsed["value"], parsed["value_high"]
    has_value = ~np.isnan(value)
    convertible = ~pd.isna(stmt_canon) & (stmt_canon == ind_canon)
    # "千人口托位数达到4.8个": the unit written is the numerator of the indicator's rate (个 of 个/千人)
    numerator = _lookup(indicator_unit, {u: u.split("/")[0] for u in set(units.index) | set(indicators["unit"].dropna()) if "/" in u})
    implied = has_value & ~convertible & ~pd.isna(numerator) & (stated_unit == numerator)
    scale = np.where(implied, 1.0, stmt_factor / ind_factor)
    convertible = convertible | implied
    new_value = np.where(convertible, value * scale, value)
    new_high = np.where(convertible, value_high * scale, value_high)

    # --- reasons to set a row aside -------------------------------------------------------------
    reason_en = np.full(n, "", dtype=object)
    reason_zh = np.full(n, "", dtype=object)
    share = _lookup(indicator_unit, dimension) == "share"
    stmt_dimension = _lookup(stated_unit, dimension)
    with np.errstate(invalid="ignore"):
        out_of_range = share & has_value & ((new_value < 0) | (new_value > 100) | (new_high > 100))
    # Each rule: (mask, English template, Chinese template); the first rule that applies gives the
    # reason. Templates are filled only for the rows they apply to.
    rules = [
        (~pd.isna(parsed["error"]), "unparseable value text: {error}", "无法解析数值文本：{text}"),
        (pd.isna(theme), "unknown indicator {indicator}", "未知指标{indicator}"),
        (~np.isin(statements["place_id"].to_numpy(dtype=object), places.index.to_numpy(dtype=object)), "unknown place {place}", "未知地区{place}"),
        (has_value & ~(np.isfinite(value) & np.isfinite(np.where(np.isnan(value_high), 0.0, value_high))), "value is not a finite number: {text}", "数值不是有限数：{text}"),
        (has_value & ~pd.isna(stated_unit) & pd.isna(stmt_canon), "unknown unit {unit}", "未知单位{unit}"),
        (out_of_range, "share outside 0–100: {text}", "比例超出0–100：{text}"),
        (has_value & ~convertible & (stmt_dimension == "change"), "a change in {unit}, not a level of {indicator_unit}", "为变化量（{unit}），不是{indicator_unit}水平值"),
        (has_value & ~convertible & ~pd.isna(stmt_canon), "unit {unit} cannot be converted to the indicator unit {indicator_unit}", "单位{unit}无法换算为指标单位{indicator_unit}"),
    ]
    text = statements["value_text"]
    for mask, template_en, template_zh in rules:
        for pos in np.flatnonzero(mask & (reason_en == "")):
            values = dict(error=parsed["error"][pos], text=text.iat[pos], unit=stated_unit[pos], indicator_unit=indicator_unit[pos], indicator=ids.iat[pos], place=statements["place_id"].iat[pos])
            reason_en[pos] = template_en.format(**values)
            reason_zh[pos] = template_zh.format(**values)

    # --- warnings -----------------------------------------------------------------------------
    warnings_en = np.full(n, "", dtype=object)
    warnings_zh = np.full(n, "", dtype=object)
    caveats = _caveats()
    for mask, key, make in (
        (unknown_scope, "unknown_scope", lambda pos: dict(scope=scope_key.iat[pos])),
        (implied, "unit_implied", lambda pos: dict(unit=stated_unit[pos], indicator_unit=indicator_unit[pos])),
    ):
        template_en, template_zh = caveats[key]
        cache: dict[tuple, tuple[str, str]] = {}
        for pos in np.flatnonzero(mask):
            values = make(pos)
            key_values = tuple(values.values())
            if key_values not in cache:
                cache[key_values] = (template_en.format(**values), template_zh.format(**values))
            en, zh = cache[key_values]
            warnings_en[pos] = f"{warnings_en[pos]}; {en}" if warnings_en[pos] else en
            warnings_zh[pos] = f"{warnings_zh[pos]}；{zh}" if warnings_zh[pos] else zh

    # an absolute count that should become a per-capita rate, for a place without a population
    rules = _derivation_rules()
    needs_rate = has_value & np.isin(ids.to_numpy(dtype=object), rules.index.to_numpy(dtype=object))
    population = _lookup(statements["place_id"], places["population"].to_dict(), np.nan, float)
    template_en, template_zh = caveats["no_population"]
    rows = np.flatnonzero(needs_rate & np.isnan(population) & (reason_en == ""))
    place_ids = statements["place_id"].to_numpy(dtype=object)[rows]
    pers = rules["per"].reindex(ids.to_numpy(dtype=object)[rows]).to_numpy()
    for pos, place, per in zip(rows, place_ids, pers):
        values = dict(place=place, per=f"{float(per):g}")
        en, zh = template_en.format(**values), template_zh.format(**values)
        warnings_en[pos] = f"{warnings_en[pos]}; {en}" if warnings_en[pos] else en
        warnings_zh[pos] = f"{warnings_zh[pos]}；{zh}" if warnings_zh[pos] else zh

    def original(name: str) -> pd.Series:
        return statements[name] if name in statements.columns else pd.Series(None, index=statements.index, dtype=object)

    def obj(values: object) -> pd.Series:
        return pd.Series(values, index=statements.index, dtype=object)

    frame = pd.DataFrame(
        {
            "statement_id": statements["statement_id"],
            "place_id": statements["place_id"],
            "source_id": statements["source_id"],
            "indicator_id": ids,
            "theme": obj(theme),
            "scope_text": original("scope_text"),
            "scope_class": obj(scope_class),
            "level": obj(level),
            "year": statements["year"].astype("Int64"),
            "kind": statements["kind"],
            "qualifier": obj(parsed["qualifier"]),
            "value": new_value,
            "value_high": new_high,
            "unit": obj(indicator_unit),
            "value_as_stated": value,
            "unit_as_stated": obj(stated_unit),
            "derived": np.zeros(n, dtype=bool),
            "denominator": pd.Series(pd.NA, index=statements.index, dtype="Int64"),
            "denominator_date": obj(None),
            "denominator_source": obj(None),
            "warnings_en": obj(warnings_en),
            "warnings_zh": obj(warnings_zh),
            "status": obj(np.where(reason_en == "", "harmonized", "set_aside")),
            "reason_en": obj(reason_en),
            "reason_zh": obj(reason_zh),
            "value_text": text,
            "quote": original("quote"),
            "quote_start": original("quote_start"),
            "quote_end": original("quote_end"),
            "definition_basis": obj(definition_bases(ids, original("quote"))),
            "plausibility": obj(np.full(n, "", dtype=object)),
        }
    )
    derivable = (frame["status"] == "harmonized") & frame["value"].notna() & frame["indicator_id"].isin(_derivation_rules().index)
    missing = derivable & frame["place_id"].map(places["population"]).isna()
    derived_rows = _derive(frame[derivable & ~missing], places, units)
    if len(derived_rows):
        frame = pd.concat([frame, derived_rows[HARMONIZED_COLUMNS]], ignore_index=True)
        frame["derived"] = frame["derived"].astype(bool)
        frame["denominator"] = frame["denominator"].astype("Int64")
    return frame


def _derivation_table() -> pd.DataFrame:
    return load_derivations()


@lru_cache(maxsize=1)
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
