"""`-o FILE`: how every command writes a file, whatever it writes.

The file is replaced, never rewritten: the output goes to a temporary file in the target's folder
and is renamed over the target (notes/atomic.py's `atomic_write`), so a full disk or a crash
leaves the previous file whole, never a part of the new one. What may be replaced is only ever a
regular file:

  * a directory, a device, a FIFO or a socket is refused with a one-line error and left alone
    (as root, `-o /dev/null` would otherwise replace the system's /dev/null with a file);
  * a symbolic link is written *through*: when it leads to a regular file, that file is replaced
    and the link kept; a link to anything else, or to nothing, is refused;
  * the replaced file keeps its permission bits (a 0600 file stays 0600) and, when zoneplan runs
    as root, its owner; a new file gets the usual 0666 less the umask.

Just before the rename the target is looked at again, so a regular file turned into something
else meanwhile is not replaced either. `-` names stdout, as it does for most tools.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from zoneplan_tui.core.errors import UserError
from zoneplan_tui.core.safe_text import safe_line

STDOUT = "-"

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _refused(name: str, why: str) -> UserError:
    return UserError(f"{safe_line(name)}: {why}; not written")


def writable_target(name: str) -> tuple[Path, os.stat_result | None]:
    """The regular file `-o name` replaces (through a symbolic link) and its stat, or the path
    to create (stat None). Raises UserError for anything that is not to be replaced."""
    path = Path(name).expanduser().absolute()
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return path, None
    except OSError as exc:
        raise UserError(f"{safe_line(name)}: cannot write ({exc.strerror or exc})") from None
    if stat.S_ISLNK(st.st_mode):
        real = Path(os.path.realpath(path))
        try:
            st = os.stat(real)
        except FileNotFoundError:
            raise _refused(name, "a symbolic link to nothing") from None
        except OSError as exc:
            raise UserError(f"{safe_line(name)}: cannot write ({exc.strerror or exc})") from None
        if not stat.S_ISREG(st.st_mode):
            raise _refused(name, f"a symbolic link to {_kind(st.st_mode)}")
        return real, st
    if not stat.S_ISREG(st.st_mode):
        kind = _kind(st.st_mode)
        raise _refused(name, "is a directory" if kind == "a directory" else f"is {kind}")
    return path, st


def write_output(name: str, data: bytes) -> None:
    """Write `data` to the file `-o name` names, by the rules of the module docstring."""
    from zoneplan_tui.notes.atomic import atomic_write

    path, st = writable_target(name)
    if st is None:
        mode, owner = 0o666 & ~_umask(), None
    else:
        mode = stat.S_IMODE(st.st_mode) & 0o777
        owner = (st.st_uid, st.st_gid) if os.geteuid() == 0 else None

    def still_regular() -> None:
        # The target as it is now, a moment before it is replaced.
        again, _ = writable_target(name)
        if again != path:
            raise _refused(name, "changed while it was being written")

    try:
        atomic_write(path, data, mode=mode, owner=owner, before_replace=still_regular)
    except OSError as exc:
        raise UserError(f"{safe_line(name)}: cannot write ({exc.strerror or exc})") from None
