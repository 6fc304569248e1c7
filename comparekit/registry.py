"""Registries: places, indicators, units, scope classes and national references.

Registries are data files under ``data/registry/``; this module loads them and checks them in one
place. Each loader reads the active study (:mod:`comparekit.study`): its ``places.csv`` and the
built-in registries with the study's overlays layered over them. Each returns a fresh, validated
:class:`pandas.DataFrame`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .layers import read_registry
from .tables import lazy_schema
from .study import Study, current_study, with_study

__all__ = [
    "load_places",
    "load_indicators",
    "load_units",
    "load_scopes",
    "load_national_references",
    "load_measure_words",
    "load_caveats",
    "load_derivations",
    "load_definition_bases",
    "load_verdict_rules",
    "load_censuses",
    "load_explain_labels",
    "place_name",
    "indicator_name",
    "load_column_labels",
    "THEMES",
    "DIRECTIONS",
]

#: Theme ids with their Chinese and English labels, in display order.
THEMES = {
    "population_urbanization": ("人口与城镇化", "Population & urbanization"),
    "economy_industry": ("经济与产业", "Economy & industry"),
    "infrastructure_transport": ("交通与基础设施", "Transport & infrastructure"),
    "utilities": ("市政公用设施", "Municipal utilities"),
    "public_services": ("公共服务", "Public services"),
    "housing_renewal": ("住房与城市更新", "Housing & urban renewal"),
    "environment_green": ("生态环境与绿色建筑", "Environment & green building"),
    "urban_rural": ("城乡融合", "Urban–rural integration"),
    "digital": ("数字与智慧城市", "Digital & smart city"),
    "governance_safety": ("治理与安全", "Governance & safety"),
}
DIRECTIONS = ["higher", "lower", "neutral"]

# Schemas are written here and built on first use (importing pandera takes about a second).

PLACES_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema(
    {
        "place_id": pa.Column(str, pa.Check.str_matches(r"^[a-z_]+$"), unique=True, coerce=True),
        "code": pa.Column(str, pa.Check.str_matches(r"^\d{6}$"), unique=True, coerce=True),
        "name_zh": pa.Column(str, nullable=False, coerce=True),
        "name_en": pa.Column(str, nullable=False, coerce=True),
        "admin_level": pa.Column(str, nullable=False, coerce=True),
        "province_zh": pa.Column(str, nullable=False, coerce=True),
        "province_en": pa.Column(str, nullable=False, coerce=True),
        "population": pa.Column("Int64", pa.Check.gt(0), coerce=True),
        "population_date": pa.Column(str, nullable=False, coerce=True),
        "urban_share": pa.Column("float64", pa.Check.in_range(0, 100), nullable=True, coerce=True),
        "population_source": pa.Column(str, nullable=False, coerce=True),
        "in_study": pa.Column(bool, coerce=True),
    },
    strict=False,
))

INDICATORS_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema(
    {
        "indicator_id": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$"), unique=True, coerce=True),
        "name_zh": pa.Column(str, nullable=False, coerce=True),
        "name_en": pa.Column(str, nullable=False, coerce=True),
        "theme": pa.Column(str, pa.Check.isin(list(THEMES)), coerce=True),
        "unit": pa.Column(str, nullable=True, coerce=True),
        "direction": pa.Column(str, pa.Check.isin(DIRECTIONS), coerce=True),
        "aliases": pa.Column(str, nullable=True, coerce=True),
        "definition": pa.Column(str, nullable=False, coerce=True),
    },
    strict=False,
))

UNITS_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema(
    {
        "unit": pa.Column(str, unique=True, coerce=True),
        "canonical_unit": pa.Column(str, nullable=False, coerce=True),
        "factor": pa.Column("float64", pa.Check.gt(0), coerce=True),
        "dimension": pa.Column(str, nullable=False, coerce=True),
        "name_en": pa.Column(str, nullable=False, coerce=True),
    },
    strict=False,
))

SCOPES_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema(
    {
        "scope_text": pa.Column(str, unique=True, nullable=True, coerce=True),
        "scope_class": pa.Column(str, nullable=False, coerce=True),
    },
    strict=False,
))

NATIONAL_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema(
    {
        "indicator_id": pa.Column(str, nullable=False, coerce=True),
        "year": pa.Column("Int64", coerce=True),
        "value": pa.Column("float64", coerce=True),
        "qualifier": pa.Column(str, nullable=False, coerce=True),
        "unit": pa.Column(str, nullable=False, coerce=True),
        "label_zh": pa.Column(str, nullable=False, coerce=True),
        "label_en": pa.Column(str, nullable=False, coerce=True),
        "source_zh": pa.Column(str, nullable=False, coerce=True),
        "source_en": pa.Column(str, nullable=False, coerce=True),
    },
    strict=False,
))

CAVEATS_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema({"key": pa.Column(str, unique=True, coerce=True), "en": pa.Column(str, nullable=False, coerce=True), "zh": pa.Column(str, nullable=False, coerce=True)}, strict=False))

DERIVATIONS_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema(
    {
        "from_indicator": pa.Column(str, unique=True, coerce=True),
        "method": pa.Column(str, nullable=False, coerce=True),
        # A row with method "none" says "this count is deliberately not derived": it needs no target,
        # factor, band or wording; every other row needs them all (the check below).
        "to_indicator": pa.Column(str, nullable=True, coerce=True),
        "per": pa.Column("float64", pa.Check.gt(0), nullable=True, coerce=True),
        "plausible_low": pa.Column("float64", pa.Check.ge(0), nullable=True, coerce=True),
        "plausible_high": pa.Column("float64", pa.Check.gt(0), nullable=True, coerce=True),
        "rate_en": pa.Column(str, nullable=True, coerce=True),
        "rate_zh": pa.Column(str, nullable=True, coerce=True),
    },
    checks=pa.Check(
        lambda frame: (frame["method"] == "none")
        | frame[["to_indicator", "per", "plausible_low", "plausible_high", "rate_en", "rate_zh"]].notna().all(axis=1),
        element_wise=False,
        error="a derivation row (method other than 'none') needs to_indicator, per, plausible_low, plausible_high, rate_en and rate_zh",
    ),
    strict=False,
))

DEFINITION_BASES_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema(
    {
        "indicator_id": pa.Column(str, nullable=False, coerce=True),
        "dimension": pa.Column(str, nullable=False, coerce=True),
        "basis": pa.Column(str, nullable=False, coerce=True),
        "words": pa.Column(str, nullable=False, coerce=True),
        "en": pa.Column(str, nullable=False, coerce=True),
        "zh": pa.Column(str, nullable=False, coerce=True),
    },
    unique=["indicator_id", "dimension", "basis"],
    strict=False,
))

VERDICT_RULES_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema(
    {
        "rule": pa.Column(str, unique=True, coerce=True),
        "verdict": pa.Column(str, pa.Check.isin(["comparable", "caveat", "not_comparable", "not_stated"]), coerce=True),
        "en": pa.Column(str, nullable=False, coerce=True),
        "zh": pa.Column(str, nullable=False, coerce=True),
    },
    strict=False,
))

EXPLAIN_LABELS_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema({"key": pa.Column(str, unique=True, coerce=True), "zh": pa.Column(str, nullable=False, coerce=True), "en": pa.Column(str, nullable=False, coerce=True)}, strict=False))

CENSUSES_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema({"date": pa.Column(str, unique=True, coerce=True), "en": pa.Column(str, nullable=False, coerce=True), "zh": pa.Column(str, nullable=False, coerce=True)}, strict=False))


MEASURE_WORDS_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema(
    {
        "word": pa.Column(str, pa.Check.str_matches(r"^[\u3400-\u9fff]{1,3}$"), unique=True, coerce=True),
        "unit": pa.Column(str, nullable=True, coerce=True),
        "meaning": pa.Column(str, nullable=False, coerce=True),
    },
    strict=False,
))


#: Registry name → (file, schema, what, key): an overlay row with the same key replaces the built-in one.
_REGISTRIES = {
    "indicators": ("indicators.csv", INDICATORS_SCHEMA, "indicator registry", ("indicator_id",)),
    "units": ("units.csv", UNITS_SCHEMA, "unit registry", ("unit",)),
    "scopes": ("scopes.csv", SCOPES_SCHEMA, "scope registry", ("scope_text",)),
    "national": ("national_references.csv", NATIONAL_SCHEMA, "national reference registry", ("indicator_id", "year")),
    "measure_words": ("measure_words.csv", MEASURE_WORDS_SCHEMA, "measure-word registry", ("word",)),
    "caveats": ("caveats.csv", CAVEATS_SCHEMA, "caveat registry", ("key",)),
    "derivations": ("derivations.csv", DERIVATIONS_SCHEMA, "derivation registry", ("from_indicator",)),
    "definition_bases": ("definition_bases.csv", DEFINITION_BASES_SCHEMA, "definition-basis registry", ("indicator_id", "dimension", "basis")),
    "verdict_rules": ("verdict_rules.csv", VERDICT_RULES_SCHEMA, "verdict-rule registry", ("rule",)),
    "censuses": ("censuses.csv", CENSUSES_SCHEMA, "census registry", ("date",)),
    "explain_labels": ("explain_labels.csv", EXPLAIN_LABELS_SCHEMA, "explain label registry", ("key",)),
}


def _load(name: str, schema: pa.DataFrameSchema, what: str, directory: Path | None = None, key: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read registry file *name* of the active study (or from *directory*), layered and validated."""
    files = [Path(directory) / name] if directory is not None else None
    return read_registry(name, schema, what, key, files=files)


