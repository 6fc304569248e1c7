"""Figure style: one colour per place, a CJK font, ``paper``/``slides`` presets, one save function.

Everything that is data — place colours (Okabe–Ito), marks, font candidates, preset sizes — lives in
``data/registry/style.json``; figure vocabulary (verdict names, axis words, source-line templates)
lives in ``data/registry/labels.csv``. Importing this module changes no global matplotlib state: a
style is applied only inside :func:`use_style` (or by passing :func:`rc_params` to
``matplotlib.rc_context``), and the CJK font is registered with matplotlib's font manager only then.

Fonts and embedding
-------------------
The CJK font is the first system font among Noto Sans CJK SC, Source Han Sans SC, PingFang SC and
Microsoft YaHei, else the Noto Sans CJK SC file shipped by the ``mplfonts`` package. Both languages
use it first (its Latin glyphs are designed with its ideographs: one family per figure); DejaVu Sans
comes second, for glyphs the CJK font lacks; matplotlib falls back
glyph by glyph along that list.

*PDF*: a font with TrueType outlines is embedded as Type 42 (``pdf.fonttype = 42``). Noto Sans
CJK and Source Han Sans are OpenType fonts with CFF (PostScript) outlines; matplotlib writes a
Type 42 subset of such a font into a ``FontFile2`` stream, which the PDF specification reserves for
TrueType outlines, so strict readers and preflight tools reject it. For CFF fonts the PDF therefore
uses Type 3 (``pdf.fonttype = 3``): every glyph is embedded as an outline procedure, with a
``ToUnicode`` map so that text stays searchable and copyable.

*SVG*: ``svg.fonttype = "path"``: glyphs are written as outlines, so the figure looks the same on a
machine without a CJK font (with ``"none"`` a viewer substitutes its own font, changing widths and
turning characters into boxes where it has none). The cost is that text in the SVG is not editable.

*Determinism*: PDF ``CreationDate`` and SVG ``Date`` are left out and ``svg.hashsalt`` is fixed, so
the same figure saved twice gives byte-identical files.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import matplotlib as mpl
import pandas as pd
from cycler import cycler

from .errors import TableError
from .study import Study, current_study, study_cache
from .tables import check_table, lazy_schema, problems_frame, read_csv_text

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "STYLES",
    "LANGS",
    "FORMATS",
    "load_style_registry",
    "place_colours",
    "place_colour",
    "place_marker",
    "place_palette",
    "colour",
    "marks",
    "load_labels",
    "label",
    "find_cjk_font",
    "font_family_name",
    "pdf_fonttype",
    "missing_glyphs",
    "figure_size",
    "rc_params",
    "use_style",
    "style_context",
    "save_figure",
]

#: Style presets.
STYLES = ("paper", "slides")
#: Figure languages.
LANGS = ("zh", "en")
#: Output formats :func:`save_figure` writes, with the metadata that keeps them reproducible.
FORMATS = {
    "pdf": {"CreationDate": None},
    "svg": {"Date": None},
    "png": {},
}

_STYLE_FILE = "style.json"
_LABELS_FILE = "labels.csv"
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")

LABELS_SCHEMA = lazy_schema(lambda pa: pa.DataFrameSchema(
    {
        "key": pa.Column(str, unique=True, coerce=True),
        "zh": pa.Column(str, nullable=False, coerce=True),
        "en": pa.Column(str, nullable=False, coerce=True),
    },
    strict=False,
))


# --------------------------------------------------------------------------------------------
# Registries: style constants and figure vocabulary
# --------------------------------------------------------------------------------------------


def _style_problem(key: str, value: object, problem: str) -> tuple:
    return (f"data/registry/{_STYLE_FILE}", "", key, value, problem)


def _check_style(style: dict, study_places: Sequence[str]) -> None:
    problems = []
    for section in ("place_colours", "place_markers", "extended_palette", "colours", "marks", "fonts", "anatomy", "presets"):
        if not isinstance(style.get(section), dict):
            problems.append(_style_problem(section, "", f"section {section!r} is missing"))
    if problems:
        raise TableError("style registry", problems_frame(problems))
    for place_id in study_places:
        if place_id not in style["place_colours"]:
            problems.append(_style_problem(f"place_colours.{place_id}", "", "study place has no colour"))
    for section in ("place_colours", "colours"):
        for key, value in style[section].items():
            if not isinstance(value, str) or not _HEX.match(value):
                problems.append(_style_problem(f"{section}.{key}", value, "must be a colour like #0072B2"))
    for place_id in style["place_colours"]:
        if place_id not in style["place_markers"]:
            problems.append(_style_problem(f"place_markers.{place_id}", "", "place with a fixed colour has no marker"))
    for value in style["extended_palette"].get("colours", []):
        if not isinstance(value, str) or not _HEX.match(value):
            problems.append(_style_problem("extended_palette.colours", value, "must be a colour like #0072B2"))
    if len(style["extended_palette"].get("colours", [])) != len(style["extended_palette"].get("markers", [])):
        problems.append(_style_problem("extended_palette.markers", "", "needs one marker per extended colour"))
    used = list(style["place_colours"].values())
    for key, value in style["place_colours"].items():
        if used.count(value) > 1:
            problems.append(_style_problem(f"place_colours.{key}", value, "colour is used by another place"))
    for name in STYLES:
        preset = style["presets"].get(name)
        if not isinstance(preset, dict):
            problems.append(_style_problem(f"presets.{name}", "", "preset is missing"))
            continue
        for key in ("font_size", "title_size", "height_in", "dpi", "formats"):
            if key not in preset:
                problems.append(_style_problem(f"presets.{name}.{key}", "", "required setting is missing"))
        if "widths_in" not in preset and "widths_mm" not in preset:
            problems.append(_style_problem(f"presets.{name}.widths_mm", "", "required setting is missing (or widths_in)"))
        for fmt in preset.get("formats", []):
            if fmt not in FORMATS:
                problems.append(_style_problem(f"presets.{name}.formats", fmt, f"must be one of {', '.join(FORMATS)}"))
    if problems:
        raise TableError("style registry", problems_frame(problems))


def _merged(base: dict, overlay: dict) -> dict:
    """*base* with *overlay*'s keys replacing its own (nested objects merged key by key)."""
    out = dict(base)
    for key, value in overlay.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


