"""Numeric harmonize beside pyam: the same already-numeric rows converted to each indicator's unit, in one run.

The panel has the shape of ``bench_harmonize.py`` (2,844 county-level units × 60 indicators × 10
years = 1,706,400 rows) but its values are already numbers: each row has a value, the unit it was
stated in (``万人`` or ``人``, ``‰`` or ``%``, ``万平方米`` or ``平方米`` …) and a qualifier, so nothing
is parsed. The identifier and unit columns are pandas categoricals (codes, no per-row Python
strings), as a user holding millions of rows would store them.

Timed in the same process, median of ``--repeat`` runs each:

* ``comparekit`` — ``harmonize(statements, validate=False)``: unit conversion to the indicator's
  registry unit plus everything else harmonize does (scope classes, levels, reasons, warnings,
  status), returning the full harmonized table;
* ``pyam`` — ``pyam.IamDataFrame(...)`` construction plus ``convert_unit(..., inplace=True)`` for
  each stated unit that differs from the indicator unit (pyam-iamc, the ``bench`` extra);
* ``pandas floor`` — the factors mapped onto the categorical unit and indicator columns, and a multiplication;
* ``numpy floor`` — a factor look-up by unit code and a multiplication.

The converted values of comparekit and pyam are checked to be equal row by row. The ratio
``pyam / comparekit`` must be at least 2 (target). Without pyam installed the pyam line is skipped
and said so.

Run: ``python benchmarks/bench_numeric.py [--units 2844] [--repeat 5] [--save]``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from _record import median_time, write_result  # noqa: E402
from comparekit.harmonize import harmonize  # noqa: E402
from comparekit.registry import load_indicators, load_places  # noqa: E402
from comparekit.units import unit_table  # noqa: E402

#: indicator unit → the units a value of it is stated in (the first is the indicator unit itself).
STATED = {
    "%": ["%", "‰"],
    "个": ["个", "万个"],
    "人": ["人", "万人"],
    "平方米": ["平方米", "万平方米"],
    "公里": ["公里", "千米"],
    "吨": ["吨", "万吨"],
    "亩": ["亩", "万亩"],
    "户": ["户", "万户"],
    "张": ["张", "万张"],
    "套": ["套", "万套"],
}
TARGET_RATIO = 2.0


def numeric_panel(units: int, n_indicators: int = 60, years: int = 10, seed: int = 20241) -> pd.DataFrame:
    """Return ``units × n_indicators × years`` already-numeric statements with categorical id columns."""
    rng = np.random.default_rng(seed)
    registry = load_indicators()
    # counts that harmonize derives per capita are left out: with the registry's place ids (which
    # have census populations) they would add derived rows, which pyam has no counterpart for
    from comparekit.harmonize.derive import _derivation_rules

    derivable = registry["indicator_id"].isin(_derivation_rules().index)
    chosen = registry.loc[registry["unit"].isin(list(STATED)) & ~derivable, ["indicator_id", "unit"]]
    chosen = chosen.groupby("unit", sort=False).head(12)
    chosen = pd.concat([chosen] * (-(-n_indicators // len(chosen))), ignore_index=True).head(n_indicators)
    chosen = chosen.drop_duplicates("indicator_id") if len(chosen.drop_duplicates("indicator_id")) >= n_indicators else chosen
    indicator_ids = chosen["indicator_id"].to_numpy(dtype=object)
    n = units * len(indicator_ids) * years
    place_ids = load_places()["place_id"].tolist()
    indicator_code = np.tile(np.repeat(np.arange(len(indicator_ids)), years), units)
    place_code = np.repeat(np.arange(units), len(indicator_ids) * years)
    stated_units = sorted({u for options in STATED.values() for u in options})
    unit_index = {u: i for i, u in enumerate(stated_units)}
    options = np.array([[unit_index[u] for u in STATED[unit]] for unit in chosen["unit"]])
    unit_code = options[indicator_code, rng.integers(0, 2, n)]
    value = np.round(rng.uniform(1, 99, n), 1)
    qualifiers = ["about", "at_least", "exact"]
    # duplicated indicator ids (when the registry has fewer than n_indicators) would repeat rows:
    # give each copy its own source so that (place, source, indicator, year) stays unique
    copy_of = pd.Series(indicator_ids).groupby(indicator_ids).cumcount().to_numpy()
    sources = [f"synthetic_{i}" for i in range(int(copy_of.max()) + 1)]

    def categorical(codes: np.ndarray, categories: list) -> pd.Categorical:
        return pd.Categorical.from_codes(codes, categories=categories)

    return pd.DataFrame(
        {
            "statement_id": np.arange(n, dtype=np.int64),
            # synthetic counties borrow the registry's place ids (an unknown place is set aside);
            # ``county`` keeps them apart for pyam, whose rows must be unique
            "place_id": categorical(place_code % len(place_ids), place_ids),
            "county": categorical(place_code, [f"county_{i:04d}" for i in range(units)]),
            "source_id": categorical(copy_of[indicator_code], sources),
            "indicator_id": pd.Categorical(indicator_ids[indicator_code]),
            "year": np.tile(np.arange(2021, 2021 + years), units * len(indicator_ids)),
            "kind": categorical(np.zeros(n, dtype=np.int8), ["target"]),
            "value": value,
            "unit": categorical(unit_code, stated_units),
            "qualifier": categorical(rng.integers(0, len(qualifiers), n), qualifiers),
            "value_text": categorical(np.zeros(n, dtype=np.int8), ["(numeric input)"]),
            "quote": categorical(np.zeros(n, dtype=np.int8), ["(numeric input)"]),
            "quote_start": np.zeros(n, dtype=np.int32),
            "quote_end": np.zeros(n, dtype=np.int32),
        }
    )


def _indicator_units(panel: pd.DataFrame) -> pd.Series:
    registry = load_indicators().set_index("indicator_id")["unit"]
    return panel["indicator_id"].map(registry)


def run_comparekit(panel: pd.DataFrame) -> pd.DataFrame:
    return harmonize(panel, validate=False)


def run_pyam(panel: pd.DataFrame):
    import pyam

    data = pd.DataFrame(
        {
            "model": "comparekit",
            "scenario": panel["source_id"],
            "region": panel["county"],
            "variable": panel["indicator_id"],
            "unit": panel["unit"],
            "year": panel["year"],
            "value": panel["value"],
        }
    )
    frame = pyam.IamDataFrame(data)
    factors = unit_table()["factor"]
    for indicator_unit, stated in STATED.items():
        for unit in stated[1:]:
            if unit in frame.unit:
                frame.convert_unit(unit, to=indicator_unit, factor=float(factors[unit] / factors[indicator_unit]), inplace=True)
    return frame


def run_pandas(panel: pd.DataFrame) -> pd.Series:
    factors = unit_table()["factor"]
    indicator_factor = load_indicators().set_index("indicator_id")["unit"].map(factors)
    stated = panel["unit"].map(factors).astype(float)  # a map of a categorical maps its categories only
    target = panel["indicator_id"].map(indicator_factor).astype(float)
    return panel["value"] * stated / target


def run_numpy(panel: pd.DataFrame) -> np.ndarray:
    factors = unit_table()["factor"]
    unit_factor = factors.reindex(panel["unit"].cat.categories).to_numpy(dtype=float)
    indicator_factor = _indicator_units(pd.DataFrame({"indicator_id": panel["indicator_id"].cat.categories}))
    indicator_factor = factors.reindex(indicator_factor).to_numpy(dtype=float)
    return panel["value"].to_numpy() * unit_factor[panel["unit"].cat.codes.to_numpy()] / indicator_factor[panel["indicator_id"].cat.codes.to_numpy()]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2844)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each contender; the median is reported")
    parser.add_argument("--save", action="store_true", help="also replace the committed result in benchmarks/results/")
    args = parser.parse_args(argv)

    panel = numeric_panel(args.units)
    print(f"numeric panel: {len(panel):,} rows, {panel['unit'].nunique()} stated units, {panel['indicator_id'].nunique()} indicators")
    run_comparekit(panel.head(1000))  # registries read once, before timing (they are cached)
    t_ck, times_ck, harmonized = median_time(lambda: run_comparekit(panel), args.repeat)
    t_pd, _, pandas_values = median_time(lambda: run_pandas(panel), args.repeat)
    t_np, _, numpy_values = median_time(lambda: run_numpy(panel), args.repeat)
    original = harmonized[~harmonized["derived"]]
    assert len(original) == len(panel) and (original["status"] == "harmonized").all(), "numeric rows must all harmonize"
    np.testing.assert_allclose(original["value"].to_numpy(), numpy_values, rtol=1e-12)
    np.testing.assert_allclose(pandas_values.to_numpy(), numpy_values, rtol=1e-12)

    rows = [("comparekit harmonize()", t_ck), ("pandas map-and-multiply floor", t_pd), ("numpy code look-up floor", t_np)]
    # pyam's unit registry caches its parsed definitions under the user's cache folder, shared by every
    # environment of the same Python; a cache written by an environment since deleted names files that
    # are gone. One cache per environment avoids that.
    os.environ.setdefault("IAM_UNITS_CACHE", str(Path(sys.prefix) / "iam-units-cache"))
    try:
        import pyam  # noqa: F401
    except ImportError:
        pyam_version, t_pyam, ratio = None, None, None
        print("pyam is not installed (pip install -e '.[bench]'): the pyam comparison is skipped")
    else:
        pyam_version = pyam.__version__
        t_pyam, _, frame = median_time(lambda: run_pyam(panel), args.repeat)
        converted = frame.data.set_index(["scenario", "region", "variable", "year"])["value"]
        ours = original.assign(scenario=original["source_id"].astype(str), region=panel["county"].astype(str).to_numpy(), variable=original["indicator_id"].astype(str))
        ours = ours.set_index(["scenario", "region", "variable", "year"])["value"]
        np.testing.assert_allclose(converted.sort_index().to_numpy(), ours.sort_index().to_numpy(), rtol=1e-12)
        ratio = t_pyam / t_ck
        rows.insert(1, (f"pyam {pyam_version} IamDataFrame + convert_unit", t_pyam))

    print(f"{'what':<48}{'median s':>10}")
    for name, seconds in rows:
        print(f"{name:<48}{seconds:>10.3f}")
    if ratio is not None:
        print(f"pyam / comparekit = {ratio:.2f}x (target >= {TARGET_RATIO:g}x): {'met' if ratio >= TARGET_RATIO else 'NOT met'}")

    result = {
        "rows": len(panel),
        "repeat": args.repeat,
        "comparekit_harmonize_s": round(t_ck, 3),
        "comparekit_runs_s": [round(t, 3) for t in times_ck],
        "pyam_version": pyam_version,
        "pyam_construct_and_convert_s": None if t_pyam is None else round(t_pyam, 3),
        "pandas_map_floor_s": round(t_pd, 3),
        "numpy_lookup_floor_s": round(t_np, 4),
        "pyam_over_comparekit": None if ratio is None else round(ratio, 2),
        "target_pyam_over_comparekit": TARGET_RATIO,
        "values_identical_to_pyam": ratio is not None,
    }
    write_result("numeric", result, save=args.save)
    return result


if __name__ == "__main__":
    main()
