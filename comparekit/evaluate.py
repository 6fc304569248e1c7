"""Measure the statement extractor against the hand-curated statement table.

Only *numeric* statements are scored (curated rows with a value; extracted rows with a value):
qualitative targets and relative targets have no number to compare.

Matching. A curated and an extracted row of the same source match when their value spans
overlap. A row's value span is where its ``value_text`` stands inside its ``quote`` (offset
``quote_start``). When the value text occurs more than once in the quote (``% 100 100`` in a table
row, ``2 名…2 名…`` in an enumeration) the row is not tied to the first occurrence: with
``spans="all"`` (the default) every occurrence is a candidate span; ``spans="first"`` uses only the
first one. Pairs are then chosen one-to-one by a maximum matching that first maximizes the number
of pairs and then the number of pairs with equal values, so that the two rows of a new/existing
pair ``10(8)`` (two rows sharing one value text) are paired with the right partners.

Scores per source and in total: precision = matched / extracted, recall = matched / curated,
value accuracy = share of matched pairs whose ``value`` and ``value_high`` are equal (or, when the
two rows give the value in different units of one registry dimension, the same quantity:
``13.57`` 万亿元 = ``135700`` 亿元), year
agreement and qualifier agreement = share of matched pairs with the same ``year`` (two missing
years agree) and the same ``qualifier``, the share of matched pairs that agree on
``indicator_id`` (a missing id on both sides agrees), indicator-id precision = share of matched
pairs *with an extracted id* whose id is the curated one, and indicator-id coverage = share of
extracted numeric rows that got an id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["Evaluation", "evaluate", "evaluation_markdown", "match_statements", "load_heldout", "evaluate_heldout",
           "SUMMARY_COLUMNS"]

SUMMARY_COLUMNS = [
    "source_id", "curated_numeric", "extracted_numeric", "matched", "precision", "recall",
    "value_accuracy", "indicator_agreement", "year_agreement", "qualifier_agreement", "id_precision",
    "id_coverage",
]
_SHOWN = ["source_id", "statement_id", "indicator_id", "value_text", "value", "value_high", "quote", "quote_start"]


@dataclass
class Evaluation:
    """The result of :func:`evaluate`.

    Attributes
    ----------
    summary : pandas.DataFrame
        One row per source plus a ``total`` row: :data:`SUMMARY_COLUMNS`.
    misses : pandas.DataFrame
        Curated numeric statements no extracted row matched (with quotes).
    false_alarms : pandas.DataFrame
        Extracted numeric rows that match no curated statement (with quotes).
    wrong_values : pandas.DataFrame
        Matched pairs whose values differ (curated and extracted side by side).
    pairs : pandas.DataFrame
        Every matched pair: ``source_id``, ``curated_id``, ``extracted_id``, ``value_equal``,
        ``indicator_equal``, ``year_equal``, ``qualifier_equal``, ``id_assigned`` (the extracted row
        has an indicator id).
    """

    summary: pd.DataFrame
    misses: pd.DataFrame
    false_alarms: pd.DataFrame
    wrong_values: pd.DataFrame
    pairs: pd.DataFrame


def _spans(rows: pd.DataFrame, how: str) -> list[list[tuple[int, int]]]:
    out = []
    for quote, start, value_text in zip(rows["quote"], rows["quote_start"], rows["value_text"]):
        quote = "" if pd.isna(quote) else str(quote)
        value_text = "" if pd.isna(value_text) else str(value_text)
        start = int(start)
        spans = []
        i = quote.find(value_text) if value_text else -1
        while i >= 0:
            spans.append((start + i, start + i + len(value_text)))
            if how == "first":
                break
            i = quote.find(value_text, i + 1)
        if not spans:  # the value text is not in the quote: fall back to the whole quote
            spans.append((start, start + len(quote)))
        out.append(spans)
    return out


def _same(a: float, b: float) -> bool:
    return (pd.isna(a) and pd.isna(b)) or (not pd.isna(a) and not pd.isna(b) and float(a) == float(b))


def _scales(rows: pd.DataFrame) -> list[tuple[str, float] | None]:
    """Per row, ``(canonical unit, factor)`` of its unit in the unit registry, or None."""
    if "unit" not in rows.columns:
        return [None] * len(rows)
    from .registry import load_units

    units = load_units()
    table = dict(zip(units["unit"], zip(units["canonical_unit"], units["factor"].astype(float))))
    return [table.get(unit) if isinstance(unit, str) else None for unit in rows["unit"]]


def _same_quantity(a: float, fa: float, b: float, fb: float) -> bool:
    if pd.isna(a) or pd.isna(b):
        return pd.isna(a) and pd.isna(b)
    return bool(np.isclose(float(a) * fa, float(b) * fb, rtol=1e-9, atol=0.0))


def match_statements(curated: pd.DataFrame, extracted: pd.DataFrame, *, spans: str = "all") -> pd.DataFrame:
    """Pair the numeric rows of one source one-to-one by overlapping value spans.

    Parameters
    ----------
    curated, extracted : pandas.DataFrame
        Rows of one source with ``quote``, ``quote_start``, ``value_text``, ``value``, ``value_high``.
    spans : {"all", "first"}
        Which occurrences of the value text inside the quote count as the row's value span.

    Returns
    -------
    pandas.DataFrame
        ``curated_pos``, ``extracted_pos`` (row positions), ``value_equal`` (bool).

    Examples
    --------
    >>> rows = pd.DataFrame({"quote": ["达到55%左右"], "quote_start": [0], "value_text": ["55%左右"],
    ...                      "value": [55.0], "value_high": [np.nan]})
    >>> match_statements(rows, rows).values.tolist()
    [[0, 0, True]]
    """
    from scipy.optimize import linear_sum_assignment

    empty = pd.DataFrame({"curated_pos": pd.Series(dtype="int64"), "extracted_pos": pd.Series(dtype="int64"),
                          "value_equal": pd.Series(dtype=bool)})
    if len(curated) == 0 or len(extracted) == 0:
        return empty
    cur_spans, ext_spans = _spans(curated, spans), _spans(extracted, spans)
    weight = np.zeros((len(curated), len(extracted)))
    cur_values = list(zip(curated["value"], curated["value_high"]))
    ext_values = list(zip(extracted["value"], extracted["value_high"]))
    cur_scales, ext_scales = _scales(curated), _scales(extracted)
    for i, c_spans in enumerate(cur_spans):
        for j, e_spans in enumerate(ext_spans):
            if any(s < ce and cs < e for cs, ce in c_spans for s, e in e_spans):
                equal = _same(cur_values[i][0], ext_values[j][0]) and _same(cur_values[i][1], ext_values[j][1])
                if not equal and cur_scales[i] and ext_scales[j] and cur_scales[i][0] == ext_scales[j][0]:
                    # the same quantity in two units of one registry dimension (13.57万亿元 = 135700亿元)
                    equal = all(_same_quantity(a, cur_scales[i][1], b, ext_scales[j][1])
                                for a, b in zip(cur_values[i], ext_values[j]))
                weight[i, j] = 1000.0 + (1.0 if equal else 0.0)
    rows, cols = linear_sum_assignment(weight, maximize=True)
    keep = weight[rows, cols] > 0
    rows, cols = rows[keep], cols[keep]
    return pd.DataFrame({"curated_pos": rows.astype("int64"), "extracted_pos": cols.astype("int64"),
                         "value_equal": weight[rows, cols] > 1000.5})


def evaluate(extracted: pd.DataFrame | None = None, statements: pd.DataFrame | None = None, *,
             spans: str = "all") -> Evaluation:
    """Score extracted statements against the curated table, per source and in total.

    Parameters
    ----------
    extracted : pandas.DataFrame, optional
        Extracted rows (:data:`comparekit.extract.EXTRACT_COLUMNS`). By default every source of the
        registry is read and extracted with its plan horizon.
    statements : pandas.DataFrame, optional
        The curated statements; by default :func:`comparekit.schema.load_statements`.
    spans : {"all", "first"}
        Value-span rule (see the module docstring).

    Returns
    -------
    Evaluation

    Examples
    --------
    >>> evaluation = evaluate()
    >>> bool(evaluation.summary.set_index("source_id").loc["total", "recall"] > 0.5)
    True
    """
    if statements is None:
        from .schema import load_statements

        statements = load_statements()
    if extracted is None:
        extracted = extract_sources()
    curated = statements[statements["value"].notna()]
    found = extracted[extracted["value"].notna()]
    sources = list(dict.fromkeys(list(curated["source_id"].dropna()) + list(found["source_id"].dropna())))
    summaries, misses, alarms, wrong, pairs = [], [], [], [], []
    for source_id in sources:
        cur = curated[curated["source_id"] == source_id].reset_index(drop=True)
        ext = found[found["source_id"] == source_id].reset_index(drop=True)
        matched = match_statements(cur, ext, spans=spans)
        cur_ids = cur["statement_id"].to_numpy()[matched["curated_pos"]]
        ext_ids = ext["statement_id"].to_numpy()[matched["extracted_pos"]]
        same_id = (cur["indicator_id"].to_numpy()[matched["curated_pos"]]
                   == ext["indicator_id"].to_numpy()[matched["extracted_pos"]])
        cur_pick, ext_pick = cur.iloc[matched["curated_pos"]], ext.iloc[matched["extracted_pos"]]
        same_id = _agree(_column(cur_pick, "indicator_id"), _column(ext_pick, "indicator_id"))
        assigned = _column(ext_pick, "indicator_id").map(_filled).to_numpy(dtype=bool)
        pairs.append(pd.DataFrame({"source_id": source_id, "curated_id": cur_ids, "extracted_id": ext_ids,
                                   "value_equal": matched["value_equal"].to_numpy(), "indicator_equal": same_id,
                                   "year_equal": _agree(_column(cur_pick, "year"), _column(ext_pick, "year")),
                                   "qualifier_equal": _agree(_column(cur_pick, "qualifier"),
                                                             _column(ext_pick, "qualifier")),
                                   "id_assigned": assigned}))
        misses.append(cur.drop(index=matched["curated_pos"])[_SHOWN])
        alarms.append(ext.drop(index=matched["extracted_pos"])[_SHOWN])
        bad = matched[~matched["value_equal"]]
        left = cur.iloc[bad["curated_pos"]][["source_id", "statement_id", "value_text", "value", "value_high"]]
        right = ext.iloc[bad["extracted_pos"]][["statement_id", "value_text", "value", "value_high", "quote"]]
        wrong.append(pd.concat([left.reset_index(drop=True),
                                right.reset_index(drop=True).add_prefix("extracted_")], axis=1))
        summaries.append(_scores(source_id, len(cur), ext, pairs[-1]))
    total_pairs = pd.concat(pairs, ignore_index=True) if pairs else pd.DataFrame(columns=_PAIR_COLUMNS)
    summary = pd.DataFrame(summaries, columns=SUMMARY_COLUMNS)
    total = _scores("total", int(summary["curated_numeric"].sum()), found[found["source_id"].isin(sources)],
                    total_pairs)
    summary = pd.concat([summary, pd.DataFrame([total], columns=SUMMARY_COLUMNS)], ignore_index=True)

    def stack(frames: list[pd.DataFrame]) -> pd.DataFrame:
        frames = [f for f in frames if len(f)]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    return Evaluation(summary, stack(misses), stack(alarms), stack(wrong), total_pairs)


_PAIR_COLUMNS = ["source_id", "curated_id", "extracted_id", "value_equal", "indicator_equal", "year_equal",
                 "qualifier_equal", "id_assigned"]


def _column(rows: pd.DataFrame, name: str) -> pd.Series:
    """*rows*[*name*], or a column of missing values when *rows* has no such column."""
    return rows[name] if name in rows.columns else pd.Series([None] * len(rows), index=rows.index, dtype=object)


def _filled(value: object) -> bool:
    return not (value is None or (not isinstance(value, str) and pd.isna(value)) or value == "")


def _agree(left: pd.Series, right: pd.Series) -> np.ndarray:
    """Row by row: both sides missing, or both present and equal."""
    out = []
    for a, b in zip(left.tolist(), right.tolist()):
        fa, fb = _filled(a), _filled(b)
        out.append((not fa and not fb) or (fa and fb and str(a) == str(b)))
    return np.asarray(out, dtype=bool)


def _scores(source_id: str, n_cur: int, ext: pd.DataFrame, pairs: pd.DataFrame) -> list:
    n, n_ext = len(pairs), len(ext)

    def share(column: str, rows: pd.DataFrame | None = None) -> float:
        rows = pairs if rows is None else rows
        return float(np.asarray(rows[column], dtype=bool).mean()) if len(rows) else np.nan

    assigned = pairs[np.asarray(pairs["id_assigned"], dtype=bool)] if n else pairs
    ids = int(_column(ext, "indicator_id").map(_filled).sum()) if n_ext else 0
    return [
        source_id, n_cur, n_ext, n,
        n / n_ext if n_ext else np.nan,
        n / n_cur if n_cur else np.nan,
        share("value_equal"), share("indicator_equal"), share("year_equal"), share("qualifier_equal"),
        share("indicator_equal", assigned), ids / n_ext if n_ext else np.nan,
    ]


def extract_sources() -> pd.DataFrame:
    """Extract every registered source with its place and plan horizon (the default input)."""
    from .extract import extract
    from .sources import load_sources, read_source_text

    frames = []
    for rec in load_sources().itertuples(index=False):
        horizon = None if pd.isna(rec.horizon_end) else int(rec.horizon_end)
        frames.append(extract(read_source_text(rec.source_id), source_id=rec.source_id, place_id=rec.place_id,
                              horizon=horizon))
    return pd.concat(frames, ignore_index=True)


def evaluation_markdown(evaluation: Evaluation) -> str:
    """Return the summary as a Markdown table (for the README).

    Examples
    --------
    >>> print(evaluation_markdown(evaluate()).splitlines()[0])
    | source | curated | extracted | matched | precision | recall | value accuracy | indicator agreement | year agreement | qualifier agreement | id precision | id coverage |
    """
    lines = [
        "| source | curated | extracted | matched | precision | recall | value accuracy | indicator agreement "
        "| year agreement | qualifier agreement | id precision | id coverage |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def pct(x: float) -> str:
        return "–" if pd.isna(x) else f"{x:.1%}"

    for rec in evaluation.summary.itertuples(index=False):
        name = f"**{rec.source_id}**" if rec.source_id == "total" else rec.source_id
        lines.append(f"| {name} | {rec.curated_numeric} | {rec.extracted_numeric} | {rec.matched} | "
                     f"{pct(rec.precision)} | {pct(rec.recall)} | {pct(rec.value_accuracy)} | "
                     f"{pct(rec.indicator_agreement)} | {pct(rec.year_agreement)} | "
                     f"{pct(rec.qualifier_agreement)} | {pct(rec.id_precision)} | {pct(rec.id_coverage)} |")
    return "\n".join(lines)


def load_heldout(directory: str | Path, *, files: str = "*.txt") -> tuple[dict[str, str], pd.DataFrame]:
    """Read a folder of held-out documents annotated by hand: their texts and their statements.

    The folder holds ``SOURCES.csv`` (``file``, ``source_id`` …), each document as UTF-8 text and,
    beside each, its hand-annotated statements (same name, ``.csv``, in the statement columns;
    ``indicator_id`` may be empty where no registry indicator fits).

    Parameters
    ----------
    directory : str or Path
        The folder.
    files : str
        A glob that selects documents by file name (``"doc0[1-8]_*.txt"`` for one set).

    Returns
    -------
    texts : dict
        ``source_id → text`` (read exactly as stored, so offsets index into it).
    statements : pandas.DataFrame
        The annotated statements of the selected documents.
    """
    directory = Path(directory)
    sources = pd.read_csv(directory / "SOURCES.csv", dtype=str)
    texts, frames = {}, []
    for rec in sources.itertuples(index=False):
        if not Path(rec.file).match(files):
            continue
        with (directory / rec.file).open(encoding="utf-8", newline="") as handle:
            texts[rec.source_id] = handle.read()
        rows = pd.read_csv(directory / Path(rec.file).with_suffix(".csv").name, dtype=str, keep_default_na=False)
        frames.append(rows)
    statements = pd.concat(frames, ignore_index=True)
    for column in ("value", "value_high"):
        statements[column] = pd.to_numeric(statements[column].replace("", None), errors="coerce")
    for column in ("year", "quote_start", "quote_end"):
        statements[column] = pd.to_numeric(statements[column].replace("", None), errors="coerce").astype("Int64")
    for column in statements.columns:
        if statements[column].dtype == object:
            statements[column] = statements[column].replace("", None)
    return texts, statements


def evaluate_heldout(directory: str | Path, *, files: str = "*.txt") -> Evaluation:
    """Extract every selected held-out document at default arguments and score it (see :func:`load_heldout`).

    Only the text, its source id and its place go into :func:`comparekit.extract`: no horizon, no
    hint from the annotation.
    """
    from .extract import extract

    texts, statements = load_heldout(directory, files=files)
    frames = []
    for source_id, text in texts.items():
        places = statements.loc[statements["source_id"] == source_id, "place_id"].dropna()
        frames.append(extract(text, source_id=source_id, place_id=places.iloc[0] if len(places) else None))
    return evaluate(pd.concat(frames, ignore_index=True), statements)
