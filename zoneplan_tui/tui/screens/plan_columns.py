"""Which plans are columns of the targets table: a checklist of the library's plans.

Space (or a click) ticks and unticks a plan, Enter or Esc closes and applies; the screen
dismisses with the sha256 of the ticked plans, or None when none is ticked (a table with no
plans says nothing, so the columns stay as they were). A ticked plan reads `[x]`, an unticked
one `[ ]`: the difference shows without colour (a monochrome terminal, NO_COLOR, a screen
reader), where the list's own coloured box looks the same either way.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import partial

from rich.segment import Segment
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist

from zoneplan_tui.library.catalog import PlanInfo
from zoneplan_tui.tui.bindings import hint
from zoneplan_tui.tui.labels import content, label_line


class TickList(SelectionList[str]):
    """A SelectionList whose box says `[x]` or `[ ]` in text, not only in colour."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if len(segments) < 4:
            return strip
        mark = "x" if option.value in self.selected else " "
        box = [Segment(text, segments[i].style) for i, text in enumerate(("[", mark, "]"))]
        return Strip([*box, *segments[3:]])


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
        choices = TickList(
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
    def choices(self) -> TickList:
        return self.query_one(TickList)

    def on_mount(self) -> None:
        self.choices.focus()

    def action_all(self) -> None:
        self.choices.select_all()

    def action_tick(self) -> None:
        self.choices.action_select()

    def action_done(self) -> None:
        ticked = set(self.choices.selected)
        self.dismiss(ticked or None)
