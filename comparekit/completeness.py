"""Registry completeness: a key the data or the code uses must have its row, or the build stops.

A missing registry row must never change a verdict silently (removing ``全市`` from the scope
registry would otherwise turn a whole-city rate into "other scope"; removing the childcare
derivation row would turn a count into "not stated"). :func:`registry_problems` takes the loaded
tables and returns one row per gap, each naming the registry file and the missing key;
:func:`check_registry_complete` raises them together as one :class:`~comparekit.errors.RegistryError`.

Rules
-----
* every ``scope_text`` a statement uses has a row in ``scopes.csv``;
* a count indicator that could be derived (another indicator's id is the count's id followed by
  ``_per_…``, e.g. ``childcare_slots`` → ``childcare_slots_per_1000``) has a row in
  ``derivations.csv`` — a real derivation, or an explicit row with ``method`` ``none``;
* a derivation row names indicators that exist;
* every caveat key the code uses (:data:`REQUIRED_CAVEATS`) has a row in ``caveats.csv``.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from .errors import RegistryError

__all__ = ["REQUIRED_CAVEATS", "COUNT_DIMENSIONS", "NO_DERIVATION", "registry_problems", "check_registry_complete"]

#: Caveat keys that compare and harmonize look up (each needs a row key,en,zh in caveats.csv).
REQUIRED_CAVEATS = (
    "not_stated",
    "year_differs",
    "baseline_only",
    "estate_standard",
    "level_prefecture",
    "level_prefecture_rate",
    "level_county_aggregate",
    "level_urban_core",
    "level_other",
    "derived",
    "possibly_parent_level",
    "implausible",
    "qualitative",
    "relative",
    "unknown_scope",
    "unit_implied",
    "no_population",
    "each_county_floor",
    "draft",
    "definition_other",
    "definition_unstated",
    "scope_said",
    "scope_unsaid",
)
#: Unit dimensions of absolute counts (units.csv ``dimension``).
COUNT_DIMENSIONS = ("count", "population")
#: ``method`` of a derivations.csv row that says "this count is deliberately not derived".
NO_DERIVATION = "none"

_COLUMNS = ["file", "key", "problem"]


def registry_problems(
    *,
    indicators: pd.DataFrame,
    units: pd.DataFrame,
    scopes: pd.DataFrame,
    derivations: pd.DataFrame,
    caveat_keys: Iterable[str],
    statements: pd.DataFrame | None = None,
    required_caveats: Iterable[str] = REQUIRED_CAVEATS,
) -> pd.DataFrame:
    """Return every registry gap as rows ``file``, ``key``, ``problem`` (empty when complete).

    Parameters
    ----------
    indicators, units, scopes, derivations : pandas.DataFrame
        The loaded registries (``derivations`` with a ``from_indicator`` column, as a column or
        as the index).
    caveat_keys : iterable of str
        The keys of ``caveats.csv``.
    statements : pandas.DataFrame, optional
        Statements whose ``scope_text`` values must all be in the scope registry.

    Examples
    --------
    >>> import pandas as pd
    >>> ind = pd.DataFrame({"indicator_id": ["beds", "beds_per_1000"], "unit": ["张", "张/千人"]})
    >>> units = pd.DataFrame({"unit": ["张", "张/千人"], "dimension": ["count", "rate"]})
    >>> scopes = pd.DataFrame({"scope_text": [None]})
    >>> deriv = pd.DataFrame({"from_indicator": [], "to_indicator": [], "method": []})
    >>> registry_problems(indicators=ind, units=units, scopes=scopes, derivations=deriv,
    ...                   caveat_keys=[], required_caveats=[])["key"].tolist()
    ['beds']
    """
    problems: list[tuple[str, str, str]] = []
    if statements is not None and "scope_text" in statements.columns:
        known = {"" if pd.isna(s) else str(s) for s in scopes["scope_text"]}
        used = statements["scope_text"].dropna().astype(str)
        for text in sorted(set(pd.unique(used)) - known):
            count = int((used == text).sum())
            problems.append(("data/registry/scopes.csv", text, f"scope_text {text!r} is used by {count} statement(s) but has no row; add a row scope_text,scope_class,scope_class_prefecture"))
    rules = derivations.reset_index() if "from_indicator" not in derivations.columns else derivations
    derived_from = set(rules["from_indicator"].dropna().astype(str))
    ids = set(indicators["indicator_id"].astype(str))
    dimension = dict(zip(units["unit"], units["dimension"]))
    rates_of: dict[str, list[str]] = {}  # "beds" → ["beds_per_1000", …]: every id that starts with "<id>_per_"
    for i in sorted(ids):
        at = i.find("_per_")
        while at >= 0:
            rates_of.setdefault(i[:at], []).append(i)
            at = i.find("_per_", at + 1)
    for rec in indicators.itertuples(index=False):
        if dimension.get(rec.unit) not in COUNT_DIMENSIONS or rec.indicator_id in derived_from:
            continue
        rates = rates_of.get(str(rec.indicator_id), [])
        if rates:
            problems.append(("data/registry/derivations.csv", rec.indicator_id, f"count indicator {rec.indicator_id!r} could be derived as {rates[0]!r} but has no row; add a derivation row, or a row with method {NO_DERIVATION!r}"))
    for rec in rules.itertuples(index=False):
        for column in ("from_indicator", "to_indicator"):
            value = getattr(rec, column, None)
            if str(getattr(rec, "method", "")) == NO_DERIVATION and column == "to_indicator":
                continue
            if pd.isna(value) or str(value) not in ids:
                problems.append(("data/registry/derivations.csv", str(value), f"{column} {value!r} is not in data/registry/indicators.csv"))
    keys = set(caveat_keys)
    for key in required_caveats:
        if key not in keys:
            problems.append(("data/registry/caveats.csv", key, f"caveat key {key!r} has no row; add a row key,en,zh"))
    return pd.DataFrame(problems, columns=_COLUMNS, dtype=object)


def check_registry_complete(**tables: object) -> None:
    """Raise :class:`RegistryError` listing every gap :func:`registry_problems` finds.

    Takes the same keyword arguments as :func:`registry_problems`.
    """
    problems = registry_problems(**tables)
    if len(problems):
        lines = [f"the registries are incomplete: {len(problems)} missing row(s)"]
        lines += [f"  {rec.file}: {rec.problem}" for rec in problems.itertuples(index=False)]
        raise RegistryError("\n".join(lines))
