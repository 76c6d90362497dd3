"""A full-text index of many plans and of the notes on them: SQLite FTS5 over jieba words.

    index = SearchIndex.open()                      # user cache dir, or SearchIndex.open(path)
    report = index.update(files, prune=[folder], progress=cb)   # incremental, by content hash
    index.sync_notes(store)                         # note text, quote and tags
    hits = index.search('"营商环境" 招商', limit=50)  # bm25, best first
    index.documents(); index.targets(sha256)        # what was read at indexing time

Units. A plan is indexed in blocks: the lines of one section (heading path) up to `BLOCK_CHARS`,
a heading always starting a new block. A hit gives the plan (sha256 and last known path), the
section path, a snippet and match offsets, both into the snippet (to highlight it) and into
`Document.text` (to jump there). Notes are units of their own (`kind == "note"`).

Words. Text is normalised first (`textnorm.normalise`: Traditional → Simplified, compatibility
ideographs → unified, one character for one, so offsets survive) and cut with
`jieba.cut_for_search` (HMM off, so a phrase is cut the same way in every plan and in the query).
FTS5's unicode61 tokenizer then only splits on the spaces put between words. A query term is
cut with jieba's precise mode, whose words are all among the search-mode words of the same text;
a quoted term ("营商环境") must also occur verbatim in the unit. When the word index finds fewer
hits than asked for, a substring scan of the normalised text (~25 ms for 24 MB of plans) adds
the literal occurrences it missed after the ranked hits, so a word cut differently in its
context (和平 in 他和平安保险) is never lost.

Incremental. `files` remembers (path, size, mtime_ns, sha256); an unchanged stat means no read
at all, a changed stat with the same sha256 (touched, or moved/renamed) means no re-index, and
documents are keyed by sha256 so notes and results follow a renamed file. A document no file
refers to any more is dropped. All writes of one `update` go in one transaction. The index
stores `rules_version()`, a digest of the code that computes a row (outline, figures, targets,
metadata, normalisation, converters) with the versions of the data it reads; when that differs,
every plan is forgotten and the next `update` reads them all again.

jieba is imported lazily (`keywords._jieba`); this module does not import Textual.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zoneplan_tui.core.analysis import Analysis, analyse
from zoneplan_tui.core.document import Document
from zoneplan_tui.core.errors import DocumentError, UserError
from zoneplan_tui.core.planmeta import plan_meta
from zoneplan_tui.core.textnorm import normalise
from zoneplan_tui.formats.load import load_document
from zoneplan_tui.formats.paths import is_utf8, shown
from zoneplan_tui.library import index_health

if TYPE_CHECKING:
    from zoneplan_tui.library.targets import Target
    from zoneplan_tui.notes.protocol import NotesStoreProtocol

SCHEMA = 2
INDEX_FILENAME = f"search-v{SCHEMA}.sqlite3"
BLOCK_CHARS = 400
SNIPPET_CHARS = 80
COMMIT_EVERY = 200  # plans per transaction: few commits, yet a cancel keeps most of the work
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


_DDL = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files(
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER, mtime_ns INTEGER);
CREATE INDEX IF NOT EXISTS files_sha ON files(sha256);
CREATE TABLE IF NOT EXISTS docs(
    sha256 TEXT PRIMARY KEY, path TEXT, title TEXT, body TEXT, year INTEGER, size INTEGER,
    chars INTEGER, headings INTEGER, figures INTEGER, targets INTEGER,
    line_starts TEXT, targets_json TEXT);
CREATE TABLE IF NOT EXISTS units(
    id INTEGER PRIMARY KEY, sha256 TEXT, kind TEXT, start INTEGER, "end" INTEGER, line INTEGER,
    section TEXT, text TEXT, norm TEXT, head TEXT, note_id TEXT, note_sig TEXT, note_path TEXT,
    note_title TEXT, quote_at INTEGER);
CREATE INDEX IF NOT EXISTS units_sha ON units(sha256);
CREATE INDEX IF NOT EXISTS units_note ON units(note_id);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    words, title, content = '', tokenize = "unicode61 remove_diacritics 0");
"""


def _words(norm: str) -> str:
    from zoneplan_tui.library.keywords import _jieba

    jieba = _jieba()
    return " ".join(w for w in jieba.cut_for_search(norm, HMM=False) if not w.isspace())


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


