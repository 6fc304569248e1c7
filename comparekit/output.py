"""Writing files safely: atomic replaces, guarded destinations, staged builds and the build manifest.

Every file comparekit writes goes through here:

* :func:`atomic_path` — a temporary file in the same folder, renamed over the final name with
  :func:`os.replace` only once it is complete; a killed process never leaves a half-written file
  under a final name.
* :func:`check_destination` — refuses to write over an input, into the project's verbatim
  sources, registries or curated statements (unless asked), or through a symbolic link that
  resolves outside the chosen output folder.
* :func:`staged` — a whole set of outputs (a build, a folder of LaTeX tables) is written into a
  hidden staging folder first; only when every file is complete are they moved into place, each
  with :func:`os.replace`. If producing them fails, the previous output is untouched.
* :func:`write_manifest` — ``build.json``, written last: comparekit version, start and end time,
  and the SHA-256 of every input and output. While files are being moved into place the folder
  holds a ``BUILD_INCOMPLETE`` marker instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import ComparekitError
from .study import builtin_study, current_study

__all__ = [
    "PROTECTED_DIRS",
    "protected_paths",
    "MANIFEST_NAME",
    "INCOMPLETE_MARKER",
    "OutputError",
    "atomic_path",
    "check_destination",
    "check_output_dir",
    "staged",
    "Stage",
    "sha256",
    "write_manifest",
    "write_with",
    "mark_incomplete",
    "now",
]

#: Folders of the built-in study no command writes into unless explicitly asked (the inputs of every build).
PROTECTED_DIRS = builtin_study().protected_paths


def protected_paths() -> tuple[Path, ...]:
    """The built-in study's inputs and those of the active study (its sources, statements, registries)."""
    return tuple(dict.fromkeys((*builtin_study().protected_paths, *current_study().protected_paths)))


def _shown(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"
MANIFEST_NAME = "build.json"
INCOMPLETE_MARKER = "BUILD_INCOMPLETE"


class OutputError(ComparekitError):
    """An output path was refused (it would overwrite an input, a protected file or leave the folder)."""


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def check_destination(path: str | Path, *, inputs: Iterable[str | Path] = (), root: str | Path | None = None, allow_protected: bool = False) -> Path:
    """Return *path* if comparekit may write it; raise :class:`OutputError` otherwise.

    Parameters
    ----------
    path : str or Path
        The file about to be written.
    inputs : iterable of path
        Files the command reads: writing over one of them is always refused.
    root : path, optional
        The chosen output folder: *path* must resolve inside it (a symbolic link pointing out of
        the folder is refused).
    allow_protected : bool
        Allow writing into ``data/sources``, ``data/curated`` or ``data/registry`` (or a study's
        ``sources/``, ``statements/``, ``registry/``, ``places.csv``, ``sources.csv``).
    """
    return _destination_check(inputs=inputs, root=root, allow_protected=allow_protected)(path)


def _destination_check(*, inputs: Iterable[str | Path] = (), root: str | Path | None = None, allow_protected: bool = False) -> Callable[[str | Path], Path]:
    """The check of :func:`check_destination`, with the inputs, root and protected folders resolved once."""
    real_inputs = {Path(source).resolve() for source in inputs if Path(source).exists()}
    real_root = Path(root).resolve() if root is not None else None
    protected = () if allow_protected else tuple((folder, folder.resolve()) for folder in protected_paths())

    def check(path: str | Path) -> Path:
        path = Path(path)
        resolved = path.resolve()
        if resolved in real_inputs:
            raise OutputError(f"refusing to write {path}: it is one of the input files; choose another --out")
        if real_root is not None and not resolved.is_relative_to(real_root):
            raise OutputError(f"refusing to write {path}: it resolves to {resolved}, outside the output folder {root} (a symbolic link?)")
        for folder, real in protected:
            if resolved.is_relative_to(real):
                raise OutputError(f"refusing to write {path}: it is inside {_shown(folder)}, which holds the project's inputs; pass --force to write there anyway")
        if path.is_dir() and not path.is_symlink():
            raise OutputError(f"refusing to write {path}: it is a folder, not a file")
        return path

    return check


def check_output_dir(folder: str | Path, *, allow_protected: bool = False, what: str = "--out") -> Path:
    """Return *folder* as the output folder of a command, creating it if it is missing.

    Raises :class:`OutputError` if it is an existing file, or is (inside) a protected input folder.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{what} {folder} is a file, not a folder")
    if not allow_protected:
        for protected in protected_paths():
            if _inside(folder, protected):
                raise OutputError(f"{what} {folder} is inside {_shown(protected)}, which holds the project's inputs; choose another folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{what} {folder}: cannot create the folder ({exc.strerror or exc})") from None
    return folder


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside *path*; on success it replaces *path* atomically.

    The temporary name keeps the suffix (writers such as matplotlib read the format from it).
    On an exception the temporary file is removed and *path* is left as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "table.csv"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("a,b\\n", encoding="utf-8")
    >>> target.read_text(encoding="utf-8")
    'a,b\\n'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=path.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def sha256(path: str | Path) -> str:
    """Return the SHA-256 hex digest of a file."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Stage:
    """A hidden staging folder inside an output folder; :meth:`publish` moves its files into place.

    Parameters
    ----------
    folder : path
        The output folder (created if missing; refused if it is a file or a protected folder).
    inputs : iterable of path
        Files that must never be overwritten.
    allow_protected : bool
        Allow an output folder inside ``data/sources``, ``data/curated`` or ``data/registry``.
    """

    def __init__(self, folder: str | Path, *, inputs: Iterable[str | Path] = (), allow_protected: bool = False, what: str = "--out") -> None:
        self.folder = check_output_dir(folder, allow_protected=allow_protected, what=what)
        self.inputs = list(inputs)
        self.allow_protected = allow_protected
        self.path = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.folder))

    def moves(self) -> list[tuple[Path, Path]]:
        """Return ``(staged file, final path)`` pairs, after checking every final path."""
        files = sorted(p for p in self.path.rglob("*") if p.is_file())
        moves = [(p, self.folder / p.relative_to(self.path)) for p in files]
        check = _destination_check(inputs=self.inputs, root=self.folder, allow_protected=self.allow_protected)
        for _, final in moves:
            check(final)
        return moves

    def publish(self, moves: list[tuple[Path, Path]] | None = None) -> list[Path]:
        """Move every staged file into place with :func:`os.replace`; return the final paths."""
        published = []
        for source, final in moves if moves is not None else self.moves():
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, final)
            published.append(final)
        return published

    def discard(self) -> None:
        """Remove the staging folder and whatever is left in it."""
        shutil.rmtree(self.path, ignore_errors=True)


