"""A filter field above a table whose rows sort by a column: the library's plans, the targets
across plans, the figures panel and the notes panel are each one of these.

A subclass says what a row is: its cells (`cells`), its key (`row_key`), whether it matches the
filter (`filter_rows`) and how a column orders the rows (`sort_key` or `sort_rows`). The widget
keeps the rest the same everywhere: typing in the filter narrows the rows, Enter in it goes to
the table; `cycle_sort` moves to the next sort column and `reverse` turns the order round (the
owner binds them, usually to `s` and `S`), a click on a column header sorts by it and a second
click turns it round; the cursor stays on the row it was on; choosing a row (Enter or a click)
posts `RowChosen` with the row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from rich.console import RenderableType
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input

from zoneplan_tui.tui.labels import label_line
from zoneplan_tui.tui.widgets.messages import RowChosen, TableFilled, TableResized

RowT = TypeVar("RowT")

UP, DOWN = " ▲", " ▼"


class RowsTable(DataTable[RenderableType]):
    """The table of a `FilterTable`: says when its size changed."""

    def on_resize(self, _event: events.Resize) -> None:
        self.post_message(TableResized(self))


class FilterTable(Vertical, Generic[RowT]):
    """`rows` are every row; `shown` the ones the filter lets through, in the sort order."""

    # The columns a click on the header or `cycle_sort` sorts by (None: every column; an empty
    # tuple: the rows keep the order they were given in).
    SORT_COLUMNS: ClassVar[tuple[str, ...] | None] = None

    def __init__(
        self,
        *,
        table_id: str,
        filter_id: str,
        placeholder: str,
        sort_column: str | None = None,
        zebra_stripes: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._table_id = table_id
        self._filter_id = filter_id
        self._placeholder = placeholder
        self._zebra = zebra_stripes
        self.rows: list[RowT] = []
        self.shown: list[RowT] = []
        self.sort_column = sort_column
        self.sort_reverse = False

    # -- what a subclass says -------------------------------------------------------------------

    def columns(self) -> Sequence[tuple[str, str]]:
        """(key, label) of each column, in order."""
        raise NotImplementedError

    def cells(self, row: RowT) -> Sequence[RenderableType]:
        raise NotImplementedError

    def row_key(self, row: RowT) -> str:
        raise NotImplementedError

    def filter_rows(self, rows: Sequence[RowT], needle: str) -> list[RowT]:
        """The rows that match the filter field's text (stripped) and any other filter."""
        return list(rows)

    def sort_key(self, column: str) -> Callable[[RowT], Any]:
        raise NotImplementedError

    def sort_rows(self, rows: list[RowT], column: str, reverse: bool) -> list[RowT]:
        return sorted(rows, key=self.sort_key(column), reverse=reverse)

    def header(self, key: str, label: str) -> Text:
        """A column's header: the sort column's with an arrow."""
        if key != self.sort_column or not self.sort_columns():
            return label_line(label)
        return label_line(label + (DOWN if self.sort_reverse else UP))

    def column_width(self, key: str) -> int | None:
        """A fixed width for the column (None: as wide as its cells)."""
        return None

    def filled(self) -> None:
        """Called after every fill; by default tells the screen (`TableFilled`)."""
        self.post_message(TableFilled(self))

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield from self.compose_filters()
        yield RowsTable(id=self._table_id, cursor_type="row", zebra_stripes=self._zebra)

    def compose_filters(self) -> ComposeResult:
        """The filter field; a subclass may put more filters beside it."""
        yield self.make_filter_input()

    def make_filter_input(self) -> Input:
        return Input(placeholder=self._placeholder, id=self._filter_id)

    def on_mount(self) -> None:
        self.draw_columns()

    @property
    def table(self) -> RowsTable:
        return self.query_one(f"#{self._table_id}", RowsTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one(f"#{self._filter_id}", Input)

    @property
    def needle(self) -> str:
        return self.filter_input.value.strip()

    # -- rows -----------------------------------------------------------------------------------

    def sort_columns(self) -> list[str]:
        if self.SORT_COLUMNS is not None:
            return list(self.SORT_COLUMNS)
        return [key for key, _ in self.columns()]

    def set_rows(self, rows: Sequence[RowT]) -> None:
        self.rows = list(rows)
        self.fill()

    def visible_rows(self) -> list[RowT]:
        """The rows the filters let through, in the sort order."""
        rows = self.filter_rows(self.rows, self.needle)
        if self.sort_column is not None and self.sort_columns():
            rows = self.sort_rows(rows, self.sort_column, self.sort_reverse)
        return rows

    def fill(self) -> None:
        """Filter, sort and draw the rows; the cursor stays on its row, or at its place."""
        current, at = self.selected, self.table.cursor_row
        self.shown = self.visible_rows()
        self.draw(None if current is None else self.row_key(current), at)
        self.filled()

    def draw_columns(self) -> None:
        # Columns are made again on every draw: the sorted one's header carries the arrow, and
        # DataTable has no public way to change the width of a column it has.
        table = self.table
        table.clear(columns=True)
        for key, label in self.columns():
            table.add_column(self.header(key, label), key=key, width=self.column_width(key))

    def draw(self, key: str | None = None, at: int = 0) -> None:
        self.draw_columns()
        table = self.table
        keys = [self.row_key(row) for row in self.shown]
        for row, row_key in zip(self.shown, keys, strict=True):
            table.add_row(*self.cells(row), key=row_key)
        if not keys:
            return
        cursor = keys.index(key) if key in keys else min(at, len(keys) - 1)
        if cursor:
            table.move_cursor(row=cursor)

    @property
    def selected(self) -> RowT | None:
        """The row under the cursor."""
        row = self.table.cursor_row
        return self.shown[row] if self.shown and 0 <= row < len(self.shown) else None

    # -- sorting --------------------------------------------------------------------------------

    def sort_by(self, column: str) -> None:
        """Sort by `column`; again by the same one turns the order round."""
        if column not in self.sort_columns():
            return
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self.fill()

    def cycle_sort(self) -> None:
        keys = self.sort_columns()
        if not keys:
            return
        at = keys.index(self.sort_column) if self.sort_column in keys else -1
        self.sort_column = keys[(at + 1) % len(keys)]
        self.sort_reverse = False
        self.fill()

    def reverse(self) -> None:
        if self.sort_columns():
            self.sort_reverse = not self.sort_reverse
            self.fill()

    def focus_filter(self) -> None:
        self.filter_input.focus()

    def choose(self) -> None:
        """Choose the row under the cursor, as Enter on the table does."""
        row = self.selected
        if row is not None:
            self.post_message(RowChosen(self, row))

    # -- events ---------------------------------------------------------------------------------

    @on(Input.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        if event.input.id == self._filter_id:
            event.stop()
            self.fill()

    @on(Input.Submitted)
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == self._filter_id:
            event.stop()
            self.table.focus()

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.sort_by(str(event.column_key.value))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.choose()

    @on(TableResized)
    def _resized(self, event: TableResized) -> None:
        if event.table is self.table:
            event.stop()
            self.resized()

    def resized(self) -> None:
        """The table changed size (a subclass whose columns share the width fits them again)."""
