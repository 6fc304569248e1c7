"""The scalar parser: one value text → :class:`~comparekit.values.ParsedValue` (the reference the vectorized path agrees with)."""

from __future__ import annotations

import math
import unicodedata

from .numerals import _convert_chinese_numerals, _mask_numerals
from .result import ParsedValue, ValueParseError
from .rules import (
    _CJK_SPACE_RE,
    _CN_PERCENT_RE,
    _CN_WHOLE_RE,
    _DASH_RE,
    _DIRECTION_RES,
    _ENUM_RE,
    _HALF_RE,
    _INVISIBLE,
    _MASK_RE,
    _NUM_RE,
    _PAGE_RE,
    _PAIR_RE,
    _PER_YEAR_RE,
    _QUALIFIER_RES,
    _QUALITATIVE_RES,
    _RANGE_RE,
    _RATIO_RE,
    _RELATIVE_RES,
    _SPACES_RE,
    _THOUSANDS_RE,
    _YEAR_RE,
)
from .unit_words import _multiplier, _read_unit

__all__ = ["normalize_text", "parse_value_text"]


def normalize_text(text: str) -> str:
    """Normalize a value text: half-width forms, plain spaces, ``-`` between numbers.

    Full-width digits, letters and punctuation become half-width (Unicode NFKC; Chinese characters
    are unchanged), non-breaking and other odd spaces become spaces, invisible characters are
    removed, the minus sign ``−`` becomes ``-`` and the ratio sign ``∶`` ``:``, ``～ — – － ~`` between two numbers become ``-``,
    ``‹ ›`` become ``< >``, runs of spaces collapse to one, and a space between two Chinese characters is removed: Chinese does
    not separate words by spaces, so such a space is a line-break artefact of the text extraction
    (``55%左 右`` → ``55%左右``, ``35 平方 米`` → ``35 平方米``).

    Parameters
    ----------
    text : str
        A value text as written.

    Returns
    -------
    str
        The normalized text.

    Examples
    --------
    >>> normalize_text("６０％")
    '60%'
    >>> normalize_text("5—8个"), normalize_text("55\\xa0%左右"), normalize_text("≥10 （8）")
    ('5-8个', '55 %左右', '≥10 (8)')
    """
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).replace("\u2212", "-")  # − (minus sign)
    text = text.replace("\u2236", ":")  # ∶ (the ratio sign, which NFKC keeps)
    text = text.replace("‹", "<").replace("›", ">")
    text = _CJK_SPACE_RE.sub("", _SPACES_RE.sub(" ", text).strip())
    return _DASH_RE.sub(r"\1-", text)


def _to_float(token: str, original: str) -> float:
    number = float(token)
    if not math.isfinite(number):
        raise ValueParseError(original, f"number {token[:20]!r}… is too large")
    return number


def _qualifier(text: str) -> str | None:
    for pattern, qualifier in _QUALIFIER_RES:
        if pattern.search(text):
            return qualifier
    return None


def _direction(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for pattern, direction in _DIRECTION_RES:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), direction)
    return best[1] if best else None


def parse_value_text(text: str) -> ParsedValue:
    """Read one value text as written in a plan into numbers, qualifier and unit.

    Parameters
    ----------
    text : str
        The value exactly as written (``55%左右``, ``≥10 (8)``, ``16.05:1``, ``不低于全市平均水平``).

    Returns
    -------
    ParsedValue

    Raises
    ------
    ValueParseError
        The only exception raised for a bad text: empty text, no number and no qualitative or
        relative word, several numbers in no known arrangement, a range whose low end is above
        its high end, an unreadable Chinese numeral.

    Examples
    --------
    >>> p = parse_value_text("1.9万个")
    >>> p.value, p.unit, p.multiplier, p.qualifier
    (1.9, '万个', 10000.0, 'exact')
    >>> p = parse_value_text("≥10 (8)")
    >>> p.value, p.value_alt, p.qualifier
    (10.0, 8.0, 'at_least')
    >>> p = parse_value_text("每年下降 6 3.2%左右")
    >>> p.value, p.unit, p.qualifier, p.per_year, p.direction
    (3.2, '%', 'about', True, 'down')
    """
    if not isinstance(text, str):
        raise ValueParseError(text, f"value text must be a string, not {type(text).__name__}")
    normalized = normalize_text(text)
    if not normalized:
        raise ValueParseError(text, "empty value text")
    per_year = bool(_PER_YEAR_RE.search(normalized))
    direction = _direction(normalized)

    work = _MASK_RE.sub(_mask_numerals, normalized)
    work = _convert_chinese_numerals(_HALF_RE.sub("0.5", _CN_WHOLE_RE.sub("100%", work)), text)
    work = _CN_PERCENT_RE.sub(lambda m: m.group(2) + ("%" if m.group(1) == "百" else "‰"), work)
    work = _THOUSANDS_RE.sub("", work)
    work = _PAGE_RE.sub("", work)
    if len(_NUM_RE.findall(work)) > 1:
        without_years = _YEAR_RE.sub(" ", work).strip()
        if _NUM_RE.search(without_years):  # a year is dropped only when another number remains
            work = without_years
        work = _ENUM_RE.sub("", work)
    numbers = list(_NUM_RE.finditer(work))

    def result(value, value_high, qualifier, unit, value_alt=None) -> ParsedValue:
        return ParsedValue(value, value_high, qualifier, unit, _multiplier(unit), value_alt, per_year, direction, normalized)

    if not numbers:
        if any(p.search(normalized) for p in _RELATIVE_RES):
            return result(None, None, _qualifier(normalized) or "exact", None)
        if any(p.search(normalized) for p in _QUALITATIVE_RES):
            return result(None, None, "qualitative", None)
        raise ValueParseError(text, "no number and no qualitative or relative word")

    qualifier = _qualifier(work) or "exact"
    if len(numbers) == 2:
        ratio = _RATIO_RE.search(work)
        if ratio:
            return result(_to_float(ratio.group(1), text), None, qualifier, "ratio")
        pair = _PAIR_RE.search(work)
        if pair:
            unit = _read_unit(pair.group(2)) or _read_unit(work[pair.end():])
            return result(_to_float(pair.group(1), text), None, qualifier, unit, _to_float(pair.group(3), text))
        span = _RANGE_RE.search(work)
        if span:
            low, high = _to_float(span.group(1), text), _to_float(span.group(3), text)
            if low > high:
                raise ValueParseError(text, f"range low end {low:g} is above its high end {high:g}")
            unit = _read_unit(work[span.end():]) or _read_unit(span.group(2))
            return result(low, high, "range", unit)
    if len(numbers) > 1:
        found = ", ".join(m.group(0) for m in numbers[:5])
        raise ValueParseError(text, f"several numbers ({found}) in no known arrangement; cannot tell which is the value")
    number = numbers[0]
    value = _to_float(number.group(0), text)
    if work[: number.start()].rstrip().endswith("-"):
        value = -value
    return result(value, None, qualifier, _read_unit(work[number.end():]))
