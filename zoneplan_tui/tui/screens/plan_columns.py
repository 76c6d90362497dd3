"""Which plans are columns of the targets table: a checklist of the library's plans.

Space (or a click) ticks and unticks a plan, Enter or Esc closes and applies; the screen
dismisses with the sha256 of the ticked plans, or None when none is ticked (a table with no
plans says nothing, so the columns stay as they were).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import SelectionList

from zoneplan_tui.library.catalog import PlanInfo


class PlanColumnsScreen(ModalScreen[set[str] | None]):
    BINDINGS = [
        Binding("escape", "done", "Done", id="plan-columns.done"),
        # Priority: the list itself would take Enter to tick the highlighted plan.
        Binding("enter", "done", "Done", id="plan-columns.enter", show=False, priority=True),
        Binding("a", "all", "All", id="plan-columns.all", tooltip="Tick every plan"),
    ]

    def __init__(
        self, plans: Sequence[PlanInfo], labels: Sequence[str], chosen: Collection[str]
    ) -> None:
        super().__init__()
        self._plans, self._labels, self._chosen = plans, labels, set(chosen)

    def compose(self) -> ComposeResult:
        choices = SelectionList[str](
            *(
                (label, p.sha256, p.sha256 in self._chosen)
                for p, label in zip(self._plans, self._labels, strict=True)
            ),
            id="plan-columns-list",
        )
        choices.border_title = "Plans as columns"
        choices.border_subtitle = "space ticks · a: all · Enter/Esc: done"
        yield choices

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_all(self) -> None:
        self.query_one(SelectionList).select_all()

    def action_done(self) -> None:
        ticked = set(self.query_one(SelectionList).selected)
        self.dismiss(ticked or None)
