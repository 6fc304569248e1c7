"""Scans over a whole text: the matches of a pattern, found as ``pattern.finditer`` finds them, faster.

Python's regular-expression engine skips quickly to the places where a pattern can start only when
the pattern opens with a literal, a character class or an alternation of literals. A pattern that
opens with an empty group or a look-behind (the enumeration count ``(?P<verb>)(?<=…)…`` of the
Chinese-numeral scan) or with an alternation of a literal and a class (``亿(?=…)|[亿万](?=…)``) is
tried at every character of the text: several times slower than a scan for numbers.

:func:`scan` finds the characters such a pattern can start with from its parsed form (look-arounds
and empty groups consume nothing, so the first character a match consumes is where it starts),
runs a fast scan for those characters and tries the pattern only there. The matches are the same
match objects ``pattern.finditer(text, pos)`` gives, in the same order: every match starts at one
of those characters, a match is tried at each of them from the left, and a candidate inside the
previous match is skipped as ``finditer`` skips it. A pattern whose first character cannot be told
(or that the engine already scans fast) is run with ``finditer`` itself. :func:`scan_sparse` finds a
pattern that starts with a few characters the text holds rarely from those characters, by ``str.find``
(many times faster than the engine's check of a character class at every character), and tries the
pattern there, in the same way.
"""

from __future__ import annotations

import re
from typing import Iterator

__all__ = ["scan", "scan_sparse", "scan_each", "first_characters"]

