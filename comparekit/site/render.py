"""Render the explorer: one self-contained ``index.html`` plus per-indicator Excel and Parquet files.

:func:`render_site` is pure: it returns ``{relative path: bytes}`` and writes nothing; the
pipeline writes the files. The page inlines its script, style and data, so it opens from
``file://`` with no network; the downloads sit beside it in ``downloads/``.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from importlib import resources

import pandas as pd

from .payload import comparison_views, indicator_download, site_payload
from .text import BASES, ui_label

__all__ = ["render_site", "render_page", "xlsx_bytes", "parquet_bytes", "download_name"]

_FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def download_name(indicator_id: str, ext: str) -> str:
    """Return the relative path of an indicator's download file, e.g. ``downloads/urbanization_rate.xlsx``."""
    return f"downloads/{indicator_id}.{ext}"


def _static(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def _json_for_script(payload: dict) -> str:
    # Inside <script type="application/json"> only "</" and "<!--" could end the block; escape every "<".
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(payload: dict) -> str:
    """Return the explorer's HTML with its script, style and *payload* inlined."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("comparekit.site", "templates"), autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True)
    template = env.get_template("index.html.j2")
    lang = payload["default"]["lang"]
    return template.render(
        lang="zh-Hans" if lang == "zh" else "en",
        title=ui_label("page.title", lang),
        labels=payload["labels"][lang],
        style=_static("explorer.css"),
        script=_static("explorer.js"),
        data=_json_for_script(payload),
    )


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite an xlsx with fixed zip timestamps and document dates, so rebuilds are byte-identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>2024-01-01T00:00:00Z\g<3>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()


def xlsx_bytes(frame: pd.DataFrame, *, sheet: str = "comparison") -> bytes:
    """Return *frame* as an Excel workbook: bold frozen header, filter, readable widths, text kept as text.

    Every string cell is stored as text, so a cell that begins with ``=`` never becomes a formula.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    missing = frame.isna().to_numpy()
    records = [[None if gap else value for value, gap in zip(record, gaps)] for record, gaps in zip(frame.to_numpy(dtype=object).tolist(), missing.tolist())]
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    for index, column in enumerate(frame.columns, start=1):
        longest = max([len(str(column))] + [len(str(rec[index - 1])) for rec in records[:200] if rec[index - 1] is not None])
        ws.column_dimensions[get_column_letter(index)].width = min(max(10, longest + 2), 60)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(frame.columns)))}{len(records) + 1}"
    bold = Font(bold=True)
    header = []
    for column in frame.columns:
        cell = WriteOnlyCell(ws, value=str(column))
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for record in records:
        cells = []
        for value in record:
            if isinstance(value, str):
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(value.item() if hasattr(value, "item") else value)
        ws.append(cells)
    book.properties.creator = "comparekit"
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """Return *frame* as Parquet (zstd), with text columns typed as strings."""
    table = frame.reset_index(drop=True).copy()
    for column in table.columns:
        if table[column].dtype == object:
            table[column] = table[column].astype("string")
    buffer = io.BytesIO()
    table.to_parquet(buffer, index=False, engine="pyarrow", compression="zstd")
    return buffer.getvalue()


def render_site(
    tables: dict[str, pd.DataFrame],
    *,
    indicators: pd.DataFrame,
    places: pd.DataFrame,
    sources: pd.DataFrame,
    national: pd.DataFrame,
    year: int,
    indicator_ids: list[str] | None = None,
    default_indicator: str | None = None,
    basis: str = "county",
    lang: str = "zh",
) -> dict[str, bytes]:
    """Return every file of the explorer as ``{relative path: bytes}``.

    Parameters
    ----------
    tables : dict
        The build's tables: ``statements``, ``harmonized`` and ``coverage`` (as written by the
        pipeline, with ``theme`` and ``indicator_id`` columns).
    indicators, places, sources, national : pandas.DataFrame
        The study's registries.
    year : int
        The comparison year shown first (and offered for every indicator).
    indicator_ids : list of str, optional
        Indicators to offer; default every indicator with a harmonized statement, in registry order.
    default_indicator : str, optional
        The indicator shown first; default the first offered.
    basis : {"county", "prefecture"}
        The basis shown first.
    lang : {"zh", "en"}
        The language shown first.

    Returns
    -------
    dict
        ``"index.html"`` and ``downloads/<indicator>.xlsx`` / ``.parquet`` for every indicator.
    """
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, not {basis!r}")
    harmonized = tables["harmonized"]
    if indicator_ids is None:
        stated = set(harmonized.loc[harmonized["status"] == "harmonized", "indicator_id"])
        indicator_ids = [i for i in indicators["indicator_id"] if i in stated]
    if not indicator_ids:
        raise ValueError("the explorer needs at least one indicator with a harmonized statement")
    default_indicator = default_indicator if default_indicator in indicator_ids else indicator_ids[0]
    views = comparison_views(harmonized, indicator_ids, default_year=year)
    offered = sorted({int(key.split("|")[1]) for key in views if key.startswith(default_indicator + "|")})
    first_year = min(offered, key=lambda y: (abs(y - int(year)), y))
    payload = site_payload(
        views,
        statements=tables["statements"],
        harmonized=harmonized,
        coverage=tables["coverage"],
        indicators=indicators,
        places=places,
        sources=sources,
        national=national,
        default={"indicator": default_indicator, "year": first_year, "basis": basis, "lang": lang},
    )
    for entry in payload["indicators"]:
        entry["files"] = {ext: download_name(entry["id"], ext) for ext in ("xlsx", "parquet")}
    files = {"index.html": render_page(payload).encode("utf-8")}
    for indicator_id in indicator_ids:
        frame = indicator_download(views, indicator_id)
        files[download_name(indicator_id, "xlsx")] = xlsx_bytes(frame)
        files[download_name(indicator_id, "parquet")] = parquet_bytes(frame)
    return files
