"""The main job: processed tables, data package, figures and exports, byte-identical on a rerun."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from comparekit.pipeline import HEADLINE_INDICATORS, build


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    runs = []
    for name in ("first", "second"):
        root = tmp_path_factory.mktemp(name)
        written = build(root / "processed", root / "figures", langs=("zh",), styles=("paper",))
        runs.append((root, written))
    return runs


def _files(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_second_run_is_byte_identical(two_builds):
    (first, _), (second, _) = two_builds
    a, b = _files(first), _files(second)
    assert a.keys() == b.keys()
    different = [str(name) for name in a if a[name] != b[name]]
    assert different == ["processed/build.json"]  # only the manifest differs: it records start and end times
    manifests = [json.loads((root / "processed" / "build.json").read_text(encoding="utf-8")) for root in (first, second)]
    assert manifests[0]["outputs"] == manifests[1]["outputs"] and manifests[0]["inputs"] == manifests[1]["inputs"]


def test_manifest_lists_every_output_with_its_hash(two_builds):
    import hashlib

    root, written = two_builds[0]
    manifest = json.loads((root / "processed" / "build.json").read_text(encoding="utf-8"))
    assert manifest["comparekit_version"] and manifest["started"] <= manifest["finished"]
    outputs = [p for group in ("data", "figures", "exports", "site") for p in written[group] if p.name != "build.json"]
    assert len(manifest["outputs"]) == len(outputs)
    for entry in manifest["outputs"]:
        path = (root / "processed" / entry["path"]).resolve()
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    assert any(e["path"].endswith(".txt") for e in manifest["inputs"]) and len(manifest["inputs"]) >= 15
    assert not (root / "processed" / "BUILD_INCOMPLETE").exists()
    assert not [p for p in root.rglob(".staging-*")]


def test_processed_tables_and_data_package(two_builds, statements):
    root, written = two_builds[0]
    processed = root / "processed"
    for name in ["statements", "harmonized", "comparison_2025", "coverage", "ambition", "reconciliation"]:
        assert (processed / f"{name}.csv").exists() and (processed / f"{name}.parquet").exists()
    assert len(pd.read_parquet(processed / "statements.parquet")) == len(statements)
    comparison = pd.read_csv(processed / "comparison_2025.csv")
    assert comparison["indicator_id"].unique().tolist() == HEADLINE_INDICATORS
    assert (comparison.groupby("indicator_id").size() == 5).all()
    package = json.loads((processed / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    fields = {f["name"]: f for f in resources["statements"]["schema"]["fields"]}
    assert fields["quote_start"]["type"] == "integer" and "offset" in fields["quote_start"]["description"]
    assert all(f["description"] for f in resources["harmonized"]["schema"]["fields"])
    assert len(package["sources"]) == 6  # the five plans and the 2020 census reference
    assert sum("census" in source["title"].lower() or "人口普查" in source["title"] for source in package["sources"]) == 1


def test_figures_for_every_headline_indicator(two_builds):
    root, written = two_builds[0]
    names = {p.name for p in written["figures"]}
    for indicator in HEADLINE_INDICATORS:
        assert f"comparison_{indicator}_2025_zh.pdf" in names
        assert f"comparison_{indicator}_2025_zh.svg" in names
    assert {"coverage_zh.pdf", "plan_horizon_zh.pdf", "ambition_zh.pdf", "distance_to_reference_2025_zh.pdf",
            "coverage_zh.caption.md", "index.md"} <= names
    paths = {p.relative_to(root / "figures").as_posix() for p in written["figures"]}
    assert {"paper/coverage_zh.svg", "paper-89mm/coverage_zh.svg", "paper-89mm/coverage_zh.caption.md"} <= paths


def test_exports_written(two_builds):
    root, written = two_builds[0]
    names = {p.name for p in written["exports"]}
    assert {"comparekit.xlsx", "briefing_zh.pptx", "sources.bib", "urbanization_rate_2025_en.tex"} <= names


def test_build_writes_the_offline_explorer(two_builds, harmonized):
    root, written = two_builds[0]
    site = root / "processed" / "site"
    page = site / "index.html"
    assert page in written["site"]
    assert page.stat().st_size <= 5_000_000  # the five-place study's page, every indicator, year and basis
    stated = set(harmonized.loc[harmonized["status"] == "harmonized", "indicator_id"])
    assert {p.stem for p in (site / "downloads").glob("*.xlsx")} == stated == {p.stem for p in (site / "downloads").glob("*.parquet")}


@pytest.fixture(scope="module")
def warm_build(two_builds, tmp_path_factory):
    """A second build into a copy of the first build's folders: everything but the tables is reused."""
    import shutil

    (first, _), _ = two_builds
    root = tmp_path_factory.mktemp("warm") / "copy"
    shutil.copytree(first, root)
    return root, build(root / "processed", root / "figures", langs=("zh",), styles=("paper",))


def test_warm_build_reuses_unchanged_outputs_byte_for_byte(two_builds, warm_build):
    from pathlib import Path

    (first, first_written), _ = two_builds
    root, written = warm_build
    a, b = _files(first), _files(root)
    assert a.keys() == b.keys() and Path("figures/.build-cache.json") in a and Path("processed/.build-cache.json") in a
    assert [str(name) for name in a if a[name] != b[name]] == ["processed/build.json"]
    reused = {p.relative_to(root) for p in written["reused"]}
    # every figure, caption, export and explorer file; the tables and the contact sheet are regenerated
    expected = {p.relative_to(first) for group in ("figures", "exports", "site") for p in first_written[group]} - {Path("figures/index.md")}
    assert reused == expected and len(reused) > 100
    assert not reused & {p.relative_to(root) for p in written["data"]}


def test_an_edited_output_is_rebuilt_and_force_rebuilds_everything(warm_build):
    root, _ = warm_build
    figure, table = root / "figures/paper/ambition_zh.svg", root / "processed/exports/latex/sources.bib"
    original = figure.read_bytes(), table.read_bytes()
    figure.write_bytes(b"edited by hand")
    table.unlink()
    written = build(root / "processed", root / "figures", langs=("zh",), styles=("paper",), site=False)
    assert (figure.read_bytes(), table.read_bytes()) == original
    reused = set(written["reused"])
    assert figure not in reused and root / "figures/paper/ambition_zh.pdf" not in reused  # the whole figure is redrawn
    assert root / "figures/paper-89mm/ambition_zh.svg" in reused and table not in reused
    assert root / "processed/exports/comparekit.xlsx" in reused
    forced = build(root / "processed", figures=False, langs=("zh",), site=False, force=True)
    assert forced["reused"] == [] and forced["exports"]
    assert (figure.read_bytes(), table.read_bytes()) == original
