"""Argument checks for the public functions: a typo is an error that says what is accepted.

Every public function calls one of these at its top. A bad id, scope, place, language or year is a
:class:`~comparekit.errors.ArgumentError` (a ComparekitError and a ValueError) that lists what is accepted and, where a close match
exists, asks "did you mean …?" (:mod:`difflib`). A wrong type is a :class:`TypeError` that says
what was expected. An empty table is an error, never read as "not stated" everywhere.

Indicators may be named by id, by their Chinese or English registry name or by any alias
(``城镇化率`` → ``urbanization_rate``); :func:`check_indicator` returns the id.
"""

from __future__ import annotations

import difflib
import numbers
from typing import Iterable

import pandas as pd

from .errors import ArgumentError

__all__ = [
    "LANGS",
    "LEVELS",
    "YEAR_RANGE",
    "did_you_mean",
    "check_choice",
    "check_type",
    "check_int",
    "check_year",
    "check_lang",
    "check_indicator",
    "check_place",
    "check_scope",
    "check_table_arg",
    "indicator_lookup",
    "check_finite",
]

#: Languages of labels and caveats.
LANGS = ("en", "zh")
#: Comparison bases of :func:`comparekit.compare` (the territorial *level* a value describes).
LEVELS = ("county", "prefecture", "urban_core", "estate", "rural", "other")
#: Years a statement or a comparison may name (the range of the statement schema).
YEAR_RANGE = (1990, 2060)


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest choices, or ``""`` when none is close.

    Examples
    --------
    >>> did_you_mean("linyii", ["linyi", "luan"])
    " (did you mean 'linyi'?)"
    """
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


def _accepted(choices: list[str], limit: int = 12, more: str = "") -> str:
    shown = ", ".join(repr(c) for c in choices[:limit])
    if len(choices) > limit:
        shown += f", … ({len(choices)} in all{more})"
    return shown


def check_type(value: object, expected: type | tuple[type, ...], name: str, what: str) -> None:
    """Raise :class:`TypeError` unless *value* is an instance of *expected*; *what* says what was expected."""
    accepted = expected if isinstance(expected, tuple) else (expected,)
    if not isinstance(value, accepted) or (isinstance(value, bool) and bool not in accepted):
        raise TypeError(f"{name} must be {what}, not {type(value).__name__} {_short(value)}")


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def check_choice(value: object, choices: Iterable[str], name: str, *, more: str = "") -> str:
    """Return *value* if it is one of *choices*; otherwise a ComparekitError listing them.

    Examples
    --------
    >>> check_choice("zh", ["en", "zh"], "lang")
    'zh'
    """
    choices = list(choices)
    check_type(value, str, name, "a string")
    if value not in choices:
        raise ArgumentError(f"unknown {name} {value!r}{did_you_mean(value, choices)}; accepted: {_accepted(choices, more=more)}")
    return value


def check_int(value: object, name: str, *, minimum: int | None = None) -> int:
    """Return *value* as ``int`` if it is a whole number (not a bool, float or string)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number (int), not {type(value).__name__} {_short(value)}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ArgumentError(f"{name} must be at least {minimum}, not {value}")
    return value


def check_year(value: object, name: str = "year") -> int:
    """Return *value* as ``int`` if it is a whole year within :data:`YEAR_RANGE`.

    Examples
    --------
    >>> check_year(2025)
    2025
    """
    year = check_int(value, name)
    low, high = YEAR_RANGE
    if not low <= year <= high:
        raise ArgumentError(f"{name} {year} is outside {low}–{high}; give a calendar year such as 2025")
    return year


def check_lang(value: object) -> str:
    """Return *value* if it is ``"en"`` or ``"zh"``."""
    return check_choice(value, LANGS, "lang")


def check_scope(value: object) -> str | None:
    """Return the comparison basis (a level in :data:`LEVELS`), or ``None`` for the default."""
    if value is None:
        return None
    return check_choice(value, LEVELS, "scope")


