"""Exports: LaTeX tables, bibliographies, the Excel workbook and the briefing deck (content checks).

The real clients (TeX, biber, LibreOffice) are driven in test_client_latex.py and
test_client_office.py; these tests check what the exports say.
"""

from __future__ import annotations

import json
import warnings

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation

from comparekit.compare import compare
from comparekit.registry import load_indicators, load_places, place_name
from comparekit.style import load_style_registry
from comparekit.report import bibtex, csl_json, latex_escape, latex_table, takeaway, write_deck, write_latex_tables, write_workbook
from comparekit.report.text import ExportWarning, has_cjk
from comparekit.sources import load_sources

HEADLINES = ["urbanization_rate", "childcare_slots_per_1000", "green_building_share", "prefab_building_share"]


# --- bibliography -------------------------------------------------------------------------


def test_bibtex_has_one_entry_per_source_with_corporate_authors():
    bib = bibtex()
    for source_id in load_sources()["source_id"]:
        assert f"@techreport{{{source_id}," in bib
    assert "author = {{六安市人民政府办公室}}" in bib
    assert "number = {临政办字〔2023〕96号}" in bib
    assert bib.count("note = {征求意见稿}") == 2  # Jieshou and Qiaocheng are drafts
    assert ";" not in bib.replace("&", "")  # the old bare "; draft for comment" broke both parsers


def test_english_bib_is_ascii_where_printed():
    bib = bibtex(lang="en")
    printed = [line for line in bib.splitlines() if not line.strip().startswith(("origtitle", "usera"))]
    assert all(line.isascii() for line in printed)
    assert "origtitle = {关于推进以县城为重要载体的城镇化建设实施方案}" in bib
    assert "title = {{Chengwu County New-Type Urbanization Action Upgrade Plan (2024--2025)}}" in bib
    assert bib.count("Draft for comment") == 2


def test_csl_json_items():
    items = {item["id"]: item for item in json.loads(csl_json())}
    assert set(items) == set(load_sources()["source_id"])
    assert items["linyi_county_2023"]["number"] == "临政办字〔2023〕96号"
    assert items["linyi_county_2023"]["issued"] == {"date-parts": [[2023, 11, 22]]}
    assert items["jieshou_pilot"]["status"].startswith("征求意见稿")


# --- LaTeX ----------------------------------------------------------------------------------


def test_latex_escape_prints_everything_literally():
    assert latex_escape(r"\input{/etc/passwd}") == r"\textbackslash{}input\{/etc/passwd\}"
    assert latex_escape("& % $ # _ { } ~ ^") == r"\& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{}"
    assert latex_escape("≈55 ≥10", "zh") == r"$\approx$55 $\geq$10"
    assert latex_escape("Prefecture-wide rate (全市), 新建小区 only", "en") == "Prefecture-wide rate, [...] only"
    with pytest.warns(ExportWarning, match="row 7"):
        assert latex_escape("a\x07b", where="row 7") == "ab"


def test_latex_table_en_is_ascii_with_math_qualifiers(harmonized):
    tex = latex_table(compare("childcare_slots_per_1000", 2025, harmonized=harmonized), lang="en")
    assert tex.isascii()
    assert r"\label{tab:childcare_slots_per_1000:en}" in tex
    assert r"Jieshou & $\geq$10\tnote{\ddag}\tnote{\S} & 2025 & new estates & Not comparable \\" in tex
    assert r"Chengwu & 4.8 & 2025 &  & Comparable \\" in tex
    assert r"\cite{chengwu_2024,jieshou_pilot,linyi_county_2023,luan_14fyp,qiaocheng_2024}" in tex
    assert r"\begin{threeparttable}" in tex and r"\item[\S] Jieshou and Qiaocheng: from a draft for comment" in tex
    assert "Derived: 19,000 divided by" in tex  # 1.9万 in English


