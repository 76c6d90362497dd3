"""Targets across plans: one row per indicator and kind (targets, or results), one column per
plan, each cell the plan's values for it as written (value, unit, comparator: 20个以上), with
the year they are for in the year column. Enter on a row draws its values across the plans as a
bar chart, like with like (see target_values).

Rows sort by how many plans have the indicator (the default), by name, kind or year, or by the
value in one plan's column (`s`/`S` or a header click, as in the library). The columns are the
plans the library showed (its filter applies), labelled by their short titles, and `p` picks
among all of the library's plans. The columns share the terminal's width (see
widgets.fit_columns): every column is as wide as its longest cell when they fit, else the
indicator and the plans' columns share what is left; the highlighted cell's full value, with
its year, kind and normalised value, is in the status line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from zoneplan_tui.core.figures import describe
from zoneplan_tui.library.catalog import PlanInfo
from zoneplan_tui.library.targets import TableRow, Target
from zoneplan_tui.library.targets_labels import plan_labels
from zoneplan_tui.tui.bindings import hint
from zoneplan_tui.tui.commands import KeysProvider
from zoneplan_tui.tui.labels import label_line
from zoneplan_tui.tui.library_source import LibrarySource
from zoneplan_tui.tui.screens.base import FooterScreen
from zoneplan_tui.tui.screens.messages import TargetsReady
from zoneplan_tui.tui.screens.plan_columns import PlanColumnsScreen
from zoneplan_tui.tui.target_values import OWN, chart_values, number, sort_rows
from zoneplan_tui.tui.widgets.bar_chart import Bar, BarChart
from zoneplan_tui.tui.widgets.filter_table import FilterTable
from zoneplan_tui.tui.widgets.fit_columns import flex_widths, natural_width
from zoneplan_tui.tui.widgets.messages import RowChosen, TableFilled

# The columns before the plans'; a plan's column is "plan:<i>".
FIXED_COLUMNS = ("indicator", "kind", "year", "plans")
# The fewest cells the indicator and a plan's column get when they must share the width.
FLEX_MIN = {"indicator": 14, "plan": 10}
LABEL_MIN = 12  # a plan's label is cut to no fewer cells while a cell would be cut


def cell_text(targets: list[Target]) -> str:
    return "; ".join((t.figure.text or "").strip() for t in targets)


def indicator_label(row: TableRow) -> str:
    return f"{row.indicator}（增长）" if row.growth else row.indicator


def years_text(row: TableRow) -> str:
    years = row.years
    if len(years) > 2:
        return f"{years[0]}–{years[-1]}"
    return " ".join(map(str, years))


def value_detail(t: Target) -> str:
    """One value in full: `5%左右 → ≈ 0.05 (5%) · 2024 target, line 20`."""
    when = f"{t.year} {t.kind}" if t.year is not None else t.kind
    return f"{describe(t.figure)} · {when}, line {t.figure.line}"


def chart_bars(row: TableRow, plans: list[PlanInfo], labels: list[str]) -> tuple[list[Bar], str]:
    """One bar per value of the row that compares (target_values.chart_values: one dimension,
    one year kind), so 亿元 and 万元 bars compare by their value in yuan; each is labelled with
    its plan, its year where that is not the plan's own, and the value as the plan writes it.
    The note says what was left out and why."""
    label_of = {p.sha256: label for p, label in zip(plans, labels, strict=True)}
    chosen = chart_values(row, plans)
    per_plan = {p.sha256: sum(1 for q, _ in chosen.shown if q is p) for p in plans}
    bars = []
    for p, t in chosen.shown:
        label = label_of[p.sha256]
        if t.year is not None and (chosen.year_kind != OWN or per_plan[p.sha256] > 1):
            label = f"{label} · {t.year}"
        bars.append(Bar(label, number(t) or 0.0, (t.figure.text or "").strip()))
    return bars, chosen.note()


class TargetsTable(FilterTable[TableRow]):
    """Indicators × plans. Rows sort by how many plans have the indicator (the default, most
    first), by name, kind, year, or by the value in one plan's column (see
    target_values.sort_rows). A cell cursor: the highlighted cell's full value goes to the
    status line (`CellShown`)."""

    def __init__(self, placeholder: str) -> None:
        super().__init__(
            table_id="targets-table",
            filter_id="targets-filter",
            placeholder=placeholder,
            sort_column="plans",
            zebra_stripes=False,
            id="targets-rows",
        )
        self.plans: list[PlanInfo] = []
        self.labels: list[str] = []
        self._widths: dict[str, int] = {}

    def on_mount(self) -> None:
        self.table.cursor_type = "cell"
        super().on_mount()

    def set_plans(self, plans: list[PlanInfo]) -> None:
        """The columns; the rows are read again (`set_rows`)."""
        self.plans, self.labels = plans, plan_labels(plans)
        if self.sort_column and self.sort_column.startswith("plan:"):
            self.sort_column, self.sort_reverse = "plans", False  # its column may be gone
        self.rows, self.shown = [], []
        self.draw_columns()

    def columns(self) -> Sequence[tuple[str, str]]:
        plans = [(f"plan:{i}", label) for i, label in enumerate(self.labels)]
        return [(k, k) for k in FIXED_COLUMNS] + plans

    def sort_columns(self) -> list[str]:
        # Then "indicator", kind, year, then each plan's column, as the columns stand.
        return ["plans", "indicator", "kind", "year", *(k for k, _ in self.columns()[4:])]

    def header(self, key: str, label: str) -> Text:
        if key != self.sort_column:
            return label_line(label, overflow="ellipsis", no_wrap=True)
        # "plans" and values go largest first: ▼ is their first order, ▲ the others'.
        down = (key not in ("indicator", "kind", "year")) != self.sort_reverse
        arrow = "▼" if down else "▲"
        # Before a plan's label: a long label is cut at its end, and the arrow stays seen.
        text = f"{arrow} {label}" if key.startswith("plan:") else f"{label} {arrow}"
        return label_line(text, overflow="ellipsis", no_wrap=True)

    def column_width(self, key: str) -> int | None:
        return self._widths.get(key)

    def row_key(self, row: TableRow) -> str:
        # an indicator may have a growth row and a results row too
        return f"{row.key}#{int(row.growth)}#{row.kind}"

    def row_cells(self, row: TableRow) -> list[str]:
        cells = [cell_text(row.cells.get(p.sha256, [])) for p in self.plans]
        return [indicator_label(row), row.kind, years_text(row), str(len(row.cells)), *cells]

    def cells(self, row: TableRow) -> Sequence[RenderableType]:
        texts = self.row_cells(row)
        # Text, never a str (a DataTable reads a str as markup); the plans' words made safe.
        out: list[RenderableType] = [
            label_line(t, overflow="ellipsis", no_wrap=True) for t in texts
        ]
        out[3] = Text(texts[3], justify="right")
        return out

    def draw(self, key: str | None = None, at: int = 0) -> None:
        self._widths = self._column_widths()
        super().draw(key, at)

    def _column_widths(self) -> dict[str, int]:
        """Every column's width at the table's current width (see widgets.fit_columns): the
        kind, year and count columns keep theirs; the indicator and the plans share the rest.
        Cells come before headers: when everything does not fit, a plan's label is cut (to
        no less than LABEL_MIN cells) before any cell is, and the cells are cut last."""
        table = self.table
        columns = self.columns()
        cells = [self.row_cells(r) for r in self.shown]
        labels = {key: self.header(key, label).plain for key, label in columns}
        content = {
            key: natural_width("", (row[i] for row in cells)) for i, (key, _) in enumerate(columns)
        }
        natural = {key: max(content[key], cell_len(labels[key])) for key, _ in columns}
        free = table.size.width - 2 * table.cell_padding * len(columns)
        if len(self.shown) + 1 > table.size.height:  # a vertical scrollbar will show
            free -= table.styles.scrollbar_size_vertical
        flex = [k for k, _ in columns if k == "indicator" or k.startswith("plan:")]
        free = max(0, free - sum(w for k, w in natural.items() if k not in flex))
        full = {k: natural[k] for k in flex}
        cells_whole = {k: max(content[k], min(natural[k], LABEL_MIN)) for k in flex}
        if sum(cells_whole.values()) <= free:
            return natural | flex_widths(free, full, cells_whole)
        minimum = {k: FLEX_MIN["indicator" if k == "indicator" else "plan"] for k in flex}
        return natural | flex_widths(free, cells_whole, minimum)

    def resized(self) -> None:
        if self.rows and self._column_widths() != self._widths:
            selected = self.selected
            column = self.table.cursor_column
            self.draw(None if selected is None else self.row_key(selected), self.table.cursor_row)
            self.table.move_cursor(column=column)

    def filter_rows(self, rows: Sequence[TableRow], needle: str) -> list[TableRow]:
        needle = needle.casefold()
        return [r for r in rows if needle in indicator_label(r).casefold()]

    def sort_rows(self, rows: list[TableRow], column: str, reverse: bool) -> list[TableRow]:
        return sort_rows(rows, column, reverse, [p.sha256 for p in self.plans])

    def sort_key(self, column: str) -> Callable[[TableRow], Any]:
        raise NotImplementedError  # sort_rows does it: values sort by kind, then number

    def cell_detail(self) -> str:
        """The highlighted cell in full: a plan's values with their year, kind and number; the
        indicator with its kind and years."""
        row = self.selected
        if row is None:
            return ""
        column = self.table.cursor_column
        name = indicator_label(row)
        if column >= len(FIXED_COLUMNS):
            i = column - len(FIXED_COLUMNS)
            values = row.cells.get(self.plans[i].sha256, []) if i < len(self.plans) else []
            shown = "; ".join(value_detail(t) for t in values) or "no value"
            return f"{name} · {self.labels[i]}: {shown}"
        years = years_text(row)
        return f"{name} · {row.kind}{f' {years}' if years else ''} · {len(row.cells)} plans"

    @on(DataTable.CellSelected)
    def _cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.choose()


class TargetsScreen(FooterScreen):
    COMMANDS = FooterScreen.COMMANDS | {KeysProvider}
    BINDINGS = [
        Binding(
            "enter",
            "chart",
            "Chart",
            id="targets.chart",
            show=False,
            tooltip="Bar chart of the row across the plans, like with like: every value of one "
            "dimension and one year kind (each plan's own year, by default) compares by its "
            "normalised value (37.9亿元 beside 5000万元, 800亩 beside 30万平方米), labelled as "
            "written; the line under the chart says what was left out and why (another year, "
            "another kind of value, no number)",
        ),
        Binding(
            "escape",
            "close",
            "Back",
            id="targets.close",
            tooltip="Close the chart, then back to the library",
        ),
        Binding(
            "f", "filter", "Filter", id="targets.filter", tooltip="Filter the indicators by text"
        ),
        Binding(
            "s",
            "sort",
            "Sort",
            id="targets.sort",
            tooltip="Sort by how many plans have the indicator (the default), by its name, kind "
            "or year, or by the value in a plan's column (largest first; rows without a number "
            "there last); a click on a header sorts by it",
        ),
        Binding(
            "S",
            "reverse",
            "Reverse",
            id="targets.reverse",
            show=False,
            tooltip="Reverse the order",
        ),
        Binding(
            "p",
            "plans",
            "Plans",
            id="targets.plans",
            tooltip="Choose which plans are columns",
        ),
        Binding("q", "quit", "Quit", id="targets.quit", tooltip="Quit zoneplan"),
    ]

    def __init__(
        self,
        source: LibrarySource,
        plans: list[PlanInfo] | None = None,
        *,
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        """`plans`: the columns (default every plan of the library), e.g. the library's
        filtered rows; `p` chooses among all the library's plans. `keymap`: the user's key
        remaps (the hints on screen follow them)."""
        super().__init__()
        self.keymap = keymap or {}
        self.source = source
        self.all_plans = list(source.plans)
        self._plans = list(plans) if plans is not None else list(self.all_plans)

    # -- the widgets, and their state as the screen's ----------------------------------------------

    @property
    def targets_table(self) -> TargetsTable:
        return self.query_one(TargetsTable)

    @property
    def chart(self) -> BarChart:
        return self.query_one(BarChart)

    @property
    def status_line(self) -> Static:
        return self.query_one("#targets-status", Static)

    @property
    def plans(self) -> list[PlanInfo]:
        """The plans that are columns, in order."""
        return self.targets_table.plans

    @property
    def labels(self) -> list[str]:
        return self.targets_table.labels

    @property
    def rows(self) -> list[TableRow]:
        return self.targets_table.rows

    @property
    def shown(self) -> list[TableRow]:
        return self.targets_table.shown

    @property
    def sort_column(self) -> str | None:
        return self.targets_table.sort_column

    def _key(self, binding_id: str) -> str:
        return hint(TargetsScreen, binding_id, self.keymap)

    def compose(self) -> ComposeResult:
        yield Header()
        yield TargetsTable(
            f"filter indicators ({self._key('targets.filter')}; Enter: to the table)"
        )
        chart = BarChart(id="targets-chart")
        chart.display = False
        chart.border_title = "Across plans"
        yield chart
        yield Static(Text("reading the targets…"), id="targets-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Targets across plans"
        self.targets_table.table.focus()
        self._load_plans(self._plans)

    def _load_plans(self, plans: list[PlanInfo]) -> None:
        n, total = len(plans), len(self.all_plans)
        self.sub_title = f"{n} of {total} plans" if n != total else f"{total} plans"
        self.targets_table.set_plans(plans)
        self._load(tuple(plans))

    @work(thread=True, exclusive=True, group="library-targets")
    def _load(self, plans: tuple[PlanInfo, ...]) -> None:
        shas = tuple(p.sha256 for p in plans)
        try:
            rows = self.source.target_table(plans)
        except Exception as exc:
            self.post_message(TargetsReady(shas, [], str(exc)))
            return
        self.post_message(TargetsReady(shas, rows))

    @on(TargetsReady)
    def _ready(self, message: TargetsReady) -> None:
        self.source.say_notices(self.notify)
        if message.shas != tuple(p.sha256 for p in self.plans):
            return  # read for columns chosen before the last change
        if message.error:
            self.notify(message.error, severity="error")
        self.targets_table.set_rows(message.rows)

    @on(TableFilled, "#targets-rows")
    def _filled(self) -> None:
        self._status()

    @on(DataTable.CellHighlighted, "#targets-table")
    def _cell_highlighted(self) -> None:
        self._status()

    def _status(self) -> None:
        """The highlighted cell in full (the table may have cut it), then the counts, keys."""
        n, total = len(self.shown), len(self.rows)
        count = f"{n} of {total} indicators" if n != total else f"{total} indicators"
        keys = " · ".join(
            f"{self._key(f'targets.{key}')}: {what}"
            for key, what in (
                ("chart", "chart"),
                ("sort", "sort"),
                ("plans", "plans"),
                ("filter", "filter"),
                ("close", "back"),
            )
        )
        detail = self.targets_table.cell_detail()
        lead = f"{detail} · " if detail else ""
        self.status_line.update(label_line(f"{lead}{count} in {len(self.plans)} plans · {keys}"))

    @on(RowChosen, "#targets-rows")
    def _row_chosen(self, message: RowChosen[TableRow]) -> None:
        self.show_chart(message.row)

    def show_chart(self, row: TableRow) -> None:
        bars, note = chart_bars(row, self.plans, self.labels)
        chart = self.chart
        chart.display = True
        chart.show(f"{indicator_label(row)} · {row.kind}s", bars, note)

    def action_chart(self) -> None:
        self.targets_table.choose()

    def action_sort(self) -> None:
        self.targets_table.cycle_sort()

    def action_reverse(self) -> None:
        self.targets_table.reverse()

    def action_plans(self) -> None:
        # The columns first, as they stand, then the library's other plans.
        chosen = {p.sha256 for p in self.plans}
        plans = self.plans + [p for p in self.all_plans if p.sha256 not in chosen]
        self.app.push_screen(
            PlanColumnsScreen(plans, plan_labels(plans), chosen, keymap=self.keymap),
            self._plans_chosen,
        )

    def _plans_chosen(self, shas: set[str] | None) -> None:
        if not shas or shas == {p.sha256 for p in self.plans}:
            return  # cancelled, or nothing changed
        # The columns kept stay in their order; newly ticked ones follow in the library's.
        kept = [p for p in self.plans if p.sha256 in shas]
        added = [p for p in self.all_plans if p.sha256 in shas and p not in kept]
        self.chart.display = False
        self.status_line.update(Text("reading the targets…"))
        self._load_plans(kept + added)

    def action_filter(self) -> None:
        self.targets_table.focus_filter()

    def action_quit(self) -> None:
        self.app.exit()

    def action_close(self) -> None:
        chart = self.chart
        if chart.display:
            chart.display = False
            return
        self.dismiss()
