"""Modal screens: the key help and the document switcher."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

HELP_SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Reading",
        [
            ("j / k, ↓ / ↑", "cursor down / up one row"),
            ("h / l, ← / →", "cursor left / right one character"),
            ("space, PgDn / b, PgUp", "page down / up"),
            ("g / G", "start / end of the document"),
            ("[ / ]", "previous / next section"),
            ("Tab", "switch between outline, text and figures"),
            ("o", "show or hide the outline"),
        ],
    ),
    (
        "Search",
        [
            ("/", "search in the document"),
            ("n / N", "next / previous match while a search is shown"),
            ("Esc", "clear the search or the selection"),
        ],
    ),
    (
        "Figures",
        [
            ("f", "figures panel (Enter on a row jumps to it, s sorts)"),
            ("c", "figure highlighting on / off"),
            ("#", "per-section counts in the outline (figures #, targets ◎, notes ✎)"),
        ],
    ),
    (
        "Notes",
        [
            ("v, then move", "select a passage (or drag with the mouse)"),
            ("n", "note on the selection or the paragraph (on a note: edit it)"),
            ("t", "tag the selection or the paragraph"),
            ("a", "notes panel: Enter jumps, e edits, x deletes, / filters"),
            ("u", "undo the last delete or edit"),
            ("T", "all tags: rename (r), merge (m), delete (d)"),
        ],
    ),
    (
        "Outline",
        [
            ("Enter, click", "jump to the section"),
            ("i", "show or hide the 一是/二是 run-in items"),
        ],
    ),
    (
        "Library (zoneplan DIR)",
        [
            ("Enter", "open the plan in the reader (Esc in the reader comes back)"),
            ("/", "search every plan and note; Enter opens the plan at the match"),
            ("Esc (in that reader)", "clear the marked matches, then back to the results"),
            ("f", "filter the plans by title, body, year or file name"),
            ("s / S, click a header", "sort by the next column / reverse the order"),
            ("k", "the plan's keywords: Enter searches for one"),
            ("T", "targets across plans (the plans the library shows): Enter draws a chart"),
        ],
    ),
    (
        "Targets across plans (T)",
        [
            ("s / S, click a header", "sort: plans sharing it, name, a plan's value / reverse"),
            ("p", "choose which plans are columns (space ticks, Enter applies)"),
            ("f", "filter the indicators by text"),
            ("Enter", "bar chart of the row: values of one kind, 亿元 and 万元 alike"),
        ],
    ),
    (
        "General",
        [
            ("d", "switch document (when several are open)"),
            ("ctrl+p", "command palette: actions and go-to-section"),
            ("?", "this help"),
            ("q", "quit (the reading position is kept)"),
        ],
    ),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for title, rows in HELP_SECTIONS:
            table.add_row(Text(title, style="bold underline"), "")
            for keys, what in rows:
                table.add_row(keys, what)
            table.add_row("", "")
        with VerticalScroll(id="help-body"):
            yield Static(table)
        yield Static(Text("Esc closes", style="dim"), id="help-hint")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


class DocumentSwitcher(ModalScreen[int | None]):
    """Pick one of the open documents; dismisses with its index."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="switcher.cancel")]

    def __init__(self, paths: list[Path], current: int) -> None:
        super().__init__()
        self._paths = paths
        self._current = current

    def compose(self) -> ComposeResult:
        options = [
            Option(Text.assemble(("● " if i == self._current else "  "), p.name), id=str(i))
            for i, p in enumerate(self._paths)
        ]
        option_list = OptionList(*options, id="switcher-list")
        option_list.border_title = "Open documents"
        yield option_list

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.highlighted = self._current
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
