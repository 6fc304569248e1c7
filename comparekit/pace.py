"""Pace: the change per year a target needs from its baseline, beside the national pace.

:func:`census_pairs` pairs each place's 2020 census baseline (:func:`comparekit.census.census_baselines`)
with the plan's targets for the place's own jurisdiction; :func:`national_pace` gives the national
change per year from the census year to the latest national observation (urbanization: 63.89 % in
2020 → 67.00 % in 2024, NBS: 0.78 pp/yr). Both feed :func:`comparekit.compare.ambition`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["PAIR_COLUMNS", "OWN_SCOPE_CLASSES", "pair_rows", "census_pairs", "national_pace"]

#: Columns of :func:`pair_rows`.
PAIR_COLUMNS = ["place_id", "indicator_id", "scope_text", "baseline_year", "baseline_value", "target_year", "target_value",
                "target_qualifier", "unit", "change_per_year", "change_unit", "statement_ids", "baseline_source"]
#: Scope classes that mean "the place's own jurisdiction": a census baseline pairs with these targets.
OWN_SCOPE_CLASSES = ("jurisdiction", "unspecified")


def pair_rows(pairs: pd.DataFrame, baseline_source: str) -> pd.DataFrame:
    """Turn merged baseline (``_b``) / target (``_t``) rows into ambition rows."""
    span = (pairs["year_t"] - pairs["year_b"]).astype(float)
    share = pairs["unit_t"].eq("%")
    with np.errstate(divide="ignore", invalid="ignore"):
        pp = (pairs["value_t"] - pairs["value_b"]) / span
        growth = ((pairs["value_t"] / pairs["value_b"]) ** (1 / span) - 1) * 100
    out = pd.DataFrame(
        {
            "place_id": pairs["place_id"],
            "indicator_id": pairs["indicator_id"],
            "scope_text": pairs["scope_text_t"],
            "baseline_year": pairs["year_b"].astype("Int64"),
            "baseline_value": pairs["value_b"],
            "target_year": pairs["year_t"].astype("Int64"),
            "target_value": pairs["value_t"],
            "target_qualifier": pairs["qualifier_t"],
            "unit": pairs["unit_t"],
            "change_per_year": np.where(share, pp, growth),
            "change_unit": np.where(share, "pp/yr", "%/yr"),
            "statement_ids": pairs["statement_id_b"] + ";" + pairs["statement_id_t"],
            "baseline_source": baseline_source,
        }
    )
    return out.replace([np.inf, -np.inf], np.nan)


def census_pairs(targets: pd.DataFrame, places: pd.DataFrame, baselines: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pair census baselines with the targets for each place's own jurisdiction.

    Parameters
    ----------
    targets : pandas.DataFrame
        Harmonized target rows (with ``scope_class``).
    places : pandas.DataFrame
        The place registry (``place_id``, ``code``).
    baselines : pandas.DataFrame, optional
        Census baseline rows already made; default :func:`~comparekit.census.census_baselines` of
        the places that have a target.
    """
    from .census import census_baselines

    own = targets[targets["scope_class"].isin(OWN_SCOPE_CLASSES)]
    if baselines is None:
        baselines = census_baselines(places[places["place_id"].isin(set(own["place_id"]))])
    if own.empty or baselines is None or baselines.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    pairs = baselines.merge(own, on=["place_id", "indicator_id"], suffixes=("_b", "_t"))
    pairs = pairs[pairs["year_t"] > pairs["year_b"]]
    return pair_rows(pairs, "census")


def national_pace(indicator_id: str, *, start: int = 2020) -> tuple[float, int, int] | None:
    """The national change per year of an indicator from *start* to its latest exact national value.

    Returns ``(pp per year, start year, end year)`` from ``national_references.csv``, or ``None``
    when the registry has no exact value for *start* and a later year.

    Examples
    --------
    >>> pace, start, end = national_pace("urbanization_rate")
    >>> round(pace, 2), start, end
    (0.78, 2020, 2024)
    """
    from .registry import load_national_references

    refs = load_national_references()
    rows = refs[(refs["indicator_id"] == indicator_id) & (refs["qualifier"] == "exact")].sort_values("year")
    first = rows[rows["year"] == start]
    later = rows[rows["year"] > start]
    if first.empty or later.empty:
        return None
    last = later.iloc[-1]
    return (float(last["value"]) - float(first["value"].iloc[0])) / (int(last["year"]) - start), start, int(last["year"])
