"""The library: one row per plan of the folders named, sortable and filterable, with the
selected plan's keywords beside the table. Enter opens the plan in the reader, `/` searches
every plan and note, `T` lines the targets up across plans.

Indexing runs in a worker: the screen paints at once with a progress bar, and the rows come
when the index is up to date (unchanged files are not read again, so a second start is quick).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static
from textual.worker import get_current_worker

from zoneplan_tui.library.catalog import PlanInfo
from zoneplan_tui.library.index import SearchHit
from zoneplan_tui.tui.bindings import hint
from zoneplan_tui.tui.commands import KeysProvider
from zoneplan_tui.tui.labels import content, label_line
from zoneplan_tui.tui.library_source import LibrarySource
from zoneplan_tui.tui.screens.base import FooterScreen
from zoneplan_tui.tui.screens.dialogs import HelpScreen
from zoneplan_tui.tui.screens.messages import IndexDone, IndexProgress, KeywordsReady
from zoneplan_tui.tui.session import Session
from zoneplan_tui.tui.widgets.filter_table import FilterTable
from zoneplan_tui.tui.widgets.fit_columns import flex_widths, natural_width
from zoneplan_tui.tui.widgets.keywords_panel import KeywordsPanel, PlanKeywords, read_keywords
from zoneplan_tui.tui.widgets.messages import KeywordChosen, RowChosen, TableFilled

# (column key, header, sort key); the table's columns in order.
COLUMNS: list[tuple[str, str, Callable[[PlanInfo], Any]]] = [
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


def plan_title(p: PlanInfo) -> str:
    return p.title or Path(p.path).name


def plan_row(p: PlanInfo) -> list[Text]:
    return [
        label_line(plan_title(p), overflow="ellipsis", no_wrap=True),
        label_line(p.body or "", overflow="ellipsis", no_wrap=True),
        Text(str(p.year or ""), justify="right"),
        Text(f"{p.size / 1024:.1f} KB", justify="right"),
        Text(str(p.headings), justify="right"),
        Text(str(p.figures), justify="right"),
        Text(str(p.notes), justify="right"),
    ]


def plan_matches(p: PlanInfo, needle: str) -> bool:
    hay = " ".join((p.title, p.body or "", str(p.year or ""), Path(p.path).name)).casefold()
    return all(word in hay for word in needle.casefold().split())


class PlansTable(FilterTable[PlanInfo]):
    """The plans, with their filter; columns as wide as the terminal allows (fit_columns)."""

    def __init__(self, placeholder: str) -> None:
        super().__init__(
            table_id="library-table",
            filter_id="library-filter",
            placeholder=placeholder,
            sort_column="title",
            id="library-plans",
        )
        self._widths: dict[str, int] = {}  # the columns' widths as last drawn

    def columns(self) -> Sequence[tuple[str, str]]:
        return [(key, label) for key, label, _ in COLUMNS]

    def cells(self, row: PlanInfo) -> Sequence[RenderableType]:
        return plan_row(row)

    def row_key(self, row: PlanInfo) -> str:
        return row.sha256

    def filter_rows(self, rows: Sequence[PlanInfo], needle: str) -> list[PlanInfo]:
        return [p for p in rows if plan_matches(p, needle)] if needle else list(rows)

    def sort_key(self, column: str) -> Callable[[PlanInfo], Any]:
        return next(k for c, _, k in COLUMNS if c == column)

    def column_width(self, key: str) -> int | None:
        return self._widths.get(key)

    def draw(self, key: str | None = None, at: int = 0) -> None:
        self._widths = self._column_widths()
        super().draw(key, at)

    def _label(self, key: str, label: str) -> str:
        return self.header(key, label).plain

    def _column_widths(self) -> dict[str, int]:
        """Every column's width at the table's current width (see widgets.fit_columns)."""
        table = self.table
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

    def resized(self) -> None:
        if not self.rows:
            return
        if self._column_widths() != self._widths:
            selected = self.selected
            self.draw(None if selected is None else selected.sha256, self.table.cursor_row)


class LibraryScreen(FooterScreen):
    COMMANDS = FooterScreen.COMMANDS | {KeysProvider}
    BINDINGS = [
        Binding(
            "enter",
            "open",
            "Open",
            id="library.open",
            show=False,
            tooltip="Open the selected plan in the reader, whose document switcher lists every "
            "plan of the library",
        ),
        Binding(
            "slash",
            "search",
            "Search all",
            id="library.search",
            key_display="/",
            tooltip="Search every plan and note: results give plan, section path and snippet, "
            "and open the plan at the match",
        ),
        Binding(
            "f",
            "filter",
            "Filter",
            id="library.filter",
            tooltip="Filter the plans by title, issuing body, year or file name",
        ),
        Binding(
            "s",
            "sort",
            "Sort",
            id="library.sort",
            tooltip="Sort by the next column (a click on a header sorts by it)",
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
            tooltip="The selected plan's keywords (picking one searches for it)",
        ),
        Binding(
            "T",
            "targets",
            "Targets",
            id="library.targets",
            tooltip="Targets across plans: indicators × the plans the table shows (filter first "
            "to compare a few)",
        ),
        Binding(
            "c",
            "compare",
            "Compare",
            id="library.compare",
            tooltip="Compare two plans: on one plan marks it, on another compares the two (the "
            "older as A): sections kept, changed, moved, added, dropped, and targets raised or cut",
        ),
        Binding(
            "escape",
            "back",
            "Back",
            id="library.back",
            show=False,
            tooltip="Back to the plans (from the filter or the keywords)",
        ),
        Binding(
            "question_mark",
            "help",
            "Help",
            id="library.help",
            key_display="?",
            tooltip="This help: every key of the library",
        ),
        Binding("q", "quit", "Quit", id="library.quit", tooltip="Quit zoneplan"),
    ]

    def __init__(self, source: LibrarySource, session: Session | None = None) -> None:
        super().__init__()
        self.source = source
        self.session = session if session is not None else Session()
        self.plans: list[PlanInfo] = []  # every plan, in the library's order
        self.indexing = True
        self._keywords: dict[str, PlanKeywords] = {}
        self._keywords_pending: str | None = None  # the plan a keywords worker is reading
        self._reader_opened = False  # a reader was opened since the last refresh
        self.compare_mark: PlanInfo | None = None  # the first plan picked for a comparison

    # -- the widgets ---------------------------------------------------------------------------

    @property
    def plans_table(self) -> PlansTable:
        return self.query_one(PlansTable)

    @property
    def keywords_panel(self) -> KeywordsPanel:
        return self.query_one(KeywordsPanel)

    @property
    def progress_bar(self) -> ProgressBar:
        return self.query_one(ProgressBar)

    @property
    def status_line(self) -> Static:
        return self.query_one("#library-status", Static)

    # The table's state, as the screen's (what the sorting keys change).

    @property
    def shown(self) -> list[PlanInfo]:
        """The rows, filtered and sorted."""
        return self.plans_table.shown

    @property
    def sort_column(self) -> str | None:
        return self.plans_table.sort_column

    @property
    def selected(self) -> PlanInfo | None:
        return self.plans_table.selected

    def _keys(self, *binding_ids: str) -> list[str]:
        """The keys of these bindings, as the user has them: for the hints on screen."""
        return [hint(LibraryScreen, b, self.session.keymap) for b in binding_ids]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="library-main"):
            with Vertical(id="library-left"):
                keys = "; ".join(self._keys("library.filter", "library.back"))
                yield PlansTable(f"filter plans by title, body, year or file ({keys}: back)")
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
        self.plans_table.table.focus()
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
            report = self.source.refresh(self.session.store, progress)
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
        self.progress_bar.update(total=message.total, progress=message.done)
        self._status(f"indexing {message.done}/{message.total}…")

    @on(IndexDone)
    def _index_done(self, message: IndexDone) -> None:
        self.indexing = False
        self.progress_bar.display = False
        self.plans = message.plans
        self.source.say_notices(self.notify)
        for err in message.errors:
            self.notify(err, severity="warning", timeout=6)
        self.plans_table.set_rows(self.plans)

    def _status(self, text: str) -> None:
        self.status_line.update(label_line(text))

    # -- rows -----------------------------------------------------------------------------------

    @on(TableFilled, "#library-plans")
    def _filled(self) -> None:
        if not self.indexing:
            self._status_line()
            self._show_keywords()

    def _status_line(self) -> None:
        """The highlighted plan's full title (the table may have cut it), then the counts."""
        n, total = len(self.shown), len(self.plans)
        shown = f"{n} of {total} plans" if n != total else f"{total} plans"
        open_, search, targets, sort = self._keys(
            "library.open", "library.search", "library.targets", "library.sort"
        )
        hints = (
            f"{shown} · {open_} opens · {search} searches all · {targets} targets · {sort} sorts"
        )
        plan = self.selected
        self._status(f"{plan_title(plan)} · {hints}" if plan is not None else hints)

    @on(RowChosen, "#library-plans")
    def _row_chosen(self, message: RowChosen[PlanInfo]) -> None:
        self.open_plan(message.row)

    @on(DataTable.RowHighlighted, "#library-table")
    def _row_highlighted(self) -> None:
        if not self.indexing:
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
            ReaderScreen(
                paths,
                session=self.session,
                index=index,
                goto=goto,
                marks=marks,
                from_library=True,
            )
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
        panel = self.keywords_panel
        plan = self.selected
        if plan is None:
            panel.show(None)
            return
        panel.border_subtitle = content(Path(plan.path).name)
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

    @on(KeywordChosen)
    def _keyword_chosen(self, message: KeywordChosen) -> None:
        self.action_search(message.word)

    # -- actions --------------------------------------------------------------------------------

    def action_open(self) -> None:
        plan = self.selected
        if plan is not None:
            self.open_plan(plan)

    def action_search(self, query: str = "") -> None:
        if self.indexing:
            self.notify("still indexing the plans…", timeout=2)
            return
        from zoneplan_tui.tui.screens.search import SearchScreen

        self.app.push_screen(
            SearchScreen(
                self.source,
                self.open_hit,
                query=query,
                store=self.session.store,
                keymap=self.session.keymap,
            )
        )

    def action_targets(self) -> None:
        if self.indexing:
            self.notify("still indexing the plans…", timeout=2)
            return
        from zoneplan_tui.tui.screens.targets import TargetsScreen

        # The plans the table shows are the columns: filter the library to compare a few
        # (a filter that matches none leaves every plan).
        self.app.push_screen(
            TargetsScreen(self.source, plans=self.shown or None, keymap=self.session.keymap)
        )

    def action_compare(self) -> None:
        plan = self.selected
        if plan is None:
            return
        marked = self.compare_mark
        if marked is None or marked.sha256 == plan.sha256:
            self.compare_mark = None if marked is not None else plan
            what = "marked for comparison" if marked is None else "no longer marked"
            key = self._keys("library.compare")[0]
            more = f"; {key} on another plan compares the two" if marked is None else ""
            self.notify(f"{plan_title(plan)}: {what}{more}", timeout=4)
            return
        self.compare_mark = None
        self.compare_plans(marked, plan)

    def compare_plans(self, first: PlanInfo, second: PlanInfo) -> None:
        """The two plans compared, the older (by year, else the first picked) as A."""
        from zoneplan_tui.tui.screens.compare import CompareScreen

        a, b = first, second
        if a.year and b.year and b.year < a.year:
            a, b = b, a
        self.app.push_screen(
            CompareScreen(
                Path(a.path),
                Path(b.path),
                session=self.session,
                stored_targets=self.source.targets,
            )
        )

    def action_filter(self) -> None:
        self.plans_table.focus_filter()

    def action_sort(self) -> None:
        self.plans_table.cycle_sort()

    def action_reverse(self) -> None:
        self.plans_table.reverse()

    def action_keywords(self) -> None:
        self.keywords_panel.focus()

    def action_back(self) -> None:
        table = self.plans_table.table
        if not table.has_focus:
            table.focus()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen.of(self, self.session.keymap))

    def action_quit(self) -> None:
        self.app.exit()
