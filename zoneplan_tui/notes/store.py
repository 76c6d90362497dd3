"""`NotesStore`: notes, tags and per-document state in one TinyDB file, safe across processes.

Pure core: no Textual. The store is built in layers (docs/notes-store.md):

* `atomic.py` - atomic replace, backup generations, the inter-process lock (plain functions);
* `journal.py` - `<db>.journal`: saves of a few records appended beside the file, replayed by
  every reader, folded into the file by the next rewrite;
* `storage.py` - the TinyDB `Storage` for the notes file and the `ReloadingCache` middleware;
* `tables.py` - the TinyDB tables of one loaded version of the file, records ↔ annotations;
* here - the operations. Each write is one `with self.transaction() as db:` (lock held, the file
  re-read if another process saved, one save at the end - an append to the journal or an
  atomic rewrite - and one backup decision); each read
  re-validates the cached file with a stat first, so a long-running app sees other processes'
  saves.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb import where
from tinydb.table import Document

from zoneplan_tui.notes.annotations import (
    Annotation,
    AnnotationError,
    DocRef,
    normalise_tag,
    now_iso,
)
from zoneplan_tui.notes.atomic import (
    backup_files,
    backup_path,
    hold_lock,
    hold_lock_once,
    lock_path,
    remove_stale_temp_files,
    restore_file,
    rotate_backups,
)
from zoneplan_tui.notes.corrections import Correction
from zoneplan_tui.notes.errors import (
    CorruptStoreError,
    NoteNotFoundError,
    ReadOnlyStoreError,
    StoreError,
    StoreLockedError,
    one_line,
    os_reason,
)
from zoneplan_tui.notes.journal import NEW_NOTE, Op, journal_path
from zoneplan_tui.notes.storage import (
    CORRECTIONS,
    META_ID,
    NOTES,
    NotesFileStorage,
    ReloadingCache,
)
from zoneplan_tui.notes.tables import NotesTables, record

if TYPE_CHECKING:
    from filelock import FileLock

DB_FILENAME = "notes.json"
ENV_VAR = "ZONEPLAN_DB"

BACKUP_GENERATIONS = 3
# Backups are hard links to superseded versions, so a rotation costs next to nothing; they are
# still spaced out in time (and forced before bulk changes) so that three generations reach back
# further than the last three keystrokes.
BACKUP_INTERVAL_S = 10 * 60
LOCK_TIMEOUT_S = 10.0
# A save that changed at most this many records appends them to the journal (<db>.journal)
# instead of rewriting the file; bulk changes rewrite it. The journal is folded into the file
# once it outgrows a share of it, so a reader never replays more than a fraction of a parse and
# the rewrite's cost, spread over the appends that filled the journal, stays per note.
JOURNAL_MAX_RECORDS = 64
JOURNAL_MIN_BYTES = 256 * 1024
JOURNAL_SHARE = 4  # the journal may grow to 1/JOURNAL_SHARE of the file


# ----------------------------------------------------------------------------------------------
# Paths
# ----------------------------------------------------------------------------------------------


def default_db_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("zoneplan")) / DB_FILENAME


def resolve_db_path(path: str | os.PathLike[str] | None = None) -> Path:
    """`--db PATH` first, then $ZONEPLAN_DB, then the user data directory."""
    if path is None or str(path) == "":
        env = os.environ.get(ENV_VAR, "").strip()
        chosen = Path(env) if env else default_db_path()
    else:
        chosen = Path(path)
    return Path(os.path.abspath(chosen.expanduser()))


def norm_path(path: str | os.PathLike[str]) -> str:
    """Comparable form of a document path (absolute, case-folded where the OS folds case)."""
    return os.path.normcase(os.path.abspath(os.path.expanduser(os.fspath(path))))


# ----------------------------------------------------------------------------------------------
# Results
# ----------------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    older: list[str] = field(default_factory=list)  # skipped: the stored copy is newer
    # One line per note id whose copies differ and one of them was not kept: the same id twice
    # in the import, or a stored copy newer than the imported one.
    conflicts: list[str] = field(default_factory=list)
    # One line per note whose time was in the future (taken as the time of the import).
    clamped: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> list[str]:
        return self.unchanged + self.older

    def summary(self) -> str:
        parts = [f"added {len(self.added)}", f"updated {len(self.updated)}"]
        skipped = f"skipped {len(self.skipped)}"
        detail = []
        if self.unchanged:
            detail.append(f"{len(self.unchanged)} unchanged")
        if self.older:
            detail.append(f"{len(self.older)} older than the stored copy")
        if detail:
            skipped += f" ({', '.join(detail)})"
        parts.append(skipped)
        if self.conflicts:
            n = len(self.conflicts)
            parts.append(f"{n} conflict{'s' if n != 1 else ''}")
        return ", ".join(parts)


@dataclass(frozen=True)
class BackupInfo:
    generation: int
    path: Path
    size: int
    modified: float  # POSIX time of the saved version
    notes: int | None  # None if the backup itself cannot be read
    problem: str = ""


_UPDATABLE = frozenset({"note", "tags", "color", "target", "doc"})


def _parse_time(value: str) -> datetime:
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


# ----------------------------------------------------------------------------------------------
# The store
# ----------------------------------------------------------------------------------------------


class NotesStore:
    """Notes, tags and per-document state in one TinyDB file. Thread-safe; process-safe.

    Every write is one atomic, locked save. Reads serve a parsed copy that is re-validated
    against the file (a stat) on each call, so a long-running app sees other processes' saves.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        read_only: bool = False,
        lock_timeout: float = LOCK_TIMEOUT_S,
        backups: int = BACKUP_GENERATIONS,
        backup_interval: float = BACKUP_INTERVAL_S,
    ) -> None:
        self.path = resolve_db_path(path)
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self.backups = backups
        self.backup_interval = backup_interval
        self.problems: list[str] = []  # malformed records seen in the last read (never deleted)
        self.warnings: list[str] = []  # non-fatal trouble, e.g. a backup that could not be made
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a directory, not a notes file")
        # The storage is built by the middleware, TinyDB's way; keep a typed handle on it too.
        file = NotesFileStorage(self.path, read_only=read_only)
        self._file = file
        self._cache = ReloadingCache(lambda: file)
        self._cache()
        self._tables: NotesTables | None = None
        self._lock_obj: FileLock | None = None  # made when first needed: see _lock
        self._lock_made = threading.Lock()
        # Threads sharing the store take turns; the file lock does the same between processes.
        self._mutex = threading.RLock()
        self._in_transaction = False
        self._backup_requested = False
        with self._mutex:
            self._cache.read()  # parse now: a corrupt file is reported at open, not later
        if not read_only:
            remove_stale_temp_files(self.path, self._lock)

    @property
    def _lock(self) -> FileLock:
        """The inter-process lock, made on first use: importing filelock costs a command that
        only reads the notes (`zoneplan search`) some 20 ms."""
        with self._lock_made:
            if self._lock_obj is None:
                from filelock import FileLock

                self._lock_obj = FileLock(str(lock_path(self.path)))
            return self._lock_obj

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, **options: Any) -> NotesStore:
        """Open (or prepare to create) the database at `path` / $ZONEPLAN_DB / the default."""
        return cls(path, **options)

    @classmethod
    def open_read_only(cls, path: str | os.PathLike[str] | None = None) -> NotesStore:
        """Open without the lock and without ever writing: for read-only media, a backup file, or
        a file with damaged record ids (those records are skipped). Invalid JSON still raises."""
        return cls(path, read_only=True)

    def __enter__(self) -> NotesStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._mutex:
            self._cache.close()

    def __repr__(self) -> str:
        return f"NotesStore({str(self.path)!r}{', read_only=True' if self.read_only else ''})"

    # -- reading and writing the tables ----------------------------------------------------------

    def _current_tables(self) -> NotesTables:
        """The tables over the cached file; new ones whenever the cache loaded another version."""
        if self._tables is None or self._tables.generation != self._cache.generation:
            self._tables = NotesTables(self._cache, self.path)
            self.problems = self._tables.problems
        return self._tables

    @contextmanager
    def _reading(self) -> Iterator[NotesTables]:
        with self._mutex:
            self._cache.refresh()
            yield self._current_tables()

    @contextmanager
    def transaction(self, *, backup: bool = False) -> Iterator[NotesTables]:
        """Hold the lock, re-read the file if another process saved, run the body, save once.

        Everything the body writes, to any table, is one atomic save at the end (none if it wrote
        nothing); if the body raises, its changes are dropped and the file is left as it was.
        `backup=True` rotates a backup before the save (bulk changes). Does not nest.
        """
        if self.read_only:
            raise ReadOnlyStoreError(f"{self.path}: opened read-only; notes cannot be changed")
        with self._mutex:
            if self._in_transaction:
                raise RuntimeError("NotesStore transactions do not nest")
            self._in_transaction = True
            forced = backup or self._backup_requested
            self._backup_requested = False
            try:
                with hold_lock(self._lock, self.path, self.lock_timeout):
                    self._cache.refresh()
                    db = self._current_tables()
                    self._compact_before_backup(db, forced=forced)
                    try:
                        yield db
                        self._save(db, forced_backup=forced)
                    except BaseException:
                        if self._cache.dirty:
                            self._cache.discard()
                        raise
            finally:
                self._in_transaction = False

    def _compact_before_backup(self, db: NotesTables, *, forced: bool) -> None:
        """A backup is the file being replaced; with a journal beside it, that file alone would
        lack the journal's changes. So when this transaction's save may rotate a backup, fold
        the journal into the file first (it is then what the backup keeps)."""
        if self._file.journal_size and self._backup_due(
            db.meta_record(), forced=forced or self._file.upgrading
        ):
            self._cache.rewrite()

    def _journal_has_room(self) -> bool:
        return self._file.journal_size < _journal_limit(self._file.base_size)

    def _save(self, db: NotesTables, *, forced_backup: bool) -> None:
        """Save what the transaction wrote: appended to the journal when it is a few records,
        else the file rewritten, rotating backups first if one is due. The one place that
        decides about backups."""
        if not self._cache.dirty:
            return
        rotate = self._backup_due(db.meta_record(), forced=forced_backup or self._file.upgrading)
        if not rotate and self._cache.can_append(JOURNAL_MAX_RECORDS) and self._journal_has_room():
            self._cache.flush(append=True)
            return
        if rotate:
            # In the meta record, so that every process agrees when the last backup was made.
            db.meta.upsert(Document({"last_backup": now_iso()}, doc_id=int(META_ID)))
        self._cache.flush(before_replace=self._rotate_backups if rotate else None)

    def _backup_due(self, meta: Mapping[str, Any], *, forced: bool) -> bool:
        if self.backups <= 0 or not self.path.exists():
            return False  # the first save of a new file has nothing to back up
        if forced or not backup_path(self.path, 1).exists():
            return True
        last = meta.get("last_backup")
        if not isinstance(last, str):
            return True
        age = (datetime.now(UTC) - _parse_time(last)).total_seconds()
        return age >= self.backup_interval or age < 0

    def _rotate_backups(self) -> None:
        try:
            rotate_backups(self.path, self.backups)
        except OSError as exc:
            # A missing backup must not stop the save itself; say so and carry on.
            self.warnings.append(f"could not rotate backups of {self.path}: {os_reason(exc)}")

    def compact(self) -> bool:
        """Fold the journal into the file (one rewrite), e.g. before reading the file with plain
        TinyDB or copying it without its journal. True if there was a journal to fold in."""
        with self.transaction() as db:
            del db
            if self._file.journal_version is None:
                return False
            self._cache.rewrite()
            return True

    def start_journal(self) -> bool:
        """After a save that rewrote the file (no journal beside it now), start its journal with
        a line that names the file: the next `add_unread` (`zoneplan notes add`) then appends
        without parsing the file, instead of reading it whole once more. For one-shot commands
        that know more adds may follow; True if the line was written. Not before the file has
        its first backup: appends rotate none, and the next save through the store makes it."""
        if self.read_only or (self.backups > 0 and not backup_path(self.path, 1).exists()):
            return False
        with self._mutex, hold_lock(self._lock, self.path, self.lock_timeout):
            return self._file.start_journal()

    def backup_now(self) -> None:
        """Force a backup rotation with the next save (e.g. before a bulk change in the UI)."""
        self._backup_requested = True

    # -- notes: writes ---------------------------------------------------------------------------

    def add(self, ann: Annotation) -> Annotation:
        """Store a new annotation; returns it with tags spelled as the existing tags are."""
        if not isinstance(ann, Annotation):
            raise TypeError("add() takes an Annotation")
        with self.transaction() as db:
            if db.note_key(ann.id) is not None:
                raise StoreError(f"a note with id {ann.id} already exists in {self.path}")
            return db.insert(ann)

    def update(self, note_id: str, **fields: Any) -> Annotation:
        """Change `note`, `tags`, `color`, `target` or `doc` of a note; sets `updated`."""
        unknown = set(fields) - _UPDATABLE
        if unknown:
            raise TypeError(f"update() cannot change {', '.join(sorted(unknown))}")
        if "tags" in fields and isinstance(fields["tags"], str):
            raise StoreError("tags must be a list of names, not one string")
        with self.transaction() as db:
            key = db.require(note_id)
            current = db.current(key)
            try:
                changed = replace(current, **fields)
            except AnnotationError as exc:
                raise StoreError(f"cannot update note {note_id}: {exc}") from None
            if changed == current:
                return current
            return db.replace_note(key, replace(changed, updated=now_iso()))

    def delete(self, note_id: str) -> Annotation:
        """Remove a note and return it (pass it to `restore` to undo)."""
        with self.transaction() as db:
            key = db.require(note_id)
            current = db.current(key)
            db.remove_note(key)
            return current

    def restore(self, ann: Annotation) -> Annotation:
        """Put an annotation back exactly as given (id and timestamps kept): undo of a delete, or
        of an update when given the earlier version."""
        with self.transaction() as db:
            key = db.note_key(ann.id)
            if key is None:
                return db.insert(ann)
            try:
                db.current(key)
                readable = True
            except StoreError:
                readable = False  # its tag ids cannot be trusted: keep the tags they name
            return db.replace_note(key, ann, prune_old_tags=readable)

    def import_annotations(
        self, anns: Iterable[Annotation], *, now: datetime | None = None
    ) -> ImportReport:
        """Merge annotations by id in one save: new ids are added; a known id is updated when the
        import is at least as recent (`updated`) and differs, otherwise skipped.

        The newer copy wins, by a sane clock: a time more than FUTURE_SKEW ahead of `now` (the
        clock, by default) is taken as `now` and reported (`clamped`), or a note dated 2999 would
        win every later correction. The same id twice in one import with different contents is
        a conflict: the newer copy is kept (the later one on a tie) and the conflict reported
        per note (`conflicts`), as is an imported copy older than the stored one, which is
        skipped. The same id twice with the same contents is simply one note.

        Bulk by design: one TinyDB insert and one update for the lot, so importing 50,000 notes
        costs one pass over the table, not one per note.
        """
        report = ImportReport()
        clock = now or datetime.now(UTC)
        anns, clamped = _clamp_future(anns, clock, report)
        anns = _one_per_id(anns, report)
        with self.transaction(backup=bool(anns)) as db:
            added: dict[str, dict[str, Any]] = {}
            changed: dict[str, dict[str, Any]] = {}  # note id → new record
            changed_doc_ids: list[int] = []
            prune: set[int] = set()
            for ann in anns:
                key = db.note_key(ann.id)
                if key is None:
                    added[ann.id] = record(ann, db.tag_ids_for(ann.tags)[0])
                    report.added.append(ann.id)
                    continue
                try:
                    current: Annotation | None = db.current(key)
                except StoreError:
                    current = None  # a malformed record is replaced by a good copy
                if current is not None and (
                    _same(current, ann)
                    # A clamped time is the import's own: the same note imported again is
                    # unchanged, not newer.
                    or (ann.id in clamped and _same(current, _times_of(ann, current)))
                ):
                    report.unchanged.append(ann.id)
                elif current is None or _parse_time(ann.updated) >= _parse_time(current.updated):
                    if current is not None:
                        prune.update(db.tag_ids_of(db.records(NOTES)[key]))
                    changed[ann.id] = record(ann, db.tag_ids_for(ann.tags)[0])
                    changed_doc_ids.append(int(key))
                    report.updated.append(ann.id)
                else:
                    report.older.append(ann.id)
                    report.conflicts.append(
                        f"note {ann.id}: the stored copy (updated {current.updated}) is newer "
                        f"than the imported one (updated {ann.updated}); kept the stored one"
                    )
            if changed:

                def apply(doc: Any) -> None:
                    doc.update(changed[doc["id"]])

                db.notes.update(apply, doc_ids=changed_doc_ids)
                db.annotations = None
            if added:
                db.insert_many(list(added.values()))
            db.prune_tags(prune)
        return report

    # -- notes: reads ----------------------------------------------------------------------------

    def get(self, note_id: str) -> Annotation | None:
        with self._reading() as db:
            key = db.note_key(note_id)
            if key is None:
                return None
            found = db.convert([(key, db.records(NOTES)[key])])
            return found[0] if found else None

    def for_document(
        self, sha256: str, path: str | os.PathLike[str] | None = None
    ) -> list[Annotation]:
        """Notes on a document: those made on this exact text (sha256), plus, when `path` is
        given, those made on an earlier version of the file at that path. In text order."""
        want_path = norm_path(path) if path is not None else None
        same_path: dict[str, bool] = {}  # a few distinct paths among thousands of notes
        with self._reading() as db:
            picked: list[tuple[str, Any]] = []
            for key, rec in db.records(NOTES).items():
                doc = rec.get("doc") if isinstance(rec, dict) else None
                if not isinstance(doc, dict):
                    continue
                if doc.get("sha256") == sha256 and sha256:
                    picked.append((key, rec))
                elif want_path is not None and isinstance(doc.get("path"), str):
                    hit = same_path.get(doc["path"])
                    if hit is None:
                        try:
                            hit = norm_path(doc["path"]) == want_path
                        except (ValueError, OSError):
                            hit = False
                        same_path[doc["path"]] = hit
                    if hit:
                        picked.append((key, rec))
            anns = db.convert(picked)
        anns.sort(key=lambda a: (a.target.start, a.created))
        return anns

    def all(self) -> list[Annotation]:
        """Every readable note, by document path then position. Malformed ones go to `problems`."""
        with self._reading() as db:
            if db.annotations is None:
                anns = db.convert(db.records(NOTES).items())
                anns.sort(key=lambda a: (a.doc.path, a.target.start, a.created))
                db.annotations = anns
            return list(db.annotations)

    def __len__(self) -> int:
        with self._reading() as db:
            return len(db.records(NOTES))

    def search(self, text: str | None = None, tag: str | None = None) -> list[Annotation]:
        """Notes whose note, quote, title or tags contain `text` (case- and width-insensitive)
        and/or that carry `tag`."""
        needle = normalise_tag(text) if text else None
        want_tag = normalise_tag(tag) if tag else None
        out = []
        for ann in self.all():  # all() hands out a private list: no lock needed below
            if want_tag is not None and want_tag not in {normalise_tag(t) for t in ann.tags}:
                continue
            if needle is not None:
                hay = "\n".join((ann.note, ann.target.quote, ann.doc.title, *ann.tags))
                if needle not in normalise_tag(hay):
                    continue
            out.append(ann)
        return out

    # -- tags ------------------------------------------------------------------------------------

    def tags_with_counts(self) -> list[tuple[str, int]]:
        """(tag, number of notes) for every tag, most used first."""
        with self._reading() as db:
            names = db.tag_names()
            counts = dict.fromkeys(names, 0)
            for rec in db.records(NOTES).values():
                if isinstance(rec, dict) and isinstance(rec.get("tags"), list):
                    for tag_id in set(rec["tags"]):
                        key = str(tag_id)
                        if key in counts:
                            counts[key] += 1
            pairs = [(names[k], n) for k, n in counts.items()]
        pairs.sort(key=lambda p: (-p[1], normalise_tag(p[0]), p[0]))
        return pairs

    def rename_tag(self, old: str, new: str) -> None:
        """Rename a tag everywhere (one record changes: notes refer to tags by id)."""
        if not normalise_tag(new):
            raise StoreError("a tag name must not be empty")
        with self.transaction() as db:
            _rename_tag(db, old, new)

    def merge_tags(self, src: str, dst: str) -> int:
        """Re-point every note tagged `src` to `dst` and drop `src`. Returns notes changed. If
        `dst` does not exist yet this is a rename."""
        if not normalise_tag(dst):
            raise StoreError("a tag name must not be empty")
        with self.transaction(backup=True) as db:
            src_key, _ = db.tag_entry(src)
            dst_hit = db.tags_by_norm().get(normalise_tag(dst))
            if dst_hit is None:
                tagged = len(db.tagged(int(src_key)))
                _rename_tag(db, src, dst)
                return tagged
            if dst_hit[0] == src_key:
                return 0
            s, d = int(src_key), int(dst_hit[0])
            changed = db.retag(s, lambda ids: _dedupe([d if t == s else t for t in ids]), now_iso())
            db.tags.remove(doc_ids=[s])
            db.tags_changed()
            return changed

    def delete_tag(self, name: str) -> int:
        """Remove a tag from every note and from the tag table. Returns notes changed."""
        with self.transaction(backup=True) as db:
            key, _ = db.tag_entry(name)
            t_id = int(key)
            changed = db.retag(t_id, lambda ids: [t for t in ids if t != t_id], now_iso())
            db.tags.remove(doc_ids=[t_id])
            db.tags_changed()
            return changed

    # -- per-document state ----------------------------------------------------------------------

    def get_state(
        self,
        doc_sha: str,
        key: str,
        default: Any = None,
        *,
        path: str | os.PathLike[str] | None = None,
    ) -> Any:
        """A value stored for a document: for this exact text (sha256) first, preferring the same
        path; else, when `path` is given, the latest value stored for that file's earlier text."""
        want_path = norm_path(path) if path is not None else None
        best: tuple[int, str, Any] | None = None
        with self._reading() as db:
            records = [rec for _, rec in db.state_records(key) if "value" in rec]
        for rec in records:
            rec_path = rec.get("path")
            same_path = (
                want_path is not None
                and isinstance(rec_path, str)
                and norm_path(rec_path) == want_path
            )
            if rec.get("sha256") == doc_sha:
                rank = 2 if same_path or want_path is None else 1
            elif same_path:
                rank = 0
            else:
                continue
            stamp = rec.get("updated")
            stamp = stamp if isinstance(stamp, str) else ""
            if best is None or (rank, stamp) > (best[0], best[1]):
                best = (rank, stamp, rec["value"])
        return default if best is None else best[2]

    def set_state(
        self, doc_sha: str, key: str, value: Any, *, path: str | os.PathLike[str] | None = None
    ) -> None:
        """Store a JSON value for (document, key), e.g. the reading position. Saving the same
        value again does not write. Older values for the same file and key are dropped."""
        try:
            orjson.dumps(value)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"state {key!r} is not JSON-serialisable: {exc}") from None
        if not isinstance(key, str) or not key:
            raise StoreError("a state key must be a non-empty string")
        want_path = norm_path(path) if path is not None else None
        with self.transaction() as db:
            same: list[Document] = []
            stale: list[int] = []
            for doc in db.state.search(where("key") == key):
                rec_path = doc.get("path")
                rec_norm = norm_path(rec_path) if isinstance(rec_path, str) and rec_path else None
                if doc.get("sha256") == doc_sha and rec_norm == want_path:
                    same.append(doc)
                elif want_path is not None and rec_norm == want_path:
                    stale.append(doc.doc_id)  # the same file's earlier text: superseded
            if same and same[0].get("value") == value and not stale and len(same) == 1:
                return
            new = {
                "sha256": doc_sha,
                "path": str(path) if path is not None else "",
                "key": key,
                "value": value,
                "updated": now_iso(),
            }
            if same:
                db.state.update(new, doc_ids=[same[0].doc_id])
                stale.extend(d.doc_id for d in same[1:])
            else:
                db.state.insert(new)
            if stale:
                db.state.remove(doc_ids=stale)

    # -- corrections -----------------------------------------------------------------------------

    def corrections_for(
        self, sha256: str, path: str | os.PathLike[str] | None = None
    ) -> list[Correction]:
        """A plan's corrections, found as its notes are: made on this text (sha256) or, when
        `path` is given, on an earlier version of the file at that path. Oldest first."""
        want_path = norm_path(path) if path is not None else None
        return [c for c in self.all_corrections() if _same_plan(c.doc, sha256, want_path)]

    def all_corrections(self) -> list[Correction]:
        """Every readable correction, oldest first; malformed records go to `problems`."""
        with self._reading() as db:
            out: list[Correction] = []
            for key, rec in db.records(CORRECTIONS).items():
                try:
                    out.append(Correction.from_dict(rec))
                except AnnotationError as exc:
                    db.problem(f"{self.path.name}: correction record {key} is malformed ({exc})")
        out.sort(key=lambda c: (c.updated, c.id))
        return out

    def add_correction(self, correction: Correction) -> Correction:
        """Store a correction. It replaces the plan's earlier correction of the same line (a
        line is a heading or not, at one level); a plan correction merges into the plan's
        earlier one (a title set before stays when only the year is set now)."""
        if not isinstance(correction, Correction):
            raise TypeError("add_correction() takes a Correction")
        want_path = norm_path(correction.doc.path)
        with self.transaction() as db:
            stale: list[int] = []
            merged = correction
            for key, rec in db.records(CORRECTIONS).items():
                try:
                    old = Correction.from_dict(rec)
                except AnnotationError:
                    continue
                if not _same_plan(old.doc, correction.doc.sha256, want_path):
                    continue
                if correction.kind == "meta" and old.kind == "meta":
                    merged = replace(
                        merged,
                        title=merged.title if merged.title is not None else old.title,
                        body=merged.body if merged.body is not None else old.body,
                        year=merged.year if merged.year is not None else old.year,
                    )
                    stale.append(int(key))
                elif correction.is_line and _same_line(old, correction):
                    stale.append(int(key))
            if stale:
                db.corrections.remove(doc_ids=stale)
            db.corrections.insert(merged.to_dict())
            return merged

    def import_corrections(self, corrections: Iterable[Correction]) -> tuple[int, int]:
        """Merge corrections by id, in one save: a new id is added, a known one replaced by a
        copy at least as recent that differs. Returns (added, updated)."""
        incoming = {c.id: c for c in corrections}
        if not incoming:
            return 0, 0
        added = updated = 0
        with self.transaction() as db:
            stored: dict[str, tuple[int, Correction | None]] = {}
            for key, rec in db.records(CORRECTIONS).items():
                rid = rec.get("id") if isinstance(rec, dict) else None
                if isinstance(rid, str) and rid in incoming:
                    try:
                        stored[rid] = (int(key), Correction.from_dict(rec))
                    except AnnotationError:
                        stored[rid] = (int(key), None)  # a malformed copy gives way
            for cid, c in incoming.items():
                if cid not in stored:
                    db.corrections.insert(c.to_dict())
                    added += 1
                    continue
                doc_id, old = stored[cid]
                if old is None or (old != c and _parse_time(c.updated) >= _parse_time(old.updated)):
                    db.corrections.remove(doc_ids=[doc_id])
                    db.corrections.insert(c.to_dict())
                    updated += 1
        return added, updated

    def remove_correction(self, correction_id: str) -> Correction:
        """Remove a correction by its id (or a unique prefix of it) and return it."""
        with self.transaction() as db:
            hits = [
                (key, rec)
                for key, rec in db.records(CORRECTIONS).items()
                if isinstance(rec, dict)
                and isinstance(rec.get("id"), str)
                and rec["id"].startswith(correction_id)
            ]
            if not correction_id or not hits:
                raise NoteNotFoundError(f"no correction with id {correction_id} in {self.path}")
            if len(hits) > 1:
                raise StoreError(f"{len(hits)} corrections have ids starting {correction_id}")
            key, rec = hits[0]
            db.corrections.remove(doc_ids=[int(key)])
            try:
                return Correction.from_dict(rec)
            except AnnotationError as exc:
                raise StoreError(f"removed a malformed correction ({exc})") from None

    # -- change detection ------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """True if another process saved since we last read (a stat; no parsing)."""
        with self._mutex:
            return self._cache.changed_on_disk()

    def refresh(self) -> bool:
        """Re-read the file if another process changed it; True if it did. Cheap when not."""
        with self._mutex:
            return self._cache.refresh()


