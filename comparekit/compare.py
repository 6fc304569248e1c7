"""Tables for one question: compare an indicator across the five places, coverage, ambition.

:func:`compare` returns one row per study place — always all of them — with the value that best
answers the question, a verdict (``comparable``, ``caveat``, ``not_comparable``, ``not_stated``)
and the caveat in English and Chinese. It never extrapolates and never relabels a year: a 2027
target stays a 2027 target, flagged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .checks import check_indicator, check_int, check_place, check_scope, check_table_arg, check_year
from .harmonize import caveat_text, harmonize
from .registry import THEMES, load_indicators, load_places

__all__ = ["compare", "coverage", "ambition", "VERDICTS", "COMPARE_COLUMNS"]

VERDICTS = ["comparable", "caveat", "not_comparable", "not_stated"]
_RANK = {verdict: rank for rank, verdict in enumerate(VERDICTS)}
_KIND_RANK = {"target": 0, "standard": 1, "baseline": 2}

COMPARE_COLUMNS = [
    "place_id",
    "indicator_id",
    "year",
    "requested_year",
    "kind",
    "scope_text",
    "scope_class",
    "level",
    "value",
    "value_high",
    "qualifier",
    "unit",
    "derived",
    "verdict",
    "caveat_en",
    "caveat_zh",
    "statement_ids",
    "alternatives",
    "source_id",
    "quote",
]


def _assess(row: pd.Series, *, requested_year: int, basis: str, scope_sensitive: bool) -> tuple[str, list[tuple[str, str]]]:
    """Return the verdict and the caveats (en, zh) of one harmonized row against the basis."""
    verdict, caveats = "comparable", []
    scope = (row["scope_text"], row["scope_text"]) if isinstance(row["scope_text"], str) and row["scope_text"] else ("no scope named", "未注明口径")
    level = row["level"]
    if level != basis:
        if level == "estate":
            verdict = "not_comparable"
            caveats.append(caveat_text("estate_standard", scope=scope))
        elif level == "prefecture":
            key = "level_prefecture" if scope_sensitive else "level_prefecture_rate"
            verdict = "not_comparable" if scope_sensitive else "caveat"
            caveats.append(caveat_text(key, scope=scope))
        elif level == "urban_core":
            verdict = "not_comparable" if scope_sensitive else "caveat"
            caveats.append(caveat_text("level_urban_core", scope=scope))
        else:
            verdict = "not_comparable"
            caveats.append(caveat_text("level_other", scope=scope))
    elif level == "county" and row["scope_class"] == "county_areas" and row["_prefecture"]:
        verdict = "caveat"
        caveats.append(caveat_text("level_county_aggregate", scope=scope))
    if pd.isna(row["value"]):
        key = "qualitative" if row["qualifier"] == "qualitative" else "relative"
        caveats.append(caveat_text(key, value_text=row["value_text"]))
        verdict = max(verdict, "caveat", key=_RANK.get)
    if row["kind"] == "baseline":
        caveats.append(caveat_text("baseline_only", year=int(row["year"])))
        verdict = max(verdict, "caveat", key=_RANK.get)
    elif int(row["year"]) != requested_year:
        caveats.append(caveat_text("year_differs", year=int(row["year"]), requested=requested_year))
        verdict = max(verdict, "caveat", key=_RANK.get)
    if row["derived"] or row["warnings_en"]:
        caveats.append((row["warnings_en"], row["warnings_zh"]))
        verdict = max(verdict, "caveat", key=_RANK.get)
    return verdict, caveats


def compare(
    indicator: str,
    year: int = 2025,
    scope: str | None = None,
    *,
    statements: pd.DataFrame | None = None,
    harmonized: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Compare one indicator across the study places, with a verdict and caveats for each.

    Parameters
    ----------
    indicator : str
        An ``indicator_id`` from the registry (e.g. ``"urbanization_rate"``), or its Chinese or
        English name or an alias (``"城镇化率"``).
    year : int
        The comparison year; values for other years are shown with their own year and flagged.
    scope : str, optional
        The comparison basis (a *level*): ``"county"`` (default: a county-level jurisdiction, or
        a prefecture's county areas), ``"prefecture"``, ``"urban_core"`` or ``"estate"``.
    statements : pandas.DataFrame, optional
        A user-supplied statement table (validated first); defaults to the curated table.
    harmonized : pandas.DataFrame, optional
        An already harmonized table (skips :func:`harmonize`).

    Returns
    -------
    pandas.DataFrame
        :data:`COMPARE_COLUMNS`, one row per study place in registry order (plus any place of a
        supplied table). ``verdict`` is one of :data:`VERDICTS`; ``caveat_en``/``caveat_zh``
        give the reasons; ``alternatives`` lists the other statements considered.

    Examples
    --------
    >>> table = compare("urbanization_rate", 2025)
    >>> row = table.set_index("place_id").loc["luan"]
    >>> float(row["value"]), row["scope_text"], row["verdict"]
    (50.0, '县域', 'caveat')
    """
    indicator, year, scope = check_indicator(indicator), check_year(year), check_scope(scope)
    check_table_arg(statements), check_table_arg(harmonized, "harmonized", what="harmonized table")
    indicators = load_indicators().set_index("indicator_id")
    if harmonized is None:
        harmonized = harmonize(statements)
    basis = scope or "county"
    scope_sensitive = str(indicators.loc[indicator].get("scope_sensitive", "false")).lower() == "true"
    places = load_places(study_only=True)
    place_ids = list(places["place_id"]) + sorted(set(harmonized["place_id"]) - set(places["place_id"]) - set(load_places()["place_id"]))
    prefecture_places = set(load_places().query("admin_level == 'prefecture_level_city'")["place_id"])
    rows = harmonized[(harmonized["indicator_id"] == indicator) & (harmonized["status"] == "harmonized")].copy()
    rows["_prefecture"] = rows["place_id"].isin(prefecture_places)
    unit = indicators.loc[indicator, "unit"]
    out = []
    for place_id in place_ids:
        candidates = rows[rows["place_id"] == place_id]
        if candidates.empty:
            en, zh = caveat_text("not_stated")
            out.append(dict(place_id=place_id, indicator_id=indicator, year=pd.NA, requested_year=year, kind=None, scope_text=None, scope_class=None, level=None, value=np.nan, value_high=np.nan, qualifier=None, unit=unit, derived=False, verdict="not_stated", caveat_en=en, caveat_zh=zh, statement_ids="", alternatives="", source_id=None, quote=None))
            continue
        assessed = []
        for order, (_, row) in enumerate(candidates.iterrows()):
            verdict, caveats = _assess(row, requested_year=year, basis=basis, scope_sensitive=scope_sensitive)
            key = (_RANK[verdict], row["level"] != basis, abs(int(row["year"]) - year), _KIND_RANK.get(row["kind"], 3), pd.isna(row["value"]), bool(row["derived"]), order)
            assessed.append((key, row, verdict, caveats))
        assessed.sort(key=lambda item: item[0])
        _, best, verdict, caveats = assessed[0]
        others = [item[1]["statement_id"] + ("*" if item[1]["derived"] else "") for item in assessed[1:]]
        out.append(
            dict(
                place_id=place_id,
                indicator_id=indicator,
                year=int(best["year"]),
                requested_year=year,
                kind=best["kind"],
                scope_text=best["scope_text"],
                scope_class=best["scope_class"],
                level=best["level"],
                value=best["value"],
                value_high=best["value_high"],
                qualifier=best["qualifier"],
                unit=unit,
                derived=bool(best["derived"]),
                verdict=verdict,
                caveat_en="; ".join(c[0] for c in caveats),
                caveat_zh="；".join(c[1] for c in caveats),
                statement_ids=best["statement_id"],
                alternatives=";".join(others),
                source_id=best["source_id"],
                quote=best["quote"],
            )
        )
    table = pd.DataFrame(out, columns=COMPARE_COLUMNS)
    table["year"] = table["year"].astype("Int64")
    table["value"] = table["value"].astype(float)
    table["value_high"] = table["value_high"].astype(float)
    return table


