"""Figure anatomy: title, subtitle, value-label sizes, footer (footnotes and source line), captions.

Every chart of :mod:`comparekit.plot` has the same parts, laid out here:

* a **title** (the indicator and year, or a finding) and a one-line **subtitle** (what is compared,
  on which basis) at the top left of the figure;
* the Axes, laid out by matplotlib's constrained layout inside the space left between header and
  footer (legends above the Axes belong to that space);
* a **footer**: one footnote per distinct caveat (naming the places it applies to) and a one- or
  two-line **source line**. The figure never grows: what does not fit the footer's share of the
  height (``footer.max_fraction`` in ``style.json``) is replaced by a line saying that the caption has
  the rest;
* a **caption** (:func:`caption`), Markdown with the full citations, every note and how to read
  the marks — written beside every saved figure and reused by the deck notes and LaTeX captions.

Texts are wrapped by :func:`wrap`, which measures every token once with the current fonts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ..style import _check_lang, colour, label, load_style_registry
from ._common import figure, split_ids, text
from .sources import _citations, short_source_line, source_line  # noqa: F401 (re-exported)
from .text import _TOKEN, _token_width, fit_limits, text_size, text_width, wrap, wrap_label  # noqa: F401 (re-exported)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = [
    "source_line",
    "short_source_line",
    "add_source_line",
    "add_heading",
    "add_notes",
    "add_reading",
    "footnote",
    "draft_note",
    "caption",
    "wrap",
    "wrap_label",
    "fit_limits",
    "text_width",
    "text_size",
    "GID_TITLE",
    "GID_SUBTITLE",
    "GID_NOTES",
    "GID_SOURCES",
]

GID_TITLE = "comparekit:title"
GID_SUBTITLE = "comparekit:subtitle"
GID_NOTES = "comparekit:footnotes"
GID_SOURCES = "comparekit:source-line"
_STATE = "_comparekit_anatomy"
# CJK ideographs and full-width punctuation break anywhere; other text breaks at spaces.
# --------------------------------------------------------------------------------------------
# Figure state and rendering
# --------------------------------------------------------------------------------------------


def _state(fig: "Figure") -> dict:
    state = getattr(fig, _STATE, None)
    if state is None:
        state = {"title": "", "subtitle": "", "sources": [], "notes": [], "reading": [], "lang": "en",
                 "footnotes": {}, "drafts": [],
                 "artists": [], "base_bottom": fig.subplotpars.bottom, "base_top": fig.subplotpars.top}
        setattr(fig, _STATE, state)
    return state


def add_heading(fig_or_ax: Any, title: str, subtitle: str = "", *, lang: str = "en") -> "Text":
    """Set the figure's title and subtitle (top left, above the Axes and their legends); return the title Text."""
    _check_lang(lang)
    fig = figure(fig_or_ax)
    state = _state(fig)
    state.update(title=title, subtitle=subtitle, lang=lang)
    render(fig)
    return next(a for a in state["artists"] if a.get_gid() == GID_TITLE)


def add_notes(fig_or_ax: Any, notes: Sequence[str], *, lang: str = "en") -> None:
    """Add footnotes (already numbered) to the figure's footer and caption."""
    fig = figure(fig_or_ax)
    state = _state(fig)
    state["notes"] += [n for n in notes if n not in state["notes"]]
    state["lang"] = lang
    render(fig)


def add_reading(fig_or_ax: Any, lines: Sequence[str]) -> None:
    """Add "how to read" sentences to the caption only (the figure itself shows them in its legend)."""
    state = _state(figure(fig_or_ax))
    state["reading"] += [line for line in lines if line not in state["reading"]]


def footnote(fig_or_ax: Any, caveat: str, place: str) -> str:
    """Register *caveat* as applying to *place* and return its footnote number.

    One footnote per distinct caveat in the whole figure (all panels): a caveat met again gets
    the number it already has, and its footnote lists every place it applies to.
    """
    notes = _state(figure(fig_or_ax))["footnotes"]
    number, places = notes.setdefault(caveat, [len(notes) + 1, []])
    if place not in places:
        places.append(place)
    return str(number)


