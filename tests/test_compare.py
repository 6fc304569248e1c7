"""compare(): one row per place, the honest verdict, bilingual caveats; coverage and ambition."""

from __future__ import annotations

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
    assert urban.loc["jieshou", ["value", "verdict"]].tolist() == [55.0, "comparable"]
    assert urban.loc["chengwu", ["value", "verdict"]].tolist() == [53.0, "comparable"]
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
    assert table.loc["linyi", ["value", "scope_text", "verdict"]].tolist() == [4.0, "各县", "caveat"]
    qiaocheng = table.loc["qiaocheng"]
    assert qiaocheng["derived"] and qiaocheng["year"] == 2027 and qiaocheng["verdict"] == "caveat"
    assert round(qiaocheng["value"], 1) == 12.4
    assert "Target year 2027, not 2025" in qiaocheng["caveat_en"]
    assert "may be Bozhou-level" in qiaocheng["caveat_en"]
    assert "2027年" in qiaocheng["caveat_zh"]


def test_green_building_two_plans_state_none(harmonized):
    table = compare("green_building_share", 2025, harmonized=harmonized).set_index("place_id")
    assert table.loc[["jieshou", "luan"], "verdict"].tolist() == ["not_stated", "not_stated"]
    assert table.loc[["jieshou", "luan"], "value"].isna().all()
    assert table.loc["chengwu", ["value", "verdict"]].tolist() == [100.0, "comparable"]
    assert table.loc["qiaocheng", ["value", "qualifier", "year", "verdict"]].tolist() == [100.0, "maintain", 2027, "caveat"]
    assert table.loc["linyi", "value"] == 100.0


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
