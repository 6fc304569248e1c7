"""comparekit — comparable, citable indicator data from Chinese local planning documents.

The pipeline runs sources → extract → harmonize → compare → plot/report::

    import comparekit as ck
    statements = ck.load_statements()          # every statement, with quote and offsets
    table = ck.compare("urbanization_rate")    # one row per place, verdict and caveats
    ck.coverage()                              # which plan states which indicator
    study = ck.open_study("my_counties")       # a study of your own (see comparekit.study)
    ck.compare("urbanization_rate", study=study)

Importing comparekit changes no global state (matplotlib styles are applied only when asked).
"""

from __future__ import annotations

import importlib
import sys
import types

from .errors import ChecksumError, ComparekitError, TableError

#: Public name → the module that defines it. Modules load on first use, so `import comparekit`
#: costs little more than `import pandas`: pandera, the registries and the extraction rules are
#: read when a function first needs them.
_LAZY = {
    "ambition": "compare",
    "compare": "compare",
    "coverage": "compare",
    "explain": "explain",
    "harmonize": "harmonize",
    "reconcile": "reconcile",
    "harmonize_dataset": "dataset",
    "load_indicators": "registry",
    "load_national_references": "registry",
    "load_places": "registry",
    "load_scopes": "registry",
    "load_units": "registry",
    "load_statements": "schema",
    "validate_statements": "schema",
    "load_sources": "sources",
    "read_source_text": "sources",
    "extract": "extract",
    "Study": "study",
    "builtin_study": "study",
    "init_study": "workflow",
    "open_study": "study",
}

__all__ = [
    "ChecksumError",
    "Study",
    "ComparekitError",
    "TableError",
    "ambition",
    "builtin_study",
    "compare",
    "coverage",
    "explain",
    "extract",
    "harmonize",
    "harmonize_dataset",
    "init_study",
    "load_indicators",
    "load_national_references",
    "load_places",
    "load_scopes",
    "load_sources",
    "load_statements",
    "load_units",
    "open_study",
    "read_source_text",
    "reconcile",
    "validate_statements",
]

__version__ = "0.1.0"


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'comparekit' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package module: a submodule named like a public function (compare, harmonize, extract)
    does not replace that function when the import system binds the submodule to the package."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and _LAZY.get(name) == name:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
