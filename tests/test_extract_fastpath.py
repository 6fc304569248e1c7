"""The extractor's fast paths give exactly the rows of its general paths.

The value texts of a document are read by the value parser's fast path when they have one of its
common shapes (``55%左右``, ``≥12``, ``5-8个``), by the scalar parser otherwise; the output table is
built from plain lists. Each fast path is compared here with the general one it stands for, on the
five study plans and the real held-out documents (whole output tables, every row and dtype), and
on constructed value texts at the edges of the shapes.
"""

from __future__ import annotations

import importlib
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from comparekit.evaluate import load_heldout
from comparekit.extract import extract
from comparekit.sources import load_sources, read_source_text

extract_values = importlib.import_module("comparekit.extract.values")

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout_real"


@pytest.fixture(scope="module")
def documents() -> dict[str, tuple[str, int | None]]:
    docs = {rec.source_id: (read_source_text(rec.source_id), int(rec.horizon_end))
            for rec in load_sources().itertuples(index=False)}
    texts, _ = load_heldout(HELDOUT)
    docs.update({source_id: (text, None) for source_id, text in texts.items()})
    return docs


@pytest.fixture(scope="module")
def value_texts(documents) -> list[str]:
    _, statements = load_heldout(HELDOUT)
    found = set(statements["value_text"].dropna())
    for source_id, (text, horizon) in documents.items():
        found |= set(extract(text, source_id=source_id, horizon=horizon)["value_text"])
    edges = ["55%左右", "５５％", "≥12", "1.9万个", "5-8个", "5—8个", "3.5%-4.2%", "120至150公里", "8-5个",
             "不少于 10 个", "约 30 家", "每年下降3.2%", "力争达到60%以上", "10(8)个", "16.05:1", "55%左 右",
             "1" + "0" * 400 + "个", "1" + "0" * 400 + "-2个", "30个\n", "40 %", "2025年", "0.5", "全覆盖"]
    return sorted(found | set(edges))


def _same(a: tuple, b: tuple) -> bool:
    return all(x == y or (isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y))
               for x, y in zip(a, b, strict=True))


def test_value_fast_path_reads_as_the_scalar_parser(value_texts):
    reader = extract_values._fast_reader()
    fast = 0
    for text in value_texts:
        quick = extract_values._parse_fast(text, reader)
        if quick is None:
            continue
        fast += 1
        assert _same(quick, extract_values._parse(text)), text
    assert fast >= len(value_texts) // 2  # the common shapes are most value texts of real plans


def test_whole_output_identical_without_the_fast_paths(documents, monkeypatch):
    fast_tables = {source_id: extract(text, source_id=source_id, horizon=horizon)
                   for source_id, (text, horizon) in documents.items()}
    monkeypatch.setattr(extract_values, "_fast_reader", lambda: None)  # every value text by the scalar parser
    monkeypatch.setattr(extract_values, "_integers", lambda values: pd.array(values, dtype="Int64"))
    for source_id, (text, horizon) in documents.items():
        general = extract(text, source_id=source_id, horizon=horizon)
        pd.testing.assert_frame_equal(fast_tables[source_id], general, check_exact=True)
    assert sum(len(t) for t in fast_tables.values()) > 600


def test_integer_column_from_lists():
    for values in ([2025, 2030], [2025, None, 2020], [], [None], [2025, float("nan")], [np.int64(2024)], [2025.0, None]):
        pd.testing.assert_extension_array_equal(extract_values._integers(values), pd.array(values, dtype="Int64"))


def test_spans_answer_as_a_scan_over_every_kept_span():
    from comparekit.extract.spans import Spans

    rng = np.random.default_rng(7)
    for _ in range(200):
        spans, kept = Spans(), []
        for start, length in zip(rng.integers(0, 300, 60).tolist(), rng.integers(0, 40, 60).tolist()):
            end = start + length
            expected = any(a < end and start < b or (a, b) == (start, end) for a, b in kept)
            assert spans.overlaps(start, end) == expected, (start, end, kept)
            if not expected:
                spans.add(start, end)
                kept.append((start, end))


def test_topic_years_found_from_the_year_as_by_the_sentence_pattern(documents):
    carry = importlib.import_module("comparekit.extract.carry")
    rng = np.random.default_rng(11)
    parts = [["", "。", "！", "？", "\n", "县", "1", "2"], ["", " ", "\u3000", "\t", "\u00a0 "], ["2019", "2020", "1999", "201", "12023"],
             ["", " ", "\u00a0", "  "], ["年", ""], ["", "度", " 全年", "全年", "  度"], ["，", ",", "", "。"]]
    texts = [text for text, _ in documents.values()]
    texts += ["".join("".join(rng.choice(choices)) for _ in range(int(rng.integers(1, 4))) for choices in parts)
              for _ in range(5000)]
    found = 0
    for text in texts:
        expected = [(m.start(1), m.end(1), int(m.group(1))) for m in carry._TOPIC_YEAR_RE.finditer(text)]
        assert carry._topic_years(text) == expected, text
        found += len(expected)
    assert found > 200


