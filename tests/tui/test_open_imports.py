"""Opening one plan loads neither the library, nor search, nor the notes command line."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import SAMPLES

# `zoneplan PLAN` through the command's own entry point, headless; the modules loaded at the
# moment the first line of text is drawn.
CHILD = """
import asyncio, json, sys
from zoneplan_tui.tui.app import ZoneplanApp
from zoneplan_tui.tui.widgets.text_view import TextView

seen = []
_render = TextView.render_line

def render_line(self, y):
    strip = _render(self, y)
    if not seen and strip.text.strip():
        seen.append(sorted(sys.modules))
    return strip

TextView.render_line = render_line

async def headless(app):
    async with app.run_test(size=(100, 30)) as pilot:
        while not seen:
            await pilot.pause(0.01)

ZoneplanApp.run = lambda self, *a, **k: asyncio.run(headless(self))
from zoneplan_tui.cli.command import main
main(sys.argv[1:])
print(json.dumps(seen[0]))
"""

FORBIDDEN_PREFIXES = (
    "zoneplan_tui.library",  # index, catalog, targets, keywords, segmenter
    "zoneplan_tui.tui.library_source",
    "zoneplan_tui.tui.screens.library",
    "zoneplan_tui.tui.screens.search",
    "zoneplan_tui.tui.screens.targets",
    "zoneplan_tui.tui.screens.plan_columns",
    "zoneplan_tui.cli.notes",
    "zoneplan_tui.cli.search",
    "zoneplan_tui.cli.library",
    "zoneplan_tui.cli.targets",
    "sqlite3",
    "jieba",
    "rjieba",
    "importlib.metadata",
    "rapidfuzz",  # re-anchoring notes: the plan opened here has none
)


def test_opening_a_plan_imports_nothing_of_the_library(tmp_path):
    plan = SAMPLES / "wuqing-2019-work-points.txt"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(plan), "--db", str(tmp_path / "notes.json")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert "zoneplan_tui.tui.screens.reader" in modules  # the path was the reader's
    loaded = [m for m in modules if m.startswith(FORBIDDEN_PREFIXES)]
    assert loaded == []


def test_the_app_imports_no_outline_or_figure_rules():
    # The rules load in the worker that analyses the plan, once its text is drawn: importing
    # them (compiling their patterns) before would hold up the first paint.
    code = (
        "import sys, json\n"
        "import zoneplan_tui.tui.app\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith("
        "('zoneplan_tui.core.analysis', 'zoneplan_tui.core.outline', "
        "'zoneplan_tui.core.figures_scan', 'zoneplan_tui.core.figures_tables')) "
        "or m == 'zoneplan_tui.core.figures')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(done.stdout) == []
