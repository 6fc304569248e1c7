"""Style: place colours, CJK font, presets, reproducible saves, no missing glyphs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings
import zlib
from collections import namedtuple
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from PIL import Image

from comparekit import registry, style
from comparekit.errors import TableError
from comparekit.paths import PROJECT_DIR, REGISTRY_DIR
from comparekit.sources import load_sources

GLYPH_WARNING = re.compile(r"missing from font|Glyph .* missing", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _chinese_vocabulary() -> str:
    """Every Chinese string a figure can show, taken from the registries."""
    parts = list(registry.load_places()["name_zh"]) + list(registry.load_indicators()["name_zh"])
    parts += list(style.load_labels()["zh"])
    parts += [zh for zh, _ in registry.THEMES.values()]
    national = registry.load_national_references()
    parts += list(national["label_zh"]) + list(national["source_zh"])
    sources = load_sources()
    parts += list(sources["title_zh"]) + list(sources["issuer_zh"]) + [d for d in sources["doc_number"] if isinstance(d, str)]
    return "".join(parts)


# ---------------------------------------------------------------- global state


def test_import_changes_no_global_matplotlib_state():
    code = """
import matplotlib as mpl
from matplotlib import font_manager
before = {k: repr(v) for k, v in mpl.rcParams.items()}
fonts_before = len(font_manager.fontManager.ttflist)
import comparekit, comparekit.style, comparekit.plot
after = {k: repr(v) for k, v in mpl.rcParams.items()}
changed = sorted(k for k in before if before[k] != after[k])
assert not changed, changed
assert len(font_manager.fontManager.ttflist) == fonts_before, "font registered on import"
assert "matplotlib.pyplot" not in __import__("sys").modules, "pyplot imported on import"
with comparekit.style.use_style("paper", lang="zh"):
    assert mpl.rcParams["font.family"][0] == comparekit.style.font_family_name(comparekit.style.find_cjk_font())
assert {k: repr(v) for k, v in mpl.rcParams.items()} == before, "style leaked out of its with block"
names = {f.name for f in font_manager.fontManager.ttflist}
assert comparekit.style.font_family_name(comparekit.style.find_cjk_font()) in names
print("ok")
"""
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(PROJECT_DIR))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=PROJECT_DIR)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_use_style_restores_rcparams():
    before = dict(mpl.rcParams)
    with style.use_style("slides", lang="zh") as params:
        assert mpl.rcParams["font.size"] == 17
        assert params["savefig.dpi"] == 150
    assert dict(mpl.rcParams) == before


# ---------------------------------------------------------------- colours and labels


def _lightness(hex_colour: str) -> float:
    """CIELAB L* of an sRGB colour (D65), computed here independently of comparekit."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else 24389 / 27 * y


def test_place_colours_are_fixed_in_registry_order_on_a_lightness_ladder():
    colours = style.place_colours()
    assert list(colours) == ["jieshou", "luan", "chengwu", "qiaocheng", "linyi"]
    assert colours == {
        "jieshou": "#E69F00",
        "luan": "#79D3FF",
        "chengwu": "#008057",
        "qiaocheng": "#C572A0",
        "linyi": "#005693",
    }
    minimum = style.load_style_registry()["palette"]["min_lightness_difference"]
    assert minimum >= 10
    lightness = {p: _lightness(c) for p, c in colours.items()}
    for a in colours:
        for b in colours:
            if a < b:
                assert abs(lightness[a] - lightness[b]) >= minimum, (a, b, lightness[a], lightness[b])
    assert style.colour("reference") == "#999999"
    assert style.place_colour("bozhou") == "#999999"  # a reference place: neutral grey
    markers = [style.place_marker(p) for p in colours]
    assert len(set(markers)) == 5


