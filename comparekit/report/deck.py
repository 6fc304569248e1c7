"""The briefing deck (PowerPoint / Impress): a title slide and one slide per indicator, zh or en.

Layout (16:9, 13.33 × 7.5 in): the title across the top; the chart drawn for its place on the
slide (8.8 × 4.95 in, 16:9, at the slides preset's resolution, inserted at that size, never shrunk); a right
panel with the takeaway and the caveats, once per slide (the chart is drawn without caveat
footnotes); a bottom line naming values from drafts for comment. Text boxes never overlap: each
box's font size is chosen so that its text fits (estimated from the glyph widths of the deck
font), and what does not fit moves to the speaker notes. The speaker notes are the figure's own
caption (:func:`comparekit.figures.comparison_caption`: title, how to read, notes, full citations —
the same text as ``<name>_<lang>.caption.md`` beside the built figure), followed by every verbatim
quote with its source id and document number.
"""

from __future__ import annotations

import datetime as _dt
import math
import tempfile
from pathlib import Path
from typing import Sequence

import pandas as pd

from ..registry import indicator_name, place_name
from ..sources import load_sources
from .common import english_terms, is_draft, join_names, label, takeaway
from .files import atomic_path, normalize_zip_timestamps
from .text import strip_control

__all__ = ["SLIDE_SIZE_IN", "CHART_BOX_IN", "fit_text", "chart_png", "save_deck"]

#: Slide width and height in inches (16:9).
SLIDE_SIZE_IN = (13.333, 7.5)
#: Chart position and size on an indicator slide (left, top, width, height) in inches: 16:9.
CHART_BOX_IN = (0.3, 1.05, 8.8, 4.95)
_TITLE_BOX = (0.4, 0.2, 12.5, 0.8)
_TAKEAWAY_BOX = (9.3, 1.05, 3.8, 2.3)
_CAVEAT_BOX = (9.3, 3.45, 3.8, 3.05)
_FOOT_BOX = (0.4, 6.6, 12.5, 0.75)
#: The slides preset sizes text for a full-slide figure; the deck's chart fills two thirds of the width.
_CHART_TEXT = {"font.size": 14, "axes.labelsize": 14, "xtick.labelsize": 13, "ytick.labelsize": 14, "legend.fontsize": 12, "legend.title_fontsize": 12, "lines.markersize": 9}
_LINE_HEIGHT = 1.45  # Noto Sans CJK's ascent + descent, in em
_INSET_PT = 3.6  # text-frame margin on each side (0.05 in)
_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _em(ch: str) -> float:
    """Approximate advance width of *ch* in em for Noto Sans CJK (a little wide, so estimates are safe)."""
    if ord(ch) >= 0x2E80:
        return 1.0
    if ch in "il.,;:'|!()[] fjtr":
        return 0.3
    if ch.isupper() or ch in "mwMW%@&—":
        return 0.7
    return 0.52


def _lines_needed(text: str, size: float, width_pt: float) -> int:
    usable = width_pt - 2 * _INSET_PT - 2
    lines, current = 0, 0.0
    for word in text.replace("\n", " \n ").split(" "):
        if word == "\n":
            lines, current = lines + 1, 0.0
            continue
        chunk = sum(_em(ch) for ch in word + " ") * size
        if current + chunk > usable and current > 0:
            lines, current = lines + 1, 0.0
        while chunk > usable:  # a long CJK run or URL wraps inside the word
            lines, chunk = lines + 1, chunk - usable
        current += chunk
    return lines + 1


def _text_height(paragraphs: Sequence[str], size: int, width_in: float) -> float:
    """Estimated height in points of *paragraphs* at *size* in a box *width_in* wide (margins included)."""
    lines = sum(_lines_needed(t, size, width_in * 72) for t in paragraphs)
    return lines * size * _LINE_HEIGHT + max(len(paragraphs) - 1, 0) * size * 0.3 + 2 * _INSET_PT


