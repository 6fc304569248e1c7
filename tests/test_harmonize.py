"""Harmonization: units, scopes, derived per-capita values, plausibility, nothing lost."""

from __future__ import annotations

import pandas as pd
import pytest

from comparekit.errors import TableError
from comparekit.harmonize import HARMONIZED_COLUMNS, check_plausibility, harmonize, reconcile, scope_levels


def test_columns(harmonized):
    assert list(harmonized.columns) == HARMONIZED_COLUMNS


def test_every_input_row_is_accounted_for(statements, harmonized):
    counts = reconcile(statements, harmonized)
    assert counts["input"].sum() == len(statements)
    assert (counts["input"] == counts["harmonized"] + counts["set_aside"]).all()
    original = harmonized[~harmonized["derived"]]
    assert sorted(original["statement_id"]) == sorted(statements["statement_id"])


def test_set_aside_rows_have_reasons_in_both_languages(harmonized, statements):
    aside = harmonized[harmonized["status"] == "set_aside"]
    assert (aside["reason_en"] != "").all() and (aside["reason_zh"] != "").all()
    # a change filed under a level indicator is set aside with a reason
    change = _one(statements, "jieshou_pilot-038")
    change["indicator_id"] = "urbanization_rate"
    out = harmonize(change).iloc[0]
    assert out["status"] == "set_aside" and "a change in 个百分点" in out["reason_en"]
    assert "为变化量（个百分点）" in out["reason_zh"]


def test_change_is_its_own_indicator(harmonized):
    # 累计提高7.6个百分点: a change in percentage points, not a level of the urbanization rate
    row = harmonized.set_index("statement_id").loc["jieshou_pilot-038"]
    assert row[["indicator_id", "status", "value", "unit"]].tolist() == ["urbanization_rate_change", "harmonized", 7.6, "个百分点"]


def test_plausibility_decides(harmonized):
    derived = harmonized[harmonized["derived"]].set_index("statement_id")
    assert derived.loc["qiaocheng_2024-016", "plausibility"] == "parent_level"
    stated = harmonized[~harmonized["derived"]]
    assert (stated["plausibility"] == "").all()


@pytest.mark.parametrize(
    "value, parent, expected",
    [
        (12.4, 3.8, "parent_level"),  # 2.7× the reference; the parent's 0.84× fits better
        (12.4, None, "implausible"),  # above 2× and no parent
        (5.0, 1.6, "plausible"),  # 1.1× the reference, nearer than the parent's 0.36×
        (8.6, 4.0, "parent_level"),  # 1.9× is in the band, but the parent's 0.89× fits better
        (1.0, None, "implausible"),  # 0.22×, below the band
    ],
)
def test_check_plausibility(value, parent, expected):
    assert check_plausibility(value, 4.5, 0.5, 2.0, parent_value=parent) == expected


def test_definition_bases_from_the_wording(harmonized):
    rows = harmonized.set_index("statement_id")
    assert rows.loc["chengwu_2024-013", "definition_basis"] == "civil;floor_area"  # 新建民用建筑…面积比例
    assert rows.loc["linyi_county_2023-014", "definition_basis"] == "all_new"  # 绿色建筑占新建建筑比例
    assert rows.loc["qiaocheng_2024-047", "definition_basis"] == "starts"  # 绿色建筑开工比例
    assert rows.loc["chengwu_2024-001", "definition_basis"] == ""  # no basis words for this indicator


def test_units_become_the_indicator_unit(harmonized):
    rows = harmonized.set_index("statement_id")
    assert rows.loc["qiaocheng_2024-016", "value"].iloc[0] == pytest.approx(19000)  # 1.9万个 → 19000 个
    assert rows.loc["qiaocheng_2024-016", "value_as_stated"].iloc[0] == pytest.approx(1.9)