@contextlib.contextmanager
def staged(folder: str | Path, *, inputs: Iterable[str | Path] = (), allow_protected: bool = False) -> Iterator[tuple[Path, list[Path]]]:
    """Stage outputs in a hidden folder inside *folder*, then move them into place atomically.

    Yields ``(staging, published)``: write every output under *staging*; when the block ends
    without error each file is moved to the same relative path under *folder* with
    :func:`os.replace` (after every destination has been checked by :func:`check_destination`),
    and *published* is filled with the final paths. On an error nothing is moved and the staging
    folder is removed.
    """
    stage = Stage(folder, inputs=inputs, allow_protected=allow_protected)
    published: list[Path] = []
    try:
        yield stage.path, published
        published.extend(stage.publish())
    finally:
        stage.discard()


def mark_incomplete(folder: Path, started: str) -> None:
    """Replace the manifest of *folder* by a ``BUILD_INCOMPLETE`` marker (done before files are moved)."""
    with atomic_path(folder / INCOMPLETE_MARKER) as tmp:
        tmp.write_text(f"A comparekit build started at {started} has not finished; the files here may be a mix of two builds.\n", encoding="utf-8")
    (folder / MANIFEST_NAME).unlink(missing_ok=True)


def write_manifest(folder: Path, *, started: str, inputs: Iterable[Path], outputs: Iterable[Path], options: dict | None = None) -> Path:
    """Write ``build.json`` (last) and remove the ``BUILD_INCOMPLETE`` marker.

    The manifest records the comparekit version, start and end time (UTC, ISO 8601), the options
    and the SHA-256 of every input and output, with paths relative to *folder*.
    """
    from . import __version__

    real_folder = Path(folder).resolve()

    def entry(path: Path) -> dict:
        path = Path(path)
        shown = Path(os.path.relpath(path.resolve(), real_folder)).as_posix()  # ../figures/… for the figure folder
        return {"path": shown, "sha256": sha256(path), "bytes": path.stat().st_size}

    manifest = {
        "comparekit_version": __version__,
        "started": started,
        "finished": now(),
        "options": options or {},
        "inputs": [entry(p) for p in sorted(inputs)],
        "outputs": [entry(p) for p in sorted(outputs)],
    }
    path = folder / MANIFEST_NAME
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (folder / INCOMPLETE_MARKER).unlink(missing_ok=True)
    return path


def now() -> str:
    """Return the current UTC time as ISO 8601 (seconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def write_with(path: str | Path, write: Callable[[Path], object], **guard: object) -> Path:
    """Check *path* with :func:`check_destination`, then write it atomically with ``write(tmp)``."""
    path = check_destination(path, **guard)
    with atomic_path(path) as tmp:
        write(tmp)
    return path
