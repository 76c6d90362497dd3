"""The TUI type-checks: mypy over the package (pyproject.toml's [tool.mypy]) finds nothing in
zoneplan_tui/tui/, which needs no `# type: ignore` (the notes store is typed by its protocol,
screens reach their widgets through typed properties)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

TUI = "zoneplan_tui/tui/"


def test_mypy_finds_nothing_in_the_tui():
    # The whole package, as configured: the TUI's types are checked against the real modules
    # it imports. Other layers' own errors are their developers' (they are being fixed).
    out = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert "error:" in out.stdout or out.returncode == 0, out.stdout + out.stderr
    errors = [line for line in out.stdout.splitlines() if line.startswith(TUI)]
    assert errors == []


def test_the_tui_has_no_type_ignores():
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / TUI).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "type: ignore" in line
    ]
    assert found == []
