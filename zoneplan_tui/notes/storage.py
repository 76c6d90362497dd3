"""The notes file as TinyDB sees it: a `Storage` that writes safely, and a caching middleware.

Built the way TinyDB itself is (`tinydb/storages.py`, `tinydb/middlewares.py`):

* `SafeJSONStorage` is a TinyDB `Storage` for a JSON file: orjson, every write an atomic replace
  (`atomic.atomic_write`), and a file that is not a TinyDB file refused (`CorruptStoreError`) and
  never overwritten. It also remembers which version of the file it last read or wrote (stat and
  first bytes), so `changed_on_disk()` tells, cheaply, whether another process saved since.
  Usable on its own: `TinyDB(path, storage=SafeJSONStorage)`.
* `NotesFileStorage` adds zoneplan's format: the meta record (`format`, `schema_version`, a
  per-save random `write_id`) checked on read and stamped on write, and schema migrations.
* `ReloadingCache` is a middleware in the style of TinyDB's `CachingMiddleware`: it keeps the
  parsed file in memory, keeps writes there until `flush()`, and `refresh()` reloads the file
  when another process replaced it. `TinyDB(path, storage=ReloadingCache(NotesFileStorage))`.

No locking here: `NotesStore` holds the inter-process lock around refresh → change → flush.
"""

from __future__ import annotations

import gc
import os
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb.middlewares import Middleware
from tinydb.storages import Storage

from zoneplan_tui.notes import journal
from zoneplan_tui.notes.annotations import now_iso
from zoneplan_tui.notes.atomic import atomic_write, backup_files
from zoneplan_tui.notes.errors import (
    CorruptStoreError,
    ReadOnlyStoreError,
    StoreError,
    one_line,
    os_reason,
)

SCHEMA_VERSION = 1
FORMAT_NAME = "zoneplan-notes"

META_TABLE = "_default"  # TinyDB's default table holds the one meta record, id 1
META_ID = "1"
NOTES = "notes"
TAGS = "tags"
STATE = "state"
CORRECTIONS = "corrections"  # the reader's corrections of headings and plan metadata

# The meta record, with its per-save random write_id, is serialised first; comparing this many
# leading bytes catches a rewrite that stat alone could miss (inode reuse within one mtime tick).
HEAD_BYTES = 128

# A migration upgrades the parsed data from version N to N + 1 in place. None exist yet: schema 1
# is the first released format. Register them here; `NotesFileStorage.parse` runs them in order.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], None]] = {}

# How our writer begins every file (`_stamp`: the meta record first, write_id its first field).
_OUR_HEAD = re.compile(
    rb'\{"_default":\{"1":\{"write_id":"([0-9a-f]{32})","format":"'
    + FORMAT_NAME.encode()
    + rb'","schema_version":(\d+)[,}]'
)

