"""Tables for one question: compare an indicator across the five places, coverage, ambition.

:func:`compare` returns one row per study place — always all of them — with the value that best
answers the question, a verdict (``comparable``, ``caveat``, ``not_comparable``, ``not_stated``)
and the caveat in English and Chinese. It never extrapolates and never relabels a year: a 2027
target stays a 2027 target, flagged.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .checks import check_indicator, check_int, check_place, check_scope, check_table_arg, check_year
from .comparability import caveat_text, scope_phrase
from .census import CENSUS_SOURCE_ID
from .harmonize import harmonize
from .pace import census_pairs, national_pace, pair_rows
from .registry import THEMES, load_definition_bases, load_indicators, load_places, place_name
from .sources import load_sources
from .study import Study, with_study

__all__ = ["compare", "coverage", "ambition", "VERDICTS", "COMPARE_COLUMNS"]

#: Indicators that get a 2020 census baseline in :func:`ambition`.
CENSUS_INDICATORS = ("urbanization_rate",)

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
    "draft",
    "definition_basis",
    "definition_basis_en",
    "definition_basis_zh",
    "rules",
]


def _assess(row: pd.Series, *, requested_year: int, basis: str, scope_sensitive: bool) -> list[tuple[str, str, tuple[str, str]]]:
    """Return the verdict rules that apply to one harmonized row against the basis.

    Each hit is ``(rule, verdict, (caveat_en, caveat_zh))``; the rules and their verdicts are listed
    in ``data/registry/verdict_rules.csv``. The row's verdict is the worst verdict of its hits.
    """
    hits: list[tuple[str, str, tuple[str, str]]] = []
    said = scope_phrase(row["scope_text"])
    scope = (row["scope_text"], row["scope_text"]) if isinstance(row["scope_text"], str) and row["scope_text"] else said
    level = row["level"]
    if level != basis:
        if level == "estate":
            hits.append(("estate_standard", "not_comparable", caveat_text("estate_standard", scope=scope)))
        elif level == "prefecture":
            key = "level_prefecture" if scope_sensitive else "level_prefecture_rate"
            hits.append((key, "not_comparable" if scope_sensitive else "caveat", caveat_text(key, scope_said=said)))
        elif level == "urban_core":
            hits.append(("level_urban_core", "not_comparable" if scope_sensitive else "caveat", caveat_text("level_urban_core", scope_said=said)))
        else:
            hits.append(("level_other", "not_comparable", caveat_text("level_other", scope_said=said)))
    elif row["scope_class"] == "each_county":
        hits.append(("each_county_floor", "comparable", caveat_text("each_county_floor", scope_said=said)))
    elif level == "county" and row["scope_class"] == "county_areas" and row["_prefecture"]:
        hits.append(("level_county_aggregate", "caveat", caveat_text("level_county_aggregate", scope_said=said)))
    if pd.isna(row["value"]):
        key = "qualitative" if row["qualifier"] == "qualitative" else "relative"
        hits.append(("no_value", "caveat", caveat_text(key, value_text=row["value_text"])))
    if row["kind"] == "baseline":
        hits.append(("baseline_only", "caveat", caveat_text("baseline_only", year=int(row["year"]))))
    elif int(row["year"]) != requested_year:
        hits.append(("year_differs", "caveat", caveat_text("year_differs", year=int(row["year"]), requested=requested_year)))
    if row["derived"]:
        rule, verdict = ("derived_implausible", "not_comparable") if row["plausibility"] in ("implausible", "parent_level") else ("derived", "caveat")
        hits.append((rule, verdict, (row["warnings_en"], row["warnings_zh"])))
    elif row["warnings_en"]:
        hits.append(("warning", "caveat", (row["warnings_en"], row["warnings_zh"])))
    if row["_draft"]:
        hits.append(("draft", "caveat", caveat_text("draft")))
    return hits


def _verdict(hits: list[tuple[str, str, tuple[str, str]]]) -> str:
    """The worst verdict among the rule hits (``comparable`` when none applies)."""
    return max((hit[1] for hit in hits), key=_RANK.get, default="comparable")


def _basis_names(bases: str, indicator: str, lang: str) -> str:
    """Name the definition bases (``civil;floor_area``) of one statement in ``"en"`` or ``"zh"``."""
    registry = load_definition_bases()
    registry = registry[registry["indicator_id"] == indicator].set_index("basis")
    names = [registry.loc[b, lang] for b in bases.split(";") if b and b in registry.index]
    if not names:
        return caveat_text("definition_unstated")[0 if lang == "en" else 1]
    return (", " if lang == "en" else "、").join(names)


def _definition_caveats(table: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Add a ``definition_differs`` caveat to every stated row when the places' bases differ.

    The caveat names this row's basis and the bases of the places that differ from it.
    """
    if indicator not in set(load_definition_bases()["indicator_id"]):
        return table
    stated = table["verdict"] != "not_stated"
    if table.loc[stated, "definition_basis"].nunique() < 2:
        return table
    places = load_places().set_index("place_id")
    for pos in np.flatnonzero(stated):
        groups: dict[str, list[str]] = {}  # basis → places with it, in table order
        for other in np.flatnonzero(stated):
            if other == pos or table["definition_basis"].iat[other] == table["definition_basis"].iat[pos]:
                continue  # name only the places whose basis differs from this one
            groups.setdefault(table["definition_basis"].iat[other], []).append(table["place_id"].iat[other])
        others_en, others_zh = [], []
        for basis, place_ids in groups.items():
            names_en = " and ".join(places.loc[p, "name_en"] if p in places.index else p for p in place_ids)
            names_zh = "、".join(place_name(p, "zh") if p in places.index else p for p in place_ids)
            e, z = caveat_text("definition_other", place=(names_en, names_zh), basis=(_basis_names(basis, indicator, "en"), _basis_names(basis, indicator, "zh")))
            others_en.append(e)
            others_zh.append(z)
        basis = table["definition_basis"].iat[pos]
        en, zh = caveat_text(
            "definition_differs",
            basis=(_basis_names(basis, indicator, "en"), _basis_names(basis, indicator, "zh")),
            others=(", and ".join(others_en) if len(others_en) < 3 else ", ".join(others_en), "，".join(others_zh)),
        )
        row = table.index[pos]
        table.loc[row, "caveat_en"] = "; ".join(c for c in (table.loc[row, "caveat_en"], en) if c)
        table.loc[row, "caveat_zh"] = "；".join(c for c in (table.loc[row, "caveat_zh"], zh) if c)
        table.loc[row, "verdict"] = max(table.loc[row, "verdict"], "caveat", key=_RANK.get)
        table.loc[row, "rules"] = ";".join(r for r in (table.loc[row, "rules"], "definition_differs") if r)
    return table


