"""National reference data shipped with comparekit (package data, read through importlib.resources).

* ``census2020_county.csv`` — every county-level unit of the 2020 census: code, name, province,
  prefecture code, resident population and urban share;
* ``prefectures.csv`` — prefecture-level names by 4-digit code;
* ``provinces.csv`` — province-level names in Chinese and English by 2-digit code;
* ``README.md`` — the provenance of each file.

:mod:`comparekit.census` reads them; this package holds data only.
"""

__all__: list[str] = []
