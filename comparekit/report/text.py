"""Text made safe for the programs the exports open in: LaTeX, Excel/Calc, bibliography files.

Every export passes its free text (quotes, notes, caveats, titles) through these functions, so that
a note containing ``\\input{/etc/passwd}`` prints literally in LaTeX, a cell beginning with ``=``
is text and not a formula in Excel, and a stray control character is removed with a warning that
names the row instead of crashing the export.
"""

from __future__ import annotations

import re
import unicodedata
import warnings

__all__ = [
    "CJK_RE",
    "ExportWarning",
    "has_cjk",
    "strip_control",
    "latex_escape",
    "drop_cjk",
    "excel_text",
    "is_formula_like",
]

#: Han characters, CJK punctuation and full-width forms: what pdflatex cannot print without CJK support.
CJK_RE = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_CJK_PAREN_RE = re.compile(r"\s*[(（][^()（）]*" + CJK_RE.pattern + r"[^()（）]*[)）]")
_CJK_RUN_RE = re.compile(CJK_RE.pattern + r"+(?:[\s\d]*" + CJK_RE.pattern + r"+)*")
#: Characters XML 1.0 (and so xlsx/pptx) cannot hold, plus DEL and the C1 controls.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class ExportWarning(UserWarning):
    """Raised (as a warning) when an export had to change a value, e.g. remove a control character."""


def has_cjk(text: str) -> bool:
    """Return True if *text* holds any CJK character.

    Examples
    --------
    >>> has_cjk("Lu'an (六安)"), has_cjk("Lu'an")
    (True, False)
    """
    return bool(CJK_RE.search(text))


def strip_control(text: str, *, where: str = "") -> str:
    """Remove control characters (other than tab and newline) from *text*, warning with *where*.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     strip_control("a\\x07b", where="statements row 3")
    'ab'
    """
    if not _CONTROL_RE.search(text):
        return text
    found = sorted({f"U+{ord(c):04X}" for c in _CONTROL_RE.findall(text)})
    warnings.warn(f"{where or 'text'}: removed control character(s) {', '.join(found)}", ExportWarning, stacklevel=2)
    return _CONTROL_RE.sub("", text)


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}
#: Symbols Latin Modern (the font ctex pairs with the CJK font) and pdflatex's OT1 fonts lack.
_LATEX_SYMBOLS = {
    "≈": r"$\approx$",
    "≥": r"$\geq$",
    "≤": r"$\leq$",
    "×": r"$\times$",
    "±": r"$\pm$",
    "→": r"$\rightarrow$",
    "–": "--",
    "—": "---",
    "‰": r"\textperthousand{}",
    "†": r"$\dagger$",
    "‡": r"$\ddagger$",
    "·": r"$\cdot$",
    "²": r"\textsuperscript{2}",
    "³": r"\textsuperscript{3}",
    "°": r"\textdegree{}",
    "\u00a0": "~",
}
#: Further replacements for pdflatex (English tables), which must stay pure ASCII.
_ASCII = {"“": "``", "”": "''", "‘": "`", "’": "'", "…": r"\ldots{}", "é": r"\'e", "ü": r"\"u"}
_LATEX_ZH = str.maketrans({**_LATEX_SPECIAL, **_LATEX_SYMBOLS})
_LATEX_EN = str.maketrans({**_LATEX_SPECIAL, **_LATEX_SYMBOLS, **_ASCII})


def drop_cjk(text: str) -> str:
    """Remove Chinese terms from English text: ``"(全市)"`` asides go, a bare term becomes ``"[…]"``.

    Examples
    --------
    >>> drop_cjk("Prefecture-wide rate (全市), compared with county-level rates")
    'Prefecture-wide rate, compared with county-level rates'
    """
    text = _CJK_PAREN_RE.sub("", text)
    return _CJK_RUN_RE.sub("[...]", text)


def latex_escape(text: object, lang: str = "en", *, where: str = "") -> str:
    """Return *text* as LaTeX that prints literally, for xelatex + ctex (``"zh"``) or pdflatex (``"en"``).

    Every special character (``& % $ # _ { } ~ ^ \\``) is escaped, qualifier symbols become math
    (``≈`` → ``$\\approx$``), control characters are removed. For ``"en"`` the result is ASCII:
    Chinese asides are dropped and remaining non-ASCII letters are reduced to their base letter.

    Examples
    --------
    >>> print(latex_escape(r"\\input{/etc/passwd} & 50% ≈"))
    \\textbackslash{}input\\{/etc/passwd\\} \\& 50\\% $\\approx$
    """
    text = "" if text is None else str(text)
    text = strip_control(text, where=where).replace("\t", " ").replace("\n", " ")
    if lang == "zh":
        return text.translate(_LATEX_ZH)
    text = drop_cjk(text).translate(_LATEX_EN)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_text(value: object, *, where: str = "") -> object:
    """Return *value* ready for a spreadsheet cell: text never read as a formula, no control characters.

    Numbers pass through. Text beginning with ``= + - @`` is returned unchanged, to be stored with
    the cell type forced to text by the workbook writer (see :func:`comparekit.report.workbook.write_workbook`).

    Examples
    --------
    >>> excel_text("ok"), excel_text(3.5)
    ('ok', 3.5)
    """
    if not isinstance(value, str):
        return value
    return strip_control(value, where=where)


def is_formula_like(text: str) -> bool:
    """Return True if a spreadsheet would read *text* as a formula (it starts with ``= + - @``)."""
    return text.startswith(_FORMULA_START)
