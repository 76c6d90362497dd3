"""The notes database: a TinyDB JSON file that is written safely, and the `NotesStore` API.

Pure core: no Textual. See docs/notes-store.md for the design; the short version:

* The file is a standard TinyDB JSON layout (`TinyDB(path)` reads it):
  `{"_default": {"1": <meta>}, "notes": {...}, "tags": {...}, "state": {...}}`, the meta record
  holding `format`, `schema_version` and a per-save random `write_id`.
* TinyDB's own JSONStorage rewrites the file in place, which a crash or a second process turns
  into a broken or lost file. `SafeJSONStorage` instead serialises first (orjson), writes a
  temporary file in the same directory, fsyncs it, `os.replace()`s it over the database and
  fsyncs the directory: a reader or a crash only ever sees the old or the new file.
* Every read-modify-write holds an inter-process lock (`<db>.lock`, filelock) and starts by
  checking, by stat and the first bytes, whether another process saved in between; if so the
  file is re-read and TinyDB's per-table caches (next document id, query cache) are reset, which
  is what otherwise makes a long-lived TinyDB raise "Document with ID … already exists".
* A file that is not valid JSON or not a zoneplan notes file is never written to: the store
  refuses to open it (`CorruptStoreError`, with the path) and offers `open_read_only`,
  `list_backups` and `restore_backup`.
"""

from __future__ import annotations

import errno
import gc
import os
import secrets
import shutil
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from zoneplan_tui.notes.annotations import (
    Annotation,
    AnnotationError,
    DocRef,
    Target,
    normalise_tag,
    now_iso,
    one_line,
)

try:
    from zoneplan_tui.core.errors import UserError
except ImportError:  # pragma: no cover - errors.py belongs to cli; keep the core importable alone

    class UserError(Exception):  # type: ignore[no-redef]
        """Stand-in for zoneplan_tui.core.errors.UserError (one-line message, exit status 2)."""


SCHEMA_VERSION = 1
FORMAT_NAME = "zoneplan-notes"
DB_FILENAME = "notes.json"
ENV_VAR = "ZONEPLAN_DB"

META_TABLE = "_default"  # TinyDB's default table holds the one meta record, id 1
META_ID = "1"
NOTES = "notes"
TAGS = "tags"
STATE = "state"

BACKUP_GENERATIONS = 3
# Backups are hard links to superseded versions, so a rotation costs next to nothing; they are
# still spaced out in time (and forced before bulk changes) so that three generations reach back
# further than the last three keystrokes.
BACKUP_INTERVAL_S = 10 * 60
LOCK_TIMEOUT_S = 10.0
# The meta record, with its per-save random write_id, is serialised first; comparing this many
# leading bytes catches a rewrite that stat alone could miss (inode reuse within one mtime tick).
HEAD_BYTES = 128


# ----------------------------------------------------------------------------------------------
# Errors
# ----------------------------------------------------------------------------------------------


class StoreError(UserError):
    """The notes database cannot do what was asked; the message is one line and names the file."""


class CorruptStoreError(StoreError):
    """The file is not valid JSON or not a zoneplan notes file; it was left untouched."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class StoreLockedError(StoreError):
    """Another process held the database lock for too long."""


class ReadOnlyStoreError(StoreError):
    """A write was attempted on a store opened read-only."""


class NoteNotFoundError(StoreError, KeyError):
    """No note (or tag) by that id or name."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


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


def backup_path(db: Path, generation: int) -> Path:
    return db.with_name(f"{db.name}.bak.{generation}")


def lock_path(db: Path) -> Path:
    return db.with_name(f"{db.name}.lock")


def _temp_path(db: Path) -> Path:
    return db.with_name(f".{db.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _is_temp_of(name: str, db: Path) -> bool:
    return name.startswith(f".{db.name}.") and name.endswith(".tmp")


def norm_path(path: str | os.PathLike[str]) -> str:
    """Comparable form of a document path (absolute, case-folded where the OS folds case)."""
    return os.path.normcase(os.path.abspath(os.path.expanduser(os.fspath(path))))


# ----------------------------------------------------------------------------------------------
# Low-level safe file writing
# ----------------------------------------------------------------------------------------------

# Fault injection for the reliability tests: called with the step name and the payload at each
# step of a save. Tests set it to os._exit (a crash) or to raise OSError. Never set in the app.
_fault_hook: Callable[[str, bytes], None] | None = None


def _checkpoint(step: str, payload: bytes) -> None:
    if _fault_hook is not None:
        _fault_hook(step, payload)


def _fsync_fd(fd: int) -> None:
    if sys.platform == "darwin":  # pragma: no cover - fsync on macOS does not reach the platter
        import fcntl

        with suppress(OSError):
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
    os.fsync(fd)


def _fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be opened on Windows
        return
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace(src: Path, dst: Path) -> None:
    # On Windows a reader holding the file open makes the replace fail for a moment.
    for attempt in range(20):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 19:
                raise
            time.sleep(0.05)


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _os_reason(exc: OSError) -> str:
    if exc.errno is not None and exc.strerror:
        return f"{exc.strerror} ({errno.errorcode.get(exc.errno, exc.errno)})"
    return one_line(str(exc)) or type(exc).__name__


def atomic_write(
    path: Path,
    payload: bytes,
    *,
    mode: int | None = None,
    before_replace: Callable[[], None] | None = None,
) -> os.stat_result:
    """Replace `path` with `payload` so that a crash at any point leaves the old or the new file.

    Write a temporary file in the same directory (so the rename cannot cross filesystems), fsync
    it, rename it over the target, fsync the directory so the rename itself is durable. On any
    error before the rename the temporary file is removed and the target is untouched.
    """
    directory = path.parent
    tmp = _temp_path(path)
    if mode is None:
        try:
            mode = os.stat(path).st_mode & 0o777
        except FileNotFoundError:
            mode = 0o600  # notes are private by default
    _checkpoint("before-write", payload)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)  # the umask applied to os.open must not narrow an existing mode
            half = len(payload) // 2
            _write_all(fd, memoryview(payload)[:half])
            _checkpoint("mid-write", payload)
            _write_all(fd, memoryview(payload)[half:])
            _fsync_fd(fd)
        finally:
            os.close(fd)
        _checkpoint("after-fsync", payload)
        if before_replace is not None:
            before_replace()
        _checkpoint("before-replace", payload)
        _replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    _checkpoint("after-replace", payload)
    _fsync_dir(directory)
    _checkpoint("after-dir-fsync", payload)
    return os.stat(path)


