"""The library opens its SQLite files with one SQLite: the recent one of pysqlite3 when it is
installed (FTS5 ranks common words faster), the standard library's otherwise — never both on
one file in one process (each keeps its own POSIX locks)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import zoneplan_tui
from zoneplan_tui.library import index, sqlite

PACKAGE = Path(zoneplan_tui.__file__).parent
STDLIB_IMPORT = re.compile(r"^\s*(?:import sqlite3\b|from sqlite3\b)", re.M)


def test_no_module_but_the_shim_imports_the_standard_sqlite3() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p.name != "sqlite.py" and STDLIB_IMPORT.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_shim_prefers_pysqlite3_when_installed() -> None:
    if importlib.util.find_spec("pysqlite3") is None:
        assert sqlite.sqlite3.__name__ == "sqlite3"
    else:
        assert sqlite.sqlite3.__name__ == "pysqlite3.dbapi2"


def test_the_index_connects_with_the_shims_sqlite(tmp_path: Path) -> None:
    with index.SearchIndex.open(tmp_path / "ix.sqlite3") as ix:
        assert isinstance(ix.con, sqlite.sqlite3.Connection)
        version = ix.con.execute("SELECT sqlite_version()").fetchone()[0]
    assert version == sqlite.sqlite3.sqlite_version


def test_fts5_bm25_is_available() -> None:
    assert index.fts5_available()


def _hits_with(engine: str, tmp_path: Path) -> str:
    """The hits of a few queries over the samples, searched in a child process on `engine`."""
    import subprocess
    import sys

    block = "import sys; sys.modules['pysqlite3'] = None\n" if engine == "stdlib" else ""
    code = block + (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from zoneplan_tui.library.index import SearchIndex\n"
        "from zoneplan_tui.library.sqlite import sqlite3\n"
        "root = Path(sys.argv[1])\n"
        "with SearchIndex.open(Path(sys.argv[2])) as ix:\n"
        "    ix.update(sorted(root.glob('*.txt')), workers=0)\n"
        "    out = {q: [(h.path, h.start, round(h.score, 9)) for h in ix.search(q, limit=20)]\n"
        "           for q in ['发展', '企业 服务', '\"优化营商环境\"', '營商環境', '量子计算机']}\n"
        "print(sqlite3.__name__)\n"
        "print(json.dumps(out, ensure_ascii=False, sort_keys=True))\n"
    )
    samples = PACKAGE.parent / "sample_docs"
    done = subprocess.run(
        [sys.executable, "-c", code, str(samples), str(tmp_path / f"{engine}.sqlite3")],
        capture_output=True,
        text=True,
        check=True,
    )
    name, hits = done.stdout.splitlines()
    assert name == ("sqlite3" if engine == "stdlib" else sqlite.sqlite3.__name__)
    return hits


def test_either_sqlite_finds_the_same_hits_with_the_same_scores(tmp_path: Path) -> None:
    ours = _hits_with("default", tmp_path)
    assert '"发展": [["' in ours  # the queries found something
    assert _hits_with("stdlib", tmp_path) == ours
