"""Exports: LaTeX tables, BibTeX, the Excel workbook and the briefing deck."""

from __future__ import annotations

import openpyxl
import pytest
from pptx import Presentation

from comparekit.compare import compare
from comparekit.registry import load_indicators, load_places
from comparekit.report import bibtex, latex_table, takeaway, write_deck, write_workbook
from comparekit.sources import load_sources


def test_bibtex_has_one_entry_per_source():
    bib = bibtex()
    for source_id in load_sources()["source_id"]:
        assert f"@misc{{{source_id}," in bib
    assert "临政办字〔2023〕96号" in bib
    assert "draft for comment" in bib  # Jieshou and Qiaocheng are drafts


def test_latex_table_marks_caveats_and_cites(harmonized):
    tex = latex_table(compare("childcare_slots_per_1000", 2025, harmonized=harmonized), lang="en")
    assert r"\toprule" in tex and r"\midrule" in tex and r"\bottomrule" in tex
    assert r"Jieshou & ≥10$^{\ddagger}$ & 2025 & 新建小区 & Not comparable \\" in tex
    assert r"Chengwu & 4.8 & 2025 &  & Comparable \\" in tex
    assert r"\cite{chengwu_2024,jieshou_pilot,linyi_county_2023,luan_14fyp,qiaocheng_2024}" in tex
    assert "probably a Bozhou-level figure" in tex
    zh = latex_table(compare("green_building_share", 2025, harmonized=harmonized), lang="zh")
    assert "界首 & 未提及 &  &  & 未提及" in zh


def test_takeaway_lines(harmonized):
    en = takeaway(compare("green_building_share", 2025, harmonized=harmonized), lang="en")
    assert len(en) == 2
    assert "Jieshou, Lu'an" in en[1]
    zh = takeaway(compare("urbanization_rate", 2025, harmonized=harmonized), lang="zh")
    assert "六安" in zh[0] and "界首" in zh[0]


def test_workbook_sheets_and_row_counts(tmp_path, statements, harmonized):
    path = write_workbook(tmp_path / "book.xlsx", statements=statements, harmonized=harmonized)
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["statements", "harmonized", "comparison_2025", "places", "indicators", "units", "national_references", "sources"]
    assert book["statements"].max_row == len(statements) + 1
    assert book["harmonized"].max_row == len(harmonized) + 1
    assert book["comparison_2025"].max_row == 4 * 5 + 1
    assert book["places"].max_row == len(load_places()) + 1
    assert book["indicators"].max_row == len(load_indicators()) + 1
    assert book["sources"].max_row == 6
    header = [cell.value for cell in next(book["statements"].iter_rows(max_row=1))]
    assert header[:4] == ["statement_id", "place_id", "source_id", "indicator_id"]


@pytest.fixture(scope="module")
def deck(tmp_path_factory, harmonized):
    root = tmp_path_factory.mktemp("deck")
    path = write_deck(root / "deck.pptx", lang="zh", figures_dir=root / "figures", harmonized=harmonized)
    return Presentation(str(path))


def test_deck_has_title_and_one_slide_per_headline(deck):
    slides = list(deck.slides)
    assert len(slides) == 5
    titles = [next(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in slides]
    assert titles[0].startswith("新型城镇化方案指标比较")
    assert titles[1:] == load_indicators().set_index("indicator_id").loc[["urbanization_rate", "childcare_slots_per_1000", "green_building_share", "prefab_building_share"], "name_zh"].tolist()
    for slide in slides[1:]:
        assert sum(1 for shape in slide.shapes if shape.shape_type == 13) == 1  # one picture: the chart


def test_deck_notes_carry_sources_and_quotes(deck):
    notes = deck.slides[1].notes_slide.notes_text_frame.text
    assert "全市常住人口城镇化率达到55%左右" in notes or "县域常住人口城镇化率达到50%左右" in notes
    assert "linyi_county_2023" in notes and "临政办字〔2023〕96号" in notes


def test_deck_text_uses_a_chinese_font(deck):
    runs = [run for shape in deck.slides[1].shapes if shape.has_text_frame for p in shape.text_frame.paragraphs for run in p.runs]
    assert runs and all(run.font.name == "Noto Sans CJK SC" for run in runs)
    east_asian = runs[0]._r.find("{http://schemas.openxmlformats.org/drawingml/2006/main}rPr/{http://schemas.openxmlformats.org/drawingml/2006/main}ea")
    assert east_asian is not None and east_asian.get("typeface") == "Noto Sans CJK SC"
