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
# # 02 · Childcare slots per 1000 people
#
# The national 14th Five-Year public-services plan aims at 4.5 childcare slots for under-3s per
# 1000 people by 2025. The five plans say very different things:
#
# * Jieshou: **new estates** must provide ≥10 slots per 1000 residents (existing ones 8) — a
#   construction standard, not a city-wide rate;
# * Lu'an: ≥2.3 per 1000 for the whole city; Chengwu: 4.8; Linyi: 4 (per county);
# * Qiaocheng: an **absolute** 1.9万 (19,000) slots by **2027**.

# %%
import matplotlib.pyplot as plt

import comparekit as ck
from comparekit import plot
from comparekit.figures import figure_for
from comparekit.style import use_style

childcare = ck.compare("childcare_slots_per_1000", 2025)
childcare[["place_id", "value", "qualifier", "year", "scope_text", "derived", "verdict"]]

# %% [markdown]
# ## Qiaocheng's derived rate
# 19,000 slots on Qiaocheng's own census population (1,537,231) is 12.4 per 1000 — almost three
# times the national target. On Bozhou city's population (4,996,844) it would be 3.8, a plausible
# figure. comparekit computes the rate, records its denominator, and warns that the count may be
# city-level.

# %%
harmonized = ck.harmonize()
derived = harmonized[harmonized["derived"]]
derived[["statement_id", "value", "denominator", "denominator_date", "warnings_en"]]

# %% [markdown]
# ## The caveats, place by place
# Each verdict comes with its reason; the Chinese text is in `caveat_zh`.

# %%
for place, caveat in childcare[["place_id", "caveat_en"]].itertuples(index=False):
    print(f"{place:10s} {caveat}")

# %% [markdown]
# ## The chart
# Jieshou's estate standard is hatched (not comparable), Qiaocheng's derived value is hollow and
# labelled with its year, and the dashed line is the national 4.5 target.

# %%
with use_style("paper", lang="en", width="double"):
    fig = figure_for("comparison")
    plot.comparison(childcare, lang="en", ax=fig.add_subplot())
    plt.show()
