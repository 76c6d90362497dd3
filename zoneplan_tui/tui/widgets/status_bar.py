"""One line under the text: document, position, search state, the figure under the cursor (its
kind in the colour the text draws it with, and its normalised value)."""

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
    kind: reactive[tuple[str, str]] = reactive(("", ""))
    """The kind of the figure under the cursor and the style it is drawn with (or "")."""

    def render(self) -> Text:
        # The document's name and the figure under the cursor come from the plan: made safe.
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(safe_line(self.document), style="bold")
        if self.position:
            text.append(f"  {safe_line(self.position)}", style="dim")
        if self.search:
            text.append(f"  {safe_line(self.search)}", style="italic")
        kind, style = self.kind
        if kind:
            text.append("  ")
            text.append(f" {kind} ", style=style)
        if self.detail:
            text.append(f"  {safe_line(self.detail)}")
        return text
