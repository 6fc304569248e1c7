"""Writing export files safely: all or nothing, and byte-identical from one build to the next."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..output import atomic_path  # one atomic writer for the whole package

__all__ = ["atomic_path", "normalize_zip_timestamps"]


def normalize_zip_timestamps(path: Path) -> None:
    """Rewrite an Office file (xlsx, pptx) with fixed zip timestamps and document dates, so builds are byte-identical."""
    fixed = (2024, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>2024-01-01T00:00:00Z\g<3>", data)
            zinfo = zipfile.ZipInfo(info.filename, date_time=fixed)
            zinfo.compress_type = zipfile.ZIP_DEFLATED
            zinfo.external_attr = 0o600 << 16
            target.writestr(zinfo, data)
