"""The package type-checks: mypy over it (pyproject.toml's [tool.mypy]) finds nothing, and the
TUI needs no `# type: ignore` (the notes store is typed by its protocol, screens reach their
widgets through typed properties)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

TUI = "zoneplan_tui/tui/"


def test_mypy_finds_nothing_in_the_package():
    out = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    errors = [line for line in out.stdout.splitlines() if ": error:" in line]
    assert errors == [] and out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]


def test_the_tui_has_no_type_ignores():
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / TUI).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "type: ignore" in line
    ]
    assert found == []
