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


SET_D = ["doc2[6-9]_*.txt", "doc3[0-7]_*.txt"]
# set D, annotated blind while the rules were frozen (commit 7341644), measured once (README: precision
# 0.891, recall 0.957, values 1.000, years 0.703, qualifiers 0.890, id precision 11 of 13, id coverage
# 0.075): floors a little under it, so that a change which loses ground on unseen documents fails
# After the fourth round (general rules informed by set D's error categories; set D is no longer held out):
# precision 0.975, recall 0.957, values 1.000, years 0.703, qualifiers 0.929, id precision 11 of 13, id
# coverage 0.082. The floors rise to a little under these.
# After the fifth round: recall 0.963 (六成), years 0.737 (a date that opens a sentence is its paragraph's
# topic), id precision 12 of 13 (a variant counted in 户), id coverage 0.081; the rest unchanged.
# After the sixth round: years 0.750 (a dated news report of this year's work), id precision 11 of 12 and
# coverage 0.075 (an addition, 新增…强镇, left for review where the annotator gives the stock's id).
FLOORS_D = {"precision": 0.96, "recall": 0.95, "value_accuracy": 0.99, "year_agreement": 0.74,
            "qualifier_agreement": 0.91, "id_precision": 0.90, "id_coverage": 0.07}


SET_E = ["doc3[89]_*.txt", "doc4[0-9]_*.txt"]
# set E, annotated blind while the fourth round's rules were written, measured once at 1dbd9f5 (README:
# precision 0.970, recall 0.920, values 0.975, years 0.789, qualifiers 0.950, id precision 16 of 19,
# id coverage 0.114): floors a little under it
# After the fifth round (general rules informed by the error categories of sets D, E and F; set E is no
# longer held out): precision 0.988, recall 0.920, values 0.975, years 0.870, qualifiers 0.950, id
# precision 17 of 19, id coverage 0.117. The floors rise to a little under these.
# After the sixth round: id precision 17 of 18 (an addition, 新增托位, no longer takes childcare_slots), id
# coverage 0.110; the rest unchanged.
FLOORS_E = {"precision": 0.97, "recall": 0.91, "value_accuracy": 0.97, "year_agreement": 0.86,
            "qualifier_agreement": 0.94, "id_precision": 0.92, "id_coverage": 0.10}


SET_F = ["doc5[0-9]_*.txt", "doc6[01]_*.txt"]
# set F, annotated blind and committed (1df36e9) before the extractor ran, measured once with the rules
# still frozen at 1dbd9f5 (README: precision 0.938, recall 0.938, values 1.000, years 0.573, qualifiers
# 0.893, id precision 17 of 23, id coverage 0.144): floors a little under it
# After the fifth round (general rules written after reading set F's error categories; set F is no longer
# held out): precision 0.975, recall 0.988, values 1.000, years 0.962, qualifiers 0.899 (以上 stays
# at_least, this annotator writes more_than), id precision 17 of 18, id coverage 0.111 (an id no longer
# reaches the next list item). The floors rise to a little under these.
# After the sixth round: id precision 17 of 17 (新增…托位 is left for review), id coverage 0.105.
FLOORS_F = {"precision": 0.96, "recall": 0.97, "value_accuracy": 0.99, "year_agreement": 0.95,
            "qualifier_agreement": 0.89, "id_precision": 0.97, "id_coverage": 0.10}


SET_G = ["doc6[2-9]_*.txt", "doc7[0-3]_*.txt"]
# set G, annotated blind and committed (497df49) while the fifth round's rules were written without it,
# measured once with those rules frozen at 8812535 (README: precision 0.961, recall 0.966, values 0.994,
# years 0.694, qualifiers 0.942, id precision 16 of 19, id coverage 0.106): floors a little under it
# After the sixth round (general rules written after reading set G's error categories; set G is no longer
# held out): precision 0.983, recall 0.994, values 0.994, years 0.961 (a dated news report of this year's
# work), qualifiers 0.944 (以上 stays at_least), id precision 16 of 16 (additions no longer take a stock's
# id), id coverage 0.088. The floors rise to a little under these.
FLOORS_G = {"precision": 0.97, "recall": 0.98, "value_accuracy": 0.98, "year_agreement": 0.95,
            "qualifier_agreement": 0.93, "id_precision": 0.97, "id_coverage": 0.08}


