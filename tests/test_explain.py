"""explain(): the chain from quote to verdict, in English and Chinese, for the headline verdicts."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from comparekit.cli import app
from comparekit.compare import compare
from comparekit.explain import explain

PLACES = ["jieshou", "luan", "chengwu", "qiaocheng", "linyi"]
HEADLINES = ["urbanization_rate", "childcare_slots_per_1000", "green_building_share"]


@pytest.mark.parametrize("indicator", HEADLINES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_headline_verdict_is_explained(harmonized, indicator, lang):
    table = compare(indicator, 2025, harmonized=harmonized).set_index("place_id")
    verdict_words = {"en": {"comparable": "Comparable", "caveat": "Comparable with caveat", "not_comparable": "Not comparable", "not_stated": "Not stated"},
                     "zh": {"comparable": "可比", "caveat": "可比但需注意", "not_comparable": "不可比", "not_stated": "未提及"}}[lang]
    for place in PLACES:
        row = table.loc[place]
        text = explain(place, indicator, 2025, lang, harmonized=harmonized)
        if row["verdict"] == "not_stated":
            assert verdict_words["not_stated"] in text and len(text.steps) == 1
            continue
        # the quote, its source and offsets, every rule that applied, and the verdict it gave
        assert f"“{row['quote']}”" in text
        assert row["statement_ids"] in text and row["source_id"] in text
        assert [step for step, _ in text.steps] == ["quote", "parsed", "unit", "scope", "basis", "derivation", "rules", "verdict", "caveats", "alternatives"]
        for rule in row["rules"].split(";"):
            assert f"{rule}:" in text or f"{rule}：" in text
        verdict_line = dict(text.steps)["verdict"]
        assert verdict_line.startswith(verdict_words[row["verdict"]])


def test_offsets_printed_are_the_quote_offsets(harmonized):
    from comparekit.sources import load_sources, read_source_text

    text = explain("chengwu", "green_building_share", harmonized=harmonized)
    start, end = map(int, re.search(r"characters (\d+)–(\d+)", text).groups())
    source = read_source_text("chengwu_2024")
    assert source[start:end] == "到2025年,新建民用建筑中按照绿色建筑基本级及以上标准建设的面积比例达到100%"
    assert "Chengwu County New-Type Urbanization Action Upgrade Plan" in text and load_sources() is not None


def test_qiaocheng_childcare_shows_both_derivations(harmonized):
    text = explain("qiaocheng", "childcare_slots_per_1000", harmonized=harmonized)
    steps = dict(text.steps)
    assert steps["unit"] == "1.9 万个 × 10000 = 19000 个"
    assert "养老机构护理型床位数1.9万张" in steps["quote"]  # the annotator's note: the sibling figure looks city-level too
    assert steps["derivation"].startswith("19,000 ÷ 1,537,231 × 1000 = 12.36; check: fits the parent unit better")
    assert "it would be 3.8 per 1000 people" in steps["derivation"]
    assert "derived_implausible" in steps["rules"] and steps["verdict"].startswith("Not comparable")
    zh = dict(explain("qiaocheng", "childcare_slots_per_1000", lang="zh", harmonized=harmonized).steps)
    assert "第七次全国人口普查（2020年11月1日）常住人口1,537,231人，得每千人口12.4个" in zh["derivation"]
    assert "若除以亳州市常住人口4,996,844人，则为每千人口3.8个" in zh["derivation"]
    assert zh["verdict"].startswith("不可比")


def test_linyi_floor_explained_in_chinese(harmonized):
    steps = dict(explain("linyi", "childcare_slots_per_1000", lang="zh", harmonized=harmonized).steps)
    assert steps["scope"] == "原文为“各县” → 口径类别 each_county → 层级 县级（临沂为地级市）"
    assert steps["rules"].startswith("each_county_floor：")
    assert steps["verdict"].startswith("可比（")
    assert "linyi_county_2023-026" in steps["alternatives"]


def test_draft_source_named_once(harmonized):
    steps = dict(explain("jieshou", "urbanization_rate", lang="zh", harmonized=harmonized).steps)
    assert steps["quote"].count("征求意见稿") == 1  # the title says it; not repeated
    assert "draft：" in steps["rules"]


def test_bad_arguments_are_clear_errors(harmonized):
    with pytest.raises(ValueError, match="unknown place 'nowhere'"):
        explain("nowhere", "urbanization_rate", harmonized=harmonized)
    with pytest.raises(ValueError, match="lang must be 'en' or 'zh'"):
        explain("linyi", "urbanization_rate", lang="fr", harmonized=harmonized)
    with pytest.raises(ValueError, match="unknown indicator 'happiness'"):
        explain("linyi", "happiness", harmonized=harmonized)


def test_cli_explain():
    runner = CliRunner()
    result = runner.invoke(app, ["explain", "linyi", "childcare_slots_per_1000", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("临沂·每千人口拥有3岁以下婴幼儿托位数·2025年\n1. 原文：")
    result = runner.invoke(app, ["explain", "nowhere", "urbanization_rate"])
    assert result.exit_code == 2 and "unknown place 'nowhere'" in result.output