def _same_line(a: Correction, b: Correction) -> bool:
    """Two corrections of one line (as numbered and worded when they were made)."""
    return a.is_line and b.is_line and (a.line, a.text) == (b.line, b.text)


def _same_plan(doc: DocRef, sha256: str, want_path: str | None) -> bool:
    """Whether a record made on `doc` belongs to the plan with this text hash or path."""
    if sha256 and doc.sha256 == sha256:
        return True
    if want_path is None:
        return False
    try:
        return norm_path(doc.path) == want_path
    except (ValueError, OSError):
        return False


def _rename_tag(db: NotesTables, old: str, new: str) -> None:
    new_norm = normalise_tag(new)
    key, _ = db.tag_entry(old)
    clash = db.tags_by_norm().get(new_norm)
    if clash is not None and clash[0] != key:
        raise StoreError(f"tag {clash[1]!r} already exists; merge the two tags instead")
    db.tags.update({"name": new.strip(), "norm": new_norm}, doc_ids=[int(key)])
    db.tags_changed()


def _dedupe(ids: list[int]) -> list[int]:
    seen: set[int] = set()
    out: list[int] = []
    for t in ids:
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out


# A note's time this far ahead of the clock is a wrong clock, not a newer note (it would win
# every later correction); an hour covers clocks that disagree a little.
FUTURE_SKEW = timedelta(hours=1)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _clamp_future(
    anns: Iterable[Annotation], now: datetime, report: ImportReport
) -> tuple[list[Annotation], set[str]]:
    """The annotations with any time past `now + FUTURE_SKEW` set to `now`, reported; and the
    ids of those changed."""
    limit = now + FUTURE_SKEW
    stamp = _iso(now)
    out: list[Annotation] = []
    clamped: set[str] = set()
    for ann in anns:
        late_created = _parse_time(ann.created) > limit
        late_updated = _parse_time(ann.updated) > limit
        if late_created or late_updated:
            report.clamped.append(
                f"note {ann.id}: its time ({ann.updated if late_updated else ann.created}) is "
                f"in the future; taken as the time of the import, {stamp}"
            )
            ann = replace(
                ann,
                created=stamp if late_created else ann.created,
                updated=stamp if late_updated else ann.updated,
            )
            clamped.add(ann.id)
        out.append(ann)
    return out, clamped


