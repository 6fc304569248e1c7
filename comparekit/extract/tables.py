"""Indicator tables: one statement per value cell and year column.

Three table shapes are read:

* **line tables** — a header line naming year columns (``2022年(现状值) 2025年(目标值)``) followed
  by one row per line; the last *n* cells of a row are the *n* year columns;
* **flattened tables** — a table whose cells were run together into running text when a PDF was
  converted (the header ``序号 指标名称 单位 2025 年`` sits inside a long line). Columns may be
  scrambled; a cell is read as a value only next to a unit cell, a comparison sign or another value,
  and the label is a best guess (low confidence, flagged in ``note``);
* **cell-per-line tables** — a web copy that puts each cell on a line of its own, closed by ``|``
  (``指 标 |`` ``2020年 |`` ``2025年 |`` ``年均增长 |`` ``粮食综合生产能力(亿斤) |`` ``1500 |`` …): rows are read
  in groups of as many lines as the header has cells; a column after the year columns (``年均增长``)
  is read for the last year;
* **pipe tables** — a target table whose cells on one line are separated by ``|`` (see
  :mod:`comparekit.extract.pipe_tables`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .pipe_tables import read_pipe_table
from .rules import _FULLWIDTH, _SP, CJK, HEADER, NUM

__all__ = ["TableCell", "find_tables", "read_table"]


class TableCell(NamedTuple):
    """One value cell of an indicator table (a named tuple: cheap to make, immutable)."""

    value_start: int
    value_end: int
    quote_start: int
    quote_end: int
    year: int | None
    kind: str
    unit: str | None
    label: str
    label_start: int
    label_end: int
    flattened: bool
    alt: bool = False  # the second number of a new/existing pair cell ``≥30 (20)``



_HEADER_RE = re.compile(HEADER)
_COL_RE = re.compile(
    rf"(?P<y>(?:19|20|１９|２０)[0-9０-９]{{2}}){_SP}*年{_SP}*(?:[(\uff08](?P<what>[^)\uff09]{{0,8}})[)\uff09])?"
)
_CELL_RE = re.compile(
    rf"^(?:[≥≤<>＜＞≧≦]{_SP}?)?{NUM}(?:[:：][1１])?[%％]?(?:左右|以上|以下|及以上)?$"
)
_RELATIVE_CELL_RE = re.compile(r"平均水平$")
_TEXT_CELL_RE = re.compile(r"[\u3400-\u9fff]+")
_YEAR_TOKEN_RE = re.compile(r"(?:19|20|１９|２０)[0-9０-９]{2}")
_PAIR_CELL_RE = re.compile(rf"^[(\uff08]{NUM}[)\uff09]$")
_SECTION_RE = re.compile(r"[一二三四五六七八九十]{1,3}、|。")
_BASELINE_WORDS = ("现状", "基期", "基准", "实际")
_CHANGE_WORD_RE = re.compile(r"(?:提高|增长|下降|降低|增加|减少)$")
_TOKEN_RE = re.compile(r"\S+")
_CJK_START_RE = re.compile(CJK)


def _column_kinds(header: re.Match) -> list[tuple[int, str]]:
    cols = [(int(m.group("y").translate(_FULLWIDTH)), "".join((m.group("what") or "").split()))
            for m in _COL_RE.finditer(header.group("cols"))]
    out = []
    for i, (year, what) in enumerate(cols):
        if any(w in what for w in _BASELINE_WORDS):
            kind = "baseline"
        elif "目标" in what or "预期" in what or "规划" in what or i == len(cols) - 1:
            kind = "target"
        else:
            kind = "baseline"
        out.append((year, kind))
    return out


def _unit_cell(token: str, registry_units: frozenset) -> str | None:
    token = token.strip()
    if token in ("%", "％"):
        return "%"
    if token in registry_units:
        return token
    return None


def find_tables(text: str, registry_units: frozenset) -> tuple[list[TableCell], list[tuple[int, int]]]:
    r"""Find every indicator table in *text*; return its value cells and the spans tables cover.

    Parameters
    ----------
    text : str
        The document.
    registry_units : frozenset
        Units as written (``%``, ``平方米``, ``万人`` …) that may stand in a unit column.

    Returns
    -------
    cells : list of TableCell
        One cell per value and year column.
    spans : list of (start, end)
        Character spans covered by tables (running-text rules do not read them again).

    Examples
    --------
    >>> text = "序号 指标名称 单位 2022年(现状值) 2025年(目标值)\n1 城镇化率 % 47.2 50左右\n"
    >>> cells, spans = find_tables(text, frozenset({"%"}))
    >>> [(text[c.value_start:c.value_end], c.year, c.kind) for c in cells]
    [('47.2', 2022, 'baseline'), ('50左右', 2025, 'target')]
    """
    cells: list[TableCell] = []
    spans: list[tuple[int, int]] = []
    for header in _HEADER_RE.finditer(text):
        if any(s <= header.start() < e for s, e in spans):
            continue  # a header repeated inside a flattened table
        found, span = read_table(text, header, registry_units)
        cells.extend(found)
        if span:
            spans.append(span)
    return cells, spans


def read_table(text: str, header: re.Match, registry_units: frozenset) -> tuple[list[TableCell], tuple[int, int] | None]:
    """Read the one table whose header matched at *header* (a match with a ``cols`` group, or a ``pipe``
    group for a pipe table)."""
    if "pipe" in header.re.groupindex:
        found, end = read_pipe_table(text, header.start())
        cells = [TableCell(vs, ve, qs, qe, year, kind, unit, label, ls, le, False)
                 for vs, ve, qs, qe, year, kind, unit, label, ls, le in found]
        return cells, (header.start(), end) if found else None
    columns = _column_kinds(header)
    if not columns:
        return [], None
    cells: list[TableCell] = []
    line_start = text.rfind("\n", 0, header.start()) + 1
    line_end = text.find("\n", header.end())
    line_end = len(text) if line_end < 0 else line_end
    rest = text[header.end() : line_end].strip()
    if rest == "|":  # each cell on a line of its own, closed by |
        span = _read_cell_table(text, line_start, line_end, columns, registry_units, cells)
    elif not rest:  # the header ends its line: one row per line
        span = _read_line_table(text, line_start, line_end, columns, registry_units, cells)
    else:
        span = _read_flat_table(text, header, columns, registry_units, cells)
    return cells, span


def _read_line_table(text, header_start, header_end, columns, registry_units, cells) -> tuple[int, int]:
    """Read rows under a header line; a row broken over up to four lines is joined."""
    n = len(columns)
    pos, end, pending = header_end + 1, header_end, []
    while pos < len(text):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        line = text[pos:line_end]
        if not line.strip() or "。" in line or len(line) > 200:
            break
        pending = (pending + [pos])[-4:]  # a row broken over lines is joined (up to four lines)
        row = text[pending[0] : line_end]
        tokens = _row_tokens(row)
        values = tokens[-n:]
        if len(tokens) > n and all(_CELL_RE.match(t[0]) or _RELATIVE_CELL_RE.search(t[0]) for t in values):
            _row_cells(text, pending[0], row, tokens, columns, registry_units, cells)
            end, pending = line_end, []
        pos = line_end + 1
    return header_start, max(end, header_end)


def _cell_lines(text: str, pos: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the cells from *pos* on, one per line closed by ``|`` (spaces trimmed), up to the
    first line that is not such a cell."""
    found = []
    while pos < len(text):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        line = text[pos:line_end].rstrip()
        if not line.endswith("|"):
            break
        body = line[:-1].rstrip()
        start = pos + len(body) - len(body.lstrip())
        found.append((start, pos + len(body)))
        pos = line_end + 1
    return found


