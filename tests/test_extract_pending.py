"""Tests of the batch word score (extract.labels.rank_all) that extract.pending settles ids with."""

from __future__ import annotations

import importlib

from comparekit.extract.labels import clear_label_cache, rank_all, ranked_names, score_names
from comparekit.extract.rules import rules

LABELS = ["全市常住人口城镇化率", "每千人口拥有3岁以下婴幼儿托位数", "绿色建筑开工比例", "新增技能人才", "的", "",
          "老旧小区改造户数", "森林覆盖率", "污水处理率和垃圾无害化处理率"]


def test_rank_all_scores_as_score_names():
    r = rules()
    clear_label_cache()
    rank_all(LABELS + LABELS[:3], r)
    for label in LABELS:
        assert ranked_names(label, r) == score_names(label, r)
    clear_label_cache()


def test_rank_all_scores_the_registry_names_as_score_names():
    r = rules()
    names = sorted(r.alias_to_id)[:60]
    clear_label_cache()
    rank_all(names, r)
    cache = importlib.import_module("comparekit.extract.labels")._RANKED
    assert all(cache[name] == score_names(name, r) for name in names)
    clear_label_cache()
