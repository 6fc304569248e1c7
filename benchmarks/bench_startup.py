"""Start-up: ``import comparekit`` beside ``import pandas``, and the first ``compare()`` answer.

Each measurement runs in a fresh Python process (``--repeat`` times, alternating, median kept):

* ``import pandas`` alone;
* ``import comparekit`` alone (it imports pandas itself): target at most 1.2x ``import pandas``;
* in a process that has imported comparekit, the first ``compare("urbanization_rate")`` call:
  target at most 0.5 s. The validated registries and the study's harmonized table are cached on
  disk (``comparekit.layers``); the target is for that usual case, a warm cache;
* the same first call with a cold cache (``COMPAREKIT_CACHE`` pointed at a new, empty folder in
  each process): what a first run after installing, or after editing a registry, costs.

Run: ``python benchmarks/bench_startup.py [--repeat 7] [--save]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _record import ROOT, write_result  # noqa: E402

TARGET_IMPORT_RATIO = 1.2
TARGET_FIRST_COMPARE_S = 0.5

_IMPORT = "import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
_FIRST_COMPARE = (
    "import json, time; t = time.perf_counter(); import comparekit; imported = time.perf_counter() - t; "
    "t = time.perf_counter(); comparekit.compare('urbanization_rate'); first = time.perf_counter() - t; "
    "t = time.perf_counter(); comparekit.compare('childcare_slots_per_1000'); second = time.perf_counter() - t; "
    "print(json.dumps([imported, first, second]))"
)


def _run(code: str, env: dict | None = None) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                          env=None if env is None else {**os.environ, **env})
    return done.stdout.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="fresh processes per measurement; the median is reported")
    parser.add_argument("--save", action="store_true", help="also replace the committed result in benchmarks/results/")
    args = parser.parse_args(argv)

    _run(_IMPORT.format(module="comparekit"))  # warm the file-system cache and the byte-code
    pandas_s, comparekit_s, first_s, second_s, cold_s = [], [], [], [], []
    for _ in range(args.repeat):
        pandas_s.append(float(_run(_IMPORT.format(module="pandas"))))
        comparekit_s.append(float(_run(_IMPORT.format(module="comparekit"))))
        _, first, second = json.loads(_run(_FIRST_COMPARE))
        first_s.append(first)
        second_s.append(second)
        with tempfile.TemporaryDirectory() as empty:
            cold_s.append(json.loads(_run(_FIRST_COMPARE, {"COMPAREKIT_CACHE": empty}))[1])
    pandas_median, comparekit_median = statistics.median(pandas_s), statistics.median(comparekit_s)
    ratio = comparekit_median / pandas_median
    first_median = statistics.median(first_s)
    print(f"import pandas:        {pandas_median:6.3f} s (median of {args.repeat} fresh processes)")
    print(f"import comparekit:    {comparekit_median:6.3f} s = {ratio:.2f}x import pandas (target <= {TARGET_IMPORT_RATIO:g}x: {'met' if ratio <= TARGET_IMPORT_RATIO else 'NOT met'})")
    print(f"first compare():      {first_median:6.3f} s (target <= {TARGET_FIRST_COMPARE_S:g} s: {'met' if first_median <= TARGET_FIRST_COMPARE_S else 'NOT met'}); "
          f"a second indicator then takes {statistics.median(second_s):.3f} s")
    cold_median = statistics.median(cold_s)
    print(f"first compare(), cold cache: {cold_median:6.3f} s (every registry read and validated, the study's table "
          f"harmonized: {'within' if cold_median <= TARGET_FIRST_COMPARE_S else 'over'} the {TARGET_FIRST_COMPARE_S:g} s target)")
    result = {
        "repeat": args.repeat,
        "import_pandas_s": round(pandas_median, 3),
        "import_comparekit_s": round(comparekit_median, 3),
        "import_ratio": round(ratio, 2),
        "first_compare_s": round(first_median, 3),
        "second_compare_s": round(statistics.median(second_s), 3),
        "first_compare_cold_cache_s": round(cold_median, 3),
        "runs": {"import_pandas_s": [round(x, 3) for x in pandas_s], "import_comparekit_s": [round(x, 3) for x in comparekit_s],
                 "first_compare_s": [round(x, 3) for x in first_s],
                 "first_compare_cold_cache_s": [round(x, 3) for x in cold_s]},
        "targets": {"import_ratio": TARGET_IMPORT_RATIO, "first_compare_s": TARGET_FIRST_COMPARE_S},
    }
    write_result("startup", result, save=args.save)
    return result


if __name__ == "__main__":
    main()