def test_latex_table_zh_keeps_qualifiers_and_marks_drafts(harmonized):
    zh = latex_table(compare("urbanization_rate", 2025, harmonized=harmonized), lang="zh")
    assert r"\label{tab:urbanization_rate:zh}" in zh
    assert r"界首 & $\approx$55\tnote{\dag}\tnote{\S} & 2025 &  & 可比但需注意 \\" in zh
    assert r"谯城 & 未提及 &  &  & 未提及 \\" in zh
    assert r"\item[\S] 界首：来自征求意见稿" in zh


def test_latex_note_with_tex_commands_prints_literally(harmonized):
    compared = compare("urbanization_rate", 2025, harmonized=harmonized)
    compared.loc[1, "caveat_en"] = r"see \input{/etc/passwd} & 100% of $x_1^2$ #1 ~"
    tex = latex_table(compared, lang="en")
    assert r"\input{" not in tex
    assert r"see \textbackslash{}input\{/etc/passwd\} \& 100\% of \$x\_1\textasciicircum{}2\$ \#1 \textasciitilde{}" in tex


def test_latex_tables_for_one_place(harmonized):
    compared = compare("urbanization_rate", 2025, harmonized=harmonized)
    tex = latex_table(compared[compared["place_id"] == "chengwu"].reset_index(drop=True), lang="en")
    assert tex.count(r" \\") == 2  # header + one place
    assert r"\cite{chengwu_2024}" in tex


def test_write_latex_tables_files(tmp_path, harmonized):
    written = write_latex_tables(tmp_path, harmonized=harmonized)
    names = {p.name for p in written}
    assert {f"{i}_2025_{lang}.tex" for i in HEADLINES for lang in ("zh", "en")} <= names
    assert {"sources.bib", "sources_en.bib", "sources.json", "comparekit-preamble.tex", "example_zh.tex", "example_en.tex"} <= names
    labels = [line for p in written if p.suffix == ".tex" for line in p.read_text(encoding="utf-8").splitlines() if line.startswith(r"\label")]
    assert len(labels) == len(set(labels)) == 8



def test_latex_captions_are_the_figure_captions(tmp_path, harmonized):
    from comparekit.figures import caption_head, comparison_caption

    written = write_latex_tables(tmp_path, harmonized=harmonized, indicators=["urbanization_rate"])
    compared = compare("urbanization_rate", 2025, harmonized=harmonized)
    for lang in ("zh", "en"):
        head = caption_head(comparison_caption(compared, lang=lang))
        assert head.startswith("常住人口城镇化率" if lang == "zh" else "Resident-population urbanization rate")
        tex = (tmp_path / f"urbanization_rate_2025_{lang}.tex").read_text(encoding="utf-8")
        assert rf"\caption{{{latex_escape(head, lang)}}}" in tex
    assert any(p.name == "urbanization_rate_2025_en.tex" for p in written)


def test_latex_and_deck_captions_read_the_built_caption_files(tmp_path, harmonized):
    # a build's caption file is the one source: what it says is what the table and the notes say
    compared = compare("urbanization_rate", 2025, harmonized=harmonized)
    figures = tmp_path / "figures"
    (figures / "slides").mkdir(parents=True)
    for lang in ("zh", "en"):
        (figures / "slides" / f"urbanization_rate_2025_{lang}.caption.md").write_text("unused", encoding="utf-8")
        (figures / "slides" / f"comparison_urbanization_rate_2025_{lang}.caption.md").write_text(
            f"**Built caption {lang}.** Subtitle.\n\n*Notes:*\n\n- one\n", encoding="utf-8")
    write_latex_tables(tmp_path / "tex", harmonized=harmonized, indicators=["urbanization_rate"], figures_dir=figures)
    assert r"\caption{Built caption en. Subtitle.}" in (tmp_path / "tex" / "urbanization_rate_2025_en.tex").read_text(encoding="utf-8")
    deck = Presentation(str(write_deck(tmp_path / "deck.pptx", lang="en", harmonized=harmonized, indicators=["urbanization_rate"], figures_dir=figures)))
    notes = deck.slides[1].notes_slide.notes_text_frame.text
    assert notes.startswith("**Built caption en.** Subtitle.")
    assert all(f"“{q}”" in notes for q in compared["quote"].dropna())


