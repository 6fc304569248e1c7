"""How a verdict was reached, step by step, for the explorer's method tab.

:func:`method_steps` retraces :func:`comparekit.compare` for one place from the fields of its
row: which statements were considered, which one was chosen and why, how its level compares with
the basis and its year with the requested year, how the value was read (or derived), the status of
the document, and the verdict with its caveats. Every step is given in English and Chinese.
"""

from __future__ import annotations

import math

import pandas as pd

from .text import format_number, label, ui_label, unit_label, value_label

__all__ = ["method_steps"]

_LEVELS = {
    "county": ("county level", "县级"),
    "prefecture": ("prefecture level", "地级市"),
    "urban_core": ("urban core (county seat or city proper)", "城区/县城"),
    "estate": ("new estates or projects", "新建小区或项目"),
    "rural": ("rural areas", "农村地区"),
    "other": ("another unit", "其他单元"),
}


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _level(level: str) -> tuple[str, str]:
    return _LEVELS.get(level, (level or "no level", level or "未注明"))


def method_steps(
    row: pd.Series | dict,
    *,
    basis: str,
    candidates: pd.DataFrame | list[dict],
    sources: pd.DataFrame | dict[str, dict],
    place_names: tuple[str, str],
) -> list[tuple[str, str]]:
    """Return the steps that lead to one place's verdict, as ``(english, chinese)`` pairs.

    Parameters
    ----------
    row : pandas.Series or dict
        One row of :func:`comparekit.compare`.
    basis : str
        The comparison basis the row was computed on (``"county"`` or ``"prefecture"``).
    candidates : pandas.DataFrame or list of dict
        The harmonized rows of this place and indicator (the statements ``compare`` ranked).
    sources : pandas.DataFrame or dict
        The source registry (``source_id``, ``place_id``, ``title_*``, ``status``), or its
        records keyed by ``source_id``.
    place_names : tuple of str
        The place's English and Chinese names.

    Returns
    -------
    list of tuple
        Steps in order; the last one states the verdict.
    """
    if isinstance(candidates, pd.DataFrame):
        candidates = candidates.to_dict("records")
    if isinstance(sources, pd.DataFrame):
        sources = {rec["source_id"]: rec for rec in sources.to_dict("records")}
    en_place, zh_place = place_names
    basis_en, basis_zh = ui_label(f"basis.{basis}_long", "en"), ui_label(f"basis.{basis}_long", "zh")
    verdict = row["verdict"]
    verdict_en, verdict_zh = label(f"verdict.{verdict}", "en"), label(f"verdict.{verdict}", "zh")
    if verdict == "not_stated":
        place_sources = [doc for doc in sources.values() if doc["place_id"] == row["place_id"]]
        titles_en = "; ".join(doc["title_en"] for doc in place_sources) or "the plan"
        titles_zh = "；".join(f"《{doc['title_zh']}》" for doc in place_sources) or "该方案"
        return [
            (f"{en_place}: no statement of this indicator in {titles_en}.", f"{zh_place}：{titles_zh}未提及该指标。"),
            ("A missing statement is shown as “not stated”, never as zero, and is not compared.", "未提及的指标显示为“未提及”，不作零值处理，也不参与比较。"),
            (f"Verdict: {verdict_en}.", f"判定：{verdict_zh}。"),
        ]
    steps = []
    ids = list(dict.fromkeys(c["statement_id"] for c in candidates))
    steps.append(
        (
            f"{en_place} states {len(ids)} statement(s) of this indicator: {', '.join(ids)}.",
            f"{zh_place}共有{len(ids)}条该指标表述：{'、'.join(ids)}。",
        )
    )
    if len(candidates) > 1:
        steps.append(
            (
                f"Statements are ranked by verdict, then whether their level matches the {basis_en}, their distance "
                f"to {int(row['requested_year'])}, their kind (target, standard, baseline), a number before a "
                "qualitative statement, and stated before derived.",
                f"各表述依次按判定结果、层级是否符合{basis_zh}、与{int(row['requested_year'])}年的距离、类型（目标值、标准、基期值）、"
                "有无数值、原文值优先于推算值排序。",
            )
        )
    kind_en, kind_zh = label(f"kind.{row['kind']}", "en").lower(), label(f"kind.{row['kind']}", "zh")
    scope = _text(row["scope_text"]) or "—"
    steps.append(
        (
            f"Chosen: {row['statement_ids']}, a {kind_en} for {int(row['year'])}, scope “{scope}”.",
            f"选用：{row['statement_ids']}，{int(row['year'])}年{kind_zh}，口径“{scope}”。",
        )
    )
    level_en, level_zh = _level(_text(row["level"]))
    if row["level"] == basis:
        steps.append((f"Its level, {level_en}, matches the {basis_en}.", f"其层级（{level_zh}）符合{basis_zh}。"))
    else:
        steps.append((f"Its level, {level_en}, differs from the {basis_en}.", f"其层级（{level_zh}）与{basis_zh}不同。"))
    if int(row["year"]) != int(row["requested_year"]):
        steps.append(
            (
                f"Its year, {int(row['year'])}, is not the requested {int(row['requested_year'])}; it is shown with its own year, never relabelled.",
                f"其年份（{int(row['year'])}年）不是所选的{int(row['requested_year'])}年；按原年份显示，不作改写。",
            )
        )
    chosen = [c for c in candidates if c["statement_id"] == row["statement_ids"] and bool(c["derived"]) == bool(row["derived"])]
    if chosen:
        stated = chosen[0]
        value_text = _text(stated.get("value_text"))
        if bool(row["derived"]):
            steps.append(
                (
                    f"The plan states “{value_text}”; the rate is derived: {format_number(float(stated['value_as_stated']))} "
                    f"{_text(stated['unit_as_stated'])} ÷ population {format_number(float(stated['denominator']))} "
                    f"({_text(stated['denominator_source'])}, {_text(stated['denominator_date'])}) = {value_label(row, 'en', year=False)} {unit_label(row['unit'], 'en')}.",
                    f"原文为“{value_text}”；比率为推算值：{format_number(float(stated['value_as_stated']))}{_text(stated['unit_as_stated'])} ÷ "
                    f"人口{format_number(float(stated['denominator']))}（{_text(stated['denominator_source'])}，{_text(stated['denominator_date'])}）"
                    f"= {value_label(row, 'zh', year=False)} {unit_label(row['unit'], 'zh')}。",
                )
            )
        else:
            steps.append(
                (
                    f"The plan's words “{value_text}” read as {value_label(row, 'en', year=False)} {unit_label(row['unit'], 'en')}.",
                    f"原文“{value_text}”读作{value_label(row, 'zh', year=False)} {unit_label(row['unit'], 'zh')}。",
                )
            )
    doc = sources.get(row["source_id"])
    if doc is not None:
        status_en, status_zh = ui_label(f"status.{doc['status']}", "en"), ui_label(f"status.{doc['status']}", "zh")
        steps.append((f"Document: {doc['title_en']} ({status_en}).", f"文件：《{doc['title_zh']}》（{status_zh}）。"))
    caveat_en, caveat_zh = _text(row["caveat_en"]), _text(row["caveat_zh"])
    steps.append(
        (
            f"Verdict: {verdict_en}." + (f" {caveat_en}." if caveat_en else ""),
            f"判定：{verdict_zh}。" + (f"{caveat_zh}。" if caveat_zh else ""),
        )
    )
    return steps
