"""Source lines: the full citation of each document, and the short line printed under a chart.

A plan is cited from ``data/registry/sources.csv``; the 2020 census (:data:`comparekit.census.CENSUS_SOURCE_ID`,
the source of census baselines, which no plan states) from the census reference's own provenance.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..errors import ComparekitError
from ..style import _check_lang, label
from ._common import split_ids, text

__all__ = ["source_line", "short_source_line"]


def _split_census(ids: list[str]) -> tuple[list[str], bool]:
    """The plan ids, and whether the census is cited too."""
    from ..census import CENSUS_SOURCE_ID

    return [i for i in ids if i != CENSUS_SOURCE_ID], CENSUS_SOURCE_ID in ids


def _census_citation(lang: str) -> str:
    from ..census import CENSUS_DATE, CENSUS_TITLE_EN, CENSUS_TITLE_ZH

    return label("source.census_item", lang, title=CENSUS_TITLE_ZH if lang == "zh" else CENSUS_TITLE_EN, date=CENSUS_DATE)




def _sources_table(ids: list[str]):
    from ..sources import load_sources

    sources = load_sources().set_index("source_id")
    unknown = [i for i in ids if i not in sources.index]
    if unknown:
        raise ComparekitError(f"source id(s) {', '.join(map(repr, unknown))} are not in data/registry/sources.csv")
    return sources


def source_line(source_ids: Iterable[str], *, lang: str = "en") -> str:
    """Return the full citation line naming documents by title, issuer and document number.

    Parameters
    ----------
    source_ids : iterable of str
        Source ids from ``data/registry/sources.csv`` (``";"``-joined ids are split; repeats and
        empty values are dropped; order is kept), and ``census2020`` for the 2020 census (cited last).
    lang : {"en", "zh"}

    Returns
    -------
    str
        ``""`` if there is no source id.

    Raises
    ------
    ComparekitError
        If an id is not in the source registry.

    Examples
    --------
    >>> source_line(["linyi_county_2023"], lang="zh")
    '资料来源：《关于推进以县城为重要载体的城镇化建设实施方案》，临沂市人民政府办公室，临政办字〔2023〕96号，2023-11-22。'
    """
    _check_lang(lang)
    ids = split_ids(source_ids)
    if not ids:
        return ""
    items = _citations(ids, lang)
    key = "source.line_one" if len(items) == 1 else "source.line_many"
    return label(key, lang, docs=label("source.separator", lang).join(items))


def _citations(ids: list[str], lang: str) -> list[str]:
    ids, census = _split_census(ids)
    sources = _sources_table(ids)
    items = []
    for source_id in ids:
        row = sources.loc[source_id]
        fields = {"title": text(row[f"title_{lang}"]), "issuer": text(row[f"issuer_{lang}"])}
        doc_number = text(row["doc_number"])
        key = "source.item_doc" if doc_number else "source.item"
        item = label(key, lang, doc_number=doc_number, **fields)
        date = text(row.get("issue_date"))
        if date:
            item = label("source.item_date", lang, item=item, date=date)
        items.append(item)
    return items + ([_census_citation(lang)] if census else [])


def short_source_line(source_ids: Iterable[str], *, lang: str = "en", compact: bool = False) -> str:
    """Return the one- or two-line source line printed under a chart: place and year of each document.

    Drafts are marked as such (sources registry ``status == "draft"``); the full citations are in
    the caption (:func:`caption`). *compact* names the places only, with the span of years (for
    narrow figures, where the full short line would take more than two lines).

    Examples
    --------
    >>> short_source_line(["luan_14fyp", "jieshou_pilot"], lang="en")
    "Sources: plans of Lu'an (2023), Jieshou (2023, draft for comment); full citations in the caption."
    >>> short_source_line(["luan_14fyp", "census2020"], lang="en")
    "Sources: plans of Lu'an (2023); 2020 census (NBS); full citations in the caption."
    """
    from ..registry import place_name

    _check_lang(lang)
    ids, census = _split_census(split_ids(source_ids))
    if not ids:
        return label("source.census_only", lang, census=label("source.short_census", lang)) if census else ""
    sources = _sources_table(ids)
    items, years = [], []
    for source_id in ids:
        row = sources.loc[source_id]
        date = text(row.get("issue_date"))
        year_ = date[:4] if re.match(r"^\d{4}", date) else text(row.get("horizon_start"))[:4]
        years.append(year_)
        key = "source.short_draft" if text(row.get("status")) == "draft" else "source.short"
        place = place_name(text(row["place_id"]), lang)
        items.append(place if compact else label(key, lang, place=place, year=year_))
    docs = label("source.short_separator", lang).join(dict.fromkeys(items))
    extra = {"census": label("source.short_census", lang)} if census else {}
    suffix = "_census" if census else ""
    if compact:
        span = f"{min(years)}–{max(years)}" if min(years) != max(years) else min(years)
        return label(f"source.compact_line{suffix}", lang, docs=docs, years=span, **extra)
    return label(f"source.short_line{suffix}", lang, docs=docs, **extra)
