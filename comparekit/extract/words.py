"""Word segmentation of labels: jieba's dictionary segmentation (no HMM), in one tight loop.

:func:`segment` gives exactly the words of ``jieba.Tokenizer().lcut(text, HMM=False)`` without the
blank ones. jieba cuts a text into blocks of CJK characters, Latin letters, digits and ``+#&._%-``
and cuts each block by the most probable path through its dictionary words; everything else comes
out one character at a time. Its path search runs as three generators per block (the word graph,
the route as a ``max`` over a generator, the words), which costs about as much as scoring the label
afterwards; here the graph and the route are made in one backward pass over the block, with the same
arithmetic in the same order (the same scores and the same ties) and jieba's own dictionary,
total and block patterns.
"""

from __future__ import annotations

from math import log

__all__ = ["segment"]

_TOKENIZER = None
_LOG_ONE = log(1)
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _tokenizer():
    """jieba's own tokenizer instance (its global one is left alone), initialized once."""
    global _TOKENIZER
    if _TOKENIZER is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        _TOKENIZER = tokenizer
    return _TOKENIZER


def segment(text: str) -> list[str]:
    """*text* cut into words by jieba's dictionary (no HMM), blank words left out.

    Examples
    --------
    >>> segment("常住人口城镇化率")
    ['常住人口', '城镇化率']
    >>> segment("5G基站 覆盖率") == [w for w in _tokenizer().lcut("5G基站 覆盖率", HMM=False) if w.strip()]
    True
    """
    from jieba import re_han_default

    tokenizer = _tokenizer()
    words: list[str] = []
    for block in re_han_default.split(text):
        if not block:
            continue
        if re_han_default.match(block):
            _cut_block(block, tokenizer.FREQ, log(tokenizer.total), words)
        else:  # one word per character; jieba's blank ones (and runs of them) are left out
            words.extend(ch for ch in block if ch.strip())
    return words


def _cut_block(block: str, freq: dict, log_total: float, words: list[str]) -> None:
    """Append the words of one block (jieba's ``__cut_DAG_NO_HMM``) to *words*."""
    n = len(block)
    route: list = [None] * n + [(0, 0)]
    for start in range(n - 1, -1, -1):
        best = None
        end = start
        fragment = block[start]
        while end < n:
            count = freq.get(fragment)
            if count is None:
                break
            if count:
                candidate = (log(count) - log_total + route[end + 1][0], end)
                if best is None or candidate > best:  # (as max() keeps the first of equals)
                    best = candidate
            end += 1
            fragment = block[start : end + 1]
        if best is None:  # no dictionary word starts here: the character alone
            best = (_LOG_ONE - log_total + route[start + 1][0], start)
        route[start] = best
    at = 0
    letters = ""
    while at < n:
        stop = route[at][1] + 1
        word = block[at:stop]
        if stop - at == 1 and word in _ASCII_ALNUM:  # single letters and digits run together
            letters += word
        else:
            if letters:
                words.append(letters)
                letters = ""
            words.append(word)
        at = stop
    if letters:
        words.append(letters)