def fit_text(paragraphs: Sequence[str], box_in: tuple[float, float], sizes: Sequence[int]) -> tuple[int, list[str], int]:
    """Choose the largest font size at which *paragraphs* fit a text box of ``(width, height)`` inches.

    Returns ``(size, paragraphs_shown, n_left_out)``: at the smallest size, trailing paragraphs
    that do not fit are left out (the caller names them in the speaker notes).

    Examples
    --------
    >>> fit_text(["A short line."], (3.0, 1.0), [16, 12])
    (16, ['A short line.'], 0)
    """
    width_in, height_pt = box_in[0], box_in[1] * 72
    for size in sizes:
        if _text_height(paragraphs, size, width_in) <= height_pt:
            return size, list(paragraphs), 0
    size = sizes[-1]
    shown = list(paragraphs)
    while shown and _text_height(shown, size, width_in) > height_pt:
        shown.pop()
    return size, shown, len(paragraphs) - len(shown)


def chart_png(compared: pd.DataFrame, directory: Path, *, lang: str) -> Path:
    """Draw the comparison chart for the deck at exactly :data:`CHART_BOX_IN` size (no caveat footnotes)."""
    import matplotlib.pyplot as plt

    from .. import plot
    from ..style import save_figure, use_style

    indicator = compared["indicator_id"].iloc[0]
    year = int(compared["requested_year"].iloc[0])
    with use_style("slides", lang=lang), plt.rc_context(_CHART_TEXT):
        fig, ax = plt.subplots(figsize=CHART_BOX_IN[2:])
        plot.comparison(compared, lang=lang, ax=ax, show_caveats=False)
    try:
        (path,) = save_figure(fig, Path(directory) / f"deck_{indicator}_{year}_{lang}", style="slides", formats=["png"], lang=lang)
    finally:
        plt.close(fig)
    return path


def _style_run(run, size: int, font: str, bold: bool = False) -> None:
    from pptx.util import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = font
    rpr = run._r.get_or_add_rPr()
    for tag in ("ea", "latin"):
        element = rpr.find(_NS + tag)
        if element is None:
            element = rpr.makeelement(_NS + tag, {})
            rpr.append(element)
        element.set("typeface", font)