SET_H = ["doc7[4-9]_*.txt", "doc8[0-5]_*.txt"]
# set H, annotated blind and committed (307a334) while the sixth round's rules were written without it,
# measured once with those rules frozen at ebbb721 (README: precision 0.883, recall 0.951, values 1.000,
# years 0.632, qualifiers 0.926, id precision 6 of 7, id coverage 0.052): floors a little under it. Since
# the seventh round the registry has life_expectancy, which its two 人均预期寿命 rows now get; their
# annotator, whose registry had no such indicator, left them without an id (id precision 8 of 11)
FLOORS_H = {"precision": 0.87, "recall": 0.94, "value_accuracy": 0.99, "year_agreement": 0.61,
            "qualifier_agreement": 0.91, "id_precision": 0.70, "id_coverage": 0.04}


SET_I = ["doc8[6-9]_*.txt", "doc9[0-7]_*.txt"]
# set I, annotated blind and committed (cecb81a) with the sixth round's rules still frozen at ebbb721,
# measured once (README: precision 0.985, recall 0.966, values 1.000, years 0.910, qualifiers 0.980, id
# precision 28 of 29, id coverage 0.143): floors a little under it
FLOORS_I = {"precision": 0.97, "recall": 0.95, "value_accuracy": 0.99, "year_agreement": 0.89,
            "qualifier_agreement": 0.96, "id_precision": 0.93, "id_coverage": 0.12}

# set: (file patterns, documents, annotated rows, floors)
SET_J = ["doc9[89]_*.txt", "doc10[0-9]_*.txt"]
# set J, annotated blind and committed (59fed48) while the seventh round was written without it, measured
# once with its rules frozen at 832bb01 (README: precision 0.983, recall 0.971, values 1.000, years 0.987,
# qualifiers 0.996, id precision 16 of 23, id coverage 0.096): floors a little under it
FLOORS_J = {"precision": 0.97, "recall": 0.96, "value_accuracy": 0.99, "year_agreement": 0.97,
            "qualifier_agreement": 0.98, "id_precision": 0.65, "id_coverage": 0.07}

SET_K = ["doc11[0-9]_*.txt", "doc12[01]_*.txt"]
# set K, annotated blind and committed (59fed48) with set J, measured once after it with the seventh
# round's rules still frozen (README: precision 0.964, recall 0.985, values 1.000, years 0.806, qualifiers
# 0.940, id precision 17 of 17, id coverage 0.122): floors a little under it
FLOORS_K = {"precision": 0.95, "recall": 0.97, "value_accuracy": 0.99, "year_agreement": 0.78,
            "qualifier_agreement": 0.92, "id_precision": 0.95, "id_coverage": 0.10}

SET_L = ["doc12[2-9]_*.txt", "doc13[0-3]_*.txt"]
# set L, annotated blind and committed (b2d951b) while the eighth round was written without it, measured
# once with its rules frozen at 7b41318 (README: precision 0.995, recall 0.980, values 0.990, years 0.887,
# qualifiers 0.995, id precision 17 of 18, id coverage 0.092): floors a little under it. Since the ninth
# round reads 12个体育公园 (jieba: 个 | 体育), that row takes the registry alias 体育公园 (sports_parks), which
# its annotator left without an id (id precision 17 of 19)
FLOORS_L = {"precision": 0.98, "recall": 0.96, "value_accuracy": 0.97, "year_agreement": 0.86,
            "qualifier_agreement": 0.98, "id_precision": 0.85, "id_coverage": 0.07}

SET_M = ["doc13[4-9]_*.txt", "doc14[0-5]_*.txt"]
# set M, annotated blind and committed (aabc052) with set L, measured once after it with the eighth round's
# rules still frozen (README: precision 0.952, recall 0.973, values 0.983, years 0.702, qualifiers 0.983,
# id precision 22 of 23, id coverage 0.123): floors a little under it
FLOORS_M = {"precision": 0.93, "recall": 0.96, "value_accuracy": 0.97, "year_agreement": 0.68,
            "qualifier_agreement": 0.96, "id_precision": 0.90, "id_coverage": 0.10}

