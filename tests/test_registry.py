"""Registries: places with census populations, bilingual indicators, units, scopes, references."""

from __future__ import annotations

import re

import pytest

from comparekit import registry


def test_places_codes_and_populations():
    places = registry.load_places().set_index("place_id")
    assert places.loc["jieshou", "code"] == "341282"
    assert places.loc["jieshou", "parent_code"] == "341200"
    assert places.loc["chengwu", "parent_code"] == "371700"
    assert places.loc["qiaocheng", "parent_code"] == "341600"
    assert places.loc["jieshou", "population"] == 650870
    assert places.loc["chengwu", "population"] == 595159
    assert places.loc["qiaocheng", "population"] == 1537231
    assert places.loc["luan", "population"] == 4393699
    assert places.loc["linyi", "population"] == 11018365
    assert places.loc["bozhou", "population"] == 4996844
    assert places.loc["qiaocheng", "urban_share"] == pytest.approx(48.83)
    assert "临沂市第七次全国人口普查公报" in places.loc["linyi", "population_source"]


def test_study_places_in_fixed_order():
    assert registry.load_places(study_only=True)["place_id"].tolist() == ["jieshou", "luan", "chengwu", "qiaocheng", "linyi"]


def test_short_names():
    assert [registry.place_name(p, "zh") for p in ["jieshou", "luan", "chengwu", "qiaocheng", "linyi"]] == ["界首", "六安", "成武", "谯城", "临沂"]
    assert registry.place_name("luan", "en") == "Lu'an"


def test_indicators_are_bilingual_and_cover_headlines():
    indicators = registry.load_indicators().set_index("indicator_id")
    for key in ["urbanization_rate", "childcare_slots_per_1000", "green_building_share"]:
        assert indicators.loc[key, "name_zh"] and indicators.loc[key, "name_en"]
    assert len(indicators) >= 40
    assert indicators["name_zh"].str.contains(r"[\u4e00-\u9fff]").all()
    assert not indicators["name_en"].str.contains(r"[\u4e00-\u9fff]").any()


def test_every_indicator_unit_is_a_registered_unit():
    units = set(registry.load_units()["unit"])
    indicator_units = set(registry.load_indicators()["unit"].dropna())
    assert indicator_units <= units, indicator_units - units


def test_national_references():
    ref = registry.load_national_references()
    urban = ref[ref.indicator_id == "urbanization_rate"].set_index("year")["value"]
    assert urban.loc[2023] == pytest.approx(66.16)
    assert urban.loc[2024] == pytest.approx(67.00)
    childcare = ref[ref.indicator_id == "childcare_slots_per_1000"]
    assert childcare["value"].tolist() == [4.5]
    assert "公共服务规划" in childcare["source_zh"].iloc[0]
    prefab = ref[ref.indicator_id == "prefab_building_share"].iloc[0]
    assert (prefab["value"], prefab["year"]) == (30, 2025)


def test_unknown_ids_are_clear_errors():
    with pytest.raises(ValueError, match="unknown place_id 'atlantis'; add it to data/registry/places.csv"):
        registry.place_name("atlantis")
    with pytest.raises(ValueError, match="unknown indicator_id 'happiness'"):
        registry.indicator_name("happiness", "zh")


def test_broader_names_a_registered_parent():
    indicators = registry.load_indicators().set_index("indicator_id")
    broader = indicators["broader"].dropna()
    broader = broader[broader != ""]
    assert set(broader) <= set(indicators.index)
    assert not (broader.index == broader.values).any()
    # near-duplicates are linked, not merged
    assert broader["garden_city_designation"] == "designation_bid"
    assert broader["sewage_pipe_length"] == broader["rainwater_pipe_length"] == "storm_sewage_pipe_length"
    assert broader["tertiary_tcm_hospitals"] == "tertiary_level_county_hospitals"


def test_fixed_registry_items():
    indicators = registry.load_indicators().set_index("indicator_id")
    assert indicators.loc["counties_with_high_speed_rail", "unit"] == "个"
    # hospital grade counts share one unit
    grades = ["county_tcm_hospitals_grade_2a", "mch_institutions_grade_2a", "tertiary_level_county_hospitals", "tertiary_tcm_hospitals"]
    assert set(indicators.loc[grades, "unit"]) == {"家"}
    assert indicators.loc["urbanization_rate_change", "unit"] == "个百分点"
    assert "农村自来水普及率" not in indicators.loc["rural_centralized_water_supply_rate", "aliases"]
    assert indicators.loc["rural_tap_water_rate", "name_zh"] == "农村自来水普及率"


def test_per_unit_floors_are_their_own_scope_class():
    scopes = registry.load_scopes().set_index("scope_text")
    assert scopes.loc[["各县", "每个县", "各县区", "每个县区"], "scope_class"].tolist() == ["each_county"] * 4
    assert scopes.loc["县域", "scope_class_prefecture"] == "county_areas"  # a prefecture's county areas: an aggregate


def test_definition_bases_registry():
    bases = registry.load_definition_bases()
    indicators = set(registry.load_indicators()["indicator_id"])
    assert set(bases["indicator_id"]) <= indicators
    green = bases[bases["indicator_id"] == "green_building_share"].set_index("basis")
    assert green.loc["civil", "words"] == "民用建筑" and green.loc["starts", "words"] == "开工"
    assert green.loc["floor_area", "zh"] == "按建筑面积计"


def test_every_verdict_rule_used_is_registered():
    import importlib
    import inspect

    rules = set(registry.load_verdict_rules()["rule"])
    source = inspect.getsource(importlib.import_module("comparekit.compare"))
    used = set(re.findall(r'\("([a-z_]+)", "(?:comparable|caveat|not_comparable)"', source))
    assert len(used) >= 8
    used |= {"derived", "derived_implausible", "level_prefecture", "level_prefecture_rate", "definition_differs", "same_basis", "not_stated"}
    assert used <= rules


def test_caveat_templates_fill_in_both_languages():
    caveats = registry.load_caveats().set_index("key")
    for key, rec in caveats.iterrows():
        fields_en = set(re.findall(r"{(\w+)", rec["en"]))
        fields_zh = set(re.findall(r"{(\w+)", rec["zh"]))
        assert fields_en == fields_zh, key
    assert caveats.loc["draft", "zh"] == "来自征求意见稿，并非正式印发的方案"


def test_derivation_registry_accepts_an_explicit_no_derivation_row(tmp_path):
    from comparekit import registry
    from comparekit.errors import TableError

    header = "from_indicator,to_indicator,method,per,plausible_low,plausible_high,rate_en,rate_zh,note\n"
    (tmp_path / "derivations.csv").write_text(
        header
        + "childcare_slots,childcare_slots_per_1000,per_capita,1000,0.5,2.0,{value:.1f} per 1000,每千人口{value:.1f}个,\n"
        + "elderly_beds,,none,,,,,,deliberately not derived\n",
        encoding="utf-8",
    )
    table = registry._load("derivations.csv", registry.DERIVATIONS_SCHEMA, "derivation registry", tmp_path)
    assert table["method"].tolist() == ["per_capita", "none"]
    assert table["to_indicator"].isna().tolist() == [False, True]

    (tmp_path / "derivations.csv").write_text(header + "childcare_slots,childcare_slots_per_1000,per_capita,,0.5,2.0,x,y,\n", encoding="utf-8")
    with pytest.raises(TableError, match="needs to_indicator, per"):
        registry._load("derivations.csv", registry.DERIVATIONS_SCHEMA, "derivation registry", tmp_path)
