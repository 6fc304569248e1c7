"""Run the benchmarks, each in a fresh process, and print every measured ratio beside its target.

``python benchmarks/run.py`` (``make benchmark``) runs the speed benchmarks (about 5–10 minutes on a
2-core machine) and writes their results to ``benchmarks/results/latest/`` only.
``--save`` (``make benchmark-save``) also replaces the committed results in ``benchmarks/results/``,
which the README quotes. ``--scale`` (``make benchmark-scale``) adds the 3.4 M and 10 M row runs.
``--report`` runs nothing: it prints the table of the committed results as Markdown
(``benchmarks/readme_table.py --write`` puts it into the README).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _record import ROOT, read_result  # noqa: E402
from readme_table import markdown, rows  # noqa: E402

BENCHMARKS = {
    "numeric": ["benchmarks/bench_numeric.py"],
    "harmonize": ["benchmarks/bench_harmonize.py"],
    "startup": ["benchmarks/bench_startup.py"],
    "extract": ["benchmarks/bench_extract.py"],
}
SCALE = {"scale": ["benchmarks/bench_scale.py"]}


def _print_table(results: dict[str, dict | None]) -> None:
    print(f"\n{'measure':<64}{'measured':>12}  {'target':<10}  met   from")
    for what, unit, value, detail, target, met in rows(results):
        shown = "not run" if value is None else f"{value:,.2f} {unit}"
        print(f"{what:<64}{shown:>12}  {target:<10}  {'-' if met is None else 'yes' if met else 'NO ':<4}  {detail}")
    for name, result in results.items():
        if result:
            print(f"{name}: {result['date']}, commit {result['commit']}, {result['machine']}, load {result.get('load_average_at_start')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", action="store_true", help="also replace the committed results in benchmarks/results/")
    parser.add_argument("--scale", action="store_true", help="also run the 3.4 M / 10 M row and Parquet dataset benchmark")
    parser.add_argument("--only", nargs="*", help="run only these benchmarks (names: numeric harmonize startup extract scale)")
    parser.add_argument("--report", action="store_true", help="run nothing; print the committed results as a Markdown table")
    args = parser.parse_args(argv)
    every = {**BENCHMARKS, **SCALE}
    if args.report:
        print(markdown({name: read_result(name, saved=True) for name in every}))
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
