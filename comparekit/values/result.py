"""What the value parser returns: :class:`ParsedValue`, or :class:`ValueParseError` for a text it cannot read."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ValueParseError", "ParsedValue"]


class ValueParseError(ValueError):
    """A value text cannot be read; the message quotes the text and says why.

    Attributes
    ----------
    text : str
        The text as given.
    reason : str
        What is wrong, in English.
    """

    def __init__(self, text: object, reason: str) -> None:
        self.text = text
        self.reason = reason
        shown = text if not isinstance(text, str) or len(text) <= 80 else text[:80] + "…"
        super().__init__(f"value text {shown!r}: {reason}")


@dataclass(frozen=True)
class ParsedValue:
    """One value text, read.

    Attributes
    ----------
    value : float or None
        The number as written (``1.9万个`` → 1.9); the lower bound of a range; None when the text
        states no number (qualitative or relative targets).
    value_high : float or None
        Upper bound of a range (``5—8个`` → 8).
    qualifier : str
        One of :data:`QUALIFIERS`.
    unit : str or None
        The unit as written, including a multiplier word (``万个``, ``%``, ``个/千人``, ``ratio``).
    multiplier : float
        The factor the unit word carries (1e4 for ``万个``, 1 for ``个``).
    value_alt : float or None
        The second number of a new/existing pair (``10(8)`` → 8).
    per_year : bool
        The text states a yearly amount or rate (年均, 每年).
    direction : str or None
        ``"down"`` (下降, 减少, 降低), ``"up"`` (增长, 提高, 提升) or None.
    normalized : str
        The text after :func:`normalize_text`.
    """

    value: float | None
    value_high: float | None
    qualifier: str
    unit: str | None
    multiplier: float
    value_alt: float | None
    per_year: bool
    direction: str | None
    normalized: str