# --- takeaways ------------------------------------------------------------------------------


def _rows(values, *, unit="%", qualifier="exact", verdicts=None):
    places = ["jieshou", "luan", "chengwu", "qiaocheng", "linyi"][: len(values)]
    verdicts = verdicts or ["comparable" if v is not None else "not_stated" for v in values]
    return pd.DataFrame({
        "place_id": places, "indicator_id": "urbanization_rate", "requested_year": 2025,
        "value": [float("nan") if v is None else v for v in values], "value_high": float("nan"),
        "qualifier": qualifier, "unit": unit, "verdict": verdicts,
    })


def test_takeaway_patterns():
    assert takeaway(_rows([50.0, 50.0, 50.0]), lang="en")[0] == "Resident-population urbanization rate, 2025: Jieshou, Lu'an and Chengwu all state the same comparable value, 50%."
    assert takeaway(_rows([50.0, 50.0]), lang="en")[0].endswith("Jieshou and Lu'an both state the same comparable value, 50%.")
    assert takeaway(_rows([None, 48.5, None]), lang="en") == [
        "Resident-population urbanization rate, 2025: only Lu'an states a comparable value (48.5%).",
        "Not stated by Jieshou and Chengwu.",
    ]
    none = takeaway(_rows([None, None]), lang="zh")
    assert none == ["2025年常住人口城镇化率：各方案没有可直接比较的数值。", "界首、六安未提及该指标。"]
    ranged = takeaway(_rows([55.0, 50.0], qualifier="about"), lang="en")
    assert ranged == ["Resident-population urbanization rate, 2025: comparable values run from ≈50% (Lu'an) to ≈55% (Jieshou).", "All 2 plans state a comparable value."]
    per_1000 = takeaway(_rows([2.3, 4.8], unit="个/千人", qualifier="at_least"), lang="en")[0]
    assert "from ≥2.3 per 1000 people (Jieshou) to ≥4.8 per 1000 people (Lu'an)" in per_1000
    assert "个" not in per_1000


def test_takeaway_on_real_data(harmonized):
    en = takeaway(compare("green_building_share", 2025, harmonized=harmonized), lang="en")
    assert en == [
        "Green-building share of new buildings, 2025: Chengwu, Qiaocheng and Linyi all state the same comparable value, 100%.",
        "Not stated by Jieshou and Lu'an.",
    ]
    zh = takeaway(compare("urbanization_rate", 2025, harmonized=harmonized), lang="zh")
    assert zh[0] == "2025年常住人口城镇化率：可比数值从六安的≈50%到界首的≈55%。"


# --- workbook -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(tmp_path_factory, statements, harmonized):
    path = write_workbook(tmp_path_factory.mktemp("book") / "book.xlsx", statements=statements, harmonized=harmonized)
    return openpyxl.load_workbook(path)


def test_workbook_sheets_and_row_counts(workbook, statements, harmonized):
    assert workbook.sheetnames == ["README", "comparison_2025", "statements", "harmonized", "ambition", "places", "indicators", "units", "national_references", "sources"]
    assert workbook["statements"].max_row == len(statements) + 1
    assert workbook["harmonized"].max_row == len(harmonized) + 1
    assert workbook["comparison_2025"].max_row == 4 * 5 + 1
    assert workbook["places"].max_row == len(load_places()) + 1
    assert workbook["indicators"].max_row == len(load_indicators()) + 1
    assert workbook["sources"].max_row == 6


