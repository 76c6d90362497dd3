"""What zoneplan's full screens (those with a footer) have in common."""

from __future__ import annotations

from textual.binding import ActiveBinding
from textual.screen import Screen

from zoneplan_tui.tui.bindings import in_declared_order


class FooterScreen(Screen[None]):
    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        # A key remapped in the settings keeps its place in the footer.
        return in_declared_order(super().active_bindings)
