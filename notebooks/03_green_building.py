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
# # 03 · Green building and prefabricated construction
#
# National policy: all new urban buildings green by 2025; prefabricated buildings at least 30% of
# new construction. Two of the five plans state no green-building share at all — and that is
# "not stated", never zero.

# %%
import matplotlib.pyplot as plt

import comparekit as ck
from comparekit import plot
from comparekit.figures import figure_for
from comparekit.style import use_style

green = ck.compare("green_building_share", 2025)
green[["place_id", "value", "qualifier", "year", "verdict", "caveat_en"]]

# %% [markdown]
# Prefabricated construction: Qiaocheng aims higher (≥45%) but for 2027, and Linyi's 40% is a
# minimum for each county.

# %%
prefab = ck.compare("prefab_building_share", 2025)
prefab[["place_id", "value", "qualifier", "year", "scope_text", "verdict"]]

# %%
# Two panels, one figure anatomy: the heading names the year, each panel its indicator (above its
# legend), footnotes are numbered across both panels and the source line names every document once.
with use_style("paper", lang="en", width="double"):
    fig = figure_for("comparison", size="paper")
    fig.set_figheight(4.2)
    left, right = fig.subplots(1, 2)
    plot.comparison(green, lang="en", ax=left)
    plot.comparison(prefab, lang="en", ax=right)
    plt.show()

# %% [markdown]
# Every green-building statement, with its words:

# %%
statements = ck.load_statements()
green_rows = statements[statements["indicator_id"].isin(["green_building_share", "prefab_building_share", "green_building_area_added", "prefab_assembly_rate"])]
green_rows[["place_id", "indicator_id", "year", "value_text", "quote"]]
