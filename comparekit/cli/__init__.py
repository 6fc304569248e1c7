"""The ``comparekit`` command line, one concern per module.

* :mod:`.app` — the application, its error handler and shared helpers;
* :mod:`.tables` — ``compare``, ``explain``, ``coverage``, ``indicators`` (print one table);
* :mod:`.checking` — ``validate`` (a statement file or a whole study folder);
* :mod:`.exports` — ``build``, ``deck``, ``tables``, ``excel``;
* :mod:`.extracting` — ``extract``, ``evaluate``;
* :mod:`.study` — a study of one's own: ``init``, ``add-place``, ``add-document``, ``accept``.
"""

from __future__ import annotations

import sys

from . import checking, exports, extracting, study, tables  # noqa: F401 — each registers its commands
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``comparekit`` command."""
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
