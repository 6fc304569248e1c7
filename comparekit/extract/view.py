"""The matching view of a document: traditional characters read as simplified, ruby pinyin skipped.

The extraction rules are written in simplified characters. A document written in traditional
characters (``新增學位6120個``) or a web copy that flattened ruby annotations into the text
(``萬(wàn)人次``) is read through a *view*: the same text with each traditional character replaced by
its simplified one (one character for one, from ``data/registry/traditional_chars.csv``) and each
parenthesised pinyin annotation after a Chinese character left out. The rules run on the view; the
quotes, value texts and offsets of the result are mapped back to the original text, so that
``text[quote_start:quote_end] == quote`` holds on the document exactly as read.

A document is read as traditional only when traditional characters are a noticeable share of its
Chinese characters (:data:`TRADITIONAL_SHARE`): a simplified plan that happens to hold a character
of the table (``乾``, ``著``) is left exactly as it is.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

import numpy as np

from ..errors import RegistryError

__all__ = ["TRADITIONAL_SHARE", "MatchingView", "matching_view", "traditional_table"]

#: A text is read as traditional when at least this share of its Chinese characters (and at least
#: 5 characters) are traditional characters of the table.
TRADITIONAL_SHARE = 0.02
TRADITIONAL_FILE = "traditional_chars.csv"  # a built-in registry file (the same table for every study)

_CJK_RE = re.compile(r"[\u3400-\u9fff]")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# a ruby annotation: lower-case pinyin in brackets right after a Chinese character (報(bào))
# (the bracket first, then a look behind it: the engine skips fast to brackets)
_RUBY_RE = re.compile(rf"[(\uff08](?<=[\u3400-\u9fff][(\uff08])[a-z{_TONED}ü]{{1,7}}[)\uff09]")
_TONED_RE = re.compile(f"[{_TONED}]")
# the same, one pattern per bracket: a pattern that opens with one literal character is scanned for
# it several times faster than for a class of two (the matches never overlap: see _ruby_matches)
_RUBY_BY_BRACKET = tuple(
    (bracket, re.compile(rf"{re.escape(bracket)}(?<=[\u3400-\u9fff][(\uff08])[a-z{_TONED}ü]{{1,7}}[)\uff09]"))
    for bracket in "(\uff08"
)


def _ruby_matches(text: str) -> list[re.Match]:
    """The matches of :data:`_RUBY_RE` in *text*, in order (a match holds no bracket but its own
    two, so the matches of the two one-bracket patterns never overlap and merge in text order)."""
    found = [m for bracket, pattern in _RUBY_BY_BRACKET if bracket in text for m in pattern.finditer(text)]
    found.sort(key=re.Match.start)
    return found


#: a pinyin syllable without tone marks (lv, lü for 绿); ruby without tones (率(lv), 以(yi)上) is
#: read as ruby when a text has at least _TONELESS_MIN such brackets and nearly all are syllables
_SYLLABLE_RE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|üan|ai|ei|ao|ou|an|en|in|un|vn|ün|er"
    r"|ia|ie|iu|ua|uo|ui|ue|ve|üe|a|o|e|i|u|v|ü)")
_TONELESS_MIN = 5
_TONELESS_SHARE = 0.9


def _toneless(ruby: list[re.Match]) -> bool:
    """True if the brackets *ruby* are toneless pinyin: enough of them, nearly all syllables."""
    if len(ruby) < _TONELESS_MIN:
        return False
    syllables = sum(1 for m in ruby if _SYLLABLE_RE.fullmatch(m.group()[1:-1]))
    return syllables >= _TONELESS_SHARE * len(ruby)


@lru_cache(maxsize=1)
def traditional_table() -> tuple[dict[int, str], frozenset]:
    """The traditional → simplified table (for :meth:`str.translate`) and its traditional characters.

    Raises
    ------
    RegistryError
        The registry file is missing a column or holds a row that is not one character for one.
    """
    from ..study import builtin_study  # imported here: importing the extractor reads no file

    table: dict[int, str] = {}
    with (builtin_study().registry_dirs[0] / TRADITIONAL_FILE).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != ["traditional", "simplified"]:
            raise RegistryError(f"{TRADITIONAL_FILE}: the columns must be traditional,simplified "
                                f"(found {reader.fieldnames})")
        for row_number, row in enumerate(reader, start=2):
            old, new = row["traditional"], row["simplified"]
            if len(old) != 1 or len(new) != 1:
                raise RegistryError(f"{TRADITIONAL_FILE}, row {row_number}: one character for one is "
                                    f"needed (found {old!r} → {new!r})")
            table[ord(old)] = new
    return table, frozenset(chr(code) for code in table)


@lru_cache(maxsize=1)
def _traditional_re() -> re.Pattern:
    """A character class of the traditional characters of the table."""
    return re.compile("[" + "".join(sorted(re.escape(ch) for ch in traditional_table()[1])) + "]")


class MatchingView:
    """A view of a text for the rules, and the way back to the text's offsets.

    Attributes
    ----------
    text : str
        What the rules read.
    positions : numpy.ndarray or None
        ``positions[i]`` is the offset in the original text of ``text[i]`` (one more entry for the
        end); None when no character was left out (offsets are then the same).
    changed : bool
        False when the view is the original text itself.
    """

    __slots__ = ("text", "positions", "changed")

    def __init__(self, text: str, positions: np.ndarray | None, changed: bool) -> None:
        self.text, self.positions, self.changed = text, positions, changed

    def start(self, offsets: np.ndarray) -> np.ndarray:
        """Original offsets of view start offsets."""
        return offsets if self.positions is None else self.positions[offsets]

    def end(self, offsets: np.ndarray) -> np.ndarray:
        """Original offsets of view end offsets (one past the last character)."""
        if self.positions is None:
            return offsets
        offsets = np.asarray(offsets)
        return np.where(offsets > 0, self.positions[np.maximum(offsets - 1, 0)] + 1, 0)


def matching_view(text: str) -> MatchingView:
    """The :class:`MatchingView` of *text* (the text itself for a simplified text without ruby).

    Examples
    --------
    >>> view = matching_view("鄉鎮衛生院新增學位6120個,培訓2.55萬(wàn)人次。")
    >>> view.text
    '乡镇卫生院新增学位6120个,培训2.55万人次。'
    >>> int(view.end(np.array([len("乡镇卫生院新增学位6120个,培训2.55万人次")]))[0])
    29
    """
    ruby = _ruby_matches(text)
    if ruby and len([m for m in ruby if _TONED_RE.search(m.group())]) < max(1, len(ruby) // 2) and not _toneless(ruby):
        ruby = []  # brackets of Latin words, not pinyin
    table, traditional = traditional_table()
    found = len(_traditional_re().findall(text))  # traditional characters of the table (a regex class: fast)
    convert = found >= 5 and found >= TRADITIONAL_SHARE * len(_CJK_RE.findall(text))
    if not ruby and not convert:
        return MatchingView(text, None, False)
    view = text.translate(table) if convert else text
    if not ruby:
        return MatchingView(view, None, True)
    spans = []
    for m in ruby:
        end = m.end()
        while text.startswith(m.group(), end):  # 由(you)(you): a web copy that doubled the ruby
            end += len(m.group())
        spans.append((m.start(), end))
    keep = np.ones(len(text) + 1, dtype=bool)
    for start, end in spans:
        keep[start:end] = False
    parts, last = [], 0
    for start, end in spans:
        parts.append(view[last:start])
        last = end
    parts.append(view[last:])
    return MatchingView("".join(parts), np.flatnonzero(keep), True)
