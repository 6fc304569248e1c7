"""Place colours and marker shapes (1–12 places), named colours and mark settings, from the style registry."""

from __future__ import annotations

from typing import Any, Sequence

from .registry import _style

__all__ = ["place_colours", "place_colour", "place_marker", "place_palette", "colour", "marks"]


def place_colours() -> dict[str, str]:
    """Return the colour of every study place, in registry order (fixed, else from the extended palette).

    Examples
    --------
    >>> list(place_colours().items())[1]
    ('luan', '#79D3FF')
    """
    from ..registry import load_places

    style = _style()
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
    style = _style()
    return style["place_colours"].get(place_id, style["colours"]["reference"])


def place_marker(place_id: str) -> str:
    """Return the marker shape of one place (places without a fixed marker get a circle).

    Examples
    --------
    >>> place_marker("chengwu")
    '^'
    """
    return _style()["place_markers"].get(place_id, "o")


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
    style = _style()
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
    return _style()["colours"][name]


def marks() -> dict[str, Any]:
    """Return the mark settings (hatches, alpha, kind markers …) from the style registry."""
    return dict(_style()["marks"])
