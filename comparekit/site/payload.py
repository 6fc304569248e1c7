"""The explorer's data: every comparison it can show, with labels, quotes, sources and method steps.

:func:`comparison_views` runs :func:`comparekit.compare` for every indicator the plans state, for
each year they state it in (and the build's comparison year), on each basis. :func:`site_payload`
turns those tables and the registries into one JSON-ready dict that the page embeds; nothing in it
is computed in the browser except layout.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from ..compare import COMPARE_COLUMNS, compare
from ..registry import THEMES, place_name
from ..style import place_colour
from .method import method_steps
from .text import BASES, chart_subtitle, chart_title, format_number, label, ui_label, ui_labels, unit_label, value_label

__all__ = ["comparison_views", "site_payload", "indicator_download", "view_key", "SHARED_LABELS"]

#: Figure-vocabulary keys (``labels.csv`` of the registry) the page needs besides its own.
SHARED_LABELS = [
    *(f"verdict.{v}" for v in ("comparable", "caveat", "not_comparable", "not_stated")),
    *(f"kind.{k}" for k in ("baseline", "target", "standard")),
    "legend.derived",
    "legend.not_comparable",
]


def view_key(indicator_id: str, year: int, basis: str) -> str:
    """Return the key of one view: ``"indicator|year|basis"``."""
    return f"{indicator_id}|{int(year)}|{basis}"


def _stated_years(harmonized: pd.DataFrame) -> dict[str, list[int]]:
    rows = harmonized[harmonized["status"] == "harmonized"]
    years: dict[str, list[int]] = {}
    for indicator_id, group in rows.groupby("indicator_id", sort=False):
        years[indicator_id] = sorted({int(y) for y in group["year"].dropna()})
    return years


def comparison_views(
    harmonized: pd.DataFrame,
    indicator_ids: list[str],
    *,
    default_year: int,
    bases: list[str] = BASES,
) -> dict[str, pd.DataFrame]:
    """Return ``compare()`` for every indicator, year and basis the explorer offers.

    Parameters
    ----------
    harmonized : pandas.DataFrame
        The harmonized table of the study.
    indicator_ids : list of str
        Indicators to offer (in display order).
    default_year : int
        The build's comparison year, offered for an indicator that no plan states in any year.
    bases : list of str
        Comparison bases (``compare(..., scope=basis)``).

    Returns
    -------
    dict
        :func:`view_key` → the ``compare()`` table.
    """
    years = _stated_years(harmonized)
    # Plain object columns: compare() filters a short table hundreds of times, faster than on Arrow strings.
    harmonized = harmonized.astype({c: object for c in harmonized.columns if pd.api.types.is_string_dtype(harmonized[c])})
    by_indicator = dict(tuple(harmonized.groupby("indicator_id", sort=False)))
    views = {}
    for indicator_id in indicator_ids:
        # compare() lists every study place plus any other place of the table it is given: one row of
        # another indicator per place keeps that list complete while compare() scans a short table.
        others = harmonized[harmonized["indicator_id"] != indicator_id].drop_duplicates("place_id")
        rows = pd.concat([by_indicator.get(indicator_id, harmonized.iloc[:0]), others], ignore_index=True)
        for year in years.get(indicator_id, [int(default_year)]):
            for basis in bases:
                views[view_key(indicator_id, year, basis)] = compare(indicator_id, year, basis, harmonized=rows)
    return views


def indicator_download(views: dict[str, pd.DataFrame], indicator_id: str) -> pd.DataFrame:
    """Return every view of one indicator as one table, with a ``basis`` column after ``requested_year``."""
    frames = []
    for key, table in views.items():
        indicator, _, basis = key.split("|")
        if indicator == indicator_id:
            frame = table.copy()
            frame.insert(frame.columns.get_loc("requested_year") + 1, "basis", basis)
            frames.append(frame)
    return pd.concat(frames, ignore_index=True)


class _Strings:
    """A table of distinct texts; views refer to texts by index, which keeps the page small."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        if text not in self._index:
            self._index[text] = len(self.texts)
            self.texts.append(text)
        return self._index[text]


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _source_line(source_ids: list[str], sources: dict[str, dict], names: dict, lang: str) -> str:
    """One line naming each document by place and document number (or status); full citations are in the sources tab."""
    items = []
    for source_id in dict.fromkeys(source_ids):
        doc = sources.get(source_id)
        if doc is None:
            continue
        place = names.get(doc["place_id"], (doc["place_id"], doc["place_id"]))[0 if lang == "en" else 1]
        refs = [ui_label(f"status.{doc['status']}", lang)] if doc["status"] == "draft" else []
        if isinstance(doc.get("doc_number"), str) and doc["doc_number"]:
            refs.append(doc["doc_number"])
        items.append(ui_label("source.item", lang, place=place, ref=("，" if lang == "zh" else ", ").join(refs)) if refs else place)
    if not items:
        return ""
    return ui_label("source.line", lang, docs=("；" if lang == "zh" else "; ").join(items))


