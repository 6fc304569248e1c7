"""Text measurement for layout: sizes of text roles, token widths measured once, wrapping, label fitting.

Each distinct token (a word, a space run or one CJK character) is measured once per font and size
and cached; a line's width is the sum of its tokens' widths.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

import matplotlib as mpl

from ..style import load_style_registry

__all__ = ["text_size", "text_width", "wrap", "wrap_label", "fit_limits"]

_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d"
_TOKEN = re.compile(rf"[{_WIDE}]|[^\s{_WIDE}]+|\s+")
_NO_LINE_START = set("，。；：、）》」』”’！？,.;:)")


def text_size(role: str) -> float:
    """Font size in points of a text role (``label``, ``footer``, ``subtitle``, ``title``) for the current style.

    Sizes scale with ``rcParams["font.size"]`` by the ``anatomy`` factors of ``style.json`` and never
    fall below ``anatomy.min_size`` (6 pt: legible in print at the journal widths).
    """
    anatomy = load_style_registry()["anatomy"]
    base = float(mpl.rcParams["font.size"])
    return max(float(anatomy["min_size"]), round(float(anatomy[f"{role}_relative"]) * base, 2))


@lru_cache(maxsize=1)
def _renderer():
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(10, 10, 720)  # ten pixels a point: fine enough that hinting does not skew widths


@lru_cache(maxsize=65536)
def _token_width(token: str, size: float, family: tuple[str, ...], weight: str) -> float:
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family=list(family), size=size, weight=weight)
    return _renderer().get_text_width_height_descent(token, prop, ismath=False)[0] / 10.0


def text_width(body: str, size: float, *, weight: str = "normal") -> float:
    """Width in points of the widest line of *body* at *size* points (tokens measured once, cached)."""
    family = tuple(mpl.rcParams["font.family"])
    return 1.03 * max((sum(_token_width(t, size, family, weight) for t in _TOKEN.findall(line)) for line in body.split("\n")),
                      default=0.0)  # 3% for hinting at screen resolution


def wrap_label(body: str, width_pt: float, size: float, *, max_lines: int = 2) -> str:
    """*body* broken into at most *max_lines* lines of *width_pt*; a longer text ends its last line with "…".

    Examples
    --------
    >>> wrap_label("a long name", 1e6, 8)
    'a long name'
    """
    lines = wrap(body, width_pt, size)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size) > width_pt:
            last = last[:-1]
        lines = lines[: max_lines - 1] + [last.rstrip() + "…"]
    return "\n".join(lines)


def fit_limits(low: float, high: float, marks: Sequence[tuple[float, float, float]], axes_pt: float) -> tuple[float, float]:
    """Widen ``(low, high)`` so that every mark's label stays inside an Axes *axes_pt* points wide.

    *marks* are ``(x, left_pt, right_pt)``: a data position and how many points its marker and
    label reach to its left and right.
    """
    for _ in range(6):
        span = high - low
        new_low = min([low] + [x - left / axes_pt * span for x, left, _ in marks])
        new_high = max([high] + [x + right / axes_pt * span for x, _, right in marks])
        if abs(new_low - low) < 1e-9 * (span or 1) and abs(new_high - high) < 1e-9 * (span or 1):
            break
        low, high = new_low, new_high
    return low, high


def wrap(text_: str, width_pt: float, size: float, *, weight: str = "normal") -> list[str]:
    """Break *text_* into lines no wider than *width_pt* points at *size* points.

    Each distinct token (a word, a space run or one CJK character) is measured once with the
    current font family and cached, and a line's width is the sum of its tokens' widths; a line
    never starts with closing punctuation.

    Examples
    --------
    >>> wrap("aaa bbb ccc", 1e6, 8)
    ['aaa bbb ccc']
    >>> len(wrap("aaa bbb ccc", 1, 8))
    3
    """
    family = tuple(mpl.rcParams["font.family"])
    width_pt *= 0.96  # rendered at screen resolution, hinted glyphs run up to ~2% wider than measured
    lines: list[str] = []
    for paragraph in text_.split("\n"):
        current, current_width, trailing = "", 0.0, 0.0
        for token in _TOKEN.findall(paragraph):
            width = _token_width(token, size, family, weight)
            if token.isspace():
                current, current_width, trailing = current + token, current_width + width, trailing + width
                continue
            fits = current_width + width <= width_pt
            if current.strip() and not fits and token[0] not in _NO_LINE_START:
                lines.append(current.rstrip())
                current, current_width = token, width
            else:
                current, current_width = current + token, current_width + width
            trailing = 0.0
        lines.append(current.rstrip())
    return lines