SET_N = ["doc14[6-9]_*.txt", "doc15[0-7]_*.txt"]
# set N, annotated blind and committed (4f460cb) while the ninth round was written without it, measured
# once with its rules frozen at 886190f (README: precision 0.923, recall 0.994, values 0.983, years 0.821,
# qualifiers 0.978, id precision 10 of 11, id coverage 0.057): floors a little under it
FLOORS_N = {"precision": 0.90, "recall": 0.97, "value_accuracy": 0.97, "year_agreement": 0.80,
            "qualifier_agreement": 0.96, "id_precision": 0.85, "id_coverage": 0.04}

SET_O = ["doc15[89]_*.txt", "doc16[0-9]_*.txt"]
# set O, annotated blind and committed (b2ec331), measured once after set N with the ninth round's rules
# still frozen (README: precision 0.949, recall 0.965, values 0.982, years 0.653, qualifiers 0.958, id
# precision 8 of 10, id coverage 0.057): floors a little under it
FLOORS_O = {"precision": 0.93, "recall": 0.95, "value_accuracy": 0.97, "year_agreement": 0.63,
            "qualifier_agreement": 0.94, "id_precision": 0.75, "id_coverage": 0.04}

SET_P = ["doc17[0-7]_*.txt"]
# set P, annotated blind and committed (c1090be) while the tenth round was written without it, measured once
# with its rules frozen at 5f30a23 (README: precision 0.968, recall 0.984, values 0.975, years 0.661,
# qualifiers 0.992, id precision 16 of 18, id coverage 0.144): floors a little under it
FLOORS_P = {"precision": 0.95, "recall": 0.96, "value_accuracy": 0.96, "year_agreement": 0.64,
            "qualifier_agreement": 0.97, "id_precision": 0.85, "id_coverage": 0.12}

SET_Q = ["doc18[2-9]_*.txt", "doc190_*.txt"]
# set Q, annotated blind and committed (a0bccfc), measured once after set P with the tenth round's rules
# still frozen (README: precision 0.929, recall 0.975, values 1.000, years 0.983, qualifiers 0.991, id
# precision 13 of 14, id coverage 0.111): floors a little under it
FLOORS_Q = {"precision": 0.91, "recall": 0.95, "value_accuracy": 0.99, "year_agreement": 0.96,
            "qualifier_agreement": 0.97, "id_precision": 0.90, "id_coverage": 0.09}

SET_R = ["doc19[1-9]_*.txt", "doc200_*.txt"]
# set R, annotated blind under the codebook's definitions of falls, 余/多 and years from the page text only,
# committed (8b4007e) while the eleventh round was written without it, measured once with its rules frozen
# at b3ce22d (README: precision 0.961, recall 0.972, values 0.988, years 0.855, qualifiers 0.983, id
# precision 14 of 16, id coverage 0.089): floors a little under it
FLOORS_R = {"precision": 0.94, "recall": 0.95, "value_accuracy": 0.97, "year_agreement": 0.83,
            "qualifier_agreement": 0.96, "id_precision": 0.80, "id_coverage": 0.07}

SET_S = ["doc20[1-9]_*.txt", "doc210_*.txt"]
# set S, annotated blind with set R by another reader, committed (03f3897), measured once after set R with
# the eleventh round's rules still frozen (README: precision 0.929, recall 0.948, values 1.000, years 0.848,
# qualifiers 0.993, id precision 12 of 16, id coverage 0.103): floors a little under it
FLOORS_S = {"precision": 0.91, "recall": 0.93, "value_accuracy": 0.99, "year_agreement": 0.82,
            "qualifier_agreement": 0.97, "id_precision": 0.70, "id_coverage": 0.08}

SET_T = ["doc21[1-9]_*.txt", "doc220_*.txt"]
# set T, annotated blind under the codebook of sets R and S, committed (bb72beb) while the twelfth round was
# written without it, measured once with its rules frozen at 94d2d47 (README: precision 0.989, recall
# 0.978, values 0.995, years 1.000, qualifiers 0.978, id precision 11 of 17, id coverage 0.092): floors a
# little under it
FLOORS_T = {"precision": 0.97, "recall": 0.96, "value_accuracy": 0.98, "year_agreement": 0.98,
            "qualifier_agreement": 0.96, "id_precision": 0.60, "id_coverage": 0.07}

