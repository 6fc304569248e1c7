"""Scale benchmark: parse + harmonize a synthetic national panel of ~1.7 million statements.

Every county-level unit of China (2,844) × 60 indicators × 10 years, with realistic, varied value
texts (qualifiers, ranges, 万 multipliers, per-1000 rates, full-width digits, non-breaking spaces,
page-number artefacts, qualitative targets, a few bad texts). Times, in one run and on the same data:

* the vectorized path — ``comparekit.values.parse_value_texts`` + ``comparekit.harmonize`` — with
  the process's peak resident memory (including the synthetic panel itself);
* a naive row-by-row implementation of the same parse (``parse_value_text`` called in a Python
  loop, one row at a time).

Run: ``python benchmarks/bench_harmonize.py [--units 2844] [--indicators 60] [--years 10]``.
Writes ``benchmarks/results/harmonize.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
import resource
from pathlib import Path

import numpy as np
import pandas as pd

from comparekit.harmonize import harmonize
from comparekit.registry import load_indicators, load_places
from comparekit.values import parse_value_text, parse_value_texts

RESULTS = Path(__file__).resolve().parent / "results"

#: Value-text templates by indicator unit; {v} a number, {w} a second number.
TEMPLATES = {
    "%": ["{v}%", "{v}%左右", "{v}%以上", "不低于{v}%", "达到{v}%", "{v}%-{w}%", "≥{v}%", "保持{v}%", "力争达到{v}%以上", "约{v}%", "{V}％", "{v}\xa0%左右", "超过{v}%"],
    "个": ["{n}个", "{n}个以上", "不少于{n}个", "{n}-{m}个", "{k}万个", "新增{n}个", "两个", "{n} 个"],
    "万人": ["{v}万人", "{v}万人以上", "突破{v}万人"],
    "个/千人": ["{r}个", "每千人口{r}个", "≥{r}", "{r}个以上", "不少于{r}个"],
    "公里": ["{n}公里", "{n}公里以上", "{n}-{m}公里"],
    "亿元": ["{n}亿元", "{n}亿元以上", "突破{n}亿元"],
    "平方米/人": ["{r}平方米", "{r}平方米以上"],
    "": ["全覆盖", "清零", "全面消除", "零填埋", "争创"],
}
BAD = ["许多", "大幅提高", "", "若干"]


def _derivable() -> list[str]:
    from comparekit.harmonize import _derivation_rules

    return list(_derivation_rules().index)


def synthetic_panel(units: int, n_indicators: int, years: int, seed: int = 20241) -> pd.DataFrame:
    """Return a synthetic statement table of ``units × n_indicators × years`` rows (value text only)."""
    rng = np.random.default_rng(seed)
    registry = load_indicators()
    registry["unit"] = registry["unit"].fillna("")
    chosen = []
    for unit in TEMPLATES:
        # counts that harmonize derives per capita are left out: with real place ids they would add
        # derived rows, which the synthetic counties (no census population) never had
        chosen += registry.loc[(registry["unit"] == unit) & ~registry["indicator_id"].isin(_derivable()), "indicator_id"].head(12).tolist()
    chosen = (chosen * 10)[:n_indicators]
    unit_of = registry.set_index("indicator_id")["unit"]
    n = units * n_indicators * years
    place = np.repeat(np.arange(units), n_indicators * years)
    indicator = np.tile(np.repeat(np.array(chosen, dtype=object), years), units)
    year = np.tile(np.arange(2021, 2021 + years), units * n_indicators)
    texts = np.empty(n, dtype=object)
    ind_units = pd.Series(indicator).map(unit_of).to_numpy()
    for unit, templates in TEMPLATES.items():
        rows = np.flatnonzero(ind_units == unit)
        pick = rng.integers(0, len(templates), len(rows))
        v = np.round(rng.uniform(1, 99, len(rows)), 1)
        values = {
            "v": v,
            "w": np.round(v + rng.uniform(0.1, 0.9, len(rows)), 1),
            "n": rng.integers(1, 500, len(rows)),
            "m": rng.integers(500, 900, len(rows)),
            "k": np.round(rng.uniform(0.5, 9.5, len(rows)), 1),
            "r": np.round(rng.uniform(1, 9, len(rows)), 1),
        }
        full = str.maketrans("0123456789.", "０１２３４５６７８９．")
        for j, template in enumerate(templates):
            sel = np.flatnonzero(pick == j)
            for pos in sel:
                fields = {key: array[pos] for key, array in values.items()}
                fields["V"] = str(fields["v"]).translate(full)
                texts[rows[pos]] = template.format(**fields)
    bad = rng.random(n) < 0.001
    texts[bad] = rng.choice(BAD, int(bad.sum()))
    return pd.DataFrame(
        {
            "statement_id": pd.RangeIndex(n).astype(str),
            # synthetic counties borrow the registry's place ids (an unknown place is set aside)
            "place_id": np.asarray(load_places()["place_id"], dtype=object)[place % len(load_places())],
            "source_id": "synthetic",
            "indicator_id": indicator,
            "scope_text": None,
            "year": year,
            "kind": "target",
            "value_text": texts,
            "quote": texts,
            "quote_start": 0,
            "quote_end": 0,
            "note": None,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2844)
    parser.add_argument("--indicators", type=int, default=60)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--naive-sample", type=int, default=0, help="time the naive loop on this many rows only (0 = all)")
    args = parser.parse_args()

    t0 = time.perf_counter()
    panel = synthetic_panel(args.units, args.indicators, args.years)
    generate = time.perf_counter() - t0
    print(f"synthetic panel: {len(panel):,} statements, {panel['value_text'].nunique():,} distinct value texts ({generate:.1f} s to generate)")

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    parsed = parse_value_texts(panel["value_text"])
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    harmonized = harmonize(panel, validate=False)
    t_harmonize = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB (Linux reports KiB)
    status = harmonized["status"].value_counts().to_dict()
    print(f"vectorized parse:        {t_parse:6.2f} s")
    print(f"harmonize (parse incl.): {t_harmonize:6.2f} s   peak RSS {peak:,.0f} MiB (before: {rss_before:,.0f} MiB)   status {status}")

    sample = panel["value_text"] if not args.naive_sample else panel["value_text"].sample(args.naive_sample, random_state=0)
    t0 = time.perf_counter()
    naive_errors = 0
    for text in sample.tolist():
        try:
            parse_value_text(text)
        except ValueError:
            naive_errors += 1
    t_naive = time.perf_counter() - t0
    t_naive_full = t_naive * len(panel) / len(sample)
    label = "naive row-by-row parse" + ("" if not args.naive_sample else f" (sample of {len(sample):,}, scaled)")
    print(f"{label}: {t_naive_full:6.2f} s   ({t_naive_full / t_parse:.0f}× the vectorized parse)")
    sample_errors = int(parsed.loc[sample.index, "error"].notna().sum())
    assert sample_errors == naive_errors, f"vectorized ({sample_errors}) and naive ({naive_errors}) parse disagree on errors"

    result = {
        "statements": len(panel),
        "distinct_value_texts": int(panel["value_text"].nunique()),
        "vectorized_parse_s": round(t_parse, 2),
        "harmonize_total_s": round(t_harmonize, 2),
        "peak_rss_mib": round(peak),
        "rss_before_parse_mib": round(rss_before),
        "naive_row_by_row_parse_s": round(t_naive_full, 2),
        "naive_sample_rows": len(sample),
        "set_aside": int(status.get("set_aside", 0)),
        "machine": f"{platform.processor() or platform.machine()}, {platform.python_version()}",
        "targets": {"harmonize_s": 10, "peak_memory_mib": 2048},
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "harmonize.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
