"""The library: one row per plan of the folders named, sortable and filterable, with the
selected plan's keywords beside the table. Enter opens the plan in the reader, `/` searches
every plan and note, `T` lines the targets up across plans.

Indexing runs in a worker: the screen paints at once with a progress bar, and the rows come
when the index is up to date (unchanged files are not read again, so a second start is quick).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, ProgressBar, Static
from textual.worker import get_current_worker

from zoneplan_tui.library.catalog import PlanInfo
from zoneplan_tui.library.index import SearchHit
from zoneplan_tui.tui.library_source import LibrarySource
from zoneplan_tui.tui.screens.dialogs import HelpScreen
from zoneplan_tui.tui.sorting import SortedTable
from zoneplan_tui.tui.widgets.fit_columns import flex_widths, natural_width
from zoneplan_tui.tui.widgets.keywords_panel import KeywordsPanel, PlanKeywords, read_keywords

if TYPE_CHECKING:
    from zoneplan_tui.tui.app import ZoneplanApp

# (column key, header, sort key); the table's columns in order.
COLUMNS: list[tuple[str, str, Any]] = [
    ("title", "title", lambda p: p.title),
    ("body", "body / zone", lambda p: p.body or ""),
    ("year", "year", lambda p: p.year or 0),
    ("size", "size", lambda p: p.size),
    ("headings", "headings", lambda p: p.headings),
    ("figures", "figures", lambda p: p.figures),
    ("notes", "notes", lambda p: p.notes),
]
# The title and the body share the width the other columns leave (cut with an ellipsis when
# too long, the full title in the status line); the others fit their contents. A title keeps
# at least 24 cells, a dozen characters (issuing body and year: what tells plans apart), even
# if the numbers then scroll off a narrow terminal.
FLEX_MIN = {"title": 24, "body": 8}


class _Cancelled(Exception):
    pass


class IndexProgress(Message):
    def __init__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        super().__init__()


class IndexDone(Message):
    def __init__(self, plans: list[PlanInfo], errors: list[str]) -> None:
        self.plans, self.errors = plans, errors
        super().__init__()


class KeywordsReady(Message):
    def __init__(self, sha256: str, found: PlanKeywords) -> None:
        self.sha256, self.found = sha256, found
        super().__init__()


class PlansTable(DataTable[Text]):
    """The plans table; says when its size changed, so the screen fits the columns again."""

    class Resized(Message):
        pass

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())


def plan_title(p: PlanInfo) -> str:
    return p.title or Path(p.path).name


def plan_row(p: PlanInfo) -> list[Text]:
    right = "right"
    return [
        Text(plan_title(p), overflow="ellipsis", no_wrap=True),
        Text(p.body or "", overflow="ellipsis", no_wrap=True),
        Text(str(p.year or ""), justify=right),
        Text(f"{p.size / 1024:.1f} KB", justify=right),
        Text(str(p.headings), justify=right),
        Text(str(p.figures), justify=right),
        Text(str(p.notes), justify=right),
    ]


def plan_matches(p: PlanInfo, needle: str) -> bool:
    hay = " ".join((p.title, p.body or "", str(p.year or ""), Path(p.path).name)).casefold()
    return all(word in hay for word in needle.casefold().split())


class LibraryScreen(SortedTable, Screen[None]):
    BINDINGS = [
        Binding(
            "slash",
            "search",
            "Search all",
            id="library.search",
            key_display="/",
            tooltip="Search every plan of the library, and the notes",
        ),
        Binding(
            "f",
            "filter",
            "Filter",
            id="library.filter",
            tooltip="Filter the plans by title, body, year or file name",
        ),
        Binding(
            "s",
            "sort",
            "Sort",
            id="library.sort",
            tooltip="Sort by the next column (S: reverse the order)",
        ),
        Binding(
            "S",
            "reverse",
            "Reverse",
            id="library.reverse",
            show=False,
            tooltip="Reverse the sort order",
        ),
        Binding(
            "k",
            "keywords",
            "Keywords",
            id="library.keywords",
            tooltip="The selected plan's keywords: Enter searches for one",
        ),
        Binding(
            "T",
            "targets",
            "Targets",
            id="library.targets",
            tooltip="Targets by indicator across the plans shown (filter to compare a few)",
        ),
        Binding("escape", "back", "Back", id="library.back", show=False),
        Binding("question_mark", "help", "Help", id="library.help", key_display="?"),
        Binding("q", "quit", "Quit", id="library.quit"),
    ]

    def __init__(self, source: LibrarySource) -> None:
        super().__init__()
        self.source = source
        self.plans: list[PlanInfo] = []  # every plan, in the library's order
        self.shown: list[PlanInfo] = []  # the rows, filtered and sorted
        self.sort_column = "title"
        self.sort_reverse = False
        self.indexing = True
        self._keywords: dict[str, PlanKeywords] = {}
        self._keywords_pending: str | None = None  # the plan a keywords worker is reading
        self._reader_opened = False  # a reader was opened since the last refresh
        self._widths: dict[str, int] = {}  # the columns' widths as last drawn

    @property
    def zp_app(self) -> ZoneplanApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="library-main"):
            with Vertical(id="library-left"):
                yield Input(
                    placeholder="filter plans by title, body, year or file (f; Esc: back)",
                    id="library-filter",
                )
                table = PlansTable(id="library-table", cursor_type="row", zebra_stripes=True)
                for key, label, _ in COLUMNS:
                    table.add_column(label, key=key)
                yield table
            keywords = KeywordsPanel(id="library-keywords")
            keywords.border_title = "Keywords"
            yield keywords
        yield ProgressBar(id="library-progress", show_eta=False)
        yield Static("indexing the plans…", id="library-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Library"
        # Folder names, not paths: the header stays short (and snapshots machine-independent).
        self.sub_title = " · ".join(Path(f).name or str(f) for f in self.source.folders)
        self.query_one("#library-table", DataTable).focus()
        self._index()

    # -- indexing -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="library-index")
    def _index(self) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int, _path: str) -> None:
            if worker.is_cancelled:
                raise _Cancelled
            self.post_message(IndexProgress(done, total))

        try:
            report = self.source.refresh(self.zp_app.store, progress)
        except _Cancelled:
            return
        except Exception as exc:  # an unusable index, a folder gone since start
            self.post_message(IndexDone([], [str(exc)]))
            return
        self.post_message(IndexDone(list(self.source.plans), list(report.errors)))

    def on_screen_resume(self) -> None:
        # Back from the reader: notes may have been added. Nothing changed is re-read, and the
        # rows stay on screen meanwhile (no progress bar for this quiet refresh).
        if self._reader_opened and not self.indexing and self.plans:
            self._reader_opened = False
            self._index()

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        if not self.indexing:
            return
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)
        self._status(f"indexing {message.done}/{message.total}…")

    @on(IndexDone)
    def _index_done(self, message: IndexDone) -> None:
        self.indexing = False
        self.query_one(ProgressBar).display = False
        self.plans = message.plans
        for err in message.errors:
            self.notify(err, severity="warning", timeout=6)
        self._fill()

    def _status(self, text: str) -> None:
        self.query_one("#library-status", Static).update(Text(text))

    # -- rows -----------------------------------------------------------------------------------

    def _fill(self) -> None:
        current = self.selected
        needle = self.query_one("#library-filter", Input).value.strip()
        rows = [p for p in self.plans if plan_matches(p, needle)] if needle else list(self.plans)
        sort_key = next(k for c, _, k in COLUMNS if c == self.sort_column)
        rows.sort(key=sort_key, reverse=self.sort_reverse)
        self.shown = rows
        self._widths = self._column_widths()
        self._draw_table(current)
        self._status_line()
        self._show_keywords()

    def _column_widths(self) -> dict[str, int]:
        """Every column's width at the table's current width (see widgets.fit_columns)."""
        table = self.query_one("#library-table", DataTable)
        cells = [[c.plain for c in plan_row(p)] for p in self.shown]
        natural = {
            key: natural_width(self._label(key, label), (row[i] for row in cells))
            for i, (key, label, _) in enumerate(COLUMNS)
        }
        free = table.size.width - 2 * table.cell_padding * len(COLUMNS)
        if len(self.shown) + 1 > table.size.height:  # a vertical scrollbar will show
            free -= table.styles.scrollbar_size_vertical
        free -= sum(w for k, w in natural.items() if k not in FLEX_MIN)
        flex = {k: natural[k] for k in FLEX_MIN}
        return natural | flex_widths(free, flex, FLEX_MIN)

    def _draw_table(self, current: PlanInfo | None) -> None:
        # Columns are made again with their widths: DataTable has no public way to change the
        # width of a column it has.
        table = self.query_one("#library-table", DataTable)
        table.clear(columns=True)
        for key, label, _ in COLUMNS:
            table.add_column(Text(self._label(key, label)), key=key, width=self._widths[key])
        for p in self.shown:
            table.add_row(*plan_row(p), key=p.sha256)
        shas = [p.sha256 for p in self.shown]
        if current is not None and current.sha256 in shas:
            table.move_cursor(row=shas.index(current.sha256))

    def _label(self, key: str, label: str) -> str:
        """The header, with an arrow on the sort column (which is as much wider)."""
        if key != self.sort_column:
            return label
        return label + (" ▼" if self.sort_reverse else " ▲")

    @on(PlansTable.Resized)
    def _table_resized(self) -> None:
        if self.indexing or not self.plans:
            return
        widths = self._column_widths()
        if widths != self._widths:
            self._widths = widths
            self._draw_table(self.selected)

    def _status_line(self) -> None:
        """The highlighted plan's full title (the table may have cut it), then the counts."""
        n, total = len(self.shown), len(self.plans)
        shown = f"{n} of {total} plans" if n != total else f"{total} plans"
        hints = f"{shown} · Enter opens · / searches all · T targets · s sorts"
        plan = self.selected
        self._status(f"{plan_title(plan)} · {hints}" if plan is not None else hints)

    @property
    def selected(self) -> PlanInfo | None:
        table = self.query_one("#library-table", DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self) -> None:
        if not self.indexing:
            self._fill()

    @on(Input.Submitted, "#library-filter")
    def _filter_submitted(self) -> None:
        self.query_one("#library-table", DataTable).focus()

    @on(DataTable.HeaderSelected, "#library-table")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        self.sort_by(str(event.column_key.value))

    @on(DataTable.RowSelected, "#library-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        plan = self.selected
        if plan is not None:
            self.open_plan(plan)

    @on(DataTable.RowHighlighted, "#library-table")
    def _row_highlighted(self) -> None:
        self._status_line()
        self._show_keywords()

    # -- opening plans --------------------------------------------------------------------------

    def open_plan(
        self,
        plan: PlanInfo,
        goto: tuple[int, int] | None = None,
        marks: tuple[tuple[int, int], ...] = (),
    ) -> None:
        """The plan in the reader, whose document switcher has every plan of the library."""
        from zoneplan_tui.tui.screens.reader import ReaderScreen

        index = self.source.plan_index(plan.sha256)
        paths = self.source.paths
        if index is None:  # not in the last refresh (cannot happen from the table)
            paths, index = [Path(plan.path)], 0
        self._reader_opened = True
        self.app.push_screen(
            ReaderScreen(paths, index=index, goto=goto, marks=marks, from_library=True)
        )

    def open_hit(self, hit: SearchHit) -> None:
        plan = next((p for p in self.plans if p.sha256 == hit.sha256), None)
        if plan is None:
            self.notify(f"{hit.path}: not in this library any more", severity="warning")
            return
        span = hit.matches[0] if hit.matches else (hit.start, hit.end)
        self.open_plan(plan, goto=span, marks=hit.matches)

    # -- keywords -------------------------------------------------------------------------------

    def _show_keywords(self) -> None:
        panel = self.query_one(KeywordsPanel)
        plan = self.selected
        if plan is None:
            panel.show(None)
            return
        panel.border_subtitle = Path(plan.path).name
        found = self._keywords.get(plan.sha256)
        if found is not None:
            panel.show(found)
            return
        panel.show_reading()
        if self._keywords_pending != plan.sha256:
            self._keywords_pending = plan.sha256
            self._find_keywords(plan)

    @work(thread=True, exclusive=True, group="library-keywords")
    def _find_keywords(self, plan: PlanInfo) -> None:
        found = read_keywords(plan.path)
        if not get_current_worker().is_cancelled:
            self.post_message(KeywordsReady(plan.sha256, found))

    @on(KeywordsReady)
    def _keywords_ready(self, message: KeywordsReady) -> None:
        self._keywords[message.sha256] = message.found
        if self._keywords_pending == message.sha256:
            self._keywords_pending = None
        plan = self.selected
        if plan is not None and plan.sha256 == message.sha256:
            self._show_keywords()

    @on(KeywordsPanel.KeywordChosen)
    def _keyword_chosen(self, message: KeywordsPanel.KeywordChosen) -> None:
        self.action_search(message.word)

    # -- actions --------------------------------------------------------------------------------

    def action_search(self, query: str = "") -> None:
        if self.indexing:
            self.notify("still indexing the plans…", timeout=2)
            return
        from zoneplan_tui.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.source, self.open_hit, query=query))

    def action_targets(self) -> None:
        if self.indexing:
            self.notify("still indexing the plans…", timeout=2)
            return
        from zoneplan_tui.tui.screens.targets import TargetsScreen

        # The plans the table shows are the columns: filter the library to compare a few
        # (a filter that matches none leaves every plan).
        self.app.push_screen(TargetsScreen(self.source, plans=self.shown or None))

    def action_filter(self) -> None:
        self.query_one("#library-filter", Input).focus()

    def action_keywords(self) -> None:
        self.query_one(KeywordsPanel).focus()

    def sort_columns(self) -> list[str]:
        return [c for c, _, _ in COLUMNS]

    def action_back(self) -> None:
        table = self.query_one("#library-table", DataTable)
        if not table.has_focus:
            table.focus()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        self.app.exit()
