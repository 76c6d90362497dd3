"""The SQLite the library's files (the search index, the query word table) are opened with.

FTS5 ranks a common word much faster in recent SQLite: bm25 over the 72,845 units holding 发展
in a 3,000-plan index takes 48–52 ms with SQLite 3.40 (Debian 12's, which the standard library
links) and 33 ms with 3.51, the same hits and scores. The `pysqlite3-binary` wheel (Linux x86-64)
is the standard library's module built with its own recent SQLite; where it is not installed
the standard library's module is used, whatever its SQLite.

Every module that opens one of the library's files imports `sqlite3` from here, never the
standard library's: two SQLite libraries in one process must not open the same file (each keeps
its own record of POSIX locks, and closing a descriptor in one drops the other's locks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same API; the types are the standard library's
    import sqlite3
else:
    try:
        from pysqlite3 import dbapi2 as sqlite3
    except ImportError:
        import sqlite3

__all__ = ["sqlite3"]
