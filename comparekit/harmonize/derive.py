"""Derived per-capita rows: an absolute count divided by the census population, with a plausibility check."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..comparability import caveat_text, census_name, check_plausibility
from ..completeness import NO_DERIVATION
from ..registry import load_derivations, load_indicators, load_national_references
from ..study import study_cache

__all__: list[str] = []


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
