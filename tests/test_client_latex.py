"""The LaTeX exports in the real clients: xelatex + ctex (zh), pdflatex (en), biber and bibtex.

One sample paper per language inputs every table and cites every source key; it is compiled once
through biber (biblatex) and once through classic bibtex. Any "Missing character", unset Unicode
character, undefined citation, multiply-defined label or bibliography syntax error fails the test.
"""

from __future__ import annotations

import shutil

import pytest

from clients import require_client
from comparekit.report import example_paper, write_latex_tables
from comparekit.sources import load_sources
from latex_paper import compile_paper

CASES = [("zh", "xelatex", "biber"), ("zh", "xelatex", "bibtex"), ("en", "pdflatex", "biber"), ("en", "pdflatex", "bibtex")]


@pytest.fixture(scope="module")
def latex_dir(tmp_path_factory, harmonized):
    out = tmp_path_factory.mktemp("latex")
    write_latex_tables(out, harmonized=harmonized)
    return out


@pytest.mark.parametrize(("lang", "engine", "backend"), CASES, ids=[f"{l}-{e}-{b}" for l, e, b in CASES])
def test_sample_paper_compiles_cleanly(latex_dir, tmp_path, lang, engine, backend):
    require_client(engine, backend, "pdftotext")
    work = tmp_path / "paper"
    shutil.copytree(latex_dir, work)
    tables = sorted(p.name for p in work.glob(f"*_{lang}.tex") if not p.name.startswith("example"))
    assert len(tables) == 4
    keys = list(load_sources()["source_id"])
    (work / "paper.tex").write_text(example_paper(tables, lang=lang, backend=backend, keys=keys), encoding="utf-8")
    problems, text = compile_paper(work, "paper", engine=engine, backend=backend)
    text = text.replace("\u2019", "'")
    print(f"{engine} + {backend} ({lang}): {len(problems)} problem line(s)", *problems[:20], sep="\n  ")
    assert problems == []
    # the qualifiers this project exists to keep are printed, not dropped
    assert "≈" in text and "≥" in text
    places = ["界首", "六安", "成武", "谯城", "临沂"] if lang == "zh" else ["Jieshou", "Lu'an", "Chengwu", "Qiaocheng", "Linyi"]
    assert all(place in text for place in places)
    # every source appears in the bibliography (one numbered entry each)
    assert sum(1 for line in text.splitlines() if line.strip().startswith("[")) >= len(keys)


def test_shipped_example_papers_compile(latex_dir, tmp_path):
    require_client("xelatex", "pdflatex", "biber")
    work = tmp_path / "examples"
    shutil.copytree(latex_dir, work)
    for stem, engine in (("example_zh", "xelatex"), ("example_en", "pdflatex")):
        problems, _ = compile_paper(work, stem, engine=engine, backend="biber")
        assert problems == [], (stem, problems)


def test_readme_snippets_compile(latex_dir, tmp_path):
    """The LaTeX snippets in the README, pasted into a paper beside the exports, compile cleanly."""
    import re
    from pathlib import Path

    require_client("xelatex", "pdflatex", "biber")
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    snippets = re.findall(r"```latex\n(.*?)```", readme, re.S)
    assert len(snippets) == 2
    work = tmp_path / "readme"
    shutil.copytree(latex_dir, work)
    for number, snippet in enumerate(snippets):
        stem = f"readme_{number}"
        (work / f"{stem}.tex").write_text(snippet, encoding="utf-8")
        engine = "xelatex" if "ctex" in snippet else "pdflatex"
        problems, text = compile_paper(work, stem, engine=engine, backend="biber")
        assert problems == [], (engine, problems)
        assert "??" not in text  # \ref resolved
