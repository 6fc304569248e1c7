"""Editing a study folder: add a place by its code, add a document, accept a reviewed draft.

A study folder (``comparekit init``) holds ``study.toml``, ``places.csv``, ``sources.csv`` with the
verbatim texts under ``sources/``, reviewed statements under ``statements/`` and extraction drafts
under ``drafts/``. These functions are what ``comparekit add-place``, ``add-document`` and
``accept`` run. Each one checks everything before it writes, writes each file atomically, and never
overwrites a file that is already there (a row is appended to ``places.csv``/``sources.csv``).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import ComparekitError
from .study import _PLACE_HEADER, _SOURCE_HEADER, STUDY_FILE, Study, builtin_study, open_study
from .study import _problem as _study_problem
from .study import _raise as _raise_table

__all__ = ["init_study", "PLACE_COLUMNS", "SOURCE_COLUMNS", "DocumentAdded", "add_place", "add_document", "accept_draft", "study_file"]

PLACE_COLUMNS = ["place_id", "code", "name_zh", "name_en", "admin_level", "admin_level_zh", "province_zh", "province_en", "parent_code",
                 "parent_zh", "parent_en", "population", "population_date", "urban_share", "population_source", "in_study"]
SOURCE_COLUMNS = ["source_id", "place_id", "title_zh", "title_en", "issuer_zh", "issuer_en", "doc_number", "issue_date", "status",
                  "horizon_start", "horizon_end", "file_name", "sha256", "note"]


@dataclass(frozen=True)
class DocumentAdded:
    """What :func:`add_document` wrote: the source row, the verbatim copy and the draft."""

    source_id: str
    text_path: Path
    sha256: str
    draft_path: Path
    draft: pd.DataFrame


def study_file(folder: str | Path, name: str) -> Path:
    """Return ``folder/name`` after checking that *folder* is a study (has ``study.toml``)."""
    folder = Path(folder)
    if not (folder / "study.toml").is_file():
        raise ComparekitError(f"{folder} is not a study folder (no study.toml); create one with: comparekit init {folder}")
    return folder / name


def _read_rows(path: Path, columns: list[str]) -> pd.DataFrame:
    from .tables import read_csv_text

    if not path.exists():
        return pd.DataFrame(columns=columns)
    frame = read_csv_text(path, display_name=str(path))
    return frame.drop(columns=[c for c in ("_file", "_row") if c in frame.columns])


def _append_row(path: Path, row: dict, columns: list[str]) -> None:
    """Append one CSV row to *path* (created with a header if missing), atomically."""
    import csv
    import io

    from .output import atomic_path

    old = path.read_text(encoding="utf-8") if path.exists() else ""
    header = next(csv.reader([old.split("\n", 1)[0]])) if old.strip() else columns
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not old.strip():
        writer.writerow(header)
    writer.writerow(["" if row.get(c) is None else row.get(c) for c in header])
    if old and not old.endswith("\n"):
        old += "\n"
    with atomic_path(path) as tmp:
        Path(tmp).write_text(old + buffer.getvalue(), encoding="utf-8")


def add_place(folder: str | Path, code: str, *, place_id: str | None = None, name_en: str | None = None) -> dict:
    """Add a place to a study by its division code, filled from the 2020 census reference.

    Returns
    -------
    dict
        The row appended to ``places.csv`` (see :func:`comparekit.census.place_record`).

    Raises
    ------
    ComparekitError
        The code is unknown, or the place (its code or id) is already in the study.
    """
    from .census import place_record

    path = study_file(folder, "places.csv")
    record = place_record(code, place_id=place_id, name_en=name_en)
    places = _read_rows(path, PLACE_COLUMNS)
    for column in ("code", "place_id"):
        if column in places.columns and record[column] in set(places[column].astype(str)):
            raise ComparekitError(f"{path}: a place with {column} {record[column]} is already in the study; nothing written")
    _append_row(path, record, PLACE_COLUMNS)
    return record


def _decode(data: bytes, file: Path) -> tuple[str, str]:
    """The text of a document and its encoding (UTF-8 kept as is; other encodings detected)."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        from .extract import read_document

        text, encoding = read_document(file)
        return text, encoding


