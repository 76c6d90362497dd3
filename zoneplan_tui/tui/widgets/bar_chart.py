"""A horizontal bar chart drawn with block characters: one bar per plan, scaled to the
largest value, each labelled with the plan and the value as the plan writes it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from zoneplan_tui.core.safe_text import safe_line
from zoneplan_tui.tui.labels import label

_EIGHTHS = " ▏▎▍▌▋▊▉"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as written: 19.8%, 20个以上


def bar_cells(value: float, largest: float, width: int) -> str:
    """The bar of `value` on a scale where `largest` fills `width` cells (eighths precision)."""
    if largest <= 0 or width <= 0 or value <= 0:
        return ""
    eighths = round(8 * width * min(value, largest) / largest)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "") or "▏"


class BarChart(Widget):
    """`show(title, bars, note)`; renders nothing until given bars."""

    DEFAULT_CSS = """
    BarChart { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.title = ""
        self.bars: list[Bar] = []
        self.note = ""

    def show(self, title: str, bars: list[Bar], note: str = "") -> None:
        self.title, self.bars, self.note = title, bars, note
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.bars) + 1 + bool(self.note) if self.bars or self.note else 1

    def render(self) -> Table | Text:
        if not self.bars:
            return label(self.note or "no values to draw", style="dim")
        # Plan labels and figure texts come from the plans: made safe, measured as drawn.
        labels = [safe_line(b.label) for b in self.bars]
        texts = [safe_line(b.text) for b in self.bars]
        label_w = min(28, max(map(cell_len, labels)))
        value_w = min(16, max(map(cell_len, texts)))
        bar_w = max(4, self.content_size.width - label_w - value_w - 4)
        largest = max(b.value for b in self.bars)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=label_w, no_wrap=True, overflow="ellipsis")
        grid.add_column(width=bar_w, no_wrap=True)
        grid.add_column(no_wrap=True)
        for b, name, text in zip(self.bars, labels, texts, strict=True):
            grid.add_row(
                Text(name),
                Text(bar_cells(b.value, largest, bar_w), style="cyan"),
                Text(text, style="bold"),
            )
        out = Table.grid()
        out.add_row(label(self.title, style="bold underline"))
        out.add_row(grid)
        if self.note:
            out.add_row(label(self.note, style="dim"))
        return out
