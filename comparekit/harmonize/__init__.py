"""Harmonize statements: units, scope classes, derived per-capita values and plausibility warnings.

:func:`harmonize` turns the statement table into one tidy table in each indicator's registry unit.
Every input row comes out either ``harmonized`` or ``set_aside`` with a reason in English and
Chinese; derived rows (e.g. childcare slots per 1000 people computed from an absolute count) are
added with ``derived=True`` and the denominator, its date and its source. Nothing is dropped.

The functions are vectorized so that a synthetic national panel of 1.7 million statements
harmonizes in seconds (see ``benchmarks/``).

The stage is a package with one concern per module: :mod:`~comparekit.harmonize.core` (the
:func:`harmonize` function), :mod:`~comparekit.harmonize.columns` (output columns, levels),
:mod:`~comparekit.harmonize.parsed` (numbers given or parsed), :mod:`~comparekit.harmonize.unit_pairs`
(unit conversion per unit/indicator pair), :mod:`~comparekit.harmonize.labels` (warnings) and
:mod:`~comparekit.harmonize.derive` (per-capita rows).
"""

from __future__ import annotations

from ..comparability import caveat_text, census_name, check_plausibility, definition_bases, scope_phrase
from ..reconcile import reconcile
from .columns import HARMONIZED_COLUMNS, PREFECTURE_LEVELS, scope_levels
from .core import harmonize

__all__ = [
    "harmonize",
    "reconcile",
    "caveat_text",
    "scope_phrase",
    "census_name",
    "definition_bases",
    "check_plausibility",
    "scope_levels",
    "HARMONIZED_COLUMNS",
    "PREFECTURE_LEVELS",
]
