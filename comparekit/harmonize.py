"""Harmonize statements: units, scope classes, derived per-capita values and plausibility warnings.

:func:`harmonize` turns the statement table into one tidy table in each indicator's registry unit.
Every input row comes out either ``harmonized`` or ``set_aside`` with a reason in English and
Chinese; derived rows (e.g. childcare slots per 1000 people computed from an absolute count) are
added with ``derived=True`` and the denominator, its date and its source. Nothing is dropped.

The functions are vectorized so that a synthetic national panel of 1.7 million statements
harmonizes in seconds (see ``benchmarks/``).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .paths import REGISTRY_DIR
from .registry import load_indicators, load_national_references, load_places, load_scopes, load_units
from .tables import read_csv_text

__all__ = [
    "harmonize",
    "reconcile",
    "caveat_text",
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
]


@lru_cache(maxsize=1)
def _caveats() -> dict[str, tuple[str, str]]:
    frame = read_csv_text(REGISTRY_DIR / "caveats.csv")
    return {rec.key: (rec.en, rec.zh) for rec in frame.itertuples(index=False)}


def caveat_text(key: str, **values: object) -> tuple[str, str]:
    """Return the English and Chinese caveat ``key`` from ``data/registry/caveats.csv``, filled in.

    A value given as a tuple ``(en, zh)`` is used per language; other values in both.

    Examples
    --------
    >>> caveat_text("year_differs", year=2027, requested=2025)[0]
    'Target year 2027, not 2025; shown with its own year, not rescaled'
    """
    en, zh = _caveats()[key]
    values_en = {k: v[0] if isinstance(v, tuple) else v for k, v in values.items()}
    values_zh = {k: v[1] if isinstance(v, tuple) else v for k, v in values.items()}
    return en.format(**values_en), zh.format(**values_zh)


def scope_levels(scope_class: pd.Series, prefecture: pd.Series) -> pd.Series:
    """Map scope classes to the territorial *level* a value describes.

    For a county-level place (county, county-level city, district) its own jurisdiction is
    ``county``; for a prefecture-level city it is ``prefecture``, and its county areas
    (县域/各县) are ``county`` too — an aggregate of counties. Residential-estate standards are
    ``estate``; urban cores and county seats are ``urban_core``.

    Examples
    --------
    >>> scope_levels(pd.Series(["jurisdiction", "county_areas"]), pd.Series([True, True])).tolist()
    ['prefecture', 'county']
    """
    own = np.where(prefecture, "prefecture", "county")
    mapping = {
        "county_areas": "county",
        "urban_core": "urban_core",
        "county_seats": "urban_core",
        "new_estates": "estate",
        "existing_estates": "estate",
        "rural": "rural",
    }
    mapped = scope_class.map(mapping)
    own_scope = scope_class.isin(["jurisdiction", "unspecified"])
    level = np.where(own_scope, own, mapped.fillna("other").to_numpy())
    return pd.Series(level, index=scope_class.index, dtype=object)


def _join(parts: list[pd.Series], index: pd.Index) -> pd.Series:
    """Join non-empty strings of several Series with '; ' (vectorized)."""
    out = pd.Series("", index=index, dtype=object)
    for part in parts:
        part = part.reindex(index).fillna("")
        sep = np.where((out != "") & (part != ""), "; ", "")
        out = out + sep + part
    return out


def _parse_missing(statements: pd.DataFrame) -> pd.DataFrame:
    """Fill value, value_high, unit and qualifier from value_text where they were not given."""
    frame = statements.copy()
    for column in ("value", "value_high", "unit", "qualifier"):
        if column not in frame.columns:
            frame[column] = np.nan if column.startswith("value") else None
    need = frame["qualifier"].isna()
    frame["_parse_error"] = None
    if need.any():
        from .values import parse_value_texts

        parsed = parse_value_texts(frame.loc[need, "value_text"].astype(object))
        for column in ("value", "value_high", "unit", "qualifier"):
            frame.loc[need, column] = parsed[column].to_numpy()
        frame.loc[need, "_parse_error"] = parsed["error"].to_numpy()
    return frame


def _unit_table() -> pd.DataFrame:
    units = load_units()
    return units.set_index("unit")[["canonical_unit", "factor", "dimension"]]


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
    """
    from .schema import load_statements, validate_statements

    if statements is None:
        statements = load_statements()
    elif validate:
        statements = validate_statements(statements, what="supplied statement table", texts=texts)
    frame = _parse_missing(statements.reset_index(drop=True))

    places = load_places().set_index("place_id")
    indicators = load_indicators().set_index("indicator_id")
    units = _unit_table()
    scopes = load_scopes()

    # --- registry look-ups, vectorized -------------------------------------------------------
    frame["theme"] = frame["indicator_id"].map(indicators["theme"])
    frame["indicator_unit"] = frame["indicator_id"].map(indicators["unit"])
    admin = frame["place_id"].map(places["admin_level"])
    prefecture = admin.isin(PREFECTURE_LEVELS)
    scope_key = frame["scope_text"].fillna("").astype(object)
    county_map = dict(zip(scopes["scope_text"].fillna(""), scopes["scope_class"]))
    pref_map = dict(zip(scopes["scope_text"].fillna(""), scopes["scope_class_prefecture"]))
    scope_class = pd.Series(np.where(prefecture, scope_key.map(pref_map), scope_key.map(county_map)), index=frame.index, dtype=object)
    unknown_scope = scope_class.isna()
    scope_class = scope_class.fillna("other")
    frame["scope_class"] = scope_class
    frame["level"] = scope_levels(scope_class, prefecture)

    # --- units: statement unit → indicator unit --------------------------------------------
    stated_unit = frame["unit"].astype(object)
    stmt_canon = stated_unit.map(units["canonical_unit"])
    stmt_factor = stated_unit.map(units["factor"])
    ind_canon = frame["indicator_unit"].map(units["canonical_unit"])
    ind_factor = frame["indicator_unit"].map(units["factor"])
    has_value = frame["value"].notna()
    scale = stmt_factor / ind_factor
    convertible = stmt_canon.notna() & (stmt_canon == ind_canon)
    frame["value_as_stated"] = frame["value"]
    frame["unit_as_stated"] = stated_unit
    frame["value"] = np.where(convertible, frame["value"] * scale, frame["value"])
    frame["value_high"] = np.where(convertible, frame["value_high"] * scale, frame["value_high"])
    frame["unit"] = frame["indicator_unit"]

    # --- reasons to set a row aside ------------------------------------------------------------
    reason_en = pd.Series("", index=frame.index, dtype=object)
    reason_zh = pd.Series("", index=frame.index, dtype=object)

    def set_aside(mask: pd.Series, en: pd.Series | str, zh: pd.Series | str) -> None:
        mask = mask & (reason_en == "")
        reason_en[mask] = en[mask] if isinstance(en, pd.Series) else en
        reason_zh[mask] = zh[mask] if isinstance(zh, pd.Series) else zh

    parse_error = frame["_parse_error"].notna()
    set_aside(parse_error, "unparseable value text: " + frame["_parse_error"].astype(str), "无法解析数值文本：" + frame["value_text"].astype(str))
    unknown_indicator = frame["theme"].isna()
    set_aside(unknown_indicator, "unknown indicator " + frame["indicator_id"].astype(str), "未知指标 " + frame["indicator_id"].astype(str))
    unknown_unit = has_value & stated_unit.notna() & stmt_canon.isna()
    set_aside(unknown_unit, "unknown unit " + stated_unit.astype(str), "未知单位 " + stated_unit.astype(str))
    shares = frame["unit"].map(units["dimension"]).eq("share")
    out_of_range = shares & has_value & ((frame["value"] < 0) | (frame["value"] > 100) | (frame["value_high"] > 100))
    set_aside(out_of_range, "share outside 0–100: " + frame["value_text"].astype(str), "比例超出0–100：" + frame["value_text"].astype(str))

    # rows whose unit cannot become the indicator's unit are set aside, naming both units
    mismatch = has_value & ~convertible & stmt_canon.notna()
    change = mismatch & stated_unit.map(units["dimension"]).eq("change")
    set_aside(change, "a change in " + stated_unit.astype(str) + ", not a level of " + frame["indicator_unit"].astype(str), "为变化量（" + stated_unit.astype(str) + "），不是水平值")
    unit_en = "unit " + stated_unit.astype(str) + " cannot be converted to the indicator unit " + frame["indicator_unit"].astype(str)
    unit_zh = "单位" + stated_unit.astype(str) + "无法换算为指标单位" + frame["indicator_unit"].astype(str)
    set_aside(mismatch, unit_en, unit_zh)
    frame["status"] = np.where(reason_en == "", "harmonized", "set_aside")
    frame["reason_en"] = reason_en
    frame["reason_zh"] = reason_zh
    frame["derived"] = False
    for column in ("denominator", "denominator_date", "denominator_source"):
        frame[column] = None
    template_en, template_zh = _caveats()["unknown_scope"]
    frame["warnings_en"] = np.where(unknown_scope, template_en.replace("{scope}", "") + scope_key, "")
    frame["warnings_zh"] = np.where(unknown_scope, template_zh.replace("{scope}", "") + scope_key, "")
    derived_rows = _derive(frame[(frame["status"] == "harmonized") & frame["value"].notna()], places, units)
    combined = pd.concat([frame, derived_rows], ignore_index=True) if len(derived_rows) else frame
    for column in HARMONIZED_COLUMNS:
        if column not in combined.columns:
            combined[column] = None
    combined["derived"] = combined["derived"].astype(bool)
    combined["year"] = combined["year"].astype("Int64")
    return combined[HARMONIZED_COLUMNS].reset_index(drop=True)