@with_study
def compare(
    indicator: str,
    year: int | None = None,
    scope: str | None = None,
    *,
    statements: pd.DataFrame | None = None,
    harmonized: pd.DataFrame | None = None,
    study: Study | str | Path | None = None,
) -> pd.DataFrame:
    """Compare one indicator across the study places, with a verdict and caveats for each.

    Parameters
    ----------
    indicator : str
        An ``indicator_id`` from the registry (e.g. ``"urbanization_rate"``), or its Chinese or
        English name or an alias (``"城镇化率"``).
    year : int, optional
        The comparison year (default the study's, 2025 for the built-in study); values for other
        years are shown with their own year and flagged.
    scope : str, optional
        The comparison basis (a *level*): ``"county"`` (the built-in study's default: a
        county-level jurisdiction, or a prefecture's county areas), ``"prefecture"``,
        ``"urban_core"`` or ``"estate"``; default the study's ``default_basis``.
    statements : pandas.DataFrame, optional
        A user-supplied statement table (validated first); defaults to the curated table.
    harmonized : pandas.DataFrame, optional
        An already harmonized table (skips :func:`harmonize`).
    study : Study, str or Path, optional
        The study (:func:`comparekit.open_study`); default the built-in study.

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
    year = study.comparison_year if year is None else year
    indicator, year, scope = check_indicator(indicator), check_year(year), check_scope(scope)
    check_table_arg(statements), check_table_arg(harmonized, "harmonized", what="harmonized table")
    indicators = load_indicators().set_index("indicator_id")
    if harmonized is None:
        harmonized = harmonize(statements)
    basis = scope or study.default_basis
    scope_sensitive = str(indicators.loc[indicator].get("scope_sensitive", "false")).lower() == "true"
    places = load_places(study_only=True)
    place_ids = list(places["place_id"]) + sorted(set(harmonized["place_id"]) - set(places["place_id"]) - set(load_places()["place_id"]))
    registry_places = load_places()
    prefecture_places = set(registry_places.loc[registry_places["admin_level"] == "prefecture_level_city", "place_id"])
    # a census baseline is reference data, not a plan's statement: ambition() uses it, compare() does not
    rows = harmonized[(harmonized["indicator_id"] == indicator) & (harmonized["status"] == "harmonized") & (harmonized["source_id"] != CENSUS_SOURCE_ID)].copy()
    rows["_prefecture"] = rows["place_id"].isin(prefecture_places)
    documents = load_sources()
    drafts = set(documents.loc[documents["status"] == "draft", "source_id"])
    rows["_draft"] = rows["source_id"].isin(drafts)
    unit = indicators.loc[indicator, "unit"]
    out = []
    for place_id in place_ids:
        candidates = rows[rows["place_id"] == place_id]
        if candidates.empty:
            en, zh = caveat_text("not_stated")
            out.append(dict(place_id=place_id, indicator_id=indicator, year=pd.NA, requested_year=year, kind=None, scope_text=None, scope_class=None, level=None, value=np.nan, value_high=np.nan, qualifier=None, unit=unit, derived=False, verdict="not_stated", caveat_en=en, caveat_zh=zh, statement_ids="", alternatives="", source_id=None, quote=None, draft=False, definition_basis=None, definition_basis_en=None, definition_basis_zh=None, rules="not_stated"))
            continue
        assessed = []
        for order, (_, row) in enumerate(candidates.iterrows()):
            hits = _assess(row, requested_year=year, basis=basis, scope_sensitive=scope_sensitive)
            verdict = _verdict(hits)
            key = (_RANK[verdict], row["level"] != basis, abs(int(row["year"]) - year), _KIND_RANK.get(row["kind"], 3), pd.isna(row["value"]), bool(row["derived"]), order)
            assessed.append((key, row, verdict, hits))
        assessed.sort(key=lambda item: item[0])
        _, best, verdict, hits = assessed[0]
        caveats = [hit[2] for hit in hits if hit[2][0]]
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
                draft=bool(best["_draft"]),
                definition_basis=best["definition_basis"],
                definition_basis_en=_basis_names(best["definition_basis"], indicator, "en"),
                definition_basis_zh=_basis_names(best["definition_basis"], indicator, "zh"),
                rules=";".join(hit[0] for hit in hits) or "same_basis",
            )
        )
    table = pd.DataFrame(out, columns=COMPARE_COLUMNS)
    table = _definition_caveats(table, indicator)
    table["draft"] = table["draft"].astype(bool)
    table["year"] = table["year"].astype("Int64")
    table["value"] = table["value"].astype(float)
    table["value_high"] = table["value_high"].astype(float)
    return table


@with_study
def coverage(statements: pd.DataFrame | None = None, *, min_places: int = 1, study: Study | str | Path | None = None) -> pd.DataFrame:
    """Return the indicator × place matrix of how many statements each plan makes.

    Parameters
    ----------
    statements : pandas.DataFrame, optional
        A statement table (validated first); defaults to the curated table.
    min_places : int
        Keep only indicators stated by at least this many places (``2`` gives the indicators
        that can be compared at all).
    study : Study, str or Path, optional
        The study (:func:`comparekit.open_study`); default the built-in study.

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


