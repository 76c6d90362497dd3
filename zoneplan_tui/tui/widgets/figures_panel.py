"""The figures of the current plan as a sortable, filterable table."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Select

from zoneplan_tui.core.analysis import Analysis
from zoneplan_tui.core.figures import KINDS, Figure
from zoneplan_tui.tui.styles import figure_style

COLUMNS = ("section", "text", "kind", "value", "unit", "cmp")


def value_text(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return "–".join(value_text(v) for v in value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e6:
            return str(int(value))
        return f"{value:.4g}"
    return str(value)


def _sort_key(column: str, fig: Figure, section: str) -> tuple:
    if column == "section":
        return (fig.start,)
    if column == "value":
        v = fig.value
        if isinstance(v, list):
            v = v[0] if v else None
        if isinstance(v, (int, float)):
            return (0, float(v), "")
        return (1, 0.0, str(v))
    return (str(getattr(fig, column) or ""), fig.start)


class FiguresPanel(Vertical):
    """Choosing a row posts `FigureChosen`; the screen scrolls the text to it."""

    BINDINGS = [
        Binding("s", "cycle_sort", "Sort", id="figures.sort", tooltip="Sort by the next column"),
        Binding("slash", "focus_filter", "Filter", id="figures.filter", show=False),
    ]

    class FigureChosen(Message):
        def __init__(self, figure: Figure) -> None:
            self.figure = figure
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._plan: Analysis | None = None
        self._sort = "section"
        self._reverse = False
        self._dark = True
        self._stale = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="figures-filters"):
            yield Select(
                [(k, k) for k in KINDS],
                prompt="all kinds",
                allow_blank=True,
                id="figures-kind",
            )
            yield Input(placeholder="filter figures by text or section", id="figures-text")
        table: DataTable = DataTable(id="figures-table", cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for col in COLUMNS:
            table.add_column(col, key=col)

    @property
    def table(self) -> DataTable:
        return self.query_one("#figures-table", DataTable)

    def show_plan(self, plan: Analysis | None, *, dark: bool = True) -> None:
        self._plan = plan
        self._dark = dark
        self._stale = True
        # Thousands of rows cost the UI thread a second on a big plan: fill only when seen.
        if self.display:
            self.refresh_rows()

    def ensure_filled(self) -> None:
        if self._stale:
            self.refresh_rows()

    def visible_figures(self) -> list[Figure]:
        plan = self._plan
        if plan is None:
            return []
        kind = self.query_one("#figures-kind", Select).value
        needle = self.query_one("#figures-text", Input).value.strip().casefold()
        rows = []
        for fig in plan.figures:
            if isinstance(kind, str) and fig.kind != kind:
                continue
            section = " › ".join(plan.section_titles(fig.line))
            if needle and needle not in fig.text.casefold() and needle not in section.casefold():
                continue
            rows.append((fig, section))
        rows.sort(key=lambda r: _sort_key(self._sort, r[0], r[1]), reverse=self._reverse)
        return [fig for fig, _ in rows]

    def refresh_rows(self) -> None:
        self._stale = False
        table = self.table
        table.clear()
        plan = self._plan
        if plan is None:
            return
        for fig in self.visible_figures():
            section = plan.section_titles(fig.line)
            table.add_row(
                Text(section[-1] if section else "", overflow="ellipsis", no_wrap=True),
                Text(fig.text, style=figure_style(fig.kind, self._dark)),
                fig.kind,
                value_text(fig.value),
                Text(fig.unit or ""),
                fig.cmp or "",
                key=str(fig.start),
            )
        self.border_subtitle = f"{table.row_count}/{len(plan.figures)} · sort: {self._sort}"

    @on(Select.Changed, "#figures-kind")
    @on(Input.Changed, "#figures-text")
    def _filters_changed(self) -> None:
        self.refresh_rows()

    @on(Input.Submitted, "#figures-text")
    def _filter_done(self) -> None:
        self.table.focus()

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        self._reverse = not self._reverse if column == self._sort else False
        self._sort = column
        self.refresh_rows()

    def action_cycle_sort(self) -> None:
        self._sort = COLUMNS[(COLUMNS.index(self._sort) + 1) % len(COLUMNS)]
        self._reverse = False
        self.refresh_rows()

    def action_focus_filter(self) -> None:
        self.query_one("#figures-text", Input).focus()

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self._plan is None or event.row_key.value is None:
            return
        start = int(event.row_key.value)
        for fig in self._plan.figures:
            if fig.start == start:
                self.post_message(self.FigureChosen(fig))
                break