Tables = dict[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class FileVersion:
    """Which bytes a storage last read or wrote: st_dev, st_ino, st_size, st_mtime_ns and the
    first HEAD_BYTES bytes."""

    ident: tuple[int, int, int, int]
    head: bytes

    @classmethod
    def of(cls, st: os.stat_result, payload: bytes) -> FileVersion:
        return cls((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns), payload[:HEAD_BYTES])


def corrupt(path: Path, reason: str) -> CorruptStoreError:
    """The error for a file we must not overwrite, naming the backup that could replace it."""
    return CorruptStoreError(f"{path}: {reason}; it was left untouched{restore_hint(path)}", path)


def _when(posix: float) -> str:
    return datetime.fromtimestamp(posix, UTC).strftime("%Y-%m-%d %H:%M UTC")


def newest_good_backup(path: Path) -> tuple[int, Path, float] | None:
    """(generation, path, modification time) of the newest backup that reads as a notes file:
    the one a restore should take. A cut-short save may have been rotated into `.bak.1` too."""
    for bak in backup_files(path):
        try:
            raw = bak.read_bytes()
            if not raw or NotesFileStorage(bak, read_only=True).parse(raw) is None:
                continue  # an empty backup holds nothing worth restoring
            return int(bak.name.rsplit(".", 1)[-1]), bak, bak.stat().st_mtime
        except (OSError, StoreError):
            continue
    return None


def restore_hint(path: Path) -> str:
    """What to do about a damaged notes file, for its error message: the command that puts the
    newest good backup back, and that backup's path and time ("" when there are no backups)."""
    backups = backup_files(path)
    if not backups:
        return ""
    good = newest_good_backup(path)
    if good is None:
        names = ", ".join(b.name for b in backups)
        return f"; none of its backups ({names}) reads either"
    generation, bak, modified = good
    command = "zoneplan notes restore" + (f" {generation}" if generation != 1 else "")
    return f"; `{command}` puts back the newest good backup, {bak} (saved {_when(modified)})"


def loads(raw: bytes) -> Any:
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


# ----------------------------------------------------------------------------------------------
# The safe JSON file
# ----------------------------------------------------------------------------------------------


class SafeJSONStorage(Storage):
    """A TinyDB storage for a JSON file that is only ever replaced atomically.

    Every `read()` parses the file (wrap it in `ReloadingCache` to keep it parsed). A file that is
    not a TinyDB file raises `CorruptStoreError` and is never written to. Opened `read_only`, it
    never writes and tolerates record ids TinyDB could not parse (such a file is never written
    back through TinyDB, so they cannot do harm).
    """

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        # The version last read or written; None: no file (or none read yet).
        self.version: FileVersion | None = None

    # -- TinyDB's interface ----------------------------------------------------------------------

    def read(self) -> Tables | None:
        raw, version = self._read_bytes()
        data = None if raw is None else self.parse(raw)
        self.version = version  # only once parsed: a bad file stays "changed" and is re-checked
        return data

    def write(self, data: Tables) -> None:
        self.save(data)

    # -- reading ---------------------------------------------------------------------------------

    def _read_bytes(self) -> tuple[bytes | None, FileVersion | None]:
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            return None, None
        except IsADirectoryError:
            raise StoreError(f"{self.path}: is a directory, not a notes file") from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read ({os_reason(exc)})") from None
        try:
            with os.fdopen(fd, "rb") as fh:
                # fstat of the open file: the identity of exactly the bytes we read, even if
                # another process replaces the path meanwhile.
                st = os.fstat(fh.fileno())
                raw = fh.read()
        except IsADirectoryError:
            raise StoreError(f"{self.path}: is a directory, not a notes file") from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read ({os_reason(exc)})") from None
        return raw, FileVersion.of(st, raw)

    def parse(self, raw: bytes) -> Tables | None:
        """Parse and check the file's bytes; None for an empty database. Raises CorruptStoreError
        for anything that must not be overwritten."""
        if not raw:
            # Our writer never leaves an empty file (it replaces a complete one), so a zero-byte
            # file is either one the user created (`touch`) and there is nothing to lose, or what
            # some other tool left after a crash. Backups beside it say it was ours: refuse and
            # point at them instead of quietly starting afresh.
            if backup_files(self.path):
                raise corrupt(self.path, "the notes file is empty but backups exist")
            return None
        try:
            data = loads(raw)
        except orjson.JSONDecodeError as exc:
            raise corrupt(self.path, f"not valid JSON ({one_line(str(exc), 120)})") from None
        if not isinstance(data, dict):
            raise corrupt(self.path, f"not a zoneplan notes file (a JSON {type(data).__name__})")
        for name, table in data.items():
            if not isinstance(table, dict):
                raise corrupt(self.path, f"not a TinyDB file (table {name!r} is not an object)")
            if self.read_only:
                continue  # odd record ids are skipped when read; such a file is never written to
            for key in table:
                if not (key.isascii() and key.isdigit()):
                    raise corrupt(
                        self.path, f"not a TinyDB file (table {name!r} has a record id {key!r})"
                    )
        return data

    def changed_on_disk(self) -> bool:
        """Whether the file differs from the version last read or written: a stat, and when that
        matches, the first HEAD_BYTES bytes."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return self.version is not None
        except OSError:
            return True  # let the reload report it
        if self.version is None:
            return True
        if FileVersion.of(st, b"").ident != self.version.ident:
            return True
        try:
            with open(self.path, "rb") as fh:
                return fh.read(HEAD_BYTES) != self.version.head
        except OSError:
            return True

    # -- writing ---------------------------------------------------------------------------------

    def can_append(self) -> bool:
        """Whether `append` can record a few changed records instead of a rewrite (see
        `NotesFileStorage`); a plain TinyDB file cannot."""
        return False

    def append(self, data: Tables, changed: Iterable[tuple[str, str]]) -> None:
        raise NotImplementedError

    def save(self, data: Tables, *, before_replace: Callable[[], None] | None = None) -> None:
        """Serialise first (an error then never touches the disk), then replace the file
        atomically. `before_replace` goes to `atomic_write` (the moment to rotate backups)."""
        if self.read_only:
            raise ReadOnlyStoreError(f"{self.path}: opened read-only")
        try:
            payload = orjson.dumps(data)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{self.path}: cannot serialise the notes ({exc})") from None
        try:
            st = atomic_write(self.path, payload, before_replace=before_replace)
        except OSError as exc:
            raise StoreError(
                f"cannot save notes to {self.path}: {os_reason(exc)}; the file was not changed"
            ) from None
        self.version = FileVersion.of(st, payload)


# ----------------------------------------------------------------------------------------------
# zoneplan's notes format on top of it
# ----------------------------------------------------------------------------------------------


class NotesFileStorage(SafeJSONStorage):
    """`SafeJSONStorage` for zoneplan's notes file: `{"_default": {"1": <meta>}, "notes": …,
    "tags": …, "state": …}`, the meta record first.

    Reading checks the meta record and migrates an older schema in memory (reading never writes;
    `upgrading` tells the next save that it writes a new schema). Writing stamps the meta record
    with a fresh `write_id`, which is what `changed_on_disk` compares in the first bytes.
    """

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        super().__init__(path, read_only=read_only)
        self.upgrading = False  # the data read was migrated from an older schema
        self.journal = journal.journal_path(self.path)
        # The journal as last read or appended to (None: there was none), and the write_id of
        # the base file its lines must name (None: no base file yet, nothing can be appended).
        self.journal_version: journal.JournalVersion | None = None
        self.base_id: str | None = None
        # Lines skipped in the last read: torn, damaged, or over another version of the file.
        # The next save rewrites the file instead of appending, which removes them.
        self.journal_dead = 0

    # -- reading: the base file, then the journal's lines over it ----------------------------------

    def read(self) -> Tables | None:
        for _ in range(20):
            raw, version = self._read_bytes()
            data = None if raw is None else self.parse(raw)
            jraw, jversion = journal.read(self.journal)
            # Read without the lock: if a writer rewrote the base file (and removed the journal)
            # between the two reads, the journal read may belong to the next version. Read again.
            if self._still(version):
                break
        self.version = version
        self.journal_version = jversion
        meta = (data or {}).get(META_TABLE, {}).get(META_ID) if data else None
        write_id = meta.get("write_id") if isinstance(meta, dict) else None
        self.base_id = write_id if isinstance(write_id, str) and write_id else None
        self.journal_dead = 0
        if data is not None and self.base_id is not None and jraw:
            lines, self.journal_dead = journal.entries(jraw, self.base_id)
            journal.apply(data, lines)
        elif jraw:
            self.journal_dead = 1  # lines over a file that is gone: the next save rewrites
        return data

    def _still(self, version: FileVersion | None) -> bool:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return version is None
        except OSError:
            return True  # the next read reports it
        return version is not None and FileVersion.of(st, b"").ident == version.ident

    def changed_on_disk(self) -> bool:
        if super().changed_on_disk():
            return True
        return journal.version_now(self.journal) != self.journal_version

    # -- writing: a few records appended, or the whole file replaced ------------------------------

    def can_append(self) -> bool:
        return (
            not self.read_only
            and self.base_id is not None
            and not self.upgrading
            and not self.journal_dead
        )

    @property
    def journal_size(self) -> int:
        return self.journal_version.size if self.journal_version is not None else 0

    @property
    def base_size(self) -> int:
        return self.version.ident[2] if self.version is not None else 0

    def append_unread(self, ops: list[journal.Op], *, journal_limit: Callable[[int], int]) -> bool:
        """Append `ops` without parsing the file, if a store that parsed this very version of it
        has appended before: the journal's first line names the file's write_id and identity
        (st_dev, st_ino, st_size, st_mtime_ns), which only a reader that parsed it writes, and
        the file is only ever replaced, never changed in place. False (nothing written) when
        that is not so, or when the journal has reached `journal_limit(file size)`: then open
        the store and save the usual way. The caller holds the lock."""
        if self.read_only:
            return False
        try:
            st = os.stat(self.path)
            with open(self.path, "rb") as fh:
                head = fh.read(HEAD_BYTES)
        except OSError:
            return False
        found = _OUR_HEAD.match(head)
        if found is None or int(found[2]) != SCHEMA_VERSION:
            return False
        current = journal.version_now(self.journal)
        if current is None or current.size >= journal_limit(st.st_size):
            return False
        ident = list(FileVersion.of(st, b"").ident)
        first = journal.first_entry(self.journal)
        base = found[1].decode()
        if first is None or first.base != base or first.file != ident:
            return False
        try:
            line = journal.encode(base, ops, ident)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{self.path}: cannot serialise the notes ({exc})") from None
        try:
            journal.append(self.journal, line, mode=st.st_mode & 0o777)
        except OSError as exc:
            raise StoreError(
                f"cannot save notes to {self.journal}: {os_reason(exc)}; the notes file was not "
                "changed"
            ) from None
        return True

    def start_journal(self) -> bool:
        """Start the journal with a line of no ops naming the file as last read or written (its
        write_id and identity), when there is no journal and the file on disk is still that
        version: what `append_unread` needs to append without parsing the file. True if
        written. The caller holds the lock."""
        if self.read_only or self.base_id is None or self.version is None:
            return False
        try:
            st = os.stat(self.path)
        except OSError:
            return False
        ident = FileVersion.of(st, b"").ident
        if ident != self.version.ident or journal.version_now(self.journal) is not None:
            return False
        try:
            line = journal.encode(self.base_id, [], ident)
            self.journal_version = journal.append(self.journal, line, mode=st.st_mode & 0o777)
        except OSError:
            self.journal_version = journal.version_now(self.journal)
            return False  # only a convenience: the next add parses the file instead
        return True

    def append(self, data: Tables, changed: Iterable[tuple[str, str]]) -> None:
        """Record the current value of the `changed` (table, key) records in the journal: one
        line, fsynced. The caller holds the lock and has read the latest version."""
        if self.read_only:
            raise ReadOnlyStoreError(f"{self.path}: opened read-only")
        if self.base_id is None:
            raise StoreError(f"{self.path}: no base file to append to")
        ops: list[journal.Op] = []
        for name, key in changed:
            table = data.get(name)
            if isinstance(table, dict) and key in table:
                ops.append([name, key, table[key]])
            else:
                ops.append([name, key])
        file = self.version.ident if self.version is not None else None
        try:
            line = journal.encode(self.base_id, ops, file)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{self.path}: cannot serialise the notes ({exc})") from None
        try:
            mode = os.stat(self.path).st_mode & 0o777
            self.journal_version = journal.append(self.journal, line, mode=mode)
        except OSError as exc:
            raise StoreError(
                f"cannot save notes to {self.journal}: {os_reason(exc)}; the notes file was not "
                "changed"
            ) from None

    def parse(self, raw: bytes) -> Tables | None:
        data = super().parse(raw)
        self.upgrading = False
        if data is None or not any(data.values()):
            return None  # `{}` or empty tables: TinyDB's own empty database
        meta = data.get(META_TABLE, {}).get(META_ID)
        if not isinstance(meta, dict) or meta.get("format") != FORMAT_NAME:
            raise corrupt(self.path, "a JSON file, but not a zoneplan notes file")
        version = meta.get("schema_version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise corrupt(self.path, f"a zoneplan notes file with a bad schema_version {version!r}")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer zoneplan (notes schema {version}, this one "
                f"reads {SCHEMA_VERSION}); upgrade zoneplan"
            )
        self.upgrading = version < SCHEMA_VERSION
        while version < SCHEMA_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise corrupt(self.path, f"no migration from notes schema {version}")
            step(data)
            version += 1
            data[META_TABLE][META_ID]["schema_version"] = version
        return data

    def save(self, data: Tables, *, before_replace: Callable[[], None] | None = None) -> None:
        _stamp(data)
        super().save(data, before_replace=before_replace)
        self.upgrading = False
        self.journal_dead = 0
        self.base_id = data[META_TABLE][META_ID]["write_id"]
        # The new base file holds everything the journal said, and its new write_id has made the
        # journal's lines dead already; removing the file only saves the next reader the bytes.
        try:
            os.unlink(self.journal)
        except FileNotFoundError:
            pass
        except OSError:
            pass  # dead lines are skipped by every reader; the next rewrite tries again
        self.journal_version = journal.version_now(self.journal)


def _stamp(data: Tables) -> None:
    """Put the meta record first, with a fresh write_id, and the known tables in their order.

    In place, so that a cache holding `data` holds exactly what was written (`created` in
    particular must not be invented again by the next save)."""
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
    ordered: Tables = {META_TABLE: {META_ID: meta}}
    ordered[META_TABLE].update({k: v for k, v in old_meta_table.items() if k != META_ID})
    # The corrections table always, after the small tables: `holds_corrections` then finds its
    # key near the end of the file instead of reading all of it to learn it is not there.
    for name in (NOTES, TAGS, STATE, CORRECTIONS):
        ordered[name] = data.get(name, {})
    for name, table in data.items():
        ordered.setdefault(name, table)
    data.clear()
    data.update(ordered)


# ----------------------------------------------------------------------------------------------
# The cache
# ----------------------------------------------------------------------------------------------


class ReloadingCache(Middleware):
    """Keep the parsed file in memory; reload it when another process replaced it.

    Like TinyDB's `CachingMiddleware`, reads are served from memory and writes stay there until
    `flush()` (and `close()`); so everything a transaction writes, to any table, is one save.
    Unlike it, `refresh()` re-reads the file if its version changed on disk (a stat and 128 bytes
    when it did not), and a failed flush drops the unsaved data so the next read brings back the
    truth instead of showing a change that was never saved.

    `generation` counts the versions of the file loaded into memory (a load, or dropping unsaved
    data); a save of our own does not count: what we wrote is what we already had. When it
    changes, make a new `TinyDB` over the cache: TinyDB's tables count document ids from the data
    they first saw, and would otherwise hand out an id another process already used.
    """

    storage: SafeJSONStorage

    def __init__(self, storage_cls: Callable[..., SafeJSONStorage]) -> None:
        super().__init__(storage_cls)
        self.cache: Tables | None = None
        self.loaded = False
        self.dirty = False
        self.generation = 0
        # What was written since the last flush: the (table, key) records, or None when a write
        # did not say (plain TinyDB rewrites whole tables): then only a full save will do.
        self.changed: set[tuple[str, str]] | None = set()

    def read(self) -> Tables | None:
        if not self.loaded:
            self._load()
        return self.cache

    def write(self, data: Tables) -> None:
        self.cache = data
        self.loaded = True
        self.dirty = True
        self.changed = None

    def write_records(self, data: Tables, table: str, keys: Iterable[str]) -> None:
        """`write`, saying which records of `table` changed (so a save may append just those)."""
        changed = self.changed
        self.write(data)
        if changed is not None:
            changed.update((table, key) for key in keys)
        self.changed = changed

    def can_append(self, max_records: int) -> bool:
        """Whether the unsaved writes are at most `max_records` known records and the storage
        can append them instead of rewriting the file."""
        return (
            self.changed is not None
            and len(self.changed) <= max_records
            and self.storage.can_append()
        )

    def changed_on_disk(self) -> bool:
        return not self.loaded or self.storage.changed_on_disk()

    def refresh(self) -> bool:
        """Reload if another process saved since (unsaved writes win until flushed). True if it
        did."""
        if self.dirty or not self.changed_on_disk():
            return False
        self._load()
        return True

    def flush(
        self, *, before_replace: Callable[[], None] | None = None, append: bool = False
    ) -> bool:
        """Save what was written since the last flush, if anything. True if it saved.
        `append=True` (after `can_append`): append the changed records instead of rewriting."""
        if not self.dirty:
            return False
        try:
            if append and self.changed is not None and self.cache is not None:
                self.storage.append(self.cache, sorted(self.changed))
            else:
                self.storage.save(
                    self.cache if self.cache is not None else {}, before_replace=before_replace
                )
        except BaseException:
            self.discard()
            raise
        self.dirty = False
        self.changed = set()
        return True

    def rewrite(self) -> None:
        """Rewrite the file from memory with no change of ours (folds a journal into the base)."""
        if self.dirty:
            raise RuntimeError("rewrite() with unsaved writes; flush() them instead")
        try:
            self.storage.save(self.cache if self.cache is not None else {})
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Forget the data, unsaved writes included; the next read parses the file again."""
        self.cache = None
        self.loaded = False
        self.dirty = False
        self.changed = set()
        self.generation += 1

    def close(self) -> None:
        self.flush()
        self.storage.close()

    def _load(self) -> None:
        self.cache = self.storage.read()
        self.loaded = True
        self.dirty = False
        self.changed = set()
        self.generation += 1
