"""Compile a sample paper with the real TeX clients and collect what they complain about."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

__all__ = ["compile_paper", "PROBLEM_PATTERNS"]

#: Log lines that mean a reader of the paper would see something wrong.
PROBLEM_PATTERNS = [
    re.compile(r"Missing character"),
    re.compile(r"Unicode character .* not set up"),
    re.compile(r"Citation .* undefined"),
    re.compile(r"There were undefined (references|citations)"),
    re.compile(r"multiply[- ]defined", re.IGNORECASE),
    re.compile(r"^! ", re.MULTILINE),
    re.compile(r"^\S+\.tex:\d+: ", re.MULTILINE),  # errors under -file-line-error
    re.compile(r"I was expecting"),
    re.compile(r"syntax error", re.IGNORECASE),
    re.compile(r"^ERROR", re.MULTILINE),
    re.compile(r"Empty bibliography"),
    re.compile(r"I couldn't open"),
    re.compile(r"Warning--I didn't find a database entry"),
]


def _run(args: list[str], cwd: Path) -> str:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=300)
    return done.stdout + done.stderr


def compile_paper(directory: Path, stem: str, *, engine: str, backend: str) -> tuple[list[str], str]:
    """Run ``engine``, the bibliography ``backend``, then ``engine`` twice; return (problem lines, PDF text).

    Every line of the final LaTeX log, the ``.blg`` and the backend's output that matches
    :data:`PROBLEM_PATTERNS` is returned (first pass logs are not checked: references are
    undefined there by design).
    """
    latex = [engine, "-interaction=nonstopmode", "-no-shell-escape", "-file-line-error", f"{stem}.tex"]
    _run(latex, directory)
    backend_out = _run([backend, stem], directory)
    _run(latex, directory)
    _run(latex, directory)
    texts = [backend_out, (directory / f"{stem}.log").read_text(errors="replace")]
    blg = directory / f"{stem}.blg"
    if blg.exists():
        texts.append(blg.read_text(errors="replace"))
    problems = []
    for text in texts:
        for line in text.splitlines():
            if any(p.search(line) for p in PROBLEM_PATTERNS):
                problems.append(line.strip())
    pdf = directory / f"{stem}.pdf"
    if not pdf.exists():
        problems.append(f"{engine} wrote no PDF")
        return problems, ""
    pdf_text = _run(["pdftotext", "-layout", str(pdf), "-"], directory)
    return problems, pdf_text
