"""Targets across plans: one row per indicator, one column per plan, each cell the plan's
figures for it as written (value, unit, comparator: 20个以上). Enter on a row draws its values
across the plans as a bar chart.

Rows sort by how many plans have the indicator (the default), by name, or by the value in one
plan's column (`s`/`S` or a header click, as in the library). The columns are the plans the
library showed (its filter applies), and `p` picks among all of the library's plans: with
twenty plans, sixteen cells each, most columns would be off screen.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from zoneplan_tui.library.catalog import PlanInfo
from zoneplan_tui.library.targets import TableRow, Target
from zoneplan_tui.tui.library_source import LibrarySource
from zoneplan_tui.tui.screens.plan_columns import PlanColumnsScreen
from zoneplan_tui.tui.sorting import SortedTable
from zoneplan_tui.tui.target_values import dimension, dimension_name, number, sort_rows
from zoneplan_tui.tui.widgets.bar_chart import Bar, BarChart

INDICATOR_WIDTH, PLAN_WIDTH = 26, 16


class TargetsReady(Message):
    def __init__(
        self, shas: tuple[str, ...], rows: list[TableRow], error: str | None = None
    ) -> None:
        self.shas, self.rows, self.error = shas, rows, error  # shas: the plans read
        super().__init__()


def plan_labels(plans: list[PlanInfo]) -> list[str]:
    """Column labels; two plans of one body and year (a draft, a final) get their file names."""
    labels = [p.label for p in plans]
    return [
        f"{lab} ({Path(p.path).stem})" if labels.count(lab) > 1 else lab
        for lab, p in zip(labels, plans, strict=True)
    ]


def cell_text(targets: list[Target]) -> str:
    return "; ".join((t.figure.text or "").strip() for t in targets)


def indicator_label(row: TableRow) -> str:
    return f"{row.indicator}（增长）" if row.growth else row.indicator


def chart_bars(row: TableRow, plans: list[PlanInfo], labels: list[str]) -> tuple[list[Bar], str]:
    """One bar per plan with a number for the indicator, on the dimension most plans have
    (yuan, m², a count …: see target_values), so 亿元 and 万元 bars compare by their value in
    yuan; each is labelled as the plan writes it. A note says how many plans were left out,
    and why: a value of another kind (a percentage beside amounts), or no number at all."""
    numeric: list[tuple[str, list[Target]]] = []
    no_number = 0
    for plan, label in zip(plans, labels, strict=True):
        targets = [t for t in row.cells.get(plan.sha256, []) if number(t) is not None]
        if targets:
            numeric.append((label, targets))
        elif row.cells.get(plan.sha256):
            no_number += 1
    # Plans count once per dimension they have; ties go to the first plan's first figure.
    counts = Counter(d for _, ts in numeric for d in dict.fromkeys(map(dimension, ts)))
    best = max(counts, key=counts.__getitem__) if counts else None
    bars: list[Bar] = []
    other: set[str] = set()
    for label, targets in numeric:
        t = next((t for t in targets if dimension(t) == best), None)
        if t is None:
            other.add(dimension(targets[0]))
            continue
        bars.append(Bar(label, number(t) or 0.0, (t.figure.text or "").strip()))
    left_out = len(numeric) - len(bars)
    notes = []
    if left_out:
        kinds = ", ".join(sorted(map(dimension_name, other)))
        notes.append(
            f"{_plans(left_out)} left out: another kind of value ({kinds}, not "
            f"{dimension_name(best or '')})"
        )
    if no_number:
        notes.append(f"{_plans(no_number)} without a number (xx, a range)")
    return bars, "; ".join(notes)


def _plans(n: int) -> str:
    return f"{n} plan{'s' if n != 1 else ''}"


class TargetsScreen(SortedTable, Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back", id="targets.close", tooltip="Back to the library"),
        Binding(
            "f", "filter", "Filter", id="targets.filter", tooltip="Filter the indicators by text"
        ),
        Binding(
            "s",
            "sort",
            "Sort",
            id="targets.sort",
            tooltip="Sort by the next column: plans, indicator, each plan's value (S: reverse)",
        ),
        Binding(
            "S", "reverse", "Reverse", id="targets.reverse", show=False, tooltip="Reverse the order"
        ),
        Binding(
            "p", "plans", "Plans", id="targets.plans", tooltip="Choose which plans are columns"
        ),
        Binding("q", "quit", "Quit", id="targets.quit", tooltip="Quit zoneplan"),
    ]

    def __init__(self, source: LibrarySource, plans: list[PlanInfo] | None = None) -> None:
        """`plans`: the columns (default every plan of the library), e.g. the library's
        filtered rows; `p` chooses among all the library's plans."""
        super().__init__()
        self.source = source
        self.all_plans = list(source.plans)
        self.plans = list(plans) if plans is not None else list(self.all_plans)
        self.labels = plan_labels(self.plans)
        self.rows: list[TableRow] = []
        self.shown: list[TableRow] = []
        self.sort_column = "plans"
        self.sort_reverse = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="filter indicators (f; Enter: to the table)", id="targets-filter")
        yield DataTable(id="targets-table", cursor_type="row")
        chart = BarChart(id="targets-chart")
        chart.display = False
        chart.border_title = "Across plans"
        yield chart
        yield Static(Text("reading the targets…"), id="targets-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Targets across plans"
        self.query_one("#targets-table", DataTable).focus()
        self._load_plans()

    def _load_plans(self) -> None:
        n, total = len(self.plans), len(self.all_plans)
        self.sub_title = f"{n} of {total} plans" if n != total else f"{total} plans"
        self._draw_columns()
        self._load(tuple(self.plans))

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
        if message.shas != tuple(p.sha256 for p in self.plans):
            return  # read for columns chosen before the last change
        if message.error:
            self.notify(message.error, severity="error")
        self.rows = message.rows
        self._fill()

    def _columns(self) -> list[tuple[str, str]]:
        plans = [(f"plan:{i}", label) for i, label in enumerate(self.labels)]
        return [("indicator", "indicator"), ("plans", "plans"), *plans]

    def _draw_columns(self) -> None:
        # Made again on every sort: the sorted column's header carries the arrow.
        table = self.query_one("#targets-table", DataTable)
        table.clear(columns=True)
        for key, label in self._columns():
            if key == self.sort_column:
                # "plans" and values go largest first: ▼ is their first order, ▲ the name's.
                down = (key != "indicator") != self.sort_reverse
                arrow = "▼" if down else "▲"
                # Before a plan's label: those fill their 16 cells, an arrow after would be cut.
                label = f"{arrow} {label}" if key.startswith("plan:") else f"{label} {arrow}"
            width = {"indicator": INDICATOR_WIDTH, "plans": None}.get(key, PLAN_WIDTH)
            table.add_column(Text(label), key=key, width=width)

    def _fill(self) -> None:
        needle = self.query_one("#targets-filter", Input).value.strip().casefold()
        rows = [r for r in self.rows if needle in indicator_label(r).casefold()]
        shas = [p.sha256 for p in self.plans]
        table = self.query_one("#targets-table", DataTable)
        current = self.shown[table.cursor_row] if 0 <= table.cursor_row < len(self.shown) else None
        self.shown = sort_rows(rows, self.sort_column, self.sort_reverse, shas)
        self._draw_columns()
        for i, r in enumerate(self.shown):
            cells = [Text(cell_text(r.cells.get(sha, []))) for sha in shas]
            count = Text(str(len(r.cells)), justify="right")
            table.add_row(Text(indicator_label(r)), count, *cells, key=str(i))
        at = next((i for i, r in enumerate(self.shown) if r is current), None)
        if at is not None:  # a sort keeps the row the reviewer was on
            table.move_cursor(row=at)
        n, total = len(self.shown), len(self.rows)
        count = f"{n} of {total} indicators" if n != total else f"{total} indicators"
        self.query_one("#targets-status", Static).update(
            Text(
                f"{count} in {len(self.plans)} plans · Enter: chart · s: sort · p: plans"
                " · f: filter · Esc: back"
            )
        )

    @on(Input.Changed, "#targets-filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#targets-filter")
    def _filter_submitted(self) -> None:
        self.query_one("#targets-table", DataTable).focus()

    @on(DataTable.HeaderSelected, "#targets-table")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        self.sort_by(str(event.column_key.value))

    @on(DataTable.RowSelected, "#targets-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.shown):
            self.show_chart(self.shown[event.cursor_row])

    def show_chart(self, row: TableRow) -> None:
        bars, note = chart_bars(row, self.plans, self.labels)
        chart = self.query_one(BarChart)
        chart.display = True
        chart.show(indicator_label(row), bars, note)

    def sort_columns(self) -> list[str]:
        # Then "indicator", then each plan's column, as the columns stand.
        return ["plans", "indicator", *(k for k, _ in self._columns()[2:])]

    def action_plans(self) -> None:
        # The columns first, as they stand, then the library's other plans.
        chosen = {p.sha256 for p in self.plans}
        plans = self.plans + [p for p in self.all_plans if p.sha256 not in chosen]
        self.app.push_screen(
            PlanColumnsScreen(plans, plan_labels(plans), chosen), self._plans_chosen
        )

    def _plans_chosen(self, shas: set[str] | None) -> None:
        if not shas or shas == {p.sha256 for p in self.plans}:
            return  # cancelled, or nothing changed
        # The columns kept stay in their order; newly ticked ones follow in the library's.
        kept = [p for p in self.plans if p.sha256 in shas]
        added = [p for p in self.all_plans if p.sha256 in shas and p not in kept]
        self.plans = kept + added
        self.labels = plan_labels(self.plans)
        if self.sort_column.startswith("plan:"):
            self.sort_column, self.sort_reverse = "plans", False  # its column may be gone
        self.query_one(BarChart).display = False
        self.rows, self.shown = [], []
        self.query_one("#targets-status", Static).update(Text("reading the targets…"))
        self._load_plans()

    def action_filter(self) -> None:
        self.query_one("#targets-filter", Input).focus()

    def action_quit(self) -> None:
        self.app.exit()

    def action_close(self) -> None:
        chart = self.query_one(BarChart)
        if chart.display:
            chart.display = False
            return
        self.dismiss()
