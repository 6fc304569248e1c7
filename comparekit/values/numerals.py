"""Chinese numerals in a value text: hide those that are not quantities, convert the others to Arabic numbers."""

from __future__ import annotations

import math
import re

from .result import ValueParseError
from .rules import _CN_COUNTING, _CN_DIGITS, _CN_RUN_RE

__all__: list[str] = []


def _mask_numerals(match: re.Match) -> str:
    return re.sub(rf"[0-9{_CN_DIGITS}]", "#", match.group(0))


def _convert_chinese_numerals(text: str, original: str) -> str:
    """Replace Chinese numeral runs by Arabic numbers (trailing 万/亿 stay as unit words)."""
    if not any(ch in _CN_DIGITS for ch in text):
        return text
    import cn2an  # imported lazily: importing comparekit stays fast

    def convert(match: re.Match) -> str:
        run = match.group(0)
        suffix = ""
        for word in ("万亿", "亿", "万"):
            head = run[: -len(word)]
            if run.endswith(word) and head and "万" not in head and "亿" not in head:
                run, suffix = head, word
                break
        if not _CN_COUNTING.search(run):
            if not (len(run) >= 1 and suffix and set(run) <= set("百千")):
                return match.group(0)  # 万, 千, 百 alone are unit words, 零 alone is 清零 …
        if run[0] in "十百千":
            run = ("一" + run) if run[0] != "十" else run
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
