"""Verbatim source texts, pinned to SHA-256 checksums in the source registry.

The five planning documents are kept byte-identical under ``data/sources/``; the registry
``data/registry/sources.csv`` records their metadata and checksum. Loading verifies every checksum,
so an edited or damaged copy is caught before any number is read from it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from .errors import ChecksumError
from .layers import cached
from .tables import lazy_schema
from .study import Study, current_study, study_cache, with_study

__all__ = ["load_sources", "read_source_text", "verify_checksums", "SOURCES_SCHEMA"]

SOURCES_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema(
    {
        "source_id": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$"), unique=True, coerce=True),
        "place_id": pa.Column(str, coerce=True),
        "title_zh": pa.Column(str, coerce=True),
        "title_en": pa.Column(str, coerce=True),
        "issuer_zh": pa.Column(str, coerce=True),
        "issuer_en": pa.Column(str, coerce=True),
        "doc_number": pa.Column(str, nullable=True, coerce=True),
        "issue_date": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$"), nullable=True, coerce=True),
        "status": pa.Column(str, pa.Check.isin(["draft", "issued"]), coerce=True),
        "horizon_start": pa.Column("Int64", coerce=True),
        "horizon_end": pa.Column("Int64", coerce=True),
        "file_name": pa.Column(str, unique=True, coerce=True),
        "sha256": pa.Column(str, pa.Check.str_matches(r"^[0-9a-f]{64}$"), coerce=True),
        "note": pa.Column(str, nullable=True, coerce=True),
    },
    strict=False,
))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_checksums(sources: pd.DataFrame, directory: Path | None = None) -> None:
    """Check every source file against its registered SHA-256.

    Raises
    ------
    ChecksumError
        Naming every missing or altered file, with expected and actual checksums.
    """
    study = current_study()
    directory = Path(directory) if directory else study.sources_dir
    bad = []
    for rec in sources.itertuples(index=False):
        path = directory / rec.file_name
        shown = f"{study.display(study.sources_dir)}/{rec.file_name}"
        if not path.exists():
            bad.append(f"  {rec.source_id}: file {shown} is missing")
            continue
        actual = _sha256(path)
        if actual != rec.sha256:
            bad.append(
                f"  {rec.source_id}: {shown} has been altered "
                f"(expected sha256 {rec.sha256}, found {actual}); restore the verbatim copy"
            )
    if bad:
        raise ChecksumError(f"source texts do not match {study.display(study.sources_file)}:\n" + "\n".join(bad))


def _source_files(study) -> list[Path]:
    """The registry and every verbatim text of the study (what a checked source table depends on)."""
    texts = sorted(p for p in study.sources_dir.glob("*") if p.is_file()) if study.sources_dir.is_dir() else []
    return [study.sources_file, *texts]


def _load_sources_cached() -> pd.DataFrame:
    study = current_study()

    def compute() -> pd.DataFrame:
        from .tables import check_table, read_csv_text

        frame = read_csv_text(study.sources_file, display_name=study.display(study.sources_file))
        sources = check_table(frame, SOURCES_SCHEMA, what="source registry").drop(columns=["_file", "_row"])
        verify_checksums(sources)
        return sources

    return cached("sources", _source_files(study), compute)


@with_study
def load_sources(*, study: Study | str | Path | None = None) -> pd.DataFrame:
    """Return the source registry after verifying every source text's checksum.

    Parameters
    ----------
    study : Study, str or Path, optional
        The study (:func:`comparekit.open_study`); default the built-in study.

    Returns
    -------
    pandas.DataFrame
        One row per document: ``source_id``, ``place_id``, ``title_zh``, ``title_en``, issuer,
        ``doc_number``, ``issue_date``, ``status`` (draft / issued), ``horizon_start``,
        ``horizon_end``, ``file_name``, ``sha256``, ``note``.

    Raises
    ------
    ChecksumError
        If a verbatim copy under ``data/sources/`` was altered or is missing.

    Examples
    --------
    >>> load_sources().set_index("source_id").loc["linyi_county_2023", "doc_number"]
    '临政办字〔2023〕96号'
    """
    return _load_sources_cached().copy()


@study_cache
def read_source_text(source_id: str) -> str:
    """Return the verbatim text of a source (UTF-8, line endings untouched).

    Offsets in the statement table index into exactly this string.

    Examples
    --------
    >>> read_source_text("luan_14fyp")[:7]
    '六安市人民政府'
    """
    sources = _load_sources_cached().set_index("source_id")
    if source_id not in sources.index:
        known = ", ".join(sources.index)
        raise ValueError(f"unknown source_id {source_id!r}; known sources: {known}")
    path = current_study().sources_dir / sources.loc[source_id, "file_name"]
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()
