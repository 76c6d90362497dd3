"""The reader: outline tree beside the text, breadcrumb above it, figures panel below.

The screen owns the state (which plan, its analysis) and routes messages between widgets; the
widgets never talk to each other or to the store directly.
"""

from __future__ import annotations

import shlex
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Footer, Header, Input
from textual.worker import Worker, get_current_worker

from zoneplan_tui.core.document import Document
from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.core.overrides import Overrides
from zoneplan_tui.core.textmatch import fold
from zoneplan_tui.formats.load import load_document
from zoneplan_tui.tui import clipboard
from zoneplan_tui.tui.bindings import hint
from zoneplan_tui.tui.commands import KeysProvider, SectionsProvider
from zoneplan_tui.tui.placed_note import PlacedNote
from zoneplan_tui.tui.screens.base import FooterScreen
from zoneplan_tui.tui.screens.dialogs import DocumentSwitcher, HelpScreen
from zoneplan_tui.tui.screens.messages import (
    AnalysisReady,
    DocumentLoaded,
    LoadFailed,
    NotesLoaded,
    SearchTextReady,
)
from zoneplan_tui.tui.screens.reader_corrections import ReaderCorrections, overrides_for
from zoneplan_tui.tui.screens.reader_notes import ReaderNotes
from zoneplan_tui.tui.session import Session
from zoneplan_tui.tui.styles import figure_style
from zoneplan_tui.tui.widgets.breadcrumb import Breadcrumb
from zoneplan_tui.tui.widgets.figure_legend import kind_legend
from zoneplan_tui.tui.widgets.figures_panel import FiguresPanel
from zoneplan_tui.tui.widgets.messages import (
    CopyRequested,
    CursorMoved,
    NoteDeleteRequested,
    NoteEditRequested,
    NoteReattachRequested,
    RowChosen,
    SectionChosen,
    TopChanged,
)
from zoneplan_tui.tui.widgets.notes_panel import NotesPanel
from zoneplan_tui.tui.widgets.outline_tree import OutlineTree
from zoneplan_tui.tui.widgets.status_bar import StatusBar
from zoneplan_tui.tui.widgets.text_view import TextView

if TYPE_CHECKING:  # types only: the analysis loads in the worker that runs it, so the
    # plan's text is on screen without waiting for the outline and figure rules to import
    from zoneplan_tui.core.analysis import Analysis
    from zoneplan_tui.core.figures import Figure

HITS_LAYER = "library_hits"  # the matches of a library search hit the reader was opened at
HITS_STYLE = "bold underline"
# The analysis waits for the text to be drawn, at most this long (seconds): importing and
# running the outline and figure rules in the worker would otherwise hold the interpreter
# while the first screen is painted (issue 14: first paint within 0.25 s of a bare app).
TEXT_FIRST_WAIT = 0.5


