"""Text harmonize at national scale: parse + harmonize a synthetic panel of ~1.7 million statements.

Every county-level unit of China (2,844) × 60 indicators × 10 years, with realistic, varied value
texts (qualifiers, ranges, 万 multipliers, per-1000 rates, full-width digits, non-breaking spaces,
page-number artefacts, qualitative targets, a few bad texts). In one fresh process:

* the first ``harmonize(panel, validate=False)`` call, with the process's resident memory before it
  (the panel itself) and its peak during it: the memory harmonize adds above its input table;
* the median of ``--repeat`` further calls (target: at most 3 s);
* the share of distinct value texts the vectorized fast path reads (the rest go through the scalar
  parser), and a naive row-by-row parse (``parse_value_text`` in a Python loop) on a sample,
  scaled to all rows, for scale.

Run: ``python benchmarks/bench_harmonize.py [--units 2844] [--repeat 3] [--save]``.
Writes ``benchmarks/results/latest/harmonize.json`` (and, with ``--save``, ``benchmarks/results/harmonize.json``).
"""

from __future__ import annotations

import argparse
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from _record import median_time, peak_rss_mib, write_result  # noqa: E402
from comparekit.harmonize import harmonize  # noqa: E402
from comparekit.registry import load_indicators, load_places  # noqa: E402
from comparekit.values import parse_value_text, parse_value_texts  # noqa: E402

TARGET_SECONDS = 3.0
TARGET_MEMORY_MIB = 1024.0

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
    from comparekit.harmonize.derive import _derivation_rules

    return list(_derivation_rules().index)


def synthetic_panel(units: int, n_indicators: int, years: int, seed: int = 20241, first_unit: int = 0) -> pd.DataFrame:
    """Return a synthetic statement table of ``units × n_indicators × years`` rows (value text only).

    *first_unit* numbers the places (and statement ids) from there, so that chunks of a larger
    panel can be made one at a time.
    """
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
        as_text = {key: array.astype(str).astype(object) for key, array in values.items()}
        as_text["V"] = np.array([t.translate(full) for t in as_text["v"]], dtype=object)
        for j, template in enumerate(templates):
            sel = np.flatnonzero(pick == j)
            # vectorized template.format(): literal parts and fields concatenated as object arrays
            out = np.full(len(sel), "", dtype=object)
            for literal, field, _, _ in string.Formatter().parse(template):
                out = out + literal
                if field is not None:
                    out = out + as_text[field][sel]
            texts[rows[sel]] = out
    bad = rng.random(n) < 0.001
    texts[bad] = rng.choice(BAD, int(bad.sum()))
    return pd.DataFrame(
        {
            "statement_id": pd.RangeIndex(first_unit * n_indicators * years, first_unit * n_indicators * years + n).astype(str),
            # synthetic counties borrow the registry's place ids (an unknown place is set aside)
            "place_id": np.asarray(load_places()["place_id"], dtype=object)[(first_unit + place) % len(load_places())],
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


def _rss_mib() -> float:
    """Current resident memory of this process in MiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return peak_rss_mib()


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2844)
    parser.add_argument("--indicators", type=int, default=60)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3, help="timed harmonize calls after the first; the median is reported")
    parser.add_argument("--naive-sample", type=int, default=100_000, help="rows for the naive row-by-row parse (scaled to all rows)")
    parser.add_argument("--save", action="store_true", help="also replace the committed result in benchmarks/results/")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    panel = synthetic_panel(args.units, args.indicators, args.years)
    generate = time.perf_counter() - t0
    distinct = int(panel["value_text"].nunique())
    print(f"synthetic panel: {len(panel):,} statements, {distinct:,} distinct value texts ({generate:.1f} s to generate)")

    input_mib = _rss_mib()
    t0 = time.perf_counter()
    harmonized = harmonize(panel, validate=False)
    t_first = time.perf_counter() - t0
    peak = peak_rss_mib()
    above = peak - input_mib
    status = harmonized["status"].value_counts().to_dict()
    rows_out = len(harmonized)
    del harmonized
    t_median, times, _ = median_time(lambda: harmonize(panel, validate=False), args.repeat)

    from comparekit.values import vectorized as values

    calls = []
    scalar = values._scalar_row
    values._scalar_row = lambda text: calls.append(text) or scalar(text)
    try:
        parse_value_texts(panel["value_text"])
    finally:
        values._scalar_row = scalar
    fast_share = 1 - len(calls) / distinct

    sample = panel["value_text"].sample(min(args.naive_sample, len(panel)), random_state=0)
    t0 = time.perf_counter()
    for text in sample.tolist():
        try:
            parse_value_text(text)
        except ValueError:
            pass
    t_naive = (time.perf_counter() - t0) * len(panel) / len(sample)

    print(f"harmonize, first call:           {t_first:6.2f} s")
    print(f"harmonize, median of {args.repeat} more:     {t_median:6.2f} s   (target <= {TARGET_SECONDS:g} s: {'met' if t_median <= TARGET_SECONDS else 'NOT met'})")
    print(f"memory: input {input_mib:,.0f} MiB, peak {peak:,.0f} MiB, above input {above:,.0f} MiB   (target <= {TARGET_MEMORY_MIB:,.0f} MiB: {'met' if above <= TARGET_MEMORY_MIB else 'NOT met'})")
    print(f"fast path: {fast_share:.1%} of distinct value texts; naive row-by-row parse (sample of {len(sample):,}, scaled): {t_naive:.1f} s")
    print(f"status: {status}; {rows_out:,} rows out")

    result = {
        "statements": len(panel),
        "distinct_value_texts": distinct,
        "harmonize_first_call_s": round(t_first, 2),
        "harmonize_median_s": round(t_median, 2),
        "harmonize_runs_s": [round(t, 2) for t in times],
        "rss_input_mib": round(input_mib),
        "peak_rss_mib": round(peak),
        "memory_above_input_mib": round(above),
        "fast_path_share_of_distinct_texts": round(fast_share, 4),
        "naive_row_by_row_parse_s": round(t_naive, 1),
        "naive_sample_rows": len(sample),
        "set_aside": int(status.get("set_aside", 0)),
        "targets": {"harmonize_median_s": TARGET_SECONDS, "memory_above_input_mib": TARGET_MEMORY_MIB},
    }
    write_result("harmonize", result, save=args.save)
    return result


if __name__ == "__main__":
    main()