def _cached(name: str) -> pd.DataFrame:
    """Return a registry of the active study (shared, cached; callers copy)."""
    if name == "places":
        return read_registry("places.csv", PLACES_SCHEMA, "place registry", ("place_id",), files=[current_study().places_file])
    file_name, schema, what, key = _REGISTRIES[name]
    return read_registry(file_name, schema, what, key)


@with_study
def load_places(*, study_only: bool = False, study: Study | str | Path | None = None) -> pd.DataFrame:
    """Return the place registry (GB/T 2260 codes, names, admin level, reference population).

    Parameters
    ----------
    study_only : bool
        Keep only the five places whose plans are compared (drops reference places such as
        Bozhou city, which is kept to test whether a Qiaocheng figure is city-level).
    study : Study, str or Path, optional
        The study (:func:`comparekit.open_study`); default the built-in study. The same
        keyword is taken by every ``load_*`` function of the public namespace.

    Examples
    --------
    >>> load_places(study_only=True)["name_en"].tolist()
    ['Jieshou', "Lu'an", 'Chengwu', 'Qiaocheng', 'Linyi']
    """
    places = _cached("places").copy()
    return places[places["in_study"]].reset_index(drop=True) if study_only else places


@with_study
def load_indicators(*, study: Study | str | Path | None = None) -> pd.DataFrame:
    """Return the bilingual indicator registry (one row per canonical indicator).

    Examples
    --------
    >>> load_indicators().set_index("indicator_id").loc["urbanization_rate", "name_zh"]
    '常住人口城镇化率'
    """
    return _cached("indicators").copy()


