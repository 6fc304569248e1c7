# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 00 · Quickstart: five plans, one table
#
# comparekit reads five Chinese local planning documents — 界首/Jieshou, 六安/Lu'an, 成武/Chengwu,
# 谯城/Qiaocheng and 临沂/Linyi — and turns every quantitative statement into a row with its
# verbatim quote and the character offsets of that quote in the source text.
#
# This notebook is a tour: load the data, find a number's exact words, compare one indicator,
# and draw it. Run it top to bottom.

# %%
import matplotlib.pyplot as plt

import comparekit as ck
from comparekit import plot
from comparekit.figures import figure_for
from comparekit.style import use_style

# %% [markdown]
# ## The sources
# Each document is kept byte-identical under `data/sources/`; loading checks its SHA-256.

# %%
sources = ck.load_sources()
sources[["source_id", "title_zh", "doc_number", "issue_date", "status"]]

# %% [markdown]
# ## Every statement, with its words
# One row per statement: targets, baselines and construction standards, and qualitative targets
# (全覆盖, 清零 …) with no number.

# %%
statements = ck.load_statements()
print(len(statements), "statements")
statements.groupby("place_id").size()

# %% [markdown]
# Any number can be traced back: `text[quote_start:quote_end]` is the quote.

# %%
row = statements.set_index("statement_id").loc["chengwu_2024-001"]
text = ck.read_source_text(row["source_id"])
print(row["value"], row["unit"], row["qualifier"], "←", text[row["quote_start"] : row["quote_end"]])

# %% [markdown]
# ## Compare one indicator
# `compare()` returns one row per place — always all five — with a verdict: *comparable*,
# *comparable with caveat*, *not comparable* or *not stated*, and the reason in English and Chinese.

# %%
urban = ck.compare("urbanization_rate", 2025)
urban[["place_id", "value", "qualifier", "scope_text", "verdict", "caveat_en"]]

# %% [markdown]
# ## Draw it
# Styles are applied explicitly (`paper` or `slides`), labels come from the registries in the
# language you ask for.

# %%
with use_style("paper", lang="en", width="double"):
    fig = figure_for("comparison")
    plot.comparison(urban, lang="en", ax=fig.add_subplot())
    plt.show()

# %%
with use_style("paper", lang="zh", width="double"):
    fig = figure_for("comparison")
    plot.comparison(urban, lang="zh", ax=fig.add_subplot())
    plt.show()

# %% [markdown]
# ## What does each plan state?

# %%
coverage = ck.coverage()
coverage.groupby(level="theme").sum()

# %% [markdown]
# ## Your own study
# The five places are the built-in study. A study of your own is a folder: `study.toml`,
# `places.csv`, `sources.csv` with the verbatim texts, and reviewed `statements/`. On the command
# line it is `comparekit init DIR --example`, then `comparekit add-place DIR CODE`; here the same two
# steps run in a temporary folder and add 太和县 Taihe (division code 341222) from the 2020 census.

# %%
import tempfile
from pathlib import Path

from comparekit.workflow import add_place

folder = Path(tempfile.mkdtemp()) / "my_counties"
ck.init_study(folder, example=True)
add_place(folder, "341222")
study = ck.open_study(folder)
ck.load_places(study=study)[["place_id", "name_zh", "name_en", "population", "urban_share", "population_source"]]

# %% [markdown]
# Every public function takes `study=`. Taihe has no plan yet, so `compare()` says *not stated*
# for it — never zero — until `comparekit add-document` and `comparekit accept` add its statements.

# %%
ck.compare("urbanization_rate", study=study)[["place_id", "value", "verdict"]]

# %% [markdown]
# ## The census baseline
# Most plans state an urbanization target but no baseline. `ambition()` pairs each target with the
# place's 2020 census urban share (`baseline_source` = census: derived from the census, not stated
# by the plan) and shows the pace the target needs beside the national pace of 2020–2024.

# %%
pace = ck.ambition(study=study)
pace[pace["indicator_id"] == "urbanization_rate"][
    ["place_id", "baseline_source", "baseline_value", "target_year", "target_value", "change_per_year", "national_change_per_year"]
]
