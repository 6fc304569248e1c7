"""Harmonization: units, scopes, derived per-capita values, plausibility, nothing lost."""

from __future__ import annotations

import pandas as pd
import pytest

from comparekit.errors import TableError
from comparekit.harmonize import HARMONIZED_COLUMNS, harmonize, reconcile, scope_levels


def test_columns(harmonized):
    assert list(harmonized.columns) == HARMONIZED_COLUMNS


def test_every_input_row_is_accounted_for(statements, harmonized):
    counts = reconcile(statements, harmonized)
    assert counts["input"].sum() == len(statements)
    assert (counts["input"] == counts["harmonized"] + counts["set_aside"]).all()
    original = harmonized[~harmonized["derived"]]
    assert sorted(original["statement_id"]) == sorted(statements["statement_id"])


def test_set_aside_rows_have_reasons_in_both_languages(harmonized):
    aside = harmonized[harmonized["status"] == "set_aside"]
    assert (aside["reason_en"] != "").all() and (aside["reason_zh"] != "").all()
    jieshou = aside.set_index("statement_id").loc["jieshou_pilot-038"]  # 累计提高7.6个百分点
    assert "a change in 个百分点" in jieshou["reason_en"]


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
    assert "it would be 3.8" in derived["warnings_en"] and "may be Bozhou-level" in derived["warnings_en"]
    assert "亳州市" in derived["warnings_zh"] and "3.8" in derived["warnings_zh"]


def test_scope_classes_depend_on_admin_level(harmonized):
    rows = harmonized.set_index("statement_id")
    assert rows.loc["luan_14fyp-002", ["scope_class", "level"]].tolist() == ["county_areas", "county"]  # 县域 of a prefecture
    assert rows.loc["luan_14fyp-001", ["scope_class", "level"]].tolist() == ["jurisdiction", "prefecture"]  # 全市
    assert rows.loc["jieshou_pilot-003", ["scope_class", "level"]].tolist() == ["unspecified", "county"]
    assert rows.loc["jieshou_pilot-024", ["scope_class", "level"]].tolist() == ["new_estates", "estate"]


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
