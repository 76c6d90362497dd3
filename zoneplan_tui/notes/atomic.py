"""Files that are only ever replaced, never rewritten: the bottom layer of the notes store.

Plain functions, no knowledge of JSON or notes:

* `atomic_write` replaces a file so that a crash at any point leaves the old or the new file;
* backup generations `<db>.bak.1..N` are hard links to superseded versions (`rotate_backups`,
  `backup_files`, `restore_file`), which is free and safe precisely because of the above;
* `hold_lock` is the inter-process lock (`<db>.lock`) every read-modify-write holds
  (`hold_lock_once` the same lock for a one-shot command), and `remove_stale_temp_files` cleans
  up after a crashed writer while holding it.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from zoneplan_tui.notes.errors import StoreError, StoreLockedError, os_reason

if TYPE_CHECKING:  # filelock is imported where a lock is taken: readers never need it
    from filelock import FileLock

# Fault injection for the reliability tests: called with the step name and the payload at each
# step of a save. Tests set it to os._exit (a crash) or to raise OSError. Never set in the app.
_fault_hook: Callable[[str, bytes], None] | None = None


def _checkpoint(step: str, payload: bytes) -> None:
    if _fault_hook is not None:
        _fault_hook(step, payload)


# ----------------------------------------------------------------------------------------------
# Names beside the database
# ----------------------------------------------------------------------------------------------


def backup_path(db: Path, generation: int) -> Path:
    return db.with_name(f"{db.name}.bak.{generation}")


def lock_path(db: Path) -> Path:
    return db.with_name(f"{db.name}.lock")


def temp_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def is_temp_of(name: str, target: Path) -> bool:
    return name.startswith(f".{target.name}.") and name.endswith(".tmp")


# ----------------------------------------------------------------------------------------------
# Atomic replace
# ----------------------------------------------------------------------------------------------


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


def atomic_write(
    path: Path,
    payload: bytes,
    *,
    mode: int | None = None,
    owner: tuple[int, int] | None = None,
    before_replace: Callable[[], None] | None = None,
) -> os.stat_result:
    """Replace `path` with `payload` so that a crash at any point leaves the old or the new file.

    Write a temporary file in the same directory (so the rename cannot cross filesystems), fsync
    it, rename it over the target, fsync the directory so the rename itself is durable. On any
    error before the rename the temporary file is removed and the target is untouched.

    `before_replace` runs once the new version is safely on disk and the old one is still in
    place: the moment to link the old one as a backup (a failed write then costs no generation).
    `owner` (uid, gid): given to the new file where the system allows it (a file root replaces
    for another user stays theirs). Returns the stat of the file written.
    """
    directory = path.parent
    tmp = temp_path(path)
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
            if owner is not None and hasattr(os, "fchown"):
                with suppress(OSError):
                    os.fchown(fd, *owner)
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


# ----------------------------------------------------------------------------------------------
# Backup generations
# ----------------------------------------------------------------------------------------------


def link_or_copy(src: Path, dst: Path) -> None:
    """Make `dst` a snapshot of `src`. A hard link is free, and safe because the database is only
    ever replaced, never modified in place; filesystems without links get a copy."""
    with suppress(FileNotFoundError):
        os.unlink(dst)
    try:
        os.link(src, dst)
    except OSError:
        tmp = temp_path(dst)
        try:
            shutil.copyfile(src, tmp)
            os.replace(tmp, dst)
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp)
            raise


def rotate_backups(db: Path, generations: int) -> None:
    """Shift `.bak.1..N-1` up one (the oldest falls off) and make `db` itself `.bak.1`."""
    if generations <= 0 or not db.exists():
        return
    for gen in range(generations, 1, -1):
        older = backup_path(db, gen - 1)
        if older.exists():
            os.replace(older, backup_path(db, gen))
    link_or_copy(db, backup_path(db, 1))


def backup_files(db: Path) -> list[Path]:
    """The backup generations beside `db`, newest (`.bak.1`) first."""
    return sorted(
        (p for p in db.parent.glob(f"{db.name}.bak.*") if p.name.rsplit(".", 1)[-1].isdigit()),
        key=lambda p: int(p.name.rsplit(".", 1)[-1]),
    )


def restore_file(
    db: Path,
    payload: bytes,
    *,
    source: Path,
    lock_timeout: float,
    companion: Path | None = None,
) -> Path | None:
    """Make `payload` (the bytes of backup `source`, checked by the caller) the database again,
    under the lock. The file it replaces, corrupt or not, is kept as
    `<db>.before-restore-<time>` and never deleted; returns that path (None if there was none).
    A `companion` file of the replaced version (its journal) is moved beside that copy, as
    `<db>.before-restore-<time>.<companion suffix>`."""
    from filelock import FileLock

    with hold_lock(FileLock(str(lock_path(db))), db, lock_timeout):
        kept: Path | None = None
        if db.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            kept = db.with_name(f"{db.name}.before-restore-{stamp}")
            try:
                link_or_copy(db, kept)
            except OSError as exc:
                raise StoreError(f"cannot keep a copy of {db}: {os_reason(exc)}") from None
        try:
            atomic_write(db, payload)
        except OSError as exc:
            raise StoreError(f"cannot restore {source} to {db}: {os_reason(exc)}") from None
        if companion is not None and companion.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            moved = db.with_name(f"{db.name}.before-restore-{stamp}{companion.suffix}")
            if kept is not None:
                moved = kept.with_name(kept.name + companion.suffix)
            try:
                os.replace(companion, moved)
            except OSError as exc:
                raise StoreError(f"cannot move {companion} aside: {os_reason(exc)}") from None
        return kept


# ----------------------------------------------------------------------------------------------
# The inter-process lock
# ----------------------------------------------------------------------------------------------


@contextmanager
def hold_lock(lock: FileLock, db: Path, timeout: float) -> Iterator[None]:
    """Hold `<db>.lock` (creating the directory first), or fail with a one-line `StoreError`.

    The lock file is never deleted: deleting it while others wait on it breaks mutual exclusion.
    """
    from filelock import Timeout

    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create {db.parent}: {os_reason(exc)}") from None
    try:
        # filelock polls; its 50 ms default would make every contended save wait that long.
        lock.acquire(timeout=timeout, poll_interval=0.005)
    except Timeout:
        raise _locked(db, timeout) from None
    except OSError as exc:
        raise _cannot_lock(db, exc) from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def hold_lock_once(db: Path, timeout: float) -> Iterator[None]:
    """`hold_lock` for a one-shot command (`zoneplan notes add`), without importing filelock
    (~25 ms of a 0.15 s command since filelock 4). On Unix filelock takes `fcntl.flock` on
    `<db>.lock` and leaves the file in place; taking the same flock on the same file excludes
    it and is excluded by it, in this process or another. Where there is no fcntl, or the lock
    file cannot be opened, filelock itself (`hold_lock`, which also says why)."""
    try:
        import fcntl
    except ImportError:
        fcntl = None  # type: ignore[assignment]
    fd = _open_lock_file(db) if fcntl is not None else None
    if fd is None or fcntl is None:
        from filelock import FileLock

        with hold_lock(FileLock(str(lock_path(db))), db, timeout):
            yield
        return
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _locked(db, timeout) from None
                time.sleep(0.005)  # as hold_lock polls
            except OSError as exc:
                raise _cannot_lock(db, exc) from None
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _locked(db: Path, timeout: float) -> StoreLockedError:
    return StoreLockedError(
        f"{db}: locked by another zoneplan process for over {timeout:g} s "
        f"(lock file {lock_path(db).name})"
    )


def _cannot_lock(db: Path, exc: OSError) -> StoreError:
    return StoreError(f"cannot lock {lock_path(db)}: {os_reason(exc)}")


def _open_lock_file(db: Path) -> int | None:
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create {db.parent}: {os_reason(exc)}") from None
    try:
        return os.open(lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None  # filelock says why (or manages where this cannot)


def remove_stale_temp_files(db: Path, lock: FileLock) -> None:
    """Delete temporary files a crashed save left beside `db`. Only if the lock is free right now:
    a live writer's temporary file exists only while it holds the lock."""
    directory = db.parent
    if not directory.is_dir():
        return
    try:
        leftovers = [p for p in directory.iterdir() if is_temp_of(p.name, db)]
    except OSError:
        return
    if not leftovers:
        return
    from filelock import Timeout

    try:
        lock.acquire(timeout=0)
    except (Timeout, OSError):
        return  # someone is saving right now; the next open cleans up
    try:
        for p in leftovers:
            with suppress(OSError):
                p.unlink()
    finally:
        lock.release()