def _term_tokens(term: Term) -> list[str]:
    from zoneplan_tui.library.keywords import _jieba

    jieba = _jieba()
    return [w for w in jieba.cut(term.text, HMM=False) if any(ch.isalnum() for ch in w)]


def _fts_query(terms: Sequence[Term]) -> str | None:
    parts = []
    for term in terms:  # a word named twice weighs twice in bm25: kept
        toks = _term_tokens(term)
        if not toks:
            return None
        parts.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in toks))
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


def _blocks(plan: Analysis) -> Iterable[tuple[int, int, int, tuple[str, ...], str]]:
    """(start, end, first line, section path, title) of each block of a plan."""
    doc, outline = plan.doc, plan.outline
    heading_at = {h.line: h for h in outline.headings}
    start = end = line0 = -1
    sect_idx: int | None = None
    title = ""
    for line in range(1, doc.line_count + 1):
        text = doc.line_text(line)
        s = doc.line_start(line)
        idx = outline.section_index(line)
        if not text.strip():
            continue
        new_section = line in heading_at or idx != sect_idx
        if start >= 0 and (new_section or end - start + len(text) > BLOCK_CHARS):
            yield start, end, line0, plan.section_titles(line0), title
            start = -1
        if start < 0:
            start, line0 = s, line
            title = heading_at[line].title if line in heading_at else ""
            if line == outline.title_line and outline.title:
                title = outline.title
        end = s + len(text)
        sect_idx = idx
    if start >= 0:
        yield start, end, line0, plan.section_titles(line0), title


# The sources whose code shapes a stored row, relative to the package: the text (decoding and
# the converters), the outline and figure rules, the plan metadata, the targets, the
# normalisation. tests/test_search_index.py checks that every module indexing imports is here
# or named there as storing nothing. A digest of the code itself rather than a constant to bump:
# no rule change can leave stale counts and sections behind, at the price of a re-index after
# an edit of a comment in one of these files.
ROW_SOURCES = (
    "core/analysis.py",
    "core/decode.py",
    "core/document.py",
    "core/figures*.py",
    "core/numerals.py",
    "core/outline*.py",
    "core/overrides.py",
    "core/planmeta.py",
    "core/textnorm.py",
    "formats/*.py",
    "library/keywords.py",
    "library/targets*.py",
)
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def rules_version() -> str:
    """What the stored rows depend on: the code that computes them and the data it reads
    (jieba's dictionary, OpenCC's tables, Python's Unicode database). When it changes, the
    stored plans must be read again. (The modules' own RULES_VERSION constants are covered by
    the code digest; they stay in the key so that bumping one still works.)"""
    from zoneplan_tui.core import planmeta, textnorm
    from zoneplan_tui.library import targets

    return (
        f"code{_code_digest(_PACKAGE_ROOT)}.meta{planmeta.RULES_VERSION}."
        f"targets{targets.RULES_VERSION}.norm{textnorm.RULES_VERSION}.{_data_versions()}"
    )


@cache
def _code_digest(root: Path) -> str:
    """A digest of the `ROW_SOURCES` under `root` and of this module's functions that build a
    row (about a millisecond, once per process)."""
    files = sorted({f for pattern in ROW_SOURCES for f in root.glob(pattern)})
    h = hashlib.sha256()
    try:
        if not files:
            raise OSError("no sources")
        for f in files:
            h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
        own = Path(__file__).read_text(encoding="utf-8").split("\n")
    except OSError:  # no sources to read (a frozen build): take every release to change them
        return "release" + _version("zoneplan")
    for fn in (_blocks, _words, SearchIndex._index_doc):
        # the function's lines, first to last that runs (inspect.getsource costs ten times more)
        code = fn.__code__
        last = max(line for *_, line in code.co_lines() if line is not None)
        h.update("\n".join(own[code.co_firstlineno - 1 : last]).encode() + b"\0")
    h.update(f"{BLOCK_CHARS}".encode())
    return h.hexdigest()[:16]


@cache
def _data_versions() -> str:
    import unicodedata

    opencc = _version("opencc-python-reimplemented")
    return f"jieba{_version('jieba')}.opencc{opencc}.unicode{unicodedata.unidata_version}"