def _read_cell_table(text, header_start, header_end, columns, registry_units, cells) -> tuple[int, int]:
    """Read a table whose cells stand one per line (see the module docstring)."""
    lines = _cell_lines(text, header_end + 1)
    is_value = [_CELL_RE.match(text[s:e].strip("【】[]")) is not None for s, e in lines]
    first = next((i for i, value in enumerate(is_value) if value), None)
    if not first:  # (no value, or no label before the first one)
        return header_start, header_end
    tail = first - 1  # header cells after the year columns (年均增长); the cell before the first value is a label
    width = 1 + len(columns) + tail
    kinds = columns + [(columns[-1][0], "target")] * tail
    end = header_end
    for row in range(first - 1, len(lines) - width + 1, width):
        cells_of_row = lines[row : row + width]
        if is_value[row] or not all(is_value[row + 1 : row + width]):
            break
        ls, le = cells_of_row[0]
        label = text[ls:le]
        bracket = re.search(r"[(\uff08]([^)\uff09]{1,8})[)\uff09]$", label)
        unit = _unit_cell(bracket.group(1), registry_units) if bracket else None
        if bracket:
            label, le = label[: bracket.start()].strip(), ls + bracket.start()
        label = "".join(label.split())
        for column, ((year, kind), (s, e)) in enumerate(zip(kinds, cells_of_row[1:])):
            s += len(text[s:e]) - len(text[s:e].lstrip("【["))
            e -= len(text[s:e]) - len(text[s:e].rstrip("】]"))
            cell_label, cls, cle = label, ls, le
            if column >= len(columns):  # 年均增长: a change of the row's indicator, named by its header cell
                cls, cle = lines[column - len(columns)]
                cell_label = label + "".join(text[cls:cle].split())
            cells.append(TableCell(s, e, ls, cells_of_row[-1][1], year, kind, unit, cell_label, cls, cle, False))
        end = cells_of_row[-1][1]
    return header_start, end


