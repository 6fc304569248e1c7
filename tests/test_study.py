"""Studies: the built-in one, a folder of your own, overlays of the registries, bad settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import comparekit as ck
from comparekit.errors import ArgumentError, ChecksumError, ComparekitError, TableError
from comparekit.output import OutputError, check_destination, check_output_dir
from comparekit.study import STUDY_FILE, builtin_study, current_study, open_study, using
from comparekit.workflow import init_study

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> ck.Study:
    """A copy of the five-place study made by init_study(example=True) (read only in tests)."""
    return init_study(tmp_path_factory.mktemp("studies") / "five", example=True)


def _copy(study: ck.Study, target: Path) -> Path:
    shutil.copytree(study.root, target)
    return target


def _set(root: Path, text: str) -> None:
    (root / STUDY_FILE).write_text(text, encoding="utf-8")


# --- the built-in study ----------------------------------------------------------------------------


def test_the_builtin_study_is_the_repository_data_folder():
    study = builtin_study()
    assert study.builtin and study.root == DATA
    assert (study.comparison_year, study.default_basis, study.languages) == (2025, "county", ("zh", "en"))
    assert study.places_file == DATA / "registry" / "places.csv"
    assert study.statements_dir == DATA / "curated" / "statements"
    # in a checkout, the build writes where it always did
    assert study.processed_dir == DATA / "processed" and study.figures_dir == DATA.parent / "figures"
    assert current_study() is study


def test_open_study_on_the_builtin_folder_gives_the_builtin_study():
    assert open_study(DATA) is builtin_study()


# --- init_study / open_study -------------------------------------------------------------------------


def test_init_study_makes_an_empty_study_that_opens(tmp_path):
    study = init_study(tmp_path / "my counties")
    root = tmp_path / "my counties"
    assert sorted(p.name for p in root.iterdir()) == ["drafts", "places.csv", "registry", "sources", "sources.csv", "statements", STUDY_FILE]
    assert (root / "places.csv").read_text(encoding="utf-8").startswith("place_id,code,name_zh,name_en,admin_level")
    assert (root / "sources.csv").read_text(encoding="utf-8").startswith("source_id,place_id,title_zh")
    assert (study.name, study.comparison_year, study.default_basis, study.languages) == ("my counties", 2025, "county", ("zh", "en"))
    assert not study.builtin and study.processed_dir is None and study.figures_dir is None
    assert open_study(root) == study
    assert ck.load_places(study=study).empty and ck.load_sources(study=study).empty
    # the registries without an overlay are the built-in ones
    pd.testing.assert_frame_equal(ck.load_indicators(study=study), ck.load_indicators())
    with pytest.raises(ComparekitError, match=r"no statements yet in my counties/statements"):
        ck.load_statements(study=study)


def test_init_study_never_overwrites(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(TableError, match="already exists and is not an empty folder"):
        init_study(tmp_path / "taken")
    assert (tmp_path / "taken" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_example_study_answers_like_the_builtin_one(example):
    assert example.name == builtin_study().name
    assert sorted(p.name for p in (example.root / "statements").iterdir()) == sorted(p.name for p in builtin_study().statements_dir.glob("*.csv"))
    mine = ck.compare("urbanization_rate", study=example)
    pd.testing.assert_frame_equal(mine, ck.compare("urbanization_rate"))
    row = mine.set_index("place_id").loc["luan"]
    assert (float(row["value"]), row["scope_text"], row["verdict"]) == (50.0, "县域", "caveat")
    assert ck.coverage(study=example).equals(ck.coverage())
    assert "Linyi" in ck.explain("linyi", "childcare_slots_per_1000", study=example)
    # a study may be named by its folder
    assert ck.load_places(study_only=True, study=str(example.root))["place_id"].tolist() == ["jieshou", "luan", "chengwu", "qiaocheng", "linyi"]


def test_the_study_settings_give_the_defaults(example, tmp_path):
    root = _copy(example, tmp_path / "later")
    _set(root, 'name = "later"\ncomparison_year = 2030\ndefault_basis = "prefecture"\nlanguages = ["en"]\n')
    study = open_study(root)
    assert (study.comparison_year, study.default_basis, study.languages) == (2030, "prefecture", ("en",))
    table = ck.compare("urbanization_rate", study=study)
    assert set(table["requested_year"]) == {2030}
    pd.testing.assert_frame_equal(table, ck.compare("urbanization_rate", 2030, "prefecture"))


def test_the_active_study_is_restored_after_a_call(example):
    ck.compare("urbanization_rate", study=example)
    assert current_study() is builtin_study()
    with using(example) as active:
        assert current_study() is active is example
        with using(None):
            assert current_study() is example  # None keeps the active study
    assert current_study() is builtin_study()


def test_a_study_argument_of_the_wrong_type_is_named():
    with pytest.raises(ArgumentError, match="study must be a Study"):
        ck.compare("urbanization_rate", study=2025)


# --- bad study folders ---------------------------------------------------------------------------------


def test_bad_settings_are_all_named(tmp_path):
    root = init_study(tmp_path / "bad").root
    _set(root, 'name = ""\ncomparison_year = "2025"\ndefault_basis = "city"\nlanguages = ["fr"]\ncolour = "red"\n')
    with pytest.raises(TableError) as caught:
        open_study(root)
    problems = caught.value.problems
    assert set(problems["file"]) == {"bad/study.toml"}
    assert sorted(problems["column"]) == ["colour", "comparison_year", "default_basis", "languages", "name"]
    text = str(caught.value)
    assert "default_basis': must be one of county, prefecture, urban_core, estate, rural, other" in text
    assert "comparison_year': must be a whole year from 1990 to 2060" in text
    assert "Traceback" not in text


def test_settings_that_are_not_toml_name_the_line(tmp_path):
    root = init_study(tmp_path / "bad").root
    _set(root, 'name = "ok"\ncomparison_year = = 2025\n')
    with pytest.raises(TableError, match=r"bad/study.toml, row 2, column '': not valid TOML") as caught:
        open_study(root)
    assert caught.value.problems["row"].tolist() == [2]


def test_a_folder_without_settings_or_tables_is_named(tmp_path):
    with pytest.raises(TableError, match="no such folder"):
        open_study(tmp_path / "nowhere")
    (tmp_path / "half").mkdir()
    with pytest.raises(TableError, match=r"half/study.toml, row 0, column '': file not found"):
        open_study(tmp_path / "half")
    root = init_study(tmp_path / "thin").root
    (root / "places.csv").unlink()
    shutil.rmtree(root / "statements")
    with pytest.raises(TableError) as caught:
        open_study(root)
    assert caught.value.problems["file"].tolist() == ["thin/places.csv", "thin/statements"]


def test_a_bad_place_row_names_the_study_file_row_and_column(example, tmp_path):
    root = _copy(example, tmp_path / "places")
    lines = (root / "places.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",341500,", ",3415,")
    (root / "places.csv").write_text("".join(lines), encoding="utf-8")
    with pytest.raises(TableError) as caught:
        ck.load_places(study=open_study(root))
    problem = caught.value.problems.iloc[0]
    assert (problem["file"], problem["row"], problem["column"]) == ("places/places.csv", 3, "code")


def test_an_altered_text_of_a_study_is_named(example, tmp_path):
    root = _copy(example, tmp_path / "altered")
    name = ck.load_sources(study=example)["file_name"].iloc[1]
    with open(root / "sources" / name, "a", encoding="utf-8") as handle:
        handle.write("改")
    with pytest.raises(ChecksumError, match=rf"luan_14fyp: altered/sources/{name} has been altered"):
        ck.load_sources(study=open_study(root))


# --- overlays ----------------------------------------------------------------------------------------


def test_overlay_rows_replace_and_add(example, tmp_path):
    root = _copy(example, tmp_path / "overlay")
    builtin = ck.load_indicators()
    header = ",".join(builtin.columns)
    (root / "registry" / "indicators.csv").write_text(
        header + "\n"
        + "urbanization_rate,常住人口城镇化率,Urbanization rate (resident),population_urbanization,%,higher,城镇化率,Share of residents in urban areas.,true,\n"
        + "bus_share,公交出行分担率,Public transport share,infrastructure_transport,%,higher,公交分担率,Share of trips by public transport.,false,\n",
        encoding="utf-8",
    )
    (root / "registry" / "national_references.csv").write_text(
        "indicator_id,year,value,qualifier,unit,label_zh,label_en,source_zh,source_en\n"
        "urbanization_rate,2025,68.0,exact,%,全国常住人口城镇化率(2025年),National resident urbanization rate (2025),国家统计局,National Bureau of Statistics\n",
        encoding="utf-8",
    )
    study = open_study(root)
    mine = ck.load_indicators(study=study)
    assert len(mine) == len(builtin) + 1 and mine["indicator_id"].iloc[-1] == "bus_share"
    position = builtin.index[builtin["indicator_id"] == "urbanization_rate"][0]
    assert mine.loc[position, "name_en"] == "Urbanization rate (resident)"  # replaced in place
    assert mine.loc[position, "aliases"] == "城镇化率"
    refs = ck.load_national_references(study=study)
    assert len(refs) == len(ck.load_national_references()) + 1
    assert refs.iloc[-1][["indicator_id", "year", "value"]].tolist() == ["urbanization_rate", 2025, 68.0]
    # the built-in study is untouched, and compare reads the overlay
    assert ck.load_indicators().loc[position, "name_en"] == "Resident-population urbanization rate"
    assert ck.compare("bus_share", study=study)["verdict"].eq("not_stated").all()
    # an edited overlay is read again (the cache is keyed by the file's size and time)
    text = (root / "registry" / "indicators.csv").read_text(encoding="utf-8")
    (root / "registry" / "indicators.csv").write_text(text.replace("Public transport share", "Public-transport share of trips"), encoding="utf-8")
    assert ck.load_indicators(study=study)["name_en"].iloc[-1] == "Public-transport share of trips"


def test_a_bad_overlay_row_is_named_by_its_own_file(example, tmp_path):
    root = _copy(example, tmp_path / "bad_overlay")
    (root / "registry" / "scopes.csv").write_text("scope_text,scope_class\n全县,\n", encoding="utf-8")
    with pytest.raises(TableError) as caught:
        ck.load_scopes(study=open_study(root))
    problem = caught.value.problems.iloc[0]
    assert (problem["file"], problem["row"], problem["column"]) == ("bad_overlay/registry/scopes.csv", 2, "scope_class")
    (root / "registry" / "scopes.csv").write_text("text,scope_class\n全县,jurisdiction\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"bad_overlay/registry/scopes.csv, row 1, column 'scope_text': an overlay needs the key column"):
        ck.load_scopes(study=open_study(root))


# --- outputs -----------------------------------------------------------------------------------------


def test_a_study_of_your_own_is_protected_and_writes_only_where_asked(example, tmp_path):
    with using(example):
        for inside in (example.root / "sources" / "x.txt", example.root / "statements" / "x.csv", example.root / "places.csv", example.root / "registry" / "units.csv"):
            with pytest.raises(OutputError, match="holds the project's inputs"):
                check_destination(inside)
        with pytest.raises(OutputError, match="holds the project's inputs"):
            check_output_dir(example.root / "statements" / "out")
        assert check_destination(tmp_path / "out" / "table.csv") == tmp_path / "out" / "table.csv"
    with pytest.raises(ComparekitError, match="this study writes only where you say; pass out_dir="):
        ck_build(study=example)
    # the built-in study's inputs stay protected while another study is active
    with using(example), pytest.raises(OutputError):
        check_destination(DATA / "registry" / "units.csv")


def ck_build(**kwargs):
    from comparekit.pipeline import build

    return build(figures=False, exports=False, site=False, **kwargs)


def test_input_files_list_what_a_build_reads(example):
    files = {p.relative_to(example.root).as_posix() for p in example.input_files() if p.is_relative_to(example.root)}
    assert {"study.toml", "places.csv", "sources.csv", "statements/luan_14fyp.csv"} <= files
    assert any(name.startswith("sources/") for name in files)
    assert str(builtin_study().registry_dirs[0] / "indicators.csv") in {str(p) for p in example.input_files()}
