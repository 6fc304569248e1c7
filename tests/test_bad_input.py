"""Bad input never gives a silent wrong result, a lost file or a raw traceback.

One test per class of bad input, each asserting the exact message a user sees.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import comparekit as ck
from comparekit import plot
from comparekit.cli import app
from comparekit.completeness import registry_problems
from comparekit.errors import ArgumentError, ComparekitError, RegistryError, TableError
from comparekit.output import INCOMPLETE_MARKER, MANIFEST_NAME, OutputError
from comparekit.paths import DATA_DIR, PROJECT_DIR, STATEMENTS_DIR
from comparekit.schema import UnknownColumnsWarning

runner = CliRunner()


def _row(statements, statement_id):
    return statements[statements["statement_id"] == statement_id].reset_index(drop=True).copy()


def _problems(table):
    with pytest.raises(TableError) as caught:
        ck.validate_statements(table)
    return caught.value.problems


# --- Destroyed files -------------------------------------------------------------------------


def test_extract_never_writes_over_its_input(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("到2025年,城镇化率达到55%左右。\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(plan), "--place", "linyi", "--out", str(plan)])
    assert result.exit_code == 2
    assert f"error: refusing to write {plan}: it is one of the input files; choose another --out" in result.output
    assert plan.read_text(encoding="utf-8") == "到2025年,城镇化率达到55%左右。\n"


def test_extract_into_a_missing_folder_creates_it(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("到2025年,城镇化率达到55%左右。\n", encoding="utf-8")
    out = tmp_path / "new" / "sub" / "draft.csv"
    result = runner.invoke(app, ["extract", str(plan), "--place", "linyi", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert pd.read_csv(out)["value"].tolist() == [55.0]
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_nothing_is_written_into_the_curated_or_source_folders(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("到2025年,城镇化率达到55%左右。\n", encoding="utf-8")
    target = STATEMENTS_DIR / "draft_by_mistake.csv"
    result = runner.invoke(app, ["extract", str(plan), "--place", "linyi", "--out", str(target)])
    assert result.exit_code == 2 and not target.exists()
    assert "it is inside data/curated, which holds the project's inputs; pass --force to write there anyway" in result.output
    result = runner.invoke(app, ["build", "--out", str(STATEMENTS_DIR)])
    assert result.exit_code == 2
    assert f"error: --out {STATEMENTS_DIR} is inside data/curated, which holds the project's inputs; choose another folder" in result.output


def test_build_out_onto_a_file_is_an_error(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["build", "--out", str(afile), "--no-figures", "--no-exports"])
    assert result.exit_code == 2
    assert f"error: --out {afile} is a file, not a folder" in result.output
    assert afile.read_text(encoding="utf-8") == "keep me"


@pytest.fixture(scope="module")
def data_build(tmp_path_factory):
    """One data-only build, reused by the output-safety tests."""
    out = tmp_path_factory.mktemp("safe") / "processed"
    written = ck_build(out)
    return out, written


def ck_build(out, **options):
    from comparekit.pipeline import build

    return build(out, out.parent / "figures", figures=options.pop("figures", False), exports=options.pop("exports", False), langs=("en",), styles=("paper",), **options)


def test_a_symlink_out_of_the_output_folder_is_refused(data_build, tmp_path):
    out, _ = data_build
    victim = tmp_path / "victim.csv"
    victim.write_text("precious", encoding="utf-8")
    link = out / "coverage.csv"
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p != link}
    link.unlink()
    link.symlink_to(victim)
    try:
        with pytest.raises(OutputError, match=r"refusing to write .*coverage\.csv: it resolves to .*victim\.csv, outside the output folder"):
            ck_build(out)
        assert victim.read_text(encoding="utf-8") == "precious"
        assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p != link} == before
    finally:
        link.unlink()
        ck_build(out)


def test_a_failed_build_leaves_the_previous_output(data_build, monkeypatch):
    import comparekit.pipeline as pipeline

    out, _ = data_build
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline, "_datapackage", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        ck_build(out)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(out.glob(".staging-*"))


def test_a_build_killed_while_publishing_is_marked_incomplete(data_build, monkeypatch):
    import comparekit.output as output

    out, _ = data_build
    real_replace, moved = os.replace, []

    def dying_replace(src, dst):
        publishing = ".staging-" in str(src) and ".staging-" not in str(dst)
        if publishing and len(moved) == 3:
            raise KeyboardInterrupt  # the process is killed between two files
        if publishing:
            moved.append(dst)
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        ck_build(out)
    monkeypatch.undo()
    assert (out / INCOMPLETE_MARKER).exists() and not (out / MANIFEST_NAME).exists()
    for path in out.glob("*.csv"):
        assert path.stat().st_size > 0 and path.read_bytes().endswith(b"\n")  # every file whole
    ck_build(out)
    assert not (out / INCOMPLETE_MARKER).exists() and (out / MANIFEST_NAME).exists()


def test_foreign_files_are_not_listed_as_built(data_build):
    out, _ = data_build
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    written = ck_build(out)
    assert out / "notes.txt" not in written["data"]
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert "notes.txt" not in {e["path"] for e in manifest["outputs"]}
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_no_figures_writes_no_figure_and_the_deck_uses_this_builds_figures(tmp_path):
    figures = tmp_path / "figures"
    figures.mkdir()
    stale = figures / "slides" / "comparison_urbanization_rate_2025_en.png"
    stale.parent.mkdir()
    stale.write_bytes(b"stale")
    written = ck_build(tmp_path / "processed", figures=False, exports=True)
    assert written["figures"] == []
    assert sorted(p.relative_to(figures) for p in figures.rglob("*") if p.is_file()) == [stale.relative_to(figures)]
    from pptx import Presentation

    deck = Presentation(str(tmp_path / "processed" / "exports" / "briefing_en.pptx"))
    blobs = [shape.image.blob for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]
    assert blobs and b"stale" not in blobs


def test_lang_is_checked_before_anything_is_written(tmp_path):
    result = runner.invoke(app, ["build", "--out", str(tmp_path / "o"), "--lang", "fr"])
    assert result.exit_code == 2
    assert "error: unknown lang 'fr'; accepted: 'en', 'zh'" in result.output
    assert not (tmp_path / "o").exists()


# --- Silent wrong values -----------------------------------------------------------------------


def test_value_disagreeing_with_its_value_text_is_rejected(statements):
    bad = _row(statements, "chengwu_2024-001")
    bad["value"] = 80.0
    problems = _problems(bad)
    assert problems["problem"].tolist() == ["value 80 disagrees with value_text '53%左右' reads as 53"]
    assert problems["column"].tolist() == ["value"]


def test_qualifier_disagreeing_with_its_value_text_is_rejected(statements):
    bad = _row(statements, "chengwu_2024-001")
    bad["qualifier"] = "at_least"
    assert _problems(bad)["problem"].tolist() == ["qualifier 'at_least' disagrees with value_text '53%左右' reads as 'about'"]


@pytest.mark.parametrize("cell", ["inf", "1e309", "-inf"])
def test_infinite_values_are_rejected(statements, cell):
    bad = _row(statements, "chengwu_2024-002").astype(object)
    bad["value"] = cell
    assert "value must be a finite number" in _problems(bad)["problem"].tolist()


def test_nan_written_as_a_word_is_not_an_empty_cell(statements):
    bad = _row(statements, "linyi_county_2023-004").astype(object)  # at_least, no number: value may be empty
    bad["value"] = "nan"
    assert _problems(bad)["problem"].tolist() == ["value must be a number or empty, not the word 'nan'"]


def test_negative_count_is_rejected(statements):
    bad = _row(statements, "chengwu_2024-002")
    bad["value"], bad["value_text"], bad["quote"] = -7.0, "-7条", "-7条"
    assert "a count in 条 cannot be negative" in _problems(bad)["problem"].tolist()


def test_the_same_statement_under_two_ids_is_reported(statements):
    row = _row(statements, "chengwu_2024-001")
    twice = pd.concat([row, row], ignore_index=True)
    twice["statement_id"] = ["chengwu_2024-901", "chengwu_2024-902"]
    problems = _problems(twice)
    assert problems[["row", "column", "problem"]].values.tolist() == [
        [1, "statement_id", "duplicate of statement chengwu_2024-901: same source, indicator, scope, kind, year, value and note, overlapping quote"]
    ]


def test_unknown_columns_are_kept_and_reported(statements):
    table = _row(statements, "chengwu_2024-001")
    table["reviewer"] = "Li"
    with pytest.warns(UnknownColumnsWarning, match=r"statement table: unknown column\(s\) 'reviewer' kept as they are"):
        checked = ck.validate_statements(table)
    assert checked["reviewer"].tolist() == ["Li"]


def test_cli_validate_notes_unknown_columns(tmp_path, statements):
    path = tmp_path / "mine.csv"
    table = _row(statements, "chengwu_2024-001")
    table["reviewer"] = "Li"
    table.to_csv(path, index=False)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert f"note: {path}: unknown column(s) 'reviewer' kept as they are (not part of the statement schema)" in result.output


# --- Silent registry gaps -----------------------------------------------------------------------


@pytest.fixture()
def project_copy(tmp_path):
    """A copy of the data folder, for editing registries (COMPAREKIT_HOME points at it)."""
    shutil.copytree(DATA_DIR, tmp_path / "data", ignore=shutil.ignore_patterns("processed"))
    return tmp_path


def _cli(home, *args):
    env = dict(os.environ, COMPAREKIT_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "comparekit.cli", *args], capture_output=True, text=True, env=env, cwd=home, timeout=300)


def _drop_rows(path: Path, first_cell: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(l for l in lines if l.split(",")[0] != first_cell), encoding="utf-8")


def test_a_missing_scope_row_stops_instead_of_changing_verdicts(project_copy):
    _drop_rows(project_copy / "data" / "registry" / "scopes.csv", "全市")
    result = _cli(project_copy, "compare", "urbanization_rate")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "data/registry/scopes.csv: scope_text '全市' is used by" in result.stderr
    assert "but has no row; add a row scope_text,scope_class,scope_class_prefecture" in result.stderr


def test_a_missing_derivation_row_stops(project_copy):
    _drop_rows(project_copy / "data" / "registry" / "derivations.csv", "childcare_slots")
    result = _cli(project_copy, "compare", "childcare_slots_per_1000")
    assert result.returncode == 2
    assert ("data/registry/derivations.csv: count indicator 'childcare_slots' could be derived as 'childcare_slots_per_1000' "
            "but has no row; add a derivation row, or a row with method 'none'") in result.stderr


def test_an_explicit_no_derivation_row_is_accepted():
    indicators = pd.DataFrame({"indicator_id": ["beds", "beds_per_1000"], "unit": ["张", "张/千人"]})
    units = pd.DataFrame({"unit": ["张", "张/千人"], "dimension": ["count", "rate"]})
    scopes = pd.DataFrame({"scope_text": [None]})
    none = pd.DataFrame({"from_indicator": ["beds"], "to_indicator": [None], "method": ["none"]})
    assert registry_problems(indicators=indicators, units=units, scopes=scopes, derivations=none, caveat_keys=[], required_caveats=[]).empty


def test_a_missing_caveat_row_is_an_error_naming_the_file_and_key(project_copy):
    _drop_rows(project_copy / "data" / "registry" / "caveats.csv", "level_county_aggregate")
    result = _cli(project_copy, "compare", "urbanization_rate")
    assert result.returncode == 2 and "KeyError" not in result.stderr
    assert "data/registry/caveats.csv: caveat key 'level_county_aggregate' has no row; add a row key,en,zh" in result.stderr


def test_caveat_text_with_an_unknown_key():
    from comparekit.harmonize import caveat_text

    with pytest.raises(RegistryError, match=r"data/registry/caveats.csv has no row for caveat key 'no_such_key'; add a row key,en,zh"):
        caveat_text("no_such_key")


# --- Silent API typos -----------------------------------------------------------------------------


def test_unknown_scope_lists_the_accepted_ones():
    with pytest.raises(ArgumentError) as caught:
        ck.compare("urbanization_rate", scope="countyy")
    assert str(caught.value) == "unknown scope 'countyy' (did you mean 'county'?); accepted: 'county', 'prefecture', 'urban_core', 'estate', 'rural', 'other'"


def test_unknown_place_suggests_the_closest():
    with pytest.raises(ArgumentError) as caught:
        ck.ambition(place="linyii")
    assert str(caught.value) == "unknown place 'linyii' (did you mean 'linyi'?); accepted: 'jieshou', 'luan', 'chengwu', 'qiaocheng', 'linyi', 'bozhou'"


def test_fractional_year_is_a_type_error():
    with pytest.raises(TypeError) as caught:
        ck.compare("urbanization_rate", year=2025.7)
    assert str(caught.value) == "year must be a whole number (int), not float 2025.7"


def test_year_out_of_range():
    with pytest.raises(ArgumentError, match=r"^year 1025 is outside 1990–2060; give a calendar year such as 2025$"):
        ck.compare("urbanization_rate", year=1025)


def test_empty_statement_table_is_an_error_not_not_stated(statements):
    with pytest.raises(ArgumentError) as caught:
        ck.compare("urbanization_rate", statements=statements.iloc[0:0])
    assert str(caught.value) == "the statement table given as statements is empty (no rows); an empty table cannot be compared or counted"
    with pytest.raises(ArgumentError):
        ck.coverage(statements.iloc[0:0])


def test_unknown_language():
    with pytest.raises(ArgumentError, match=r"^unknown lang 'fr'; accepted: 'en', 'zh'$"):
        plot.comparison(ck.compare("urbanization_rate"), lang="fr")


def test_chinese_names_and_aliases_are_accepted_as_indicator_ids(harmonized):
    assert ck.compare("城镇化率", harmonized=harmonized)["indicator_id"].unique().tolist() == ["urbanization_rate"]
    with pytest.raises(ArgumentError, match=r"unknown indicator 'urbanization_rat' \(did you mean 'urbanization_rate'"):
        ck.compare("urbanization_rat", harmonized=harmonized)


# --- Raw tracebacks ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ck.harmonize(5), "statements must be a pandas DataFrame or None (the curated table), not int 5"),
        (lambda: ck.validate_statements(None), "statements must be a pandas DataFrame, not NoneType None"),
        (lambda: ck.compare(["城镇化率"]), "indicator must be an indicator id or name (a string), e.g. 'urbanization_rate' or '城镇化率', not list ['城镇化率']"),
        (lambda: ck.compare("urbanization_rate", year="2025"), "year must be a whole number (int), not str '2025'"),
        (lambda: ck.coverage(min_places="2"), "min_places must be a whole number (int), not str '2'"),
    ],
)
def test_wrong_types_say_what_was_expected(call, message):
    with pytest.raises(TypeError) as caught:
        call()
    assert str(caught.value) == message


def test_duplicate_header_column(tmp_path, statements):
    path = tmp_path / "dup.csv"
    text = _row(statements, "chengwu_2024-001").to_csv(index=False)
    header, rest = text.split("\n", 1)
    path.write_text(header + ",value\n" + rest.rstrip("\n") + ",53\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{path}, row 1, column 'value': column 'value' appears 2 times in the header" in result.output


def test_a_huge_cell(tmp_path, statements):
    path = tmp_path / "huge.csv"
    table = _row(statements, "chengwu_2024-001")
    table["note"] = "长" * 1_000_000
    table.to_csv(path, index=False)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}, row 2: a cell is longer than 131,072 characters" in result.output


def test_a_folder_given_as_file(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path}: is a folder, not a CSV file" in result.output


def test_plot_with_an_infinite_value():
    compared = ck.compare("urbanization_rate")
    compared.loc[0, "value"] = np.inf
    with pytest.raises(TableError) as caught:
        plot.comparison(compared)
    assert caught.value.problems[["row", "column", "problem"]].values.tolist() == [[0, "value", "value must be a finite number"]]


# --- Reconcile -------------------------------------------------------------------------------------------


def test_reconcile_rejects_an_empty_place_even_unvalidated(statements):
    rows = statements.head(3).copy()
    rows.loc[1, "place_id"] = None
    harmonized = ck.harmonize(rows, validate=False)
    with pytest.raises(ComparekitError) as caught:
        ck.reconcile(rows, harmonized)
    assert str(caught.value) == (
        "reconcile: 1 with an empty place_id (statements chengwu_2024-002); "
        "every statement needs a place of data/registry/places.csv"
    )


def test_reconcile_rejects_an_unknown_place(statements):
    rows = statements.head(2).copy()
    rows.loc[0, "place_id"] = "atlantis"
    with pytest.raises(ComparekitError, match=r"1 with an unknown place_id \(atlantis\)"):
        ck.reconcile(rows, ck.harmonize(rows, validate=False))


def test_reconcile_proves_counts_per_place(statements, harmonized):
    lost = harmonized[harmonized["statement_id"] != "luan_14fyp-001"]
    with pytest.raises(ComparekitError, match=r"luan: 1 statement\(s\) lost \(luan_14fyp-001\)"):
        ck.reconcile(statements, lost)
    moved = harmonized.copy()
    moved.loc[moved["statement_id"] == "luan_14fyp-001", "place_id"] = "linyi"
    with pytest.raises(ComparekitError, match=r"came out but were not in the input"):
        ck.reconcile(statements, moved)


def test_an_infinite_value_is_set_aside_not_harmonized(statements):
    rows = _row(statements, "chengwu_2024-001")
    rows["value"] = np.inf
    out = ck.harmonize(rows, validate=False)
    assert out[["status", "reason_en"]].values.tolist() == [["set_aside", "value is not a finite number: 53%左右"]]
    assert ck.reconcile(rows, out).loc["chengwu"].tolist() == [1, 0, 1, 0]