def test_place_palette_serves_one_to_twelve_places():
    study = list(style.place_colours())
    others = ["bozhou", "fuyang", "heze", "hefei", "jinan", "qingdao", "xuzhou"]
    palette = style.place_palette(study + others)
    assert list(palette) == study + others
    assert {p: palette[p][0] for p in study} == style.place_colours()  # the five keep their colours
    assert len({c for c, _ in palette.values()}) == 12 and len({m for _, m in palette.values()}) == 12
    extended = style.load_style_registry()["extended_palette"]["colours"]
    assert [palette[p][0] for p in others] == extended
    assert style.place_palette(["linyi"]) == {"linyi": ("#005693", "v")}
    assert style.place_palette(["bozhou"])["bozhou"] == (extended[0], "P")


def test_style_registry_names_file_and_key_of_a_problem(tmp_path):
    data = json.loads((REGISTRY_DIR / "style.json").read_text(encoding="utf-8"))
    del data["place_colours"]["linyi"]
    data["place_colours"]["luan"] = "blue"
    (tmp_path / "style.json").write_text(json.dumps(data), encoding="utf-8")

    class OneFileStudy:  # a study whose style registry is only this file
        builtin = True

        def registry_files(self, name):
            return [tmp_path / name]

    with pytest.raises(TableError) as caught:
        style._style_registry_cached(OneFileStudy())
    problems = caught.value.problems
    assert set(problems["column"]) == {"place_colours.linyi", "place_colours.luan"}
    assert set(problems["file"]) == {"data/registry/style.json"}


def test_labels_in_both_languages():
    assert style.label("verdict.not_stated", "zh") == "未提及"
    assert style.label("verdict.not_stated", "en") == "Not stated"
    assert style.label("axis.value", "zh", indicator="常住人口城镇化率", unit="%") == "常住人口城镇化率（%）"
    with pytest.raises(KeyError, match="labels.csv"):
        style.label("no.such.key", "en")
    with pytest.raises(ValueError, match="lang"):
        style.label("verdict.not_stated", "fr")
    labels = style.load_labels()
    assert labels["key"].is_unique
    for verdict in ("comparable", "caveat", "not_comparable", "not_stated"):
        assert f"verdict.{verdict}" in set(labels["key"])


# ---------------------------------------------------------------- fonts


def test_find_cjk_font_prefers_system_fonts_in_candidate_order():
    Entry = namedtuple("Entry", "name fname weight style")
    entries = [
        Entry("Microsoft YaHei", "/fonts/msyh.ttc", 400, "normal"),
        Entry("Source Han Sans SC", "/fonts/SourceHanSansSC-Bold.otf", 700, "normal"),
        Entry("Source Han Sans SC", "/fonts/SourceHanSansSC-Regular.otf", 400, "normal"),
        Entry("DejaVu Sans", "/fonts/DejaVuSans.ttf", 400, "normal"),
    ]
    candidates = style.load_style_registry()["fonts"]["cjk_candidates"]
    assert style._system_font(candidates, entries) == Path("/fonts/SourceHanSansSC-Regular.otf")
    assert style._system_font(candidates, entries[:1]) == Path("/fonts/msyh.ttc")
    assert style._system_font(candidates, entries[3:]) is None


def test_cjk_font_found_and_named():
    path = style.find_cjk_font()
    assert path.is_file()
    assert style.font_family_name(path) in style.load_style_registry()["fonts"]["cjk_candidates"]


def test_pdf_fonttype_follows_outline_format():
    from matplotlib import font_manager

    dejavu = font_manager.findfont("DejaVu Sans", fallback_to_default=False)
    assert style.pdf_fonttype(dejavu) == 42  # TrueType outlines embed as Type 42
    cff = Path(style._bundled_font())
    assert cff.suffix == ".otf"
    assert style.pdf_fonttype(cff) == 3  # CFF outlines cannot go into a FontFile2 stream


def test_every_registry_character_is_in_the_cjk_font():
    text = _chinese_vocabulary()
    assert "谯" in text and "〔" in text
    assert style.missing_glyphs(text) == []
    assert style.missing_glyphs("界首\U0001F600") == ["\U0001F600"]  # the check can fail


