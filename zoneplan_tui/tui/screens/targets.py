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
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from zoneplan_tui.library.catalog import PlanInfo
from zoneplan_tui.library.targets import TableRow, Target
from zoneplan_tui.tui.bindings import hint
from zoneplan_tui.tui.commands import KeysProvider
from zoneplan_tui.tui.labels import label_line
from zoneplan_tui.tui.library_source import LibrarySource
from zoneplan_tui.tui.screens.base import FooterScreen
from zoneplan_tui.tui.screens.messages import TargetsReady
from zoneplan_tui.tui.screens.plan_columns import PlanColumnsScreen
from zoneplan_tui.tui.target_values import dimension, dimension_name, number, sort_rows
from zoneplan_tui.tui.widgets.bar_chart import Bar, BarChart
from zoneplan_tui.tui.widgets.filter_table import FilterTable
from zoneplan_tui.tui.widgets.messages import RowChosen, TableFilled

INDICATOR_WIDTH, PLAN_WIDTH = 26, 16


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


class TargetsTable(FilterTable[TableRow]):
    """Indicators × plans. Rows sort by how many plans have the indicator (the default, most
    first), by name, or by the value in one plan's column (see target_values.sort_rows)."""

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

    def set_plans(self, plans: list[PlanInfo]) -> None:
        """The columns; the rows are read again (`set_rows`)."""
        self.plans, self.labels = plans, plan_labels(plans)
        if self.sort_column and self.sort_column.startswith("plan:"):
            self.sort_column, self.sort_reverse = "plans", False  # its column may be gone
        self.rows, self.shown = [], []
        self.draw_columns()

    def columns(self) -> Sequence[tuple[str, str]]:
        plans = [(f"plan:{i}", label) for i, label in enumerate(self.labels)]
        return [("indicator", "indicator"), ("plans", "plans"), *plans]

    def sort_columns(self) -> list[str]:
        # Then "indicator", then each plan's column, as the columns stand.
        return ["plans", "indicator", *(k for k, _ in self.columns()[2:])]

    def header(self, key: str, label: str) -> Text:
        if key != self.sort_column:
            return label_line(label)
        # "plans" and values go largest first: ▼ is their first order, ▲ the name's.
        down = (key != "indicator") != self.sort_reverse
        arrow = "▼" if down else "▲"
        # Before a plan's label: those fill their 16 cells, an arrow after would be cut.
        return label_line(f"{arrow} {label}" if key.startswith("plan:") else f"{label} {arrow}")

    def column_width(self, key: str) -> int | None:
        return {"indicator": INDICATOR_WIDTH, "plans": None}.get(key, PLAN_WIDTH)

    def row_key(self, row: TableRow) -> str:
        return f"{row.key}#{int(row.growth)}"  # an indicator may have a growth row too

    def cells(self, row: TableRow) -> Sequence[RenderableType]:
        cells = [label_line(cell_text(row.cells.get(p.sha256, []))) for p in self.plans]
        count = Text(str(len(row.cells)), justify="right")
        return [label_line(indicator_label(row)), count, *cells]

    def filter_rows(self, rows: Sequence[TableRow], needle: str) -> list[TableRow]:
        needle = needle.casefold()
        return [r for r in rows if needle in indicator_label(r).casefold()]

    def sort_rows(self, rows: list[TableRow], column: str, reverse: bool) -> list[TableRow]:
        return sort_rows(rows, column, reverse, [p.sha256 for p in self.plans])

    def sort_key(self, column: str) -> Callable[[TableRow], Any]:
        raise NotImplementedError  # sort_rows does it: values sort by kind, then number


class TargetsScreen(FooterScreen):
    COMMANDS = FooterScreen.COMMANDS | {KeysProvider}
    BINDINGS = [
        Binding(
            "enter",
            "chart",
            "Chart",
            id="targets.chart",
            show=False,
            tooltip="Bar chart of the row across the plans: values of one dimension compare by "
            "their normalised value (37.9亿元 beside 5000万元, 800亩 beside 30万平方米), each "
            "labelled as written; a value of another kind (a percentage among amounts) is left "
            "out, and the line under the chart says how many",
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
            tooltip="Sort by how many plans have the indicator (the default), by its name, or by "
            "the value in a plan's column (largest first; rows without a number there last); a "
            "click on a header sorts by it",
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
        self.status_line.update(Text(f"{count} in {len(self.plans)} plans · {keys}"))

    @on(RowChosen, "#targets-rows")
    def _row_chosen(self, message: RowChosen[TableRow]) -> None:
        self.show_chart(message.row)

    def show_chart(self, row: TableRow) -> None:
        bars, note = chart_bars(row, self.plans, self.labels)
        chart = self.chart
        chart.display = True
        chart.show(indicator_label(row), bars, note)

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
