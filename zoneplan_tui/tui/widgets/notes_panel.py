"""The notes of the open plan: filterable by tag and text, orphans listed apart, never hidden."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Select

from zoneplan_tui.notes.anchoring import Anchoring
from zoneplan_tui.notes.annotations import Annotation

STATUS_MARK = {"attached": ("✎", ""), "review": ("?", "bold yellow"), "orphan": ("✗", "bold red")}


@dataclass(frozen=True)
class PlacedNote:
    """A note with where it sits in the current text (re-anchored)."""

    ann: Annotation
    where: Anchoring

    @property
    def start(self) -> int | None:
        return self.where.start

    @property
    def status(self) -> str:
        return self.where.status


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class NotesPanel(Vertical):
    """Enter jumps to a note, `e` edits it, `x` deletes it (the screen offers undo)."""

    BINDINGS = [
        Binding("e", "edit", "Edit", id="notes.edit", tooltip="Edit the note under the cursor"),
        Binding("x,delete", "delete", "Delete", id="notes.delete", tooltip="Delete (u undoes)"),
        Binding("slash", "focus_filter", "Filter", id="notes.filter", show=False),
    ]

    class NoteChosen(Message):
        def __init__(self, note: PlacedNote) -> None:
            self.note = note
            super().__init__()

    class EditRequested(Message):
        def __init__(self, note: PlacedNote) -> None:
            self.note = note
            super().__init__()

    class DeleteRequested(Message):
        def __init__(self, note: PlacedNote) -> None:
            self.note = note
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._notes: list[PlacedNote] = []
        self._by_id: dict[str, PlacedNote] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(classes="panel-filters"):
            yield Select([], prompt="all tags", allow_blank=True, id="notes-tag")
            yield Input(placeholder="filter notes by text, quote or section", id="notes-text")
        table: DataTable = DataTable(id="notes-table", cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        table = self.table
        for col in ("", "section", "quote", "note", "tags"):
            table.add_column(col, key=col or "status")

    @property
    def table(self) -> DataTable:
        return self.query_one("#notes-table", DataTable)

    @property
    def notes(self) -> list[PlacedNote]:
        return self._notes

    def show_notes(self, notes: list[PlacedNote]) -> None:
        # Orphans last, in their own block; the rest in document order.
        self._notes = sorted(
            notes,
            key=lambda n: (n.status == "orphan", n.start if n.start is not None else 0, n.ann.id),
        )
        self._by_id = {n.ann.id: n for n in self._notes}
        tags = sorted({t for n in self._notes for t in n.ann.tags})
        select = self.query_one("#notes-tag", Select)
        current = select.value
        select.set_options([(t, t) for t in tags])
        if isinstance(current, str) and current in tags:
            select.value = current
        self.refresh_rows()

    def filter_by_tag(self, tag: str | None) -> None:
        select = self.query_one("#notes-tag", Select)
        if tag is None:
            select.clear()
        else:
            select.value = tag
        self.refresh_rows()

    def visible_notes(self) -> list[PlacedNote]:
        tag = self.query_one("#notes-tag", Select).value
        needle = self.query_one("#notes-text", Input).value.strip().casefold()
        out = []
        for n in self._notes:
            if isinstance(tag, str) and tag not in n.ann.tags:
                continue
            if needle:
                hay = " ".join((n.ann.note, n.ann.quote, " ".join(n.ann.section), *n.ann.tags))
                if needle not in hay.casefold():
                    continue
            out.append(n)
        return out

    def refresh_rows(self) -> None:
        table = self.table
        keep = table.cursor_row
        table.clear()
        visible = self.visible_notes()
        orphans = 0
        for n in visible:
            mark, style = STATUS_MARK[n.status]
            orphans += n.status == "orphan"
            table.add_row(
                Text(mark, style=style),
                Text(_one_line(n.ann.section[-1] if n.ann.section else "", 16)),
                Text(_one_line(n.ann.quote, 24), style="italic"),
                Text(_one_line(n.ann.note, 40)),
                Text(" ".join(f"#{t}" for t in n.ann.tags), style="cyan"),
                key=n.ann.id,
            )
        if visible:
            table.move_cursor(row=min(keep, len(visible) - 1))
        orphan_note = f" · {orphans} orphaned (✗: passage gone, kept here)" if orphans else ""
        self.border_subtitle = f"{len(visible)}/{len(self._notes)}{orphan_note}"

    def _selected(self) -> PlacedNote | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._by_id.get(str(key))

    @on(Select.Changed, "#notes-tag")
    @on(Input.Changed, "#notes-text")
    def _filters_changed(self) -> None:
        self.refresh_rows()

    @on(Input.Submitted, "#notes-text")
    def _filter_done(self) -> None:
        self.table.focus()

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        note = self._by_id.get(str(event.row_key.value))
        if note is not None:
            self.post_message(self.NoteChosen(note))

    def action_edit(self) -> None:
        note = self._selected()
        if note is not None:
            self.post_message(self.EditRequested(note))

    def action_delete(self) -> None:
        note = self._selected()
        if note is not None:
            self.post_message(self.DeleteRequested(note))

    def action_focus_filter(self) -> None:
        self.query_one("#notes-text", Input).focus()
