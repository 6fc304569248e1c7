"""The 2020 census reference: look-ups, prefecture sums, place records and census baselines."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import comparekit as ck
from comparekit.census import (
    CENSUS_SOURCE_ID,
    census_baselines,
    census_provenance,
    census_text,
    census_unit,
    load_census,
    place_record,
    prefecture_population,
    romanize,
)
from comparekit.errors import ComparekitError


def test_reference_ships_every_county_level_unit_and_reconciles_with_the_official_totals():
    census = load_census()
    assert len(census) == 2990
    assert census["code"].is_unique
    assert int(census["population_2020"].sum()) == 1_409_878_724
    anhui = census[census["province_code"] == "34"]
    assert int(anhui["population_2020"].sum()) == 61_027_171
    share = (anhui["population_2020"] * anhui["urban_share_2020_pct"]).sum() / anhui["population_2020"].sum()
    assert round(float(share), 2) == 58.33


@pytest.mark.parametrize("code, population", [("341500", 4_393_699), ("3415", 4_393_699), ("341600", 4_996_844), ("371300", 11_018_365)])
def test_prefectures_are_the_sums_of_their_county_rows(code, population):
    assert census_unit(code).population == population
    assert prefecture_population(code) == population


def test_prefecture_population_of_a_county_code_is_its_prefecture():
    assert prefecture_population("341282") == prefecture_population("3412")


def test_county_lookup_and_its_quote_is_the_census_row_at_its_offsets():
    unit = census_unit("341222")
    assert (unit.name_zh, unit.population, unit.urban_share, unit.prefecture_zh) == ("太和县", 1_379_982, 44.56, "阜阳市")
    assert unit.quote == "341222,太和县,34,安徽省,3412,1379982,44.56"
    assert census_text()[unit.quote_start:unit.quote_end] == unit.quote
    luan = census_unit("341500")
    assert luan.rows == 7 and luan.quote.count("\n") == 6
    assert census_text()[luan.quote_start:luan.quote_end] == luan.quote
    assert luan.quote.startswith("341502,金安区") and luan.quote.endswith("341525,霍山县,34,安徽省,3415,286197,69.30")


@pytest.mark.parametrize("code, message", [("999999", "not in the 2020 census reference"), ("34122", "expected 6 digits"), ("350527", "no 2020 census figures"), ("abc", "expected 6 digits")])
def test_unknown_or_malformed_codes_are_clear_errors(code, message):
    with pytest.raises(ComparekitError, match=message):
        census_unit(code)


def test_place_record_fills_the_place_registry_columns():
    row = place_record("341222")
    assert row == {
        "place_id": "taihe", "code": "341222", "name_zh": "太和县", "name_en": "Taihe", "admin_level": "county",
        "admin_level_zh": "县", "province_zh": "安徽省", "province_en": "Anhui", "parent_code": "341200",
        "parent_zh": "阜阳市", "parent_en": "Fuyang", "population": 1_379_982, "population_date": "2020-11-01",
        "urban_share": 44.56, "population_source": "《中国人口普查分县资料—2020》", "in_study": True,
    }
    builtin = ck.load_places().set_index("place_id")
    for place_id in ("jieshou", "chengwu", "qiaocheng", "luan", "bozhou"):
        record = place_record(builtin.loc[place_id, "code"])
        assert record["population"] == builtin.loc[place_id, "population"], place_id
        assert record["name_zh"] == builtin.loc[place_id, "name_zh"]
        assert record["admin_level"] == builtin.loc[place_id, "admin_level"]
    assert place_record("341282")["urban_share"] == builtin.loc["jieshou", "urban_share"]


def test_romanize_strips_the_administrative_ending_and_marks_syllable_breaks():
    assert [romanize(n) for n in ("太和县", "六安市", "西安市", "谯城区", "临沂市")] == ["Taihe", "Lu'an", "Xi'an", "Qiaocheng", "Linyi"]


def test_census_baselines_cite_the_census_rows():
    places = ck.load_places()
    rows = census_baselines(places).set_index("place_id")
    assert set(rows.index) == set(places["place_id"])
    assert rows.loc["jieshou", "value"] == 47.40  # the plan's "+7.6 pp to 55%" implies exactly this share
    assert rows.loc["chengwu", "value"] == 47.47 and rows.loc["qiaocheng", "value"] == 48.83
    assert (rows["source_id"] == CENSUS_SOURCE_ID).all() and rows["derived"].all()
    assert (rows["kind"] == "baseline").all() and (rows["year"] == 2020).all()
    assert rows["warnings_en"].str.contains("not stated by the plan").all()
    assert rows["warnings_zh"].str.contains("非规划文本所述").all()
    text = census_text()
    for rec in rows.itertuples():
        assert text[rec.quote_start:rec.quote_end] == rec.quote
    assert rows.loc["jieshou", "value_text"] in rows.loc["jieshou", "quote"]


def test_ambition_pairs_targets_with_the_census_baseline_beside_the_national_pace():
    amb = ck.ambition()
    urban = amb[amb["indicator_id"] == "urbanization_rate"]
    census = urban[urban["baseline_source"] == "census"].set_index(["place_id", "target_year"])
    assert census.loc[("jieshou", 2025), "baseline_value"] == 47.40
    assert census.loc[("jieshou", 2025), "change_per_year"] == pytest.approx((55 - 47.40) / 5)
    assert census.loc[("chengwu", 2025), "change_per_year"] == pytest.approx((53 - 47.47) / 5)
    luan = census_unit("341500").urban_share
    assert census.loc[("luan", 2035), "change_per_year"] == pytest.approx((70 - luan) / 15)
    assert census.loc[("luan", 2025), "scope_text"] == "全市"  # the county-area (县域) targets are another territory
    assert "qiaocheng" not in census.index.get_level_values(0)  # no target: no pace, and still "not stated" in compare
    assert (urban["national_change_per_year"].round(2) == 0.78).all() and (urban["national_period"] == "2020–2024").all()
    plan = urban[urban["baseline_source"] == "plan"].set_index("place_id")
    assert plan.loc["linyi", "baseline_value"] == 47.2
    assert ck.compare("urbanization_rate").set_index("place_id").loc["qiaocheng", "verdict"] == "not_stated"
    assert not ck.ambition(census=False)["baseline_source"].eq("census").any()


def test_census_provenance_goes_into_the_datapackage(tmp_path):
    from comparekit.pipeline import _datapackage
    from comparekit.study import builtin_study

    path = _datapackage({"ambition": ck.ambition()}, tmp_path, builtin_study())
    sources = json.loads(path.read_text(encoding="utf-8"))["sources"]
    assert census_provenance() in sources
    assert any("ISBN 978-7-5037-9772-9" in s["title"] for s in sources)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pace_chart_names_each_row_once_and_cites_the_census(lang):
    import matplotlib.pyplot as plt

    from comparekit import plot
    from comparekit.plot.layout import GID_SOURCES
    from comparekit.style import use_style

    amb = ck.ambition()
    pace = amb[(amb["indicator_id"] == "urbanization_rate") & (amb["baseline_source"] == "census")]
    with use_style("slides", lang=lang):
        fig = plt.figure()
        try:
            ax = plot.dumbbell(pace, lang=lang, ax=fig.add_subplot())
            ticks = [t.get_text() for t in ax.get_yticklabels()]
            source = [t.get_text() for t in fig.findobj(lambda a: getattr(a, "get_gid", lambda: None)() == GID_SOURCES)]
        finally:
            plt.close(fig)
    assert len(ticks) == len(set(ticks)) == 4  # Lu'an states 2025 and 2035 targets: each row names its year
    luan = {"en": ["Lu'an (2035)", "Lu'an (2025)"], "zh": ["六安（2035）", "六安（2025）"]}[lang]
    assert sorted(t for t in ticks if t.startswith(luan[0][:2])) == sorted(luan)
    census = {"en": "2020 census (NBS)", "zh": "2020年人口普查（国家统计局）"}[lang]
    assert len(source) == 1 and census in source[0]


def test_full_citation_of_the_census_follows_the_plans():
    from comparekit.census import CENSUS_TITLE_EN, CENSUS_TITLE_ZH
    from comparekit.plot.layout import source_line

    line = source_line(["luan_14fyp", "census2020"], lang="en")
    assert line.startswith("Sources: ") and line.endswith(f"; {CENSUS_TITLE_EN}, census reference date 2020-11-01.")
    assert source_line(["census2020"], lang="zh") == f"资料来源：{CENSUS_TITLE_ZH}，国家统计局，普查标准时点2020-11-01。"
