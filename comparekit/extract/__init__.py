"""Extract candidate indicator statements from a Chinese planning document.

:func:`extract` reads one document and proposes statements in the columns of the curated statement
table (:data:`comparekit.schema.STATEMENT_COLUMNS`), each with the verbatim quote and the character
offsets it came from, plus the label text it found (``indicator_label``) and a ``confidence``. The
rules are general Chinese planning-document patterns, kept as data in
``data/registry/extract_patterns.csv`` and compiled by :mod:`comparekit.extract.rules`:

* a value is a number followed by a unit, a percent sign, a ratio ``x:1``, a new/existing pair, a
  range or a qualifier word (``55%左右``, ``不少于10处``, ``16.05:1``, ``10(8)个``, ``5—8个``,
  ``4700以上``); bare numbers (also ``≥12``) count only in indicator tables; a Chinese numeral counts
  after a verb of making (``打造两个中心``), as a star rating (``二星级``) or an industry scale
  (``千亿产业``);
* never a value: years and dates, document and phone numbers, section and list numbers, numbers
  glued to Latin letters (``G36``, ``5G``, ``7.5MW``), names in quotes without a unit (``“4111”``),
  voltage grades (``500千伏``), ages (``3岁以下``), money thresholds that define what is counted
  (``投资500万元以上技改项目``);
* a year stated before a value (``到2025年, … 达到 …``) holds for the rest of the sentence, and a
  ``到YYYY年`` opening holds for the following sentences of its paragraph; base years (``在2020年
  基础上``), definition years (``2000年前建成的``), cited plan periods and titles are not target
  years; without a year the plan horizon is used and ``note`` says so;
* indicator tables with year columns give one statement per cell (baseline and target columns);
  a table whose cells were run together by a PDF conversion is read cell by cell with low
  confidence and a note;
* a value shared by several indicators (``A、B均增长15%``) gives one row per indicator, a
  ``分别`` list pairs subjects and values in order, a new/existing pair ``10(8)`` gives two rows;
* the value text is read by :func:`comparekit.values.parse_value_texts` (value, range, qualifier,
  unit); the indicator id is the longest registry alias in the clause before the value, else the
  best character-bigram overlap with a registry name, else empty with the label kept.

The draft is for review: it is not validated against the statement schema (``statement_id`` ends
in ``-001`` …, ``indicator_id`` may be empty).

Speed: each scan runs once over the text; sentence context (boundaries, clause marks, year marks)
is computed once per sentence that holds a value, and look-ups that depend only on a label's text
are cached by that text for the call. A long text can be read by several processes
(``extract(text, workers=2)``), cut at blank lines after a sentence end, with identical results;
``benchmarks/bench_extract.py`` measures both.
"""

from __future__ import annotations

import sys
import types

from .core import extract
from .documents import DocumentError, extract_documents, read_document, summarize_extraction
from .parallel import PARALLEL_MIN_CHARS
from .values import EXTRACT_COLUMNS

__all__ = [
    "EXTRACT_COLUMNS",
    "PARALLEL_MIN_CHARS",
    "DocumentError",
    "extract",
    "read_document",
    "extract_documents",
    "summarize_extraction",
]


class _CallableModule(types.ModuleType):
    """This package, callable as :func:`extract` (``comparekit.extract(text)`` works whether the name
    ``comparekit.extract`` is bound to the function or, after ``import comparekit.extract``, to the
    package)."""

    def __call__(self, text: str, **options) -> "pd.DataFrame":  # noqa: F821
        return extract(text, **options)


sys.modules[__name__].__class__ = _CallableModule
