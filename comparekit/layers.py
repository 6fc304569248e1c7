"""Registry files of a study, layered over the built-in ones, validated once and cached.

A study's overlay (``registry/indicators.csv`` in the study folder) replaces the built-in row with
the same key and adds its other rows; the merged table is validated as one, so an error still names
the file and line each row came from.

Validated tables are cached in memory and on disk (``~/.cache/comparekit`` or
``$XDG_CACHE_HOME/comparekit``; set ``COMPAREKIT_CACHE=off`` to switch the disk cache off, or to a
folder to move it). An entry is keyed by the size and modification time of every file it was made
from and of comparekit's own code, so an edited registry is read and checked again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pandas as pd

from .study import Study, current_study

__all__ = ["read_registry", "overlay_frames", "cached", "file_stamp", "cache_dir"]

_MEMORY: dict[tuple, object] = {}
_CODE_STAMP: list[str] = []


def file_stamp(paths: Iterable[Path]) -> tuple:
    """Return ``(path, mtime_ns, size)`` for each path (``None``s for a missing file)."""
    out = []
    for path in paths:
        try:
            stat = os.stat(path)
            out.append((str(path), stat.st_mtime_ns, stat.st_size))
        except OSError:
            out.append((str(path), None, None))
    return tuple(out)


def _code_stamp() -> str:
    """A digest of comparekit's own code files (an edit in a checkout invalidates the disk cache)."""
    if not _CODE_STAMP:
        package = Path(__file__).resolve().parent
        files = sorted(package.rglob("*.py"))
        text = repr((sys.version_info[:2], pd.__version__, file_stamp(files)))
        _CODE_STAMP.append(hashlib.sha256(text.encode()).hexdigest()[:16])
    return _CODE_STAMP[0]


def cache_dir() -> Path | None:
    """Return the disk cache folder, or ``None`` when ``COMPAREKIT_CACHE=off``."""
    setting = os.environ.get("COMPAREKIT_CACHE", "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "comparekit"


def _disk_path(name: str, stamp: tuple) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    where = hashlib.sha256(repr((name, [entry[0] for entry in stamp])).encode()).hexdigest()[:12]
    when = hashlib.sha256(repr((_code_stamp(), stamp)).encode()).hexdigest()[:16]
    return folder / f"{name}-{where}-{when}.pkl"


def _disk_get(path: Path | None) -> object | None:
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # a missing, partial or stale entry is simply rebuilt
        return None


def _disk_put(path: Path | None, value: object) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        stale = path.name.rsplit("-", 1)[0]  # older entries made from the same files
        for old in path.parent.glob(f"{stale}-*.pkl"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only home: no disk cache, same answers
        pass


def cached(name: str, files: Sequence[Path], compute: Callable[[], object]) -> object:
    """Return ``compute()``, cached in memory and on disk under *name* and the stamps of *files*.

    The caller must not modify the returned object (hand out copies).
    """
    stamp = file_stamp(files)
    key = (name, stamp)
    if key in _MEMORY:
        return _MEMORY[key]
    path = _disk_path(name, stamp)
    value = _disk_get(path)
    if value is None:
        value = compute()
        _disk_put(path, value)
    _MEMORY[key] = value
    return value


def overlay_frames(frames: Sequence[pd.DataFrame], key: Sequence[str], *, names: Sequence[str]) -> pd.DataFrame:
    """Layer *frames* (read by :func:`~comparekit.tables.read_csv_text`): a later row replaces the
    earlier row with the same *key* in place, other rows are added at the end."""
    from .tables import problems_frame
    from .errors import TableError

    merged = frames[0]
    for frame, name in zip(frames[1:], names[1:]):
        missing = [column for column in key if column not in frame.columns]
        if missing:
            raise TableError("registry overlay", problems_frame([(name, 1, column, "", f"an overlay needs the key column {column!r} of {names[0]}") for column in missing]))
        keys_of = lambda table: list(zip(*(table[column].tolist() for column in key)))  # noqa: E731
        position = {k: i for i, k in enumerate(keys_of(merged))}
        merged = pd.concat([merged, frame.iloc[0:0]], ignore_index=True) if len(frame.columns.difference(merged.columns)) else merged.copy()
        added = []
        for row_key, (_, row) in zip(keys_of(frame), frame.iterrows()):
            if row_key in position:
                target = merged.index[position[row_key]]
                merged.loc[target, :] = None
                merged.loc[target, row.index] = row.values
            else:
                added.append(row)
        if added:
            merged = pd.concat([merged, pd.DataFrame(added)], ignore_index=True)
    return merged.astype({"_row": "int64"}) if "_row" in merged.columns else merged


def read_registry(file_name: str, schema, what: str, key: Sequence[str], *, study: Study | None = None, files: Sequence[Path] | None = None) -> pd.DataFrame:
    """Return registry *file_name* of the study (layered, validated with *schema*, cached).

    The returned frame is shared: callers hand out copies. The bookkeeping columns ``_file`` and
    ``_row`` are dropped.
    """
    study = study or current_study()
    layers = list(files) if files is not None else study.registry_files(file_name)

    def compute() -> pd.DataFrame:
        from .tables import check_table, read_csv_text

        names = [study.display(path) for path in layers]
        frames = [read_csv_text(path, display_name=name) for path, name in zip(layers, names)]
        merged = overlay_frames(frames, key, names=names) if len(frames) > 1 else frames[0]
        return check_table(merged, schema, what=what).drop(columns=["_file", "_row"])

    return cached(f"registry-{file_name}", layers, compute)
