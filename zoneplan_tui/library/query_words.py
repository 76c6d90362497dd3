"""The words of a search query, without loading the segmenter.

A query of a few words needs a few hundred dictionary look-ups, yet loading rjieba builds its
whole dictionary (~0.2 s of CPU), most of what a `zoneplan search` would cost. So queries are
cut here by jieba's own algorithm (`jieba.Tokenizer.cut` and `cut_for_search` with HMM off,
ported line for line: the same blocks, word graph, route and grouping of ASCII letters and
digits) over a word table: jieba's dictionary, which rjieba also uses, copied once into a small
SQLite file in the user cache directory (`words-<versions>.sqlite3`, ~6 MB).

    cut(text), cut_for_search(text)   # segment.cut / segment.cut_for_search, the same words
    build()                           # write the table (about a second; `SearchIndex.update`
                                      # does it after indexing a library)

Until the table exists, or when the segmenter is loaded in this process anyway (it indexed
something), or when the table's self-check found that rjieba cuts differently from the port
(another dictionary in some release), `segment` itself answers.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import threading
from collections.abc import Collection, Iterator, Mapping
from math import log
from pathlib import Path

from zoneplan_tui.library import segment
from zoneplan_tui.library.sqlite import sqlite3

# jieba 0.42's re_han_default, re_skip_default and re_eng.
_RE_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&._%]+)")
_RE_SKIP = re.compile("(\r\n|\\s)")
_RE_ENG = re.compile("[a-zA-Z0-9]")


class Dictionary:
    """Word frequencies (only those above 0), their total and the longest word's length."""

    def __init__(self, freqs: Mapping[str, int], total: int, longest: int) -> None:
        self._freqs = freqs
        self.total = total
        self.longest = longest

    def get_many(self, words: Collection[str]) -> Mapping[str, int]:
        """The frequencies of those of `words` in the dictionary (or more)."""
        return self._freqs

    def in_block(self, block: str) -> Mapping[str, int]:
        """The frequencies of the dictionary words among the substrings of `block`."""
        n, longest = len(block), self.longest
        return self.get_many(
            {block[k:i] for k in range(n) for i in range(k + 1, min(n, k + longest) + 1)}
        )


class _TableDictionary(Dictionary):
    def __init__(self, con: sqlite3.Connection, total: int, longest: int) -> None:
        super().__init__({}, total, longest)
        self._con = con
        self._lock = threading.Lock()

    def get_many(self, words: Collection[str]) -> Mapping[str, int]:
        with self._lock:
            rows = self._con.execute(
                "SELECT w, f FROM words WHERE w IN (SELECT value FROM json_each(?))",
                (json.dumps(list(words), ensure_ascii=False),),
            ).fetchall()
        return dict(rows)


