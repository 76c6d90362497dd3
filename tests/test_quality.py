"""Project-wide guarantees: the core stays free of Textual, the code stays lint-clean."""

import subprocess
import sys

import pytest

from tests.conftest import ROOT

CORE = [
    "zoneplan_tui.core.document",
    "zoneplan_tui.core.outline",
    "zoneplan_tui.core.figures",
    "zoneplan_tui.core.analysis",
    "zoneplan_tui.notes.annotations",
    "zoneplan_tui.notes.store",
    "zoneplan_tui.core.wrap",
    "zoneplan_tui.cli.output",
    "zoneplan_tui.core.textnorm",
    "zoneplan_tui.core.planmeta",
    "zoneplan_tui.library.targets",
    "zoneplan_tui.library.index",
    "zoneplan_tui.library.catalog",
    "zoneplan_tui.cli.library",
]


@pytest.mark.parametrize("module", CORE)
def test_core_imports_without_textual_or_jieba(module):
    code = (
        f"import sys, {module}\n"
        "bad = [m for m in ('textual', 'jieba') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_version_and_help_do_not_import_textual():
    code = (
        "import sys\n"
        "from zoneplan_tui import cli\n"
        "for argv in (['--version'], ['--help']):\n"
        "    try:\n"
        "        cli.main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('textual' in sys.modules, 'jieba' in sys.modules, file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip() == "False False"


@pytest.mark.parametrize("args", [["check", "."], ["format", "--check", "."]])
def test_ruff_is_clean(args):
    out = subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr
