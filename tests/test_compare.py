"""compare(): one row per place, the honest verdict, bilingual caveats; coverage and ambition."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from comparekit.compare import COMPARE_COLUMNS, ambition, compare, coverage

PLACES = ["jieshou", "luan", "chengwu", "qiaocheng", "linyi"]


@pytest.fixture(scope="module")
def urban(harmonized):
    return compare("urbanization_rate", 2025, harmonized=harmonized).set_index("place_id")


def test_all_five_places_always(harmonized):
    for indicator in ["urbanization_rate", "childcare_slots_per_1000", "green_building_share", "icu_beds"]:
        table = compare(indicator, 2025, harmonized=harmonized)
        assert table["place_id"].tolist() == PLACES
        assert list(table.columns) == COMPARE_COLUMNS


def test_urbanization_county_area_figure_is_the_comparable_one(urban):
    # Lu'an states 55% for the whole city and 50% for its county areas; the county-area figure is the
    # one that matches the county-level plans of Jieshou and Chengwu and Linyi's county-area figure.
    assert urban.loc["luan", ["value", "scope_text", "qualifier"]].tolist() == [50.0, "县域", "about"]
    assert urban.loc["luan", "verdict"] == "caveat"
    assert "county areas" in urban.loc["luan", "caveat_en"] and "县域" in urban.loc["luan", "caveat_zh"]
    assert "luan_14fyp-001" in urban.loc["luan", "alternatives"]
    # Jieshou's plan is a draft for comment: the same level and year, but flagged
    assert urban.loc["jieshou", ["value", "verdict", "draft"]].tolist() == [55.0, "caveat", True]
    assert urban.loc["jieshou", "caveat_en"] == "From a draft for comment (征求意见稿), not an adopted plan"
    assert urban.loc["jieshou", "caveat_zh"] == "来自征求意见稿，并非正式印发的方案"
    assert urban.loc["chengwu", ["value", "verdict", "draft", "caveat_en"]].tolist() == [53.0, "comparable", False, ""]
    assert urban.loc["linyi", ["value", "scope_text", "verdict"]].tolist() == [50.0, "县域", "caveat"]
    assert urban.loc["qiaocheng", "verdict"] == "not_stated"
    assert urban["value"].isna().loc["qiaocheng"]  # not stated is NaN, never zero


def test_whole_city_urbanization_is_not_comparable_at_county_level(harmonized):
    table = compare("urbanization_rate", 2025, scope="prefecture", harmonized=harmonized).set_index("place_id")
    assert table.loc["luan", ["value", "scope_text", "verdict"]].tolist() == [55.0, "全市", "comparable"]
    assert table.loc["chengwu", "verdict"] == "not_comparable"


def test_childcare_verdicts(harmonized):
    table = compare("childcare_slots_per_1000", 2025, harmonized=harmonized).set_index("place_id")
    assert table.loc["jieshou", ["value", "scope_text", "qualifier", "verdict"]].tolist() == [10.0, "新建小区", "at_least", "not_comparable"]
    assert "construction standard" in table.loc["jieshou", "caveat_en"] and "配建标准" in table.loc["jieshou", "caveat_zh"]
    assert table.loc["chengwu", ["value", "verdict"]].tolist() == [4.8, "comparable"]
    assert table.loc["luan", ["value", "verdict"]].tolist() == [2.3, "caveat"]
    # 各县…达到4个: a floor every county must reach, Linyi's most county-comparable figure
    assert table.loc["linyi", ["value", "scope_text", "scope_class", "level", "verdict"]].tolist() == [4.0, "各县", "each_county", "county", "comparable"]
    assert "floor that every county must reach" in table.loc["linyi", "caveat_en"]
    assert table.loc["linyi", "caveat_zh"] == "原文为“各县”，即辖内任一县都须达到的下限，可按县级比较（个别县可能更高）"
    assert "linyi_county_2023-026" in table.loc["linyi", "alternatives"]
    # 1.9万 slots ÷ 1,537,231 = 12.4 per 1000, 2.7× the national 4.5; on Bozhou's 4,996,844 it is 3.8
    qiaocheng = table.loc["qiaocheng"]
    assert qiaocheng["derived"] and qiaocheng["year"] == 2027 and qiaocheng["verdict"] == "not_comparable"
    assert qiaocheng["draft"] and "derived_implausible" in qiaocheng["rules"]
    assert round(qiaocheng["value"], 1) == 12.4
    assert "Target year 2027, not 2025" in qiaocheng["caveat_en"]
    assert "gives 12.4 per 1000 people" in qiaocheng["caveat_en"] and "it would be 3.8 per 1000 people" in qiaocheng["caveat_en"]
    assert "probably a Bozhou-level figure" in qiaocheng["caveat_en"]
    assert "第七次全国人口普查（2020年11月1日）常住人口1,537,231人，得每千人口12.4个" in qiaocheng["caveat_zh"]
    assert "则为每千人口3.8个" in qiaocheng["caveat_zh"] and "来自征求意见稿" in qiaocheng["caveat_zh"]
    assert "2027年" in qiaocheng["caveat_zh"]


def test_green_building_two_plans_state_none(harmonized):
    table = compare("green_building_share", 2025, harmonized=harmonized).set_index("place_id")
    assert table.loc[["jieshou", "luan"], "verdict"].tolist() == ["not_stated", "not_stated"]
    assert table.loc[["jieshou", "luan"], "value"].isna().all()
    assert table.loc["qiaocheng", ["value", "qualifier", "year", "verdict", "draft"]].tolist() == [100.0, "maintain", 2027, "caveat", True]
    assert table.loc["linyi", "value"] == 100.0


def test_green_building_definitions_differ(harmonized):
    # All three say 100%, but measure different things: civil floor area, all new buildings, starts.
    table = compare("green_building_share", 2025, harmonized=harmonized).set_index("place_id")
    assert table.loc[["chengwu", "linyi", "qiaocheng"], "definition_basis"].tolist() == ["civil;floor_area", "all_new", "starts"]
    assert table.loc["chengwu", "verdict"] == "caveat"
    assert table.loc["chengwu", "caveat_en"] == (
        "Definitions differ: here new civil buildings, share of floor area, "
        "whereas Qiaocheng: share of construction starts, and Linyi: all new buildings"
    )
    assert table.loc["chengwu", "caveat_zh"] == "各方案定义不同：本方案为新建民用建筑、按建筑面积计，而谯城为按开工项目计，临沂为全部新建建筑"
    assert "谯城为按开工项目计" in table.loc["linyi", "caveat_zh"]
    assert "definition_differs" in table.loc["linyi", "rules"]


def test_definition_caveat_names_only_differing_places(harmonized):
    table = compare("prefab_building_share", 2025, harmonized=harmonized).set_index("place_id")
    assert table.loc["chengwu", "caveat_en"] == "Definitions differ: here all new buildings, whereas Linyi: all new urban buildings, share of construction starts"
    assert table.loc["linyi", "caveat_zh"].endswith("而成武、谯城为全部新建建筑")
    assert pd.isna(table.loc["jieshou", "definition_basis_en"])  # not stated: no basis


def test_same_definition_adds_no_caveat(harmonized):
    table = compare("urbanization_rate", 2025, harmonized=harmonized)
    assert not table["caveat_en"].str.contains("Definitions differ").any()


def test_unknown_indicator_is_a_clear_error(harmonized):
    with pytest.raises(ValueError, match="unknown indicator 'happiness'"):
        compare("happiness", harmonized=harmonized)


def test_coverage_matrix(statements):
    cov = coverage(statements)
    assert list(cov.columns) == PLACES
    assert cov.loc[("environment_green", "green_building_share"), "luan"] == 0
    assert cov.loc[("environment_green", "green_building_share"), "linyi"] == 2
    assert cov.loc[("population_urbanization", "urbanization_rate"), "luan"] == 4
    assert cov.to_numpy().sum() == len(statements)
    shared = coverage(statements, min_places=3)
    assert len(shared) == 14 and ((shared > 0).sum(axis=1) >= 3).all()
    assert ("population_urbanization", "urbanization_rate") in shared.index


def test_ambition_linyi(harmonized):
    amb = ambition(harmonized=harmonized, place="linyi").set_index("indicator_id")
    urban = amb.loc["urbanization_rate"]
    assert (urban["baseline_year"], urban["baseline_value"], urban["target_year"], urban["target_value"]) == (2022, 47.2, 2025, 50.0)
    assert urban["change_per_year"] == pytest.approx((50 - 47.2) / 3)
    assert urban["change_unit"] == "pp/yr"
    childcare = amb.loc["childcare_slots_per_1000"]
    assert childcare["change_unit"] == "%/yr"
    assert childcare["change_per_year"] == pytest.approx(((4 / 2.33) ** (1 / 3) - 1) * 100)


def _caveat_repeats(caveat: str, scope_words: list[str]) -> list[str]:
    """Scope words said twice, and parentheses whose words the caveat already says outside them."""
    problems = [word for word in scope_words if caveat.count(word) > 1]
    for inner in re.findall(r"[（(]([^（）()]+)[）)]", caveat):
        outside = caveat.replace(f"（{inner}）", "", 1) if f"（{inner}）" in caveat else caveat.replace(f"({inner})", "", 1)
        if inner in outside and f"({inner})" not in problems:
            problems.append(f"({inner})")
    return problems


def test_caveat_repeat_checker_catches_the_old_wording():
    words = ["县域", "全市", "各县"]
    assert _caveat_repeats("为全市各县（县域）汇总口径（县域），非单个县", words) == ["县域", "(县域)"]
    assert _caveat_repeats("为全市口径（全市），与县级口径比较时需注意", words) == ["全市", "(全市)"]
    assert _caveat_repeats("原文为“县域”，即全市所有县的合计口径，并非单个县的数值", words) == []


def test_no_caveat_repeats_a_scope_word_or_a_parenthesis(harmonized):
    from comparekit.registry import load_scopes

    scope_words = [w for w in load_scopes()["scope_text"].dropna() if w]
    # one indicator for each scope as written in each place, plus the headlines and the derived rate
    rows = harmonized[harmonized["status"] == "harmonized"].assign(scope_key=harmonized["scope_text"].fillna(""))
    indicators = sorted(set(rows.drop_duplicates(["place_id", "scope_key"])["indicator_id"]) | {"urbanization_rate", "childcare_slots_per_1000", "green_building_share"})
    problems = []
    for indicator in indicators:
        table = compare(indicator, 2025, harmonized=harmonized)
        for row in table.itertuples():
            for caveat in row.caveat_en.split("; ") + row.caveat_zh.split("；"):
                found = _caveat_repeats(caveat, scope_words)
                if found:
                    problems.append((indicator, row.place_id, caveat, found))
    assert problems == []


def test_chinese_caveats_are_sentences_not_codes(harmonized):
    table = compare("childcare_slots_per_1000", 2025, harmonized=harmonized).set_index("place_id")
    zh = table.loc["qiaocheng", "caveat_zh"]
    assert "2020-11-01" not in zh and "普查常住人口（" not in zh
    assert "每千人口12.4个" in zh and "每千人12.4" not in zh
    urban = compare("urbanization_rate", 2025, harmonized=harmonized).set_index("place_id")
    assert urban.loc["luan", "caveat_zh"] == "原文为“县域”，即全市所有县的合计口径，并非单个县的数值"
    assert urban.loc["luan", "caveat_en"] == "Stated for “县域”: the total of all the prefecture's county areas, not a single county"
