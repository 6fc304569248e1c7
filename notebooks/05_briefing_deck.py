# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05 · A briefing deck for tomorrow's meeting
#
# One call writes a PowerPoint deck: a title slide, one slide per headline indicator with the chart,
# a two-line takeaway and the caveats; the sources and the exact quotes go into the speaker notes.
# Choose Chinese or English.

# %%
import tempfile
from pathlib import Path

from pptx import Presentation

import comparekit as ck
from comparekit.report import takeaway, write_deck

out = Path(tempfile.mkdtemp())
deck_path = write_deck(out / "briefing_zh.pptx", lang="zh", figures_dir=out / "figures")
deck_path

# %% [markdown]
# What is on each slide:

# %%
deck = Presentation(str(deck_path))
for number, slide in enumerate(deck.slides, start=1):
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    print(number, texts[0][:40])

# %% [markdown]
# The takeaway lines are computed, not typed:

# %%
for lang in ("zh", "en"):
    print(takeaway(ck.compare("urbanization_rate", 2025), lang=lang))
