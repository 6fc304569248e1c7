"""Where benchmark results go, and what every result records about the run.

Every benchmark writes its result to ``benchmarks/results/latest/<name>.json`` (not committed; each
run overwrites it). The committed results in ``benchmarks/results/<name>.json`` are the ones the
README quotes; they are replaced only when a benchmark is run with ``--save`` (``make
benchmark-save``). Each result records the machine, the date and the commit it was measured on, so a
number can always be traced to the code that produced it.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
LATEST = RESULTS / "latest"

__all__ = ["ROOT", "RESULTS", "LATEST", "environment", "write_result", "read_result", "median_time", "peak_rss_mib"]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        # saved results are not code: a run that saves them must not mark the next benchmark's commit dirty
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)benchmarks/results"],
                               cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}{'+uncommitted changes' if dirty else ''}"


def environment() -> dict:
    """Machine, date, commit and library versions of this run."""
    import numpy
    import pandas
    import pyarrow

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": _commit(),
        "machine": f"{_cpu_model()}, {cpus} CPUs, {platform.system()} {platform.machine()}",
        "load_average_at_start": load,
        "python": platform.python_version(),
        "versions": {"pandas": pandas.__version__, "numpy": numpy.__version__, "pyarrow": pyarrow.__version__},
    }


def write_result(name: str, result: dict, *, save: bool = False) -> Path:
    """Write *result* (with :func:`environment`) to ``results/latest/<name>.json``; with *save* also to ``results/<name>.json``."""
    record = {"benchmark": name, **environment(), **result}
    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    LATEST.mkdir(parents=True, exist_ok=True)
    path = LATEST / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    if save:
        path = RESULTS / f"{name}.json"
        path.write_text(text, encoding="utf-8")
    print(f"written: {path.relative_to(ROOT)}")
    return path


def read_result(name: str, *, saved: bool = False) -> dict | None:
    """The latest (or, with *saved*, the committed) result of benchmark *name*, or None."""
    path = (RESULTS if saved else LATEST) / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def median_time(func, repeat: int) -> tuple[float, list[float], object]:
    """Median of *repeat* timed calls of *func*, all the times, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