def test_qiaocheng_childcare_is_derived_and_flagged(harmonized):
    derived = harmonized[harmonized["derived"]].set_index("statement_id").loc["qiaocheng_2024-016"]
    assert derived["indicator_id"] == "childcare_slots_per_1000"
    assert derived["value"] == pytest.approx(19000 / 1537231 * 1000)
    assert round(derived["value"], 1) == 12.4
    assert derived["denominator"] == 1537231
    assert derived["denominator_date"] == "2020-11-01"
    assert "2020" in derived["denominator_source"]
    assert "it would be 3.8 per 1000 people" in derived["warnings_en"] and "probably a Bozhou-level figure" in derived["warnings_en"]
    assert "若除以亳州市常住人口4,996,844人，则为每千人口3.8个" in derived["warnings_zh"]
    assert "第七次全国人口普查（2020年11月1日）" in derived["warnings_zh"] and "2020-11-01" not in derived["warnings_zh"]


def test_scope_classes_depend_on_admin_level(harmonized):
    rows = harmonized.set_index("statement_id")
    assert rows.loc["luan_14fyp-002", ["scope_class", "level"]].tolist() == ["county_areas", "county"]  # 县域 of a prefecture
    assert rows.loc["luan_14fyp-001", ["scope_class", "level"]].tolist() == ["jurisdiction", "prefecture"]  # 全市
    assert rows.loc["jieshou_pilot-003", ["scope_class", "level"]].tolist() == ["unspecified", "county"]
    assert rows.loc["jieshou_pilot-024", ["scope_class", "level"]].tolist() == ["new_estates", "estate"]
    # 各县/每个县: a floor for each county (county level); 各县…共: a total of the county areas
    assert rows.loc["linyi_county_2023-094", ["scope_class", "level"]].tolist() == ["each_county", "county"]
    assert rows.loc["linyi_county_2023-122", ["scope_class", "level"]].tolist() == ["county_areas", "county"]
    assert rows.loc["luan_14fyp-019", ["scope_class", "level"]].tolist() == ["each_county", "county"]  # 各县区


def test_scope_levels_table():
    levels = scope_levels(pd.Series(["jurisdiction", "jurisdiction", "county_areas", "new_estates", "urban_core"]), pd.Series([False, True, True, False, False]))
    assert levels.tolist() == ["county", "prefecture", "county", "estate", "urban_core"]


def _one(statements, statement_id):
    frame = statements[statements["statement_id"] == statement_id].copy()
    return frame.astype(object).where(frame.notna(), None)


def test_user_table_is_validated_first(statements):
    bad = _one(statements, "chengwu_2024-001")
    bad["unit"] = "furlong"
    with pytest.raises(TableError, match="unknown unit"):
        harmonize(bad)


def test_unparseable_value_text_is_set_aside_not_dropped(statements):
    rows = _one(statements, "chengwu_2024-001")
    rows = pd.concat([rows, rows], ignore_index=True)
    rows["statement_id"] = ["x-001", "x-002"]
    rows["qualifier"] = None
    rows["value"] = None
    rows["value_text"] = ["53%左右", "许多"]
    out = harmonize(rows, validate=False)
    assert len(out) == 2
    good, bad = out.iloc[0], out.iloc[1]
    assert good["status"] == "harmonized" and good["value"] == 53 and good["qualifier"] == "about"
    assert bad["status"] == "set_aside" and "unparseable value text" in bad["reason_en"]


def test_share_above_100_is_set_aside(statements):
    rows = _one(statements, "chengwu_2024-001")
    rows["qualifier"] = None
    rows["value"] = None
    rows["value_text"] = "153%"
    out = harmonize(rows, validate=False)
    assert out["status"].iloc[0] == "set_aside"
    assert "share outside 0–100" in out["reason_en"].iloc[0]


def test_unknown_place_is_set_aside_not_harmonized(statements):
    # A place missing from the place registry has no reference population and no admin level:
    # its rows are set aside with the reason (even unvalidated), never "harmonized".
    rows = _one(statements, "qiaocheng_2024-016")
    rows["place_id"] = "nowhere"
    out = harmonize(rows, validate=False)
    assert len(out) == 1 and not out["derived"].any()
    assert out["status"].iloc[0] == "set_aside"
    assert out["reason_en"].iloc[0] == "unknown place nowhere"
    assert out["reason_zh"].iloc[0] == "未知地区nowhere"