def _derive(rows: pd.DataFrame, places: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Derive per-capita rows from absolute counts, with denominators and plausibility warnings."""
    rules = read_csv_text(REGISTRY_DIR / "derivations.csv").set_index("from_indicator")
    rows = rows[rows["indicator_id"].isin(rules.index)]
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
        name_en, name_zh = place["name_en"], place["name_zh"]
        en, zh = caveat_text(
            "derived",
            value_text=rec["value_text"],
            population_date=place["population_date"],
            population=int(place["population"]),
            place=name_en,
        )
        zh = caveat_text("derived", value_text=rec["value_text"], population_date=place["population_date"], population=int(place["population"]), place=name_zh)[1]
        warn_en, warn_zh = [en], [zh]
        ref = references[references["indicator_id"] == target]
        if len(ref):
            reference = float(ref.iloc[(ref["year"] - int(rec["year"])).abs().argmin()]["value"])
            ratio = value / reference
            low, high = float(rule["plausible_low"]), float(rule["plausible_high"])
            if not low <= ratio <= high:
                parent_code = place.get("parent_code")
                parent = places[places["code"] == parent_code] if isinstance(parent_code, str) else places.iloc[0:0]
                if len(parent):
                    parent = parent.iloc[0]
                    parent_value = count / float(parent["population"]) * per
                    if low <= parent_value / reference <= high:
                        key_values = dict(value=value, ratio=ratio, reference=reference, parent_population=int(parent["population"]), parent_value=parent_value)
                        warn_en.append(caveat_text("possibly_parent_level", parent=parent["name_en"], **key_values)[0])
                        warn_zh.append(caveat_text("possibly_parent_level", parent=parent["name_zh"], **key_values)[1])
                    else:
                        e, z = caveat_text("implausible", value=value, ratio=ratio, reference=reference)
                        warn_en.append(e)
                        warn_zh.append(z)
                else:
                    e, z = caveat_text("implausible", value=value, ratio=ratio, reference=reference)
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
        derived["reason_en"] = ""
        derived["reason_zh"] = ""
        out.append(derived)
    return pd.DataFrame(out).reset_index(drop=True) if out else rows.iloc[0:0]


def reconcile(statements: pd.DataFrame, harmonized: pd.DataFrame) -> pd.DataFrame:
    """Count how every input row was accounted for; raises if the counts do not add up.

    Returns
    -------
    pandas.DataFrame
        One row per place: ``input``, ``harmonized``, ``set_aside``, ``derived`` (extra rows).

    Examples
    --------
    >>> from comparekit.schema import load_statements
    >>> s = load_statements(); counts = reconcile(s, harmonize(s))
    >>> bool((counts["input"] == counts["harmonized"] + counts["set_aside"]).all())
    True
    """
    original = harmonized[~harmonized["derived"]]
    counts = pd.DataFrame(
        {
            "input": statements.groupby("place_id").size(),
            "harmonized": original[original["status"] == "harmonized"].groupby("place_id").size(),
            "set_aside": original[original["status"] == "set_aside"].groupby("place_id").size(),
            "derived": harmonized[harmonized["derived"]].groupby("place_id").size(),
        }
    ).fillna(0).astype(int)
    missing = set(statements["statement_id"]) - set(original["statement_id"])
    if missing or not (counts["input"] == counts["harmonized"] + counts["set_aside"]).all():
        raise AssertionError(f"harmonize lost rows: {sorted(missing)[:10]}")
    return counts