def _national(national: list[dict], indicator_id: str, year: int, unit: str) -> dict | None:
    """The national reference of the indicator in the same unit, for *year* or the nearest earlier year."""
    rows = [ref for ref in national if ref["indicator_id"] == indicator_id and ref["unit"] == unit and int(ref["year"]) <= year]
    if not rows:
        return None
    ref = max(rows, key=lambda r: int(r["year"]))  # the latest; ties keep registry order
    sign = {"about": "≈", "at_least": "≥", "at_most": "≤"}.get(ref["qualifier"], "")
    value = format_number(float(ref["value"]))
    return {
        "value": float(ref["value"]),
        "label": {"zh": f"{ref['label_zh']}：{sign}{value}", "en": f"{ref['label_en']}: {sign}{value}"},
        "source": {"zh": ref["source_zh"], "en": ref["source_en"]},
    }


def _view(table: pd.DataFrame, basis: str, indicator: pd.Series, *, candidates: dict, sources: dict, names: dict, national: list[dict], strings: _Strings) -> dict:
    year = int(table["requested_year"].iloc[0])
    rows = []
    for row in table.to_dict("records"):
        place_rows = candidates.get((row["place_id"], row["indicator_id"]), [])
        steps = method_steps(row, basis=basis, candidates=place_rows, sources=sources, place_names=names.get(row["place_id"], (row["place_id"], row["place_id"])))
        rows.append(
            {
                "data": [None if column == "quote" else _json_value(row[column]) for column in COMPARE_COLUMNS],
                "label": {lang: value_label(row, lang) for lang in ("zh", "en")},
                "method": {"en": [strings(s[0]) for s in steps], "zh": [strings(s[1]) for s in steps]},
            }
        )
    stated_sources = [s for s in table["source_id"] if isinstance(s, str) and s]
    return {
        "title": {lang: chart_title(indicator, year, lang) for lang in ("zh", "en")},
        "subtitle": {lang: strings(chart_subtitle(table, basis, lang)) for lang in ("zh", "en")},
        "source": {lang: strings(_source_line(stated_sources, sources, names, lang)) for lang in ("zh", "en")},
        "national": _national(national, indicator.name, year, indicator["unit"]),
        "rows": rows,
    }


def _place_names(place_id: str, places: pd.DataFrame) -> tuple[str, str]:
    """English and short Chinese name (界首, not 界首市), as the figures write them."""
    try:
        return place_name(place_id, "en"), place_name(place_id, "zh")
    except ValueError:  # a place of the study that the built-in registry does not know
        if place_id in places.index:
            return str(places.loc[place_id, "name_en"]), str(places.loc[place_id, "name_zh"])
        return place_id, place_id