def test_workbook_marks_census_baselines_as_not_stated_by_the_plan(workbook):
    sheet = workbook["ambition"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("基期值来源\nBaseline source")
    sources = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    census = [s for s in sources if s and s.startswith("2020年人口普查")]
    assert len(census) == 4 and all("not stated by the plan" in s for s in census)  # Jieshou, Chengwu, Lu'an 2025 and 2035
    assert "规划所述 / stated by the plan" in sources


def test_workbook_is_formatted_for_people(workbook):
    sheet = workbook["statements"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["表述编号\nStatement id", "地区\nPlace", "文件编号（本项目）\nSource id"]
    assert sheet["B2"].value in {f"{place_name(p, 'zh')} {place_name(p)}" for p in load_places()["place_id"]}
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref.startswith("A1:")
    quote_col = header.index("原文引述\nVerbatim quote") + 1
    letter = openpyxl.utils.get_column_letter(quote_col)
    assert 40 <= sheet.column_dimensions[letter].width <= 62 and sheet.cell(row=2, column=quote_col).alignment.wrap_text
    comparison = workbook["comparison_2025"]
    head = [cell.value for cell in comparison[1]]
    verdict = head.index("可比性\nVerdict") + 1
    value = head.index("数值\nValue") + 1
    draft = head.index("征求意见稿\nDraft for comment") + 1
    rows = list(comparison.iter_rows(min_row=2))
    jieshou = rows[0]
    assert jieshou[0].value == "界首 Jieshou" and jieshou[draft - 1].value.startswith("征求意见稿")
    assert jieshou[value - 1].number_format.endswith('"%"')
    fills = {row[verdict - 1].value: row[verdict - 1].fill.fgColor.rgb for row in rows}
    assert fills["不可比 Not comparable"].endswith("F4CCCC") and fills["可比 Comparable"].endswith("D9EAD3")
    readme = [c.value for row in workbook["README"].iter_rows() for c in row if c.value]
    assert "linyi_county_2023" in readme and any("not zero" in str(v) for v in readme)


def test_workbook_text_never_becomes_a_formula(tmp_path, statements, harmonized):
    hostile = statements.copy()
    hostile["note"] = hostile["note"].astype(object)
    hostile.loc[hostile.index[0], "note"] = "=1+1"
    hostile.loc[hostile.index[1], "note"] = "@SUM(A1)"
    hostile.loc[hostile.index[2], "note"] = "tab\x0bnull\x00"
    with pytest.warns(ExportWarning, match=r"sheet statements row 4 column note: removed control character\(s\) U\+0000, U\+000B"):
        path = write_workbook(tmp_path / "book.xlsx", statements=hostile, harmonized=harmonized)
    sheet = openpyxl.load_workbook(path)["statements"]
    notes = {cell.value: cell.data_type for row in sheet.iter_rows(min_row=2, max_row=4) for cell in row if cell.value in ("=1+1", "@SUM(A1)", "tabnull")}
    assert notes == {"=1+1": "s", "@SUM(A1)": "s", "tabnull": "s"}


def test_workbook_failure_leaves_no_half_written_file(tmp_path, statements, harmonized, monkeypatch):
    from comparekit.report import workbook as workbook_module

    path = tmp_path / "book.xlsx"
    path.write_bytes(b"previous build")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(workbook_module, "normalize_zip_timestamps", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        write_workbook(path, statements=statements, harmonized=harmonized)
    assert path.read_bytes() == b"previous build"
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]


# --- deck -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def decks(tmp_path_factory, harmonized):
    root = tmp_path_factory.mktemp("deck")
    return {lang: Presentation(str(write_deck(root / f"deck_{lang}.pptx", lang=lang, harmonized=harmonized))) for lang in ("zh", "en")}


def _texts(slide):
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_deck_has_title_and_one_slide_per_headline(decks):
    slides = list(decks["zh"].slides)
    assert len(slides) == 5
    titles = [_texts(slide)[0] for slide in slides]
    assert titles[0] == "新型城镇化方案指标比较：界首、六安、成武、谯城、临沂"
    assert titles[1:] == load_indicators().set_index("indicator_id").loc[HEADLINES, "name_zh"].tolist()
    for slide in slides[1:]:
        pictures = [shape for shape in slide.shapes if shape.shape_type == 13]
        assert len(pictures) == 1
        ratio = pictures[0].width / pictures[0].height
        assert abs(ratio - 16 / 9) < 0.01  # the chart is drawn 16:9 for its box, placed at its own size
        image = pictures[0].image
        dpi = load_style_registry()["presets"]["slides"]["dpi"]  # the slides preset's resolution
        assert image.size == (round(8.8 * dpi), round(4.95 * dpi)) and image.dpi == (dpi, dpi)


def test_deck_slide_is_16_9(decks):
    assert abs(decks["en"].slide_width / decks["en"].slide_height - 16 / 9) < 0.001


def test_english_deck_is_english_with_caveats_once(decks):
    import re

    for slide in decks["en"].slides:
        for text in _texts(slide):
            assert not has_cjk(re.sub(r"[(（][^()（）]*[)）]", "", text)), text
    childcare = "\n".join(_texts(decks["en"].slides[2]))
    assert childcare.count("Lu'an: Stated for") == 1
    assert "newly built residential estates (新建小区)" in childcare
    assert childcare.count("draft for comment (征求意见稿)") == 1  # in the caveat or the footer, not both
    assert "个/千人" not in childcare


def test_deck_notes_carry_every_quote_with_source_and_document_number(decks, harmonized):
    notes = decks["zh"].slides[1].notes_slide.notes_text_frame.text
    compared = compare("urbanization_rate", 2025, harmonized=harmonized)
    for quote in compared["quote"].dropna():
        assert f"“{quote}”" in notes
    assert "linyi_county_2023, 临政办字〔2023〕96号" in notes
    assert "界首 [jieshou_pilot, jieshou_pilot-" in notes and "(来自征求意见稿)" in notes



def test_deck_notes_start_with_the_figure_caption(decks, harmonized):
    from comparekit.figures import comparison_caption

    for lang in ("zh", "en"):
        for slide, indicator in zip(list(decks[lang].slides)[1:], HEADLINES):
            caption = comparison_caption(compare(indicator, 2025, harmonized=harmonized), lang=lang).strip()
            notes = slide.notes_slide.notes_text_frame.text
            assert notes.startswith(caption), (lang, indicator)
            assert "*Sources:*" in notes if lang == "en" else "*资料来源：*" in notes  # full citations come with the caption


def test_deck_text_uses_a_chinese_font(decks):
    runs = [run for shape in decks["zh"].slides[1].shapes if shape.has_text_frame for p in shape.text_frame.paragraphs for run in p.runs]
    assert runs and all(run.font.name == "Noto Sans CJK SC" for run in runs)
    east_asian = runs[0]._r.find("{http://schemas.openxmlformats.org/drawingml/2006/main}rPr/{http://schemas.openxmlformats.org/drawingml/2006/main}ea")
    assert east_asian is not None and east_asian.get("typeface") == "Noto Sans CJK SC"


def test_deck_for_two_places(tmp_path, harmonized):
    from comparekit.report.deck import save_deck

    compared = compare("urbanization_rate", 2025, harmonized=harmonized)
    subset = compared[compared["place_id"].isin(["chengwu", "linyi"])].reset_index(drop=True)
    deck = Presentation(str(save_deck(tmp_path / "two.pptx", [subset], lang="en")))
    assert len(deck.slides) == 2
    assert _texts(deck.slides[0])[0] == "Comparing new-urbanization plans: Chengwu, Linyi"
    assert "Not stated by" not in "\n".join(_texts(deck.slides[1]))


def test_deck_survives_control_characters(tmp_path, harmonized):
    from comparekit.report.deck import save_deck

    compared = compare("urbanization_rate", 2025, harmonized=harmonized)
    compared.loc[1, "caveat_en"] = "scope\x07 differs"
    compared.loc[1, "quote"] = "quote\x1b here"
    with pytest.warns(ExportWarning, match="U\\+0007"):
        deck = Presentation(str(save_deck(tmp_path / "d.pptx", [compared], lang="en")))
    assert "Lu'an: scope differs" in "\n".join(_texts(deck.slides[1]))
    assert "“quote here”" in deck.slides[1].notes_slide.notes_text_frame.text
