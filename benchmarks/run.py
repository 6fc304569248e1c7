"""Run the benchmarks, each in a fresh process, and print every measured ratio beside its target.

``python benchmarks/run.py`` (``make benchmark``) runs the speed benchmarks (about 5–10 minutes on a
2-core machine) and writes their results to ``benchmarks/results/latest/`` only.
``--save`` (``make benchmark-save``) also replaces the committed results in ``benchmarks/results/``,
which the README quotes. ``--scale`` (``make benchmark-scale``) adds the 3.4 M and 10 M row runs.
``--report`` runs nothing: it prints the table of the committed results as Markdown, for the README.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _record import ROOT, read_result  # noqa: E402

BENCHMARKS = {
    "numeric": ["benchmarks/bench_numeric.py"],
    "harmonize": ["benchmarks/bench_harmonize.py"],
    "startup": ["benchmarks/bench_startup.py"],
    "extract": ["benchmarks/bench_extract.py"],
}
SCALE = {"scale": ["benchmarks/bench_scale.py"]}


def _rows(results: dict[str, dict | None]) -> list[tuple[str, str, float | None, str, bool | None]]:
    """(what, how measured, value, target, met) for every target of the issue."""
    rows = []

    def add(what: str, unit: str, value, target: float, higher_is_better: bool = False) -> None:
        if value is None:
            rows.append((what, unit, None, f"{'>=' if higher_is_better else '<='} {target:g}", None))
            return
        met = value >= target if higher_is_better else value <= target
        rows.append((what, unit, value, f"{'>=' if higher_is_better else '<='} {target:g}", met))

    numeric = results.get("numeric")
    if numeric:
        add("numeric harmonize, pyam time / comparekit time", "x", numeric.get("pyam_over_comparekit"), numeric["target_pyam_over_comparekit"], True)
    text = results.get("harmonize")
    if text:
        add(f"text harmonize, {text['statements']:,} rows (median)", "s", text["harmonize_median_s"], text["targets"]["harmonize_median_s"])
        add("text harmonize, peak memory above the input table", "MiB", text["memory_above_input_mib"], text["targets"]["memory_above_input_mib"])
    scale = results.get("scale")
    if scale:
        for run in scale["runs"][1:]:
            add(f"time per row at {run['rows']:,} rows / at 1.7 M ({run['how'].split(',')[0]})", "x", run["per_row_ratio"], scale["targets"]["per_row_ratio"])
        dataset = scale.get("dataset")
        if dataset:
            add(f"Parquet dataset, {dataset['rows']:,} rows, peak memory above start", "MiB", dataset["memory_above_start_mib"], scale["targets"]["dataset_memory_mib"])
    startup = results.get("startup")
    if startup:
        add("import comparekit / import pandas", "x", startup["import_ratio"], startup["targets"]["import_ratio"])
        add("first compare() answer", "s", startup["first_compare_s"], startup["targets"]["first_compare_s"])
    extract = results.get("extract")
    if extract:
        add("extractor in bulk, 1 process / bare scan", "x", extract["extract_one_process"]["ratio_to_bare"], extract["targets"]["bulk_one_process_ratio"])
        add("extractor, worst of the five plans / bare scan", "x", extract["worst_plan_ratio_to_bare"], extract["targets"]["per_plan_ratio"])
    return rows


def _print_table(results: dict[str, dict | None]) -> None:
    rows = _rows(results)
    print(f"\n{'measure':<62}{'value':>12}  {'target':<10}  met")
    for what, unit, value, target, met in rows:
        shown = "not run" if value is None else f"{value:,.2f} {unit}"
        print(f"{what:<62}{shown:>12}  {target + ' ' + unit:<10}  {'-' if met is None else 'yes' if met else 'NO'}")
    for name, result in results.items():
        if result:
            print(f"{name}: {result['date']}, commit {result['commit']}, {result['machine']}, load {result.get('load_average_at_start')}")


def _markdown(results: dict[str, dict | None]) -> str:
    lines = ["| measure | value | target | met |", "|---|---:|---:|:---:|"]
    for what, unit, value, target, met in _rows(results):
        shown = "not run" if value is None else f"{value:,.2f} {unit}"
        lines.append(f"| {what} | {shown} | {target} {unit} | {'—' if met is None else 'yes' if met else 'no'} |")
    runs = sorted({(r["date"][:10], r["commit"], r["machine"]) for r in results.values() if r})
    for date, commit, machine in runs:
        lines.append(f"\nMeasured {date} at commit `{commit}` on {machine}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", action="store_true", help="also replace the committed results in benchmarks/results/")
    parser.add_argument("--scale", action="store_true", help="also run the 3.4 M / 10 M row and Parquet dataset benchmark")
    parser.add_argument("--only", nargs="*", help="run only these benchmarks (names: numeric harmonize startup extract scale)")
    parser.add_argument("--report", action="store_true", help="run nothing; print the committed results as a Markdown table")
    args = parser.parse_args(argv)
    every = {**BENCHMARKS, **SCALE}
    if args.report:
        print(_markdown({name: read_result(name, saved=True) for name in every}))
        return 0
    chosen = {**BENCHMARKS, **(SCALE if args.scale else {})}
    if args.only:
        chosen = {name: every[name] for name in args.only}
    failed = []
    for name, command in chosen.items():
        print(f"\n=== {name}: {' '.join(command)}", flush=True)
        done = subprocess.run([sys.executable, *command, *(["--save"] if args.save else [])], cwd=ROOT)
        if done.returncode:
            failed.append(name)
    _print_table({name: read_result(name) if name not in failed else None for name in chosen})
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
