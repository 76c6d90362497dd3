"""The section path above the text: 标题 › 一、… › (一)…"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

SEPARATOR = " › "


class Breadcrumb(Static):
    path: reactive[tuple[str, ...]] = reactive(tuple, layout=False)

    def render(self) -> Text:
        # The innermost sections matter most: when the path is too wide, parts are dropped
        # from the left (the document title first), never the section being read.
        width = max(1, self.content_region.width or self.size.width)
        parts = list(self.path)
        dropped = False
        while len(parts) > 1 and cell_len(SEPARATOR.join(parts)) + (2 if dropped else 0) > width:
            parts.pop(0)
            dropped = True
        text = Text(no_wrap=True, overflow="ellipsis")
        if dropped:
            text.append("…" + SEPARATOR, style="dim")
        for i, part in enumerate(parts):
            if i:
                text.append(SEPARATOR, style="dim")
            text.append(part, style="bold" if i == len(parts) - 1 else "")
        return text
