"""Throughput of the statement extractor, side by side with a bare scan for numbers.

The five source documents are concatenated and repeated until the text reaches ``--mb`` megabytes
(UTF-8 bytes). Three timings are taken on that same text in one run:

* ``bare number scan`` — ``re.finditer(r"\\d+(?:\\.\\d+)?")`` counting matches: one pass of the
  regular-expression engine over the text, the practical upper limit for anything that reads
  numbers in a Python string;
* ``extract()`` — the full extractor (candidate scan, context rules, value parsing, DataFrame);
* ``extract() scans only`` — the extractor's own passes over the text (one per candidate type:
  numbers with units, Chinese numerals, qualitative words, relative targets, table headers), without
  the per-value context rules, to show how the time divides.

Each timing is the best of ``--repeat`` runs. Results are printed as a small table and written to
``benchmarks/results/extract.json``.

Run: ``python benchmarks/bench_extract.py [--mb 50] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from comparekit.extract import extract  # noqa: E402
from comparekit.extract_rules import rules  # noqa: E402
from comparekit.sources import load_sources, read_source_text  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "extract.json"


def _corpus(megabytes: float) -> tuple[str, int]:
    sources = load_sources()
    one = "\n\n".join(read_source_text(s) for s in sources["source_id"])
    size = len(one.encode("utf-8"))
    copies = max(1, -(-int(megabytes * 1_000_000) // size))
    return "\n\n".join([one] * copies), copies


def _best(func, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="size of the test text in MB of UTF-8 (default 50)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best is kept (default 3)")
    args = parser.parse_args(argv)

    text, copies = _corpus(args.mb)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    extract("到2025年,城镇化率达到55%左右。", horizon=2025)  # compile the rules before timing
    number = re.compile(r"\d+(?:\.\d+)?")
    scans = [pattern for _, pattern in rules().scans]

    bare_s, numbers = _best(lambda: sum(1 for _ in number.finditer(text)), args.repeat)
    scan_s, candidates = _best(lambda: sum(1 for p in scans for _ in p.finditer(text)), args.repeat)
    extract_s, frame = _best(lambda: extract(text, source_id="bench", horizon=2025), args.repeat)

    rows = [
        ("bare number scan", bare_s, f"{numbers} numbers"),
        ("extract() scans only", scan_s, f"{candidates} candidates"),
        ("extract()", extract_s, f"{len(frame)} statements"),
    ]
    print(f"text: {megabytes:.1f} MB UTF-8 ({len(text):,} characters; the five documents x {copies})")
    print(f"{'what':<24}{'seconds':>9}{'MB/s':>9}  result")
    for name, seconds, what in rows:
        print(f"{name:<24}{seconds:>9.2f}{megabytes / seconds:>9.1f}  {what}")
    ratio = extract_s / bare_s
    print(f"extract() takes {ratio:.1f}x the bare scan (target: within 5x)")

    result = {
        "megabytes_utf8": round(megabytes, 2),
        "characters": len(text),
        "copies_of_five_documents": copies,
        "repeat": args.repeat,
        "bare_scan": {"seconds": round(bare_s, 3), "mb_per_s": round(megabytes / bare_s, 1), "numbers": numbers},
        "extract_scans_only": {"seconds": round(scan_s, 3), "mb_per_s": round(megabytes / scan_s, 1),
                              "candidates": candidates},
        "extract": {"seconds": round(extract_s, 3), "mb_per_s": round(megabytes / extract_s, 1),
                    "statements": len(frame), "numeric_statements": int(frame["value"].notna().sum())},
        "ratio_extract_to_bare": round(ratio, 2),
        "target_ratio": 5.0,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {RESULTS.relative_to(ROOT)}")
    return result


if __name__ == "__main__":
    main()
