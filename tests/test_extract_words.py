"""comparekit.extract.words: the label segmentation gives jieba's own words (dictionary, no HMM)."""

from __future__ import annotations

import random

import pytest

from comparekit.extract.rules import rules
from comparekit.extract.words import _tokenizer, segment
from comparekit.sources import load_sources, read_source_text


def _jieba(text: str) -> list[str]:
    return [w for w in _tokenizer().lcut(text, HMM=False) if w.strip()]


@pytest.mark.parametrize("text", ["", " ", "\r\n", "常住人口城镇化率", "5G基站数", "NB-IoT网络深度覆盖",
                                  "GDP增速 12.5%\u3000左右", "１２３ＡＢＣ", "a\u00a0b\tc", "5A级旅游景区"])
def test_segment_is_jiebas_cut(text):
    assert segment(text) == _jieba(text)


def test_segment_of_aliases_and_plan_windows_is_jiebas_cut():
    cases = list(rules().alias_to_id)
    rng = random.Random(7)
    for source in load_sources().itertuples(index=False):
        text = read_source_text(source.source_id)
        for _ in range(200):
            at = rng.randrange(len(text))
            cases.append(text[at : at + rng.randrange(1, 60)])
    assert [segment(c) for c in cases] == [_jieba(c) for c in cases]
