"""ZoneplanApp: thin. It holds the notes store and pushes the reader screen, or the library
screen when it is given a library (`zoneplan DIR`, or no argument: the bundled samples)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from zoneplan_tui.core.document import Document
from zoneplan_tui.tui.commands import SectionsProvider
from zoneplan_tui.tui.library_source import LibrarySource
from zoneplan_tui.tui.screens.library import LibraryScreen
from zoneplan_tui.tui.screens.reader import ReaderScreen


class ZoneplanApp(App[None]):
    CSS_PATH = "zoneplan.tcss"
    TITLE = "zoneplan"
    COMMANDS = App.COMMANDS | {SectionsProvider}

    def __init__(
        self,
        paths: list[Path],
        store: Any = None,
        *,
        library: LibrarySource | None = None,
        preloaded: Document | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.paths = paths
        self.store = store
        self.library = library
        # The command line has already loaded the first plan to report a bad file before the
        # terminal switches over; a 100-page PDF should not be converted twice.
        self._preloaded = preloaded
        # Without a store (tests, read-only use) positions live for this run only.
        self._positions: dict[str, int] = {}

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.library is not None:
            self.push_screen(LibraryScreen(self.library))
        else:
            self.push_screen(ReaderScreen(self.paths))

    def take_preloaded(self, path: Path) -> Document | None:
        """The document the command line loaded for `path`, once (later opens read the file)."""
        doc, self._preloaded = self._preloaded, None
        return doc if doc is not None and doc.path == path else None

    # -- the library, from any screen above it -------------------------------------------------

    def library_screen(self) -> LibraryScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, LibraryScreen)), None)

    def action_show_library(self) -> None:
        library = self.library_screen()
        if library is None:
            self.notify("no library: open a folder (zoneplan DIR)", timeout=3)
            return
        while self.screen is not library and len(self.screen_stack) > 1:
            self.pop_screen()

    def action_library_search(self) -> None:
        library = self.library_screen()
        if library is not None:
            library.action_search()

    def action_library_targets(self) -> None:
        library = self.library_screen()
        if library is not None:
            library.action_targets()

    def _theme_changed(self, _theme: object) -> None:
        screen = self.screen
        if isinstance(screen, ReaderScreen):
            screen.on_theme_changed()

    # -- reading positions, keyed by content hash; the store falls back to the same path's
    # earlier text, so a plan edited since still reopens near where the reader was.

    def reading_position(self, doc: Document) -> int | None:
        if self.store is None:
            return self._positions.get(doc.sha256)
        value = self.store.get_state(doc.sha256, "position", path=doc.path.resolve())
        return value if isinstance(value, int) else None

    def save_reading_position(self, doc: Document, offset: int) -> None:
        if self.store is None:
            self._positions[doc.sha256] = offset
            return
        try:
            self.store.set_state(doc.sha256, "position", offset, path=doc.path.resolve())
        except Exception as exc:  # a full disk must not take the reader down with it
            self.notify(f"could not save the reading position: {exc}", severity="error")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.library_screen() is not None:
            if not isinstance(screen, LibraryScreen):
                yield SystemCommand(
                    "Library", "Back to the list of plans", self.action_show_library
                )
            yield SystemCommand(
                "Search all plans",
                "Search every plan and note (/ in the library)",
                self.action_library_search,
            )
            yield SystemCommand(
                "Targets across plans",
                "Indicators × plans, with a bar chart (T in the library)",
                self.action_library_targets,
            )
        if isinstance(screen, LibraryScreen):
            for title, help_text, action in (
                ("Filter plans", "Filter the plans by text (f)", "filter"),
                ("Sort plans", "Sort by the next column (s)", "sort"),
                ("Keywords", "The selected plan's keywords (k)", "keywords"),
            ):
                yield SystemCommand(title, help_text, partial(screen.run_action, action))
        if not isinstance(screen, ReaderScreen):
            return
        for title, help_text, action in (
            ("Search in document", "Find text in the open plan (/)", "search"),
            ("Next section", "Jump to the next heading (])", "next_section"),
            ("Previous section", "Jump to the previous heading ([)", "prev_section"),
            ("Toggle outline", "Show or hide the outline tree (o)", "toggle_outline"),
            ("Figures panel", "Show or hide the table of figures (f)", "toggle_figures"),
            ("Toggle figure highlighting", "Colour figures by kind (c)", "toggle_highlight"),
            ("Add a note", "Note on the selection or the paragraph (n)", "note"),
            (
                "Note on this section",
                "A note on the whole section under the cursor",
                "note_section",
            ),
            ("Notes panel", "List, filter, edit and delete this plan's notes (a)", "toggle_notes"),
            ("Tags", "All tags with counts: rename, merge, delete (T)", "tags"),
            ("Undo note change", "Undo the last note delete or edit (u)", "undo"),
            ("Keys", "Show the key bindings (?)", "help"),
        ):
            yield SystemCommand(title, help_text, partial(screen.run_action, action))
        for i, path in enumerate(screen.paths):
            if i != screen.index:
                yield SystemCommand(
                    f"Open {path.name}", "Switch to this document", partial(screen.open_document, i)
                )
