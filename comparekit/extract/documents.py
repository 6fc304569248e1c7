"""Document reading and decoding, and extraction over several files.

A document is read as bytes and decoded: a byte-order mark first, then UTF-8, then the CJK legacy
encodings (GB18030, Big5, Shift-JIS) with a check that the result reads as Chinese text, then
UTF-16 without a BOM. A file that decodes to mojibake or binary is refused with a message that
names it, never passed on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from ..errors import ComparekitError
from .core import extract
from .values import EXTRACT_COLUMNS

__all__ = ["DocumentError", "read_document", "extract_documents", "summarize_extraction"]


class DocumentError(ComparekitError):
    """A document cannot be read as text (binary, empty or in an unknown encoding)."""


_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


#: Encodings tried for a file that is not UTF-8 and has no byte-order mark (strict decoding first;
#: when several decode, charset-normalizer picks the one that reads as coherent text).
_LEGACY = ("gb18030", "big5", "shift_jis", "utf_16_le", "utf_16_be")
#: Characters a decoded plan is made of: CJK ideographs, kana, CJK and full-width punctuation,
#: ASCII and common punctuation. A decoding with fewer than _PLAUSIBLE_SHARE of them is mojibake.
_PLAUSIBLE_RE = re.compile(r"[\u3400-\u9fff\u3000-\u30ff\uff00-\uffef\u2000-\u206f\u00a0-\u00ff\x20-\x7e\s]")
_PLAUSIBLE_SHARE = 0.95


def _decode_legacy(path: Path, data: bytes) -> tuple[str, str]:
    """Decode a file that is neither UTF-8 nor marked by a BOM, or raise :class:`DocumentError`."""
    decoded = {}
    for name in _LEGACY:
        if name.startswith("utf_16") and len(data) % 2:
            continue
        try:
            decoded[name] = data.decode(name)
        except UnicodeDecodeError:
            continue
    decoded = {name: text for name, text in decoded.items()
               if len(_PLAUSIBLE_RE.findall(text)) >= _PLAUSIBLE_SHARE * len(text)}
    if not decoded:
        if b"\x00" in data:
            raise DocumentError(f"{path}: looks like a binary file (it contains NUL bytes), not plain text; "
                                "convert it to UTF-8 text first")
        raise DocumentError(f"{path}: not readable as text in UTF-8, GB18030, Big5, Shift-JIS or UTF-16; "
                            "save it as UTF-8")
    if len(decoded) == 1:
        return next(iter(decoded.items()))[::-1]
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(decoded)).best()
    if best is None or best.encoding not in decoded:
        raise DocumentError(f"{path}: decodes as {', '.join(decoded)} but none reads as coherent text "
                            "(it would be mojibake); save it as UTF-8")
    return decoded[best.encoding], best.encoding


def read_document(path: str | Path) -> tuple[str, str]:
    """Read a plan document as text and say which encoding it was in.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are recognised by their bytes. Otherwise
    the file is decoded strictly as GB18030 (which includes GBK and GB2312), Big5, Shift-JIS and
    UTF-16 (little and big endian, no BOM); decodings that are not made of plausible characters
    are dropped, and when several remain ``charset-normalizer`` picks the one that reads as
    coherent text. A file no encoding reads cleanly is refused, never returned as mojibake. Line
    endings are kept as they are, so offsets index into the text exactly as stored.

    Parameters
    ----------
    path : str or Path
        The document (plain text).

    Returns
    -------
    (text, encoding)

    Raises
    ------
    DocumentError
        The file is missing, empty, binary (NUL or control bytes) or in no readable encoding;
        the message names the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
    >>> _ = path.write_bytes("到2025年,城镇化率达到55%左右。".encode("gb18030"))
    >>> read_document(path)
    ('到2025年,城镇化率达到55%左右。', 'gb18030')
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: file not found") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise DocumentError(f"{path}: the file is empty; expected the text of a planning document")
    text, encoding = None, None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(name), name
            except UnicodeDecodeError:
                raise DocumentError(f"{path}: starts with a {name} byte-order mark but is not valid {name}") from None
            break
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(path, data)
    controls = len(_CONTROL_RE.findall(text))
    if controls > max(3, len(text) // 200):
        raise DocumentError(f"{path}: {controls} control characters after decoding as {encoding}; "
                            "this looks like a binary file, not plain text")
    return text, encoding


def _slug(stem: str, i: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", stem.lower()).strip("_")
    return slug if slug[:1].isalpha() else f"doc{i + 1}" + (f"_{slug}" if slug else "")


def extract_documents(paths: Iterable[str | Path], *, place_id: str, source_ids: Sequence[str] | None = None,
                      horizon: int | None = None, progress: bool = True,
                      workers: int | None = None) -> pd.DataFrame:
    """Extract a review-ready draft statement table from several documents of one place.

    Parameters
    ----------
    paths : iterable of str or Path
        Plain-text documents (any encoding :func:`read_document` reads).
    place_id : str
        The place the documents belong to.
    source_ids : sequence of str, optional
        One id per document; by default a slug of each file name.
    horizon : int, optional
        Plan horizon end year for statements without a year (by default the registered horizon of a
        source in the source registry, else the document's title year or a guess, per document).
    progress : bool
        Show a progress bar across files.
    workers : int, optional
        Processes to read each document with (see :func:`extract`).

    Returns
    -------
    pandas.DataFrame
        :data:`EXTRACT_COLUMNS` plus ``file`` (the file name) and ``encoding``; offsets index into
        each document as decoded.

    Raises
    ------
    DocumentError
        Naming the first file that cannot be read.
    """
    from tqdm.auto import tqdm

    paths = [Path(p) for p in paths]
    if source_ids is not None and len(source_ids) != len(paths):
        raise ValueError(f"{len(source_ids)} source ids for {len(paths)} files; give one id per file")
    ids = list(source_ids) if source_ids is not None else []
    if source_ids is None:
        for i, path in enumerate(paths):
            slug = _slug(path.stem, i)
            ids.append(slug if slug not in ids else f"{slug}_{i + 1}")
    from ..sources import load_sources

    registered = load_sources().set_index("source_id")["horizon_end"]
    frames = []
    for path, source_id in tqdm(list(zip(paths, ids)), desc="extracting", unit="file", disable=not progress):
        text, encoding = read_document(path)
        known = horizon is None and source_id in registered.index and not pd.isna(registered[source_id])
        frame = extract(text, source_id=source_id, place_id=place_id, workers=workers,
                        horizon=int(registered[source_id]) if known else horizon)
        frame["file"] = path.name
        frame["encoding"] = encoding
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=EXTRACT_COLUMNS + ["file", "encoding"])
    return pd.concat(frames, ignore_index=True)


def summarize_extraction(draft: pd.DataFrame) -> str:
    """Summarize a draft statement table in a few lines of plain text.

    Counts rows by file (or source), numeric vs qualitative rows, rows with and without an
    indicator id, and rows by kind and year.

    Examples
    --------
    >>> print(summarize_extraction(extract("到2025年,城镇化率达到55%左右,实现全覆盖。", source_id="plan")))
    2 statements (1 numeric, 1 without a number) from 1 document(s)
      plan: 2
    indicator id: 1 matched, 1 unmatched (see indicator_label)
    kind: target 2
    year: 2025 2
    """
    if len(draft) == 0:
        return "no statements found"
    by = "file" if "file" in draft.columns else "source_id"
    groups = draft[by].fillna("(no source)") if by in draft.columns else pd.Series(["(text)"] * len(draft))
    numeric = int(draft["value"].notna().sum())
    matched = int(draft["indicator_id"].notna().sum())
    lines = [f"{len(draft)} statements ({numeric} numeric, {len(draft) - numeric} without a number) "
             f"from {groups.nunique()} document(s)"]
    lines += [f"  {name}: {count}" for name, count in groups.value_counts(sort=False).items()]
    lines.append(f"indicator id: {matched} matched, {len(draft) - matched} unmatched (see indicator_label)")
    kinds = draft["kind"].value_counts()
    lines.append("kind: " + ", ".join(f"{k} {v}" for k, v in kinds.items()))
    years = draft["year"].value_counts(dropna=False).sort_index()
    lines.append("year: " + ", ".join(f"{'none' if pd.isna(k) else k} {v}" for k, v in years.items()))
    return "\n".join(lines)
