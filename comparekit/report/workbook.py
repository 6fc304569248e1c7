"""The Excel workbook: every table a planner filters, with a README sheet, readable in Excel and Calc.

* A ``README`` sheet first: what each sheet holds, how the verdicts are defined, the sources.
* Bilingual two-line headers (Chinese over English), place names instead of ids, indicator names
  beside their ids, a ``draft`` column marking values from a draft for comment (征求意见稿).
* Column widths from the content (capped), wrapped long text, bold frozen header row and first
  column, autofilter, number formats per unit, verdict colours.
* Safe: text beginning with ``= + - @`` is stored as text (never a formula), control characters are
  removed with a warning naming the sheet and row, and the file is written all or nothing.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ..registry import load_column_labels, load_indicators, load_places, place_name
from .common import draft_sources, label, verdict_label
from .files import atomic_path, normalize_zip_timestamps
from .text import excel_text, is_formula_like
from ..study import study_cache

__all__ = ["workbook_sheets", "display_table", "save_workbook", "VERDICT_FILLS"]

#: Fill colour of each verdict (ARGB without alpha), colour-blind safe pastel tints.
VERDICT_FILLS = {"comparable": "D9EAD3", "caveat": "FFF2CC", "not_comparable": "F4CCCC", "not_stated": "EEEEEE"}
_WRAPPED = {"quote", "note", "caveat_en", "caveat_zh", "reason_en", "reason_zh", "warnings_en", "warnings_zh", "title_zh", "title_en", "definition", "value_text", "alternatives", "aliases", "source_zh", "source_en", "population_source", "denominator_source"}
_WRAP_WIDTH, _PLAIN_WIDTH, _MIN_WIDTH = 60, 32, 6
_WHOLE = {"year", "requested_year", "quote_start", "quote_end", "horizon_start", "horizon_end", "population", "denominator"}
_VALUE_COLUMNS = {"value", "value_high", "value_as_stated"}
_DRAFT_TEXT = "征求意见稿 / draft for comment"

_SHEET_DOCS = {
    "README": ("本说明", "This sheet"),
    "comparison": ("各地区标题指标的比较：数值、限定词、口径、可比性结论与说明", "Headline indicators compared across the places: value, qualifier, scope, verdict and caveats"),
    "statements": ("全部人工核对的定量表述，每条附原文引述与字符位置", "Every curated quantitative statement, with its verbatim quote and character offsets"),
    "harmonized": ("统一单位、口径与年份后的表述，以及被搁置的原因", "Statements harmonized (units, scope, year), with the reason for any set aside"),
    "ambition": ("基期值与目标值及每年所需变化；基期值来源为“普查”者取自2020年人口普查，由普查推得，非规划所述", "Baseline → target and the change per year it needs; a baseline whose source is the census is the 2020 census share, derived from the census, not stated by the plan"),
    "places": ("地区登记表（2020年人口普查常住人口）", "Places registry (2020 census resident population)"),
    "indicators": ("指标登记表：名称、单位、方向、定义", "Indicators registry: names, units, direction, definitions"),
    "units": ("单位换算表", "Unit conversion table"),
    "national_references": ("全国参考值及其来源", "National reference values and their sources"),
    "sources": ("资料来源：文件标题、发文机关、文号、状态", "Source documents: title, issuer, document number, status"),
}
_BASELINE_SOURCES = {"plan": "规划所述 / stated by the plan", "census": "2020年人口普查，由普查推得，非规划所述 / 2020 census: derived from the census, not stated by the plan"}
_VERDICT_DOCS = {
    "comparable": ("口径、概念与年份一致，可直接比较", "Same concept, scope and year: directly comparable"),
    "caveat": ("可以比较，但口径层级、年份或推算方法不同，见说明", "Comparable, but scope level, year or derivation differ: read the caveat"),
    "not_comparable": ("概念或口径不同（如新建小区配建标准），不与其他地区比较", "Different concept or scope (e.g. a standard for new estates): set apart"),
    "not_stated": ("方案未提及该指标——不是零", "The plan does not state the indicator — not zero"),
}


def _verdict_text(verdict: str) -> str:
    try:
        return f"{verdict_label(verdict, 'zh')} {verdict_label(verdict, 'en')}"
    except KeyError:
        return verdict


@study_cache
def _headers() -> dict[str, str]:
    labels = load_column_labels()
    return {rec.column: f"{rec.zh}\n{rec.en}" for rec in labels.itertuples(index=False)}


def _header(column: str) -> str:
    """Two-line bilingual header from the column label registry; unknown columns keep their name."""
    return _headers().get(column, column)


def display_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return *frame* as shown in the workbook: place names for ``place_id``, indicator names, a draft column.

    Examples
    --------
    >>> display_table(pd.DataFrame({"place_id": ["luan"], "value": [1.0]}))["place"].tolist()
    ["六安 Lu'an"]
    """
    shown = frame.copy()
    if "place_id" in shown.columns:
        names = {pid: f"{place_name(pid, 'zh')} {place_name(pid, 'en')}" for pid in load_places()["place_id"]}
        position = shown.columns.get_loc("place_id")
        column = shown.pop("place_id").map(lambda pid: names.get(pid, pid))
        shown.insert(position, "place", column)
    if "indicator_id" in shown.columns and "name_en" not in shown.columns:
        indicators = load_indicators().set_index("indicator_id")
        position = shown.columns.get_loc("indicator_id") + 1
        shown.insert(position, "indicator_zh", shown["indicator_id"].map(indicators["name_zh"]))
        shown.insert(position + 1, "indicator_en", shown["indicator_id"].map(indicators["name_en"]))
    if "baseline_source" in shown.columns:
        shown["baseline_source"] = shown["baseline_source"].map(lambda v: _BASELINE_SOURCES.get(v, v))
    if "verdict" in shown.columns:
        shown["verdict"] = shown["verdict"].map(lambda v: _verdict_text(v) if isinstance(v, str) else v)
    if "source_id" in shown.columns and "title_zh" not in shown.columns:
        drafts = draft_sources()
        shown["draft"] = shown["source_id"].map(lambda sid: _DRAFT_TEXT if sid in drafts else "")
    return shown


