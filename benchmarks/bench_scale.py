"""Scale: time per row of harmonize at 1.7 M and 3.4 M rows in memory, and of a 10 M-row Parquet dataset.

Each measurement runs in a fresh process (so that peak memory belongs to it alone), on the
synthetic text panel of ``bench_harmonize.py`` (60 indicators × 10 years per county-level unit):

* in memory: ``harmonize(panel, validate=False)`` at 1,706,400 and 3,412,800 rows, after one
  untimed call; time per row at 3.4 M over time per row at 1.7 M (target: at most 1.2, i.e. flat);
* Parquet dataset: the panel written as a dataset of Parquet files (one per 1,000 units), then
  ``harmonize_dataset(source, destination)`` reading it in record batches and writing one Parquet
  file, at 1.7 M and at 10 M rows (``--dataset-rows``): time per row at 10 M over time per row at
  1.7 M (target at most 1.2), and the peak memory of the harmonizing process above its memory at
  the start of the call (target: at most 1,024 MiB, whatever the size of the dataset).

Run: ``python benchmarks/bench_scale.py [--dataset-rows 10000000] [--save]`` (about 5–10 minutes).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _record import ROOT, peak_rss_mib, write_result  # noqa: E402

ROWS_PER_UNIT = 600
TARGET_PER_ROW_RATIO = 1.2
TARGET_DATASET_MEMORY_MIB = 1024.0


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return peak_rss_mib()


def _in_memory(rows: int) -> dict:
    from bench_harmonize import synthetic_panel
    from comparekit.harmonize import harmonize

    panel = synthetic_panel(rows // ROWS_PER_UNIT, 60, 10)
    start = _rss_mib()
    harmonize(panel, validate=False)
    peak = peak_rss_mib()
    t0 = time.perf_counter()
    harmonize(panel, validate=False)
    seconds = time.perf_counter() - t0
    return {"rows": len(panel), "seconds": round(seconds, 2), "microseconds_per_row": round(seconds / len(panel) * 1e6, 3),
            "rss_input_mib": round(start), "memory_above_input_mib": round(peak - start)}


def _write_dataset(rows: int, folder: Path) -> dict:
    from bench_harmonize import synthetic_panel

    units, chunk, written = rows // ROWS_PER_UNIT, 1000, 0
    folder.mkdir(parents=True, exist_ok=True)
    for part, first in enumerate(range(0, units, chunk)):
        panel = synthetic_panel(min(chunk, units - first), 60, 10, seed=20241 + part, first_unit=first)
        panel.to_parquet(folder / f"part-{part:04d}.parquet", index=False)
        written += len(panel)
    return {"rows": written, "files": part + 1}


def _dataset(folder: Path, out: Path) -> dict:
    from comparekit.dataset import harmonize_dataset

    start = _rss_mib()
    t0 = time.perf_counter()
    summary = harmonize_dataset(folder, out, validate=False)
    seconds = time.perf_counter() - t0
    return {"rows": summary.input, "batches": summary.batches, "set_aside": summary.set_aside,
            "seconds": round(seconds, 2), "microseconds_per_row": round(seconds / summary.input * 1e6, 3),
            "memory_above_start_mib": round(peak_rss_mib() - start), "output_mb": round(out.stat().st_size / 1e6, 1)}


def _child(*arguments: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *arguments], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict | None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset-rows", type=int, default=10_000_000)
    parser.add_argument("--base-units", type=int, default=2844, help="units of the base run (2,844: 1,706,400 rows)")
    parser.add_argument("--save", action="store_true", help="also replace the committed result in benchmarks/results/")
    parser.add_argument("--in-memory", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--write-dataset", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--harmonize-dataset", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.in_memory:
        print(json.dumps(_in_memory(args.in_memory)))
        return None
    if args.write_dataset:
        print(json.dumps(_write_dataset(int(args.write_dataset[0]), Path(args.write_dataset[1]))))
        return None
    if args.harmonize_dataset:
        print(json.dumps(_dataset(Path(args.harmonize_dataset[0]), Path(args.harmonize_dataset[1]))))
        return None

    base_rows = args.base_units * ROWS_PER_UNIT
    runs = []
    for rows in (base_rows, 2 * base_rows):
        run = _child("--in-memory", str(rows))
        runs.append(run)
        print(f"in memory, {run['rows']:>10,} rows: {run['seconds']:6.2f} s, {run['microseconds_per_row']:.3f} µs/row, "
              f"{run['memory_above_input_mib']:,} MiB above the input table", flush=True)
    datasets = []
    with tempfile.TemporaryDirectory(prefix="comparekit-scale-") as tmp:
        for rows in (base_rows, args.dataset_rows):
            folder, out = Path(tmp) / f"in-{rows}", Path(tmp) / f"out-{rows}.parquet"
            made = _child("--write-dataset", str(rows), str(folder))
            run = _child("--harmonize-dataset", str(folder), str(out))
            run["files"] = made["files"]
            datasets.append(run)
            print(f"Parquet dataset, {run['rows']:>10,} rows in {made['files']} files: {run['seconds']:6.2f} s, "
                  f"{run['microseconds_per_row']:.3f} µs/row, {run['memory_above_start_mib']:,} MiB above start, "
                  f"{run['batches']} batches", flush=True)
    for run in runs[1:]:
        run["per_row_ratio"] = round(run["microseconds_per_row"] / runs[0]["microseconds_per_row"], 2)
    datasets[1]["per_row_ratio"] = round(datasets[1]["microseconds_per_row"] / datasets[0]["microseconds_per_row"], 2)
    runs.append({**datasets[1], "how": "Parquet dataset, relative to the 1.7 M-row dataset"})
    result = {
        "runs": [{**runs[0], "how": "in memory"}, {**runs[1], "how": "in memory"}, runs[2]],
        "dataset": {**datasets[1], "memory_above_start_mib": max(d["memory_above_start_mib"] for d in datasets)},
        "dataset_1_7m": datasets[0],
        "targets": {"per_row_ratio": TARGET_PER_ROW_RATIO, "dataset_memory_mib": TARGET_DATASET_MEMORY_MIB},
    }
    for run in result["runs"][1:]:
        print(f"time per row at {run['rows']:,} rows ({run['how']}): {run['per_row_ratio']:.2f}x (target <= {TARGET_PER_ROW_RATIO:g}x)")
    write_result("scale", result, save=args.save)
    return result


if __name__ == "__main__":
    main()
