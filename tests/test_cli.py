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
