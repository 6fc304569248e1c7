"""Tests of comparekit.extract.words: the one-pass word cut gives jieba's own words."""

from __future__ import annotations

import importlib

import pytest

from comparekit.extract.labels import segment
from comparekit.extract.words import cut


@pytest.fixture(scope="module")
def tokenizer():
    segment("城镇化率")  # initializes the module's tokenizer
    return importlib.import_module("comparekit.extract.labels")._TOKENIZER


@pytest.mark.parametrize("text", [
    "常住人口城镇化率", "全县新建5G基站200个以上", "R&D经费投入强度 2.5%", "  每千人口\r\n拥有3岁以下婴幼儿托位数",
    "ａｂ全角１２３、（二）", "a.b-c#d+e", "", "绿色建筑占新建建筑比例",
])
def test_cut_gives_jiebas_words(tokenizer, text):
    assert cut(tokenizer, text) == tokenizer.lcut(text, HMM=False)


def test_cut_gives_jiebas_words_on_the_study_plans(tokenizer):
    from comparekit.sources import load_sources, read_source_text

    for rec in load_sources().itertuples(index=False):
        text = read_source_text(rec.source_id)
        for start in range(0, len(text), 97):
            piece = text[start : start + 23]
            assert cut(tokenizer, piece) == tokenizer.lcut(piece, HMM=False)