def _one_per_id(anns: list[Annotation], report: ImportReport) -> list[Annotation]:
    """One copy of each id, in first-seen order: the same contents twice is one note; different
    contents keep the newer (`updated`; the later in the import on a tie), a conflict."""
    kept: dict[str, Annotation] = {}
    copies: dict[str, int] = {}
    for ann in anns:
        seen = kept.get(ann.id)
        if seen is None:
            kept[ann.id] = ann
            continue
        if _same(seen, ann):
            report.unchanged.append(ann.id)
            continue
        copies[ann.id] = copies.get(ann.id, 1) + 1
        if _parse_time(ann.updated) >= _parse_time(seen.updated):
            kept[ann.id] = ann
    for note_id, n in copies.items():
        report.conflicts.append(
            f"note {note_id}: {n} different copies in the import; kept the newest "
            f"(updated {kept[note_id].updated})"
        )
    return list(kept.values())


def _times_of(ann: Annotation, other: Annotation) -> Annotation:
    return replace(ann, created=other.created, updated=other.updated)


def _same(a: Annotation, b: Annotation) -> bool:
    """Equal as stored: tags compare by normalised name (their spelling is the tag table's)."""
    return replace(a, tags=tuple(map(normalise_tag, a.tags))) == replace(
        b, tags=tuple(map(normalise_tag, b.tags))
    )