def _render(fig, directory: Path, lang: str) -> list[warnings.WarningMessage]:
    """Draw *fig* with the PDF and Agg (PNG) renderers, recording every warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        style.save_figure(fig, directory / "glyphs", style="paper", formats=["pdf"], lang=lang)
        with style.use_style("paper", lang=lang):
            fig.savefig(directory / "glyphs.png", dpi=50)
    return caught


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_registry_names_render_without_missing_glyphs(tmp_path, lang):
    places = registry.load_places()
    indicators = registry.load_indicators()
    national = registry.load_national_references()
    sources = load_sources()
    col = "name_zh" if lang == "zh" else "name_en"
    with style.use_style("paper", lang=lang, width="double"):
        fig, ax = plt.subplots(figsize=(7.2, 9), layout="none")
        ax.set_yticks(range(len(indicators)), list(indicators[col]))
        ax.set_xticks(range(len(places)), list(places[col]), rotation=90)
        fig.text(0.3, 0, "\n".join(style.load_labels()[lang]), fontsize=2)  # every figure word, at a size that fits
        ax.set_xlabel(" ".join(theme[0 if lang == "zh" else 1] for theme in registry.THEMES.values()))
        fig.text(0, 0, "\n".join(list(national[f"label_{lang}"]) + list(sources[f"title_{lang}"])
                                  + list(sources[f"issuer_{lang}"]) + list(sources["doc_number"].dropna())),
                 fontsize=4)
    caught = _render(fig, tmp_path, lang)
    glyph_warnings = [str(w.message) for w in caught if GLYPH_WARNING.search(str(w.message))]
    assert glyph_warnings == []
    assert [str(w.message) for w in caught] == []


def test_glyph_warning_check_detects_a_missing_glyph(tmp_path):
    """Without the CJK font, Chinese text warns: the test above would catch a font failure."""
    with mpl.rc_context({"font.family": ["DejaVu Sans"]}):
        fig, ax = plt.subplots()
        ax.set_title("界首")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.savefig(tmp_path / "tofu.png")
    assert any(GLYPH_WARNING.search(str(w.message)) for w in caught)


# ---------------------------------------------------------------- presets


def test_paper_preset_sizes_and_vector_output():
    rc = style.rc_params("paper", "en")
    assert 8 <= rc["font.size"] <= 9 and 8 <= rc["axes.titlesize"] <= 9
    assert rc["xtick.labelsize"] >= 8 and rc["legend.fontsize"] >= 8
    assert rc["figure.figsize"][0] * 25.4 == pytest.approx(89)
    assert style.rc_params("paper", "en", width="double")["figure.figsize"][0] * 25.4 == pytest.approx(183)
    assert style.load_style_registry()["presets"]["paper"]["formats"] == ["pdf", "svg"]
    assert rc["svg.fonttype"] == "path"
    assert rc["pdf.fonttype"] == style.pdf_fonttype(style.find_cjk_font())
    # one family per language: English is set in the CJK font's own Latin glyphs, DejaVu only fills gaps
    cjk = style.font_family_name(style.find_cjk_font())
    assert rc["font.family"] == style.rc_params("paper", "zh")["font.family"] == [cjk, "DejaVu Sans"]


def test_slides_preset_is_1920_by_1080_png(tmp_path):
    rc = style.rc_params("slides", "zh")
    width, height = rc["figure.figsize"]
    assert (width, height) == (12.8, 7.2)
    assert width / height == pytest.approx(16 / 9, rel=1e-3)
    assert rc["font.size"] >= 16
    with style.use_style("slides", lang="zh"):
        fig, ax = plt.subplots()
        ax.set_title("界首")
    (path,) = style.save_figure(fig, tmp_path / "slide", style="slides", lang="zh")
    assert path.suffix == ".png"
    assert Image.open(path).size == (1920, 1080)


def test_unknown_style_format_and_width_are_refused(tmp_path):
    with pytest.raises(ValueError, match="style"):
        style.rc_params("poster")
    with pytest.raises(ValueError, match="widths"):
        style.figure_size("slides", width="double")
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="formats"):
        style.save_figure(fig, tmp_path / "x", style="paper", formats=["jpg"])


# ---------------------------------------------------------------- saving


def _figure_with_chinese(name: str, lang: str):
    with style.use_style(name, lang=lang):
        fig, ax = plt.subplots()
        ax.plot([2022, 2025], [64.17, 67.0], marker="o", color=style.place_colour("linyi"))
        ax.set_title("临沂 常住人口城镇化率 Linyi")
        ax.set_xlabel(style.label("axis.year", lang))
    return fig


@pytest.mark.parametrize("name", ["paper", "slides"])
def test_repeated_saves_are_byte_identical(tmp_path, name):
    fig = _figure_with_chinese(name, "zh")
    first = style.save_figure(fig, tmp_path / "a" / "fig", style=name, formats=["pdf", "svg", "png"], lang="zh")
    second = style.save_figure(fig, tmp_path / "b" / "fig", style=name, formats=["pdf", "svg", "png"], lang="zh")
    assert [p.name for p in first] == ["fig.pdf", "fig.svg", "fig.png"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert b"CreationDate" not in first[0].read_bytes()


_SAVE_IN_FRESH_PROCESS = """
import sys
import matplotlib.pyplot as plt
from comparekit import style
with style.use_style("paper", lang="zh"):
    fig, ax = plt.subplots()
    ax.plot([2022, 2025], [64.17, 67.0], marker="o", color=style.place_colour("linyi"))
    ax.set_title("临沂 常住人口城镇化率 Linyi")
