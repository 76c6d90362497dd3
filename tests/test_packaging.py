"""A built wheel is the whole program: the modules, the stylesheet and the sample plans, and
once installed (not editable) `zoneplan` runs from anywhere on the bundled samples.

The wheel is built offline from a copy of the checkout (a stale build/ of the checkout could
otherwise leak deleted modules into it) without build isolation: the test extras install
setuptools. The fresh venv gets the wheel without dependencies and borrows this environment's
site-packages for them through a .pth line, which does not run that environment's own .pth
files, so its editable zoneplan stays invisible.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES
from zoneplan_tui import __version__

pytest.importorskip("setuptools", minversion="77", reason="the test extras install setuptools")

SOURCE_IGNORE = shutil.ignore_patterns(
    ".*", "build", "dist", "*.egg-info", "__pycache__", "tests", "benchmarks"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("packaging")
    source = work / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=SOURCE_IGNORE)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(work / "dist")],
        cwd=source, check=True, capture_output=True, text=True,
    )  # fmt: skip
    (built,) = (work / "dist").glob("zoneplan-*.whl")
    return built


def test_the_wheel_holds_every_module_the_stylesheet_and_the_samples(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    samples = {f"zoneplan_tui/samples/{p.name}" for p in SAMPLES.glob("*.txt")}
    assert len(samples) == 5 and samples <= names
    assert "zoneplan_tui/tui/zoneplan.tcss" in names
    assert "zoneplan_tui/serve/templates/app_index.html" in names  # zoneplan serve's page
    package = ROOT / "zoneplan_tui"
    modules = {
        p.relative_to(ROOT).as_posix()
        for p in package.rglob("*.py")
        if "__pycache__" not in p.parts and "samples" not in p.parts
    }
    assert modules <= names, sorted(modules - names)
    assert not any(n.startswith(("tests/", "sample_docs/", "benchmarks/")) for n in names)
    dist_info = f"zoneplan-{__version__}.dist-info"
    with zipfile.ZipFile(wheel) as zf:
        metadata = zf.read(f"{dist_info}/METADATA").decode()
        entry_points = zf.read(f"{dist_info}/entry_points.txt").decode()
    assert f"\nVersion: {__version__}\n" in metadata
    assert "zoneplan = zoneplan_tui.cli:main" in entry_points


def test_installed_not_editable_it_runs_from_anywhere_on_the_bundled_samples(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
         "--no-index", str(wheel)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    borrowed = [*site.getsitepackages(), site.getusersitepackages()]
    Path(purelib, "_zoneplan_test_deps.pth").write_text("\n".join(borrowed) + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    def run(*argv: str | Path) -> str:
        out = subprocess.run(
            [str(a) for a in argv], cwd=elsewhere, env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        return out.stdout

    where = run(python, "-c", "import zoneplan_tui; print(zoneplan_tui.__file__)")
    assert Path(where.strip()).is_relative_to(venv)  # the wheel's copy, not this checkout's
    assert run(python, "-m", "zoneplan_tui", "--version") == f"zoneplan {__version__}\n"
    plans = json.loads(run(bin_dir / "zoneplan", "library", "--json"))["plans"]
    assert sorted(p["file"] for p in plans) == sorted(p.name for p in SAMPLES.glob("*.txt"))
    assert all(Path(p["path"]).is_relative_to(venv) for p in plans)