def indicator_lookup() -> dict[str, str]:
    """Return every accepted way to name an indicator (id, names, aliases; English lower-cased) → id."""
    from .registry import load_indicators

    # plain Python values once (iterating Arrow-backed columns row by row is slow; compare() calls this each time)
    rows = load_indicators()[["indicator_id", "name_zh", "name_en", "aliases"]].to_numpy(dtype=object).tolist()
    lookup: dict[str, str] = {}
    for indicator_id, name_zh, name_en, aliases in rows:
        names = [name_zh, name_en]
        if isinstance(aliases, str):
            names += aliases.split("|")
        for name in names:
            if isinstance(name, str) and name.strip():
                lookup.setdefault(name.strip().lower(), indicator_id)
    for indicator_id, *_ in rows:
        lookup[indicator_id] = indicator_id  # an id always wins over another indicator's alias
    return lookup


def check_indicator(value: object, name: str = "indicator") -> str:
    """Return the indicator id named by *value* (an id, a registry name or an alias).

    Examples
    --------
    >>> check_indicator("城镇化率")
    'urbanization_rate'
    >>> check_indicator("urbanization_rate")
    'urbanization_rate'
    """
    check_type(value, str, name, "an indicator id or name (a string), e.g. 'urbanization_rate' or '城镇化率'")
    lookup = indicator_lookup()
    key = value.strip().lower()
    if key in lookup:
        return lookup[key]
    ids = sorted(set(lookup.values()))
    raise ArgumentError(
        f"unknown {name} {value!r}{did_you_mean(key, list(lookup))}; "
        f"accepted: an indicator id, its Chinese or English name or an alias ({len(ids)} indicators; "
        "list them with `comparekit indicators` or comparekit.load_indicators())"
    )


def check_place(value: object, name: str = "place", *, study_only: bool = False) -> str:
    """Return *value* if it is a ``place_id`` of the place registry.

    Examples
    --------
    >>> check_place("linyi")
    'linyi'
    """
    from .registry import load_places

    check_type(value, str, name, "a place_id (a string), e.g. 'linyi'")
    places = load_places(study_only=study_only)
    ids = list(places["place_id"])
    if value in ids:
        return value
    by_name = {n: pid for pid, zh, en in zip(places["place_id"], places["name_zh"], places["name_en"]) for n in (zh, en, en.lower())}
    if value in by_name:
        return by_name[value]
    raise ArgumentError(f"unknown {name} {value!r}{did_you_mean(value, ids)}; accepted: {_accepted(ids)}")


def check_table_arg(value: object, name: str = "statements", *, optional: bool = True, what: str = "statement table") -> pd.DataFrame | None:
    """Check that *value* is a non-empty DataFrame (or ``None`` when *optional*).

    Raises
    ------
    TypeError
        *value* is not a :class:`pandas.DataFrame`.
    ComparekitError
        The table has no rows: an empty table is an error, not "not stated" everywhere.
    """
    if value is None and optional:
        return None
    expected = "a pandas DataFrame" + (" or None (the curated table)" if optional else "")
    if not isinstance(value, pd.DataFrame):
        raise TypeError(f"{name} must be {expected}, not {type(value).__name__} {_short(value)}")
    if len(value) == 0:
        raise ArgumentError(f"the {what} given as {name} is empty (no rows); an empty table cannot be compared or counted")
    return value


def check_finite(frame: object, columns: Iterable[str], what: str, name: str = "data") -> None:
    """Raise a TableError naming every row whose number in *columns* is infinite (NaN is "missing").

    Also raises :class:`TypeError` if *frame* is not a DataFrame (``None`` passes: nothing to draw).
    """
    import numpy as np

    from .tables import problems_frame, raise_problems

    if frame is None:
        return
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame ({what}), not {type(frame).__name__} {_short(frame)}")
    problems = []
    for column in columns:
        if column not in frame.columns:
            continue
        numbers = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        for pos in np.flatnonzero(np.isinf(numbers)):
            problems.append(("<DataFrame>", frame.index[pos], column, numbers[pos], f"{column} must be a finite number"))
    raise_problems(what, problems_frame(problems))