SET_U = ["doc22[1-9]_*.txt", "doc230_*.txt"]
# set U, annotated blind with set T by another reader, committed with it, measured once after set T with
# the twelfth round's rules still frozen (README: precision 0.965, recall 0.979, values 1.000, years 0.927,
# qualifiers 0.993, id precision 12 of 12, id coverage 0.085): floors a little under it
FLOORS_U = {"precision": 0.94, "recall": 0.96, "value_accuracy": 0.99, "year_agreement": 0.90,
            "qualifier_agreement": 0.97, "id_precision": 0.90, "id_coverage": 0.07}

SET_V = ["doc23[1-9]_*.txt", "doc240_*.txt"]
# set V, annotated blind under the codebook of sets R-U after the thirteenth round was merged, committed
# (de05039) before any extractor run, measured once with its rules frozen at 13f24b4 (README: precision
# 0.978, recall 0.957, values 1.000, years 0.948, qualifiers 0.993, id precision 12 of 13, id coverage
# 0.095): floors a little under it
FLOORS_V = {"precision": 0.96, "recall": 0.94, "value_accuracy": 0.99, "year_agreement": 0.92,
            "qualifier_agreement": 0.97, "id_precision": 0.85, "id_coverage": 0.08}

SET_W = ["doc24[1-9]_*.txt", "doc250_*.txt"]
# set W, annotated blind with set V by another reader, committed with it, measured once after set V with
# the same rules (README: precision 0.987, recall 0.994, values 0.974, years 0.889, qualifiers 0.961, id
# precision 13 of 13, id coverage 0.084): floors a little under it
FLOORS_W = {"precision": 0.97, "recall": 0.97, "value_accuracy": 0.95, "year_agreement": 0.86,
            "qualifier_agreement": 0.94, "id_precision": 0.90, "id_coverage": 0.07}

SET_X = ["doc25[1-9]_*.txt", "doc260_*.txt"]
# set X, annotated blind after the fourteenth round was merged, committed (d79e1c6) before any extractor
# run, measured once with its rules frozen at 6a3efe5 (README: precision 0.943, recall 0.968, values 1.000,
# years 0.973, qualifiers 1.000, id precision 11 of 13, id coverage 0.082): floors a little under it
FLOORS_X = {"precision": 0.92, "recall": 0.95, "value_accuracy": 0.99, "year_agreement": 0.95,
            "qualifier_agreement": 0.98, "id_precision": 0.80, "id_coverage": 0.06}

SET_Y = ["doc26[1-9]_*.txt", "doc270_*.txt"]
# set Y, annotated blind with set X by another reader, committed with it, measured once after set X with
# the same rules (README: precision 0.957, recall 0.993, values 1.000, years 0.902, qualifiers 0.970, id
# precision 13 of 15, id coverage 0.108): floors a little under it
FLOORS_Y = {"precision": 0.94, "recall": 0.97, "value_accuracy": 0.99, "year_agreement": 0.87,
            "qualifier_agreement": 0.95, "id_precision": 0.80, "id_coverage": 0.09}

SET_Z = ["doc27[1-9]_*.txt", "doc280_*.txt"]
# set Z, annotated blind after the fifteenth round was merged, committed (ff8c5b8) before any extractor run,
# measured once with its rules frozen at 4e49d90 (README: precision 0.986, recall 0.959, values 1.000,
# years 0.972, qualifiers 0.993, id precision 7 of 11, id coverage 0.077): floors a little under it
FLOORS_Z = {"precision": 0.96, "recall": 0.94, "value_accuracy": 0.99, "year_agreement": 0.95,
            "qualifier_agreement": 0.97, "id_precision": 0.55, "id_coverage": 0.06}

SET_AA = ["doc28[1-9]_*.txt", "doc290_*.txt"]
# set AA, annotated blind with set Z by another reader, committed with it, measured once after set Z with
# the same rules (README: precision 0.912, recall 1.000, values 0.989, years 0.859, qualifiers 0.972, id
# precision 6 of 9, id coverage 0.057): floors a little under it
FLOORS_AA = {"precision": 0.89, "recall": 0.98, "value_accuracy": 0.97, "year_agreement": 0.83,
             "qualifier_agreement": 0.95, "id_precision": 0.55, "id_coverage": 0.04}

