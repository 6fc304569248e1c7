"""Extract candidate indicator statements from a Chinese planning document.

:func:`extract` reads one document and proposes statements in the columns of the curated statement
table (:data:`comparekit.schema.STATEMENT_COLUMNS`), each with the verbatim quote and the character
offsets it came from, plus the label text it found (``indicator_label``) and a ``confidence``. The
rules are general Chinese planning-document patterns, kept as data in
``data/registry/extract_patterns.csv`` and compiled by :mod:`comparekit.extract.rules`:

* a value is a number followed by a unit, a percent sign, a ratio ``x:1``, a new/existing pair, a
  range or a qualifier word (``55%左右``, ``不少于10处``, ``16.05:1``, ``10(8)个``, ``5—8个``,
  ``4700以上``); bare numbers (also ``≥12``) count only in indicator tables; a Chinese numeral counts
  after a verb of making (``打造两个中心``), as a star rating (``二星级``), a grade (``二级标准``)
  or an industry scale (``千亿产业``);
* never a value: years and dates, document and phone numbers, section and list numbers, numbers
  glued to Latin letters (``G36``, ``5G``, ``7.5MW``), names in quotes without a unit (``“4111”``),
  voltage grades (``500千伏``), ages (``3岁以下``), money thresholds that define what is counted
  (``投资500万元以上技改项目``), the size of a programme in its own name (``2025年10项民生实事``),
  list structure (a heading ending in ``共3项``, ``8个方面``), a reference back (``这100个项目中``)
  and class names (``3人制篮球场``);
* qualifiers by plain reading: ``稳定在…以上`` maintain, ``控制在…左右`` and ``近``/``将近`` about;
* a year stated before a value (``到2025年, … 达到 …``) holds for the rest of the sentence, and a
  ``到YYYY年`` opening holds for the following sentences of its paragraph, never across a blank
  line, a list item or a heading (also one cut by a single line break); a ``分别`` list of years
  pairs with its list of values; base years (``在2020年基础上``), definition years (``2000年前
  建成的``), cited plan periods and titles are not target years; without a year, a numbered or
  year heading (``2024年工作要点``), then an explicit horizon, then the title's year (``2024年…
  项目``), then the most frequent ``到YYYY年`` is used; ``year_source`` says which (stated, carried,
  title, horizon, issue_date) and ``note`` says so in words;
* kinds: baseline for past and current values (截至目前, 现有, 已…, 累计已, 近三年, a year before the
  document's own year; such a baseline takes the document's issue year, never a carried target
  year), standard for norms, target otherwise; class names (``10亿级企业``) are not values;
* indicator tables with year columns give one statement per cell (baseline and target columns);
  a table whose cells were run together by a PDF conversion is read cell by cell with low
  confidence and a note;
* a value shared by several indicators (``A、B均增长15%``) gives one row per indicator, a
  ``分别`` list pairs subjects and values in order, a new/existing pair ``10(8)`` gives two rows;
* any number followed by a CJK measure word (``300盏``, ``2批次/千人``) is a value;
  ``data/registry/measure_words.csv`` maps the known ones to units, others are kept as written and
  flagged in ``note``;
* a document in traditional characters, or a web copy with ruby pinyin (``報(bào)``), is read
  through a matching view (:mod:`comparekit.extract.view`): the rules see simplified characters, the
  quotes, value texts and offsets are those of the original text;
* the value text is read by :func:`comparekit.values.parse_value_texts` (value, range, qualifier,
  unit); the indicator id is the longest registry alias in the clause before the value, else the
  best jieba + rapidfuzz word score over registry names and aliases when it reaches a calibrated
  threshold; otherwise the id is empty and ``indicator_suggestions`` lists the best three with
  their scores for review. Once the unit is read, an id whose indicator's unit, level of place or
  year the row does not fit, or that would repeat an earlier row, is left for review
  (:mod:`comparekit.extract.ids`).

The draft is for review: ``statement_id`` (``<source>-001`` …) and ``source_id`` pass the statement
schema, so once rows without an indicator id are deleted (or given one) a draft of a registered
source validates; ``indicator_id`` may be empty.

Speed: each scan runs once over the text, and the scans the regular-expression engine cannot skip
through by itself share one pass over the characters their matches start with
(:mod:`comparekit.extract.scanning`); sentence context (boundaries, clause marks, year marks)
is computed once per sentence that holds a value, and look-ups that depend only on a label's text
are cached by that text for the call. The labels that need a word score are scored together once
the text is read (:mod:`comparekit.extract.pending`: one rapidfuzz ``cdist`` over all of them, the
words cut by jieba). Each distinct value text is read once, those of the common
shapes (``55%左右``, ``≥12``, ``5-8个``) by the value parser's fast path, the others by the scalar
parser (the two agree, see ``tests/test_extract_fastpath.py``); the rows are kept as plain lists
and the one table of the call is assembled at the end from its final column arrays
(:mod:`comparekit.extract.frames`). A long text can be read by several processes
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