def add_document(
    folder: str | Path,
    file: str | Path,
    *,
    place_id: str,
    title: str | None = None,
    title_en: str | None = None,
    issuer: str | None = None,
    issuer_en: str | None = None,
    doc_number: str | None = None,
    date: str | None = None,
    draft: bool = False,
    source_id: str | None = None,
    horizon: int | None = None,
) -> DocumentAdded:
    """Add a planning document to a study and extract a draft of its statements.

    The text is copied verbatim into ``sources/`` (a UTF-8 file byte for byte; a file in another
    encoding is stored as UTF-8 and its encoding noted), its SHA-256 is recorded in
    ``sources.csv``, and :func:`comparekit.extract.extract` writes a review-ready draft to
    ``drafts/<source_id>.csv`` whose offsets index the stored copy. The horizon runs from the year
    of *date* to *horizon* (default: the latest year the draft states). The new ``sources.csv`` row
    is checked against the source schema before anything is written.

    Raises
    ------
    ComparekitError
        The study, the file or the place is missing, the date is malformed, or the source id, the
        stored copy or the draft already exists.
    """
    from .extract import extract
    from .output import atomic_path, write_with

    folder, file = Path(folder), Path(file)
    sources_csv = study_file(folder, "sources.csv")
    if not file.is_file():
        raise ComparekitError(f"{file}: no such file")
    places = _read_rows(folder / "places.csv", PLACE_COLUMNS)
    if place_id not in set(places["place_id"].astype(str)):
        raise ComparekitError(f"--place {place_id}: not a place of this study ({folder / 'places.csv'}); add it first: comparekit add-place {folder} CODE")
    if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise ComparekitError(f"--date {date!r}: expected YYYY-MM-DD")
    sources = _read_rows(sources_csv, SOURCE_COLUMNS)
    known = set(sources["source_id"].astype(str)) if "source_id" in sources.columns else set()
    if source_id is None:
        n = 1 + int((sources["place_id"].astype(str) == place_id).sum()) if len(sources) else 1
        source_id = f"{place_id}_{date[:4] if date else 'doc'}"
        while source_id in known:
            source_id, n = f"{place_id}_{date[:4] if date else 'doc'}_{n}", n + 1
    if not re.fullmatch(r"[a-z][a-z0-9_]*", source_id):
        raise ComparekitError(f"--source-id {source_id!r}: use lower-case letters, digits and _ (starting with a letter)")
    if source_id in known:
        raise ComparekitError(f"{sources_csv}: source_id {source_id} is already in the study; nothing written")
    data = file.read_bytes()
    text, encoding = _decode(data, file)
    stored = data if encoding == "utf-8" else text.encode("utf-8")
    digest = hashlib.sha256(stored).hexdigest()
    if "sha256" in sources.columns and digest in set(sources["sha256"].astype(str)):
        raise ComparekitError(f"{file}: this text is already in the study ({sources_csv}); nothing written")
    text_path = folder / "sources" / f"{len(sources):03d}_{digest[:16]}.txt"
    draft_path = folder / "drafts" / f"{source_id}.csv"
    for path in (text_path, draft_path):
        if path.exists():
            raise ComparekitError(f"{path} already exists; comparekit never overwrites a file")
    year = int(date[:4]) if date else None
    frame = extract(text, source_id=source_id, place_id=place_id, horizon=horizon)
    years = pd.to_numeric(frame["year"], errors="coerce").dropna() if "year" in frame.columns else pd.Series(dtype=float)
    end = horizon or (int(years.max()) if len(years) else year)
    if end is None:
        raise ComparekitError(f"{file}: no plan horizon found (no date, no year in the text); give --horizon YEAR")
    note = "verbatim copy" if encoding == "utf-8" else f"stored as UTF-8; original file in {encoding}, sha256 {hashlib.sha256(data).hexdigest()}"
    row = {
        "source_id": source_id, "place_id": place_id, "title_zh": title or file.stem, "title_en": title_en or title or file.stem,
        "issuer_zh": issuer or "未注明", "issuer_en": issuer_en or issuer or "not given", "doc_number": doc_number or "", "issue_date": date or "",
        "status": "draft" if draft else "issued", "horizon_start": year or min(int(years.min()) if len(years) else end, end),
        "horizon_end": end, "file_name": text_path.name, "sha256": digest, "note": note,
    }
    _check_source_row(row, sources_csv, len(sources) + 2)
    text_path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(text_path) as tmp:
        Path(tmp).write_bytes(stored)
    write_with(draft_path, lambda tmp: frame.to_csv(tmp, index=False, lineterminator="\n"))
    _append_row(sources_csv, row, SOURCE_COLUMNS)
    return DocumentAdded(source_id, text_path, digest, draft_path, frame)


def _check_source_row(row: dict, sources_csv: Path, row_number: int) -> None:
    """Check a new sources.csv row against the source schema before anything is written."""
    from .sources import SOURCES_SCHEMA
    from .tables import check_table

    frame = pd.DataFrame([{k: (None if v == "" else v) for k, v in row.items()}]).assign(_file=str(sources_csv), _row=row_number)
    check_table(frame, SOURCES_SCHEMA, what=f"{sources_csv} (the new row; nothing written)")