SET_AB = ["doc29[1-9]_*.txt", "doc300_*.txt"]
# set AB, annotated blind after the sixteenth round was merged, committed (ac913c6) before any extractor run,
# measured once with its rules frozen at 39d7eea (README: precision 0.979, recall 0.965, values 1.000,
# years 0.746, qualifiers 0.993, id precision 13 of 15, id coverage 0.106): floors a little under it
FLOORS_AB = {"precision": 0.95, "recall": 0.94, "value_accuracy": 0.99, "year_agreement": 0.72,
             "qualifier_agreement": 0.97, "id_precision": 0.80, "id_coverage": 0.09}

SET_AC = ["doc30[1-9]_*.txt", "doc310_*.txt"]
# set AC, annotated blind with set AB by another reader, committed with it, measured once after set AB with
# the same rules (README: precision 0.953, recall 1.000, values 1.000, years 0.828, qualifiers 1.000, id
# precision 13 of 14, id coverage 0.109): floors a little under it
FLOORS_AC = {"precision": 0.93, "recall": 0.98, "value_accuracy": 0.99, "year_agreement": 0.80,
             "qualifier_agreement": 0.98, "id_precision": 0.85, "id_coverage": 0.09}

SET_AD = ["doc31[1-9]_*.txt", "doc320_*.txt"]
# set AD, annotated blind after the seventeenth round was merged, committed (e125e1f) before any extractor
# run, measured once with its rules frozen at 9573ada (README: precision 0.945, recall 0.994, values 0.987,
# years 0.987, qualifiers 1.000, id precision 13 of 13, id coverage 0.079): floors a little under it
FLOORS_AD = {"precision": 0.92, "recall": 0.97, "value_accuracy": 0.97, "year_agreement": 0.96,
             "qualifier_agreement": 0.98, "id_precision": 0.90, "id_coverage": 0.06}

SET_AE = ["doc32[1-9]_*.txt", "doc330_*.txt"]
# set AE, annotated blind with set AD by another reader, committed with it, measured once after set AD with
# the same rules (README: precision 1.000, recall 0.986, values 1.000, years 0.971, qualifiers 1.000, id
# precision 8 of 8, id coverage 0.058): floors a little under it
FLOORS_AE = {"precision": 0.98, "recall": 0.96, "value_accuracy": 0.99, "year_agreement": 0.95,
             "qualifier_agreement": 0.98, "id_precision": 0.90, "id_coverage": 0.04}

SET_AF = ["doc33[1-9]_*.txt", "doc340_*.txt"]
# set AF, annotated blind after the seventeenth round, committed (2d38803) before any extractor run, measured
# once with the seventeenth round's rules unchanged (9573ada) (README: precision 0.988, recall 0.988, values
# 1.000, years 0.861, qualifiers 0.949, id precision 22 of 23, id coverage 0.144): floors a little under it
FLOORS_AF = {"precision": 0.96, "recall": 0.96, "value_accuracy": 0.99, "year_agreement": 0.83,
             "qualifier_agreement": 0.92, "id_precision": 0.90, "id_coverage": 0.12}

SET_AG = ["doc34[1-9]_*.txt", "doc350_*.txt"]
# set AG, annotated blind with set AF by another reader, committed with it, measured once after set AF with
# the same rules (README: precision 0.955, recall 0.993, values 1.000, years 0.907, qualifiers 0.993, id
# precision 13 of 13, id coverage 0.083): floors a little under it
FLOORS_AG = {"precision": 0.93, "recall": 0.97, "value_accuracy": 0.99, "year_agreement": 0.88,
             "qualifier_agreement": 0.97, "id_precision": 0.90, "id_coverage": 0.06}

SET_AH = ["doc35[1-9]_*.txt", "doc360_*.txt"]
# set AH, annotated blind after the eighteenth round was merged, committed (5ea16a6) before any extractor run,
# measured once with its rules frozen at 070c605 (README: precision 0.935, recall 0.963, values 1.000, years
# 0.866, qualifiers 0.987, id precision 16 of 19, id coverage 0.113): floors a little under it
FLOORS_AH = {"precision": 0.91, "recall": 0.94, "value_accuracy": 0.99, "year_agreement": 0.83,
             "qualifier_agreement": 0.96, "id_precision": 0.80, "id_coverage": 0.09}

