"""The ``paper`` and ``slides`` presets: figure sizes, matplotlib rcParams, and :func:`use_style`."""

from __future__ import annotations

from contextlib import contextmanager
from ..study import study_cache
from typing import Any, Iterator

import matplotlib as mpl
from cycler import cycler

from .fonts import _register, find_cjk_font, font_family_name, pdf_fonttype
from .labels import _check_lang
from .palette import place_colours
from .registry import STYLES, _style

__all__ = ["figure_size", "rc_params", "use_style", "style_context"]


def _preset(name: str) -> dict:
    if name not in STYLES:
        raise ValueError(f"style must be one of {', '.join(repr(s) for s in STYLES)}, not {name!r}")
    return _style()["presets"][name]


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
    registry = _style()
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