@with_study
def load_units(*, study: Study | str | Path | None = None) -> pd.DataFrame:
    """Return the unit registry: unit as written → canonical unit and factor."""
    return _cached("units").copy()


def load_measure_words() -> pd.DataFrame:
    """Return the measure-word registry: a CJK measure word → the unit it is written as in the unit
    registry (empty for a word the unit registry does not know; the extractor keeps such a unit
    as written and flags it)."""
    return _cached("measure_words").copy()


@with_study
def load_scopes(*, study: Study | str | Path | None = None) -> pd.DataFrame:
    """Return the scope registry: scope text as written → normalized scope class."""
    return _cached("scopes").copy()


@with_study
def load_national_references(*, study: Study | str | Path | None = None) -> pd.DataFrame:
    """Return national reference values (with their sources) for indicators that have one."""
    return _cached("national").copy()


def load_caveats() -> pd.DataFrame:
    """Return the bilingual caveat templates (``key``, ``en``, ``zh``) used by harmonize and compare."""
    return _cached("caveats").copy()


def load_derivations() -> pd.DataFrame:
    """Return the derivation rules: absolute count → per-capita rate, with the plausible band."""
    return _cached("derivations").copy()


def load_definition_bases() -> pd.DataFrame:
    """Return the definition-basis words: wording that narrows an indicator's concept.

    One row per ``(indicator_id, dimension, basis)``; ``words`` are ``|``-separated substrings that,
    found in a statement's quote, record that basis (first match per dimension, in file order).

    Examples
    --------
    >>> bases = load_definition_bases()
    >>> bases.query("indicator_id == 'green_building_share' and basis == 'starts'")["words"].item()
    '开工'
    """
    return _cached("definition_bases").copy()


def load_verdict_rules() -> pd.DataFrame:
    """Return the verdict rules of :func:`comparekit.compare` with their verdicts, in English and Chinese."""
    return _cached("verdict_rules").copy()


def load_censuses() -> pd.DataFrame:
    """Return census reference dates with their names in English and Chinese."""
    return _cached("censuses").copy()


def load_explain_labels() -> pd.DataFrame:
    """Return the wording of :func:`comparekit.explain` (``key``, ``zh``, ``en``; ``{fields}`` filled in later)."""
    return _cached("explain_labels").copy()


def place_name(place_id: str, lang: str = "en") -> str:
    """Return the short display name of a place in ``"zh"`` or ``"en"``.

    Examples
    --------
    >>> place_name("luan", "zh"), place_name("luan")
    ('六安', "Lu'an")
    """
    places = load_places().set_index("place_id")
    if place_id not in places.index:
        study = current_study()
        raise ValueError(f"unknown place_id {place_id!r}; add it to {study.display(study.places_file)}")
    row = places.loc[place_id]
    if lang == "zh":
        name = row["name_zh"]
        return name[:-1] if len(name) > 2 and name[-1] in "市县区" else name
    return row["name_en"]


def indicator_name(indicator_id: str, lang: str = "en") -> str:
    """Return the registry name of an indicator in ``"zh"`` or ``"en"``."""
    indicators = load_indicators().set_index("indicator_id")
    if indicator_id not in indicators.index:
        study = current_study()
        raise ValueError(f"unknown indicator_id {indicator_id!r}; add it to {study.display(study.registry_files('indicators.csv')[-1])}")
    row = indicators.loc[indicator_id]
    return row["name_zh"] if lang == "zh" else row["name_en"]


COLUMN_LABELS_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema(
    {
        "column": pa.Column(str, unique=True, coerce=True),
        "zh": pa.Column(str, coerce=True),
        "en": pa.Column(str, coerce=True),
    },
    strict=False,
))


def load_column_labels() -> pd.DataFrame:
    """Return bilingual display headers of table columns (``column``, ``zh``, ``en``) for exports.

    Examples
    --------
    >>> load_column_labels().set_index("column").loc["quote", "en"]
    'Verbatim quote'
    """
    return read_registry("column_labels.csv", COLUMN_LABELS_SCHEMA, "column label registry", ("column",)).copy()