SET_AI = ["doc36[1-9]_*.txt", "doc370_*.txt"]
# set AI, annotated blind with set AH by another reader, committed with it, measured once after set AH with
# the same rules (README: precision 0.959, recall 0.911, values 1.000, years 0.945, qualifiers 1.000, id
# precision 16 of 19, id coverage 0.112): floors a little under it
FLOORS_AI = {"precision": 0.93, "recall": 0.89, "value_accuracy": 0.99, "year_agreement": 0.92,
             "qualifier_agreement": 0.98, "id_precision": 0.80, "id_coverage": 0.09}

SET_AJ = ["doc37[1-9]_*.txt", "doc380_*.txt"]
# set AJ, annotated blind after the eighteenth round, committed (c7c8102) before any extractor run, measured
# once with no rule written after sets AH and AI (README: precision 0.973, recall 0.991, values 1.000, years
# 0.609, qualifiers 1.000, id precision 13 of 13, id coverage 0.115): floors a little under it
FLOORS_AJ = {"precision": 0.95, "recall": 0.97, "value_accuracy": 0.99, "year_agreement": 0.57,
             "qualifier_agreement": 0.98, "id_precision": 0.90, "id_coverage": 0.09}

SET_AK = ["doc38[1-9]_*.txt", "doc390_*.txt"]
# set AK, annotated blind with set AJ by another reader, committed with it, measured once after set AJ with
# the same rules (README: precision 0.976, recall 0.959, values 1.000, years 0.765, qualifiers 1.000, id
# precision 17 of 17, id coverage 0.102): floors a little under it
FLOORS_AK = {"precision": 0.95, "recall": 0.93, "value_accuracy": 0.99, "year_agreement": 0.73,
             "qualifier_agreement": 0.98, "id_precision": 0.90, "id_coverage": 0.08}

BLIND_SETS = {"D": (SET_D, 12, 162, FLOORS_D), "E": (SET_E, 12, 177, FLOORS_E), "F": (SET_F, 12, 161, FLOORS_F),
              "G": (SET_G, 12, 179, FLOORS_G), "H": (SET_H, 12, 143, FLOORS_H),
              "I": (SET_I, 12, 207, FLOORS_I), "J": (SET_J, 12, 243, FLOORS_J), "K": (SET_K, 12, 136, FLOORS_K),
              "L": (SET_L, 12, 198, FLOORS_L), "M": (SET_M, 12, 183, FLOORS_M),
              "N": (SET_N, 12, 180, FLOORS_N), "O": (SET_O, 12, 173, FLOORS_O),
              "P": (SET_P, 8, 123, FLOORS_P), "Q": (SET_Q, 9, 120, FLOORS_Q),
              "R": (SET_R, 10, 178, FLOORS_R), "S": (SET_S, 10, 153, FLOORS_S),
              "T": (SET_T, 10, 186, FLOORS_T), "U": (SET_U, 10, 140, FLOORS_U),
              "V": (SET_V, 10, 140, FLOORS_V), "W": (SET_W, 10, 154, FLOORS_W),
              "X": (SET_X, 10, 155, FLOORS_X), "Y": (SET_Y, 10, 134, FLOORS_Y),
              "Z": (SET_Z, 10, 147, FLOORS_Z), "AA": (SET_AA, 10, 177, FLOORS_AA),
              "AB": (SET_AB, 10, 143, FLOORS_AB), "AC": (SET_AC, 10, 122, FLOORS_AC),
              "AD": (SET_AD, 10, 157, FLOORS_AD), "AE": (SET_AE, 10, 140, FLOORS_AE),
              "AF": (SET_AF, 10, 160, FLOORS_AF), "AG": (SET_AG, 10, 151, FLOORS_AG),
              "AH": (SET_AH, 10, 163, FLOORS_AH), "AI": (SET_AI, 10, 179, FLOORS_AI),
              "AJ": (SET_AJ, 10, 111, FLOORS_AJ), "AK": (SET_AK, 10, 169, FLOORS_AK)}


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
