"""The offline explorer: a static, self-contained web page of every comparison a study can make.

``comparekit build`` writes it to ``site/`` under the build's output folder: ``index.html`` (script,
style and data inline, so it opens from ``file://`` with no network) and ``downloads/`` (Excel and
Parquet per indicator). :func:`render_site` returns the files' contents; the pipeline writes them.
"""

from __future__ import annotations

from .method import method_steps
from .payload import comparison_views, indicator_download, site_payload, view_key
from .render import download_name, parquet_bytes, render_page, render_site, xlsx_bytes
from .text import BASES, chart_subtitle, chart_title, format_number, ui_label, unit_label, value_label

__all__ = [
    "BASES",
    "chart_subtitle",
    "chart_title",
    "comparison_views",
    "download_name",
    "format_number",
    "indicator_download",
    "method_steps",
    "parquet_bytes",
    "render_page",
    "render_site",
    "site_payload",
    "ui_label",
    "unit_label",
    "value_label",
    "view_key",
    "xlsx_bytes",
]
