"""What the widgets tell the screen that holds them: small dataclass messages.

A message that a newer one of its kind makes stale says so in `can_replace`, so a burst of
cursor moves or scroll steps is handled once, with the last value. Messages name the widget that
sent them (`control`), so a screen can tell two tables apart with `@on(RowChosen, "#id")`.

They compare by identity (`eq=False`), as Textual's own messages do. Some keep the namespace
they had as nested classes (`on_text_view_cursor_moved`), so handlers named after it still
receive them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from textual.message import Message
from textual.widget import Widget

from zoneplan_tui.tui.placed_note import PlacedNote

RowT = TypeVar("RowT")


@dataclass(eq=False)
class TopChanged(Message, namespace="text_view"):
    """The character offset of the first visible row changed (the view scrolled)."""

    text_view: Widget
    offset: int

    @property
    def control(self) -> Widget:
        return self.text_view

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, TopChanged) and message.text_view is self.text_view


@dataclass(eq=False)
class CursorMoved(Message, namespace="text_view"):
    """The cursor's character offset changed."""

    text_view: Widget
    offset: int

    @property
    def control(self) -> Widget:
        return self.text_view

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, CursorMoved) and message.text_view is self.text_view


@dataclass(eq=False)
class SelectionChanged(Message, namespace="text_view"):
    """The selection changed: `(start, end)` (end exclusive), or None when cleared."""

    text_view: Widget
    selection: tuple[int, int] | None

    @property
    def control(self) -> Widget:
        return self.text_view

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, SelectionChanged) and message.text_view is self.text_view


@dataclass(eq=False)
class SectionChosen(Message, namespace="outline_tree"):
    """A heading (or the title) was picked in the outline: show its `line`."""

    tree: Widget
    line: int

    @property
    def control(self) -> Widget:
        return self.tree


@dataclass(eq=False)
class RowChosen(Message, Generic[RowT]):
    """A row of a `FilterTable` was chosen (Enter or a click): `row` is the table's own item."""

    table: Widget
    row: RowT

    @property
    def control(self) -> Widget:
        return self.table


@dataclass(eq=False)
class TableFilled(Message):
    """A `FilterTable` drew its rows again (filtered, sorted or given new ones)."""

    table: Widget

    @property
    def control(self) -> Widget:
        return self.table

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, TableFilled) and message.table is self.table


@dataclass(eq=False)
class TableResized(Message):
    """The table of a `FilterTable` changed size (columns that share the width fit again)."""

    table: Widget

    @property
    def control(self) -> Widget:
        return self.table

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, TableResized) and message.table is self.table


@dataclass(eq=False)
class NoteEditRequested(Message):
    """`e` on a note in the notes panel."""

    panel: Widget
    note: PlacedNote

    @property
    def control(self) -> Widget:
        return self.panel


@dataclass(eq=False)
class NoteReattachRequested(Message):
    """`r` on a note in the notes panel: move it onto the text's selection."""

    panel: Widget
    note: PlacedNote

    @property
    def control(self) -> Widget:
        return self.panel


@dataclass(eq=False)
class NoteDeleteRequested(Message):
    """`x` on a note in the notes panel (the reader offers undo)."""

    panel: Widget
    note: PlacedNote

    @property
    def control(self) -> Widget:
        return self.panel


@dataclass(eq=False)
class KeywordChosen(Message, namespace="keywords_panel"):
    """A keyword of the library's keywords panel was picked: search for `word`."""

    panel: Widget
    word: str

    @property
    def control(self) -> Widget:
        return self.panel


@dataclass(eq=False)
class CopyRequested(Message):
    """`y` in a panel: put `text` on the clipboard. `what` names it for the notification ("the
    note"); `source` says which zoneplan command prints it too ("numbers", "notes", "outline"),
    for where the terminal refuses the clipboard."""

    widget: Widget
    text: str
    what: str
    source: str

    @property
    def control(self) -> Widget:
        return self.widget
