"""Render Office files with LibreOffice and read text positions back from the PDF (poppler)."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["to_pdf", "text_blocks", "Block", "overlaps", "outside"]


@dataclass(frozen=True)
class Block:
    """One text block of a PDF page (points, origin top left)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    page_width: float
    page_height: float


def to_pdf(files: list[Path], out_dir: Path, profile: Path) -> list[Path]:
    """Convert *files* to PDF with ``soffice --headless`` using a private profile directory."""
    out_dir.mkdir(parents=True, exist_ok=True)
    args = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, files)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=300)
    pdfs = [out_dir / f"{Path(f).stem}.pdf" for f in files]
    missing = [p.name for p in pdfs if not p.exists()]
    if missing:
        raise AssertionError(f"soffice did not write {missing}: {done.stdout}{done.stderr}")
    return pdfs


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_BLOCK = re.compile(r'<block xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</block>', re.S)
_WORD = re.compile(r"<word[^>]*>(.*?)</word>", re.S)


def text_blocks(pdf: Path) -> list[Block]:
    """Return every text block of *pdf* with its bounding box (``pdftotext -bbox-layout``)."""
    done = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, timeout=120)
    blocks = []
    for number, page in enumerate(_PAGE.finditer(done.stdout), start=1):
        width, height = float(page.group(1)), float(page.group(2))
        for match in _BLOCK.finditer(page.group(3)):
            words = " ".join(html.unescape(w) for w in _WORD.findall(match.group(5)))
            x0, y0, x1, y1 = (float(match.group(i)) for i in range(1, 5))
            blocks.append(Block(number, x0, y0, x1, y1, words, width, height))
    return blocks


def overlaps(blocks: list[Block], tolerance: float = 0.5) -> list[tuple[Block, Block]]:
    """Return pairs of blocks on the same page whose boxes intersect by more than *tolerance* points."""
    pairs = []
    for i, a in enumerate(blocks):
        for b in blocks[i + 1 :]:
            if a.page != b.page:
                continue
            dx = min(a.x1, b.x1) - max(a.x0, b.x0)
            dy = min(a.y1, b.y1) - max(a.y0, b.y0)
            if dx > tolerance and dy > tolerance:
                pairs.append((a, b))
    return pairs


def outside(blocks: list[Block]) -> list[Block]:
    """Return blocks that reach beyond their page."""
    return [b for b in blocks if b.x0 < 0 or b.y0 < 0 or b.x1 > b.page_width or b.y1 > b.page_height]
