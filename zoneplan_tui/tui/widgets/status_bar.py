"""One line under the text: document, position, search state, the figure under the cursor."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static


class StatusBar(Static):
    document: reactive[str] = reactive("")
    position: reactive[str] = reactive("")
    search: reactive[str] = reactive("")
    detail: reactive[str] = reactive("")

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(self.document, style="bold")
        if self.position:
            text.append(f"  {self.position}", style="dim")
        if self.search:
            text.append(f"  {self.search}", style="italic")
        if self.detail:
            text.append(f"  {self.detail}")
        return text