def site_payload(
    views: dict[str, pd.DataFrame],
    *,
    statements: pd.DataFrame,
    harmonized: pd.DataFrame,
    coverage: pd.DataFrame,
    indicators: pd.DataFrame,
    places: pd.DataFrame,
    sources: pd.DataFrame,
    national: pd.DataFrame,
    default: dict,
) -> dict:
    """Return the JSON-ready data the page embeds.

    Parameters
    ----------
    views : dict
        Output of :func:`comparison_views`.
    statements, harmonized, coverage : pandas.DataFrame
        The study's processed tables (``coverage`` with ``theme`` and ``indicator_id`` columns).
    indicators, places, sources, national : pandas.DataFrame
        The study's registries.
    default : dict
        The first view shown: ``indicator``, ``year``, ``basis``, ``lang``.
    """
    registry = indicators.set_index("indicator_id")
    place_rows = places.set_index("place_id")
    place_ids = list(dict.fromkeys(pid for table in views.values() for pid in table["place_id"]))
    names = {pid: _place_names(pid, place_rows) for pid in place_ids}
    offered: dict[str, list[int]] = {}
    payload_views = {}
    strings = _Strings()
    current = harmonized[harmonized["status"] == "harmonized"]
    candidates: dict[tuple[str, str], list[dict]] = {}
    for record in current.to_dict("records"):
        candidates.setdefault((record["place_id"], record["indicator_id"]), []).append(record)
    national = national.to_dict("records")
    documents = {rec["source_id"]: rec for rec in sources.to_dict("records")}
    for key, table in views.items():
        indicator_id, year, basis = key.split("|")
        offered.setdefault(indicator_id, [])
        if int(year) not in offered[indicator_id]:
            offered[indicator_id].append(int(year))
        payload_views[key] = _view(table, basis, registry.loc[indicator_id], candidates=candidates, sources=documents, names=names, national=national, strings=strings)
    labels = ui_labels()
    shared = {lang: {key: label(key, lang) for key in SHARED_LABELS} for lang in ("zh", "en")}
    unit_names = {indicator_id: {lang: unit_label(registry.loc[indicator_id, "unit"], lang) for lang in ("zh", "en")} for indicator_id in offered}
    used = {sid for table in views.values() for sid in table["statement_ids"] if isinstance(sid, str) and sid}
    quotes = statements[statements["statement_id"].isin(used)].drop_duplicates("statement_id")
    cov_places = [c for c in coverage.columns if c not in ("theme", "indicator_id")]
    return {
        "default": default,
        "labels": {lang: {**labels[lang], **shared[lang]} for lang in ("zh", "en")},
        "columns": COMPARE_COLUMNS,
        "bases": BASES,
        "places": [{"id": pid, "en": names[pid][0], "zh": names[pid][1], "colour": place_colour(pid)} for pid in place_ids],
        "indicators": [
            {
                "id": indicator_id,
                "zh": registry.loc[indicator_id, "name_zh"],
                "en": registry.loc[indicator_id, "name_en"],
                "aliases": registry.loc[indicator_id, "aliases"] if isinstance(registry.loc[indicator_id, "aliases"], str) else "",
                "theme": {lang: THEMES.get(registry.loc[indicator_id, "theme"], ("", ""))[0 if lang == "zh" else 1] for lang in ("zh", "en")},
                "unit": unit_names[indicator_id],
                "years": sorted(years),
            }
            for indicator_id, years in offered.items()
        ],
        "sources": [
            {key: _json_value(doc[key]) for key in ("source_id", "place_id", "title_zh", "title_en", "issuer_zh", "issuer_en", "doc_number", "issue_date", "status", "sha256")}
            for _, doc in sources.iterrows()
        ],
        "statements": {rec.statement_id: {"quote": rec.quote, "value_text": rec.value_text, "source_id": rec.source_id} for rec in quotes.itertuples(index=False)},
        "coverage": {
            "places": cov_places,
            "rows": [
                {"indicator": rec["indicator_id"], "name": {lang: registry.loc[rec["indicator_id"], f"name_{lang}"] if rec["indicator_id"] in registry.index else rec["indicator_id"] for lang in ("zh", "en")}, "theme": {lang: THEMES.get(rec["theme"], (rec["theme"], rec["theme"]))[0 if lang == "zh" else 1] for lang in ("zh", "en")}, "counts": [int(rec[p]) for p in cov_places]}
                for _, rec in coverage.iterrows()
            ],
        },
        "views": payload_views,
        "texts": strings.texts,
    }
