"""Reconcile: prove, place by place, that every input statement was accounted for.

:func:`reconcile` does not trust the harmonized table: each input ``statement_id`` must come out
exactly once as an original row, harmonized or set aside, under the same place. It is what makes
"nothing lost" checkable, also for input that was never validated.
"""

from __future__ import annotations

import pandas as pd

from .checks import check_table_arg
from .errors import ComparekitError
from .registry import load_places

__all__ = ["reconcile"]


def reconcile(statements: pd.DataFrame, harmonized: pd.DataFrame) -> pd.DataFrame:
    """Count how every input row was accounted for, per place; raise if the counts do not add up.

    The proof does not trust the harmonized table: for each place, every input ``statement_id``
    must come out exactly once as an original (non-derived) row, harmonized or set aside, and no
    original row may appear that was not in the input. This holds whether or not the statements
    were validated (``harmonize(..., validate=False)``).

    Returns
    -------
    pandas.DataFrame
        One row per place: ``input``, ``harmonized``, ``set_aside``, ``derived`` (extra rows).

    Raises
    ------
    ComparekitError
        A statement has an empty or unknown ``place_id``, or the counts do not reconcile (the
        message names the place and the statements concerned).

    Examples
    --------
    >>> from comparekit import harmonize, load_statements
    >>> s = load_statements(); counts = reconcile(s, harmonize(s))
    >>> bool((counts["input"] == counts["harmonized"] + counts["set_aside"]).all())
    True
    """
    check_table_arg(statements, optional=False), check_table_arg(harmonized, "harmonized", optional=False, what="harmonized table")
    for name, table in (("statements", statements), ("harmonized", harmonized)):
        missing_columns = [c for c in ("statement_id", "place_id") + (("derived", "status") if name == "harmonized" else ()) if c not in table.columns]
        if missing_columns:
            raise ComparekitError(f"reconcile: the {name} table has no column {', '.join(map(repr, missing_columns))}")
    known = set(load_places()["place_id"])
    place = statements["place_id"]
    empty = place.isna() | place.astype(str).str.strip().eq("")
    unknown = ~empty & ~place.isin(known)
    if empty.any() or unknown.any():
        bad = statements.loc[empty | unknown, "statement_id"].astype(str).tolist()
        kinds = [f"{int(empty.sum())} with an empty place_id"] * bool(empty.any()) + [f"{int(unknown.sum())} with an unknown place_id ({', '.join(sorted(set(place[unknown].astype(str))))})"] * bool(unknown.any())
        raise ComparekitError(f"reconcile: {' and '.join(kinds)} (statements {', '.join(bad[:10])}{' …' if len(bad) > 10 else ''}); every statement needs a place of data/registry/places.csv")
    derived = harmonized["derived"].fillna(False).astype(bool)
    original = harmonized[~derived]
    counts = pd.DataFrame(
        {
            "input": statements.groupby("place_id").size(),
            "harmonized": original[original["status"] == "harmonized"].groupby("place_id").size(),
            "set_aside": original[original["status"] == "set_aside"].groupby("place_id").size(),
            "derived": harmonized[derived].groupby("place_id").size(),
        }
    ).fillna(0).astype(int)
    problems = []
    out_ids = original.groupby(original["place_id"].fillna("<empty>").astype(str))["statement_id"].apply(list).to_dict()
    for place_id, ids in statements.groupby("place_id")["statement_id"]:
        came_out = pd.Series(out_ids.get(place_id, []), dtype=object).value_counts()
        lost = sorted(set(ids) - set(came_out.index))
        twice = sorted(came_out.index[came_out > 1])
        extra = sorted(set(came_out.index) - set(ids))
        for what, listed in (("lost", lost), ("came out more than once", twice), ("came out but were not in the input", extra)):
            if listed:
                problems.append(f"{place_id}: {len(listed)} statement(s) {what} ({', '.join(map(str, listed[:5]))})")
    strangers = sorted(set(out_ids) - set(counts.index[counts["input"] > 0]))
    if strangers:
        problems.append(f"harmonized rows for places not in the input: {', '.join(strangers)}")
    unaccounted = counts.index[counts["input"] != counts["harmonized"] + counts["set_aside"]]
    if len(unaccounted) and not problems:
        problems.append(f"counts do not add up for {', '.join(map(str, unaccounted))}")
    if problems:
        raise ComparekitError("reconcile: input rows are not all accounted for — " + "; ".join(problems))
    return counts
