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
    assert result.exit_code == 1
    assert "mine.csv, row 3, column 'place_id': unknown place_id" in result.output


def test_validate_accepts_the_curated_files():
    result = runner.invoke(app, ["validate", "data/curated/statements/chengwu_2024.csv"])
    assert result.exit_code == 0 and "all valid" in result.output


def test_unknown_indicator_is_an_error_not_a_traceback():
    result = runner.invoke(app, ["compare", "happiness"])
    assert result.exit_code == 1
    assert "unknown indicator 'happiness'" in result.output
    assert "Traceback" not in result.output


def test_extract_with_source_id_writes_a_draft_that_validates_after_review(tmp_path):
    # extract -> review (rows without an indicator id deleted) -> validate: no problems
    import pandas as pd

    from comparekit.schema import STATEMENT_COLUMNS
    from comparekit.sources import read_source_text

    plan = tmp_path / "plan.txt"
    plan.write_bytes(read_source_text("chengwu_2024").encode("gb18030"))
    draft = tmp_path / "draft.csv"
    result = runner.invoke(app, ["extract", str(plan), "--place", "chengwu", "--source-id", "chengwu_2024",
                                 "--out", str(draft)])
    assert result.exit_code == 0, result.output
    rows = pd.read_csv(draft, dtype=str)
    assert rows["statement_id"].str.fullmatch(r"chengwu_2024-\d{3}").all()
    assert set(rows["encoding"]) == {"gb18030"}
    reviewed = tmp_path / "reviewed.csv"
    rows[rows["indicator_id"].notna()][STATEMENT_COLUMNS].to_csv(reviewed, index=False)
    result = runner.invoke(app, ["validate", str(reviewed)])
    assert result.exit_code == 0, result.output
