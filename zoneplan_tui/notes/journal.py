"""The notes file's journal, `<db>.journal`: small changes appended instead of rewriting the file.

Rewriting a 40 MB notes file to add one note costs a serialisation, a 40 MB write and its fsync;
appending one line costs the size of the note. So a save that changes a few records appends one
line here, fsynced, under the store's inter-process lock; every reader replays the lines over
the base file; a save that changes many records, rotates a backup, or finds the journal grown
past a share of the base file rewrites the base file (the atomic path) and removes the journal.

A line is `<crc32 as 8 hex digits> <JSON>\\n`, the JSON `{"base": write_id, "ops": [...]}` with
one op per record the save changed: `[table, key, record]` (the record as it is now) or
`[table, key]` (it is gone). Because every op states a record's whole new value, replaying a
line twice gives the same result, and one line is one transaction: all of it or none.

What makes it safe:

* a line applies only to the base file whose `write_id` it names: once the base file has been
  rewritten (it then holds the journal's content under a new write_id) the old lines are dead,
  even if a crash kept the journal from being removed, and a backup put back never picks up
  lines written on top of a later version;
* a torn line (a crash mid-append: no newline, or a checksum that does not match) is skipped;
  the writer of the next line starts it on a fresh line, so one torn line never spoils another;
* readers do not lock: they read the base file, then the journal, then check that the base file
  is still the one they read (else they read again), so a rewrite between the two reads is seen.

Plain functions here; `storage.NotesFileStorage` uses them.
"""

from __future__ import annotations

import os
import zlib
from collections import Counter
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from zoneplan_tui.notes.atomic import _checkpoint, _fsync_dir, _fsync_fd, _write_all

# An op: [table, key, record] puts a record, [table, key] removes it; [NEW_NOTE, record, tag
# names] adds a note written without reading the file (see `apply`).
Op = list[Any]
NEW_NOTE = "+note"
NOTES_TABLE = "notes"
TAGS_TABLE = "tags"


def journal_path(db: Path) -> Path:
    return db.with_name(f"{db.name}.journal")


@dataclass(frozen=True, slots=True)
class JournalVersion:
    """Which journal bytes were read or written: (st_dev, st_ino, st_size, st_mtime_ns)."""

    ident: tuple[int, int, int, int]

    @classmethod
    def of(cls, st: os.stat_result) -> JournalVersion:
        return cls((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns))

    @property
    def size(self) -> int:
        return self.ident[2]


@dataclass(frozen=True, slots=True)
class Entry:
    base: str  # the write_id of the base file the line was written over
    file: list[int] | None  # that file's (st_dev, st_ino, st_size, st_mtime_ns), as parsed
    ops: list[Op]


def encode(base: str, ops: Iterable[Op], file: Iterable[int] | None = None) -> bytes:
    entry: dict[str, Any] = {"base": base, "ops": list(ops)}
    if file is not None:
        entry["file"] = list(file)
    payload = orjson.dumps(entry)
    return b"%08x " % zlib.crc32(payload) + payload + b"\n"


def decode(line: bytes) -> Entry | None:
    """One complete line, or None for a torn or damaged one."""
    if len(line) < 10 or line[8:9] != b" ":
        return None
    payload = line[9:]
    try:
        if int(line[:8], 16) != zlib.crc32(payload):
            return None
        entry = orjson.loads(payload)
    except (ValueError, orjson.JSONDecodeError):
        return None
    if not isinstance(entry, dict):
        return None
    base, ops, file = entry.get("base"), entry.get("ops"), entry.get("file")
    if not isinstance(base, str) or not isinstance(ops, list):
        return None
    if not all(_valid_op(op) for op in ops):
        return None
    if not (isinstance(file, list) and all(isinstance(x, int) for x in file)):
        file = None
    return Entry(base, file, ops)


def _valid_op(op: Any) -> bool:
    if not isinstance(op, list) or not op:
        return False
    if op[0] == NEW_NOTE:
        return (
            len(op) == 3
            and isinstance(op[1], dict)
            and isinstance(op[1].get("id"), str)
            and isinstance(op[2], list)
            and all(isinstance(t, str) for t in op[2])
        )
    return (
        len(op) in (2, 3)
        and isinstance(op[0], str)
        and isinstance(op[1], str)
        and op[1].isascii()
        and op[1].isdigit()
    )


def read(path: Path) -> tuple[bytes, JournalVersion | None]:
    """The journal's bytes and version; (b"", None) when there is none."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return b"", None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        raw = fh.read(st.st_size)
    # Bytes appended after the fstat are left for the next read (the size says what was seen).
    return raw, JournalVersion.of(st)


def entries(raw: bytes, base: str) -> tuple[list[list[Op]], int]:
    """The ops of every complete, intact line written over base file `base`, in order; and how
    many lines were not (torn, damaged, or written over another version of the file)."""
    out: list[list[Op]] = []
    dead = 0
    for line in raw.split(b"\n"):
        if not line:
            continue
        entry = decode(line)
        if entry is not None and entry.base == base:
            out.append(entry.ops)
        else:
            dead += 1
    return out, dead


def first_entry(path: Path, limit: int = 1 << 20) -> Entry | None:
    """The journal's first line, if it is complete and intact (reading no more than needed)."""
    try:
        with open(path, "rb") as fh:
            line = fh.readline(limit)
    except OSError:
        return None
    return decode(line[:-1]) if line.endswith(b"\n") else None


