"""Saving figures: the one function that writes them, reproducibly (byte-identical files for the same figure)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .presets import _preset, use_style
from .registry import FORMATS

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["save_figure"]


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
