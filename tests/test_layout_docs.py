"""README's Layout section names every module of the package.

A newcomer reads the layers from that tree; a module missing from it is a module nobody finds.
The check is by file name inside the Layout section, so the prose around each name stays free.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "zoneplan_tui"


def _layout_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Layout")
    following = readme.find("\n## ", start + 1)
    return readme[start : following if following != -1 else len(readme)]


def _modules() -> list[Path]:
    return sorted(
        p
        for p in PACKAGE.rglob("*.py")
        if p.name != "__init__.py" and "__pycache__" not in p.parts and "samples" not in p.parts
    )


def test_every_module_is_in_the_readme_layout() -> None:
    layout = _layout_section()
    named = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*\.py", layout))
    missing = [str(p.relative_to(ROOT)) for p in _modules() if p.name not in named]
    assert not missing, f"README's Layout section does not name: {missing}"


def test_every_package_is_in_the_readme_layout() -> None:
    layout = _layout_section()
    packages = sorted(
        p.parent
        for p in PACKAGE.rglob("__init__.py")
        if p.parent != PACKAGE and "__pycache__" not in p.parts
    )
    missing = [str(p.relative_to(ROOT)) for p in packages if f"{p.name}/" not in layout]
    assert not missing, f"README's Layout section does not show the packages: {missing}"


def test_the_layout_names_no_module_that_is_gone() -> None:
    layout = _layout_section()
    # a script outside the package (benchmarks/…) may be named as a command to run
    existing = {
        p.name
        for top in ("zoneplan_tui", "benchmarks", "tests")
        for p in (ROOT / top).rglob("*.py")
    }
    stale = sorted(
        n for n in set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*\.py", layout)) if n not in existing
    )
    assert not stale, f"README's Layout section names modules that do not exist: {stale}"
