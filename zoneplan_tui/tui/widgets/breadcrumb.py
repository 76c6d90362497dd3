"""The section path above the text: 标题 › 一、… › (一)…"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from zoneplan_tui.core.safe_text import safe_line

SEPARATOR = " › "
ANCESTOR_CELLS = 16  # an ancestor squeezed to make room still shows its marker and a few words


def _squeeze(part: str, cells: int) -> str:
    return part if cell_len(part) <= cells else set_cell_size(part, cells - 1).rstrip() + "…"


def fit_path(path: tuple[str, ...], width: int) -> tuple[bool, list[str]]:
    """The parts to show in `width` cells and whether the front was cut. The section being read
    is kept whole; first the document title goes, then ancestors are shortened, then dropped."""
    parts = list(path)
    cut = False

    def wide() -> bool:
        return cell_len(SEPARATOR.join(parts)) + (cell_len("…" + SEPARATOR) if cut else 0) > width

    if len(parts) > 1 and wide():
        parts.pop(0)
        cut = True
    if len(parts) > 1 and wide():
        parts = [_squeeze(p, ANCESTOR_CELLS) for p in parts[:-1]] + parts[-1:]
    while len(parts) > 1 and wide():
        parts.pop(0)
        cut = True
    return cut, parts


class Breadcrumb(Static):
    path: reactive[tuple[str, ...]] = reactive(tuple, layout=False)

    def render(self) -> Text:
        width = max(1, self.content_region.width or self.size.width)
        # Measured as drawn: headings made safe first (a placeholder is wider than its control).
        cut, parts = fit_path(tuple(map(safe_line, self.path)), width)
        text = Text(no_wrap=True, overflow="ellipsis")
        if cut:
            text.append("…" + SEPARATOR, style="dim")
        for i, part in enumerate(parts):
            if i:
                text.append(SEPARATOR, style="dim")
            text.append(part, style="bold" if i == len(parts) - 1 else "")
        return text
