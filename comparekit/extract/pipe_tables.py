"""Pipe tables: a web copy of a target table whose cells on one line are separated by ``|``.

::

    序号 | 任务名称 | 嘉善现值 | 2023年目标 | 2025年目标 | 2027年目标 | 责任单位 |
    3 | 常住人口城镇化率(%) | 74.5 | 74.5 | 75 | 77 | 县发改局、县统计局 |

The header names at least two year columns (``2025年``, ``2025年目标``, ``2025年(目标值)``) and may name a column
of current values without a year (``现值``, ``现状值``, ``基期值``). Each row with as many cells as the header gives
one statement per numeric cell in those columns: the label is the row's first text cell, its unit the one in
brackets at the end of the label (``(%)``, ``(亿元)``). Cells holding two values (``15、37``), a dash or text are
not read; a section row (``一、发展目标 |``) and the blank rows between rows are passed over.
"""

from __future__ import annotations

import re

from .rules import _FULLWIDTH, NUM

__all__ = ["PIPE_HEADER", "find_pipe_tables", "read_pipe_table"]

#: two year cells side by side in a header line (``2023年目标 | 2025年目标``), the scan that finds a pipe table
PIPE_HEADER = (r"(?P<pipe>(?:19|20)[0-9]{2}[ \t]*年(?:度)?[ \t]*[(（]?[\u4e00-\u9fff]{0,3}[)）]?[ \t]*\|[ \t]*"
               r"(?:19|20)[0-9]{2}[ \t]*年)")

_YEAR_CELL_RE = re.compile(r"^((?:19|20)[0-9]{2})\s*年(?:度)?\s*[(（]?\s*(目标值?|预期值?|规划值?|现状值?|基期值?|实际值?)?\s*[)）]?$")
_CURRENT_CELL_RE = re.compile(r"(?:现值|现状值?|基期值?|基准值)$")
_VALUE_CELL_RE = re.compile(rf"^(?:[≥≤<>＜＞]\s?)?{NUM}[%％]?(?:左右|以上|以下)?$")
_UNIT_RE = re.compile(r"[(（]([^()（）]{1,8})[)）]$")
_SERIAL_RE = re.compile(r"^[0-9]{1,3}$")
_MAX_ROWS = 400


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each cell of the line ``text[start:end]`` (split at ``|``, spaces trimmed)."""
    out, pos = [], start
    while pos <= end:
        bar = text.find("|", pos, end)
        stop = end if bar < 0 else bar
        a, b = pos, stop
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        out.append((a, b))
        if bar < 0:
            break
        pos = bar + 1
    if out and out[-1][0] == out[-1][1]:
        out.pop()  # the empty cell after a closing |
    return out


def _columns(text: str, cells: list[tuple[int, int]]) -> list[tuple[int, int | None, str]] | None:
    """``(cell index, year, kind)`` of the value columns a header line names, or None if it is no such header."""
    columns = []
    for i, (a, b) in enumerate(cells):
        cell = "".join(text[a:b].split())
        found = _YEAR_CELL_RE.match(cell)
        if found:
            word = found.group(2) or ""
            kind = "baseline" if word[:2] in ("现状", "基期", "实际") else "target"
            columns.append((i, int(found.group(1).translate(_FULLWIDTH)), kind))
        elif _CURRENT_CELL_RE.search(cell):
            columns.append((i, None, "baseline"))
    years = [c for c in columns if c[1] is not None]
    return columns if len(years) >= 2 else None


def find_pipe_tables(text: str) -> list[tuple]:
    """The value cells of every pipe table in *text*.

    Returns
    -------
    list of tuple
        ``(value_start, value_end, quote_start, quote_end, year, kind, unit, label, label_start, label_end)``
        per cell, in reading order.

    Examples
    --------
    >>> text = "序号 | 指标 | 现值 | 2025年目标 | 2027年目标 |\\n|\\n1 | 城镇化率(%) | 74.5 | 75 | 77 |\\n"
    >>> [(text[c[0]:c[1]], c[4], c[5], c[6], c[7]) for c in find_pipe_tables(text)]
    [('74.5', None, 'baseline', '%', '城镇化率'), ('75', 2025, 'target', '%', '城镇化率'), ('77', 2027, 'target', '%', '城镇化率')]
    """
    found: list[tuple] = []
    pos = 0
    for m in re.finditer(PIPE_HEADER, text):
        if m.start() < pos:
            continue
        cells, pos = read_pipe_table(text, m.start())
        found.extend(cells)
    return found


def read_pipe_table(text: str, at: int) -> tuple[list[tuple], int]:
    """The value cells (see :func:`find_pipe_tables`) of the pipe table whose header line holds *at*, and
    where the table ends (*at* itself when that line is no pipe-table header)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    header = _cells(text, start, end)
    columns = _columns(text, header) if len(header) >= 3 else None
    if not columns:
        return [], at
    found: list[tuple] = []
    stop = _read_rows(text, end + 1, len(header), columns, found)
    return found, max(stop - 1, end)


def _read_rows(text: str, pos: int, width: int, columns: list, found: list) -> int:
    """Read the rows after a header (until a line without ``|``); return where reading stopped."""
    n = len(text)
    for _ in range(_MAX_ROWS):
        if pos >= n:
            return pos
        end = text.find("\n", pos)
        end = n if end < 0 else end
        if "|" not in text[pos:end]:
            return pos
        cells = _cells(text, pos, end)
        if len(cells) == width:
            _read_row(text, cells, columns, found)
        pos = end + 1
    return pos


def _read_row(text: str, cells: list[tuple[int, int]], columns: list, found: list) -> None:
    value_columns = {i for i, _, _ in columns}
    label_cell = next((c for i, c in enumerate(cells) if i not in value_columns and c[1] > c[0]
                       and not _SERIAL_RE.match(text[c[0] : c[1]])), None)
    if label_cell is None:
        return
    ls, le = label_cell
    label = text[ls:le]
    unit_match = _UNIT_RE.search(label)
    unit = unit_match.group(1).strip() if unit_match else None
    if unit_match:
        le = ls + unit_match.start()
        label = text[ls:le]
    q0, q1 = cells[0][0], cells[-1][1]
    for i, year, kind in columns:
        a, b = cells[i]
        if _VALUE_CELL_RE.match(text[a:b]):
            found.append((a, b, q0, q1, year, kind, unit, label, ls, le))
