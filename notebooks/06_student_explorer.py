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
# # 06 · Student explorer
#
# Pick an indicator, a comparison year and a language; the chart and the table follow. Then try the
# three exercises at the end.

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt

import comparekit as ck
from comparekit import plot
from comparekit.figures import figure_for
from comparekit.style import use_style

coverage = ck.coverage()
stated_by_several = coverage[(coverage > 0).sum(axis=1) >= 2].index.get_level_values("indicator_id")
indicators = ck.load_indicators().set_index("indicator_id")
options = [(f"{indicators.loc[i, 'name_zh']} / {indicators.loc[i, 'name_en']}", i) for i in stated_by_several]
len(options)

# %%
harmonized = ck.harmonize()


def explore(indicator: str = "urbanization_rate", year: int = 2025, lang: str = "en"):
    table = ck.compare(indicator, year, harmonized=harmonized)
    with use_style("paper", lang=lang, width="double"):
        fig = figure_for("comparison")
        plot.comparison(table, lang=lang, ax=fig.add_subplot())
        plt.show()
    return table[["place_id", "value", "qualifier", "year", "scope_text", "verdict", f"caveat_{lang}"]]


widgets.interact(
    explore,
    indicator=widgets.Dropdown(options=options, value="urbanization_rate", description="indicator"),
    year=widgets.Dropdown(options=[2024, 2025, 2027, 2035], value=2025, description="year"),
    lang=widgets.ToggleButtons(options=["en", "zh"], value="en", description="language"),
);

# %% [markdown]
# ## Exercises
#
# **1 · Change the year.** Compare the urbanization rate for 2035. Which places state a 2035
# target, and what does comparekit do with a 2025 target when you ask for 2035?

# %%
explore("urbanization_rate", 2035)

# %% [markdown]
# **2 · Find the quote.** Pick any number in the table above and print the exact words of the plan
# it comes from (hint: `statement_ids`, `ck.load_statements()`, `ck.read_source_text`).

# %%
statements = ck.load_statements().set_index("statement_id")
first = ck.compare("urbanization_rate", 2035, harmonized=harmonized)["statement_ids"].iloc[1]
row = statements.loc[first]
ck.read_source_text(row["source_id"])[row["quote_start"] : row["quote_end"]]

# %% [markdown]
# **3 · Make a naive comparison, then fix it.** Take the *first* childcare statement of each plan
# and put the values in a bar chart. Which bars should not stand side by side, and why? Compare
# your answer with the `verdict` column of `ck.compare("childcare_slots_per_1000")`.

# %%
naive = ck.load_statements().query("indicator_id == 'childcare_slots_per_1000'").groupby("place_id")["value"].first()
naive
