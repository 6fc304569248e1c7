"""A set of text spans that answers "does this span overlap one already kept?" without a full scan.

:func:`comparekit.extract.ids.confirm_ids` keeps, per (indicator, scope, kind, year, value, note),
the quote spans of the rows it has confirmed, and asks of every later row whether its quote
overlaps one of them. A long text repeats such keys many times (the same plan read again, a
table of the same figure per town), so a scan over every kept span would make the check grow with
the square of the rows; :class:`Spans` looks only at the kept spans that could reach the new one.
"""

from __future__ import annotations

from bisect import bisect_right, insort

__all__ = ["Spans"]


class Spans:
    """Half-open spans ``[start, end)``, sorted by start.

    :meth:`overlaps` answers exactly what ``any(a < end and start < b or (a, b) == (start, end)
    for a, b in spans)`` answers: a kept span overlaps ``[start, end)`` or is the same span. Only
    the kept spans that start no later than *end* and no earlier than *start* minus the longest
    kept span are looked at (any span that starts before can no longer reach *start*).

    Examples
    --------
    >>> spans = Spans()
    >>> spans.add(10, 20)
    >>> spans.overlaps(15, 30), spans.overlaps(20, 30), spans.overlaps(0, 10), spans.overlaps(10, 20)
    (True, False, False, True)
    """

    __slots__ = ("starts", "ends", "longest")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.longest = 0

    def overlaps(self, start: int, end: int) -> bool:
        """True if a kept span overlaps ``[start, end)`` or equals it."""
        starts, ends = self.starts, self.ends
        reach = start - self.longest
        j = bisect_right(starts, end) - 1
        while j >= 0 and starts[j] >= reach:
            a, b = starts[j], ends[j]
            if a < end and start < b or (a == start and b == end):
                return True
            j -= 1
        return False

    def add(self, start: int, end: int) -> None:
        """Keep ``[start, end)``."""
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        if end - start > self.longest:
            self.longest = end - start