def _version(dist: str) -> str:
    import importlib.metadata as md

    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return "?"


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
    con.execute("INSERT INTO fts(fts) VALUES('delete-all')")
    for table in ("units", "docs", "files"):
        con.execute(f"DELETE FROM {table}")
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
    ) -> UpdateReport:
        """Bring the index in line with `files`: index new content, note moves, and drop
        indexed paths under a `prune` folder that are not among `files` (or are gone).

        `progress(done, total, path)` is called after each file. It may raise (a UI's cancel
        button) to stop: the exception propagates, and the plans indexed in batches already
        committed (`COMMIT_EVERY`) stay, so the next update carries on from there."""
        paths = [os.path.abspath(p) for p in files]
        report = UpdateReport()
        con = self.con
        self._doc_cache.clear()
        # IMMEDIATE: a second zoneplan updating the same index waits here (busy timeout)
        # instead of failing half-way through.
        self._begin()
        known = {
            r[0]: (r[1], r[2], r[3])
            for r in con.execute("SELECT path, sha256, size, mtime_ns FROM files")
        }
        have = {r[0] for r in con.execute("SELECT sha256 FROM docs")}
        try:
            batch = 0
            for n, path in enumerate(paths, 1):
                before = len(report.added)
                self._update_one(path, known.get(path), have, report)
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
        return report

    def _begin(self) -> None:
        try:
            self.con.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise SearchIndexError(f"{self.path}: {exc} (another zoneplan is indexing?)") from None

    def _update_one(
        self,
        path: str,
        old: tuple[str, int, int] | None,
        have: set[str],
        report: UpdateReport,
    ) -> None:
        if not is_utf8(path):  # SQLite keeps text as UTF-8: the name cannot be stored
            report.errors.append(f"{shown(path)}: a file name that is not UTF-8; rename it")
            return
        try:
            st = os.stat(path)
        except OSError as exc:
            report.errors.append(f"{shown(path)}: {exc.strerror or exc}")
            return
        if old is not None and old[1] == st.st_size and old[2] == st.st_mtime_ns and old[0] in have:
            report.unchanged += 1
            return
        try:
            doc = load_document(path)
        except DocumentError as exc:
            report.errors.append(str(exc))
            return
        self.con.execute(
            "INSERT OR REPLACE INTO files VALUES(?,?,?,?)",
            (path, doc.sha256, st.st_size, st.st_mtime_ns),
        )
        if (
            doc.sha256 not in have
            and self.con.execute("SELECT 1 FROM docs WHERE sha256=?", (doc.sha256,)).fetchone()
        ):
            have.add(doc.sha256)  # indexed by another process since this update began
        if doc.sha256 in have:
            self.con.execute("UPDATE docs SET path=? WHERE sha256=?", (path, doc.sha256))
            if old is None or old[0] != doc.sha256:
                report.moved.append(path)
            else:
                report.unchanged += 1
            return
        self._index_doc(doc, st.st_size)
        have.add(doc.sha256)
        report.added.append(path)

    def _index_doc(self, doc: Document, size: int) -> None:
        from zoneplan_tui.library.targets import plan_targets

        plan = analyse(doc)
        meta = plan_meta(doc, plan.outline)
        targets = plan_targets(plan)
        con = self.con
        con.execute(
            "INSERT OR REPLACE INTO docs VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc.sha256,
                str(doc.path),
                meta.title,
                meta.body,
                meta.year,
                size,
                len(doc.text),
                len(plan.outline.headings),
                len(plan.figures),
                len(plan.targets),
                json.dumps(doc.line_starts, separators=(",", ":")),
                json.dumps([t.to_json() for t in targets], ensure_ascii=False),
            ),
        )
        first = con.execute("SELECT COALESCE(MAX(id), 0) FROM units").fetchone()[0] + 1
        units = []
        fts = []
        for i, (start, end, line, section, title) in enumerate(_blocks(plan)):
            text = doc.text[start:end]
            norm = normalise(text)
            head = normalise(title)
            # The normalised text only where it differs: most Simplified text is its own.
            units.append(
                (first + i, doc.sha256, "text", start, end, line, json.dumps(section), text,
                 None if norm == text else norm, head)
            )  # fmt: skip
            fts.append((first + i, _words(norm), _words(head) if head else ""))
        con.executemany(
            'INSERT INTO units(id, sha256, kind, start, "end", line, section, text, norm, head) '
            "VALUES(?,?,?,?,?,?,?,?,?,?)",
            units,
        )
        con.executemany("INSERT INTO fts(rowid, words, title) VALUES(?,?,?)", fts)

    def _delete_units(self, where: str, args: tuple) -> None:
        """Delete units and their words. The word table is contentless (it would otherwise
        hold a second copy of every plan): FTS5 removes a row given the values it indexed, and
        those are recomputed here, the same way (jieba without HMM is deterministic)."""
        con = self.con
        rows = con.execute(
            f"SELECT id, COALESCE(norm, text), head FROM units WHERE {where}", args
        ).fetchall()
        con.executemany(
            "INSERT INTO fts(fts, rowid, words, title) VALUES('delete', ?, ?, ?)",
            [(i, _words(norm), _words(head) if head else "") for i, norm, head in rows],
        )
        con.execute(f"DELETE FROM units WHERE {where}", args)

    def _drop_orphans(self) -> None:
        con = self.con
        gone = [
            r[0]
            for r in con.execute(
                "SELECT sha256 FROM docs WHERE sha256 NOT IN (SELECT sha256 FROM files)"
            )
        ]
        for sha in gone:
            self._delete_units("sha256=? AND kind='text'", (sha,))
            con.execute("DELETE FROM docs WHERE sha256=?", (sha,))

    def sync_notes(self, store: NotesStoreProtocol) -> int:
        """Index the notes of `store` (note, quote, tags), replacing changed and deleted ones.
        Returns how many notes were (re)indexed."""
        con = self.con
        current = {a.id: a for a in store.all()}
        indexed = dict(con.execute("SELECT note_id, note_sig FROM units WHERE kind='note'"))
        stale = [nid for nid, sig in indexed.items() if _sig(current.get(nid)) != sig]
        fresh = [a for nid, a in current.items() if indexed.get(nid) != _sig(a)]
        if not stale and not fresh:
            return 0
        self._begin()
        try:
            for nid in stale:
                self._delete_units("note_id=?", (nid,))
            first = con.execute("SELECT COALESCE(MAX(id), 0) FROM units").fetchone()[0] + 1
            for i, a in enumerate(fresh):
                text = "\n".join(x for x in (a.note, a.quote, " ".join(a.tags)) if x)
                quote_at = text.find(a.quote) if a.quote else -1
                norm = normalise(text)
                head = normalise(" ".join(a.tags))
                con.execute(
                    'INSERT INTO units(id, sha256, kind, start, "end", line, section, text, '
                    "norm, head, note_id, note_sig, note_path, note_title, quote_at) "
                    "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        first + i,
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
                    (first + i, _words(norm), _words(head) if head else ""),
                )
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
            return None  # never indexed: see _update_one
        row = self.con.execute(
            "SELECT sha256 FROM files WHERE path=?", (os.path.abspath(path),)
        ).fetchone()
        return row[0] if row else None

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
            rows = self._fts_rows(fts, terms, limit, docs, kinds)
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

    def _fts_rows(
        self,
        fts: str,
        terms: Sequence[Term],
        limit: int,
        docs: Collection[str] | None,
        kinds: tuple[str, ...],
    ) -> list[tuple]:
        need = [t.text for t in terms if t.phrase]
        out: list[tuple] = []
        offset, page = 0, max(limit * 4, 200)
        while len(out) < limit:
            batch = self.con.execute(
                f"SELECT {self._COLS}, bm25(fts, 1.0, 4.0) AS score FROM fts "
                "JOIN units u ON u.id = fts.rowid WHERE fts MATCH ? "
                "ORDER BY score LIMIT ? OFFSET ?",
                (fts, page, offset),
            ).fetchall()
            for r in batch:
                if r[2] not in kinds or (docs is not None and r[1] not in docs):
                    continue
                if all(p in r[8] for p in need):
                    out.append(r)
            if len(batch) < page:
                break
            offset += page
        return out[:limit]

    def _scan_rows(
        self,
        terms: Sequence[Term],
        limit: int,
        docs: Collection[str] | None,
        kinds: tuple[str, ...],
    ) -> list[tuple]:
        needles = list(dict.fromkeys(t.text for t in terms))
        where = " AND ".join("instr(COALESCE(u.norm, u.text), ?) > 0" for _ in needles)
        rows = self.con.execute(
            f"SELECT {self._COLS}, 0.0 FROM units u WHERE {where}", needles
        ).fetchall()
        rows = [r for r in rows if r[2] in kinds and (docs is None or r[1] in docs)]
        # No bm25 without the word index: rank by how often the terms occur, densest first.
        rows.sort(key=lambda r: -sum(r[8].count(t.text) for t in terms) / (len(r[8]) + 50))
        return [(*r[:-1], float(i)) for i, r in enumerate(rows[:limit])]

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