try:  # the parser of the re module (re._parser since Python 3.11, sre_parse before)
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_C = _sre_parse  # opcodes are exported by the parser module
_ZERO_WIDTH = {_C.ASSERT, _C.ASSERT_NOT, _C.AT}
_REPEATS = {_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", _C.MAX_REPEAT)}
_UNKNOWN = None


def _class_items(items) -> list[str] | None:
    """The members of a parsed character class as regex class fragments, or None (negated, categories)."""
    out = []
    for op, av in items:
        if op is _C.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is _C.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        else:
            return None
    return out


def _first(data) -> tuple[list[str], bool] | None:
    """``(class fragments, can be empty)`` for the parsed sequence *data*, or None when unknown.

    The fragments cover every character a match of *data* can consume first; *can be empty* says
    that *data* may consume nothing (then what follows it may come first).
    """
    found: list[str] = []
    for op, av in data:
        if op in _ZERO_WIDTH:
            continue
        if op is _C.LITERAL:
            return found + [re.escape(chr(av))], False
        if op is _C.IN:
            items = _class_items(av)
            if items is None:
                return _UNKNOWN
            return found + items, False
        if op is _C.SUBPATTERN:
            sub = _first(av[-1].data)
            if sub is None or av[1] or av[2]:  # (flags changed inside the group: not followed here)
                return _UNKNOWN
            found += sub[0]
            if not sub[1]:
                return found, False
            continue
        if op is _C.BRANCH:
            empty = False
            for alternative in av[1]:
                sub = _first(alternative.data)
                if sub is None:
                    return _UNKNOWN
                found += sub[0]
                empty = empty or sub[1]
            if not empty:
                return found, False
            continue
        if op in _REPEATS:
            low, _, item = av
            sub = _first(item.data)
            if sub is None:
                return _UNKNOWN
            found += sub[0]
            if low > 0 and not sub[1]:
                return found, False
            continue
        return _UNKNOWN  # any character, back-references, conditionals …
    return found, True


def _engine_skips(data) -> bool:
    """True when the engine itself skips fast to where the pattern can start (a literal, a class, or
    an alternation whose every branch opens with a literal, first)."""
    while data and data[0][0] is _C.SUBPATTERN and data[0][1][-1].data:
        data = data[0][1][-1].data
    if not data:
        return False
    op, av = data[0]
    if op is _C.LITERAL or op is _C.IN:
        return True
    if op is _C.BRANCH:
        return all(alt.data and alt.data[0][0] is _C.LITERAL for alt in av[1])
    return False


def first_characters(pattern: re.Pattern) -> re.Pattern | None:
    """A pattern matching one character that every match of *pattern* starts with, or None when
    *pattern* is better run as it is (the engine skips fast by itself, or the first character
    cannot be told).

    Examples
    --------
    >>> first_characters(re.compile(r"(?P<verb>)(?<=[一-龥])(?P<cnum>[两三]|十[一二])个")).pattern
    '[两三十]'
    >>> first_characters(re.compile(r"万元|亿元")) is None  # the engine skips to 万 and 亿 by itself
    True
    """
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - an engine that parses differently: run the pattern as it is
        return None
    if _engine_skips(parsed.data):
        return None
    found = _first(parsed.data)
    if found is None or found[1] or not found[0]:
        return None
    return re.compile("[" + "".join(dict.fromkeys(found[0])) + "]")


_FEW = 64  # a first-character class of at most this many characters may join a shared scan (scan_each)


_FEW_CHARACTERS: dict[re.Pattern, frozenset | None] = {}  # anchor -> _few_characters(anchor)


def _few_characters(anchor: re.Pattern) -> frozenset | None:
    """The characters of a first-character class (see :func:`first_characters`), or None when it
    has more than :data:`_FEW` of them (parsed once per anchor)."""
    try:
        return _FEW_CHARACTERS[anchor]
    except KeyError:
        found = _FEW_CHARACTERS[anchor] = _parse_few(anchor)
        return found


def _parse_few(anchor: re.Pattern) -> frozenset | None:
    op, av = _sre_parse.parse(anchor.pattern).data[0]
    if op is _C.LITERAL:  # a class of one character is parsed as that character
        return frozenset(chr(av))
    if op is not _C.IN:  # pragma: no cover
        return None
    chars: set[str] = set()
    for op, av in av:
        if op is _C.LITERAL:
            chars.add(chr(av))
        elif av[1] - av[0] < _FEW:  # a range
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return frozenset(chars) if len(chars) <= _FEW else None


_ANCHORS: dict[re.Pattern, re.Pattern | None] = {}  # compiled pattern -> its first characters (see scan)

# A class of first characters is checked at every character of the text (a call per character), while
# str.find runs through the text for one character many times faster: a pattern that can start with
# only a few characters, which the text holds rarely, is found fastest from each of those characters
# by str.find and tried only there (counting them first costs one fast pass per character).
_RARE_CHARACTERS = 8  # at most this many first characters ...
_RARE_SPACING = 64  # ... found at most once per this many characters of the text on average
_STARTS: dict[re.Pattern, frozenset | None] = {}  # compiled pattern -> its first characters, when few


def _start_characters(pattern: re.Pattern) -> frozenset | None:
    """The characters every match of *pattern* starts with, when there are at most
    :data:`_RARE_CHARACTERS` of them (whether or not the engine skips to them by itself), else None."""
    try:
        return _STARTS[pattern]
    except KeyError:
        pass
    chars = None
    if not pattern.flags & (re.IGNORECASE | re.VERBOSE) and isinstance(pattern.pattern, str):
        try:
            found = _first(_sre_parse.parse(pattern.pattern, pattern.flags).data)
        except Exception:  # pragma: no cover - an engine that parses differently: run the pattern as it is
            found = None
        if found is not None and not found[1] and found[0]:
            chars = _parse_few(re.compile("[" + "".join(dict.fromkeys(found[0])) + "]"))
            if chars is not None and not 2 <= len(chars) <= _RARE_CHARACTERS:
                chars = None  # (one literal first character the engine finds fast by itself)
    _STARTS[pattern] = chars
    return chars


def scan_sparse(pattern: re.Pattern, text: str, pos: int = 0) -> Iterator[re.Match]:
    """The matches of ``pattern.finditer(text, pos)``, like :func:`scan`; a pattern that starts with
    a few characters (2 to :data:`_RARE_CHARACTERS`) that are rare in the text (at most one per
    :data:`_RARE_SPACING` characters) is found from each of them by str.find and tried there.

    Examples
    --------
    >>> p = re.compile(r"过去的?[一五]年|去年")
    >>> text = "过去一年，去年，过去的五年"
    >>> [m.span() for m in scan_sparse(p, text)] == [m.span() for m in p.finditer(text)]
    True
    """
    chars = _start_characters(pattern)
    if chars is not None:
        starts = _positions(text, chars, pos, (len(text) - pos) // _RARE_SPACING)
        if starts is not None:
            return _tried_at(pattern, starts, text, pos)
    return scan(pattern, text, pos)


def _positions(text: str, chars, pos: int, most: int) -> list[int] | None:
    """The positions of *chars* in ``text[pos:]``, ascending, or None when there are more than *most*."""
    find = text.find
    starts: list[int] = []
    for char in chars:
        at = find(char, pos)
        while at >= 0:
            if len(starts) >= most:
                return None
            starts.append(at)
            at = find(char, at + 1)
    starts.sort()
    return starts


def scan(pattern: re.Pattern, text: str, pos: int = 0) -> Iterator[re.Match]:
    """The matches of ``pattern.finditer(text, pos)``, in order (the same match objects), found by a
    scan for the characters a match can start with when the engine cannot skip to them by itself.

    Examples
    --------
    >>> p = re.compile(r"(?<=[一-龥])[三四]个")
    >>> [m.span() for m in scan(p, "建设三个,三个,新建四个")] == [m.span() for m in p.finditer("建设三个,三个,新建四个")]
    True
    """
    try:
        anchor = _ANCHORS[pattern]
    except KeyError:
        anchor = _ANCHORS[pattern] = first_characters(pattern)
    if anchor is None:
        return pattern.finditer(text, pos)
    return _anchored(pattern, anchor, text, pos)


def _tried_at(pattern: re.Pattern, starts, text: str, pos: int) -> Iterator[re.Match]:
    """The matches of *pattern* tried at *starts* (ascending positions), a start inside the previous
    match skipped."""
    match = pattern.match
    after = pos
    for at in starts:
        if at < after:
            continue
        m = match(text, at)
        if m is not None:
            yield m
            after = m.end()


def _anchored(pattern: re.Pattern, anchor: re.Pattern, text: str, pos: int) -> Iterator[re.Match]:
    """The matches of *pattern* tried at the matches of *anchor* (see :func:`scan`)."""
    return _tried_at(pattern, (a.start() for a in anchor.finditer(text, pos)), text, pos)


def scan_each(patterns, text: str, pos: int = 0) -> list:
    """The matches of ``pattern.finditer(text, pos)`` for each of *patterns*: one iterable each.

    The patterns :func:`scan` would run from a few first characters share one scan for all of those
    characters; each is tried only at its own (a candidate inside its previous match skipped, as
    ``finditer`` skips it). The others are run as :func:`scan` runs them.

    Examples
    --------
    >>> ps = [re.compile(r"(?<=[一-龥])[三四]个"), re.compile(r"(?P<v>)[二三]分之[一二]"), re.compile(r"[0-9]+")]
    >>> text = "建设三个,三分之一,新建四个,2个"
    >>> [[m.span() for m in found] for found in scan_each(ps, text)] == [[m.span() for m in p.finditer(text)] for p in ps]
    True
    """
    out: list = []
    shared: dict[str, list[int]] = {}  # first character -> the patterns that may start with it
    for i, pattern in enumerate(patterns):
        try:
            anchor = _ANCHORS[pattern]
        except KeyError:
            anchor = _ANCHORS[pattern] = first_characters(pattern)
        chars = _few_characters(anchor) if anchor is not None else None
        if chars is None:
            out.append(scan(pattern, text, pos))
            continue
        out.append([])
        for char in chars:
            shared.setdefault(char, []).append(i)
    if len(shared) == 0:
        return out
    union = re.compile("[" + "".join(re.escape(c) for c in sorted(shared)) + "]")
    after = [pos] * len(patterns)  # a candidate before this lies inside the pattern's previous match
    for a in union.finditer(text, pos):
        at = a.start()
        for i in shared[a.group()]:
            if at >= after[i]:
                m = patterns[i].match(text, at)
                if m is not None:
                    out[i].append(m)
                    after[i] = m.end()
    return out
