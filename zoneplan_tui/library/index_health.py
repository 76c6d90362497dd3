"""Is the search index file sound, and what to do with one that is not.

The index is a cache: everything in it can be rebuilt from the plan files and the notes. So a
damaged one (a crash on a file system that lies about fsync, a disk error, a stray write) is
not an error for the user to solve: `SearchIndex.open` runs SQLite's `PRAGMA quick_check`
(b-tree structure of every page, ~50 ms for a 1,000-plan index; again only once the file
changed, which `NAME.checked` beside it remembers across commands), and a file that fails it,
or that is not an SQLite database at all, is moved aside (never deleted: it may be evidence of
a failing disk) and a new index is built, which the caller reports once. Damage that shows
only later (inside FTS5's own records) ends that one command with a one-line error after the
file has been moved aside, so the next command rebuilds.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.formats.paths import shown
from zoneplan_tui.library.sqlite import sqlite3

_CORRUPT = 11  # SQLITE_CORRUPT, also SQLITE_CORRUPT_VTAB (FTS5) and the like
_NOTADB = 26  # SQLITE_NOTADB: "file is not a database"
# Files that passed quick_check, as (path, inode, size, mtime): a file written since (by a
# checkpoint of the WAL, or by anything else) is checked again.
_checked: set[tuple[str, int, int, int]] = set()


class IndexDamaged(Exception):
    """The index file failed its check; `reason` is SQLite's first complaint."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_damage(exc: BaseException) -> bool:
    """Whether an SQLite error says the file is damaged (not busy, not read-only …)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_CORRUPT, _NOTADB)
    text = str(exc)  # an SQLite module without error codes
    return "malformed" in text or "not a database" in text or "corrupt" in text


def check(con: sqlite3.Connection, path: Path) -> None:
    """Raise IndexDamaged unless the open file passes `PRAGMA quick_check` (skipped for a file
    this process, or another one, checked already: `_passed`)."""
    try:
        st = os.stat(path)
        key = (str(path.resolve()), st.st_ino, st.st_size, st.st_mtime_ns)
    except OSError:
        return  # a new index: nothing to check yet
    if key in _checked:
        return
    if _passed(path) == key[1:]:
        _checked.add(key)
        return
    try:
        rows = _quick_check(con)
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            raise IndexDamaged(str(exc)) from None
        raise
    if rows != [("ok",)]:
        raise IndexDamaged(str(rows[0][0]).strip().replace("\n", " ")[:200])
    _checked.add(key)
    with contextlib.suppress(OSError):  # only a note: without it the next command checks again
        _passed_path(path).write_text(" ".join(map(str, key[1:])), encoding="ascii")


def _quick_check(con: sqlite3.Connection) -> list[tuple[str]]:
    """`PRAGMA quick_check`, table by table: since SQLite 3.44 the whole-file check also runs
    FTS5's own check of its records, which re-reads every document (2.7 s instead of 0.25 s on a
    3,000-plan index). Damage inside FTS5's records shows when a query reads them, and is
    handled there (`SearchIndex` moves the file aside); every b-tree is still checked here."""
    tables = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ]
    for name in ["sqlite_schema", *tables]:
        quoted = name.replace('"', '""')
        rows = con.execute(f'PRAGMA quick_check("{quoted}")').fetchall()
        if rows != [("ok",)]:
            return rows
    return [("ok",)]


def _passed_path(path: Path) -> Path:
    return path.with_name(path.name + ".checked")


def _passed(path: Path) -> tuple[int, ...] | None:
    """(inode, size, mtime) of the file when a process last found it sound. A check reads every
    page (about a second for a library of 3,000 plans): each command would pay it, where the
    file changes only when something is indexed."""
    try:
        return tuple(int(x) for x in _passed_path(path).read_text(encoding="ascii").split())
    except (OSError, ValueError):
        return None


def move_aside(path: Path) -> Path | None:
    """Rename a damaged index (and its -wal and -shm files) to `NAME.damaged-TIME`; None when
    another process moved it first. Raises DocumentError when it cannot be moved."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    try:
        os.rename(path, target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DocumentError(
            f"{shown(path)}: the search index is damaged and cannot be moved aside "
            f"({exc.strerror or exc}); move or delete it"
        ) from None
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(OSError):  # none, or gone with the other process's move
            os.rename(f"{path}{suffix}", f"{target}{suffix}")
    with contextlib.suppress(OSError):
        _passed_path(path).unlink()
    _checked.difference_update({k for k in _checked if k[0] == str(path.resolve())})
    return target


def rebuilt_notice(path: Path, reason: str, moved: Path | None) -> str:
    where = f"moved it to {shown(moved.name)}" if moved else "another zoneplan moved it aside"
    return f"the search index {shown(path)} was damaged ({reason}); {where} and built a new one"
