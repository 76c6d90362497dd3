"""The figures of the current plan as a sortable, filterable table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Select, Static

from zoneplan_tui.core.figures_format import value_text
from zoneplan_tui.core.figures_model import KINDS, Figure
from zoneplan_tui.tui.labels import label_line
from zoneplan_tui.tui.styles import figure_style
from zoneplan_tui.tui.widgets.figure_legend import kind_legend
from zoneplan_tui.tui.widgets.filter_table import FilterTable
from zoneplan_tui.tui.widgets.messages import CopyRequested

if TYPE_CHECKING:  # the analysis loads with the first plan's, after the text is shown
    from zoneplan_tui.core.analysis import Analysis

COLUMNS = ("section", "text", "kind", "value", "unit", "cmp")


def _sort_key(column: str) -> Callable[[Figure], tuple[Any, ...]]:
    if column == "section":
        return lambda fig: (fig.start,)
    if column == "value":

        def by_value(fig: Figure) -> tuple[Any, ...]:
            v = fig.value
            if isinstance(v, list):
                v = v[0] if v else None
            if isinstance(v, (int, float)):
                return (0, float(v), "")
            return (1, 0.0, str(v))

        return by_value
    return lambda fig: (str(getattr(fig, column) or ""), fig.start)


class FiguresPanel(FilterTable[Figure]):
    """Choosing a row posts `RowChosen` with the figure; the screen scrolls the text to it."""

    BINDINGS = [
        Binding(
            "s",
            "cycle_sort",
            "Sort",
            id="figures.sort",
            tooltip="Sort the figures by the next column (a click on a header sorts by it)",
        ),
        Binding(
            "S",
            "reverse",
            "Reverse",
            id="figures.reverse",
            show=False,
            tooltip="Reverse the order of the figures",
        ),
        Binding(
            "slash",
            "focus_filter",
            "Filter",
            id="figures.filter",
            show=False,
            tooltip="Filter the figures by text or section (beside it: by kind)",
        ),
        Binding(
            "enter",
            "choose",
            "Jump",
            id="figures.jump",
            show=False,
            tooltip="Jump to the figure in the text",
        ),
        Binding(
            "y",
            "copy",
            "Copy",
            id="figures.copy",
            show=False,
            tooltip="Copy the figure under the cursor: its text and normalised value",
        ),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            table_id="figures-table",
            filter_id="figures-text",
            placeholder="filter figures by text or section",
            sort_column="section",
            id=id,
            classes=classes,
        )
        self._plan: Analysis | None = None
        self._dark = True
        self._stale = False
        self._sections: dict[int, tuple[str, ...]] = {}  # line -> section path, per plan

    def compose_filters(self) -> ComposeResult:
        with Horizontal(id="figures-filters"):
            yield Select(
                [(k, k) for k in KINDS],
                prompt="all kinds",
                allow_blank=True,
                id="figures-kind",
            )
            yield self.make_filter_input()
        yield Static(id="figures-legend")

    @property
    def legend(self) -> Static:
        return self.query_one("#figures-legend", Static)

    @property
    def kind_select(self) -> Select[str]:
        return self.query_one("#figures-kind", Select)

    # -- the rows -------------------------------------------------------------------------------

    def columns(self) -> Sequence[tuple[str, str]]:
        return [(c, c) for c in COLUMNS]

    def header(self, key: str, label: str) -> Text:
        return Text(label)  # the sort is named in the border instead

    def row_key(self, row: Figure) -> str:
        return str(row.start)

    def _section(self, fig: Figure) -> tuple[str, ...]:
        if self._plan is None:
            return ()
        found = self._sections.get(fig.line)
        if found is None:
            found = self._sections[fig.line] = self._plan.section_titles(fig.line)
        return found

    def cells(self, row: Figure) -> Sequence[RenderableType]:
        section = self._section(row)
        # Text, never a str (a DataTable reads a str as markup); the plan's words made safe.
        return (
            label_line(section[-1] if section else "", overflow="ellipsis", no_wrap=True),
            label_line(row.text, style=figure_style(row.kind, self._dark)),
            Text(row.kind),
            Text(value_text(row.value, row.unit), justify="right"),
            label_line(row.unit or ""),
            Text(row.cmp or ""),
        )

    def filter_rows(self, rows: Sequence[Figure], needle: str) -> list[Figure]:
        kind = self.kind_select.value
        needle = needle.casefold()
        out = []
        for fig in rows:
            if isinstance(kind, str) and fig.kind != kind:
                continue
            if (
                needle
                and needle not in fig.text.casefold()
                and needle not in " › ".join(self._section(fig)).casefold()
            ):
                continue
            out.append(fig)
        return out

    def sort_key(self, column: str) -> Callable[[Figure], Any]:
        return _sort_key(column)

    def filled(self) -> None:
        total = len(self._plan.figures) if self._plan else 0
        self.border_subtitle = f"{self.table.row_count}/{total} · sort: {self.sort_column}"

    # -- the plan -------------------------------------------------------------------------------

    def show_plan(self, plan: Analysis | None, *, dark: bool = True) -> None:
        if plan is not self._plan:
            self._sections = {}
        self._plan = plan
        self._dark = dark
        self.legend.update(kind_legend(dark))
        self.rows = list(plan.figures) if plan is not None else []
        self._stale = True
        # Thousands of rows cost the UI thread a second on a big plan: fill only when seen.
        if self.display:
            self.refresh_rows()

    def ensure_filled(self) -> None:
        if self._stale:
            self.refresh_rows()

    def refresh_rows(self) -> None:
        self._stale = False
        self.fill()

    def visible_figures(self) -> list[Figure]:
        return self.visible_rows()

    # -- keys and events ------------------------------------------------------------------------

    @on(Select.Changed, "#figures-kind")
    def _kind_changed(self) -> None:
        self.refresh_rows()

    def action_cycle_sort(self) -> None:
        self.cycle_sort()

    def action_reverse(self) -> None:
        self.reverse()

    def action_focus_filter(self) -> None:
        self.focus_filter()

    def action_choose(self) -> None:
        self.choose()

    def action_copy(self) -> None:
        fig = self.selected
        if fig is not None:
            from zoneplan_tui.core.figures import describe  # with the figure rules, loaded by now

            text = f"{describe(fig)} ({fig.kind})"
            self.post_message(CopyRequested(self, text, "the figure", "numbers"))
