"""Where comparekit finds its data and writes its outputs.

The repository layout is fixed: ``data/`` (verbatim sources, registries, curated statements,
processed tables) and ``figures/`` sit beside the ``comparekit`` package. Set the environment
variable ``COMPAREKIT_HOME`` to point at another checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "PROJECT_DIR",
    "DATA_DIR",
    "SOURCES_DIR",
    "REGISTRY_DIR",
    "CURATED_DIR",
    "STATEMENTS_DIR",
    "PROCESSED_DIR",
    "FIGURES_DIR",
]

PROJECT_DIR = Path(os.environ.get("COMPAREKIT_HOME", Path(__file__).resolve().parent.parent))
DATA_DIR = PROJECT_DIR / "data"
SOURCES_DIR = DATA_DIR / "sources"
REGISTRY_DIR = DATA_DIR / "registry"
CURATED_DIR = DATA_DIR / "curated"
STATEMENTS_DIR = CURATED_DIR / "statements"
PROCESSED_DIR = DATA_DIR / "processed"
FIGURES_DIR = PROJECT_DIR / "figures"
