"""Search every plan of the library and the notes on them: results give the plan, the section
path and a snippet with the matches highlighted; Enter opens the plan at the match.

Document text is full of `[`, so results are built as rich `Text` with styles, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from zoneplan_tui.core.safe_text import safe_cells, safe_line
from zoneplan_tui.library.index import SearchHit
from zoneplan_tui.notes.protocol import NotesStoreProtocol
from zoneplan_tui.tui.bindings import hint
from zoneplan_tui.tui.commands import KeysProvider
from zoneplan_tui.tui.labels import label_line
from zoneplan_tui.tui.library_source import LibrarySource
from zoneplan_tui.tui.screens.base import FooterScreen
from zoneplan_tui.tui.screens.messages import SearchDone

MATCH_STYLE = "bold reverse"
SNIPPET_INDENT = 2


def hit_text(hit: SearchHit) -> Text:
    """Two lines: where (file:line, note marker, section path), then the marked snippet."""
    where, snippet = _where(hit), _snippet(hit)
    return Text("\n").join([where, Text(" " * SNIPPET_INDENT) + snippet])


def hit_prompt(hit: SearchHit) -> Group:
    """`hit_text` as shown in the results: the snippet is padded rather than prefixed with
    spaces, so a long one wraps with every line under its first, not back at the margin."""
    return Group(_where(hit), Padding(_snippet(hit), (0, 0, 0, SNIPPET_INDENT)))


def _where(hit: SearchHit) -> Text:
    where = Text(no_wrap=False)
    where.append(safe_line(f"{Path(hit.path).name}:{hit.line}"), style="bold")
    if hit.kind == "note":
        where.append("  ✎ note", style="italic")
    section = " › ".join(hit.section) or "(before the first heading)"
    where.append(safe_line(f"  {section}"), style="dim")
    return where


def _snippet(hit: SearchHit) -> Text:
    # One character for one (safe_cells): the highlights are offsets into the snippet.
    snippet = Text(safe_cells(" ".join(hit.snippet.split("\n"))))
    for start, end in hit.highlights:
        snippet.stylize(MATCH_STYLE, start, end)
    return snippet


class SearchScreen(FooterScreen):
    COMMANDS = FooterScreen.COMMANDS | {KeysProvider}
    BINDINGS = [
        Binding(
            "escape",
            "close",
            "Back",
            id="search.close",
            tooltip="Back to the library (from a plan opened here: back to these results)",
        ),
        Binding(
            "slash",
            "edit_query",
            "Query",
            id="search.query",
            key_display="/",
            tooltip='Edit the query: words that must all occur, or a "quoted phrase"',
        ),
        Binding(
            "enter",
            "open",
            "Open",
            id="search.open",
            show=False,
            tooltip="Open the plan at the highlighted match",
        ),
        Binding("q", "quit", "Quit", id="search.quit", tooltip="Quit zoneplan"),
    ]

    def __init__(
        self,
        source: LibrarySource,
        on_hit: Callable[[SearchHit], None],
        query: str = "",
        *,
        store: NotesStoreProtocol | None = None,
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        """`store`: the notes to search too; `keymap`: the user's key remaps (for hints)."""
        super().__init__()
        self.keymap = keymap or {}
        self.source = source
        self.on_hit = on_hit
        self.store = store
        self.initial_query = query
        self.hits: list[SearchHit] = []
        self.query_text = ""

    @property
    def query_input(self) -> Input:
        return self.query_one("#search-query", Input)

    @property
    def results(self) -> OptionList:
        return self.query_one("#search-results", OptionList)

    @property
    def status_line(self) -> Static:
        return self.query_one("#search-status", Static)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            value=safe_line(self.initial_query),
            placeholder='search all plans and notes: words, or a "quoted phrase" (Enter)',
            id="search-query",
        )
        results = OptionList(id="search-results")
        results.border_title = "Results"
        yield results
        yield Static("", id="search-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Search all plans"
        self.sub_title = f"{len(self.source.plans)} plans"
        if self.initial_query.strip():
            self.run_search(self.initial_query)
        else:
            self.query_input.focus()

    @on(Input.Submitted, "#search-query")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.run_search(event.value)

    def run_search(self, query: str) -> None:
        self._status(f"searching for {query.strip()}…")
        self._search(query.strip())

    @work(thread=True, exclusive=True, group="library-search")
    def _search(self, query: str) -> None:
        try:
            hits = self.source.search(query, self.store)
        except Exception as exc:
            self.post_message(SearchDone(query, [], str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(SearchDone(query, hits))

    @on(SearchDone)
    def _done(self, message: SearchDone) -> None:
        self.source.say_notices(self.notify)
        self.query_text = message.query
        self.hits = message.hits
        results = self.results
        results.clear_options()
        results.add_options([Option(hit_prompt(h), id=str(i)) for i, h in enumerate(self.hits)])
        if message.error:
            self._status(f"search failed: {message.error}")
            return
        n = len(self.hits)
        plans = len({h.sha256 for h in self.hits})
        if n:
            self._status(
                f"{n} hit{'s' if n != 1 else ''} in {plans} plan{'s' if plans != 1 else ''}"
                f" · {hint(SearchScreen, 'search.open', self.keymap)} opens the plan at the match"
                f" · {hint(SearchScreen, 'search.close', self.keymap)}: back"
            )
            results.highlighted = 0
            results.focus()
        else:
            self._status(f"no hits for {message.query}")

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.on_hit(self.hits[int(event.option.id or 0)])

    def _status(self, text: str) -> None:
        self.status_line.update(label_line(text))

    def action_edit_query(self) -> None:
        self.query_input.focus()

    def action_open(self) -> None:
        index = self.results.highlighted
        if index is not None and 0 <= index < len(self.hits):
            self.on_hit(self.hits[index])

    def action_quit(self) -> None:
        self.app.exit()

    def action_close(self) -> None:
        self.dismiss()
