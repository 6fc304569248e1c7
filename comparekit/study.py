"""Where a study's data lives: the built-in five-place study, or a folder of your own.

A *study* is a set of places, their verbatim planning documents and the curated statements read
from them. comparekit ships one study (the five county-level plans); any folder laid out like this
is another::

    my_study/
        study.toml        name, comparison year, default basis, languages
        places.csv        one row per place (the columns of the built-in place registry)
        sources.csv       one row per document, with the SHA-256 of its verbatim text
        sources/          the verbatim texts
        statements/       reviewed statement tables (*.csv)
        drafts/           extractor output waiting for review (never read by a build)
        registry/         optional overlays: indicators.csv, scopes.csv, national_references.csv …

Overlay rows replace the built-in row with the same key and add new rows; every other registry is
the built-in one. Every loader reads through the *active* study: a public function's ``study=``
argument makes it active for that call (``None`` keeps the one already active, which at top level is
the built-in study), and :func:`using` does the same for a block of code.

Examples
--------
>>> builtin_study().comparison_year
2025
>>> study = init_study(tmp_path / "demo")                # doctest: +SKIP
>>> open_study(study.root).name                          # doctest: +SKIP
'demo'
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Iterator, NamedTuple, TypeVar

from .errors import PROBLEM_COLUMNS, TableError

__all__ = [
    "Study",
    "STUDY_FILE",
    "BASES",
    "LANGUAGES",
    "builtin_study",
    "open_study",
    "current_study",
    "resolve_study",
    "using",
    "study_cache",
    "with_study",
]

STUDY_FILE = "study.toml"
#: Comparison bases a study may default to (the levels of :func:`comparekit.compare`).
BASES = ("county", "prefecture", "urban_core", "estate", "rural", "other")
LANGUAGES = ("zh", "en")
_YEARS = (1990, 2060)
_PLACE_HEADER = (
    "place_id,code,name_zh,name_en,admin_level,admin_level_zh,province_zh,province_en,parent_code,"
    "parent_zh,parent_en,population,population_date,urban_share,population_source,in_study\n"
)
_SOURCE_HEADER = (
    "source_id,place_id,title_zh,title_en,issuer_zh,issuer_en,doc_number,issue_date,status,"
    "horizon_start,horizon_end,file_name,sha256,note\n"
)


@dataclass(frozen=True)
class Study:
    """One study: its settings and the folders its data is read from.

    Attributes
    ----------
    root : Path
        The study folder (for the built-in study, the package's data folder).
    name : str
        A short name, used in titles and the data package.
    comparison_year : int
        The year :func:`comparekit.compare` compares when no year is given.
    default_basis : str
        The comparison basis (a level) used when no scope is given, e.g. ``"county"``.
    languages : tuple of str
        Languages of the charts, deck and tables (``"zh"``, ``"en"``).
    places_file, sources_file : Path
        The place and source registries of the study.
    sources_dir, statements_dir, drafts_dir : Path
        Verbatim texts, reviewed statements, and extractor drafts waiting for review.
    registry_dirs : tuple of Path
        Registry folders, built-in first; a later folder's rows replace an earlier one's.
    processed_dir, figures_dir : Path or None
        Where a build writes by default; ``None`` means the caller must name an output folder.
    builtin : bool
        True for the five-place study that ships with comparekit.
    """

    root: Path
    name: str
    comparison_year: int
    default_basis: str
    languages: tuple[str, ...]
    places_file: Path
    sources_file: Path
    sources_dir: Path
    statements_dir: Path
    drafts_dir: Path
    registry_dirs: tuple[Path, ...]
    processed_dir: Path | None = None
    figures_dir: Path | None = None
    builtin: bool = False

    @functools.cached_property
    def key(self) -> tuple[str, ...]:
        """What identifies the study's data (for caches): its files' folders (computed once: every
        :func:`study_cache` look-up asks for it)."""
        return (str(self.places_file), str(self.sources_file), str(self.sources_dir), str(self.statements_dir), *map(str, self.registry_dirs))

    def registry_files(self, file_name: str) -> list[Path]:
        """Return the existing layers of registry *file_name*, built-in first (the first always)."""
        first, *overlays = self.registry_dirs
        return [first / file_name] + [d / file_name for d in overlays if (d / file_name).is_file()]

    def display(self, path: str | Path) -> str:
        """Return how error messages name *path*: ``data/…`` for the built-in study, ``<folder>/…`` else."""
        path = Path(path)
        for base, prefix in ((self.root, "data" if self.builtin else self.root.name), (builtin_study().root, "data")):
            try:
                return "/".join((prefix, *path.relative_to(base).parts))
            except ValueError:
                continue
        return path.name

    @property
    def protected_paths(self) -> tuple[Path, ...]:
        """Inputs no command writes into unless asked: verbatim sources, registries, statements."""
        if self.builtin:
            return (self.sources_dir, self.statements_dir.parent, self.registry_dirs[0])
        return (self.sources_dir, self.statements_dir, self.root / "registry", self.places_file, self.sources_file, self.root / STUDY_FILE)

    def input_files(self) -> list[Path]:
        """Every file a build of this study reads: settings, places, sources, registries, statements."""
        files = [self.root / STUDY_FILE, self.places_file, self.sources_file]
        for folder in (self.sources_dir, *self.registry_dirs, self.statements_dir):
            files += sorted(p for p in folder.glob("*") if p.is_file() and not p.name.startswith((".", "__")))
        return list(dict.fromkeys(p for p in files if p.is_file()))


# --- the built-in study --------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _builtin(home: str | None) -> Study:
    data_dir = Path(home).resolve() / "data" if home else Path(str(resources.files("comparekit._data")))
    settings = _read_settings(data_dir / STUDY_FILE, display=f"data/{STUDY_FILE}", default_name="builtin")
    project = data_dir.parent
    checkout = (project / "pyproject.toml").is_file() and (project / "comparekit").is_dir()
    return Study(
        root=data_dir,
        places_file=data_dir / "registry" / "places.csv",
        sources_file=data_dir / "registry" / "sources.csv",
        sources_dir=data_dir / "sources",
        statements_dir=data_dir / "curated" / "statements",
        drafts_dir=data_dir / "curated" / "drafts",
        registry_dirs=(data_dir / "registry",),
        processed_dir=data_dir / "processed" if checkout else None,
        figures_dir=project / "figures" if checkout else None,
        builtin=True,
        **settings,
    )


def builtin_study() -> Study:
    """Return the built-in study: the five county-level plans (the default everywhere).

    Its data ships inside the package. In a source checkout a build writes to ``data/processed``
    and ``figures/`` as before; an installed package has no default output folder.

    Examples
    --------
    >>> [builtin_study().root.name, builtin_study().default_basis]
    ['data', 'county']
    """
    return _builtin(os.environ.get("COMPAREKIT_HOME") or None)


# --- a study folder ------------------------------------------------------------------------------


def _problem(file: str, column: str, value: object, problem: str, row: int = 0):
    return (file, row, column, value, problem)


def _raise(what: str, problems: list[tuple]) -> None:
    if problems:
        import pandas as pd

        raise TableError(what, pd.DataFrame(problems, columns=PROBLEM_COLUMNS, dtype=object))


def _read_settings(path: Path, *, display: str, default_name: str) -> dict:
    """Read and check ``study.toml``; return the Study fields it sets."""
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except FileNotFoundError:
        raw = None
    except tomllib.TOMLDecodeError as exc:
        line = int(str(exc).rsplit("line ", 1)[-1].split(",")[0]) if "line " in str(exc) else 0
        _raise("study settings", [_problem(display, "", "", f"not valid TOML ({exc}); see README 'Your own study'", row=line)])
    except (OSError, UnicodeDecodeError) as exc:
        _raise("study settings", [_problem(display, "", "", f"cannot be read ({exc})")])
    if raw is None:
        if display.startswith("data/"):
            raw = {}
        else:
            _raise("study settings", [_problem(display, "", "", "file not found; every study folder needs one (comparekit init DIR makes it)")])
    problems = []
    known = {"name", "comparison_year", "default_basis", "languages"}
    for extra in sorted(set(raw) - known):
        problems.append(_problem(display, extra, raw[extra], f"unknown setting; known settings: {', '.join(sorted(known))}"))
    name = raw.get("name", default_name)
    if not isinstance(name, str) or not name.strip():
        problems.append(_problem(display, "name", name, "must be a non-empty text, e.g. name = \"My counties\""))
    year = raw.get("comparison_year", 2025)
    if isinstance(year, bool) or not isinstance(year, int) or not _YEARS[0] <= year <= _YEARS[1]:
        problems.append(_problem(display, "comparison_year", year, f"must be a whole year from {_YEARS[0]} to {_YEARS[1]}, e.g. comparison_year = 2025"))
    basis = raw.get("default_basis", "county")
    if basis not in BASES:
        problems.append(_problem(display, "default_basis", basis, f"must be one of {', '.join(BASES)}"))
    languages = raw.get("languages", list(LANGUAGES))
    if isinstance(languages, str):
        languages = [languages]
    if not isinstance(languages, list) or not languages or any(lang not in LANGUAGES for lang in languages) or len(set(languages)) != len(languages):
        problems.append(_problem(display, "languages", languages, "must be a list of distinct languages from zh, en, e.g. languages = [\"zh\", \"en\"]"))
    _raise("study settings", problems)
    return {"name": name.strip(), "comparison_year": year, "default_basis": basis, "languages": tuple(languages)}


def open_study(path: str | Path) -> Study:
    """Open the study folder *path* (see the module docstring for its layout).

    ``study.toml`` is checked here; ``places.csv``, ``sources.csv`` (with every checksum) and the
    statements are checked when first read, each problem named by file, row and column.

    Raises
    ------
    TableError
        If the folder, ``study.toml``, ``places.csv`` or ``sources.csv`` is missing or malformed.

    Examples
    --------
    >>> study = open_study(init_study(tmp_path / "demo").root)   # doctest: +SKIP
    >>> study.comparison_year, study.languages                   # doctest: +SKIP
    (2025, ('zh', 'en'))
    """
    root = Path(path).expanduser().resolve()
    builtin = builtin_study()
    if root == builtin.root:
        return builtin
    label = root.name
    if not root.is_dir():
        _raise("study folder", [_problem(str(path), "", "", "no such folder (comparekit init DIR creates a study)")])
    settings = _read_settings(root / STUDY_FILE, display=f"{label}/{STUDY_FILE}", default_name=label)
    problems = []
    for name, kind in (("places.csv", "file"), ("sources.csv", "file"), ("sources", "folder"), ("statements", "folder")):
        target = root / name
        if not (target.is_file() if kind == "file" else target.is_dir()):
            problems.append(_problem(f"{label}/{name}", "", "", f"{kind} not found; every study folder needs it (comparekit init DIR makes it)"))
    overlay = root / "registry"
    if overlay.exists() and not overlay.is_dir():
        problems.append(_problem(f"{label}/registry", "", "", "must be a folder of registry overlays"))
    _raise("study folder", problems)
    return Study(
        root=root,
        places_file=root / "places.csv",
        sources_file=root / "sources.csv",
        sources_dir=root / "sources",
        statements_dir=root / "statements",
        drafts_dir=root / "drafts",
        registry_dirs=(*builtin.registry_dirs, overlay),
        builtin=False,
        **settings,
    )


# --- the active study ----------------------------------------------------------------------------

_ACTIVE: contextvars.ContextVar[Study | None] = contextvars.ContextVar("comparekit_study", default=None)


def current_study() -> Study:
    """Return the active study (the built-in one unless a caller chose another)."""
    return _ACTIVE.get() or builtin_study()


def resolve_study(study: Study | str | Path | None) -> Study:
    """Return *study* as a :class:`Study`: ``None`` → the active one, a path → :func:`open_study`."""
    if study is None:
        return current_study()
    if isinstance(study, Study):
        return study
    if isinstance(study, (str, os.PathLike)):
        return open_study(study)
    from .errors import ArgumentError

    raise ArgumentError(f"study must be a Study (comparekit.open_study(path)), a folder path or None, not {type(study).__name__}")


@contextlib.contextmanager
def using(study: Study | str | Path | None) -> Iterator[Study]:
    """Make *study* the active study inside a ``with`` block (``None`` keeps the active one)."""
    chosen = resolve_study(study)
    token = _ACTIVE.set(chosen)
    try:
        yield chosen
    finally:
        _ACTIVE.reset(token)


F = TypeVar("F", bound=Callable)


def with_study(func: F) -> F:
    """Decorate a public function that takes ``study=``: run it with that study active.

    The function receives the resolved :class:`Study` as ``study`` (never ``None``).
    """

    @functools.wraps(func)
    def wrapper(*args, study: Study | str | Path | None = None, **kwargs):
        with using(study) as chosen:
            return func(*args, study=chosen, **kwargs)

    return wrapper  # type: ignore[return-value]


class _CacheInfo(NamedTuple):
    """What :func:`study_cache` holds: the number of cached values over all studies."""

    currsize: int


def study_cache(func: F) -> F:
    """Like ``functools.lru_cache``, but one cache per study (for values built from its registries)."""
    caches: dict[tuple, dict] = {}

    @functools.wraps(func)
    def wrapper(*args):
        cache = caches.setdefault(current_study().key, {})
        try:
            return cache[args]
        except KeyError:
            value = cache[args] = func(*args)
            return value

    wrapper.cache_clear = caches.clear  # type: ignore[attr-defined]
    wrapper.cache_info = lambda: _CacheInfo(sum(len(c) for c in caches.values()))  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
