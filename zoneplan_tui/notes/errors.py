"""The notes store's errors, and the one-line form every message a user sees is put in.

Shared by the three layers of the store (atomic.py, storage.py, store.py) and by the annotation
model, so it sits below all of them. Every error is a `UserError`: the CLI prints one line and exits
with status 2, the TUI shows a notification.
"""

from __future__ import annotations

import errno
from pathlib import Path

from zoneplan_tui.core.errors import UserError


def one_line(message: str, limit: int = 300) -> str:
    """Collapse a message to one line of reasonable length (for stderr and error dialogs)."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def os_reason(exc: OSError) -> str:
    """'No space left on device (ENOSPC)': the reason and the symbolic errno, one line."""
    if exc.errno is not None and exc.strerror:
        return f"{exc.strerror} ({errno.errorcode.get(exc.errno, exc.errno)})"
    return one_line(str(exc)) or type(exc).__name__


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
