"""The build cache: reuse an output whose inputs have not changed since the last build.

Each output *unit* of ``comparekit build`` (one figure at one size in one language, the LaTeX
tables, the workbook, one deck, the explorer) gets a *key*: the SHA-256 of everything that decides
its bytes —

* the environment (:func:`environment_key`): every file of the installed ``comparekit`` package
  (code, templates, labels, style registries), its version, the versions of Python and of the
  libraries that write the files, the matplotlib configuration file and the fonts matplotlib knows;
* the study's input files (settings, registries, source texts; figures leave out the curated
  statements, which reach them only through the data they draw);
* the data the unit draws (:func:`frame_key`) and its options (name, size, language, year).

After a build, ``.build-cache.json`` beside the outputs records, per unit, the key and the SHA-256 of
every file written. The next build copies a unit's files from the previous output instead of
regenerating them when the key is the same *and* every recorded file is still there with the
recorded hash (a file edited or removed by hand is rebuilt). The copy is byte for byte what a full
rebuild writes, because a full rebuild is deterministic (tested). ``force=True``
(``comparekit build --force``) ignores the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from importlib import metadata
from pathlib import Path
from typing import Iterable

import pandas as pd

__all__ = ["BuildCache", "CACHE_NAME", "environment_key", "files_key", "frame_key", "unit_key"]

#: The cache file, written beside the outputs (in the output folder and in the figures folder).
CACHE_NAME = ".build-cache.json"
_LIBRARIES = ("matplotlib", "numpy", "pandas", "pyarrow", "seaborn", "openpyxl", "python-pptx", "xlsxwriter", "pillow", "fonttools")
_ENVIRONMENT: str | None = None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def environment_key() -> str:
    """Return the hash of the code, libraries, configuration and fonts that write the outputs.

    Computed once per process. Any edit to a file of the ``comparekit`` package (code, site
    templates, labels, style registries) changes it, and so does an upgrade of matplotlib,
    pandas … or a font installed or removed.

    Examples
    --------
    >>> len(environment_key())
    64
    """
    global _ENVIRONMENT
    if _ENVIRONMENT is None:
        import matplotlib
        from matplotlib import font_manager

        from . import __version__

        digest = hashlib.sha256()
        package = Path(__file__).resolve().parent
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        versions = [__version__, sys.version] + [f"{name}={_version(name)}" for name in _LIBRARIES]
        digest.update("\n".join(versions).encode())
        rc = Path(matplotlib.matplotlib_fname())
        digest.update(rc.read_bytes() if rc.is_file() else b"-")
        fonts = sorted(f"{font.fname}:{Path(font.fname).stat().st_size if Path(font.fname).exists() else -1}" for font in font_manager.fontManager.ttflist)
        digest.update("\n".join(fonts).encode())
        digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
        _ENVIRONMENT = digest.hexdigest()
    return _ENVIRONMENT


def files_key(paths: Iterable[Path], *, root: Path | None = None) -> str:
    """Return the hash of the names (relative to *root*) and contents of *paths*, in the order given."""
    digest = hashlib.sha256()
    for path in paths:
        path = Path(path)
        name = Path(os.path.relpath(path, root)).as_posix() if root else path.name
        digest.update(name.encode() + b"\0" + _sha256(path).encode() + b"\0")
    return digest.hexdigest()


def frame_key(*frames: pd.DataFrame) -> str:
    """Return the hash of tables: their columns, dtypes, index and every cell (as CSV text).

    Examples
    --------
    >>> a = pd.DataFrame({"x": [1, 2]})
    >>> frame_key(a) == frame_key(a.copy()), frame_key(a) == frame_key(a.astype(float))
    (True, False)
    """
    digest = hashlib.sha256()
    for frame in frames:
        digest.update(repr([(str(c), str(t)) for c, t in frame.dtypes.items()]).encode())
        digest.update(frame.to_csv(lineterminator="\n").encode("utf-8"))
    return digest.hexdigest()


def unit_key(*parts: object) -> str:
    """Return the hash of :func:`environment_key` and *parts* (keys and options, as text)."""
    digest = hashlib.sha256(environment_key().encode())
    for part in parts:
        digest.update(b"\0" + repr(part).encode())
    return digest.hexdigest()


class BuildCache:
    """The cache of one output folder: which unit's files can be copied from the previous build.

    Parameters
    ----------
    folder : Path
        The published output folder (``data/processed`` or ``figures``); its
        ``.build-cache.json`` is read now and replaced by :meth:`save`.
    force : bool
        Ignore the previous build (everything is regenerated); the new cache is still written.
    """

    def __init__(self, folder: Path, *, force: bool = False) -> None:
        self.folder = Path(folder)
        self.previous: dict = {}
        if not force:
            try:
                self.previous = json.loads((self.folder / CACHE_NAME).read_text(encoding="utf-8"))["units"]
            except (OSError, ValueError, KeyError, TypeError):
                self.previous = {}
        self.units: dict[str, dict] = {}
        self.reused: list[Path] = []  # published paths of the files copied from the previous build
        self.built = 0

    def reuse(self, unit: str, key: str, staging: Path) -> list[Path] | None:
        """Copy *unit*'s files from the previous build into *staging* if *key* matches; return them, else None."""
        entry = self.previous.get(unit)
        if not entry or entry.get("key") != key:
            return None
        files = entry.get("files", {})
        for name, digest in files.items():
            path = self.folder / name
            if not path.is_file() or _sha256(path) != digest:
                return None
        copied = []
        for name in files:
            target = Path(staging) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.folder / name, target)
            copied.append(target)
            self.reused.append(self.folder / name)
        self.units[unit] = entry
        return copied

    def record(self, unit: str, key: str, staging: Path, paths: Iterable[Path]) -> None:
        """Remember that *paths* (written under *staging*) are *unit*'s files, built under *key*."""
        staging = Path(staging)
        files = {Path(p).relative_to(staging).as_posix(): _sha256(Path(p)) for p in sorted(set(map(Path, paths)))}
        self.units[unit] = {"key": key, "files": files}
        self.built += len(files)

    def save(self) -> Path:
        """Write ``.build-cache.json`` (sorted, no times: the same build writes the same file)."""
        from .output import atomic_path

        path = self.folder / CACHE_NAME
        with atomic_path(path) as tmp:
            units = {**self.previous, **self.units}  # units this build did not make keep their entry (checked on reuse)
            tmp.write_text(json.dumps({"units": units}, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return path
