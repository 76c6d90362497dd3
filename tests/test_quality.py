"""Project-wide guarantees: import contracts hold, the core stays light, the code is lint-clean."""

import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_import_contracts_are_kept():
    """The layers, Textual only in tui/, no jieba below library/, no cycles (pyproject.toml's
    [tool.importlinter] contracts)."""
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]


@pytest.mark.parametrize("package", ["core", "formats", "notes", "library", "cli"])
def test_lower_layers_import_without_textual_or_jieba(package):
    """Importing any module below the TUI loads neither Textual nor jieba until used (the contracts
    allow indirect imports; this checks what actually loads)."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"import zoneplan_tui.{package} as pkg\n"
        "for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
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
