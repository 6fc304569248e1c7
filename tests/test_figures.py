"""The built figure set: every figure, zh and en, at 89 mm, 183 mm and slide size.

Checked on the drawn artists: no two texts overlap and none leaves the figure, every figure has
a title and subtitle, value labels say what the data say, sizes are the journal widths and exactly
1920 × 1080 px for slides.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pytest
from PIL import Image

from comparekit import figures, registry
from comparekit.style import figure_size

from figure_checks import overlaps

SIZES = list(figures.SIZES)


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    from comparekit.pipeline import build_data

    return build_data(tmp_path_factory.mktemp("processed"))


@pytest.fixture(scope="module")
def plans(tables):
    return figures._plans(tables)


def _draw(plans, name, size, lang):
    family, _, draw = next(p for p in plans if p[1] == name)
    return figures._draw(size, lang, family, lambda f: draw(f, lang, size))


def test_the_build_draws_every_figure_family(plans):
    names = [name for _, name, _ in plans]
    assert names == [
        "comparison_urbanization_rate_2025", "comparison_childcare_slots_per_1000_2025",
        "comparison_green_building_share_2025", "comparison_prefab_building_share_2025",
        "distance_to_reference_2025", "ambition", "urbanization_pace", "coverage", "plan_horizon",
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_no_text_overlaps_or_leaves_the_figure(plans, size, lang):
    problems = {}
    style, width = figures.SIZES[size]
    for family, name, _ in plans:
        fig = _draw(plans, name, size, lang)
        try:
            pairs, outside = overlaps(fig)
            if pairs or outside:
                problems[name] = {"overlapping": pairs[:5], "outside": outside[:5]}
            texts = {t.get_gid(): t.get_text() for t in fig.texts}
            assert texts.get("comparekit:title") and texts.get("comparekit:subtitle"), name
            assert texts.get("comparekit:source-line"), name
            expected = figure_size(style, width=width, height=None if style == "slides" else figures._HEIGHTS[family][0 if width == "single" else 1])
            assert tuple(fig.get_size_inches()) == pytest.approx(expected), name  # never grown by its notes
            if style == "paper":
                smallest = min(t.get_fontsize() for t in fig.findobj(plt.Text) if t.get_text().strip())
                assert smallest >= 6, (name, smallest)  # legible in print at this width
        finally:
            plt.close(fig)
    assert problems == {}


def test_zh_and_en_versions_have_the_same_size(plans):
    for size in SIZES:
        for family, name, _ in plans:
            zh, en = (_draw(plans, name, size, lang) for lang in ("zh", "en"))
            assert tuple(zh.get_size_inches()) == tuple(en.get_size_inches()), (size, name)
            plt.close(zh)
            plt.close(en)
        if size == "paper":
            assert figure_size("paper", width="double")[0] * 25.4 == pytest.approx(183)
        if size == "paper-89mm":
            assert figure_size("paper", width="single")[0] * 25.4 == pytest.approx(89)


_SYMBOLS = {"about": "≈", "at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<", "exact": ""}


def _formatted(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace("-", "−")


def _expected_label(row, lang: str) -> str:
    value = _formatted(row["value"])
    qualifier = row["qualifier"]
    if qualifier == "range":
        text = f"{value}–{_formatted(row['value_high'])}"
    elif qualifier == "maintain":
        text = f"保持{value}" if lang == "zh" else f"maintain {value}"
    else:
        text = _SYMBOLS[qualifier] + value
    if int(row["year"]) != int(row["requested_year"]):
        text += f"（{int(row['year'])}年）" if lang == "zh" else f" ({int(row['year'])})"
    return text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_value_labels_of_every_headline_chart(tables, plans, lang):
    compared = tables["comparison_2025"]
    checked = 0
    for indicator, rows in compared.groupby("indicator_id", sort=False):
        fig = _draw(plans, f"comparison_{indicator}_2025", "slides", lang)
        ax = fig.axes[0]
        drawn = {t.get_gid(): t.get_text() for t in ax.texts}
        for _, row in rows.iterrows():
            if math.isnan(row["value"]):
                assert drawn[f"not-stated:{row['place_id']}"]
                continue
            assert drawn[f"label:{row['place_id']}"] == _expected_label(row, lang), (indicator, row["place_id"])
            checked += 1
        if rows["unit"].iloc[0] == "%":
            low, high = ax.get_xlim()
            assert 0 <= low < high <= 100  # a share axis stays within 0–100
        plt.close(fig)
    assert checked == 15  # 20 rows, 5 of them not stated
    # the documents' own words: Linyi's childcare target is exactly 4, Lu'an's at least 2.3
    childcare = compared[compared["indicator_id"] == "childcare_slots_per_1000"].set_index("place_id")
    assert _expected_label(childcare.loc["luan"], lang) == "≥2.3"
    assert _expected_label(childcare.loc["linyi"], lang) == "4"


def test_slides_are_exactly_1920_by_1080_with_captions(plans, tmp_path):
    for name in ("comparison_urbanization_rate_2025", "coverage"):
        family = next(p[0] for p in plans if p[1] == name)
        for lang in ("zh", "en"):
            fig = _draw(plans, name, "slides", lang)
            written = figures._save(fig, tmp_path, name, "slides", lang)
            png = next(p for p in written if p.suffix == ".png")
            assert Image.open(png).size == (1920, 1080)
            caption = figures.caption_path(tmp_path, "slides", name, lang).read_text(encoding="utf-8")
            assert caption.startswith("**") and ("Sources:" in caption or "资料来源：" in caption)
        assert family


def test_contact_sheet_lists_every_figure_with_its_caption(tmp_path):
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "coverage_en.caption.md").write_text("**Coverage.** A caption.\n", encoding="utf-8")
    path = figures.contact_sheet(tmp_path, ["coverage", "ambition"], sizes=["slides"], langs=("en",))
    text = path.read_text(encoding="utf-8")
    assert "![coverage en](slides/coverage_en.png)" in text and "![ambition en](slides/ambition_en.png)" in text
    assert "**Coverage.** A caption." in text


def test_comparison_caption_api_is_the_caption_of_the_chart(tables):
    compared = tables["comparison_2025"]
    rows = compared[compared["indicator_id"] == "urbanization_rate"]
    caption = figures.comparison_caption(rows, lang="en")
    assert caption.startswith("**" + registry.indicator_name("urbanization_rate", "en"))
    assert "临政办字〔2023〕96号" in caption


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_notebook_two_panel_figure_has_one_anatomy_and_no_overlaps(tables, lang):
    # the two-panel figure of notebooks/03_green_building.py, drawn as the notebook draws it
    from comparekit import plot
    from comparekit.style import use_style

    comparisons = tables[next(k for k in tables if k.startswith("comparison_"))]
    green = comparisons[comparisons["indicator_id"] == "green_building_share"].reset_index(drop=True)
    prefab = comparisons[comparisons["indicator_id"] == "prefab_building_share"].reset_index(drop=True)
    with use_style("paper", lang=lang, width="double"):
        fig = figures.figure_for("comparison", size="paper")
        fig.set_figheight(4.2)
        left, right = fig.subplots(1, 2)
        plot.comparison(green, lang=lang, ax=left)
        plot.comparison(prefab, lang=lang, ax=right)
        try:
            pairs, outside = overlaps(fig)
            assert (pairs, outside) == ([], [])
            gids = [t.get_gid() for t in fig.texts]
            assert gids.count("comparekit:title") == gids.count("comparekit:subtitle") == gids.count("comparekit:source-line") == 1
        finally:
            plt.close(fig)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_figure_that_fails_is_named_with_its_size_and_language(tables, tmp_path, monkeypatch, workers):
    """An unexpected error while drawing one figure says which figure, size and language it was,
    also when the figure was drawn in a worker process (the error crosses the process boundary)."""
    from comparekit import plot
    from comparekit.errors import BuildError

    def broken(*args, **kwargs):
        raise ValueError("max() arg is an empty sequence")

    monkeypatch.setattr(plot, "coverage_heatmap", broken)
    with pytest.raises(BuildError) as caught:
        figures.draw_all(tables, tmp_path, langs=("en",), styles=("slides",), workers=workers)
    assert str(caught.value) == "figure coverage (slides, en) could not be made: ValueError: max() arg is an empty sequence"


def test_an_export_that_fails_is_named(tmp_path):
    from comparekit.cache import BuildCache
    from comparekit.errors import BuildError
    from comparekit.pipeline import _cached

    def broken():
        raise KeyError("harmonized")

    with pytest.raises(BuildError, match=r"^exports/comparekit\.xlsx could not be made: KeyError: 'harmonized'$"):
        _cached(BuildCache(tmp_path), "exports/comparekit.xlsx", "key", tmp_path, "exports/comparekit.xlsx", broken)
    assert not (tmp_path / "exports").exists()