@lru_cache(maxsize=None)
def _style_registry_cached(study: Study) -> dict:
    style: dict = {}
    for path in study.registry_files(_STYLE_FILE):  # the built-in file, then a study's overlay
        try:
            style = _merged(style, json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise TableError("style registry", problems_frame([_style_problem("", "", "file not found")])) from None
        except json.JSONDecodeError as exc:
            problem = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            raise TableError("style registry", problems_frame([_style_problem("", "", problem)])) from None
    from .registry import load_places

    # the built-in places must each have their fixed colour; a study's own places take the extended palette
    _check_style(style, load_places(study_only=True)["place_id"].tolist() if study.builtin else [])
    return style


def load_style_registry() -> dict:
    """Return the style registry ``data/registry/style.json`` (checked: every study place has a colour).

    Examples
    --------
    >>> load_style_registry()["palette"]["name"]
    'Okabe-Ito'
    """
    return json.loads(json.dumps(_style_registry_cached(current_study())))


def place_colours() -> dict[str, str]:
    """Return the colour of every study place, in registry order (fixed, else from the extended palette).

    Examples
    --------
    >>> list(place_colours().items())[1]
    ('luan', '#79D3FF')
    """
    from .registry import load_places

    style = _style_registry_cached(current_study())
    order = load_places(study_only=True)["place_id"].tolist()
    extra = [p for p in style["place_colours"] if p not in order]
    return {p: colour for p, (colour, _) in place_palette(order + extra).items()}  # a study's own places: extended palette


def place_colour(place_id: str) -> str:
    """Return the colour of one place; places without a colour get the reference grey.

    Examples
    --------
    >>> place_colour("linyi")
    '#005693'
    """
    style = _style_registry_cached(current_study())
    return style["place_colours"].get(place_id, style["colours"]["reference"])


def place_marker(place_id: str) -> str:
    """Return the marker shape of one place (places without a fixed marker get a circle).

    Examples
    --------
    >>> place_marker("chengwu")
    '^'
    """
    return _style_registry_cached(current_study())["place_markers"].get(place_id, "o")


def place_palette(place_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Return ``{place_id: (colour, marker)}`` for the places of one chart (1 to 12 places).

    The study places keep their fixed colour and marker. Other places take, in the order given,
    the colours and markers of the registry's extended colour-blind-safe palette (Paul Tol's muted
    scheme without the hues of the study places); beyond that they cycle, so a chart of more than
    12 places still draws, with repeated colours.

    Examples
    --------
    >>> place_palette(["linyi", "bozhou"])
    {'linyi': ('#005693', 'v'), 'bozhou': ('#332288', 'P')}
    """
    style = _style_registry_cached(current_study())
    extended = style["extended_palette"]
    result: dict[str, tuple[str, str]] = {}
    k = 0
    for place_id in dict.fromkeys(place_ids):
        if place_id in style["place_colours"]:
            result[place_id] = (style["place_colours"][place_id], style["place_markers"][place_id])
        else:
            i = k % len(extended["colours"])
            result[place_id] = (extended["colours"][i], extended["markers"][i])
            k += 1
    return result


def colour(name: str) -> str:
    """Return a named non-place colour (``reference``, ``not_stated``, ``highlight`` …).

    Examples
    --------
    >>> colour("reference")
    '#999999'
    """
    return _style_registry_cached(current_study())["colours"][name]


def marks() -> dict[str, Any]:
    """Return the mark settings (hatches, alpha, kind markers …) from the style registry."""
    return dict(_style_registry_cached(current_study())["marks"])


@lru_cache(maxsize=None)
def _labels_cached(study: Study) -> pd.DataFrame:
    from .layers import read_registry

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
    from .checks import check_lang

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


# --------------------------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------------------------


def _bundled_font() -> Path | None:
    fonts = _style_registry_cached(current_study())["fonts"]
    spec = find_spec(fonts["bundled_package"])  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / fonts["bundled_file"]
    return path if path.is_file() else None


def _system_font(candidates: Sequence[str], entries: Sequence[Any]) -> Path | None:
    """First entry (name, fname, weight, style) whose family is the earliest candidate."""
    for name in candidates:
        hits = [e for e in entries if e.name == name and e.style == "normal" and _first_face_is(e.fname, name)]
        if hits:
            best = min(hits, key=lambda e: (abs(_weight(e.weight) - 400), str(e.fname)))
            return Path(best.fname)
    return None


def _first_face_is(font_path: str, name: str) -> bool:
    """matplotlib draws only the first face of a font collection (.ttc): Noto Sans CJK's collection
    starts with the Japanese face, whose glyph forms differ from the Simplified Chinese ones."""
    path = Path(font_path)
    if path.suffix.lower() not in (".ttc", ".otc") or not path.is_file():
        return True
    return font_family_name(path) == name


def _weight(weight: object) -> int:
    named = {"light": 300, "normal": 400, "regular": 400, "book": 400, "medium": 500, "bold": 700}
    if isinstance(weight, (int, float)):
        return int(weight)
    return named.get(str(weight).lower(), 400)


@lru_cache(maxsize=1)
def find_cjk_font() -> Path:
    """Return the path of the CJK font figures use.

    The first installed system font among the registry's candidates (Noto Sans CJK SC, Source Han
    Sans SC, PingFang SC, Microsoft YaHei), else Noto Sans CJK SC as shipped by ``mplfonts``.
    Finding the font registers nothing: :func:`use_style` does that.

    Raises
    ------
    FileNotFoundError
        If neither a system CJK font nor the ``mplfonts`` package is installed.

    Examples
    --------
    >>> find_cjk_font().suffix in {".otf", ".ttf", ".ttc"}
    True
    """
    from matplotlib import font_manager

    fonts = _style_registry_cached(current_study())["fonts"]
    found = _system_font(fonts["cjk_candidates"], font_manager.fontManager.ttflist) or _bundled_font()
    if found is None:
        raise FileNotFoundError(
            "no CJK font found: install Noto Sans CJK SC (or Source Han Sans SC) or the Python package mplfonts"
        )
    return found


@lru_cache(maxsize=None)
def font_family_name(font_path: str | Path) -> str:
    """Return the family name matplotlib uses for the font file *font_path*."""
    from matplotlib import font_manager

    return font_manager.FontProperties(fname=str(font_path)).get_name()


@lru_cache(maxsize=None)
def _font_info(font_path: str) -> tuple[frozenset[int], bool]:
    from fontTools.ttLib import TTFont

    font = TTFont(font_path, lazy=True, fontNumber=0)
    try:
        return frozenset(font.getBestCmap()), "glyf" in font
    finally:
        font.close()


def pdf_fonttype(font_path: str | Path) -> int:
    """Return the PDF font type for *font_path*: 42 for TrueType outlines, 3 for CFF outlines.

    Examples
    --------
    >>> pdf_fonttype(find_cjk_font()) in (3, 42)
    True
    """
    return 42 if _font_info(str(font_path))[1] else 3


def missing_glyphs(text: str, font_path: str | Path | None = None) -> list[str]:
    """Return the characters of *text* (other than whitespace) that *font_path* has no glyph for.

    *font_path* defaults to :func:`find_cjk_font`.

    Examples
    --------
    >>> missing_glyphs("界首 六安 成武 谯城 临沂")
    []
    """
    cmap, _ = _font_info(str(font_path or find_cjk_font()))
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})


def _register(font_path: Path) -> None:
    from matplotlib import font_manager

    if str(font_path) in _REGISTERED:
        return
    known = {str(Path(f.fname)) for f in font_manager.fontManager.ttflist}
    if str(font_path) not in known:
        font_manager.fontManager.addfont(str(font_path))
    _REGISTERED.add(str(font_path))


_REGISTERED: set[str] = set()


# --------------------------------------------------------------------------------------------
# Presets
# --------------------------------------------------------------------------------------------


def _preset(name: str) -> dict:
    if name not in STYLES:
        raise ValueError(f"style must be one of {', '.join(repr(s) for s in STYLES)}, not {name!r}")
    return _style_registry_cached(current_study())["presets"][name]


def figure_size(name: str, *, width: str = "single", height: float | None = None) -> tuple[float, float]:
    """Return a figure size in inches for a preset.

    Parameters
    ----------
    name : {"paper", "slides"}
    width : str
        ``"single"`` (89 mm journal column) or ``"double"`` (183 mm) for ``paper``;
        ``slides`` has one width (16:9).
    height : float, optional
        Height in inches; defaults to the preset's height.

    Examples
    --------
    >>> [round(x, 3) for x in figure_size("paper", width="double")]
    [7.205, 2.8]
    >>> figure_size("slides")
    (12.8, 7.2)
    """
    preset = _preset(name)
    widths = {k: float(v) / 25.4 for k, v in preset.get("widths_mm", {}).items()}
    widths.update({k: float(v) for k, v in preset.get("widths_in", {}).items()})
    if width not in widths:
        raise ValueError(f"style {name!r} has widths {', '.join(widths)}, not {width!r}")
    return (widths[width], float(height if height is not None else preset["height_in"]))


def rc_params(name: str, lang: str = "en", *, width: str = "single") -> dict[str, Any]:
    """Return the matplotlib rcParams of a preset as a dict (and make its CJK font available).

    Calling this registers the CJK font with matplotlib's font manager, so the returned dict can be
    used directly with ``matplotlib.rc_context`` or ``plt.rcParams.update``.

    Parameters
    ----------
    name : {"paper", "slides"}
        ``paper``: 8–9 pt text, 89 mm or 183 mm wide, PDF + SVG.
        ``slides``: 16:9, 12.8 × 7.2 in at 150 dpi = exactly 1920 × 1080 px PNG, large text.
    lang : {"en", "zh"}
        Both languages use the CJK font family (its Latin glyphs match its ideographs), so each
        figure has one font family; DejaVu Sans is only a fallback for glyphs it lacks.
    width : str
        ``"single"`` or ``"double"`` column for ``paper``.

    Examples
    --------
    >>> rc = rc_params("paper", "zh")
    >>> rc["font.size"], [round(x, 3) for x in rc["figure.figsize"]]
    (8.0, [3.504, 2.8])
    """
    _check_lang(lang)
    _preset(name)
    figure_size(name, width=width)  # refuses an unknown width before anything is cached
    _register(find_cjk_font())
    return dict(_rc_params_cached(name, lang, width))


@study_cache
def _rc_params_cached(name: str, lang: str, width: str) -> dict[str, Any]:
    preset = _preset(name)
    registry = _style_registry_cached(current_study())
    fonts = registry["fonts"]
    cjk_path = find_cjk_font()
    _register(cjk_path)
    cjk = font_family_name(cjk_path)
    family = [cjk, fonts["latin"]]
    fonttype = pdf_fonttype(cjk_path)
    size, title = float(preset["font_size"]), float(preset["title_size"])
    return {
        # matplotlib falls back glyph by glyph along font.family only (not within a generic
        # family such as sans-serif), so the family list names both fonts.
        "font.family": family,
        "font.sans-serif": family,
        "font.size": size,
        "axes.titlesize": title,
        "figure.titlesize": title,
        "axes.labelsize": size,
        "xtick.labelsize": size,
        "ytick.labelsize": size,
        "legend.fontsize": size,
        "legend.title_fontsize": size,
        "legend.frameon": False,
        "figure.figsize": figure_size(name, width=width),
        "figure.constrained_layout.use": True,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.linewidth": float(preset["axes_line_width"]),
        "lines.linewidth": float(preset["line_width"]),
        "lines.markersize": float(preset["marker_size"]),
        "axes.prop_cycle": cycler(color=list(place_colours().values())),
        "axes.titlelocation": "left",
        "savefig.dpi": float(preset["dpi"]),
        "savefig.format": preset["formats"][0],
        "savefig.bbox": None,
        "pdf.fonttype": fonttype,
        "ps.fonttype": fonttype,
        "svg.fonttype": fonts["svg_fonttype"],
        "svg.hashsalt": fonts["svg_hashsalt"],
    }


@contextmanager
def use_style(name: str, lang: str = "en", *, width: str = "single") -> Iterator[dict[str, Any]]:
    """Apply a preset inside a ``with`` block; rcParams are restored on exit.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with use_style("slides", lang="zh"):
    ...     fig, ax = plt.subplots()
    >>> fig.get_size_inches().round(2).tolist()
    [12.8, 7.2]
    >>> plt.close(fig)
    """
    params = rc_params(name, lang, width=width)
    with mpl.rc_context(params):
        yield params


#: Same as :func:`use_style` (matplotlib's naming).
style_context = use_style


def _restart_layout(fig: "Figure") -> None:
    """Put laid-out Axes back at their grid positions so that the layout engine starts afresh.

    Constrained layout starts from the current Axes positions and lands within 1e-9 of the same
    result each time; those last digits reach the PDF and SVG coordinates. Starting every save
    from the same positions makes the output byte-identical.
    """
    if fig.get_layout_engine() is None:
        return
    for ax in fig.axes:
        spec = ax.get_subplotspec()
        if spec is None or not ax.get_in_layout():
            continue
        ax.set_position(spec.get_position(fig))
        ax.set_in_layout(True)  # set_position takes an Axes out of the layout; put it back


def save_figure(
    fig: "Figure",
    path_stem: str | Path,
    *,
    style: str,
    formats: Sequence[str] | None = None,
    lang: str = "en",
) -> list[Path]:
    """Save *fig* in the preset's formats, reproducibly; the one function that writes figures.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path_stem : str or Path
        Path without suffix; ``.pdf``/``.svg``/``.png`` are added. Missing folders are created.
    style : {"paper", "slides"}
        Preset whose output settings apply (``paper``: PDF + SVG; ``slides``: PNG at 200 dpi).
    formats : sequence of str, optional
        Override the preset's formats (any of ``pdf``, ``svg``, ``png``).
    lang : {"en", "zh"}
        Language the figure was drawn in (font order).

    Returns
    -------
    list of Path
        The files written, in *formats* order.

    Examples
    --------
    >>> import matplotlib.pyplot as plt, tempfile
    >>> with use_style("paper"):
    ...     fig, ax = plt.subplots()
    >>> [p.suffix for p in save_figure(fig, Path(tempfile.mkdtemp()) / "demo", style="paper")]
    ['.pdf', '.svg']
    >>> plt.close(fig)
    """
    preset = _preset(style)
    chosen = list(formats) if formats is not None else list(preset["formats"])
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ValueError(f"formats must be among {', '.join(FORMATS)}; got {chosen!r}")
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    with use_style(style, lang=lang):
        for fmt in chosen:
            path = stem.parent / f"{stem.name}.{fmt}"
            _restart_layout(fig)
            fig.savefig(path, format=fmt, dpi=float(preset["dpi"]), metadata=dict(FORMATS[fmt]))
            written.append(path)
    return written
