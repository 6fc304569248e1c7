"""Verbatim sources: byte-identical copies, checksums, clear errors for altered files."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from comparekit import sources as src
from comparekit.errors import ChecksumError
from comparekit.paths import SOURCES_DIR


def test_registry_lists_five_documents_with_metadata():
    table = src.load_sources().set_index("source_id")
    assert list(table["place_id"]) == ["jieshou", "luan", "chengwu", "qiaocheng", "linyi"]
    assert table.loc["linyi_county_2023", "doc_number"] == "临政办字〔2023〕96号"
    assert table.loc["chengwu_2024", "doc_number"] == "成政发〔2024〕3号"
    assert table.loc["luan_14fyp", "issue_date"] == "2023-06-14"
    assert table.loc["jieshou_pilot", "status"] == "draft"
    assert table.loc["qiaocheng_2024", "status"] == "draft"
    assert table.loc["linyi_county_2023", "status"] == "issued"


def test_checksums_match_files_on_disk():
    table = src.load_sources()
    for rec in table.itertuples():
        digest = hashlib.sha256((SOURCES_DIR / rec.file_name).read_bytes()).hexdigest()
        assert digest == rec.sha256


def test_altered_copy_is_named(tmp_path):
    table = src.load_sources()
    for name in table["file_name"]:
        shutil.copy(SOURCES_DIR / name, tmp_path / name)
    victim = table["file_name"].iloc[2]
    with open(tmp_path / victim, "a", encoding="utf-8") as handle:
        handle.write("改")
    with pytest.raises(ChecksumError, match=f"chengwu_2024: data/sources/{victim} has been altered"):
        src.verify_checksums(table, tmp_path)


def test_missing_copy_is_named(tmp_path):
    table = src.load_sources()
    with pytest.raises(ChecksumError, match="is missing"):
        src.verify_checksums(table, tmp_path)


def test_text_is_read_verbatim():
    text = src.read_source_text("luan_14fyp")
    assert "六政办秘202355" in text  # damage in the web copy is kept, never fixed
    assert "\xa0" in text  # non-breaking spaces survive


def test_unknown_source_id_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown source_id 'nowhere'"):
        src.read_source_text("nowhere")