# ----------------------------------------------------------------------------------------------
# Backups
# ----------------------------------------------------------------------------------------------


def add_unread(
    path: str | os.PathLike[str] | None,
    ann: Annotation,
    *,
    lock_timeout: float = LOCK_TIMEOUT_S,
) -> bool:
    """Add a note made just now (a fresh id) without reading the notes file: one line appended
    to its journal, under the lock, when `NotesFileStorage.append_unread` finds that safe. Its
    key and tag ids are given when the line is replayed, as TinyDB would have given them.
    False when it was not done (no file yet, no journal over this version of it yet, the
    journal due to be folded in): then `NotesStore.open(path).add(ann)`.

    For one-shot commands (`zoneplan notes add`): parsing a 40 MB file to add a note costs
    half a second. The note's tags come back as given; a store would spell them as stored."""
    if not isinstance(ann, Annotation):
        raise TypeError("add_unread() takes an Annotation")
    db = resolve_db_path(path)
    if not db.is_file():
        return False
    ops: list[Op] = [[NEW_NOTE, record(ann, []), list(ann.tags)]]
    with hold_lock_once(db, lock_timeout):
        if holds_corrections(db):
            return False
        return NotesFileStorage(db).append_unread(ops, journal_limit=_journal_limit)


def holds_corrections(db: Path) -> bool:
    """Whether the notes file or its journal may hold a correction, told from their bytes
    without parsing them: a note added without reading the file takes its section path from
    the outline as parsed, and a correction would change that outline (`notes add` then opens
    the store). In JSON an unescaped `"corrections":` can only be a key, so the base file holds
    none when that key is absent or opens an empty table; a journal line naming the table may
    hold one. Wrong only the safe way: True sends the caller to the store."""
    import mmap

    key = f'"{CORRECTIONS}":'.encode()
    with open(db, "rb") as f:
        try:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file: nothing in it
            data = None
        if data is not None:
            with data:
                # From the end: the table is written after the notes (storage._stamp)
                at = data.rfind(key)
                if at != -1:
                    rest = data[at + len(key) : at + len(key) + 16].lstrip()
                    if not rest.startswith(b"{}"):
                        return True
    try:
        journal = journal_path(db).read_bytes()
    except FileNotFoundError:
        return False
    return f'"{CORRECTIONS}"'.encode() in journal


