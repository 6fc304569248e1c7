"""Chinese numerals in a value text: hide those that are not quantities, convert the others to Arabic numbers.

The regular forms (两, 十二, 一百零五, 三万五千, 一点五) are read by :func:`_chinese_number`, a small
reader of the standard grammar; anything else (二五, 一百二, 一万五 …) is handed to ``cn2an``, as before.
The two agree wherever the small reader answers (tested on every number below 100 000 and on random
numeral strings). ``cn2an`` takes longer to import than it takes to read every value text of the five
plans, so it is imported only when a text needs it.
"""

from __future__ import annotations

import math
import re

from .result import ValueParseError
from .rules import _CN_COUNTING, _CN_DIGITS, _CN_RUN_RE

__all__: list[str] = []


def _mask_numerals(match: re.Match) -> str:
    return re.sub(rf"[0-9{_CN_DIGITS}]", "#", match.group(0))


_SIMPLIFIED = str.maketrans("萬億", "万亿")


def _convert_chinese_numerals(text: str, original: str) -> str:
    """Replace Chinese numeral runs by Arabic numbers (trailing 万/亿 stay as unit words)."""
    if not any(ch in _CN_DIGITS for ch in text):
        return text

    def convert(match: re.Match) -> str:
        written = match.group(0)
        run = written.translate(_SIMPLIFIED)  # 百億, 萬億: read as 百亿, 万亿
        suffix = ""
        for word in ("万亿", "亿", "万"):
            head = run[: -len(word)]
            if run.endswith(word) and head and "万" not in head and "亿" not in head:
                run, suffix = head, written[-len(word):]  # (the unit word as written)
                break
        if run == "万亿" and not match.string[: match.start()].rstrip()[-1:].isdigit():
            return "1" + written  # 突破万亿元: one 万亿, as 百亿 is one hundred 亿 (not 3 万亿元)
        if not _CN_COUNTING.search(run):
            if not (len(run) >= 1 and suffix and set(run) <= set("百千")):
                return match.group(0)  # 万, 千, 百 alone are unit words, 零 alone is 清零 …
        if run[0] in "十百千":
            run = ("一" + run) if run[0] != "十" else run
        number = _chinese_number(run)
        if number is not None:
            return _format_number(number, original) + suffix
        import cn2an  # imported only for irregular forms: importing it costs more than reading the plans

        try:
            number = cn2an.cn2an(run, "smart")
        except Exception as exc:  # cn2an raises several types; none may escape the parser
            raise ValueParseError(original, f"cannot read the Chinese numeral {match.group(0)!r} ({exc})") from None
        return _format_number(float(number), original) + suffix

    return _CN_RUN_RE.sub(convert, text)


def _format_number(number: float, original: str) -> str:
    if not math.isfinite(number):
        raise ValueParseError(original, "number is too large")
    return repr(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


_DIGIT_VALUES = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZEROS = "零〇"


def _chinese_number(run: str) -> float | None:
    """A regular Chinese numeral (``十二``, ``一百零五``, ``三万五千``, ``一点五``) as a number; None if irregular.

    Examples
    --------
    >>> [_chinese_number(t) for t in ("两", "十二", "一百零五", "三万五千", "一点五", "二五", "一百二")]
    [2.0, 12.0, 105.0, 35000.0, 1.5, None, None]
    """
    whole, dot, fraction = run.partition("点")
    number = _integer(whole)
    if number is None:
        return None
    if not dot:
        return float(number)
    if not fraction or any(ch not in _DIGIT_VALUES for ch in fraction):
        return None
    return float(f"{number}.{''.join(str(_DIGIT_VALUES[ch]) for ch in fraction)}")


def _integer(text: str) -> int | None:
    """``text`` below 10^12 in the standard grammar (sections of 千百十 joined by 万 and 亿), else None."""
    for word, factor in (("亿", 10**8), ("万", 10**4)):
        if word in text:
            high, _, low = text.partition(word)
            upper = _integer(high) if high else None
            if upper is None or upper == 0 or upper >= (10**4 if word == "万" else 10**8):
                return None
            if not low:
                return upper * factor
            if low[0] in _ZEROS:  # 一万零五百: a 零 marks a gap below the next unit
                lower = _integer(low[1:]) if low[1:2] and low[1] not in _ZEROS + "十" else None  # 零一十, not 零十
                if lower is None or lower == 0 or lower >= factor // 10:
                    return None
            else:  # 一万五千: without 零 the next unit down must be written
                lower = _integer(low)
                if lower is None or not factor // 10 <= lower < factor:
                    return None
            return upper * factor + lower
    return _section(text)


def _section(text: str) -> int | None:
    """A numeral below 10 000 (``五``, ``十二``, ``三百零五``, ``一千零五十``), else None."""
    if text in ("零", "〇"):
        return 0
    if not text:
        return None
    total, digit, last, zero = 0, None, 10_000, False
    for position, ch in enumerate(text):
        if ch in _ZEROS:
            after = text[position + 1: position + 2]
            if position == 0 or text[position - 1] not in "百千" or not after or after not in _DIGIT_VALUES or after in _ZEROS:
                return None
            zero = True
        elif ch in _DIGIT_VALUES:
            if digit is not None:
                return None  # digit strings (二五, 二〇二五) are left to cn2an
            digit = _DIGIT_VALUES[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if digit is None:
                if not (ch == "十" and position == 0):
                    return None
                digit = 1  # 十二 is 一十二
            if unit >= last or (zero and unit * 10 >= last):
                return None
            total, last, digit, zero = total + digit * unit, unit, None, False
        else:
            return None
    if digit is not None:
        if last not in (10, 10_000) and not zero:
            return None  # 一百二 (colloquial 120) is left to cn2an
        total += digit
    return total
