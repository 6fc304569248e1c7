"""Shared helper for tests that drive real clients (TeX, biber, LibreOffice, poppler, Chromium).

A client test calls :func:`require_client` first. Where a program is missing the test is skipped
with a printed reason, so a user without root still gets a green suite; with
``COMPAREKIT_REQUIRE_CLIENTS=1`` (set by ``.ci/run`` after installing them) it fails instead.
"""

from __future__ import annotations

import os
import shutil

import pytest

__all__ = ["require_client", "clients_required"]


def clients_required() -> bool:
    """Return True when missing clients must fail the test (``COMPAREKIT_REQUIRE_CLIENTS=1``)."""
    return os.environ.get("COMPAREKIT_REQUIRE_CLIENTS", "").strip().lower() in ("1", "true", "yes")


def require_client(*names: str) -> dict[str, str]:
    """Return ``{name: path}`` for each program, or skip (or fail, when required) if any is missing.

    Parameters
    ----------
    *names : str
        Executable names looked up on ``PATH``, e.g. ``"xelatex"``, ``"soffice"``.
    """
    found = {name: shutil.which(name) for name in names}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        reason = f"real client not installed: {', '.join(missing)} (install with `make clients`)"
        if clients_required():
            pytest.fail(reason + "; COMPAREKIT_REQUIRE_CLIENTS=1 requires it", pytrace=False)
        print(reason)
        pytest.skip(reason)
    return {name: str(path) for name, path in found.items()}
