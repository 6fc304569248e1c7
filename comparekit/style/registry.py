"""The style registry ``data/registry/style.json``: read once, checked, and shared by the other modules.

Place colours and markers, named colours, marks, fonts, text anatomy and the ``paper``/``slides``
presets are data; :func:`load_style_registry` returns them after checking that every study place
has a colour and a marker and that every colour is a hex colour.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Sequence

from ..errors import TableError
from ..study import Study, current_study
from ..tables import problems_frame

__all__ = ["STYLES", "LANGS", "FORMATS", "load_style_registry"]

#: Style presets.
STYLES = ("paper", "slides")
#: Figure languages.
LANGS = ("zh", "en")
#: Output formats :func:`comparekit.style.save_figure` writes, with the metadata that keeps them reproducible.
FORMATS = {
    "pdf": {"CreationDate": None},
    "svg": {"Date": None},
    "png": {},
}

_STYLE_FILE = "style.json"
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


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
    from ..registry import load_places

    # the built-in places must each have their fixed colour; a study's own places take the extended palette
    _check_style(style, load_places(study_only=True)["place_id"].tolist() if study.builtin else [])
    return style


def _style() -> dict:
    """The checked style registry of the active study (cached; callers must not modify it)."""
    return _style_registry_cached(current_study())


def load_style_registry() -> dict:
    """Return the style registry ``data/registry/style.json`` (checked: every study place has a colour).

    Examples
    --------
    >>> load_style_registry()["palette"]["name"]
    'Okabe-Ito'
    """
    return json.loads(json.dumps(_style()))
