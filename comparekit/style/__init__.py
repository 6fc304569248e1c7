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

Modules: :mod:`.registry` (reading and checking ``style.json``), :mod:`.palette` (place colours and
markers), :mod:`.labels` (figure vocabulary), :mod:`.fonts` (the CJK font), :mod:`.presets` (sizes,
rcParams, :func:`use_style`), :mod:`.save` (:func:`save_figure`).
"""

from __future__ import annotations

from .fonts import _bundled_font, _system_font, find_cjk_font, font_family_name, missing_glyphs, pdf_fonttype
from .labels import LABELS_SCHEMA, _check_lang, label, load_labels
from .palette import colour, marks, place_colour, place_colours, place_marker, place_palette
from .presets import figure_size, rc_params, style_context, use_style
from .registry import FORMATS, LANGS, STYLES, _style_registry_cached, load_style_registry
from .save import save_figure

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
