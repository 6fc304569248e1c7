"""Build time: a full ``comparekit build`` of the built-in study, cold and warm.

* **cold** — ``comparekit build --force``: every table, figure, export and the explorer regenerated
  (what any build did before the build cache, and what a build does after the code, a library or
  an input changes everything);
* **warm** — ``comparekit build`` again with nothing changed since the previous build: the
  processed tables are regenerated, every figure, export and the explorer is copied from the
  previous build after its key and its files' hashes have been checked (comparekit.cache).

Each run is a fresh process writing to a temporary folder (``--out``/``--figures``); CPU time is
user + system of the build and its worker processes, wall time is elapsed time, and the load
average before each run is printed (the machine may be shared). Medians are reported.

Run: ``python benchmarks/bench_build.py [--repeat 3] [--mode cold warm]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_BUILD = [sys.executable, "-m", "comparekit.cli", "build"]


def _timed(command: list[str]) -> dict:
    """Run *command*; return its CPU (user + sys, children included), wall time and the load before."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"build failed:\n{done.stderr[-2000:]}")
    reused = next((line for line in done.stdout.splitlines() if line.startswith("reused ")), "")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "load_1min": round(load, 2), "reused": reused}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--mode", nargs="+", choices=("cold", "warm"), default=["cold", "warm"])
    args = parser.parse_args(argv)
    results: dict[str, list[dict]] = {mode: [] for mode in args.mode}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as folder:
        out = Path(folder) / "processed"
        command = _BUILD + ["--out", str(out), "--figures", str(Path(folder) / "figures")]
        subprocess.run(command, capture_output=True, check=True)  # the previous build a warm build starts from
        for _ in range(args.repeat):
            for mode in args.mode:
                run = _timed(command + (["--force"] if mode == "cold" else []))
                results[mode].append(run)
                print(f"{mode}: {json.dumps(run, ensure_ascii=False)}", flush=True)
    summary = {
        mode: {"runs": len(runs), "cpu_s_median": statistics.median(r["cpu_s"] for r in runs), "cpu_s_range": [min(r["cpu_s"] for r in runs), max(r["cpu_s"] for r in runs)],
               "wall_s_median": statistics.median(r["wall_s"] for r in runs), "wall_s_range": [min(r["wall_s"] for r in runs), max(r["wall_s"] for r in runs)],
               "load_1min": [r["load_1min"] for r in runs]}
        for mode, runs in results.items()
    }
    print(json.dumps(summary, indent=1))
    return summary


if __name__ == "__main__":
    main()
