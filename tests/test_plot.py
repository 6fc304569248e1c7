"""Plot functions: what was drawn — positions, names, colours, hatches, footnotes, source lines."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from comparekit import plot, registry
from comparekit.errors import ComparekitError, TableError
from comparekit.style import label, marks, place_colour, use_style

PLACES = ["jieshou", "luan", "chengwu", "qiaocheng", "linyi"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(params=["zh", "en"])
def lang(request):
    with use_style("paper", lang=request.param):
        yield request.param


@pytest.fixture
def en():
    with use_style("paper", lang="en"):
        yield "en"


# ---------------------------------------------------------------- hand-built fixtures


def compared_table(**overrides) -> pd.DataFrame:
    """A compare("urbanization_rate", year=2025) table with one row of every situation."""
    table = pd.DataFrame({
        "place_id": PLACES,
        "indicator_id": ["urbanization_rate"] * 5,
        "year": pd.array([2025, 2025, None, 2025, 2022], dtype="Int64"),
        "requested_year": [2025] * 5,
        "kind": ["target", "target", None, "target", "baseline"],
        "scope_text": ["", "", "", "县城", ""],
        "scope_class": ["unspecified", "unspecified", "", "urban_core", "unspecified"],
        "value": [55.0, 60.0, np.nan, 58.0, 64.17],
        "value_high": [np.nan, 62.0, np.nan, np.nan, np.nan],
        "qualifier": ["about", "range", None, "at_least", "exact"],
        "unit": ["%"] * 5,
        "derived": [False, False, False, True, False],
        "verdict": ["comparable", "caveat", "not_stated", "not_comparable", "caveat"],
        "caveat_en": ["", "A range, not a point target.", "", "County seat only, not the whole district.",
                      "Shows the 2022 baseline."],
        "caveat_zh": ["", "区间目标，非点值。", "", "口径为县城，非全区。", "所示为2022年基期值。"],
        "statement_ids": ["s1", "s2", "", "s3", "s4"],
        "source_id": ["jieshou_pilot", "luan_14fyp", None, "qiaocheng_2024", "linyi_county_2023"],
        "quote": ["", "", "", "", ""],
    })
    for column, value in overrides.items():
        table[column] = value
    return table


def ambition_table() -> pd.DataFrame:
    return pd.DataFrame({
        "place_id": ["linyi", "linyi"],
        "indicator_id": ["urbanization_rate", "sewage_treatment_rate"],
        "baseline_year": [2022, 2022],
        "baseline_value": [64.17, 97.0],
        "target_year": [2025, 2025],
        "target_value": [67.0, 98.0],
        "target_qualifier": ["at_least", "more_than"],
        "unit": ["%", "%"],
        "change_per_year": [0.9433, 0.3333],
        "change_unit": ["pp/yr", "pp/yr"],
    })


def coverage_table() -> pd.DataFrame:
    index = pd.MultiIndex.from_tuples(
        [("environment_green", "green_building_share"),
         ("population_urbanization", "urbanization_rate"),
         ("public_services", "childcare_slots_per_1000")],
        names=["theme", "indicator_id"],
    )
    return pd.DataFrame([[4, 0, 0, 1, 1], [1, 2, 0, 0, 3], [0, 0, 1, 0, 2]], index=index, columns=PLACES)


def statements_table() -> pd.DataFrame:
    return pd.DataFrame({
        "statement_id": [f"s{i}" for i in range(8)],
        "place_id": ["linyi", "linyi", "linyi", "luan", "luan", "jieshou", "chengwu", "qiaocheng"],
        "source_id": ["linyi_county_2023"] * 3 + ["luan_14fyp"] * 2 + ["jieshou_pilot", "chengwu_2024", "qiaocheng_2024"],
        "indicator_id": ["urbanization_rate"] * 8,
        "year": pd.array([2022, 2025, 2025, 2025, None, 2025, 2025, 2027], dtype="Int64"),
        "kind": ["baseline", "target", "target", "target", "standard", "target", "target", "target"],
    })


def _by_gid(ax, gid, kind="lines"):
    found = [a for a in getattr(ax, kind) if a.get_gid() == gid]
    assert len(found) == 1, f"{gid}: {len(found)} artists"
    return found[0]


def _tick_texts(ticks):
    return [t.get_text() for t in ticks]


def _footer(fig, gid="comparekit:source-line"):
    texts = [t for t in fig.texts if t.get_gid() == gid]
    assert len(texts) == 1
    return texts[0]


def _squash(text: str) -> str:
    return "".join(text.split())


# ---------------------------------------------------------------- comparison


def test_comparison_markers_sit_at_the_values(en):
    ax = plot.comparison(compared_table())
    assert _by_gid(ax, "value:jieshou").get_xydata().tolist() == [[55.0, 0.0]]
    assert _by_gid(ax, "value:qiaocheng").get_xydata().tolist() == [[58.0, 3.0]]
    assert _by_gid(ax, "value:linyi").get_xydata().tolist() == [[64.17, 4.0]]
    # a range: markers at both ends and a bar between them
    assert _by_gid(ax, "value:luan").get_xydata().tolist() == [[60.0, 1.0], [62.0, 1.0]]
    bar = _by_gid(ax, "range:luan", "patches")
    assert (bar.get_x(), bar.get_x() + bar.get_width()) == (60.0, 62.0)
    assert not [line for line in ax.lines if line.get_gid() == "value:chengwu"]


def test_comparison_tick_labels_are_registry_names(lang):
    ax = plot.comparison(compared_table(), lang=lang)
    expected = [registry.place_name(p, lang) for p in PLACES]
    assert _tick_texts(ax.get_yticklabels()) == expected
    assert expected[1] == ("六安" if lang == "zh" else "Lu'an")
    name = registry.indicator_name("urbanization_rate", lang)
    assert ax.get_xlabel() == label("axis.value", lang, indicator=name, unit="%")
    assert ax.get_xlabel() == {"zh": "常住人口城镇化率（%）", "en": "Resident-population urbanization rate (%)"}[lang]


def test_comparison_one_fixed_colour_per_place(en):
    ax = plot.comparison(compared_table())
    colours = {p: to_hex(_by_gid(ax, f"value:{p}").get_color()) for p in PLACES if p != "chengwu"}
    assert colours == {p: place_colour(p).lower() for p in colours}
    assert len(set(colours.values())) == 4


def test_comparison_not_stated_is_an_explicit_label_not_zero(lang):
    ax = plot.comparison(compared_table(), lang=lang)
    text = _by_gid(ax, "not-stated:chengwu", "texts")
    assert text.get_text() == {"zh": "未提及", "en": "Not stated"}[lang]
    assert text.get_position()[1] == 2  # in Chengwu's row
    assert all(0.0 not in line.get_xdata() for line in ax.lines if str(line.get_gid()).startswith("value:"))


def test_comparison_sets_not_comparable_rows_apart(en):
    ax = plot.comparison(compared_table())
    band = _by_gid(ax, "not-comparable:qiaocheng", "patches")
    assert band.get_hatch() == marks()["not_comparable_hatch"] == "///"
    assert band.get_y() == pytest.approx(3 - 0.45)
    assert _by_gid(ax, "value:qiaocheng").get_alpha() == marks()["not_comparable_alpha"]
    for place in ("jieshou", "luan", "linyi"):
        assert _by_gid(ax, f"value:{place}").get_alpha() == 1.0
    assert [p.get_gid() for p in ax.patches if str(p.get_gid()).startswith("not-comparable")] == [
        "not-comparable:qiaocheng"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert label("legend.not_comparable", "en") in legend


def test_comparison_qualifiers_and_derived_values(en):
    table = compared_table(qualifier=["about", "range", None, "at_least", "less_than"])
    ax = plot.comparison(table)
    about = _by_gid(ax, "qualifier:jieshou:about", "texts")
    assert about.get_text() == "≈"
    up = _by_gid(ax, "qualifier:qiaocheng:at_least", "texts")
    assert up.xy[0] > 0 and up.xyann == (58.0, 3)  # arrow from the marker towards higher values
    down = _by_gid(ax, "qualifier:linyi:less_than", "texts")
    assert down.xy[0] < 0
    assert _by_gid(ax, "value:qiaocheng").get_markerfacecolor() == "white"  # derived: hollow
    assert to_hex(_by_gid(ax, "value:jieshou").get_markerfacecolor()) == place_colour("jieshou").lower()


def test_comparison_reference_line_at_national_value(en):
    ax = plot.comparison(compared_table())
    line = _by_gid(ax, "reference")
    assert list(line.get_xdata()) == [67.0, 67.0]  # 2024 value: nearest year <= 2025
    assert "National resident urbanization rate (2024)" in [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close("all")
    ax = plot.comparison(compared_table(requested_year=[2023] * 5))
    assert list(_by_gid(ax, "reference").get_xdata()) == [66.16, 66.16]
    plt.close("all")
    ax = plot.comparison(compared_table(), reference=False)
    assert not [line for line in ax.lines if line.get_gid() == "reference"]


def test_comparison_no_reference_in_another_unit(en):
    table = compared_table(indicator_id=["childcare_slots_per_1000"] * 5, unit=["个"] * 5)
    ax = plot.comparison(table)
    assert not [line for line in ax.lines if line.get_gid() == "reference"]
    table = compared_table(indicator_id=["childcare_slots_per_1000"] * 5, unit=["个/千人"] * 5)
    ax = plot.comparison(table)
    assert list(_by_gid(ax, "reference").get_xdata()) == [4.5, 4.5]


def test_comparison_caveats_become_numbered_footnotes(lang):
    ax = plot.comparison(compared_table(), lang=lang)
    fig = ax.figure
    notes = _footer(fig, "comparekit:footnotes").get_text()
    table = compared_table()
    expected = [
        label("format.footnote", lang, n=1, place=registry.place_name("luan", lang), text=table.loc[1, f"caveat_{lang}"]),
        label("format.footnote", lang, n=2, place=registry.place_name("qiaocheng", lang), text=table.loc[3, f"caveat_{lang}"]),
        label("format.footnote", lang, n=3, place=registry.place_name("linyi", lang), text=table.loc[4, f"caveat_{lang}"]),
    ]
    assert _squash(notes) == _squash("".join(expected))
    assert [_by_gid(ax, f"note:{p}", "texts").get_text() for p in ("luan", "qiaocheng", "linyi")] == ["1", "2", "3"]
    plt.close("all")
    ax = plot.comparison(compared_table(), lang=lang, show_caveats=False)
    assert not [t for t in ax.figure.texts if t.get_gid() == "comparekit:footnotes"]


def test_comparison_source_line_names_the_documents(lang):
    ax = plot.comparison(compared_table(), lang=lang)
    text = _footer(ax.figure).get_text()
    # Chengwu states nothing: its plan was searched, so it is named too (registry order).
    expected = plot.source_line(["jieshou_pilot", "luan_14fyp", "chengwu_2024", "qiaocheng_2024", "linyi_county_2023"],
                                lang=lang)
    assert _squash(text) == _squash(expected)
    assert "临政办字〔2023〕96号" in _squash(text)


def test_footer_sits_below_the_axes(en):
    ax = plot.comparison(compared_table())
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    axes_bottom = ax.get_tightbbox(renderer).y0
    for gid in ("comparekit:footnotes", "comparekit:source-line"):
        assert _footer(fig, gid).get_window_extent(renderer).y1 <= axes_bottom
    source = _footer(fig).get_window_extent(renderer)
    assert source.y0 >= 0 and source.x1 <= fig.bbox.x1  # inside the figure: wrapped to its width


def test_comparison_refuses_two_indicators_and_missing_columns(en):
    table = compared_table()
    table.loc[0, "indicator_id"] = "gdp_growth"
    with pytest.raises(ValueError, match="one indicator"):
        plot.comparison(table)
    with pytest.raises(TableError) as caught:
        plot.comparison(compared_table().drop(columns=["verdict", "unit"]))
    assert set(caught.value.problems["column"]) == {"verdict", "unit"}
    with pytest.raises(ComparekitError, match="places.csv"):
        plot.comparison(compared_table(place_id=["jieshou", "luan", "chengwu", "qiaocheng", "nowhere"]))


# ---------------------------------------------------------------- empty data and ax=None


@pytest.mark.parametrize("function, empty", [
    (plot.comparison, compared_table().iloc[0:0]),
    (plot.dumbbell, ambition_table().iloc[0:0]),
    (plot.coverage_heatmap, coverage_table().iloc[0:0]),
    (plot.target_timeline, statements_table().iloc[0:0]),
])
def test_empty_table_returns_the_axes_untouched(en, function, empty):
    fig, ax = plt.subplots()
    assert function(empty, ax=ax) is ax
    assert not ax.lines and not ax.texts and not ax.patches and not ax.collections
    assert not fig.texts


def test_ax_none_draws_on_the_current_axes(en):
    fig, ax = plt.subplots()
    assert plot.comparison(compared_table()) is ax
    assert plot.dumbbell(ambition_table(), ax=None) is ax


# ---------------------------------------------------------------- same colour across charts


def test_a_place_has_the_same_colour_in_every_chart(en):
    _, (a, b, c) = plt.subplots(1, 3)
    plot.comparison(compared_table(), ax=a)
    plot.dumbbell(ambition_table(), ax=b)
    plot.target_timeline(statements_table(), ax=c)
    comparison = to_hex(_by_gid(a, "value:linyi").get_color())
    dumbbell = to_hex(_by_gid(b, "target:0").get_color())
    timeline = to_hex(_by_gid(c, "timeline:linyi:target", "collections").get_facecolor()[0])
    assert comparison == dumbbell == timeline == "#0072b2"


# ---------------------------------------------------------------- dumbbell


def test_dumbbell_baseline_target_and_change_per_year(lang):
    ax = plot.dumbbell(ambition_table(), lang=lang)
    assert _by_gid(ax, "baseline:0").get_xydata().tolist() == [[64.17, 0.0]]
    assert _by_gid(ax, "target:0").get_xydata().tolist() == [[67.0, 0.0]]
    assert _by_gid(ax, "baseline:0").get_markerfacecolor() == "white"
    assert _by_gid(ax, "dumbbell:1").get_xdata().tolist() == [97.0, 98.0]
    assert _by_gid(ax, "change:0", "texts").get_text() == {"zh": "+0.94 个百分点/年", "en": "+0.94 pp/yr"}[lang]
    assert _by_gid(ax, "year:baseline:0", "texts").get_text() == {"zh": "2022年", "en": "2022"}[lang]
    assert _tick_texts(ax.get_yticklabels()) == [
        registry.indicator_name("urbanization_rate", lang), registry.indicator_name("sewage_treatment_rate", lang)]
    assert _by_gid(ax, "qualifier:0", "texts").xy[0] > 0  # at least: arrow towards higher values
    assert _squash(_footer(ax.figure).get_text()) == _squash(plot.source_line(["linyi_county_2023"], lang=lang))


def test_dumbbell_indexes_rows_in_different_units(en):
    table = pd.concat([ambition_table(), pd.DataFrame({
        "place_id": ["linyi"], "indicator_id": ["student_teacher_ratio"], "baseline_year": [2022],
        "baseline_value": [16.05], "target_year": [2025], "target_value": [15.0], "target_qualifier": ["at_most"],
        "unit": ["ratio"], "change_per_year": [-2.2], "change_unit": ["%/yr"]})], ignore_index=True)
    ax = plot.dumbbell(table)
    assert ax.get_xlabel() == label("axis.index", "en") == "Index (baseline = 100)"
    assert _by_gid(ax, "baseline:2").get_xdata().tolist() == [100.0]
    assert _by_gid(ax, "target:2").get_xdata()[0] == pytest.approx(15.0 / 16.05 * 100)
    assert _by_gid(ax, "qualifier:2", "texts").xy[0] < 0
    assert _by_gid(ax, "change:2", "texts").get_text() == "−2.2 %/yr"


def test_dumbbell_row_labels_name_places_when_one_indicator(lang):
    table = pd.DataFrame({
        "place_id": ["luan", "linyi"], "indicator_id": ["urbanization_rate"] * 2, "baseline_year": [2022, 2022],
        "baseline_value": [55.0, 64.17], "target_year": [2025, 2025], "target_value": [58.0, np.nan],
        "target_qualifier": ["about", None], "unit": ["%", "%"], "change_per_year": [1.0, np.nan],
        "change_unit": ["pp/yr", "pp/yr"]})
    ax = plot.dumbbell(table, lang=lang)
    assert _tick_texts(ax.get_yticklabels()) == [registry.place_name("luan", lang), registry.place_name("linyi", lang)]
    assert _by_gid(ax, "change:1", "texts").get_text() == label("verdict.not_stated", lang)
    assert not [line for line in ax.lines if line.get_gid() in ("target:1", "dumbbell:1")]
    assert to_hex(_by_gid(ax, "target:0").get_color()) == place_colour("luan").lower()


# ---------------------------------------------------------------- coverage heatmap


def test_coverage_heatmap_counts_and_not_stated_cells(lang):
    ax = plot.coverage_heatmap(coverage_table(), lang=lang)
    # rows follow the registry's theme order, whatever the input order
    expected_rows = ["urbanization_rate", "childcare_slots_per_1000", "green_building_share"]
    assert _tick_texts(ax.get_yticklabels()) == [registry.indicator_name(i, lang) for i in expected_rows]
    assert _tick_texts(ax.get_xticklabels()) == [registry.place_name(p, lang) for p in PLACES]
    zero_cells = {p.get_gid() for p in ax.patches if str(p.get_gid()).startswith("not-stated:")}
    table = coverage_table().droplevel("theme")
    assert zero_cells == {f"not-stated:{i}:{p}" for i in table.index for p in PLACES if table.loc[i, p] == 0}
    assert len(zero_cells) == 7
    for patch in ax.patches:
        if str(patch.get_gid()).startswith("not-stated:"):
            assert patch.get_hatch() == marks()["not_stated_hatch"]
    assert _by_gid(ax, "count:urbanization_rate:linyi", "texts").get_text() == "3"
    assert _by_gid(ax, "count:green_building_share:jieshou", "texts").get_text() == "4"
    assert not [t for t in ax.texts if t.get_gid() == "count:urbanization_rate:chengwu"]
    mesh = _by_gid(ax, "coverage-counts", "collections")
    assert np.ma.getmaskarray(mesh.get_array()).sum() == 7
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [label("legend.not_stated", lang)]
    themes = [t.get_text() for t in ax.texts if str(t.get_gid()).startswith("theme:")]
    i = 0 if lang == "zh" else 1
    assert themes == [registry.THEMES[t][i] for t in ("population_urbanization", "public_services", "environment_green")]
    assert _footer(ax.figure).get_text()


def test_coverage_heatmap_needs_a_theme_indicator_index(en):
    with pytest.raises(ValueError, match="theme, indicator_id"):
        plot.coverage_heatmap(coverage_table().droplevel("theme"))


# ---------------------------------------------------------------- target timeline


def test_target_timeline_markers_by_place_year_and_kind(lang):
    ax = plot.target_timeline(statements_table(), lang=lang)
    y_linyi = 4
    target = _by_gid(ax, "timeline:linyi:target", "collections")
    assert target.get_offsets().tolist() == [[2025.0, y_linyi + marks()["kind_offsets"]["target"]]]
    baseline = _by_gid(ax, "timeline:linyi:baseline", "collections")
    assert baseline.get_offsets().tolist() == [[2022.0, y_linyi + marks()["kind_offsets"]["baseline"]]]
    single = _by_gid(ax, "timeline:jieshou:target", "collections").get_sizes()[0]
    assert target.get_sizes()[0] == pytest.approx(2 * single)  # two statements, twice the area
    # a statement without a year sits in the "not stated" column
    standard = _by_gid(ax, "timeline:luan:standard", "collections")
    slot = standard.get_offsets()[0][0]
    ticks = dict(zip(ax.get_xticks(), _tick_texts(ax.get_xticklabels())))
    assert ticks[slot] == label("verdict.not_stated", lang)
    assert [ticks[y] for y in (2022, 2025, 2027)] == ["2022", "2025", "2027"]
    assert _tick_texts(ax.get_yticklabels()) == [registry.place_name(p, lang) for p in PLACES]
    assert ax.get_xlabel() == label("axis.year", lang)


def test_target_timeline_refuses_unknown_kinds(en):
    table = statements_table()
    table.loc[2, "kind"] = "wish"
    with pytest.raises(TableError) as caught:
        plot.target_timeline(table)
    assert caught.value.problems["value"].tolist() == ["wish"]


# ---------------------------------------------------------------- source line


def test_source_line_text_in_both_languages():
    assert plot.source_line(["linyi_county_2023"], lang="zh") == (
        "资料来源：《关于推进以县城为重要载体的城镇化建设实施方案》，临沂市人民政府办公室，临政办字〔2023〕96号。")
    assert plot.source_line(["linyi_county_2023"], lang="en") == (
        "Source: Implementation Plan for Advancing Urbanization with County Seats as Key Carriers, "
        "Linyi Municipal People's Government General Office, 临政办字〔2023〕96号.")
    # no document number in the registry: none printed
    assert plot.source_line(["jieshou_pilot"], lang="en") == (
        "Source: Jieshou New-Type Urbanization Pilot Implementation Plan (draft for comment), "
        "Jieshou Municipal People's Government.")
    both = plot.source_line(["luan_14fyp;linyi_county_2023", "luan_14fyp", None], lang="en")
    assert both.startswith("Sources: Lu'an 14th Five-Year") and both.count("; ") == 1
    assert plot.source_line([], lang="zh") == ""
    with pytest.raises(ComparekitError, match="sources.csv"):
        plot.source_line(["no_such_plan"])


def test_add_source_line_merges_documents_of_several_axes(en):
    fig, (a, b) = plt.subplots(1, 2)
    plot.add_source_line(a, ["luan_14fyp"], lang="en")
    text = plot.add_source_line(b, ["linyi_county_2023", "luan_14fyp"], lang="en")
    assert [t.get_gid() for t in fig.texts] == ["comparekit:source-line"]
    assert text is fig.texts[0]
    assert _squash(text.get_text()) == _squash(plot.source_line(["luan_14fyp", "linyi_county_2023"], lang="en"))


def test_every_chart_carries_a_source_line_by_default(en):
    for function, table in [
        (plot.comparison, compared_table()),
        (plot.dumbbell, ambition_table()),
        (plot.coverage_heatmap, coverage_table()),
        (plot.target_timeline, statements_table()),
    ]:
        fig, ax = plt.subplots()
        function(table, ax=ax)
        assert _footer(fig).get_text().startswith(("Source: ", "Sources: "))
        plt.close(fig)
        fig, ax = plt.subplots()
        function(table, ax=ax, source=False)
        assert not [t for t in fig.texts if t.get_gid() == "comparekit:source-line"]
        plt.close(fig)


def test_paper_figure_grows_for_a_long_footer_and_slides_stay_16_to_9():
    with use_style("paper", lang="en"):
        fig, ax = plt.subplots()
        plot.comparison(compared_table(), ax=ax)
        assert fig.get_figwidth() == 3.5 and fig.get_figheight() > 2.8
    plt.close(fig)
    with use_style("slides", lang="zh"):
        fig, ax = plt.subplots()
        plot.comparison(compared_table(), ax=ax, lang="zh")
        assert tuple(fig.get_size_inches()) == (13.33, 7.5)
        assert math.isclose(fig.get_figwidth() / fig.get_figheight(), 16 / 9, rel_tol=1e-3)
