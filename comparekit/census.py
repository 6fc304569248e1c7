"""The 2020 census reference: every county-level unit of China, shipped as package data.

Look up a division code (:func:`census_unit`), sum a prefecture's county rows, describe a new place
for the place registry (:func:`place_record`), and give every place its 2020 census urban share as a
baseline (:func:`census_baselines`). A baseline cites the census rows it comes from: its ``quote`` is
the rows' text and ``quote_start``/``quote_end`` are character offsets into the shipped
``comparekit/reference/census2020_county.csv``. Such rows are *derived from the census, not stated
by a plan*: ``derived`` is true and ``source_id`` is :data:`CENSUS_SOURCE_ID`.

The files and their provenance: ``comparekit/reference/README.md``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from .errors import ComparekitError

__all__ = [
    "CENSUS_SOURCE_ID",
    "CENSUS_DATE",
    "CENSUS_TITLE_ZH",
    "CENSUS_TITLE_EN",
    "CensusUnit",
    "census_text",
    "load_census",
    "load_prefectures",
    "load_provinces",
    "census_unit",
    "prefecture_population",
    "place_record",
    "census_baselines",
    "census_provenance",
    "romanize",
]

#: ``source_id`` of every row derived from the census (never a plan's source).
CENSUS_SOURCE_ID = "census2020"
#: Reference date of the 2020 census.
CENSUS_DATE = "2020-11-01"
CENSUS_TITLE_ZH = "《中国人口普查分县资料—2020》"
CENSUS_TITLE_EN = "Tabulation on the 2020 China Population Census by County (National Bureau of Statistics, 2022)"
_CENSUS_FILE = "census2020_county.csv"

#: Admin level by the ending of a county-level name (longest ending first).
_LEVELS = [
    ("自治县", "autonomous_county", "自治县"),
    ("自治旗", "autonomous_banner", "自治旗"),
    ("林区", "forestry_district", "林区"),
    ("特区", "special_district", "特区"),
    ("县", "county", "县"),
    ("市", "county_level_city", "县级市"),
    ("区", "district", "市辖区"),
    ("旗", "banner", "旗"),
]
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "新区", "盟", "省", "市", "县", "区", "旗")


@dataclass(frozen=True)
class CensusUnit:
    """One place as the 2020 census reports it (a county row, or a prefecture's county rows summed).

    ``quote`` is the text of the census row(s), found at ``quote_start:quote_end`` in
    :func:`census_text`; ``rows`` is how many county rows were summed.
    """

    code: str
    name_zh: str
    level: str
    admin_level: str
    admin_level_zh: str
    province_code: str
    province_zh: str
    province_en: str
    prefecture_code: str
    prefecture_zh: str
    population: int
    urban_share: float
    rows: int
    quote: str
    quote_start: int
    quote_end: int


def _read(name: str) -> str:
    return resources.files("comparekit.reference").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def census_text() -> str:
    """Return the shipped census CSV exactly as stored (the text census quotes point into)."""
    return _read(_CENSUS_FILE)


@lru_cache(maxsize=1)
def _census() -> pd.DataFrame:
    text = census_text()
    table = pd.read_csv(io.StringIO(text), dtype={"code": str, "province_code": str, "prefecture_code": str, "name_zh": str, "province_zh": str})
    table["population_2020"] = table["population_2020"].astype("Int64")
    lines = text.split("\n")
    starts = np.cumsum([0] + [len(line) + 1 for line in lines[:-1]])
    table["line_start"] = starts[1 : len(table) + 1]
    table["line_end"] = table["line_start"] + np.array([len(line) for line in lines[1 : len(table) + 1]])
    return table


def load_census() -> pd.DataFrame:
    """Return the 2,990 county-level rows of the 2020 census (a copy; codes as strings).

    Examples
    --------
    >>> census = load_census()
    >>> len(census), int(census["population_2020"].sum())
    (2990, 1409878724)
    """
    return _census().drop(columns=["line_start", "line_end"]).copy()


@lru_cache(maxsize=1)
def _prefectures() -> pd.DataFrame:
    return pd.read_csv(io.StringIO(_read("prefectures.csv")), dtype=str)


@lru_cache(maxsize=1)
def _provinces() -> pd.DataFrame:
    return pd.read_csv(io.StringIO(_read("provinces.csv")), dtype=str)


def load_prefectures() -> pd.DataFrame:
    """Return the prefecture-level names: ``prefecture_code`` (4 digits), ``name_zh``, ``province_code``."""
    return _prefectures().copy()


def load_provinces() -> pd.DataFrame:
    """Return the province-level names: ``province_code`` (2 digits), ``name_zh``, ``name_en``."""
    return _provinces().copy()


def _normalize_code(code: object) -> str:
    text = str(code).strip()
    if not re.fullmatch(r"\d{4}|\d{6}", text):
        raise ComparekitError(f"division code {text!r}: expected 6 digits (e.g. 341222 for 太和县) or 4 digits for a prefecture (e.g. 3415)")
    return text


def census_unit(code: object) -> CensusUnit:
    """Look up a division code in the 2020 census reference.

    A 6-digit code of a county-level unit returns its row. A prefecture's code (4 digits, or
    6 digits ending in ``00``) returns the sum of its county rows, the urban share weighted by
    population (from shares rounded to 2 decimals, so good to about 0.01 pp).

    Raises
    ------
    ComparekitError
        The code is malformed, not in the reference, or has no census figures.

    Examples
    --------
    >>> census_unit("341500").population, census_unit("3416").population
    (4393699, 4996844)
    >>> census_unit("341222").name_zh
    '太和县'
    """
    code = _normalize_code(code)
    census = _census()
    provinces = _provinces().set_index("province_code")
    prefectures = _prefectures().set_index("prefecture_code")
    rows = census[census["code"] == code]
    prefecture = rows.empty and (len(code) == 4 or code.endswith("00"))
    if prefecture:
        rows = census[census["prefecture_code"] == code[:4]]
    if rows.empty:
        raise ComparekitError(f"division code {code} is not in the 2020 census reference ({len(census):,} county-level units; comparekit/reference/census2020_county.csv)")
    if rows["population_2020"].isna().any():
        raise ComparekitError(f"division code {code} ({rows['name_zh'].iloc[0]}) has no 2020 census figures")
    first = rows.iloc[0]
    population = int(rows["population_2020"].sum())
    share = float((rows["population_2020"].astype(float) * rows["urban_share_2020_pct"]).sum() / population)
    pref_code = str(first["prefecture_code"])
    pref_name = str(prefectures["name_zh"].get(pref_code, ""))
    province_code = str(first["province_code"])
    start, end = int(rows["line_start"].min()), int(rows["line_end"].max())
    quote = census_text()[start:end]
    if prefecture and end - start != int((rows["line_end"] - rows["line_start"]).sum()) + len(rows) - 1:
        raise ComparekitError(f"the county rows of prefecture {code} are not contiguous in the census file")
    if prefecture:
        name, admin, admin_zh, level = pref_name, "prefecture_level_city", "地级市", "prefecture"
    else:
        name = str(first["name_zh"])
        admin, admin_zh = next(((a, z) for ending, a, z in _LEVELS if name.endswith(ending)), ("other", "其他"))
        level = "county"
    return CensusUnit(
        code=code if len(code) == 6 else code + "00",
        name_zh=name,
        level=level,
        admin_level=admin,
        admin_level_zh=admin_zh,
        province_code=province_code,
        province_zh=str(first["province_zh"]),
        province_en=str(provinces["name_en"].get(province_code, "")),
        prefecture_code=pref_code,
        prefecture_zh=pref_name,
        population=population,
        urban_share=round(share, 2),
        rows=len(rows),
        quote=quote,
        quote_start=start,
        quote_end=end,
    )


def prefecture_population(code: object) -> int:
    """Return a prefecture's 2020 resident population: the sum of its county rows.

    Examples
    --------
    >>> prefecture_population("341500")
    4393699
    """
    code = _normalize_code(code)
    return census_unit(code[:4]).population


def romanize(name_zh: str) -> str:
    """Return a place name in Hanyu Pinyin without its administrative ending (太和县 → ``Taihe``).

    Syllables starting with a, o or e after the first take an apostrophe (西安 → ``Xi'an``). Readings
    are pypinyin's defaults; a local reading (六安 Lu'an) is given with ``--name-en``.
    """
    from pypinyin import lazy_pinyin

    stem = name_zh
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix) + 1:
            stem = stem[: -len(suffix)]
            break
    syllables = lazy_pinyin(stem)
    text = syllables[0] + "".join(("'" if s[:1] in "aoe" else "") + s for s in syllables[1:]) if syllables else ""
    return text[:1].upper() + text[1:]


def place_record(code: object, *, place_id: str | None = None, name_en: str | None = None, in_study: bool = True) -> dict:
    """Return a row for the place registry (``places.csv``) filled from the census reference.

    Names, admin level, province, parent prefecture, the 2020 resident population and urban share
    come from the census; ``name_en`` defaults to :func:`romanize` of the name and ``place_id`` to
    its lower-case letters.

    Examples
    --------
    >>> row = place_record("341222")
    >>> row["place_id"], row["name_en"], row["parent_en"], row["population"], row["urban_share"]
    ('taihe', 'Taihe', 'Fuyang', 1379982, 44.56)
    """
    unit = census_unit(code)
    name_en = name_en or romanize(unit.name_zh)
    place_id = place_id or re.sub(r"[^a-z_]", "", name_en.lower().replace(" ", "_"))
    if not re.fullmatch(r"[a-z_]+", place_id or ""):
        raise ComparekitError(f"place id {place_id!r}: use lower-case letters and _ only (--id)")
    county = unit.level == "county"
    source = CENSUS_TITLE_ZH + ("" if county else "(sum of its county-level units)")
    return {
        "place_id": place_id,
        "code": unit.code,
        "name_zh": unit.name_zh,
        "name_en": name_en,
        "admin_level": unit.admin_level,
        "admin_level_zh": unit.admin_level_zh,
        "province_zh": unit.province_zh,
        "province_en": unit.province_en,
        "parent_code": unit.prefecture_code + "00" if county else "",
        "parent_zh": unit.prefecture_zh if county else "",
        "parent_en": romanize(unit.prefecture_zh) if county and unit.prefecture_zh not in ("", "市辖区", "县") else "",
        "population": unit.population,
        "population_date": CENSUS_DATE,
        "urban_share": unit.urban_share,
        "population_source": source,
        "in_study": in_study,
    }


def census_baselines(places: pd.DataFrame, indicator: str = "urbanization_rate") -> pd.DataFrame:
    """Give every place its 2020 census urban share as a baseline row, citing the census rows.

    Parameters
    ----------
    places : pandas.DataFrame
        A place registry (``place_id``, ``code``); places whose code is not in the census are
        skipped (they have no census baseline).
    indicator : str
        The indicator the urban share is a baseline of.

    Returns
    -------
    pandas.DataFrame
        One row per place, shaped like a harmonized row: ``kind`` ``baseline``, ``year`` 2020,
        ``source_id`` :data:`CENSUS_SOURCE_ID`, ``derived`` true, ``scope_class``
        ``jurisdiction``, the population as ``denominator``, and the census row(s) as ``quote``
        with offsets into :func:`census_text`. ``warnings_en``/``warnings_zh`` say the value is
        from the census, not stated by the plan.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = census_baselines(pd.DataFrame({"place_id": ["jieshou"], "code": ["341282"]}))
    >>> float(rows["value"].iloc[0]), rows["quote"].iloc[0]
    (47.4, '341282,界首市,34,安徽省,3412,650870,47.40')
    """
    out = []
    for rec in places.itertuples(index=False):
        try:
            unit = census_unit(str(rec.code))
        except ComparekitError:
            continue
        out.append(
            {
                "statement_id": f"{CENSUS_SOURCE_ID}-{unit.code}",
                "place_id": rec.place_id,
                "source_id": CENSUS_SOURCE_ID,
                "indicator_id": indicator,
                "theme": "population_urbanization",
                "scope_text": None,
                "scope_class": "jurisdiction",
                "level": unit.level,
                "year": 2020,
                "kind": "baseline",
                "qualifier": "exact",
                "value": unit.urban_share,
                "value_high": np.nan,
                "unit": "%",
                "value_as_stated": unit.urban_share,
                "unit_as_stated": "%",
                "derived": True,
                "denominator": unit.population,
                "denominator_date": CENSUS_DATE,
                "denominator_source": CENSUS_TITLE_ZH,
                "warnings_en": f"Baseline from the 2020 census (urban share of the resident population, {CENSUS_TITLE_EN}), not stated by the plan"
                + ("" if unit.rows == 1 else f"; sum of {unit.rows} county-level rows"),
                "warnings_zh": f"基线取自2020年第七次全国人口普查（常住人口城镇化率，{CENSUS_TITLE_ZH}），非规划文本所述"
                + ("" if unit.rows == 1 else f"；由{unit.rows}个县级单位汇总"),
                "status": "harmonized",
                "reason_en": "",
                "reason_zh": "",
                "value_text": f"{unit.urban_share:.2f}",
                "quote": unit.quote,
                "quote_start": unit.quote_start,
                "quote_end": unit.quote_end,
                "definition_basis": "resident",
                "plausibility": "",
            }
        )
    frame = pd.DataFrame(out)
    if frame.empty:
        return frame
    frame["year"] = frame["year"].astype("Int64")
    frame["denominator"] = frame["denominator"].astype("Int64")
    return frame


def census_provenance() -> dict:
    """Return the provenance of the census reference as a datapackage ``sources`` entry.

    The full provenance text is ``comparekit/reference/README.md``.
    """
    return {
        "title": f"{CENSUS_TITLE_ZH} ({CENSUS_TITLE_EN}), China Statistics Press 2022, ISBN 978-7-5037-9772-9",
        "path": f"comparekit/reference/{_CENSUS_FILE}",
        "description": (
            "Resident population and urban share of all 2,990 county-level units at 2020-11-01, as transcribed in "
            "the public repository thebamboogrove/tudigong (input/population.csv, MIT licence, commit "
            "4db2f145527695bab2b72d1cce02d30924b6ac95); prefecture names from modood/Administrative-divisions-of-China "
            "(dist/cities.csv, commit 57a0aa9cef47169a2eb74cf057b0245052a34e8c). Prefecture totals are sums of their "
            "county rows. Provenance and checks: comparekit/reference/README.md."
        ),
    }
