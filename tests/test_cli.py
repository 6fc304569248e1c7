"""The command line: help, compare, validate with clear errors."""

from __future__ import annotations

from typer.testing import CliRunner

from comparekit.cli import app

runner = CliRunner()


def test_help_lists_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ["build", "compare", "coverage", "validate", "extract", "evaluate", "deck", "tables", "excel"]:
        assert command in result.output


def test_compare_prints_verdicts():
    result = runner.invoke(app, ["compare", "urbanization_rate", "--lang", "zh"])
    assert result.exit_code == 0
    assert "not_stated" in result.output and "县域" in result.output


def test_validate_reports_file_row_and_column(tmp_path, statements):
    bad = statements.head(3).copy()
    bad.loc[1, "place_id"] = "atlantis"
    path = tmp_path / "mine.csv"
    bad.to_csv(path, index=False)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "mine.csv, row 3, column 'place_id': unknown place_id" in result.output


def test_validate_accepts_the_curated_files():
    result = runner.invoke(app, ["validate", "data/curated/statements/chengwu_2024.csv"])
    assert result.exit_code == 0 and "all valid" in result.output


def test_unknown_indicator_is_an_error_not_a_traceback():
    result = runner.invoke(app, ["compare", "happiness"])
    assert result.exit_code == 2
    assert "unknown indicator 'happiness'" in result.output
    assert "Traceback" not in result.output


def test_extract_with_source_id_writes_a_draft_that_validates_after_review(tmp_path):
    # extract -> review (rows without an indicator id deleted) -> validate: no problems
    import pandas as pd

    from comparekit.schema import STATEMENT_COLUMNS
    from comparekit.sources import read_source_text

    plan = tmp_path / "plan.txt"
    plan.write_bytes(read_source_text("luan_14fyp").encode("gb18030"))
    draft = tmp_path / "draft.csv"
    result = runner.invoke(app, ["extract", str(plan), "--place", "luan", "--source-id", "luan_14fyp",
                                 "--out", str(draft)])
    assert result.exit_code == 0, result.output
    rows = pd.read_csv(draft, dtype=str)
    assert rows["statement_id"].str.fullmatch(r"luan_14fyp-\d{3}").all()
    assert set(rows["encoding"]) == {"gb18030"}
    reviewed = tmp_path / "reviewed.csv"
    rows[rows["indicator_id"].notna()][STATEMENT_COLUMNS].to_csv(reviewed, index=False)
    result = runner.invoke(app, ["validate", str(reviewed)])
    assert result.exit_code == 0, result.output


# --- one error handler, readable tables, --format, indicators -------------------------------------

import json  # noqa: E402

import pandas as pd  # noqa: E402


def test_every_user_error_is_one_line_and_exit_2_and_debug_shows_the_traceback():
    result = runner.invoke(app, ["compare", "urbanization_rate", "--year", "1800"])
    assert result.exit_code == 2
    assert result.output.strip() == "error: year 1800 is outside 1990–2060; give a calendar year such as 2025"
    debug = runner.invoke(app, ["--debug", "compare", "urbanization_rate", "--year", "1800"])
    assert debug.exit_code == 1 and type(debug.exception).__name__ == "ArgumentError"


def test_choices_are_checked_before_any_work(tmp_path):
    for args in (["compare", "urbanization_rate", "--lang", "fr"], ["coverage", "--format", "xml"], ["deck", "--lang", "de", "--out", str(tmp_path / "d.pptx")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and result.output.startswith("error: unknown "), args
    assert not (tmp_path / "d.pptx").exists()


def test_compare_table_shows_qualifiers_and_not_stated():
    result = runner.invoke(app, ["compare", "城镇化率", "--lang", "zh"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    chengwu = next(line for line in lines if "成武 (chengwu)" in line)
    qiaocheng = next(line for line in lines if "谯城 (qiaocheng)" in line)
    assert "≈53 %" in chengwu and "comparable" in chengwu
    assert "not stated" in qiaocheng and "NaN" not in result.output and "<NA>" not in result.output
    # columns line up in display cells (CJK characters are two cells wide)
    from rich.cells import cell_len

    assert cell_len(chengwu[: chengwu.index("≈53")]) == cell_len(qiaocheng[: qiaocheng.index("not stated")])
    assert "quotes and caveats shortened; --full shows them whole" in result.output


def test_compare_full_shows_whole_quotes():
    short = runner.invoke(app, ["compare", "urbanization_rate"]).output
    full = runner.invoke(app, ["compare", "urbanization_rate", "--full"]).output
    quote = "全市常住人口城镇化率达到55%左右,县域常住人口城镇化率达到50%左右"
    assert quote not in "".join(short.split()) and quote in "".join(full.split())


def test_compare_as_csv_and_json():
    as_csv = runner.invoke(app, ["compare", "urbanization_rate", "--format", "csv"])
    table = pd.read_csv(__import__("io").StringIO(as_csv.output))
    assert table.set_index("place_id").loc["chengwu", "value"] == 53.0
    as_json = json.loads(runner.invoke(app, ["compare", "urbanization_rate", "--format", "json"]).output)
    assert {r["place_id"]: r["verdict"] for r in as_json}["qiaocheng"] == "not_stated"


def test_coverage_marks_not_stated():
    result = runner.invoke(app, ["coverage", "--min-places", "4"])
    assert result.exit_code == 0
    row = next(line for line in result.output.splitlines() if "urbanization_rate" in line and "registered" not in line)
    from comparekit import coverage

    counts = coverage().loc[("population_urbanization", "urbanization_rate")]
    assert row.split()[-5:] == [str(int(n)) if n else "–" for n in counts]
    assert counts["qiaocheng"] == 0  # Qiaocheng's plan states no urbanization rate: shown "–", not 0
    assert "– = not stated in this plan" in result.output


def test_indicators_search_by_chinese_or_english():
    result = runner.invoke(app, ["indicators", "托位"])
    assert result.exit_code == 0
    assert "childcare_slots_per_1000" in result.output and "childcare_slots " in result.output
    assert "2 indicator(s)" in result.output
    english = runner.invoke(app, ["indicators", "urbanization", "--format", "csv"]).output
    assert {"urbanization_rate", "registered_urbanization_rate"} <= set(pd.read_csv(__import__("io").StringIO(english))["indicator_id"])
    assert "no indicator matches 'zzz'" in runner.invoke(app, ["indicators", "zzz"]).output


def test_validate_groups_problems_by_kind_and_writes_a_report(tmp_path, statements):
    bad = statements[statements["place_id"] == "chengwu"].copy()
    bad["place_id"] = "atlantis"
    bad.iloc[:3, bad.columns.get_loc("kind")] = "wish"
    path = tmp_path / "mine.csv"
    bad.to_csv(path, index=False)
    report = tmp_path / "out" / "problems.csv"
    result = runner.invoke(app, ["validate", str(path), "--report", str(report)])
    assert result.exit_code == 2
    assert f"{path}: {len(bad) + 3} problem(s) of 2 kind(s)" in result.output
    assert f"  [{len(bad)}] place_id: unknown place_id; add it to data/registry/places.csv" in result.output
    assert "  [3] kind: kind must be one of: baseline, target, standard" in result.output
    assert f"      … and {len(bad) - 5} more of this kind" in result.output
    assert f"all {len(bad) + 3} problems written to {report}" in result.output
    written = pd.read_csv(report)
    assert len(written) == len(bad) + 3 and list(written.columns) == ["file", "row", "column", "value", "problem", "kind"]
    assert ".problems" not in result.output  # no message points to a Python attribute