def _link_or_copy(src: Path, dst: Path) -> None:
    """Make `dst` a snapshot of `src`. A hard link is free, and safe because the database is only
    ever replaced, never modified in place; filesystems without links get a copy."""
    with suppress(FileNotFoundError):
        os.unlink(dst)
    try:
        os.link(src, dst)
    except OSError:
        tmp = _temp_path(dst)
        try:
            shutil.copyfile(src, tmp)
            os.replace(tmp, dst)
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp)
            raise


def _rotate_backups(db: Path, generations: int) -> None:
    if generations <= 0 or not db.exists():
        return
    for gen in range(generations, 1, -1):
        older = backup_path(db, gen - 1)
        if older.exists():
            os.replace(older, backup_path(db, gen))
    _link_or_copy(db, backup_path(db, 1))


# ----------------------------------------------------------------------------------------------
# Reading and validating a database file
# ----------------------------------------------------------------------------------------------

FileIdent = tuple[int, int, int, int]  # st_dev, st_ino, st_size, st_mtime_ns


def _ident(st: os.stat_result) -> FileIdent:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _backups_of(db: Path) -> list[Path]:
    return sorted(
        (p for p in db.parent.glob(f"{db.name}.bak.*") if p.name.rsplit(".", 1)[-1].isdigit()),
        key=lambda p: int(p.name.rsplit(".", 1)[-1]),
    )


def _corrupt(path: Path, reason: str) -> CorruptStoreError:
    db = path
    hint = "it was left untouched"
    backups = _backups_of(db)
    if backups:
        names = ", ".join(b.name for b in backups)
        hint += f"; backups beside it: {names} (`zoneplan notes restore` puts the newest back)"
    return CorruptStoreError(f"{path}: {reason}; {hint}", path)


