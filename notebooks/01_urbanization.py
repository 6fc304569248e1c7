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
# # 01 · Urbanization: whole city or county areas?
#
# The resident-population urbanization rate (常住人口城镇化率) is the headline of every new-urbanization
# plan. But Lu'an, a prefecture-level city, states **two** 2025 targets: 55% for the whole city
# (全市) and 50% for its county areas (县域). Which one belongs next to the county-level plans?

# %%
import matplotlib.pyplot as plt

import comparekit as ck
from comparekit import plot
from comparekit.figures import figure_for
from comparekit.style import use_style

statements = ck.load_statements()
urban_rows = statements[statements["indicator_id"] == "urbanization_rate"]
urban_rows[["statement_id", "place_id", "scope_text", "year", "kind", "value_text", "quote"]]

# %% [markdown]
# Jieshou and Chengwu are county-level units: their whole jurisdiction *is* a county area. Linyi's
# table reports the county areas (县域). So at the county level, Lu'an's **县域 50%** is the figure to
# compare; its whole-city 55% includes the urban districts and is set aside as an alternative.

# %%
county = ck.compare("urbanization_rate", 2025)
county[["place_id", "value", "scope_text", "verdict", "caveat_en", "alternatives"]]

# %% [markdown]
# Ask for the prefecture level instead and the verdicts turn around: Lu'an's 55% is comparable,
# the counties are not.

# %%
prefecture = ck.compare("urbanization_rate", 2025, scope="prefecture")
prefecture[["place_id", "value", "scope_text", "verdict"]]

# %%
with use_style("paper", lang="en", width="double"):
    fig = figure_for("comparison")
    plot.comparison(county, lang="en", ax=fig.add_subplot())
    plt.show()

# %% [markdown]
# ## Ambition: Linyi 2022 → 2025
# Linyi's table gives a 2022 baseline and a 2025 target: the implied change is shown per year.

# %%
amb = ck.ambition(place="linyi")
amb[amb["indicator_id"] == "urbanization_rate"]

# %%
with use_style("paper", lang="zh", width="double"):
    fig = figure_for("ambition")
    plot.dumbbell(amb[amb["unit"] == "%"], lang="zh", ax=fig.add_subplot())
    plt.show()
