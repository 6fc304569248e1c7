"""The CJK font figures use: finding it, its family name, its PDF font type, its glyph coverage, registering it.

See :mod:`comparekit.style` for why the PDF font type depends on the font's outlines.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Sequence

from .registry import _style

__all__ = ["find_cjk_font", "font_family_name", "pdf_fonttype", "missing_glyphs"]


def _bundled_font() -> Path | None:
    fonts = _style()["fonts"]
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

    fonts = _style()["fonts"]
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
