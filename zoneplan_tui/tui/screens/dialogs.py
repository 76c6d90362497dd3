"""Modal screens: the key help and the document switcher."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from zoneplan_tui.tui.bindings import KeyRow, bindings_of, grouped
from zoneplan_tui.tui.labels import label_line, safe_line


class HelpScreen(ModalScreen[None]):
    """Every key of the screen it was opened on, grouped, as the bindings describe them (with
    the user's remaps, and the ids to remap them by)."""

    BINDINGS = [
        Binding(
            "escape,q,question_mark",
            "close",
            "Close",
            id="help.close",
            tooltip="Close this help",
        )
    ]

    def __init__(
        self, groups: Sequence[tuple[str, Sequence[KeyRow]]], legend: Text | None = None
    ) -> None:
        """`legend`: the colours of the figure kinds, shown first (the reader's help)."""
        super().__init__()
        self.groups = groups
        self.legend = legend

    @classmethod
    def of(
        cls, screen: Screen[Any], keymap: Mapping[str, str], legend: Text | None = None
    ) -> HelpScreen:
        """The help of `screen`: its keys, its widgets' and the app's."""
        nodes = [screen, *screen.walk_children(), screen.app]
        return cls(grouped(bindings_of(nodes), keymap), legend)

    def compose(self) -> ComposeResult:
        # One grid per group under its title; the key and id columns as wide in every group.
        rows = [row for _, group in self.groups for row in group]
        key_width = max((cell_len(r.keys_text()) for r in rows), default=1)
        id_width = max((cell_len(r.ids_text()) for r in rows), default=1)
        parts: list[RenderableType] = []
        if self.legend is not None:
            parts += [Text("Figure colours", style="bold underline"), self.legend, Text()]
        for title, group in self.groups:
            table = Table.grid(padding=(0, 2), expand=True)
            table.add_column(style="bold cyan", no_wrap=True, width=key_width)
            table.add_column(ratio=1)
            table.add_column(style="dim", no_wrap=True, width=id_width)
            for row in group:
                # Keys may come from the settings file: made safe like any outside text.
                table.add_row(
                    label_line(row.keys_text()), label_line(row.tooltip), label_line(row.ids_text())
                )
            parts += [Text(title, style="bold underline"), table, Text()]
        with VerticalScroll(id="help-body"):
            yield Static(Group(*parts[:-1]))
        yield Static(
            Text("Esc closes · remap a key by its id in the settings file's [keys]", style="dim"),
            id="help-hint",
        )

    def action_close(self) -> None:
        self.dismiss(None)


class DocumentSwitcher(ModalScreen[int | None]):
    """Pick one of the open documents; dismisses with its index."""

    BINDINGS = [
        Binding(
            "escape", "cancel", "Cancel", id="switcher.cancel", tooltip="Keep the open document"
        )
    ]

    def __init__(self, paths: list[Path], current: int) -> None:
        super().__init__()
        self._paths = paths
        self._current = current

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Text.assemble(("● " if i == self._current else "  "), safe_line(p.name)), id=str(i)
            )
            for i, p in enumerate(self._paths)
        ]
        option_list = OptionList(*options, id="switcher-list")
        option_list.border_title = "Open documents"
        yield option_list

    @property
    def option_list(self) -> OptionList:
        return self.query_one(OptionList)

    def on_mount(self) -> None:
        option_list = self.option_list
        option_list.highlighted = self._current
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
