"""Value semantics: read a value as written (``55%左右``, ``≥10 (8)``, ``1.9万个``) into numbers.

A value text is read in five passes, each driven by a table below that a reader can scan and edit:

1. :func:`normalize_text` — full-width characters to half-width (NFKC, Chinese kept), odd spaces to
   spaces, dashes between numbers to ``-``, ``‹``/``›`` to ``<``/``>``, spaces collapsed.
2. :data:`NUMERAL_MASKS` hide numeral characters that are not quantities (``进一步``, ``十四五``,
   ``三级医院``); Chinese numerals left (``两个``, ``十万``, ``一百二十``) are converted by ``cn2an``,
   a trailing 万/亿 staying a unit word (``十万人`` → 10 万人, like ``10万人``); ``半`` before a
   time unit is 0.5 (``半小时``); ``百分之六十`` is 60%.
3. :data:`DROP_RULES` remove artefacts that are not the value: page numbers (``每年下降 6 3.2%左右``),
   target years (``2025年``) and enumeration prefixes (``两个100%``).
4. The structure is read: ratio ``16.05:1``, new/existing pair ``10(8)``, range ``5-8个``, or a single
   number. Several numbers in any other arrangement are an error — the parser never guesses.
5. The unit is the longest unit of ``data/registry/units.csv`` that follows the number
   (``万平方米`` before ``平方米``, ``个/千人`` before ``个``); a unit word not in the registry is
   returned as written (``名``, ``万千瓦``) so that :mod:`comparekit.units` can name it. The qualifier
   comes from :data:`QUALIFIER_RULES`, the unit's multiplier from :data:`MULTIPLIER_RULES`, the
   direction from :data:`DIRECTION_RULES`; texts without a number are read with
   :data:`RELATIVE_RULES` and :data:`QUALITATIVE_RULES`.

``value`` is always the number as written: ``1.9万个`` gives value 1.9, unit ``万个``, multiplier
1e4. Converting to canonical units is the job of :mod:`comparekit.units`.

Decisions worth knowing:

* A range is ``range`` whatever bound word follows it (``3-5个以上`` → 3–5, range).
* A pair keeps its bound word: ``≥10 (8)`` → at_least, value 10, value_alt 8.
* ``近70%`` (nearly) is ``about``; ``力争`` alone changes nothing; ``达到全省平均水平`` is ``at_least``.
* A bare number (``47.2``, ``2.2左右``) has unit None: its unit comes from the indicator.
* A qualifier written outside the value text (``不少于`` before ``30(20) 平方米``) cannot be seen.
* The unit registry is read on first use, not on import; a broken registry raises its own
  :class:`~comparekit.errors.TableError`, since that is not a fault of the text.

The parser is a package with one concern per module: :mod:`~comparekit.values.rules` (the tables),
:mod:`~comparekit.values.result` (what it returns), :mod:`~comparekit.values.numerals` (Chinese
numerals), :mod:`~comparekit.values.unit_words` (the unit after a number),
:mod:`~comparekit.values.scalar` (one text), :mod:`~comparekit.values.fast` (the common shapes in
bulk) and :mod:`~comparekit.values.vectorized` (many texts).
"""

from __future__ import annotations

from .result import ParsedValue, ValueParseError
from .rules import (
    DIRECTION_RULES,
    DROP_RULES,
    MULTIPLIER_RULES,
    NUMERAL_MASKS,
    PARSED_COLUMNS,
    PER_YEAR_RULES,
    QUALIFIER_RULES,
    QUALIFIERS,
    QUALITATIVE_RULES,
    RELATIVE_RULES,
)
from .scalar import normalize_text, parse_value_text
from .unit_words import _registry_units  # noqa: F401 — read lazily; tests check that importing reads no file
from .vectorized import _parse_distinct, parse_value_texts  # noqa: F401 — _parse_distinct: harmonize reads distinct values

__all__ = [
    "ValueParseError",
    "ParsedValue",
    "parse_value_text",
    "parse_value_texts",
    "normalize_text",
    "QUALIFIERS",
    "QUALIFIER_RULES",
    "QUALITATIVE_RULES",
    "RELATIVE_RULES",
    "DIRECTION_RULES",
    "PER_YEAR_RULES",
    "MULTIPLIER_RULES",
    "NUMERAL_MASKS",
    "DROP_RULES",
    "PARSED_COLUMNS",
]