class _Replay:
    """Replays ops over parsed tables, in place. A note added without reading the file gets what
    TinyDB would have given it on the replayed tables: the next record key (max + 1) and the ids
    of its tags by normalised name, tags created as needed (max + 1 too); an id already stored is
    not added twice. The same lines over the same file give every reader the same records.

    The note ids and the highest keys are kept up to date op by op, so thousands of added notes
    over a file of 50,000 cost one pass over it, not one each."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self._ids: Counter[str] | None = None  # note ids stored, built on the first added note
        self._tags: dict[str, str] | None = None  # tag norm → key
        self._next: dict[str, int] = {}  # table → max key + 1, where known

    def table(self, name: str) -> dict[str, Any] | None:
        table = self.data.setdefault(name, {})
        return table if isinstance(table, dict) else None

    def apply(self, ops: Iterable[Op]) -> None:
        for op in ops:
            if op[0] == NEW_NOTE:
                self._new_note(op[1], op[2])
                continue
            table = self.table(op[0])
            if table is None:
                continue  # the base file's checks refuse such a file before anything is replayed
            key = op[1]
            if op[0] == NOTES_TABLE and self._ids is not None:
                self._forget_id(table.get(key))
            if len(op) == 3:
                # In place, as TinyDB updates a record; a new key goes last, as TinyDB inserts.
                table[key] = op[2]
                if op[0] in self._next:
                    self._next[op[0]] = max(self._next[op[0]], int(key) + 1)
                if op[0] == NOTES_TABLE and self._ids is not None:
                    self._count_id(op[2])
            else:
                table.pop(key, None)
                if self._next.get(op[0]) == int(key) + 1:
                    del self._next[op[0]]  # the highest key went: count again when needed
            if op[0] == TAGS_TABLE:
                self._tags = None

    def _count_id(self, rec: Any) -> None:
        if self._ids is not None and isinstance(rec, dict) and isinstance(rec.get("id"), str):
            self._ids[rec["id"]] += 1

    def _forget_id(self, rec: Any) -> None:
        if self._ids is not None and isinstance(rec, dict) and isinstance(rec.get("id"), str):
            self._ids[rec["id"]] -= 1
            if self._ids[rec["id"]] <= 0:
                del self._ids[rec["id"]]

    def _next_key(self, name: str, table: dict[str, Any]) -> str:
        if name not in self._next:
            self._next[name] = max((int(k) for k in table if k.isdigit()), default=0) + 1
        key = self._next[name]
        self._next[name] = key + 1
        return str(key)

    def _new_note(self, rec: dict[str, Any], tag_names: list[str]) -> None:
        from zoneplan_tui.notes.annotations import normalise_tag

        notes, tags = self.table(NOTES_TABLE), self.table(TAGS_TABLE)
        if notes is None or tags is None:
            return
        if self._ids is None:
            self._ids = Counter()
            for stored in notes.values():
                self._count_id(stored)
        if rec["id"] in self._ids:
            return
        if self._tags is None:
            self._tags = {}
            for key, tag in tags.items():
                if isinstance(tag, dict) and isinstance(tag.get("norm"), str):
                    self._tags.setdefault(tag["norm"], key)
        ids: list[int] = []
        for name in tag_names:
            norm = normalise_tag(name)
            found = self._tags.get(norm)
            if found is None:
                found = self._next_key(TAGS_TABLE, tags)
                tags[found] = {"name": name.strip(), "norm": norm}
                self._tags[norm] = found
            ids.append(int(found))  # as `NotesTables.tag_ids_for` does
        added = {**rec, "tags": ids}
        notes[self._next_key(NOTES_TABLE, notes)] = added
        self._count_id(added)


def apply(data: dict[str, Any], lines: Iterable[list[Op]]) -> None:
    """Replay the lines' ops over parsed tables, in place."""
    replay = _Replay(data)
    for ops in lines:
        replay.apply(ops)


def append(path: Path, line: bytes, *, mode: int = 0o600) -> JournalVersion:
    """Append one encoded line and fsync it. The caller holds the store's lock. A torn last line
    left by a crash gets a newline first, so it stays one damaged line on its own."""
    created = not path.exists()
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), mode)
    try:
        size = os.fstat(fd).st_size
        if size:
            os.lseek(fd, size - 1, os.SEEK_SET)  # appends still go to the end (O_APPEND)
            if os.read(fd, 1) != b"\n":
                line = b"\n" + line
        half = len(line) // 2
        try:
            _checkpoint("journal-before-append", line)
            _write_all(fd, memoryview(line)[:half])
            _checkpoint("journal-mid-append", line)
            _write_all(fd, memoryview(line)[half:])
            _fsync_fd(fd)
        except BaseException:
            # A failed append (a full disk) takes its half line back; if even that fails, the
            # torn line is skipped by readers and the next append starts on a fresh line.
            with suppress(OSError):
                os.ftruncate(fd, size)
            raise
        _checkpoint("journal-after-fsync", line)
        st = os.fstat(fd)
    finally:
        os.close(fd)
    if created:
        _fsync_dir(path.parent)  # the new file's name must survive a crash too
    return JournalVersion.of(st)


def version_now(path: Path) -> JournalVersion | None:
    try:
        return JournalVersion.of(os.stat(path))
    except FileNotFoundError:
        return None
