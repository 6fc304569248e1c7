"""Geometry checks on drawn figures: text bounding boxes as rendered, not pixels."""

from __future__ import annotations

from matplotlib.text import Text

TOLERANCE_PX = 0.5


def drawn_texts(fig) -> list[Text]:
    """Every non-empty, visible Text the figure draws (tick labels only for ticks actually drawn)."""
    fig.canvas.draw()
    ticks = set()
    drawn = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                ticks.update({id(tick.label1), id(tick.label2)})
            for tick in axis._update_ticks():
                drawn += [label for label in (tick.label1, tick.label2) if label.get_visible()]
    for text in fig.findobj(Text):
        if id(text) not in ticks:
            drawn.append(text)
    result = []
    for text in drawn:
        if not text.get_visible() or not text.get_text().strip():
            continue
        if any(not parent.get_visible() for parent in _parents(text)):
            continue
        result.append(text)
    return result


def _parents(text):
    axes = text.axes
    return [axes] if axes is not None else []


def overlaps(fig) -> tuple[list[tuple[str, str]], list[str]]:
    """Pairs of texts whose rendered boxes overlap, and texts that leave the figure."""
    texts = drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    boxes = [(t, t.get_window_extent(renderer)) for t in texts]
    figure_box = fig.bbox
    outside = [f"{t.get_gid() or ''}:{t.get_text()!r}" for t, b in boxes
               if b.x0 < figure_box.x0 - TOLERANCE_PX or b.y0 < figure_box.y0 - TOLERANCE_PX
               or b.x1 > figure_box.x1 + TOLERANCE_PX or b.y1 > figure_box.y1 + TOLERANCE_PX]
    pairs = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            width = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            height = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            if width > TOLERANCE_PX and height > TOLERANCE_PX:
                pairs.append((f"{a.get_gid() or ''}:{a.get_text()!r}", f"{b.get_gid() or ''}:{b.get_text()!r}"))
    return pairs, outside
