"""What the screens share, handed to them by the app: the notes store, the plan the command line
has already loaded, reading positions, and from the settings the outline width and key remaps.

Screens get a `Session` in their constructor instead of reaching into the App class, so no
screen imports the app (the app imports the screens).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from zoneplan_tui.core.document import Document
from zoneplan_tui.notes.protocol import NotesStoreProtocol


@dataclass
class Session:
    store: NotesStoreProtocol | None = None
    # The command line has already loaded the first plan to report a bad file before the
    # terminal switches over; a 100-page PDF should not be converted twice.
    preloaded: Document | None = None
    outline_width: int | str | None = None  # cells or "30%"; None: the stylesheet's
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys (the help shows them)
    # Without a store (tests, read-only use) positions live for this run only.
    positions: dict[str, int] = field(default_factory=dict)
    reviewer: str | None = None  # who signs exported comments (settings); None: the OS user
    export_folder: Path | None = None  # where exports go by default; None: beside the plan
    # How an export is written: the command line hands in its `-o` writer (cli/output_file.py:
    # atomic, regular files only), which the app may not import; without it, atomic_write.
    write_file: Callable[[str, bytes], None] | None = None

    def write(self, name: str, data: bytes) -> None:
        if self.write_file is not None:
            self.write_file(name, data)
            return
        from zoneplan_tui.notes.atomic import atomic_write

        atomic_write(Path(name).expanduser(), data)

    def take_preloaded(self, path: Path) -> Document | None:
        """The document the command line loaded for `path`, once (later opens read the file)."""
        doc, self.preloaded = self.preloaded, None
        return doc if doc is not None and doc.path == path else None

    # Reading positions are keyed by content hash; the store falls back to the same path's
    # earlier text, so a plan edited since still reopens near where the reader was.

    def reading_position(self, doc: Document) -> int | None:
        if self.store is None:
            return self.positions.get(doc.sha256)
        value = self.store.get_state(doc.sha256, "position", path=doc.path.resolve())
        return value if isinstance(value, int) else None

    def save_reading_position(self, doc: Document, offset: int) -> None:
        """Raises what the store raises (a full disk): the caller tells the user."""
        if self.store is None:
            self.positions[doc.sha256] = offset
            return
        self.store.set_state(doc.sha256, "position", offset, path=doc.path.resolve())
