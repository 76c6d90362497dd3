"""Which plans are columns of the targets table: a checklist of the library's plans.

Space (or a click) ticks and unticks a plan, Enter or Esc closes and applies; the screen
dismisses with the sha256 of the ticked plans, or None when none is ticked (a table with no
plans says nothing, so the columns stay as they were).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import SelectionList

from zoneplan_tui.library.catalog import PlanInfo
from zoneplan_tui.tui.bindings import hint
from zoneplan_tui.tui.labels import content, label_line


class PlanColumnsScreen(ModalScreen[set[str] | None]):
    BINDINGS = [
        Binding(
            "escape",
            "done",
            "Done",
            id="plan-columns.done",
            tooltip="Apply the ticked plans as the columns",
        ),
        # Priority: the list itself would take Enter to tick the highlighted plan.
        Binding(
            "enter",
            "done",
            "Done",
            id="plan-columns.enter",
            show=False,
            priority=True,
            tooltip="Apply the ticked plans as the columns",
        ),
        Binding(
            "space",
            "tick",
            "Tick",
            id="plan-columns.tick",
            show=False,
            tooltip="Tick or untick the highlighted plan (a click does too)",
        ),
        Binding("a", "all", "All", id="plan-columns.all", tooltip="Tick every plan"),
    ]

    def __init__(
        self,
        plans: Sequence[PlanInfo],
        labels: Sequence[str],
        chosen: Collection[str],
        *,
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self._keymap = keymap or {}
        self._plans, self._labels, self._chosen = plans, labels, set(chosen)

    def compose(self) -> ComposeResult:
        choices = SelectionList[str](
            *(
                # Text: a SelectionList reads a str prompt as markup.
                (label_line(label), p.sha256, p.sha256 in self._chosen)
                for p, label in zip(self._plans, self._labels, strict=True)
            ),
            id="plan-columns-list",
        )
        choices.border_title = "Plans as columns"
        key = partial(hint, PlanColumnsScreen, keymap=self._keymap)
        done = f"{key('plan-columns.enter')}/{key('plan-columns.done')}"
        choices.border_subtitle = content(  # remapped keys: text, never markup
            f"{key('plan-columns.tick')} ticks · {key('plan-columns.all')}: all · {done}: done"
        )
        yield choices

    @property
    def choices(self) -> SelectionList[str]:
        return self.query_one(SelectionList)

    def on_mount(self) -> None:
        self.choices.focus()

    def action_all(self) -> None:
        self.choices.select_all()

    def action_tick(self) -> None:
        self.choices.action_select()

    def action_done(self) -> None:
        ticked = set(self.choices.selected)
        self.dismiss(ticked or None)
