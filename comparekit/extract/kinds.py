"""The kind a statement's words give it: a target, a baseline (a past or current value) or a standard.

Cue words of the registry (``data/registry/extract_patterns.csv``: 截至, 已, 现有 … for baselines; 每千人,
标准 … for standards; 每年 for values stated per year) decide within the value's clause; the start of a
change (``由A提高到B``, ``从A增至B``) and a result of recent years (``近三年每年增长…``) are baselines.
:mod:`comparekit.extract.collect` adds what depends on the year (a year before the document's own).
"""

from __future__ import annotations

import re

from .rules import Rules

__all__ = ["cue_kind", "is_start_value"]

_FROM_TO_RE = re.compile(r"(?:提高|提升|增加|增长|扩大|缩小|降低|下降|减少|调整)?(?:到|至)")
#: 由A提高到B, 由2020年(的)A…, 从A增至B: A is where a change starts from
_FROM_START_RE = re.compile(r"[由从]\s*(?:(?:19|20)[0-9]{2}\s*年(?:底|末)?的?)?\s*$")
_RECENT_YEARS_RE = re.compile(r"近[一二两三四五六七八九十0-9]{1,2}年")


def is_start_value(text: str, cs: int, ce: int, vs: int, ve: int) -> bool:
    """True if the value ``text[vs:ve]`` (in the clause ``[cs, ce)``) is where a change starts (由A提高到B)."""
    return bool(_FROM_START_RE.search(text[max(cs, vs - 12) : vs]) and _FROM_TO_RE.search(text, ve, ce))


def cue_kind(text: str, r: Rules, cs: int, ce: int, vs: int, ve: int, notes: list[str]) -> str:
    """The kind the words of the clause ``[cs, ce)`` give the value ``text[vs:ve]`` (appends "per year"
    to *notes* for a value stated per year)."""
    kind = "target"
    for m in r.cue_re.finditer(text, cs, ce):
        group = r.cue_kinds[m.group()]
        if group == "baseline":
            kind = "baseline"
        elif group == "standard":
            if kind == "target":
                kind = "standard"
        elif "per year" not in notes:
            notes.append("per year")
    if kind == "target" and (is_start_value(text, cs, ce, vs, ve) or _RECENT_YEARS_RE.search(text, cs, vs)):
        kind = "baseline"  # 由A提高到B: A is where it starts from; 近三年每年增长…: a past result
    return kind
