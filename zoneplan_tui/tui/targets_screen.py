"""Targets across plans: one row per indicator, one column per plan, each cell the plan's
figures for it as written (value, unit, comparator: 20个以上). Enter on a row draws its values
across the plans as a bar chart."""

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

from zoneplan_tui.library import PlanInfo
from zoneplan_tui.targets import TableRow, Target
from zoneplan_tui.tui.library_source import LibrarySource
from zoneplan_tui.tui.target_values import dimension, dimension_name, number
from zoneplan_tui.tui.widgets.bar_chart import Bar, BarChart

INDICATOR_WIDTH, PLAN_WIDTH = 26, 16


class TargetsReady(Message):
    def __init__(self, rows: list[TableRow], error: str | None = None) -> None:
        self.rows, self.error = rows, error
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


class TargetsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back", id="targets.close", tooltip="Back to the library"),
        Binding(
            "f", "filter", "Filter", id="targets.filter", tooltip="Filter the indicators by text"
        ),
        Binding("q", "quit", "Quit", id="targets.quit", tooltip="Quit zoneplan"),
    ]

    def __init__(self, source: LibrarySource) -> None:
        super().__init__()
        self.source = source
        self.plans = list(source.plans)
        self.labels = plan_labels(self.plans)
        self.rows: list[TableRow] = []
        self.shown: list[TableRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="filter indicators (f; Enter: to the table)", id="targets-filter")
        table: DataTable[Text] = DataTable(id="targets-table", cursor_type="row")
        table.add_column("indicator", key="indicator", width=INDICATOR_WIDTH)
        for i, label in enumerate(self.labels):
            table.add_column(label, key=f"plan{i}", width=PLAN_WIDTH)
        yield table
        chart = BarChart(id="targets-chart")
        chart.display = False
        chart.border_title = "Across plans"
        yield chart
        yield Static(Text("reading the targets…"), id="targets-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Targets across plans"
        self.sub_title = f"{len(self.plans)} plans"
        self.query_one("#targets-table", DataTable).focus()
        self._load()

    @work(thread=True, exclusive=True, group="library-targets")
    def _load(self) -> None:
        try:
            rows = self.source.target_table(self.plans)
        except Exception as exc:
            self.post_message(TargetsReady([], str(exc)))
            return
        self.post_message(TargetsReady(rows))

    @on(TargetsReady)
    def _ready(self, message: TargetsReady) -> None:
        if message.error:
            self.notify(message.error, severity="error")
        self.rows = message.rows
        self._fill()

    def _fill(self) -> None:
        needle = self.query_one("#targets-filter", Input).value.strip().casefold()
        self.shown = [r for r in self.rows if needle in indicator_label(r).casefold()]
        table = self.query_one("#targets-table", DataTable)
        table.clear()
        for i, r in enumerate(self.shown):
            cells = [Text(cell_text(r.cells.get(p.sha256, []))) for p in self.plans]
            table.add_row(Text(indicator_label(r)), *cells, key=str(i))
        n, total = len(self.shown), len(self.rows)
        count = f"{n} of {total} indicators" if n != total else f"{total} indicators"
        self.query_one("#targets-status", Static).update(
            Text(f"{count} in {len(self.plans)} plans · Enter: chart · f: filter · Esc: back")
        )

    @on(Input.Changed, "#targets-filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#targets-filter")
    def _filter_submitted(self) -> None:
        self.query_one("#targets-table", DataTable).focus()

    @on(DataTable.RowSelected, "#targets-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.shown):
            self.show_chart(self.shown[event.cursor_row])

    def show_chart(self, row: TableRow) -> None:
        bars, note = chart_bars(row, self.plans, self.labels)
        chart = self.query_one(BarChart)
        chart.display = True
        chart.show(indicator_label(row), bars, note)

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