def workbook_sheets(comparisons: pd.DataFrame, statements: pd.DataFrame, harmonized: pd.DataFrame, registries: dict[str, pd.DataFrame], *, year: int) -> dict[str, pd.DataFrame]:
    """Return sheet name → table, in workbook order (``README`` first), ready for :func:`save_workbook`."""
    sheets = {"README": _readme(registries["sources"], year)}
    sheets[f"comparison_{year}"] = display_table(comparisons)
    sheets["statements"] = display_table(statements)
    sheets["harmonized"] = display_table(harmonized)
    for name, frame in registries.items():
        sheets[name] = display_table(frame) if name != "places" else frame
    return sheets


def _readme(sources: pd.DataFrame, year: int) -> pd.DataFrame:
    rows = [("comparekit", "", "")]
    rows.append(("", "", ""))
    rows.append(("工作表 Sheet", "内容", "Contents"))
    for sheet, (zh, en) in _SHEET_DOCS.items():
        rows.append((f"comparison_{year}" if sheet == "comparison" else sheet, zh, en))
    rows += [("", "", ""), ("可比性 Verdict", "定义", "Definition")]
    for verdict, (zh, en) in _VERDICT_DOCS.items():
        rows.append((f"{verdict_label(verdict, 'zh')} {verdict_label(verdict, 'en')}", zh, en))
    rows += [("征求意见稿 Draft", "来自征求意见稿的数值在“征求意见稿”列中标出，定稿可能改变", "Values from a draft for comment are marked in the 'draft' column; the final plan may change them")]
    rows += [("", "", ""), (f"{label('sources', 'zh')} {label('sources', 'en')}", "", "")]
    for rec in sources.itertuples(index=False):
        number = rec.doc_number if isinstance(rec.doc_number, str) else ""
        status = _DRAFT_TEXT if rec.status == "draft" else ""
        zh = "，".join(part for part in (f"《{rec.title_zh}》", rec.issuer_zh, number, rec.issue_date if isinstance(rec.issue_date, str) else "", status) if part)
        rows.append((rec.source_id, zh, f"{rec.title_en}, {rec.issuer_en}"))
    return pd.DataFrame(rows, columns=["key", "zh", "en"])


def _width(value: object) -> int:
    text = "" if value is None else str(value)
    longest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in line) for line in text.split("\n")), default=0)
    return longest


def _python(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    return value


def _number_format(column: str, unit: object) -> str | None:
    if column in _WHOLE:
        return "#,##0" if column in ("population", "denominator") else "0"
    if column in _VALUE_COLUMNS:
        suffix = {"%": '"%"', "‰": '"‰"'}.get(unit if isinstance(unit, str) else "", "")
        return "#,##0.0##" + suffix
    return None


def save_workbook(path: Path, sheets: dict[str, pd.DataFrame]) -> Path:
    """Write *sheets* to *path* as a formatted workbook, all or nothing (see module docstring).

    Raises nothing for bad text: control characters are removed with an
    :class:`~comparekit.report.text.ExportWarning` naming the sheet, row and column.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE4EE")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    fills = {_verdict_text(verdict): PatternFill("solid", fgColor=colour) for verdict, colour in VERDICT_FILLS.items()}
    for name, frame in sheets.items():
        sheet = book.create_sheet(title=name[:31])
        readme = name == "README"
        columns = list(frame.columns)
        widths = []
        for col, column in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=col, value=column if readme else _header(column))
            cell.font, cell.fill, cell.alignment = bold, header_fill, Alignment(wrap_text=True, vertical="center")
            widths.append(max(_width(cell.value), _MIN_WIDTH))
        units = frame["unit"].tolist() if "unit" in frame.columns else None
        for r, record in enumerate(frame.itertuples(index=False, name=None), start=2):
            for col, value in enumerate(record, start=1):
                column = columns[col - 1]
                value = excel_text(_python(value), where=f"sheet {name} row {r} column {column}")
                cell = sheet.cell(row=r, column=col, value=value)
                if isinstance(value, str):
                    if is_formula_like(value):
                        cell.data_type = "s"  # stored as text, never evaluated
                        cell.quotePrefix = True
                    if readme or column in _WRAPPED:
                        cell.alignment = wrap
                    else:
                        cell.alignment = top
                    if column == "verdict" and value in fills:
                        cell.fill = fills[value]
                else:
                    fmt = _number_format(column, units[r - 2] if units else None)
                    if fmt and value is not None and not isinstance(value, bool):
                        cell.number_format = fmt
                    cell.alignment = top
                widths[col - 1] = max(widths[col - 1], _width(value))
        for col, column in enumerate(columns, start=1):
            cap = _WRAP_WIDTH if (readme and col > 1) or column in _WRAPPED else _PLAIN_WIDTH
            sheet.column_dimensions[get_column_letter(col)].width = min(widths[col - 1], cap) + 2
        if not readme:
            sheet.freeze_panes = "B2"
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(frame) + 1}"
    book.properties.creator = "comparekit"
    with atomic_path(path) as temp:
        book.save(temp)
        normalize_zip_timestamps(temp)
    return Path(path)
