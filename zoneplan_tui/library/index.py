"""A full-text index of many plans and of the notes on them: SQLite FTS5 over words.

    index = SearchIndex.open()                      # user cache dir, or SearchIndex.open(path)
    report = index.update(files, prune=[folder], progress=cb)   # incremental, by content hash
    index.sync_notes(store)                         # note text, quote and tags
    hits = index.search('"营商环境" 招商', limit=50)  # bm25, best first
    index.documents(); index.targets(sha256)        # what was read at indexing time

Units. A plan is indexed in blocks (`index_rows.py`: the lines of one section up to
`BLOCK_CHARS`). A hit gives the plan (sha256 and last known path), the section path, a snippet
and match offsets, both into the snippet (to highlight it) and into `Document.text` (to jump
there). Notes are units of their own (`kind == "note"`).

Words. Text is normalised (`textnorm.normalise`: Traditional → Simplified, one character for
one, so offsets survive) and cut in search mode (`segment.cut_for_search`, HMM off, so a phrase
is cut the same way in every plan and in the query); FTS5's unicode61 tokenizer then only splits
on the spaces put between words. The word table keeps the words it indexed, so a block is
deleted without being cut again. A query word is cut in precise mode, whose words are all among
the search-mode words of the same text, and must have them all (AND). A "quoted phrase" is an
FTS5 phrase of its own search-mode words, which is how the phrase's words stand in a text that
holds it, and must then occur verbatim in the unit.

Substrings. When the words find fewer hits than asked for, the literal occurrences they missed
(a word cut differently in its context: 和平 in 他和平安保险) are added after the ranked hits. To
find them without reading every plan, the index keeps per chunk of a few blocks its triples of
characters (`grams`, `index_rows.chunks`); only the chunks holding all of a query's are read.

Incremental. `files` remembers (path, size, mtime_ns, sha256); an unchanged stat means no read
at all, a changed stat with the same sha256 (touched, or moved/renamed) means no re-index, and
documents are keyed by sha256 so notes and results follow a renamed file. A document no file
refers to any more is dropped. Plans are read in worker processes when there are many
(`index_rows.ReaderPool`); all writes happen here, in batches of `COMMIT_EVERY` plans. The
index stores `rules_version()`, a digest of the code that computes a row (outline, figures,
targets, metadata, normalisation, segmentation, converters) with the versions of the data it
reads; when that differs, every plan is forgotten and the next `update` reads them all again.

Import-light: the analysis and the segmenter load when a plan is read or a query cut; this
module does not import Textual.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zoneplan_tui.core.errors import DocumentError, UserError
from zoneplan_tui.core.textnorm import normalise
from zoneplan_tui.formats.paths import is_utf8, shown
from zoneplan_tui.library import index_health, query_words
from zoneplan_tui.library.sqlite import sqlite3

if TYPE_CHECKING:
    from zoneplan_tui.library.index_rows import PlanRows
    from zoneplan_tui.library.targets import Target
    from zoneplan_tui.notes.protocol import NotesStoreProtocol

SCHEMA = 3
INDEX_FILENAME = f"search-v{SCHEMA}.sqlite3"
SNIPPET_CHARS = 80
COMMIT_EVERY = 200  # plans per transaction: few commits, yet a cancel keeps most of the work
# From this many plans to read on, they are read in worker processes: starting one costs about
# half a second, a plan some 30 ms.
PARALLEL_FROM = 32
MAX_WORKERS = 4  # beyond that the writing here is the bottleneck
Progress = Callable[[int, int, str], None]  # (done, total, path) after each file


class SearchIndexError(DocumentError):
    """The index file cannot be opened or is not an index (one line for the user)."""


def default_index_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("zoneplan")) / INDEX_FILENAME


def fts5_available() -> bool:
    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        con.close()


@dataclass(frozen=True, slots=True)
class IndexedDoc:
    """What the index read from one plan (by content)."""

    sha256: str
    path: str  # last path it was seen at
    paths: tuple[str, ...]  # every indexed path with this content
    title: str
    body: str | None
    year: int | None
    size: int  # bytes of the file
    chars: int
    headings: int
    figures: int
    targets: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "text" or "note"
    sha256: str
    path: str
    title: str
    section: tuple[str, ...]
    start: int  # the unit (or the note's passage) in Document.text
    end: int
    line: int  # 1-based line of the first match (of the passage for a note)
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # offsets into `snippet`
    matches: tuple[tuple[int, int], ...]  # offsets into Document.text
    score: float  # FTS5 bm25: lower is better
    note_id: str | None = None

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "sha256": self.sha256,
            "path": self.path,
            "title": self.title,
            "section": list(self.section),
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
            "matches": [list(m) for m in self.matches],
            "score": round(self.score, 4),
            "note_id": self.note_id,
        }


@dataclass
class UpdateReport:
    added: list[str] = field(default_factory=list)  # paths indexed (new content)
    moved: list[str] = field(default_factory=list)  # paths of already-indexed content
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)  # paths gone from the index
    errors: list[str] = field(default_factory=list)  # one line per file skipped (unreadable …)
    notices: list[str] = field(default_factory=list)  # what happened to the index (rebuilt …)

    @property
    def indexed(self) -> int:
        return len(self.added)


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # normalised
    phrase: bool


# fts keeps the words it indexed (its own content): deleting a unit needs no segmenter. grams
# keeps nothing but which chunk (its first unit's id; a note is a chunk of its own) holds a
# gram; chunks says which units a chunk spans.
_DDL = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files(
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER, mtime_ns INTEGER);
CREATE INDEX IF NOT EXISTS files_sha ON files(sha256);
CREATE TABLE IF NOT EXISTS docs(
    id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, path TEXT, title TEXT, body TEXT,
    year INTEGER, size INTEGER, chars INTEGER, headings INTEGER, figures INTEGER,
    targets INTEGER, line_starts TEXT, targets_json TEXT);
CREATE TABLE IF NOT EXISTS units(
    id INTEGER PRIMARY KEY, sha256 TEXT, kind TEXT, start INTEGER, "end" INTEGER, line INTEGER,
    section TEXT, text TEXT, norm TEXT, head TEXT, note_id TEXT, note_sig TEXT, note_path TEXT,
    note_title TEXT, quote_at INTEGER);
CREATE INDEX IF NOT EXISTS units_sha ON units(sha256);
CREATE INDEX IF NOT EXISTS units_note ON units(note_id);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    words, title, tokenize = "unicode61 remove_diacritics 0");
CREATE TABLE IF NOT EXISTS chunks(first INTEGER PRIMARY KEY, last INTEGER NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS grams USING fts5(
    g, content = '', detail = none, columnsize = 0, tokenize = "unicode61 remove_diacritics 0");
"""


MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 32  # words and "quoted phrases"


class QueryError(UserError):
    """A search query over the limits (one line for the user)."""


def check_query(query: str) -> None:
    """Refuse a query no one types, before any work on it: the word index ANDs every word,
    and past some hundreds SQLite refuses the expression."""
    words = len(_split_query(query))
    if words > MAX_QUERY_WORDS:
        raise QueryError(f"query too long: {words:,} words (at most {MAX_QUERY_WORDS})")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long: {len(query):,} characters (at most {MAX_QUERY_CHARS})")


_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」')


def _split_query(query: str) -> list[tuple[str, bool]]:
    """(text, is a phrase) of each word and "quoted phrase" (also “…” and 「…」), as typed."""
    parts: list[tuple[str, bool]] = []
    pos = 0
    for m in _QUOTED.finditer(query):
        parts += [(w, False) for w in query[pos : m.start()].split()]
        phrase = next(g for g in m.groups() if g is not None).strip()
        if phrase:
            parts.append((phrase, True))
        pos = m.end()
    parts += [(w, False) for w in query[pos:].replace('"', " ").split()]
    return parts


def parse_query(query: str) -> list[Term]:
    """Terms of a query: "quoted phrases" (also “…” and 「…」) and whitespace-separated words."""
    return [Term(normalise(text), phrase) for text, phrase in _split_query(query)]


@lru_cache(maxsize=256)
def _cut(text: str) -> tuple[str, ...]:
    return tuple(query_words.cut(text))


def _term_tokens(term: Term) -> list[str]:
    """The precise-mode words of a term that the word table holds (letters or digits)."""
    return [w for w in _cut(term.text) if any(ch.isalnum() for ch in w)]


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _fts_query(terms: Sequence[Term]) -> str | None:
    """The FTS5 expression of a query: each word's words ANDed, each phrase as an FTS5 phrase
    of its search-mode words (see the module docstring); None when a term has no word."""
    parts = []
    for term in terms:  # a word named twice weighs twice in bm25: kept
        if term.phrase:
            toks = [w for w in query_words.cut_for_search(term.text) if any(c.isalnum() for c in w)]
            if not toks:
                return None
            parts.append(_quoted(" ".join(toks)))
        else:
            toks = _term_tokens(term)
            if not toks:
                return None
            parts.append(" AND ".join(_quoted(t) for t in toks))
    return " AND ".join(f"({p})" for p in parts) if parts else None


def _spans(norm: str, terms: Sequence[Term]) -> list[tuple[int, int]]:
    """Where the terms occur in a unit's normalised text (whole term, else its words)."""
    spans: list[tuple[int, int]] = []
    for term in dict.fromkeys(terms):
        needles = [term.text]
        if term.text not in norm and not term.phrase:
            needles = _term_tokens(term)
        for needle in needles:
            i = norm.find(needle)
            while i != -1 and needle:
                spans.append((i, i + len(needle)))
                i = norm.find(needle, i + len(needle))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _focus(norm: str, terms: Sequence[Term]) -> int:
    """Where the snippet should centre: the first match whose window shows the most terms, a
    term counting as often as the query names it. A window [c - 1/3, c + 2/3 of the snippet]
    shows a match (s, e) when it starts within [e - SNIPPET_CHARS, s]: one sweep over the
    matches in the order windows start, so a long query costs its matches, not their square."""
    weight = Counter(terms)
    spans = [(s, e, k) for k, t in enumerate(weight) for s, e in _spans(norm, [t])]
    candidates = sorted(s for s, _, _ in spans)
    fits = [sp for sp in spans if sp[1] - sp[0] <= SNIPPET_CHARS]  # others fit no window
    enter = sorted(fits, key=lambda sp: sp[1] - SNIPPET_CHARS)
    leave = sorted(fits)
    weights = list(weight.values())
    shown_spans = [0] * len(weights)  # per term: its matches inside the current window
    count = 0
    i = j = 0
    best, best_count = 0, -1
    for c in candidates:
        lo = c - SNIPPET_CHARS // 3
        while i < len(enter) and enter[i][1] - SNIPPET_CHARS <= lo:
            k = enter[i][2]
            shown_spans[k] += 1
            count += weights[k] if shown_spans[k] == 1 else 0
            i += 1
        while j < len(leave) and leave[j][0] < lo:
            k = leave[j][2]
            shown_spans[k] -= 1
            count -= weights[k] if shown_spans[k] == 0 else 0
            j += 1
        if count > best_count:
            best, best_count = c, count
    return best