def accept_draft(folder: str | Path, draft: str | Path) -> tuple[Path, int]:
    """Move the reviewed rows of a draft into ``statements/``, validated against the study.

    Every row needs an ``indicator_id`` (delete the rows you do not keep). The statement columns
    are kept, the extractor's review columns dropped; the statements are validated together with
    the study's existing statements before anything is written; ``statements/<draft name>`` must
    not exist yet. The draft file is removed once the statements are written.

    Returns
    -------
    tuple
        The statement file written and its number of rows.
    """
    from .output import write_with
    from .schema import STATEMENT_COLUMNS
    from .tables import read_csv_text

    folder, draft = Path(folder), Path(draft)
    statements_dir = study_file(folder, "statements")
    if not draft.is_file():
        raise ComparekitError(f"{draft}: no such draft")
    target = statements_dir / draft.name
    if target.exists():
        raise ComparekitError(f"{target} already exists; comparekit never overwrites a file (rename the draft to accept it as a new file)")
    frame = read_csv_text(draft, display_name=str(draft))
    if "indicator_id" not in frame.columns:
        raise ComparekitError(f"{draft}: no column 'indicator_id'")
    missing = frame["indicator_id"].isna() | frame["indicator_id"].astype(str).str.strip().eq("")
    if missing.any():
        rows = frame.loc[missing, "_row"].astype(int).tolist() if "_row" in frame.columns else list(frame.index[missing] + 2)
        shown = ", ".join(map(str, rows[:15])) + (" …" if len(rows) > 15 else "")
        raise ComparekitError(
            f"{draft}: {len(rows)} row(s) have no indicator_id (column 'indicator_id', rows {shown}); "
            "give each an indicator id (comparekit indicators lists them) or delete the row, then accept again; nothing written"
        )
    absent = [c for c in STATEMENT_COLUMNS if c not in frame.columns]
    if absent:
        raise ComparekitError(f"{draft}: missing column(s) {', '.join(absent)}")
    statements = frame[STATEMENT_COLUMNS]
    _check_against_study(folder, frame[[c for c in frame.columns if c in STATEMENT_COLUMNS or c in ("_file", "_row")]], draft)
    statements_dir.mkdir(parents=True, exist_ok=True)
    write_with(target, lambda tmp: statements.to_csv(tmp, index=False, lineterminator="\n"))
    draft.unlink()
    return target, len(statements)


def _check_against_study(folder: Path, frame: pd.DataFrame, draft: Path) -> None:
    """Validate the draft rows with the study's statements (ids unique across files)."""
    from .schema import validate_statements
    from .study import using

    with using(folder):
        validate_statements(frame, what=str(draft))
    existing = [_read_rows(path, []) for path in sorted((folder / "statements").glob("*.csv"))]
    taken = set(pd.concat(existing)["statement_id"].astype(str)) if existing else set()
    clash = sorted(set(frame["statement_id"].astype(str)) & taken)
    if clash:
        raise ComparekitError(f"{draft}: statement_id {', '.join(clash[:5])} already in {folder / 'statements'}; nothing written")


def init_study(path: str | Path, *, example: bool = False, name: str | None = None) -> Study:
    """Create a study folder at *path* and return it opened.

    Parameters
    ----------
    path : str or Path
        A folder that does not exist yet, or an empty one (nothing is ever overwritten).
    example : bool
        Copy the built-in five-place study (places, sources with their texts, statements) instead
        of starting empty.
    name : str, optional
        The study's name; defaults to the folder name (or the built-in study's with *example*).

    Raises
    ------
    TableError
        If *path* is a file or a folder that is not empty.
    """
    root = Path(path).expanduser()
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        _raise_table("study folder", [_study_problem(str(path), "", "", "already exists and is not an empty folder; choose a new folder (nothing is overwritten)")])
    builtin = builtin_study()
    name = name or (builtin.name if example else root.resolve().name)
    basis, year = builtin.default_basis, builtin.comparison_year
    for folder in ("sources", "statements", "drafts", "registry"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    languages = ", ".join(f'"{lang}"' for lang in builtin.languages)
    (root / STUDY_FILE).write_text(
        f"# comparekit study settings\nname = {_toml_string(name)}\ncomparison_year = {year}\n"
        f"default_basis = \"{basis}\"\nlanguages = [{languages}]\n",
        encoding="utf-8",
    )
    if example:
        shutil.copyfile(builtin.places_file, root / "places.csv")
        shutil.copyfile(builtin.sources_file, root / "sources.csv")
        for folder, target in ((builtin.sources_dir, "sources"), (builtin.statements_dir, "statements")):
            for file in sorted(folder.glob("*")):
                if file.is_file() and not file.name.startswith((".", "__")):
                    shutil.copyfile(file, root / target / file.name)
    else:
        (root / "places.csv").write_text(_PLACE_HEADER, encoding="utf-8")
        (root / "sources.csv").write_text(_SOURCE_HEADER, encoding="utf-8")
    return open_study(root)


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
