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
# # 04 · Why naive comparisons mislead
#
# A spreadsheet that lines up "the urbanization number" or "the childcare number" of each plan
# makes three kinds of mistake. This notebook shows each one, and what comparekit does instead.

# %%
import matplotlib.pyplot as plt
import pandas as pd

import comparekit as ck
from comparekit import plot
from comparekit.figures import figure_for
from comparekit.style import use_style

statements = ck.load_statements()

# %% [markdown]
# ## 1 · Different territory (scope)
# Naively: take the first urbanization number each plan states.

# %%
naive = statements[statements["indicator_id"] == "urbanization_rate"].groupby("place_id").first()
naive[["value", "scope_text", "year"]]

# %% [markdown]
# Lu'an's first number is its **whole-city** 55%, which includes urban districts; Jieshou and
# Chengwu are counties. comparekit picks Lu'an's county-area 50% and says why:

# %%
ck.compare("urbanization_rate", 2025).set_index("place_id").loc["luan", ["value", "scope_text", "verdict", "caveat_en"]]

# %% [markdown]
# ## 2 · A construction standard is not a rate
# Jieshou's "≥10 slots per 1000 people" applies to **new residential estates**; it says nothing about
# the city as a whole.

# %%
childcare = ck.compare("childcare_slots_per_1000", 2025).set_index("place_id")
childcare.loc["jieshou", ["value", "scope_text", "verdict", "caveat_en"]]

# %% [markdown]
# ## 3 · Different year, and an absolute count
# Qiaocheng states 1.9万 slots for 2027. Dividing by a population turns it into a rate — but which
# population? The derived value is flagged, and its year is kept, never relabelled.

# %%
childcare.loc["qiaocheng", ["value", "year", "derived", "verdict", "caveat_en"]]

# %% [markdown]
# ## The verdicts side by side

# %%
headline = ["urbanization_rate", "childcare_slots_per_1000", "green_building_share"]
verdicts = pd.concat([ck.compare(i, 2025)[["place_id", "verdict"]].assign(indicator=i) for i in headline])
verdicts.pivot(index="indicator", columns="place_id", values="verdict")

# %%
with use_style("paper", lang="zh", width="double"):
    fig = figure_for("comparison")
    plot.comparison(ck.compare("childcare_slots_per_1000", 2025), lang="zh", ax=fig.add_subplot())
    plt.show()
