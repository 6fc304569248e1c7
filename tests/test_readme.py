"""Every Python block of the README runs on its own (in a fresh interpreter, in an empty folder).

A block that must not run is preceded by the line ``<!-- readme: no-run -->`` (none is, today).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
_BLOCK = re.compile(r"(?P<marker><!-- readme: no-run -->\s*\n)?```python\n(?P<code>.*?)\n```", re.S)


def _blocks() -> list[tuple[int, str]]:
    text = README.read_text(encoding="utf-8")
    return [(text[: m.start()].count("\n") + 1, m.group("code")) for m in _BLOCK.finditer(text) if not m.group("marker")]


def test_the_readme_has_python_blocks():
    assert len(_blocks()) >= 2


@pytest.mark.parametrize(("line", "code"), _blocks(), ids=[f"line{line}" for line, _ in _blocks()])
def test_readme_block_runs_on_its_own(line, code, tmp_path):
    env = dict(os.environ, MPLBACKEND="Agg")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"README block at line {line} failed:\n{result.stderr[-3000:]}"
