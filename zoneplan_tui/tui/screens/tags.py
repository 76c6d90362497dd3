"""The tag manager: every tag with its note count across all documents; rename, merge, delete.

`TagsScreen(store)` dismisses with a tag name (Enter on a row: the reader then filters its notes
by that tag) or None (Esc). `PromptScreen` and `ConfirmScreen` are the small reusable modals it
asks with.

Store calls run on the UI thread: they are single small writes (tags are one record each; notes
refer to them by id). A `StoreError` (e.g. the file is locked by another zoneplan, or the new name
is taken) is shown as an error notification; the screen stays usable.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, DataTable, Input, Static
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from zoneplan_tui.notes.annotations import normalise_tag
from zoneplan_tui.notes.protocol import NotesStoreProtocol
from zoneplan_tui.notes.store import StoreError
from zoneplan_tui.tui.bindings import hint
from zoneplan_tui.tui.labels import content, label, label_line, safe_line
from zoneplan_tui.tui.screens.note_editor import CompletingInput, TagSuggester


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text. Enter dismisses with it (stripped), Esc with None. An empty
    answer is refused (a bell) unless `allow_empty`. With a `suggester`, Enter first accepts a
    completion that is showing."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel", tooltip="Cancel the question")
    ]

    def __init__(
        self,
        title: str,
        value: str = "",
        *,
        message: str = "",
        placeholder: str = "",
        suggester: Suggester | None = None,
        allow_empty: bool = False,
    ) -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._message = message
        self._placeholder = placeholder
        self._suggester = suggester
        self._allow_empty = allow_empty
        self._dismissed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-dialog") as dialog:
            dialog.border_title = content(self._title)  # plain: a tag may hold [brackets]
            dialog.border_subtitle = "enter ok · esc cancel"
            if self._message:
                yield Static(label(self._message), id="prompt-message")
            yield CompletingInput(
                # Shown as it would be anywhere: a control character as its placeholder.
                safe_line(self._value),
                placeholder=self._placeholder,
                suggester=self._suggester,
                id="prompt-input",
            )

    @property
    def answer_input(self) -> CompletingInput:
        return self.query_one(CompletingInput)

    def on_mount(self) -> None:
        self.answer_input.focus()

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        answer = event.value.strip()
        if answer == safe_line(self._value).strip():
            answer = self._value.strip()  # as given: its shown form is not a new answer
        if not answer and not self._allow_empty:
            self.app.bell()
            return
        self._close(answer)

    def action_cancel(self) -> None:
        self._close(None)

    def _close(self, result: str | None) -> None:
        if not self._dismissed:  # dismiss() pops the top screen: once only
            self._dismissed = True
            self.dismiss(result)


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question. `y` or the yes button → True; `n`, Esc or the no button → False.
    The focus starts on the no button, so a stray Enter does no harm."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Yes, do it"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="No, leave it"),
    ]

    def __init__(
        self, message: str, *, title: str = "Confirm", yes: str = "Yes", no: str = "Cancel"
    ) -> None:
        super().__init__()
        self._message = message
        self._title = title
        self._yes = yes
        self._no = no
        self._dismissed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog") as dialog:
            dialog.border_title = content(self._title)  # plain: a tag may hold [brackets]
            yield Static(label(self._message), id="confirm-message")
            with Horizontal(id="confirm-buttons"):
                yield Button(
                    Content(f"{self._yes} (y)"), variant="error", compact=True, id="confirm-yes"
                )
                yield Button(Content(f"{self._no} (n)"), compact=True, id="confirm-no")

    @property
    def no_button(self) -> Button:
        return self.query_one("#confirm-no", Button)

    def on_mount(self) -> None:
        self.no_button.focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_answer(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        if not self._dismissed:
            self._dismissed = True
            self.dismiss(yes)


class TagsScreen(ModalScreen[str | None]):
    """All tags with their note counts. Enter dismisses with the tag under the cursor, Esc with
    None; r renames, m merges into another tag, d deletes (from every note; the notes stay)."""

    BINDINGS = [
        Binding(
            "enter",
            "choose",
            "Show notes",
            id="tags.show",
            show=False,
            tooltip="Back to the reader, its notes panel filtered by the tag",
        ),
        Binding("escape", "close", "Close", id="tags.close", tooltip="Close the tag manager"),
        Binding("r", "rename", "Rename", id="tags.rename", tooltip="Rename the tag on every note"),
        Binding(
            "m",
            "merge",
            "Merge",
            id="tags.merge",
            tooltip="Merge the tag into another: its notes get that tag",
        ),
        Binding(
            "d",
            "delete",
            "Delete",
            id="tags.delete",
            tooltip="Delete the tag from every note (the notes stay)",
        ),
        Binding("slash", "focus_filter", "Filter", id="tags.filter", tooltip="Filter the tags"),
        # Only reached while the filter has the focus (the table handles its own arrows):
        # the highlighted row can be moved without leaving the filter.
        Binding(
            "down",
            "cursor(1)",
            "Next",
            show=False,
            id="tags.down",
            tooltip="Next tag (also from the filter)",
        ),
        Binding(
            "up",
            "cursor(-1)",
            "Previous",
            show=False,
            id="tags.up",
            tooltip="Previous tag (also from the filter)",
        ),
    ]

    def __init__(
        self, store: NotesStoreProtocol, *, keymap: Mapping[str, str] | None = None
    ) -> None:
        """`keymap`: the user's key remaps (the border's key hints follow them)."""
        super().__init__()
        self.store = store
        self._keymap = keymap or {}
        self._counts: list[tuple[str, int]] = []
        self._dismissed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="tags-dialog") as dialog:
            dialog.border_title = "Tags"
            keys = " · ".join(
                f"{hint(TagsScreen, f'tags.{key}', self._keymap).lower()} {what}"
                for key, what in (
                    ("show", "show notes"),
                    ("rename", "rename"),
                    ("merge", "merge"),
                    ("delete", "delete"),
                    ("filter", "filter"),
                    ("close", "close"),
                )
            )
            dialog.border_subtitle = content(keys)  # remapped keys: text, never markup
            yield Input(placeholder="filter tags", id="tags-filter")
            table: DataTable[Any] = DataTable(
                cursor_type="row", zebra_stripes=True, id="tags-table"
            )
            table.add_column("Tag", key="tag")
            table.add_column("Notes", key="count")
            yield table
            yield Static("", id="tags-empty")

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#tags-table", DataTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#tags-filter", Input)

    @property
    def dialog(self) -> Vertical:
        return self.query_one("#tags-dialog", Vertical)

    @property
    def empty_note(self) -> Static:
        return self.query_one("#tags-empty", Static)

    def on_mount(self) -> None:
        self.reload()
        self.table.focus()

    # -- data ------------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Re-read the tags from the store and redraw, keeping the cursor on `select` (or on the
        tag it was on)."""
        if select is None:
            select = self.current_tag()
        try:
            self._counts = self.store.tags_with_counts()
        except StoreError as exc:
            self.notify(str(exc), title="Tags", severity="error", markup=False)
            self._counts = []
        self._fill(select)

    @property
    def tags(self) -> list[tuple[str, int]]:
        """(tag, notes) as last read from the store, most used first."""
        return list(self._counts)

    def _fill(self, select: str | None = None) -> None:
        table = self.table
        needle = normalise_tag(self.filter_input.value)
        old_row = table.cursor_row
        table.clear()
        for name, count in self._counts:
            if needle and needle not in normalise_tag(name):
                continue
            # Text, not str: a DataTable reads str cells as markup.
            table.add_row(label_line(name), Text(str(count), justify="right"), key=name)
        row = min(max(old_row, 0), table.row_count - 1)  # where it was, if that tag went away
        if select is not None:
            with suppress(RowDoesNotExist):
                row = table.get_row_index(select)
        if row >= 0:
            table.move_cursor(row=row, animate=False)
        self.dialog.border_title = f"Tags ({len(self._counts)})"
        empty = self.empty_note
        if not self._counts:
            empty.update("No tags yet: tag a note in the note editor.")
        elif not table.row_count:
            empty.update(label_line(f"No tag contains “{needle}”."))
        empty.display = table.row_count == 0

    def current_tag(self) -> str | None:
        """The tag under the table's cursor, if any."""
        table = self.table
        if not table.row_count:
            return None
        try:
            row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        except CellDoesNotExist:
            return None
        return None if row_key.value is None else str(row_key.value)

    def _count_of(self, tag: str) -> int:
        return next((n for name, n in self._counts if name == tag), 0)

    # -- filter ----------------------------------------------------------------------------------

    @on(Input.Changed, "#tags-filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#tags-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.current_tag())

    def action_focus_filter(self) -> None:
        self.filter_input.focus()

    def action_cursor(self, step: int) -> None:
        table = self.table
        if table.row_count:
            row = max(0, min(table.row_count - 1, table.cursor_row + step))
            table.move_cursor(row=row)

    # -- choosing --------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#tags-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._choose(None if event.row_key.value is None else str(event.row_key.value))

    def action_choose(self) -> None:
        self._choose(self.current_tag())

    def _choose(self, tag: str | None) -> None:
        if tag is None:
            self.app.bell()
            return
        self._close(tag)

    def action_close(self) -> None:
        self._close(None)

    def _close(self, result: str | None) -> None:
        if not self._dismissed:  # dismiss() pops the top screen: once only
            self._dismissed = True
            self.dismiss(result)

    # -- editing ---------------------------------------------------------------------------------

    def _target(self) -> str | None:
        tag = self.current_tag()
        if tag is None:
            self.app.bell()
        return tag

    def _report(self, exc: StoreError) -> None:
        self.notify(str(exc), title="Tags", severity="error", markup=False)

    def action_rename(self) -> None:
        old = self._target()
        if old is None:
            return

        def done(new: str | None) -> None:
            if new is None or new == old:
                return
            try:
                self.store.rename_tag(old, new)
            except StoreError as exc:
                self._report(exc)
                return
            self.notify(f"Renamed “{old}” to “{new}”.", title="Tags", markup=False)
            self.reload(select=new)

        self.app.push_screen(PromptScreen(f"Rename “{old}”", old, placeholder="new name"), done)

    def action_merge(self) -> None:
        src = self._target()
        if src is None:
            return
        others = [name for name, _ in self._counts if name != src]

        def done(dst: str | None) -> None:
            if dst is None:
                return
            try:
                changed = self.store.merge_tags(src, dst)
            except StoreError as exc:
                self._report(exc)
                return
            # merge_tags into an existing tag keeps that tag's spelling; select that row.
            target = next((n for n in others if normalise_tag(n) == normalise_tag(dst)), dst)
            notes = "note" if changed == 1 else "notes"
            self.notify(
                f"Merged “{src}” into “{target}” ({changed} {notes}).", title="Tags", markup=False
            )
            self.reload(select=target)

        self.app.push_screen(
            PromptScreen(
                f"Merge “{src}” into…",
                message=f"Every note tagged “{src}” gets the tag you name; “{src}” goes away.",
                placeholder="another tag (→ completes)",
                suggester=TagSuggester(others, multi=False),
            ),
            done,
        )

    def action_delete(self) -> None:
        tag = self._target()
        if tag is None:
            return
        count = self._count_of(tag)

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                changed = self.store.delete_tag(tag)
            except StoreError as exc:
                self._report(exc)
                return
            notes = "note" if changed == 1 else "notes"
            self.notify(f"Deleted “{tag}” from {changed} {notes}.", title="Tags", markup=False)
            self.reload()

        notes = "note" if count == 1 else "notes"
        self.app.push_screen(
            ConfirmScreen(
                f"Remove the tag “{tag}” from {count} {notes}? The notes themselves are kept.",
                title="Delete tag",
                yes="Delete",
            ),
            done,
        )


__all__ = ["ConfirmScreen", "PromptScreen", "TagsScreen"]