def _textbox(slide, box: tuple[float, float, float, float], paragraphs: Sequence[str], sizes: Sequence[int], font: str, *, bold: bool = False, heading: str | None = None) -> tuple[int, float]:
    """Add a text box whose text fits; return how many paragraphs were left out and the height used (in)."""
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
    from pptx.util import Inches, Pt

    texts = ([heading] if heading else []) + list(paragraphs)
    size, shown, left_out = fit_text(texts, box[2:], sizes)
    shape = slide.shapes.add_textbox(*(Inches(v) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Pt(_INSET_PT)
    for i, text in enumerate(shown):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.space_after = Pt(size * 0.3)
        run = para.add_run()
        run.text = strip_control(text, where="deck text")
        _style_run(run, size, font, bold=bold or (heading is not None and i == 0))
    return left_out, _text_height(shown, size, box[2]) / 72


def _says_draft(caveat: object) -> bool:
    """True if a caveat already names the draft status (compare() may say so itself): say it once."""
    return isinstance(caveat, str) and ("征求意见稿" in caveat or "draft for comment" in caveat.lower())


def _note_lines(compared: pd.DataFrame, sources: pd.DataFrame, lang: str, *, figures_dir: Path | None = None) -> list[str]:
    """Speaker notes: the figure caption, then every verbatim quote with its source and document number."""
    from ..figures import comparison_caption

    numbers = {rec.source_id: rec.doc_number for rec in sources.itertuples() if isinstance(rec.doc_number, str) and rec.doc_number}
    lines = [comparison_caption(compared, lang=lang, figures_dir=figures_dir).strip(), "", label("quotes", lang)]
    for rec in compared.itertuples():
        if isinstance(rec.quote, str) and rec.quote:
            doc = numbers.get(rec.source_id, "")
            where = ", ".join(part for part in (rec.source_id, doc, rec.statement_ids) if isinstance(part, str) and part)
            draft = f" ({label('draft_note', lang)})" if is_draft(rec.source_id) else ""
            lines.append(f"{place_name(rec.place_id, lang)} [{where}]{draft}: “{rec.quote}”")
    return lines


def save_deck(path: Path, comparisons: list[pd.DataFrame], *, lang: str, figures_dir: Path | None = None) -> Path:
    """Write the deck for *comparisons* (one slide each) to *path*, all or nothing.

    *figures_dir* is a build's figure folder: the notes then reuse the captions written there
    (otherwise each caption is drawn afresh; the text is the same).
    """
    from pptx import Presentation
    from pptx.util import Inches

    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    font = label("deck_font", lang)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_SIZE_IN[0]), Inches(SLIDE_SIZE_IN[1])
    blank = deck.slide_layouts[6]
    sources = load_sources()
    places = list(dict.fromkeys(pid for compared in comparisons for pid in compared["place_id"]))
    year = int(comparisons[0]["requested_year"].iloc[0]) if comparisons else ""
    sep = "、" if lang == "zh" else ", "
    title = deck.slides.add_slide(blank)
    _textbox(title, (0.8, 1.6, 11.7, 2.3), [label("deck_title", lang, places=sep.join(place_name(p, lang) for p in places))], [40, 36, 32, 28, 24], font, bold=True)
    indicators = (" · ").join(indicator_name(c["indicator_id"].iloc[0], lang) for c in comparisons)
    _textbox(title, (0.8, 4.1, 11.7, 1.9), [label("deck_subtitle", lang, indicators=indicators, year=year)], [22, 20, 18, 16, 14], font)
    used = sources[sources["source_id"].isin({sid for c in comparisons for sid in c["source_id"].dropna()})]
    title.notes_slide.notes_text_frame.text = "\n".join(
        f"{rec.source_id}: {rec.title_zh} ({rec.title_en})" + (f" {rec.doc_number}" if isinstance(rec.doc_number, str) else "") for rec in used.itertuples()
    )
    with tempfile.TemporaryDirectory(prefix="comparekit-deck-") as charts:
        for compared in comparisons:
            slide = deck.slides.add_slide(blank)
            indicator = compared["indicator_id"].iloc[0]
            _textbox(slide, _TITLE_BOX, [indicator_name(indicator, lang)], [28, 24, 20], font, bold=True)
            image = chart_png(compared, Path(charts), lang=lang)
            left, top, width, height = CHART_BOX_IN
            slide.shapes.add_picture(str(image), Inches(left), Inches(top), width=Inches(width), height=Inches(height))
            _, used = _textbox(slide, _TAKEAWAY_BOX, takeaway(compared, lang=lang), [16, 14, 13, 12, 11], font, heading=label("takeaway", lang))
            caveat_top = min(_TAKEAWAY_BOX[1] + used + 0.15, _CAVEAT_BOX[1])
            caveat_box = (_CAVEAT_BOX[0], caveat_top, _CAVEAT_BOX[2], _CAVEAT_BOX[1] + _CAVEAT_BOX[3] - caveat_top)
            caveats = []
            for rec in compared.itertuples():
                caveat = getattr(rec, f"caveat_{lang}")
                if rec.verdict in ("caveat", "not_comparable") and isinstance(caveat, str) and caveat:
                    caveats.append(f"{place_name(rec.place_id, lang)}: {caveat if lang == 'zh' else english_terms(caveat)}")
            left_out = 0
            if caveats:
                left_out, _ = _textbox(slide, caveat_box, caveats, [13, 12, 11, 10], font, heading=label("caveats", lang))
            drafts = [
                place_name(rec.place_id, lang) for rec in compared.itertuples()
                if is_draft(rec.source_id) and not pd.isna(rec.value) and not _says_draft(getattr(rec, f"caveat_{lang}"))
            ]
            foot = [label("draft_places", lang, places=join_names(drafts, lang))] if drafts else []
            if left_out:
                foot.append(label("caveats_more", lang, n=left_out))
            if foot:
                _textbox(slide, _FOOT_BOX, [" ".join(foot)], [12, 11, 10], font)
            notes = "\n".join(_note_lines(compared, sources, lang, figures_dir=figures_dir))
            slide.notes_slide.notes_text_frame.text = strip_control(notes, where=f"speaker notes of {indicator}")
        deck.core_properties.author = "comparekit"
        deck.core_properties.revision = 1
        fixed = _dt.datetime(2024, 1, 1)
        deck.core_properties.created = deck.core_properties.modified = deck.core_properties.last_printed = fixed
        with atomic_path(path) as temp:
            deck.save(str(temp))
            normalize_zip_timestamps(temp)
    return Path(path)