# The sources whose code shapes a stored row, relative to the package: the text (decoding and
# the converters), the outline and figure rules, the plan metadata, the targets, the
# normalisation, the segmentation and the rows themselves. tests/test_search_index.py checks
# that every module indexing imports is here or named there as storing nothing. A digest of the
# code itself rather than a constant to bump: no rule change can leave stale counts and sections
# behind, at the price of a re-index after an edit of a comment in one of these files.
ROW_SOURCES = (
    "core/analysis.py",
    "core/charmap.py",
    "core/decode.py",
    "core/document.py",
    "core/figures*.py",
    "core/lazy_re.py",
    "core/numerals.py",
    "core/outline*.py",
    "core/overrides.py",
    "core/planmeta.py",
    "core/textnorm.py",
    "formats/*.py",
    "library/index_rows.py",
    "library/segment.py",
    "library/targets*.py",
)
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def rules_version() -> str:
    """What the stored rows depend on: the code that computes them and the data it reads
    (the segmenter's dictionary, OpenCC's tables, Python's Unicode database). When it changes,
    the stored plans must be read again. (The modules' own RULES_VERSION constants are covered
    by the code digest; they stay in the key so that bumping one still works.)"""
    meta, targets, norm = (
        _rules_constant(m) for m in ("core.planmeta", "library.targets", "core.textnorm")
    )
    return f"code{_code_digest(_PACKAGE_ROOT)}.meta{meta}.targets{targets}.norm{norm}." + (
        _data_versions()
    )


def _rules_constant(module: str) -> object:
    """A module's RULES_VERSION, without importing it for that (targets would bring the whole
    analysis into a command that only searches): from the module when loaded, else from its
    source (the digest reads it anyway), else by importing it (no sources: a frozen build)."""
    import importlib

    name = f"zoneplan_tui.{module}"
    loaded = sys.modules.get(name)
    if loaded is None:
        source = _PACKAGE_ROOT.joinpath(*module.split(".")).with_suffix(".py")
        try:
            m = re.search(r"^RULES_VERSION = (\d+)", source.read_text("utf-8"), re.M)
        except OSError:
            m = None
        if m is not None:
            return int(m[1])
        loaded = importlib.import_module(name)
    return getattr(loaded, "RULES_VERSION", None)


@cache
def _code_digest(root: Path) -> str:
    """A digest of the `ROW_SOURCES` under `root` (about a millisecond, once per process)."""
    import zlib  # not hashlib: its OpenSSL costs a search command ~10 ms to load

    files = sorted({f for pattern in ROW_SOURCES for f in root.glob(pattern)})
    crc, adler = 0, 1
    try:
        if not files:
            raise OSError("no sources")
        for f in files:
            data = f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0"
            crc, adler = zlib.crc32(data, crc), zlib.adler32(data, adler)
    except OSError:  # no sources to read (a frozen build): take every release to change them
        return "release" + _version("zoneplan")
    return f"{crc:08x}{adler:08x}"


@cache
def _data_versions() -> str:
    import unicodedata

    opencc = _version("opencc")
    # FTS5's tokenizer (its Unicode tables) comes with the SQLite library: an index built
    # with one SQLite is read again with another (library/sqlite.py picks it).
    return (
        f"rjieba{_version('rjieba')}.opencc{opencc}.unicode{unicodedata.unidata_version}"
        f".sqlite{sqlite3.sqlite_version}"
    )


def _version(dist: str) -> str:
    from zoneplan_tui.library.query_words import installed_version

    return installed_version(dist)


def _create_tables(con: sqlite3.Connection) -> None:
    # Statement by statement: executescript would commit the caller's transaction first.
    for statement in _DDL.split(";"):
        if statement.strip():
            con.execute(statement)
    _tune_new_tables(con)  # every index's tables are created here (`_check_rules`)


def _check_rules(con: sqlite3.Connection) -> None:
    """Forget every plan (not the file) when the rules changed: the next update re-reads all."""
    want = rules_version()
    row = con.execute("SELECT value FROM meta WHERE key='rules'").fetchone()
    if row is not None and row[0] == want:
        return
    con.execute("BEGIN IMMEDIATE")  # take the write lock first: see _retry_while_busy
    row = con.execute("SELECT value FROM meta WHERE key='rules'").fetchone()
    if row is not None and row[0] == want:  # another process did it while we waited
        con.execute("COMMIT")
        return
    for table in ("fts", "grams"):  # dropped whole: deleting row by row reads every row
        con.execute(f"DROP TABLE IF EXISTS {table}")
    for table in ("units", "docs", "files", "chunks"):
        con.execute(f"DELETE FROM {table}")
    _create_tables(con)
    con.execute("INSERT OR REPLACE INTO meta VALUES('rules', ?)", (want,))
    con.execute("COMMIT")