def coverage(statements: pd.DataFrame | None = None, *, min_places: int = 1) -> pd.DataFrame:
    """Return the indicator × place matrix of how many statements each plan makes.

    Parameters
    ----------
    statements : pandas.DataFrame, optional
        A statement table (validated first); defaults to the curated table.
    min_places : int
        Keep only indicators stated by at least this many places (``2`` gives the indicators
        that can be compared at all).

    Returns
    -------
    pandas.DataFrame
        Index ``(theme, indicator_id)`` in theme order, columns the place ids (study places in
        registry order), integer counts; 0 means *not stated*.

    Examples
    --------
    >>> cov = coverage()
    >>> int(cov.loc[("environment_green", "green_building_share"), "luan"])
    0
    """
    check_table_arg(statements), check_int(min_places, "min_places", minimum=1)
    from .schema import load_statements, validate_statements

    statements = load_statements() if statements is None else validate_statements(statements, what="supplied statement table")
    indicators = load_indicators().set_index("indicator_id")
    place_ids = list(load_places(study_only=True)["place_id"])
    place_ids += sorted(set(statements["place_id"]) - set(place_ids))
    counts = statements.groupby(["indicator_id", "place_id"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=place_ids, fill_value=0)
    counts.columns.name = "place_id"
    themes = counts.index.map(indicators["theme"])
    order = {theme: rank for rank, theme in enumerate(THEMES)}
    counts.index = pd.MultiIndex.from_arrays([themes, counts.index], names=["theme", "indicator_id"])
    keys = sorted(counts.index, key=lambda key: (order.get(key[0], 99), key[1]))
    counts = counts.loc[keys].astype(int)
    return counts[(counts > 0).sum(axis=1) >= min_places]


def ambition(statements: pd.DataFrame | None = None, *, harmonized: pd.DataFrame | None = None, place: str | None = None) -> pd.DataFrame:
    """Pair baselines with targets and compute the implied change per year.

    For shares (unit ``%``) the change is in percentage points per year; otherwise it is the
    compound growth rate in percent per year. Pairs are matched on place, indicator and scope;
    nothing is extrapolated.

    Returns
    -------
    pandas.DataFrame
        ``place_id``, ``indicator_id``, ``scope_text``, ``baseline_year``, ``baseline_value``,
        ``target_year``, ``target_value``, ``target_qualifier``, ``unit``, ``change_per_year``,
        ``change_unit`` (``pp/yr`` or ``%/yr``), ``statement_ids``.

    Examples
    --------
    >>> amb = ambition(place="linyi").set_index("indicator_id")
    >>> round(float(amb.loc["urbanization_rate", "change_per_year"]), 2)
    0.93
    """
    check_table_arg(statements), check_table_arg(harmonized, "harmonized", what="harmonized table")
    place = None if place is None else check_place(place)
    if harmonized is None:
        harmonized = harmonize(statements)
    rows = harmonized[(harmonized["status"] == "harmonized") & harmonized["value"].notna()].copy()
    if place is not None:
        rows = rows[rows["place_id"] == place]
    rows["scope_key"] = rows["scope_text"].fillna("")
    keys = ["place_id", "indicator_id", "scope_key"]
    base = rows[rows["kind"] == "baseline"]
    target = rows[rows["kind"] == "target"]
    pairs = base.merge(target, on=keys, suffixes=("_b", "_t"))
    pairs = pairs[pairs["year_t"] > pairs["year_b"]]
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
        }
    )
    out = out.replace([np.inf, -np.inf], np.nan)
    return out.drop_duplicates(["place_id", "indicator_id", "scope_text", "baseline_year", "target_year"]).reset_index(drop=True)