style.save_figure(fig, sys.argv[1], style="paper", formats=["pdf", "svg"], lang="zh")
"""


def test_saves_are_identical_across_processes(tmp_path):
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(PROJECT_DIR))
    for run in ("a", "b"):
        result = subprocess.run([sys.executable, "-c", _SAVE_IN_FRESH_PROCESS, str(tmp_path / run)],
                                capture_output=True, text=True, env=env, cwd=PROJECT_DIR)
        assert result.returncode == 0, result.stderr
    for suffix in (".pdf", ".svg"):
        assert (tmp_path / f"a{suffix}").read_bytes() == (tmp_path / f"b{suffix}").read_bytes()


def _pdf_streams(data: bytes) -> list[bytes]:
    out = []
    for match in re.finditer(rb"stream\r?\n", data):
        start = match.end()
        end = data.find(b"endstream", start)
        try:
            out.append(zlib.decompress(data[start:end]))
        except zlib.error:
            out.append(data[start:end])
    return out


def test_pdf_and_svg_with_chinese_are_written_without_warnings_and_embed_validly(tmp_path):
    fig = _figure_with_chinese("paper", "zh")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdf, svg = style.save_figure(fig, tmp_path / "zh", style="paper", lang="zh")
    assert [str(w.message) for w in caught] == []
    data = pdf.read_bytes()
    fonttype = style.pdf_fonttype(style.find_cjk_font())
    assert (b"/Type3" in data) == (fonttype == 3)
    assert b"/ToUnicode" in data  # text stays searchable
    # A FontFile2 stream must hold TrueType outlines, never CFF ("OTTO") data.
    assert not any(s.startswith(b"OTTO") for s in _pdf_streams(data))
    cmaps = b"".join(s for s in _pdf_streams(data) if b"beginbfrange" in s)
    for ch in "临沂":
        assert ch.encode("utf-16-be").hex().encode() in cmaps.lower()
    text = svg.read_text(encoding="utf-8")
    assert "<text" not in text  # svg.fonttype "path": glyphs as outlines, no font needed to view
    assert "<!-- 临沂 常住人口城镇化率 Linyi -->" in text  # matplotlib keeps the string as a comment