def draft_note(fig_or_ax: Any, place: str) -> str:
    """Register that *place*'s value comes from a draft document; return the mark ("†")."""
    drafts = _state(figure(fig_or_ax))["drafts"]
    if place not in drafts:
        drafts.append(place)
    return "†"


def _note_lines(state: dict) -> list[str]:
    lang = state["lang"]
    sep = label("format.list_separator", lang)
    lines = [label("format.footnote", lang, n=n, place=sep.join(places), text=caveat)
             for caveat, (n, places) in state["footnotes"].items()]
    if state["drafts"]:
        lines.append(label("note.draft", lang, places=sep.join(state["drafts"])))
    return lines + state["notes"]


def add_source_line(fig_or_ax: Any, source_ids: Iterable[str], *, lang: str = "en") -> "Text | None":
    """Add the documents to the figure's source line (below the axes) and return its Text.

    Calling it again on the same figure (for instance for a second Axes) adds the new documents
    to the one source line.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from comparekit.style import use_style
    >>> with use_style("paper"):
    ...     fig, ax = plt.subplots()
    ...     add_source_line(ax, ["luan_14fyp"]).get_text()
    "Sources: plans of Lu'an (2023); full citations in the caption."
    >>> plt.close(fig)
    """
    _check_lang(lang)
    fig = figure(fig_or_ax)
    state = _state(fig)
    ids = split_ids(source_ids)
    source_line(ids, lang=lang)  # raises on unknown ids before the figure is touched
    state["sources"] += [i for i in ids if i not in state["sources"]]
    state["lang"] = lang
    render(fig)
    return next((a for a in state["artists"] if a.get_gid() == GID_SOURCES), None)


def render(fig: "Figure") -> None:
    """Draw heading and footer of *fig* and give the Axes the space between them.

    The figure keeps its size. Footnotes that do not fit the footer's share of the height are
    left to the caption, with a line saying so.
    """
    state = _state(fig)
    for artist in state["artists"]:
        artist.remove()
    state["artists"] = []
    anatomy = load_style_registry()["anatomy"]
    lang = state["lang"]
    width_in, height_in = fig.get_size_inches()
    height_pt = height_in * 72.0
    margin_x = float(anatomy["margin_in"]) * 72.0
    margin_y = float(anatomy["margin_in"]) * 72.0
    width_pt = width_in * 72.0 - 2 * margin_x
    spacing = 1.25
    # Heading, top down.
    y_pt = height_pt - margin_y
    for gid, body, role, weight, color in (
        (GID_TITLE, state["title"], "title", "bold", colour("text")),
        (GID_SUBTITLE, state["subtitle"], "subtitle", "normal", colour("text_muted")),
    ):
        if not body:
            continue
        size = text_size(role)
        lines = wrap(body, width_pt, size, weight=weight)
        state["artists"].append(fig.text(
            margin_x / (width_in * 72.0), y_pt / height_pt, "\n".join(lines), ha="left", va="top",
            fontsize=size, fontweight=weight, color=color, linespacing=spacing, gid=gid, parse_math=False,
        ))
        y_pt -= len(lines) * size * spacing + 0.3 * size
    top = (y_pt - 0.5 * text_size("subtitle")) / height_pt if (state["title"] or state["subtitle"]) else 1.0
    # Footer, bottom up: source line, then as many footnotes as fit.
    size = text_size("footer")
    line_pt = size * spacing
    budget = float(anatomy["footer_max_fraction"]) * height_pt
    blocks = []
    sources = short_source_line(state["sources"], lang=lang)
    if sources:
        lines = wrap(sources, width_pt, size)
        if len(lines) > 2:
            lines = wrap(short_source_line(state["sources"], lang=lang, compact=True), width_pt, size)
        blocks.append((GID_SOURCES, lines))
    notes = _note_lines(state)
    if notes:
        used = sum(len(lines) for _, lines in blocks) * line_pt
        lines: list[str] = []
        for number, note in enumerate(notes):
            note_lines = wrap(note, width_pt, size)
            rest = len(notes) - number - 1
            room = (budget - used) / line_pt - len(lines) - (1 if rest else 0)
            if len(note_lines) > room:
                lines += wrap(label("footer.more_in_caption", lang), width_pt, size)
                break
            lines += note_lines
        blocks.append((GID_NOTES, lines))
    y_pt = margin_y
    for gid, lines in blocks:
        state["artists"].append(fig.text(
            margin_x / (width_in * 72.0), y_pt / height_pt, "\n".join(lines), ha="left", va="bottom",
            fontsize=size, color=colour("text_muted"), linespacing=spacing, gid=gid, parse_math=False,
        ))
        y_pt += len(lines) * line_pt + 0.4 * size
    bottom = (y_pt + 0.3 * size) / height_pt if blocks else 0.0
    _reserve(fig, bottom, top, state)


