"""Parallel runs: a long text cut into pieces at blank lines and read by a pool of processes.

The result is identical to reading the text in one process (``benchmarks/bench_extract.py``
measures both).
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
import uuid
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..study import Study, current_study, using
from .collect import read_text
from .context import YearContext
from .labels import LabelMatcher
from .rules import rules

__all__ = ["PARALLEL_MIN_CHARS", "pieces", "extract_parallel", "worker_count"]

#: Texts shorter than this (characters) are read in one process when ``workers`` is not given.
PARALLEL_MIN_CHARS = 2_000_000

# A piece boundary: a blank line after a sentence end. No scan match can cross it (none contains
# 。 except inside a table header's short parenthesis, excluded by _BOUNDARY_PAREN), no sentence,
# clause, table or carried year crosses a blank line, and every look-back or look-ahead of the
# rules stays within _MARGIN_BEFORE / _MARGIN_AFTER characters of the piece.
_BOUNDARY_RE = re.compile(r"。[ \t\u00a0\u3000\r]*\n[ \t\u00a0\u3000\r]*\n")
_BOUNDARY_PAREN = 10
_MARGIN_BEFORE = 1_000
_MARGIN_AFTER = 5_000

_POOL: tuple[int, ProcessPoolExecutor] | None = None
_POOL_LOCK = threading.Lock()
_WORKER_CACHES: tuple[str, LabelMatcher] | None = None  # in a worker: (call id, caches)


def pieces(text: str, count: int) -> list[int]:
    """Start offsets of up to *count* pieces of *text* (the first is 0), cut at piece boundaries."""
    starts = [0]
    n = len(text)
    for k in range(1, count):
        m = _BOUNDARY_RE.search(text, max(n * k // count, starts[-1]))
        while m and ("(" in text[max(0, m.start() - _BOUNDARY_PAREN) : m.start()]
                     or "\uff08" in text[max(0, m.start() - _BOUNDARY_PAREN) : m.start()]):
            m = _BOUNDARY_RE.search(text, m.end())
        if m is None or m.end() >= n:
            break
        if m.end() > starts[-1]:
            starts.append(m.end())
    return starts


def _pack(piece: str) -> str | bytes:
    """*piece* as UTF-16 (sent to a worker several times faster than a pickled str, which is UTF-8);
    a text with an unpaired surrogate (not encodable) is sent as it is."""
    try:
        return piece.encode("utf-16-le")
    except UnicodeEncodeError:
        return piece


def _extract_piece(task: tuple[str | bytes, int, int, int, YearContext, str, Study]) -> dict[str, list]:
    """Worker: the statement columns for the matches that start in ``[start, stop)`` of a piece.

    *task* is ``(piece, offset, start, stop, horizon, call)``: the piece (with margins) as text or
    UTF-16, where it starts in the whole text, the part of it this worker answers for, and an id of
    the :func:`extract` call (pieces of one call share the label caches of a worker), and the
    study whose registries the rules come from.
    """
    global _WORKER_CACHES
    piece, offset, start, stop, horizon, call, study = task
    if isinstance(piece, bytes):
        piece = piece.decode("utf-16-le")
    with using(study):
        if _WORKER_CACHES is None or _WORKER_CACHES[0] != call:  # the first piece of this call here
            _WORKER_CACHES = (call, LabelMatcher(rules()))
        return read_text(piece, rules(), horizon, start, stop, offset, _WORKER_CACHES[1])


def _warm_worker() -> None:
    rules()  # compile the rules once per worker process


def _executor(workers: int) -> ProcessPoolExecutor:
    """A pool of *workers* processes ('spawn': the same on every platform), started on first use and
    kept for later calls; it ends with the interpreter."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None or _POOL[0] != workers:
            if _POOL is not None:
                _POOL[1].shutdown(wait=False, cancel_futures=True)
            context = multiprocessing.get_context("spawn")
            _POOL = (workers, ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_worker))
        return _POOL[1]


def extract_parallel(text: str, starts: list[int], horizon: YearContext, workers: int) -> dict[str, list]:
    """Read the pieces of *text* that start at *starts* in a process pool; their columns, in order."""
    global _POOL
    executor = _executor(workers)
    bounds = starts + [len(text)]
    call = uuid.uuid4().hex
    study = current_study()
    futures = []
    try:
        for a, b in zip(bounds[:-1], bounds[1:]):  # each piece is sent as soon as it is cut
            lo, hi = max(0, a - _MARGIN_BEFORE), min(len(text), b + _MARGIN_AFTER)
            task = (_pack(text[lo:hi]), lo, a - lo, b - lo, horizon, call, study)
            futures.append(executor.submit(_extract_piece, task))
        columns: dict[str, list] = {}
        for future in futures:
            for name, values in future.result().items():
                columns.setdefault(name, []).extend(values)
        return columns
    except BrokenProcessPool:
        with _POOL_LOCK:
            _POOL = None  # the next call starts a new pool
        raise RuntimeError(
            "a worker process of extract(workers=...) stopped before finishing; in a script, call "
            "extract() under `if __name__ == \"__main__\":` (worker processes import the main module), "
            "or pass workers=1"
        ) from None


def worker_count(workers: int | None, size: int) -> int:
    if workers is None:
        if size < PARALLEL_MIN_CHARS or multiprocessing.current_process().daemon:
            return 1
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        return max(1, min(cpus, 8))
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive integer or None, not {workers!r}")
    return workers