class ReaderScreen(FooterScreen):
    COMMANDS = FooterScreen.COMMANDS | {KeysProvider, SectionsProvider}
    BINDINGS = [
        Binding(
            "left_square_bracket",
            "prev_section",
            "Prev §",
            id="reader.prev-section",
            key_display="[",
            tooltip="Jump to the previous section",
        ),
        Binding(
            "right_square_bracket",
            "next_section",
            "Next §",
            id="reader.next-section",
            key_display="]",
            tooltip="Jump to the next section",
        ),
        Binding(
            "slash",
            "search",
            "Search",
            id="reader.search",
            key_display="/",
            tooltip="Search in the document (内湖区 finds 內湖區 too, 家具 傢俱, ８％ 8%); "
            "Esc ends the search",
        ),
        Binding(
            "n",
            "note_or_next",
            "Note",
            id="reader.note",
            tooltip="A note on the selection, else on the paragraph under the cursor (on a noted "
            "passage: edit that note); while a search shows its matches: the next match",
        ),
        Binding(
            "N",
            "prev_match",
            "Prev match",
            id="reader.prev-match",
            show=False,
            tooltip="The previous match of the search",
        ),
        Binding(
            "t",
            "tag",
            "Tag",
            id="reader.tag",
            tooltip="Tag the selection or the paragraph: the note editor with its tag field "
            "focused (tags complete from existing ones)",
        ),
        Binding(
            "a",
            "toggle_notes",
            "Notes",
            id="reader.notes",
            tooltip="Show or hide the notes panel: this plan's notes, filtered by tag or text",
        ),
        Binding(
            "u",
            "undo",
            "Undo",
            id="reader.undo",
            show=False,
            tooltip="Undo the last note delete or edit",
        ),
        Binding(
            "T",
            "tags",
            "Tags",
            id="reader.tags",
            show=False,
            tooltip="All tags with counts across plans: rename, merge, delete",
        ),
        Binding(
            "y",
            "copy",
            "Copy",
            id="reader.copy",
            show=False,
            tooltip="Copy the selection, else the paragraph under the cursor, to the clipboard "
            "(in a panel: its row; ctrl+c copies a selection too)",
        ),
        Binding(
            "H",
            "mark_heading",
            "Heading",
            id="reader.heading",
            show=False,
            tooltip="Correct the outline at the cursor's line: a heading of level 1–6, or 0 for "
            "no heading (kept with the notes; the outline follows)",
        ),
        Binding(
            "o",
            "toggle_outline",
            "Outline",
            id="reader.outline",
            tooltip="Show or hide the outline tree",
        ),
        Binding(
            "f",
            "toggle_figures",
            "Figures",
            id="reader.figures",
            tooltip="Show or hide the figures panel: this plan's figures, filtered by kind and "
            "text, sorted by a column",
        ),
        Binding(
            "c",
            "toggle_highlight",
            "Colours",
            id="reader.highlight",
            tooltip="Figure highlighting on or off",
        ),
        Binding(
            "d",
            "switch_document",
            "Docs",
            id="reader.documents",
            tooltip="Switch to another open document (when several are open)",
        ),
        Binding(
            "tab",
            "app.focus_next",
            "Next pane",
            id="reader.next-pane",
            show=False,
            tooltip="Switch between the outline, the text and the open panel",
        ),
        Binding(
            "escape",
            "clear",
            "Clear",
            id="reader.clear",
            show=False,
            tooltip="Close the search or a panel, clear the search's matches; in a plan opened "
            "from the library: clear the marked matches of the hit, then back",
        ),
        Binding(
            "question_mark",
            "help",
            "Help",
            id="reader.help",
            key_display="?",
            tooltip="This help: every key of the reader",
        ),
        Binding(
            "q",
            "quit",
            "Quit",
            id="reader.quit",
            tooltip="Quit zoneplan; the plan reopens where you left it",
        ),
    ]

    def __init__(
        self,
        paths: list[Path],
        *,
        session: Session | None = None,
        index: int = 0,
        goto: tuple[int, int] | None = None,
        marks: Sequence[tuple[int, int]] = (),
        from_library: bool = False,
    ) -> None:
        """`session`: the notes store and the rest the app shares (default: none, positions kept
        for this run); `index` is the plan to open first; `goto` a span of it to show and flash
        (a search hit) instead of the remembered position, `marks` spans of it to keep
        highlighted (the hit's matches; Esc clears them); `from_library`: Esc, with nothing left
        to clear, goes back to the screen below (the library or its search results)."""
        super().__init__()
        self.session = session if session is not None else Session()
        self.paths = paths
        self.index = index
        self._goto = goto
        self._marks = list(marks)
        self._marked = False
        self.from_library = from_library
        self.doc: Document | None = None
        self.plan: Analysis | None = None
        self.notes = ReaderNotes(self, self.session.store, self.session.keymap)
        self.corrections = ReaderCorrections(
            self, self.session.store, self.reanalyse, self.notes.reload
        )
        self.notes.on_store_changed = self._corrections_maybe_changed
        self._overrides: Overrides | None = None  # the corrections the shown outline applies
        self._figure_starts: list[int] = []
        self._text_shown = threading.Event()
        self._cursor_line = 0
        self._top_offset = 0
        self._save_timer: Timer | None = None
        self._highlight = True

    # -- the widgets ---------------------------------------------------------------------------

    @property
    def text_view(self) -> TextView:
        return self.query_one(TextView)

    @property
    def outline_tree(self) -> OutlineTree:
        return self.query_one(OutlineTree)

    @property
    def breadcrumb(self) -> Breadcrumb:
        return self.query_one(Breadcrumb)

    @property
    def status_bar(self) -> StatusBar:
        return self.query_one(StatusBar)

    @property
    def search_input(self) -> Input:
        return self.query_one("#search", Input)

    @property
    def figures_panel(self) -> FiguresPanel:
        return self.query_one(FiguresPanel)

    @property
    def notes_panel(self) -> NotesPanel:
        return self.query_one(NotesPanel)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield OutlineTree(id="outline")
            with Vertical(id="reader"):
                yield Breadcrumb(id="breadcrumb")
                yield TextView(id="text")
                close = hint(ReaderScreen, "reader.clear", self.session.keymap)
                search = Input(
                    placeholder=f"search this document (Enter: find, {close}: close)", id="search"
                )
                search.display = False
                yield search
        panel = FiguresPanel(id="figures")
        panel.display = False
        panel.border_title = "Figures"
        yield panel
        notes = NotesPanel(id="notes", classes="bottom-panel")
        notes.display = False
        notes.border_title = "Notes"
        yield notes
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        width = self.session.outline_width
        if width is not None:
            tree = self.outline_tree
            tree.styles.width = width
            if isinstance(width, str):  # a share the reader chose: not capped at 45%
                tree.styles.max_width = "100%"
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.text_view.focus()
        self.notes.start()
        self.open_document(self.index)

    # -- loading -------------------------------------------------------------------------------

    def open_document(self, index: int) -> None:
        self._save_position()
        if self._marked:  # load() drops the layer; the status line must follow
            self._marked = False
            self.status_bar.search = ""
        self.index = index
        self.doc = None
        self.plan = None
        self._figure_starts = []
        self.status_bar.document = f"loading {self.paths[index].name}…"
        self._load(index, self.paths[index])

    @work(thread=True, exclusive=True, group="load")
    def _load(self, index: int, path: Path) -> None:
        # Text first, analysis second: the reader sees the plan before the outline is parsed.
        worker = get_current_worker()
        try:
            doc = self.session.take_preloaded(path) or load_document(path)
        except DocumentError as exc:
            self.post_message(LoadFailed(index, str(exc)))
            return
        if worker.is_cancelled:
            return
        shown = self._text_shown = threading.Event()
        self.post_message(DocumentLoaded(index, doc))
        shown.wait(TEXT_FIRST_WAIT)
        if worker.is_cancelled:
            return
        self._analyse(index, doc, worker)

    def _analyse(self, index: int, doc: Document, worker: Worker[None]) -> None:
        from zoneplan_tui.core.analysis import analyse

        overrides = overrides_for(self.session.store, doc)
        plan = analyse(doc, offload=True, overrides=overrides)
        if not worker.is_cancelled:
            self._overrides = overrides
            self.post_message(AnalysisReady(index, plan))
        folded = fold(doc.text)
        if not worker.is_cancelled:
            self.post_message(SearchTextReady(index, doc.text, folded))

    def reanalyse(self) -> None:
        """Parse the open plan again: its corrections changed."""
        if self.doc is not None:
            self._reanalyse(self.index, self.doc)

    @work(thread=True, exclusive=True, group="load")
    def _reanalyse(self, index: int, doc: Document) -> None:
        self._analyse(index, doc, get_current_worker())

    def _corrections_maybe_changed(self) -> None:
        # `zoneplan notes correct` in another terminal: the outline follows, as notes do.
        if self.doc is None or self.plan is None:
            return
        if overrides_for(self.session.store, self.doc) != self._overrides:
            self.reanalyse()

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        self.notify(message.error, severity="error", timeout=8)
        self.status_bar.document = f"cannot open {self.paths[message.index].name}"

    @on(DocumentLoaded)
    def _document_loaded(self, message: DocumentLoaded) -> None:
        if message.index != self.index:
            return
        doc = self.doc = message.doc
        text = self.text_view
        text.load(doc.text)
        status = self.status_bar
        status.document = doc.name
        status.detail = ""
        many = f" ({self.index + 1}/{len(self.paths)})" if len(self.paths) > 1 else ""
        self.title = doc.name
        self.sub_title = f"{doc.line_count} lines · {len(doc.text):,} characters{many}"
        position = self._reading_position(doc)
        if self._goto is not None:
            start, end = self._goto
            self._goto = None
            start = min(start, len(doc.text))
            text.move_cursor(start)
            text.scroll_to_offset(start, top=False)
            text.flash(start, min(end, len(doc.text)))
            if self._marks:
                text.set_spans(HITS_LAYER, [(s, e, HITS_STYLE) for s, e in self._marks])
                self._marked = True
                status.search = f"{len(self._marks)} matched (Esc clears)"
            self._marks = []
        elif position:
            text.move_cursor(min(position, len(doc.text)), top=True)
        self._top_offset = text.top_offset
        self._update_position(text.cursor, force=True)
        self.notes.open(doc)
        self.call_after_refresh(self._text_shown.set)  # the analysis may start

    @on(AnalysisReady)
    def _analysis_ready(self, message: AnalysisReady) -> None:
        if message.index != self.index or self.doc is None:
            return
        plan = self.plan = message.plan
        self._figure_starts = [f.start for f in plan.figures]
        if plan.outline.title:
            self.title = plan.outline.title
        self.outline_tree.show_outline(plan.doc, plan.outline, plan.section_counts)
        self._apply_figure_spans()
        self.figures_panel.show_plan(plan, dark=self.app.current_theme.dark)
        self._update_position(self.text_view.cursor, force=True)
        # The cursor may have settled on a figure before the figures were known.
        self._describe_figure_at(self.text_view.cursor)
        self.notes.set_plan(plan)

    @on(SearchTextReady)
    def _search_text_ready(self, message: SearchTextReady) -> None:
        if message.index == self.index:
            self.text_view.set_search_text(message.text, message.folded)

    @on(NotesLoaded)
    def _notes_loaded(self, message: NotesLoaded) -> None:
        self.notes.loaded(message)

    def _apply_figure_spans(self) -> None:
        if self.plan is None:
            return
        dark = self.app.current_theme.dark
        spans = [(f.start, f.end, figure_style(f.kind, dark)) for f in self.plan.figures]
        self.text_view.set_spans("figures", spans)

    def _theme_changed(self, _theme: object) -> None:
        self._apply_figure_spans()
        self.notes.show()
        if self.plan is not None:
            self.figures_panel.show_plan(self.plan, dark=self.app.current_theme.dark)

    # -- tree <-> text sync --------------------------------------------------------------------

    @on(SectionChosen)
    def _section_chosen(self, message: SectionChosen) -> None:
        self.go_to_line(message.line)

    def go_to_line(self, line: int) -> None:
        if self.doc is None:
            return
        line = max(1, min(line, self.doc.line_count))
        self.text_view.move_cursor(self.doc.line_start(line), top=True)

    def sections(self) -> list[tuple[str, int]]:
        """(indented heading, line) of every section: the palette's "go to section"."""
        if self.plan is None:
            return []
        return [
            (f"{'  ' * (h.level - 1)}{h.marker}{h.title}", h.line)
            for h in self.plan.outline.headings
        ]

    @on(TopChanged)
    def _top_changed(self, message: TopChanged) -> None:
        self._top_offset = message.offset
        self._schedule_save()

    @on(CursorMoved)
    def _cursor_moved(self, message: CursorMoved) -> None:
        self._update_position(message.offset)
        self._describe_figure_at(message.offset)

    def _describe_figure_at(self, offset: int) -> None:
        """The figure under the cursor in the status line: its kind, coloured, and value."""
        figure = self.figure_at(offset)
        status = self.status_bar
        if figure is None:
            status.detail = ""
            status.kind = ("", "")
            return
        # Here, not at the top: the figure rules load with the analysis, after the first paint.
        from zoneplan_tui.core.figures import describe

        status.detail = describe(figure)
        status.kind = (figure.kind, figure_style(figure.kind, self.app.current_theme.dark))

    def _update_position(self, offset: int, *, force: bool = False) -> None:
        """The section being read is the cursor's: it is always in view (the view pulls it
        along when scrolled) and, unlike the top row, can reach the last heading."""
        doc = self.doc
        if doc is None:
            return
        line = doc.line_of(offset)
        percent = 100 * offset // max(1, len(doc.text))
        self.status_bar.position = f"line {line}/{doc.line_count} · {percent}%"
        if line == self._cursor_line and not force:
            return
        self._cursor_line = line
        if self.plan is None:
            return
        outline = self.plan.outline
        title = outline.title or doc.name
        path = tuple(f"{h.marker}{h.title}" for h in outline.section_path(line))
        self.breadcrumb.path = (title, *path)
        self.outline_tree.show_line(line)

    def figure_at(self, offset: int) -> Figure | None:
        if self.plan is None:
            return None
        i = bisect_right(self._figure_starts, offset) - 1
        if i >= 0:
            figure = self.plan.figures[i]
            if figure.start <= offset < figure.end:
                return figure
        return None

    @on(RowChosen, "#figures")
    def _figure_chosen(self, message: RowChosen[Figure]) -> None:
        self._flash(message.row.start, message.row.end)

    def _flash(self, start: int, end: int) -> None:
        text = self.text_view
        text.move_cursor(start)
        text.scroll_to_offset(start, top=False)
        text.flash(start, end)

    # -- notes: the panel's requests go to the notes ----------------------------------------------

    @on(RowChosen, "#notes")
    def _note_chosen(self, message: RowChosen[PlacedNote]) -> None:
        self.notes.jump_to(message.row)

    @on(NoteEditRequested)
    def _note_edit(self, message: NoteEditRequested) -> None:
        self.notes.edit(message.note)

    @on(NoteDeleteRequested)
    def _note_delete(self, message: NoteDeleteRequested) -> None:
        self.notes.delete(message.note)

    # -- copy ------------------------------------------------------------------------------------

    @on(CopyRequested)
    def _copy_requested(self, message: CopyRequested) -> None:
        if message.widget is self.text_view:
            self.action_copy()  # the selection, with its line numbers for the notification
        else:
            self.copy(message.text, what=message.what, source=message.source)

    def copy(
        self, text: str, *, what: str, source: str, lines: tuple[int, int] | None = None
    ) -> None:
        """Copy `text`; where the terminal refuses, the notification names the zoneplan command
        that prints the same (`source`: text, numbers, notes, outline)."""
        clipboard.copy(self.app, text, what=what, otherwise=self._copy_otherwise(source, lines))

    def _copy_otherwise(self, source: str, lines: tuple[int, int] | None) -> str:
        plan = shlex.quote(str(self.paths[self.index]))
        command = "notes list" if source == "notes" else source
        where = {
            "text": "prints the plan",
            "numbers": "lists every figure",
            "notes": "lists the notes",
            "outline": "prints the outline",
        }.get(source, "prints it")
        said = f"`zoneplan {command} {plan}` {where}"
        if lines is not None:
            first, last = lines
            said += f" (line {first})" if first == last else f" (lines {first}–{last})"
        return said + "."

    def action_copy(self) -> None:
        """The selection, else the paragraph (line) under the cursor."""
        doc = self.doc
        text = self.text_view
        if doc is None:
            return
        if text.selection:  # exactly what is selected
            start, end = text.selection
            what = "the selection"
            passage = doc.text[start:end]
        else:  # the line, without the indent and trailing blanks around it
            line = doc.line_of(text.cursor)
            start = doc.line_start(line)
            end = start + len(doc.line_text(line))
            what = "the paragraph"
            passage = doc.text[start:end].strip()
        if not passage.strip():
            self.notify("nothing to copy here: an empty line", timeout=2)
            return
        lines = (doc.line_of(start), doc.line_of(max(start, end - 1)))
        self.copy(passage, what=what, source="text", lines=lines)

    # -- reading position ----------------------------------------------------------------------

    def _reading_position(self, doc: Document) -> int | None:
        try:
            return self.session.reading_position(doc)
        except Exception as exc:  # an unreadable notes file: start at the top
            self.notify(f"could not read the reading position: {exc}", severity="error")
            return None

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(1.5, self._save_position)

    def _save_position(self) -> None:
        if self.doc is None:
            return
        try:
            self.session.save_reading_position(self.doc, self._top_offset)
        except Exception as exc:  # a full disk must not take the reader down with it
            self.notify(f"could not save the reading position: {exc}", severity="error")

    def on_unmount(self) -> None:
        self._text_shown.set()  # a worker still waiting to analyse goes on (and ends)
        self._save_position()

    # -- actions -------------------------------------------------------------------------------

    def _section_lines(self) -> list[int]:
        return [h.line for h in self.plan.outline.headings] if self.plan else []

    def _line_at_cursor(self) -> int:
        # Read the widget, not the last CursorMoved: keys can arrive before that message.
        return self.doc.line_of(self.text_view.cursor) if self.doc else 0

    def action_next_section(self) -> None:
        lines = self._section_lines()
        i = bisect_right(lines, self._line_at_cursor())
        if i < len(lines):
            self.go_to_line(lines[i])
        else:
            self.notify("last section", timeout=2)

    def action_prev_section(self) -> None:
        lines = self._section_lines()
        i = bisect_right(lines, self._line_at_cursor() - 1) - 1
        if i >= 0:
            self.go_to_line(lines[i])
        elif lines or self.doc is not None:
            self.text_view.move_cursor(0, top=True)

    def action_search(self) -> None:
        search = self.search_input
        search.display = True
        search.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        text = self.text_view
        query = event.value.strip()
        event.input.display = False
        text.focus()
        if not query:
            text.clear_search()
            self.status_bar.search = ""
            return
        count = text.search(query)
        if not count:
            self.notify(f"「{query}」 not found", severity="warning", timeout=3)
        self._show_match_status()

    def _show_match_status(self) -> None:
        text = self.text_view
        if text.match_count:
            index = (text.current_match_index or 0) + 1
            self.status_bar.search = f"match {index}/{text.match_count} (n/N, Esc ends)"
        else:
            self.status_bar.search = ""

    def action_note_or_next(self) -> None:
        # `n` is "next match" only while a search is showing its matches (Esc ends that) and
        # nothing is selected; otherwise it is the note key.
        text = self.text_view
        if text.match_count and not text.selection:
            self.action_next_match()
        else:
            self.notes.note()

    def action_note(self) -> None:
        self.notes.note()

    def action_note_section(self) -> None:
        self.notes.note(whole_section=True)

    def action_tag(self) -> None:
        self.notes.note(focus="tags")

    def action_undo(self) -> None:
        self.notes.undo()

    def action_tags(self) -> None:
        self.notes.tags()

    def action_toggle_notes(self) -> None:
        panel = self.notes_panel
        panel.display = not panel.display
        if panel.display:
            self.figures_panel.display = False
            panel.table.focus()
        else:
            self.text_view.focus()

    def action_next_match(self) -> None:
        text = self.text_view
        if text.match_count:
            text.next_match()
            self._show_match_status()

    def action_prev_match(self) -> None:
        text = self.text_view
        if text.match_count:
            text.prev_match()
            self._show_match_status()

    def action_clear(self) -> None:
        search = self.search_input
        text = self.text_view
        if search.display:
            search.display = False
            text.focus()
            return
        if text.match_count:
            text.clear_search()
            self.status_bar.search = ""
            return
        if self._marked:
            self._marked = False
            text.set_spans(HITS_LAYER, [])
            self.status_bar.search = ""
            return
        for panel in (self.figures_panel, self.notes_panel):
            if panel.display:
                panel.display = False
                text.focus()
                return
        if text.selection:
            return  # the text view's own Esc clears it
        if self.from_library:
            self._save_position()
            self.dismiss()

    def action_toggle_outline(self) -> None:
        tree = self.outline_tree
        tree.display = not tree.display
        if not tree.display and tree.has_focus:
            self.text_view.focus()

    def action_toggle_figures(self) -> None:
        panel = self.figures_panel
        panel.display = not panel.display
        if panel.display:
            self.notes_panel.display = False
            panel.ensure_filled()
            panel.table.focus()
        else:
            self.text_view.focus()

    def action_toggle_highlight(self) -> None:
        self._highlight = not self._highlight
        self.text_view.set_layer_visible("figures", self._highlight)
        self.notify(f"figure highlighting {'on' if self._highlight else 'off'}", timeout=2)

    def action_switch_document(self) -> None:
        if len(self.paths) < 2:
            self.notify("only one document is open", timeout=2)
            return

        def chosen(index: int | None) -> None:
            if index is not None and index != self.index:
                self.open_document(index)

        self.app.push_screen(DocumentSwitcher(self.paths, self.index), chosen)

    def export_annotated(self) -> None:
        if self.doc is None:
            self.notify("the plan is still loading", timeout=2)
            return
        # Here, not at the top: the exporters stand on the analysis, which opening a plan
        # loads only after the text is drawn.
        from zoneplan_tui.tui.screens.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog(self.doc, self.plan, self.session))

    def action_help(self) -> None:
        legend = kind_legend(self.app.current_theme.dark)
        self.app.push_screen(HelpScreen.of(self, self.session.keymap, legend=legend))

    # -- corrections -------------------------------------------------------------------------------

    def action_mark_heading(self) -> None:
        if self.doc is not None:
            line = self.doc.line_of(self.text_view.cursor)
            self.corrections.ask_heading(self.doc, self.plan, line)

    def correct_plan(self) -> None:
        if self.doc is None:
            return
        from zoneplan_tui.core.planmeta import plan_meta

        title, body, year = self.doc.path.stem, "", None
        if self.plan is not None:
            overrides = overrides_for(self.session.store, self.doc)
            meta = plan_meta(self.doc, self.plan.outline, overrides)
            title, body, year = meta.title, meta.body or "", meta.year
        self.corrections.ask_plan(self.doc, title, body, year)

    @on(NoteReattachRequested)
    def _reattach(self, message: NoteReattachRequested) -> None:
        if self.doc is not None:
            selection = self.text_view.selection
            self.corrections.reattach(self.doc, self.plan, message.note, selection)

    def action_quit(self) -> None:
        self._save_position()
        self.app.exit()

    # -- the palette: what has no key ------------------------------------------------------------

    def palette_commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        yield (
            "Note on this section",
            "A note on the whole section under the cursor",
            self.action_note_section,
        )
        yield (
            "Export annotated plan…",
            "This plan with its notes: Word with comments, a web page, or Markdown by section",
            self.export_annotated,
        )
        yield (
            "Correct the plan's title, issuing body and year",
            "Kept with the notes; the library and `zoneplan outline` use them too",
            self.correct_plan,
        )
        for i, path in enumerate(self.paths):
            if i != self.index:
                yield (
                    f"Open {path.name}",
                    "Switch to this document",
                    partial(self.open_document, i),
                )
