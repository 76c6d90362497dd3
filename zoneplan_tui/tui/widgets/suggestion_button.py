"""A suggested tag of the note editor: a button in a row of them that the keyboard walks.

The row is one Tab stop (a roving focus: only the button last visited can take the focus from
Tab), ← → move along it, Enter or space takes the tag. Keys every terminal delivers: the
alt+digit keys this replaced arrive in many terminals as `¡ ™ £` or as Esc and a digit.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Button


class SuggestionButton(Button):
    BINDINGS = [
        Binding(
            "left",
            "step(-1)",
            "Previous",
            show=False,
            id="note-editor.suggestion-prev",
            tooltip="In the suggested tags: the previous one",
        ),
        Binding(
            "right",
            "step(1)",
            "Next",
            show=False,
            id="note-editor.suggestion-next",
            tooltip="In the suggested tags: the next one",
        ),
        Binding(
            "space",
            "press",
            "Take",
            show=False,
            id="note-editor.suggestion-take",
            tooltip="In the suggested tags: add or remove the one under the cursor (Enter too)",
        ),
    ]

    def row(self) -> list[SuggestionButton]:
        """The shown buttons of this button's row, in order."""
        parent = self.parent
        if parent is None:
            return [self]
        return [b for b in parent.query_children(SuggestionButton) if b.display]

    def action_step(self, delta: int) -> None:
        row = self.row()
        if self not in row:
            return
        target = row[(row.index(self) + delta) % len(row)]
        make_current(row, target)
        target.focus()


def make_current(row: list[SuggestionButton], current: SuggestionButton | None) -> None:
    """`current` (default: the first) is the row's one Tab stop."""
    current = current if current in row else (row[0] if row else None)
    for button in row:
        button.can_focus = button is current


def current_of(row: list[SuggestionButton]) -> SuggestionButton | None:
    return next((b for b in row if b.can_focus), row[0] if row else None)


__all__ = ["SuggestionButton", "current_of", "make_current"]