BUSY_TIMEOUT_S = 60.0


def _retry_while_busy(step: Callable[[], None]) -> None:
    # SQLite answers "database is locked" at once, without waiting out the busy timeout, where
    # waiting could deadlock (a journal-mode switch, a read turning into a write): two zoneplans
    # opening a new index together meet exactly that, so wait here instead.
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _set_up(con: sqlite3.Connection, p: Path) -> None:
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.executescript(_DDL)
    row = con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
    if row is None:
        con.execute("INSERT OR IGNORE INTO meta VALUES('schema', ?)", (str(SCHEMA),))
    elif row[0] != str(SCHEMA):
        raise SearchIndexError(f"{p}: an index of another version; delete it to rebuild")
    _check_rules(con)


# Bytes of words and grams FTS5 gathers in memory before writing them out as a segment (its
# default is 1 MiB): fewer, larger segments to merge made the first index of a library a tenth
# faster (grams alone a quarter), for at most this much memory per table. Where each term is
# stored is FTS5's business: what a query finds and its bm25 are the same.
FTS_HASH_BYTES = 16 * 1024 * 1024


def _tune_new_tables(con: sqlite3.Connection) -> None:
    """Settings FTS5 keeps in the index file, written when its tables are created (not on
    every open: an index opened only to search is not written to)."""
    for table in ("fts", "grams"):
        # An SQLite without the setting keeps its default: only slower.
        with contextlib.suppress(sqlite3.OperationalError):
            con.execute(
                f"INSERT INTO {table}({table}, rank) VALUES('hashsize', ?)", (FTS_HASH_BYTES,)
            )


