"""The entry point :func:`extract`: one document's text in, a draft statement table out."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .collect import read_text
from .context import year_context
from .headline import headline_years
from .parallel import PARALLEL_MIN_CHARS, extract_parallel, pieces, worker_count
from .rules import rules
from .ids import confirm_ids
from .values import finish
from .view import MatchingView, matching_view

__all__ = ["extract"]


def extract(text: str, *, source_id: str | None = None, place_id: str | None = None,
            horizon: int | None = None, workers: int | None = None) -> pd.DataFrame:
    """Propose the quantitative (and qualitative) statements of one planning document.

    Parameters
    ----------
    text : str
        The document as read (offsets index into exactly this string).
    source_id, place_id : str, optional
        Written into every row; ``statement_id`` is ``<source_id or 'draft'>-001`` ….
    horizon : int, optional
        The plan horizon's end year, used when a statement states no year (nor its paragraph or
        heading). When not given, the year of the document's title is used (``2024年…项目``,
        ``2021—2025年…``: 2025), else the most frequent ``到YYYY年`` of the text; ``year_source``
        says which.
    workers : int, optional
        Processes to read the text with. With more than one, the text is cut into pieces at blank
        lines after a sentence end and the pieces are read by a pool of *workers* processes
        (started on first use and kept for later calls); the result is identical to ``workers=1``.
        By default a text shorter than :data:`PARALLEL_MIN_CHARS` characters (every real plan) is
        read in this process, a longer one with one process per available CPU (at most 8). The
        processes are started with 'spawn', so a script must call :func:`extract` under
        ``if __name__ == "__main__":``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EXTRACT_COLUMNS`, one row per statement, in reading order;
        ``text[quote_start:quote_end] == quote`` and ``value_text`` is part of ``quote``. A candidate
        whose value text :mod:`comparekit.values` cannot read is left out (none in the five plans).

    Raises
    ------
    TypeError
        *text* is not a str.
    ValueError
        *workers* is not a positive integer.
    RuntimeError
        A worker process stopped before finishing (the message says why this usually happens).

    Examples
    --------
    >>> rows = extract("到2025年,全市常住人口城镇化率达到55%左右。", horizon=2025)
    >>> rows[["indicator_id", "scope_text", "year", "value", "qualifier", "value_text"]].values.tolist()
    [['urbanization_rate', '全市', 2025, 55.0, 'about', '55%左右']]
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs the document text as str, not {type(text).__name__}")
    workers = worker_count(workers, len(text))
    r = rules()
    view = matching_view(text)
    original, text = text, view.text
    years = year_context(text, horizon, r)
    starts = pieces(text, workers * (4 if len(text) >= PARALLEL_MIN_CHARS else 1)) if workers > 1 else [0]
    if len(starts) > 1:
        statements = extract_parallel(text, starts, years, workers)
    else:
        statements = read_text(text, r, years)
    statements = headline_years(statements, text)
    if view.changed:
        statements = _on_original(statements, original, view)
    return finish(confirm_ids(statements, original), source_id, place_id)


def _on_original(columns: dict[str, list], text: str, view: MatchingView) -> dict[str, list]:
    """Offsets, quotes and value texts of rows read on a matching view, on the original *text*."""
    if not columns["value"]:
        return columns
    qs = view.start(np.asarray(columns["quote_start"], dtype=np.int64)).tolist()
    qe = view.end(np.asarray(columns["quote_end"], dtype=np.int64)).tolist()
    vs = view.start(np.asarray(columns["value_start"], dtype=np.int64)).tolist()
    ve = view.end(np.asarray(columns["value_end"], dtype=np.int64)).tolist()
    columns = dict(columns)
    columns["quote_start"], columns["quote_end"], columns["value_start"], columns["value_end"] = qs, qe, vs, ve
    columns["quote"] = [text[a:b] for a, b in zip(qs, qe)]
    columns["value_text"] = [text[a:b] for a, b in zip(vs, ve)]
    return columns