def _row_tokens(row: str) -> list[tuple[str, int, int]]:
    """Whitespace-separated cells as ``(text, start, end)``; a value or a trailing text cell broken by
    a space is rejoined (``78左 右``, ``不低 于全市平均 水平``)."""
    tokens: list[tuple[str, int, int]] = []
    for m in _TOKEN_RE.finditer(row):
        word = m.group()
        if tokens:
            last = tokens[-1]
            if not _CELL_RE.match(last[0]) and _CELL_RE.match(last[0] + word):
                tokens[-1] = (last[0] + word, last[1], m.end())  # 78左 右 → 78左右
                continue
        tokens.append((word, m.start(), m.end()))
    k = len(tokens) - 1  # tokens[k:] is the trailing run of text-only cells
    while k > 0 and _TEXT_CELL_RE.fullmatch(tokens[k][0]) and _TEXT_CELL_RE.fullmatch(tokens[k - 1][0]):
        k -= 1
    if k < len(tokens) - 1 and _RELATIVE_CELL_RE.search("".join(t[0] for t in tokens[k:])):
        tokens[k:] = [("".join(t[0] for t in tokens[k:]), tokens[k][1], tokens[-1][2])]
    return tokens


def _row_cells(text, row_start, row, tokens, columns, registry_units, cells) -> None:
    n = len(columns)
    head, values = tokens[:-n], tokens[-n:]
    unit = _unit_cell(head[-1][0], registry_units) if head else None
    label_tokens = head[:-1] if unit else head
    serial = next((i for i, t in enumerate(label_tokens) if t[0].isdigit()), None)
    if serial is not None:
        label_tokens = label_tokens[serial + 1 :]
    if not label_tokens:
        return
    label = "".join(t[0] for t in label_tokens)
    strip = row.strip()
    q0 = row_start + row.index(strip)
    label_start, label_end = row_start + label_tokens[0][1], row_start + label_tokens[-1][2]
    for (year, kind), (_, start, end) in zip(columns, values):
        cells.append(TableCell(row_start + start, row_start + end, q0, q0 + len(strip), year, kind, unit, label,
                               label_start, label_end, False))


def _read_flat_table(text, header, columns, registry_units, cells) -> tuple[int, int]:
    start = header.end()
    stop = _SECTION_RE.search(text, start)
    end = min(stop.start() if stop else len(text), start + 4000)
    year, kind = columns[-1]
    tokens = list(_TOKEN_RE.finditer(text, start, end))
    words = [t.group() for t in tokens]
    is_cell = [_CELL_RE.match(w) is not None for w in words]
    not_label: list[bool | None] = [None] * len(words)  # a unit, value, pair or rate cell (computed on demand)
    last = len(words) - 1
    accepted_prev = False
    for i, word in enumerate(words):
        nxt = words[i + 1] if i < last else ""
        if not is_cell[i] or (_YEAR_TOKEN_RE.fullmatch(word) and nxt.startswith("年")):
            if accepted_prev and _PAIR_CELL_RE.match(word):
                e = tokens[i].end()
                previous = cells[-1]
                cells.append(TableCell(previous.value_start, e, previous.quote_start, e, year, kind, previous.unit,
                                       previous.label, previous.label_start, previous.label_end, flattened=True,
                                       alt=True))
                cells[-2] = TableCell(previous.value_start, e, previous.quote_start, e, year, kind, previous.unit,
                                      previous.label, previous.label_start, previous.label_end, flattened=True)
                continue
            accepted_prev = False
            continue
        prev = words[i - 1] if i else ""
        signed = word[0] in "≥≤<>＜＞≧≦" or word.endswith(("%", "％"))
        prev_unit = _unit_cell(prev, registry_units)
        after_unit = prev_unit is not None or "/" in prev
        if signed or after_unit or _CHANGE_WORD_RE.search(prev):
            ok = True
        elif accepted_prev:
            next_is_label = _CJK_START_RE.match(nxt) is not None and _unit_cell(nxt, registry_units) is None
            ok = not (word.isdigit() and next_is_label)
        else:
            ok = False
        if not ok:
            accepted_prev = False
            continue
        s, e = tokens[i].span()
        unit = prev_unit if after_unit and prev else None
        j = i - 1
        while j >= 0:
            skip = not_label[j]
            if skip is None:
                w = words[j]
                skip = not_label[j] = bool(_unit_cell(w, registry_units) or is_cell[j] or _PAIR_CELL_RE.match(w)
                                           or "/" in w)
            if not skip:
                break
            j -= 1
        if j >= 0:
            ls, le = tokens[j].span()
            label, label_end = words[j], le
        else:
            ls = le = label_end = s
            label = ""
        cells.append(TableCell(s, e, ls, e, year, kind, unit, label, ls, label_end, flattened=True))
        accepted_prev = True
    return header.start(), end
