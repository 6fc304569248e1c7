"""The figure vocabulary ``data/registry/labels.csv``: verdict names, axis words, source-line templates, zh and en."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..study import Study, current_study
from ..tables import lazy_schema
from .registry import LANGS

__all__ = ["LABELS_SCHEMA", "load_labels", "label"]

_LABELS_FILE = "labels.csv"

LABELS_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema(
    {
        "key": pa.Column(str, unique=True, coerce=True),
        "zh": pa.Column(str, nullable=False, coerce=True),
        "en": pa.Column(str, nullable=False, coerce=True),
    },
    strict=False,
))


@lru_cache(maxsize=None)
def _labels_cached(study: Study) -> pd.DataFrame:
    from ..layers import read_registry

    return read_registry(_LABELS_FILE, LABELS_SCHEMA, "figure label registry", ("key",), study=study)


def load_labels() -> pd.DataFrame:
    """Return the figure vocabulary ``data/registry/labels.csv`` (columns ``key``, ``zh``, ``en``).

    Examples
    --------
    >>> load_labels().set_index("key").loc["verdict.not_stated", "zh"]
    '未提及'
    """
    return _labels_cached(current_study()).copy()


def _check_lang(lang: str) -> str:
    from ..checks import check_lang

    return check_lang(lang)


def label(key: str, lang: str = "en", **fields: object) -> str:
    """Return the figure label *key* in ``"zh"`` or ``"en"``, with ``{fields}`` filled in.

    Raises
    ------
    KeyError
        If *key* is not in ``data/registry/labels.csv`` (the message says which file to edit).

    Examples
    --------
    >>> label("verdict.not_stated", "zh"), label("axis.value", "en", indicator="GDP growth", unit="%")
    ('未提及', 'GDP growth (%)')
    """
    _check_lang(lang)
    try:
        text = _label_index(current_study())[lang][key]
    except KeyError:
        raise KeyError(f"label {key!r} is not in data/registry/{_LABELS_FILE}; add a row key,zh,en") from None
    return text.format(**fields) if fields else text


@lru_cache(maxsize=None)
def _label_index(study: Study) -> dict[str, dict[str, str]]:
    table = _labels_cached(study)
    return {lang: dict(zip(table["key"], table[lang])) for lang in LANGS}
