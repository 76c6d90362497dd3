"""The section map of a comparison: plan A's outline beside plan B's, one row per section pair,
each marked by what happened to it (kept, changed, renamed, moved, added, dropped), with how
alike the two are and how many notes the two sections hold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.widgets import DataTable

from zoneplan_tui.library.compare.model import SectionPair
from zoneplan_tui.library.compare.report import PREAMBLE_LABEL
from zoneplan_tui.library.compare.sections import Section
from zoneplan_tui.tui.labels import label_line

# status → (mark, style): the map's first column.
MARKS: dict[str, tuple[str, str]] = {
    "kept": ("=", "dim"),
    "changed": ("~", "yellow"),
    "renamed": ("R", "cyan"),
    "moved": ("M", "magenta"),
    "added": ("+", "green"),
    "dropped": ("−", "red"),
}
FIXED = {"mark": 1, "similar": 4, "notes": 3}


def outline_cell(s: Section | None, width: int) -> Text:
    if s is None:
        return Text("")
    name = PREAMBLE_LABEL if s.is_preamble else f"{s.marker}{s.title}"
    indent = "  " * max(0, s.level - 1)
    cell = label_line(indent + name, overflow="ellipsis", no_wrap=True)
    cell.truncate(width, overflow="ellipsis")
    return cell


class CompareMap(DataTable[Text]):
    """The map: `fill(pairs, notes)`, the highlighted pair in `pair`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, id=id)
        self.pairs: list[SectionPair] = []
        self.notes: Mapping[str, int] = {}
        self._width = 0

    @property
    def pair(self) -> SectionPair | None:
        row = self.cursor_row
        return self.pairs[row] if 0 <= row < len(self.pairs) else None

    def outline_width(self) -> int:
        """Each outline column's width: half of what the fixed columns leave."""
        padding = 2 * self.cell_padding * 5
        free = self.size.width - padding - sum(FIXED.values()) - 2  # a scrollbar
        return max(12, free // 2)

    def fill(self, pairs: Sequence[SectionPair], notes: Mapping[str, int]) -> None:
        """The rows; `notes`: a pair's key → the notes its two sections hold."""
        self.pairs, self.notes = list(pairs), notes
        self.redraw()

    def redraw(self) -> None:
        row = self.cursor_row
        width = self.outline_width()
        self._width = self.size.width
        self.clear(columns=True)
        self.add_column(Text(" "), key="mark", width=FIXED["mark"])
        self.add_column(Text("A"), key="a", width=width)
        self.add_column(Text("B"), key="b", width=width)
        self.add_column(Text("≈", justify="right"), key="similar", width=FIXED["similar"])
        self.add_column(Text("✎"), key="notes", width=FIXED["notes"])
        for p in self.pairs:
            mark, style = MARKS[p.status]
            n = self.notes.get(p.key, 0)
            same = p.a is not None and p.b is not None
            self.add_row(
                Text(mark, style=style),
                outline_cell(p.a, width),
                outline_cell(p.b, width),
                Text(f"{p.similarity:.2f}" if same else "", justify="right", style="dim"),
                Text(str(n) if n else "", justify="right"),
                key=p.key,
            )
        if self.pairs:
            self.move_cursor(row=min(max(row, 0), len(self.pairs) - 1), animate=False)

    def on_resize(self) -> None:
        if self.pairs and self.size.width != self._width:
            self.redraw()

    def next_change(self, step: int) -> None:
        """The cursor to the next (step 1) or previous (-1) section that is not kept."""
        n = len(self.pairs)
        at = self.cursor_row
        for k in range(1, n + 1):
            i = at + step * k
            if not 0 <= i < n:
                break
            if self.pairs[i].status != "kept":
                self.move_cursor(row=i)
                return


__all__ = ["MARKS", "CompareMap", "outline_cell"]