@with_study
def ambition(statements: pd.DataFrame | None = None, *, harmonized: pd.DataFrame | None = None, place: str | None = None, census: bool = True, study: Study | str | Path | None = None) -> pd.DataFrame:
    """Pair baselines with targets and compute the implied change per year.

    For shares (unit ``%``) the change is in percentage points per year; otherwise it is the
    compound growth rate in percent per year. Pairs are matched on place, indicator and scope;
    nothing is extrapolated. With *census* (the default) every urbanization target for a place's
    own jurisdiction is also paired with the place's 2020 census urban share
    (``baseline_source`` ``census``: derived from the census, not stated by the plan), giving the
    pace the target needs from 2020; ``national_change_per_year`` is the national pace over
    ``national_period`` (2020–2024: 63.89 % → 67.00 %, 0.78 pp/yr).

    Parameters
    ----------
    statements, harmonized : pandas.DataFrame, optional
        A statement table of your own, or an already harmonized table.
    place : str, optional
        Keep only this place.
    census : bool
        Also pair urbanization targets with the 2020 census baseline (default true).
    study : Study, str or Path, optional
        The study (:func:`comparekit.open_study`); default the built-in study.

    Returns
    -------
    pandas.DataFrame
        ``place_id``, ``indicator_id``, ``scope_text``, ``baseline_year``, ``baseline_value``,
        ``target_year``, ``target_value``, ``target_qualifier``, ``unit``, ``change_per_year``,
        ``change_unit`` (``pp/yr`` or ``%/yr``), ``statement_ids``, ``baseline_source`` (``plan``
        or ``census``), ``national_change_per_year``, ``national_period``.

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
    census_rows = rows[rows["source_id"] == CENSUS_SOURCE_ID]
    rows = rows[rows["source_id"] != CENSUS_SOURCE_ID].copy()
    rows["scope_key"] = rows["scope_text"].fillna("")
    keys = ["place_id", "indicator_id", "scope_key"]
    base = rows[rows["kind"] == "baseline"]
    target = rows[rows["kind"] == "target"]
    pairs = base.merge(target, on=keys, suffixes=("_b", "_t"))
    out = pair_rows(pairs[pairs["year_t"] > pairs["year_b"]], "plan")
    if census:
        census_targets = target[target["indicator_id"].isin(CENSUS_INDICATORS)]
        found = census_pairs(census_targets, load_places(), census_rows if len(census_rows) else None)
        out = pd.concat([out, found], ignore_index=True) if len(found) else out
    paces = {i: national_pace(i) for i in out["indicator_id"].unique()}
    out["national_change_per_year"] = [paces[i][0] if paces[i] else np.nan for i in out["indicator_id"]]
    out["national_period"] = [f"{paces[i][1]}–{paces[i][2]}" if paces[i] else "" for i in out["indicator_id"]]
    return out.drop_duplicates(["place_id", "indicator_id", "scope_text", "baseline_year", "target_year"]).reset_index(drop=True)
