"""The command palette of a screen: its keys as commands, and the reader's sections.

`KeysProvider` lists the bindings active on the screen the palette was opened from (so the
remapped keys, and only what works there), titled by their tooltips, plus what a screen offers
without a key (`palette_commands`). `SectionsProvider` goes to any section of the open plan by
typing part of its heading. Screens name them in `Screen.COMMANDS`; neither knows a screen
class, only the protocols below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from zoneplan_tui.tui.bindings import key_label
from zoneplan_tui.tui.labels import content, markup_free, safe_line

PaletteCommand = tuple[str, str, Callable[[], object]]  # title, help, what it runs


@runtime_checkable
class HasPaletteCommands(Protocol):
    def palette_commands(self) -> Iterator[PaletteCommand]: ...


@runtime_checkable
class HasSections(Protocol):
    def sections(self) -> list[tuple[str, int]]:
        """(label, line) of every section."""
        ...

    def go_to_line(self, line: int) -> None: ...


def highlight(matcher: Matcher, candidate: str) -> Content:
    """`Matcher.highlight`, except that the candidate is text, never markup: a heading or a file
    name holding "[/]" would crash the palette, "[link=…]" make a hyperlink. Matched on what
    is shown (made safe), so the highlighted cells are the matched ones."""
    shown = safe_line(candidate)
    out = Content(shown)
    score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    if score:
        for offset in offsets:
            if not shown[offset].isspace():
                out = out.stylize(matcher.match_style, offset, offset + 1)
    return out


class KeysProvider(Provider):
    def _commands(self, *, discover: bool = False) -> list[PaletteCommand]:
        """The screen's own keys first, then its widgets', then the app's. Offered unasked
        (`discover`), the keys that move a widget's cursor are left out: noise in a list."""
        screen = self.screen
        keys: dict[str, list[str]] = {}
        found: dict[str, tuple[int, PaletteCommand]] = {}
        for key, active in screen.active_bindings.items():
            binding, node = active.binding, active.node
            if not binding.id or not active.enabled or binding.action == "command_palette":
                continue
            rank = 0 if node is screen else 2 if node is self.app else 1
            if discover and rank == 1 and not binding.show:
                continue
            keys.setdefault(binding.id, []).append(key_label(key))
            if binding.id not in found:
                run = partial(self.app.run_action, binding.action, node)
                found[binding.id] = (rank, (binding.tooltip or binding.description, "", run))
        ranked = sorted(found.items(), key=lambda item: item[1][0])
        out = [
            (title, f"{', '.join(keys[bid])} · {bid}", run) for bid, (_, (title, _, run)) in ranked
        ]
        if isinstance(screen, HasPaletteCommands):
            out.extend(screen.palette_commands())
        return out

    async def discover(self) -> Hits:
        for title, help_text, run in self._commands(discover=True):
            yield DiscoveryHit(content(title), run, text=title, help=markup_free(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self._commands():
            score = max(matcher.match(title), matcher.match(help_text) * 0.8)
            if score > 0:
                yield Hit(
                    score, highlight(matcher, title), run, text=title, help=markup_free(help_text)
                )


class SectionsProvider(Provider):
    def _sections(self) -> list[tuple[str, int]]:
        screen = self.screen
        return screen.sections() if isinstance(screen, HasSections) else []

    async def discover(self) -> Hits:
        for label, line in self._sections()[:40]:
            yield DiscoveryHit(
                content(label), partial(self._go, line), text=label, help="go to section"
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, line in self._sections():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    highlight(matcher, label.strip()),
                    partial(self._go, line),
                    text=label.strip(),
                    help=f"go to section (line {line})",
                )

    def _go(self, line: int) -> None:
        screen = self.screen
        if isinstance(screen, HasSections):
            screen.go_to_line(line)
