"""One line under the text: document, position, search state, the figure under the cursor."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from zoneplan_tui.core.safe_text import safe_line


class StatusBar(Static):
    document: reactive[str] = reactive("")
    position: reactive[str] = reactive("")
    search: reactive[str] = reactive("")
    detail: reactive[str] = reactive("")

    def render(self) -> Text:
        # The document's name and the figure under the cursor come from the plan: made safe.
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(safe_line(self.document), style="bold")
        if self.position:
            text.append(f"  {safe_line(self.position)}", style="dim")
        if self.search:
            text.append(f"  {safe_line(self.search)}", style="italic")
        if self.detail:
            text.append(f"  {safe_line(self.detail)}")
        return text