def _cut_block(block: str, d: Dictionary) -> Iterator[str]:
    """jieba's __cut_DAG_NO_HMM: the most probable route through the word graph."""
    freq = d.in_block(block)
    n = len(block)
    logtotal = log(d.total)
    route: dict[int, tuple[float, int]] = {n: (0.0, 0)}
    for idx in range(n - 1, -1, -1):
        ends = [
            i for i in range(idx, min(n, idx + d.longest)) if freq.get(block[idx : i + 1], 0) > 0
        ] or [idx]
        route[idx] = max(
            (log(freq.get(block[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x) for x in ends
        )
    x = 0
    buf = ""
    while x < n:
        y = route[x][1] + 1
        word = block[x:y]
        if _RE_ENG.match(word) and len(word) == 1:
            buf += word
        else:
            if buf:
                yield buf
                buf = ""
            yield word
        x = y
    if buf:
        yield buf


def _cut(text: str, d: Dictionary) -> Iterator[str]:
    for blk in _RE_HAN.split(text):
        if not blk:
            continue
        if _RE_HAN.match(blk):
            yield from _cut_block(blk, d)
        else:
            for x in _RE_SKIP.split(blk):
                if _RE_SKIP.match(x):
                    yield x
                else:
                    yield from x


def _cut_for_search(text: str, d: Dictionary) -> Iterator[str]:
    words = list(_cut(text, d))
    grams = {
        w[i : i + k] for w in words for k in (2, 3) if len(w) > k for i in range(len(w) - k + 1)
    }
    freq = d.get_many(grams) if grams else {}
    for w in words:
        if len(w) > 2:
            for i in range(len(w) - 1):
                if freq.get(w[i : i + 2]):
                    yield w[i : i + 2]
        if len(w) > 3:
            for i in range(len(w) - 2):
                if freq.get(w[i : i + 3]):
                    yield w[i : i + 3]
        yield w


def cut(text: str) -> list[str]:
    """`segment.cut(text)`."""
    d = _dictionary()
    return segment.cut(text) if d is None else list(_cut(text, d))


def cut_for_search(text: str) -> list[str]:
    """`segment.cut_for_search(text)`."""
    d = _dictionary()
    return segment.cut_for_search(text) if d is None else list(_cut_for_search(text, d))


# -- the word table ------------------------------------------------------------------------------

SELF_CHECK_CHARS = 3000  # of each bundled sample plan, cut both ways when the table is built


def installed_version(dist: str) -> str:
    """The installed release of a distribution, read from the name of its .dist-info folder:
    what importlib.metadata says, without the ~40 ms its import costs every command."""
    want = _dist_key(dist)
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            stem, dot, suffix = name.rpartition(".")
            project, _, release = stem.partition("-")
            if dot and suffix == "dist-info" and release and _dist_key(project) == want:
                return release
    import importlib.metadata as md  # an .egg-info, a zip: let it look

    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return "?"


def _dist_key(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _jieba_dict() -> Path | None:
    import importlib.util

    try:
        spec = importlib.util.find_spec("jieba")
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


def table_path() -> Path:
    import platformdirs

    versions = f"jieba{installed_version('jieba')}-rjieba{installed_version('rjieba')}"
    return Path(platformdirs.user_cache_dir("zoneplan")) / f"words-{versions}.sqlite3"


_lock = threading.Lock()
_opened: dict[Path, Dictionary | None] = {}


def _dictionary() -> Dictionary | None:
    """The word table, when it is there and sound and the segmenter is not loaded anyway."""
    if segment.is_ready():
        return None
    path = table_path()
    with _lock:
        if path not in _opened:
            _opened[path] = _open(path)
        return _opened[path]


def _open(path: Path) -> Dictionary | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(con.execute("SELECT key, value FROM meta"))
    except sqlite3.Error:
        return None  # not built yet, or damaged: the segmenter answers
    if meta.get("agrees") != "1":
        con.close()
        return None
    return _TableDictionary(con, int(meta["total"]), int(meta["longest"]))


def _read_jieba_dict(path: Path) -> tuple[dict[str, int], int]:
    """As jieba's gen_pfdict reads it: a later line wins, the total counts every line."""
    freqs: dict[str, int] = {}
    total = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, freq = line.strip().split(" ")[:2]
            freqs[word] = int(freq)
            total += int(freq)
    return freqs, total


def _agrees(d: Dictionary) -> bool:
    """Whether the port over this dictionary cuts the bundled samples as rjieba does."""
    from zoneplan_tui.core.textnorm import normalise
    from zoneplan_tui.formats.load import find_plans, sample_docs_dir

    for plan in find_plans(sample_docs_dir()):
        text = normalise(plan.read_text(encoding="utf-8")[:SELF_CHECK_CHARS])
        if list(_cut_for_search(text, d)) != segment.cut_for_search(text):
            return False
        if list(_cut(text, d)) != segment.cut(text):
            return False
    return True


_failed: set[Path] = set()


def build() -> Path | None:
    """Write the word table if it is missing. Returns its path, or None when there is no jieba
    dictionary to copy or the file cannot be written (then not tried again in this process)."""
    path = table_path()
    if path.exists():
        return path
    source = _jieba_dict()
    if source is None or path in _failed:
        return None
    freqs, total = _read_jieba_dict(source)
    lookup = {w: f for w, f in freqs.items() if f > 0}
    longest = max(map(len, lookup))
    agrees = _agrees(Dictionary(lookup, total, longest))
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            con.execute("BEGIN")
            con.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
            con.execute("CREATE TABLE words(w TEXT PRIMARY KEY, f INTEGER) WITHOUT ROWID")
            con.executemany(
                "INSERT INTO meta VALUES(?,?)",
                [("total", str(total)), ("longest", str(longest)), ("agrees", str(int(agrees)))],
            )
            con.executemany("INSERT INTO words VALUES(?,?)", lookup.items())
            con.execute("COMMIT")
        finally:
            con.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            tmp.unlink()
        _failed.add(path)
        return None
    with _lock:
        _opened.pop(path, None)
    return path


__all__ = ["build", "cut", "cut_for_search", "installed_version", "table_path"]
