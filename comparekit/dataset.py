"""Harmonize a statement table larger than memory: a Parquet dataset in, a Parquet file out.

:func:`harmonize_dataset` reads a Parquet file or a directory of Parquet files (a *dataset*) in
record batches with pyarrow, harmonizes each batch with :func:`comparekit.harmonize.harmonize`
and appends it to one Parquet file with a fixed schema, so that memory is bounded by the batch
size, not by the table. Harmonizing is row by row (derived rows follow their own row), so the
result holds the same rows as ``harmonize`` on the whole table, batch by batch. Like
:mod:`comparekit.pipeline`, this module writes files; it never overwrites one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import ComparekitError
from .harmonize import HARMONIZED_COLUMNS, harmonize

__all__ = ["DatasetSummary", "harmonize_dataset", "harmonized_arrow_schema"]

_NUMBERS = {"value": "float64", "value_high": "float64", "value_as_stated": "float64"}
_PLAIN_TEXT = {"statement_id", "quote"}  # one value per row; every other text column is dictionary-encoded
_INTEGERS = {"year", "denominator", "quote_start", "quote_end"}


def harmonized_arrow_schema():
    """The Arrow schema of a harmonized table written by :func:`harmonize_dataset`.

    Examples
    --------
    >>> harmonized_arrow_schema().field("value").type
    DataType(double)
    >>> str(harmonized_arrow_schema().field("status").type)
    'dictionary<values=string, indices=int32, ordered=0>'
    """
    import pyarrow as pa

    fields = []
    for name in HARMONIZED_COLUMNS:
        if name in _NUMBERS:
            fields.append(pa.field(name, pa.float64()))
        elif name in _INTEGERS:
            fields.append(pa.field(name, pa.int64()))
        elif name == "derived":
            fields.append(pa.field(name, pa.bool_()))
        elif name in _PLAIN_TEXT:
            fields.append(pa.field(name, pa.large_string()))
        else:
            fields.append(pa.field(name, pa.dictionary(pa.int32(), pa.string())))
    return pa.schema(fields)


@dataclass(frozen=True)
class DatasetSummary:
    """What :func:`harmonize_dataset` read and wrote; the counts reconcile (``input == harmonized + set_aside``)."""

    destination: Path
    batches: int
    input: int
    harmonized: int
    set_aside: int
    derived: int


def harmonize_dataset(source: str | Path, destination: str | Path, *, batch_rows: int = 250_000, validate: bool = True) -> DatasetSummary:
    """Harmonize the statements of a Parquet dataset batch by batch into one Parquet file.

    Parameters
    ----------
    source : str or pathlib.Path
        A Parquet file, or a directory of Parquet files, holding a statement table.
    destination : str or pathlib.Path
        The Parquet file to write; it must not exist yet.
    batch_rows : int
        Rows harmonized at a time: peak memory grows with it, not with the size of the dataset.
    validate : bool
        Check each batch with the statement schema first (as :func:`~comparekit.harmonize.harmonize`).

    Returns
    -------
    DatasetSummary
        Batches and rows read, rows harmonized, set aside and derived.

    Raises
    ------
    ComparekitError
        If *destination* exists, *source* does not, or *batch_rows* is not positive.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from comparekit.schema import load_statements
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> load_statements().to_parquet(folder / "statements.parquet")
    >>> summary = harmonize_dataset(folder / "statements.parquet", folder / "harmonized.parquet", batch_rows=100)
    >>> summary.input == summary.harmonized + summary.set_aside, summary.batches
    (True, 5)
    """
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    source, destination = Path(source), Path(destination)
    if not isinstance(batch_rows, int) or batch_rows < 1:
        raise ComparekitError(f"batch_rows must be a positive integer, not {batch_rows!r}")
    if not source.exists():
        raise ComparekitError(f"{source}: no such Parquet file or directory")
    if destination.exists():
        raise ComparekitError(f"{destination} exists already; harmonize_dataset never overwrites a file")
    schema = harmonized_arrow_schema()
    files = sorted(ds.dataset(source, format="parquet").files)
    batches = rows_in = harmonized_rows = set_aside = derived = 0
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    try:
        with pq.ParquetWriter(partial, schema, compression="snappy") as writer:
            for batch in _batches(files, batch_rows):
                if batch.num_rows == 0:
                    continue
                statements = batch.to_pandas()
                result = harmonize(statements, validate=validate)
                batches += 1
                rows_in += len(statements)
                original = ~result["derived"].to_numpy(dtype=bool)
                status = result["status"].to_numpy(dtype=object)
                harmonized_rows += int(((status == "harmonized") & original).sum())
                set_aside += int(((status == "set_aside") & original).sum())
                derived += int((~original).sum())
                writer.write_table(_to_arrow(result, schema))
                del statements, result
        if harmonized_rows + set_aside != rows_in:
            raise ComparekitError(f"{source}: {rows_in} rows read but {harmonized_rows} harmonized and {set_aside} set aside")
        partial.rename(destination)
    finally:
        partial.unlink(missing_ok=True)
    return DatasetSummary(destination, batches, rows_in, harmonized_rows, set_aside, derived)


#: Read dictionary-encoded: they reach harmonize as categoricals (codes, no per-row Python strings),
#: and its label columns come back coded too.
_CODED = ["place_id", "source_id", "indicator_id", "kind", "scope_text", "unit", "qualifier", "value_text"]


def _batches(files: list[str], batch_rows: int):
    """Record batches of the files one after the other, one batch in memory at a time."""
    import pyarrow.parquet as pq

    for path in files:
        reader = pq.ParquetFile(path, read_dictionary=[c for c in _CODED if c in pq.read_schema(path).names])
        yield from reader.iter_batches(batch_size=batch_rows)


def _to_arrow(frame: pd.DataFrame, schema):
    """A harmonized frame as an Arrow table of *schema*: label columns dictionary-encoded, ids and quotes as strings."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame[schema.names], preserve_index=False)
    columns = []
    for field, column in zip(schema, table.columns):
        wants_dictionary = pa.types.is_dictionary(field.type)
        if pa.types.is_dictionary(column.type):
            if not wants_dictionary:
                column = column.cast(column.type.value_type)
        elif not pa.types.is_null(column.type) and (wants_dictionary or pa.types.is_large_string(field.type)):
            column = column.cast(pa.string() if wants_dictionary else pa.large_string())  # str, object text, or numbers kept as text
        columns.append(column.cast(field.type))
    return pa.Table.from_arrays(columns, schema=schema)
