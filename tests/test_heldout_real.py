"""The extractor on real documents it was not written on, annotated blind (tests/fixtures/heldout_real/).

Set A (doc01–doc08) and set B (doc09–doc12) were annotated by a reader who had not seen the rules,
before the extractor was run on them. The floors below sit a little under the scores measured at
default arguments (see the folder's README); they guard against regressions and can fail. No rule
of the extractor was written for one document; the second round of general fixes was informed by the
weaknesses sets A and B showed, so a later set, annotated blind while the rules were frozen, measures
generalization.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from comparekit.evaluate import evaluate_heldout, load_heldout

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout_real"
SET_A = "doc0[1-8]_*.txt"

# measured after the second round of general fixes (README): floors a little under them (set A: precision
# 1.000, recall 0.912, values 1.000, years 1.000, qualifiers 0.993, id precision 7 of 9, id coverage 0.067)
# (fifth round, unchanged since the third: precision 1.000, recall 0.939, years 1.000, qualifiers 0.993,
# id precision 7 of 8, id coverage 0.058; the floors rise to a little under these)
# (sixth round: an addition no longer takes a stock's id, so doc04's 新增托位, which set A's annotator files
# under childcare_slots, is left for review: id precision 6 of 7, id coverage 0.050; the rest unchanged)
FLOORS_A = {"precision": 0.98, "recall": 0.92, "value_accuracy": 0.99, "year_agreement": 0.98,
            "qualifier_agreement": 0.98, "id_precision": 0.83, "id_coverage": 0.045}


def test_annotations_quote_their_documents_at_their_offsets():
    texts, statements = load_heldout(HELDOUT)
    assert len(texts) >= 8 and len(statements) >= 140
    for rec in statements.itertuples(index=False):
        text = texts[rec.source_id]
        assert text[rec.quote_start : rec.quote_end] == rec.quote, rec.statement_id
        assert rec.value_text in rec.quote, rec.statement_id


@pytest.fixture(scope="module")
def set_a():
    return evaluate_heldout(HELDOUT, files=SET_A).summary.set_index("source_id")


def test_set_a_scores_do_not_regress(set_a):
    total = set_a.loc["total"]
    assert total["curated_numeric"] >= 140
    for score, floor in FLOORS_A.items():
        assert total[score] >= floor, (score, total[score])


def test_set_a_has_one_row_per_document(set_a):
    assert len(set_a) == 9  # eight documents and the total


SET_B = ["doc09_*.txt", "doc1[0-2]_*.txt"]
# set B after the second round (README: precision 1.000, recall 0.966, values 1.000, years 0.982,
# qualifiers 1.000, id precision 1 of 1, id coverage 0.018): floors a little under it
# (fifth round, unchanged since the third: precision 1.000, recall 0.983, years 0.965, qualifiers 0.982)
FLOORS_B = {"precision": 0.98, "recall": 0.96, "value_accuracy": 0.99, "year_agreement": 0.95,
            "qualifier_agreement": 0.97, "id_coverage": 0.01}


def test_set_b_scores_do_not_regress():
    from comparekit.evaluate import evaluate
    from comparekit.extract import extract

    texts, statements = {}, []
    for files in SET_B:
        found, rows = load_heldout(HELDOUT, files=files)
        texts.update(found)
        statements.append(rows)
    statements = pd.concat(statements, ignore_index=True)
    assert len(texts) == 4
    draft = pd.concat([extract(text, source_id=source_id) for source_id, text in texts.items()], ignore_index=True)
    total = evaluate(draft, statements).summary.set_index("source_id").loc["total"]
    for score, floor in FLOORS_B.items():
        assert total[score] >= floor, (score, total[score])


SET_C = ["doc1[3-9]_*.txt", "doc2[0-5]_*.txt"]
# set C, annotated blind while the rules were frozen (commit 11c373e), measured once (README: precision
# 0.951, recall 0.963, values 1.000, years 0.923, qualifiers 0.974, id precision 10 of 13, id coverage
# 0.085): floors a little under it
# (fourth round: precision 0.994, qualifiers 0.975: 稳定在…以上 now reads as maintain where doc18 has at_least)
# (fifth round: recall 0.994, a bracketed count closing a heading, doc21's (8项), is no longer a value;
# years 0.963, id precision 17 of 17, id coverage 0.105)
FLOORS_C = {"precision": 0.98, "recall": 0.98, "value_accuracy": 0.99, "year_agreement": 0.95,
            "qualifier_agreement": 0.96, "id_precision": 0.95, "id_coverage": 0.09}


def test_set_c_scores_do_not_regress():
    total, rows = _set_total(SET_C, 13)
    assert rows >= 160 and total["curated_numeric"] == 162
    for score, floor in FLOORS_C.items():
        assert total[score] >= floor, (score, total[score])


def test_ids_assigned_on_sets_a_b_c_are_95_percent_right():
    # the id thresholds (comparekit.extract.ids.UNIT_THRESHOLD) were calibrated on A+B+C together, the
    # one calibration the held-out rule allows: after it, 26 of 27 assigned ids on matched rows are right
    pairs = pd.concat([evaluate_heldout(HELDOUT, files=files).pairs for files in ("doc[01][0-9]_*.txt", "doc2[0-5]_*.txt")])
    assigned = pairs[pairs["id_assigned"].astype(bool)]
    assert len(assigned) >= 25
    assert assigned["indicator_equal"].mean() >= 0.95


#: The blind sets D onwards: each was annotated blind, committed before any extractor run and measured once with
#: the rules of its time; floors.csv gives its files, its size, the floors (a little under what it scored, raised
#: when a later round lifted it) and in ``history`` what was measured when (the README has the tables).
FLOORS = pd.read_csv(HELDOUT / "floors.csv", dtype={"set": str, "files": str, "history": str})
SCORES = ["precision", "recall", "value_accuracy", "year_agreement", "qualifier_agreement", "id_precision",
          "id_coverage"]
BLIND_SETS = {row.set: (row.files.split(), int(row.documents), int(row.statements),
                        {score: float(getattr(row, score)) for score in SCORES})
              for row in FLOORS.itertuples(index=False)}


def test_the_blind_sets_are_the_documents_after_set_c_each_once():
    files = [HELDOUT.glob(pattern) for patterns, *_ in BLIND_SETS.values() for pattern in patterns]
    names = sorted(path.name for found in files for path in found if not path.name.endswith(".exclusions.txt"))
    later = sorted(path.name for path in HELDOUT.glob("doc*.txt")
                   if not path.name.endswith(".exclusions.txt") and int(path.name[3:].split("_")[0]) >= 26)
    assert names == later
    assert FLOORS["history"].str.contains("measured once").all()


@pytest.mark.parametrize("name", sorted(BLIND_SETS))
def test_blind_set_scores_do_not_regress(name):
    patterns, documents, annotated, floors = BLIND_SETS[name]
    total, rows = _set_total(patterns, documents)
    assert rows == annotated
    for score, floor in floors.items():
        assert total[score] >= floor, (name, score, total[score])


def _set_total(patterns: list[str], documents: int) -> tuple[pd.Series, int]:
    """Extract every document of a held-out set at default arguments (its place only) and score it."""
    from comparekit.evaluate import evaluate
    from comparekit.extract import extract

    texts, statements = {}, []
    for files in patterns:
        found, rows = load_heldout(HELDOUT, files=files)
        texts.update(found)
        statements.append(rows)
    statements = pd.concat(statements, ignore_index=True)
    assert len(texts) == documents
    draft = []
    for source_id, text in texts.items():
        places = statements.loc[statements["source_id"] == source_id, "place_id"].dropna()
        draft.append(extract(text, source_id=source_id, place_id=places.iloc[0] if len(places) else None))
    return evaluate(pd.concat(draft, ignore_index=True), statements).summary.set_index("source_id").loc["total"], len(statements)
