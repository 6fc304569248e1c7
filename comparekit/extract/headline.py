"""A headline's values take their year from the lede that states them again.

A news page often opens with a headline that repeats the figures of its lede (``海口建成24个便民生活圈`` over
``…海口市2023年建成24个便民生活圈…``): the headline states no year, its lede does. :func:`headline_years`
gives a value of the headline without a year the year of the first later row with the same value and unit.
"""

from __future__ import annotations

__all__ = ["HEADLINE_MAX", "HEADLINE_REACH", "headline_years"]

#: A headline is one line of at most this many characters, without 。, …
HEADLINE_MAX = 60
#: … that starts within this many characters of the text's start (page furniture may come before it).
HEADLINE_REACH = 300


def _headline_ends(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each line short enough to be a headline in the opening of *text*."""
    lines = []
    start = 0
    while start < HEADLINE_REACH:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line.strip() and len(line.strip()) <= HEADLINE_MAX and "。" not in line:
            lines.append((start, end))
        if end >= len(text):
            break
        start = end + 1
    return lines


def headline_years(columns: dict[str, list], text: str) -> dict[str, list]:
    """Give each row of a headline without a year the year of the first later row with its value and unit.

    Parameters
    ----------
    columns : dict of str to list
        The extractor's columns (``quote_start``, ``quote_end``, ``value_start``, ``value``, ``unit``,
        ``year``, ``year_source``), rows in reading order; changed in place. A row is in the headline when
        its value is (its quote may run on into the next line).
    text : str
        The text the offsets index into.

    Returns
    -------
    dict of str to list
        *columns*, the headline rows' ``year`` set and their ``year_source`` ``carried``.

    Examples
    --------
    >>> text = "海口建成24个便民生活圈\\n记者获悉，海口市2023年建成24个便民生活圈。"
    >>> cols = {"quote_start": [0, 18], "quote_end": [12, 35], "value_start": [2, 27], "value": [24.0, 24.0],
    ...         "unit": ["个", "个"], "year": [None, 2023], "year_source": [None, "stated"]}
    >>> headline_years(cols, text)["year"], cols["year_source"]
    ([2023, 2023], ['carried', 'stated'])
    """
    starts = columns["quote_start"]
    if not starts or starts[0] >= HEADLINE_REACH:
        return columns
    lines = _headline_ends(text)
    if not lines:
        return columns
    years, values, units, ends = columns["year"], columns["value"], columns["unit"], columns["quote_end"]
    value_starts = columns["value_start"]
    for i, start in enumerate(starts):
        if start >= HEADLINE_REACH:
            break
        if years[i] is not None or not any(a <= value_starts[i] < b for a, b in lines):
            continue
        later = next((j for j in range(i + 1, len(starts)) if starts[j] > ends[i] and years[j] is not None
                      and values[j] == values[i] and units[j] == units[i]), None)
        if later is not None:
            years[i] = years[later]
            columns["year_source"][i] = "carried"
    return columns
