"""Plot functions: what was drawn — positions, value labels, names, colours, bands, footnotes, source lines."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from comparekit import plot, registry
from comparekit.errors import ComparekitError, TableError
from comparekit.style import label, marks, place_colour, place_marker, use_style

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


def test_comparison_value_labels_carry_the_qualifier(lang):
    ax = plot.comparison(compared_table(), lang=lang)
    labels = {p: _by_gid(ax, f"label:{p}", "texts").get_text() for p in PLACES if p != "chengwu"}
    assert labels == {
        "jieshou": "≈55",
        "luan": "60–62",
        "qiaocheng": "≥58",
        "linyi": {"zh": "64.17（2022年）", "en": "64.17 (2022)"}[lang],  # a year other than the one asked
    }


@pytest.mark.parametrize("qualifier, value, expected_en, expected_zh", [
    ("at_least", 2.3, "≥2.3", "≥2.3"),
    ("about", 55.0, "≈55", "≈55"),
    ("maintain", 100.0, "maintain 100", "保持100"),
    ("more_than", 65.0, ">65", ">65"),
    ("exact", 4.8, "4.8", "4.8"),
    ("less_than", 14.0, "<14", "<14"),
])
def test_value_text_formats(qualifier, value, expected_en, expected_zh):
    assert plot.value_text(value, qualifier, "en") == expected_en
    assert plot.value_text(value, qualifier, "zh") == expected_zh
    assert plot.value_text(3.0, "range", "en", high=5.0) == "3–5"
    assert plot.value_text(100.0, "exact", "en", shown_year=2027) == "100 (2027)"


def test_comparison_maintain_is_ringed_and_reach_is_not(en):
    table = compared_table(qualifier=["maintain", "range", None, "exact", "exact"])
    ax = plot.comparison(table)
    assert _by_gid(ax, "label:jieshou", "texts").get_text() == "maintain 55"
    ring = _by_gid(ax, "maintain:jieshou")
    assert ring.get_markerfacecolor() == "none" and ring.get_markersize() > _by_gid(ax, "value:jieshou").get_markersize()
    assert not [line for line in ax.lines if line.get_gid() == "maintain:qiaocheng"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert label("legend.maintain", "en") in legend


def test_comparison_title_and_subtitle(lang):
    ax = plot.comparison(compared_table(), lang=lang)
    texts = {t.get_gid(): t.get_text() for t in ax.figure.texts}
    title = registry.indicator_name("urbanization_rate", lang)
    assert texts["comparekit:title"].replace("\n", "").startswith(title) and "2025" in texts["comparekit:title"]
    # the subtitle says what is compared and how many values are comparable
    assert "2025" in texts["comparekit:subtitle"]
    assert {"en": "3 of 5", "zh": "5个地区中3个"}[lang] in texts["comparekit:subtitle"].replace("\n", "")
    ax = plot.comparison(compared_table(), lang=lang, ax=plt.figure().add_subplot(), title=False)
    assert not [t for t in ax.figure.texts if t.get_gid() == "comparekit:title"]


def test_comparison_tick_labels_are_registry_names(lang):
    ax = plot.comparison(compared_table(), lang=lang)
    assert _tick_texts(ax.get_yticklabels()) == [registry.place_name(p, lang) for p in PLACES]


def test_comparison_one_fixed_colour_and_marker_per_place(en):
    ax = plot.comparison(compared_table())
    for place in PLACES:
        if place == "chengwu":
            continue
        line = _by_gid(ax, f"value:{place}")
        assert to_hex(line.get_color()) == place_colour(place).lower()
        assert line.get_marker() == place_marker(place)


def test_comparison_not_stated_is_an_explicit_label_not_zero(lang):
    ax = plot.comparison(compared_table(), lang=lang)
    text = _by_gid(ax, "not-stated:chengwu", "texts")
    assert text.get_text() == label("verdict.not_stated", lang)
    assert all(0.0 not in line.get_xdata() for line in ax.lines if str(line.get_gid()).startswith("value:"))
    notes = [t.get_text() for t in ax.figure.texts if t.get_gid() == "comparekit:footnotes"]
    assert not any(registry.place_name("chengwu", lang) in n for n in notes)  # no footnote for "not stated"


def test_comparison_caveat_and_not_comparable_rows_are_set_apart(en):
    ax = plot.comparison(compared_table())
    band = _by_gid(ax, "not-comparable:qiaocheng", "patches")
    assert band.get_hatch() == marks()["not_comparable_hatch"]
    assert _by_gid(ax, "value:qiaocheng").get_alpha() == marks()["not_comparable_alpha"]
    for place in ("jieshou", "luan", "linyi"):
        assert _by_gid(ax, f"value:{place}").get_alpha() == 1.0
    caveat_rows = sorted(p.get_gid() for p in ax.patches if str(p.get_gid()).startswith("caveat:"))
    assert caveat_rows == ["caveat:linyi", "caveat:luan"]  # grey band on the caveat rows only
    assert not [p for p in ax.patches if p.get_gid() == "caveat:jieshou"]


def test_comparison_derived_values_are_hollow(en):
    ax = plot.comparison(compared_table())
    assert _by_gid(ax, "value:qiaocheng").get_markerfacecolor() == "white"
    assert to_hex(_by_gid(ax, "value:jieshou").get_markerfacecolor()) == place_colour("jieshou").lower()


def test_comparison_reference_line_labelled_and_broken_at_marks(en):
    ax = plot.comparison(compared_table())
    segments = [line for line in ax.lines if str(line.get_gid()).startswith("reference")]
    assert {tuple(line.get_xdata()) for line in segments} == {(67.0, 67.0)}  # 2024: latest year ≤ 2025
    assert _by_gid(ax, "reference-label", "texts").get_text() == "National 67 (2024)"
    ax = plot.comparison(compared_table(value=[55.0, 60.0, np.nan, 58.0, 67.0], qualifier=["about", "range", None, "at_least", "exact"]),
                         ax=plt.figure().add_subplot())
    rows_crossed = {round(float(np.mean(line.get_ydata()))) for line in ax.lines if str(line.get_gid()).startswith("reference")}
    assert 4 not in rows_crossed  # Linyi's marker sits on the national value: the line stops there
    assert 2 in rows_crossed  # Chengwu states nothing: the line runs through its row


def test_comparison_reference_line_never_crosses_a_label(lang):
    with use_style("slides", lang=lang):
        fig = plt.figure(figsize=(12.8, 7.2))
        ax = plot.comparison(compared_table(value=[55.0, 60.0, np.nan, 58.0, 66.0]), lang=lang, ax=fig.add_subplot())
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in ax.texts]
        for line in ax.lines:
            if not str(line.get_gid()).startswith("reference"):
                continue
            path = line.get_transform().transform(line.get_xydata())
            x, (y0, y1) = path[0][0], sorted(path[:, 1])
            for box in boxes:
                assert not (box.x0 < x < box.x1 and y0 < box.y1 and box.y0 < y1), (line.get_gid(), box)


def test_comparison_no_reference_in_another_unit(en):
    table = compared_table(unit=["万人"] * 5)
    ax = plot.comparison(table)
    assert not [line for line in ax.lines if line.get_gid() == "reference"]
    table = compared_table(indicator_id=["childcare_slots_per_1000"] * 5, unit=["个/千人"] * 5, value=[2.3, 4.0, np.nan, 3.0, 4.8])
    ax = plot.comparison(table, ax=plt.figure().add_subplot())
    assert list(_by_gid(ax, "reference").get_xdata()) == [4.5, 4.5]


def test_share_axis_stays_within_0_and_100(en):
    table = compared_table(indicator_id=["green_building_share"] * 5, value=[100.0, 95.0, np.nan, 100.0, 100.0])
    ax = plot.comparison(table)
    low, high = ax.get_xlim()
    assert 0 <= low < high <= 100


def test_comparison_one_footnote_per_distinct_caveat(lang):
    table = compared_table()
    same = {"en": "Prefecture-wide rate.", "zh": "全市口径。"}[lang]
    table.loc[[1, 4], f"caveat_{lang}"] = same
    ax = plot.comparison(table, lang=lang)
    notes = _footer(ax.figure, "comparekit:footnotes").get_text().replace("\n", "")
    assert notes.count(same) == 1
    sep = label("format.list_separator", lang)
    places = sep.join(registry.place_name(p, lang) for p in ("luan", "linyi"))
    assert label("format.footnote", lang, n=1, place=places, text=same) in notes
    assert _by_gid(ax, "note:luan", "texts").get_text() == "1"
    assert _by_gid(ax, "note:linyi", "texts").get_text() == "1"
    assert _by_gid(ax, "note:qiaocheng", "texts").get_text().startswith("2")
    ax = plot.comparison(compared_table(), lang=lang, show_caveats=False, ax=plt.figure().add_subplot())
    assert not [t for t in ax.figure.texts if t.get_gid() == "comparekit:footnotes"]


def test_values_from_a_draft_carry_a_mark_and_a_note(lang):
    # jieshou_pilot and qiaocheng_2024 have status "draft" in the source registry
    from comparekit.sources import load_sources

    sources = load_sources().set_index("source_id")
    assert sources.loc["jieshou_pilot", "status"] == "draft" and sources.loc["luan_14fyp", "status"] != "draft"
    ax = plot.comparison(compared_table(), lang=lang, ax=plt.figure(figsize=(7.2, 5)).add_subplot())
    assert _by_gid(ax, "note:jieshou", "texts").get_text() == "†"
    assert "†" not in _by_gid(ax, "note:luan", "texts").get_text()
    notes = _footer(ax.figure, "comparekit:footnotes").get_text()
    assert {"en": "Draft for comment", "zh": "征求意见稿"}[lang] in notes
    assert registry.place_name("jieshou", lang) in notes.splitlines()[-1]


def test_comparison_source_line_is_short_and_caption_has_full_citations(lang):
    ax = plot.comparison(compared_table(), lang=lang)
    ids = ["jieshou_pilot", "luan_14fyp", "chengwu_2024", "qiaocheng_2024", "linyi_county_2023"]
    text = _footer(ax.figure).get_text()
    # the short line, or at narrow widths its compact form: never more than two lines
    assert _squash(text) in {_squash(plot.short_source_line(ids, lang=lang, compact=c)) for c in (False, True)}
    assert len(text.splitlines()) <= 2
    caption = plot.caption(ax.figure)
    for source_id in ids:
        title = load_source_title(source_id, lang)
        assert title in caption
    assert "临政办字〔2023〕96号" in caption
    assert label("caption.notes", lang) in caption


def load_source_title(source_id, lang):
    from comparekit.sources import load_sources

    return load_sources().set_index("source_id").loc[source_id, f"title_{lang}"]


def test_footer_sits_below_the_axes_and_figure_keeps_its_size(en):
    fig = plt.figure(figsize=(3.5, 2.8))
    ax = plot.comparison(compared_table(), ax=fig.add_subplot())
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    axes_bottom = ax.get_tightbbox(renderer).y0
    for gid in ("comparekit:footnotes", "comparekit:source-line"):
        assert _footer(fig, gid).get_window_extent(renderer).y1 <= axes_bottom + 0.5
    assert tuple(fig.get_size_inches()) == (3.5, 2.8)


def test_footnotes_that_do_not_fit_go_to_the_caption(en):
    table = compared_table()
    table["caveat_en"] = [f"Caveat number {i}: " + "a long explanation " * 12 for i in range(5)]
    fig = plt.figure(figsize=(3.5, 2.8))
    ax = plot.comparison(table, ax=fig.add_subplot())
    notes = _footer(fig, "comparekit:footnotes").get_text()
    assert notes.endswith(label("footer.more_in_caption", "en"))
    assert tuple(fig.get_size_inches()) == (3.5, 2.8)
    caption = plot.caption(ax.figure)
    for i in (0, 1, 3, 4):  # row 2 states nothing: no footnote for "not stated"
        assert f"Caveat number {i}" in caption


def test_comparison_refuses_two_indicators_and_missing_columns(en):
    table = compared_table()
    table.loc[0, "indicator_id"] = "green_building_share"
    with pytest.raises(ValueError, match="one indicator"):
        plot.comparison(table)
    with pytest.raises(TableError):
        plot.comparison(compared_table().drop(columns=["verdict", "unit"]))
    with pytest.raises(ComparekitError, match="places.csv"):
        plot.comparison(compared_table(place_id=["jieshou", "luan", "chengwu", "qiaocheng", "nowhere"]))


# ---------------------------------------------------------------- seaborn's contract


@pytest.mark.parametrize("function, empty", [
    (plot.comparison, compared_table().iloc[0:0]),
    (plot.dumbbell, ambition_table().iloc[0:0]),
    (plot.coverage_heatmap, coverage_table().iloc[0:0]),
    (plot.target_timeline, statements_table().iloc[0:0]),
    (plot.plan_horizon, statements_table().iloc[0:0]),
])
def test_empty_table_returns_the_axes_untouched(en, function, empty):
    fig, ax = plt.subplots()
    assert function(empty, ax=ax) is ax
    assert not ax.lines and not ax.texts and not ax.patches


def test_ax_none_draws_on_the_current_axes(en):
    fig, ax = plt.subplots()
    assert plot.comparison(compared_table()) is ax
    assert plot.dumbbell(ambition_table(), ax=None) is ax


# ---------------------------------------------------------------- same colour across charts


def test_a_place_has_the_same_colour_in_every_chart(en):
    _, (a, b, c, d) = plt.subplots(1, 4)
    plot.comparison(compared_table(), ax=a)
    plot.dumbbell(ambition_table(), ax=b)
    plot.target_timeline(statements_table(), ax=c)
    plot.plan_horizon(statements_table(), ax=d)
    comparison = to_hex(_by_gid(a, "value:linyi").get_color())
    dumbbell = to_hex(_by_gid(b, "target:0").get_color())
    timeline = to_hex(_by_gid(c, "timeline:linyi:target", "collections").get_facecolor()[0])
    horizon = to_hex(_by_gid(d, "targets:linyi_county_2023").get_color())
    assert comparison == dumbbell == timeline == horizon == place_colour("linyi").lower() == "#005693"


@pytest.fixture
def seven_places(monkeypatch):
    """Two places beyond the registry's six, as a user's own study would have."""
    from comparekit.plot import _common

    places = registry.load_places()
    extra = places[places["place_id"] == "bozhou"].assign(place_id="fuyang", name_zh="阜阳市", name_en="Fuyang")
    table = pd.concat([places, extra], ignore_index=True)
    names = dict(zip(table["place_id"], zip(table["name_zh"], table["name_en"])))
    monkeypatch.setattr(_common, "load_places", lambda **kw: table)
    monkeypatch.setattr(_common, "place_name", lambda p, lang="en": names[p][0 if lang == "zh" else 1])
    return ["bozhou", "fuyang"]


def test_seven_places_get_distinct_colours_and_markers(en, seven_places):
    extra = seven_places
    table = pd.concat([compared_table(), compared_table().iloc[[0, 2]].assign(place_id=extra, source_id=[None, None])],
                      ignore_index=True)
    table.loc[5, ["value", "verdict", "source_id"]] = [52.0, "comparable", "jieshou_pilot"]
    ax = plot.comparison(table)
    drawn = {line.get_gid()[6:]: (to_hex(line.get_color()), line.get_marker())
             for line in ax.lines if str(line.get_gid()).startswith("value:")}
    assert len(set(drawn.values())) == len(drawn) == 5
    assert drawn["bozhou"] != drawn["jieshou"]
    assert drawn["linyi"] == ("#005693", "v")
    assert _tick_texts(ax.get_yticklabels())[-2:] == ["Bozhou", "Fuyang"]


# ---------------------------------------------------------------- dumbbell


def test_dumbbell_baseline_target_labels_and_change_per_year(lang):
    ax = plot.dumbbell(ambition_table(), lang=lang)
    # rows sorted by change per year, largest first
    assert [t.replace("\n", " ") for t in _tick_texts(ax.get_yticklabels())] == [
        registry.indicator_name("urbanization_rate", lang), registry.indicator_name("sewage_treatment_rate", lang)]
    assert _by_gid(ax, "baseline:0").get_xydata().tolist() == [[64.17, 0.0]]
    assert _by_gid(ax, "target:0").get_xydata().tolist() == [[67.0, 0.0]]
    assert _by_gid(ax, "baseline:0").get_markerfacecolor() == "white"
    assert _by_gid(ax, "dumbbell:1").get_xdata().tolist() == [97.0, 98.0]
    assert _by_gid(ax, "change:0", "texts").get_text() == {"zh": "+0.94 个百分点/年", "en": "+0.94 pp/yr"}[lang]
    assert _by_gid(ax, "label:baseline:0", "texts").get_text() == "64.17"
    assert _by_gid(ax, "label:target:0", "texts").get_text() == "≥67"
    assert _by_gid(ax, "label:target:1", "texts").get_text() == ">98"
    # labels sit outside the pair: baseline label to the left, target label to the right
    assert _by_gid(ax, "label:baseline:0", "texts").get_ha() == "right"
    assert _by_gid(ax, "label:target:0", "texts").get_ha() == "left"
    subtitle = next(t.get_text() for t in ax.figure.texts if t.get_gid() == "comparekit:subtitle").replace("\n", "")
    assert "2022" in subtitle and "2025" in subtitle  # the years once, in the subtitle
    assert _squash(_footer(ax.figure).get_text()) == _squash(plot.short_source_line(["linyi_county_2023"], lang=lang))
    low, high = ax.get_xlim()
    assert 0 <= low < high <= 100


def test_dumbbell_indexes_rows_in_different_units(en):
    table = pd.concat([ambition_table(), pd.DataFrame({
        "place_id": ["linyi"], "indicator_id": ["student_teacher_ratio"], "baseline_year": [2022],
        "baseline_value": [16.05], "target_year": [2025], "target_value": [15.0], "target_qualifier": ["at_most"],
        "unit": ["ratio"], "change_per_year": [-2.2], "change_unit": ["%/yr"]})], ignore_index=True)
    ax = plot.dumbbell(table)
    assert ax.get_xlabel() == label("axis.index", "en") == "Index (baseline = 100)"
    assert _by_gid(ax, "baseline:2").get_xdata().tolist() == [100.0]
    assert _by_gid(ax, "target:2").get_xdata()[0] == pytest.approx(15.0 / 16.05 * 100)
    assert _by_gid(ax, "label:target:2", "texts").get_text() == "≤15"
    assert _by_gid(ax, "label:target:2", "texts").get_ha() == "right"  # the target is the lower value
    assert _by_gid(ax, "change:2", "texts").get_text() == "−2.2 %/yr"


def test_dumbbell_every_place_with_a_baseline(lang):
    table = pd.DataFrame({
        "place_id": ["linyi", "luan"], "indicator_id": ["urbanization_rate"] * 2, "baseline_year": [2022, 2022],
        "baseline_value": [64.17, 55.0], "target_year": [2025, 2025], "target_value": [np.nan, 58.0],
        "target_qualifier": [None, "about"], "unit": ["%", "%"], "change_per_year": [np.nan, 1.0],
        "change_unit": ["pp/yr", "pp/yr"]})
    ax = plot.dumbbell(table, lang=lang)
    # registry order of places: Lu'an before Linyi
    assert _tick_texts(ax.get_yticklabels()) == [registry.place_name("luan", lang), registry.place_name("linyi", lang)]
    assert _by_gid(ax, "change:1", "texts").get_text() == label("verdict.not_stated", lang)
    assert not [line for line in ax.lines if line.get_gid() in ("target:1", "dumbbell:1")]
    assert to_hex(_by_gid(ax, "target:0").get_color()) == place_colour("luan").lower()
    title = next(t.get_text() for t in ax.figure.texts if t.get_gid() == "comparekit:title")
    assert registry.place_name("luan", lang) in title and registry.place_name("linyi", lang) in title


# ---------------------------------------------------------------- coverage


def test_coverage_stated_matrix_with_counts_of_places(lang):
    fig = plt.figure(figsize=(7.2, 4))
    ax = plot.coverage_heatmap(coverage_table(), lang=lang, ax=fig.add_subplot())
    # rows follow the registry's theme order, whatever the input order
    expected_rows = ["urbanization_rate", "childcare_slots_per_1000", "green_building_share"]
    assert [t.replace("\n", " ") for t in _tick_texts(ax.get_yticklabels())] == [
        registry.indicator_name(i, lang) for i in expected_rows]
    assert _tick_texts(ax.get_xticklabels()) == [registry.place_name(p, lang) for p in PLACES]
    table = coverage_table().droplevel("theme")
    empty = {p.get_gid() for p in ax.patches if str(p.get_gid()).startswith("not-stated:")}
    assert empty == {f"not-stated:{i}:{p}" for i in table.index for p in PLACES if table.loc[i, p] == 0}
    assert len(empty) == 7
    stated = {p.get_gid() for p in ax.patches if str(p.get_gid()).startswith("stated:")}
    assert len(stated) == 8  # counts are not drawn: 4 statements are one "stated" cell
    n_of = {"en": "{} of 5", "zh": "{}/5"}[lang]
    assert _by_gid(ax, "n-places:green_building_share", "texts").get_text() == n_of.format(3)
    assert _by_gid(ax, "n-places:childcare_slots_per_1000", "texts").get_text() == n_of.format(2)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [label("legend.stated", lang), label("legend.not_stated", lang)]
    themes = [t.get_text() for t in ax.texts if str(t.get_gid()).startswith("theme:")]
    i = 0 if lang == "zh" else 1
    assert [t.replace("\n", " ") for t in themes] == [
        registry.THEMES[t][i] for t in ("population_urbanization", "public_services", "environment_green")]
    assert _footer(ax.figure).get_text()


def test_coverage_filter_is_applied_and_stated_in_the_subtitle(en):
    fig = plt.figure(figsize=(7.2, 4))
    ax = plot.coverage_heatmap(coverage_table(), min_places=3, ax=fig.add_subplot())
    assert len(ax.get_yticklabels()) == 2  # green building (3 places) and urbanization (3 places)
    subtitle = next(t.get_text() for t in fig.texts if t.get_gid() == "comparekit:subtitle").replace("\n", " ")
    assert "at least 3 of the 5 places" in subtitle


def test_coverage_heatmap_needs_a_theme_indicator_index(en):
    with pytest.raises(ValueError, match="theme, indicator_id"):
        plot.coverage_heatmap(coverage_table().droplevel("theme"))


# ---------------------------------------------------------------- time


def test_plan_horizon_issue_dates_periods_and_target_years(lang):
    ax = plot.plan_horizon(statements_table(), lang=lang)
    assert _tick_texts(ax.get_yticklabels()) == [registry.place_name(p, lang) for p in PLACES]
    # Lu'an's plan was issued in June 2023
    assert _by_gid(ax, "issued:luan_14fyp").get_xdata()[0] == pytest.approx(2023 + 5.5 / 12)
    # the Jieshou draft gives no issue date: its start year, hollow
    undated = _by_gid(ax, "issued:jieshou_pilot")
    assert undated.get_xdata()[0] == 2023 and undated.get_markerfacecolor() == "white"
    assert _by_gid(ax, "targets:qiaocheng_2024").get_xdata().tolist() == [2027.5]
    bar = _by_gid(ax, "horizon:qiaocheng_2024", "patches")
    assert (bar.get_x(), bar.get_x() + bar.get_width()) == (2024, 2028)
    # issue-date diamonds and target markers sit on different heights of the row: never one blob
    assert _by_gid(ax, "issued:luan_14fyp").get_ydata()[0] != _by_gid(ax, "targets:luan_14fyp").get_ydata()[0]


def test_target_timeline_markers_by_place_year_and_kind(lang):
    ax = plot.target_timeline(statements_table(), lang=lang)
    y_linyi = 4
    target = _by_gid(ax, "timeline:linyi:target", "collections")
    assert target.get_offsets().tolist() == [[2025.0, y_linyi + marks()["kind_offsets"]["target"]]]
    baseline = _by_gid(ax, "timeline:linyi:baseline", "collections")
    assert baseline.get_offsets().tolist() == [[2022.0, y_linyi + marks()["kind_offsets"]["baseline"]]]
    single = _by_gid(ax, "timeline:jieshou:target", "collections").get_sizes()[0]
    assert target.get_sizes()[0] == pytest.approx(2 * single)  # two statements, twice the area
    standard = _by_gid(ax, "timeline:luan:standard", "collections")
    slot = standard.get_offsets()[0][0]
    ticks = dict(zip(ax.get_xticks(), _tick_texts(ax.get_xticklabels())))
    assert ticks[slot] == label("verdict.not_stated", lang)
    assert [ticks[y] for y in (2022, 2025, 2027)] == ["2022", "2025", "2027"]
    # the size key covers the data: its largest entry is the largest count
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1] == label("legend.n_statements", lang, n=2)


def test_target_timeline_refuses_unknown_kinds(en):
    table = statements_table()
    table.loc[2, "kind"] = "wish"
    with pytest.raises(TableError) as caught:
        plot.target_timeline(table)
    assert caught.value.problems["value"].tolist() == ["wish"]


# ---------------------------------------------------------------- distance to the national reference


def test_distance_small_multiples(lang):
    childcare = compared_table(indicator_id=["childcare_slots_per_1000"] * 5, unit=["个/千人"] * 5,
                               value=[2.3, 4.0, np.nan, 12.36, 4.8], qualifier=["at_least", "exact", None, "exact", "exact"],
                               verdict=["caveat", "comparable", "not_stated", "not_comparable", "comparable"])
    nothing = compared_table(indicator_id=["county_seat_population"] * 5, unit=["万人"] * 5)
    table = pd.concat([compared_table(), childcare, nothing], ignore_index=True)
    distances = plot.distance_table(table)
    assert list(dict.fromkeys(distances["indicator_id"])) == ["urbanization_rate", "childcare_slots_per_1000"]
    axes = plot.distance_to_reference(table, lang=lang)
    assert len(axes) == 2
    urban, care = axes
    assert _by_gid(care, "distance:childcare_slots_per_1000:jieshou").get_xdata()[0] == pytest.approx(2.3 - 4.5)
    assert _by_gid(care, "label:childcare_slots_per_1000:jieshou", "texts").get_text() == "≥−2.2"
    assert _by_gid(care, "label:childcare_slots_per_1000:linyi", "texts").get_text() == "+0.3"
    assert not [line for line in care.lines if line.get_gid() == "distance:childcare_slots_per_1000:qiaocheng"]
    assert _by_gid(urban, "label:urbanization_rate:linyi", "texts").get_text() == "−2.83"  # 64.17 − 67
    low, high = care.get_xlim()
    assert low == -high


# ---------------------------------------------------------------- source line and captions


def test_source_line_text_in_both_languages():
    assert plot.source_line(["linyi_county_2023"], lang="zh") == (
        "资料来源：《关于推进以县城为重要载体的城镇化建设实施方案》，临沂市人民政府办公室，临政办字〔2023〕96号，2023-11-22。")
    assert plot.source_line(["linyi_county_2023"], lang="en") == (
        "Source: Implementation Plan for Advancing Urbanization with County Seats as Key Carriers, "
        "Linyi Municipal People's Government General Office, 临政办字〔2023〕96号, 2023-11-22.")
    # no document number or date in the registry: none printed
    assert plot.source_line(["jieshou_pilot"], lang="en") == (
        "Source: Jieshou New-Type Urbanization Pilot Implementation Plan (draft for comment), "
        "Jieshou Municipal People's Government.")
    both = plot.source_line(["luan_14fyp;linyi_county_2023", "luan_14fyp", None], lang="en")
    assert both.startswith("Sources: Lu'an 14th Five-Year") and both.count("; ") == 1
    assert plot.source_line([], lang="zh") == ""
    with pytest.raises(ComparekitError, match="sources.csv"):
        plot.source_line(["no_such_plan"])


def test_short_source_line_marks_drafts():
    assert plot.short_source_line(["linyi_county_2023", "jieshou_pilot"], lang="zh") == (
        "资料来源：临沂（2023）、界首（2023，征求意见稿）的规划文件；完整引文见图注。")


def test_add_source_line_merges_documents_of_several_axes(en):
    fig, (a, b) = plt.subplots(1, 2)
    plot.add_source_line(a, ["luan_14fyp"], lang="en")
    text = plot.add_source_line(b, ["linyi_county_2023", "luan_14fyp"], lang="en")
    assert [t.get_gid() for t in fig.texts] == ["comparekit:source-line"]
    assert text is fig.texts[0]
    assert _squash(text.get_text()) == _squash(plot.short_source_line(["luan_14fyp", "linyi_county_2023"], lang="en"))


def test_every_chart_carries_title_and_source_line_by_default(en):
    for function, table in [
        (plot.comparison, compared_table()),
        (plot.dumbbell, ambition_table()),
        (plot.coverage_heatmap, coverage_table()),
        (plot.plan_horizon, statements_table()),
    ]:
        fig, ax = plt.subplots()
        function(table, ax=ax)
        assert _footer(fig).get_text().startswith(("Source: ", "Sources: "))
        assert _footer(fig, "comparekit:title").get_text()
        assert _footer(fig, "comparekit:subtitle").get_text()
        plt.close(fig)
        fig, ax = plt.subplots()
        function(table, ax=ax, source=False)
        assert not [t for t in fig.texts if t.get_gid() == "comparekit:source-line"]
        plt.close(fig)


def test_caption_markdown(lang):
    ax = plot.comparison(compared_table(), lang=lang)
    caption = plot.caption(ax.figure)
    first = caption.splitlines()[0]
    assert first.startswith("**" + registry.indicator_name("urbanization_rate", lang))
    assert label("caption.reading", lang) in caption and label("caption.sources", lang) in caption
    assert {"en": "National resident urbanization rate (2024)", "zh": "全国常住人口城镇化率(2024年)"}[lang] in caption


def test_wrap_measures_each_token_once(en, monkeypatch):
    from comparekit.plot import layout

    layout._token_width.cache_clear()
    text = "the same words again and again " * 20
    lines = layout.wrap(text, 100, 8)
    assert len(lines) > 3 and all(layout.text_width(line, 8) <= 100 * 1.03 for line in lines)
    assert layout._token_width.cache_info().misses == len(set(layout._TOKEN.findall(text)))
    assert layout.wrap("界首六安成武谯城临沂，界首六安成武谯城临沂。", 40, 8)[1][0] not in "，。"