def content_box(fig_or_ax: Any) -> tuple[float, float, float, float]:
    """The area left for the Axes between heading and footer: ``(left, bottom, right, top)`` in points."""
    fig = figure(fig_or_ax)
    state = _state(fig)
    margin = float(load_style_registry()["anatomy"]["margin_in"]) * 72.0
    width, height = fig.get_figwidth() * 72.0, fig.get_figheight() * 72.0
    bottom, top = state.get("box", (0.0, 1.0))
    return margin, bottom * height + margin, width - margin, top * height - margin


def _reserve(fig: "Figure", bottom: float, top: float, state: dict) -> None:
    state["box"] = (bottom, top)
    from matplotlib.layout_engine import ConstrainedLayoutEngine, TightLayoutEngine

    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0, bottom, 1, max(0.05, top - bottom)))
    elif isinstance(engine, TightLayoutEngine):
        engine.set(rect=(0, bottom, 1, top))
    else:
        fig.subplots_adjust(bottom=min(0.9, max(state["base_bottom"], bottom + 0.08)),
                            top=max(0.1, min(state["base_top"], top - 0.02)))


# --------------------------------------------------------------------------------------------
# Captions
# --------------------------------------------------------------------------------------------


def caption(fig_or_ax: Any, *, lang: str | None = None) -> str:
    """Return the full caption of a drawn figure as Markdown.

    Title and subtitle, how to read the marks, every footnote, and the full citation of every
    document shown (title, issuer, document number, date; drafts say so). The build writes it
    beside each figure as ``<name>_<lang>.caption.md``; deck notes and LaTeX captions reuse it.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from comparekit.style import use_style
    >>> with use_style("paper"):
    ...     fig, ax = plt.subplots()
    ...     _ = add_heading(fig, "Urbanization rate, 2025", "Targets as stated")
    ...     _ = add_source_line(fig, ["luan_14fyp"])
    >>> print(caption(fig).splitlines()[0])
    **Urbanization rate, 2025.** Targets as stated.
    >>> plt.close(fig)
    """
    state = _state(figure(fig_or_ax))
    lang = _check_lang(lang or state["lang"])
    stop = label("caption.stop", lang)
    head = f"**{state['title'].rstrip('.。')}{stop}**" if state["title"] else ""
    if state["subtitle"]:
        head += f" {state['subtitle'].rstrip('.。')}{stop}" if lang == "en" else f"{state['subtitle'].rstrip('.。')}{stop}"
    parts = [head.strip()] if head.strip() else []
    if state["reading"]:
        parts.append(f"*{label('caption.reading', lang)}* " + " ".join(state["reading"]))
    notes = _note_lines(dict(state, lang=lang))
    if notes:
        parts.append(f"*{label('caption.notes', lang)}*\n\n" + "\n".join(f"- {n}" for n in notes))
    if state["sources"]:
        citations = _citations(split_ids(state["sources"]), lang)
        parts.append(f"*{label('caption.sources', lang)}*\n\n" + "\n".join(f"- {c}" for c in citations))
    return "\n\n".join(parts) + "\n"