def _loads(raw: bytes) -> Any:
    """orjson.loads with the cyclic garbage collector paused.

    Parsing allocates a dozen objects per note, and the collector, triggered by allocation counts,
    would walk them again and again: with it running a 10,000-note file parses ~1.5x slower.
    JSON cannot express reference cycles, so nothing is missed by pausing it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return orjson.loads(raw)
    finally:
        if was_enabled:
            gc.enable()


# A migration upgrades the parsed data from version N to N + 1 in place. None exist yet: schema 1
# is the first released format. Register them here; `_check_and_migrate` runs them in order.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], None]] = {}


def _parse_db(raw: bytes, path: Path, *, read_only: bool) -> tuple[dict[str, Any] | None, int]:
    """Parse and check a database file. Returns (data or None for an empty database, the schema
    version found on disk). Raises CorruptStoreError for anything we must not overwrite."""
    if not raw:
        # Our writer never leaves an empty file (it replaces a complete one), so a zero-byte file
        # is either one the user created (`touch`) and there is nothing to lose, or what some
        # other tool left after a crash. Backups beside it say it was ours: refuse and point at
        # them instead of quietly starting afresh.
        if _backups_of(path):
            raise _corrupt(path, "the notes file is empty but backups exist")
        return None, SCHEMA_VERSION
    try:
        data = _loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _corrupt(path, f"not valid JSON ({one_line(str(exc), 120)})") from None
    if not isinstance(data, dict):
        raise _corrupt(path, f"not a zoneplan notes file (a JSON {type(data).__name__})")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise _corrupt(path, f"not a TinyDB file (table {name!r} is not an object)")
        for key in table:
            if not (key.isascii() and key.isdigit()):
                if read_only:
                    continue  # skipped when read; such a file is never written to
                raise _corrupt(path, f"not a TinyDB file (table {name!r} has a record id {key!r})")
    if not any(data.values()):
        return None, SCHEMA_VERSION  # `{}` or empty tables: TinyDB's own empty database
    meta = data.get(META_TABLE, {}).get(META_ID)
    if not isinstance(meta, dict) or meta.get("format") != FORMAT_NAME:
        raise _corrupt(path, "a JSON file, but not a zoneplan notes file")
    version = meta.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _corrupt(path, f"a zoneplan notes file with a bad schema_version {version!r}")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer zoneplan (notes schema {version}, this one reads "
            f"{SCHEMA_VERSION}); upgrade zoneplan"
        )
    on_disk = version
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise _corrupt(path, f"no migration from notes schema {version}")
        step(data)
        version += 1
        data[META_TABLE][META_ID]["schema_version"] = version
    return data, on_disk


# ----------------------------------------------------------------------------------------------
# The TinyDB storage
# ----------------------------------------------------------------------------------------------


class SafeJSONStorage(Storage):
    """A TinyDB storage that writes by atomic replace and caches the parsed file while its stat
    and first bytes are unchanged.

    Usable on its own (`TinyDB(path, storage=SafeJSONStorage)`) for crash safety; safety between
    processes also needs the lock that `NotesStore` holds around each read-modify-write.

    Writes made between `begin()` and `commit()` are kept in memory and saved once, so an
    operation that touches several tables (a tag merge) is one atomic save.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        parse: Callable[[bytes, Path], dict[str, Any] | None] | None = None,
        on_reload: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        self._parse = parse or self._default_parse
        self.on_reload = on_reload
        self._data: dict[str, Any] | None = None
        self._loaded = False
        self._ident: FileIdent | None = None
        self._head = b""
        self._batch = 0
        self._dirty = False
        # Bumped whenever the in-memory data stops matching what callers may have derived from
        # it (a reload or an aborted transaction); NotesStore keys its indexes on it.
        self.generation = 0

    @staticmethod
    def _default_parse(raw: bytes, path: Path) -> dict[str, Any] | None:
        if not raw:
            return None
        try:
            data = _loads(raw)
        except orjson.JSONDecodeError as exc:
            raise _corrupt(path, f"not valid JSON ({one_line(str(exc), 120)})") from None
        if not isinstance(data, dict):
            raise _corrupt(path, "not a TinyDB file")
        return data

    # -- TinyDB's interface ----------------------------------------------------------------------

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self._load()
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        if self.read_only:
            raise ReadOnlyStoreError(f"{self.path}: opened read-only")
        self._data = data
        self._loaded = True
        if self._batch:
            self._dirty = True
        else:
            self.save(data)

    def close(self) -> None:
        pass

    # -- cache validity --------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            raw, ident = None, None
        except IsADirectoryError:
            raise StoreError(f"{self.path}: is a directory, not a notes file") from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read ({_os_reason(exc)})") from None
        else:
            try:
                with os.fdopen(fd, "rb") as fh:
                    # fstat of the open file: the identity of exactly the bytes we read, even if
                    # another process replaces the path meanwhile.
                    ident = _ident(os.fstat(fh.fileno()))
                    raw = fh.read()
            except IsADirectoryError:
                raise StoreError(f"{self.path}: is a directory, not a notes file") from None
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot read ({_os_reason(exc)})") from None
        self._data = None if raw is None else self._parse(raw, self.path)
        self._ident = ident
        self._head = b"" if raw is None else raw[:HEAD_BYTES]
        self._loaded = True
        self._dirty = False
        self.generation += 1
        if self.on_reload is not None:
            self.on_reload()

    def changed_on_disk(self) -> bool:
        """Cheap check (a stat, maybe 128 bytes read) whether the file differs from our copy."""
        if not self._loaded:
            return True
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return self._ident is not None
        except OSError:
            return True  # let the reload report it
        if _ident(st) != self._ident:
            return True
        try:
            with open(self.path, "rb") as fh:
                return fh.read(HEAD_BYTES) != self._head
        except OSError:
            return True

    def sync(self) -> bool:
        """Re-read the file if another process changed it. True if it did."""
        if self._batch:
            return False  # inside a transaction the caller already synced under the lock
        if self.changed_on_disk():
            self._load()
            return True
        return False

    def invalidate(self) -> None:
        """Forget the cached data; the next read re-parses the file."""
        self._loaded = False
        self._data = None
        self._ident = None
        self._dirty = False
        self.generation += 1
        if self.on_reload is not None:
            self.on_reload()

    # -- transactions ----------------------------------------------------------------------------

    def begin(self) -> None:
        self._batch += 1

    def commit(self, prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> bool:
        """End the outermost batch and save if anything was written. True if a save happened."""
        self._batch -= 1
        if self._batch or not self._dirty:
            return False
        self._dirty = False
        data = self._data if self._data is not None else {}
        self.save(prepare(data) if prepare is not None else data)
        return True

    def abort(self) -> None:
        self._batch = 0
        self.invalidate()

    # -- saving ----------------------------------------------------------------------------------

    before_replace: Callable[[], None] | None = None

    def save(self, data: dict[str, Any]) -> None:
        if self.read_only:
            raise ReadOnlyStoreError(f"{self.path}: opened read-only")
        try:
            payload = orjson.dumps(data)
        except (TypeError, ValueError) as exc:
            self.invalidate()
            raise StoreError(f"{self.path}: cannot serialise the notes ({exc})") from None
        try:
            st = atomic_write(self.path, payload, before_replace=self.before_replace)
        except OSError as exc:
            # The file on disk is the old one; our in-memory copy already has the change, so
            # drop it and let the next read bring back the truth.
            self.invalidate()
            raise StoreError(
                f"cannot save notes to {self.path}: {_os_reason(exc)}; the file was not changed"
            ) from None
        except BaseException:
            self.invalidate()
            raise
        self._data = data
        self._loaded = True
        self._ident = _ident(st)
        self._head = payload[:HEAD_BYTES]


# ----------------------------------------------------------------------------------------------
# The notes store
# ----------------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    older: list[str] = field(default_factory=list)  # skipped: the stored copy is newer

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
        self._mutex = threading.RLock()
        self._txn_depth = 0
        self._force_backup = False
        self._on_disk_version = SCHEMA_VERSION
        # The storage calls back into the store through weak references: a bound method would
        # make a reference cycle, and a dropped store (holding a whole parsed file) would then
        # wait for a full garbage collection instead of being freed at once.
        me = weakref.ref(self)

        def parse(raw: bytes, path: Path) -> dict[str, Any] | None:
            store = me()
            if store is None:
                return _parse_db(raw, path, read_only=read_only)[0]
            return store._parse(raw, path)

        def on_reload() -> None:
            store = me()
            if store is not None:
                store._reset_caches()

        def before_replace() -> None:
            store = me()
            if store is not None:
                store._maybe_rotate_backups()

        storage = SafeJSONStorage(self.path, read_only=read_only, parse=parse, on_reload=on_reload)
        storage.before_replace = before_replace
        self._storage = storage
        # TinyDB over our storage; the lambda hands it the instance we configured.
        self._db = TinyDB(storage=lambda: storage)
        self._notes: Table = self._db.table(NOTES, cache_size=0)
        self._tags: Table = self._db.table(TAGS, cache_size=0)
        self._state: Table = self._db.table(STATE, cache_size=0)
        self._lock = FileLock(str(lock_path(self.path)), timeout=lock_timeout)
        self._cache_gen = -1
        self._id_index: dict[str, str] = {}
        self._anns_cache: list[Annotation] | None = None
        self._tag_cache: dict[str, str] | None = None
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a directory, not a notes file")
        with self._mutex:
            self._storage.read()  # parse now: a corrupt file is reported at open, not later
            if not read_only:
                self._clean_temp_files()

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
        self._db.close()

    def __repr__(self) -> str:
        return f"NotesStore({str(self.path)!r}{', read_only=True' if self.read_only else ''})"

    def _parse(self, raw: bytes, path: Path) -> dict[str, Any] | None:
        data, on_disk = _parse_db(raw, path, read_only=self.read_only)
        self._on_disk_version = on_disk
        return data

    def _reset_caches(self) -> None:
        # Another process may have saved: TinyDB's per-table next-id counter and query cache
        # describe the old file. Resetting them is what keeps a long-lived TinyDB object from
        # handing out an id another process already used.
        for table in (self._notes, self._tags, self._state):
            table.clear_cache()
            table._next_id = None  # TinyDB has no public way to reset it
        self._anns_cache = None
        self._tag_cache = None
        self.problems = []

    def _clean_temp_files(self) -> None:
        """Delete temporary files a crashed save left behind. Only while holding the lock: a live
        writer's temporary file exists only while it holds the lock."""
        directory = self.path.parent
        if not directory.is_dir():
            return
        try:
            leftovers = [p for p in directory.iterdir() if _is_temp_of(p.name, self.path)]
        except OSError:
            return
        if not leftovers:
            return
        try:
            self._lock.acquire(timeout=0)
        except (Timeout, OSError):
            return  # someone is saving right now; the next open cleans up
        try:
            for p in leftovers:
                with suppress(OSError):
                    p.unlink()
        finally:
            self._lock.release()

    # -- transactions ----------------------------------------------------------------------------

    @contextmanager
    def _writing(self, *, backup: bool = False) -> Iterator[None]:
        """Lock, re-read if another process saved, run the body, save once (atomically)."""
        if self.read_only:
            raise ReadOnlyStoreError(f"{self.path}: opened read-only; notes cannot be changed")
        with self._mutex:
            if self._txn_depth:
                self._force_backup |= backup
                self._txn_depth += 1
                try:
                    yield
                finally:
                    self._txn_depth -= 1
                return
            self._acquire_lock()
            try:
                self._storage.sync()
                self._ensure_index()
                self._force_backup = (
                    self._force_backup or backup or self._on_disk_version < SCHEMA_VERSION
                )
                self._storage.begin()
                self._txn_depth = 1
                try:
                    yield
                except BaseException:
                    self._storage.abort()
                    raise
                finally:
                    self._txn_depth = 0
                self._storage.commit(prepare=self._finalise)
                self._on_disk_version = SCHEMA_VERSION
            finally:
                self._force_backup = False
                self._lock.release()

    def _acquire_lock(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {self.path.parent}: {_os_reason(exc)}") from None
        try:
            # filelock polls; its 50 ms default would make every contended save wait that long.
            self._lock.acquire(timeout=self.lock_timeout, poll_interval=0.005)
        except Timeout:
            raise StoreLockedError(
                f"{self.path}: locked by another zoneplan process for over "
                f"{self.lock_timeout:g} s (lock file {lock_path(self.path).name})"
            ) from None
        except OSError as exc:
            raise StoreError(f"cannot lock {lock_path(self.path)}: {_os_reason(exc)}") from None

    def _finalise(self, data: dict[str, Any]) -> dict[str, Any]:
        """The exact dict to save: meta first (with a fresh write_id), then the known tables."""
        old_meta_table = data.get(META_TABLE, {})
        old_meta = old_meta_table.get(META_ID) if isinstance(old_meta_table, dict) else None
        old_meta = old_meta if isinstance(old_meta, dict) else {}
        meta: dict[str, Any] = {
            "write_id": secrets.token_hex(16),
            "format": FORMAT_NAME,
            "schema_version": SCHEMA_VERSION,
        }
        for key, value in old_meta.items():
            meta.setdefault(key, value)
        meta.setdefault("created", now_iso())
        if self._backup_due(meta):
            meta["last_backup"] = now_iso()
            self._rotate_now = True
        else:
            self._rotate_now = False
        out: dict[str, Any] = {META_TABLE: {META_ID: meta}}
        out[META_TABLE].update({k: v for k, v in old_meta_table.items() if k != META_ID})
        for name in (NOTES, TAGS, STATE):
            out[name] = data.get(name, {})
        for name, table in data.items():
            out.setdefault(name, table)
        return out

    _rotate_now = False

    def _backup_due(self, meta: Mapping[str, Any]) -> bool:
        if self.backups <= 0 or not self.path.exists():
            return False
        if self._force_backup or not backup_path(self.path, 1).exists():
            return True
        last = meta.get("last_backup")
        if not isinstance(last, str):
            return True
        age = (datetime.now(UTC) - _parse_time(last)).total_seconds()
        return age >= self.backup_interval or age < 0

    def _maybe_rotate_backups(self) -> None:
        if not self._rotate_now:
            return
        try:
            _rotate_backups(self.path, self.backups)
        except OSError as exc:
            # A missing backup must not stop the save itself; say so and carry on.
            self.warnings.append(f"could not rotate backups of {self.path}: {_os_reason(exc)}")

    def backup_now(self) -> None:
        """Force a backup rotation with the next save (e.g. before a bulk change in the UI)."""
        self._force_backup = True

    # -- raw access ------------------------------------------------------------------------------

    def _data(self) -> dict[str, Any]:
        """The current parsed file (re-read first if another process saved since)."""
        with self._mutex:
            if not self._txn_depth:
                self._storage.sync()
            return self._storage.read() or {}

    def _table(self, name: str) -> dict[str, Any]:
        table = self._data().get(name)
        return table if isinstance(table, dict) else {}

    def _ensure_index(self) -> None:
        if self._cache_gen == self._storage.generation:
            return
        index: dict[str, str] = {}
        for doc_id, rec in self._table(NOTES).items():
            if isinstance(rec, dict) and isinstance(rec.get("id"), str):
                index.setdefault(rec["id"], doc_id)
        self._id_index = index
        self._cache_gen = self._storage.generation

    def _tag_names(self) -> dict[str, str]:
        """tag id (as in the file, a string) → display name."""
        self._data()  # a reload resets the cache
        if self._tag_cache is None:
            names: dict[str, str] = {}
            for doc_id, rec in self._table(TAGS).items():
                if isinstance(rec, dict) and isinstance(rec.get("name"), str) and rec["name"]:
                    names[doc_id] = rec["name"]
            self._tag_cache = names
        return self._tag_cache

    def _to_annotation(self, rec: Any, tag_names: Mapping[str, str]) -> Annotation:
        if not isinstance(rec, dict):
            raise AnnotationError(f"a note record must be an object, not {type(rec).__name__}")
        tags = rec.get("tags", [])
        if not isinstance(tags, list):
            raise AnnotationError("tags must be a list of tag ids")
        names: list[str] = []
        for tag_id in tags:
            name = tag_names.get(str(tag_id))
            if name is None:
                # A dangling tag id costs the note that tag, not the note itself.
                problem = f"{self.path.name}: note {rec.get('id')} has an unknown tag id {tag_id!r}"
                if problem not in self.problems:
                    self.problems.append(problem)
                continue
            names.append(name)
        return Annotation.from_dict({**rec, "tags": names})

    def _convert(self, items: Iterable[tuple[str, Any]]) -> list[Annotation]:
        tag_names = self._tag_names()
        out: list[Annotation] = []
        for doc_id, rec in items:
            try:
                out.append(self._to_annotation(rec, tag_names))
            except (AnnotationError, TypeError, ValueError) as exc:
                rid = rec.get("id") if isinstance(rec, dict) else None
                what = f"note {rid}" if isinstance(rid, str) else f"notes record {doc_id}"
                problem = f"{self.path.name}: {what} is malformed and was skipped ({exc})"
                if problem not in self.problems:
                    self.problems.append(problem)
        return out

    def _record(self, ann: Annotation, tag_ids: list[int]) -> dict[str, Any]:
        rec = ann.to_dict()
        rec["tags"] = tag_ids
        return rec

    def _tag_ids_for(self, names: Iterable[str]) -> tuple[list[int], list[str]]:
        """Ids (creating tags as needed) and canonical display names for tag names."""
        by_norm = self._tags_by_norm()
        ids: list[int] = []
        canon: list[str] = []
        for name in names:
            norm = normalise_tag(name)
            hit = by_norm.get(norm)
            if hit is None:
                doc_id = self._tags.insert({"name": name.strip(), "norm": norm})
                self._tag_cache = None
                hit = (str(doc_id), name.strip())
                by_norm[norm] = hit
            ids.append(int(hit[0]))
            canon.append(hit[1])
        return ids, canon

    def _tags_by_norm(self) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        for doc_id, rec in self._table(TAGS).items():
            if isinstance(rec, dict) and isinstance(rec.get("name"), str) and rec["name"]:
                norm = rec.get("norm") if isinstance(rec.get("norm"), str) else None
                out.setdefault(norm or normalise_tag(rec["name"]), (doc_id, rec["name"]))
        return out

    def _prune_tags(self, candidates: Iterable[int]) -> None:
        """Drop tags no note uses any more (a tag exists while something is tagged with it)."""
        candidates = set(candidates)
        if not candidates:
            return
        for rec in self._table(NOTES).values():
            if isinstance(rec, dict) and isinstance(rec.get("tags"), list):
                candidates.difference_update(t for t in rec["tags"] if isinstance(t, int))
                if not candidates:
                    return
        gone = [c for c in candidates if str(c) in self._table(TAGS)]
        if gone:
            self._tags.remove(doc_ids=gone)
            self._tag_cache = None

    def _doc_id(self, note_id: str) -> str:
        self._ensure_index()
        doc_id = self._id_index.get(note_id)
        if doc_id is None or doc_id not in self._table(NOTES):
            raise NoteNotFoundError(f"no note with id {note_id} in {self.path}")
        return doc_id

    def _current(self, doc_id: str) -> Annotation:
        rec = self._table(NOTES)[doc_id]
        try:
            return self._to_annotation(rec, self._tag_names())
        except (AnnotationError, TypeError, ValueError) as exc:
            raise StoreError(f"{self.path}: note record {doc_id} is malformed ({exc})") from None

    # -- notes: writes ---------------------------------------------------------------------------

    def add(self, ann: Annotation) -> Annotation:
        """Store a new annotation; returns it with tags spelled as the existing tags are."""
        if not isinstance(ann, Annotation):
            raise TypeError("add() takes an Annotation")
        with self._writing():
            if ann.id in self._id_index and self._id_index[ann.id] in self._table(NOTES):
                raise StoreError(f"a note with id {ann.id} already exists in {self.path}")
            stored = self._insert(ann)
        return stored

    def _insert(self, ann: Annotation) -> Annotation:
        ids, canon = self._tag_ids_for(ann.tags)
        doc_id = self._notes.insert(self._record(ann, ids))
        self._id_index[ann.id] = str(doc_id)
        self._anns_cache = None
        return replace(ann, tags=tuple(canon))

    def _replace_record(self, doc_id: str, ann: Annotation, old: Annotation | None) -> Annotation:
        old_ids = self._table(NOTES)[doc_id].get("tags", []) if old is not None else []
        ids, canon = self._tag_ids_for(ann.tags)
        record = self._record(ann, ids)
        # Table.update merges keys, so fields a newer zoneplan added to the record survive.
        self._notes.update(record, doc_ids=[int(doc_id)])
        self._anns_cache = None
        self._prune_tags(t for t in old_ids if isinstance(t, int) and t not in ids)
        return replace(ann, tags=tuple(canon))

    def update(self, note_id: str, **fields: Any) -> Annotation:
        """Change `note`, `tags`, `color`, `target` or `doc` of a note; sets `updated`."""
        unknown = set(fields) - _UPDATABLE
        if unknown:
            raise TypeError(f"update() cannot change {', '.join(sorted(unknown))}")
        if "tags" in fields and isinstance(fields["tags"], str):
            raise StoreError("tags must be a list of names, not one string")
        with self._writing():
            doc_id = self._doc_id(note_id)
            current = self._current(doc_id)
            try:
                changed = replace(current, **fields)
            except AnnotationError as exc:
                raise StoreError(f"cannot update note {note_id}: {exc}") from None
            if changed == current:
                return current
            return self._replace_record(doc_id, replace(changed, updated=now_iso()), current)

    def delete(self, note_id: str) -> Annotation:
        """Remove a note and return it (pass it to `restore` to undo)."""
        with self._writing():
            doc_id = self._doc_id(note_id)
            current = self._current(doc_id)
            old_ids = self._table(NOTES)[doc_id].get("tags", [])
            self._notes.remove(doc_ids=[int(doc_id)])
            self._id_index.pop(note_id, None)
            self._anns_cache = None
            self._prune_tags(t for t in old_ids if isinstance(t, int))
            return current

    def restore(self, ann: Annotation) -> Annotation:
        """Put an annotation back exactly as given (id and timestamps kept): undo of a delete, or
        of an update when given the earlier version."""
        with self._writing():
            doc_id = self._id_index.get(ann.id)
            if doc_id is not None and doc_id in self._table(NOTES):
                try:
                    old = self._current(doc_id)
                except StoreError:
                    old = None
                return self._replace_record(doc_id, ann, old)
            return self._insert(ann)

    def import_annotations(self, anns: Iterable[Annotation]) -> ImportReport:
        """Merge annotations by id in one save: new ids are added; a known id is updated when the
        import is at least as recent (`updated`) and differs, otherwise skipped.

        Bulk by design: one TinyDB insert and one update for the lot, so importing 50,000 notes
        costs one pass over the table, not one per note.
        """
        report = ImportReport()
        anns = list(anns)
        with self._writing(backup=bool(anns)):
            notes = self._table(NOTES)
            added: dict[str, dict[str, Any]] = {}
            changed: dict[str, dict[str, Any]] = {}  # note id → new record
            changed_doc_ids: list[int] = []
            prune: set[int] = set()
            for ann in anns:
                if ann.id in added or ann.id in changed:
                    report.unchanged.append(ann.id)  # the same id twice in one import
                    continue
                doc_id = self._id_index.get(ann.id)
                if doc_id is None or doc_id not in notes:
                    added[ann.id] = self._record(ann, self._tag_ids_for(ann.tags)[0])
                    report.added.append(ann.id)
                    continue
                try:
                    current: Annotation | None = self._current(doc_id)
                except StoreError:
                    current = None  # a malformed record is replaced by a good copy
                if current is not None and _same(current, ann):
                    report.unchanged.append(ann.id)
                elif current is None or _parse_time(ann.updated) >= _parse_time(current.updated):
                    old_tags = notes[doc_id].get("tags", []) if current is not None else []
                    prune.update(t for t in old_tags if isinstance(t, int))
                    changed[ann.id] = self._record(ann, self._tag_ids_for(ann.tags)[0])
                    changed_doc_ids.append(int(doc_id))
                    report.updated.append(ann.id)
                else:
                    report.older.append(ann.id)
            if changed:

                def apply(doc: dict[str, Any]) -> None:
                    doc.update(changed[doc["id"]])

                self._notes.update(apply, doc_ids=changed_doc_ids)
            if added:
                records = list(added.values())
                for rec, new_id in zip(records, self._notes.insert_multiple(records), strict=True):
                    self._id_index[rec["id"]] = str(new_id)
            self._anns_cache = None
            self._prune_tags(prune)
        return report

    # -- notes: reads ----------------------------------------------------------------------------

    def get(self, note_id: str) -> Annotation | None:
        with self._mutex:
            self._data()
            self._ensure_index()
            doc_id = self._id_index.get(note_id)
            if doc_id is None:
                return None
            rec = self._table(NOTES).get(doc_id)
            found = self._convert([(doc_id, rec)]) if rec is not None else []
            return found[0] if found else None

    def for_document(
        self, sha256: str, path: str | os.PathLike[str] | None = None
    ) -> list[Annotation]:
        """Notes on a document: those made on this exact text (sha256), plus, when `path` is
        given, those made on an earlier version of the file at that path. In text order."""
        want_path = norm_path(path) if path is not None else None
        same_path: dict[str, bool] = {}  # a few distinct paths among thousands of notes
        with self._mutex:
            picked: list[tuple[str, Any]] = []
            for doc_id, rec in self._table(NOTES).items():
                doc = rec.get("doc") if isinstance(rec, dict) else None
                if not isinstance(doc, dict):
                    continue
                if doc.get("sha256") == sha256 and sha256:
                    picked.append((doc_id, rec))
                elif want_path is not None and isinstance(doc.get("path"), str):
                    hit = same_path.get(doc["path"])
                    if hit is None:
                        try:
                            hit = norm_path(doc["path"]) == want_path
                        except (ValueError, OSError):
                            hit = False
                        same_path[doc["path"]] = hit
                    if hit:
                        picked.append((doc_id, rec))
            anns = self._convert(picked)
        anns.sort(key=lambda a: (a.target.start, a.created))
        return anns

    def all(self) -> list[Annotation]:
        """Every readable note, by document path then position. Malformed ones go to `problems`."""
        with self._mutex:
            self._data()  # a reload resets the cache
            if self._anns_cache is None:
                anns = self._convert(self._table(NOTES).items())
                anns.sort(key=lambda a: (a.doc.path, a.target.start, a.created))
                self._anns_cache = anns
            return list(self._anns_cache)

    def __len__(self) -> int:
        return len(self._table(NOTES))

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
        with self._mutex:
            names = self._tag_names()
            counts = dict.fromkeys(names, 0)
            for rec in self._table(NOTES).values():
                if isinstance(rec, dict) and isinstance(rec.get("tags"), list):
                    for tag_id in set(rec["tags"]):
                        key = str(tag_id)
                        if key in counts:
                            counts[key] += 1
            pairs = [(names[k], n) for k, n in counts.items()]
        pairs.sort(key=lambda p: (-p[1], normalise_tag(p[0]), p[0]))
        return pairs

    def _tag_entry(self, name: str) -> tuple[str, str]:
        norm = normalise_tag(name)
        hit = self._tags_by_norm().get(norm)
        if hit is None:
            raise NoteNotFoundError(f"no tag {name.strip()!r} in {self.path}")
        return hit

    def rename_tag(self, old: str, new: str) -> None:
        """Rename a tag everywhere (one record changes: notes refer to tags by id)."""
        new_norm = normalise_tag(new)
        if not new_norm:
            raise StoreError("a tag name must not be empty")
        with self._writing():
            doc_id, _ = self._tag_entry(old)
            clash = self._tags_by_norm().get(new_norm)
            if clash is not None and clash[0] != doc_id:
                raise StoreError(f"tag {clash[1]!r} already exists; merge the two tags instead")
            self._tags.update({"name": new.strip(), "norm": new_norm}, doc_ids=[int(doc_id)])
            self._tag_cache = None
            self._anns_cache = None

    def merge_tags(self, src: str, dst: str) -> int:
        """Re-point every note tagged `src` to `dst` and drop `src`. Returns notes changed. If
        `dst` does not exist yet this is a rename."""
        if not normalise_tag(dst):
            raise StoreError("a tag name must not be empty")
        with self._writing(backup=True):
            src_id, _ = self._tag_entry(src)
            dst_hit = self._tags_by_norm().get(normalise_tag(dst))
            if dst_hit is None:
                tagged = sum(1 for n, _ in self._tagged(int(src_id)))
                self.rename_tag(src, dst)
                return tagged
            if dst_hit[0] == src_id:
                return 0
            s, d = int(src_id), int(dst_hit[0])
            changed = self._retag(lambda ids: _dedupe([d if t == s else t for t in ids]), s)
            self._tags.remove(doc_ids=[s])
            self._tag_cache = None
            return changed

    def delete_tag(self, name: str) -> int:
        """Remove a tag from every note and from the tag table. Returns notes changed."""
        with self._writing(backup=True):
            tag_id, _ = self._tag_entry(name)
            t_id = int(tag_id)
            changed = self._retag(lambda ids: [t for t in ids if t != t_id], t_id)
            self._tags.remove(doc_ids=[t_id])
            self._tag_cache = None
            return changed

    def _retag(self, fn: Callable[[list[int]], list[int]], tag_id: int) -> int:
        stamp = now_iso()
        hits = [doc_id for doc_id, _ in self._tagged(tag_id)]
        if hits:

            def transform(doc: dict[str, Any]) -> None:
                doc["tags"] = fn(doc["tags"])
                doc["updated"] = stamp

            self._notes.update(transform, doc_ids=hits)
            self._anns_cache = None
        return len(hits)

    def _tagged(self, tag_id: int) -> Iterator[tuple[int, dict[str, Any]]]:
        for doc_id, rec in self._table(NOTES).items():
            if (
                isinstance(rec, dict)
                and isinstance(rec.get("tags"), list)
                and tag_id in rec["tags"]
            ):
                yield int(doc_id), rec

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
        with self._mutex:
            records = list(self._table(STATE).values())
        for rec in records:
            if not isinstance(rec, dict) or rec.get("key") != key or "value" not in rec:
                continue
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
            stamp = rec.get("updated") if isinstance(rec.get("updated"), str) else ""
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
        with self._writing():
            same: list[int] = []
            stale: list[int] = []
            for doc_id, rec in self._table(STATE).items():
                if not isinstance(rec, dict) or rec.get("key") != key:
                    continue
                rec_path = rec.get("path")
                rec_norm = norm_path(rec_path) if isinstance(rec_path, str) and rec_path else None
                if rec.get("sha256") == doc_sha and rec_norm == want_path:
                    same.append(int(doc_id))
                elif want_path is not None and rec_norm == want_path:
                    stale.append(int(doc_id))  # the same file's earlier text: superseded
            record = {
                "sha256": doc_sha,
                "path": str(path) if path is not None else "",
                "key": key,
                "value": value,
                "updated": now_iso(),
            }
            if same:
                existing = self._table(STATE)[str(same[0])]
                if existing.get("value") == value and not stale and len(same) == 1:
                    return
                self._state.update(record, doc_ids=same[:1])
                stale.extend(same[1:])
            else:
                self._state.insert(record)
            if stale:
                self._state.remove(doc_ids=stale)

    # -- change detection ------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """True if another process saved since we last read (a stat; no parsing)."""
        with self._mutex:
            return self._storage.changed_on_disk()

    def refresh(self) -> bool:
        """Re-read the file if another process changed it; True if it did. Cheap when not."""
        with self._mutex:
            return self._storage.sync()


def _dedupe(ids: list[int]) -> list[int]:
    seen: set[int] = set()
    return [t for t in ids if not (t in seen or seen.add(t))]


def _same(a: Annotation, b: Annotation) -> bool:
    """Equal as stored: tags compare by normalised name (their spelling is the tag table's)."""
    return replace(a, tags=tuple(map(normalise_tag, a.tags))) == replace(
        b, tags=tuple(map(normalise_tag, b.tags))
    )


# ----------------------------------------------------------------------------------------------
# Backups
# ----------------------------------------------------------------------------------------------


def list_backups(path: str | os.PathLike[str] | None = None) -> list[BackupInfo]:
    """The backup generations beside the database, newest first, with their note counts."""
    db = resolve_db_path(path)
    out: list[BackupInfo] = []
    for bak in _backups_of(db):
        gen = int(bak.name.rsplit(".", 1)[-1])
        try:
            st = bak.stat()
            data, _ = _parse_db(bak.read_bytes(), bak, read_only=True)
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
        raise StoreError(f"{bak}: cannot read ({_os_reason(exc)})") from None
    if not raw:
        raise StoreError(f"{bak}: the backup is empty; not restoring it")
    _parse_db(raw, bak, read_only=False)  # refuse to restore a backup that is itself unusable
    lock = FileLock(str(lock_path(db)), timeout=lock_timeout)
    try:
        lock.acquire()
    except Timeout:
        raise StoreLockedError(f"{db}: locked by another zoneplan process") from None
    try:
        kept: Path | None = None
        if db.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            kept = db.with_name(f"{db.name}.before-restore-{stamp}")
            try:
                _link_or_copy(db, kept)
            except OSError as exc:
                raise StoreError(f"cannot keep a copy of {db}: {_os_reason(exc)}") from None
        try:
            atomic_write(db, raw)
        except OSError as exc:
            raise StoreError(f"cannot restore {bak} to {db}: {_os_reason(exc)}") from None
        return kept
    finally:
        lock.release()


__all__ = [
    "BACKUP_GENERATIONS",
    "SCHEMA_VERSION",
    "BackupInfo",
    "CorruptStoreError",
    "DocRef",
    "ImportReport",
    "NoteNotFoundError",
    "NotesStore",
    "ReadOnlyStoreError",
    "SafeJSONStorage",
    "StoreError",
    "StoreLockedError",
    "Target",
    "atomic_write",
    "default_db_path",
    "list_backups",
    "resolve_db_path",
    "restore_backup",
]