def test_scans_find_the_matches_of_finditer(documents):
    from comparekit.extract.rules import rules
    from comparekit.extract.scanning import scan, scan_each

    rng = np.random.default_rng(14)
    texts = [text for text, _ in documents.values()]
    texts += ["三分之一和二分之三分之一", "甲、乙、丙三所学校,十一个,千亿产业,百亿元,万元", "", "三"]
    patterns = [pattern for _, pattern in rules().scans]
    for text in texts:
        for pos in (0, *rng.integers(0, len(text) + 1, 2).tolist()):
            each = scan_each(patterns, text, pos)
            for pattern, found in zip(patterns, each):
                plain = [(m.span(), m.regs, m.groupdict()) for m in pattern.finditer(text, pos)]
                assert [(m.span(), m.regs, m.groupdict()) for m in scan(pattern, text, pos)] == plain
                assert [(m.span(), m.regs, m.groupdict()) for m in found] == plain, (pattern.pattern[:60], pos)


def test_whole_output_identical_with_plain_scans(documents, monkeypatch):
    collect = importlib.import_module("comparekit.extract.collect")
    fast_tables = {source_id: extract(text, source_id=source_id, horizon=horizon)
                   for source_id, (text, horizon) in documents.items()}
    monkeypatch.setattr(collect, "scan_each", lambda patterns, text, pos=0: [p.finditer(text, pos) for p in patterns])
    for source_id, (text, horizon) in documents.items():
        pd.testing.assert_frame_equal(fast_tables[source_id], extract(text, source_id=source_id, horizon=horizon),
                                      check_exact=True)


def test_column_table_is_the_dict_constructors_table():
    from comparekit.extract.frames import column_table

    for n in (0, 1, 3):
        columns = {"a": np.arange(n, dtype="float64"), "b": pd.array([1] * n, dtype="Int64"),
                   "c": pd.array(["x"] * n, dtype="str"), "d": np.arange(n, dtype="float64")}
        names = ["c", "a", "b", "d"]
        fast, plain = column_table(columns, names), pd.DataFrame({k: columns[k] for k in names}, copy=False)
        pd.testing.assert_frame_equal(fast, plain, check_exact=True)
        assert fast._mgr.nblocks == plain._mgr.nblocks
        fast.columns.name = "renamed"  # each table has its own column Index
        assert column_table(columns, names).columns.name is None


def test_ruby_annotations_found_as_by_the_one_pattern(documents):
    view = importlib.import_module("comparekit.extract.view")
    texts = [text for text, _ in documents.values()]
    texts += ["培训2.55萬(wàn)人次（rén cì）,報（bào)(bao)（x）(lǘ)", "(a)（b）", "萬(wàn", ""]
    for text in texts:
        assert [m.span() for m in view._ruby_matches(text)] == [m.span() for m in view._RUBY_RE.finditer(text)]


def test_shared_scans_of_constructed_patterns_find_the_matches_of_finditer():
    import re

    from comparekit.extract.scanning import first_characters, scan, scan_each

    patterns = [re.compile(p) for p in (
        r"(?P<x>)亿(?=元)", r"亿(?=产业)|[亿万](?=元)", r"(?P<v>)(?<=[\u4e00-\u9fff])(?P<n>[三四]|十[一二])个",
        r"(?:[二三])?分之[一二]", r"[0-9]+(?:\.[0-9]+)?%", r"\d+", r"(?i)a+b", r"(?:x|)y", r"[^a]b",
    )]
    assert first_characters(patterns[0]).pattern == "[亿]"
    assert first_characters(patterns[5]) is None and first_characters(patterns[6]) is None
    text = "十亿元,亿元和万元亿产业;建设三个,十一个十二个;二分之一分之二三分之一;12.5%和3%;AaB ab;yxy;cb"
    for pos in range(len(text) + 1):
        each = scan_each(patterns, text, pos)
        for pattern, found in zip(patterns, each):
            plain = [m.regs for m in pattern.finditer(text, pos)]
            assert [m.regs for m in found] == plain, (pattern.pattern, pos)
            assert [m.regs for m in scan(pattern, text, pos)] == plain, (pattern.pattern, pos)


@pytest.mark.parametrize("spacing", [1, 64])
def test_scans_from_rare_first_characters_find_the_matches_of_finditer(documents, monkeypatch, spacing):
    import re

    from comparekit.extract import scanning
    from comparekit.extract.rules import rules

    carry = importlib.import_module("comparekit.extract.carry")
    monkeypatch.setattr(scanning, "_RARE_SPACING", spacing)  # 1: every pattern with 2-8 first characters is found from them
    r = rules()
    patterns = [pattern for _, pattern in r.scans] + [carry._REVIEW_WORD_RE, carry._TOPIC_YEAR_SCAN_RE, r.to_year_re]
    patterns += [re.compile(p) for p in (r"(?<=[甲乙])[三四]个|分之[一二]", r"(?:x|)y", r"\b[ab]c", r"^[一二]、", r"[12][0-9]{3}年")]
    texts = [text for text, _ in documents.values()]
    texts += ["过去一年,去年,过去的五年;甲三个乙四个,三分之一;ac bc xbc;一、二、\n一、", "", "去", "xyy"]
    for text in texts:
        for pos in (0, len(text) // 2):
            for pattern in patterns:
                plain = [m.regs for m in pattern.finditer(text, pos)]
                assert [m.regs for m in scanning.scan_sparse(pattern, text, pos)] == plain, (pattern.pattern[:60], pos)
