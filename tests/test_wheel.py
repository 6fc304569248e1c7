"""The built wheel works on its own: a fresh environment with only the wheel answers compare().

The wheel is built with pip (as a user would), installed with ``--no-deps`` into a new virtual
environment that borrows this environment's third-party packages through a ``.pth`` file (so the
test needs no network beyond the package registry the build backend comes from), and run from an
empty folder, far from the repository's ``data/``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "comparekit").rglob("__init__.py")}
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages in pyproject.toml"
    assert "comparekit._data" in listed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # built from a clean copy: an in-tree build would leave build/ behind, and stale files there
    # could slip into a later wheel
    source = out / "source"
    ignore = shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__", "processed", "notebooks", "benchmarks", "tests")
    shutil.copytree(ROOT, source, ignore=lambda folder, names: ignore(folder, names) | ({"figures"} if Path(folder) == ROOT else set()))
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(out)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    (built,) = out.glob("comparekit-*.whl")
    return built


def test_the_wheel_holds_the_builtin_study_and_no_build_output(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data = ROOT / "data"
    expected = {"study.toml", "curated/README.md"}
    expected |= {p.relative_to(data).as_posix() for pattern in ("registry/*.csv", "registry/*.json", "sources/*.txt", "curated/statements/*.csv") for p in data.glob(pattern)}
    missing = {f"comparekit/_data/{name}" for name in expected} - names
    assert not missing
    assert not [name for name in names if "/processed/" in name or name.startswith("figures/")]


def test_a_fresh_environment_with_the_wheel_answers_compare(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)], capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr[-3000:]
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True).stdout.strip()
    # third-party packages come from this environment; comparekit itself only from the wheel
    Path(site, "_comparekit_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("COMPAREKIT_HOME", "PYTHONPATH")}
    env["COMPAREKIT_CACHE"] = str(tmp_path / "cache")
    code = (
        "import json, comparekit as ck\n"
        "from comparekit.study import builtin_study\n"
        "table = ck.compare('urbanization_rate').set_index('place_id')\n"
        "study = builtin_study()\n"
        "print(json.dumps({'file': ck.__file__, 'root': str(study.root), 'out': study.processed_dir is None,\n"
        "  'values': {p: [None if v != v else v, table.loc[p, 'verdict']] for p, v in table['value'].items()},\n"
        "  'sources': len(ck.load_sources())}))\n"
    )
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=work, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(answer["file"]).is_relative_to(env_dir) and Path(answer["root"]).is_relative_to(env_dir)
    assert answer["out"]  # an installed package has no default output folder
    assert answer["sources"] == 5
    assert answer["values"] == {
        "jieshou": [55.0, "caveat"],
        "luan": [50.0, "caveat"],
        "chengwu": [53.0, "comparable"],
        "qiaocheng": [None, "not_stated"],
        "linyi": [50.0, "caveat"],
    }
