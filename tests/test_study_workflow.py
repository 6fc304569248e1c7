"""A study of one's own: init → add-place → add-document → accept → validate → build, from the command line.

The sixth county is 太和县 Taihe (341222, Fuyang, Anhui); its plan is a fixture written for this test
(tests/fixtures/study/taihe_urbanization_plan.txt), not one the extractor's rules were written on.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import comparekit as ck
from comparekit.cli import app

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures" / "study"
PLAN = FIXTURES / "taihe_urbanization_plan.txt"


def run(*args: str, ok: bool = True):
    result = runner.invoke(app, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
    return result


def _drop_unmatched(draft: Path) -> int:
    rows = pd.read_csv(draft, dtype=str, keep_default_na=False)
    kept = rows[rows["indicator_id"].str.strip() != ""]
    kept.to_csv(draft, index=False, lineterminator="\n")
    return len(kept)


@pytest.fixture(scope="module")
def taihe_study(tmp_path_factory):
    """The five-place example plus Taihe, made with the commands a user types."""
    folder = tmp_path_factory.mktemp("mystudy") / "counties"
    outputs = {"init": run("init", folder, "--example").output}
    outputs["add-place"] = run("add-place", folder, "341222").output
    outputs["add-document"] = run("add-document", folder, PLAN, "--place", "taihe", "--title", "太和县推进以县城为重要载体的新型城镇化建设实施方案",
                                  "--issuer", "太和县人民政府办公室", "--date", "2023-05-18", "--horizon", "2025").output
    draft = folder / "drafts" / "taihe_2023.csv"
    outputs["kept"] = _drop_unmatched(draft)
    outputs["validate-draft"] = run("validate", draft, "--study", folder).output
    outputs["accept"] = run("accept", folder, draft).output
    outputs["validate"] = run("validate", folder).output
    return folder, outputs


def test_add_place_fills_the_census_reference(taihe_study):
    folder, outputs = taihe_study
    assert "added taihe: 太和县 Taihe (341222, county, 阜阳市 Fuyang, 安徽省 Anhui)" in outputs["add-place"]
    assert "population 1,379,982, urban share 44.56%" in outputs["add-place"]
    places = pd.read_csv(folder / "places.csv", dtype=str).set_index("place_id")
    assert places.loc["taihe", ["code", "population", "urban_share", "parent_zh"]].tolist() == ["341222", "1379982", "44.56", "阜阳市"]


def test_add_document_copies_the_text_verbatim_with_its_checksum(taihe_study):
    folder, outputs = taihe_study
    sources = pd.read_csv(folder / "sources.csv", dtype=str).set_index("source_id")
    row = sources.loc["taihe_2023"]
    stored = folder / "sources" / row["file_name"]
    assert stored.read_bytes() == PLAN.read_bytes()
    assert row["sha256"] == hashlib.sha256(PLAN.read_bytes()).hexdigest() and row["sha256"] in outputs["add-document"]
    assert (row["place_id"], row["issue_date"], row["status"]) == ("taihe", "2023-05-18", "issued")
    assert "draft written to" in outputs["add-document"]


def test_the_draft_without_unmatched_rows_validates_with_zero_problems(taihe_study):
    _, outputs = taihe_study
    assert outputs["kept"] >= 5
    assert f"{outputs['kept']} statements, all valid" in outputs["validate-draft"]
    assert f"accepted {outputs['kept']} statements" in outputs["accept"]
    assert re.search(r"\d+ statements, all valid", outputs["validate"])


def test_compare_over_six_places_has_the_values_of_the_taihe_plan(taihe_study):
    folder, _ = taihe_study
    study = ck.open_study(folder)
    urban = ck.compare("urbanization_rate", study=study).set_index("place_id")
    assert list(urban.index) == ["jieshou", "luan", "chengwu", "qiaocheng", "linyi", "taihe"]
    assert (urban.loc["taihe", "value"], urban.loc["taihe", "qualifier"], int(urban.loc["taihe", "year"])) == (50.0, "about", 2025)
    assert urban.loc["taihe", "quote"] in PLAN.read_text(encoding="utf-8")
    childcare = ck.compare("childcare_slots_per_1000", study=study).set_index("place_id")
    assert childcare.loc["taihe", "value"] == 4.5
    green = ck.compare("green_building_share", study=study).set_index("place_id")
    assert green.loc["taihe", "value"] == 100.0
    pace = ck.ambition(study=study)
    taihe = pace[(pace["place_id"] == "taihe") & (pace["indicator_id"] == "urbanization_rate")].iloc[0]
    assert (taihe["baseline_source"], taihe["baseline_value"]) == ("census", 44.56)
    assert taihe["change_per_year"] == pytest.approx((50 - 44.56) / 5)


def test_build_writes_a_deck_with_six_places(taihe_study, tmp_path):
    from pptx import Presentation

    folder, _ = taihe_study
    out = tmp_path / "out"
    result = run("build", folder, "--out", out, "--lang", "en")
    assert "exports:" in result.output
    comparison = pd.read_csv(out / "comparison_2025.csv", encoding="utf-8-sig")
    assert sorted(comparison["place_id"].unique()) == sorted(["jieshou", "luan", "chengwu", "qiaocheng", "linyi", "taihe"])
    deck = Presentation(out / "exports" / "briefing_en.pptx")
    text = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    for name in ("Jieshou", "Lu'an", "Chengwu", "Qiaocheng", "Linyi", "Taihe"):
        assert name in text, name
    assert (out / "figures").is_dir()


def test_refusals_name_the_file_and_never_overwrite(taihe_study, tmp_path):
    folder, _ = taihe_study
    assert "not in the 2020 census reference" in run("add-place", folder, "999999", ok=False).output
    assert "already in the study" in run("add-place", folder, "341222", ok=False).output
    assert "already in the study" in run("add-document", folder, PLAN, "--place", "taihe", "--date", "2023-05-18", ok=False).output
    assert "not a place of this study" in run("add-document", folder, PLAN, "--place", "atlantis", ok=False).output
    draft = tmp_path / "review.csv"
    from comparekit.extract import extract

    extracted = extract(PLAN.read_text(encoding="utf-8"), source_id="taihe_2023", place_id="taihe")
    extracted.loc[[1, 3], "indicator_id"] = None
    extracted.to_csv(draft, index=False)
    refused = run("accept", folder, draft, ok=False).output
    assert f"{draft}: 2 row(s) have no indicator_id (column 'indicator_id', rows 3, 5)" in refused.replace("\n", "") and "nothing written" in refused
    extracted.loc[[1, 3], "indicator_id"] = "urbanization_rate"
    extracted.to_csv(draft, index=False)
    assert "already in" in run("accept", folder, draft, ok=False).output  # the same statement ids as taihe_2023.csv
    assert not (folder / "statements" / "review.csv").exists()
    shutil.copyfile(folder / "statements" / "taihe_2023.csv", tmp_path / "taihe_2023.csv")
    assert "never overwrites" in run("accept", folder, tmp_path / "taihe_2023.csv", ok=False).output
    assert "not empty" in run("init", folder, ok=False).output or "not an empty folder" in run("init", folder, ok=False).output


@pytest.fixture(scope="module")
def seven_places(taihe_study, tmp_path_factory):
    """The Taihe study plus a seventh county, 临泉县 Linquan (341221), with a short plan excerpt."""
    folder = tmp_path_factory.mktemp("seven") / "counties"
    shutil.copytree(taihe_study[0], folder)
    run("add-place", folder, "341221")
    run("add-document", folder, FIXTURES / "linquan_plan_excerpt.txt", "--place", "linquan", "--date", "2023-03-01", "--issuer", "临泉县人民政府")
    draft = folder / "drafts" / "linquan_2023.csv"
    _drop_unmatched(draft)
    run("accept", folder, draft)
    return ck.open_study(folder)


def test_charts_of_seven_places_have_distinct_colours_markers_and_no_overlapping_text(seven_places, tmp_path):
    from matplotlib.colors import to_hex
    import matplotlib.pyplot as plt

    from comparekit import figures, plot
    from comparekit.pipeline import build_data
    from comparekit.study import using
    from comparekit.style import place_palette
    from figure_checks import overlaps

    ids = ["jieshou", "luan", "chengwu", "qiaocheng", "linyi", "taihe", "linquan"]
    with using(seven_places):
        assert list(ck.load_places(study_only=True)["place_id"]) == ids
        palette = {p: (to_hex(c), m) for p, (c, m) in place_palette(ids).items()}
        assert len(set(palette.values())) == 7 and len({c for c, _ in palette.values()}) == 7
        assert palette["linyi"] == ("#005693", "v")  # the five keep their fixed colours
        urban = ck.compare("urbanization_rate").set_index("place_id")
        assert urban.loc["linquan", "value"] == 42.0 and urban.loc["qiaocheng", "verdict"] == "not_stated"
        tables = build_data(tmp_path)
        plans = {name: (family, draw) for family, name, draw in figures._plans(tables)}
        for name in ("comparison_urbanization_rate_2025", "comparison_green_building_share_2025", "urbanization_pace", "coverage", "plan_horizon"):
            family, draw = plans[name]
            for size in ("paper", "slides"):
                fig = figures._draw(size, "en", family, lambda f: draw(f, "en", size))
                try:
                    pairs, outside = overlaps(fig)
                    assert (pairs, outside) == ([], []), (name, size)
                    ax = fig.axes[0]
                    if name.startswith("comparison"):
                        drawn = {line.get_gid()[6:]: (to_hex(line.get_color()), line.get_marker())
                                 for line in ax.lines if str(line.get_gid()).startswith("value:")}
                        assert drawn == {p: palette[p] for p in drawn} and {"taihe", "linquan"} <= set(drawn)
                        assert [t.get_text() for t in ax.get_yticklabels()] == ["Jieshou", "Lu'an", "Chengwu", "Qiaocheng", "Linyi", "Taihe", "Linquan"]
                    if name == "urbanization_pace":
                        labels = {t.get_gid(): t.get_text() for t in ax.texts}
                        assert any(text.startswith("42 ") or text.startswith("≈42") for text in labels.values())
                        # Taihe's census share, footnoted; the census year is in the subtitle, not on each label
                        assert any(text.startswith("44.56") and "2020" not in text for text in labels.values())
                finally:
                    plt.close(fig)


def test_a_study_of_only_ones_own_counties_builds_its_figures(tmp_path):
    """An empty study (no --example) with two counties, one of them documented: every figure is drawn.

    The coverage matrix's filter (stated by at least 2 or 3 places) is lowered until an indicator
    meets it, so a study whose plans share no indicator still gets its matrix.
    """
    folder = tmp_path / "own"
    run("init", folder)
    run("add-place", folder, "341222")
    run("add-place", folder, "341221")
    run("add-document", folder, PLAN, "--place", "taihe", "--issuer", "太和县人民政府办公室", "--date", "2023-05-18", "--horizon", "2025")
    draft = folder / "drafts" / "taihe_2023.csv"
    assert _drop_unmatched(draft) == 16
    run("accept", folder, draft)
    out = tmp_path / "out"
    result = run("build", folder, "--out", out, "--lang", "en", "--no-exports", "--no-site")
    assert "error" not in result.output.lower()
    compared = ck.compare("urbanization_rate", study=ck.open_study(folder)).set_index("place_id")
    assert compared.loc["taihe", "value"] == 50 and compared.loc["taihe", "qualifier"] == "about"
    assert compared.loc["linquan", "verdict"] == "not_stated"
    coverage = (out / "figures" / "slides" / "coverage_en.caption.md").read_text(encoding="utf-8")
    assert "Indicators stated by at least 1 of the 2 places (" in coverage, coverage
