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
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from zoneplan_tui.notes.atomic import _checkpoint, _fsync_dir, _fsync_fd, _write_all

# An op: [table, key, record] puts a record, [table, key] removes it.
Op = list[Any]


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


def encode(base: str, ops: Iterable[Op]) -> bytes:
    payload = orjson.dumps({"base": base, "ops": list(ops)})
    return b"%08x " % zlib.crc32(payload) + payload + b"\n"


def decode(line: bytes) -> tuple[str, list[Op]] | None:
    """The base write_id and ops of one complete line, or None for a torn or damaged one."""
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
    base, ops = entry.get("base"), entry.get("ops")
    if not isinstance(base, str) or not isinstance(ops, list):
        return None
    if not all(_valid_op(op) for op in ops):
        return None
    return base, ops


def _valid_op(op: Any) -> bool:
    return (
        isinstance(op, list)
        and len(op) in (2, 3)
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
    many lines were skipped as torn or damaged."""
    out: list[list[Op]] = []
    damaged = 0
    for line in raw.split(b"\n")[:-1] if raw.endswith(b"\n") else raw.split(b"\n"):
        if not line:
            continue
        entry = decode(line)
        if entry is None:
            damaged += 1
        elif entry[0] == base:
            out.append(entry[1])
    return out, damaged


def apply(data: dict[str, Any], ops: Iterable[Op]) -> None:
    """Replay ops over parsed tables, in place."""
    for op in ops:
        table = data.setdefault(op[0], {})
        if not isinstance(table, dict):
            continue  # the base file's checks refuse such a file before anything is replayed
        if len(op) == 3:
            # In place, as TinyDB updates a record; a new key goes last, as TinyDB inserts.
            table[op[1]] = op[2]
        else:
            table.pop(op[1], None)


def append(path: Path, line: bytes, *, mode: int = 0o600) -> JournalVersion:
    """Append one encoded line and fsync it. The caller holds the store's lock. A torn last line
    left by a crash gets a newline first, so it stays one damaged line on its own."""
    created = not path.exists()
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), mode)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
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
