"""The deck and the workbook in the real clients: LibreOffice renders them, poppler reads the text back.

Both decks are converted to PDF with ``soffice --headless``; on every slide no two text blocks
overlap and nothing falls outside the page. The workbook converts too, and reopened with openpyxl
holds no formula, even when a note begins with ``=``.
"""

from __future__ import annotations

import warnings

import openpyxl
import pytest

from clients import require_client
from comparekit.report import write_deck, write_workbook
from comparekit.report.text import ExportWarning, has_cjk
from office import outside, overlaps, text_blocks, to_pdf


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, statements, harmonized):
    """Both decks and a workbook (with hostile notes) written once and converted to PDF once."""
    require_client("soffice", "pdftotext")
    root = tmp_path_factory.mktemp("office")
    decks = [write_deck(root / f"briefing_{lang}.pptx", lang=lang, harmonized=harmonized) for lang in ("zh", "en")]
    hostile = statements.copy()
    hostile.loc[hostile.index[0], "note"] = '=HYPERLINK("http://example.com","click")'
    hostile.loc[hostile.index[1], "note"] = "+1 and -2 @sum"
    hostile.loc[hostile.index[2], "note"] = "bell\x07 and escape\x1b inside"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = write_workbook(root / "comparekit.xlsx", statements=hostile, harmonized=harmonized)
    pdfs = to_pdf([*decks, book], root / "pdf", root / "lo-profile")
    return {"decks": decks, "book": book, "pdfs": dict(zip(["zh", "en", "book"], pdfs)), "warnings": caught}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_deck_text_blocks_do_not_overlap_and_stay_on_the_page(rendered, lang):
    blocks = text_blocks(rendered["pdfs"][lang])
    pages = {b.page for b in blocks}
    assert pages == set(range(1, 6))  # title slide + four indicators, every slide has text
    clashes = overlaps(blocks)
    for a, b in clashes:
        print(f"slide {a.page}: {a.text[:40]!r} overlaps {b.text[:40]!r}")
    assert clashes == []
    assert outside(blocks) == []


def test_english_deck_is_english(rendered):
    import re

    blocks = text_blocks(rendered["pdfs"]["en"])
    for block in blocks:
        without_asides = re.sub(r"[(（][^()（）]*[)）]", "", block.text)
        assert not has_cjk(without_asides), block.text


def test_workbook_holds_no_formula_and_renders(rendered):
    book = openpyxl.load_workbook(rendered["book"])
    formulas = [f"{sheet.title}!{cell.coordinate}" for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == []
    notes = [cell.value for cell in book["statements"][2] + book["statements"][3] + book["statements"][4] if isinstance(cell.value, str)]
    assert '=HYPERLINK("http://example.com","click")' in notes
    assert "+1 and -2 @sum" in notes and "bell and escape inside" in notes
    assert any("statements row 4" in str(w.message) and "U+0007" in str(w.message) for w in rendered["warnings"])
    text = " ".join(b.text for b in text_blocks(rendered["pdfs"]["book"]))
    assert "=HYPERLINK(" in text  # Calc shows the text; a live formula would show only "click"
