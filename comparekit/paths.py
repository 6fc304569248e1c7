"""The built-in study's folders, as constants (kept for existing scripts and notebooks).

comparekit's own modules read every data path through the active study
(:mod:`comparekit.study`); these names describe only the built-in five-place study. In a source
checkout ``PROCESSED_DIR`` and ``FIGURES_DIR`` are ``data/processed`` and ``figures/``; in an
installed package they are ``None`` (pass an output folder). Set the environment variable
``COMPAREKIT_HOME`` to point at another checkout.
"""

from __future__ import annotations

from .study import builtin_study

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

_BUILTIN = builtin_study()
DATA_DIR = _BUILTIN.root
PROJECT_DIR = DATA_DIR.parent
SOURCES_DIR = _BUILTIN.sources_dir
REGISTRY_DIR = _BUILTIN.registry_dirs[0]
CURATED_DIR = _BUILTIN.statements_dir.parent
STATEMENTS_DIR = _BUILTIN.statements_dir
PROCESSED_DIR = _BUILTIN.processed_dir
FIGURES_DIR = _BUILTIN.figures_dir
