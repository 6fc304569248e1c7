"""The built-in study's data, installed with comparekit as the package ``comparekit._data``.

Nothing to import here: the registries, verbatim sources and curated statements beside this file are
read through :mod:`importlib.resources` (see ``comparekit/study.py``).
"""
