"""comparekit — comparable, citable indicator data from Chinese local planning documents."""

from __future__ import annotations

from .errors import ChecksumError, ComparekitError, TableError
from .registry import (
    load_indicators,
    load_national_references,
    load_places,
    load_scopes,
    load_units,
)

__all__ = [
    "ChecksumError",
    "ComparekitError",
    "TableError",
    "load_indicators",
    "load_national_references",
    "load_places",
    "load_scopes",
    "load_units",
]

__version__ = "0.1.0"
