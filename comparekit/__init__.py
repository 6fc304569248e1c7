"""comparekit — comparable, citable indicator data from Chinese local planning documents.

The pipeline runs sources → extract → harmonize → compare → plot/report::

    import comparekit as ck
    statements = ck.load_statements()          # every statement, with quote and offsets
    table = ck.compare("urbanization_rate")    # one row per place, verdict and caveats
    ck.coverage()                              # which plan states which indicator

Importing comparekit changes no global state (matplotlib styles are applied only when asked).
"""

from __future__ import annotations

from .compare import ambition, compare, coverage
from .errors import ChecksumError, ComparekitError, TableError
from .explain import explain
from .extract import extract
from .harmonize import harmonize, reconcile
from .registry import (
    load_indicators,
    load_national_references,
    load_places,
    load_scopes,
    load_units,
)
from .schema import load_statements, validate_statements
from .sources import load_sources, read_source_text

__all__ = [
    "ChecksumError",
    "ComparekitError",
    "TableError",
    "ambition",
    "compare",
    "coverage",
    "explain",
    "extract",
    "harmonize",
    "load_indicators",
    "load_national_references",
    "load_places",
    "load_scopes",
    "load_sources",
    "load_statements",
    "load_units",
    "read_source_text",
    "reconcile",
    "validate_statements",
]

__version__ = "0.1.0"