def _journal_limit(file_size: int) -> int:
    return max(JOURNAL_MIN_BYTES, file_size // JOURNAL_SHARE)


def list_backups(path: str | os.PathLike[str] | None = None) -> list[BackupInfo]:
    """The backup generations beside the database, newest first, with their note counts."""
    db = resolve_db_path(path)
    out: list[BackupInfo] = []
    for bak in backup_files(db):
        gen = int(bak.name.rsplit(".", 1)[-1])
        try:
            st = bak.stat()
            data = NotesFileStorage(bak, read_only=True).read()
            notes = len((data or {}).get(NOTES, {}))
            out.append(BackupInfo(gen, bak, st.st_size, st.st_mtime, notes))
        except (OSError, StoreError) as exc:
            size = bak.stat().st_size if bak.exists() else 0
            out.append(BackupInfo(gen, bak, size, 0.0, None, one_line(str(exc))))
    return out


def restore_backup(
    path: str | os.PathLike[str] | None = None,
    generation: int = 1,
    *,
    lock_timeout: float = LOCK_TIMEOUT_S,
) -> Path | None:
    """Make backup `generation` the database again. The file it replaces (corrupt or not) is kept
    as `<db>.before-restore-<time>`, never deleted; returns that path (None if there was none)."""
    db = resolve_db_path(path)
    bak = backup_path(db, generation)
    try:
        raw = bak.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"{bak}: no such backup") from None
    except OSError as exc:
        raise StoreError(f"{bak}: cannot read ({os_reason(exc)})") from None
    if not raw:
        raise StoreError(f"{bak}: the backup is empty; not restoring it")
    NotesFileStorage(bak).parse(raw)  # refuse to restore a backup that is itself unusable
    # The journal belongs to the file being replaced: kept beside its copy, out of the way.
    return restore_file(db, raw, source=bak, lock_timeout=lock_timeout, companion=journal_path(db))


__all__ = [
    "BACKUP_GENERATIONS",
    "BackupInfo",
    "CorruptStoreError",
    "ImportReport",
    "NoteNotFoundError",
    "NotesStore",
    "ReadOnlyStoreError",
    "StoreError",
    "StoreLockedError",
    "add_unread",
    "default_db_path",
    "list_backups",
    "norm_path",
    "resolve_db_path",
    "restore_backup",
]