def _connect(p: Path) -> sqlite3.Connection:
    """A connection to a checked, set-up index at `p`. Raises IndexDamaged for a file that is
    damaged or not an SQLite database, SearchIndexError for one that cannot be used."""
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(p, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    except (OSError, sqlite3.DatabaseError) as exc:
        raise SearchIndexError(f"{shown(p)}: cannot open the search index ({exc})") from None
    try:
        index_health.check(con, p)
        _retry_while_busy(lambda: _set_up(con, p))
    except sqlite3.DatabaseError as exc:
        con.close()
        if index_health.is_damage(exc):
            raise index_health.IndexDamaged(str(exc)) from None
        raise SearchIndexError(f"{shown(p)}: not a usable search index ({exc})") from None
    except BaseException:
        con.close()
        raise
    return con


def _remove_older_schemas(p: Path) -> None:
    """Delete the index files of earlier schemas beside the default one: a cache nothing
    reads any more, and at library scale hundreds of MB."""
    for n in range(1, SCHEMA):
        for suffix in ("", "-wal", "-shm"):
            # none (the usual case), or not ours to delete
            with contextlib.suppress(OSError):
                p.with_name(f"search-v{n}.sqlite3{suffix}").unlink()


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _spare_cpus() -> int:
    """The CPUs to read plans on: all of them, unless other processes keep them busy right now,
    when workers only take turns with them and pay for their start-up and for sending their
    rows (measured: a fifth slower at a load of 10 on two CPUs, twice as fast on two idle ones).
    Busy is what the CPUs did in the last quarter second (`_idle_cpus`), not the load average:
    that one lags by a minute, so an index started right after another could still count the
    earlier one's workers and read the whole library in one process."""
    cpus = _cpus()
    idle = _idle_cpus()
    if idle is not None:
        return cpus if idle >= IDLE_FOR_WORKERS else 0
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return cpus
    return cpus if load <= cpus else 0


# Workers when at least this much of a CPU is idle: on two CPUs, one busy with something else
# still leaves the other and a share of the first.
IDLE_FOR_WORKERS = 0.5
IDLE_SAMPLE_S = 0.25


def _idle_cpus(interval: float = IDLE_SAMPLE_S) -> float | None:
    """How many CPUs were idle over `interval` (0.5: half of one), from /proc/stat; None where
    there is no /proc/stat."""

    def ticks() -> tuple[int, int]:
        with open("/proc/stat", "rb") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
        return idle, sum(fields[:8])  # guest time is counted in user already

    try:
        idle0, total0 = ticks()
        time.sleep(interval)
        idle1, total1 = ticks()
    except (OSError, ValueError, IndexError):
        return None
    if total1 <= total0:
        return None
    online = os.cpu_count() or 1  # /proc/stat's first line sums every online CPU
    return online * (idle1 - idle0) / (total1 - total0)


def _read_plans(
    paths: Sequence[str], have: set[str], workers: int | None
) -> Iterator[PlanRows | DocumentError]:
    """`index_rows.read_plan` of each path in order (DocumentErrors as values): in worker
    processes when there are enough plans and spare CPUs, else here. Here, `have` is
    consulted as the plans are read, so a second copy of a plan read earlier is not analysed
    again."""
    from zoneplan_tui.library import index_rows

    if workers is None:
        workers = min(_spare_cpus(), MAX_WORKERS) if len(paths) >= PARALLEL_FROM else 0
        workers = workers if workers > 1 else 0  # one worker would only do what this does
    if workers and paths:
        with index_rows.ReaderPool(min(workers, len(paths)), have) as pool:
            yield from pool.read(paths)
        return
    for path in paths:
        try:
            yield index_rows.read_plan(path, have)
        except DocumentError as exc:
            yield exc


class SearchIndex:
    """The index file. One per thread: a UI indexes in a worker with its own `SearchIndex` on
    the same path while the UI thread searches with another (WAL mode lets readers go on
    during a write; they see the batches committed so far)."""

    def __init__(self, con: sqlite3.Connection, path: Path, notice: str | None = None) -> None:
        self.con = con
        self.path = path
        self._doc_cache: dict[str, tuple[str, str, list[int]] | None] = {}
        # Set when `open` found the file damaged and built a new one: for the user, once.
        self.notice = notice

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> SearchIndex:
        """Open (creating it) the index at `path`, default `default_index_path()`. A damaged
        file is moved aside and a new index started (`notice` says so): see index_health."""
        p = Path(path) if path is not None else default_index_path()
        if not fts5_available():
            raise SearchIndexError("this Python's SQLite has no FTS5; the search index needs it")
        if path is None:
            _remove_older_schemas(p)
        try:
            return cls(_connect(p), p)
        except index_health.IndexDamaged as exc:
            notice = index_health.rebuilt_notice(p, exc.reason, index_health.move_aside(p))
        try:
            return cls(_connect(p), p, notice)
        except index_health.IndexDamaged as exc:
            raise SearchIndexError(f"{shown(p)}: a new search index is damaged ({exc})") from None

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- updating ---------------------------------------------------------------------------------

    def update(
        self,
        files: Iterable[str | os.PathLike[str]],
        *,
        prune: Iterable[str | os.PathLike[str]] = (),
        progress: Progress | None = None,
        workers: int | None = None,
    ) -> UpdateReport:
        """Bring the index in line with `files`: index new content, note moves, and drop
        indexed paths under a `prune` folder that are not among `files` (or are gone).

        `progress(done, total, path)` is called after each file. It may raise (a UI's cancel
        button) to stop: the exception propagates, and the plans indexed in batches already
        committed (`COMMIT_EVERY`) stay, so the next update carries on from there.

        `workers`: processes to read plans in (default: one per CPU when there are at least
        `PARALLEL_FROM` plans to read; 0 reads them all in this process)."""
        paths = [os.path.abspath(p) for p in files]
        report = UpdateReport()
        con = self.con
        self._doc_cache.clear()
        # IMMEDIATE: a second zoneplan updating the same index waits here (busy timeout)
        # instead of failing half-way through.
        self._begin()
        reads: Iterator[PlanRows | DocumentError] | None = None
        try:
            known = {
                r[0]: (r[1], r[2], r[3])
                for r in con.execute("SELECT path, sha256, size, mtime_ns FROM files")
            }
            have = {r[0] for r in con.execute("SELECT sha256 FROM docs")}
            states = [self._state(path, known.get(path), have) for path in paths]
            todo = [path for path, state in zip(paths, states, strict=True) if state[0] == "read"]
            reads = _read_plans(todo, have, workers)
            batch = 0
            for n, (path, (what, detail)) in enumerate(zip(paths, states, strict=True), 1):
                if what == "error":
                    report.errors.append(detail)
                elif what == "unchanged":
                    report.unchanged += 1
                else:
                    before = len(report.added)
                    self._store(path, detail, known.get(path), next(reads), have, report)
                    batch += len(report.added) - before
                if batch >= COMMIT_EVERY:
                    con.execute("COMMIT")
                    self._begin()
                    batch = 0
                if progress is not None:
                    progress(n, len(paths), path)
            wanted = set(paths)
            roots = [os.path.join(os.path.abspath(r), "") for r in prune]
            for path in known:
                if path in wanted:
                    continue
                if any(path.startswith(r) for r in roots) or not os.path.exists(path):
                    con.execute("DELETE FROM files WHERE path=?", (path,))
                    report.removed.append(path)
            self._drop_orphans()
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        finally:
            if reads is not None and hasattr(reads, "close"):
                reads.close()  # a pool's workers stop
        if len(report.added) >= PARALLEL_FROM:
            # A library was indexed: from now on queries are cut without loading the segmenter
            # (query_words; once per installation, about a second, next to minutes here).
            query_words.build()
        return report

    def _begin(self) -> None:
        try:
            self.con.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise SearchIndexError(f"{self.path}: {exc} (another zoneplan is indexing?)") from None

    def _state(
        self, path: str, old: tuple[str, int, int] | None, have: set[str]
    ) -> tuple[str, Any]:
        """("error", line), ("unchanged", None) or ("read", its stat) for a file."""
        if not is_utf8(path):  # SQLite keeps text as UTF-8: the name cannot be stored
            return "error", f"{shown(path)}: a file name that is not UTF-8; rename it"
        try:
            st = os.stat(path)
        except OSError as exc:
            return "error", f"{shown(path)}: {exc.strerror or exc}"
        if old is not None and old[1] == st.st_size and old[2] == st.st_mtime_ns and old[0] in have:
            return "unchanged", None
        return "read", st

    def _store(
        self,
        path: str,
        st: os.stat_result,
        old: tuple[str, int, int] | None,
        read: PlanRows | DocumentError,
        have: set[str],
        report: UpdateReport,
    ) -> None:
        if isinstance(read, DocumentError):
            report.errors.append(str(read))
            return
        con = self.con
        sha = read.sha256
        con.execute(
            "INSERT OR REPLACE INTO files VALUES(?,?,?,?)", (path, sha, st.st_size, st.st_mtime_ns)
        )
        if sha not in have and con.execute("SELECT 1 FROM docs WHERE sha256=?", (sha,)).fetchone():
            have.add(sha)  # indexed by another process since this update began
        if sha in have:
            con.execute("UPDATE docs SET path=? WHERE sha256=?", (path, sha))
            if old is None or old[0] != sha:
                report.moved.append(path)
            else:
                report.unchanged += 1
            return
        if read.doc is None:  # known when the worker started, gone since: read it again
            from zoneplan_tui.library.index_rows import read_plan

            try:
                read = read_plan(path)
            except DocumentError as exc:
                report.errors.append(str(exc))
                return
        self._insert(path, st.st_size, read)
        have.add(sha)
        report.added.append(path)

    def _insert(self, path: str, size: int, rows: PlanRows) -> None:
        assert rows.doc is not None
        con = self.con
        title, body, year, *counts = rows.doc
        con.execute(
            "INSERT INTO docs(sha256, path, title, body, year, size, chars, headings, figures, "
            "targets, line_starts, targets_json) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
            (rows.sha256, path, title, body, year, size, *counts),
        )
        first = self._next_unit_id()
        con.executemany(
            'INSERT INTO units(id, sha256, kind, start, "end", line, section, text, norm, head) '
            "VALUES(?,?,'text',?,?,?,?,?,?,?)",
            [(first + i, rows.sha256, *u[:7]) for i, u in enumerate(rows.units)],
        )
        con.executemany(
            "INSERT INTO fts(rowid, words, title) VALUES(?,?,?)",
            [(first + i, u[7], u[8]) for i, u in enumerate(rows.units)],
        )
        con.executemany(
            "INSERT INTO chunks(first, last) VALUES(?,?)",
            [(first + a, first + b) for a, b, _ in rows.chunks],
        )
        con.executemany(
            "INSERT INTO grams(rowid, g) VALUES(?,?)", [(first + a, g) for a, _, g in rows.chunks]
        )

    def _next_unit_id(self) -> int:
        return int(self.con.execute("SELECT COALESCE(MAX(id), 0) FROM units").fetchone()[0]) + 1

    def _forget_units(self, first: int, last: int) -> None:
        """Delete the units with ids `first`..`last` (a plan's, or a note's), their words (the
        word table has them) and their chunks' grams (recomputed from the stored text: no
        segmenter involved)."""
        from zoneplan_tui.library.index_rows import grams

        con = self.con
        for a, b in con.execute(
            "SELECT first, last FROM chunks WHERE first BETWEEN ? AND ?", (first, last)
        ).fetchall():
            norms = [
                r[0]
                for r in con.execute(
                    "SELECT COALESCE(norm, text) FROM units WHERE id BETWEEN ? AND ? ORDER BY id",
                    (a, b),
                )
            ]
            con.execute(
                "INSERT INTO grams(grams, rowid, g) VALUES('delete', ?, ?)", (a, grams(norms))
            )
        con.execute("DELETE FROM chunks WHERE first BETWEEN ? AND ?", (first, last))
        con.execute("DELETE FROM fts WHERE rowid BETWEEN ? AND ?", (first, last))
        con.execute("DELETE FROM units WHERE id BETWEEN ? AND ?", (first, last))

    def _drop_orphans(self) -> None:
        con = self.con
        gone = con.execute(
            "SELECT id, sha256 FROM docs WHERE sha256 NOT IN (SELECT sha256 FROM files)"
        ).fetchall()
        for doc_id, sha in gone:
            span = con.execute(
                "SELECT MIN(id), MAX(id) FROM units WHERE sha256=? AND kind='text'", (sha,)
            ).fetchone()
            if span[0] is not None:  # a plan's blocks have consecutive ids
                self._forget_units(*span)
            con.execute("DELETE FROM docs WHERE id=?", (doc_id,))

    def sync_notes(self, store: NotesStoreProtocol) -> int:
        """Index the notes of `store` (note, quote, tags), replacing changed and deleted ones.
        Returns how many notes were (re)indexed."""
        from zoneplan_tui.library.index_rows import grams, words

        con = self.con
        current = {a.id: a for a in store.all()}
        indexed = {
            nid: (uid, sig)
            # INDEXED BY: SQLite would read every unit (hundreds of MB) to find the notes.
            for uid, nid, sig in con.execute(
                "SELECT id, note_id, note_sig FROM units INDEXED BY units_note "
                "WHERE note_id IS NOT NULL"
            )
        }
        stale = [(uid, nid) for nid, (uid, sig) in indexed.items() if _sig(current.get(nid)) != sig]
        fresh = [a for nid, a in current.items() if indexed.get(nid, (0, None))[1] != _sig(a)]
        if not stale and not fresh:
            return 0
        self._begin()
        try:
            for uid, _nid in stale:
                self._forget_units(uid, uid)
            first = self._next_unit_id()
            for i, a in enumerate(fresh):
                uid = first + i
                text = "\n".join(x for x in (a.note, a.quote, " ".join(a.tags)) if x)
                quote_at = text.find(a.quote) if a.quote else -1
                norm = normalise(text)
                head = normalise(" ".join(a.tags))
                con.execute(
                    'INSERT INTO units(id, sha256, kind, start, "end", line, section, text, '
                    "norm, head, note_id, note_sig, note_path, note_title, quote_at) "
                    "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        uid,
                        a.doc.sha256,
                        "note",
                        a.start,
                        a.end,
                        0,
                        json.dumps(list(a.section)),
                        text,
                        None if norm == text else norm,
                        head,
                        a.id,
                        _sig(a),
                        a.doc.path,
                        a.doc.title,
                        quote_at,
                    ),
                )
                con.execute(
                    "INSERT INTO fts(rowid, words, title) VALUES(?,?,?)",
                    (uid, words(norm), words(head) if head else ""),
                )
                con.execute("INSERT INTO chunks(first, last) VALUES(?,?)", (uid, uid))
                con.execute("INSERT INTO grams(rowid, g) VALUES(?,?)", (uid, grams([norm])))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return len(fresh)

    # -- reading ----------------------------------------------------------------------------------

    def documents(self, shas: Collection[str] | None = None) -> list[IndexedDoc]:
        """The indexed plans (all, or those with these sha256), by path."""
        paths: dict[str, list[str]] = {}
        for path, sha in self.con.execute("SELECT path, sha256 FROM files ORDER BY path"):
            paths.setdefault(sha, []).append(path)
        out = []
        for r in self.con.execute(
            "SELECT sha256, path, title, body, year, size, chars, headings, figures, targets "
            "FROM docs"
        ):
            if shas is not None and r[0] not in shas:
                continue
            out.append(IndexedDoc(r[0], r[1], tuple(paths.get(r[0], ())), *r[2:]))
        out.sort(key=lambda d: d.path)
        return out

    def sha_of(self, path: str | os.PathLike[str]) -> str | None:
        if not is_utf8(path):
            return None  # never indexed: see _state
        row = self.con.execute(
            "SELECT sha256 FROM files WHERE path=?", (os.path.abspath(path),)
        ).fetchone()
        return row[0] if row else None

    def shas_of(self, paths: Iterable[str | os.PathLike[str]]) -> set[str]:
        """The sha256 of those of `paths` that are indexed (one query for them all)."""
        by_path = dict(self.con.execute("SELECT path, sha256 FROM files"))
        return {sha for p in paths if (sha := by_path.get(os.path.abspath(p))) is not None}

    def targets_json(self, sha256: str) -> list[dict[str, Any]]:
        """The targets read at indexing time (`targets.Target.to_json()` dicts)."""
        row = self.con.execute("SELECT targets_json FROM docs WHERE sha256=?", (sha256,)).fetchone()
        return json.loads(row[0]) if row and row[0] else []

    def search(
        self,
        query: str,
        *,
        limit: int = 50,
        docs: Collection[str] | None = None,
        notes: bool = True,
    ) -> list[SearchHit]:
        """Units matching every term of `query`, best (lowest bm25) first. `docs` limits the
        search to plans with those sha256 (notes on other plans are left out too)."""
        check_query(query)
        terms = parse_query(query)
        if not terms or limit <= 0:
            return []
        kinds = ("text", "note") if notes else ("text",)
        fts = _fts_query(terms)
        rows: list[tuple] = []
        if fts is not None:
            rows = self._ranked_rows(fts, terms, limit, docs, kinds)
        if len(rows) < limit:
            # Fewer hits than asked: add the literal occurrences the words missed (a phrase
            # cut differently in its context: 和平 in 他和平安保险), after the ranked ones.
            seen = {r[0] for r in rows}
            extra = [r for r in self._scan_rows(terms, limit, docs, kinds) if r[0] not in seen]
            rows += [(*r[:-1], float(i + 1)) for i, r in enumerate(extra[: limit - len(rows)])]
        return [self._hit(r, terms) for r in rows]

    _COLS = (
        'u.id, u.sha256, u.kind, u.start, u."end", u.line, u.section, u.text, '
        "COALESCE(u.norm, u.text), u.note_id, u.note_path, u.note_title, u.quote_at"
    )

    def _ranked_rows(
        self,
        fts: str,
        terms: Sequence[Term],
        limit: int,
        docs: Collection[str] | None,
        kinds: tuple[str, ...],
    ) -> list[tuple]:
        """The best `limit` units by bm25 that pass the filters (kind, plan, phrase verbatim).
        The word table ranks ids alone, a page at a time, growing fourfold: a unit is read
        only once it ranks, and each page's cost is the ranking of every match (FTS5 has no
        cheaper top-k), so a query costs a few rankings at most. Ties go by id: each page
        starts with the one before it."""
        need = [t.text for t in terms if t.phrase]
        out: list[tuple] = []
        seen, page = 0, max(limit * 2, 100)
        while True:
            ranked = self.con.execute(
                "SELECT rowid, bm25(fts, 1.0, 4.0) AS score FROM fts WHERE fts MATCH ? "
                "ORDER BY score, rowid LIMIT ?",
                (fts, page),
            ).fetchall()
            fresh = ranked[seen:]
            units = self._units([i for i, _ in fresh])
            for i, score in fresh:
                r = units.get(i)
                if r is None or r[2] not in kinds or (docs is not None and r[1] not in docs):
                    continue
                if all(p in r[8] for p in need):
                    out.append((*r, score))
                    if len(out) == limit:
                        return out
            if len(ranked) < page:
                return out
            seen, page = len(ranked), page * 4

    def _units(self, ids: Sequence[int]) -> dict[int, tuple]:
        if not ids:
            return {}
        rows = self.con.execute(
            f"SELECT {self._COLS} FROM units u WHERE u.id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(ids)),),
        )
        return {r[0]: r for r in rows}

    def _scan_rows(
        self,
        terms: Sequence[Term],
        limit: int,
        docs: Collection[str] | None,
        kinds: tuple[str, ...],
    ) -> list[tuple]:
        """Units holding every term verbatim, densest first. Only the chunks whose grams
        include every term's are read (all units when a term has no letter or digit)."""
        from zoneplan_tui.library.index_rows import term_grams

        needles = list(dict.fromkeys(t.text for t in terms))
        where = " AND ".join("instr(COALESCE(u.norm, u.text), ?) > 0" for _ in needles)
        per_term = [term_grams(n) for n in needles]
        if not all(per_term):
            rows = self.con.execute(f"SELECT {self._COLS}, 0.0 FROM units u WHERE {where}", needles)
        else:
            grams = dict.fromkeys(g for gs in per_term for g in gs)
            match = " AND ".join(_quoted(g) + ("*" if prefix else "") for g, prefix in grams)
            chunks = [
                r[0]
                for r in self.con.execute("SELECT rowid FROM grams WHERE grams MATCH ?", (match,))
            ]
            rows = self.con.execute(
                f"SELECT {self._COLS}, 0.0 FROM chunks c JOIN units u "
                "ON u.id BETWEEN c.first AND c.last "
                f"WHERE c.first IN (SELECT value FROM json_each(?)) AND {where}",
                [json.dumps(chunks), *needles],
            )
        found = [r for r in rows if r[2] in kinds and (docs is None or r[1] in docs)]
        # No bm25 without the word index: rank by how often the terms occur, densest first.
        found.sort(key=lambda r: -sum(r[8].count(t.text) for t in terms) / (len(r[8]) + 50))
        return [(*r[:-1], float(i)) for i, r in enumerate(found[:limit])]

    def _doc_info(self, sha: str) -> tuple[str, str, list[int]] | None:
        cache = self._doc_cache
        if sha not in cache:
            row = self.con.execute(
                "SELECT path, title, line_starts FROM docs WHERE sha256=?", (sha,)
            ).fetchone()
            cache[sha] = (row[0], row[1], json.loads(row[2])) if row else None
        return cache[sha]

    def _hit(self, r: tuple, terms: Sequence[Term]) -> SearchHit:
        (_id, sha, kind, start, end, line, section, text, norm) = r[:9]
        note_id, note_path, note_title, quote_at, score = r[9:14]
        spans = _spans(norm, terms)
        info = self._doc_info(sha) if sha else None
        path, title = (info[0], info[1]) if info else (note_path or "", note_title or "")
        focus = _focus(norm, terms) if len(terms) > 1 else (spans[0][0] if spans else 0)
        lo = max(0, min(focus - SNIPPET_CHARS // 3, len(text) - SNIPPET_CHARS))
        hi = min(len(text), lo + SNIPPET_CHARS)
        snippet = text[lo:hi].replace("\n", " ")
        highlights = tuple(
            (max(s, lo) - lo, min(e, hi) - lo) for s, e in spans if s < hi and e > lo
        )
        if kind == "text":
            matches = tuple((start + s, start + e) for s, e in spans)
            first = matches[0][0] if matches else start
        else:
            q = quote_at if quote_at is not None else -1
            qlen = end - start
            matches = tuple(
                (start + s - q, start + e - q) for s, e in spans if q >= 0 and q <= s < q + qlen
            )
            first = start
        if info is not None:
            from bisect import bisect_right

            line = bisect_right(info[2], first)
        return SearchHit(
            kind=kind,
            sha256=sha,
            path=path,
            title=title,
            section=tuple(json.loads(section)),
            start=start,
            end=end,
            line=line,
            snippet=snippet,
            highlights=highlights,
            matches=matches,
            score=float(score),
            note_id=note_id,
        )


def _sig(ann: Any) -> str | None:
    if ann is None:
        return None
    return f"{ann.updated}|{ann.doc.sha256}|{ann.doc.path}"


def target_objects(index: SearchIndex, sha256: str) -> list[Target]:
    """The stored targets of a plan as `targets.Target` objects (figures rebuilt)."""
    from zoneplan_tui.core.figures import Figure
    from zoneplan_tui.library.targets import Target

    out = []
    for t in index.targets_json(sha256):
        value = t["value"]
        fig = Figure(
            t["start"],
            t["end"],
            t["text"],
            t["kind"],
            value,
            t["unit"],
            t["cmp"],
            t["start"],
            t["end"],
            t["line"],
        )
        section = tuple(t["section"])
        year, kind = t.get("year"), t.get("target_kind", "target")
        out.append(
            Target(t["indicator"], t["key"], t["growth"], t["role"], fig, section, year, kind)
        )
    return out


__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_WORDS",
    "IndexedDoc",
    "QueryError",
    "SearchHit",
    "SearchIndex",
    "SearchIndexError",
    "Term",
    "UpdateReport",
    "default_index_path",
    "fts5_available",
    "parse_query",
    "target_objects",
]
