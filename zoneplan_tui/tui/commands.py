"""Command palette: go to any section of the open plan by typing part of its title."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class SectionsProvider(Provider):
    def _sections(self) -> list[tuple[str, int]]:
        from zoneplan_tui.tui.screens.reader import ReaderScreen

        screen = self.screen
        if not isinstance(screen, ReaderScreen) or screen.plan is None:
            return []
        return [
            (f"{'  ' * (h.level - 1)}{h.marker}{h.title}", h.line)
            for h in screen.plan.outline.headings
        ]

    async def discover(self) -> Hits:
        for label, line in self._sections()[:40]:
            yield DiscoveryHit(label, partial(self._go, line), help="go to section")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, line in self._sections():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label.strip()),
                    partial(self._go, line),
                    help=f"go to section (line {line})",
                )

    def _go(self, line: int) -> None:
        from zoneplan_tui.tui.screens.reader import ReaderScreen

        if isinstance(self.screen, ReaderScreen):
            self.screen.go_to_line(line)
